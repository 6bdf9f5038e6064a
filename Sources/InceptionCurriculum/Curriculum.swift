import Foundation
import InceptionLanguage
import InceptionNetworkBuiltins
import InceptionRuntime

/// The curriculum in a `Lessons/` folder: its manifest, the learner's exercise files, their
/// starters and solutions, and the checker. This is the API the REPL's `:check`, `:hint`,
/// `:solution`, `:reset` and `:progress` and the `inception check` command call.
///
/// Layout (paths relative to the folder):
///
///     manifest.json             lessons in order, with their exercises
///     NN-name.md                a lesson: prose and ```inception code cells
///     exercises/NN-name.inc     what the learner edits (ships as a copy of the starter)
///     starters/NN-name.inc      the pristine starter: "untouched?" and :reset read it
///     solutions/NN-name.inc     the solution, shown only when asked
///     reference/*.inc           the reference blocks the checker compares with
public final class Curriculum {
    /// The lessons folder (absolute).
    public let directory: String
    public let manifest: Manifest
    private var world: ReferenceWorld?
    /// Whether Ctrl-C stopped the last check (see `CheckInterruption`): its outcome then says
    /// nothing about the learner's work, and is not recorded.
    public private(set) var lastCheckInterrupted = false
    /// The longest one check may run, in seconds (0: no limit); see `CheckTimeLimit`.
    public var timeLimit: Double = CheckTimeLimit.fromEnvironment()

    public init(directory: String) throws {
        self.directory = URL(fileURLWithPath: directory).standardizedFileURL.path
        manifest = try Manifest.load(path: URL(fileURLWithPath: self.directory).appendingPathComponent("manifest.json").path)
    }

    public var lessons: [Manifest.Lesson] { manifest.lessons }
    public var exercises: [Manifest.Exercise] { manifest.exercises }

    // MARK: finding things

    /// The exercise with this id; the error suggests the closest id.
    public func exercise(_ id: String) throws -> Manifest.Exercise {
        if let e = exercises.first(where: { $0.id == id }) { return e }
        let ids = exercises.map(\.id)
        let suggestion = closestName(to: id, among: ids).map { "did you mean '\($0)'? " } ?? ""
        throw CurriculumError("no exercise '\(id)': \(suggestion)the exercises are \(ids.joined(separator: ", "))")
    }

    /// The lesson an exercise belongs to.
    public func lesson(of exerciseID: String) -> Manifest.Lesson? {
        lessons.first { $0.exercises.contains { $0.id == exerciseID } }
    }

    /// An absolute path for a path relative to the lessons folder.
    public func path(_ relative: String) -> String {
        URL(fileURLWithPath: directory).appendingPathComponent(relative).path
    }

    /// How messages show a file: "Lessons/exercises/02-basic-conv2d.inc".
    public func display(_ relative: String) -> String {
        URL(fileURLWithPath: directory).lastPathComponent + "/" + relative
    }

    /// The file the learner edits.
    public func learnerFile(_ e: Manifest.Exercise) -> String { path(e.file) }
    /// The pristine starter, shipped beside the exercises.
    public func starterFile(_ e: Manifest.Exercise) -> String { path(sibling(e.file, folder: "starters")) }
    /// The solution, kept apart.
    public func solutionFile(_ e: Manifest.Exercise) -> String { path(sibling(e.file, folder: "solutions")) }

    /// "exercises/02-basic-conv2d.inc" → "solutions/02-basic-conv2d.inc"
    func sibling(_ file: String, folder: String) -> String {
        folder + "/" + URL(fileURLWithPath: file).lastPathComponent
    }

    func read(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The reference interpreter, built on first use, aside: a lesson cell that first asks for a
    /// reference class leaves its own random stream where it was.
    func referenceWorld() throws -> ReferenceWorld {
        if let world { return world }
        let w = try DefaultGenerator.aside { try ReferenceWorld(curriculum: self) }
        world = w
        return w
    }

    // MARK: state of an exercise

    /// Whether the learner's file is still the shipped starter.
    public func isUntouched(_ e: Manifest.Exercise) -> Bool {
        guard let text = read(learnerFile(e)), let starter = read(starterFile(e)) else { return false }
        return LearnerSource.isUntouched(text, starter: starter)
    }

    /// The hints, in the order `:hint` gives them.
    public func hints(_ id: String) throws -> [String] { try exercise(id).hints }

    /// The solution's text. Callers decide when to show it (see `SolutionPolicy`).
    public func solution(_ id: String) throws -> String {
        let e = try exercise(id)
        guard let text = read(solutionFile(e)) else {
            throw CurriculumError("the solution of \(id) is missing: \(display(sibling(e.file, folder: "solutions")))")
        }
        return text
    }

    // MARK: checking

    /// Checks one exercise: not attempted (still the starter), failed with the first
    /// divergence and its fix, or passed.
    public func check(_ id: String) -> CheckOutcome {
        lastCheckInterrupted = false
        let e: Manifest.Exercise
        do { e = try exercise(id) } catch { return .failed("\(error)") }
        switch learnerText(e) {
        case .success(let text): return check(e, source: text)
        case .failure(let problem): return .failed(problem.description)
        }
    }

    /// The learner's file as the checker and a lesson's exercise() cell both read it: UTF-8,
    /// or the reason it cannot be used (missing, a folder, unreadable, not UTF-8) with the fix.
    func learnerText(_ e: Manifest.Exercise) -> Result<String, CurriculumError> {
        let file = learnerFile(e), shown = display(e.file)
        let starter = display(sibling(e.file, folder: "starters"))
        let restore = "`:reset \(e.id)` in the REPL puts the starter back (or copy \(starter) to \(shown))"
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory) else {
            return .failure(CurriculumError("\(shown) is missing — \(restore)"))
        }
        if isDirectory.boolValue {
            return .failure(CurriculumError("\(shown) is a folder, not a file — move it away, then \(restore)"))
        }
        guard let data = FileManager.default.contents(atPath: file) else {
            return .failure(CurriculumError("\(shown) cannot be read (check its permissions: chmod u+r \(shown)) — or \(restore)"))
        }
        switch LearnerSource.decode(data) {
        case .success(let text): return .success(text)
        case .failure(let line):
            return .failure(CurriculumError("\(shown):\(line.line): bytes that are not UTF-8 — save the file as UTF-8 (your editor's encoding setting) and check again"))
        }
    }

    /// Checks `text` as if it were the learner's file of `e` (the dev check runs the starters
    /// and the solutions through this).
    func check(_ e: Manifest.Exercise, source text: String) -> CheckOutcome {
        let shown = display(e.file)
        lastCheckInterrupted = false
        if let starter = read(starterFile(e)), LearnerSource.isUntouched(text, starter: starter) {
            return .notAttempted("not attempted yet: open \(shown) and replace the TODOs")
        }
        if let todo = LearnerSource.firstTodoLine(text) {
            return .failed("\(shown):\(todo.line): still a TODO here: `\(todo.text)` — replace the TODO with your code")
        }
        CheckInterruption.begin()
        var alarm: CheckAlarm?
        var outcome: CheckOutcome
        do {
            // aside: a check in the middle of a session leaves the learner's random stream alone
            // recording on, and the session's grad mode as it was afterwards (CheckRecording)
            outcome = try CheckRecording.on { try DefaultGenerator.aside {
                let world = try referenceWorld()
                CheckInterruption.register(world.interpreter.interruption)
                alarm = CheckAlarm(seconds: timeLimit)      // the check is timed, not the reference's first loading
                switch e.kind {
                case .block: return try BlockCheck(curriculum: self, exercise: e, world: world, source: text).run()
                case .number: return try NumberCheck(curriculum: self, exercise: e, world: world, source: text).run()
                case .design: return try DesignCheck(curriculum: self, exercise: e, world: world, source: text).run()
                case .function: return try FunctionCheck(curriculum: self, exercise: e, world: world, source: text).run()
                case .prediction: return PredictionCheck(curriculum: self, exercise: e, world: world, source: text).run()
                }
            } }
        } catch {
            outcome = .failed("\(error)")
        }
        let timedOut = alarm?.stop() ?? false
        let (interrupted, stops) = CheckInterruption.end()
        lastCheckInterrupted = interrupted
        if timedOut {
            // The learner's code ran too long: an outcome about their work, recorded as a failure,
            // at the line of theirs that was running (the innermost one, where it stopped or called from)
            lastCheckInterrupted = false
            let line = stops.lazy.compactMap { d in ([d.location] + d.callers).first { $0.file == shown } }.first?.line
            return .failed("\(shown)\(line.map { ":\($0)" } ?? ""): the check of \(e.id) was stopped \(line == nil ? "" : "here ")after \(CheckTimeLimit.describe(timeLimit)), its time limit — "
                           + CheckTimeLimit.advice(limit: timeLimit))
        }
        return lastCheckInterrupted ? .failed("interrupted: the check of \(e.id) stopped (Ctrl-C)") : outcome
    }

    /// Every exercise (in lesson order) with its outcome.
    public func checkAll() -> [(exercise: Manifest.Exercise, outcome: CheckOutcome)] {
        exercises.map { ($0, check($0.id)) }
    }

    /// Runs the learner's `source` for `e` in a fresh interpreter (the caller clears its globals
    /// when done), with the outcome that stops the check when the file does not run, or does not
    /// define a name of `defines` (`keyword`, "class" or "def", says how the starter defines it).
    func runLearnerFile(_ e: Manifest.Exercise, source: String, world: ReferenceWorld, defining keyword: String? = nil) -> (Interpreter, CheckOutcome?) {
        let shown = display(e.file)
        let interpreter = learnerInterpreter(for: e, world: world)
        if let problem = LanguageRunning.run(source, file: shown, in: interpreter) {
            return (interpreter, .failed("\(shown) does not run:\n\(problem)"))
        }
        if let keyword, let name = (e.defines ?? []).first(where: { interpreter.global($0) == nil }) {
            return (interpreter, .failed("\(shown) does not define \(name) — keep the starter's `\(keyword) \(name)(…):` line and fill in its body"))
        }
        return (interpreter, nil)
    }

    /// A fresh interpreter for running a learner's file: output discarded, relative paths
    /// resolved in the lessons folder, the curriculum's builtins, and the reference classes
    /// the exercise `uses` (so an exercise on Inception can lean on the reference BasicConv2d,
    /// and a function exercise's `call` on the reference's harness).
    func learnerInterpreter(for e: Manifest.Exercise, world: ReferenceWorld) -> Interpreter {
        let interpreter = Interpreter(output: { _ in }, builtins: .networksAndPictures)
        interpreter.baseDirectory = directory
        CheckInterruption.register(interpreter.interruption)
        CurriculumBuiltins.install(in: interpreter, curriculum: self, allowExercises: false)
        for name in e.uses ?? [] {
            if let v = world.sharedValue(name) { interpreter.setGlobal(name, v) }
        }
        return interpreter
    }
}
