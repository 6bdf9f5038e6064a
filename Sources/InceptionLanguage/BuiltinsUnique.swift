import InceptionRuntime

/// `x.unique(sorted=True, return_inverse=False, return_counts=False, dim=None)` (and
/// `torch.unique`), as PyTorch's: the distinct values in ascending order, NaNs last and each its
/// own value; with dim, the distinct slices along dim in lexicographic order. return_inverse adds
/// where each element (each slice) went, return_counts how often each one occurs.
extension Interpreter {
    func uniqueMethod(_ x: Tensor) -> Value {
        let signature = Signature("unique", [("sorted", .bool(true)), ("return_inverse", .bool(false)), ("return_counts", .bool(false)), ("dim", Value.none)])
        return .builtin(Builtin("unique") { _, arguments in
            let a = try signature.parsedAsTorch.bind(arguments)
            let (wantsInverse, wantsCounts) = (try a.bool("return_inverse"), try a.bool("return_counts"))
            let found = a["dim"].isNone ? Self.uniqueValues(x) : try Self.uniqueSlices(x, dim: try a.int("dim"))
            var results: [Value] = [.tensor(found.unique)]
            if wantsInverse { results.append(.tensor(found.inverse)) }
            if wantsCounts { results.append(.tensor(TensorOps.make([found.counts.count], values: found.counts.map(Float.init), .int64))) }
            return results.count == 1 ? results[0] : .tuple(results)
        })
    }

    // x: any shape → unique (U), inverse (x's shape, int64), counts (U)
    private static func uniqueValues(_ x: Tensor) -> (unique: Tensor, inverse: Tensor, counts: [Int]) {
        let values = x.values
        let tally = values.reduce(into: [Float: Int]()) { if !$1.isNaN { $0[$1, default: 0] += 1 } }   // one pass
        let numbers = tally.keys.sorted(by: sortsBefore), nanCount = values.count { $0.isNaN }
        let unique = TensorOps.make([numbers.count + nanCount], values: numbers + Array(repeating: .nan, count: nanCount), TensorOps.dtype(x))
        let position = Dictionary(uniqueKeysWithValues: numbers.enumerated().map { ($1, $0) })
        var nansSeen = 0
        let inverse = values.map { v -> Float in
            guard v.isNaN else { return Float(position[v]!) }
            nansSeen += 1
            return Float(numbers.count + nansSeen - 1)
        }
        let counts = numbers.map { tally[$0]! } + Array(repeating: 1, count: nanCount)
        return (unique, TensorOps.make(x.shape, values: inverse, .int64), counts)
    }

    // x: (…, L, …) along dim → unique (…, U, …), inverse (L), counts (U)
    private static func uniqueSlices(_ x: Tensor, dim given: Int) throws -> (unique: Tensor, inverse: Tensor, counts: [Int]) {
        let d = try TensorOps.existingDim(given, rank: x.rank)
        let length = x.shape[d], inner = x.shape[(d + 1)...].reduce(1, *), outer = x.count / max(length * inner, 1)
        let slices = (0..<length).map { j in (0..<outer).flatMap { o in (0..<inner).map { x.data[(o * length + j) * inner + $0] } } }
        func before(_ a: Int, _ b: Int) -> Bool {
            for (u, v) in zip(slices[a], slices[b]) where u != v { return sortsBefore(u, v) }
            return a < b
        }
        var kept: [Int] = [], counts: [Int] = [], inverse = [Float](repeating: 0, count: length)
        for j in (0..<length).sorted(by: before) {
            if let last = kept.last, slices[last] == slices[j] { counts[counts.count - 1] += 1 } else { kept.append(j); counts.append(1) }
            inverse[j] = Float(kept.count - 1)
        }
        var shape = x.shape
        shape[d] = kept.count
        let unique = TensorOps.make(shape, TensorOps.dtype(x)) { p in
            for o in 0..<outer { for (k, j) in kept.enumerated() { for i in 0..<inner {
                p[(o * kept.count + k) * inner + i] = x.data[(o * length + j) * inner + i]
            } } }
        }
        return (unique, TensorOps.make([length], values: inverse, .int64), counts)
    }
}
