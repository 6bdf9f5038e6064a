import InceptionRuntime

/// torch.autograd.grad(outputs, inputs): the gradients of one output with respect to leaf
/// tensors, returned as a tuple, with every leaf's `.grad` left as it was (a backward runs, and
/// the leaves it reaches get their old gradients back). As in PyTorch, the recording is freed
/// unless retain_graph=True; create_graph (gradients of gradients) and non-leaf inputs are
/// refused by name.
extension Interpreter {
    func autogradNamespace() -> Namespace {
        Namespace("torch.autograd", [
            "Function": Self.autogradFunctionBase,
            // Variable(x, requires_grad=…): the old wrapper, a tensor since PyTorch 0.4
            "Variable": Self.builtin(Signature("Variable", [("data", nil), ("requires_grad", .bool(false)), ("volatile", .bool(false))])) { interpreter, a in
                let x = try a.tensor("data")
                if try a.bool("requires_grad") { try interpreter.setRequiresGrad(x, true) }
                return .tensor(x)
            },
            // torch.autograd.backward(tensors, grad_tensors): each tensor's backward, in turn
            "backward": Self.builtin(Signature("backward", [("tensors", nil), ("grad_tensors", Value.none), ("retain_graph", Value.none),
                                                            ("create_graph", .bool(false)), ("inputs", Value.none)])) { interpreter, a in
                let tensors = try Self.oneOrMoreTensors(a["tensors"])
                let seeds = a["grad_tensors"].isNone ? [] : try Self.oneOrMoreTensors(a["grad_tensors"])
                for (i, t) in tensors.enumerated() {
                    var keywords: [(name: String, value: Value)] = [("retain_graph", a["retain_graph"]), ("create_graph", a["create_graph"]), ("inputs", a["inputs"])]
                    if i < seeds.count { keywords.append(("gradient", .tensor(seeds[i]))) }
                    _ = try interpreter.callBack(try interpreter.getAttribute(.tensor(t), "backward"), Arguments([], keywords: keywords))
                }
                return .none
            },
            "grad": Self.builtin(Signature("grad", [("outputs", nil), ("inputs", nil), ("grad_outputs", Value.none), ("retain_graph", Value.none),
                                                    ("create_graph", .bool(false)), ("only_inputs", .bool(true)), ("allow_unused", Value.none)])) { interpreter, a in
                guard try !a.bool("create_graph") else {
                    throw LanguageFailure("torch.autograd.grad(create_graph=True) is not supported here: gradients of gradients are not recorded")
                }
                let outputs = try Self.oneOrMoreTensors(a["outputs"]), inputs = try Self.oneOrMoreTensors(a["inputs"])
                guard outputs.count == 1, let output = outputs.first else {
                    throw LanguageFailure("torch.autograd.grad(): one output at a time here, got \(outputs.count)", fix: "add them first: torch.autograd.grad(a + b, …)")
                }
                let seeds = a["grad_outputs"].isNone ? [] : try Self.oneOrMoreTensors(a["grad_outputs"])
                for x in inputs where x.gradNode != nil || !x.requiresGrad {
                    throw LanguageFailure(x.requiresGrad ? "torch.autograd.grad(): gradients with respect to a computed (non-leaf) tensor are not supported here"
                                                         : "One of the differentiated Tensors does not require grad",
                                          fix: x.requiresGrad ? "ask for the leaves it was computed from" : nil)
                }
                let leaves = Autograd.reachableLeaves(from: output)
                let saved = leaves.map(\.grad)
                for leaf in leaves { leaf.grad = nil }
                defer { for (leaf, grad) in zip(leaves, saved) { leaf.grad = grad } }
                try Autograd.backward(output, gradient: seeds.first, retainGraph: try a["retain_graph"].isTruthy(), context: interpreter.currentContext)
                let allowUnused = (try a["allow_unused"].isTruthy())
                return .tuple(try inputs.enumerated().map { index, x in
                    guard leaves.contains(where: { $0 === x }), let g = x.grad else {
                        guard allowUnused else {
                            throw LanguageFailure("The differentiated Tensor at index \(index) appears to not have been used in the graph. Set allow_unused=True if this is the desired behavior.")
                        }
                        return .none
                    }
                    return .tensor(g)
                })
            },
        ])
    }

    /// A tensor, or a list or tuple of tensors.
    static func oneOrMoreTensors(_ v: Value) throws -> [Tensor] {
        if case .tensor(let t) = v { return [t] }
        return try tensorList(v, "torch.autograd.grad")
    }
}
