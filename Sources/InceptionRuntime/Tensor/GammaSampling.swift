import Foundation

/// PyTorch's gamma sampler, draw for draw: ATen's `sample_gamma` (Distributions.h), Marsaglia and
/// Tsang's acceptance–rejection with α < 1 boosted to α + 1, fed by `uniform_real_distribution
/// <double>` and `normal_distribution<double>` on the generator (`_standard_gamma`,
/// `_sample_dirichlet`, so Gamma, Beta and Dirichlet draw PyTorch's numbers).
extension TorchGenerator {
    /// One Gamma(α, 1) value. `floatAlpha`: `_standard_gamma` on a float tensor, whose α and
    /// d = α − ⅓ are float arithmetic (its scalar_t); else `_sample_dirichlet`'s double α, where
    /// ⅓ is still the float constant `1.0f / 3.0f`.
    public mutating func standardGamma(_ alpha0: Double, floatAlpha: Bool) -> Double {
        var alpha = alpha0, scale = 1.0
        let third = Float(1) / Float(3)
        if alpha < 1 {
            if alpha == 0 { return 0 }
            let power = floatAlpha ? Double(Float(1) / Float(alpha)) : 1 / alpha
            scale *= Foundation.pow(1 - uniformDouble(), power)
            alpha = floatAlpha ? Double(Float(alpha) + 1) : alpha + 1
        }
        let d = floatAlpha ? Double(Float(alpha) - third) : alpha - Double(third)
        let c = 1 / (9 * d).squareRoot()
        let tail = Double(Float(0.0331))
        while true {
            var x = 0.0, y = 0.0
            repeat {
                x = normalDouble()
                y = 1 + c * x
            } while y <= 0
            let v = y * y * y
            let u = 1 - uniformDouble()
            let xx = x * x
            if u < 1 - tail * xx * xx { return scale * d * v }
            if Foundation.log(u) < 0.5 * xx + d * (1 - v + Foundation.log(v)) { return scale * d * v }
        }
    }

    /// `torch._standard_gamma` on float α values, one after another: each clamped up to the
    /// smallest normal float, as ATen's kernel returns it.
    public mutating func fillStandardGamma(_ out: UnsafeMutablePointer<Float>, alphas: UnsafePointer<Float>, count: Int) {
        for i in 0..<count {
            out[i] = Swift.max(Float.leastNormalMagnitude, Float(standardGamma(Double(alphas[i]), floatAlpha: true)))
        }
    }

    /// `torch._sample_dirichlet` on rows of `k` concentrations: every row's gammas in double
    /// (clamped up to the smallest normal double), then each over its row's sum, rounded to float
    /// and kept inside [smallest normal float, the float below 1].
    public mutating func fillDirichlet(_ out: UnsafeMutablePointer<Float>, alphas: UnsafePointer<Float>, count: Int, k: Int) {
        var gammas = [Double](repeating: 0, count: count)
        for i in 0..<count { gammas[i] = Swift.max(Double.leastNormalMagnitude, standardGamma(Double(alphas[i]), floatAlpha: false)) }
        for row in stride(from: 0, to: count, by: Swift.max(k, 1)) {
            let sum = gammas[row..<(row + k)].reduce(0, +)
            for i in row..<(row + k) {
                out[i] = Swift.min(Float(1).nextDown, Swift.max(Float.leastNormalMagnitude, Float(gammas[i] / sum)))
            }
        }
    }
}
