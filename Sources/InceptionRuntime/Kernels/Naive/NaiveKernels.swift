/// Reference kernels: the textbook loops, written for clarity, not speed. The tests compare
/// every BLAS-backed or fused kernel with its twin here, whichever OpenBLAS core is in use.
public enum NaiveKernels {
    // x: (N, C, H, W), weight: (O, C, kh, kw), bias: (O)? → (N, O, Ho, Wo)
    // y[n,o,oy,ox] = b[o] + Σ_c Σ_ky Σ_kx x[n, c, oy·s − p + ky, ox·s − p + kx] · w[o, c, ky, kx]
    public static func conv2d(_ x: Tensor, weight: Tensor, bias: Tensor?, window: Window2d) throws -> Tensor {
        let (n, c, h, w) = try dims4(x, "Conv2d input")
        let (o, _, kh, kw) = try dims4(weight, "Conv2d weight")
        let (ho, wo) = window.outputSize(height: h, width: w)
        let y = Tensor(zeros: [n, o, ho, wo])
        for img in 0..<n { for oc in 0..<o { for oy in 0..<ho { for ox in 0..<wo {
            var sum = Double(bias?[oc] ?? 0)
            for ic in 0..<c { for ky in 0..<kh { for kx in 0..<kw {
                let iy = oy * window.stride.h - window.padding.h + ky
                let ix = ox * window.stride.w - window.padding.w + kx
                if iy >= 0 && iy < h && ix >= 0 && ix < w {
                    sum += Double(x[img, ic, iy, ix]) * Double(weight[oc, ic, ky, kx])
                }
            } } }
            y[img, oc, oy, ox] = Float(sum)
        } } } }
        return y
    }

    // x: (N, in), weight: (out, in), bias: (out)? → (N, out)
    public static func linear(_ x: Tensor, weight: Tensor, bias: Tensor?) -> Tensor {
        let (n, inF, outF) = (x.shape[0], x.shape[1], weight.shape[0])
        let y = Tensor(zeros: [n, outF])
        for row in 0..<n { for j in 0..<outF {
            var sum = Double(bias?[j] ?? 0)
            for i in 0..<inF { sum += Double(x[row, i]) * Double(weight[j, i]) }
            y[row, j] = Float(sum)
        } }
        return y
    }

    // x: (N, C, H, W) → (N, C, H, W), straight from the formula
    public static func batchNormEval(_ x: Tensor, gamma: Tensor, beta: Tensor, mean: Tensor, variance: Tensor, eps: Float) -> Tensor {
        let y = Tensor(zeros: x.shape)
        let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        for img in 0..<n { for ch in 0..<c { for i in 0..<h { for j in 0..<w {
            y[img, ch, i, j] = (x[img, ch, i, j] - mean[ch]) / (variance[ch] + eps).squareRoot() * gamma[ch] + beta[ch]
        } } } }
        return y
    }
}
