import CBLAS

/// Fully connected layer and the small tensor operations around the classifier head.
public enum Dense {
    // x: (N, in), weight: (out, in), bias: (out) or nil → y: (N, out) = x · Wᵀ + b
    public static func linear(_ x: Tensor, weight: Tensor, bias: Tensor?) throws -> Tensor {
        guard x.rank == 2 else {
            throw TensorError.shapeMismatch("Linear input must be 2-D (N, features), got \(formatShape(x.shape)): flatten it first")
        }
        guard weight.rank == 2 else { throw TensorError.shapeMismatch("Linear weight must be 2-D, got \(formatShape(weight.shape))") }
        let (n, inF) = (x.shape[0], x.shape[1]), (outF, wIn) = (weight.shape[0], weight.shape[1])
        guard inF == wIn else { throw TensorError.linearFeatures(input: x.shape, inFeatures: wIn, outFeatures: outF, hasBias: bias != nil) }
        if let b = bias { try requireShape(b.shape, equals: [outF], "Linear bias") }
        let y = Tensor(zeros: [n, outF])
        if n == 1 {
            if let bias { y.data.update(from: bias.data, count: outF) }
            // One row: y = W·x + b is a matrix-vector product, much faster than a 1-row GEMM.
            cblas_sgemv(CblasRowMajor, CblasNoTrans, Int32(outF), Int32(inF), 1, weight.data, Int32(inF),
                        x.data, 1, bias == nil ? 0 : 1, y.data, 1)
            return y
        }
        // y (N, out) = x (N, in) × Wᵀ (in, out) on the C kernels' GEMM, then + b on every row
        let workspace = Workspace()
        Gemm.multiply(m: n, n: outF, k: inF, a: .init(x.data, rowStride: inF), b: .init(weight.data, rowStride: inF, transposed: true),
                      c: y.data, ldc: outF, workspace: workspace)
        withExtendedLifetime(workspace) {}
        if let bias { for row in 0..<n { for j in 0..<outF { y.data[row * outF + j] += bias.data[j] } } }
        return y
    }

    // x: (N, d1, d2, …) → (N, d1·d2·…)
    public static func flatten(_ x: Tensor) throws -> Tensor {
        guard x.rank >= 1 else { throw TensorError.shapeMismatch("Flatten needs a batch dimension, got a scalar") }
        // The product of the other dimensions, not count / N: a batch of 0 keeps its features.
        return try x.reshaped([x.shape[0], x.shape.dropFirst().reduce(1, *)])     // reshaped records its backward
    }

    // logits: (N, K) → probabilities (N, K), each row summing to 1 (max-subtracted for stability)
    public static func softmax(_ logits: Tensor) throws -> Tensor {
        guard logits.rank == 2 else { throw TensorError.shapeMismatch("softmax expects (N, classes), got \(formatShape(logits.shape))") }
        let (n, k) = (logits.shape[0], logits.shape[1])
        let y = Tensor(zeros: logits.shape)
        for row in 0..<n {
            let src = logits.data + row * k, dst = y.data + row * k
            var m = -Float.infinity
            for j in 0..<k { m = max(m, src[j]) }
            var sum: Double = 0
            for j in 0..<k { let e = Foundation.expf(src[j] - m); dst[j] = e; sum += Double(e) }
            let inv = Float(1 / sum)
            for j in 0..<k { dst[j] *= inv }
        }
        return y
    }

    /// Mean cross-entropy of logits (N, K) against class indices (N values in 0..<K):
    /// mean over the batch of −log softmax(logits)[target], as `nn.CrossEntropyLoss()`.
    public static func crossEntropy(_ logits: Tensor, targets: [Int]) throws -> Double {
        guard logits.rank == 2 else { throw TensorError.shapeMismatch("cross_entropy expects (N, classes), got \(formatShape(logits.shape))") }
        let (n, k) = (logits.shape[0], logits.shape[1])
        guard targets.count == n else { throw TensorError.shapeMismatch("cross_entropy: \(n) rows of logits but \(targets.count) targets") }
        var total: Double = 0
        for row in 0..<n {
            guard (0..<k).contains(targets[row]) else {
                throw TensorError.invalidArgument("cross_entropy: target \(targets[row]) out of range 0..<\(k)")
            }
            let src = logits.data + row * k
            var m = -Double.infinity
            for j in 0..<k { m = max(m, Double(src[j])) }
            var sum: Double = 0
            for j in 0..<k { sum += Foundation.exp(Double(src[j]) - m) }
            total += (m + Foundation.log(sum)) - Double(src[targets[row]])
        }
        return total / Double(max(n, 1))
    }

    // inputs: [(N, C_i, H, W)] → (N, ΣC_i, H, W)
    public static func concatChannels(_ inputs: [Tensor]) throws -> Tensor {
        guard let first = inputs.first else { throw TensorError.invalidArgument("cat needs at least one tensor") }
        let (n, _, h, w) = try dims4(first, "cat input")
        var total = 0
        for (i, t) in inputs.enumerated() {
            let (tn, tc, th, tw) = try dims4(t, "cat input \(i + 1)")
            guard tn == n, th == h, tw == w else {
                throw TensorError.shapeMismatch("cat along channels needs equal N, H, W: input 1 is \(formatShape(first.shape)), input \(i + 1) is \(formatShape(t.shape))")
            }
            total += tc
        }
        if inputs.contains(where: \.isMeta) { return Tensor(meta: [n, total, h, w]) }
        let y = Tensor(uninitialized: [n, total, h, w])     // every input's planes copied in below
        defer {
            // backward: the gradient is sliced back into the inputs' channel ranges
            Autograd.record(y, "cat", inputs: inputs) { [channels = inputs.map { $0.shape[1] }] gy in
                try DenseBackward.concatChannels(channels: channels, gradOutput: gy)
            }
        }
        moveChannelSlices(images: n, channels: inputs.map { $0.shape[1] }, plane: h * w, concatenation: y.data,
                          pieces: inputs.map(\.data), intoConcatenation: true)
        return y
    }

    /// Each image's block of each piece to or from its channel slice of the concatenation, the
    /// (image, piece) blocks shared out between the threads: cat's forward and its backward.
    // pieces: [(N, C_i, H·W)] ↔ concatenation: (N, ΣC_i, H·W)
    static func moveChannelSlices(images n: Int, channels: [Int], plane: Int, concatenation: UnsafeMutablePointer<Float>,
                                  pieces: [UnsafeMutablePointer<Float>], intoConcatenation: Bool) {
        let k = channels.count
        guard k > 0, n > 0 else { return }
        var offsets: [Int] = [], total = 0               // each piece's first channel in the concatenation
        for c in channels { offsets.append(total); total += c }
        Parallel.chunks(n * k, costPerItem: total * plane / k) { range in
            for item in range {
                let (img, j) = (item / k, item % k), count = channels[j] * plane
                let slice = concatenation + (img * total + offsets[j]) * plane, block = pieces[j] + img * count
                if intoConcatenation { slice.update(from: block, count: count) } else { block.update(from: slice, count: count) }
            }
        }
    }
}

import Foundation
