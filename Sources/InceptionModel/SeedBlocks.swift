import InceptionRuntime

/// The seed's building blocks, built in Swift as the seed builds them in PyTorch. Their
/// children carry the seed's attribute names, so dotted paths equal the state_dict names.
public enum SeedBlocks {
    /// BasicConv2d(in, F, size, stride, padding): layer = Sequential(Conv2d, BatchNorm2d(F), ReLU).
    /// Without BatchNorm (the 2014 network's kind): layer = Sequential(Conv2d, ReLU), so the
    /// convolution keeps its state_dict name `layer.0` and only the `layer.1.*` entries go.
    public static func basicConv2d(_ inChannels: Int, _ filters: Int, _ size: Int, _ stride: Int, padding: Int = 0,
                                   batchNorm: Bool = true) throws -> Block {
        let block = Block(typeName: "BasicConv2d",
                          arguments: "\(inChannels), \(filters), \(size), \(stride), padding=\(padding)")
        let conv = try Conv2d(inChannels, filters, kernelSize: size, stride: stride, padding: padding)
        block.register("layer", Sequential(batchNorm ? [conv, try BatchNorm2d(filters), ReLU()] : [conv, ReLU()]))
        return block
    }

    /// The six numbers of one Inception module, in the seed's order (Table 1's columns).
    public struct Channels: Equatable, Sendable {
        public var c1x1, c3x3Reduce, c3x3, c5x5Reduce, c5x5, poolProj: Int
        public init(_ c1x1: Int, _ c3x3Reduce: Int, _ c3x3: Int, _ c5x5Reduce: Int, _ c5x5: Int, _ poolProj: Int) {
            (self.c1x1, self.c3x3Reduce, self.c3x3, self.c5x5Reduce, self.c5x5, self.poolProj) = (c1x1, c3x3Reduce, c3x3, c5x5Reduce, c5x5, poolProj)
        }
        public var asArray: [Int] { [c1x1, c3x3Reduce, c3x3, c5x5Reduce, c5x5, poolProj] }
        /// What the concatenation gives: 1×1 + 3×3 + 5×5 + pool projection.
        public var outputChannels: Int { c1x1 + c3x3 + c5x5 + poolProj }
    }

    /// Inception(in, Fs, final_F): four branches on the same input, concatenated on channels.
    public static func inception(_ inChannels: Int, _ fs: Channels, _ finalF: Int, batchNorm: Bool = true) throws -> Block {
        guard fs.outputChannels == finalF else {
            throw ModuleError(path: "", typeName: "Inception",
                              message: "Inception(\(inChannels), \(fs.asArray)) concatenates \(fs.c1x1) + \(fs.c3x3) + \(fs.c5x5) + \(fs.poolProj) = \(fs.outputChannels) channels, not final_F=\(finalF)")
        }
        let block = Block(typeName: "Inception", arguments: "\(inChannels), \(tuple(fs.asArray)), \(finalF)",
                          forward: .concatenateChannels)
        func conv(_ i: Int, _ f: Int, _ k: Int, padding: Int = 0) throws -> Block {
            try basicConv2d(i, f, k, 1, padding: padding, batchNorm: batchNorm)
        }
        block.register("conv1x1", try conv(inChannels, fs.c1x1, 1))
        block.register("conv3x3", Sequential([try conv(inChannels, fs.c3x3Reduce, 1), try conv(fs.c3x3Reduce, fs.c3x3, 3, padding: 1)]))
        block.register("conv5x5", Sequential([try conv(inChannels, fs.c5x5Reduce, 1), try conv(fs.c5x5Reduce, fs.c5x5, 5, padding: 2)]))
        block.register("maxpool_conv1x1", Sequential([try MaxPool2d(3, stride: 1, padding: 1), try conv(inChannels, fs.poolProj, 1)]))
        return block
    }

    /// AuxOut(in, p, num_classes): AvgPool 5/3 → 1×1 conv to 128 → flatten → 2048 → 1024 → classes.
    /// On a 14×14 input: 14 → ⌊(14 − 5)/3⌋ + 1 = 4, and 128·4·4 = 2048 features.
    public static func auxOut(_ inChannels: Int, p: Double, numClasses: Int, batchNorm: Bool = true) throws -> Block {
        let block = Block(typeName: "AuxOut", arguments: "\(inChannels), \(p), \(numClasses)", forward: .custom { block, x, context in
            let pooled = try block["avgpool_conv"](x, context)            // (N, 128, 4, 4) for 14×14
            guard pooled.shape.count == 4, pooled.shape[1] * pooled.shape[2] * pooled.shape[3] == 2048 else {
                throw ModuleError(path: block.path, typeName: "AuxOut",
                                  message: "AuxOut needs a 14×14 input so that AvgPool2d(5, 3) gives 128·4·4 = 2048 features; got input \(formatShape(x.shape)), which gives \(formatShape(pooled.shape)) = \(pooled.count / max(pooled.shape.first ?? 1, 1)) features. Use a 224×224 image, or eval mode (where the aux heads do not run)")
            }
            return try block["fc"](try Dense.flatten(pooled), context)    // (N, 2048) → (N, classes)
        })
        block.register("avgpool_conv", Sequential([try AvgPool2d(5, stride: 3, padding: 0),
                                                   try basicConv2d(inChannels, 128, 1, 1, batchNorm: batchNorm)]))
        block.register("fc", Sequential([try Linear(2048, 1024), ReLU(), try Dropout(p: p), try Linear(1024, numClasses)]))
        return block
    }

    static func tuple(_ xs: [Int]) -> String { "(" + xs.map(String.init).joined(separator: ", ") + ")" }
}
