import Foundation

/// The training objective, with its gradient.
public enum Loss {
    /// Mean over the batch of −log softmax(logits)[label], as `nn.CrossEntropyLoss()`, computed in
    /// double with each row's max subtracted; gradLogits = (softmax − onehot(label)) / N.
    /// Reference twin: `NaiveBackwardKernels.crossEntropy`.
    // logits: (N, K), labels: N values in 0..<K → loss: scalar, gradLogits: (N, K)
    public static func crossEntropy(_ logits: Tensor, labels: [Int]) throws -> (loss: Float, gradLogits: Tensor) {
        guard logits.rank == 2 else {
            throw TensorError.invalidArgument("cross_entropy expects logits of shape (N, classes), got \(formatShape(logits.shape))")
        }
        let (n, k) = (logits.shape[0], logits.shape[1])
        guard labels.count == n else {
            throw TensorError.invalidArgument("cross_entropy: \(n) rows of logits (\(formatShape(logits.shape))) but \(labels.count) labels")
        }
        guard n > 0 else { throw TensorError.invalidArgument("cross_entropy needs at least one row of logits, got \(formatShape(logits.shape))") }
        for (row, label) in labels.enumerated() where !(0..<k).contains(label) {
            throw TensorError.invalidArgument("cross_entropy: label \(label) of row \(row) is out of range 0..<\(k)")
        }
        let grad = Tensor(zeros: logits.shape)
        var total: Double = 0
        let invN = 1 / Double(n)
        for row in 0..<n {
            let src = logits.data + row * k, dst = grad.data + row * k
            var m = -Double.infinity
            for j in 0..<k { m = max(m, Double(src[j])) }
            var sum: Double = 0
            for j in 0..<k { sum += Foundation.exp(Double(src[j]) - m) }
            let logSum = m + Foundation.log(sum)
            total += logSum - Double(src[labels[row]])
            for j in 0..<k {
                let p = Foundation.exp(Double(src[j]) - logSum)
                dst[j] = Float((p - (j == labels[row] ? 1 : 0)) * invN)
            }
        }
        return (Float(total * invN), grad)
    }
}
