import Foundation

/// `nn.init`'s draws that are more than one kernel call, as torch/nn/init.py (2.15) makes them.
extension Tensor {
    /// `nn.init.trunc_normal_(mean, std, a, b)`: normal(mean, std) cut to [a, b] (absolute bounds),
    /// by rejection as PyTorch samples it, draw for draw. When the window holds more than 30% of
    /// the mass (the seed's std 0.01 in ±2 holds all of it): `normal_(mean, std)`, then while any
    /// value lies outside, a whole fresh `normal_` draw whose values replace the ones outside.
    /// Otherwise candidates U(a, b) accepted against the normal's density at them relative to its
    /// peak in [a, b]: a candidate stays when log U(0, 1) ≤ its log-density; the rest are drawn
    /// again (every element draws each round, as PyTorch's `torch.where` rounds do).
    public func fillTruncatedNormal(mean: Double = 0, std: Double, a: Double, b: Double, generator: inout TorchGenerator) throws {
        guard a < b else { throw TensorError.invalidArgument("trunc_normal_: need a < b, got a=\(a), b=\(b)") }
        guard std > 0 else { throw TensorError.invalidArgument("trunc_normal_: std must be positive, got \(std)") }
        func normalCDF(_ x: Double) -> Double { (1 + Foundation.erf(x / 2.0.squareRoot())) / 2 }
        let mass = normalCDF((b - mean) / std) - normalCDF((a - mean) / std)
        let n = count, values = data
        let fresh = UnsafeMutablePointer<Float>.allocate(capacity: Swift.max(n, 1))
        defer { fresh.deallocate() }
        if mass > 0.3 {
            let lo = Float(a), hi = Float(b)
            generator.fillNormal(values, count: n, mean: mean, std: std)
            while (0..<n).contains(where: { values[$0] < lo || values[$0] > hi }) {
                generator.fillNormal(fresh, count: n, mean: mean, std: std)
                for i in 0..<n where values[i] < lo || values[i] > hi { values[i] = fresh[i] }
            }
            return
        }
        // log-density of a candidate relative to the peak, in float as PyTorch's in-place ops
        let mode = Swift.max(a, Swift.min(mean, b)), logPeak = Float(-0.5 * ((mode - mean) / std) * ((mode - mean) / std))
        let (m, s) = (Float(mean), Float(std))
        func logDensity(_ c: Float) -> Float { let z = (c - m) / s; return z * z * -0.5 - logPeak }
        let candidates = UnsafeMutablePointer<Float>.allocate(capacity: Swift.max(n, 1))
        defer { candidates.deallocate() }
        var pending = [Bool](repeating: false, count: n)
        generator.fillUniform(values, count: n, from: a, to: b)
        generator.fillUniform(fresh, count: n, from: 0, to: 1)
        for i in 0..<n { pending[i] = Foundation.log(fresh[i]) > logDensity(values[i]) }
        while pending.contains(true) {
            generator.fillUniform(candidates, count: n, from: a, to: b)
            for i in 0..<n where pending[i] { values[i] = candidates[i] }
            generator.fillUniform(fresh, count: n, from: 0, to: 1)
            for i in 0..<n where pending[i] { pending[i] = Foundation.log(fresh[i]) > logDensity(candidates[i]) }
        }
    }
}
