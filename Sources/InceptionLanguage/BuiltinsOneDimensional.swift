import InceptionRuntime

/// The 1-D layers (nn.Conv1d, MaxPool1d, AvgPool1d, AdaptiveAvgPool1d and their F functions),
/// max pooling that hands back its indices (MaxPool2d(return_indices=True), F.max_pool2d) and
/// max unpooling (nn.MaxUnpool2d, F.max_unpool2d). A 1-D input (N, C, L), or (C, L) unbatched,
/// runs as the 2-D one (N, C, 1, L) with a 1 × k window, so the convolution is the 2-D one
/// (`generalConv2d`, every gradient with it) and the pools are the gathers of BuiltinsWindowGather.
extension Interpreter {
    /// An int, or a 1-tuple of one, as PyTorch's 1-D layers take their sizes.
    /// `position`: the argument's place in an ATen call, whose argument parser refuses a value that
    /// is no int or sequence with its TypeError.
    static func single(_ v: Value, _ name: String, _ function: String, position: Int? = nil) throws -> Int {
        if case .int(let i) = v { return i }
        if let items = v.sequenceItems(), items.count == 1, let i = items[0].asInt, v.typeName != "str" { return i }
        if let position, v.sequenceItems() == nil || v.typeName == "str" {
            throw LanguageFailure("\(function)(): argument '\(name)' (position \(position)) must be tuple of ints, not \(v.typeName)", as: .typeError)
        }
        throw LanguageFailure("\(function)(): \(name) must be an int, got \(v.repr)")
    }

    /// x (N, C, L) or (C, L) as (N, C, 1, L), and a function that turns a result back.
    static func asImageRow(_ x: Tensor, _ function: String) throws -> (Tensor, (Tensor) throws -> Tensor) {
        guard x.rank == 2 || x.rank == 3 else {
            throw LanguageFailure("\(function): Expected 2D (unbatched) or 3D (batched) input, but got input of size: \(x.shape)")
        }
        let batched = x.rank == 3
        let (n, c, l) = batched ? (x.shape[0], x.shape[1], x.shape[2]) : (1, x.shape[0], x.shape[1])
        let row = try reshaped(x, [n, c, 1, l])
        return (row, { y in
            let out = try reshaped(y, batched ? [n, y.shape[1], y.shape[3]] : [y.shape[1], y.shape[3]])
            out.gradNode?.displayName = "SqueezeBackward1"
            return out
        })
    }

    // x: (N, C, L), weight: (O, C/groups, k) → (N, O, Lo)
    static func conv1d(_ x: Tensor, weight: Tensor, bias: Tensor?, stride: Int, padding: Value, dilation: Int, groups: Int,
                       workspace: Workspace?) throws -> Tensor {
        guard weight.rank == 3 else { throw LanguageFailure("conv1d(): weight must be (out_channels, in_channels / groups, k), got shape \(formatShape(weight.shape))") }
        guard x.rank == 2 || x.rank == 3 else {
            throw LanguageFailure("Expected 2D (unbatched) or 3D (batched) input to conv1d, but got input of size: \(x.shape)")
        }
        let channels = x.shape[x.rank - 2]
        guard groups >= 1, channels == weight.shape[1] * groups else {
            throw LanguageFailure("Given groups=\(groups), weight of size \(weight.shape), expected input\(x.shape) to have \(weight.shape[1] * groups) channels, but got \(channels) channels instead")
        }
        let k = weight.shape[2]
        let (pad, extra) = try convPadding(padding.asInt.map { .tuple([.int(0), .int($0)]) } ?? (padding.sequenceItems()?.count == 1 ? .tuple([.int(0), padding.sequenceItems()![0]]) : padding),
                                  kernel: (1, k), stride: (1, stride), dilation: (1, dilation), "conv1d")
        // the kernel (dilated) longer than the padded input: PyTorch's message in one dimension
        let (padded, spread) = (x.shape[x.rank - 1] + 2 * pad.w + extra.w, dilation * (k - 1) + 1)
        guard padded >= spread else {
            throw LanguageFailure("Calculated padded input size per channel: (\(padded)). Kernel size: (\(spread)). Kernel size can't be greater than actual input size")
        }
        let (row, back) = try asImageRow(x, "conv1d")
        let filters = try reshaped(weight, [weight.shape[0], weight.shape[1], 1, k])
        let y = try back(try generalConv2d(row, weight: filters, bias: bias,
                                           ConvShape(stride: (1, stride), padding: pad, dilation: (1, dilation), groups: groups, extra: extra),
                                           workspace: workspace))
        y.gradNode?.displayName = "ConvolutionBackward0"
        return y
    }

    static func maxPool1d(_ x: Tensor, kernel: Int, stride: Int, padding: Int, dilation: Int, ceil: Bool) throws -> (Tensor, Tensor) {
        guard kernel > 0, stride > 0, dilation > 0 else { throw LanguageFailure("max_pool1d() kernel_size, stride and dilation must be greater than zero") }
        guard padding >= 0, padding <= kernel / 2 else {
            throw LanguageFailure("max_pool1d() padding should be at most half of kernel size, but got padding=\(padding) and kernel_size=\(kernel)")
        }
        let (row, back) = try asImageRow(x, "max_pool1d()")
        let (y, indices) = try maxPoolWithIndices(row, PoolWindow(kernel: (1, kernel), stride: (1, stride), padding: (0, padding), dilation: (1, dilation), ceilMode: ceil),
                                                  label: "max_pool1d")
        return (try back(y), try back(indices))
    }

    static func avgPool1d(_ x: Tensor, kernel: Int, stride: Int, padding: Int, ceil: Bool, countPadding: Bool = true) throws -> Tensor {
        guard kernel > 0, stride > 0 else { throw LanguageFailure("avg_pool1d() kernel_size and stride must be greater than zero") }
        guard padding >= 0, padding <= kernel / 2 else {
            throw LanguageFailure("avg_pool1d() padding should be at most half of kernel size, but got padding=\(padding) and kernel_size=\(kernel)")
        }
        let (row, back) = try asImageRow(x, "avg_pool1d()")
        return try back(try averagePool(row, PoolWindow(kernel: (1, kernel), stride: (1, stride), padding: (0, padding), dilation: (1, 1), ceilMode: ceil),
                                        countPadding: countPadding))
    }

    func oneDimensionalBuiltins() -> (layers: [String: Value], functional: [String: Value]) {
        var layers: [String: Value] = [:], functional: [String: Value] = [:]
        layers["Conv1d"] = Self.builtin(Signature("Conv1d", [("in_channels", nil), ("out_channels", nil), ("kernel_size", nil), ("stride", .int(1)),
                                                            ("padding", .int(0)), ("dilation", .int(1)), ("groups", .int(1)), ("bias", .bool(true)),
                                                            ("padding_mode", .string("zeros")), ("device", Value.none), ("dtype", Value.none)])) { _, a in
            try Self.checkConvConstruction(a, rank: 1)
            do {
                let paddingMode = try a.string("padding_mode")
                guard ["zeros", "reflect", "replicate", "circular"].contains(paddingMode) else {
                    throw LanguageFailure("padding_mode must be one of ['zeros', 'reflect', 'replicate', 'circular'], but got padding_mode='\(paddingMode)'", as: .valueError)
                }
                try Self.requireCPUArgument(a["device"])
                let (inChannels, outChannels, groups) = (try a.int("in_channels"), try a.int("out_channels"), try a.int("groups"))
                let kernel = try Self.single(a["kernel_size"], "kernel_size", "Conv1d"), stride = try Self.single(a["stride"], "stride", "Conv1d")
                let dilation = try Self.single(a["dilation"], "dilation", "Conv1d")
                guard inChannels > 0, outChannels > 0, kernel > 0 else {
                    throw LanguageFailure("Conv1d needs positive channel counts and kernel sizes, got in=\(inChannels), out=\(outChannels), kernel_size=\(kernel)")
                }
                guard groups > 0 else { throw LanguageFailure("groups must be a positive integer", as: .valueError) }
                guard inChannels % groups == 0 else { throw LanguageFailure("in_channels must be divisible by groups", as: .valueError) }
                guard outChannels % groups == 0 else { throw LanguageFailure("out_channels must be divisible by groups", as: .valueError) }
                if case .string(let mode) = a["padding"] {
                    _ = try Self.convPadding(a["padding"], kernel: (1, kernel), stride: (1, stride), dilation: (1, dilation), "Conv1d")
                    return .module(Conv1d(inChannels, outChannels, kernel: kernel, stride: stride, padding: .string(mode), paddingText: mode,
                                          dilation: dilation, groups: groups, hasBias: try a.bool("bias"), paddingMode: paddingMode))
                }
                let padding = try Self.single(a["padding"], "padding", "Conv1d")
                return .module(Conv1d(inChannels, outChannels, kernel: kernel, stride: stride, padding: .int(padding), paddingText: padding == 0 ? nil : ConvolutionLayer.sizes([padding]),
                                      dilation: dilation, groups: groups, hasBias: try a.bool("bias"), paddingMode: paddingMode))
            } catch {
                // PyTorch makes the layer; its call fails
                return .module(try Self.deferredConvLayer("Conv1d", a, rank: 1, refusal: error))
            }
        }
        functional["conv1d"] = .builtin(Builtin("conv1d") { interpreter, call in
            // read and checked as PyTorch's conv1d reads and checks it (ConvCall)
            let c = try ConvCall("conv1d", call, spatial: 1)
            let k = try c.checked("conv1d", spatial: 1)
            return .tensor(try Self.conv1d(c.input, weight: c.weight, bias: c.bias, stride: k.stride[0], padding: c.paddingText.map { .string($0) } ?? .int(k.padding[0]),
                                           dilation: k.dilation[0], groups: c.groups, workspace: interpreter.currentContext.workspace))
        })
        layers["MaxPool1d"] = Self.builtin(Signature("MaxPool1d", [("kernel_size", nil), ("stride", Value.none), ("padding", .int(0)), ("dilation", .int(1)),
                                                                  ("return_indices", .bool(false)), ("ceil_mode", .bool(false))])) { _, a in
            // checked at the call, as F.max_pool1d checks what PyTorch's forward passes on
            let stride = a["stride"].isNone ? a["kernel_size"] : a["stride"]
            let text = "kernel_size=\(a["kernel_size"].repr), stride=\(stride.repr), padding=\(a["padding"].repr), dilation=\(a["dilation"].repr), ceil_mode=\(a["ceil_mode"].repr)"
            let indices = Self.truth(a["return_indices"])
            return .module(Self.functionLayer("MaxPool1d", text) { layer, x, context in
                let (y, i) = try Self.maxPool1dCall(a.replacing("input", with: .tensor(x)))
                if indices { context.frame(of: layer)?.returned = Value.tuple([.tensor(y), .tensor(i)]) }
                return y
            })
        }
        functional["max_pool1d"] = Self.builtin(Signature("max_pool1d", [("input", nil), ("kernel_size", nil), ("stride", Value.none), ("padding", .int(0)),
                                                                        ("dilation", .int(1)), ("ceil_mode", .bool(false)), ("return_indices", .bool(false))])) { _, a in
            let (y, i) = try Self.maxPool1dCall(a)
            return Self.truth(a["return_indices"]) ? .tuple([.tensor(y), .tensor(i)]) : .tensor(y)
        }
        layers["AvgPool1d"] = Self.builtin(Signature("AvgPool1d", [("kernel_size", nil), ("stride", Value.none), ("padding", .int(0)), ("ceil_mode", .bool(false)),
                                                                  ("count_include_pad", .bool(true))])) { _, a in
            // PyTorch keeps its sizes as 1-tuples (_single) and passes them on by position at the call
            let kernel = Self.singleTuple(a["kernel_size"]), stride = Self.singleTuple(a["stride"].isNone ? a["kernel_size"] : a["stride"])
            let padding = Self.singleTuple(a["padding"])
            let kept = a.replacing("kernel_size", with: kernel).replacing("stride", with: stride).replacing("padding", with: padding)
            return .module(Self.functionLayer("AvgPool1d", "kernel_size=\(kernel.repr), stride=\(stride.repr), padding=\(padding.repr)") { _, x, _ in
                try Self.avgPool1dCall(kept.replacing("input", with: .tensor(x)), positional: true)
            })
        }
        functional["avg_pool1d"] = Self.builtin(Signature("avg_pool1d", [("input", nil), ("kernel_size", nil), ("stride", Value.none), ("padding", .int(0)),
                                                                        ("ceil_mode", .bool(false)), ("count_include_pad", .bool(true))])) { _, a in
            .tensor(try Self.avgPool1dCall(a, positional: false))
        }
        layers["AdaptiveAvgPool1d"] = Self.builtin(Signature("AdaptiveAvgPool1d", [("output_size", nil)])) { _, a in
            let size = a["output_size"]       // read when called, as F.adaptive_avg_pool1d reads it
            return .module(Self.functionLayer("AdaptiveAvgPool1d", "output_size=\(size.repr)") { _, x, _ in
                let (row, back) = try Self.asImageRow(x, "adaptive_avg_pool1d()")
                return try back(try Self.adaptiveAveragePool1d(row, try Self.single(size, "output_size", "adaptive_avg_pool1d", position: 2)))
            })
        }
        functional["adaptive_avg_pool1d"] = Self.builtin(Signature("adaptive_avg_pool1d", [("input", nil), ("output_size", nil)])) { _, a in
            let (row, back) = try Self.asImageRow(try a.tensor("input"), "adaptive_avg_pool1d()")
            return .tensor(try back(try Self.adaptiveAveragePool1d(row, try Self.single(a["output_size"], "output_size", "adaptive_avg_pool1d", position: 2))))
        }
        layers["MaxUnpool2d"] = Self.builtin(Signature("MaxUnpool2d", [("kernel_size", nil), ("stride", Value.none), ("padding", .int(0))])) { _, a in
            let k = try Self.intPair(a["kernel_size"], "kernel_size", "MaxUnpool2d")
            let s = a["stride"].isNone ? k : try Self.intPair(a["stride"], "stride", "MaxUnpool2d"), p = try Self.intPair(a["padding"], "padding", "MaxUnpool2d")
            return .module(MaxUnpool2d(kernel: k, stride: s, padding: p))
        }
        functional["max_unpool2d"] = Self.builtin(Signature("max_unpool2d", [("input", nil), ("indices", nil), ("kernel_size", nil), ("stride", Value.none),
                                                                          ("padding", .int(0)), ("output_size", Value.none)])) { _, a in
            let k = try Self.intPair(a["kernel_size"], "kernel_size", "max_unpool2d")
            let s = a["stride"].isNone ? k : try Self.intPair(a["stride"], "stride", "max_unpool2d")
            return .tensor(try Self.maxUnpool2d(try a.tensor("input"), indices: try a.tensor("indices"), kernel: k, stride: s,
                                                padding: try Self.intPair(a["padding"], "padding", "max_unpool2d"),
                                                outputSize: try Self.sizeList(a["output_size"])))
        }
        return (layers, functional)
    }

    /// output_size=None, (H, W) or a torch.Size.
    static func sizeList(_ v: Value) throws -> [Int]? {
        if v.isNone { return nil }
        guard let items = v.sequenceItems() else { throw LanguageFailure("output_size must be a tuple of ints, got \(v.repr)") }
        return try items.map { i in
            guard let n = i.asInt else { throw LanguageFailure("output_size must be a tuple of ints, got \(v.repr)") }
            return n
        }
    }

    /// A layer whose forward is a function of the input, with PyTorch's repr arguments.
    static func functionLayer(_ typeName: String, _ arguments: String, _ forward: @escaping (Block, Tensor, ExecutionContext) throws -> Tensor) -> Block {
        let m = Block(typeName: typeName, forward: .custom(forward))
        m.setTraining(true)
        TensorKinds.shared.setArguments(m, arguments)
        return m
    }

    /// MaxPool2d(return_indices=True) and F.max_pool2d(…, return_indices=True): the output and
    /// each maximum's index within its plane.
    static func maxPool2dWithIndices(_ x: Tensor, kernel: Int, stride: Int, padding: Int, ceil: Bool) throws -> (Tensor, Tensor) {
        _ = try checkedPool2dWindow(x, kernel: [kernel], stride: [stride], padding: [padding], dilation: [1], ceil: ceil, name: "max_pool2d")
        let (y, i) = try maxPoolWithIndices(x, PoolWindow(kernel: (kernel, kernel), stride: (stride, stride), padding: (padding, padding),
                                                          dilation: (1, 1), ceilMode: ceil), label: "max_pool2d")
        y.gradNode?.displayName = "MaxPool2DWithIndicesBackward0"
        return (y, i)
    }
}

/// nn.Conv1d: PyTorch's weight (O, C/groups, k), init (fan-in C/groups·k, weight then bias),
/// state_dict names and repr; it runs as the 2-D convolution of a 1 × k kernel.
final class Conv1d: Module {
    let inChannels: Int, outChannels: Int, kernel: Int, stride: Int, padding: Value, dilation: Int, groups: Int
    let argumentText: String
    /// 'zeros', or the F.pad mode ('reflect', 'replicate', 'circular') the input is padded by
    /// before a convolution without padding, as PyTorch's Conv1d._conv_forward does
    let paddingMode: String

    init(_ inChannels: Int, _ outChannels: Int, kernel: Int, stride: Int, padding: Value, paddingText: String?, dilation: Int, groups: Int, hasBias: Bool,
         paddingMode: String = "zeros") {
        (self.inChannels, self.outChannels, self.kernel, self.stride) = (inChannels, outChannels, kernel, stride)
        (self.padding, self.dilation, self.groups, self.paddingMode) = (padding, dilation, groups, paddingMode)
        argumentText = ConvolutionLayer.extraRepr(inChannels, outChannels, kernel: [kernel], stride: [stride], padding: paddingText,
                                                  dilation: [dilation], groups: groups, hasBias: hasBias)
            + (paddingMode == "zeros" ? "" : ", padding_mode=\(paddingMode)")
        super.init(typeName: "Conv1d")
        unbatchedRank = 2
        ConvolutionLayer.registerParameters(of: self, weight: [outChannels, inChannels / groups, kernel], hasBias: hasBias)
    }

    override var arguments: String { argumentText }

    override func forward(_ x: Tensor, _ context: ExecutionContext) throws -> Tensor {
        let (weight, bias) = try ConvolutionLayer.weightAndBias(of: self)
        guard paddingMode != "zeros" else {
            return try Interpreter.conv1d(x, weight: weight, bias: bias, stride: stride, padding: padding, dilation: dilation, groups: groups,
                                          workspace: context.workspace)
        }
        // (before, after) along L: 'same' puts the odd one after, as PyTorch's _reversed_padding_repeated_twice
        let amounts: [Int]
        switch padding {
        case .string("same"):
            let total = dilation * (kernel - 1)
            amounts = [total / 2, total - total / 2]
        case .string: amounts = [0, 0]
        default: amounts = [padding.asInt ?? 0, padding.asInt ?? 0]
        }
        let padded = try Interpreter.padded(x, amounts, mode: paddingMode, value: 0)
        return try Interpreter.conv1d(padded, weight: weight, bias: bias, stride: stride, padding: .int(0), dilation: dilation, groups: groups,
                                      workspace: context.workspace)
    }

    /// k·(C/groups)·O (+ O for the bias)
    override var parameterFormula: ParameterFormula? {
        ConvolutionLayer.parameterFormula(of: self, weight: [kernel, inChannels / groups, outChannels], biasCount: outChannels)
    }

    /// torchinfo: (weights + bias) × N·Lo
    override func multAdds(input: [Int], output: [Int]) -> Int { ConvolutionLayer.multAdds(of: self, output: output, rank: 3) }
}

/// nn.MaxUnpool2d: called as unpool(x, indices) or unpool(x, indices, output_size); the indices
/// (and size) wait here while the runtime runs the call with x, traced and hooked.
final class MaxUnpool2d: Module {
    let kernel: (h: Int, w: Int), stride: (h: Int, w: Int), padding: (h: Int, w: Int)
    var pending: [(indices: Tensor, outputSize: [Int]?)] = []

    init(kernel: (h: Int, w: Int), stride: (h: Int, w: Int), padding: (h: Int, w: Int)) {
        (self.kernel, self.stride, self.padding) = (kernel, stride, padding)
        super.init(typeName: "MaxUnpool2d")
        setTraining(true)
    }

    override var arguments: String {
        "kernel_size=(\(kernel.h), \(kernel.w)), stride=(\(stride.h), \(stride.w)), padding=(\(padding.h), \(padding.w))"
    }

    override func forward(_ x: Tensor, _ context: ExecutionContext) throws -> Tensor {
        guard let call = pending.last else {
            throw LanguageFailure("MaxUnpool2d.forward() missing 1 required positional argument: 'indices'", fix: "call it as unpool(x, indices)", as: .typeError)
        }
        return try Interpreter.maxUnpool2d(x, indices: call.indices, kernel: kernel, stride: stride, padding: padding, outputSize: call.outputSize)
    }
}
