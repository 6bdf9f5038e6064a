import Foundation
import InceptionRuntime

/// `torch.utils.data`'s TensorDataset and DataLoader, for the training loop a PyTorch user
/// writes: `for x, y in DataLoader(TensorDataset(images, labels), batch_size=8, shuffle=True)`
/// (or over a list of (x, y) samples, or a Dataset class).
/// A batch is a list [x (B, …), y (B)] as PyTorch's default collate gives for tuple samples;
/// shuffling draws a new order each time the loader is iterated, with PyTorch's draws from the
/// default generator (or from the torch.Generator given as `generator=`), so the order is PyTorch's.
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
                                                                ("num_workers", .int(0)), ("collate_fn", Value.none), ("pin_memory", .bool(false)),
                                                                ("drop_last", .bool(false)), ("timeout", .int(0)), ("worker_init_fn", Value.none),
                                                                ("generator", Value.none), ("prefetch_factor", Value.none),
                                                                ("persistent_workers", .bool(false))])) { interpreter, a in
                guard let dataset = try interpreter.batchSource(a["dataset"]) else {
                    throw LanguageFailure("DataLoader(): the dataset must be a TensorDataset, a Subset, a list of samples or a Dataset class with __len__ and __getitem__, got \(a["dataset"].typeName)",
                                          fix: "wrap your tensors: TensorDataset(images, labels)")
                }
                let batchSize = try a.int("batch_size")
                guard batchSize > 0 else { throw LanguageFailure("batch_size should be a positive integer value, but got batch_size=\(batchSize)") }
                try Self.drawing(from: a["generator"], "DataLoader") { _ in }         // a torch.Generator or None
                // collate_fn(samples) makes each batch of the list of its samples, instead of default_collate
                let collateFunction = a["collate_fn"]
                guard collateFunction.isNone || collateFunction.isCallable else {
                    throw LanguageFailure("DataLoader(): collate_fn must be a function of the list of samples, got \(collateFunction.typeName)", as: .typeError)
                }
                let collate: (([Value]) throws -> Value)? = collateFunction.isNone ? nil : { samples in
                    try interpreter.callBack(collateFunction, Arguments([.list(ListStorage(samples))]))
                }
                // (pin_memory, workers and their settings change nothing on this CPU: the batches are the same)
                return .object(DataLoader(dataset, as: a["dataset"], batchSize: batchSize, shuffle: try a.bool("shuffle"), dropLast: try a.bool("drop_last"),
                                          generator: a["generator"], collate: collate))
            },
            "default_collate": Self.builtin(Signature("default_collate", [("batch", nil)])) { interpreter, a in
                try Collate.batch(try interpreter.iterationItems(a["batch"]))
            },
            "Dataset": .builtin(Builtin("Dataset") { _, _ in
                throw LanguageFailure("torch.utils.data.Dataset is a base class", fix: "subclass it: class MyData(Dataset): with __len__ and __getitem__")
            }),
            "ConcatDataset": Self.builtin(Signature("ConcatDataset", [("datasets", nil)])) { interpreter, a in
                let datasets = try interpreter.iterationItems(a["datasets"])
                guard !datasets.isEmpty else { throw LanguageFailure("datasets should not be an empty iterable", fix: "give ConcatDataset a list of datasets") }
                let sources = try datasets.enumerated().map { i, d -> BatchSource in
                    guard let source = try interpreter.batchSource(d) else { throw LanguageFailure("ConcatDataset(): dataset \(i) (a \(d.typeName)) has no __len__ and __getitem__") }
                    return source
                }
                return .object(try ConcatDataset(datasets, sources))
            },
            "Subset": Self.builtin(Signature("Subset", [("dataset", nil), ("indices", nil)])) { interpreter, a in
                guard let source = try interpreter.batchSource(a["dataset"]) else { throw LanguageFailure("Subset(): the dataset has no __len__ and __getitem__") }
                let indices = try Self.intList(a["indices"], "Subset", "indices")
                return .object(Subset(a["dataset"], source, indices: indices))
            },
            "random_split": Self.builtin(Signature("random_split", [("dataset", nil), ("lengths", nil), ("generator", Value.none)])) { interpreter, a in
                guard let source = try interpreter.batchSource(a["dataset"]) else { throw LanguageFailure("random_split(): the dataset has no __len__ and __getitem__") }
                let total = try source.count
                let lengths = try Self.splitLengths(a["lengths"], total: total)
                guard lengths.reduce(0, +) == total else {
                    throw LanguageFailure("Sum of input lengths does not equal the length of the input dataset!", as: .valueError)
                }
                let order = try Self.drawing(from: a["generator"], "random_split") { $0.permutation(total) }
                var start = 0
                return .list(ListStorage(lengths.map { n in
                    defer { start += n }
                    return .object(Subset(a["dataset"], source, indices: Array(order[start..<(start + n)])))
                }))
            },
        ])
        return Namespace("torch.utils", ["data": .namespace(data)])
    }

    /// random_split's lengths: counts, or fractions summing to 1 (floors, the remainder given
    /// out one at a time from the first, as PyTorch does).
    static func splitLengths(_ v: Value, total: Int) throws -> [Int] {
        guard let items = v.sequenceItems() else { throw LanguageFailure("random_split(): lengths must be a list of ints or fractions") }
        if items.allSatisfy({ if case .int = $0 { return true } else { return false } }) {
            let counts = items.map { $0.asInt! }
            guard counts.allSatisfy({ $0 >= 0 }) else { throw LanguageFailure("random_split(): lengths must not be negative, got \(counts)", as: .valueError) }
            return counts
        }
        // fractions only when they sum to 1, as PyTorch decides; else the counts' check fails
        let sum = try items.map { item -> Double in
            guard let f = item.asDouble, isNumber(item) else { throw LanguageFailure("random_split(): lengths must be numbers, got \(item.repr)", as: .typeError) }
            return f
        }.reduce(0, +)
        guard abs(sum - 1) < 1e-9, sum <= 1 else { throw LanguageFailure("Sum of input lengths does not equal the length of the input dataset!", as: .valueError) }
        let fractions = try items.enumerated().map { i, item -> Double in
            guard let f = item.asDouble, (0...1).contains(f) else { throw LanguageFailure("Fraction at index \(i) is not between 0 and 1", as: .valueError) }
            return f
        }
        var lengths = fractions.map { Int((Double(total) * $0).rounded(.down)) }
        let remainder = total - lengths.reduce(0, +)
        for i in 0..<remainder { lengths[i % lengths.count] += 1 }
        return lengths
    }

    /// What a DataLoader, Subset or random_split reads samples from: a TensorDataset, a Subset,
    /// or an instance of a class with __len__ and __getitem__ (a `Dataset` subclass); nil otherwise.
    func batchSource(_ v: Value) throws -> BatchSource? {
        switch v {
        case .object(let d as TensorDataset): return d
        case .object(let s as Subset): return s
        case .object(let c as ConcatDataset): return c
        case .list, .tuple:
            // a list of samples is a map-style dataset, as in PyTorch: sample i is item i (a list
            // read as it is when the loader draws, so samples appended later are seen)
            let items = { v.sequenceItems() ?? [] }
            return ClassDataset(count: { items().count }, sample: { i in
                let all = items()
                guard all.indices.contains(i) else { throw LanguageFailure("\(v.typeName) index out of range", as: .indexError) }
                return all[i]
            })
        case .module(let m):
            guard let instance = instance(of: m),
                  let length = instance.cls.method("__len__"), let item = instance.cls.method("__getitem__") else { return nil }
            let (lengthMethod, itemMethod) = (try boundMethod(length.decl, of: v, instance, owner: length.owner),
                                              try boundMethod(item.decl, of: v, instance, owner: item.owner))
            return ClassDataset(count: { [unowned self] in
                guard case .int(let n) = try callBack(lengthMethod, Arguments()), n >= 0 else {
                    throw LanguageFailure("__len__() should return an int >= 0", as: .typeError)
                }
                return n
            }, sample: { [unowned self] i in try callBack(itemMethod, Arguments([.int(i)])) })
        default: return nil
        }
    }
}

/// Samples a DataLoader batches: how many there are, and batch `indices` collated.
protocol BatchSource: AnyObject {
    /// How many samples (a Dataset class's __len__, whose errors reach the program).
    var count: Int { get throws }
    /// Samples `indices` collated as one batch (a TensorDataset's: the list of its stacked rows).
    func batch(_ indices: [Int]) throws -> Value
    /// Sample i as `dataset[i]` gives it.
    func sample(_ i: Int) throws -> Value
    /// `dataset[i]`, i < 0 counting from the end.
    func item(_ i: Int) throws -> Value
}

extension BatchSource {
    func item(_ i: Int) throws -> Value { try sample(i < 0 ? try count + i : i) }
}

/// torch.utils.data's default_collate: tensors stacked along a new first dimension, ints
/// (int64) and bools made tensors, tuples and lists collated field by field (a list of the
/// fields), dicts key by key, strings kept as a list. Python floats (float64 tensors in
/// PyTorch) are refused.
enum Collate {
    static func batch(_ samples: [Value]) throws -> Value {
        guard let first = samples.first else { return .list(ListStorage([])) }
        switch first {
        case .tensor:
            let tensors = try samples.map { v -> Tensor in
                guard case .tensor(let t) = v else { throw LanguageFailure("default_collate: a batch mixes a tensor with a \(v.typeName)") }
                return t
            }
            return .tensor(try TensorOps.stack(tensors, dim: 0))
        case .int, .bool:
            let isBool = if case .bool = first { true } else { false }
            let values = try samples.map { v -> Float in
                guard let d = v.asDouble, v.typeName == first.typeName else { throw LanguageFailure("default_collate: a batch mixes a \(first.typeName) with a \(v.typeName)") }
                return Float(d)
            }
            return .tensor(TensorOps.make([values.count], values: values, isBool ? .bool : .int64))
        case .float:
            throw LanguageFailure("default_collate: Python floats make float64 tensors in PyTorch, which are not supported here",
                                  fix: "return a float32 tensor from __getitem__, e.g. torch.tensor(value)")
        case .string:
            return .list(ListStorage(samples))
        case .tuple, .list:
            let width = first.sequenceItems()!.count
            let rows = try samples.map { v -> [Value] in
                guard let items = v.sequenceItems(), items.count == width else { throw LanguageFailure("each element in list of batch should be of equal size") }
                return items
            }
            return .list(ListStorage(try (0..<width).map { k in try batch(rows.map { $0[k] }) }))
        case .dict(let d):
            let out = DictStorage()
            for key in d.entries.map(\.key) {
                out.set(key, try batch(samples.map { v in
                    guard case .dict(let e) = v, let value = e[key] else { throw LanguageFailure("default_collate: a sample lacks the key \(key.repr)") }
                    return value
                }))
            }
            return .dict(out)
        default:
            throw LanguageFailure("default_collate: batch must contain tensors, numbers, dicts or lists; found \(first.typeName)", as: .typeError)
        }
    }
}

/// A Dataset subclass's instance, read through its __len__ and __getitem__.
final class ClassDataset: BatchSource {
    private let countOf: () throws -> Int
    private let sampleAt: (Int) throws -> Value
    init(count: @escaping () throws -> Int, sample: @escaping (Int) throws -> Value) { countOf = count; sampleAt = sample }
    var count: Int { get throws { try countOf() } }
    func sample(_ i: Int) throws -> Value { try sampleAt(i) }
    func batch(_ indices: [Int]) throws -> Value { try Collate.batch(try indices.map { try sample($0) }) }
}

/// torch.utils.data.Subset: the samples of a dataset at `indices`.
final class Subset: NativeObject, BatchSource, @unchecked Sendable {
    let dataset: Value, source: BatchSource, indices: [Int]
    init(_ dataset: Value, _ source: BatchSource, indices: [Int]) {
        self.dataset = dataset; self.source = source; self.indices = indices
        super.init(typeName: "Subset")
    }
    var count: Int { indices.count }
    func sample(_ i: Int) throws -> Value {
        guard indices.indices.contains(i) else { throw LanguageFailure("list index out of range", as: .indexError) }
        return try source.sample(indices[i])
    }
    func batch(_ picked: [Int]) throws -> Value { try source.batch(try picked.map { try indexed($0) }) }
    private func indexed(_ i: Int) throws -> Int {
        guard indices.indices.contains(i) else { throw LanguageFailure("list index out of range", as: .indexError) }
        return indices[i]
    }
    override func member(_ name: String) -> Value? {
        switch name {
        case "dataset": return dataset
        case "indices": return .list(ListStorage(indices.map { .int($0) }))
        default: return nil
        }
    }
    override var repr: String { "<torch.utils.data.dataset.Subset object>" }
}

/// torch.utils.data.ConcatDataset: its datasets one after another, sample i of the whole being
/// sample i − cumulative_sizes[k − 1] of dataset k (their sizes taken when it is made).
final class ConcatDataset: NativeObject, BatchSource, @unchecked Sendable {
    let datasets: [Value], sources: [BatchSource], cumulativeSizes: [Int]
    init(_ datasets: [Value], _ sources: [BatchSource]) throws {
        self.datasets = datasets; self.sources = sources
        var total = 0
        cumulativeSizes = try sources.map { total += try $0.count; return total }
        super.init(typeName: "ConcatDataset")
    }
    var count: Int { cumulativeSizes.last ?? 0 }
    func sample(_ i: Int) throws -> Value {
        guard let k = cumulativeSizes.firstIndex(where: { i < $0 }), i >= 0 else { throw LanguageFailure("list index out of range", as: .indexError) }
        return try sources[k].sample(k == 0 ? i : i - cumulativeSizes[k - 1])
    }
    func batch(_ indices: [Int]) throws -> Value { try Collate.batch(try indices.map { try sample($0) }) }
    func item(_ i: Int) throws -> Value {
        guard -i <= count else { throw LanguageFailure("absolute value of index should not exceed dataset length", as: .valueError) }
        return try sample(i < 0 ? count + i : i)
    }
    override func member(_ name: String) -> Value? {
        switch name {
        case "datasets": return .list(ListStorage(datasets))
        case "cumulative_sizes": return .list(ListStorage(cumulativeSizes.map { .int($0) }))
        default: return nil
        }
    }
    override var repr: String { "<torch.utils.data.dataset.ConcatDataset object>" }
}

/// The rows of its tensors, sample i being (t₁[i], t₂[i], …).
final class TensorDataset: NativeObject, BatchSource, @unchecked Sendable {
    let tensors: [Tensor]
    init(_ tensors: [Tensor]) { self.tensors = tensors; super.init(typeName: "TensorDataset") }
    var count: Int { tensors[0].shape[0] }

    /// Rows `indices` of every tensor, stacked: [(B, …), (B, …), …].
    func rows(_ indices: [Int]) throws -> [Value] {
        try tensors.map { .tensor(try TensorOps.getItem($0, [.list(indices, shape: [indices.count])])) }
    }

    func batch(_ indices: [Int]) throws -> Value { .list(ListStorage(try rows(indices))) }

    /// (t₁[i], t₂[i], …)
    func sample(_ i: Int) throws -> Value {
        .tuple(try tensors.map { .tensor(try TensorOps.getItem($0, [.at(i)])) })
    }

    override var items: [Value]? { try? (0..<count).map { .tuple(try rows([$0]).map { v in .tensor(try TensorOps.getItem(v.asTensor!, [.at(0)])) }) } }
    override var repr: String { "<torch.utils.data.dataset.TensorDataset object>" }
}

/// Batches of a dataset; `items` (what a for loop reads) makes the epoch's batches.
final class DataLoader: NativeObject, @unchecked Sendable {
    let dataset: BatchSource
    /// The dataset as the program gave it (`loader.dataset`).
    let datasetValue: Value
    let batchSize: Int, shuffle: Bool, dropLast: Bool
    /// The torch.Generator given as `generator=`, or None (the default generator).
    let generator: Value
    /// The program's collate_fn, called with each batch's list of samples; nil: default_collate.
    let collate: (([Value]) throws -> Value)?

    init(_ dataset: BatchSource, as value: Value, batchSize: Int, shuffle: Bool, dropLast: Bool, generator: Value,
         collate: (([Value]) throws -> Value)? = nil) {
        datasetValue = value
        self.dataset = dataset; self.batchSize = batchSize; self.shuffle = shuffle; self.dropLast = dropLast
        self.generator = generator; self.collate = collate
        super.init(typeName: "DataLoader")
    }

    var batchCount: Int {
        get throws {
            let n = try dataset.count
            return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize
        }
    }

    /// An epoch's batches in PyTorch's order and with its draws from the default generator: the
    /// loader's iterator takes a base seed (one 64-bit draw, shuffled or not), then a shuffling
    /// RandomSampler another, which seeds a generator of its own for `randperm(n)`. Given a
    /// torch.Generator, the base seed comes from it and the sampler draws `randperm(n)` from it
    /// (twice: see below). The epoch is drawn whole, as a loop that runs to its end sees it.
    override var items: [Value]? { try? epoch() }

    func epoch() throws -> [Value] {
        let n = try dataset.count
        var order = Array(0..<n)
        try Interpreter.drawing(from: generator, "DataLoader") { generator in
            _ = generator.random64()                                    // _BaseDataLoaderIter._base_seed
            guard shuffle else { return }
            if self.generator.isNone {
                var sampler = TorchGenerator(seed: generator.random64() % (1 << 63))
                order = sampler.permutation(n)
            } else {
                // RandomSampler draws one more randperm(n) for its last `[:num_samples % n]`
                // (empty) slice when the epoch runs out: visible only on a generator of the program's
                order = generator.permutation(n)
                _ = generator.permutation(n)
            }
        }
        return try (0..<(try batchCount)).map { b in
            let indices = Array(order[(b * batchSize)..<min((b + 1) * batchSize, order.count)])
            if let collate { return try collate(try indices.map { try dataset.sample($0) }) }
            return try dataset.batch(indices)
        }
    }

    override func member(_ name: String) -> Value? {
        switch name {
        case "dataset": return datasetValue
        case "batch_size": return .int(batchSize)
        default: return nil
        }
    }
    override var repr: String { "<torch.utils.data.dataloader.DataLoader object>" }
}
