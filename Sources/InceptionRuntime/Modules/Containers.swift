/// nn.Sequential: children named "0", "1", …, each fed the previous one's output.
public final class Sequential: Module {
    public init(_ layers: [Module]) {
        super.init(typeName: "Sequential")
        for (i, layer) in layers.enumerated() { register(String(i), layer) }
    }

    public override func forward(_ x: Tensor, _ context: ExecutionContext) throws -> Tensor {
        try runInOrder(children.map(\.module), x, context)
    }

    public override var childComposition: ChildComposition? { .inOrder }
}

extension Module {
    /// Runs `layers` one after the other on x. A train-mode BatchNorm2d followed by a ReLU runs as
    /// one step each way (`BatchNorm2d.reluFollows`: the ReLU's call is skipped) when nothing
    /// reads the modules' outputs; under a trace or the debugger, or with hooks on either, both
    /// run and show as before.
    func runInOrder(_ layers: [Module], _ x: Tensor, _ context: ExecutionContext) throws -> Tensor {
        var y = x, i = 0
        let fusing = context.observers.allSatisfy { !$0.readsModuleOutputs }
        while i < layers.count {
            if fusing, let norm = layers[i] as? BatchNorm2d, norm.training, !y.isMeta,
               i + 1 < layers.count, layers[i + 1] is ReLU, norm.hooks.isEmpty, layers[i + 1].hooks.isEmpty {
                norm.reluFollows = true
                defer { norm.reluFollows = false }
                y = try norm(y, context)
                i += 2
                continue
            }
            y = try layers[i](y, context)
            i += 1
        }
        return y
    }
}

/// A user-defined block (BasicConv2d, Inception, AuxOut, …): named children plus a forward.
///
/// The forward is one of: run the children in order; run every child on the same input and
/// concatenate the results along channels (the Inception module); or any code, given as a
/// closure (Swift, or the lesson language's interpreter).
public final class Block: Module {
    public enum Forward {
        case sequential
        case concatenateChannels
        case custom((Block, Tensor, ExecutionContext) throws -> Tensor)
    }
    public var forwardKind: Forward
    /// The constructor arguments as the block's author wrote them, for printing.
    public var argumentText: String
    /// The built-in class whose behaviour the block has besides its own: "ModuleList" for
    /// nn.ModuleList itself, "Sequential" for `class Stem(nn.Sequential)`, "Linear" for
    /// `class Head(nn.Linear)`; nil for a plain block.
    public var extendedKind: String?

    public init(typeName: String, arguments: String = "", forward: Forward = .sequential) {
        self.forwardKind = forward
        self.argumentText = arguments
        super.init(typeName: typeName)
    }

    public override var arguments: String { argumentText }

    public override func forward(_ x: Tensor, _ context: ExecutionContext) throws -> Tensor {
        switch forwardKind {
        case .sequential:
            return try runInOrder(children.map(\.module), x, context)
        case .concatenateChannels:
            // the branches' opening 1×1s as one convolution where nothing can tell (StackedPointwise)
            let outputs = try StackedPointwise(self, x, context)?.branchOutputs(of: self, x, context)
                ?? children.map { try $0.module(x, context) }
            return try Dense.concatChannels(outputs)
        case .custom(let body):
            return try body(self, x, context)
        }
    }

    public override var childComposition: ChildComposition? {
        switch forwardKind {
        case .sequential: return .inOrder
        case .concatenateChannels: return .concatenatedChannels
        case .custom: return nil
        }
    }

    /// The named child, for custom forwards: `block["conv1x1"](x, context)`.
    public subscript(name: String) -> Module {
        guard let c = child(name) else { preconditionFailure("\(typeName) has no child named \(name)") }
        return c
    }
}
