import InceptionRuntime

/// torchvision's GoogLeNet (`torchvision.models.googlenet`), module for module, with
/// torchvision's state_dict names, so its pretrained weights load as they are.
///
/// Children, in torchvision's order: conv1, maxpool1, conv2, conv3, maxpool2, inception3a,
/// inception3b, maxpool3, inception4a … inception4e, maxpool4, inception5a, inception5b,
/// aux1, aux2 (when `auxLogits`), avgpool, dropout, fc. See TorchvisionBlocks for how its
/// blocks differ from the seed's (bias-free convolutions with BatchNorm eps 0.001, the 3×3
/// "5×5" branch, ceil-mode pools, maxpool4 2×2/2, adaptive 4×4 aux pooling).
///
/// Eval mode returns the logits. Train mode also runs the aux heads; `run` returns all three
/// as `GoogLeNetOutputs` whose `tuple` is in torchvision's order: logits, aux2, aux1.
public final class TorchvisionGoogLeNet: Module {
    public struct Options: Equatable, Sendable {
        public var numClasses = 1000
        public var auxLogits = true
        /// Re-normalise ImageNet-normalised input to the (−1, 1) scale of the original weights
        /// (torchvision turns this on when it loads its pretrained weights).
        public var transformInput = false
        /// torchvision's init (trunc_normal std 0.01 for Conv2d and Linear weights, BatchNorm
        /// γ = 1, β = 0); false keeps PyTorch's layer defaults (weights are usually loaded).
        public var initWeights = true
        /// The main head's dropout (torchvision: 0.2).
        public var dropout = 0.2
        /// The aux heads' dropout (torchvision: 0.7).
        public var dropoutAux = 0.7
        public init(numClasses: Int = 1000, auxLogits: Bool = true, transformInput: Bool = false, initWeights: Bool = true,
                    dropout: Double = 0.2, dropoutAux: Double = 0.7) {
            self.numClasses = numClasses; self.auxLogits = auxLogits; self.transformInput = transformInput
            self.initWeights = initWeights; self.dropout = dropout; self.dropoutAux = dropoutAux
        }
    }

    public let options: Options

    public init(_ options: Options = Options()) throws {
        self.options = options
        super.init(typeName: "GoogLeNet")
        try GoogLeNetTopology.register(in: self, .torchvision, aux: options.auxLogits, build: { role, name in
            switch role {
            case .stemConvolution(let inChannels, let out, let k, let stride, let padding):
                return try TorchvisionBlocks.basicConv2d(inChannels ?? 3, out, kernelSize: k, stride: stride, padding: padding)
            case .maxPool(let n):                          // ceil mode; the last one is 2×2/2
                return n == 4 ? try MaxPool2d(2, stride: 2, ceilMode: true) : try MaxPool2d(3, stride: 2, ceilMode: true)
            case .inception:
                let row = GoogLeNetTopology.inceptionRow(name)
                return try TorchvisionBlocks.inception(row.inChannels, row.channels)
            case .globalPool: return try AdaptiveAvgPool2d(1, 1)
            case .dropout: return try Dropout(p: options.dropout)
            case .classifier: return try Linear(1024, options.numClasses)
            }
        }, buildAux: { try TorchvisionBlocks.inceptionAux($0, numClasses: options.numClasses, dropout: options.dropoutAux) })
        if options.initWeights { try Self.initialiseWeights(self) }
    }

    public override var arguments: String {
        "num_classes=\(options.numClasses), aux_logits=\(python(options.auxLogits)), transform_input=\(python(options.transformInput)), init_weights=\(python(options.initWeights)), dropout=\(options.dropout), dropout_aux=\(options.dropoutAux)"
    }

    /// torchvision's GoogLeNet defines no extra_repr: print(net) shows only its children.
    public override var extraRepr: String { "" }

    private func python(_ b: Bool) -> String { b ? "True" : "False" }

    /// torchvision's init: Conv2d and Linear weights ~ trunc_normal(0, 0.01, a=−2, b=2) (biases
    /// keep PyTorch's default); BatchNorm2d γ = 1, β = 0.
    public static func initialiseWeights(_ root: Module) throws {
        for (_, m) in root.namedModules() {
            if let conv = m as? Conv2d {
                try DefaultGenerator.draw { try conv.weight.fillTruncatedNormal(mean: 0, std: 0.01, a: -2, b: 2, generator: &$0) }
            } else if let linear = m as? Linear {
                try DefaultGenerator.draw { try linear.weight.fillTruncatedNormal(mean: 0, std: 0.01, a: -2, b: 2, generator: &$0) }
            } else if let bn = m as? BatchNorm2d {
                bn.weight.buffer.update(repeating: 1)
                bn.bias.buffer.update(repeating: 0)
            }
        }
    }

    /// torchvision's `GoogLeNetOutputs(logits, aux_logits2, aux_logits1)`. Mind the order:
    /// torchvision returns the head after inception4d (aux2) before the one after 4a (aux1).
    public struct GoogLeNetOutputs {
        public var logits: Tensor
        /// The aux head reading inception4d's output (train mode only).
        public var auxLogits2: Tensor?
        /// The aux head reading inception4a's output (train mode only).
        public var auxLogits1: Tensor?
        /// As torchvision returns them: `[logits]` in eval mode, `[logits, aux2, aux1]` in train mode.
        public var tuple: [Tensor] { [logits] + [auxLogits2, auxLogits1].compactMap { $0 } }
    }

    /// The full forward with the aux heads' outputs (present in train mode with aux heads).
    public func run(_ x: Tensor, _ context: ExecutionContext) throws -> GoogLeNetOutputs {
        let logits = try self(x, context)
        let aux = lastForward?.outputs ?? [:]
        return GoogLeNetOutputs(logits: logits, auxLogits2: aux["aux2"], auxLogits1: aux["aux1"])
    }

    /// `_transform_input`: ImageNet-normalised input back to the (−1, 1) scale the original
    /// weights were trained on, per channel: x · (std / 0.5) + (mean − 0.5) / 0.5.
    // x: (N, 3, H, W) → (N, 3, H, W)
    public static func transformInput(_ x: Tensor) throws -> Tensor {
        guard x.rank == 4, x.shape[1] == 3 else {
            throw TensorError.shapeMismatch("transform_input expects an RGB input (N, 3, H, W), got \(formatShape(x.shape))")
        }
        let mean: [Float] = [0.485, 0.456, 0.406], std: [Float] = [0.229, 0.224, 0.225]
        return try Autograd.channelAffine(x, scale: std.map { $0 / 0.5 }, shift: mean.map { ($0 - 0.5) / 0.5 })
    }

    // x: (N, 3, H, W) → logits (N, classes); train mode hands the aux heads' logits back in its
    // frame, "aux1" (after inception4a) and "aux2" (after inception4d) (see `run`).
    public override func forward(_ x: Tensor, _ context: ExecutionContext) throws -> Tensor {
        guard x.rank == 4, x.shape[1] == 3 else {
            throw ModuleError(path: path, typeName: typeName,
                              message: "GoogLeNet expects an RGB input (N, 3, H, W), got \(formatShape(x.shape))")
        }
        let y = options.transformInput ? try Self.transformInput(x) : x
        return try GoogLeNetTopology.forward(self, .torchvision, y, context)   // (N, classes)
    }
}
