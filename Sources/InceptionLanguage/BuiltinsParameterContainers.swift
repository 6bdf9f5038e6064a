import InceptionRuntime

/// nn.ParameterList and nn.ParameterDict: modules whose parameters are their items, named "0",
/// "1", … or by the dict's keys, so they show in named_parameters(), state_dict() and an
/// optimiser's list as PyTorch's do. A tensor put in one becomes a Parameter (a copy, as
/// nn.Parameter makes here). Indexing, iteration, len, `in`, append/extend, keys/values/items,
/// item assignment, and PyTorch's print of them.
extension Interpreter {
    static let parameterContainers: Set<String> = ["ParameterList", "ParameterDict"]

    func parameterContainerBuiltins() -> [String: Value] {
        var t: [String: Value] = [:]
        t["ParameterList"] = Self.builtin(Signature("ParameterList", [("values", Value.none)])) { interpreter, a in
            let list = Self.parameterContainer("ParameterList")
            for v in a["values"].isNone ? [] : try interpreter.iterationItems(a["values"]) {
                try Self.put(v, as: String(list.parameters.count), in: list)
            }
            return .module(list)
        }
        t["ParameterDict"] = Self.builtin(Signature("ParameterDict", [("parameters", Value.none)])) { interpreter, a in
            let dict = Self.parameterContainer("ParameterDict")
            try interpreter.updateParameterDict(dict, with: a["parameters"])
            return .module(dict)
        }
        return t
    }

    static func parameterContainer(_ typeName: String) -> Block {
        let m = Block(typeName: typeName, forward: .custom { _, _, _ in throw LanguageFailure("\(typeName) should not be called.") })
        m.setTraining(true)
        return m
    }

    /// Stores v under `name`: a Parameter as it is, another tensor as a new Parameter.
    static func put(_ v: Value, as name: String, in m: Module) throws {
        guard case .tensor(let t) = v else {
            throw LanguageFailure("\(m.typeName) holds tensors here, got \(v.typeName)", fix: "put nn.Parameter(…) or a tensor in it")
        }
        guard t.isParameter || TensorOps.dtype(t) == .float32 else {
            // it would become Parameter(t), which requires a gradient
            throw LanguageFailure("Only Tensors of floating point and complex dtype can require gradients", fix: "put a float tensor in it, e.g. t.float()")
        }
        register(parameter: t.isParameter ? t : newParameter(t, requiresGrad: true), as: name, in: m)
    }

    /// ParameterDict(d) and d.update(…): a dict's items sorted by key (as PyTorch sorts a plain
    /// dict's), or (key, value) pairs in their order.
    func updateParameterDict(_ m: Module, with source: Value) throws {
        switch source {
        case .none: return
        case .dict(let d):
            var entries: [(String, Value)] = []
            for (k, v) in d.entries {
                guard case .string(let key) = k else { throw LanguageFailure("ParameterDict keys must be strings, got \(k.typeName)") }
                entries.append((key, v))
            }
            for (key, v) in entries.sorted(by: { $0.0 < $1.0 }) { try Self.put(v, as: key, in: m) }
        case .module(let other) where other.typeName == "ParameterDict":
            for (key, p) in other.parameters { try Self.put(.tensor(p), as: key, in: m) }
        default:
            for pair in try iterationItems(source) {
                guard let items = pair.sequenceItems(), items.count == 2, case .string(let key) = items[0] else {
                    throw LanguageFailure("ParameterDict update sequence element has to be a (key, parameter) pair, got \(pair.repr)")
                }
                try Self.put(items[1], as: key, in: m)
            }
        }
    }

    /// What a loop over the container gives: a list's parameters, a dict's keys.
    static func parameterContainerItems(_ m: Module) -> [Value]? {
        switch m.typeName {
        case "ParameterList": return m.parameters.map { .tensor($0.tensor) }
        case "ParameterDict": return m.parameters.map { .string($0.name) }
        default: return nil
        }
    }

    /// list[i] (negative from the end) or dict[key].
    static func parameterContainerItem(_ m: Module, _ index: Value) throws -> Value? {
        switch (m.typeName, index) {
        case ("ParameterList", .int(let i)):
            let j = i < 0 ? m.parameters.count + i : i
            guard m.parameters.indices.contains(j) else { throw LanguageFailure("index \(i) is out of range", as: .indexError) }
            return .tensor(m.parameters[j].tensor)
        case ("ParameterDict", .string(let key)):
            guard let p = m.parameters.first(where: { $0.name == key }) else {
                throw LanguageFailure("'ParameterDict' object has no attribute '\(key)'", as: .attributeError)
            }
            return .tensor(p.tensor)
        case ("ParameterList", _), ("ParameterDict", _):
            throw LanguageFailure("\(m.typeName) indices must be \(m.typeName == "ParameterList" ? "integers" : "strings"), not \(index.typeName)", as: .typeError)
        default: return nil
        }
    }

    /// list[i] = v (an existing index) or dict[key] = v.
    static func setParameterContainerItem(_ m: Module, _ index: Value, _ value: Value) throws -> Bool {
        switch (m.typeName, index) {
        case ("ParameterList", .int(let i)):
            let j = i < 0 ? m.parameters.count + i : i
            guard m.parameters.indices.contains(j) else { throw LanguageFailure("index \(i) is out of range", as: .indexError) }
            try put(value, as: String(j), in: m)
            return true
        case ("ParameterDict", .string(let key)):
            try put(value, as: key, in: m)
            return true
        default: return false
        }
    }

    func parameterContainerMember(_ m: Module, _ name: String) throws -> Value? {
        switch (m.typeName, name) {
        case ("ParameterList", "append"):
            return Self.builtin(Signature("append", [("value", nil)])) { _, a in
                try Self.put(a["value"], as: String(m.parameters.count), in: m)
                return .module(m)
            }
        case ("ParameterList", "extend"):
            return Self.builtin(Signature("extend", [("values", nil)])) { interpreter, a in
                for v in try interpreter.iterationItems(a["values"]) { try Self.put(v, as: String(m.parameters.count), in: m) }
                return .module(m)
            }
        case ("ParameterDict", "keys"): return .builtin(Builtin("keys") { _, _ in .list(ListStorage(m.parameters.map { .string($0.name) })) })
        case ("ParameterDict", "values"): return .builtin(Builtin("values") { _, _ in .list(ListStorage(m.parameters.map { .tensor($0.tensor) })) })
        case ("ParameterDict", "items"):
            return .builtin(Builtin("items") { _, _ in .list(ListStorage(m.parameters.map { .tuple([.string($0.name), .tensor($0.tensor)]) })) })
        case ("ParameterDict", "update"):
            return Self.builtin(Signature("update", [("parameters", nil)])) { interpreter, a in
                try interpreter.updateParameterDict(m, with: a["parameters"])
                return .none
            }
        case ("ParameterDict", "get"):
            return Self.builtin(Signature("get", [("key", nil), ("default", Value.none)])) { _, a in
                let key = try a.string("key")
                return m.parameters.first(where: { $0.name == key }).map { .tensor($0.tensor) } ?? a["default"]
            }
        default: return nil
        }
    }

    /// PyTorch's extra_repr of the containers: one line a parameter, "(name): Parameter
    /// containing: [dtype of size 3x4]" (the list names the dtype, the dict the tensor type).
    static func parameterContainerExtra(_ m: Module) -> String? {
        guard parameterContainers.contains(m.typeName) else { return nil }
        return m.parameters.map { name, p in
            let kind = m.typeName == "ParameterList" ? "\(TensorOps.dtype(p).torchName)" : TensorOps.dtype(p).legacyTypeName
            return "  (\(name)): Parameter containing: [\(kind) of size \(p.shape.map(String.init).joined(separator: "x"))]"
        }.joined(separator: "\n")
    }
}
