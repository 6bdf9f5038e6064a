import InceptionRuntime

/// `up(x, output_size=[H, W])` of nn.ConvTranspose1d / 2d (the U-Net decoder's way to match the
/// skip connection's size): the size asked for picks the output padding, as PyTorch's
/// `_ConvTransposeNd._output_padding` picks it. The size, with the input's shape as given (the
/// runtime adds the batch dim of an unbatched one), waits on the layer (`requestedSizes`, innermost
/// call last) while the runtime runs the call with the input alone, traced and hooked.
protocol OutputSizedLayer: Module {
    var requestedSizes: [(size: Value, input: [Int])] { get set }
}

extension Interpreter {
    func callOutputSized(_ layer: any OutputSizedLayer, _ arguments: Arguments, at location: SourceLocation) throws -> Value {
        let a = try Signature("forward", [("input", nil), ("output_size", Value.none)]).bind(arguments)
        let x = try a.tensor("input")
        layer.requestedSizes.append((a["output_size"], x.shape))
        defer { layer.requestedSizes.removeLast() }
        return .tensor(try within(CallFrame(kind: .moduleCall, site: location)) { try layer(x, currentContext) })
    }

    /// The output padding per spatial dim: the layer's own without a requested size; with one
    /// (the spatial sizes, or all of them with the batch and channel dims first), the size less
    /// the smallest the layer makes, which must be below that plus the stride.
    // input: (N, C, *spatial) or (C, *spatial) as given; the other arrays: one entry per spatial dim
    static func transposedOutputPadding(requested: (size: Value, input: [Int])?, stride: [Int], padding: [Int], dilation: [Int], kernel: [Int],
                                        outputPadding: [Int]) throws -> [Int] {
        guard let (requested, input) = requested, !requested.isNone else { return outputPadding }
        let spatial = kernel.count, leading = input.count == spatial + 2 ? 2 : 1
        guard let items = requested.sequenceItems(), requested.typeName != "str" else {
            throw LanguageFailure("output_size must be a list or tuple of ints, got \(requested.typeName)", as: .typeError)
        }
        var sizes = try items.map { v in
            guard let n = v.asInt else { throw LanguageFailure("output_size must be a list or tuple of ints, got \(requested.repr)", as: .typeError) }
            return n
        }
        var shown = requested
        if sizes.count == leading + spatial {
            sizes.removeFirst(leading)
            shown = Self.sameKind(as: requested, Array(items.dropFirst(leading)))
        }
        guard sizes.count == spatial else {
            throw LanguageFailure("ConvTranspose\(spatial)D: for \(input.count)D input, output_size must have \(spatial) or \(leading + spatial) elements (got \(sizes.count))",
                                  as: .valueError)
        }
        var smallest: [Int] = [], largest: [Int] = []
        for d in 0..<spatial {
            let spread = (input[input.count - spatial + d] - 1) * stride[d], reach = dilation[d] * (kernel[d] - 1)
            smallest.append(spread - 2 * padding[d] + reach + 1)
            largest.append(smallest[d] + stride[d] - 1)
        }
        if (0..<spatial).contains(where: { sizes[$0] < smallest[$0] || sizes[$0] > largest[$0] }) {
            let list = { (v: [Int]) in "[" + v.map(String.init).joined(separator: ", ") + "]" }
            throw LanguageFailure("requested an output size of \(shown.repr), but valid sizes range from \(list(smallest)) to \(list(largest)) (for an input of torch.Size(\(list(Array(input.dropFirst(2))))))",
                                  as: .valueError)
        }
        return (0..<spatial).map { sizes[$0] - smallest[$0] }
    }

    /// Items as a value of `kind`'s type (a slice of a list, tuple or torch.Size).
    private static func sameKind(as kind: Value, _ items: [Value]) -> Value {
        switch kind {
        case .tuple: return .tuple(items)
        case .size: return .size(items.compactMap(\.asInt))
        default: return .list(ListStorage(items))
        }
    }
}
