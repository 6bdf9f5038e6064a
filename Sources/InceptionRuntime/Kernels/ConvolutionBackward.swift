import CBLAS
import CKernels

/// Gradients of `Convolution.conv2d`, by the same im2col + `cblas_sgemm` arithmetic run backwards:
///   dW   = Σ_n gy_n × cols_nᵀ            (O, C·kh·kw)
///   dcols_n = Wᵀ × gy_n, then col2im     (C·kh·kw, Ho·Wo) → dx_n (C, H, W), overlaps accumulated
///   db   = Σ gy over N, Ho, Wo
/// A stride-1, unpadded 1×1 convolution skips im2col and col2im, as the forward does.
/// Reference twin: `NaiveBackwardKernels.conv2d`, which the tests compare it with.
public enum ConvolutionBackward {
    // x: (N, C, H, W), weight: (O, C, kh, kw), gradOutput: (N, O, Ho, Wo)
    //   → input: (N, C, H, W) or nil, weight: (O, C, kh, kw), bias: (O) or nil
    public static func conv2d(_ x: Tensor, weight: Tensor, hasBias: Bool, window: Window2d, gradOutput gy: Tensor,
                              needInputGrad: Bool = true, workspace: Workspace? = nil) throws
        -> (input: Tensor?, weight: Tensor, bias: Tensor?) {
        let (n, c, h, w, o, kh, kw, ho, wo) = try Convolution.geometry(x, weight: weight, window: window)
        try requireGradOutput(gy, [n, o, ho, wo], "Conv2d")

        let k = c * kh * kw, spatial = ho * wo
        let pointwise = kh == 1 && kw == 1 && window.stride == (1, 1) && window.padding == (0, 0)
        let dw = Tensor(zeros: weight.shape)
        let dx: Tensor? = needInputGrad ? Tensor(zeros: x.shape) : nil
        let scratch = workspace ?? Workspace()           // kept alive until the GEMMs are done
        // One buffer, two halves: the image's columns, then (if needed) their gradient.
        let buffer: UnsafeMutablePointer<Float>? = pointwise ? nil : scratch.floats(k * spatial * (needInputGrad ? 2 : 1))
        for img in 0..<n {
            let xi = x.data + img * c * h * w
            let gyi = UnsafePointer(gy.data + img * o * spatial)
            let cols: UnsafePointer<Float>
            if let buffer {
                Convolution.im2col(xi, channels: c, height: h, width: w, window: window, outH: ho, outW: wo, into: buffer)
                cols = UnsafePointer(buffer)
            } else {
                cols = UnsafePointer(xi)
            }
            // dW (O, K) += gy_i (O, S) × cols_iᵀ (S, K)
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(o), Int32(k), Int32(spatial),
                        1, gyi, Int32(spatial), cols, Int32(spatial), img == 0 ? 0 : 1, dw.data, Int32(k))
            guard let dx else { continue }
            let dxi = dx.data + img * c * h * w
            if let buffer {
                // dcols (K, S) = Wᵀ (K, O) × gy_i (O, S), then scattered back onto the image.
                let dcols = buffer + k * spatial
                cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, Int32(k), Int32(spatial), Int32(o),
                            1, weight.data, Int32(k), gyi, Int32(spatial), 0, dcols, Int32(spatial))
                col2im(UnsafePointer(dcols), channels: c, height: h, width: w, window: window, outH: ho, outW: wo, into: dxi)
            } else {
                // 1×1: dx_i (C, H·W) = Wᵀ (C, O) × gy_i (O, H·W)
                cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, Int32(c), Int32(spatial), Int32(o),
                            1, weight.data, Int32(c), gyi, Int32(spatial), 0, dxi, Int32(spatial))
            }
        }
        withExtendedLifetime(scratch) {}
        return (dx, dw, hasBias ? channelSums(gy) : nil)
    }

    /// The adjoint of `Convolution.im2col` (`ck_col2im`): each column entry is added back onto the
    /// input cell it was copied from (cells covered by several windows collect several terms).
    // cols: (C·kh·kw, Ho·Wo), rows ordered (c, ky, kx) → x_i: (C, H, W), accumulated (+=)
    static func col2im(_ cols: UnsafePointer<Float>, channels c: Int, height h: Int, width w: Int,
                       window: Window2d, outH ho: Int, outW wo: Int, into x: UnsafeMutablePointer<Float>) {
        let (kh, kw) = window.kernel, (sh, sw) = window.stride, (ph, pw) = window.padding
        ck_col2im(cols, Int32(c), Int32(h), Int32(w), Int32(kh), Int32(kw), Int32(sh), Int32(sw), Int32(ph), Int32(pw),
                  Int32(ho), Int32(wo), x)
    }

    /// Σ over N, H, W for each channel: the bias gradient. Each plane in float, the planes in double.
    // gy: (N, O, Ho, Wo) → (O)
    static func channelSums(_ gy: Tensor) -> Tensor {
        let (n, o) = (gy.shape[0], gy.shape[1]), plane = gy.count / max(n * o, 1)
        let db = Tensor(zeros: [o])
        for ch in 0..<o { db.data[ch] = Float(ck_channel_sum(gy.data + ch * plane, Int32(n), Int32(plane), o * plane)) }
        return db
    }
}

/// A backward kernel's gradOutput must have the shape its forward produced.
func requireGradOutput(_ gy: Tensor, _ expected: [Int], _ what: String) throws {
    guard gy.shape == expected else {
        throw TensorError.shapeMismatch("\(what) backward: gradOutput has shape \(formatShape(gy.shape)), but the forward's output is \(formatShape(expected))")
    }
}
