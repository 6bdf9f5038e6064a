import InceptionRuntime

/// torch.utils.data's samplers: SequentialSampler, RandomSampler, SubsetRandomSampler,
/// WeightedRandomSampler and BatchSampler, with PyTorch's checks and texts. Each draws its
/// indices when it is iterated (a new order each time), as PyTorch's generator functions do,
/// taking the numbers PyTorch takes: RandomSampler without a generator seeds one of its own
/// from one 64-bit draw of the default stream, then takes randperm (or randint in blocks of 32)
/// from it; SubsetRandomSampler takes randperm, WeightedRandomSampler torch.multinomial (its
/// weights in double, as PyTorch converts them), each from `generator=` or the default stream.
/// `Sampler` itself is the base class of a program's samplers (`__iter__`, `__len__`).
extension Interpreter {
    func samplerBuiltins() -> [String: Value] {
        [
            "Sampler": .builtin(Builtin("Sampler") { _, _ in
                throw LanguageFailure("torch.utils.data.Sampler is a base class", fix: "subclass it: class MySampler(Sampler): with __iter__ (and __len__)")
            }),
            "SequentialSampler": Self.builtin(Signature("SequentialSampler", [("data_source", nil)])) { _, a in
                .object(SequentialSampler(a["data_source"]))
            },
            "RandomSampler": Self.builtin(Signature("RandomSampler", [("data_source", nil), ("replacement", .bool(false)),
                                                                      ("num_samples", Value.none), ("generator", Value.none)])) { interpreter, a in
                .object(try RandomSampler(interpreter, a["data_source"], replacement: a["replacement"], numSamples: a["num_samples"], generator: a["generator"]))
            },
            "SubsetRandomSampler": Self.builtin(Signature("SubsetRandomSampler", [("indices", nil), ("generator", Value.none)])) { _, a in
                .object(SubsetRandomSampler(a["indices"], generator: a["generator"]))
            },
            "WeightedRandomSampler": Self.builtin(Signature("WeightedRandomSampler", [("weights", nil), ("num_samples", nil),
                                                                                      ("replacement", .bool(true)), ("generator", Value.none)])) { interpreter, a in
                .object(try WeightedRandomSampler(interpreter, a["weights"], numSamples: a["num_samples"], replacement: a["replacement"], generator: a["generator"]))
            },
            "BatchSampler": Self.builtin(Signature("BatchSampler", [("sampler", nil), ("batch_size", nil), ("drop_last", nil)])) { _, a in
                .object(try BatchSampler(a["sampler"], batchSize: a["batch_size"], dropLast: a["drop_last"]))
            },
        ]
    }

    /// len(v) as the program's len() gives it (a class's __len__, a sampler's, a list's).
    func sizedLength(_ v: Value) throws -> Int {
        // an instance of a class without __len__ has none (len() of a block counts its layers)
        if case .module(let m) = v, let instance = instance(of: m), instance.cls.method("__len__") == nil {
            throw LanguageFailure("object of type '\(instance.cls.name)' has no len()", as: .typeError)
        }
        guard let len = builtinScope.lookup("len"), case .int(let n) = try callBack(len, Arguments([v])) else {
            throw LanguageFailure("object of type '\(v.typeName)' has no len()", as: .typeError)
        }
        return n
    }
}

/// A sampler of the library: the indices of an epoch, drawn when it is iterated, and how many.
class DataSampler: NativeObject, InterpretedIterable, InterpretedLength, @unchecked Sendable {
    func iterationItems(_ interpreter: Interpreter) throws -> [Value] { [] }
    func length(_ interpreter: Interpreter) throws -> Int { 0 }
    override var repr: String { "<torch.utils.data.sampler.\(typeName) object>" }
}

/// 0, 1, …, len(data_source) − 1.
final class SequentialSampler: DataSampler, @unchecked Sendable {
    let dataSource: Value
    init(_ dataSource: Value) { self.dataSource = dataSource; super.init(typeName: "SequentialSampler") }
    override func iterationItems(_ interpreter: Interpreter) throws -> [Value] { (0..<(try length(interpreter))).map { .int($0) } }
    override func length(_ interpreter: Interpreter) throws -> Int { try interpreter.sizedLength(dataSource) }
    override func member(_ name: String) -> Value? { name == "data_source" ? dataSource : nil }
}

/// A shuffled order of the data source (randperm(n), as many as num_samples asks, the last
/// permutation cut short), or num_samples indices drawn with replacement (randint(n) in blocks
/// of 32).
final class RandomSampler: DataSampler, @unchecked Sendable {
    let dataSource: Value, replacement: Bool, numSamples: Int?, generator: Value
    /// What reads len(data_source) for `sampler.num_samples` when it was not given.
    private weak var interpreter: Interpreter?

    init(_ interpreter: Interpreter, _ dataSource: Value, replacement: Value, numSamples: Value, generator: Value) throws {
        self.interpreter = interpreter
        guard case .bool(let r) = replacement else {
            throw LanguageFailure("replacement should be a boolean value, but got replacement=\(replacement.text)", as: .typeError)
        }
        self.dataSource = dataSource; self.replacement = r; self.generator = generator
        switch numSamples {
        case .none: self.numSamples = nil
        case .int(let n): self.numSamples = n
        case .bool(let b): self.numSamples = b ? 1 : 0
        default: throw LanguageFailure("num_samples should be a positive integer value, but got num_samples=\(numSamples.text)", as: .valueError)
        }
        super.init(typeName: "RandomSampler")
        let n = try count(interpreter)
        guard n > 0 else { throw LanguageFailure("num_samples should be a positive integer value, but got num_samples=\(n)", as: .valueError) }
    }

    /// num_samples, len(data_source) when not given.
    func count(_ interpreter: Interpreter) throws -> Int { try numSamples ?? interpreter.sizedLength(dataSource) }

    override func length(_ interpreter: Interpreter) throws -> Int { try count(interpreter) }

    override func iterationItems(_ interpreter: Interpreter) throws -> [Value] {
        let n = try interpreter.sizedLength(dataSource), total = try count(interpreter)
        func draw(_ g: inout TorchGenerator) throws -> [Int] {
            if replacement {
                guard n > 0 else { throw LanguageFailure("random_ expects 'from' to be less than 'to', but got from=0 >= to=0") }
                return (0..<total).map { _ in Int(g.integer(below: UInt64(n), from: 0)) }
            }
            guard n > 0 else { throw LanguageFailure("integer division or modulo by zero", as: .zeroDivisionError) }
            var order: [Int] = []
            for _ in 0..<(total / n) { order += g.permutation(n) }
            return order + g.permutation(n).prefix(total % n)
        }
        let order: [Int]
        if generator.isNone {
            // a generator of its own, seeded from the default stream
            var own = TorchGenerator(seed: DefaultGenerator.draw { $0.random64() } % (1 << 63))
            order = try draw(&own)
        } else {
            order = try Interpreter.drawing(from: generator, "RandomSampler") { try draw(&$0) }
        }
        return order.map { .int($0) }
    }

    override func member(_ name: String) -> Value? {
        switch name {
        case "data_source": return dataSource
        case "replacement": return .bool(replacement)
        case "generator": return generator
        case "num_samples": return interpreter.flatMap { try? count($0) }.map { .int($0) }
        default: return nil
        }
    }
}

/// The given indices in a shuffled order: indices[i] for i in randperm(len(indices)).
final class SubsetRandomSampler: DataSampler, @unchecked Sendable {
    let indices: Value, generator: Value
    init(_ indices: Value, generator: Value) { self.indices = indices; self.generator = generator; super.init(typeName: "SubsetRandomSampler") }
    override func length(_ interpreter: Interpreter) throws -> Int { try interpreter.sizedLength(indices) }
    override func iterationItems(_ interpreter: Interpreter) throws -> [Value] {
        let n = try length(interpreter)
        let order = try Interpreter.drawing(from: generator, "randperm") { $0.permutation(n) }
        return try order.map { try interpreter.getItem(indices, .int($0)) }
    }
    override func member(_ name: String) -> Value? {
        switch name {
        case "indices": return indices
        case "generator": return generator
        default: return nil
        }
    }
}

/// num_samples indices drawn by torch.multinomial from the weights (as doubles).
final class WeightedRandomSampler: DataSampler, @unchecked Sendable {
    let weights: [Double], numSamples: Int, replacement: Bool, generator: Value

    init(_ interpreter: Interpreter, _ weights: Value, numSamples: Value, replacement: Value, generator: Value) throws {
        guard case .int(let n) = numSamples, n > 0 else {
            throw LanguageFailure("num_samples should be a positive integer value, but got num_samples=\(numSamples.text)", as: .valueError)
        }
        guard case .bool(let r) = replacement else {
            throw LanguageFailure("replacement should be a boolean value, but got replacement=\(replacement.text)", as: .valueError)
        }
        self.weights = try Self.doubles(interpreter, weights)
        self.numSamples = n; self.replacement = r; self.generator = generator
        super.init(typeName: "WeightedRandomSampler")
    }

    /// torch.as_tensor(weights, dtype=torch.double), which must be 1-D: a float32 tensor's values,
    /// or a list's numbers exactly.
    static func doubles(_ interpreter: Interpreter, _ weights: Value) throws -> [Double] {
        func notOneDimensional(_ shape: [Int]) -> LanguageFailure {
            let text = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
            return LanguageFailure("weights should be a 1d sequence but given weights have shape \(text)", as: .valueError)
        }
        if case .tensor(let t) = weights {
            guard t.rank == 1 else { throw notOneDimensional(t.shape) }
            return t.values.map(Double.init)
        }
        guard let items = weights.sequenceItems() else {
            throw LanguageFailure("WeightedRandomSampler(): weights must be a sequence of numbers or a 1-D tensor, got \(weights.typeName)", as: .typeError)
        }
        return try items.map { item in
            if isNumber(item), let d = item.asDouble { return d }
            // nested: the shape torch.as_tensor would give
            if case .tensor(let shaped) = try interpreter.torchFunction("tensor", Arguments([weights])).value { throw notOneDimensional(shaped.shape) }
            throw LanguageFailure("WeightedRandomSampler(): weights must be numbers, got \(item.typeName)", as: .typeError)
        }
    }

    override func length(_ interpreter: Interpreter) throws -> Int { numSamples }
    override func iterationItems(_ interpreter: Interpreter) throws -> [Value] {
        guard replacement || numSamples <= weights.count else { throw LanguageFailure("cannot sample n_sample > prob_dist.size(-1) samples without replacement") }
        let drawn = try Interpreter.multinomialDraw([weights], samples: numSamples, replacement: replacement, generator: generator, "multinomial")
        return drawn[0].map { .int($0) }
    }
    override func member(_ name: String) -> Value? {
        switch name {
        case "num_samples": return .int(numSamples)
        case "replacement": return .bool(replacement)
        case "generator": return generator
        default: return nil
        }
    }
}

/// Another sampler's indices in lists of batch_size (the last one shorter, or dropped).
final class BatchSampler: DataSampler, @unchecked Sendable {
    let sampler: Value, batchSize: Int, dropLast: Bool

    init(_ sampler: Value, batchSize: Value, dropLast: Value) throws {
        guard case .int(let size) = batchSize, size > 0 else {
            throw LanguageFailure("batch_size should be a positive integer value, but got batch_size=\(batchSize.text)", as: .valueError)
        }
        guard case .bool(let drop) = dropLast else {
            throw LanguageFailure("drop_last should be a boolean value, but got drop_last=\(dropLast.text)", as: .valueError)
        }
        self.sampler = sampler; self.batchSize = size; self.dropLast = drop
        super.init(typeName: "BatchSampler")
    }

    override func length(_ interpreter: Interpreter) throws -> Int {
        let n = try interpreter.sizedLength(sampler)
        return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize
    }

    override func iterationItems(_ interpreter: Interpreter) throws -> [Value] {
        let indices = try interpreter.iterationItems(sampler)
        let count = dropLast ? indices.count / batchSize : (indices.count + batchSize - 1) / batchSize
        return (0..<count).map { b in .list(ListStorage(Array(indices[(b * batchSize)..<min((b + 1) * batchSize, indices.count)]))) }
    }

    override func member(_ name: String) -> Value? {
        switch name {
        case "sampler": return sampler
        case "batch_size": return .int(batchSize)
        case "drop_last": return .bool(dropLast)
        default: return nil
        }
    }
}

/// What an IterableDataset's loader samples by: nothing to draw, never ending (`loader.sampler`).
final class InfiniteConstantSampler: DataSampler, @unchecked Sendable {
    init() { super.init(typeName: "_InfiniteConstantSampler") }
    override func iterationItems(_ interpreter: Interpreter) throws -> [Value] {
        throw LanguageFailure("an IterableDataset's loader sampler never ends", fix: "loop over the DataLoader itself")
    }
    override func length(_ interpreter: Interpreter) throws -> Int {
        throw LanguageFailure("object of type '_InfiniteConstantSampler' has no len()", as: .typeError)
    }
}
