import InceptionRuntime

/// Python's `copy` module: `copy.deepcopy(x)` of tensors, lists, tuples, dicts and plain values
/// (the transfer-learning tutorial's `best = copy.deepcopy(model.state_dict())`), a value met
/// twice copied once, and of layers and models (BuiltinsCopyModules.swift); `copy.copy(x)`, a new
/// list or dict holding the same items (of a layer: refused, it would share its parameters).
extension Interpreter {
    func copyNamespace() -> Namespace {
        Namespace("copy", [
            "deepcopy": Self.builtin(Signature("deepcopy", [("x", nil), ("memo", Value.none)])) { interpreter, a in
                var memo: [ObjectIdentifier: Value] = [:]
                return try interpreter.deepCopy(a["x"], &memo)
            },
            "copy": Self.builtin(Signature("copy", [("x", nil)])) { _, a in
                switch a["x"] {
                case .list(let l): return .list(ListStorage(l.items))
                case .dict(let d): return .dict(DictStorage(copying: d))
                case .set(let s): return s.frozen ? a["x"] : .set(try s.copy())
                case .tensor(let t): return .tensor(Self.copiedTensor(t))      // PyTorch's shares the storage; here it is a copy
                case .module(let m):
                    throw LanguageFailure("copy.copy of a module (\(m.typeName)) is not supported here: the copy would share its parameters and layers",
                                          fix: "copy.deepcopy(model) for a model of its own, or use the same model")
                default: return a["x"]
                }
            },
        ])
    }

    /// x copied all the way down; `memo`: what has been copied already, by identity.
    func deepCopy(_ x: Value, _ memo: inout [ObjectIdentifier: Value]) throws -> Value {
        switch x {
        case .tensor(let t):
            guard t.gradNode == nil else {
                throw LanguageFailure("Only Tensors created explicitly by the user (graph leaves) support the deepcopy protocol at the moment.  If you were attempting to deepcopy a module, this may be because of a torch.nn.utils.weight_norm usage, see https://github.com/pytorch/pytorch/pull/103001",
                                      fix: "deepcopy x.detach()")
            }
            if let done = memo[ObjectIdentifier(t)] { return done }
            let copy = Value.tensor(Self.copiedTensor(t))
            memo[ObjectIdentifier(t)] = copy
            return copy
        case .list(let l):
            if let done = memo[ObjectIdentifier(l)] { return done }
            let copy = ListStorage([], view: l.view, origin: l.origin)
            memo[ObjectIdentifier(l)] = .list(copy)
            copy.items = try l.items.map { try deepCopy($0, &memo) }
            return .list(copy)
        case .dict(let d):
            if let done = memo[ObjectIdentifier(d)] { return done }
            let copy = DictStorage([], kind: d.kind)
            copy.defaultFactory = d.defaultFactory
            memo[ObjectIdentifier(d)] = .dict(copy)
            copy.entries = try d.entries.map { (key: try deepCopy($0.key, &memo), value: try deepCopy($0.value, &memo)) }
            return .dict(copy)
        case .tuple(let items): return .tuple(try items.map { try deepCopy($0, &memo) })
        case .set(let s):
            // as Python's reduce does: a new set made from the copied items, in iteration order
            if let done = memo[ObjectIdentifier(s)] { return done }
            let copy = Value.set(try SetStorage.make(.items(try s.items.map { try deepCopy($0, &memo) }), frozen: s.frozen))
            memo[ObjectIdentifier(s)] = copy
            return copy
        case .module(let m): return .module(try deepCopy(module: m, &memo))
        case .object(let o):
            if let done = memo[ObjectIdentifier(o)] { return done }
            if let make = optimizerBuiltins()[o.typeName], o.member("param_groups") != nil {
                let copy = try deepCopy(optimizer: o, make: make, &memo)
                memo[ObjectIdentifier(o)] = copy
                return copy
            }
            throw LanguageFailure("deepcopy of a \(o.typeName) is not supported here", fix: "copy the tensors, lists and dicts it holds")
        default: return x            // numbers, strings, None, functions, classes, namespaces: Python keeps them
        }
    }

    /// copy.deepcopy(optimizer), as PyTorch's: an optimiser of the same kind over copies of its
    /// parameters (the copies already made in this deepcopy, e.g. of a model copied with it, else
    /// new ones), taking a copy of its state_dict (options, momentum buffers, steps).
    // make: the optimiser's constructor (torch.optim.SGD, …)
    func deepCopy(optimizer o: NativeObject, make: Value, _ memo: inout [ObjectIdentifier: Value]) throws -> Value {
        guard case .list(let groups)? = o.member("param_groups"), case .builtin(let stateDict)? = o.member("state_dict") else {
            throw LanguageFailure("deepcopy of a \(o.typeName) is not supported here")
        }
        let copiedGroups = try groups.items.map { group -> Value in
            guard case .dict(let d) = group, let params = d[.string("params")] else { throw LanguageFailure("deepcopy of a \(o.typeName): a parameter group without params") }
            return .dict(DictStorage([(key: .string("params"), value: try deepCopy(params, &memo))]))
        }
        let lr = groups.items.first.flatMap { if case .dict(let d) = $0 { return d[.string("lr")] } else { return nil } } ?? .float(0.001)
        let copy = try callBack(make, Arguments([.list(ListStorage(copiedGroups))], keywords: [("lr", lr)]))
        guard case .object(let made) = copy, case .builtin(let load)? = made.member("load_state_dict") else { return copy }
        // the state's tensors (momentum buffers) are new ones, keyed by parameter index as saved
        let state = try deepCopy(try callBack(.builtin(stateDict), Arguments()), &memo)
        _ = try callBack(.builtin(load), Arguments([state]))
        return copy
    }

    /// A new tensor with t's values, dtype, requires_grad and Parameter-ness; a plain tensor's
    /// gradient too (PyTorch's Parameter.__deepcopy__ leaves the gradient behind, Tensor's copies it).
    static func copiedTensor(_ t: Tensor) -> Tensor {
        let copy = TensorKinds.shared.setDType(t.copy(), TensorOps.dtype(t))
        copy.requiresGrad = t.requiresGrad
        copy.isParameter = t.isParameter
        if !t.isParameter { copy.grad = t.grad?.copy() }
        return copy
    }
}
