import Foundation

/// Local response normalisation across channels, the 2014 GoogLeNet's normalisation after its
/// stem (before BatchNorm took its place), as `torch.nn.LocalResponseNorm(size, alpha, beta, k)`:
///   y_c = x_c / s_c^β,   s_c = k + (α / size) · Σ_{j = c − ⌊size/2⌋}^{c + ⌊(size−1)/2⌋} x_j²
/// (channels outside 0..<C count as zero; the sum is divided by `size` even at the edges, as
/// PyTorch's average pool with zero padding does). Sums in double, values rounded to float.
public enum LocalResponseNorm {
    public struct Options: Equatable, Sendable {
        public let size: Int
        public let alpha: Double, beta: Double, k: Double
        public init(size: Int, alpha: Double = 1e-4, beta: Double = 0.75, k: Double = 1) {
            self.size = size; self.alpha = alpha; self.beta = beta; self.k = k
        }
        /// The channels in c's window, clipped to 0..<channels.
        func window(_ c: Int, channels: Int) -> ClosedRange<Int> {
            max(c - size / 2, 0)...min(c + (size - 1) / 2, channels - 1)
        }
    }

    // x: (N, C, …) → same shape
    public static func forward(_ x: Tensor, _ o: Options) throws -> Tensor {
        let (n, c, inner) = try layout(x, o)
        let s = scales(x, o, n: n, c: c, inner: inner)
        let y = Tensor(uninitialized: x.shape)
        for i in 0..<x.count { y.data[i] = Float(Double(x.data[i]) / Foundation.pow(s[i], o.beta)) }
        return y
    }

    /// dx_i = g_i s_i^−β − (2αβ / size) x_i Σ_{c : i ∈ window(c)} g_c x_c s_c^(−β−1)
    // x, gradOutput: (N, C, …) → dx: same shape
    public static func backward(_ x: Tensor, _ o: Options, gradOutput gy: Tensor) throws -> Tensor {
        let (n, c, inner) = try layout(x, o)
        try requireGradOutput(gy, x.shape, "LocalResponseNorm")
        let s = scales(x, o, n: n, c: c, inner: inner)
        // t_c = g_c x_c s_c^(−β−1), then each i gathers the t of the channels whose window holds it
        var t = [Double](repeating: 0, count: x.count)
        for i in 0..<x.count { t[i] = Double(gy.data[i]) * Double(x.data[i]) * Foundation.pow(s[i], -o.beta - 1) }
        let dx = Tensor(uninitialized: x.shape)
        let factor = 2 * o.alpha * o.beta / Double(o.size)
        for img in 0..<n {
            for ch in 0..<c {
                // i ∈ window(c) ⇔ i − ⌊(size−1)/2⌋ ≤ c ≤ i + ⌊size/2⌋
                let owners = max(ch - (o.size - 1) / 2, 0)...min(ch + o.size / 2, c - 1)
                for p in 0..<inner {
                    let i = (img * c + ch) * inner + p
                    var gathered = 0.0
                    for owner in owners { gathered += t[(img * c + owner) * inner + p] }
                    dx.data[i] = Float(Double(gy.data[i]) * Foundation.pow(s[i], -o.beta) - factor * Double(x.data[i]) * gathered)
                }
            }
        }
        return dx
    }

    /// s for every element: k + (α / size) Σ over the channel window of x².
    private static func scales(_ x: Tensor, _ o: Options, n: Int, c: Int, inner: Int) -> [Double] {
        var s = [Double](repeating: 0, count: x.count)
        for img in 0..<n {
            for ch in 0..<c {
                let window = o.window(ch, channels: c)
                for p in 0..<inner {
                    var sum = 0.0
                    for j in window { let v = Double(x.data[(img * c + j) * inner + p]); sum += v * v }
                    s[(img * c + ch) * inner + p] = o.k + o.alpha / Double(o.size) * sum
                }
            }
        }
        return s
    }

    private static func layout(_ x: Tensor, _ o: Options) throws -> (n: Int, c: Int, inner: Int) {
        guard x.rank >= 3 else {
            throw TensorError.invalidArgument("Expected 3D or higher dimensionality input (got \(x.rank) dimensions)")
        }
        guard o.size > 0 else { throw TensorError.invalidArgument("LocalResponseNorm: size must be at least 1, got \(o.size)") }
        return (x.shape[0], x.shape[1], x.shape.dropFirst(2).reduce(1, *))
    }
}
