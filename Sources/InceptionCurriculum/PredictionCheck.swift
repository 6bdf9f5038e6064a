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
        if let stop {
            if case .failed(let text) = stop, let unquoted = Self.unquotedWord(text, source: source, names: names) {
                return .failed("\(file):\(unquoted.line): \(unquoted.word) is not a name the file defines — a prediction in words needs quotes: \(unquoted.name) = \"\(unquoted.word)\"")
            }
            if case .failed(let text) = stop, let unquoted = Self.unquotedText(text, file: file, source: source, names: names) {
                return .failed("\(file):\(unquoted.line): \(unquoted.name) = \(unquoted.text) is not code that runs — a prediction in words or signs needs quotes: \(unquoted.name) = \"\(unquoted.text)\"")
            }
            return stop
        }
        var recorded: [String] = []
        for name in names {
            guard let value = interpreter.global(name) else {
                return .failed("\(file) does not set \(name) — write `\(name) = …` with what you expect (any answer counts: it is your prediction)")
            }
            if value.isNone {
                return .failed("\(file): \(name) is None — write what you expect, in a word or a number")
            }
            if case .string(let text) = value, text.trimmingCharacters(in: .whitespaces).isEmpty {
                return .failed("\(file): \(name) is empty — write what you expect, in a word or a number")
            }
            // the starter's placeholder put in quotes is not a prediction yet
            if case .string(let text) = value, text.trimmingCharacters(in: .whitespaces).uppercased() == "TODO" {
                return .failed("\(file): \(name) is still the starter's \(value.repr) — replace it with what you expect, in a word or a number")
            }
            recorded.append("\(name) = \(value.repr)")
        }
        return .passed("prediction recorded (\(recorded.joined(separator: ", "))); the next cells measure it")
    }

    /// `predict_gradient = the same` or `= /100`: a syntax error on a line that sets one of
    /// `names` to text without quotes. The name, the text and the line (1-based).
    static func unquotedText(_ failure: String, file: String, source: String, names: [String]) -> (name: String, text: String, line: Int)? {
        guard failure.contains("syntax error") else { return nil }
        for (i, line) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where failure.contains("\(file):\(i + 1):") {
            let parts = LearnerSource.codePart(String(line)).split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2, names.contains(parts[0]), let first = parts[1].first, first != "\"", first != "'", !parts[1].contains("\"") {
                return (parts[0], parts[1], i + 1)
            }
        }
        return nil
    }

    /// `predict_gradient = smaller`: the run failed on "name 'smaller' is not defined", and a
    /// line sets one of `names` to that bare word. The word, the name and the line (1-based).
    static func unquotedWord(_ failure: String, source: String, names: [String]) -> (word: String, name: String, line: Int)? {
        guard let start = failure.range(of: "name '"), let end = failure[start.upperBound...].range(of: "' is not defined") else { return nil }
        let word = String(failure[start.upperBound..<end.lowerBound])
        for (i, line) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let parts = LearnerSource.codePart(String(line)).split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2, names.contains(parts[0]), parts[1].split(whereSeparator: { $0 == " " }).contains(where: { String($0) == word }) {
                return (word, parts[0], i + 1)
            }
        }
        return nil
    }
}
