import InceptionLanguage

/// A failure of the learner's code in one line for a check's message: the message and its fix,
/// with the place when it is in the learner's file (a place in the checker's own snippet means
/// nothing to the learner).
enum RunFailureText {
    static func describe(_ d: Diagnostic, learnerFile: String) -> String {
        if let call = learnerCall(d, learnerFile: learnerFile) {
            return "\(call): \(d.message) — \(calleeNote(d, call: call))"
        }
        let text = d.message + (d.fix.map { " — \($0)" } ?? "")
        return d.location.file == learnerFile ? "\(d.location): \(text)" : text
    }

    /// The learner's line that called the code an error was raised in, when that code is in
    /// another file (the reference's classes, which the learner does not edit): the place to
    /// name, since the cause is what that line passes.
    static func learnerCall(_ d: Diagnostic, learnerFile: String) -> SourceLocation? {
        guard d.location.file != learnerFile else { return nil }
        return d.callers.first { $0.file == learnerFile }
    }

    /// The fix for such an error: the callee's own fix speaks of code the learner cannot change.
    static func calleeNote(_ d: Diagnostic, call: SourceLocation) -> String {
        "raised inside \(d.location.file):\(d.location.line), code you do not edit, which your line \(call.line) calls: check the values line \(call.line) passes to it"
    }

    /// A located error as above; an unlocated one (thrown by a block the checker called
    /// directly, such as a class without forward) with its fix too.
    static func describe(_ error: Error, learnerFile: String) -> String {
        if let e = error as? RuntimeError { return describe(e.diagnostic, learnerFile: learnerFile) }
        if let f = error as? LanguageFailure { return f.message + (f.fix.map { " — \($0)" } ?? "") }
        return "\(error)"
    }
}
