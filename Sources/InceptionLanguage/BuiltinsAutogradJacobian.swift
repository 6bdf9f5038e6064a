import InceptionRuntime

/// torch.autograd.functional.jacobian(func, inputs): func called on detached copies of the
/// inputs that require grad (as PyTorch's), then one torch.autograd.grad per output element
/// (retain_graph=True, allow_unused=True): each input's Jacobian of shape output.shape +
/// input.shape, zeros where the output does not depend on it. One tensor for a tensor input, a
/// tuple for a tuple of inputs. create_graph (and so hessian) is refused by name.
extension Interpreter {
    func autogradFunctionalNamespace(grad: Value) -> Namespace {
        Namespace("torch.autograd.functional", [
            "jacobian": Self.builtin(Signature("jacobian", [("func", nil), ("inputs", nil), ("create_graph", .bool(false)), ("strict", .bool(false)),
                                                            ("vectorize", .bool(false)), ("strategy", .string("reverse-mode"))])) { interpreter, a in
                guard try !a.bool("create_graph") else {
                    throw LanguageFailure.refusal("jacobian(create_graph=True) is not supported here: gradients of gradients are not recorded")
                }
                let single: Bool, given: [Tensor]
                if case .tensor(let t) = a["inputs"] { (single, given) = (true, [t]) } else if let items = a["inputs"].sequenceItems() {
                    single = false
                    given = try items.map { v in
                        guard case .tensor(let t) = v else { throw LanguageFailure("The inputs given to jacobian must be either a Tensor or a tuple of Tensors but the given argument at index 0 has type \(v.typeName).", as: .typeError) }
                        return t
                    }
                } else {
                    throw LanguageFailure("The inputs given to jacobian must be either a Tensor or a tuple of Tensors but the value given has type \(a["inputs"].typeName).", as: .typeError)
                }
                let leaves = try given.map { t -> Tensor in
                    guard case .tensor(let d) = try interpreter.tensorMethod(t, "detach"),
                          case .tensor(let leaf) = try interpreter.tensorMethod(d, "requires_grad_") else { throw LanguageFailure("jacobian()") }
                    return leaf
                }
                guard case .tensor(let out) = try interpreter.callBack(a["func"], Arguments(leaves.map { .tensor($0) })) else {
                    throw LanguageFailure.refusal("jacobian() of a function that returns several tensors is not supported here", fix: "return one tensor, or call jacobian once per output")
                }
                var rows = [[Value]](repeating: [], count: leaves.count)
                if out.requiresGrad, out.count > 0, case .tensor(let flat) = try interpreter.tensorMethod(out, "reshape", [.int(-1)]) {
                    for i in 0..<out.count {
                        let element = try TensorOps.getItem(flat, [.at(i)])
                        let grads = try interpreter.callBack(grad, Arguments([.tensor(element), .tuple(leaves.map { .tensor($0) })],
                                                                            keywords: [("retain_graph", .bool(true)), ("allow_unused", .bool(true))]))
                        for (j, g) in (grads.sequenceItems() ?? []).enumerated() {
                            rows[j].append(g.isNone ? .tensor(Tensor(zeros: leaves[j].shape)) : g)
                        }
                    }
                }
                let jacobians = try leaves.enumerated().map { j, leaf -> Value in
                    let shape = (out.shape + leaf.shape).map { Value.int($0) }
                    guard !rows[j].isEmpty, case .namespace(let torch)? = interpreter.builtinScope.lookup("torch"), let stack = torch.members["stack"],
                          case .tensor(let stacked) = try interpreter.callBack(stack, Arguments([.list(ListStorage(rows[j]))])) else {
                        return .tensor(Tensor(zeros: out.shape + leaf.shape))
                    }
                    return try interpreter.tensorMethod(stacked, "reshape", shape)
                }
                return single ? jacobians[0] : .tuple(jacobians)
            },
        ])
    }
}
