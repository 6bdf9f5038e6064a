import CKernels

/// Max, average and adaptive average pooling over (N, C, H, W), following PyTorch's rules.
public enum Pooling {
    // x: (N, C, H, W) → (N, C, Ho, Wo); padding counts as −∞, so it never wins.
    public static func maxPool2d(_ x: Tensor, window: Window2d) throws -> Tensor {
        let (n, c, h, w, ho, wo) = try pooledGeometry(x.shape, window, "MaxPool2d")
        let y = Tensor(uninitialized: [n, c, ho, wo])
        maxPoolPlanes(x.data, y.data, planes: n * c, height: h, width: w, window: window)
        return y
    }

    /// The forward training records: y, and each window's winner as its cell's number ky·kw + kx
    /// (`ck_maxpool_planes_winners`, 1 byte an output), so that the backward
    /// (`PoolingBackward.maxPool2d(inputShape:window:winners:gradOutput:)`) need not read x again;
    /// nil for a window of more than 255 cells.
    // x: (N, C, H, W) → output: (N, C, Ho, Wo), winners: N·C·Ho·Wo bytes
    public static func maxPool2dKeepingWinners(_ x: Tensor, window: Window2d) throws -> (output: Tensor, winners: [UInt8])? {
        let (kh, kw) = window.kernel, (sh, sw) = window.stride, (ph, pw) = window.padding
        guard kh * kw <= 255 else { return nil }
        let (n, c, h, w, ho, wo) = try pooledGeometry(x.shape, window, "MaxPool2d")
        let y = Tensor(uninitialized: [n, c, ho, wo])
        let winners = [UInt8](unsafeUninitializedCapacity: n * c * ho * wo) { cells, count in
            count = cells.count
            guard let base = cells.baseAddress, count > 0 else { return }
            Parallel.chunks(n * c, costPerItem: ho * wo * kh * kw) { range in
                let floats = ck_maxpool_winners_scratch(Int32(h), Int32(w), Int32(ho), Int32(wo), Int32(kh), Int32(kw),
                                                        Int32(sh), Int32(sw), Int32(ph), Int32(pw))
                let scratch = UnsafeMutablePointer<Float>.allocate(capacity: floats)
                defer { scratch.deallocate() }
                let first = range.lowerBound
                ck_maxpool_planes_winners(x.data + first * h * w, y.data + first * ho * wo, base + first * ho * wo, Int32(range.count),
                                          Int32(h), Int32(w), Int32(ho), Int32(wo), Int32(kh), Int32(kw), Int32(sh), Int32(sw),
                                          Int32(ph), Int32(pw), scratch)
            }
        }
        return (y, winners)
    }

    /// Max pooling of `planes` consecutive H×W planes into Ho×Wo planes, separably (a row max,
    /// then a column max) in the vectorised C kernel `ck_maxpool_planes`; `maxPoolPlane` below is
    /// the textbook loop it is tested against.
    // src: (planes, H, W) → dst: (planes, Ho, Wo)
    public static func maxPoolPlanes(_ src: UnsafePointer<Float>, _ dst: UnsafeMutablePointer<Float>, planes: Int,
                                     height h: Int, width w: Int, window: Window2d) {
        let (ho, wo) = window.outputSize(height: h, width: w)
        guard ho > 0, wo > 0, planes > 0 else { return }
        Parallel.chunks(planes, costPerItem: (h + ho) * wo * max(window.kernel.h, window.kernel.w)) { range in
            let rowMax = UnsafeMutablePointer<Float>.allocate(capacity: ck_maxpool_scratch(Int32(h), Int32(w), Int32(window.stride.w), Int32(window.padding.w)))
            defer { rowMax.deallocate() }
            ck_maxpool_planes(src + range.lowerBound * h * w, dst + range.lowerBound * ho * wo, Int32(range.count),
                              Int32(h), Int32(w), Int32(ho), Int32(wo), Int32(window.kernel.h), Int32(window.kernel.w),
                              Int32(window.stride.h), Int32(window.stride.w), Int32(window.padding.h), Int32(window.padding.w), rowMax)
        }
    }

    /// The textbook loop for one plane: each output takes the max over its window (a NaN when
    /// the window holds one, as PyTorch's max pooling gives).
    // src: (H, W) → dst: (Ho, Wo)
    public static func maxPoolPlane(_ src: UnsafePointer<Float>, _ dst: UnsafeMutablePointer<Float>,
                                    _ h: Int, _ w: Int, _ ho: Int, _ wo: Int, _ window: Window2d) {
        let (kh, kw) = window.kernel, (sh, sw) = window.stride, (ph, pw) = window.padding
        for oy in 0..<ho {
            let y0 = max(oy * sh - ph, 0), y1 = min(oy * sh - ph + kh, h)
            for ox in 0..<wo {
                let x0 = max(ox * sw - pw, 0), x1 = min(ox * sw - pw + kw, w)
                var m = -Float.infinity
                for iy in y0..<max(y1, y0) { for ix in x0..<max(x1, x0) where src[iy * w + ix] > m || src[iy * w + ix].isNaN { m = src[iy * w + ix] } }
                dst[oy * wo + ox] = m
            }
        }
    }

    /// PyTorch's AvgPool2d defaults: count_include_pad=True, so the divisor counts padded
    /// cells, but never cells of a ceil_mode window that hang past the padded input.
    // x: (N, C, H, W) → (N, C, Ho, Wo)
    public static func avgPool2d(_ x: Tensor, window: Window2d, countIncludePad: Bool = true) throws -> Tensor {
        let (n, c, h, w, ho, wo) = try pooledGeometry(x.shape, window, "AvgPool2d")
        let y = Tensor(zeros: [n, c, ho, wo])
        Parallel.chunks(n * c, costPerItem: ho * wo * window.kernel.h * window.kernel.w) { range in
            avgPoolPlanes(x.data + range.lowerBound * h * w, y.data + range.lowerBound * ho * wo, planes: range.count,
                          height: h, width: w, window: window, countIncludePad: countIncludePad)
        }
        return y
    }

    /// On this thread (a compiled plan calls it from each of its own threads).
    // src: (planes, H, W) → dst: (planes, Ho, Wo)
    public static func avgPoolPlanes(_ source: UnsafePointer<Float>, _ destination: UnsafeMutablePointer<Float>, planes: Int,
                                     height h: Int, width w: Int, window: Window2d, countIncludePad: Bool = true) {
        let (ho, wo) = window.outputSize(height: h, width: w)
        for plane in 0..<planes {
            let src = source + plane * h * w, dst = destination + plane * ho * wo
            for oy in 0..<ho {
                for ox in 0..<wo {
                    let (y0, y1, x0, x1, divisor) = averageWindow(oy, ox, height: h, width: w, window: window, countIncludePad: countIncludePad)
                    var sum: Float = 0
                    for iy in y0..<y1 { for ix in x0..<x1 { sum += src[iy * w + ix] } }
                    dst[oy * wo + ox] = sum / Float(divisor)
                }
            }
        }
    }

    /// The input cells of average-pooling window (oy, ox), clipped to the input (half-open
    /// ranges, never inverted), and what their sum is divided by: PyTorch's count_include_pad
    /// counts padded cells, but never cells of a ceil_mode window past the padded input.
    @inline(__always)
    static func averageWindow(_ oy: Int, _ ox: Int, height h: Int, width w: Int, window: Window2d, countIncludePad: Bool)
        -> (y0: Int, y1: Int, x0: Int, x1: Int, divisor: Int) {
        let (kh, kw) = window.kernel, (sh, sw) = window.stride, (ph, pw) = window.padding
        var y0 = oy * sh - ph, y1 = min(y0 + kh, h + ph)
        let padRows = y1 - y0
        y0 = max(y0, 0); y1 = max(min(y1, h), y0)
        var x0 = ox * sw - pw, x1 = min(x0 + kw, w + pw)
        let padCols = x1 - x0
        x0 = max(x0, 0); x1 = max(min(x1, w), x0)
        let divisor = countIncludePad ? padRows * padCols : (y1 - y0) * (x1 - x0)
        return (y0, y1, x0, x1, max(divisor, 1))
    }

    /// Output cell i averages input rows ⌊i·H/Ho⌋ ..< ⌈(i+1)·H/Ho⌉ (and likewise columns).
    // x: (N, C, H, W) → (N, C, Ho, Wo)
    public static func adaptiveAvgPool2d(_ x: Tensor, outputSize: (h: Int, w: Int)) throws -> Tensor {
        let (n, c, h, w) = try dims4(x, "AdaptiveAvgPool2d input")
        let (ho, wo) = outputSize
        guard ho > 0, wo > 0 else { throw TensorError.invalidArgument("AdaptiveAvgPool2d output size must be positive, got \(ho)×\(wo)") }
        guard h > 0, w > 0 else { throw TensorError.shapeMismatch("AdaptiveAvgPool2d got an empty \(h)×\(w) input") }
        let y = Tensor(zeros: [n, c, ho, wo])
        Parallel.chunks(n * c, costPerItem: h * w) { range in
            adaptiveAvgPoolPlanes(x.data + range.lowerBound * h * w, y.data + range.lowerBound * ho * wo, planes: range.count,
                                  height: h, width: w, outHeight: ho, outWidth: wo)
        }
        return y
    }

    /// On this thread (a compiled plan calls it from each of its own threads).
    // src: (planes, H, W) → dst: (planes, Ho, Wo)
    public static func adaptiveAvgPoolPlanes(_ source: UnsafePointer<Float>, _ destination: UnsafeMutablePointer<Float>, planes: Int,
                                             height h: Int, width w: Int, outHeight ho: Int, outWidth wo: Int) {
        for plane in 0..<planes {
            let src = source + plane * h * w, dst = destination + plane * ho * wo
            for oy in 0..<ho {
                let y0 = oy * h / ho, y1 = ((oy + 1) * h + ho - 1) / ho
                for ox in 0..<wo {
                    let x0 = ox * w / wo, x1 = ((ox + 1) * w + wo - 1) / wo
                    var sum: Float = 0
                    for iy in y0..<y1 { for ix in x0..<x1 { sum += src[iy * w + ix] } }
                    dst[oy * wo + ox] = sum / Float((y1 - y0) * (x1 - x0))
                }
            }
        }
    }

    /// PyTorch refuses padding larger than half the kernel; so do we, with the same rule.
    /// The sizes of a pooling, checked (rank 4, PyTorch's padding rule, a non-empty output): the
    /// forward and the backward ask the same questions of the same shape.
    // input: (N, C, H, W) → (N, C, H, W, Ho, Wo)
    static func pooledGeometry(_ input: [Int], _ window: Window2d, _ what: String) throws
        -> (n: Int, c: Int, h: Int, w: Int, ho: Int, wo: Int) {
        guard input.count == 4, input.allSatisfy({ $0 >= 0 }) else {
            throw TensorError.shapeMismatch("\(what) input must be 4-D (N, C, H, W), got shape \(formatShape(input))")
        }
        let (n, c, h, w) = (input[0], input[1], input[2], input[3])
        try checkPadding(window, what)
        let (ho, wo) = window.outputSize(height: h, width: w)
        guard ho > 0, wo > 0 else {
            throw TensorError.poolOutputTooSmall(window, channels: c, height: h, width: w)
        }
        return (n, c, h, w, ho, wo)
    }

    static func checkPadding(_ window: Window2d, _ what: String) throws {
        guard window.padding.h <= window.kernel.h / 2, window.padding.w <= window.kernel.w / 2 else {
            throw TensorError.invalidArgument("\(what) \(window.label): padding should be at most half of the kernel size")
        }
    }
}
