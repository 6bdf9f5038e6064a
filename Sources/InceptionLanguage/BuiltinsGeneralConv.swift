import Foundation
import InceptionRuntime

/// Convolutions beyond the runtime Conv2d's square, undilated, ungrouped ones: `groups`
/// (depthwise and grouped convolutions), `dilation` and rectangular kernels, strides and
/// paddings, for nn.Conv2d and F.conv2d. They are composed from the runtime's convolution
/// (`Autograd.conv2d`), so each part has its gradient:
/// - a dilated kernel is the kernel spread out with zeros between its taps (its gradient
///   gathered back from the taps);
/// - groups run one convolution each on their slice of the input channels and of the filters,
///   and their outputs are concatenated along channels.
/// A dilated or grouped convolution whose input or weight holds a NaN or an infinity runs by
/// `Autograd.directConv2d` instead, which skips the holes, and the padding where PyTorch does.
/// The result's grad_fn is PyTorch's ConvolutionBackward0.
extension Interpreter {
    struct ConvShape {
        var stride: (h: Int, w: Int), padding: (h: Int, w: Int), dilation: (h: Int, w: Int), groups: Int
        /// Zeros after the padding, at the bottom and right: padding='same' with an even spread
        /// pads one more after than before, as PyTorch does.
        var extra: (h: Int, w: Int) = (0, 0)
        var isPlain: Bool { dilation == (1, 1) && groups == 1 && extra == (0, 0) }
    }

    /// An int or a pair of ints (kernel_size=3 or (3, 1)).
    static func intPair(_ v: Value, _ name: String, _ function: String) throws -> (h: Int, w: Int) {
        if case .int(let i) = v { return (i, i) }
        if let items = v.sequenceItems(), items.count == 2, let h = items[0].asInt, let w = items[1].asInt, v.typeName != "str" { return (h, w) }
        let float: Bool = { if case .float = v { return true }; return v.sequenceItems()?.contains { if case .float = $0 { true } else { false } } ?? false }()
        throw LanguageFailure("\(function)(): \(name) must be an int or a pair of ints like (3, 3), got \(v.repr)",
                              fix: float ? "\(name) counts whole pixels: divide with // (it rounds down to an int), e.g. (5 - 1) // 2, or write int(…)" : nil)
    }

    /// padding as given: a pair, or 'valid' / 'same' ('same': stride 1; the spread-out kernel's
    /// k − 1 cells of padding split evenly, the odd one, if any, `extra`, after).
    static func convPadding(_ v: Value, kernel: (h: Int, w: Int), stride: (h: Int, w: Int), dilation: (h: Int, w: Int),
                            _ function: String) throws -> (padding: (h: Int, w: Int), extra: (h: Int, w: Int)) {
        switch v {
        case .string("valid"): return ((0, 0), (0, 0))
        case .string("same"):
            guard stride == (1, 1) else {
                throw LanguageFailure("padding='same' is not supported for strided convolutions", fix: "give the padding as a number", as: .valueError)
            }
            let spread = (h: dilation.h * (kernel.h - 1), w: dilation.w * (kernel.w - 1))
            return ((spread.h / 2, spread.w / 2), (spread.h % 2, spread.w % 2))
        case .string(let mode): throw LanguageFailure("Invalid padding string '\(mode)', should be one of {'valid', 'same'}", as: .valueError)
        default: return (try intPair(v, "padding", function), (0, 0))
        }
    }

    // x: (N, C, H, W), weight: (O, C/groups, kh, kw), bias: (O) or nil → (N, O, Ho, Wo)
    static func generalConv2d(_ x: Tensor, weight: Tensor, bias: Tensor?, _ shape: ConvShape, workspace: Workspace?) throws -> Tensor {
        guard weight.rank == 4 else { throw LanguageFailure("conv2d(): weight must be (out_channels, in_channels / groups, kh, kw), got shape \(formatShape(weight.shape))") }
        guard x.rank == 4 else { throw TensorError.convolutionRank(x.shape) }
        let (o, perGroup, kh, kw) = (weight.shape[0], weight.shape[1], weight.shape[2], weight.shape[3]), groups = shape.groups
        guard groups >= 1 else { throw LanguageFailure("non-positive groups is not supported") }
        guard x.shape[1] == perGroup * groups else {
            throw LanguageFailure("Given groups=\(groups), weight of size \(weight.shape), expected input\(x.shape) to have \(perGroup * groups) channels, but got \(x.shape[1]) channels instead")
        }
        if shape.extra != (0, 0) {
            // the odd cell of 'same' padding: a zero row and column after, then even padding
            var even = shape
            even.extra = (0, 0)
            return try generalConv2d(try padded(x, [0, shape.extra.w, 0, shape.extra.h], mode: "constant", value: 0), weight: weight, bias: bias, even,
                                     workspace: workspace)
        }
        guard o % groups == 0 else { throw LanguageFailure("Given groups=\(groups), expected weight to be divisible by \(groups) at dimension 0, but got weight of size \(weight.shape) instead") }
        if let bias, bias.shape != [o] { throw LanguageFailure("Given weight of size \(weight.shape), expected bias to be 1-dimensional with \(o) elements, but got bias of size \(bias.shape) instead") }
        guard shape.stride.h >= 1, shape.stride.w >= 1, shape.padding.h >= 0, shape.padding.w >= 0, shape.dilation.h >= 1, shape.dilation.w >= 1 else {
            throw LanguageFailure("conv2d(): stride and dilation must be at least 1 and padding at least 0")
        }
        // the kernel spread out by the dilation: (k − 1)·d + 1 taps a side
        let spread = (h: (kh - 1) * shape.dilation.h + 1, w: (kw - 1) * shape.dilation.w + 1)
        let window = Window2d(kernel: spread, stride: shape.stride, padding: shape.padding)
        if x.isMeta || weight.isMeta {
            let (ho, wo) = window.outputSize(height: x.shape[2], width: x.shape[3])
            guard ho > 0, wo > 0 else { throw TensorError.kernelLargerThanInput(window, height: x.shape[2], width: x.shape[3]) }
            return Tensor(meta: [x.shape[0], o, ho, wo])
        }
        if shape.dilation != (1, 1) || groups > 1, DirectConvolution.holdsNonFinite(x) || DirectConvolution.holdsNonFinite(weight) {
            // a NaN or ∞ times the spread-out kernel's zero holes would be NaN where PyTorch skips
            // them, and whether it multiplies the padding depends on the whole grouped shape
            return Autograd.directConv2d(x, weight: weight, bias: bias, window: window, dilation: shape.dilation, groups: groups)
        }
        let filters = shape.dilation == (1, 1) ? weight : spreadOut(weight, spread, shape.dilation)
        guard groups > 1 else { return try Autograd.conv2d(x, weight: filters, bias: bias, window: window, workspace: workspace) }
        let (outPerGroup, c, plane) = (o / groups, x.shape[1], x.shape[2] * x.shape[3])
        let filterSize = perGroup * spread.h * spread.w
        let parts = try (0..<groups).map { g -> Tensor in
            // this group's input channels, filters and biases, each a gathered slice with its gradient
            let inputs = sliceAlong1(x, from: g * perGroup, count: perGroup, inner: plane, of: c)
            let groupFilters = slice(filters, (g * outPerGroup * filterSize)..<((g + 1) * outPerGroup * filterSize), [outPerGroup, perGroup, spread.h, spread.w])
            let groupBias = bias.map { slice($0, (g * outPerGroup)..<((g + 1) * outPerGroup), [outPerGroup]) }
            return try Autograd.conv2d(inputs, weight: groupFilters, bias: groupBias, window: window, workspace: workspace)
        }
        let y = try Dense.concatChannels(parts)
        y.gradNode?.displayName = "ConvolutionBackward0"
        return y
    }

    // w: (O, C, kh, kw) → (O, C, (kh−1)·dh+1, (kw−1)·dw+1), zeros between the taps
    private static func spreadOut(_ w: Tensor, _ spread: (h: Int, w: Int), _ dilation: (h: Int, w: Int)) -> Tensor {
        let (planes, kh, kw) = (w.shape[0] * w.shape[1], w.shape[2], w.shape[3])
        var offsets = [Int](repeating: -1, count: planes * spread.h * spread.w)
        for p in 0..<planes { for i in 0..<kh { for j in 0..<kw {
            offsets[(p * spread.h + i * dilation.h) * spread.w + j * dilation.w] = (p * kh + i) * kw + j
        } } }
        return TensorOpsGrad.picked(w, offsets: offsets, shape: [w.shape[0], w.shape[1], spread.h, spread.w], label: "dilate")
    }

    // x: (N, C, inner…) → (N, count, inner…), channels from `from`
    private static func sliceAlong1(_ x: Tensor, from: Int, count: Int, inner: Int, of c: Int) -> Tensor {
        let n = x.shape[0]
        var offsets: [Int] = []
        offsets.reserveCapacity(n * count * inner)
        for i in 0..<n { for ch in from..<(from + count) { for e in 0..<inner { offsets.append((i * c + ch) * inner + e) } } }
        return TensorOpsGrad.picked(x, offsets: offsets, shape: [n, count] + x.shape.dropFirst(2), label: "slice")
    }

    private static func slice(_ t: Tensor, _ range: Range<Int>, _ shape: [Int]) -> Tensor {
        TensorOpsGrad.picked(t, offsets: Array(range), shape: shape, label: "slice")
    }


    /// nn.Conv2d with groups, dilation or rectangular sizes (`GeneralConv2d`).
    static func generalConv2dLayer(inChannels: Int, outChannels: Int, kernel: (h: Int, w: Int), _ shape: ConvShape,
                                   paddingText: String?, hasBias: Bool, paddingMode: String = "zeros") throws -> Module {
        guard inChannels > 0, outChannels > 0, kernel.h > 0, kernel.w > 0 else {
            throw LanguageFailure("Conv2d needs positive channel counts and kernel sizes, got in=\(inChannels), out=\(outChannels), kernel_size=(\(kernel.h), \(kernel.w))")
        }
        guard shape.groups > 0 else { throw LanguageFailure("groups must be a positive integer", as: .valueError) }
        guard inChannels % shape.groups == 0 else { throw LanguageFailure("in_channels must be divisible by groups", as: .valueError) }
        guard outChannels % shape.groups == 0 else { throw LanguageFailure("out_channels must be divisible by groups", as: .valueError) }
        try MemoryBudget.check(shape: [outChannels, inChannels / shape.groups, kernel.h, kernel.w], what: "Conv2d's weight")
        return GeneralConv2d(inChannels: inChannels, outChannels: outChannels, kernel: kernel, shape, paddingText: paddingText, hasBias: hasBias,
                             paddingMode: paddingMode)
    }
}

/// nn.Conv2d with groups, dilation or rectangular sizes: PyTorch's weight (O, C/groups, kh, kw),
/// init (fan-in C/groups·kh·kw, weight then bias), state_dict names and repr, and what the trace,
/// :params and :summary read of a convolution (its parameter formula, torchinfo's multiply-adds,
/// its sliding window for the receptive field, the spread-out kernel's).
final class GeneralConv2d: Module {
    let inChannels: Int, outChannels: Int, kernel: (h: Int, w: Int), shape: Interpreter.ConvShape
    let argumentText: String
    /// 'zeros', or the F.pad mode ('reflect', 'replicate', 'circular') the input is padded by
    /// before a convolution without padding, as PyTorch's _conv_forward does
    let paddingMode: String

    init(inChannels: Int, outChannels: Int, kernel: (h: Int, w: Int), _ shape: Interpreter.ConvShape, paddingText: String?, hasBias: Bool,
         paddingMode: String = "zeros") {
        (self.inChannels, self.outChannels, self.kernel, self.shape, self.paddingMode) = (inChannels, outChannels, kernel, shape, paddingMode)
        argumentText = ConvolutionLayer.extraRepr(inChannels, outChannels, kernel: [kernel.h, kernel.w], stride: [shape.stride.h, shape.stride.w],
                                                  padding: paddingText ?? (shape.padding != (0, 0) ? ConvolutionLayer.sizes([shape.padding.h, shape.padding.w]) : nil),
                                                  dilation: [shape.dilation.h, shape.dilation.w], groups: shape.groups, hasBias: hasBias)
            + (paddingMode == "zeros" ? "" : ", padding_mode=\(paddingMode)")
        super.init(typeName: "Conv2d")
        unbatchedRank = 3
        ConvolutionLayer.registerParameters(of: self, weight: [outChannels, inChannels / shape.groups, kernel.h, kernel.w], hasBias: hasBias)
    }

    override var arguments: String { argumentText }

    override func forward(_ x: Tensor, _ context: ExecutionContext) throws -> Tensor {
        let (weight, bias) = try ConvolutionLayer.weightAndBias(of: self)
        guard paddingMode != "zeros" else { return try Interpreter.generalConv2d(x, weight: weight, bias: bias, shape, workspace: context.workspace) }
        let (h, w) = shape.padding
        let padded = try Interpreter.padded(x, [w, w + shape.extra.w, h, h + shape.extra.h], mode: paddingMode, value: 0)
        var unpadded = shape
        (unpadded.padding, unpadded.extra) = ((0, 0), (0, 0))
        return try Interpreter.generalConv2d(padded, weight: weight, bias: bias, unpadded, workspace: context.workspace)
    }

    // x: (N, C, H, W) → (N, O, Ho, Wo)
    override func outputShape(for input: [Int]) throws -> [Int] {
        guard input.count == 4 else { throw TensorError.convolutionRank(input) }
        guard let window = slidingWindow else { return input }
        let (ho, wo) = window.outputSize(height: input[2] + shape.extra.h, width: input[3] + shape.extra.w)
        return [input[0], outChannels, ho, wo]
    }

    /// kh·kw·(C/groups)·O (+ O for the bias)
    override var parameterFormula: ParameterFormula? {
        ConvolutionLayer.parameterFormula(of: self, weight: [kernel.h, kernel.w, inChannels / shape.groups, outChannels], biasCount: outChannels)
    }

    /// torchinfo: (weights + bias) × N·Ho·Wo
    override func multAdds(input: [Int], output: [Int]) -> Int { ConvolutionLayer.multAdds(of: self, output: output, rank: 4) }

    override var convolutionKernel: (h: Int, w: Int)? { kernel }

    /// The window the kernel slides as: its spread-out size (a dilated kernel's taps span more)
    override var slidingWindow: Window2d? {
        Window2d(kernel: ((kernel.h - 1) * shape.dilation.h + 1, (kernel.w - 1) * shape.dilation.w + 1), stride: shape.stride, padding: shape.padding)
    }
}

/// What PyTorch's convolution layers (_ConvNd) share: their extra_repr and their parameters' init.
enum ConvolutionLayer {
    /// `(3, 3)`, or `(3,)` for a 1-D layer
    static func sizes(_ v: [Int]) -> String { v.count == 1 ? "(\(v[0]),)" : "(" + v.map(String.init).joined(separator: ", ") + ")" }

    /// "in, out, kernel_size=…, stride=…", then padding (as given: "(1, 1)" or "same"), dilation,
    /// output_padding and groups where not the default, and bias=False.
    static func extraRepr(_ inChannels: Int, _ outChannels: Int, kernel: [Int], stride: [Int], padding: String?, dilation: [Int],
                          outputPadding: [Int]? = nil, groups: Int, hasBias: Bool) -> String {
        var text = "\(inChannels), \(outChannels), kernel_size=\(sizes(kernel)), stride=\(sizes(stride))"
        if let padding { text += ", padding=\(padding)" }
        if dilation.contains(where: { $0 != 1 }) { text += ", dilation=\(sizes(dilation))" }
        if let outputPadding, outputPadding.contains(where: { $0 != 0 }) { text += ", output_padding=\(sizes(outputPadding))" }
        if groups != 1 { text += ", groups=\(groups)" }
        if !hasBias { text += ", bias=False" }
        return text
    }

    /// The weight's factors (the kernel's sizes and the two channel counts) and, with a bias, its
    /// count: :params' "3·3·64·192 + 192".
    static func parameterFormula(of m: Module, weight factors: [Int], biasCount: Int) -> ParameterFormula {
        ParameterFormula(terms: [factors] + (m.parameters.contains { $0.name == "bias" } ? [[biasCount]] : []))
    }

    /// torchinfo's multiply-adds of a convolution: (weights + bias) × every output position (N and
    /// the spatial dims of an output of `rank` dims), 0 for an output of another rank.
    static func multAdds(of m: Module, output: [Int], rank: Int) -> Int {
        output.count == rank ? m.ownParameterCount * output[0] * output.dropFirst(2).reduce(1, *) : 0
    }

    /// The layer's weight and its bias, if it has one.
    static func weightAndBias(of m: Module) throws -> (weight: Tensor, bias: Tensor?) {
        guard let weight = m.parameters.first(where: { $0.name == "weight" })?.tensor else { throw LanguageFailure("\(m.typeName) has no weight") }
        return (weight, m.parameters.first { $0.name == "bias" }?.tensor)
    }

    /// weight (shape as given) then bias (its first dim's count for a convolution, its second's
    /// for a transposed one: `biasCount`), uniform in ±1/√fan-in with fan-in the product of the
    /// weight's dims after the first, as _ConvNd.reset_parameters draws them.
    static func registerParameters(of m: Module, weight shape: [Int], biasCount: Int? = nil, hasBias: Bool) {
        let fanIn = shape.dropFirst().reduce(1, *)
        m.registerParameter("weight", ParameterInit.fanInUniform(shape, fanIn: fanIn))
        if hasBias { m.registerParameter("bias", ParameterInit.fanInUniform([biasCount ?? shape[0]], fanIn: fanIn, isBias: true)) }
        m.setTraining(true)
    }
}
