import Foundation

/// `operator` (the operators as functions, itemgetter, attrgetter) and `string` (its character
/// classes), as sorting keys and character-level data code use them.
extension Interpreter {
    func operatorNamespace() -> Namespace {
        var t: [String: Value] = [:]
        let binaries: [(String, BinaryOperator)] = [("add", .add), ("sub", .subtract), ("mul", .multiply), ("truediv", .divide),
                                                    ("floordiv", .floorDivide), ("mod", .remainder), ("pow", .power), ("matmul", .matmul)]
        for (name, op) in binaries {
            t[name] = Self.builtin(Signature(name, [("a", nil), ("b", nil)])) { interpreter, a in try interpreter.binary(op, a["a"], a["b"]) }
        }
        let comparisons: [(String, CompareOperator)] = [("eq", .equal), ("ne", .notEqual), ("lt", .less), ("le", .lessEqual), ("gt", .greater), ("ge", .greaterEqual)]
        for (name, op) in comparisons {
            t[name] = Self.builtin(Signature(name, [("a", nil), ("b", nil)])) { interpreter, a in
                // element-wise on tensors (a bool tensor), else a bool
                try interpreter.tensorComparison(op, a["a"], a["b"]) ?? .bool(try interpreter.compare(op, a["a"], a["b"]))
            }
        }
        t["neg"] = Self.builtin(Signature("neg", [("a", nil)])) { interpreter, a in try interpreter.unary(.minus, a["a"]) }
        t["not_"] = Self.builtin(Signature("not_", [("a", nil)])) { _, a in .bool(!(try a["a"].isTruthy())) }
        t["truth"] = Self.builtin(Signature("truth", [("a", nil)])) { _, a in .bool(try a["a"].isTruthy()) }
        t["getitem"] = Self.builtin(Signature("getitem", [("a", nil), ("b", nil)])) { interpreter, a in try interpreter.getItem(a["a"], a["b"]) }
        // itemgetter(1)(x) is x[1]; itemgetter(0, 2)(x) is (x[0], x[2])
        t["itemgetter"] = .builtin(Builtin("itemgetter") { _, arguments in
            let keys = arguments.positional
            guard !keys.isEmpty else { throw LanguageFailure("itemgetter expected 1 argument, got 0", as: .typeError) }
            let getter = ClosureObject(typeName: "operator.itemgetter") { "operator.itemgetter(\(keys.map(\.repr).joined(separator: ", ")))" }
            getter.call = { interpreter, call in
                guard let object = call.positional.first, call.positional.count == 1 else { throw LanguageFailure("itemgetter expected 1 argument", as: .typeError) }
                let items = try keys.map { try interpreter.getItem(object, $0) }
                return keys.count == 1 ? items[0] : .tuple(items)
            }
            return .object(getter)
        })
        // attrgetter("name") and dotted paths ("layer.weight")
        t["attrgetter"] = .builtin(Builtin("attrgetter") { _, arguments in
            let paths = arguments.positional.map(\.text)
            guard !paths.isEmpty else { throw LanguageFailure("attrgetter expected 1 argument, got 0", as: .typeError) }
            let getter = ClosureObject(typeName: "operator.attrgetter") { "operator.attrgetter(\(paths.map { Value.string($0).repr }.joined(separator: ", ")))" }
            getter.call = { interpreter, call in
                guard let object = call.positional.first, call.positional.count == 1 else { throw LanguageFailure("attrgetter expected 1 argument", as: .typeError) }
                let values = try paths.map { path in try path.split(separator: ".").reduce(object) { try interpreter.getAttribute($0, String($1)) } }
                return paths.count == 1 ? values[0] : .tuple(values)
            }
            return .object(getter)
        })
        return Namespace("operator", t)
    }

    func stringNamespace() -> Namespace {
        let lower = "abcdefghijklmnopqrstuvwxyz", upper = lower.uppercased(), digits = "0123456789"
        let punctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", whitespace = " \t\n\r\u{0B}\u{0C}"
        return Namespace("string", [
            "ascii_lowercase": .string(lower), "ascii_uppercase": .string(upper), "ascii_letters": .string(lower + upper),
            "digits": .string(digits), "hexdigits": .string(digits + "abcdefABCDEF"), "octdigits": .string("01234567"),
            "punctuation": .string(punctuation), "whitespace": .string(whitespace),
            "printable": .string(digits + lower + upper + punctuation + whitespace),
            // capwords(s, sep=None): (sep or ' ').join(word.capitalize() for word in s.split(sep))
            "capwords": Self.builtin(Signature("capwords", [("s", nil), ("sep", Value.none)])) { interpreter, a in
                guard case .string(let text) = a["s"] else { throw LanguageFailure("capwords() takes a str", as: .typeError) }
                let words = try interpreter.iterationItems(try interpreter.callBack(interpreter.stringMember(text, "split")!, Arguments([a["sep"]])))
                let capitalized = try words.map { word -> Value in
                    guard case .string(let w) = word else { return word }
                    return try interpreter.callBack(interpreter.stringMember(w, "capitalize")!, Arguments())
                }
                return .string(capitalized.map(\.text).joined(separator: a["sep"].isNone ? " " : a["sep"].text))
            },
        ])
    }
}
