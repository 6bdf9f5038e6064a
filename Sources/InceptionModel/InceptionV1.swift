import InceptionRuntime

/// The seed's Inception_V1 (GoogLeNet), module for module.
///
/// Train mode returns (aux1, aux2, out), the aux heads reading inception4a's and
/// inception4d's outputs; eval mode returns (nil, nil, out).
public final class InceptionV1: Module {
    public struct Options: Equatable, Sendable {
        public var initWeights = true
        public var dropout = 0.5
        public var useAux = true
        public var inChannels = 3
        public var numClasses = 1000
        /// false builds the 2014 network's kind: every BasicConv2d is Conv2d (with bias) + ReLU.
        public var batchNorm = true
        /// How `initWeights` draws the convolutions (the seed's std-0.01 or Kaiming's).
        public var weightInit = WeightInit.seed
        public init(initWeights: Bool = true, dropout: Double = 0.5, useAux: Bool = true, inChannels: Int = 3, numClasses: Int = 1000,
                    batchNorm: Bool = true, weightInit: WeightInit = .seed) {
            self.initWeights = initWeights; self.dropout = dropout; self.useAux = useAux
            self.inChannels = inChannels; self.numClasses = numClasses
            self.batchNorm = batchNorm; self.weightInit = weightInit
        }
    }

    /// The nine Inception modules' channels (GoogLeNetTopology's table).
    public static var inceptionTable: [(name: String, inChannels: Int, channels: SeedBlocks.Channels, outChannels: Int)] {
        GoogLeNetTopology.inceptionTable
    }

    public let options: Options

    public init(_ options: Options = Options()) throws {
        self.options = options
        super.init(typeName: "Inception_V1")
        let bn = options.batchNorm
        try GoogLeNetTopology.register(in: self, .seed, aux: options.useAux, build: { role, name in
            switch role {
            case .stemConvolution(let inChannels, let out, let k, let stride, let padding):
                return try SeedBlocks.basicConv2d(inChannels ?? options.inChannels, out, k, stride, padding: padding, batchNorm: bn)
            case .maxPool: return try MaxPool2d(3, stride: 2, padding: 1)
            case .inception:
                let row = GoogLeNetTopology.inceptionRow(name)
                return try SeedBlocks.inception(row.inChannels, row.channels, row.outChannels, batchNorm: bn)
            case .globalPool: return try AdaptiveAvgPool2d(1, 1)
            case .dropout: return try Dropout(p: options.dropout)
            case .classifier: return try Linear(1024, options.numClasses)
            }
        }, buildAux: { try SeedBlocks.auxOut($0, p: options.dropout, numClasses: options.numClasses, batchNorm: bn) })
        if options.initWeights { try Self.initialiseWeights(self, options.weightInit) }
    }

    /// The seed's arguments; `batch_norm=False` is added only for the network without BatchNorm.
    public override var arguments: String {
        "init_weights=\(options.initWeights ? "True" : "False"), p=\(options.dropout), use_aux=\(options.useAux ? "True" : "False"), in_channel=\(options.inChannels), num_classes=\(options.numClasses)"
            + (options.batchNorm ? "" : ", batch_norm=False")
    }

    /// The seed's PyTorch class defines no extra_repr: print(net) shows only its children.
    public override var extraRepr: String { "" }

    /// Every Conv2d weight drawn as `scheme` says, biases 0; every BatchNorm2d γ = 1, β = 0.
    /// Linear layers keep PyTorch's default init.
    public static func initialiseWeights(_ root: Module, _ scheme: WeightInit = .seed) throws {
        for (_, m) in root.namedModules() {
            if let conv = m as? Conv2d {
                try DefaultGenerator.draw { try scheme.fill(conv, generator: &$0) }
                conv.bias?.buffer.update(repeating: 0)
            } else if let bn = m as? BatchNorm2d {
                bn.weight.buffer.update(repeating: 1)
                bn.bias.buffer.update(repeating: 0)
            }
        }
    }

    public struct Output {
        public var aux1: Tensor?
        public var aux2: Tensor?
        public var logits: Tensor
    }

    /// The full forward with the aux heads' outputs.
    public func run(_ x: Tensor, _ context: ExecutionContext) throws -> Output {
        let logits = try self(x, context)
        let aux = lastForward?.outputs ?? [:]
        return Output(aux1: aux["aux1"], aux2: aux["aux2"], logits: logits)
    }

    /// Like `run`, with the aux heads run in eval mode too (their BatchNorm on running
    /// statistics, no dropout): how well the heads themselves classify, measured as the main
    /// head is. In train mode this is `run`.
    public func runWithAuxHeads(_ x: Tensor, _ context: ExecutionContext) throws -> Output {
        auxHeadsInEval = true
        defer { auxHeadsInEval = false }
        return try run(x, context)
    }
    private var auxHeadsInEval = false

    // x: (N, 3, 224, 224) → logits (N, classes); the aux logits are handed back in its frame (see `run`).
    public override func forward(_ x: Tensor, _ context: ExecutionContext) throws -> Tensor {
        guard x.rank == 4, x.shape[1] == options.inChannels else {
            throw ModuleError(path: path, typeName: typeName,
                              message: "Inception_V1 expects input (N, \(options.inChannels), H, W), got \(formatShape(x.shape))" +
                                (x.rank == 4 ? ": the network was built with in_channel=\(options.inChannels)" : ""))
        }
        return try GoogLeNetTopology.forward(self, .seed, x, context, auxHeads: training || auxHeadsInEval)
    }
}
