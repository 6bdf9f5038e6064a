/// nn.Sequential: children named "0", "1", …, each fed the previous one's output.
public final class Sequential: Module {
    public init(_ layers: [Module]) {
        super.init(typeName: "Sequential")
        for (i, layer) in layers.enumerated() { register(String(i), layer) }
    }

    public override func forward(_ x: Tensor, _ context: ExecutionContext) throws -> Tensor {
        var y = x
        for (_, layer) in children { y = try layer(y, context) }
        return y
    }

    public override var childComposition: ChildComposition? { .inOrder }
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

    public init(typeName: String, arguments: String = "", forward: Forward = .sequential) {
        self.forwardKind = forward
        self.argumentText = arguments
        super.init(typeName: typeName)
    }

    public override var arguments: String { argumentText }

    public override func forward(_ x: Tensor, _ context: ExecutionContext) throws -> Tensor {
        switch forwardKind {
        case .sequential:
            var y = x
            for (_, c) in children { y = try c(y, context) }
            return y
        case .concatenateChannels:
            let outputs = try children.map { try $0.module(x, context) }
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
