import InceptionRuntime

/// torch.autograd.grad(outputs, inputs): the gradients of the outputs with respect to the
/// inputs (leaves or computed tensors), returned as a tuple, with every leaf's `.grad` left as
/// it was. As in PyTorch, the recording is freed unless retain_graph=True; create_graph
/// (gradients of gradients) is refused by name.
extension Interpreter {
    func autogradNamespace() -> Namespace {
        let namespace = autogradBaseNamespace()
        if let grad = namespace.members["grad"] { namespace.members["functional"] = .namespace(autogradFunctionalNamespace(grad: grad)) }
        return namespace
    }

    private func autogradBaseNamespace() -> Namespace {
        Namespace("torch.autograd", [
            "Function": Self.autogradFunctionBase,
            // Variable(x, requires_grad=…): the old wrapper, a tensor since PyTorch 0.4
            "Variable": Self.builtin(Signature("Variable", [("data", nil), ("requires_grad", .bool(false)), ("volatile", .bool(false))])) { interpreter, a in
                let x = try a.tensor("data")
                if try a.bool("requires_grad") { try interpreter.setRequiresGrad(x, true) }
                return .tensor(x)
            },
            // torch.autograd.backward(tensors, grad_tensors): one pass from all of them
            "backward": Self.builtin(Signature("backward", [("tensors", nil), ("grad_tensors", Value.none), ("retain_graph", Value.none),
                                                            ("create_graph", .bool(false)), ("inputs", Value.none)])) { interpreter, a in
                guard try !a.bool("create_graph") else {
                    throw LanguageFailure.refusal("torch.autograd.backward(create_graph=True) is not supported here: gradients of gradients are not recorded")
                }
                let roots = try Self.rootsAndSeeds(a["tensors"], a["grad_tensors"])
                // inputs=[…]: only those leaves accumulate; every other leaf's .grad is kept as it was
                let only = a["inputs"].isNone ? nil : try Self.oneOrMoreTensors(a["inputs"])
                let others = only.map { only in roots.flatMap { Autograd.reachableLeaves(from: $0.tensor) }.filter { leaf in !only.contains { $0 === leaf } } } ?? []
                let saved = others.map(\.grad)
                defer { for (leaf, grad) in zip(others, saved) { leaf.grad = grad } }
                try Autograd.backward(roots, retainGraph: try a["retain_graph"].isTruthy(), context: interpreter.currentContext)
                return .none
            },
            "grad": Self.builtin(Signature("grad", [("outputs", nil), ("inputs", nil), ("grad_outputs", Value.none), ("retain_graph", Value.none),
                                                    ("create_graph", .bool(false)), ("only_inputs", .bool(true)), ("allow_unused", Value.none),
                                                    ("is_grads_batched", .bool(false)), ("materialize_grads", .bool(false))])) { interpreter, a in
                guard try !a.bool("create_graph") else {
                    throw LanguageFailure.refusal("torch.autograd.grad(create_graph=True) is not supported here: gradients of gradients are not recorded")
                }
                guard try !a.bool("is_grads_batched") else {
                    throw LanguageFailure.refusal("torch.autograd.grad(is_grads_batched=True) is not supported here", fix: "call torch.autograd.grad once for each grad_outputs, with retain_graph=True")
                }
                let roots = try Self.rootsAndSeeds(a["outputs"], a["grad_outputs"])
                let inputs = try Self.oneOrMoreTensors(a["inputs"])
                let materialize = try a.bool("materialize_grads")
                let allowUnused = try a["allow_unused"].isNone ? materialize : a["allow_unused"].isTruthy()
                if materialize, !a["allow_unused"].isNone, !allowUnused {
                    throw LanguageFailure("Expected allow_unused to be True or not passed when materialize_grads=True, but got: allow_unused=False.", as: .valueError)
                }
                let grads = try Autograd.gradients(of: roots, withRespectTo: inputs, retainGraph: try a["retain_graph"].isTruthy(),
                                                   context: interpreter.currentContext)
                return .tuple(try zip(inputs, grads).enumerated().map { index, pair in
                    if let g = pair.1 { return .tensor(g) }
                    guard allowUnused else {
                        throw LanguageFailure("The differentiated Tensor at index \(index) appears to not have been used in the graph. Set allow_unused=True if this is the desired behavior.")
                    }
                    return materialize ? .tensor(Tensor(zeros: pair.0.shape)) : .none
                })
            },
        ])
    }

    /// The outputs of autograd.backward / autograd.grad with their gradients (grad_tensors /
    /// grad_outputs: one tensor, or a sequence with None where an output holds one value).
    static func rootsAndSeeds(_ outputs: Value, _ gradients: Value) throws -> [(tensor: Tensor, gradient: Tensor?)] {
        let tensors = try oneOrMoreTensors(outputs)
        var seeds: [Tensor?] = []
        if case .tensor(let g) = gradients { seeds = [g] }
        else if !gradients.isNone {
            guard let items = gradients.sequenceItems(), gradients.typeName == "list" || gradients.typeName == "tuple" else {
                throw LanguageFailure("grad_outputs must be a Tensor or a sequence of Tensors, not \(gradients.typeName)", as: .typeError)
            }
            seeds = try items.map { v in
                if v.isNone { return nil }
                guard case .tensor(let g) = v else { throw LanguageFailure("grad_outputs must be a sequence of Tensors or None, got \(v.typeName)", as: .typeError) }
                return g
            }
        }
        guard seeds.isEmpty || seeds.count == tensors.count else {
            throw LanguageFailure("got \(tensors.count) tensors and \(seeds.count) gradients")
        }
        return tensors.enumerated().map { i, t in (t, i < seeds.count ? seeds[i] : nil) }
    }

    /// A tensor, or a list or tuple of tensors.
    static func oneOrMoreTensors(_ v: Value) throws -> [Tensor] {
        if case .tensor(let t) = v { return [t] }
        return try tensorList(v, "torch.autograd.grad")
    }
}
