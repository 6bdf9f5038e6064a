import Foundation
import InceptionRuntime

/// nn.LayerNorm and F.layer_norm: each sample normalised over its last dimensions (the
/// `normalized_shape`), then scaled and shifted element by element, with PyTorch's arguments,
/// repr, messages and backward (`NativeLayerNormBackward0`), by `RowNormalization`.
extension Interpreter {
    func layerNormBuiltins() -> (layer: Value, functional: Value) {
        let layer = Self.builtin(Signature("LayerNorm", [("normalized_shape", nil), ("eps", .float(1e-5)), ("elementwise_affine", .bool(true)),
                                                         ("bias", .bool(true)), ("device", Value.none), ("dtype", Value.none)])) { _, a in
            try Self.requireCPUArgument(a["device"])
            let shape = try Self.normalizedShape(a["normalized_shape"])
            let eps = try a.double("eps"), affine = try a.bool("elementwise_affine"), hasBias = try a.bool("bias")
            try MemoryBudget.check(shape: shape, what: "LayerNorm's weight")
            let m = Block(typeName: "LayerNorm", forward: .custom { block, x, _ in
                try Self.layerNorm(x, shape: shape, weight: block.parameters.first { $0.name == "weight" }?.tensor,
                                   bias: block.parameters.first { $0.name == "bias" }?.tensor, eps: eps)
            })
            if affine {
                m.registerParameter("weight", Tensor(repeating: 1, shape: shape))
                if hasBias { m.registerParameter("bias", Tensor(zeros: shape)) }
            }
            m.setTraining(true)
            let shapeText = "(" + shape.map(String.init).joined(separator: ", ") + (shape.count == 1 ? ",)" : ")")
            TensorKinds.shared.setArguments(m, "\(shapeText), eps=\(Self.floatRepr(a["eps"])), elementwise_affine=\(affine ? "True" : "False"), bias=\(affine && hasBias ? "True" : "False")")
            return .module(m)
        }
        let functional = Self.builtin(Signature("layer_norm", [("input", nil), ("normalized_shape", nil), ("weight", Value.none),
                                                                ("bias", Value.none), ("eps", .float(1e-5))])) { _, a in
            .tensor(try Self.layerNorm(try a.tensor("input"), shape: try Self.normalizedShape(a["normalized_shape"], functional: true),
                                       weight: a["weight"].asTensor, bias: a["bias"].asTensor, eps: try a.double("eps")))
        }
        return (layer, functional)
    }

    /// `normalized_shape` as an int (nn.LayerNorm only: F.layer_norm's is `int[]`), a list, a tuple
    /// or a torch.Size of ints ≥ 0; an empty one is refused when the norm runs, as PyTorch does.
    static func normalizedShape(_ v: Value, functional: Bool = false) throws -> [Int] {
        if functional, case .int = v {
            throw LanguageFailure("layer_norm(): argument 'normalized_shape' (position 2) must be tuple of ints, not int", as: .typeError)
        }
        let items = v.asInt.map { [Value.int($0)] } ?? v.sequenceItems()
        guard let items else {
            throw LanguageFailure("LayerNorm: normalized_shape must be an int or a sequence of ints, got \(v.typeName) \(v.repr)")
        }
        return try items.map { item in
            guard case .int(let n) = item else { throw LanguageFailure("LayerNorm: normalized_shape must hold ints, got \(item.repr)") }
            guard n >= 0 else { throw LanguageFailure("Trying to create tensor with negative dimension \(n): [" + items.map(\.repr).joined(separator: ", ") + "]") }
            return n
        }
    }

    /// y = (x − mean) / √(var + eps) · weight + bias, mean and (biased) var over the last
    /// `shape.count` dimensions of each row, the weight and bias element by element.
    // x: (…, *shape), weight and bias: shape or nil → (…, *shape)
    static func layerNorm(_ x: Tensor, shape: [Int], weight: Tensor?, bias: Tensor?, eps: Double) throws -> Tensor {
        guard !shape.isEmpty else {
            throw LanguageFailure("Expected normalized_shape to be at least 1-dimensional, i.e., containing at least one element, but got normalized_shape = []")
        }
        let expected = "[*, " + shape.map(String.init).joined(separator: ", ") + "]"
        guard x.rank >= shape.count, Array(x.shape.suffix(shape.count)) == shape else {
            throw LanguageFailure("Given normalized_shape=\(shape), expected input with shape \(expected), but got input of size\(x.shape)")
        }
        for (name, t) in [("weight", weight), ("bias", bias)] {
            if let t, t.shape != shape {
                throw LanguageFailure("layer_norm: \(name) has shape \(formatShape(t.shape)), but normalized_shape is \(formatShape(shape))")
            }
        }
        guard TensorOps.dtype(x) == .float32 else { throw LanguageFailure("mixed dtype (CPU): all inputs must share same datatype.", fix: "convert the input first: x.float()") }
        if x.isMeta { return Tensor(meta: x.shape) }
        let n = shape.reduce(1, *)
        // a 0 in normalized_shape: no rows to normalise, an empty result
        guard n > 0 else { return TensorOpsGrad.unary(x, Tensor(zeros: x.shape), "layer_norm") { _, _ in 0 } }
        return RowNormalization.normalize(x, rows: x.count / n, length: n, weight: weight, bias: bias, eps: eps,
                                          label: "layer_norm", gradName: "NativeLayerNormBackward0") { _, i in i }
    }
}
