import Synchronization

/// The generator that new layers draw their initial weights from. Seeded (0 by default) so
/// a program that builds the same layers in the same order gets the same weights every run;
/// `reseed` is the language's `manual_seed`.
public enum ParameterInit {
    private static let generator = Mutex(SeededRandom(seed: 0))

    public static func reseed(_ seed: UInt64) { generator.withLock { $0 = SeededRandom(seed: seed) } }

    public static func draw<T>(_ body: (inout SeededRandom) throws -> T) rethrows -> T {
        try generator.withLock { try body(&$0) }
    }

    /// PyTorch's default for Conv2d and Linear weights and biases:
    /// U(−1/√fan_in, 1/√fan_in) (kaiming_uniform with a = √5 comes to this bound).
    public static func fanInUniform(_ shape: [Int], fanIn: Int) -> Tensor {
        let bound = 1 / Float(max(fanIn, 1)).squareRoot()
        return draw { Tensor.uniform(shape, low: -bound, high: bound, rng: &$0) }
    }
}
