import InceptionRuntime

/// torchvision's GoogLeNet building blocks (torchvision/models/googlenet.py), built as
/// torchvision builds them. Children carry torchvision's attribute names, so dotted paths
/// equal the state_dict names of its pretrained weights: `inception3a.branch2.1.conv.weight`.
///
/// How they differ from the seed's blocks (SeedBlocks):
/// - BasicConv2d has children `conv` (no bias) and `bn` (BatchNorm2d, eps = 0.001); the ReLU is
///   a function call in its forward, not a child.
/// - The Inception module's "5×5" branch (`branch3`) uses a 3×3 kernel with padding 1. This is
///   a known bug in torchvision, kept so that the trained weights still fit.
/// - Max pools use ceil_mode=True.
/// - InceptionAux pools adaptively to 4×4 and has children `conv`, `fc1`, `fc2`, `dropout`.
public enum TorchvisionBlocks {
    /// What a learner should know about the torchvision variant's "5×5" branch.
    public static let branch3Note =
        "torchvision's branch3 (the \"5×5\" branch) uses a 3×3 kernel with padding 1: a known bug in torchvision, kept so that its pretrained weights still fit"

    /// BasicConv2d(in, out, kernel_size, stride, padding): relu(bn(conv(x))).
    // x: (N, in, H, W) → (N, out, Ho, Wo)
    public static func basicConv2d(_ inChannels: Int, _ outChannels: Int, kernelSize: Int, stride: Int = 1, padding: Int = 0) throws -> Block {
        var arguments = "\(inChannels), \(outChannels), kernel_size=\(kernelSize)"
        if stride != 1 { arguments += ", stride=\(stride)" }
        if padding != 0 { arguments += ", padding=\(padding)" }
        let block = Block(typeName: "BasicConv2d", arguments: arguments, forward: .custom { block, x, context in
            let y = try block["bn"](try block["conv"](x, context), context)
            return relu(y)
        })
        block.register("conv", try Conv2d(inChannels, outChannels, kernelSize: kernelSize, stride: stride, padding: padding, bias: false))
        block.register("bn", try BatchNorm2d(outChannels, eps: 0.001))
        return block
    }

    /// Inception(in, ch1x1, ch3x3red, ch3x3, ch5x5red, ch5x5, pool_proj): four branches on the
    /// same input, concatenated along channels (branch1 + branch2 + branch3 + branch4).
    // x: (N, in, H, W) → (N, ch1x1 + ch3x3 + ch5x5 + pool_proj, H, W)
    public static func inception(_ inChannels: Int, _ c: SeedBlocks.Channels) throws -> Block {
        let block = Block(typeName: "Inception",
                          arguments: "\(inChannels), \(c.asArray.map(String.init).joined(separator: ", "))",
                          forward: .concatenateChannels)
        block.register("branch1", try basicConv2d(inChannels, c.c1x1, kernelSize: 1))
        block.register("branch2", Sequential([try basicConv2d(inChannels, c.c3x3Reduce, kernelSize: 1),
                                              try basicConv2d(c.c3x3Reduce, c.c3x3, kernelSize: 3, padding: 1)]))
        // The known bug: kernel_size=3 where the paper has 5 (see branch3Note).
        block.register("branch3", Sequential([try basicConv2d(inChannels, c.c5x5Reduce, kernelSize: 1),
                                              try basicConv2d(c.c5x5Reduce, c.c5x5, kernelSize: 3, padding: 1)]))
        block.register("branch4", Sequential([try MaxPool2d(3, stride: 1, padding: 1, ceilMode: true),
                                              try basicConv2d(inChannels, c.poolProj, kernelSize: 1)]))
        return block
    }

    /// InceptionAux(in, num_classes, dropout=0.7): adaptive average pool to 4×4 → conv 1×1 to
    /// 128 → flatten (2048) → fc1 1024 + ReLU → dropout → fc2 → (N, num_classes).
    /// Unlike the seed's AuxOut, the adaptive pool accepts any input size.
    public static func inceptionAux(_ inChannels: Int, numClasses: Int, dropout: Double = 0.7) throws -> Block {
        let block = Block(typeName: "InceptionAux", arguments: "\(inChannels), \(numClasses), dropout=\(dropout)",
                          forward: .custom { block, x, context in
            let pooled = try adaptiveAveragePool(x, 4, 4)                            // (N, in, 4, 4)
            let features = try Dense.flatten(try block["conv"](pooled, context))    // (N, 128·4·4 = 2048)
            let hidden = relu(try block["fc1"](features, context))                  // (N, 1024)
            return try block["fc2"](try block["dropout"](hidden, context), context)  // (N, num_classes)
        })
        block.register("conv", try basicConv2d(inChannels, 128, kernelSize: 1))
        block.register("fc1", try Linear(2048, 1024))
        block.register("fc2", try Linear(1024, numClasses))
        block.register("dropout", try Dropout(p: dropout))
        return block
    }

    /// F.relu, for meta tensors too (shape inference runs the same forward).
    static func relu(_ x: Tensor) -> Tensor { x.isMeta ? Tensor(meta: x.shape) : Autograd.relu(x) }

    /// F.adaptive_avg_pool2d(x, (h, w)), for meta tensors too.
    static func adaptiveAveragePool(_ x: Tensor, _ h: Int, _ w: Int) throws -> Tensor {
        guard x.rank == 4 else {
            throw TensorError.shapeMismatch("adaptive_avg_pool2d expects a 4-D input (N, C, H, W), got \(formatShape(x.shape))")
        }
        if x.isMeta { return Tensor(meta: [x.shape[0], x.shape[1], h, w]) }
        return try Autograd.adaptiveAvgPool2d(x, outputSize: (h, w))
    }
}
