import Foundation

/// The REPL's curriculum commands as text in, text out, so the REPL only wires them up:
///
///     :check [EXERCISE]     check one exercise (default: the current lesson's first unsolved one)
///     :hint [EXERCISE]      the next hint, one step at a time
///     :solution [EXERCISE]  the solution: after an attempt, or when asked twice
///     :reset EXERCISE       the starter back, after a confirmation, keeping a backup
///     :progress             the progress bar and every exercise's state
///     :exercises            the exercises of the current lesson (or all), with their files
///
/// It remembers the confirmations it asked for (a second `:solution`, a repeated `:reset`) and
/// saves the progress after every change.
public final class CurriculumCommands {
    public let curriculum: Curriculum
    /// The lesson being read, for commands given without an exercise.
    public var currentLesson: String?
    /// The learner's progress, read and written through the owner (the REPL keeps one copy of
    /// the progress file's contents, so two writers never overwrite each other's fields).
    private let loadProgress: () -> StateStore.Progress
    private let saveProgress: (StateStore.Progress) -> Void

    private var solutionAsked: Set<String> = []
    private var resetAsked: String?

    public static let names = ["check", "hint", "solution", "reset", "progress", "exercises"]

    public init(curriculum: Curriculum, currentLesson: String? = nil,
                progress: @escaping () -> StateStore.Progress, save: @escaping (StateStore.Progress) -> Void) {
        self.curriculum = curriculum
        self.currentLesson = currentLesson
        self.loadProgress = progress
        self.saveProgress = save
    }

    /// Standalone: the progress lives in `store`'s file.
    public convenience init(curriculum: Curriculum, store: StateStore, currentLesson: String? = nil) {
        self.init(curriculum: curriculum, currentLesson: currentLesson,
                  progress: { store.loadProgress() }, save: { try? store.save($0) })
    }

    public var progress: StateStore.Progress { loadProgress() }

    /// Runs `:name argument`; nil when `name` is not a curriculum command.
    public func handle(_ name: String, _ argument: String) -> String? {
        let arg = argument.trimmingCharacters(in: .whitespaces)
        do {
            switch name {
            case "check": return try check(arg)
            case "hint": return try hint(arg)
            case "solution": return try solution(arg)
            case "reset": return try reset(arg)
            case "progress": return ProgressReport(curriculum: curriculum, progress: progress).render()
            case "exercises": return exerciseList()
            default: return nil
            }
        } catch {
            return "\(error)"
        }
    }

    // MARK: the commands

    func check(_ arg: String) throws -> String {
        let e = try target(arg)
        let outcome = curriculum.check(e.id)
        if curriculum.lastCheckInterrupted { return outcome.message + ". Nothing was recorded." }
        var p = progress
        p.record(e.id, outcome)
        saveProgress(p)
        switch outcome {
        case .passed(let m): return "✓ \(e.id): \(m)"
        case .failed(let m): return "✗ \(e.id): \(m)\n(:hint \(e.id) gives a hint)"
        case .notAttempted(let m): return "· \(e.id): \(m)"
        }
    }

    func hint(_ arg: String) throws -> String {
        let e = try target(arg)
        var p = progress
        let text = try curriculum.nextHint(e.id, progress: &p)
        saveProgress(p)
        return text
    }

    func solution(_ arg: String) throws -> String {
        let e = try target(arg)
        switch try curriculum.requestSolution(e.id, progress: progress, askedBefore: solutionAsked.contains(e.id)) {
        case .show(let text):
            solutionAsked.remove(e.id)
            return text
        case .confirmFirst(let question):
            solutionAsked.insert(e.id)
            return question
        }
    }

    func reset(_ arg: String) throws -> String {
        guard !arg.isEmpty else { return "Say which exercise to reset: :reset EXERCISE (:exercises lists them)." }
        let e = try curriculum.exercise(arg)
        let confirmed = resetAsked == e.id
        switch try curriculum.reset(e.id, confirmed: confirmed) {
        case .confirmFirst(let question):
            resetAsked = e.id
            return question.replacingOccurrences(of: "Confirm to reset.", with: "Type :reset \(e.id) again to confirm.")
        case .alreadyStarter(let text):
            resetAsked = nil
            return text
        case .reset(let backup):
            resetAsked = nil
            var p = progress
            p.solved.removeAll { $0 == e.id }
            saveProgress(p)
            return "\(curriculum.display(e.file)) is the starter again." + (backup.isEmpty ? "" : " Your version: \(backup)")
        }
    }

    func exerciseList() -> String {
        let progress = self.progress
        let lessons = curriculum.lessons.filter { currentLesson == nil || $0.id == currentLesson }
        var lines: [String] = []
        for lesson in lessons {
            lines.append("\(lesson.id)  \(lesson.title)")
            for e in lesson.exercises {
                let mark = progress.solved.contains(e.id) ? "✓" : progress.attempted.contains(e.id) ? "✗" : "·"
                lines.append("  \(mark) \(e.id)  \(e.title)  (\(curriculum.display(e.file)))")
            }
        }
        return lines.joined(separator: "\n")
    }

    // MARK: helpers

    /// The exercise named, or the current lesson's first unsolved one.
    func target(_ arg: String) throws -> Manifest.Exercise {
        if !arg.isEmpty { return try curriculum.exercise(arg) }
        let progress = self.progress
        let lesson = curriculum.lessons.first { $0.id == currentLesson }
        guard let lesson else {
            throw CurriculumError("say which exercise: e.g. :check basic_conv2d (:exercises lists them)")
        }
        guard let e = lesson.exercises.first(where: { !progress.solved.contains($0.id) }) ?? lesson.exercises.last else {
            throw CurriculumError("lesson \(lesson.id) has no exercises")
        }
        return e
    }
}
