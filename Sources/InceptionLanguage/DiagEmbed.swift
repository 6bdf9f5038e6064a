import InceptionRuntime

extension Interpreter {
    /// torch.diag_embed's output shape and, for each output cell (row-major), the input cell it
    /// takes (-1: a zero). Input (…, n); output rank one more, dims dim1 and dim2 of size
    /// n + |offset| and the input's leading dims, in order, in the others; input (…, i) goes to
    /// dim1 = i + max(-offset, 0), dim2 = i + max(offset, 0).
    static func diagEmbedPlaces(_ input: [Int], offset: Int, dim1 d1: Int, dim2 d2: Int) throws -> (shape: [Int], offsets: [Int]) {
        let rank = input.count + 1
        let (dim1, dim2) = (try TensorOps.dim(d1, rank: rank), try TensorOps.dim(d2, rank: rank))
        guard dim1 != dim2 else { throw LanguageFailure("diagonal dimensions cannot be identical \(d1), \(d2)") }
        let n = input[input.count - 1]
        guard offset.magnitude <= UInt(Int32.max) else { throw LanguageFailure("diag_embed(): offset \(offset) is out of range", as: .indexError) }
        let m = n + abs(offset)
        var shape: [Int] = [], batch = input.dropLast().makeIterator()
        for d in 0..<rank { shape.append(d == dim1 || d == dim2 ? m : batch.next()!) }
        try MemoryBudget.check(shape: shape, what: "diag_embed()")
        let strides = TensorOps.strides(shape), count = shape.reduce(1, *)
        var offsets = [Int](repeating: -1, count: count)
        for cell in 0..<count {
            let index = (0..<rank).map { (cell / strides[$0]) % shape[$0] }
            let (r, c) = (index[dim1], index[dim2])
            guard c - r == offset else { continue }
            var source = 0
            for d in 0..<rank where d != dim1 && d != dim2 { source = source * shape[d] + index[d] }
            offsets[cell] = source * n + r - max(-offset, 0)
        }
        return (shape, offsets)
    }
}
