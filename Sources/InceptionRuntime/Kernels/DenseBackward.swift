import CBLAS
import CKernels

/// Gradients of the classifier head's layers and of the element-wise layers.
/// Reference twin for `linear`: `NaiveBackwardKernels.linear`.
public enum DenseBackward {
    /// y = x·Wᵀ + b:  dx = gy·W,  dW = gyᵀ·x,  db = Σ_n gy (two GEMMs, on the C kernels' GEMM and
    /// all threads: at batch 8 both are passes over W's size, memory-bound, so two threads help).
    // x: (N, in), weight: (out, in), gradOutput: (N, out) → input: (N, in), weight: (out, in), bias: (out) or nil
    public static func linear(_ x: Tensor, weight: Tensor, hasBias: Bool, gradOutput gy: Tensor) throws
        -> (input: Tensor, weight: Tensor, bias: Tensor?) {
        guard x.rank == 2 else {
            throw TensorError.shapeMismatch("Linear input must be 2-D (N, features), got \(formatShape(x.shape)): flatten it first")
        }
        guard weight.rank == 2 else { throw TensorError.shapeMismatch("Linear weight must be 2-D, got \(formatShape(weight.shape))") }
        let (n, inF) = (x.shape[0], x.shape[1]), (outF, wIn) = (weight.shape[0], weight.shape[1])
        guard inF == wIn else { throw TensorError.linearFeatures(input: x.shape, inFeatures: wIn, outFeatures: outF, hasBias: hasBias) }
        try requireGradOutput(gy, [n, outF], "Linear")
        // written whole by the products (zeros where the depth is 0: no features out, or no images)
        let dx = Tensor(uninitialized: x.shape), dw = Tensor(uninitialized: weight.shape)
        let workspace = Workspace()
        // dx (N, in) = gy (N, out) × W (out, in)
        Gemm.multiply(m: n, n: inF, k: outF, a: .init(gy.data, rowStride: outF), b: .init(weight.data, rowStride: inF),
                      c: dx.data, ldc: inF, workspace: workspace)
        // dW (out, in) = gyᵀ (out, N) × x (N, in)
        Gemm.multiply(m: outF, n: inF, k: n, a: .init(gy.data, rowStride: outF, transposed: true), b: .init(x.data, rowStride: inF),
                      c: dw.data, ldc: inF, workspace: workspace)
        withExtendedLifetime(workspace) {}
        var db: Tensor?
        if hasBias {
            // db = gy.sum(0), added up as PyTorch's sum_to adds it (its last bit too)
            db = try Tensor(shape: [outF], values: CascadeSum.sum(gy.data, shape: [n, outF], reduced: [0]))
        }
        return (dx, dw, db)
    }

    /// The gradient passes where the ReLU's OUTPUT is > 0 (PyTorch's threshold_backward on the
    /// result), so an input of exactly 0 passes none.
    // output: any shape, gradOutput: the same shape → the same shape
    public static func relu(output: Tensor, gradOutput gy: Tensor) throws -> Tensor {
        try requireGradOutput(gy, output.shape, "ReLU")
        let dx = Tensor(uninitialized: output.shape)
        let y = output.data, g = gy.data, d = dx.data
        Parallel.chunks(output.count) { range in
            ck_relu_backward(y + range.lowerBound, g + range.lowerBound, d + range.lowerBound, range.count)
        }
        return dx
    }

    /// Slices a channel-concatenated gradient back into its pieces, in order.
    // channels: [C_1, C_2, …], gradOutput: (N, ΣC_i, H, W) → [(N, C_i, H, W)]
    public static func concatChannels(channels: [Int], gradOutput gy: Tensor) throws -> [Tensor] {
        guard !channels.isEmpty else { throw TensorError.invalidArgument("cat backward needs at least one piece") }
        guard channels.allSatisfy({ $0 >= 0 }) else {
            throw TensorError.invalidArgument("cat backward: channel counts must not be negative, got \(channels)")
        }
        let (n, total, h, w) = try dims4(gy, "cat gradOutput")
        let sum = channels.reduce(0, +)
        guard sum == total else {
            throw TensorError.shapeMismatch("cat backward: pieces of \(channels.map(String.init).joined(separator: " + ")) = \(sum) channels, but gradOutput has shape \(formatShape(gy.shape))")
        }
        let pieces = channels.map { Tensor(uninitialized: [n, $0, h, w]) }
        Dense.moveChannelSlices(images: n, channels: channels, plane: h * w, concatenation: gy.data, pieces: pieces.map(\.data),
                                intoConcatenation: false)
        return pieces
    }

    /// dx = gy · mask, the mask holding 0 (dropped) or 1/(1 − p) (kept), as `Elementwise.dropoutWithMask` made it.
    // mask: any shape, gradOutput: the same shape → the same shape
    public static func dropout(mask: Tensor, gradOutput gy: Tensor) throws -> Tensor {
        try requireGradOutput(gy, mask.shape, "Dropout")
        let dx = Tensor(zeros: mask.shape)
        let m = mask.data, g = gy.data, d = dx.data
        Parallel.chunks(mask.count) { range in for i in range { d[i] = g[i] * m[i] } }
        return dx
    }
}
