import Foundation

/// Reference backward kernels: the textbook loops, accumulating in Double, written for clarity,
/// not speed. Each is the chain rule applied to the forward formula in its comment; the tests
/// check them against finite differences and compare every fast backward kernel with them.
/// They check only what the loops need: the fast kernels are the ones that explain bad shapes.
public enum NaiveBackwardKernels {
    // x: (N, C, H, W), weight: (O, C, kh, kw), gradOutput: (N, O, Ho, Wo)
    //   → input: (N, C, H, W), weight: (O, C, kh, kw), bias: (O) or nil
    // y[n,o,oy,ox] = b[o] + Σ_c Σ_ky Σ_kx x[n, c, oy·s − p + ky, ox·s − p + kx] · w[o, c, ky, kx], so
    // dx[n,c,iy,ix] += gy·w,  dw[o,c,ky,kx] += gy·x,  db[o] += gy
    public static func conv2d(_ x: Tensor, weight: Tensor, hasBias: Bool, window: Window2d, gradOutput gy: Tensor) throws
        -> (input: Tensor, weight: Tensor, bias: Tensor?) {
        let (n, c, h, w) = try dims4(x, "Conv2d input")
        let (o, _, kh, kw) = try dims4(weight, "Conv2d weight")
        let (ho, wo) = window.outputSize(height: h, width: w)
        try requireShape(gy.shape, equals: [n, o, ho, wo], "Conv2d gradOutput")
        var dx = [Double](repeating: 0, count: x.count), dw = [Double](repeating: 0, count: weight.count)
        var db = [Double](repeating: 0, count: o)
        for img in 0..<n { for oc in 0..<o { for oy in 0..<ho { for ox in 0..<wo {
            let g = Double(gy[img, oc, oy, ox])
            db[oc] += g
            for ic in 0..<c { for ky in 0..<kh { for kx in 0..<kw {
                let iy = oy * window.stride.h - window.padding.h + ky
                let ix = ox * window.stride.w - window.padding.w + kx
                if iy >= 0 && iy < h && ix >= 0 && ix < w {
                    dx[x.flatIndex([img, ic, iy, ix])] += g * Double(weight[oc, ic, ky, kx])
                    dw[weight.flatIndex([oc, ic, ky, kx])] += g * Double(x[img, ic, iy, ix])
                }
            } } }
        } } } }
        return (tensor(x.shape, dx), tensor(weight.shape, dw), hasBias ? tensor([o], db) : nil)
    }

    // x: (N, C, H, W), gamma: (C), gradOutput: (N, C, H, W) → input: (N, C, H, W), gamma: (C), beta: (C)
    // μ = Σx/M, σ² = Σ(x − μ)²/M (biased), x̂ = (x − μ)/√(σ² + eps), y = γ·x̂ + β, M = N·H·W:
    // dβ = Σgy, dγ = Σgy·x̂, dx = γ/(M·√(σ² + eps)) · (M·gy − Σgy − x̂·Σ(gy·x̂))
    public static func batchNormTrain(_ x: Tensor, gamma: Tensor, eps: Float, gradOutput gy: Tensor) throws
        -> (input: Tensor, gamma: Tensor, beta: Tensor) {
        let (n, c, h, w) = try dims4(x, "BatchNorm2d input")
        try requireShape(gy.shape, equals: x.shape, "BatchNorm2d gradOutput")
        let m = Double(n * h * w)
        var dx = [Double](repeating: 0, count: x.count)
        var dgamma = [Double](repeating: 0, count: c), dbeta = [Double](repeating: 0, count: c)
        for ch in 0..<c {
            var mean: Double = 0
            for img in 0..<n { for i in 0..<h { for j in 0..<w { mean += Double(x[img, ch, i, j]) } } }
            mean /= m
            var variance: Double = 0
            for img in 0..<n { for i in 0..<h { for j in 0..<w { variance += pow(Double(x[img, ch, i, j]) - mean, 2) } } }
            variance /= m
            let invstd = 1 / (variance + Double(eps)).squareRoot()
            var sumGy: Double = 0, sumGyXhat: Double = 0
            for img in 0..<n { for i in 0..<h { for j in 0..<w {
                let g = Double(gy[img, ch, i, j]), xhat = (Double(x[img, ch, i, j]) - mean) * invstd
                sumGy += g; sumGyXhat += g * xhat
            } } }
            dbeta[ch] = sumGy; dgamma[ch] = sumGyXhat
            let gm = Double(gamma[ch])
            for img in 0..<n { for i in 0..<h { for j in 0..<w {
                let g = Double(gy[img, ch, i, j]), xhat = (Double(x[img, ch, i, j]) - mean) * invstd
                dx[x.flatIndex([img, ch, i, j])] = gm * invstd / m * (m * g - sumGy - xhat * sumGyXhat)
            } } }
        }
        return (tensor(x.shape, dx), tensor([c], dgamma), tensor([c], dbeta))
    }

    // x: (N, C, H, W), gamma/mean/variance: (C), gradOutput: (N, C, H, W) → input, gamma: (C), beta: (C)
    // y = γ·(x − mean)/√(var + eps) + β with constant running statistics:
    // dx = gy·γ/√(var + eps), dγ = Σgy·(x − mean)/√(var + eps), dβ = Σgy
    public static func batchNormEval(_ x: Tensor, gamma: Tensor, runningMean: Tensor, runningVar: Tensor, eps: Float,
                                     gradOutput gy: Tensor) throws -> (input: Tensor, gamma: Tensor, beta: Tensor) {
        let (n, c, h, w) = try dims4(x, "BatchNorm2d input")
        try requireShape(gy.shape, equals: x.shape, "BatchNorm2d gradOutput")
        var dx = [Double](repeating: 0, count: x.count)
        var dgamma = [Double](repeating: 0, count: c), dbeta = [Double](repeating: 0, count: c)
        for img in 0..<n { for ch in 0..<c { for i in 0..<h { for j in 0..<w {
            let invstd = 1 / (Double(runningVar[ch]) + Double(eps)).squareRoot()
            let g = Double(gy[img, ch, i, j])
            dx[x.flatIndex([img, ch, i, j])] = g * Double(gamma[ch]) * invstd
            dgamma[ch] += g * (Double(x[img, ch, i, j]) - Double(runningMean[ch])) * invstd
            dbeta[ch] += g
        } } } }
        return (tensor(x.shape, dx), tensor([c], dgamma), tensor([c], dbeta))
    }

    // x: (N, C, H, W), gradOutput: (N, C, Ho, Wo) → (N, C, H, W)
    // Each window (padding cells skipped) sends its gradient to its first maximum in row-major
    // order: a later cell takes over only if strictly greater (or NaN), as PyTorch.
    public static func maxPool2d(_ x: Tensor, window: Window2d, gradOutput gy: Tensor) throws -> Tensor {
        let (n, c, h, w) = try dims4(x, "MaxPool2d input")
        let (ho, wo) = window.outputSize(height: h, width: w)
        try requireShape(gy.shape, equals: [n, c, ho, wo], "MaxPool2d gradOutput")
        var dx = [Double](repeating: 0, count: x.count)
        for img in 0..<n { for ch in 0..<c { for oy in 0..<ho { for ox in 0..<wo {
            var best: (Int, Int)? = nil
            var m = -Float.infinity
            for ky in 0..<window.kernel.h { for kx in 0..<window.kernel.w {
                let iy = oy * window.stride.h - window.padding.h + ky
                let ix = ox * window.stride.w - window.padding.w + kx
                guard iy >= 0, iy < h, ix >= 0, ix < w else { continue }
                let v = x[img, ch, iy, ix]
                if best == nil || v > m || v.isNaN { best = (iy, ix); m = v }
            } }
            if let (iy, ix) = best { dx[x.flatIndex([img, ch, iy, ix])] += Double(gy[img, ch, oy, ox]) }
        } } } }
        return tensor(x.shape, dx)
    }

    // inputShape: (N, C, H, W), gradOutput: (N, C, Ho, Wo) → (N, C, H, W)
    // y = (Σ of the window's real cells) / divisor, the divisor counting the window's cells inside the
    // padded input (countIncludePad) or only its real cells; so each real cell gets gy/divisor.
    public static func avgPool2d(inputShape: [Int], window: Window2d, countIncludePad: Bool = true,
                                 gradOutput gy: Tensor) throws -> Tensor {
        let (n, c, h, w) = (inputShape[0], inputShape[1], inputShape[2], inputShape[3])
        let (ho, wo) = window.outputSize(height: h, width: w)
        try requireShape(gy.shape, equals: [n, c, ho, wo], "AvgPool2d gradOutput")
        let dx = Tensor(zeros: inputShape)
        var acc = [Double](repeating: 0, count: dx.count)
        let (ph, pw) = window.padding
        for img in 0..<n { for ch in 0..<c { for oy in 0..<ho { for ox in 0..<wo {
            var cells: [(Int, Int)] = []
            var padded = 0
            for ky in 0..<window.kernel.h { for kx in 0..<window.kernel.w {
                let iy = oy * window.stride.h - ph + ky, ix = ox * window.stride.w - pw + kx
                if iy >= -ph && iy < h + ph && ix >= -pw && ix < w + pw { padded += 1 }
                if iy >= 0 && iy < h && ix >= 0 && ix < w { cells.append((iy, ix)) }
            } }
            let divisor = Double(countIncludePad ? padded : cells.count)
            for (iy, ix) in cells { acc[dx.flatIndex([img, ch, iy, ix])] += Double(gy[img, ch, oy, ox]) / divisor }
        } } } }
        return tensor(inputShape, acc)
    }

    // inputShape: (N, C, H, W), gradOutput: (N, C, Ho, Wo) → (N, C, H, W)
    // y[i, j] = mean of rows ⌊i·H/Ho⌋ ..< ⌈(i+1)·H/Ho⌉, columns likewise; each cell gets gy/(bin size).
    public static func adaptiveAvgPool2d(inputShape: [Int], outputSize: (h: Int, w: Int), gradOutput gy: Tensor) throws -> Tensor {
        let (n, c, h, w) = (inputShape[0], inputShape[1], inputShape[2], inputShape[3])
        let (ho, wo) = outputSize
        try requireShape(gy.shape, equals: [n, c, ho, wo], "AdaptiveAvgPool2d gradOutput")
        var acc = [Double](repeating: 0, count: n * c * h * w)
        for img in 0..<n { for ch in 0..<c { for oy in 0..<ho { for ox in 0..<wo {
            let y0 = Int((Double(oy * h) / Double(ho)).rounded(.down)), y1 = Int((Double((oy + 1) * h) / Double(ho)).rounded(.up))
            let x0 = Int((Double(ox * w) / Double(wo)).rounded(.down)), x1 = Int((Double((ox + 1) * w) / Double(wo)).rounded(.up))
            let share = Double(gy[img, ch, oy, ox]) / Double((y1 - y0) * (x1 - x0))
            for iy in y0..<y1 { for ix in x0..<x1 { acc[((img * c + ch) * h + iy) * w + ix] += share } }
        } } } }
        return tensor(inputShape, acc)
    }

    // x: (N, in), weight: (out, in), gradOutput: (N, out) → input: (N, in), weight: (out, in), bias: (out) or nil
    // y[n, j] = b[j] + Σ_i x[n, i]·w[j, i]: dx[n, i] = Σ_j gy[n, j]·w[j, i], dw[j, i] = Σ_n gy[n, j]·x[n, i], db[j] = Σ_n gy[n, j]
    public static func linear(_ x: Tensor, weight: Tensor, hasBias: Bool, gradOutput gy: Tensor) throws
        -> (input: Tensor, weight: Tensor, bias: Tensor?) {
        let (n, inF, outF) = (x.shape[0], x.shape[1], weight.shape[0])
        try requireShape(gy.shape, equals: [n, outF], "Linear gradOutput")
        var dx = [Double](repeating: 0, count: x.count), dw = [Double](repeating: 0, count: weight.count)
        var db = [Double](repeating: 0, count: outF)
        for row in 0..<n { for j in 0..<outF {
            let g = Double(gy[row, j])
            db[j] += g
            for i in 0..<inF {
                dx[row * inF + i] += g * Double(weight[j, i])
                dw[j * inF + i] += g * Double(x[row, i])
            }
        } }
        return (tensor(x.shape, dx), tensor(weight.shape, dw), hasBias ? tensor([outF], db) : nil)
    }

    // logits: (N, K), labels: N values in 0..<K → loss: scalar, gradLogits: (N, K)
    // loss = (1/N) Σ_n (log Σ_j exp z[n, j] − z[n, label_n]);  dz[n, j] = (softmax(z[n])_j − [j = label_n]) / N
    public static func crossEntropy(_ logits: Tensor, labels: [Int]) throws -> (loss: Float, gradLogits: Tensor) {
        let (n, k) = (logits.shape[0], logits.shape[1])
        var grad = [Double](repeating: 0, count: logits.count)
        var total: Double = 0
        for row in 0..<n {
            var m = -Double.infinity
            for j in 0..<k { m = max(m, Double(logits[row, j])) }
            var sum: Double = 0
            for j in 0..<k { sum += exp(Double(logits[row, j]) - m) }
            total += m + log(sum) - Double(logits[row, labels[row]])
            for j in 0..<k {
                let p = exp(Double(logits[row, j]) - m) / sum
                grad[row * k + j] = (p - (j == labels[row] ? 1 : 0)) / Double(n)
            }
        }
        return (Float(total / Double(n)), tensor(logits.shape, grad))
    }

    static func tensor(_ shape: [Int], _ values: [Double]) -> Tensor {
        let t = Tensor(zeros: shape)
        for (i, v) in values.enumerated() { t.data[i] = Float(v) }
        return t
    }
}
