import InceptionRuntime

extension Interpreter {
    /// The stack is nearly used up (calls inside calls inside deep expressions): one
    /// error, which unwinds everything, instead of a crash: Python's RecursionError, so
    /// `except RecursionError` catches it.
    func tooDeep(at location: SourceLocation) -> RuntimeError {
        RuntimeError(Diagnostic(.runtime, location, "too deeply nested to evaluate: the interpreter's stack is full",
                                fix: "split deep expressions into steps, and check that functions do not call each other without end",
                                callers: callers()), as: .recursionError)
    }
}
