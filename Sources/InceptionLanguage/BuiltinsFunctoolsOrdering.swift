import InceptionRuntime

/// functools.total_ordering and functools.cmp_to_key: a class's other comparisons made from
/// __eq__ and one ordering method, and an old-style cmp(a, b) function turned into a sort key.
extension Interpreter {
    /// @total_ordering: from the class's root method (the first of __lt__, __le__, __gt__, __ge__
    /// it defines, as Python picks it) and ==, the ordering methods it lacks, as Python's makes them.
    static var totalOrdering: Value { Self.builtin(Signature("total_ordering", [("cls", nil)])) { _, a in
        guard case .classValue(let cls) = a["cls"] else {
            throw LanguageFailure("total_ordering() should decorate a class, got \(a["cls"].typeName)", as: .typeError)
        }
        let operators: [String: CompareOperator] = ["__lt__": .less, "__le__": .lessEqual, "__gt__": .greater, "__ge__": .greaterEqual]
        guard let root = ["__lt__", "__le__", "__gt__", "__ge__"].first(where: { cls.method($0) != nil }) else {
            throw LanguageFailure("must define at least one ordering operation: < > <= >=", as: .valueError)
        }
        let at = cls.decl.location
        func name(_ n: String) -> Expr { Expr(.name(n), at) }
        func compared(_ op: CompareOperator) -> Expr { Expr(.compare(name("self"), [(op, name("other"))]), at) }
        let byRoot = compared(operators[root]!), notRoot = Expr(.not(compared(operators[root]!)), at)
        let equal = compared(.equal), notEqual = compared(.notEqual)
        // Python's functools: with __lt__ as the root, a > b is not a < b and a != b, a <= b is a < b or a == b, …
        let derived: [String: [(String, Expr)]] = [
            "__lt__": [("__gt__", Expr(.and(notRoot, notEqual), at)), ("__le__", Expr(.or(byRoot, equal), at)), ("__ge__", notRoot)],
            "__le__": [("__ge__", Expr(.or(notRoot, equal), at)), ("__lt__", Expr(.and(byRoot, notEqual), at)), ("__gt__", notRoot)],
            "__gt__": [("__lt__", Expr(.and(notRoot, notEqual), at)), ("__ge__", Expr(.or(byRoot, equal), at)), ("__le__", notRoot)],
            "__ge__": [("__le__", Expr(.or(notRoot, equal), at)), ("__gt__", Expr(.and(byRoot, notEqual), at)), ("__lt__", notRoot)],
        ]
        for (method, body) in derived[root]! where cls.method(method) == nil {
            let decl = FunctionDecl(name: method, parameters: ["self", "other"].map { Parameter(name: $0, defaultValue: nil, location: at) },
                                    body: [Stmt(.returnValue(body), at)], location: at)
            cls.attributes[method] = .function(Function(decl: decl, closure: cls.closure, defaults: [nil, nil]))
        }
        return a["cls"]
    } }

    /// cmp_to_key(cmp): a key function whose keys order as cmp(a, b) says (negative: a first).
    static var cmpToKey: Value { Self.builtin(Signature("cmp_to_key", [("mycmp", nil)])) { _, a in
        let compare = a["mycmp"]
        return .builtin(Builtin("K") { _, b in
            guard b.positional.count == 1, b.keywords.isEmpty else { throw LanguageFailure("K() takes 1 positional argument", as: .typeError) }
            return .object(ComparisonKey(b.positional[0], compare))
        })
    } }

    /// The order of two cmp_to_key keys: their cmp's answer against 0.
    func comparisonKeyOrder(_ a: ComparisonKey, _ b: ComparisonKey) throws -> Int {
        let answer = try callBack(a.compare, Arguments([a.value, b.value]))
        guard isNumber(answer) else { throw LanguageFailure("'<' not supported between instances of '\(answer.typeName)' and 'int'", as: .typeError) }
        return numericOrder(answer, .int(0)) ?? 0
    }
}

/// What functools.cmp_to_key's key function gives for one item.
final class ComparisonKey: NativeObject {
    let value: Value
    let compare: Value
    init(_ value: Value, _ compare: Value) { self.value = value; self.compare = compare; super.init(typeName: "functools.KeyWrapper") }
}
