import Foundation

extension Autograd {
    /// `loss.backward()`: runs the recorded operations that led to `root` in reverse order,
    /// accumulating dL/dθ into `.grad` of every leaf that requires it (parameters, inputs
    /// marked with requires_grad), and frees the recording at the end. Observers of `context`
    /// see each step (path, gradient shapes and norms, time).
    ///
    /// `gradient`: dL/d(root); may be left out when root holds one value (it is then 1).
    /// `retainGraph`: keep the recording, so another backward can run through it (PyTorch's
    /// retain_graph=True; every backward closure computes fresh tensors from what it saved).
    public static func backward(_ root: Tensor, gradient: Tensor? = nil, retainGraph: Bool = false, context: ExecutionContext? = nil) throws {
        // PyTorch checks the gradient's shape before it looks for a graph.
        if let gradient, gradient.shape != root.shape {
            throw TensorError.refused("Mismatch in shape: grad_output[0] has a shape of \(torchSizeText(gradient.shape)) and output[0] has a shape of \(torchSizeText(root.shape)).",
                                      fix: "pass a gradient of the output's shape: y.backward(torch.ones_like(y))")
        }
        guard root.requiresGrad else {
            throw TensorError.refused("element 0 of tensors does not require grad and does not have a grad_fn",
                                      fix: "nothing that made this tensor needs a gradient: is a parameter frozen, or did it run under no_grad()?")
        }
        let seed: Tensor
        if let gradient {
            seed = gradient
        } else {
            guard root.count == 1 else {
                throw TensorError.refused("grad can be implicitly created only for scalar outputs",
                                          fix: "this tensor is \(formatShape(root.shape)): reduce it first (y.sum().backward()) or pass the gradient: y.backward(g)")
            }
            seed = Tensor(repeating: 1, shape: root.shape)
        }
        guard let rootNode = root.gradNode else {          // a leaf: its gradient is the seed
            accumulate(into: root, try runHooks(root.gradHooks, on: seed, shape: root.shape))
            return
        }
        if rootNode.isReleased { throw backwardTwice }
        let order = reverseTopologicalOrder(from: rootNode)
        defer { if !retainGraph { for node in order { node.release() } } }
        var pending: [ObjectIdentifier: Tensor] = [ObjectIdentifier(rootNode): seed]
        // Leaves with hooks: their gradients of this backward, summed, go through the hooks at the end.
        var hookedLeaves: [(leaf: Tensor, sum: Tensor)] = []
        let observers = context?.observers ?? []
        for node in order {
            guard let pendingGradient = pending.removeValue(forKey: ObjectIdentifier(node)) else { continue }
            guard let body = node.backward else { throw backwardTwice }
            let gy = try hooked(node, pendingGradient)
            var step = BackwardStep(path: node.path, label: node.label, isModule: node.isModule, gradOutput: gy)
            for o in observers { try o.willBackward(step, context: context!) }
            let start = DispatchTime.now().uptimeNanoseconds
            let grads = try tagged(node) { try body(gy) }
            step.seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            for (index, (input, g)) in zip(node.inputs, grads).enumerated() {
                guard let input, let g else { continue }
                try requireShape(g.shape, equals: input.shape, "\(node.label) backward")
                if let inner = input.gradNode {
                    let key = ObjectIdentifier(inner)
                    if let sum = pending[key] { add(g, into: sum) } else { pending[key] = g }
                } else if !input.gradHooks.isEmpty {
                    if let i = hookedLeaves.firstIndex(where: { $0.leaf === input }) { add(g, into: hookedLeaves[i].sum) }
                    else { hookedLeaves.append((input, g.copy())) }
                } else {
                    // A layer's own parameter gradient (dW, db: made by its backward for this
                    // call alone) becomes .grad as it is, when no observer holds it too: a copy
                    // of every gradient (13M floats a step for the seed network) saved.
                    let fresh = observers.isEmpty && node.isModule && index > 0 && g !== gy
                        && !grads.enumerated().contains { $0.offset != index && $0.element === g }
                    accumulate(into: input, g, owned: fresh)
                }
            }
            if !observers.isEmpty {
                step.gradInputs = grads.first.flatMap { $0 }.map { [$0] } ?? []
                if let module = node.module {
                    for (i, p) in module.parameters.enumerated() where i + 1 < grads.count {
                        if let g = grads[i + 1] { step.parameterGrads.append((p.name, g)) }
                    }
                }
                for o in observers { try o.didBackward(step, context: context!) }
            }
        }
        for (leaf, sum) in hookedLeaves { accumulate(into: leaf, try runHooks(leaf.gradHooks, on: sum, shape: leaf.shape), owned: true) }
    }

    /// The leaves (tensors with no recorded node) that the recording behind `root` reaches: the
    /// tensors a backward from it gives a gradient (torch.autograd.grad keeps their .grad as it was).
    public static func reachableLeaves(from root: Tensor) -> [Tensor] {
        guard let node = root.gradNode else { return root.requiresGrad ? [root] : [] }
        var leaves: [ObjectIdentifier: Tensor] = [:]
        for step in reverseTopologicalOrder(from: node) {
            for case let input? in step.inputs where input.gradNode == nil { leaves[ObjectIdentifier(input)] = input }
        }
        return Array(leaves.values)
    }

    /// PyTorch's text.
    static let backwardTwice = TensorError.invalidArgument("Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the graph a second time or if you need to access saved tensors after calling backward.")

    /// Nodes in an order where every node comes before the nodes that made its inputs:
    /// an iterative depth-first post-order, reversed (deep networks need no deep recursion).
    static func reverseTopologicalOrder(from root: GradNode) -> [GradNode] {
        var postOrder: [GradNode] = []
        var seen: Set<ObjectIdentifier> = [ObjectIdentifier(root)]
        var stack: [(node: GradNode, next: Int)] = [(root, 0)]
        while let top = stack.last {
            let inputs = top.node.inputs
            if top.next < inputs.count {
                stack[stack.count - 1].next += 1
                if let child = inputs[top.next]?.gradNode, seen.insert(ObjectIdentifier(child)).inserted {
                    stack.append((child, 0))
                }
            } else {
                postOrder.append(top.node)
                stack.removeLast()
            }
        }
        return postOrder.reversed()
    }

    /// leaf.grad += g (PyTorch accumulates until zero_grad); `owned`: nothing else holds g, so
    /// a first gradient need not be copied.
    static func accumulate(into leaf: Tensor, _ g: Tensor, owned: Bool = false) {
        if let existing = leaf.grad { add(g, into: existing) } else { leaf.grad = owned ? g : g.copy() }
    }

    // sum += g, element-wise (same shapes), split over the threads: a block's input gathers
    // the gradients of its four branches this way, tens of MB each in a training step.
    static func add(_ g: Tensor, into sum: Tensor) {
        let (from, to) = (UnsafePointer(g.data), sum.data)
        Parallel.chunks(g.count) { range in
            for i in range { to[i] += from[i] }
        }
    }

    /// Kernel errors in a backward step name the module they belong to.
    private static func tagged(_ node: GradNode, _ body: () throws -> [Tensor?]) throws -> [Tensor?] {
        do { return try body() } catch let e as TensorError {
            throw ModuleError(path: node.path, typeName: node.label, message: "backward: " + e.description, cause: e)
        }
    }
}
