import InceptionRuntime

/// nn.ConvTranspose2d and F.conv_transpose2d, composed from operations that have their gradient:
/// a transposed convolution is a plain one (stride 1) over the input spread out by the stride
/// (s − 1 zeros between its cells) and padded by d·(k − 1) − p on each side (plus output_padding
/// after), with the kernel turned 180° and its in/out axes swapped:
///   out = conv2d(spread(x), flip(Wᵀ), dilation d, groups g)
///   size: (H − 1)·s − 2p + d·(k − 1) + output_padding + 1.
/// The weight is PyTorch's (C_in, C_out/groups, kh, kw), its init PyTorch's (fan-in
/// C_out/groups·kh·kw), and the result's grad_fn ConvolutionBackward0.
extension Interpreter {
    struct TransposedConvShape {
        var stride: (h: Int, w: Int), padding: (h: Int, w: Int), outputPadding: (h: Int, w: Int)
        var dilation: (h: Int, w: Int), groups: Int
    }

    // x: (N, C_in, H, W), weight: (C_in, C_out/g, kh, kw), bias: (C_out) or nil → (N, C_out, Ho, Wo)
    static func convTranspose2d(_ x: Tensor, weight: Tensor, bias: Tensor?, _ shape: TransposedConvShape, workspace: Workspace?) throws -> Tensor {
        guard x.rank == 4 else {
            throw LanguageFailure("conv_transpose2d(): expects a 4-D input (N, C, H, W), got shape \(formatShape(x.shape))", fix: "add the batch dimension: x.unsqueeze(0)")
        }
        guard weight.rank == 4 else {
            throw LanguageFailure("conv_transpose2d(): weight must be (in_channels, out_channels / groups, kh, kw), got shape \(formatShape(weight.shape))")
        }
        let (c, perGroup, kh, kw) = (weight.shape[0], weight.shape[1], weight.shape[2], weight.shape[3]), g = shape.groups
        guard g >= 1, c % g == 0 else { throw LanguageFailure("Given groups=\(g), expected weight to be divisible by \(g) at dimension 0, but got weight of size \(weight.shape) instead") }
        guard x.shape[1] == c else {
            throw LanguageFailure("Given transposed=1, weight of size \(weight.shape), expected input\(x.shape) to have \(c) channels, but got \(x.shape[1]) channels instead")
        }
        let (s, p, op, d) = (shape.stride, shape.padding, shape.outputPadding, shape.dilation)
        guard s.h >= 1, s.w >= 1, d.h >= 1, d.w >= 1, p.h >= 0, p.w >= 0, op.h >= 0, op.w >= 0 else {
            throw LanguageFailure("conv_transpose2d(): stride and dilation must be at least 1, padding and output_padding at least 0")
        }
        guard (op.h < s.h || op.h < d.h), (op.w < s.w || op.w < d.w) else {
            throw LanguageFailure("output padding must be smaller than either stride or dilation, but got output_padding_height: \(op.h) output_padding_width: \(op.w) stride_height: \(s.h) stride_width: \(s.w) dilation_height: \(d.h) dilation_width: \(d.w)")
        }
        let o = perGroup * g
        if let bias, bias.shape != [o] {
            throw LanguageFailure("Given transposed=1, weight of size \(weight.shape), expected bias to be 1-dimensional with \(o) elements, but got bias of size \(bias.shape) instead")
        }
        let (n, h, w) = (x.shape[0], x.shape[2], x.shape[3])
        let before = (h: d.h * (kh - 1) - p.h, w: d.w * (kw - 1) - p.w)
        let full = (h: (h - 1) * s.h + 1 + 2 * before.h + op.h, w: (w - 1) * s.w + 1 + 2 * before.w + op.w)
        let out = (h: full.h - d.h * (kh - 1), w: full.w - d.w * (kw - 1))
        guard out.h >= 1 || out.w >= 1 else {      // ATen's shape check: both sides under 1
            throw LanguageFailure("Given input size per channel: (\(h) x \(w)). Calculated output size per channel: (\(out.h) x \(out.w)). Output size is too small")
        }
        if x.isMeta || weight.isMeta { return Tensor(meta: [n, o, out.h, out.w]) }
        if out.h <= 0 || out.w <= 0 {
            // one side 0 (ATen lets it pass): an empty output, zero gradients; a negative side is refused
            guard out.h >= 0, out.w >= 0 else {
                throw LanguageFailure.refusal("conv_transpose2d(): the output would be \(out.h) × \(out.w)", fix: "use less padding or a larger input")
            }
            let inputs: [Tensor] = [x, weight] + (bias.map { [$0] } ?? [])
            let y = Autograd.record(Tensor(zeros: [n, o, out.h, out.w]), "conv_transpose2d", inputs: inputs) { _ in inputs.map { Tensor(zeros: $0.shape) } }
            y.gradNode?.displayName = "ConvolutionBackward0"
            return y
        }
        try MemoryBudget.check(shape: [n, c, full.h, full.w], what: "conv_transpose2d's spread-out input")
        // spread(x): x's cell (y, x) at (before + y·s), zeros elsewhere (cut where `before` < 0)
        func sources(_ i: Int, _ lead: Int, _ step: Int, _ size: Int) -> Int {
            let q = i - lead
            return q >= 0 && q % step == 0 && q / step < size ? q / step : -1
        }
        let rowSource = (0..<full.h).map { sources($0, before.h, s.h, h) }, columnSource = (0..<full.w).map { sources($0, before.w, s.w, w) }
        var offsets = [Int](repeating: -1, count: n * c * full.h * full.w)
        var i = 0
        for plane in 0..<(n * c) {
            for row in rowSource {
                for column in columnSource {
                    if row >= 0 && column >= 0 { offsets[i] = (plane * h + row) * w + column }
                    i += 1
                }
            }
        }
        let spread = TensorOpsGrad.picked(x, offsets: offsets, shape: [n, c, full.h, full.w], label: "spread")
        // flip(Wᵀ) per group: W'[gi·perGroup + oo][cc][i][j] = W[gi·(c/g) + cc][oo][kh−1−i][kw−1−j]
        let inPerGroup = c / g
        var turned = [Int](repeating: 0, count: o * inPerGroup * kh * kw)
        i = 0
        for oc in 0..<o {
            let (gi, oo) = (oc / perGroup, oc % perGroup)
            for cc in 0..<inPerGroup { for a in 0..<kh { for b in 0..<kw {
                turned[i] = (((gi * inPerGroup + cc) * perGroup + oo) * kh + (kh - 1 - a)) * kw + (kw - 1 - b)
                i += 1
            } } }
        }
        let filters = TensorOpsGrad.picked(weight, offsets: turned, shape: [o, inPerGroup, kh, kw], label: "flip")
        let y = try generalConv2d(spread, weight: filters, bias: bias,
                                  ConvShape(stride: (1, 1), padding: (0, 0), dilation: d, groups: g), workspace: workspace)
        y.gradNode?.displayName = "ConvolutionBackward0"
        return y
    }

    /// The arguments nn.ConvTranspose2d and F.conv_transpose2d share, read as pairs.
    static func transposedConvShape(_ a: BoundArguments, _ function: String) throws -> TransposedConvShape {
        TransposedConvShape(stride: try intPair(a["stride"], "stride", function), padding: try intPair(a["padding"], "padding", function),
                            outputPadding: try intPair(a["output_padding"], "output_padding", function),
                            dilation: try intPair(a["dilation"], "dilation", function), groups: try a.int("groups"))
    }

    func convTransposeBuiltins() -> (layer: Value, functional: Value) {
        let layer = Self.builtin(Signature("ConvTranspose2d", [("in_channels", nil), ("out_channels", nil), ("kernel_size", nil),
                                                              ("stride", .int(1)), ("padding", .int(0)), ("output_padding", .int(0)),
                                                              ("groups", .int(1)), ("bias", .bool(true)), ("dilation", .int(1)),
                                                              ("padding_mode", .string("zeros")), ("device", Value.none), ("dtype", Value.none)])) { _, a in
            guard case .string("zeros") = a["padding_mode"] else {
                throw LanguageFailure("Only \"zeros\" padding mode is supported for ConvTranspose2d", as: .valueError)
            }
            try Self.requireCPUArgument(a["device"])
            let (inChannels, outChannels) = (try a.int("in_channels"), try a.int("out_channels"))
            let kernel = try Self.intPair(a["kernel_size"], "kernel_size", "ConvTranspose2d"), shape = try Self.transposedConvShape(a, "ConvTranspose2d")
            guard inChannels > 0, outChannels > 0, kernel.h > 0, kernel.w > 0 else {
                throw LanguageFailure("ConvTranspose2d needs positive channel counts and kernel sizes, got in=\(inChannels), out=\(outChannels), kernel_size=(\(kernel.h), \(kernel.w))")
            }
            guard shape.groups > 0 else { throw LanguageFailure("groups must be a positive integer", as: .valueError) }
            guard inChannels % shape.groups == 0 else { throw LanguageFailure("in_channels must be divisible by groups", as: .valueError) }
            guard outChannels % shape.groups == 0 else { throw LanguageFailure("out_channels must be divisible by groups", as: .valueError) }
            try MemoryBudget.check(shape: [inChannels, outChannels / shape.groups, kernel.h, kernel.w], what: "ConvTranspose2d's weight")
            return .module(ConvTranspose2d(inChannels: inChannels, outChannels: outChannels, kernel: kernel, shape, hasBias: try a.bool("bias")))
        }
        let functional = Self.builtin(Signature("conv_transpose2d", [("input", nil), ("weight", nil), ("bias", Value.none), ("stride", .int(1)),
                                                                    ("padding", .int(0)), ("output_padding", .int(0)), ("groups", .int(1)),
                                                                    ("dilation", .int(1))])) { interpreter, a in
            let bias: Tensor? = a["bias"].isNone ? nil : try a.tensor("bias")
            return .tensor(try Self.convTranspose2d(try a.tensor("input"), weight: try a.tensor("weight"), bias: bias,
                                                    try Self.transposedConvShape(a, "conv_transpose2d"), workspace: interpreter.currentContext.workspace))
        }
        return (layer, functional)
    }
}

/// nn.ConvTranspose2d: PyTorch's weight (C_in, C_out/groups, kh, kw) and bias (C_out), init
/// (fan-in C_out/groups·kh·kw, weight then bias), state_dict names and repr.
final class ConvTranspose2d: Module, OutputSizedLayer {
    let inChannels: Int, outChannels: Int, kernel: (h: Int, w: Int), shape: Interpreter.TransposedConvShape
    let argumentText: String
    var requestedSizes: [(size: Value, input: [Int])] = []

    init(inChannels: Int, outChannels: Int, kernel: (h: Int, w: Int), _ shape: Interpreter.TransposedConvShape, hasBias: Bool) {
        (self.inChannels, self.outChannels, self.kernel, self.shape) = (inChannels, outChannels, kernel, shape)
        argumentText = ConvolutionLayer.extraRepr(inChannels, outChannels, kernel: [kernel.h, kernel.w], stride: [shape.stride.h, shape.stride.w],
                                                  padding: shape.padding != (0, 0) ? ConvolutionLayer.sizes([shape.padding.h, shape.padding.w]) : nil,
                                                  dilation: [shape.dilation.h, shape.dilation.w],
                                                  outputPadding: [shape.outputPadding.h, shape.outputPadding.w], groups: shape.groups, hasBias: hasBias)
        super.init(typeName: "ConvTranspose2d")
        unbatchedRank = 3
        ConvolutionLayer.registerParameters(of: self, weight: [inChannels, outChannels / shape.groups, kernel.h, kernel.w], biasCount: outChannels,
                                            hasBias: hasBias)
    }

    override var arguments: String { argumentText }

    override func forward(_ x: Tensor, _ context: ExecutionContext) throws -> Tensor {
        let (weight, bias) = try ConvolutionLayer.weightAndBias(of: self)
        return try Interpreter.convTranspose2d(x, weight: weight, bias: bias, try requestedShape(), workspace: context.workspace)
    }

    /// The layer's shape, its output padding the one a requested output_size picks.
    private func requestedShape() throws -> Interpreter.TransposedConvShape {
        guard !requestedSizes.isEmpty else { return shape }
        let (s, p, d, op) = (shape.stride, shape.padding, shape.dilation, shape.outputPadding)
        let picked = try Interpreter.transposedOutputPadding(requested: requestedSizes.last, stride: [s.h, s.w], padding: [p.h, p.w],
                                                             dilation: [d.h, d.w], kernel: [kernel.h, kernel.w], outputPadding: [op.h, op.w])
        var sized = shape
        sized.outputPadding = (picked[0], picked[1])
        return sized
    }

    // x: (N, C_in, H, W) → (N, C_out, (H − 1)·s − 2p + d·(k − 1) + output_padding + 1, …)
    override func outputShape(for input: [Int]) throws -> [Int] {
        guard input.count == 4 else { throw TensorError.shapeMismatch("ConvTranspose2d expects a 4-D input (N, C, H, W), got \(formatShape(input))") }
        let shape = try requestedShape()
        let (s, p, d, op) = (shape.stride, shape.padding, shape.dilation, shape.outputPadding)
        let (h, w) = ((input[2] - 1) * s.h - 2 * p.h + d.h * (kernel.h - 1) + op.h + 1, (input[3] - 1) * s.w - 2 * p.w + d.w * (kernel.w - 1) + op.w + 1)
        guard h >= 1 || w >= 1 else {
            // PyTorch's checks before any shape is made, in its order and words: the channels, then
            // the size (refused only when both sides are under 1: a 0 × 6 output is an empty tensor)
            guard input[1] == inChannels else {
                throw TensorError.invalidArgument("Given transposed=1, weight of size \([inChannels, outChannels / shape.groups, kernel.h, kernel.w]), expected input\(input) to have \(inChannels) channels, but got \(input[1]) channels instead")
            }
            throw TensorError.invalidArgument("Given input size per channel: (\(input[2]) x \(input[3])). Calculated output size per channel: (\(h) x \(w)). Output size is too small")
        }
        return [input[0], outChannels, h, w]
    }

    /// kh·kw·(C_out/groups)·C_in (+ C_out for the bias)
    override var parameterFormula: ParameterFormula? {
        ConvolutionLayer.parameterFormula(of: self, weight: [kernel.h, kernel.w, outChannels / shape.groups, inChannels], biasCount: outChannels)
    }

    /// torchinfo's count, as for Conv2d: (weights + bias) × N·Ho·Wo
    override func multAdds(input: [Int], output: [Int]) -> Int { ConvolutionLayer.multAdds(of: self, output: output, rank: 4) }
}
