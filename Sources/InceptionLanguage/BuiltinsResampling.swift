import Foundation
import InceptionRuntime

/// Resampling a 3-D (N, C, L) or 4-D (N, C, H, W) input to another size, as PyTorch computes it: `F.interpolate`
/// and `nn.Upsample` (modes 'nearest' and 'linear' on 3-D, 'nearest', 'bilinear' and 'bicubic' on 4-D, align_corners either way) and adaptive max
/// pooling (`F.adaptive_max_pool2d`, `nn.AdaptiveMaxPool2d`). Each output element is a weighted
/// sum of input elements (one of weight 1 for nearest and max, two a dim for bilinear, four for
/// bicubic), so one list of taps serves the
/// forward and the backward (which adds each tap's share of the gradient back).
extension Interpreter {
    func resamplingBuiltins() -> (layers: [String: Value], functional: [String: Value]) {
        var layers: [String: Value] = [:], functional: [String: Value] = [:]
        let interpolateParameters: [(String, Value?)] = [("size", Value.none), ("scale_factor", Value.none), ("mode", .string("nearest")),
                                                          ("align_corners", Value.none)]
        functional["interpolate"] = Self.builtin(Signature("interpolate", [("input", nil)] + interpolateParameters + [("recompute_scale_factor", Value.none), ("antialias", .bool(false))])) { _, a in
            guard a["recompute_scale_factor"].isNone || !a["recompute_scale_factor"].isTrue, !a["antialias"].isTrue else {
                throw LanguageFailure("interpolate(): recompute_scale_factor and antialias are not supported here", fix: "leave them out")
            }
            return .tensor(try Self.interpolate(try a.tensor("input"), a))
        }
        layers["Upsample"] = Self.builtin(Signature("Upsample", interpolateParameters)) { _, a in
            let m = Block(typeName: "Upsample", forward: .custom { _, x, _ in try Self.interpolate(x, a) })
            m.setTraining(true)
            // PyTorch's extra_repr: the scale factor (as floats) or else the size, and the mode
            let sizing = a["scale_factor"].isNone ? "size=\(a["size"].repr)" : "scale_factor=\(Self.pythonFloatRepr(a["scale_factor"]))"
            TensorKinds.shared.setArguments(m, "\(sizing), mode='\(try a.string("mode"))'")
            return .module(m)
        }
        functional["adaptive_max_pool2d"] = Self.builtin(Signature("adaptive_max_pool2d", [("input", nil), ("output_size", nil), ("return_indices", .bool(false))])) { _, a in
            guard !a["return_indices"].isTrue else { throw LanguageFailure("adaptive_max_pool2d(): return_indices=True is not supported here") }
            let (x, size) = try Self.checkedAdaptivePool2d(a["input"], a["output_size"], maximum: true)
            return .tensor(try Self.adaptiveMaxPool(x, size))
        }
        functional["adaptive_max_pool1d"] = Self.builtin(Signature("adaptive_max_pool1d", [("input", nil), ("output_size", nil), ("return_indices", .bool(false))])) { _, a in
            guard !a["return_indices"].isTrue else { throw LanguageFailure("adaptive_max_pool1d(): return_indices=True is not supported here") }
            return .tensor(try Self.adaptiveMaxPool1d(try a.tensor("input"), try Self.single(a["output_size"], "output_size", "adaptive_max_pool1d")))
        }
        layers["AdaptiveMaxPool2d"] = Self.builtin(Signature("AdaptiveMaxPool2d", [("output_size", nil), ("return_indices", .bool(false))])) { _, a in
            guard !a["return_indices"].isTrue else { throw LanguageFailure("AdaptiveMaxPool2d(): return_indices=True is not supported here") }
            // output_size read and checked at the call, as PyTorch's forward passes it on
            let size = a["output_size"]
            let m = Block(typeName: "AdaptiveMaxPool2d", forward: .custom { _, x, _ in
                let (x, s) = try Self.checkedAdaptivePool2d(.tensor(x), size, maximum: true)
                return try Self.adaptiveMaxPool(x, s)
            })
            m.setTraining(true)
            TensorKinds.shared.setArguments(m, "output_size=\(a["output_size"].repr)")
            return .module(m)
        }
        return (layers, functional)
    }

    /// An int n as (n, n), or a pair of ints.
    static func pair(_ v: Value, _ name: String) throws -> (Int, Int) {
        if let n = v.asInt, case .int = v { return (n, n) }
        if let items = v.sequenceItems(), items.count == 2, let h = items[0].asInt, let w = items[1].asInt { return (h, w) }
        throw LanguageFailure("\(name) must be an int or a pair of ints, got \(v.repr)")
    }

    /// A number, or a tuple of them, as Python prints floats (2 → 2.0, (2, 3) → (2.0, 3.0)).
    static func pythonFloatRepr(_ v: Value) -> String {
        if let items = v.sequenceItems() { return Value.tuple(items.map { .float($0.asDouble ?? 0) }).repr }
        if case .int(let i) = v { return Value.float(Double(i)).repr }
        return v.repr
    }

    // x: (N, C, L) → (N, C, L') or (N, C, H, W) → (N, C, H', W')
    static func interpolate(_ x: Tensor, _ a: BoundArguments) throws -> Tensor {
        let mode = try a.string("mode")
        // PyTorch's text when no kernel takes this mode at this rank
        let noKernel = LanguageFailure("Input Error: Only 3D, 4D and 5D input Tensors supported (got \(x.rank)D) for the modes: nearest | linear | bilinear | bicubic | trilinear | lanczos | area | nearest-exact (got \(mode))", as: .notImplementedError)
        guard ["nearest", "linear", "bilinear", "bicubic"].contains(mode) else {
            throw LanguageFailure("interpolate(): mode '\(mode)' is not supported here", fix: "use mode='nearest', 'linear', 'bilinear' or 'bicubic'")
        }
        guard x.rank >= 3, x.rank <= 5 else {
            throw noKernel
        }
        guard x.rank <= 4 else {
            throw LanguageFailure("interpolate(): only 3-D (N, C, L) and 4-D (N, C, H, W) inputs are supported here, got \(x.rank)-D")
        }
        let spatial = x.rank - 2
        if mode == "bicubic", spatial == 1 {
            throw noKernel
        }
        if mode == "linear", spatial != 1 { throw LanguageFailure("Got \(x.rank)D input, but linear mode needs 3D input", as: .notImplementedError) }
        if mode == "bilinear", spatial != 2 { throw LanguageFailure("Got \(x.rank)D input, but bilinear mode needs 4D input", as: .notImplementedError) }
        let alignCorners = a["align_corners"].isTrue
        if mode == "nearest", !a["align_corners"].isNone {
            throw LanguageFailure("align_corners option can only be set with the interpolating modes: linear | bilinear | bicubic | trilinear", as: .valueError)
        }
        let inputSizes = Array(x.shape.dropFirst(2))
        func perDim(_ v: Value, _ name: String) throws -> [Value] {
            if let items = v.sequenceItems() {
                guard items.count == spatial else {
                    if name == "size" {
                        throw LanguageFailure("Input and output must have the same number of spatial dimensions, but got input with spatial dimensions of \(inputSizes) and output size of \(v.repr). Please provide input tensor in (N, C, d1, d2, ...,dK) format and output size in (o1, o2, ...,oK) format.", as: .valueError)
                    }
                    throw LanguageFailure("Input and scale_factor must have the same number of spatial dimensions, but got input with spatial dimensions of \(inputSizes) and scale_factor of shape \(v.repr). Please provide input tensor in (N, C, d1, d2, ...,dK) format and scale_factor in (s1, s2, ...,sK) format.", as: .valueError)
                }
                return items
            }
            return Array(repeating: v, count: spatial)
        }
        var sizes: [Int] = [], scales: [Double?] = []
        switch (a["size"].isNone, a["scale_factor"].isNone) {
        case (false, true):
            for v in try perDim(a["size"], "size") {
                guard case .int(let n) = v else { throw LanguageFailure("size must be an int or a tuple of \(spatial) ints, got \(a["size"].repr)") }
                sizes.append(n); scales.append(nil)
            }
        case (true, false):
            for (v, n) in zip(try perDim(a["scale_factor"], "scale_factor"), inputSizes) {
                guard let f = v.asDouble else { throw LanguageFailure("scale_factor must be a number or a tuple of \(spatial) numbers, got \(a["scale_factor"].repr)") }
                sizes.append(Int((Double(n) * f).rounded(.down))); scales.append(f)
            }
        default:
            throw LanguageFailure(a["size"].isNone ? "either size or scale_factor should be defined" : "only one of size or scale_factor should be defined")
        }
        guard sizes.allSatisfy({ $0 > 0 }) else {
            // PyTorch's texts: "input (W: 5) and output (W: 0)" for 1-D, "input (H: 4, W: 5) output (H: 0, W: 3)" for 2-D
            func described(_ n: [Int]) -> String { spatial == 1 ? "(W: \(n[0]))" : "(H: \(n[0]), W: \(n[1]))" }
            throw LanguageFailure("Input and output sizes should be greater than 0, but got input \(described(inputSizes))\(spatial == 1 ? " and" : "") output \(described(sizes))")
        }
        // the kernel PyTorch names when x is no float tensor
        let kernels = spatial == 1 ? ["nearest": "compute_indices_weights_nearest", "linear": "compute_indices_weights_linear"]
                                   : ["nearest": "upsample_nearest2d_channels_last", "bilinear": "upsample_bilinear2d_channels_last", "bicubic": "compute_indices_weights_cubic"]
        if let kernel = kernels[mode] { try requireFloatKernel(x, kernel) }
        try MemoryBudget.check(shape: Array(x.shape.prefix(2)) + sizes, what: "interpolate()")
        func taps(_ n: Int, _ out: Int, _ scale: Double?) -> [[(Int, Float)]] {
            switch mode {
            case "nearest": return nearestTaps(n, out, scale)
            case "linear", "bilinear": return linearTaps(n, out, scale, alignCorners)
            default: return cubicTaps(n, out, scale, alignCorners)
            }
        }
        let columns = taps(inputSizes[spatial - 1], sizes[spatial - 1], scales[spatial - 1])
        // a 3-D input is one row of a plane: the single row tap keeps it as it is
        let rows = spatial == 2 ? taps(inputSizes[0], sizes[0], scales[0]) : [[(0, Float(1))]]
        return resample(x, rows: rows, columns: columns, label: "upsample_\(mode)\(spatial)d")
    }

    /// For each output index along a dim of `n` inputs: the input it copies (PyTorch's
    /// nearest_idx: ⌊d · scale⌋ in float, scale = 1/scale_factor or n/out).
    static func nearestTaps(_ n: Int, _ out: Int, _ scaleFactor: Double?) -> [[(Int, Float)]] {
        let scale = scaleFactor.map { Float(1 / $0) } ?? Float(n) / Float(out)
        return (0..<out).map { d in
            let i = out == n ? d : out == 2 * n ? d >> 1 : min(Int((Float(d) * scale).rounded(.down)), n - 1)
            return [(i, 1)]
        }
    }

    /// For each output index: the two inputs it mixes and their weights (PyTorch's bilinear:
    /// source (d + ½)·scale − ½ (fused) clamped at 0, or d·(n − 1)/(out − 1) with align_corners; in float).
    static func linearTaps(_ n: Int, _ out: Int, _ scaleFactor: Double?, _ alignCorners: Bool) -> [[(Int, Float)]] {
        let scale: Float = alignCorners ? (out > 1 ? Float(n - 1) / Float(out - 1) : 0)
            : scaleFactor.map { Float(1 / $0) } ?? Float(n) / Float(out)
        return (0..<out).map { d in
            // scale·(d + ½) − ½ fused, as PyTorch's build contracts it (one rounding: scale 1/3 at d = 1 gives 1.5e-8, not 0)
            let source = alignCorners ? Float(d) * scale : max(Float(-0.5).addingProduct(scale, Float(d) + 0.5), 0)
            let i0 = min(Int(source), n - 1), i1 = i0 + (i0 < n - 1 ? 1 : 0)
            let l1 = source - Float(i0), l0 = 1 - l1
            return [(i0, l0), (i1, l1)]
        }
    }

    /// For each output index: the four inputs it mixes (clamped to the edge) and their cubic
    /// convolution weights, A = −0.75 (PyTorch's upsample_bicubic2d: source (d + ½)·scale − ½, not
    /// clamped at 0, or d·(n − 1)/(out − 1) with align_corners; in float).
    static func cubicTaps(_ n: Int, _ out: Int, _ scaleFactor: Double?, _ alignCorners: Bool) -> [[(Int, Float)]] {
        let scale: Float = alignCorners ? (out > 1 ? Float(n - 1) / Float(out - 1) : 0)
            : scaleFactor.map { Float(1 / $0) } ?? Float(n) / Float(out)
        let a: Float = -0.75
        func near(_ x: Float) -> Float { ((a + 2) * x - (a + 3)) * x * x + 1 }              // |x| ≤ 1
        func far(_ x: Float) -> Float { ((a * x - 5 * a) * x + 8 * a) * x - 4 * a }          // 1 < |x| < 2
        return (0..<out).map { d in
            let source = alignCorners ? Float(d) * scale : Float(-0.5).addingProduct(scale, Float(d) + 0.5)
            let i = min(Int(source.rounded(.down)), n - 1)
            let t = min(max(source - Float(i), 0), 1)
            let opposite = 1 - t
            let weights = [far(t + 1), near(t), near(opposite), far(opposite + 1)]
            return (0..<4).map { k in (min(max(i - 1 + k, 0), n - 1), weights[k]) }
        }
    }

    /// out[n, c, y, x] = Σ rows[y] × columns[x] taps of the input plane; recorded for autograd.
    /// A 3-D input (N, C, L) is planes of one row (rows is then the single tap [(0, 1)]).
    // x: (N, C, H, W) → (N, C, rows.count, columns.count); x: (N, C, L) → (N, C, columns.count)
    static func resample(_ x: Tensor, rows: [[(Int, Float)]], columns: [[(Int, Float)]], label: String) -> Tensor {
        let oneRow = x.rank == 3
        let (planes, h, w) = (x.shape[0] * x.shape[1], oneRow ? 1 : x.shape[2], x.shape[x.rank - 1])
        let shape = oneRow ? [x.shape[0], x.shape[1], columns.count] : [x.shape[0], x.shape[1], rows.count, columns.count]
        if x.isMeta { return Tensor(meta: shape) }
        let out = Tensor(zeros: shape)
        let (oh, ow) = (rows.count, columns.count)
        func each(_ body: (_ input: Int, _ output: Int, _ weight: Float) -> Void) {
            for p in 0..<planes { for y in 0..<oh { for xo in 0..<ow {
                for (r, wr) in rows[y] { for (c, wc) in columns[xo] { body(p * h * w + r * w + c, p * oh * ow + y * ow + xo, wr * wc) } }
            } } }
        }
        // bilinear as PyTorch sums it: h0·(w0·a + w1·b) + h1·(w0·c + w1·d)
        for p in 0..<planes { for y in 0..<oh { for xo in 0..<ow {
            var total: Float = 0
            for (r, wr) in rows[y] {
                var row: Float = 0
                for (c, wc) in columns[xo] { row += wc * x.data[p * h * w + r * w + c] }
                total += wr * row
            }
            out.data[p * oh * ow + y * ow + xo] = total
        } } }
        return Autograd.record(out, label, inputs: [x]) { gy in
            let g = Tensor(zeros: x.shape)
            each { i, o, weight in g.data[i] += weight * gy.data[o] }
            return [g]
        }
    }

    /// Adaptive max pooling: window i of an output size o over n inputs spans ⌊i·n/o⌋ ..< ⌈(i+1)·n/o⌉;
    /// the first largest value (or a NaN) wins, and the gradient goes back to it.
    // x: (N, C, H, W) → (N, C, oh, ow)
    static func adaptiveMaxPool(_ x: Tensor, _ size: (Int, Int)) throws -> Tensor {
        try requireFloatKernel(x, "adaptive_max_pool2d")
        guard x.rank == 4 || x.rank == 3 else { throw LanguageFailure("adaptive_max_pool2d(): Expected 3D or 4D tensor, but got: [\(x.shape.map(String.init).joined(separator: ", "))]") }
        guard size.0 > 0, size.1 > 0 else { throw LanguageFailure("adaptive_max_pool2d(): output_size must be greater than 0, got (\(size.0), \(size.1))") }
        let (h, w) = (x.shape[x.rank - 2], x.shape[x.rank - 1])
        let shape = Array(x.shape.dropLast(2)) + [size.0, size.1]
        if x.isMeta { return Tensor(meta: shape) }
        let planes = x.count / max(h * w, 1)
        func window(_ i: Int, _ o: Int, _ n: Int) -> Range<Int> { (i * n / o)..<(((i + 1) * n + o - 1) / o) }
        var winners = [Int](repeating: 0, count: planes * size.0 * size.1)
        let out = TensorOps.make(shape, TensorOps.dtype(x)) { p in
            for plane in 0..<planes { for oy in 0..<size.0 { for ox in 0..<size.1 {
                var best = -Float.infinity, at = -1
                for y in window(oy, size.0, h) { for xi in window(ox, size.1, w) {
                    let i = plane * h * w + y * w + xi, v = x.data[i]
                    if at < 0 || v > best || v.isNaN && !best.isNaN { best = v; at = i }
                } }
                let o = (plane * size.0 + oy) * size.1 + ox
                p[o] = best; winners[o] = at
            } } }
        }
        return TensorOpsGrad.gather(out, from: x, offsets: winners, label: "adaptive_max_pool2d")
    }
}
