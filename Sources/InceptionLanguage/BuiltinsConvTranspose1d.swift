import InceptionRuntime

/// nn.ConvTranspose1d and F.conv_transpose1d: the 2-D transposed convolution of a 1 × k kernel
/// over the input seen as one row, (N, C, L) as (N, C, 1, L), as Conv1d runs on Conv2d. The
/// weight is PyTorch's (C_in, C_out/groups, k), its init PyTorch's (fan-in C_out/groups·k), and
/// the result's grad_fn ConvolutionBackward0.
extension Interpreter {
    // x: (N, C_in, L) or (C_in, L), weight: (C_in, C_out/g, k) → (N, C_out, (L − 1)·s − 2p + d·(k − 1) + output_padding + 1)
    static func convTranspose1d(_ x: Tensor, weight: Tensor, bias: Tensor?, stride: Int, padding: Int, outputPadding: Int, dilation: Int,
                                groups: Int, workspace: Workspace?) throws -> Tensor {
        guard x.rank == 2 || x.rank == 3 else {
            throw LanguageFailure("Expected 2D (unbatched) or 3D (batched) input to conv_transpose1d, but got input of size: \(x.shape)")
        }
        guard weight.rank == 3 else {
            throw LanguageFailure("conv_transpose1d(): weight must be (in_channels, out_channels / groups, k), got shape \(formatShape(weight.shape))")
        }
        guard outputPadding < stride || outputPadding < dilation else {
            throw LanguageFailure("output padding must be smaller than either stride or dilation, but got output_padding_height: 0 output_padding_width: \(outputPadding) stride_height: 1 stride_width: \(stride) dilation_height: 1 dilation_width: \(dilation)")
        }
        // checked here so that the texts show the 1-D shapes
        let c = weight.shape[0]
        guard groups >= 1, c % groups == 0 else {
            throw LanguageFailure("Given groups=\(groups), expected weight to be divisible by \(groups) at dimension 0, but got weight of size \(weight.shape) instead")
        }
        guard x.shape[x.rank - 2] == c else {
            throw LanguageFailure("Given transposed=1, weight of size \(weight.shape), expected input\(x.shape) to have \(c) channels, but got \(x.shape[x.rank - 2]) channels instead")
        }
        let (row, back) = try asImageRow(x, "conv_transpose1d")
        let filters = try reshaped(weight, [weight.shape[0], weight.shape[1], 1, weight.shape[2]])
        let shape = TransposedConvShape(stride: (1, stride), padding: (0, padding), outputPadding: (0, outputPadding), dilation: (1, dilation), groups: groups)
        let y = try back(try convTranspose2d(row, weight: filters, bias: bias, shape, workspace: workspace))
        y.gradNode?.displayName = "ConvolutionBackward0"
        return y
    }

    func convTranspose1dBuiltins() -> (layer: Value, functional: Value) {
        let layer = Self.builtin(Signature("ConvTranspose1d", [("in_channels", nil), ("out_channels", nil), ("kernel_size", nil),
                                                              ("stride", .int(1)), ("padding", .int(0)), ("output_padding", .int(0)),
                                                              ("groups", .int(1)), ("bias", .bool(true)), ("dilation", .int(1)),
                                                              ("padding_mode", .string("zeros")), ("device", Value.none), ("dtype", Value.none)])) { _, a in
            guard case .string("zeros") = a["padding_mode"] else {
                throw LanguageFailure("Only \"zeros\" padding mode is supported for ConvTranspose1d", as: .valueError)
            }
            try Self.requireCPUArgument(a["device"])
            let (inChannels, outChannels, groups) = (try a.int("in_channels"), try a.int("out_channels"), try a.int("groups"))
            func one(_ name: String) throws -> Int { try Self.single(a[name], name, "ConvTranspose1d") }
            let layer = ConvTranspose1d(inChannels: inChannels, outChannels: outChannels, kernel: try one("kernel_size"), stride: try one("stride"),
                                        padding: try one("padding"), outputPadding: try one("output_padding"), dilation: try one("dilation"),
                                        groups: groups, hasBias: try a.bool("bias"))
            guard inChannels > 0, outChannels > 0, layer.kernel > 0 else {
                throw LanguageFailure("ConvTranspose1d needs positive channel counts and kernel sizes, got in=\(inChannels), out=\(outChannels), kernel_size=\(layer.kernel)")
            }
            guard groups > 0 else { throw LanguageFailure("groups must be a positive integer", as: .valueError) }
            guard inChannels % groups == 0 else { throw LanguageFailure("in_channels must be divisible by groups", as: .valueError) }
            guard outChannels % groups == 0 else { throw LanguageFailure("out_channels must be divisible by groups", as: .valueError) }
            try MemoryBudget.check(shape: [inChannels, outChannels / groups, layer.kernel], what: "ConvTranspose1d's weight")
            try layer.makeParameters()
            return .module(layer)
        }
        let functional = Self.builtin(Signature("conv_transpose1d", [("input", nil), ("weight", nil), ("bias", Value.none), ("stride", .int(1)),
                                                                    ("padding", .int(0)), ("output_padding", .int(0)), ("groups", .int(1)),
                                                                    ("dilation", .int(1))])) { interpreter, a in
            let bias: Tensor? = a["bias"].isNone ? nil : try a.tensor("bias")
            func one(_ name: String) throws -> Int { try Self.single(a[name], name, "conv_transpose1d") }
            return .tensor(try Self.convTranspose1d(try a.tensor("input"), weight: try a.tensor("weight"), bias: bias, stride: try one("stride"),
                                                    padding: try one("padding"), outputPadding: try one("output_padding"),
                                                    dilation: try one("dilation"), groups: try a.int("groups"), workspace: interpreter.currentContext.workspace))
        }
        return (layer, functional)
    }
}

/// nn.ConvTranspose1d: PyTorch's weight (C_in, C_out/groups, k) and bias (C_out), init
/// (fan-in C_out/groups·k, weight then bias), state_dict names and repr.
final class ConvTranspose1d: Module, OutputSizedLayer {
    let inChannels: Int, outChannels: Int, kernel: Int, stride: Int, padding: Int, outputPadding: Int, dilation: Int, groups: Int
    let hasBias: Bool
    let argumentText: String
    var requestedSizes: [(size: Value, input: [Int])] = []

    init(inChannels: Int, outChannels: Int, kernel: Int, stride: Int, padding: Int, outputPadding: Int, dilation: Int, groups: Int, hasBias: Bool) {
        (self.inChannels, self.outChannels, self.kernel, self.stride) = (inChannels, outChannels, kernel, stride)
        (self.padding, self.outputPadding, self.dilation, self.groups, self.hasBias) = (padding, outputPadding, dilation, groups, hasBias)
        argumentText = ConvolutionLayer.extraRepr(inChannels, outChannels, kernel: [kernel], stride: [stride],
                                                  padding: padding != 0 ? ConvolutionLayer.sizes([padding]) : nil, dilation: [dilation],
                                                  outputPadding: [outputPadding], groups: groups, hasBias: hasBias)
        super.init(typeName: "ConvTranspose1d")
        unbatchedRank = 2
    }

    /// Draws the weight then the bias, as PyTorch's constructor does (after the checks).
    func makeParameters() throws {
        ConvolutionLayer.registerParameters(of: self, weight: [inChannels, outChannels / groups, kernel], biasCount: outChannels, hasBias: hasBias)
    }

    override var arguments: String { argumentText }

    override func forward(_ x: Tensor, _ context: ExecutionContext) throws -> Tensor {
        let (weight, bias) = try ConvolutionLayer.weightAndBias(of: self)
        return try Interpreter.convTranspose1d(x, weight: weight, bias: bias, stride: stride, padding: padding, outputPadding: try requestedOutputPadding(),
                                               dilation: dilation, groups: groups, workspace: context.workspace)
    }

    /// The layer's output padding, or the one a requested output_size picks.
    private func requestedOutputPadding() throws -> Int {
        guard !requestedSizes.isEmpty else { return outputPadding }
        return try Interpreter.transposedOutputPadding(requested: requestedSizes.last, stride: [stride], padding: [padding],
                                                       dilation: [dilation], kernel: [kernel], outputPadding: [outputPadding])[0]
    }

    // x: (N, C_in, L) → (N, C_out, (L − 1)·s − 2p + d·(k − 1) + output_padding + 1)
    override func outputShape(for input: [Int]) throws -> [Int] {
        guard input.count == 3 else { throw TensorError.shapeMismatch("ConvTranspose1d expects a 3-D input (N, C, L), got \(formatShape(input))") }
        return [input[0], outChannels, (input[2] - 1) * stride - 2 * padding + dilation * (kernel - 1) + (try requestedOutputPadding()) + 1]
    }

    /// k·(C_out/groups)·C_in (+ C_out for the bias)
    override var parameterFormula: ParameterFormula? {
        ConvolutionLayer.parameterFormula(of: self, weight: [kernel, outChannels / groups, inChannels], biasCount: outChannels)
    }

    /// torchinfo's count, as for Conv1d: (weights + bias) × N·Lo
    override func multAdds(input: [Int], output: [Int]) -> Int { ConvolutionLayer.multAdds(of: self, output: output, rank: 3) }
}
