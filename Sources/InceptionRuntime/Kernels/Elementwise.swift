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
    public static func dropout(_ x: Tensor, p: Double, rng: inout SeededRandom) throws -> Tensor {
        try dropoutWithMask(x, p: p, rng: &rng).output
    }

    /// Dropout that also returns its mask (0 where dropped, 1/(1−p) where kept), for the backward
    /// pass: output = x · mask. One `rng.nextUnit()` per element in order, none when p is 0 or 1.
    // x: any shape → output, mask: same shape
    public static func dropoutWithMask(_ x: Tensor, p: Double, rng: inout SeededRandom) throws -> (output: Tensor, mask: Tensor) {
        guard (0...1).contains(p) else { throw TensorError.invalidArgument("Dropout p must be in [0, 1], got \(p)") }
        if p == 0 { return (x.copy(), Tensor(repeating: 1, shape: x.shape)) }
        let y = Tensor(zeros: x.shape), mask = Tensor(zeros: x.shape)
        if p == 1 { return (y, mask) }
        let scale = Float(1 / (1 - p))
        for i in 0..<x.count where rng.nextUnit() >= p {
            mask.data[i] = scale
            y.data[i] = x.data[i] * scale
        }
        return (y, mask)
    }
}
