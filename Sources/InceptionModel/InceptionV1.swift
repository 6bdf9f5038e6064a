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

    /// The nine Inception modules: name, input channels, the six channel counts, output channels.
    /// This table is the one place the seed's channel numbers live.
    public static let inceptionTable: [(name: String, inChannels: Int, channels: SeedBlocks.Channels, outChannels: Int)] = [
        ("inception3a", 192, .init(64, 96, 128, 16, 32, 32), 256),
        ("inception3b", 256, .init(128, 128, 192, 32, 96, 64), 480),
        ("inception4a", 480, .init(192, 96, 208, 16, 48, 64), 512),
        ("inception4b", 512, .init(160, 112, 224, 24, 64, 64), 512),
        ("inception4c", 512, .init(128, 128, 256, 24, 64, 64), 512),
        ("inception4d", 512, .init(112, 144, 288, 32, 64, 64), 528),
        ("inception4e", 528, .init(256, 160, 320, 32, 128, 128), 832),
        ("inception5a", 832, .init(256, 160, 320, 32, 128, 128), 832),
        ("inception5b", 832, .init(384, 192, 384, 48, 128, 128), 1024),
    ]

    public let options: Options

    public init(_ options: Options = Options()) throws {
        self.options = options
        super.init(typeName: "Inception_V1")
        let table = Dictionary(uniqueKeysWithValues: Self.inceptionTable.map { ($0.name, $0) })
        func inception(_ name: String) throws {
            let row = table[name]!
            register(name, try SeedBlocks.inception(row.inChannels, row.channels, row.outChannels, batchNorm: options.batchNorm))
        }
        let bn = options.batchNorm
        register("conv1", try SeedBlocks.basicConv2d(options.inChannels, 64, 7, 2, padding: 3, batchNorm: bn))
        register("maxpool1", try MaxPool2d(3, stride: 2, padding: 1))
        register("conv2a", try SeedBlocks.basicConv2d(64, 64, 1, 1, batchNorm: bn))
        register("conv2b", try SeedBlocks.basicConv2d(64, 192, 3, 1, padding: 1, batchNorm: bn))
        register("maxpool2", try MaxPool2d(3, stride: 2, padding: 1))
        try inception("inception3a"); try inception("inception3b")
        register("maxpool3", try MaxPool2d(3, stride: 2, padding: 1))
        for name in ["inception4a", "inception4b", "inception4c", "inception4d", "inception4e"] { try inception(name) }
        register("maxpool4", try MaxPool2d(3, stride: 2, padding: 1))
        try inception("inception5a"); try inception("inception5b")
        if options.useAux {
            register("aux1", try SeedBlocks.auxOut(512, p: options.dropout, numClasses: options.numClasses, batchNorm: bn))
            register("aux2", try SeedBlocks.auxOut(528, p: options.dropout, numClasses: options.numClasses, batchNorm: bn))
        }
        register("gap", try AdaptiveAvgPool2d(1, 1))
        register("dropout", try Dropout(p: options.dropout))
        register("classifier", try Linear(1024, options.numClasses))
        if options.initWeights { try Self.initialiseWeights(self, options.weightInit) }
    }

    /// The seed's arguments; `batch_norm=False` is added only for the network without BatchNorm.
    public override var arguments: String {
        "init_weights=\(options.initWeights ? "True" : "False"), p=\(options.dropout), use_aux=\(options.useAux ? "True" : "False"), in_channel=\(options.inChannels), num_classes=\(options.numClasses)"
            + (options.batchNorm ? "" : ", batch_norm=False")
    }

    /// Every Conv2d weight drawn as `scheme` says, biases 0; every BatchNorm2d γ = 1, β = 0.
    /// Linear layers keep PyTorch's default init.
    public static func initialiseWeights(_ root: Module, _ scheme: WeightInit = .seed) throws {
        for (_, m) in root.namedModules() {
            if let conv = m as? Conv2d {
                try ParameterInit.draw { try scheme.fill(conv, rng: &$0) }
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
        context.sideOutputs = [:]
        let logits = try self(x, context)
        return Output(aux1: context.sideOutputs["aux1"], aux2: context.sideOutputs["aux2"], logits: logits)
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

    // x: (N, 3, 224, 224) → logits (N, classes); aux logits go to context.sideOutputs.
    public override func forward(_ x: Tensor, _ context: ExecutionContext) throws -> Tensor {
        guard x.rank == 4, x.shape[1] == options.inChannels else {
            throw ModuleError(path: path, typeName: typeName,
                              message: "Inception_V1 expects input (N, \(options.inChannels), H, W), got \(formatShape(x.shape))" +
                                (x.rank == 4 ? ": the network was built with in_channel=\(options.inChannels)" : ""))
        }
        var y = x
        for name in ["conv1", "maxpool1", "conv2a", "conv2b", "maxpool2", "inception3a", "inception3b", "maxpool3", "inception4a"] {
            y = try child(name)!(y, context)
        }
        if training || auxHeadsInEval, let aux1 = child("aux1") { context.sideOutputs["aux1"] = try aux1(y, context) }
        for name in ["inception4b", "inception4c", "inception4d"] { y = try child(name)!(y, context) }
        if training || auxHeadsInEval, let aux2 = child("aux2") { context.sideOutputs["aux2"] = try aux2(y, context) }
        for name in ["inception4e", "maxpool4", "inception5a", "inception5b", "gap"] { y = try child(name)!(y, context) }
        y = try Dense.flatten(y)                                   // (N, 1024, 1, 1) → (N, 1024)
        y = try child("dropout")!(y, context)
        return try child("classifier")!(y, context)
    }
}
