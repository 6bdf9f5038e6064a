/// Losses as recorded operations: their value is a 0-d tensor whose backward starts the
/// backward pass of the network.
extension Autograd {
    /// Mean cross-entropy of logits against class indices, recorded.
    // logits: (N, K), labels: N indices in 0..<K → a 0-d tensor
    public static func crossEntropy(_ logits: Tensor, labels: [Int]) throws -> Tensor {
        try weightedCrossEntropy([(logits, 1)], labels: labels)
    }

    /// Σ_i w_i · CE(logits_i, labels): the seed's training loss is
    /// CE(main) + 0.3 · (CE(aux1) + CE(aux2)). One recorded node whose backward scales each
    /// head's gradient (softmax − onehot) / N by its weight.
    // each logits: (N, K) → a 0-d tensor
    public static func weightedCrossEntropy(_ terms: [(logits: Tensor, weight: Float)], labels: [Int]) throws -> Tensor {
        var total: Float = 0
        var grads: [Tensor] = []
        for (logits, weight) in terms {
            let (loss, grad) = try Loss.crossEntropy(logits, labels: labels)
            total += weight * loss
            grads.append(grad)
        }
        let y = try Tensor(shape: [], values: [total])
        let weights = terms.map(\.weight)
        return record(y, "cross_entropy", inputs: terms.map(\.logits)) { gy in
            zip(grads, weights).map { grad, weight in
                let g = grad.copy()
                let factor = gy.data[0] * weight
                for i in 0..<g.count { g.data[i] *= factor }
                return g
            }
        }
    }
}
