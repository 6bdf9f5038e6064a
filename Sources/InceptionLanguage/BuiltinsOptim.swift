import Foundation
import InceptionRuntime

/// torch.optim's SGD, Adam and AdamW: `step()`, `zero_grad()`, `param_groups` holding PyTorch's
/// group options, whose "lr" the next step reads (so the lr_scheduler classes and a hand-written
/// schedule work), and `state_dict()` / `load_state_dict()` (BuiltinsOptimState). The updates are
/// the runtime's `SGD` and `Adam`.
extension Interpreter {
    func optimizerBuiltins() -> [String: Value] {
        var t: [String: Value] = [:]
        t["Optimizer"] = Self.optimBase("Optimizer", use: "torch.optim.SGD(model.parameters(), lr=0.1)")
        t["SGD"] = Self.builtin(Signature("SGD", [("params", nil), ("lr", .float(0.001)), ("momentum", .int(0)), ("dampening", .int(0)),
                                                ("weight_decay", .int(0)), ("nesterov", .bool(false)), ("maximize", .bool(false)),
                                                ("foreach", Value.none), ("differentiable", .bool(false)), ("fused", Value.none)])) { _, a in
          .object(try Self.groupedOptimizer("SGD", a) { a, params in
            try Self.requireNonNegative(a, [("learning rate", "lr"), ("momentum value", "momentum"), ("weight_decay value", "weight_decay")])
            if try a.bool("nesterov"), try a.double("momentum") <= 0 || a.double("dampening") != 0 {
                throw LanguageFailure("Nesterov momentum requires a momentum and zero dampening", as: .valueError)
            }
            let sgd = try SGD(parameters: params, learningRate: Float(try a.double("lr")), momentum: Float(try a.double("momentum")),
                              weightDecay: Float(try a.double("weight_decay")), dampening: try a.double("dampening"),
                              nesterov: try a.bool("nesterov"), maximize: try a.bool("maximize"))
            // foreach, differentiable and fused choose PyTorch's kernels: kept as given, the same numbers here
            let group = Self.parameterGroup(params, Self.given(a, ["lr", "momentum", "dampening", "weight_decay", "nesterov", "maximize",
                                                                   "foreach", "differentiable", "fused"]))
            let state = ParameterState(entries: { i in sgd.momentumBuffers[i].map { [("momentum_buffer", .tensor($0))] } },
                                       restore: { i, saved in try sgd.setMomentumBuffer(i, try Self.stateTensor(saved, "momentum_buffer")) })
            return OptimizerGroup(params: params, options: group, state: state) { lr, group in
                // the group's momentum as it is now (a scheduler such as OneCycleLR changes it)
                guard let momentum = group[.string("momentum")]?.asDouble, momentum >= 0, momentum.isFinite else {
                    throw LanguageFailure("SGD: param_groups[…][\"momentum\"] must be a number ≥ 0")
                }
                sgd.learningRate = Float(lr); sgd.momentum = Float(momentum); sgd.step()
            }
          })
        }
        for name in ["Adam", "AdamW"] {
            let decoupled = name == "AdamW"
            t[name] = Self.builtin(Signature(name, [("params", nil), ("lr", .float(0.001)), ("betas", .tuple([.float(0.9), .float(0.999)])),
                                                  ("eps", .float(1e-8)), ("weight_decay", decoupled ? .float(0.01) : .int(0)),
                                                  ("amsgrad", .bool(false)), ("maximize", .bool(false)), ("foreach", Value.none),
                                                  ("capturable", .bool(false)), ("differentiable", .bool(false)), ("fused", Value.none)])) { interpreter, a in
              try Self.checkAdamOptions(a)          // the defaults, as PyTorch's __init__ checks them
              // the defaults' betas are kept as a tuple, a list made one (a group's own stay as given)
              var defaults = a
              if case .list(let l) = a["betas"] { defaults = a.replacing("betas", with: .tuple(l.remaining)) }
              return .object(try Self.groupedOptimizer(name, defaults) { a, params in
                let betas = try interpreter.iterationItems(a["betas"]).map { v -> Double in
                    guard let d = v.asDouble else { throw LanguageFailure("\(name): betas must be two numbers, e.g. (0.9, 0.999)") }
                    return d
                }
                guard betas.count == 2 else { throw LanguageFailure("\(name): betas must be two numbers, e.g. (0.9, 0.999)") }
                let adam = try Adam(parameters: params, learningRate: try a.double("lr"), betas: (betas[0], betas[1]), epsilon: try a.double("eps"),
                                    weightDecay: try a.double("weight_decay"), decoupled: decoupled, amsgrad: try a.bool("amsgrad"),
                                    maximize: try a.bool("maximize"))
                let group = Self.parameterGroup(params, Self.given(a, ["lr", "betas", "eps", "weight_decay", "amsgrad", "maximize",
                                                                       "foreach", "capturable", "differentiable", "fused"])
                                                + [("decoupled_weight_decay", .bool(decoupled))])
                let state = ParameterState(entries: { i in
                    guard let m = adam.firstMoments[i], let v = adam.secondMoments[i] else { return nil }
                    return [("step", Self.stepTensor(adam.steps[i])), ("exp_avg", .tensor(m)), ("exp_avg_sq", .tensor(v))]
                        + (adam.maxSecondMoments[i].map { [("max_exp_avg_sq", .tensor($0))] } ?? [])
                }, restore: { i, saved in
                    try adam.restoreState(i, step: try Self.stateStep(saved), firstMoment: try Self.stateTensor(saved, "exp_avg"),
                                          secondMoment: try Self.stateTensor(saved, "exp_avg_sq"),
                                          maxSecondMoment: adam.amsgrad ? try Self.stateTensor(saved, "max_exp_avg_sq") : nil)
                })
                return OptimizerGroup(params: params, options: group, state: state) { lr, group in
                    // β₁ as the group's betas say now (OneCycleLR cycles it)
                    guard let beta1 = group[.string("betas")]?.sequenceItems()?.first?.asDouble else {
                        throw LanguageFailure("\(name): param_groups[…][\"betas\"] must be two numbers, e.g. (0.9, 0.999)")
                    }
                    adam.learningRate = lr; adam.beta1 = beta1; adam.step()
                }
              })
            }
        }
        t["RMSprop"] = rmsprop()
        t["Adagrad"] = adagrad()
        t.merge(momentOptimizers()) { _, new in new }
        return t
    }

    /// The tensors an optimiser updates: leaves, from `model.parameters()` or a list.
    static func optimizedParameters(_ value: Value, _ name: String) throws -> [Tensor] {
        guard let items = value.sequenceItems(), value.typeName != "str" else {
            throw LanguageFailure("\(name): params must be the parameters to optimise, e.g. net.parameters(), got \(value.typeName)")
        }
        guard !items.isEmpty else { throw LanguageFailure("optimizer got an empty parameter list", fix: "pass the parameters to optimise, e.g. model.parameters()", as: .valueError) }
        return try items.enumerated().map { (i, v) -> Tensor in
            guard case .tensor(let p) = v else {
                if case .dict = v { throw LanguageFailure("\(name): a parameter group (a dict) among the parameters", fix: "pass a list of tensors, or a list of groups, each {'params': …}") }
                throw LanguageFailure("\(name): parameter \(i) is a \(v.typeName), not a tensor")
            }
            guard p.gradNode == nil else { throw LanguageFailure("\(name): can't optimize a non-leaf tensor (parameter \(i) was computed from others)") }
            return p
        }
    }

    /// param_groups[0] in PyTorch's key order: "params" (the tensors), then the options (as given:
    /// PyTorch keeps 0 an int and 0.1 a float, `given`) and the ones PyTorch adds.
    static func parameterGroup(_ params: [Tensor], _ options: [(String, Value)]) -> DictStorage {
        DictStorage([(key: .string("params"), value: .list(ListStorage(params.map { .tensor($0) })))]
                    + options.map { (key: Value.string($0.0), value: $0.1) })
    }
    static func given(_ a: BoundArguments, _ names: [String]) -> [(String, Value)] { names.map { ($0, a[$0]) } }

    /// The optimiser as the program sees it: its groups' parameters and options, `step()` updating
    /// each group with its learning rate and options as they are now; `add_param_group(dict)`
    /// adds one (`addGroup` makes it from the dict and the constructor's defaults). `plain` is a
    /// group made from the constructor's options alone: its keys' order is `defaults`' order.
    static func optimizerObject(_ name: String, _ initial: [OptimizerGroup], plain: OptimizerGroup, constructor a: BoundArguments,
                                addGroup: @escaping (DictStorage, [OptimizerGroup]) throws -> OptimizerGroup) -> ClosureObject {
        final class Groups { var all: [OptimizerGroup]; init(_ all: [OptimizerGroup]) { self.all = all } }
        let groups = Groups(initial)
        // `defaults`: the constructor's options, in a plain group's key order (PyTorch's
        // self.defaults), not in the order of the keys a first dict group gives
        let defaults = DictStorage(plain.options.entries.filter { $0.key.text != "params" }.map { ($0.key, a.values[$0.key.text] ?? $0.value) })
        let object = ClosureObject(typeName: name, memberNames: ["step", "zero_grad", "param_groups", "state_dict", "load_state_dict", "add_param_group", "defaults", "state"], repr: {
            // PyTorch's repr: each group's options but the parameters, sorted by name
            let lines = groups.all.enumerated().flatMap { i, group in
                (i == 0 ? [] : [""]) + ["Parameter Group \(i)"]
                    + group.options.entries.filter { $0.key.text != "params" }.sorted { $0.key.text < $1.key.text }.map { "    \($0.key.text): \($0.value.repr)" }
            }
            return ([name + " ("] + lines + [")"]).joined(separator: "\n")
        })
        object.memberLookup = { member in
            switch member {
            case "step":
                // step(closure): the closure (zero_grad, forward, backward) runs first, with
                // gradients recorded; its loss is what step returns, as PyTorch's optimizers do
                return Self.builtin(Signature("step", [("closure", Value.none)])) { interpreter, a in
                    var loss = Value.none
                    if case .none = a["closure"] {} else {
                        loss = try GradMode.with(enabled: true) { try interpreter.callBack(a["closure"], Arguments()) }
                    }
                    for (i, group) in groups.all.enumerated() {
                        // any number, a negative one too: PyTorch checks only the constructor's lr
                        guard let lr = group.options[.string("lr")]?.asDouble else {
                            throw LanguageFailure("\(name): param_groups[\(i)][\"lr\"] must be a number")
                        }
                        try group.step(lr, group.options)
                        // views of a parameter see the step; a parameter it changed is a version on
                        for p in group.params { TensorKinds.shared.wroteInPlace(p, bump: p.grad != nil) }
                    }
                    return loss
                }
            case "zero_grad":
                return Self.builtin(Signature("zero_grad", [("set_to_none", .bool(true))])) { _, a in
                    let none = try a.bool("set_to_none")
                    for p in groups.all.flatMap(\.params) { if none { p.grad = nil } else { p.grad?.buffer.update(repeating: 0) } }
                    return .none
                }
            case "param_groups": return .list(ListStorage(groups.all.map { .dict($0.options) }))
            case "defaults": return .dict(defaults)
            case "state_dict": return .builtin(Builtin("state_dict") { _, _ in Self.optimizerStateDict(groups.all) })
            case "state":
                // opt.state: a defaultdict(dict) from each parameter that has state to its entries (live tensors)
                let state = DictStorage(kind: .defaultDict)
                state.defaultFactory = .builtin(Builtin("dict") { _, _ in .dict(DictStorage()) })
                for group in groups.all {
                    for (i, p) in group.params.enumerated() {
                        guard let entries = group.state.entries(i) else { continue }
                        state.set(.tensor(p), .dict(DictStorage(entries.map { (key: .string($0.0), value: $0.1) })))
                    }
                }
                return .dict(state)
            case "load_state_dict":
                return Self.builtin(Signature("load_state_dict", [("state_dict", nil)])) { _, a in
                    try Self.loadOptimizerStateDict(a["state_dict"], into: groups.all, name)
                    return .none
                }
            case "add_param_group":
                return Self.builtin(Signature("add_param_group", [("param_group", nil)])) { _, a in
                    guard case .dict(let given) = a["param_group"] else {
                        throw LanguageFailure("param_group must be a dict, got \(a["param_group"].typeName)", as: .typeError)
                    }
                    groups.all.append(try addGroup(given, groups.all))
                    return .none
                }
            default: return nil
            }
        }
        return object
    }

    /// An optimiser over `a["params"]`: one group of tensors, or PyTorch's list of groups, each a
    /// dict with "params" and options of its own that take the place of the constructor's. `build`
    /// makes one group's update from the options as merged (same names, same accessors).
    static func groupedOptimizer(_ name: String, _ a: BoundArguments,
                                 _ build: @escaping (BoundArguments, [Tensor]) throws -> OptimizerGroup) throws -> ClosureObject {
        let addGroup = { (given: DictStorage, existing: [OptimizerGroup]) throws -> OptimizerGroup in
            try Self.parameterGroup(given, defaults: a, name, existing: existing, build)
        }
        guard let items = a["params"].sequenceItems(), items.contains(where: { if case .dict = $0 { return true } else { return false } }) else {
            let group = try build(a, try optimizedParameters(a["params"], name))
            return optimizerObject(name, [group], plain: group, constructor: a, addGroup: addGroup)
        }
        var groups: [OptimizerGroup] = []
        for item in items {
            guard case .dict(let given) = item else {
                throw LanguageFailure("\(name): params mixes parameter groups (dicts) with \(item.typeName)s", fix: "make every item a group {'params': …}")
            }
            groups.append(try parameterGroup(given, defaults: a, name, existing: groups, build))
        }
        return optimizerObject(name, groups, plain: try build(a, []), constructor: a, addGroup: addGroup)
    }

    /// One group from its dict: its tensors (none already in `existing`), its own options and the
    /// constructor's for the rest, in PyTorch's key order (the group's keys as given, then the
    /// defaults it was missing).
    private static func parameterGroup(_ given: DictStorage, defaults a: BoundArguments, _ name: String, existing: [OptimizerGroup],
                                       _ build: (BoundArguments, [Tensor]) throws -> OptimizerGroup) throws -> OptimizerGroup {
        guard let tensors = given[.string("params")] else {
            throw LanguageFailure("KeyError: 'params'", fix: "give every parameter group its tensors: {'params': model.fc.parameters(), …}")
        }
        let params = try singleTensor(tensors) ?? optimizedParameters(tensors, name)
        var seen = Set(existing.flatMap(\.params).map(ObjectIdentifier.init))
        for p in params where !seen.insert(ObjectIdentifier(p)).inserted {
            throw LanguageFailure("some parameters appear in more than one parameter group", as: .valueError)
        }
        var values = a.values
        for (key, value) in given.entries { if case .string(let k) = key, k != "params" { values[k] = value } }
        let group = try build(BoundArguments(function: a.function, values: values, rest: []), params)
        let own = given.entries.compactMap { entry -> (key: Value, value: Value)? in
            guard case .string(let k) = entry.key else { return nil }
            return k == "params" ? group.options.entries.first { $0.key.text == "params" } : (entry.key, group.options[entry.key] ?? entry.value)
        }
        let rest = group.options.entries.filter { entry in !given.entries.contains { $0.key.text == entry.key.text } }
        return OptimizerGroup(params: params, options: DictStorage(own + rest), state: group.state, step: group.step)
    }

    /// One tensor given as a group's params: a group of one.
    private static func singleTensor(_ value: Value) -> [Tensor]? { if case .tensor(let t) = value { return [t] } else { return nil } }
}

/// One parameter group of an optimiser: its tensors, its options (the dict `param_groups[i]`,
/// which schedulers change), what it keeps per parameter, and its update with the learning rate
/// and options as they are now.
struct OptimizerGroup {
    let params: [Tensor]
    let options: DictStorage
    let state: ParameterState
    let step: (Double, DictStorage) throws -> Void
}

extension Interpreter {
    /// The tensors of `parameters=` (a tensor, or any iterable of them, as `model.parameters()`).
    static func parameterTensors(_ value: Value, _ name: String) throws -> [Tensor] {
        if case .tensor(let t) = value { return [t] }
        guard let items = value.sequenceItems() else { throw LanguageFailure("\(name): parameters must be a tensor or an iterable of tensors") }
        return try items.map { v in
            guard case .tensor(let t) = v else { throw LanguageFailure("\(name): parameters must be tensors, got \(v.typeName)") }
            return t
        }
    }

    /// torch.nn.utils: the gradient clipping of `gradientClippingBuiltins`, rnn's packing, and
    /// parameters_to_vector / vector_to_parameters.
    func nnUtilsNamespace() -> Namespace {
        Namespace("torch.nn.utils", gradientClippingBuiltins().merging([
            "rnn": .namespace(sequencePackingNamespace()),          // pad_sequence, pack_padded_sequence, PackedSequence, …
            // torch.cat([p.view(-1) for p in parameters]): one vector, CatBackward0 to the parameters
            "parameters_to_vector": Self.builtin(Signature("parameters_to_vector", [("parameters", nil)])) { interpreter, a in
                let flat = try Self.parameterTensors(a["parameters"], "parameters_to_vector").map { p -> Tensor in
                    guard case .tensor(let v) = try interpreter.callBack(try interpreter.getAttribute(.tensor(p), "view"), Arguments([.int(-1)])) else {
                        throw LanguageFailure("parameters_to_vector: view(-1) gave no tensor")
                    }
                    return v
                }
                guard !flat.isEmpty else { throw LanguageFailure("torch.cat(): expected a non-empty list of Tensors") }
                return .tensor(try TensorOps.cat(flat, dim: 0))
            },
            // each parameter's values from the next numel() of vec, in order (as param.data = …: no graph)
            "vector_to_parameters": Self.builtin(Signature("vector_to_parameters", [("vec", nil), ("parameters", nil)])) { _, a in
                guard case .tensor(let vec) = a["vec"] else { throw LanguageFailure("expected torch.Tensor, but got: \(a["vec"].typeName)") }
                var offset = 0
                for p in try Self.parameterTensors(a["parameters"], "vector_to_parameters") {
                    let n = min(p.count, max(vec.count - offset, 0))
                    guard n == p.count else {
                        throw LanguageFailure("shape '[\(p.shape.map(String.init).joined(separator: ", "))]' is invalid for input of size \(n)",
                                              fix: "vec needs as many values as all the parameters together")
                    }
                    p.data.update(from: vec.data + offset, count: n)
                    offset += n
                }
                return .none
            },
        ]) { first, _ in first })
    }
}

