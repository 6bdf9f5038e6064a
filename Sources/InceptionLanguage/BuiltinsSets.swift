import InceptionRuntime

/// set() and frozenset(), their methods, and the operators between sets (| & ^ - and the
/// subset comparisons), with Python's messages.
extension Interpreter {
    func installSetBuiltins(_ t: inout [String: Value]) {
        for (name, frozen) in [("set", false), ("frozenset", true)] {
            t[name] = Self.builtin(Signature(name, [("iterable", Value.none)])) { interpreter, a in
                let source = a["iterable"]
                return .set(try SetStorage.make(source.isNone ? nil : try interpreter.setOperand(source), frozen: frozen))
            }
        }
        t["hash"] = Self.builtin(Signature("hash", [("obj", nil)])) { _, a in .int(try PythonHash.of(a["obj"])) }
    }

    /// The other side of a set method: a set as itself, a dict as its keys, anything else iterated.
    func setOperand(_ v: Value) throws -> SetOperand {
        switch v {
        case .set(let s): return .set(s)
        case .dict(let d): return .dict(d)
        default:
            guard let items = try? iterationItems(v) else { throw LanguageFailure("'\(v.typeName)' object is not iterable", as: .typeError) }
            return .items(items)
        }
    }

    /// {a, b, *rest}: constants only (three or more) are gathered as CPython's compiler does,
    /// into a frozenset (made twice: folded, then merged with the code's other constants) that
    /// is merged into the new set; otherwise item by item, a starred one spread.
    func setDisplay(_ items: [Expr], _ env: Environment, at location: SourceLocation) throws -> Value {
        let s = SetStorage()
        if items.count > 2, items.allSatisfy(\.isConstantLiteral) {
            let folded = SetStorage(frozen: true)
            for item in items { try located(item.location) { try folded.add(try evaluate(item, env)) } }
            // the compiler's constant merging builds the frozenset again from its own order
            let constant = try SetStorage.make(.items(folded.items), frozen: true)
            try s.merge(constant)
            return .set(s)
        }
        for item in items {
            if case .starred(let inner) = item.kind {
                let v = try evaluate(inner, env)
                try located(inner.location) { try s.update(try setOperand(v)) }
            } else {
                let v = try evaluate(item, env)
                try located(item.location) { try s.add(v) }
            }
        }
        return .set(s)
    }

    func setMember(_ s: SetStorage, _ name: String) -> Value? {
        let typeName = s.frozen ? "frozenset" : "set"
        func method(_ name: String, _ body: @escaping (Interpreter, [Value]) throws -> Value) -> Value {
            .builtin(Builtin(name) { interpreter, a in
                guard a.keywords.isEmpty else { throw LanguageFailure("\(typeName).\(name)() takes no keyword arguments", as: .typeError) }
                return try body(interpreter, a.positional)
            })
        }
        func one(_ name: String, _ args: [Value]) throws -> Value {
            guard args.count == 1 else { throw LanguageFailure("\(typeName).\(name)() takes exactly one argument (\(args.count) given)", as: .typeError) }
            return args[0]
        }
        func operands(_ interpreter: Interpreter, _ args: [Value]) throws -> [SetOperand] { try args.map { try interpreter.setOperand($0) } }
        switch name {
        case "copy": return method(name) { _, _ in .set(try s.copy()) }
        case "union": return method(name) { i, args in .set(try s.union(try operands(i, args))) }
        case "intersection": return method(name) { i, args in .set(try s.intersection(try operands(i, args))) }
        case "difference": return method(name) { i, args in .set(try s.difference(try operands(i, args))) }
        case "symmetric_difference": return method(name) { i, args in .set(try s.symmetricDifference(try i.setOperand(try one(name, args)))) }
        case "issubset": return method(name) { i, args in .bool(try s.isSubset(of: try i.setOperand(try one(name, args)))) }
        case "issuperset": return method(name) { i, args in .bool(try s.isSuperset(of: try i.setOperand(try one(name, args)))) }
        case "isdisjoint": return method(name) { i, args in .bool(try s.isDisjoint(with: try i.setOperand(try one(name, args)))) }
        default: break
        }
        guard !s.frozen else { return nil }
        switch name {
        case "add": return method(name) { _, args in try s.add(try one(name, args)); return .none }
        case "discard": return method(name) { _, args in _ = try s.discard(try one(name, args)); return .none }
        case "remove": return method(name) { _, args in
            let key = try one(name, args)
            guard try s.discard(key) else { throw LanguageFailure.keyError(key) }
            return .none
        }
        case "pop": return method(name) { _, args in
            guard args.isEmpty else { throw LanguageFailure("set.pop() takes no arguments (\(args.count) given)", as: .typeError) }
            return try s.pop()
        }
        case "clear": return method(name) { _, _ in s.clear(); return .none }
        case "update": return method(name) { i, args in for o in try operands(i, args) { try s.update(o) }; return .none }
        case "intersection_update": return method(name) { i, args in try s.intersectionUpdate(try operands(i, args)); return .none }
        case "difference_update": return method(name) { i, args in for o in try operands(i, args) { try s.differenceUpdate(o) }; return .none }
        case "symmetric_difference_update": return method(name) { i, args in try s.symmetricDifferenceUpdate(try i.setOperand(try one(name, args))); return .none }
        default: return nil
        }
    }

    /// a | b, a & b, a ^ b, a - b between sets (the left one's kind, set or frozenset, is the result's).
    static func setOperator(_ symbol: String, _ a: SetStorage, _ b: SetStorage) throws -> Value {
        switch symbol {
        case "|": return .set(try a.union([.set(b)]))
        case "&": return .set(try a.intersection(.set(b)))
        case "^": return .set(try a.symmetricDifference(.set(b)))
        default: return .set(try a.difference(.set(b)))
        }
    }

    /// keys() & other, keys() | other, ^, - (and the same on items()): Python's dict_keys and
    /// dict_items are set-like, so these give a set; nil when neither side is such a view.
    func dictViewSetOperator(_ symbol: String, _ a: Value, _ b: Value) throws -> Value? {
        func isSetLike(_ v: Value) -> Bool {
            guard case .list(let l) = v, let view = l.view else { return false }
            return view.hasSuffix("_keys") || view.hasSuffix("_items")
        }
        guard isSetLike(a) || isSetLike(b) else { return nil }
        func set(_ v: Value) throws -> SetStorage {
            if case .set(let s) = v { return s }
            let s = SetStorage()
            for item in try iterationItems(v) { try s.add(item) }
            return s
        }
        return try Self.setOperator(symbol, try set(a), try set(b))
    }

    /// a |= b, &=, ^=, -= on a set (not a frozenset): changes a, as Python's in-place operators do.
    static func setInPlace(_ symbol: String, _ a: SetStorage, _ b: SetStorage) throws {
        switch symbol {
        case "|": try a.update(.set(b))
        case "&": try a.intersectionUpdate([.set(b)])
        case "^": try a.symmetricDifferenceUpdate(.set(b))
        default: try a.differenceUpdate(.set(b))
        }
    }

    /// a < b, a <= b, a > b, a >= b between sets: the subset tests.
    static func setOrder(_ op: CompareOperator, _ a: SetStorage, _ b: SetStorage) throws -> Bool {
        switch op {
        case .less: return try a.count < b.count && a.isSubset(of: .set(b))
        case .lessEqual: return try a.isSubset(of: .set(b))
        case .greater: return try a.count > b.count && b.isSubset(of: .set(a))
        default: return try b.isSubset(of: .set(a))
        }
    }
}

extension Expr {
    /// A literal CPython's compiler folds into a constant: a number, string, bool or None, a negated
    /// number, or a tuple of these.
    var isConstantLiteral: Bool {
        switch kind {
        case .int, .float, .string, .bool, .none: return true
        case .tuple(let items): return items.allSatisfy(\.isConstantLiteral)
        case .unary(.minus, let e), .unary(.plus, let e):
            switch e.kind { case .int, .float: return true; default: return false }
        default: return false
        }
    }
}
