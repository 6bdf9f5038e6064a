import CKernels
import Foundation

/// The training objective, with its gradient.
public enum Loss {
    /// Mean (or, `summed`, the sum) over the batch of −log softmax(logits)[label], as
    /// `nn.CrossEntropyLoss()` computes it in float: ATen's log_softmax, then nll_loss's cascade
    /// of partial sums (`ck_log_softmax_rows`, `ck_nll_cascade`), so the value has PyTorch's last
    /// bit. Returns the log-probabilities too, which the gradient reads. No rows: the sum is 0 and
    /// the mean 0/0 = nan, as PyTorch gives them.
    /// Reference twin: `NaiveBackwardKernels.crossEntropy` (in double).
    // logits: (N, K), labels: N values in 0..<K → loss: scalar, logProbs: (N, K)
    public static func crossEntropyForward(_ logits: Tensor, labels: [Int], summed: Bool = false) throws -> (loss: Float, logProbs: Tensor) {
        guard logits.rank == 2 else {
            throw TensorError.invalidArgument("cross_entropy expects logits of shape (N, classes), got \(formatShape(logits.shape))")
        }
        let (n, k) = (logits.shape[0], logits.shape[1])
        guard labels.count == n else {
            throw TensorError.invalidArgument("cross_entropy: \(n) rows of logits (\(formatShape(logits.shape))) but \(labels.count) labels")
        }
        for (row, label) in labels.enumerated() where !(0..<k).contains(label) {
            throw TensorError.invalidArgument("cross_entropy: label \(label) of row \(row) is out of range 0..<\(k)")
        }
        let logProbs = Tensor(uninitialized: logits.shape)
        ck_log_softmax_rows(logits.data, Int64(n), Int64(k), logProbs.data)
        let picked = labels.enumerated().map { logProbs.data[$0.offset * k + $0.element] }
        let total = ck_nll_cascade(picked, Int64(n))
        return (summed ? total : total / Float(n), logProbs)
    }

    /// The gradient of that loss for an output gradient g, as PyTorch's two backwards give it:
    /// nll_loss's −g/N (−g when summed) at each row's label, then log_softmax's
    /// gradInput = gradOutput − exp(logProbs) · Σ_row gradOutput (exp: Sleef's, as ATen's vectors).
    // logProbs: (N, K), labels: N → (N, K)
    public static func crossEntropyGradient(logProbs: Tensor, labels: [Int], outputGradient g: Float, summed: Bool = false) -> Tensor {
        let (n, k) = (logProbs.shape[0], logProbs.shape[1])
        let nll = -(summed ? g : g / Float(n))
        let grad = Tensor(uninitialized: logProbs.shape)
        for row in 0..<n {
            for j in 0..<k {
                let e = ck_sleef_expf(logProbs.data[row * k + j])
                grad.data[row * k + j] = (j == labels[row] ? nll : 0) - e * nll
            }
        }
        return grad
    }

    /// ATen's float log_softmax over each row's last dim (`ck_log_softmax_rows`).
    // x: (rows, k) → out: (rows, k)
    public static func logSoftmaxRows(_ x: UnsafePointer<Float>, rows: Int, k: Int, into out: UnsafeMutablePointer<Float>) {
        ck_log_softmax_rows(x, Int64(rows), Int64(k), out)
    }

    /// ATen's float softmax over each row's last dim (`ck_softmax_rows`).
    // x: (rows, k) → out: (rows, k)
    public static func softmaxRows(_ x: UnsafePointer<Float>, rows: Int, k: Int, into out: UnsafeMutablePointer<Float>) {
        ck_softmax_rows(x, Int64(rows), Int64(k), out)
    }

    /// −Σ picked as nll_loss adds it (`ck_nll_cascade`).
    public static func nllCascade(_ picked: [Float]) -> Float { ck_nll_cascade(picked, Int64(picked.count)) }

    /// exp as ATen's float vectors compute it (Sleef's expf, 1 ulp).
    public static func vectorExp(_ x: Float) -> Float { ck_sleef_expf(x) }

    /// The mean loss and its gradient for an output gradient of 1.
    // logits: (N, K), labels: N values in 0..<K → loss: scalar, gradLogits: (N, K)
    public static func crossEntropy(_ logits: Tensor, labels: [Int]) throws -> (loss: Float, gradLogits: Tensor) {
        let (loss, logProbs) = try crossEntropyForward(logits, labels: labels)
        return (loss, crossEntropyGradient(logProbs: logProbs, labels: labels, outputGradient: 1))
    }
}
