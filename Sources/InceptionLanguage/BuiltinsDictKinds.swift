import InceptionRuntime

/// collections.defaultdict and collections.Counter: dicts (DictStorage kinds) whose missing keys
/// are made by a factory or count 0, with Counter's methods and arithmetic as Python 3.11 runs them.
extension Interpreter {
    func installDictKinds(_ members: inout [String: Value]) {
        members["defaultdict"] = .builtin(Builtin("defaultdict") { interpreter, arguments in
            let factory = arguments.positional.first ?? .none
            guard factory.isNone || factory.isCallable else {
                throw LanguageFailure("first argument must be callable or None", as: .typeError)
            }
            let rest = Arguments(Array(arguments.positional.dropFirst()), keywords: arguments.keywords)
            guard case .dict(let d) = try interpreter.dictConstructor.body(interpreter, rest) else { return .none }
            d.kind = .defaultDict
            d.defaultFactory = factory
            return .dict(d)
        })
        members["Counter"] = .builtin(Builtin("Counter") { interpreter, arguments in
            guard arguments.positional.count <= 1 else { throw LanguageFailure("expected at most 1 argument, got \(arguments.positional.count)", as: .typeError) }
            let d = DictStorage(kind: .counter)
            try interpreter.countInto(d, arguments.positional.first, keywords: arguments.keywords, sign: 1)
            return .dict(d)
        })
    }

    /// d[key] for a key d lacks: a defaultdict stores and returns default_factory(), a Counter
    /// gives 0 (without storing it), a plain dict raises KeyError.
    func missingKey(_ d: DictStorage, _ key: Value) throws -> Value {
        _ = try PythonHash.requireHashable(key)                // d[[1]] is a TypeError, not a missing key
        switch d.kind {
        case .counter: return .int(0)
        case .defaultDict where !d.defaultFactory.isNone:
            let made = try callBack(d.defaultFactory, Arguments([]))
            d.set(key, made)
            return made
        default:
            throw LanguageFailure.keyError(key, fix: "the dict's keys are \(Self.keyList(d)); use d.get(key) for a default")
        }
    }

    /// Counter.update (sign 1) and Counter.subtract (−1): a mapping's counts added, or each item of an iterable counted once.
    func countInto(_ d: DictStorage, _ source: Value?, keywords: [(String, Value)], sign: Int) throws {
        func add(_ key: Value, _ amount: Value) throws {
            let current = d[key] ?? .int(0)
            d.set(key, try binary(sign > 0 ? .add : .subtract, current, amount))
        }
        switch source {
        case .dict(let other)?:
            // Python copies a mapping into an empty Counter as it is (counts of any sign, in its order)
            if sign > 0, d.entries.isEmpty, other.kind != .counter { for (k, v) in other.entries { d.set(k, v) } } else {
                for (k, v) in other.entries { try add(k, v) }
            }
        case let items?:
            for item in try iterationItems(items) {
                _ = try PythonHash.of(item)                         // unhashable items fail as in Python
                try add(item, .int(1))
            }
        case nil: break
        }
        for (k, v) in keywords { try add(.string(k), v) }
    }

    func counterMember(_ d: DictStorage, _ name: String) -> Value? {
        switch name {
        case "most_common": return Self.builtin(Signature("most_common", [("n", Value.none)])) { interpreter, a in
            var pairs = try interpreter.countOrder(d)
            if case .int(let n) = a["n"] { pairs = Array(pairs.prefix(max(n, 0))) }
            return .list(ListStorage(pairs.map { .tuple([$0.key, $0.value]) }))
        }
        case "elements": return Self.builtin(Signature("elements")) { _, _ in
            var out: [Value] = []
            for (k, v) in d.entries {
                guard case .int(let n) = v, n > 0 else { continue }
                guard out.count + n <= Self.generatorLimit else {
                    throw LanguageFailure("Counter.elements() would give over \(Self.generatorLimit) items here (they are made at once)", fix: "loop over c.items() and use the counts")
                }
                out += Array(repeating: k, count: n)
            }
            return .list(ListStorage(out, view: "generator", origin: "Counter.elements"))
        }
        case "total": return Self.builtin(Signature("total")) { interpreter, _ in
            try d.entries.reduce(Value.int(0)) { try interpreter.binary(.add, $0, $1.value) }
        }
        case "update", "subtract": return .builtin(Builtin(name) { interpreter, a in
            guard a.positional.count <= 1 else { throw LanguageFailure("expected at most 1 argument, got \(a.positional.count)", as: .typeError) }
            try interpreter.countInto(d, a.positional.first, keywords: a.keywords, sign: name == "update" ? 1 : -1)
            return .none
        })
        default: return nil
        }
    }

    /// most_common()'s order: by count, largest first, ties in insertion order (a stable sort).
    func countOrder(_ d: DictStorage) throws -> [(key: Value, value: Value)] {
        try sortedItems(d.entries.map { .tuple([$0.key, $0.value]) }, key: .builtin(Builtin("count") { _, a in
            guard case .tuple(let pair)? = a.positional.first else { return .none }
            return pair[1]
        }), reverse: true).map { v in
            guard case .tuple(let pair) = v else { return (Value.none, Value.none) }
            return (pair[0], pair[1])
        }
    }

    /// Counter + - | & Counter: counts added, subtracted, maxed or mined; only positive counts kept.
    func counterArithmetic(_ symbol: String, _ a: DictStorage, _ b: DictStorage) throws -> Value {
        let result = DictStorage(kind: .counter)
        func count(_ d: DictStorage, _ k: Value) -> Value { d[k] ?? .int(0) }
        func positive(_ v: Value) throws -> Bool { try compare(.greater, v, .int(0)) }
        for (k, v) in a.entries {
            let other = count(b, k)
            let combined: Value
            switch symbol {
            case "+": combined = try binary(.add, v, other)
            case "-": combined = try binary(.subtract, v, other)
            case "|": combined = try compare(.less, v, other) ? other : v
            default: combined = try compare(.less, v, other) ? v : other
            }
            if try positive(combined) { result.set(k, combined) }
        }
        guard symbol != "&" else { return .dict(result) }
        for (k, v) in b.entries where a.index(of: k) == nil {
            if symbol == "-" {
                if try compare(.less, v, .int(0)) { result.set(k, try binary(.subtract, .int(0), v)) }
            } else if try positive(v) { result.set(k, v) }
        }
        return .dict(result)
    }
}

/// A Counter's entries in most_common() order when every count is a number (repr shows them so);
/// otherwise as they are, as Python falls back to.
func counterReprOrder(_ d: DictStorage) -> [(key: Value, value: Value)] {
    guard d.entries.allSatisfy({ isNumber($0.value) }) else { return d.entries }
    return d.entries.indices.sorted { i, j in
        let (x, y) = (d.entries[i].value.asDouble!, d.entries[j].value.asDouble!)
        return x != y ? x > y : i < j
    }.map { d.entries[$0] }
}
