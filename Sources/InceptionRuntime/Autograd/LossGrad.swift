/// Losses as recorded operations: their value is a 0-d tensor whose backward starts the
/// backward pass of the network.
extension Autograd {
    /// Mean cross-entropy of logits against class indices, recorded.
    // logits: (N, K), labels: N indices in 0..<K → a 0-d tensor
    public static func crossEntropy(_ logits: Tensor, labels: [Int]) throws -> Tensor {
        try weightedCrossEntropy([(logits, 1)], labels: labels)
    }

    /// Σ_i w_i · CE(logits_i, labels): the seed's training loss is
    /// CE(main) + 0.3 · (CE(aux1) + CE(aux2)). One recorded node; its backward gives each head
    /// PyTorch's cross-entropy gradient for the output gradient w_i · g. `summed`: each CE is the
    /// sum over the batch (reduction='sum'), not the mean.
    // each logits: (N, K) → a 0-d tensor
    public static func weightedCrossEntropy(_ terms: [(logits: Tensor, weight: Float)], labels: [Int], summed: Bool = false) throws -> Tensor {
        var total: Float = 0
        var logProbs: [Tensor] = []
        for (logits, weight) in terms {
            let (loss, heads) = try Loss.crossEntropyForward(logits, labels: labels, summed: summed)
            total += weight * loss
            logProbs.append(heads)
        }
        let y = try Tensor(shape: [], values: [total])
        let weights = terms.map(\.weight)
        return record(y, "cross_entropy", inputs: terms.map(\.logits)) { gy in
            zip(logProbs, weights).map { heads, weight in
                Loss.crossEntropyGradient(logProbs: heads, labels: labels, outputGradient: gy.data[0] * weight, summed: summed)
            }
        }
    }
}
