import InceptionLanguage

/// A failure of the learner's code in one line for a check's message: the message and its fix,
/// with the place when it is in the learner's file (a place in the checker's own snippet means
/// nothing to the learner).
enum RunFailureText {
    static func describe(_ d: Diagnostic, learnerFile: String) -> String {
        let text = d.message + (d.fix.map { " — \($0)" } ?? "")
        return d.location.file == learnerFile ? "\(d.location): \(text)" : text
    }

    /// A located error as above; an unlocated one (thrown by a block the checker called
    /// directly, such as a class without forward) with its fix too.
    static func describe(_ error: Error, learnerFile: String) -> String {
        if let e = error as? RuntimeError { return describe(e.diagnostic, learnerFile: learnerFile) }
        if let f = error as? LanguageFailure { return f.message + (f.fix.map { " — \($0)" } ?? "") }
        return "\(error)"
    }
}
