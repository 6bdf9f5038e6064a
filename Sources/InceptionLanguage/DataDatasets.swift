import Foundation
import InceptionRuntime

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

/// An object of the library whose items a loop takes through the interpreter, drawn when it is
/// iterated (a DataLoader's batches, a sampler's indices, a dataset's samples): never read as
/// plain items, since reading them may draw random numbers or run the program's methods.
protocol InterpretedIterable: AnyObject {
    func iterationItems(_ interpreter: Interpreter) throws -> [Value]
}

/// An object of the library whose len() runs through the interpreter (a sampler's, a DataLoader's).
protocol InterpretedLength: AnyObject {
    func length(_ interpreter: Interpreter) throws -> Int
}

/// The library's map-style datasets iterate as Python iterates them through __getitem__:
/// samples 0, 1, … until the index runs out.
extension InterpretedIterable where Self: BatchSource {
    func iterationItems(_ interpreter: Interpreter) throws -> [Value] { try (0..<(try count)).map { try sample($0) } }
}

/// A Dataset subclass's instance, read through its __len__ and __getitem__ (or a list or range
/// of samples).
final class ClassDataset: BatchSource {
    private let countOf: () throws -> Int
    private let sampleAt: (Int) throws -> Value
    init(count: @escaping () throws -> Int, sample: @escaping (Int) throws -> Value) { countOf = count; sampleAt = sample }
    var count: Int { get throws { try countOf() } }
    func sample(_ i: Int) throws -> Value { try sampleAt(i) }
    func batch(_ indices: [Int]) throws -> Value { try Collate.batch(try indices.map { try sample($0) }) }
}

/// torch.utils.data.Subset: the samples of a dataset at `indices`.
final class Subset: NativeObject, BatchSource, InterpretedIterable, @unchecked Sendable {
    let dataset: Value, source: BatchSource, indices: [Int]
    init(_ dataset: Value, _ source: BatchSource, indices: [Int]) {
        self.dataset = dataset; self.source = source; self.indices = indices
        super.init(typeName: "Subset")
    }
    var count: Int { indices.count }
    func sample(_ i: Int) throws -> Value { try source.sample(try indexed(i)) }
    func batch(_ picked: [Int]) throws -> Value { try source.batch(try picked.map { try indexed($0) }) }
    /// indices[i] as Python's list gives it (i < 0 from the end).
    private func indexed(_ i: Int) throws -> Int {
        let k = i < 0 ? i + indices.count : i
        guard indices.indices.contains(k) else { throw LanguageFailure("list index out of range", as: .indexError) }
        return indices[k]
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
final class ConcatDataset: NativeObject, BatchSource, InterpretedIterable, @unchecked Sendable {
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
final class TensorDataset: NativeObject, BatchSource, InterpretedIterable, @unchecked Sendable {
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
    override func member(_ name: String) -> Value? { name == "tensors" ? .tuple(tensors.map { .tensor($0) }) : nil }
    override var repr: String { "<torch.utils.data.dataset.TensorDataset object>" }
}
