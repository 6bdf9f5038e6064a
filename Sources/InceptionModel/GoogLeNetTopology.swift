import InceptionRuntime

/// GoogLeNet's topology, written once for both variants (the seed's `InceptionV1` and
/// torchvision's `GoogLeNet`): the main path's stages in order, each with its name in either
/// variant and its role; the nine Inception modules' channels; and where the two aux heads
/// branch off. The module trees, their forwards, the fast path's eval sequence and its
/// train-mode stages, and the receptive field's aux rows all derive from it. The variants
/// differ only in how a role is built (SeedBlocks, TorchvisionBlocks).
public enum GoogLeNetTopology {
    /// What a stage of the main path is.
    public enum Role: Equatable, Sendable {
        /// A convolution of the stem: `inChannels` nil reads the network's input.
        case stemConvolution(inChannels: Int?, outChannels: Int, kernel: Int, stride: Int, padding: Int)
        /// The n-th max pool (1 to 4): the variants pool differently.
        case maxPool(Int)
        /// An Inception module, with the channels of its row in `inceptionTable`.
        case inception
        /// The global average pool to (N, 1024, 1, 1); the main path flattens after it.
        case globalPool
        case dropout
        /// The last Linear, 1024 → classes.
        case classifier
    }

    public struct Stage: Sendable {
        public let seedName: String
        public let torchvisionName: String
        public let role: Role
        init(_ seedName: String, _ torchvisionName: String, _ role: Role) {
            self.seedName = seedName; self.torchvisionName = torchvisionName; self.role = role
        }
        /// A stage both variants name alike.
        init(_ name: String, _ role: Role) { self.init(name, name, role) }
        public func name(_ variant: InceptionVariant) -> String { variant == .seed ? seedName : torchvisionName }
    }

    /// The main path, input to logits.
    public static let mainPath: [Stage] = [
        Stage("conv1", .stemConvolution(inChannels: nil, outChannels: 64, kernel: 7, stride: 2, padding: 3)),
        Stage("maxpool1", .maxPool(1)),
        Stage("conv2a", "conv2", .stemConvolution(inChannels: 64, outChannels: 64, kernel: 1, stride: 1, padding: 0)),
        Stage("conv2b", "conv3", .stemConvolution(inChannels: 64, outChannels: 192, kernel: 3, stride: 1, padding: 1)),
        Stage("maxpool2", .maxPool(2)),
        Stage("inception3a", .inception), Stage("inception3b", .inception),
        Stage("maxpool3", .maxPool(3)),
        Stage("inception4a", .inception), Stage("inception4b", .inception), Stage("inception4c", .inception),
        Stage("inception4d", .inception), Stage("inception4e", .inception),
        Stage("maxpool4", .maxPool(4)),
        Stage("inception5a", .inception), Stage("inception5b", .inception),
        Stage("gap", "avgpool", .globalPool),
        Stage("dropout", .dropout),
        Stage("classifier", "fc", .classifier),
    ]

    /// The aux heads (train mode), each reading the output of an Inception module. Both
    /// PyTorch models define them after inception5b, so their state_dict entries come there.
    public static let auxHeads: [(name: String, reads: String)] = [("aux1", "inception4a"), ("aux2", "inception4d")]

    /// The nine Inception modules: name, input channels, the six channel counts, output channels.
    /// This table is the one place the network's channel numbers live.
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

    static func inceptionRow(_ name: String) -> (name: String, inChannels: Int, channels: SeedBlocks.Channels, outChannels: Int) {
        inceptionTable.first { $0.name == name }!
    }

    /// The channels an aux head reads: the output of the module it branches from.
    static func auxInChannels(_ reads: String) -> Int { inceptionRow(reads).outChannels }

    /// The aux head that reads a stage's output, if one does.
    public static func auxHead(after stageName: String) -> String? { auxHeads.first { $0.reads == stageName }?.name }

    /// Builds and registers the tree: the main path in order, the aux heads (when `aux`)
    /// after the last Inception module. `build` makes a stage's module, `buildAux` a head's
    /// from the channels it reads.
    static func register(in network: Module, _ variant: InceptionVariant, aux: Bool,
                         build: (Role, String) throws -> Module, buildAux: (Int) throws -> Module) throws {
        for stage in mainPath {
            if stage.role == .globalPool, aux {
                for head in auxHeads { network.register(head.name, try buildAux(auxInChannels(head.reads))) }
            }
            network.register(stage.name(variant), try build(stage.role, stage.seedName))
        }
    }

    /// The forward of both variants: the main path, flattening before the dropout; in train
    /// mode (or when `auxHeads` says so: the seed's `runWithAuxHeads` in eval mode) each aux
    /// head runs on the output it reads and hands its logits back under its name, in the
    /// network's frame (`network.lastForward?.outputs[name]` once the call is over).
    // x: (N, C, H, W) → logits (N, classes)
    static func forward(_ network: Module, _ variant: InceptionVariant, _ x: Tensor, _ context: ExecutionContext,
                        auxHeads: Bool? = nil) throws -> Tensor {
        var y = x
        for stage in mainPath {
            if stage.role == .dropout { y = try Dense.flatten(y) }        // (N, 1024, 1, 1) → (N, 1024)
            y = try network.child(stage.name(variant))!(y, context)
            if auxHeads ?? network.training, let name = auxHead(after: stage.seedName), let head = network.child(name) {
                let logits = try head(y, context)
                context.frame(of: network)?.outputs[name] = logits
            }
        }
        return y
    }
}
