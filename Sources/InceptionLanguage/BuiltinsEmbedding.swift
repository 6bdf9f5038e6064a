import InceptionRuntime

/// nn.Embedding and F.embedding: rows of a (num_embeddings, embedding_dim) table picked by
/// int64 indices, with PyTorch's arguments, initialisation (normal(0, 1) from the default
/// generator, the padding row zeroed), repr, messages and backward (`EmbeddingBackward0`: the
/// gradient rows added into the picked rows, none into padding_idx's).
extension Interpreter {
    func embeddingBuiltins() -> (layer: Value, functional: Value) {
        let layer = Self.builtin(Signature("Embedding", [("num_embeddings", nil), ("embedding_dim", nil), ("padding_idx", Value.none),
                                                         ("max_norm", Value.none), ("norm_type", .float(2)), ("scale_grad_by_freq", .bool(false)),
                                                         ("sparse", .bool(false)), ("_weight", Value.none), ("_freeze", .bool(false)),
                                                         ("device", Value.none), ("dtype", Value.none)])) { _, a in
            try Self.requireCPUArgument(a["device"])
            guard a["max_norm"].isNone, !(try a.bool("scale_grad_by_freq")), !(try a.bool("sparse")), a["_weight"].isNone else {
                throw LanguageFailure("Embedding(): max_norm, scale_grad_by_freq, sparse and _weight are not supported", fix: "leave them out")
            }
            let (count, width) = (try a.int("num_embeddings"), try a.int("embedding_dim"))
            guard count >= 0, width >= 0 else {
                throw LanguageFailure("Embedding(): num_embeddings and embedding_dim must be ≥ 0, got \(count) and \(width)")
            }
            let padding = try Self.paddingIndex(a["padding_idx"], rows: count)
            try MemoryBudget.check(shape: [count, width], what: "Embedding's weight")
            let weight = Tensor(zeros: [count, width])
            DefaultGenerator.draw { $0.fillNormal(weight.data, count: weight.count, mean: 0, std: 1) }
            if let padding { (weight.data + padding * width).update(repeating: 0, count: width) }
            let m = Block(typeName: "Embedding", forward: .custom { block, x, _ in
                try Self.embedding(x, weight: block.parameters[0].tensor, paddingIndex: padding)
            })
            m.registerParameter("weight", weight)
            m.setTraining(true)
            TensorKinds.shared.setArguments(m, "\(count), \(width)" + (a["padding_idx"].isNone ? "" : ", padding_idx=\(a["padding_idx"].repr)"))
            return .module(m)
        }
        let functional = Self.builtin(Signature("embedding", [("input", nil), ("weight", nil), ("padding_idx", Value.none), ("max_norm", Value.none),
                                                              ("norm_type", .float(2)), ("scale_grad_by_freq", .bool(false)), ("sparse", .bool(false))])) { _, a in
            guard a["max_norm"].isNone, !(try a.bool("scale_grad_by_freq")), !(try a.bool("sparse")) else {
                throw LanguageFailure("embedding(): max_norm, scale_grad_by_freq and sparse are not supported", fix: "leave them out")
            }
            let weight = try a.tensor("weight")
            guard weight.rank == 2 else { throw LanguageFailure("'weight' must be 2-D") }
            return .tensor(try Self.embedding(try a.tensor("input"), weight: weight,
                                              paddingIndex: try Self.paddingIndex(a["padding_idx"], rows: weight.shape[0])))
        }
        return (layer, functional)
    }

    /// padding_idx as a row number (a negative one counts from the end), checked as PyTorch does.
    static func paddingIndex(_ v: Value, rows: Int) throws -> Int? {
        if v.isNone { return nil }
        guard case .int(let p) = v else { throw LanguageFailure("padding_idx must be an int, got \(v.typeName)") }
        guard p < rows else { throw LanguageFailure("Padding_idx must be within num_embeddings") }
        guard p >= -rows else { throw LanguageFailure("Padding_idx must be within num_embeddings") }
        return p < 0 ? rows + p : p
    }

    /// out[…, :] = weight[index[…], :]; recorded for backward.
    // index: any shape, int64; weight: (rows, width) → (*index.shape, width)
    static func embedding(_ index: Tensor, weight: Tensor, paddingIndex: Int?) throws -> Tensor {
        guard TensorOps.dtype(index).isIntegral else {
            throw LanguageFailure("Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; but got \(TensorOps.dtype(index).legacyTypeName) instead (while checking arguments for embedding)")
        }
        let (rows, width) = (weight.shape[0], weight.shape[1])
        let shape = index.shape + [width]
        try MemoryBudget.check(shape: shape, what: "the embedding's output")
        if index.isMeta || weight.isMeta { return Tensor(meta: shape) }
        let picked = try (0..<index.count).map { i -> Int in
            let v = index.data[i]
            guard v >= 0, v < Float(rows) else { throw LanguageFailure("index out of range in self", as: .indexError) }
            return Int(v)
        }
        let out = Tensor(uninitialized: shape)
        for (i, r) in picked.enumerated() { (out.data + i * width).update(from: weight.data + r * width, count: width) }
        return Autograd.record(out, "embedding", inputs: [weight]) { gy in
            let g = Tensor(zeros: weight.shape)
            for (i, r) in picked.enumerated() where r != paddingIndex {
                for j in 0..<width { g.data[r * width + j] += gy.data[i * width + j] }
            }
            return [g]
        }
    }
}
