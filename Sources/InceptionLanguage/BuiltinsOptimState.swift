import InceptionRuntime

/// What an optimiser keeps for each parameter of a group (PyTorch's `optimizer.state[p]`): the
/// entries `state_dict()` shows, in PyTorch's key order, and how `load_state_dict` puts them back.
struct ParameterState {
    /// Parameter i's entries, or nil while it has none (before its first step).
    let entries: (Int) -> [(String, Value)]?
    /// Parameter i's entries from a state_dict; nil: none (as before its first step).
    let restore: (Int, DictStorage?) throws -> Void
}

extension Interpreter {
    /// `optimizer.state_dict()`: {'state': {index: {…}}, 'param_groups': [{options…, 'params': [indices]}]},
    /// the parameters numbered across the groups in order; the state's tensors are the optimiser's own.
    static func optimizerStateDict(_ groups: [OptimizerGroup]) -> Value {
        var state: [(key: Value, value: Value)] = [], packed: [Value] = [], index = 0
        for group in groups {
            var ids: [Value] = []
            for i in group.params.indices {
                if let entries = group.state.entries(i) {
                    state.append((key: .int(index), value: .dict(DictStorage(entries.map { (key: .string($0.0), value: $0.1) }))))
                }
                ids.append(.int(index))
                index += 1
            }
            packed.append(.dict(DictStorage(group.options.entries.filter { $0.key.text != "params" }
                                            + [(key: .string("params"), value: .list(ListStorage(ids)))])))
        }
        return .dict(DictStorage([(key: .string("state"), value: .dict(DictStorage(state))),
                                  (key: .string("param_groups"), value: .list(ListStorage(packed)))]))
    }

    /// `optimizer.load_state_dict(sd)`: each group takes the saved group's options (in its order,
    /// its own parameters in the place of the saved indices), each parameter the saved state of the
    /// index it stands at, or none. PyTorch's checks and texts.
    static func loadOptimizerStateDict(_ value: Value, into groups: [OptimizerGroup], _ name: String) throws {
        guard case .dict(let saved) = value else {
            throw LanguageFailure("\(name).load_state_dict: expected a dict from state_dict(), got \(value.typeName)", as: .typeError)
        }
        guard let savedGroups = saved[.string("param_groups")]?.sequenceItems() else { throw LanguageFailure("KeyError: 'param_groups'") }
        guard case .dict(let savedState)? = saved[.string("state")] else { throw LanguageFailure("KeyError: 'state'") }
        guard savedGroups.count == groups.count else {
            throw LanguageFailure("loaded state dict has a different number of parameter groups", as: .valueError)
        }
        // the saved indices in order, one a parameter across the groups (PyTorch numbers them so)
        var savedIndices: [Value] = [], options: [[(key: Value, value: Value)]] = []
        for (g, (item, group)) in zip(savedGroups, groups).enumerated() {
            guard case .dict(let savedGroup) = item, let ids = savedGroup[.string("params")]?.sequenceItems() else {
                throw LanguageFailure("\(name).load_state_dict: param_groups[\(g)] must be a dict with 'params', as state_dict() makes it")
            }
            guard ids.count == group.params.count else {
                throw LanguageFailure("loaded state dict contains a parameter group that doesn't match the size of optimizer's group", as: .valueError)
            }
            savedIndices += ids
            let own = group.options[.string("params")] ?? .list(ListStorage(group.params.map { .tensor($0) }))
            options.append(savedGroup.entries.map { $0.key.text == "params" ? (key: $0.key, value: own) : $0 })
        }
        // each parameter's saved state (nil: none), all checked first, so a bad entry leaves the optimiser as it was
        let params = groups.flatMap(\.params)
        var states = [DictStorage?](repeating: nil, count: params.count)
        for (key, entries) in savedState.entries {
            guard let at = savedIndices.firstIndex(where: { valuesEqual($0, key) }) else { continue }
            guard case .dict(let entries) = entries else {
                throw LanguageFailure("\(name).load_state_dict: state[\(key.repr)] must be a dict, got \(entries.typeName)")
            }
            try Self.checkState(entries, params[at], name)
            states[at] = entries
        }
        var at = 0
        for group in groups {
            for i in group.params.indices { try group.state.restore(i, states[at]); at += 1 }
        }
        for (group, entries) in zip(groups, options) { group.options.entries = entries }
    }

    /// Every tensor in a parameter's saved state has the parameter's shape ('step' and NAdam's
    /// 'mu_product', one number each, aside).
    private static func checkState(_ entries: DictStorage, _ p: Tensor, _ name: String) throws {
        for (key, value) in entries.entries where key.text != "step" && key.text != "mu_product" {
            if case .tensor(let t) = value, t.shape != p.shape {
                throw LanguageFailure("\(name).load_state_dict: state '\(key.text)' has shape \(formatShape(t.shape)), but its parameter has \(formatShape(p.shape))",
                                      fix: "load the state_dict of an optimizer over the same parameters")
            }
        }
    }

    /// A saved state's tensor entry (nil when absent or None).
    static func stateTensor(_ entries: DictStorage?, _ key: String) throws -> Tensor? {
        switch entries?[.string(key)] {
        case nil, .some(.none): return nil
        case .some(.tensor(let t)): return t
        case .some(let v): throw LanguageFailure("load_state_dict: state '\(key)' must be a tensor, got \(v.typeName)")
        }
    }

    /// A saved state's 'step' (a one-element tensor, as PyTorch keeps it, or a number); 0 when absent.
    static func stateStep(_ entries: DictStorage?) throws -> Int {
        switch entries?[.string("step")] {
        case nil, .some(.none): return 0
        case .some(.tensor(let t)) where t.count == 1 && t.data[0] >= 0 && t.data[0].rounded() == t.data[0]: return Int(t.data[0])
        case .some(let v):
            guard let d = v.asDouble, d >= 0, d.rounded() == d else { throw LanguageFailure("load_state_dict: state 'step' must be a whole number ≥ 0") }
            return Int(d)
        }
    }

    /// The 'step' entry as PyTorch keeps it: a float scalar tensor.
    static func stepTensor(_ steps: Int) -> Value { .tensor(Tensor(repeating: Float(steps), shape: [])) }
}
