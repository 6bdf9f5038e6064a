import CKernels

/// Gradients of BatchNorm2d, per channel c, with x̂ = (x − μ_c)·invstd_c, invstd_c = 1/√(σ²_c + eps):
///   dβ_c = Σ gy,  dγ_c = Σ gy·x̂  (sums over N, H, W)
/// Train mode differentiates through the batch statistics (biased variance, M = N·H·W):
///   dx = γ·invstd/M · (M·gy − Σgy − x̂·Σ(gy·x̂))
/// Eval mode treats the running statistics as constants: dx = γ·invstd·gy.
/// The running-statistics update of the train forward has no gradient.
/// Reference twins: `NaiveBackwardKernels.batchNormTrain` / `.batchNormEval`.
public enum NormalizationBackward {
    /// `statistics`: the forward's own (`Normalization.batchNormTrainKeepingStatistics`); without
    /// them they are computed again from x, the same way, to the same bits. `reluAfter` (β
    /// given): the forward had a ReLU fused after it, so gy is its output's gradient and reaches
    /// the BatchNorm's output only where that was positive (found again from x, γ, β and the
    /// statistics, as the forward rounded it): the ReLU's backward and this one in one pass.
    // x: (N, C, H, W), gamma, beta: (C), gradOutput: (N, C, H, W)
    //   → input: (N, C, H, W), gamma: (C), beta: (C)
    public static func batchNormTrain(_ x: Tensor, gamma: Tensor, eps: Float, gradOutput gy: Tensor,
                                      statistics: Normalization.BatchStatistics? = nil,
                                      reluAfter beta: Tensor? = nil) throws
        -> (input: Tensor, gamma: Tensor, beta: Tensor) {
        let (n, c, h, w) = try dims4(x, "BatchNorm2d input")
        try Normalization.checkChannels(c, gamma)
        if let beta { try Normalization.checkChannels(c, beta) }
        try requireGradOutput(gy, x.shape, "BatchNorm2d")
        let count = n * h * w
        if let statistics, statistics.mean.count != c || statistics.squares.count != c {
            throw TensorError.shapeMismatch("BatchNorm2d backward: batch statistics of \(statistics.mean.count) channels for an input of \(c)")
        }
        guard count > 1 else {
            throw TensorError.shapeMismatch("BatchNorm2d in train mode needs more than 1 value per channel, got input \(formatShape(x.shape)): use a batch larger than 1 or eval mode")
        }
        let dx = Tensor(uninitialized: x.shape), dgamma = Tensor(zeros: [c]), dbeta = Tensor(zeros: [c])
        let plane = h * w
        Parallel.chunks(c, costPerItem: 4 * count) { channels in
            for ch in channels {
                // The batch statistics exactly as the forward computes them (two passes, double).
                var mean: Double = 0, squares: Double = 0
                if let statistics {
                    (mean, squares) = (statistics.mean[ch], statistics.squares[ch])
                } else {
                    ck_channel_moments(x.data + ch * plane, Int32(n), Int32(plane), c * plane, &mean, &squares)
                }
                let invstd = 1 / (squares / Double(count) + Double(eps)).squareRoot()
                let meanF = Float(mean)
                // (the ReLU's mask: y = x·scale + shift > 0, as the forward computed y)
                let (scale, shift) = beta.map {
                    Normalization.BatchStatistics.affine(mean: mean, squares: squares, gamma: gamma.data[ch], beta: $0.data[ch],
                                                         count: count, eps: eps)
                } ?? (0, 0)
                let relu: Int32 = beta == nil ? 0 : 1
                var sumGy: Double = 0, sumGyCentred: Double = 0          // Σgy, Σgy·(x − μ)
                let (xc, gc) = (x.data + ch * plane, gy.data + ch * plane)
                ck_channel_grad_sums(xc, gc, Int32(n), Int32(plane), c * plane, meanF, scale, shift, relu, &sumGy, &sumGyCentred)
                let sumGyXhat = sumGyCentred * invstd
                dbeta.data[ch] = Float(sumGy)
                dgamma.data[ch] = Float(sumGyXhat)
                // dx = a·gy + b·(x − μ) + d, with
                //   a = γ·invstd,  b = −γ·invstd²·Σ(gy·x̂)/M,  d = −γ·invstd·Σgy/M
                let g = Double(gamma.data[ch]), m = Double(count)
                let a = Float(g * invstd), b = Float(-g * invstd * invstd * sumGyXhat / m), d = Float(-g * invstd * sumGy / m)
                ck_batchnorm_backward_apply(xc, gc, dx.data + ch * plane, Int32(n), Int32(plane), c * plane, meanF, a, b, d,
                                            scale, shift, relu)
            }
        }
        return (dx, dgamma, dbeta)
    }

    // x: (N, C, H, W), gamma/runningMean/runningVar: (C), gradOutput: (N, C, H, W)
    //   → input: (N, C, H, W), gamma: (C), beta: (C)
    public static func batchNormEval(_ x: Tensor, gamma: Tensor, runningMean: Tensor, runningVar: Tensor, eps: Float,
                                     gradOutput gy: Tensor) throws -> (input: Tensor, gamma: Tensor, beta: Tensor) {
        let (n, c, h, w) = try dims4(x, "BatchNorm2d input")
        try Normalization.checkChannels(c, gamma, runningMean, runningVar)
        try requireGradOutput(gy, x.shape, "BatchNorm2d")
        let dx = Tensor(zeros: x.shape), dgamma = Tensor(zeros: [c]), dbeta = Tensor(zeros: [c])
        let plane = h * w
        Parallel.chunks(c, costPerItem: 3 * n * plane) { channels in
            for ch in channels {
                // The same scale the forward multiplies by.
                let invstd = 1 / (runningVar.data[ch] + eps).squareRoot()
                let scale = gamma.data[ch] / (runningVar.data[ch] + eps).squareRoot()
                let mean = runningMean.data[ch]
                var sumGy: Double = 0, sumGyXhat: Double = 0
                for img in 0..<n {
                    let offset = (img * c + ch) * plane
                    let xp = x.data + offset, gp = gy.data + offset, dp = dx.data + offset
                    var s: Float = 0, sx: Float = 0
                    for i in 0..<plane {
                        s += gp[i]; sx += gp[i] * (xp[i] - mean)
                        dp[i] = gp[i] * scale
                    }
                    sumGy += Double(s); sumGyXhat += Double(sx)
                }
                dbeta.data[ch] = Float(sumGy)
                dgamma.data[ch] = Float(sumGyXhat * Double(invstd))
            }
        }
        return (dx, dgamma, dbeta)
    }
}
