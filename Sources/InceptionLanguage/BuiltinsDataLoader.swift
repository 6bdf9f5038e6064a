import InceptionRuntime

/// torch.utils.data.DataLoader, made as PyTorch makes it: a sampler (SequentialSampler, a
/// RandomSampler when shuffled, or the program's `sampler=`) wrapped in a BatchSampler of
/// batch_size (or the program's `batch_sampler=`; none for batch_size=None), with PyTorch's
/// checks and texts for the options that exclude each other. An IterableDataset's loader batches
/// what its `__iter__` yields.
extension Interpreter {
    func dataLoaderConstructor(defaultCollate: Value, defaultConvert: Value) -> Value {
        Self.builtin(Signature("DataLoader", [("dataset", nil), ("batch_size", .int(1)), ("shuffle", Value.none), ("sampler", Value.none),
                                              ("batch_sampler", Value.none), ("num_workers", .int(0)), ("collate_fn", Value.none),
                                              ("pin_memory", .bool(false)), ("drop_last", .bool(false)), ("timeout", .int(0)),
                                              ("worker_init_fn", Value.none), ("multiprocessing_context", Value.none), ("generator", Value.none),
                                              ("prefetch_factor", Value.none), ("persistent_workers", .bool(false)),
                                              ("pin_memory_device", .string("")), ("in_order", .bool(true))])) { interpreter, a in
            try interpreter.makeDataLoader(a, defaultCollate: defaultCollate, defaultConvert: defaultConvert)
        }
    }

    private func makeDataLoader(_ a: BoundArguments, defaultCollate: Value, defaultConvert: Value) throws -> Value {
        let dataset = a["dataset"]
        let workers = try a.int("num_workers")
        guard workers >= 0 else { throw LanguageFailure("num_workers option should be non-negative; use num_workers=0 to disable multiprocessing.", as: .valueError) }
        guard try a.double("timeout") >= 0 else { throw LanguageFailure("timeout option should be non-negative", as: .valueError) }
        if workers == 0, !a["prefetch_factor"].isNone {
            throw LanguageFailure("prefetch_factor option could only be specified in multiprocessing.let num_workers > 0 to enable multiprocessing, otherwise set prefetch_factor to None.", as: .valueError)
        }
        if let prefetch = try a.optionalInt("prefetch_factor"), prefetch < 0 { throw LanguageFailure("prefetch_factor option should be non-negative", as: .valueError) }
        if try a["persistent_workers"].isTruthy(), workers == 0 { throw LanguageFailure("persistent_workers option needs num_workers > 0", as: .valueError) }
        try Self.drawing(from: a["generator"], "DataLoader") { _ in }         // a torch.Generator or None

        var shuffle = a["shuffle"], sampler = a["sampler"], batchSampler = a["batch_sampler"], batchSize = a["batch_size"]
        var dropLast = try a["drop_last"].isTruthy()
        let iterable = isDataInstance(dataset, "IterableDataset") == true
        if iterable {
            if !(shuffle.isNone || (try? shuffle.isTruthy()) == false) {
                throw LanguageFailure("DataLoader with IterableDataset: expected unspecified shuffle option, but got shuffle=\(shuffle.text)", as: .valueError)
            }
            if !sampler.isNone { throw LanguageFailure("DataLoader with IterableDataset: expected unspecified sampler option, but got sampler=\(sampler.text)", as: .valueError) }
            if !batchSampler.isNone {
                throw LanguageFailure("DataLoader with IterableDataset: expected unspecified batch_sampler option, but got batch_sampler=\(batchSampler.text)", as: .valueError)
            }
        } else {
            guard try batchSource(dataset) != nil || dunder(dataset, "__getitem__") != nil else {
                throw LanguageFailure("DataLoader(): the dataset must be a TensorDataset, a Subset, a list of samples, a tensor, a Dataset class with __len__ and __getitem__ or an IterableDataset, got \(dataset.typeName)",
                                      fix: "wrap your tensors: TensorDataset(images, labels)")
            }
            shuffle = .bool(try shuffle.isTruthy())
        }
        let shuffled = try shuffle.isTruthy()
        if !sampler.isNone, shuffled { throw LanguageFailure("sampler option is mutually exclusive with shuffle", as: .valueError) }
        if !batchSampler.isNone {
            guard valuesEqual(batchSize, .int(1)), !shuffled, sampler.isNone, !dropLast else {
                throw LanguageFailure("batch_sampler option is mutually exclusive with batch_size, shuffle, sampler, and drop_last", as: .valueError)
            }
            batchSize = .none
            dropLast = false
        } else if batchSize.isNone, dropLast {
            throw LanguageFailure("batch_size=None option disables auto-batching and is mutually exclusive with drop_last", as: .valueError)
        }
        if sampler.isNone {
            sampler = iterable ? .object(InfiniteConstantSampler())
                : shuffled ? .object(try RandomSampler(self, dataset, replacement: .bool(false), numSamples: .none, generator: a["generator"]))
                : .object(SequentialSampler(dataset))
        }
        if !batchSize.isNone, batchSampler.isNone {
            batchSampler = .object(try BatchSampler(sampler, batchSize: batchSize, dropLast: .bool(dropLast)))
        }
        // collate_fn(samples) makes each batch of the list of its samples (each sample, without batching)
        let collateFunction = a["collate_fn"]
        guard collateFunction.isNone || collateFunction.isCallable else {
            throw LanguageFailure("DataLoader(): collate_fn must be a function of the list of samples, got \(collateFunction.typeName)", as: .typeError)
        }
        // (pin_memory and workers change nothing on this CPU: the batches are the same)
        return .object(DataLoader(dataset: dataset, source: iterable ? nil : try batchSource(dataset), iterable: iterable,
                                  batchSize: batchSize.isNone ? nil : try a.int("batch_size"), sampler: sampler, batchSampler: batchSampler, dropLast: dropLast, generator: a["generator"],
                                  collateFunction: collateFunction,
                                  defaultCollate: batchSampler.isNone ? defaultConvert : defaultCollate,
                                  options: ["num_workers": .int(workers), "pin_memory": a["pin_memory"], "timeout": a["timeout"],
                                            "worker_init_fn": a["worker_init_fn"], "prefetch_factor": a["prefetch_factor"],
                                            "persistent_workers": a["persistent_workers"], "multiprocessing_context": a["multiprocessing_context"],
                                            "pin_memory_device": a["pin_memory_device"], "in_order": a["in_order"]]))
    }

    /// Whether iterating `sampler` runs the program's code at once: a class's `__iter__` that is a
    /// plain function (PyTorch calls iter() on the loader's index sampler before drawing the base
    /// seed); a generator function, or one of the library's samplers, draws at the first batch.
    func iteratesAtOnce(_ sampler: Value) -> Bool {
        guard case .module(let m) = sampler, let method = instance(of: m)?.cls.method("__iter__") else { return false }
        return !method.decl.isGenerator
    }
}

/// Batches of a dataset, an epoch drawn each time it is iterated.
final class DataLoader: NativeObject, InterpretedIterable, InterpretedLength, @unchecked Sendable {
    /// The dataset as the program gave it (`loader.dataset`).
    let dataset: Value
    /// A map-style dataset's reader for the default collation's fast path (a TensorDataset's rows
    /// gathered at once); nil for an IterableDataset.
    let source: BatchSource?
    let iterable: Bool
    /// The batch size of the loader's own BatchSampler; nil without batching or with the program's batch_sampler.
    let batchSize: Int?
    let sampler: Value
    /// The BatchSampler the batches' indices come from; None without automatic batching.
    let batchSampler: Value
    let dropLast: Bool
    /// The torch.Generator given as `generator=`, or None (the default generator).
    let generator: Value
    /// The program's collate_fn, or None for default_collate (default_convert without batching).
    let collateFunction: Value
    /// What `loader.collate_fn` reads when the program gave none.
    let defaultCollate: Value
    /// The other options, read back as given.
    let options: [String: Value]

    init(dataset: Value, source: BatchSource?, iterable: Bool, batchSize: Int?, sampler: Value, batchSampler: Value, dropLast: Bool,
         generator: Value, collateFunction: Value, defaultCollate: Value, options: [String: Value]) {
        self.dataset = dataset; self.source = source; self.iterable = iterable; self.batchSize = batchSize; self.sampler = sampler
        self.batchSampler = batchSampler; self.dropLast = dropLast; self.generator = generator
        self.collateFunction = collateFunction; self.defaultCollate = defaultCollate; self.options = options
        super.init(typeName: "DataLoader")
    }

    /// len(loader): the index sampler's length; for an IterableDataset, len(dataset) in batches.
    func length(_ interpreter: Interpreter) throws -> Int {
        if iterable {
            let n = try interpreter.sizedLength(dataset)
            guard let size = batchSize else { return n }
            return dropLast ? n / size : (n + size - 1) / size
        }
        return try interpreter.sizedLength(batchSampler.isNone ? sampler : batchSampler)
    }

    /// An epoch's batches in PyTorch's order and with its draws: iter() of the index sampler (which
    /// runs a program's plain `__iter__` now), the iterator's base seed (one 64-bit draw from
    /// `generator=` or the default stream), then the sampler's own draws as its first index is
    /// taken (the library's samplers and generator functions). The epoch is drawn whole, as a loop
    /// that runs to its end sees it.
    func iterationItems(_ interpreter: Interpreter) throws -> [Value] {
        if iterable { return try iterableEpoch(interpreter) }
        let indexSampler = batchSampler.isNone ? sampler : batchSampler
        let early = interpreter.iteratesAtOnce(indexSampler) ? try interpreter.iterationItems(indexSampler) : nil
        try drawBaseSeed()
        let indices = try early ?? interpreter.iterationItems(indexSampler)
        guard !batchSampler.isNone else { return try indices.map { try single(interpreter.getItem(dataset, Self.index($0)), interpreter) } }
        return try indices.map { batch in try collated(interpreter.iterationItems(batch).map(Self.index), interpreter) }
    }

    /// An IterableDataset's epoch: the base seed, then its `__iter__` (PyTorch's fetcher calls
    /// iter(dataset) after it), its items in batches of batch_size.
    private func iterableEpoch(_ interpreter: Interpreter) throws -> [Value] {
        try drawBaseSeed()
        let items = try interpreter.iterationItems(dataset)
        guard let size = batchSize else { return try items.map { try single($0, interpreter) } }
        let count = dropLast ? items.count / size : (items.count + size - 1) / size
        return try (0..<count).map { b in try collate(Array(items[(b * size)..<min((b + 1) * size, items.count)]), interpreter) }
    }

    /// _BaseDataLoaderIter._base_seed: drawn once an epoch, batching or not.
    private func drawBaseSeed() throws {
        try Interpreter.drawing(from: generator, "DataLoader") { _ = $0.random64() }
    }

    /// A sampler's index as the dataset is indexed with it (a 0-d integer tensor as its int).
    private static func index(_ v: Value) -> Value {
        if case .tensor = v, let i = v.indexValue { return .int(i) }
        return v
    }

    /// The samples at `indices`, collated: a TensorDataset's rows gathered at once under the
    /// default collation, else each `dataset[i]` and the collate function.
    private func collated(_ indices: [Value], _ interpreter: Interpreter) throws -> Value {
        if collateFunction.isNone, let source {
            let n = try source.count
            let ints = indices.compactMap { if case .int(let i) = $0, (0..<n).contains(i) { return i } else { return nil } }
            if ints.count == indices.count { return try source.batch(ints) }
        }
        return try collate(try indices.map { try interpreter.getItem(dataset, $0) }, interpreter)
    }

    private func collate(_ samples: [Value], _ interpreter: Interpreter) throws -> Value {
        if collateFunction.isNone { return try Collate.batch(samples) }
        return try interpreter.callBack(collateFunction, Arguments([.list(ListStorage(samples))]))
    }

    /// A sample without batching: default_convert, or the program's collate_fn of it alone.
    private func single(_ sample: Value, _ interpreter: Interpreter) throws -> Value {
        if collateFunction.isNone { return Collate.convert(sample) }
        return try interpreter.callBack(collateFunction, Arguments([sample]))
    }

    override func member(_ name: String) -> Value? {
        switch name {
        case "dataset": return dataset
        case "batch_size": return batchSize.map { Value.int($0) } ?? Value.none
        case "drop_last": return .bool(dropLast)
        case "sampler": return sampler
        case "batch_sampler": return batchSampler
        case "generator": return generator
        case "collate_fn": return collateFunction.isNone ? defaultCollate : collateFunction
        default: return options[name]
        }
    }
    override var repr: String { "<torch.utils.data.dataloader.DataLoader object>" }
}
