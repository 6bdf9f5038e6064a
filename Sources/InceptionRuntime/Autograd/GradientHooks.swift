/// Functions run on a gradient as backward computes it (PyTorch's `Tensor.register_hook` and
/// `retain_grad`). A hook may hand back a replacement gradient (nil: the gradient goes on as it
/// is). On a tensor made by a recorded operation the hooks live on its node and see the whole
/// gradient of that tensor (every use summed) before the node's backward runs; on a leaf they
/// live on the tensor and see its gradient of this backward before it is added to `.grad`.
public struct GradientHook {
    public let id: Int
    let body: (Tensor) throws -> Tensor?
}

extension Autograd {
    nonisolated(unsafe) private static var lastHookID = 0

    /// A fresh id for a hook (module hooks take theirs from here too), so a handle removes its own.
    public static func nextHookID() -> Int { lastHookID += 1; return lastHookID }

    /// Adds `body` to the hooks of `x`'s gradient; returns the hook's id (`removeHook`).
    // x: a tensor that requires a gradient; body: gradient (x's shape) → replacement or nil
    @discardableResult
    public static func registerHook(on x: Tensor, _ body: @escaping (Tensor) throws -> Tensor?) -> Int {
        let hook = GradientHook(id: nextHookID(), body: body)
        if let node = x.gradNode { node.hooks.append(hook) } else { x.gradHooks.append(hook) }
        return hook.id
    }

    /// Takes the hook with this id off `x` (wherever it was registered); nothing if it is gone.
    public static func removeHook(_ id: Int, from x: Tensor) {
        x.gradHooks.removeAll { $0.id == id }
        x.gradNode?.hooks.removeAll { $0.id == id }
    }

    /// `y.retain_grad()`: a tensor made by an operation keeps its gradient in `.grad` too, after
    /// its hooks have run (PyTorch runs retain_grad's hook last). A leaf keeps it anyway.
    public static func retainGrad(_ x: Tensor) {
        x.gradNode?.retainingTensor = x
    }

    /// Whether `x` keeps its gradient although it is not a leaf.
    public static func retainsGrad(_ x: Tensor) -> Bool { x.gradNode.map { $0.retainingTensor === x } ?? false }

    /// g after each hook in turn (a hook's replacement must keep the shape).
    static func runHooks(_ hooks: [GradientHook], on g: Tensor, shape: [Int]) throws -> Tensor {
        var g = g
        for hook in hooks {
            guard let replaced = try hook.body(g) else { continue }
            try requireShape(replaced.shape, equals: shape, "a gradient hook's result")
            g = replaced
        }
        return g
    }

    /// A node's gradient through its hooks, then kept in `.grad` of the tensor that retains it.
    static func hooked(_ node: GradNode, _ gy: Tensor) throws -> Tensor {
        guard !node.hooks.isEmpty || node.retainingTensor != nil else { return gy }
        let g = try runHooks(node.hooks, on: gy, shape: node.outputShape)
        if let owner = node.retainingTensor { accumulate(into: owner, g) }
        return g
    }
}
