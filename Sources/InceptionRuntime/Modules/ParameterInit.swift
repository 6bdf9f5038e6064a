import Foundation
import Synchronization

/// The process's default random generator, PyTorch's `torch.default_generator`: new layers draw
/// their initial weights from it, and the language's `torch.randn`, `rand`, `randint`,
/// `randperm`, `nn.init.*` and dropout draw from it, in one stream as in PyTorch. Seeded 0 at
/// start (PyTorch seeds its own from the clock); `seed` is `torch.manual_seed`.
public enum DefaultGenerator {
    private static let generator = Mutex(TorchGenerator(seed: 0))

    public static func seed(_ seed: UInt64) { generator.withLock { $0 = TorchGenerator(seed: seed) } }

    public static func draw<T>(_ body: (inout TorchGenerator) throws -> T) rethrows -> T {
        try generator.withLock { try body(&$0) }
    }

    /// Runs `body` from a fresh `seed`, then puts the caller's stream back where it was: work on
    /// the side (the reference network, a check of an exercise) leaves a program's draws alone.
    public static func aside<T, E: Error>(seed: UInt64 = 0, _ body: () throws(E) -> T) throws(E) -> T {
        let saved = draw { $0 }
        defer { draw { $0 = saved } }
        self.seed(seed)
        return try body()
    }
}

/// PyTorch's default initialisation of Conv2d and Linear.
public enum ParameterInit {
    /// `reset_parameters()` of Conv2d and Linear, weight then bias: kaiming_uniform_(a = √5) on
    /// the weight, bound √3 · gain / √fan_in with gain = √(2 / (1 + a²)) (about 1/√fan_in, computed
    /// in double as PyTorch does, so the float bound rounds the same), and U(−1/√fan_in, 1/√fan_in)
    /// on the bias.
    public static func fanInUniform(_ shape: [Int], fanIn: Int, isBias: Bool = false) -> Tensor {
        let fan = Double(max(fanIn, 1))
        let a = 5.0.squareRoot(), gain = (2 / (1 + a * a)).squareRoot()
        let bound = isBias ? 1 / fan.squareRoot() : 3.0.squareRoot() * (gain / fan.squareRoot())
        return uniform(shape, from: -bound, to: bound)
    }

    /// U(from, to) values drawn from the default generator (`tensor.uniform_(from, to)`).
    public static func uniform(_ shape: [Int], from: Double, to: Double) -> Tensor {
        let t = Tensor(uninitialized: shape)
        DefaultGenerator.draw { $0.fillUniform(t.data, count: t.count, from: from, to: to) }
        return t
    }
}
