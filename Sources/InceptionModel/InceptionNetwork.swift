import InceptionRuntime

/// Which GoogLeNet a command builds: the seed's Inception_V1 or torchvision's GoogLeNet.
public enum InceptionVariant: String, CaseIterable, Sendable {
    case seed, torchvision

    /// The root's state_dict name of the first convolution's weight, by which a weight file
    /// shows which variant it was saved from.
    public var firstConvolutionKey: String {
        switch self {
        case .seed: return "conv1.layer.0.weight"
        case .torchvision: return "conv1.conv.weight"
        }
    }

    /// The name of the final classifier layer.
    public var classifierName: String {
        switch self {
        case .seed: return "classifier"
        case .torchvision: return "fc"
        }
    }
}

/// A full forward pass's outputs by head, whatever the variant: the main logits and, in train
/// mode, the aux heads' logits (aux1 reads inception4a's output, aux2 inception4d's).
public struct InceptionOutputs {
    public var logits: Tensor
    public var aux1: Tensor?
    public var aux2: Tensor?
    public init(logits: Tensor, aux1: Tensor?, aux2: Tensor?) { self.logits = logits; self.aux1 = aux1; self.aux2 = aux2 }
}

/// What commands need of a GoogLeNet, whichever variant it is.
public protocol InceptionNetwork: Module {
    var variant: InceptionVariant { get }
    var numClasses: Int { get }
    /// Runs the network on x (N, 3, H, W) and returns every head's output.
    func outputs(_ x: Tensor, _ context: ExecutionContext) throws -> InceptionOutputs
}

extension InceptionV1: InceptionNetwork {
    public var variant: InceptionVariant { .seed }
    public var numClasses: Int { options.numClasses }
    public func outputs(_ x: Tensor, _ context: ExecutionContext) throws -> InceptionOutputs {
        let out = try run(x, context)
        return InceptionOutputs(logits: out.logits, aux1: out.aux1, aux2: out.aux2)
    }
}

extension TorchvisionGoogLeNet: InceptionNetwork {
    public var variant: InceptionVariant { .torchvision }
    public var numClasses: Int { options.numClasses }
    public func outputs(_ x: Tensor, _ context: ExecutionContext) throws -> InceptionOutputs {
        let out = try run(x, context)
        return InceptionOutputs(logits: out.logits, aux1: out.auxLogits1, aux2: out.auxLogits2)
    }
}
