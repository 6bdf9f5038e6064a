import InceptionRuntime

extension InceptionOutputs {
    /// The seed's training loss: CE(logits) + aux_weight · (CE(aux1) + CE(aux2)), mean
    /// cross-entropy over the batch; the aux terms only where the heads ran (train mode).
    /// A 0-d tensor: `Autograd.backward(loss)` starts the backward pass from it.
    public func totalLoss(labels: [Int], auxWeight: Float = 0.3) throws -> Tensor {
        var terms: [(logits: Tensor, weight: Float)] = [(logits, 1)]
        if auxWeight != 0 {
            for aux in [aux1, aux2].compactMap({ $0 }) { terms.append((aux, auxWeight)) }
        }
        return try Autograd.weightedCrossEntropy(terms, labels: labels)
    }
}
