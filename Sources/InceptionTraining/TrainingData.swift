import InceptionImaging
import InceptionRuntime

/// Labelled images split into train and validation, whatever their source: the built-in
/// shapes drawn in code, or an ImageFolder on disk.
public protocol TrainingData {
    var classNames: [String] { get }
    /// The network's input size (images are size × size after the transforms).
    var inputSize: Int { get }
    func count(_ split: DatasetSplit) -> Int
    func sample(_ split: DatasetSplit, _ index: Int) throws -> (image: RGBImage, label: Int)
}

/// Turns samples into batches: (N, 3, S, S) tensors and their labels. Training batches may be
/// augmented (random crop, flip), drawn from a generator seeded by the step, so a resumed run
/// sees exactly the batches an uninterrupted one would.
public struct BatchLoader {
    public let data: TrainingData
    public var randomCrop = false
    public var flip = false

    public init(data: TrainingData, randomCrop: Bool = false, flip: Bool = false) {
        self.data = data; self.randomCrop = randomCrop; self.flip = flip
    }

    // indices of one split → x: (N, 3, S, S), labels: N
    public func batch(_ split: DatasetSplit, _ indices: [Int], augmentSeed: UInt64? = nil) throws -> (x: Tensor, labels: [Int]) {
        let s = data.inputSize
        let x = Tensor(zeros: [indices.count, 3, s, s])
        var labels: [Int] = []
        var rng = SeededRandom(seed: augmentSeed ?? 0)
        for (n, index) in indices.enumerated() {
            let (image, label) = try data.sample(split, index)
            let values = augmentSeed != nil && (randomCrop || flip)
                ? try TrainingTransforms.training(image, size: s, randomCrop: randomCrop, flip: flip, rng: &rng)
                : try TrainingTransforms.evaluation(image, size: s)
            values.withUnsafeBufferPointer { (x.data + n * 3 * s * s).update(from: $0.baseAddress!, count: 3 * s * s) }
            labels.append(label)
        }
        return (x, labels)
    }
}

/// The order of the training samples in each epoch: a seeded shuffle, the same for the same
/// (seed, epoch) on every run.
public enum EpochOrder {
    public static func permutation(count: Int, seed: UInt64, epoch: Int) -> [Int] {
        var rng = SeededRandom(seed: mix(seed, UInt64(epoch), 0x5EED))
        var order = Array(0..<count)
        for i in stride(from: count - 1, to: 0, by: -1) {
            let j = Int(rng.next() % UInt64(i + 1))
            order.swapAt(i, j)
        }
        return order
    }

    /// A seed for one purpose of one step: independent streams without carrying generator state.
    public static func mix(_ a: UInt64, _ b: UInt64, _ c: UInt64) -> UInt64 {
        var rng = SeededRandom(seed: a ^ (b &* 0x9E37_79B9_7F4A_7C15) ^ (c &* 0xC2B2_AE3D_27D4_EB4F))
        return rng.next()
    }
}
