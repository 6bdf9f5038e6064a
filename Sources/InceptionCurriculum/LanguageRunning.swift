import InceptionLanguage
import InceptionRuntime

/// Running language code for the checker: a learner's file, the reference sources, and the
/// one-expression snippets of the manifest (`build`, `reference`, `expected`).
enum LanguageRunning {
    /// Runs a whole file in `interpreter`; nil when it ran, else the rendered diagnostics
    /// (source line and caret, as `inception run` prints them).
    static func run(_ text: String, file: String, in interpreter: Interpreter) -> String? {
        // a run clears its interpreter's interruption as it starts: a Ctrl-C that came before is seen here
        if CheckInterruption.isRequested { return "interrupted" }
        let script = Script(text: text, file: file)
        var result = script.run(in: interpreter)
        if case .runtimeError(var e) = result, let call = RunFailureText.learnerCall(e.diagnostic, learnerFile: file) {
            // raised inside the reference's code: its fix spoke of that code; the learner's call is the cause
            e.diagnostic.fix = RunFailureText.calleeNote(e.diagnostic, call: call)
            result = .runtimeError(e)
        }
        if case .runtimeError(let e) = result, e.systemExit != nil {
            // exit(), quit(), sys.exit(0): the lines after it never ran, whatever its status
            let place = e.diagnostic.location
            return "\(place.file == file ? "\(place.file):\(place.line)" : file): the file stops here (exit(), quit(), sys.exit() or raise SystemExit), so the lines after it never run — remove that line"
        }
        return result.exitCode == 0 ? nil : script.render(result)
    }

    /// What went wrong evaluating a snippet: the message with its fix, and where.
    struct Failure: Error {
        let diagnostic: Diagnostic
        /// "message — fix", on one line.
        var text: String { diagnostic.message + (diagnostic.fix.map { " (\($0))" } ?? "") }
    }

    /// The value of one expression, evaluated in `interpreter`'s globals.
    static func evaluate(_ expression: String, in interpreter: Interpreter, label: String) throws(Failure) -> Value {
        if CheckInterruption.isRequested {
            throw Failure(diagnostic: Diagnostic(.runtime, SourceLocation(file: label, line: 1, column: 1), "interrupted"))
        }
        let name = "__checked_value__"
        let script = Script(text: "\(name) = \(expression)", file: label)
        let result = script.run(in: interpreter)
        switch result {
        case .success:
            return interpreter.global(name) ?? .none
        case .syntaxErrors(let ds):
            throw Failure(diagnostic: ds[0])
        case .runtimeError(let e):
            throw Failure(diagnostic: e.diagnostic)
        }
    }
}
