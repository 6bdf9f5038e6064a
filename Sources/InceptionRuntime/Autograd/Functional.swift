/// PyTorch's functional operations (F.relu, F.adaptive_avg_pool2d, …), recorded for backward,
/// so layers, the networks' own forwards and the lesson language share one definition.
extension Autograd {
    /// F.conv2d, recorded: the layer's forward and the language's F.conv2d both come here.
    // x: (N, C, H, W), weight: (O, C, k, k), bias: (O) or nil → (N, O, Ho, Wo)
    public static func conv2d(_ x: Tensor, weight: Tensor, bias: Tensor?, window: Window2d, workspace: Workspace?,
                              module: Module? = nil) throws -> Tensor {
        let y = try Convolution.conv2d(x, weight: weight, bias: bias, window: window, workspace: workspace)
        // backward: gy (N, O, Ho, Wo) → dx (N, C, H, W), dW (O, C, k, k), db (O)
        return record(y, module?.typeName ?? "Conv2d", module: module, inputs: [x, weight, bias]) { gy in
            let g = try ConvolutionBackward.conv2d(x, weight: weight, hasBias: bias != nil, window: window,
                                                   gradOutput: gy, needInputGrad: x.requiresGrad, workspace: workspace)
            return [g.input, g.weight, g.bias]
        }
    }

    /// F.conv2d by `DirectConvolution`, recorded, its gradients direct too: for a dilated or grouped
    /// convolution whose input or weight holds a NaN or an infinity, which reaches the outputs as
    /// PyTorch's only when the kernel's holes are skipped and the padding multiplied or skipped as
    /// PyTorch's backend does (`ConvolutionPadding`). `window` spans the spread-out kernel; the
    /// weight's taps lie `dilation` apart in it.
    // x: (N, C, H, W), weight: (O, C/groups, kh, kw), bias: (O) or nil → (N, O, Ho, Wo)
    public static func directConv2d(_ x: Tensor, weight: Tensor, bias: Tensor?, window: Window2d, dilation: (h: Int, w: Int),
                                    groups: Int, module: Module? = nil) -> Tensor {
        let multiplyPadding = !ConvolutionPadding.skipped(input: x.shape, weight: weight.shape, window: window, dilation: dilation, groups: groups)
        let y = DirectConvolution.conv2d(x, weight: weight, bias: bias, window: window, dilation: dilation, groups: groups,
                                         multiplyPadding: multiplyPadding)
        // backward: gy (N, O, Ho, Wo) → dx (N, C, H, W), dW (O, C/groups, kh, kw), db (O)
        return record(y, module?.typeName ?? "Conv2d", module: module, inputs: [x, weight, bias]) { gy in
            [x.requiresGrad ? DirectConvolution.inputGradient(gy, weight: weight, inputShape: x.shape, window: window, dilation: dilation, groups: groups) : nil,
             DirectConvolution.weightGradient(x, gradOutput: gy, weightShape: weight.shape, window: window, dilation: dilation, groups: groups,
                                              multiplyPadding: multiplyPadding),
             bias == nil ? nil : ConvolutionBackward.channelSums(gy)]
        }
    }

    /// max(x, 0), recorded; the backward passes the gradient where the output is positive.
    // x: any shape → same shape
    public static func relu(_ x: Tensor, module: Module? = nil) -> Tensor {
        let y = Elementwise.relu(x)
        // The node keeps y only weakly: y owns the node, and backward reaches a node through its output.
        return record(y, module?.typeName ?? "relu", module: module, inputs: [x]) { [weak y] gy in
            guard let y else { throw TensorError.invalidArgument("relu backward: its output is gone") }
            return [try DenseBackward.relu(output: y, gradOutput: gy)]
        }
    }

    /// F.adaptive_avg_pool2d, recorded; the backward spreads each bin's gradient over its cells.
    // x: (N, C, H, W) → (N, C, h, w)
    public static func adaptiveAvgPool2d(_ x: Tensor, outputSize size: (h: Int, w: Int), module: Module? = nil) throws -> Tensor {
        let y = try Pooling.adaptiveAvgPool2d(x, outputSize: size)
        return record(y, module?.typeName ?? "adaptive_avg_pool2d", module: module, inputs: [x]) { [shape = x.shape] gy in
            [try PoolingBackward.adaptiveAvgPool2d(inputShape: shape, outputSize: size, gradOutput: gy)]
        }
    }

    /// y[:, c] = x[:, c] · scale[c] + shift[c], recorded (torchvision's transform_input).
    // x: (N, C, H, W) → (N, C, H, W)
    public static func channelAffine(_ x: Tensor, scale: [Float], shift: [Float]) throws -> Tensor {
        guard x.rank == 4, x.shape[1] == scale.count, scale.count == shift.count else {
            throw TensorError.shapeMismatch("channel affine of \(scale.count) channels on \(formatShape(x.shape))")
        }
        if x.isMeta { return Tensor(meta: x.shape) }
        let y = Tensor(zeros: x.shape)
        let plane = x.shape[2] * x.shape[3], c = scale.count
        for n in 0..<x.shape[0] { for ch in 0..<c {
            let offset = (n * c + ch) * plane
            for i in 0..<plane { y.data[offset + i] = x.data[offset + i] * scale[ch] + shift[ch] }
        } }
        return record(y, "channel_affine", inputs: [x]) { gy in
            let g = Tensor(zeros: gy.shape)
            for n in 0..<gy.shape[0] { for ch in 0..<c {
                let offset = (n * c + ch) * plane
                for i in 0..<plane { g.data[offset + i] = gy.data[offset + i] * scale[ch] }
            } }
            return [g]
        }
    }
}
