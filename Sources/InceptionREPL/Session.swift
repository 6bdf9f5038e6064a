import Foundation
import InceptionCurriculum
import InceptionLanguage
import InceptionNetworkBuiltins
import InceptionModel
import InceptionRuntime

/// The REPL: reads lines, runs `:commands` and lesson-language statements, and keeps the
/// learner's place in a lesson. All output goes through `write`, so tests can capture it.
public final class Session {
    public let terminal: Terminal
    let reader: LineReader
    let write: (String) -> Void
    let store: StateStore
    var progress: StateStore.Progress
    /// The progress as last read or written: saving applies the changes since then to the
    /// file's contents, so a pass `inception check` records meanwhile is kept.
    var savedProgress: StateStore.Progress
    let lessonsDirectory: String?

    let interpreter: Interpreter
    /// Keeps every module's output of the last run, for :shape, :stats, :heatmap, …
    let recorder = TraceRecorder(capBytes: 1 << 30)
    let freshRun = FreshRunMarker()
    let whereTracker = WhereTracker()
    /// The widest line the code printed in this evaluation, to say when it did not fit.
    let widestPrinted = WidestLine()
    var printer: TracePrinter?
    var stepper: TraceStepper?
    var breakpoints: Set<String> = []
    /// `:step` typed while nothing runs: pause at the first module of the next run.
    var stepArmed = false
    /// While paused inside a forward pass: what the learner is looking at.
    var pausedAt: ModuleEnter?
    /// Where a backward pass is paused (`loss.backward()` with a breakpoint or :step).
    var pausedBackwardAt: BackwardStep?
    /// Each module's output gradient in the last backward pass (`:grad`, `X.grad` in :stats…).
    let gradients = GradientRecorder()
    var showExits = false
    var running = false
    var quitRequested = false
    var training = false
    var cachedReference: Module?
    var cachedCurriculum: Curriculum?
    /// Why the lessons' manifest could not be read, when it exists and is broken.
    var manifestProblem: String?
    /// Exercises whose solution was asked for once before an attempt (the second ask shows it).
    var solutionAsked: Set<String> = []
    /// The inspection command running now (:shape, :stats…), for what its messages suggest.
    var inspectingCommand = "shape"
    /// Whether the last evaluation stopped for Ctrl-C rather than an error.
    var lastRunInterrupted = false
    /// Lines read so far (what messages about a line of input count).
    var linesRead = 0
    /// Whether the last line read was not text and was dropped (see `readLine`).
    var lastLineRejected = false

    /// The lesson being stepped through.
    var lesson: OpenLesson?

    public init(terminal: Terminal, reader: LineReader, store: StateStore, lessonsDirectory: String?,
                write: @escaping (String) -> Void = { FileHandle.standardOutput.write(($0 + "\n").data(using: .utf8)!) }) {
        self.terminal = terminal
        self.reader = reader
        self.store = store
        self.write = write
        self.lessonsDirectory = lessonsDirectory
        if let lessonsDirectory { WritePolicy.lessonsDirectory = lessonsDirectory }
        var unreadable: String?
        self.progress = store.loadProgress { unreadable = $0 }
        self.savedProgress = progress
        if let unreadable { write("warning: " + unreadable) }
        let widest = widestPrinted
        self.interpreter = Interpreter(output: { text in
            widest.note(text)
            write(text.hasSuffix("\n") ? String(text.dropLast()) : text)
        }, builtins: .networksAndPictures)
        freshRun.recorder = recorder
        freshRun.gradients = gradients
        interpreter.context.observers = [freshRun, whereTracker, recorder, gradients]
        recorder.onCapReached = { [write] notice in write(notice) }
        reader.completions = { [unowned self] line, word in self.completions(line: line, word: word) }
        installLessonBuiltins()
        if curriculum == nil, let manifestProblem { write("warning: \(manifestProblem) — :check, :hint and :progress need it; inception check --dev validates it") }
    }

    /// exercise("id"), summary(...), savings(...), trace(...) and the other lesson helpers;
    /// a check run by a lesson cell counts in the learner's progress like :check.
    func installLessonBuiltins() {
        CurriculumBuiltins.install(in: interpreter, curriculum: curriculum) { [unowned self] id, outcome in
            self.progress.record(id, outcome)
            self.saveProgress()
        }
    }

    // MARK: the loop

    /// Reads and handles lines until :quit or end of input.
    public func run(openingLesson: String? = nil) {
        if let openingLesson { open(openingLesson) }
        else if let current = progress.currentLesson, lessonFiles().contains(where: { lessonID($0) == current }) { open(current, resume: true) }
        else if let first = lessonFiles().first { open(lessonID(first)) }
        else {
            write("No lessons found" + (lessonsDirectory.map { " in \($0) (lessons are files named NN-name.md, e.g. 01-tensors-and-shapes.md)" } ?? " (no lessons folder: --lessons DIR names one)")
                  + ". Type statements, or :help.")
        }
        while !quitRequested, let line = readLine(prompt: prompt) {
            handle(line)
        }
        saveProgress()
    }

    var prompt: String {
        if let paused = pausedAt { return "(paused at \(paused.path.isEmpty ? paused.module.typeName : paused.path)) > " }
        if let paused = pausedBackwardAt { return "(backward, paused at \(paused.path.isEmpty ? paused.label : paused.path)) > " }
        if let lesson { return "[\(lesson.id) \(lesson.position)/\(lesson.cells.count)] > " }
        return "inception> "
    }

    /// One line; piped input is echoed after the prompt so a transcript reads like a session
    /// (control characters escaped, so piped bytes cannot drive the terminal). A line that is
    /// not text (bytes that are not UTF-8, control characters) gets one message and is read as
    /// empty; `lastLineRejected` says so.
    func readLine(prompt: String) -> String? {
        guard let line = reader.readLine(prompt: prompt) else { return nil }
        linesRead += 1
        if !reader.interactive { write(prompt + UTF8Text.escapingControls(line)) }
        lastLineRejected = false
        if reader.lastLineWasNotUTF8 {
            write(terminal.error("<input>:\(linesRead): bytes that are not UTF-8 — type or pipe UTF-8 text; this line was not run"))
        } else if let control = UTF8Text.firstControl(line) {
            let shown = UTF8Text.escapingControls(String(control.scalar))
            write(terminal.error("<input>:\(linesRead):\(control.column): a control character (\(shown)) that code cannot hold — remove it; this line was not run"))
        } else {
            return line
        }
        lastLineRejected = true
        return ""
    }

    /// A command (":next") or code; code the scanner finds unfinished (an open bracket, a
    /// block opened with `:`) reads more lines, a block until a blank one.
    public func handle(_ rawLine: String) {
        let line = rawLine.trimmingCharacters(in: .whitespaces)
        if line.isEmpty { return }
        if line.hasPrefix(":") { runCommand(line); return }
        // Python's REPL leaves on exit() or quit(), and on exit or quit alone: so does this one,
        // unless the learner has a variable of that name (not the builtin exit() a program calls)
        let own: Bool = { switch interpreter.global(String(line.prefix { $0.isLetter })) { case nil, .builtin?: return false; default: return true } }()
        if ["exit", "exit()", "quit", "quit()"].contains(line.replacingOccurrences(of: " ", with: "")), !own {
            runCommand(":quit")
            return
        }
        var code = rawLine
        while InceptionLanguage.Scanner.needsMoreLines(code), let more = readLine(prompt: "... ") {
            if lastLineRejected { write("(the block above was not run: type it again)"); return }
            let trimmed = more.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { break }
            // A command inside a block (:quit, :help) leaves the unfinished block and runs.
            if trimmed.hasPrefix(":"), CommandTable.spec(String(trimmed.dropFirst().prefix { !$0.isWhitespace })) != nil {
                write("(the unfinished block above was not run)")
                runCommand(trimmed)
                return
            }
            code += "\n" + more
        }
        evaluate(code, file: "<input>", echo: true)
    }

    // MARK: running code

    /// Parses and runs code in the learner's interpreter; prints the value of a final
    /// expression (a tensor as its shape and statistics). Errors print and the REPL goes on.
    @discardableResult
    func evaluate(_ code: String, file: String, firstLine: Int = 1, echo: Bool) -> Bool {
        let parsed = Parser.parse(code, file: file, firstLine: firstLine)
        let source = SourceFile(name: file, text: String(repeating: "\n", count: max(0, firstLine - 1)) + code)
        guard parsed.diagnostics.isEmpty else {
            write(terminal.error(DiagnosticRenderer.render(parsed.diagnostics, sources: [file: source])))
            return false
        }
        running = true
        freshRun.armed = true
        whereTracker.reset()
        installStepper()
        interpreter.interruption.clear()
        lastRunInterrupted = false
        defer { running = false; pausedAt = nil; pausedBackwardAt = nil; showExits = false }
        widestPrinted.reset()
        defer { noteWideOutput() }
        do {
            let value = try interpreter.runInteractive(parsed.program)
            if echo, let value { write(display(value)) }
            return true
        } catch let error as RuntimeError {
            if error.underlying is ExecutionInterrupted || error.underlying is Interruption.Interrupted
                || error.diagnostic.message.hasPrefix("interrupted") {
                let message = error.diagnostic.message
                lastRunInterrupted = true
                write((message.hasPrefix("interrupted") ? message : "interrupted: \(message)") + ". Everything computed so far is kept.")
            } else {
                var sources = [file: source]
                if let lesson { sources[lesson.path] = lesson.script.source }
                write(terminal.error(DiagnosticRenderer.render([error.diagnostic], sources: sources)))
            }
        } catch {
            write(terminal.error("error: \(error)"))
        }
        return false
    }

    /// What an expression typed at the prompt shows: what Python's REPL shows (PyTorch's repr),
    /// except for tensors past PyTorch's 1,000-value summary threshold, which get one line of
    /// statistics instead of pages of "...".
    func display(_ value: Value) -> String {
        switch value {
        case .tensor(let t) where t.count > 1000 || t.isMeta: return TensorSummary.oneLine(t)
        default: return value.repr
        }
    }

    /// Ctrl-C: stop the running forward pass at the next module boundary, and a running
    /// check (`:check`, a lesson's exercise() cell) in its own interpreters.
    public func interrupt() {
        // At the debugger's prompt the pass waits for the learner: Ctrl-C there only clears
        // the line, as at any prompt, and must not stop the pass at the next :step.
        if running && pausedAt == nil && pausedBackwardAt == nil { interpreter.interruption.request() }
        CheckInterruption.request()
    }

    func saveProgress() {
        do {
            progress = try store.save(progress, since: savedProgress)
            savedProgress = progress
        } catch { write("could not save your progress: \(error)") }
    }
}

/// Clears the recorder when the first module of a new evaluation starts, so the recorder
/// always holds the last run (and a statement that runs nothing keeps the previous one).
final class FreshRunMarker: TraceObserver {
    var armed = false { didSet { if armed { gradientsArmed = true } } }
    private var gradientsArmed = false
    weak var recorder: TraceRecorder?
    weak var gradients: GradientRecorder?
    func willEnter(_ event: ModuleEnter, context: ExecutionContext) throws {
        if armed { armed = false; recorder?.reset() }
    }
    /// The same for the last backward pass's gradients.
    func willBackward(_ step: BackwardStep, context: ExecutionContext) throws {
        if gradientsArmed { gradientsArmed = false; gradients?.reset() }
    }
    func didExit(_ event: ModuleExit, output: Tensor, context: ExecutionContext) throws {}
}

extension Session {
    /// Lines wider than the terminal wrap and a table falls apart: say so, and how to read it.
    func noteWideOutput() {
        guard widestPrinted.columns > terminal.width else { return }
        write(terminal.dim("(that output is \(widestPrinted.columns) columns wide and the terminal shows \(terminal.width), so its lines wrapped:"
                           + " widen the window or zoom out, or run it outside the REPL with `inception run FILE | less -S`;"
                           + " `inception summary --style paper | less -S` shows Table 1)"))
    }
}

/// The widest line printed since the last reset, in visible characters (colour codes take no room).
final class WidestLine {
    private(set) var columns = 0
    func reset() { columns = 0 }
    func note(_ text: String) {
        for line in text.split(separator: "\n") {
            var n = 0, inEscape = false
            for ch in line {
                if ch == "\u{1B}" { inEscape = true } else if inEscape { if ch == "m" { inEscape = false } } else { n += 1 }
            }
            columns = max(columns, n)
        }
    }
}

/// The modules entered and not yet left, outermost first: what `:where` shows.
///
/// It also keeps the time spent paused at the debugger's prompt, so the times the debugger
/// shows are the module's own and not the learner's reading time.
final class WhereTracker: TraceObserver {
    private(set) var stack: [ModuleEnter] = []
    /// Seconds paused at the prompt during this run, and that total when each open module started.
    private(set) var pausedSeconds: Double = 0
    private var pausedAtStart: [Double] = []
    /// Seconds paused inside the module that exited last (between its start and its end).
    private(set) var pausedInLastExit: Double = 0
    func reset() { stack.removeAll(); pausedAtStart.removeAll(); pausedSeconds = 0; pausedInLastExit = 0 }
    /// A pause at the innermost open module's entry ended: it happened before that module's
    /// clock started, so it does not count against it.
    func addPause(_ seconds: Double, beforeInnermostStarted: Bool) {
        pausedSeconds += seconds
        if beforeInnermostStarted, !pausedAtStart.isEmpty { pausedAtStart[pausedAtStart.count - 1] += seconds }
    }
    func willEnter(_ event: ModuleEnter, context: ExecutionContext) throws { stack.append(event); pausedAtStart.append(pausedSeconds) }
    func didExit(_ event: ModuleExit, output: Tensor, context: ExecutionContext) throws {
        if let i = stack.lastIndex(where: { $0.module === event.module }) {
            pausedInLastExit = pausedSeconds - pausedAtStart[i]
            stack.removeSubrange(i...); pausedAtStart.removeSubrange(i...)
        }
    }
}
