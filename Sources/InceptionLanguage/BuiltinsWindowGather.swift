import InceptionRuntime

/// Pooling written as gathers, for the layers the runtime's square pools do not cover (1-D
/// pools, max pooling that hands back its indices, max unpooling): each output cell reads the
/// input cells its window picks (`TensorOpsGrad.picked`), so the gradient goes back to exactly
/// those cells. A max pool gathers each window's largest cell (the first of equal ones in the
/// window's row order; a NaN wins, as PyTorch lets it through); an average pool gathers the
/// whole window and divides by its size.
extension Interpreter {
    struct PoolWindow {
        var kernel: (h: Int, w: Int), stride: (h: Int, w: Int), padding: (h: Int, w: Int), dilation: (h: Int, w: Int)
        var ceilMode: Bool

        /// (Ho, Wo) of an (H, W) input
        func outputSize(_ h: Int, _ w: Int) -> (h: Int, w: Int) {
            (pooledLength(h, kernel: kernel.h, stride: stride.h, padding: padding.h, dilation: dilation.h, ceil: ceilMode),
             pooledLength(w, kernel: kernel.w, stride: stride.w, padding: padding.w, dilation: dilation.w, ceil: ceilMode))
        }
    }

    /// PyTorch's pooling_output_shape: ⌊ or ⌈(L + 2p − d(k − 1) − 1) / s⌉ + 1, less one if the
    /// last window would start in the right padding.
    static func pooledLength(_ length: Int, kernel: Int, stride: Int, padding: Int, dilation: Int, ceil: Bool) -> Int {
        let span = length + 2 * padding - dilation * (kernel - 1) - 1
        var out = (ceil ? (span + stride - 1).floorDivided(by: stride) : span.floorDivided(by: stride)) + 1
        if ceil && (out - 1) * stride >= length + padding { out -= 1 }
        return out
    }

    // x: (planes…, H, W) → the offset into x of each output cell's window maximum, output (Ho, Wo)
    static func windowMaxima(_ x: Tensor, _ window: PoolWindow) -> (offsets: [Int], height: Int, width: Int) {
        let (h, w) = (x.shape[x.rank - 2], x.shape[x.rank - 1]), planes = x.count / max(h * w, 1)
        let (k, s, p, d) = (window.kernel, window.stride, window.padding, window.dilation)
        let (ho, wo) = window.outputSize(h, w)
        var offsets = [Int](repeating: 0, count: planes * ho * wo)
        var i = 0
        for plane in 0..<planes {
            let base = plane * h * w
            for oy in 0..<ho {
                for ox in 0..<wo {
                    var best = -1, bestValue = -Float.infinity
                    search: for a in 0..<k.h {
                        let iy = oy * s.h - p.h + a * d.h
                        guard iy >= 0 && iy < h else { continue }
                        for b in 0..<k.w {
                            let ix = ox * s.w - p.w + b * d.w
                            guard ix >= 0 && ix < w else { continue }
                            let v = x.data[base + iy * w + ix]
                            if v.isNaN { best = base + iy * w + ix; break search }
                            if best < 0 || v > bestValue { best = base + iy * w + ix; bestValue = v }
                        }
                    }
                    offsets[i] = best
                    i += 1
                }
            }
        }
        return (offsets, ho, wo)
    }

    /// Max pooling over the last two dims, with each maximum's index within its plane (int64).
    // x: (N, C, H, W) → (N, C, Ho, Wo) twice
    static func maxPoolWithIndices(_ x: Tensor, _ window: PoolWindow, label: String) throws -> (output: Tensor, indices: Tensor) {
        let (h, w) = (x.shape[x.rank - 2], x.shape[x.rank - 1])
        if x.isMeta {
            let (ho, wo) = window.outputSize(h, w)
            let shape = Array(x.shape.dropLast(2)) + [ho, wo]
            return (Tensor(meta: shape), TensorKinds.shared.setDType(Tensor(meta: shape), .int64))
        }
        let (offsets, ho, wo) = windowMaxima(x, window)
        guard ho > 0, wo > 0 else { throw LanguageFailure("Given input size: (\(x.shape.dropFirst().map(String.init).joined(separator: "x"))). Calculated output size: (\(x.shape[1])x\(ho)x\(wo)). Output size is too small") }
        let shape = Array(x.shape.dropLast(2)) + [ho, wo]
        let output = TensorOpsGrad.picked(x, offsets: offsets, shape: shape, label: label)
        let indices = TensorKinds.shared.setDType(TensorOps.make(shape) { p in
            for (i, o) in offsets.enumerated() { p[i] = Float(o % (h * w)) }
        }, .int64)
        return (output, indices)
    }

    /// Average pooling over the last two dims: each window's sum over its cells inside the padded
    /// input, divided by that many (count_include_pad=True), by the cells inside the input itself
    /// (countPadding false), or by `divisor` (PyTorch's divisor_override).
    // x: (N, C, H, W) → (N, C, Ho, Wo)
    static func averagePool(_ x: Tensor, _ window: PoolWindow, countPadding: Bool = true, divisor: Int? = nil) throws -> Tensor {
        let (h, w) = (x.shape[x.rank - 2], x.shape[x.rank - 1]), planes = x.count / max(h * w, 1)
        let (k, s, p) = (window.kernel, window.stride, window.padding)
        let (ho, wo) = window.outputSize(h, w)
        guard ho > 0, wo > 0 else { throw LanguageFailure("avg_pool: output size is too small (\(ho)×\(wo))") }
        let dtype = TensorOps.dtype(x)
        if dtype == .bool { try requireFloatKernel(x, "avg_pool2d") }
        if x.isMeta { return Tensor(meta: Array(x.shape.dropLast(2)) + [ho, wo]) }
        // every window's cells gathered: an offset and a value each
        try MemoryBudget.check(shape: Array(x.shape.dropLast(2)) + [ho, wo, k.h * k.w, 3], what: "avg_pool's windows")
        var offsets = [Int](repeating: -1, count: planes * ho * wo * k.h * k.w), divisors = [Float](repeating: 1, count: ho * wo)
        var i = 0
        for plane in 0..<planes {
            for oy in 0..<ho {
                for ox in 0..<wo {
                    let (y0, x0) = (oy * s.h - p.h, ox * s.w - p.w)
                    let (y1, x1) = (min(y0 + k.h, h + p.h), min(x0 + k.w, w + p.w))
                    let cells = countPadding ? (y1 - y0) * (x1 - x0) : (min(y1, h) - max(y0, 0)) * (min(x1, w) - max(x0, 0))
                    divisors[oy * wo + ox] = Float(divisor ?? cells)
                    for a in 0..<k.h { for b in 0..<k.w {
                        let (iy, ix) = (y0 + a, x0 + b)
                        if iy >= 0 && iy < h && ix >= 0 && ix < w { offsets[i] = plane * h * w + iy * w + ix }
                        i += 1
                    } }
                }
            }
        }
        let windows = TensorOpsGrad.picked(x, offsets: offsets, shape: Array(x.shape.dropLast(2)) + [ho, wo, k.h * k.w], label: "avg_pool")
        let sums = try TensorOps.reduce(windows, .sum, dims: [x.rank], keepdim: false)
        let means = try TensorOps.binary(.divide, sums, TensorOps.make([ho, wo], values: divisors))
        // integers: the sum divided as C++ divides them (toward zero), in x's dtype
        return dtype.isIntegral ? TensorOps.map(means, dtype) { $0.rounded(.towardZero) } : means
    }

    /// Adaptive average pooling over the last dim: output i averages cells ⌊i·L/n⌋ ..< ⌈(i+1)·L/n⌉.
    // x: (…, L) → (…, n)
    static func adaptiveAveragePool1d(_ x: Tensor, _ n: Int) throws -> Tensor {
        let l = x.shape[x.rank - 1], rows = x.count / max(l, 1)
        guard n > 0 else { throw LanguageFailure("adaptive_avg_pool1d(): output_size must be greater than or equal to 1") }
        if x.isMeta { return Tensor(meta: Array(x.shape.dropLast()) + [n]) }
        let starts = (0..<n).map { $0 * l / n }, ends = (0..<n).map { (($0 + 1) * l + n - 1) / n }
        let widest = zip(starts, ends).map { $1 - $0 }.max() ?? 1
        var offsets = [Int](repeating: -1, count: rows * n * widest)
        for r in 0..<rows { for i in 0..<n { for j in starts[i]..<ends[i] { offsets[(r * n + i) * widest + j - starts[i]] = r * l + j } } }
        let windows = TensorOpsGrad.picked(x, offsets: offsets, shape: Array(x.shape.dropLast()) + [n, widest], label: "adaptive_avg_pool1d")
        let sums = try TensorOps.reduce(windows, .sum, dims: [x.rank], keepdim: false)
        return try TensorOps.binary(.divide, sums, TensorOps.make([n], values: zip(starts, ends).map { Float($1 - $0) }))
    }

    /// Max unpooling: each input cell put at its index in a zero plane of (Ho, Wo) (default
    /// (H − 1)·s − 2p + k), as a gather so the gradient comes back from there.
    // x, indices: (N, C, H, W) → (N, C, Ho, Wo)
    static func maxUnpool2d(_ x: Tensor, indices: Tensor, kernel: (h: Int, w: Int), stride: (h: Int, w: Int),
                            padding: (h: Int, w: Int), outputSize: [Int]?) throws -> Tensor {
        guard x.rank == 3 || x.rank == 4 else { throw LanguageFailure("max_unpool2d(): expects a 3-D or 4-D input, got shape \(formatShape(x.shape))") }
        guard indices.shape == x.shape else {
            throw LanguageFailure("Expected shape of indices to be same as that of the input tensor (\(x.shape)) but got indices tensor with shape: \(indices.shape)")
        }
        let (h, w) = (x.shape[x.rank - 2], x.shape[x.rank - 1])
        let natural = (h: (h - 1) * stride.h - 2 * padding.h + kernel.h, w: (w - 1) * stride.w - 2 * padding.w + kernel.w)
        var size = natural
        if let outputSize {
            let given = Array(outputSize.suffix(2))
            guard outputSize.count == 2 || outputSize.count == x.rank, given.count == 2 else {
                throw LanguageFailure("output_size should have 2 or \(x.rank) elements (got \(outputSize.count))", as: .valueError)
            }
            for (d, (want, base, step)) in [(given[0], natural.h, stride.h), (given[1], natural.w, stride.w)].enumerated() {
                guard want > base - step, want < base + step else {
                    throw LanguageFailure("invalid output_size \"(\(given.map(String.init).joined(separator: ", ")))\" (dim \(d) must be between \(base - step) and \(base + step))", as: .valueError)
                }
            }
            size = (given[0], given[1])
        }
        let shape = Array(x.shape.dropLast(2)) + [size.h, size.w]
        try MemoryBudget.check(shape: shape, what: "max_unpool2d's output", meta: x.isMeta || indices.isMeta)
        if x.isMeta || indices.isMeta { return Tensor(meta: shape) }
        let (planes, plane) = (x.count / max(h * w, 1), size.h * size.w)
        var offsets = [Int](repeating: -1, count: planes * plane), invalid: Int?
        for i in 0..<x.count {
            let index = Int(indices.data[i])
            guard index >= 0, index < plane else { invalid = index; continue }     // PyTorch names the last one
            offsets[(i / (h * w)) * plane + index] = i
        }
        if let invalid { throw LanguageFailure("Found an invalid max index: \(invalid) (output volumes are of size \(size.h)x\(size.w))") }
        let y = TensorOpsGrad.picked(x, offsets: offsets, shape: shape, label: "max_unpool2d")
        y.gradNode?.displayName = "MaxUnpool2DBackward0"
        return y
    }
}

private extension Int {
    /// ⌊self / d⌋ for a positive d, also below zero.
    func floorDivided(by d: Int) -> Int { self >= 0 ? self / d : -((-self + d - 1) / d) }
}
