import Foundation
import InceptionImaging
import InceptionLanguage
import InceptionRuntime
import InceptionTraining

/// `shapes_dataset(split="train", size=224, seed=0)`: the built-in data set (twelve classes of
/// shapes and textures drawn in code) as the lessons train on it, prepared exactly as
/// `inception train` prepares it (ImageNet normalisation):
///
///     shapes = shapes_dataset(size=224)
///     shapes.classes                  ['circle', 'ring', …]  (12 names)
///     shapes.count                    4800 training images (600 validation)
///     x, labels = shapes.batch(0, 8)  the batch `inception train --batch 8` takes at step 0:
///                                     x (8, 3, 224, 224), labels an int64 tensor of 8
///     x, labels = shapes.images([0, 1, 2])   any images, by index
///
/// `batch(step, batch_size)` follows `inception train`'s order (a seeded shuffle per epoch),
/// so a loop in a lesson sees the same pictures as a run of the command with the same seed;
/// on the validation split it takes the images in order.
final class ShapesDatasetObject: NativeObject {
    let data: BuiltinShapes
    let split: DatasetSplit
    let seed: UInt64

    init(split: DatasetSplit, size: Int, seed: UInt64) {
        data = BuiltinShapes(SyntheticShapes(seed: seed, size: size))
        self.split = split
        self.seed = seed
        super.init(typeName: "ShapesDataset")
    }

    static let memberNames = ["classes", "count", "size", "split", "batch", "images"]

    override var repr: String {
        "<ShapesDataset \(split.rawValue): \(data.count(split)) images of \(data.inputSize)×\(data.inputSize), \(data.classNames.count) classes, seed \(seed)>"
    }

    override func member(_ name: String) -> Value? {
        switch name {
        case "classes": return .list(ListStorage(data.classNames.map { .string($0) }))
        case "count": return .int(data.count(split))
        case "size": return .int(data.inputSize)
        case "split": return .string(split.rawValue)
        case "batch":
            return .builtin(Builtin("batch") { [self] _, arguments in
                let a = try Signature("batch", [("step", nil), ("batch_size", .int(8))]).bind(arguments)
                let step = try a.int("step"), size = try a.int("batch_size")
                guard size >= 1, size <= data.count(split) else {
                    throw LanguageFailure("batch(): batch_size must be 1…\(data.count(split)), got \(size)")
                }
                guard step >= 0 else { throw LanguageFailure("batch(): step must be 0 or more, got \(step)") }
                return try images(indices(step: step, batchSize: size))
            })
        case "images":
            return .builtin(Builtin("images") { [self] _, arguments in
                let a = try Signature("images", [("indices", nil)]).bind(arguments)
                guard let items = a["indices"].sequenceItems(), !items.isEmpty else {
                    throw LanguageFailure("images(): give a list of image indices, like [0, 1, 2]")
                }
                var indices: [Int] = []
                for item in items {
                    guard let i = item.asInt, (0..<data.count(split)).contains(i) else {
                        throw LanguageFailure("images(): index \(item.repr) is not an image of the \(split.rawValue) split (0…\(data.count(split) - 1))")
                    }
                    indices.append(i)
                }
                return try images(indices)
            })
        default: return nil
        }
    }

    /// The images `inception train` takes at `step` (train split: the epoch's seeded shuffle).
    func indices(step: Int, batchSize: Int) -> [Int] {
        let perEpoch = data.count(split) / batchSize
        let epoch = step / perEpoch, position = step % perEpoch
        let order = split == .train ? EpochOrder.permutation(count: data.count(split), seed: seed, epoch: epoch)
                                    : Array(0..<data.count(split))
        return Array(order[(position * batchSize)..<((position + 1) * batchSize)])
    }

    // indices → (x: (N, 3, S, S) float32, labels: (N,) int64)
    func images(_ indices: [Int]) throws -> Value {
        let (x, labels) = try BatchLoader(data: data).batch(split, indices)
        let y = TensorKinds.shared.setDType(try Tensor(shape: [labels.count], values: labels.map(Float.init)), .int64)
        return .tuple([.tensor(x), .tensor(y)])
    }

    /// The builtin that makes one.
    static var builtin: Value { .builtin(Builtin("shapes_dataset") { _, arguments in
        let a = try Signature("shapes_dataset", [("split", .string("train")), ("size", .int(224)), ("seed", .int(0))]).bind(arguments)
        let name = try a.string("split")
        guard let split = DatasetSplit(rawValue: name) else {
            throw LanguageFailure("shapes_dataset(): split must be \"train\" or \"val\", got \"\(name)\"")
        }
        let size = try a.int("size"), seed = try a.int("seed")
        guard (16...512).contains(size) else { throw LanguageFailure("shapes_dataset(): size must be 16…512, got \(size)") }
        guard seed >= 0 else { throw LanguageFailure("shapes_dataset(): seed must be 0 or more, got \(seed)") }
        return .object(ShapesDatasetObject(split: split, size: size, seed: UInt64(seed)))
    }) }
}
