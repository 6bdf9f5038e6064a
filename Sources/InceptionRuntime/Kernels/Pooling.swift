/// Max, average and adaptive average pooling over (N, C, H, W), following PyTorch's rules.
public enum Pooling {
    // x: (N, C, H, W) → (N, C, Ho, Wo); padding counts as −∞, so it never wins.
    public static func maxPool2d(_ x: Tensor, window: Window2d) throws -> Tensor {
        let (n, c, h, w) = try dims4(x, "MaxPool2d input")
        try checkPadding(window, "MaxPool2d")
        let (ho, wo) = window.outputSize(height: h, width: w)
        guard ho > 0, wo > 0 else {
            throw TensorError.shapeMismatch("MaxPool2d \(window.label) on a \(h)×\(w) input gives an empty \(ho)×\(wo) output")
        }
        let y = Tensor(zeros: [n, c, ho, wo])
        maxPoolPlanes(x.data, y.data, planes: n * c, height: h, width: w, window: window)
        return y
    }

    /// Max pooling of `planes` consecutive H×W planes into Ho×Wo planes; the 3×3/1 "same"
    /// pool of every Inception module takes the separable route (a row max, then a column max).
    // src: (planes, H, W) → dst: (planes, Ho, Wo)
    public static func maxPoolPlanes(_ src: UnsafePointer<Float>, _ dst: UnsafeMutablePointer<Float>, planes: Int,
                                     height h: Int, width w: Int, window: Window2d) {
        let (ho, wo) = window.outputSize(height: h, width: w)
        if window.kernel == (3, 3) && window.stride == (1, 1) && window.padding == (1, 1) && !window.ceilMode {
            Parallel.chunks(planes, costPerItem: h * w * 4) { range in
                let row = UnsafeMutablePointer<Float>.allocate(capacity: h * w)
                defer { row.deallocate() }
                for p in range { maxPool3x3SamePlane(src + p * h * w, dst + p * h * w, row, h, w) }
            }
            return
        }
        Parallel.chunks(planes, costPerItem: (h + ho) * wo * max(window.kernel.h, window.kernel.w)) { range in
            let rowMax = UnsafeMutablePointer<Float>.allocate(capacity: max(h * wo, 1))
            defer { rowMax.deallocate() }
            for p in range { maxPoolPlaneSeparable(src + p * h * w, dst + p * ho * wo, rowMax, h, w, ho, wo, window) }
        }
    }

    /// Separable max pooling of one plane: each input row's max over every window's columns
    /// (H × Wo), then each output's max over its window's rows. k + k comparisons per output
    /// instead of k·k; the same windows (and −∞ padding) as `maxPoolPlane`.
    // src: (H, W) → dst: (Ho, Wo); rowMax: scratch (H, Wo)
    static func maxPoolPlaneSeparable(_ src: UnsafePointer<Float>, _ dst: UnsafeMutablePointer<Float>,
                                      _ rowMax: UnsafeMutablePointer<Float>,
                                      _ h: Int, _ w: Int, _ ho: Int, _ wo: Int, _ window: Window2d) {
        let (kh, kw) = window.kernel, (sh, sw) = window.stride, (ph, pw) = window.padding
        // Outputs whose window lies wholly inside the row need no bounds checks.
        let lastInner = w - kw + pw < 0 ? 0 : min(wo, (w - kw + pw) / sw + 1)
        let inner = min((pw + sw - 1) / sw, lastInner)..<lastInner
        for y in 0..<h {
            let s = src + y * w, r = rowMax + y * wo
            for ox in 0..<wo where !inner.contains(ox) {
                let x0 = max(ox * sw - pw, 0), x1 = min(ox * sw - pw + kw, w)
                var m = -Float.infinity
                var x = x0
                while x < x1 { m = max(m, s[x]); x += 1 }
                r[ox] = m
            }
            if kw == 3 {
                for ox in inner {
                    let x = ox * sw - pw
                    r[ox] = max(max(s[x], s[x + 1]), s[x + 2])
                }
            } else {
                for ox in inner {
                    let x = ox * sw - pw
                    var m = s[x]
                    for k in 1..<kw { m = max(m, s[x + k]) }
                    r[ox] = m
                }
            }
        }
        for oy in 0..<ho {
            let y0 = max(oy * sh - ph, 0), y1 = min(oy * sh - ph + kh, h)
            let d = dst + oy * wo
            for ox in 0..<wo { d[ox] = -Float.infinity }
            var y = y0
            while y < y1 {
                let r = rowMax + y * wo
                for ox in 0..<wo { d[ox] = max(d[ox], r[ox]) }
                y += 1
            }
        }
    }

    /// The textbook loop for one plane: each output takes the max over its window.
    // src: (H, W) → dst: (Ho, Wo)
    public static func maxPoolPlane(_ src: UnsafePointer<Float>, _ dst: UnsafeMutablePointer<Float>,
                                    _ h: Int, _ w: Int, _ ho: Int, _ wo: Int, _ window: Window2d) {
        let (kh, kw) = window.kernel, (sh, sw) = window.stride, (ph, pw) = window.padding
        for oy in 0..<ho {
            let y0 = max(oy * sh - ph, 0), y1 = min(oy * sh - ph + kh, h)
            for ox in 0..<wo {
                let x0 = max(ox * sw - pw, 0), x1 = min(ox * sw - pw + kw, w)
                var m = -Float.infinity
                for iy in y0..<max(y1, y0) { for ix in x0..<max(x1, x0) { m = max(m, src[iy * w + ix]) } }
                dst[oy * wo + ox] = m
            }
        }
    }

    /// Separable 3×3, stride 1, padding 1: max over 3 columns into `rowMax`, then over 3 rows.
    // src: (H, W) → dst: (H, W); rowMax: scratch (H, W)
    static func maxPool3x3SamePlane(_ src: UnsafePointer<Float>, _ dst: UnsafeMutablePointer<Float>,
                                    _ rowMax: UnsafeMutablePointer<Float>, _ h: Int, _ w: Int) {
        for y in 0..<h {
            let s = src + y * w, r = rowMax + y * w
            if w == 1 { r[0] = s[0]; continue }
            r[0] = max(s[0], s[1])
            if w > 2 { for x in 1..<(w - 1) { r[x] = max(max(s[x - 1], s[x]), s[x + 1]) } }
            r[w - 1] = max(s[w - 2], s[w - 1])
        }
        for y in 0..<h {
            let d = dst + y * w, mid = rowMax + y * w
            let up = y > 0 ? rowMax + (y - 1) * w : mid
            let down = y < h - 1 ? rowMax + (y + 1) * w : mid
            for x in 0..<w { d[x] = max(max(up[x], mid[x]), down[x]) }
        }
    }

    /// PyTorch's AvgPool2d defaults: count_include_pad=True, so the divisor counts padded
    /// cells, but never cells of a ceil_mode window that hang past the padded input.
    // x: (N, C, H, W) → (N, C, Ho, Wo)
    public static func avgPool2d(_ x: Tensor, window: Window2d, countIncludePad: Bool = true) throws -> Tensor {
        let (n, c, h, w) = try dims4(x, "AvgPool2d input")
        try checkPadding(window, "AvgPool2d")
        let (ho, wo) = window.outputSize(height: h, width: w)
        guard ho > 0, wo > 0 else {
            throw TensorError.shapeMismatch("AvgPool2d \(window.label) on a \(h)×\(w) input gives an empty \(ho)×\(wo) output")
        }
        let y = Tensor(zeros: [n, c, ho, wo])
        avgPoolPlanes(x.data, y.data, planes: n * c, height: h, width: w, window: window, countIncludePad: countIncludePad)
        return y
    }

    // src: (planes, H, W) → dst: (planes, Ho, Wo)
    public static func avgPoolPlanes(_ source: UnsafePointer<Float>, _ destination: UnsafeMutablePointer<Float>, planes: Int,
                                     height h: Int, width w: Int, window: Window2d, countIncludePad: Bool = true) {
        let (ho, wo) = window.outputSize(height: h, width: w)
        let (kh, kw) = window.kernel, (sh, sw) = window.stride, (ph, pw) = window.padding
        Parallel.chunks(planes, costPerItem: ho * wo * window.kernel.h * window.kernel.w) { range in
            for plane in range {
                let src = source + plane * h * w, dst = destination + plane * ho * wo
                for oy in 0..<ho {
                    var y0 = oy * sh - ph, y1 = min(y0 + kh, h + ph)
                    let padRows = y1 - y0
                    y0 = max(y0, 0); y1 = min(y1, h)
                    for ox in 0..<wo {
                        var x0 = ox * sw - pw, x1 = min(x0 + kw, w + pw)
                        let padCols = x1 - x0
                        x0 = max(x0, 0); x1 = min(x1, w)
                        var sum: Float = 0
                        for iy in y0..<max(y1, y0) { for ix in x0..<max(x1, x0) { sum += src[iy * w + ix] } }
                        let divisor = countIncludePad ? padRows * padCols : (y1 - y0) * (x1 - x0)
                        dst[oy * wo + ox] = sum / Float(max(divisor, 1))
                    }
                }
            }
        }
    }

    /// Output cell i averages input rows ⌊i·H/Ho⌋ ..< ⌈(i+1)·H/Ho⌉ (and likewise columns).
    // x: (N, C, H, W) → (N, C, Ho, Wo)
    public static func adaptiveAvgPool2d(_ x: Tensor, outputSize: (h: Int, w: Int)) throws -> Tensor {
        let (n, c, h, w) = try dims4(x, "AdaptiveAvgPool2d input")
        let (ho, wo) = outputSize
        guard ho > 0, wo > 0 else { throw TensorError.invalidArgument("AdaptiveAvgPool2d output size must be positive, got \(ho)×\(wo)") }
        guard h > 0, w > 0 else { throw TensorError.shapeMismatch("AdaptiveAvgPool2d got an empty \(h)×\(w) input") }
        let y = Tensor(zeros: [n, c, ho, wo])
        adaptiveAvgPoolPlanes(x.data, y.data, planes: n * c, height: h, width: w, outHeight: ho, outWidth: wo)
        return y
    }

    // src: (planes, H, W) → dst: (planes, Ho, Wo)
    public static func adaptiveAvgPoolPlanes(_ source: UnsafePointer<Float>, _ destination: UnsafeMutablePointer<Float>, planes: Int,
                                             height h: Int, width w: Int, outHeight ho: Int, outWidth wo: Int) {
        Parallel.chunks(planes, costPerItem: h * w) { range in
            for plane in range {
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
    }

    /// PyTorch refuses padding larger than half the kernel; so do we, with the same rule.
    static func checkPadding(_ window: Window2d, _ what: String) throws {
        guard window.padding.h <= window.kernel.h / 2, window.padding.w <= window.kernel.w / 2 else {
            throw TensorError.invalidArgument("\(what) \(window.label): padding should be at most half of the kernel size")
        }
    }
}
