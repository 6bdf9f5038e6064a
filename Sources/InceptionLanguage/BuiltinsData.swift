import Foundation
import InceptionRuntime

/// `torch.utils.data`'s datasets and DataLoader, for the training loop a PyTorch user writes:
/// `for x, y in DataLoader(TensorDataset(images, labels), batch_size=8, shuffle=True)` (or over a
/// list of (x, y) samples, a Dataset class, an IterableDataset). A batch is a list [x (B, …), y (B)]
/// as PyTorch's default collate gives for tuple samples; shuffling draws a new order each time the
/// loader is iterated, with PyTorch's draws, so the order is PyTorch's. The DataLoader is in
/// BuiltinsDataLoader, the samplers in BuiltinsDataSamplers, the datasets' classes in DataDatasets.
extension Interpreter {
    func dataNamespace() -> Namespace {
        let defaultCollate = Self.builtin(Signature("default_collate", [("batch", nil)])) { interpreter, a in
            try Collate.batch(try interpreter.iterationItems(a["batch"]), inTuple: a["batch"].typeName == "tuple")
        }
        let defaultConvert = Self.builtin(Signature("default_convert", [("data", nil)])) { _, a in Collate.convert(a["data"]) }
        var members: [String: Value] = [
            "TensorDataset": .builtin(Builtin("TensorDataset") { _, arguments in
                guard arguments.keywords.isEmpty else { throw LanguageFailure("TensorDataset() takes tensors by position") }
                let tensors = try arguments.positional.enumerated().map { i, v -> Tensor in
                    guard case .tensor(let t) = v, t.rank >= 1 else { throw LanguageFailure("TensorDataset(): argument \(i + 1) must be a tensor with a first dimension, got \(v.typeName)") }
                    return t
                }
                guard let n = tensors.first?.shape[0] else { throw LanguageFailure("TensorDataset() needs at least one tensor") }
                guard tensors.allSatisfy({ $0.shape[0] == n }) else { throw LanguageFailure("Size mismatch between tensors", as: .assertionError) }
                return .object(TensorDataset(tensors))
            }),
            "DataLoader": dataLoaderConstructor(defaultCollate: defaultCollate, defaultConvert: defaultConvert),
            "default_collate": defaultCollate,
            "default_convert": defaultConvert,
            "Dataset": .builtin(Builtin("Dataset") { _, _ in
                throw LanguageFailure("torch.utils.data.Dataset is a base class", fix: "subclass it: class MyData(Dataset): with __len__ and __getitem__")
            }),
            "IterableDataset": .builtin(Builtin("IterableDataset") { _, _ in
                throw LanguageFailure("torch.utils.data.IterableDataset is a base class", fix: "subclass it: class MyStream(IterableDataset): with __iter__")
            }),
            // the main process's loader: no worker
            "get_worker_info": Self.builtin(Signature("get_worker_info")) { _, _ in .none },
            "ConcatDataset": Self.builtin(Signature("ConcatDataset", [("datasets", nil)])) { interpreter, a in
                try interpreter.concatDataset(try interpreter.iterationItems(a["datasets"]))
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
        ]
        members.merge(samplerBuiltins()) { $1 }
        // the submodules programs import from (`from torch.utils.data.dataset import random_split`), each with its own names
        let submodules: [(String, (String) -> Bool)] = [
            ("dataset", { ["Dataset", "TensorDataset", "Subset", "random_split", "ConcatDataset", "IterableDataset", "StackDataset", "ChainDataset"].contains($0) }),
            ("dataloader", { ["DataLoader", "default_collate", "get_worker_info"].contains($0) }),
            ("sampler", { $0.hasSuffix("Sampler") }),
        ]
        for (name, holds) in submodules {
            members[name] = .namespace(Namespace("torch.utils.data.\(name)", members.filter { holds($0.key) }))
        }
        return Namespace("torch.utils", ["data": .namespace(Namespace("torch.utils.data", members)), "checkpoint": .namespace(checkpointNamespace())])
    }

    /// ConcatDataset(datasets) (and `dataset + other`): map-style datasets one after another.
    func concatDataset(_ datasets: [Value]) throws -> Value {
        guard !datasets.isEmpty else { throw LanguageFailure("datasets should not be an empty iterable", as: .assertionError) }
        let sources = try datasets.enumerated().map { i, d -> BatchSource in
            if isDataInstance(d, "IterableDataset") == true { throw LanguageFailure("ConcatDataset does not support IterableDataset", as: .assertionError) }
            guard let source = try batchSource(d) else { throw LanguageFailure("ConcatDataset(): dataset \(i) (a \(d.typeName)) has no __len__ and __getitem__") }
            return source
        }
        return .object(try ConcatDataset(datasets, sources))
    }

    /// `a + b` where a is a map-style Dataset without an `__add__` of its own: Dataset.__add__,
    /// ConcatDataset([a, b]); nil for other operands.
    func datasetSum(_ a: Value, _ b: Value) throws -> Value? {
        guard isDataInstance(a, "Dataset") == true, isDataInstance(a, "IterableDataset") != true else { return nil }
        return try concatDataset([a, b])
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

    /// What a DataLoader, Subset or random_split reads samples from: a TensorDataset, a Subset, a
    /// ConcatDataset, a list, tuple or range of samples, a tensor (its rows), or an instance of a class with __len__ and
    /// __getitem__ (a `Dataset` subclass); nil otherwise.
    func batchSource(_ v: Value) throws -> BatchSource? {
        switch v {
        case .object(let d as TensorDataset): return d
        case .object(let s as Subset): return s
        case .object(let c as ConcatDataset): return c
        case .object(let r as RangeObject):
            return ClassDataset(count: { r.count }, sample: { i in
                guard (0..<r.count).contains(i) else { throw LanguageFailure("range object index out of range", as: .indexError) }
                return .int(r.number(i))
            })
        case .list, .tuple:
            // a list of samples is a map-style dataset, as in PyTorch: sample i is item i (a list
            // read as it is when the loader draws, so samples appended later are seen)
            let items = { v.sequenceItems() ?? [] }
            return ClassDataset(count: { items().count }, sample: { i in
                let all = items()
                guard all.indices.contains(i) else { throw LanguageFailure("\(v.typeName) index out of range", as: .indexError) }
                return all[i]
            })
        case .tensor(let t) where !t.shape.isEmpty:
            // a tensor is a map-style dataset, as in PyTorch: sample i is its row t[i]
            return ClassDataset(count: { t.shape[0] }, sample: { [unowned self] i in try getItem(v, .int(i)) })
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
