import Foundation
import InceptionRuntime

/// nn.Embedding (with from_pretrained) and F.embedding: rows of a (num_embeddings, embedding_dim)
/// table picked by int64 indices, with PyTorch's arguments, initialisation (normal(0, 1) from the
/// default generator, the padding row zeroed), max_norm's renormalisation, repr, messages and
/// backward (`EmbeddingBackward0`: the gradient rows added into the picked rows, none into
/// padding_idx's, divided by their counts with scale_grad_by_freq).
/// nn.Embedding's module: its table (the parameter `weight`) and options, read back as PyTorch
/// keeps them (`emb.padding_idx`, `emb.num_embeddings`, …).
final class EmbeddingLayer: Module, ModuleAttributes {
    let count: Int, width: Int, paddingIndex: Int?, maxNorm: Double?, normType: Double, scaleGradByFrequency: Bool

    init(weight: Tensor, paddingIndex: Int?, maxNorm: Double?, normType: Double, scaleGradByFrequency: Bool) {
        (count, width) = (weight.shape[0], weight.shape[1])
        (self.paddingIndex, self.maxNorm, self.normType, self.scaleGradByFrequency) = (paddingIndex, maxNorm, normType, scaleGradByFrequency)
        super.init(typeName: "Embedding")
        let requiresGrad = weight.requiresGrad
        registerParameter("weight", weight)
        weight.requiresGrad = requiresGrad
        setTraining(true)
        var text = "\(count), \(width)"
        if let paddingIndex { text += ", padding_idx=\(paddingIndex)" }
        if let maxNorm { text += ", max_norm=\(formatFloat(maxNorm))" }
        if normType != 2 { text += ", norm_type=\(formatFloat(normType))" }
        if scaleGradByFrequency { text += ", scale_grad_by_freq=True" }
        TensorKinds.shared.setArguments(self, text)
    }

    func attribute(_ name: String) -> Value? {
        switch name {
        case "num_embeddings": return .int(count)
        case "embedding_dim": return .int(width)
        case "padding_idx": return paddingIndex.map(Value.int) ?? Value.none
        case "max_norm": return maxNorm.map(Value.float) ?? Value.none
        case "norm_type": return .float(normType)
        case "scale_grad_by_freq": return .bool(scaleGradByFrequency)
        case "sparse": return .bool(false)
        default: return nil
        }
    }

    // index: any shape, int64 → (*index.shape, embedding_dim)
    override func forward(_ x: Tensor, _ context: ExecutionContext) throws -> Tensor {
        guard let weight = parameters.first?.tensor else { throw LanguageFailure("Embedding has no weight") }
        if let maxNorm { try Interpreter.renormalize(weight, rows: x, maxNorm: maxNorm, normType: normType) }
        return try Interpreter.embedding(x, weight: weight, paddingIndex: paddingIndex, scaleGradByFrequency: scaleGradByFrequency)
    }
}

extension Interpreter {
    func embeddingBuiltins() -> (layer: Value, functional: Value) {
        let make = Self.builtin(Signature("Embedding", [("num_embeddings", nil), ("embedding_dim", nil), ("padding_idx", Value.none),
                                                        ("max_norm", Value.none), ("norm_type", .float(2)), ("scale_grad_by_freq", .bool(false)),
                                                        ("sparse", .bool(false)), ("_weight", Value.none), ("_freeze", .bool(false)),
                                                        ("device", Value.none), ("dtype", Value.none)])) { _, a in
            try Self.requireCPUArgument(a["device"])
            guard !(try a.bool("sparse")) else { throw LanguageFailure("Embedding(sparse=True): sparse gradients are not supported here", fix: "leave sparse out") }
            let (count, width) = (try a.int("num_embeddings"), try a.int("embedding_dim"))
            guard count >= 0, width >= 0 else {
                throw LanguageFailure("Embedding(): num_embeddings and embedding_dim must be ≥ 0, got \(count) and \(width)")
            }
            let padding = try Self.paddingIndex(a["padding_idx"], rows: count)
            let weight: Tensor
            if case .tensor(let given) = a["_weight"] {
                // the given table itself becomes the parameter (PyTorch's Parameter(_weight)), nothing drawn, the padding row kept
                guard given.shape == [count, width] else { throw LanguageFailure("Shape of weight does not match num_embeddings and embedding_dim") }
                weight = given
                weight.requiresGrad = !(try a.bool("_freeze"))
            } else {
                try MemoryBudget.check(shape: [count, width], what: "Embedding's weight")
                weight = Tensor(zeros: [count, width])
                DefaultGenerator.draw { $0.fillNormal(weight.data, count: weight.count, mean: 0, std: 1) }
                if let padding { (weight.data + padding * width).update(repeating: 0, count: width) }
                weight.requiresGrad = true
            }
            return .module(EmbeddingLayer(weight: weight, paddingIndex: padding, maxNorm: a["max_norm"].isNone ? nil : try a.double("max_norm"),
                                          normType: try a.double("norm_type"), scaleGradByFrequency: try a.bool("scale_grad_by_freq")))
        }
        // Embedding.from_pretrained(embeddings, freeze=True, …): the table as given, frozen unless freeze=False
        let fromPretrained = Self.builtin(Signature("from_pretrained", [("embeddings", nil), ("freeze", .bool(true)), ("padding_idx", Value.none),
                                                                        ("max_norm", Value.none), ("norm_type", .float(2)), ("scale_grad_by_freq", .bool(false)),
                                                                        ("sparse", .bool(false))])) { interpreter, a in
            let table = try a.tensor("embeddings")
            guard table.rank == 2 else { throw LanguageFailure("Embeddings parameter is expected to be 2-dimensional", as: .assertionError) }
            return try interpreter.callBack(make, Arguments([.int(table.shape[0]), .int(table.shape[1])], keywords: [
                ("_weight", .tensor(table)), ("_freeze", a["freeze"]), ("padding_idx", a["padding_idx"]), ("max_norm", a["max_norm"]),
                ("norm_type", a["norm_type"]), ("scale_grad_by_freq", a["scale_grad_by_freq"]), ("sparse", a["sparse"])]))
        }
        let layer = Value.object(Self.classObject("torch.nn.modules.sparse.Embedding", constructor: make, members: ["from_pretrained": fromPretrained]))
        let functional = Self.builtin(Signature("embedding", [("input", nil), ("weight", nil), ("padding_idx", Value.none), ("max_norm", Value.none),
                                                              ("norm_type", .float(2)), ("scale_grad_by_freq", .bool(false)), ("sparse", .bool(false))])) { _, a in
            guard !(try a.bool("sparse")) else { throw LanguageFailure("embedding(sparse=True): sparse gradients are not supported here", fix: "leave sparse out") }
            let weight = try a.tensor("weight"), index = try a.tensor("input")
            guard weight.rank == 2 else { throw LanguageFailure("'weight' must be 2-D") }
            if !a["max_norm"].isNone { try Self.renormalize(weight, rows: index, maxNorm: try a.double("max_norm"), normType: try a.double("norm_type")) }
            return .tensor(try Self.embedding(index, weight: weight, paddingIndex: try Self.paddingIndex(a["padding_idx"], rows: weight.shape[0]),
                                              scaleGradByFrequency: try a.bool("scale_grad_by_freq")))
        }
        return (layer, functional)
    }

    /// embedding_renorm_: each row the indices pick whose p-norm exceeds max_norm is scaled, in
    /// place and unrecorded, by max_norm / (norm + 1e-7); the indices taken in ascending order, as
    /// ATen sorts them, so an index out of range stops there with its `select()` error (a
    /// negative one in range counts from the end).
    static func renormalize(_ weight: Tensor, rows index: Tensor, maxNorm: Double, normType: Double) throws {
        let (count, width) = (weight.shape[0], weight.shape[1])
        defer { TensorKinds.shared.wroteInPlace(weight) }
        for picked in Set((0..<index.count).map { Int(index.data[$0]) }).sorted() {
            guard (-count..<count).contains(picked) else {
                throw LanguageFailure("select(): index \(picked) out of range for tensor of size [\(count), \(width)] at dimension 0", as: .indexError)
            }
            let r = picked < 0 ? picked + count : picked
            let row = weight.data + r * width
            var norm = 0.0
            for j in 0..<width { norm += pow(Double(abs(row[j])), normType) }
            norm = pow(norm, 1 / normType)
            if norm > maxNorm {
                let scale = Float(maxNorm / (norm + 1e-7))
                for j in 0..<width { row[j] *= scale }
            }
        }
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
    static func embedding(_ index: Tensor, weight: Tensor, paddingIndex: Int?, scaleGradByFrequency: Bool = false) throws -> Tensor {
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
        // scale_grad_by_freq: each row's gradient divided by how often the batch picks it
        var frequency: [Int: Float] = [:]
        if scaleGradByFrequency { for r in picked { frequency[r, default: 0] += 1 } }
        return Autograd.record(out, "embedding", inputs: [weight]) { gy in
            let g = Tensor(zeros: weight.shape)
            for (i, r) in picked.enumerated() where r != paddingIndex {
                let scale = frequency[r].map { 1 / $0 } ?? 1
                for j in 0..<width { g.data[r * width + j] += gy.data[i * width + j] * scale }
            }
            return [g]
        }
    }
}
