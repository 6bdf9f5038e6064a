import Foundation
import InceptionRuntime

/// `torch.utils.data`'s TensorDataset and DataLoader, for the training loop a PyTorch user
/// writes: `for x, y in DataLoader(TensorDataset(images, labels), batch_size=8, shuffle=True)`.
/// A batch is a list [x (B, …), y (B)] as PyTorch's default collate gives for tuple samples;
/// shuffling draws a new order from the language's seeded generator each time the loader is
/// iterated (PyTorch's order differs: its generator is another).
extension Interpreter {
    func dataNamespace() -> Namespace {
        let data = Namespace("torch.utils.data", [
            "TensorDataset": .builtin(Builtin("TensorDataset") { _, arguments in
                guard arguments.keywords.isEmpty else { throw LanguageFailure("TensorDataset() takes tensors by position") }
                let tensors = try arguments.positional.enumerated().map { i, v -> Tensor in
                    guard case .tensor(let t) = v, t.rank >= 1 else { throw LanguageFailure("TensorDataset(): argument \(i + 1) must be a tensor with a first dimension, got \(v.typeName)") }
                    return t
                }
                guard let n = tensors.first?.shape[0] else { throw LanguageFailure("TensorDataset() needs at least one tensor") }
                guard tensors.allSatisfy({ $0.shape[0] == n }) else { throw LanguageFailure("Size mismatch between tensors") }
                return .object(TensorDataset(tensors))
            }),
            "DataLoader": Self.builtin(Signature("DataLoader", [("dataset", nil), ("batch_size", .int(1)), ("shuffle", .bool(false)),
                                                                ("num_workers", .int(0)), ("drop_last", .bool(false))])) { _, a in
                guard case .object(let dataset as TensorDataset) = a["dataset"] else {
                    throw LanguageFailure("DataLoader(): the dataset must be a TensorDataset here, got \(a["dataset"].typeName)",
                                          fix: "wrap your tensors: TensorDataset(images, labels)")
                }
                let batchSize = try a.int("batch_size")
                guard batchSize > 0 else { throw LanguageFailure("batch_size should be a positive integer value, but got batch_size=\(batchSize)") }
                return .object(DataLoader(dataset, batchSize: batchSize, shuffle: try a.bool("shuffle"), dropLast: try a.bool("drop_last")))
            },
        ])
        return Namespace("torch.utils", ["data": .namespace(data)])
    }
}

/// The rows of its tensors, sample i being (t₁[i], t₂[i], …).
final class TensorDataset: NativeObject, @unchecked Sendable {
    let tensors: [Tensor]
    init(_ tensors: [Tensor]) { self.tensors = tensors; super.init(typeName: "TensorDataset") }
    var count: Int { tensors[0].shape[0] }

    /// Rows `indices` of every tensor, stacked: [(B, …), (B, …), …].
    func rows(_ indices: [Int]) throws -> [Value] {
        try tensors.map { .tensor(try TensorOps.getItem($0, [.list(indices)])) }
    }

    override var items: [Value]? { try? (0..<count).map { .tuple(try rows([$0]).map { v in .tensor(try TensorOps.getItem(v.asTensor!, [.at(0)])) }) } }
    override var repr: String { "<torch.utils.data.dataset.TensorDataset object>" }
}

/// Batches of a TensorDataset; `items` (what a for loop reads) makes the epoch's batches.
final class DataLoader: NativeObject, @unchecked Sendable {
    let dataset: TensorDataset
    let batchSize: Int, shuffle: Bool, dropLast: Bool

    init(_ dataset: TensorDataset, batchSize: Int, shuffle: Bool, dropLast: Bool) {
        self.dataset = dataset; self.batchSize = batchSize; self.shuffle = shuffle; self.dropLast = dropLast
        super.init(typeName: "DataLoader")
    }

    var batchCount: Int { dropLast ? dataset.count / batchSize : (dataset.count + batchSize - 1) / batchSize }

    /// An epoch's batches in PyTorch's order and with its draws from the default generator: the
    /// loader's iterator takes a base seed (one 64-bit draw, shuffled or not), then a shuffling
    /// RandomSampler another, which seeds a generator of its own for `randperm(n)`.
    override var items: [Value]? {
        var order = Array(0..<dataset.count)
        DefaultGenerator.draw { generator in
            _ = generator.random64()                                    // _BaseDataLoaderIter._base_seed
            guard shuffle else { return }
            var sampler = TorchGenerator(seed: generator.random64() % (1 << 63))
            order = sampler.permutation(dataset.count)
        }
        return try? (0..<batchCount).map { b in
            let indices = Array(order[(b * batchSize)..<min((b + 1) * batchSize, order.count)])
            return .list(ListStorage(try dataset.rows(indices)))
        }
    }

    override func member(_ name: String) -> Value? {
        switch name {
        case "dataset": return .object(dataset)
        case "batch_size": return .int(batchSize)
        default: return nil
        }
    }
    override var repr: String { "<torch.utils.data.dataloader.DataLoader object>" }
}
