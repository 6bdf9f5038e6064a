import CBLAS

/// Fast 2-D convolution: im2col + one `cblas_sgemm` per image; a stride-1, unpadded 1×1
/// convolution skips im2col and is a plain GEMM on the input.
/// Reference twin: `NaiveKernels.conv2d` (Kernels/Naive/), which the tests compare it with.
public enum Convolution {
    // x: (N, C, H, W), weight: (O, C, kh, kw), bias: (O) or nil  →  y: (N, O, Ho, Wo)
    public static func conv2d(_ x: Tensor, weight: Tensor, bias: Tensor?, window: Window2d,
                              workspace: Workspace? = nil) throws -> Tensor {
        let (n, c, h, w, o, kh, kw, ho, wo) = try geometry(x, weight: weight, window: window)
        if let b = bias { try requireShape(b.shape, equals: [o], "Conv2d bias") }
        try MemoryBudget.check(shape: [n, o, ho, wo], what: "the Conv2d output")
        let k = c * kh * kw, spatial = ho * wo
        let pointwise = kh == 1 && kw == 1 && window.stride == (1, 1) && window.padding == (0, 0)
        if !pointwise { try MemoryBudget.check(shape: [k, spatial], what: "Conv2d's unfolded input (im2col)") }
        guard [o, k, spatial].allSatisfy({ $0 <= Int(Int32.max) }) else {
            throw TensorError.invalidArgument("Conv2d \(window.label) on \(formatShape(x.shape)): a matrix side is larger than the BLAS limit of 2^31 − 1")
        }
        let y = Tensor(zeros: [n, o, ho, wo])
        let scratch = workspace ?? Workspace()          // kept alive until the GEMMs are done
        let cols: UnsafeMutablePointer<Float>? = pointwise ? nil : scratch.floats(k * spatial)
        for img in 0..<n {
            let xi = x.data + img * c * h * w
            let yi = y.data + img * o * spatial
            let b: UnsafePointer<Float>
            if let cols {
                im2col(xi, channels: c, height: h, width: w, window: window, outH: ho, outW: wo, into: cols)
                b = UnsafePointer(cols)
            } else {
                b = UnsafePointer(xi)
            }
            // y_i (O, Ho·Wo) = W (O, C·kh·kw) × cols (C·kh·kw, Ho·Wo)
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(o), Int32(spatial), Int32(k),
                        1, weight.data, Int32(k), b, Int32(spatial), 0, yi, Int32(spatial))
            if let bias { addChannelBias(yi, bias: bias.data, channels: o, spatial: spatial) }
        }
        withExtendedLifetime(scratch) {}
        return y
    }

    /// The sizes of a convolution, checked: input (N, C, H, W), weight (O, C, kh, kw), output Ho × Wo.
    static func geometry(_ x: Tensor, weight: Tensor, window: Window2d) throws
        -> (n: Int, c: Int, h: Int, w: Int, o: Int, kh: Int, kw: Int, ho: Int, wo: Int) {
        let (n, c, h, w) = try dims4(x, "Conv2d input")
        let (o, wc, kh, kw) = try dims4(weight, "Conv2d weight")
        guard wc == c else { throw TensorError.channelMismatch(layer: "Conv2d", counting: .inputChannels, expected: wc, got: c) }
        guard (kh, kw) == window.kernel else {
            throw TensorError.invalidArgument("Conv2d weight kernel \(kh)×\(kw) does not match the window \(window.label)")
        }
        let (ho, wo) = window.outputSize(height: h, width: w)
        guard ho > 0, wo > 0 else {
            throw TensorError.shapeMismatch("Conv2d \(window.label) on a \(h)×\(w) input gives an empty \(ho)×\(wo) output")
        }
        return (n, c, h, w, o, kh, kw, ho, wo)
    }

    // x_i: (C, H, W) → cols: (C·kh·kw, Ho·Wo); rows ordered (c, ky, kx) to match weight's layout.
    static func im2col(_ x: UnsafePointer<Float>, channels c: Int, height h: Int, width w: Int,
                       window: Window2d, outH ho: Int, outW wo: Int, into cols: UnsafeMutablePointer<Float>) {
        let (kh, kw) = window.kernel, (sh, sw) = window.stride, (ph, pw) = window.padding
        var row = 0
        for ch in 0..<c {
            let plane = x + ch * h * w
            for ky in 0..<kh {
                for kx in 0..<kw {
                    let dst = cols + row * ho * wo
                    for oy in 0..<ho {
                        let iy = oy * sh - ph + ky
                        let line = dst + oy * wo
                        if iy < 0 || iy >= h {
                            line.update(repeating: 0, count: wo)
                            continue
                        }
                        let src = plane + iy * w
                        if sw == 1 {
                            // Contiguous run: copy the valid middle, zero the padded ends.
                            let first = min(max(0, pw - kx), wo)
                            let last = max(min(wo, w + pw - kx), first)
                            if first > 0 { line.update(repeating: 0, count: first) }
                            if last > first { (line + first).update(from: src + (first - pw + kx), count: last - first) }
                            if last < wo { (line + last).update(repeating: 0, count: wo - last) }
                        } else {
                            for ox in 0..<wo {
                                let ix = ox * sw - pw + kx
                                line[ox] = (ix >= 0 && ix < w) ? src[ix] : 0
                            }
                        }
                    }
                    row += 1
                }
            }
        }
    }

    // y_i: (O, S) += bias[o] on each row
    static func addChannelBias(_ y: UnsafeMutablePointer<Float>, bias: UnsafePointer<Float>, channels: Int, spatial: Int) {
        for ch in 0..<channels {
            let b = bias[ch], row = y + ch * spatial
            for i in 0..<spatial { row[i] += b }
        }
    }
}

/// A reusable scratch buffer (im2col columns), grown on demand, never shrunk.
public final class Workspace: @unchecked Sendable {
    private var storage: UnsafeMutablePointer<Float>?
    private var capacity = 0
    public init() {}
    public func floats(_ count: Int) -> UnsafeMutablePointer<Float> {
        if count > capacity {
            storage?.deallocate()
            storage = UnsafeMutablePointer<Float>.allocate(capacity: max(count, 1))
            capacity = count
        }
        return storage!
    }
    deinit { storage?.deallocate() }
}

/// Splits a rank-4 shape, or explains what was expected.
public func dims4(_ t: Tensor, _ what: String) throws -> (Int, Int, Int, Int) {
    guard t.rank == 4 else {
        throw TensorError.shapeMismatch("\(what) must be 4-D (N, C, H, W), got shape \(formatShape(t.shape))")
    }
    return (t.shape[0], t.shape[1], t.shape[2], t.shape[3])
}
