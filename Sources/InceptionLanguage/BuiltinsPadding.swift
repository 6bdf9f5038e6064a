import InceptionRuntime

/// `F.pad(input, pad, mode='constant', value=0)`, as PyTorch pads: `pad` names (before, after)
/// amounts for the last dims, the last dim first; constant mode takes any number of dims and
/// negative amounts (a crop), reflect and replicate pad the last one to three dims of a 2-D to
/// 5-D input by positive amounts, circular wraps around. Each output element reads one input
/// element or the constant, so one index map serves the forward and the backward (which adds the
/// gradient back where the element was read).
extension Interpreter {
    func paddingBuiltins() -> [String: Value] {
        var t: [String: Value] = [:]
        t["pad"] = Self.builtin(Signature("pad", [("input", nil), ("pad", nil), ("mode", .string("constant")), ("value", Value.none)])) { _, a in
            let x = try a.tensor("input")
            guard let amounts = a["pad"].sequenceItems()?.map(\.asInt), !amounts.contains(nil) else {
                throw LanguageFailure("pad(): pad must be a tuple of ints, got \(a["pad"].repr)", fix: "e.g. F.pad(x, (1, 1, 2, 2)) pads W by 1 and H by 2 on each side")
            }
            let mode = try a.string("mode")
            if mode != "constant", !a["value"].isNone, a["value"].asDouble != 0 {
                throw LanguageFailure("Padding mode \"\(mode)\" doesn't take in value argument")
            }
            return .tensor(try Self.padded(x, amounts.map { $0! }, mode: mode, value: Float(a["value"].asDouble ?? 0)))
        }
        return t
    }

    /// The padding layers: ZeroPad, ConstantPad, ReflectionPad, ReplicationPad and CircularPad in
    /// 1-D, 2-D and 3-D, with PyTorch's reprs.
    func paddingLayerBuiltins() -> [String: Value] {
        var t: [String: Value] = [:]
        for (kind, mode) in [("Zero", "constant"), ("Constant", "constant"), ("Reflection", "reflect"), ("Replication", "replicate"), ("Circular", "circular")] {
            for dims in 1...3 {
                let name = "\(kind)Pad\(dims)d"
                t[name] = Self.builtin(Signature(name, [("padding", nil)] + (kind == "Constant" ? [("value", nil)] : []))) { _, a in
                    let amounts: [Int]
                    if case .int(let n) = a["padding"] { amounts = Array(repeating: n, count: 2 * dims) }
                    else if let items = a["padding"].sequenceItems()?.map(\.asInt), items.count == 2 * dims, !items.contains(nil) { amounts = items.map { $0! } }
                    else { throw LanguageFailure("\(name)(): padding must be an int or a tuple of \(2 * dims) ints, got \(a["padding"].repr)") }
                    let value = kind == "Constant" ? Float(try a.double("value")) : 0
                    let shown = "(" + amounts.map(String.init).joined(separator: ", ") + ")"
                    let text = kind == "Constant" ? "padding=\(shown), value=\(a["value"].repr)" : shown
                    return .module(Self.functionLayer(name, text) { _, x, _ in
                        // F.pad's rules for the input's rank, as PyTorch's layers call it
                        return try Self.padded(x, amounts, mode: mode, value: value)
                    })
                }
            }
        }
        return t
    }

    /// x padded by `pad` ((before, after) for the last dims, the last dim first) in `mode`; recorded.
    static func padded(_ x: Tensor, _ pad: [Int], mode: String, value: Float) throws -> Tensor {
        guard pad.count % 2 == 0 else { throw LanguageFailure("Padding length must be divisible by 2") }
        guard pad.count / 2 <= x.rank else { throw LanguageFailure("Padding length should be less than or equal to two times the input dimension but got padding length \(pad.count) and input of dimension \(x.rank)") }
        let map = try paddingMap(x.shape, pad, mode: mode)
        if x.isMeta { return Tensor(meta: map.shape) }
        let out = TensorOps.make(map.shape, TensorOps.dtype(x)) { p in
            for i in 0..<map.sources.count { p[i] = map.sources[i] >= 0 ? x.data[map.sources[i]] : value }
        }
        return TensorOpsGrad.gather(out, from: x, offsets: map.sources, label: map.label)
    }

    /// For each output element of padding `shape` by `pad` in `mode`, the input element it reads
    /// (−1 for the constant), the output's shape and the backward's name.
    static func paddingMap(_ shape: [Int], _ pad: [Int], mode: String) throws -> (shape: [Int], sources: [Int], label: String) {
        let padded = pad.count / 2, rank = shape.count
        var before = [Int](repeating: 0, count: rank), after = before
        for k in 0..<padded { (before[rank - 1 - k], after[rank - 1 - k]) = (pad[2 * k], pad[2 * k + 1]) }
        var label = "constant_pad_nd"
        if mode != "constant" {
            guard ["reflect", "replicate", "circular"].contains(mode) else {
                throw LanguageFailure("Unrecognised padding mode \(mode)", fix: "mode is 'constant', 'reflect', 'replicate' or 'circular'", as: .notImplementedError)
            }
            guard (1...3).contains(padded), rank == padded + 1 || rank == padded + 2 else {
                throw LanguageFailure("""
                    Padding size \(pad.count) is not supported for \(rank)D input tensor.
                    Supported combinations for non-constant padding:
                      - 2D or 3D input: padding size = 2 (pads last dimension)
                      - 3D or 4D input: padding size = 4 (pads last 2 dimensions)
                      - 4D or 5D input: padding size = 6 (pads last 3 dimensions)
                    """, fix: "pad the last one to three dims of an (N, C, …) input", as: .notImplementedError)
            }
            for d in ((rank - padded)..<rank).reversed() {          // the last dimension first, as PyTorch checks them
                guard before[d] >= 0, after[d] >= 0 || mode == "circular" else {
                    throw LanguageFailure("\(mode) padding takes amounts ≥ 0 here, got \(before[d]) and \(after[d])")
                }
                if mode == "reflect", before[d] >= shape[d] || after[d] >= shape[d] {
                    throw LanguageFailure("Argument #4: Padding size should be less than the corresponding input dimension, but got: padding (\(before[d]), \(after[d])) at dimension \(d) of input [\(shape.map(String.init).joined(separator: ", "))]")
                }
                if mode == "circular", before[d] > shape[d] || after[d] > shape[d] {
                    throw LanguageFailure("Padding value causes wrapping around more than once.")
                }
            }
            label = mode == "reflect" ? "reflection_pad\(padded)d" : mode == "replicate" ? "replication_pad\(padded)d" : "copy_slices"
        }
        let out = (0..<rank).map { shape[$0] + before[$0] + after[$0] }
        guard out.allSatisfy({ $0 >= 0 }) else {
            throw LanguageFailure("The input size \(shape.last ?? 0), plus negative padding \(pad) resulted in a negative output size, which is invalid. Check dimension \(rank - 1) of your input.")
        }
        try MemoryBudget.check(shape: out, what: "pad()")
        // The source coordinate along one dim of output coordinate o, or nil for the constant.
        func source(_ o: Int, _ d: Int) -> Int? {
            let n = shape[d], i = o - before[d]
            if i >= 0 && i < n { return i }
            switch mode {
            case "reflect": return i < 0 ? -i : 2 * (n - 1) - i
            case "replicate": return i < 0 ? 0 : n - 1
            case "circular": return (i % n + n) % n
            default: return nil
            }
        }
        var strides = [Int](repeating: 1, count: rank)
        for d in stride(from: rank - 2, through: 0, by: -1) { strides[d] = strides[d + 1] * shape[d + 1] }
        let count = out.reduce(1, *)
        var sources = [Int](repeating: -1, count: count)
        var coordinate = [Int](repeating: 0, count: rank)
        for i in 0..<count {
            var offset = 0, inside = true
            for d in 0..<rank {
                guard let s = source(coordinate[d], d) else { inside = false; break }
                offset += s * strides[d]
            }
            if inside { sources[i] = offset }
            var d = rank - 1                                    // the next output coordinate
            while d >= 0 { coordinate[d] += 1; if coordinate[d] < out[d] { break }; coordinate[d] = 0; d -= 1 }
        }
        return (out, sources, label)
    }
}
