import InceptionLanguage

/// Checks a prediction: before an experiment, the learner writes what they expect in their
/// file (`defines` names the globals, default `prediction`). Any value counts — a prediction is
/// graded for being there, not for being right; the experiment after it says how it went.
struct PredictionCheck {
    let curriculum: Curriculum
    let exercise: Manifest.Exercise
    let world: ReferenceWorld
    let source: String

    func run() -> CheckOutcome {
        let file = curriculum.display(exercise.file)
        let names = exercise.defines ?? ["prediction"]
        let (interpreter, stop) = curriculum.runLearnerFile(exercise, source: source, world: world)
        defer { interpreter.clearGlobals() }
        if let stop { return stop }
        var recorded: [String] = []
        for name in names {
            guard let value = interpreter.global(name), !value.isNone else {
                return .failed("\(file) does not set \(name) — write `\(name) = …` with what you expect (any answer counts: it is your prediction)")
            }
            if case .string(let text) = value, text.trimmingCharacters(in: .whitespaces).isEmpty {
                return .failed("\(file): \(name) is empty — write what you expect, in a word or a number")
            }
            recorded.append("\(name) = \(value.repr)")
        }
        return .passed("prediction recorded (\(recorded.joined(separator: ", "))); the next cells measure it")
    }
}
