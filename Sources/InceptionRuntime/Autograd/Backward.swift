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
        _ = try run([(root, gradient)], capturing: nil, retainGraph: retainGraph, context: context)
    }

    /// `torch.autograd.backward([a, b], [ga, gb])`: one backward pass from several roots, their
    /// gradients summed where their recordings meet (so a shared part runs once).
    public static func backward(_ roots: [(tensor: Tensor, gradient: Tensor?)], retainGraph: Bool = false, context: ExecutionContext? = nil) throws {
        _ = try run(roots, capturing: nil, retainGraph: retainGraph, context: context)
    }

    /// `torch.autograd.grad(outputs, inputs, grad_outputs)`: the gradients of the roots with
    /// respect to `inputs` (leaves or computed tensors), nil for an input the roots do not reach.
    /// No leaf's `.grad` changes; as in PyTorch only the operations between the roots and the
    /// inputs run (and are freed without retainGraph), and a computed input's gradient is the
    /// whole gradient of that tensor, after its hooks.
    public static func gradients(of roots: [(tensor: Tensor, gradient: Tensor?)], withRespectTo inputs: [Tensor],
                                 retainGraph: Bool = false, context: ExecutionContext? = nil) throws -> [Tensor?] {
        try run(roots, capturing: inputs, retainGraph: retainGraph, context: context)
    }

    /// The seed of each root (its given gradient, or 1 for a single value), checked as PyTorch checks them.
    private static func seeds(_ roots: [(tensor: Tensor, gradient: Tensor?)]) throws -> [Tensor] {
        try roots.enumerated().map { i, r in
            let root = r.tensor
            // PyTorch checks the gradient's shape before it looks for a graph.
            if let gradient = r.gradient, gradient.shape != root.shape {
                throw TensorError.refused("Mismatch in shape: grad_output[\(i)] has a shape of \(torchSizeText(gradient.shape)) and output[\(i)] has a shape of \(torchSizeText(root.shape)).",
                                          fix: "pass a gradient of the output's shape: y.backward(torch.ones_like(y))")
            }
            guard root.requiresGrad else {
                throw TensorError.refused("element \(i) of tensors does not require grad and does not have a grad_fn",
                                          fix: "nothing that made this tensor needs a gradient: is a parameter frozen, or did it run under no_grad()?")
            }
            if let gradient = r.gradient { return gradient }
            guard root.count == 1 else {
                throw TensorError.refused("grad can be implicitly created only for scalar outputs",
                                          fix: "this tensor is \(formatShape(root.shape)): reduce it first (y.sum().backward()) or pass the gradient: y.backward(g)")
            }
            return Tensor(repeating: 1, shape: root.shape)
        }
    }

    /// The backward pass. `inputs` nil: every leaf reached accumulates into `.grad` (backward).
    /// Otherwise only the gradients of `inputs` are gathered and returned (autograd.grad), and
    /// only the nodes that lead to one of them run.
    private static func run(_ roots: [(tensor: Tensor, gradient: Tensor?)], capturing inputs: [Tensor]?,
                            retainGraph: Bool, context: ExecutionContext?) throws -> [Tensor?] {
        let seeds = try seeds(roots)
        if let inputs, inputs.contains(where: { !$0.requiresGrad }) {
            throw TensorError.refused("One of the differentiated Tensors does not require grad", fix: "ask for the gradient of tensors that require grad: x.requires_grad_() before the computation")
        }
        var captured = [Tensor?](repeating: nil, count: inputs?.count ?? 0)
        /// Adds g to the gradient gathered for t, if t is one of `inputs`; whether it is.
        func capture(_ t: Tensor, _ g: Tensor) -> Bool {
            var hit = false
            for (k, x) in (inputs ?? []).enumerated() where x === t {
                if let sum = captured[k] { add(g, into: sum) } else { captured[k] = g.copy() }
                hit = true
            }
            return hit
        }
        var pending: [ObjectIdentifier: Tensor] = [:]
        var rootNodes: [GradNode] = []
        // Leaves with hooks: their gradients of this backward, summed, go through the hooks at the end.
        var hookedLeaves: [(leaf: Tensor, sum: Tensor)] = []
        func leafGradient(_ leaf: Tensor, _ g: Tensor) {
            if let i = hookedLeaves.firstIndex(where: { $0.leaf === leaf }) { add(g, into: hookedLeaves[i].sum) }
            else { hookedLeaves.append((leaf, g.copy())) }
        }
        for (root, seed) in zip(roots.map(\.tensor), seeds) {
            guard let node = root.gradNode else {          // a leaf: its gradient is the seed
                if inputs == nil && root.gradHooks.isEmpty { accumulate(into: root, seed) } else { leafGradient(root, seed) }
                continue
            }
            if node.isReleased { throw backwardTwice }
            let key = ObjectIdentifier(node)
            if let sum = pending[key] { let merged = sum.copy(); add(seed, into: merged); pending[key] = merged } else { pending[key] = seed; rootNodes.append(node) }
        }
        var order = reverseTopologicalOrder(from: rootNodes)
        // autograd.grad: the nodes that lead to an input run; an input's own node only gathers.
        var runs: Set<ObjectIdentifier>? = nil
        if let inputs {
            let inputNodes = Set(inputs.compactMap { $0.gradNode.map(ObjectIdentifier.init) })
            let leafInputs = Set(inputs.filter { $0.gradNode == nil }.map(ObjectIdentifier.init))
            var leads = Set<ObjectIdentifier>(), running = Set<ObjectIdentifier>()
            for node in order.reversed() {
                // a freed node may lead anywhere: reaching it stops with PyTorch's error
                let reachesInput = node.isReleased || node.inputs.contains { t in
                    guard let t else { return false }
                    if let inner = t.gradNode { return leads.contains(ObjectIdentifier(inner)) }
                    return leafInputs.contains(ObjectIdentifier(t))
                }
                if reachesInput { running.insert(ObjectIdentifier(node)) }
                if reachesInput || inputNodes.contains(ObjectIdentifier(node)) { leads.insert(ObjectIdentifier(node)) }
            }
            order = order.filter { leads.contains(ObjectIdentifier($0)) }
            runs = running
        }
        var ran: [GradNode] = []
        defer { if !retainGraph { for node in ran { node.releaseSavedTensors() } } }
        let observers = context?.observers ?? []
        for node in order {
            guard let pendingGradient = pending.removeValue(forKey: ObjectIdentifier(node)) else { continue }
            guard let body = node.backward else { throw backwardTwice }
            let gy = try hooked(node, pendingGradient)
            if inputs != nil, let made = inputs?.first(where: { $0.gradNode === node }) { _ = capture(made, gy) }
            if let runs, !runs.contains(ObjectIdentifier(node)) { continue }
            ran.append(node)
            var step = BackwardStep(path: node.path, label: node.label, isModule: node.isModule, gradOutput: gy)
            for o in observers { try o.willBackward(step, context: context!) }
            try node.checkSavedVersions()
            let start = DispatchTime.now().uptimeNanoseconds
            let grads = try tagged(node) { try body(gy) }
            step.seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            for (index, (input, g)) in zip(node.inputs, grads).enumerated() {
                guard let input, let g else { continue }
                try requireShape(g.shape, equals: input.shape, "\(node.label) backward")
                if let inner = input.gradNode {
                    let key = ObjectIdentifier(inner)
                    if let sum = pending[key] { add(g, into: sum) } else { pending[key] = g }
                } else if let inputs {
                    if inputs.contains(where: { $0 === input }) { leafGradient(input, g) }
                } else if !input.requiresGrad {
                    continue        // a leaf detached (or set not to require grad) since: PyTorch's AccumulateGrad skips it
                } else if !input.gradHooks.isEmpty {
                    leafGradient(input, g)
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
        for (leaf, sum) in hookedLeaves {
            let g = try runHooks(leaf.gradHooks, on: sum, shape: leaf.shape)
            if inputs == nil { accumulate(into: leaf, g, owned: true) } else { _ = capture(leaf, g) }
        }
        return captured
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
    static func reverseTopologicalOrder(from root: GradNode) -> [GradNode] { reverseTopologicalOrder(from: [root]) }

    /// The same from several roots (one depth-first search from each, sharing what they have seen).
    static func reverseTopologicalOrder(from roots: [GradNode]) -> [GradNode] {
        var postOrder: [GradNode] = []
        var seen: Set<ObjectIdentifier> = []
        for root in roots where seen.insert(ObjectIdentifier(root)).inserted {
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
