import InceptionRuntime

/// eval(): the lessons' `eval(model)` (the module in evaluation mode, model.eval()), and
/// Python's eval of an expression string: parsed as the language parses an expression and
/// evaluated in the program's globals (or the globals / locals dicts given). Inside a function
/// without dicts it is refused: the string could not see the function's local names.
extension Interpreter {
    var evalBuiltin: Value {
        Self.builtin(Signature("eval", [("source", nil), ("globals", Value.none), ("locals", Value.none)])) { interpreter, a in
            guard case .string(let source) = a["source"] else {
                let m = try a.module("source")
                m.setTraining(false)
                return .module(m)
            }
            return try interpreter.evaluateString(source, globals: a["globals"], locals: a["locals"])
        }
    }

    private func evaluateString(_ source: String, globals given: Value, locals: Value) throws -> Value {
        let env: Environment
        switch (given, locals) {
        case (.none, .none):
            guard frames.isEmpty else {
                throw LanguageFailure.refusal("eval() of a string inside a function is not supported here: it would not see the function's local names",
                                              fix: "pass the names it needs: eval(text, {\"x\": x}), or compute the expression directly")
            }
            env = self.globals
        default:
            env = Environment(parent: builtinScope)
            for mapping in [given, locals] where !mapping.isNone {
                guard case .dict(let d) = mapping else { throw LanguageFailure("globals must be a dict", as: .typeError) }
                for (k, v) in d.entries { if case .string(let name) = k { env.define(name, v) } }
            }
        }
        let text = source.drop { $0 == " " || $0 == "\t" }
        let scanned = Scanner.scan(String(text), file: "<string>")
        if let first = scanned.diagnostics.first { throw LanguageFailure("SyntaxError: \(first.message)") }
        var parser = Parser(tokens: scanned.tokens)
        let expression: Expr
        do {
            expression = try parser.expressionList()
        } catch let failure as Parser.Failure {
            throw LanguageFailure("SyntaxError: \(failure.diagnostic.message)")
        }
        while parser.check(.newline) { parser.advance() }
        guard parser.check(.eof) else { throw LanguageFailure("SyntaxError: invalid syntax", fix: "eval() takes one expression; statements are not supported") }
        return try evaluate(expression, env)
    }
}
