import InceptionRuntime

/// F.conv1d's and F.conv2d's call read and checked as PyTorch reads and checks it: its argument
/// parser has two forms (padding as ints or as a string), so a wrong type or count matches neither
/// and is its invalid-combination TypeError in full; then the native checks in PyTorch's order
/// (conv2d, batchify, _convolution, check_shape_forward, the kernel's dtypes). What passes is the
/// convolution the existing code computes.
struct ConvCall {
    let input: Tensor, weight: Tensor, bias: Tensor?
    let stride: [Int], padding: [Int]?, paddingText: String?, dilation: [Int], groups: Int

    /// PyTorch's two forms of conv1d/conv2d/conv3d, as its message lists them.
    static let forms = ["(Tensor input, Tensor weight, Tensor bias = None, tuple of ints stride = 1, tuple of ints padding = 0, tuple of ints dilation = 1, int groups = 1)",
                        "(Tensor input, Tensor weight, Tensor bias = None, tuple of ints stride = 1, str padding = \"valid\", tuple of ints dilation = 1, int groups = 1)"]
    nonisolated(unsafe) static let signature = Signature("conv", [("input", nil), ("weight", nil), ("bias", Value.none), ("stride", .int(1)), ("padding", .int(0)),
                                              ("dilation", .int(1)), ("groups", .int(1))])

    /// The call bound to the forms: what fits neither is the invalid-combination TypeError.
    /// `spatial`: the function's spatial dims (conv2d: 2), the count a lone int stands for.
    init(_ function: String, _ call: Arguments, spatial: Int) throws {
        let invalid = TorchArgumentErrors.invalidCombination(function, call, forms: Self.forms)
        guard let a = try? Self.signature.bind(call) else { throw invalid }
        func ints(_ v: Value) -> [Int]? {
            if case .int(let i) = v { return Array(repeating: i, count: spatial) }
            guard let items = IntListArgument.sequence(v) else { return nil }
            let values = items.map { item -> Int? in if case .int(let i) = item { return i } else { return nil } }
            return values.contains(nil) ? nil : values.map { $0! }
        }
        guard case .tensor(let x) = a["input"], case .tensor(let w) = a["weight"], case .int(let groups) = a["groups"],
              let stride = ints(a["stride"]), let dilation = ints(a["dilation"]) else { throw invalid }
        var bias: Tensor?
        switch a["bias"] {
        case .none: break
        case .tensor(let b): bias = b
        default: throw invalid
        }
        let paddingText: String? = { if case .string(let s) = a["padding"] { return s }; return nil }()
        let padding = ints(a["padding"])
        guard padding != nil || paddingText != nil else { throw invalid }
        (input, weight, self.bias, self.stride, self.padding, self.paddingText, self.dilation, self.groups) = (x, w, bias, stride, padding, paddingText, dilation, groups)
    }

    /// The native checks, in PyTorch's order, for a convolution of `spatial` dims: the input as a
    /// batch (an unbatched one with a batch of one), the sizes broadcast to the weight's spatial
    /// dims, and the padding ('same' worked out: before, and the odd cell after).
    func checked(_ function: String, spatial n: Int) throws -> (input: Tensor, stride: [Int], padding: [Int], extra: [Int], dilation: [Int]) {
        let x = input, w = weight
        if padding != nil, let bias, TensorOps.dtype(bias) != TensorOps.dtype(x) {
            throw LanguageFailure("Input type (\(Interpreter.cppTypeName(TensorOps.dtype(x)))) and bias type (\(Interpreter.cppTypeName(TensorOps.dtype(bias)))) should be the same")
        }
        guard x.rank == n + 1 || x.rank == n + 2 else {
            throw LanguageFailure("Expected \(n + 1)D (unbatched) or \(n + 2)D (batched) input to \(function), but got input of size: \(x.shape)")
        }
        let batched = x.rank == n + 2 ? x.shape : [1] + x.shape
        var padding = self.padding ?? [], extra: [Int] = []
        if let text = paddingText {
            guard text == "same" || text == "valid" else { throw LanguageFailure("Invalid padding string: '\(text)'") }
            padding = [0]
            if text == "same" {
                guard w.rank > 2 else { throw LanguageFailure("weight should have at least three dimensions") }
                guard groups > 0 else { throw LanguageFailure("non-positive groups is not supported") }
                guard w.rank == batched.count else {
                    throw LanguageFailure("Expected \(w.rank)-dimensional input for \(w.rank)-dimensional weight\(w.shape), but got \(batched.count)-dimensional input of size \(batched) instead")
                }
                let dims = w.rank - 2
                guard stride.count == dims || stride.count == 1 else { throw LanguageFailure("stride cannot broadcast to \(dims) dimensions") }
                guard dilation.count == dims || dilation.count == 1 else { throw LanguageFailure("dilation cannot broadcast to \(dims) dimensions") }
                guard stride.allSatisfy({ $0 == 1 }) else { throw LanguageFailure("padding='same' is not supported for strided convolutions") }
                // the spread-out kernel's d·(k − 1) cells of padding, split evenly, the odd one after
                let d = dilation.count == 1 ? Array(repeating: dilation[0], count: dims) : dilation
                let total = (0..<dims).map { d[$0] * (w.shape[2 + $0] - 1) }
                padding = total.map { $0 / 2 }
                extra = total.map { $0 % 2 }
            }
        }
        guard w.rank > 2 else { throw LanguageFailure("weight should have at least three dimensions") }
        guard groups > 0 else { throw LanguageFailure("non-positive groups is not supported") }
        let dims = w.rank - 2
        func expanded(_ v: [Int], _ name: String) throws -> [Int] {
            if v.count == 1 { return Array(repeating: v[0], count: dims) }
            guard v.count == dims else {
                throw LanguageFailure("expected \(name) to be a single integer value or a list of \(dims) values to match the convolution dimensions, but got \(name)=\(v)")
            }
            return v
        }
        let s = try expanded(stride, "stride"), p = try expanded(padding, "padding"), d = try expanded(dilation, "dilation")
        guard p.allSatisfy({ $0 >= 0 }) else { throw LanguageFailure("negative padding is not supported") }
        guard s.allSatisfy({ $0 > 0 }) else { throw LanguageFailure("non-positive stride is not supported") }
        guard d.allSatisfy({ $0 >= 0 }) else { throw LanguageFailure("dilation should be greater than zero") }
        guard w.rank == batched.count else {
            throw LanguageFailure("Expected \(w.rank)-dimensional input for \(w.rank)-dimensional weight \(w.shape), but got \(batched.count)-dimensional input of size \(batched) instead")
        }
        guard w.shape[0] >= groups else {
            throw LanguageFailure("Given groups=\(groups), expected weight to be at least \(groups) at dimension 0, but got weight of size \(w.shape) instead")
        }
        guard w.shape[0] % groups == 0 else {
            throw LanguageFailure("Given groups=\(groups), expected weight to be divisible by \(groups) at dimension 0, but got weight of size [\(w.shape)] instead")
        }
        guard batched[1] == w.shape[1] * groups else {
            throw LanguageFailure("Given groups=\(groups), weight of size \(w.shape), expected input\(batched) to have \(w.shape[1] * groups) channels, but got \(batched[1]) channels instead")
        }
        if let bias, bias.shape != [w.shape[0]] {
            throw LanguageFailure("Given weight of size \(w.shape), expected bias to be 1-dimensional with \(w.shape[0]) elements, but got bias of size \(bias.shape) instead")
        }
        guard d.allSatisfy({ $0 > 0 }) else { throw LanguageFailure("non-positive dilation is not supported") }
        var padded: [Int] = [], spread: [Int] = []
        for i in 0..<dims {
            let after = extra.isEmpty ? 0 : extra[i]
            padded.append(batched[2 + i] + 2 * p[i] + after)
            spread.append(d[i] * (w.shape[2 + i] - 1) + 1)
        }
        if zip(padded, spread).contains(where: { $0 < $1 }) {
            let (inputText, kernelText) = (padded.map(String.init).joined(separator: " x "), spread.map(String.init).joined(separator: " x "))
            throw LanguageFailure("Calculated padded input size per channel: (\(inputText)). Kernel size: (\(kernelText)). Kernel size can't be greater than actual input size")
        }
        let (xt, wt) = (TensorOps.dtype(x), TensorOps.dtype(w))
        if xt != wt {
            if xt.isFloating {
                throw LanguageFailure("Input type (torch.\(xt.scalarName)Tensor) and weight type (torch.\(wt.scalarName)Tensor) should be the same or input should be a MKLDNN tensor and weight is a dense tensor")
            }
            throw LanguageFailure("expected scalar type \(xt.scalarName) but found \(wt.scalarName)")
        }
        return (x, s, p, extra.isEmpty ? Array(repeating: 0, count: dims) : extra, d)
    }
}

extension TorchArgumentErrors {
    /// PyTorch's invalid-combination TypeError in full (format_invalid_args): the types given,
    /// each form on its line, and under a form that takes as many arguments as were given, why
    /// it did not match — the keywords it has no place for, or each argument's type, `!marked!`
    /// where the form's type (its text up to the last space, as PyTorch parses it) is not it.
    static func invalidCombination(_ function: String, _ call: Arguments, forms: [String]) -> LanguageFailure {
        var text = "\(function)() received an invalid combination of arguments - got \(given(call)), but expected one of:\n"
        for form in forms {
            text += " * \(form)\n"
            let parameters = form.dropFirst().dropLast().components(separatedBy: ", ").map { argument -> (type: String, name: String) in
                let cut = argument.lastIndex(of: " ") ?? argument.startIndex
                return (String(argument[..<cut]), String(argument[argument.index(after: cut)...]))
            }
            guard parameters.count == call.positional.count + call.keywords.count else { continue }
            let start = parameters.count - call.keywords.count
            let unmatched = call.keywords.filter { k in !parameters[start...].contains { $0.name == k.name } }.map(\.name)
            guard unmatched.isEmpty else {
                text += "      didn't match because some of the keywords were incorrect: \(unmatched.joined(separator: ", "))\n"
                continue
            }
            let values = call.positional + call.keywords.map(\.value)
            let described = values.enumerated().map { i, v -> String in
                let name = typeName(v)
                let matching = switch parameters[i].type {
                case "float": name == "float" || name == "int"
                case "int": name == "int"
                default: name == parameters[i].type
                }
                let keyword = i >= call.positional.count ? "\(parameters[i].name)=" : ""
                var shown = name
                if case .tuple(let xs) = v { shown = "tuple of (" + xs.map(typeName).joined(separator: ", ") + (xs.count == 1 ? ",)" : ")") }
                if case .list(let l) = v { shown = "list of [" + l.remaining.map(typeName).joined(separator: ", ") + "]" }
                return matching ? keyword + shown : "!" + keyword + shown + "!"
            }
            text += "      didn't match because some of the arguments have invalid types: (\(described.joined(separator: ", ")))\n"
        }
        return LanguageFailure(text, as: .typeError)
    }
}

extension Interpreter {
    /// _ConvNd.__init__'s checks of a `rank`-d convolution layer's arguments, in its order and
    /// words: groups, the channels' divisibility, the padding string, then the weight's shape as
    /// torch.empty reads it (out_channels, in_channels // groups, *kernel_size). What it takes
    /// and the layer refuses is refused when the layer is called (`deferredConvLayer`).
    static func checkConvConstruction(_ a: BoundArguments, rank: Int) throws {
        let (inChannels, outChannels, groups) = (a["in_channels"], a["out_channels"], a["groups"])
        switch groups {
        case .int(let g) where g <= 0: throw LanguageFailure("groups must be a positive integer", as: .valueError)
        case .int, .bool, .float: break
        default: throw LanguageFailure("'<=' not supported between instances of '\(groups.typeName)' and 'int'", as: .typeError)
        }
        func divisible(_ v: Value, _ name: String) throws {
            guard case .int(let n) = v, case .int(let g) = groups else { return }
            if n % g != 0 { throw LanguageFailure("\(name) must be divisible by groups", as: .valueError) }
        }
        try divisible(inChannels, "in_channels")
        try divisible(outChannels, "out_channels")
        if case .string(let text) = a["padding"] {
            guard text == "same" || text == "valid" else {
                throw LanguageFailure("Invalid padding string '\(text)', should be one of {'valid', 'same'}", as: .valueError)
            }
            let strides = IntListArgument.sequence(a["stride"]) ?? [a["stride"]]
            if text == "same", strides.contains(where: { $0.asInt != 1 }) {
                throw LanguageFailure("padding='same' is not supported for strided convolutions", as: .valueError)
            }
        }
        guard case .int(let i) = inChannels, case .int(let g) = groups else { return }
        let kernel = IntListArgument.sequence(a["kernel_size"]) ?? Array(repeating: a["kernel_size"], count: rank)
        let size: [Value] = [outChannels, .int(Int((Double(i) / Double(g)).rounded(.down)))] + kernel
        let dims = try IntListArgument(function: "empty", parameter: "size", call: Arguments([.tuple(size)])).named(.tuple(size), position: 1)
        if let negative = dims.first(where: { $0 < 0 }) { throw LanguageFailure("Trying to create tensor with negative dimension \(negative): \(dims)") }
    }

    /// A convolution layer PyTorch makes and the runtime does not (a zero kernel, a stride of
    /// 1.5, padding=None): made with PyTorch's weight and bias, its call checked as F.conv2d
    /// checks what PyTorch's forward passes on (the sizes as _pair makes them), then `refusal`.
    static func deferredConvLayer(_ typeName: String, _ a: BoundArguments, rank: Int, refusal: Error) throws -> Module {
        func sizes(_ v: Value) -> Value {
            if let items = IntListArgument.sequence(v) { return .tuple(items) }
            if case .string(let s) = v { return .tuple(s.map { .string(String($0)) }) }
            return .tuple(Array(repeating: v, count: rank))
        }
        let kernel = IntListArgument.sequence(sizes(a["kernel_size"]))?.compactMap(\.asInt) ?? []
        let (inChannels, outChannels, groups) = (a["in_channels"].asInt ?? 0, a["out_channels"].asInt ?? 0, max(a["groups"].asInt ?? 1, 1))
        let padding = { if case .string = a["padding"] { return a["padding"] }; return sizes(a["padding"]) }()
        // _ConvNd.extra_repr: what differs from the defaults, as the layer holds it (padding=(2.0, 2.0))
        func isAll(_ v: Value, _ n: Double) -> Bool {
            (IntListArgument.sequence(v) ?? [v]).allSatisfy { $0.asDouble == n }
        }
        var text = "\(a["in_channels"].repr), \(a["out_channels"].repr), kernel_size=\(sizes(a["kernel_size"]).repr), stride=\(sizes(a["stride"]).repr)"
        if case .string(let mode) = padding { text += ", padding=\(mode)" } else if !isAll(padding, 0) { text += ", padding=\(padding.repr)" }
        if !isAll(sizes(a["dilation"]), 1) { text += ", dilation=\(sizes(a["dilation"]).repr)" }
        if a["groups"].asDouble != 1 { text += ", groups=\(a["groups"].repr)" }
        if !truth(a["bias"]) { text += ", bias=False" }
        if case .string(let mode) = a["padding_mode"], mode != "zeros" { text += ", padding_mode=\(mode)" }
        let layer = functionLayer(typeName, text) { layer, x, _ in
            let (weight, bias) = try ConvolutionLayer.weightAndBias(of: layer)
            let function = "conv\(rank)d"
            let call = Arguments([.tensor(x), .tensor(weight), bias.map { .tensor($0) } ?? .none, sizes(a["stride"]), padding, sizes(a["dilation"]), a["groups"]])
            do {
                _ = try ConvCall(function, call, spatial: rank).checked(function, spatial: rank)
            } catch var failure as LanguageFailure {
                // PyTorch's text, with the construction's fix when it had one (a padding of 2.0: divide with //)
                if failure.fix == nil { failure.fix = (refusal as? LanguageFailure)?.fix }
                throw failure
            }
            throw refusal
        }
        // the weight torch.empty would make: too large for the budget (or past 2^63 values) refused here, as PyTorch's allocation fails
        let weight = [outChannels, inChannels / groups] + kernel.map { max($0, 0) }
        try MemoryBudget.check(shape: weight, what: "\(typeName)'s weight")
        ConvolutionLayer.registerParameters(of: layer, weight: weight, hasBias: truth(a["bias"]))
        return layer
    }
}
