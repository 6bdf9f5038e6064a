import CKernels
import Foundation

/// BatchNorm2d over (N, C, H, W), per channel c:
///   y = (x − μ_c) / √(σ²_c + eps) · γ_c + β_c
/// Eval mode uses the running statistics. Train mode uses the batch's own statistics
/// (biased variance, divided by N·H·W) and updates the running ones with momentum m:
///   running = (1 − m)·running + m·batch, using the unbiased variance (divided by N·H·W − 1).
public enum Normalization {
    // x: (N, C, H, W), gamma/beta/mean/variance: (C) → y: (N, C, H, W)
    public static func batchNormEval(_ x: Tensor, gamma: Tensor, beta: Tensor, runningMean: Tensor,
                                     runningVar: Tensor, eps: Float) throws -> Tensor {
        let (n, c, h, w) = try dims4(x, "BatchNorm2d input")
        try checkChannels(c, gamma, beta, runningMean, runningVar)
        let y = Tensor(uninitialized: x.shape)              // every channel's planes written below
        let plane = h * w
        Parallel.chunks(c, costPerItem: n * plane) { channels in
            for ch in channels {
                let scale = gamma.data[ch] / (runningVar.data[ch] + eps).squareRoot()
                let shift = beta.data[ch] - runningMean.data[ch] * scale
                for img in 0..<n {
                    let offset = (img * c + ch) * plane
                    ck_scale_shift(x.data + offset, y.data + offset, plane, scale, shift, 0)
                }
            }
        }
        return y
    }

    /// A train-mode forward's batch statistics, per channel: the mean and Σ(x − mean)² over
    /// N·H·W values, kept so the backward does not read x twice more to compute them again.
    public struct BatchStatistics: Sendable {
        public var mean: [Double], squares: [Double]

        /// A channel's train-mode map y = x·scale + shift from its mean and Σ(x − mean)² over
        /// `count` values: the forward applies it, and a backward through a ReLU fused after it
        /// (`reluAfter`) finds the ReLU's mask, y > 0, from x with the same two floats.
        static func affine(mean: Double, squares: Double, gamma: Float, beta: Float, count: Int, eps: Float) -> (scale: Float, shift: Float) {
            let biased = squares / Double(count)
            let scale = Float(Double(gamma) / (biased + Double(eps)).squareRoot())
            return (scale, Float(Double(beta) - mean * Double(scale)))
        }
    }

    // x: (N, C, H, W) → y: (N, C, H, W); updates runningMean/runningVar in place.
    public static func batchNormTrain(_ x: Tensor, gamma: Tensor, beta: Tensor, runningMean: Tensor,
                                      runningVar: Tensor, eps: Float, momentum: Float) throws -> Tensor {
        try batchNormTrainKeepingStatistics(x, gamma: gamma, beta: beta, runningMean: runningMean, runningVar: runningVar,
                                            eps: eps, momentum: momentum).output
    }

    /// `batchNormTrain`, also returning the batch statistics it normalised with; `reluAfter`:
    /// max(y, 0) instead of y (a ReLU fused after it, in the same pass).
    // x: (N, C, H, W) → output: (N, C, H, W), statistics: (C) each
    public static func batchNormTrainKeepingStatistics(_ x: Tensor, gamma: Tensor, beta: Tensor, runningMean: Tensor,
                                                       runningVar: Tensor, eps: Float, momentum: Float,
                                                       reluAfter: Bool = false) throws
        -> (output: Tensor, statistics: BatchStatistics) {
        let (n, c, h, w) = try dims4(x, "BatchNorm2d input")
        try checkChannels(c, gamma, beta, runningMean, runningVar)
        let count = n * h * w
        guard count > 1 else {
            throw TensorError.shapeMismatch("BatchNorm2d in train mode needs more than 1 value per channel, got input \(formatShape(x.shape)): use a batch larger than 1 or eval mode")
        }
        let y = Tensor(uninitialized: x.shape)              // every channel's planes written below
        let plane = h * w
        let (means, sums) = (UnsafeMutablePointer<Double>.allocate(capacity: c), UnsafeMutablePointer<Double>.allocate(capacity: c))
        defer { means.deallocate(); sums.deallocate() }
        Parallel.chunks(c, costPerItem: 3 * count) { channels in
            for ch in channels {
                // Two passes: mean, then variance about the mean, by the C kernel the fast
                // path uses too: each plane summed in float (eight lanes), the planes in double.
                var mean: Double = 0, squares: Double = 0
                ck_channel_moments(x.data + ch * plane, Int32(n), Int32(plane), c * plane, &mean, &squares)
                means[ch] = mean; sums[ch] = squares
                let (scale, shift) = BatchStatistics.affine(mean: mean, squares: squares, gamma: gamma.data[ch], beta: beta.data[ch],
                                                            count: count, eps: eps)
                for img in 0..<n {
                    let offset = (img * c + ch) * plane
                    ck_scale_shift(x.data + offset, y.data + offset, plane, scale, shift, reluAfter ? 1 : 0)
                }
                let unbiased = squares / Double(count - 1)
                runningMean.data[ch] = (1 - momentum) * runningMean.data[ch] + momentum * Float(mean)
                runningVar.data[ch] = (1 - momentum) * runningVar.data[ch] + momentum * Float(unbiased)
            }
        }
        return (y, BatchStatistics(mean: Array(UnsafeBufferPointer(start: means, count: c)),
                                   squares: Array(UnsafeBufferPointer(start: sums, count: c))))
    }

    static func checkChannels(_ c: Int, _ params: Tensor...) throws {
        for p in params where p.shape != [c] {
            throw TensorError.normChannels(features: p.shape.first ?? 0, got: c)
        }
    }
}
