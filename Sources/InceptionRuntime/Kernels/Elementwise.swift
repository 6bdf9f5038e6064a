/// Element-wise layers: ReLU, Dropout.
public enum Elementwise {
    // x: any shape → max(x, 0), same shape
    public static func relu(_ x: Tensor) -> Tensor {
        let y = Tensor(uninitialized: x.shape)
        let src = x.data, dst = y.data
        Parallel.chunks(x.count) { range in for i in range { dst[i] = max(src[i], 0) } }
        return y
    }

    public static func reluInPlace(_ x: Tensor) {
        for i in 0..<x.count { x.data[i] = max(x.data[i], 0) }
    }

    /// Train-mode dropout: each element is zeroed with probability p and the survivors are
    /// scaled by 1/(1−p), so the expected value is unchanged. Eval mode never calls this.
    // x: any shape → same shape
    public static func dropout<Source: UnitIntervalSource>(_ x: Tensor, p: Double, rng: inout Source) throws -> Tensor {
        try dropoutWithMask(x, p: p, rng: &rng).output
    }

    /// Dropout that also returns its mask (0 where dropped, 1/(1−p) where kept), for the backward
    /// pass: output = x · mask. PyTorch's rule: the mask is `bernoulli_(1 − p) / (1 − p)`, an element
    /// kept when its draw u < 1 − p, one draw an element in order, none when p is 0 or 1.
    // x: any shape → output, mask: same shape
    /// `order`: the elements in the order they are drawn for (element order[k] takes the k-th draw).
    public static func dropoutWithMask<Source: UnitIntervalSource>(_ x: Tensor, p: Double, rng: inout Source,
                                                                   order: [Int]? = nil) throws -> (output: Tensor, mask: Tensor) {
        guard (0...1).contains(p) else { throw TensorError.invalidArgument("Dropout p must be in [0, 1], got \(p)") }
        if p == 0 { return (x.copy(), Tensor(repeating: 1, shape: x.shape)) }
        let y = Tensor(zeros: x.shape), mask = Tensor(zeros: x.shape)
        if p < 1 {
            let keep = 1 - p, scale = 1 / Float(keep)
            if let order, order.count == x.count {
                for k in 0..<x.count where rng.nextUnit() < keep { mask.data[order[k]] = scale }
            } else {
                for i in 0..<x.count where rng.nextUnit() < keep { mask.data[i] = scale }
            }
        }
        // x · mask, as PyTorch multiplies: a dropped −2 is −0, a NaN stays NaN
        for i in 0..<x.count { y.data[i] = x.data[i] * mask.data[i] }
        return (y, mask)
    }
}

/// Uniform doubles in [0, 1), one a draw: what dropout's masks are drawn from.
public protocol UnitIntervalSource {
    mutating func nextUnit() -> Double
}

extension SeededRandom: UnitIntervalSource {}

extension TorchGenerator: UnitIntervalSource {
    /// `bernoulli_distribution<double>`'s uniform (53 bits of two words).
    public mutating func nextUnit() -> Double { uniformDouble() }
}
