import Foundation
import InceptionCurriculum

/// :check, :hint, :solution, :reset, :progress, :exercises — the lesson's exercises, graded by
/// the curriculum's checker, with the learner's progress kept in the state file.
extension Session {
    /// The curriculum of the lessons folder (nil when it has no manifest).
    var curriculum: Curriculum? {
        if let cached = cachedCurriculum { return cached }
        guard let dir = lessonsDirectory, FileManager.default.fileExists(atPath: dir + "/" + CurriculumLocator.manifestName) else { return nil }
        do { cachedCurriculum = try Curriculum(directory: dir) } catch { manifestProblem = "\(error)" }
        return cachedCurriculum
    }

    /// The exercises of the open lesson, in order.
    var lessonExercises: [Manifest.Exercise] {
        guard let c = curriculum, let id = lesson?.id else { return [] }
        return c.lessons.first { $0.id == id }?.exercises ?? []
    }

    /// The exercise a command without an id means: the first unsolved one of this lesson.
    func defaultExercise(_ args: String, for command: String) -> String? {
        if !args.isEmpty { return args }
        if let e = lessonExercises.first(where: { !progress.solved.contains($0.id) }) ?? lessonExercises.first { return e.id }
        write("which exercise? :\(command) ID (:exercises lists them)")
        return nil
    }

    func withCurriculum(_ body: (Curriculum) throws -> Void) {
        guard let c = curriculum else {
            if let manifestProblem { write("no exercises: \(manifestProblem) — fix it (inception check --dev validates it), then restart the REPL"); return }
            write("no exercises here: the lessons folder \(lessonsDirectory ?? "(none)") has no \(CurriculumLocator.manifestName)")
            return
        }
        do { try body(c) } catch { write("\(error)") }
    }

    func listExercises(_ args: String) {
        withCurriculum { c in
            let list = args == "all" || lessonExercises.isEmpty ? c.exercises : lessonExercises
            for e in list {
                let mark = progress.solved.contains(e.id) ? "✓" : progress.attempted.contains(e.id) ? "✗" : "·"
                write("  \(mark) \(e.id)  \(e.title)  (\(c.display(e.file)))")
            }
            if args != "all" && !lessonExercises.isEmpty { write("(:exercises all lists every lesson's)") }
        }
    }

    /// `:check` grades this lesson's exercises; `:check ID` one of them.
    func check(_ args: String) {
        withCurriculum { c in
            let ids = args.isEmpty ? lessonExercises.map(\.id) : [args]
            guard !ids.isEmpty else { write("this lesson has no exercises: :check ID, or :exercises all"); return }
            // An id the manifest does not know is a typo, not an attempt: say so, record nothing.
            if !args.isEmpty { _ = try c.exercise(args) }
            for id in ids {
                let outcome = c.check(id)
                if c.lastCheckInterrupted {       // Ctrl-C: say so, record nothing, keep the session
                    write(outcome.message + ". Nothing was recorded.")
                    break
                }
                progress.record(id, outcome)
                switch outcome {
                case .passed(let m): write(terminal.accent("✓ \(id)") + ": \(m)")
                case .notAttempted(let m): write("· \(id): \(m)")
                case .failed(let m): write(terminal.error("✗ \(id)") + ": \(m)")
                }
            }
            saveProgress()
        }
    }

    func hint(_ args: String) {
        guard let id = defaultExercise(args, for: "hint") else { return }
        withCurriculum { c in
            write(try c.nextHint(id, progress: &progress))
            saveProgress()
        }
    }

    /// Shown after an attempt, or when asked a second time.
    func solution(_ args: String) {
        guard let id = defaultExercise(args, for: "solution") else { return }
        withCurriculum { c in
            switch try c.requestSolution(id, progress: progress, askedBefore: solutionAsked.contains(id)) {
            case .show(let text): write(text)
            case .confirmFirst(let question): solutionAsked.insert(id); write(question)
            }
        }
    }

    /// Asks before putting the starter back, and keeps the learner's version as a backup.
    func reset(_ args: String) {
        // Putting a starter back is never guessed: the learner names the file to reset.
        guard !args.isEmpty else { write("Say which exercise to reset: :reset EXERCISE (:exercises lists them)."); return }
        let id = args
        withCurriculum { c in
            switch try c.reset(id, confirmed: false) {
            case .alreadyStarter(let m): write(m)
            case .reset: break
            case .confirmFirst(let question):
                write(question)
                let answer = readLine(prompt: "reset \(id)? [y/N] ")?.trimmingCharacters(in: .whitespaces).lowercased()
                guard answer == "y" || answer == "yes" else { write("not reset: \(id) is as you left it"); return }
                if case .reset(let backup) = try c.reset(id, confirmed: true) {
                    write("\(id) is the starter again; your version is in \(c.display(String(backup.dropFirst(c.directory.count + 1))))")
                }
            }
        }
    }

    func showProgress() {
        withCurriculum { c in write(ProgressReport(curriculum: c, progress: progress).render()) }
    }
}
