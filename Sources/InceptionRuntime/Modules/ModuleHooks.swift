/// Functions run around a module's calls (PyTorch's `register_forward_pre_hook`,
/// `register_forward_hook` and `register_full_backward_hook`), in the order registered. Each may
/// hand back a replacement (nil: the value goes on as it is). `ExecutionContext.run` calls them.
public struct ModuleHooks {
    /// (module, input) → replacement input, before forward
    public var forwardPre: [(id: Int, body: (Module, Tensor) throws -> Tensor?)] = []
    /// (module, input, output) → replacement output, after forward
    public var forward: [(id: Int, body: (Module, Tensor, Tensor) throws -> Tensor?)] = []
    /// (module, gradient of the input or nil, gradient of the output) → replacement input gradient,
    /// once backward has the gradient of the call's input (of its output, if the input needs none)
    public var backward: [(id: Int, body: (Module, Tensor?, Tensor) throws -> Tensor?)] = []

    public var isEmpty: Bool { forwardPre.isEmpty && forward.isEmpty && backward.isEmpty }

    /// Takes the hook with this id out, whichever kind it is.
    public mutating func remove(_ id: Int) {
        forwardPre.removeAll { $0.id == id }
        forward.removeAll { $0.id == id }
        backward.removeAll { $0.id == id }
    }
}

extension ExecutionContext {
    /// One call of `module` with its hooks around `call` (which runs the forward).
    // x: the call's input → the call's output, both as the hooks left them
    func withHooks(_ module: Module, _ x: Tensor, _ call: (Tensor) throws -> Tensor) throws -> Tensor {
        let hooks = module.hooks
        var x = x
        for hook in hooks.forwardPre { if let replaced = try hook.body(module, x) { x = replaced } }
        // The backward hooks see the gradients of this call alone: the input and output pass
        // through identity nodes (PyTorch's BackwardHookFunction) whose gradients they read.
        let watched = !hooks.backward.isEmpty && GradMode.isEnabled
        let gradientOfOutput = GradientBox()
        if watched && x.requiresGrad {
            x = Self.identityNode(x)
            Autograd.registerHook(on: x) { gx in try Self.runBackwardHooks(module, gx, gradientOfOutput.value) }
        }
        var y = try call(x)
        for hook in hooks.forward { if let replaced = try hook.body(module, x, y) { y = replaced } }
        if watched && y.requiresGrad {
            let inputNeedsNone = !x.requiresGrad
            y = Self.identityNode(y)
            Autograd.registerHook(on: y) { gy in
                gradientOfOutput.value = gy
                if inputNeedsNone { _ = try Self.runBackwardHooks(module, nil, gy) }
                return nil
            }
        }
        return y
    }

    /// A copy of x recorded as an identity, so a hook on it sees only the gradient through it.
    private static func identityNode(_ x: Tensor) -> Tensor {
        Autograd.record(x.copy(), "BackwardHookFunction", inputs: [x]) { g in [g] }
    }

    private static func runBackwardHooks(_ module: Module, _ gradInput: Tensor?, _ gradOutput: Tensor?) throws -> Tensor? {
        guard let gradOutput else { return nil }
        var g = gradInput
        for hook in module.hooks.backward { if let replaced = try hook.body(module, g, gradOutput) { g = replaced } }
        return g
    }
}

/// The gradient of a call's output, kept until its input's gradient arrives.
private final class GradientBox { var value: Tensor? }
