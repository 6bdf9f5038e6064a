import Foundation
import InceptionLanguage

/// A lesson opened in the REPL: its cells and how far the learner has got.
struct OpenLesson {
    let id: String
    let path: String
    let script: Script
    var cells: [Notebook.Cell] { script.notebook.cells }
    /// Index of the next cell to show (0-based); `position` is the 1-based count shown so far.
    var next: Int
    var position: Int { next }
    /// The exercise the last shown cell asked for and stopped at. The cells after an exercise
    /// show its answer (the seed's code, the number), so `:next` warns once before going on.
    var unfinishedExercise: String? = nil
    /// Exercises the learner read past unsolved: a later cell that fails may need what they define.
    var skippedExercises: [String] = []
}

extension Session {
    // MARK: finding lessons

    /// Lessons/NN-name.md, in order.
    func lessonFiles() -> [String] {
        guard let dir = lessonsDirectory,
              let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return [] }
        return names.filter { $0.hasSuffix(".md") && $0.first?.isNumber == true }.sorted().map { dir + "/" + $0 }
    }

    func lessonID(_ path: String) -> String { ((path as NSString).lastPathComponent as NSString).deletingPathExtension }

    func lessonTitle(_ path: String) -> String {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return lessonID(path) }
        for line in text.split(separator: "\n") where line.hasPrefix("# ") {
            // "# 3 · The stem" → "The stem": the list numbers the lessons itself.
            let title = line.dropFirst(2)
            let digits = title.prefix { $0.isNumber }
            if !digits.isEmpty, title.dropFirst(digits.count).hasPrefix(" · ") { return String(title.dropFirst(digits.count + 3)) }
            return String(title)
        }
        return lessonID(path)
    }

    /// "3", "03", "03-the-stem", "stem", or a file path.
    func resolveLesson(_ name: String) -> String? {
        let files = lessonFiles()
        if FileManager.default.fileExists(atPath: name), name.hasSuffix(".md") || name.hasSuffix(".inc") || name.hasSuffix(".txt") { return name }
        if let n = Int(name), n >= 1, n <= files.count { return files[n - 1] }
        return files.first { lessonID($0) == name } ?? files.first { lessonID($0).contains(name.lowercased()) }
    }

    /// Whether `name` opens a lesson (a number, a name, a file): `inception NAME` asks before it
    /// takes a mistyped subcommand for a lesson.
    public func hasLesson(_ name: String) -> Bool { resolveLesson(name) != nil }

    // MARK: commands

    func listLessons() {
        let files = lessonFiles()
        guard !files.isEmpty else { write("No lessons found in \(lessonsDirectory ?? "Lessons/")."); return }
        for (i, f) in files.enumerated() {
            let id = lessonID(f)
            let here = lesson?.id == id ? "▶" : " "
            let reached = progress.cells[id].map { $0 > 0 ? " (reached cell \($0))" : "" } ?? ""
            write("\(here) \(i + 1). \(lessonTitle(f))  [\(id)]\(reached)")
        }
    }

    /// Opens a lesson at its first cell, or where the learner left it.
    func open(_ name: String, resume: Bool = false) {
        if let n = Int(name), n < 1 {
            write("no lesson \(n): lessons are numbered from 1 (:lessons lists them; :open 1 opens the first)")
            return
        }
        guard let path = resolveLesson(name) else {
            write("no lesson '\(name)': try :lessons for the list, then :open 3 or :open the-stem")
            return
        }
        let script: Script
        do { script = try Script.load(path: path) } catch { write("\(error)"); return }
        let id = lessonID(path)
        if !script.diagnostics.isEmpty {
            write(terminal.error(script.render(.syntaxErrors(script.diagnostics))))
        }
        interpreter.baseDirectory = (path as NSString).deletingLastPathComponent
        lesson = OpenLesson(id: id, path: path, script: script, next: 0)
        progress.currentLesson = id
        let reached = resume ? min(progress.cells[id] ?? 0, script.notebook.cells.count) : 0
        write(terminal.heading("Lesson \(id): \(lessonTitle(path))") + terminal.dim("  (\(script.notebook.cells.count) cell\(script.notebook.cells.count == 1 ? "" : "s"); :next shows the next one, :help lists commands)"))
        if reached > 0 {
            // Starting must be quick, so the earlier cells are not run again until asked.
            lesson?.next = reached
            write(terminal.dim("Resuming after cell \(reached). :replay runs cells 1–\(reached) again quietly (their variables are not kept between sessions); :restart starts over."))
        }
        saveProgress()
    }

    /// `:replay`: runs the cells before the current one again, quietly, to restore their variables.
    func replayCommand() {
        guard let current = lesson else { write("no lesson is open"); return }
        write(terminal.dim("running cells 1–\(current.next) of \(current.id) quietly…"))
        replay(upTo: current.next)
        write("done: \(interpreter.globalNames.filter { if case .builtin = interpreter.global($0) { return false } else { return true } }.count) variables defined")
    }

    /// Runs code cells 0..<count without showing them (to restore the state after a restart).
    func replay(upTo count: Int) {
        guard var current = lesson else { return }
        let quiet = interpreter.output
        interpreter.output = { _ in }
        for cell in current.cells.prefix(count) where cell.kind == .code {
            evaluate(cell.text, file: current.path, firstLine: cell.startLine, echo: false)
        }
        interpreter.output = quiet
        current.next = count
        lesson = current
    }

    /// Shows the next cell; a code cell is also run. → false if that cell stopped with an error.
    @discardableResult
    func nextCell() -> Bool {
        guard var current = lesson else { write("no lesson is open: :lessons lists them, :open 1 opens the first"); return false }
        if warnedAboutUnfinishedExercise() { return false }
        guard current.next < current.cells.count else {
            let next = nextLessonNumber()
            if next <= lessonFiles().count {
                write("That was the last cell of \(current.id). :open \(next) goes on to the next lesson.")
            } else {
                write("That was the last cell of \(current.id), the last lesson. :lessons lists them all; :progress shows what is left to solve.")
            }
            return false
        }
        let cell = current.cells[current.next]
        current.next += 1
        lesson = current
        progress.cells[current.id] = max(progress.cells[current.id] ?? 0, current.next)
        saveProgress()
        show(cell, number: current.next, of: current.cells.count)
        return cell.kind == .code ? runCell(cell, number: current.next, of: current) : true
    }

    /// Runs a shown code cell; when it stops, says how to run it again once fixed (the cells
    /// after it may need what it defines). → whether it ran to the end.
    func runCell(_ cell: Notebook.Cell, number: Int, of lesson: OpenLesson) -> Bool {
        let ran = evaluate(cell.text, file: lesson.path, firstLine: cell.startLine, echo: true)
        self.lesson?.unfinishedExercise = ran ? nil : Self.exerciseAsked(by: cell.text)
        if ran { return true }
        if lastRunInterrupted {
            write(terminal.dim("cell \(number) stopped (Ctrl-C): :again runs it again"))
        } else if let skipped = lesson.skippedExercises.last, Self.exerciseAsked(by: cell.text) == nil {
            write(terminal.dim("cell \(number) stopped: it may need what exercise \(skipped) defines, which was skipped above — solve it (:check \(skipped)), then :restart and :run; or fix what the error names, then :again"))
        } else {
            write(terminal.dim("cell \(number) stopped: fix what the error names, then :again runs this cell again"))
        }
        return false
    }

    /// The id in a cell's `exercise("…")`, if it has one.
    static func exerciseAsked(by code: String) -> String? {
        guard let start = code.range(of: "exercise(\""),
              let end = code[start.upperBound...].firstIndex(of: "\"") else { return nil }
        return String(code[start.upperBound..<end])
    }

    /// After a cell stopped at an unsolved exercise, the first `:next` (or `:run`) says so
    /// instead of showing the cells that give the answer away; the second one goes on.
    func warnedAboutUnfinishedExercise() -> Bool {
        guard let id = lesson?.unfinishedExercise else { return false }
        lesson?.unfinishedExercise = nil
        if case .passed = curriculum?.check(id) {
            write("exercise \(id) passes now: :again runs its cell, so that the cells after it have what it defines; :next again reads on without it")
        } else {
            write("exercise \(id) is not done yet, and the cells after it give its answer away: solve it, then :again runs the cell; :next again reads on anyway")
            if lesson?.skippedExercises.contains(id) == false { lesson?.skippedExercises.append(id) }
        }
        return true
    }

    /// Runs the current cell again: after solving the exercise it stopped at, or fixing a typo.
    func runCurrentCellAgain() {
        guard let current = lesson else { write("no lesson is open"); return }
        guard current.next > 0 else { write("Nothing shown yet: :next shows the first cell."); return }
        let cell = current.cells[current.next - 1]
        show(cell, number: current.next, of: current.cells.count)
        guard cell.kind == .code else { write("Cell \(current.next) is prose: there is nothing to run. :next goes on."); return }
        _ = runCell(cell, number: current.next, of: current)
    }

    func nextLessonNumber() -> Int {
        let files = lessonFiles()
        return ((files.firstIndex { lessonID($0) == lesson?.id } ?? -1) + 2)
    }

    func show(_ cell: Notebook.Cell, number: Int, of total: Int) {
        write(terminal.dim("── cell \(number)/\(total) " + (cell.kind == .code ? "(code) " : "") + String(repeating: "─", count: max(0, min(terminal.width, 60) - 16))))
        switch cell.kind {
        case .prose:
            // The ```output block under a code cell is for readers of the file: here the cell
            // has just run and printed its own output, so it is not shown a second time.
            write(ProseRenderer(terminal: terminal).render(ProseRenderer.withoutLeadingOutputBlock(cell.text)))
        case .code: write(cell.text.split(separator: "\n", omittingEmptySubsequences: false).map { terminal.code(">>> " + $0) }.joined(separator: "\n"))
        }
    }

    /// Goes back one cell: shows it again without re-running anything.
    func previousCell() {
        guard var current = lesson else { write("no lesson is open"); return }
        guard current.next > 1 else { write("This is the first cell."); return }
        current.next -= 1
        current.unfinishedExercise = nil
        lesson = current
        let cell = current.cells[current.next - 1]
        show(cell, number: current.next, of: current.cells.count)
        if cell.kind == .code { write(terminal.dim("(not run again: the variables keep their values; :restart runs the lesson from the top)")) }
    }

    func currentCell() {
        guard let current = lesson else { write("no lesson is open"); return }
        guard current.next > 0 else { write("Nothing shown yet: :next shows the first cell."); return }
        show(current.cells[current.next - 1], number: current.next, of: current.cells.count)
    }

    /// Runs every remaining cell, stopping at the first that fails (the ones after it would
    /// fail for want of what it defines).
    func runRest() {
        guard lesson != nil else { write("no lesson is open"); return }
        if warnedAboutUnfinishedExercise() { return }
        while let current = lesson, current.next < current.cells.count, !quitRequested {
            if !nextCell() {
                write(terminal.dim(":run stopped at cell \(current.next + 1): once it runs, :run goes on from cell \(current.next + 2)"))
                return
            }
        }
    }

    func restart() {
        guard let current = lesson else { write("no lesson is open"); return }
        interpreter.clearGlobals()
        installLessonBuiltins()
        recorder.reset()
        lesson?.next = 0
        lesson?.unfinishedExercise = nil
        progress.cells[current.id] = 0
        saveProgress()
        write("Restarted \(current.id): the variables are cleared. :next shows the first cell.")
    }
}
