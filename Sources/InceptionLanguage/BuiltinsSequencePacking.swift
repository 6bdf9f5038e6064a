import Foundation
import InceptionRuntime

/// torch.nn.utils.rnn: batches of sequences of different lengths, padded and packed as PyTorch
/// does it, so that NLP programs run as written.
///
///   pad_sequence([(L_i, *)…])              → (T, B, *) or (B, T, *) with batch_first; T = max L_i
///   pack_padded_sequence((T, B, *), lengths) → PackedSequence(data (ΣL_i, *), batch_sizes (T,), …)
///   pad_packed_sequence(packed)            → ((T, B, *) padded, lengths (B,) int64)
///
/// Packed data is time-major: every sequence's step 0 (longest first), then step 1 of those still
/// running, and so on; batch_sizes[t] counts the sequences still running at step t. Each result
/// is composed of the operations a program would write (narrow, reshape, cat, stack,
/// index_select), so gradients flow back to the padded input as in PyTorch.
extension Interpreter {
    static let packedSequenceFields = ["data", "batch_sizes", "sorted_indices", "unsorted_indices"]

    func sequencePackingNamespace() -> Namespace {
        Namespace("torch.nn.utils.rnn", [
            "PackedSequence": packedSequenceType(),
            "invert_permutation": Self.builtin(Signature("invert_permutation", [("permutation", nil)])) { _, a in
                try a.optionalTensor("permutation").map { .tensor(try Self.invertedPermutation($0)) } ?? .none
            },
            "pad_sequence": Self.builtin(Signature("pad_sequence", [("sequences", nil), ("batch_first", .bool(false)), ("padding_value", .float(0)),
                                                                     ("padding_side", .string("right"))])) { interpreter, a in
                try interpreter.padSequence(try interpreter.sequenceTensors(a["sequences"]), batchFirst: try a.bool("batch_first"),
                                            paddingValue: try a.double("padding_value"), side: try a.string("padding_side")).value
            },
            "pack_padded_sequence": Self.builtin(Signature("pack_padded_sequence", [("input", nil), ("lengths", nil), ("batch_first", .bool(false)),
                                                                                     ("enforce_sorted", .bool(true))])) { interpreter, a in
                try interpreter.packPaddedSequence(try a.tensor("input"), lengths: try interpreter.sequenceLengths(a["lengths"]),
                                                   batchFirst: try a.bool("batch_first"), enforceSorted: try a.bool("enforce_sorted"))
            },
            "pad_packed_sequence": Self.builtin(Signature("pad_packed_sequence", [("sequence", nil), ("batch_first", .bool(false)), ("padding_value", .float(0)),
                                                                                   ("total_length", Value.none)])) { interpreter, a in
                let (padded, lengths) = try interpreter.padPackedSequence(try Self.packedSequence(a["sequence"]), batchFirst: try a.bool("batch_first"),
                                                                          paddingValue: try a.double("padding_value"), totalLength: try a.optionalInt("total_length"))
                return .tuple([padded.value, .tensor(lengths)])
            },
            // pad_sequence, then pack_padded_sequence with each sequence's length
            "pack_sequence": Self.builtin(Signature("pack_sequence", [("sequences", nil), ("enforce_sorted", .bool(true))])) { interpreter, a in
                let sequences = try interpreter.sequenceTensors(a["sequences"])
                let padded = try interpreter.padSequence(sequences, batchFirst: false, paddingValue: 0, side: "right")
                return try interpreter.packPaddedSequence(try padded.tensor, lengths: sequences.map { $0.shape.first ?? 0 }, batchFirst: false,
                                                          enforceSorted: try a.bool("enforce_sorted"))
            },
            "unpad_sequence": Self.builtin(Signature("unpad_sequence", [("padded_sequences", nil), ("lengths", nil), ("batch_first", .bool(false))])) { interpreter, a in
                .list(ListStorage(try interpreter.unpadSequence(try a.tensor("padded_sequences"), lengths: try interpreter.sequenceLengths(a["lengths"], zipped: true),
                                                                batchFirst: try a.bool("batch_first")).map(\.value)))
            },
            // pad_packed_sequence(batch_first=True), then unpad_sequence: the sequences in their original order
            "unpack_sequence": Self.builtin(Signature("unpack_sequence", [("packed_sequences", nil)])) { interpreter, a in
                let (padded, lengths) = try interpreter.padPackedSequence(try Self.packedSequence(a["packed_sequences"]), batchFirst: true,
                                                                          paddingValue: 0, totalLength: nil)
                return .list(ListStorage(try interpreter.unpadSequence(try padded.tensor, lengths: Self.integers(lengths), batchFirst: true).map(\.value)))
            },
        ])
    }

    // MARK: reading the arguments

    /// The tensors of a list or tuple (any iterable, as PyTorch takes tuple(sequences)).
    private func sequenceTensors(_ v: Value) throws -> [Tensor] {
        if case .tensor(let t) = v, t.rank == 0 { throw LanguageFailure("iteration over a 0-d tensor", as: .typeError) }
        let items: [Value]
        do { items = try iterationItems(v) } catch {
            throw LanguageFailure("pad_sequence: Expected iterable for input sequences, but got arg of type: <class '\(v.typeName)'>")
        }
        return try items.map { item in
            guard case .tensor(let t) = item else {
                throw LanguageFailure("pad_sequence(): argument 'sequences' (position 1) must be tuple of Tensors, not \(item.typeName)", as: .typeError)
            }
            return t
        }
    }

    /// Lengths as a list of ints (or 0-d tensors) or a 1-D tensor, as torch.as_tensor(lengths, dtype=torch.int64) reads them.
    private func sequenceLengths(_ v: Value, zipped: Bool = false) throws -> [Int] {
        if case .tensor(let t) = v {
            guard t.rank == 1 || (zipped && t.rank > 0) else {
                throw LanguageFailure("'lengths' argument should be a 1D CPU int64 tensor, but got \(t.rank)D cpu Long tensor")
            }
            return Self.integers(t)
        }
        return try iterationItems(v).map { item in
            if let i = item.asInt { return i }
            if case .tensor(let t) = item, t.count == 1 { return Int(t.data[0]) }
            if case .float(let f) = item { return Int(f) }
            throw LanguageFailure("'lengths' argument should be a 1D CPU int64 tensor, but got \(item.typeName)", as: .typeError)
        }
    }

    static func integers(_ t: Tensor) -> [Int] { (0..<t.count).map { Int(t.data[$0]) } }

    static func longTensor(_ values: [Int]) throws -> Tensor {
        TensorKinds.shared.setDType(try Tensor(shape: [values.count], values: values.map(Float.init)), .int64)
    }

    /// p⁻¹: out[p[i]] = i (int64, no history).
    static func invertedPermutation(_ p: Tensor) throws -> Tensor {
        let order = integers(p)
        var inverse = [Int](repeating: 0, count: order.count)
        for (i, j) in order.enumerated() {
            guard (0..<order.count).contains(j) else { throw LanguageFailure("index \(j) is out of bounds for dimension 0 with size \(order.count)", as: .indexError) }
            inverse[j] = i
        }
        return try longTensor(inverse)
    }

    // MARK: padding

    /// sequences (L_i, *) → (T, B, *), or (B, T, *) with batch_first, each sequence at the start
    /// of its row (at the end with padding_side='left'), the rest padding_value, in the first
    /// sequence's dtype. A later sequence's trailing dims broadcast to the first's, as copy_ does.
    func padSequence(_ sequences: [Tensor], batchFirst: Bool, paddingValue: Double, side: String) throws -> Composed {
        guard side == "left" || side == "right" else {
            throw LanguageFailure("Expected padding_side to be one of left or right, but got \(side).")
        }
        guard let first = sequences.first else { throw LanguageFailure("received an empty list of sequences") }
        guard first.rank >= 1 else { throw LanguageFailure("ArrayRef: invalid slice, N = 1; size = 0") }
        let trailing = Array(first.shape.dropFirst()), dtype = TensorKinds.shared.dtype(first)
        let dtypeToken = Value.object(Self.dtypeToken(dtype))
        guard let longest = try sequences.map({ s -> Int in
            guard s.rank >= 1 else { throw LanguageFailure("Dimension specified as 0 but tensor has no dimensions", as: .indexError) }
            return s.shape[0]
        }).max() else { throw LanguageFailure("received an empty list of sequences") }
        var rows: [Value] = []
        for s in sequences {
            let target = [s.shape[0]] + trailing
            var row = composed(s)
            if s.shape != target {
                try Self.checkBroadcast(s.shape, into: target)
                row = try row.call("expand", Value.tuple(target.map(Value.int)))
            }
            if TensorKinds.shared.dtype(s) != dtype { row = try row.call("to", dtypeToken) }
            if s.shape[0] < longest {
                let fill = try torchFunction("full", Value.tuple(([longest - s.shape[0]] + trailing).map(Value.int)), paddingValue, keywords: [("dtype", dtypeToken)])
                row = try torchFunction("cat", Value.list(ListStorage(side == "left" ? [fill.value, row.value] : [row.value, fill.value])), 0)
            }
            rows.append(row.value)
        }
        return try torchFunction("stack", Value.list(ListStorage(rows)), batchFirst ? 0 : 1).named("CopySlices")
    }

    /// copy_'s check that `source` broadcasts to `target`, with PyTorch's words.
    private static func checkBroadcast(_ source: [Int], into target: [Int]) throws {
        guard source.count <= target.count else {
            throw LanguageFailure("expand(torch.FloatTensor{[\(source.map(String.init).joined(separator: ", "))]}, size=[\(target.map(String.init).joined(separator: ", "))]): the number of sizes provided (\(target.count)) must be greater or equal to the number of dimensions in the tensor (\(source.count))")
        }
        for k in 1...max(source.count, 1) where k <= source.count {
            let (s, t) = (source[source.count - k], target[target.count - k])
            if s != t && s != 1 {
                throw LanguageFailure("The size of tensor a (\(t)) must match the size of tensor b (\(s)) at non-singleton dimension \(target.count - k)")
            }
        }
    }

    /// padded (T, B, *) (or (B, T, *)) → each sequence's first lengths[i] steps.
    func unpadSequence(_ padded: Tensor, lengths: [Int], batchFirst: Bool) throws -> [Composed] {
        var x = composed(padded)
        if !batchFirst {
            guard padded.rank >= 2 else { throw LanguageFailure("Dimension out of range (expected to be in range of [-1, 0], but got 1)", as: .indexError) }
            x = try x.call("transpose", 0, 1)
        }
        let batch = try x.tensor.shape.first ?? 0
        guard lengths.count == batch else {
            throw LanguageFailure("zip() argument 2 is \(lengths.count < batch ? "shorter" : "longer") than argument 1", as: .valueError)
        }
        let steps = try x.tensor.rank > 1 ? try x.tensor.shape[1] : 0
        return try lengths.enumerated().map { i, length in
            try x.call("select", 0, i).call("narrow", 0, 0, min(max(length, 0), steps)).named("IndexBackward0")
        }
    }

    // MARK: packing

    /// PackedSequence(data, batch_sizes, sorted_indices, unsorted_indices), a named tuple.
    static func packedSequenceValue(_ data: Value, _ batchSizes: Value, _ sorted: Value, _ unsorted: Value) -> Value {
        .object(NamedTuple(typeName: "PackedSequence", names: packedSequenceFields, values: [data, batchSizes, sorted, unsorted], oneLine: true,
                           extraMember: packedSequenceMethod))
    }

    /// The parts of a PackedSequence.
    static func packedSequence(_ v: Value) throws -> (data: Tensor, batchSizes: [Int], sorted: Tensor?, unsorted: Tensor?, values: [Value]) {
        guard case .object(let p as NamedTuple) = v, p.typeName == "PackedSequence", p.values.count == 4 else {
            throw LanguageFailure("'\(v.typeName)' object has no attribute 'batch_sizes'", as: .attributeError)
        }
        guard case .tensor(let data) = p.values[0], case .tensor(let sizes) = p.values[1] else {
            throw LanguageFailure("PackedSequence: data and batch_sizes must be tensors", as: .typeError)
        }
        return (data, integers(sizes), p.values[2].asTensor, p.values[3].asTensor, p.values)
    }

    /// (T, B, *) (or (B, T, *)) and each column's length → PackedSequence; enforce_sorted=False
    /// first orders the columns by length, longest first, equal lengths placed as torch.sort places them.
    func packPaddedSequence(_ input: Tensor, lengths given: [Int], batchFirst: Bool, enforceSorted: Bool) throws -> Value {
        var x = composed(input), lengths = given, sorted: Tensor? = nil
        if !enforceSorted {
            // torch.sort(lengths, descending=True): libstdc++'s introsort, so ties past 16 columns move
            let order = TensorOps.ranked(lengths.map(Float.init), k: lengths.count, largest: true, sorted: true, ties: .introsort)
            lengths = order.map { lengths[$0] }
            let indices = try Self.longTensor(order)
            guard input.rank >= 2 || batchFirst else {
                throw LanguageFailure("Dimension out of range (expected to be in range of [-1, 0], but got 1)", as: .indexError)
            }
            x = try x.call("index_select", batchFirst ? 0 : 1, indices)
            sorted = indices
        }
        let (data, batchSizes) = try packPadded(x, lengths, batchFirst: batchFirst)
        return Self.packedSequenceValue(data.value, .tensor(try Self.longTensor(batchSizes)), sorted.map(Value.tensor) ?? .none,
                                        try sorted.map { .tensor(try Self.invertedPermutation($0)) } ?? .none)
    }

    /// PyTorch's _pack_padded_sequence on columns sorted longest first: the steps where the same
    /// columns run, taken at once (x[t₀:t₁, :b] flattened time-major), concatenated.
    private func packPadded(_ given: Composed, _ lengths: [Int], batchFirst: Bool) throws -> (Composed, [Int]) {
        guard try given.tensor.rank >= 2 else { throw LanguageFailure("Dimension out of range (expected to be in range of [-1, 0], but got 1)", as: .indexError) }
        let x = batchFirst ? try given.call("transpose", 0, 1) : given
        let shape = try x.tensor.shape, (steps, batch) = (shape[0], shape[1])
        guard try x.tensor.count > 0 else { throw LanguageFailure("Cannot pack empty tensors.") }
        guard lengths.count == batch else { throw LanguageFailure("Expected `len(lengths)` to be equal to batch_size, but got \(lengths.count) (batch_size=\(batch))") }
        guard lengths[batch - 1] > 0 else {
            throw LanguageFailure("Length of all samples has to be greater than 0, but found an element in 'lengths' that is <= 0")
        }
        for i in 0..<(batch - 1) where lengths[batch - 1 - i] > lengths[batch - 2 - i] {
            throw LanguageFailure("`lengths` array must be sorted in decreasing order when `enforce_sorted` is True. You can pass `enforce_sorted=False` "
                                  + "to pack_padded_sequence and/or pack_sequence to sidestep this requirement if you do not need ONNX exportability.")
        }
        let flat = Value.tuple(([-1] + shape.dropFirst(2)).map(Value.int))
        var pieces: [Value] = [], batchSizes: [Int] = [], previous = 0
        for i in 0..<batch {
            let length = lengths[batch - 1 - i]
            guard length > previous else { continue }
            let running = batch - i                       // the columns at least this long
            let (start, stop) = (min(previous, steps), min(length, steps))
            if stop > start { pieces.append(try x.call("narrow", 0, start, stop - start).call("narrow", 1, 0, running).call("reshape", flat).value) }
            batchSizes += Array(repeating: running, count: length - previous)
            previous = length
        }
        return (try torchFunction("cat", Value.list(ListStorage(pieces)), 0).named("PackPaddedSequenceBackward0"), batchSizes)
    }

    /// PackedSequence → ((T, B, *) padded with padding_value (T = total_length when given), the
    /// lengths), both in the original column order.
    func padPackedSequence(_ packed: (data: Tensor, batchSizes: [Int], sorted: Tensor?, unsorted: Tensor?, values: [Value]), batchFirst: Bool,
                           paddingValue: Double, totalLength: Int?) throws -> (Composed, Tensor) {
        let sizes = packed.batchSizes, steps = sizes.count
        var length = steps
        if let totalLength {
            guard totalLength >= steps else {
                throw LanguageFailure("Expected total_length to be at least the length of the longest sequence in input, but got total_length=\(totalLength) "
                                      + "and max sequence length being \(steps)", as: .valueError)
            }
            length = totalLength
        }
        guard let batch = sizes.first else { throw LanguageFailure("pad_packed_sequence: batch_sizes is empty") }
        let rest = Array(packed.data.shape.dropFirst()), dtype = Value.object(Self.dtypeToken(TensorKinds.shared.dtype(packed.data)))
        let data = composed(packed.data)
        func fill(_ shape: [Int]) throws -> Value {
            try torchFunction("full", Value.tuple(shape.map(Value.int)), paddingValue, keywords: [("dtype", dtype)]).value
        }
        // each run of steps with the same batch size: data[offset : offset + b·n] viewed (n, b, *), padded to B columns
        var blocks: [Value] = [], lengths = [Int](repeating: 0, count: batch)
        var offset = 0, previousSize = batch, runStart = 0
        for i in 0...steps {
            let size = i < steps ? sizes[i] : 0
            if size != previousSize {
                let count = previousSize * (i - runStart)
                var block = try data.call("narrow", 0, offset, count).call("reshape", Value.tuple(([i - runStart, previousSize] + rest).map(Value.int)))
                if previousSize < batch {
                    block = try torchFunction("cat", Value.list(ListStorage([block.value, try fill([i - runStart, batch - previousSize] + rest)])), 1)
                }
                blocks.append(block.value)
                offset += count
                runStart = i
            }
            if previousSize > size { for column in size..<previousSize { lengths[column] = i } }
            previousSize = size
        }
        if length > steps { blocks.append(try fill([length - steps, batch] + rest)) }
        var padded = try torchFunction("cat", Value.list(ListStorage(blocks)), 0).named("CopySlices")
        if batchFirst { padded = try padded.call("transpose", 0, 1) }
        var lengthTensor = try Self.longTensor(lengths)
        if let unsorted = packed.unsorted {
            padded = try padded.call("index_select", batchFirst ? 0 : 1, unsorted)
            lengthTensor = try Self.longTensor(Self.integers(unsorted).map { lengths[$0] })
        }
        return (padded, lengthTensor)
    }

    // MARK: the type

    /// PackedSequence(data, batch_sizes=None, sorted_indices=None, unsorted_indices=None), as
    /// PyTorch's __new__: unsorted_indices from sorted_indices when not given; without
    /// batch_sizes, data is the pair (data, batch_sizes).
    private func packedSequenceType() -> Value {
        let type = Builtin("PackedSequence") { _, arguments in
            let a = try Signature("PackedSequence", [("data", nil), ("batch_sizes", Value.none), ("sorted_indices", Value.none), ("unsorted_indices", Value.none)])
                .bind(arguments)
            var (data, sizes) = (a["data"], a["batch_sizes"])
            if sizes.isNone {
                guard let pair = data.sequenceItems(), pair.count == 2 else {
                    throw LanguageFailure("Expected data to be a list or tuple of length 2", as: .assertionError)
                }
                (data, sizes) = (pair[0], pair[1])
            }
            var unsorted = a["unsorted_indices"]
            if unsorted.isNone, case .tensor(let sorted) = a["sorted_indices"] { unsorted = .tensor(try Self.invertedPermutation(sorted)) }
            return Self.packedSequenceValue(data, sizes, a["sorted_indices"], unsorted)
        }
        type.attributes["_fields"] = .tuple(Self.packedSequenceFields.map(Value.string))
        return .builtin(type)
    }

    /// PackedSequence's own methods: .to(…), .cpu(), .float() … convert the data (self when it
    /// stays as it is), .is_cuda.
    private static func packedSequenceMethod(_ p: NamedTuple, _ name: String) -> Value? {
        switch name {
        case "is_cuda": return .bool(false)
        case "is_pinned": return .builtin(Builtin("is_pinned") { _, _ in .bool(false) })
        case "to", "cpu", "cuda", "float", "double", "half", "long", "int", "short", "char", "byte":
            return .builtin(Builtin(name) { interpreter, arguments in
                let converted = try interpreter.callBack(try interpreter.getAttribute(p.values[0], name), arguments)
                if case .tensor(let a) = converted, case .tensor(let b) = p.values[0], a === b { return .object(p) }
                return packedSequenceValue(converted, p.values[1], p.values[2], p.values[3])
            })
        default: return nil
        }
    }
}
