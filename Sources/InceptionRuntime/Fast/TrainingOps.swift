import CBLAS
import CKernels

/// BatchNorm2d in train mode on a convolution's output, in place, then ReLU if it follows:
/// each channel's mean and (biased) variance over its N·H·W values, y = (x − μ)/√(σ² + ε)·γ + β,
/// and the running statistics updated as the reference kernel does (momentum, unbiased
/// variance). Sums run as in `Normalization.batchNormTrain` (each H×W plane in float, the
/// planes in double) but eight lanes wide (`ck_channel_moments`), so the two agree to rounding.
final class BatchNormTrainOp: PlanOp {
    let label: String
    let kind: String
    let slice: PlanSlice
    let norm: BatchNorm2d
    let relu: Bool
    var multAdds: Int { 0 }
    var buffersUsed: [PlanBuffer] { [slice.buffer] }

    init(label: String, slice: PlanSlice, norm: BatchNorm2d, relu: Bool) {
        self.label = label; self.slice = slice; self.norm = norm; self.relu = relu
        kind = "BatchNorm2d (batch statistics)" + (relu ? "+ReLU" : "")
    }

    // slice: (C, N, H, W) in place; the parts take the channels a few at a time.
    func run(_ context: PlanContext, part: Int) {
        let (n, plane, count) = (slice.batch, slice.height * slice.width, slice.rowLength)
        let (gamma, beta, runningMean, runningVar) = (norm.weight.data, norm.bias.data, norm.runningMean.data, norm.runningVar.data)
        let momentum = norm.momentum
        context.forEachPiece(of: slice.channels, chunk: max(4, slice.channels / (4 * context.threads))) { channels in
            for ch in channels {
                let row = slice.base + ch * count
                var mean: Double = 0, squares: Double = 0
                ck_channel_moments(row, Int32(n), Int32(plane), plane, &mean, &squares)
                let meanF = Float(mean)
                let (scale, shift) = Normalization.BatchStatistics.affine(mean: mean, squares: squares, gamma: gamma[ch], beta: beta[ch],
                                                                          count: count, eps: norm.eps)
                ck_scale_shift(row, row, count, scale, shift, relu ? 1 : 0)
                runningMean[ch] = (1 - momentum) * runningMean[ch] + momentum * meanF
                runningVar[ch] = (1 - momentum) * runningVar[ch] + momentum * Float(squares / Double(count - 1))
            }
        }
    }
}

/// nn.Flatten on planes: (C, N, H, W) → the matrix (N, C·H·W), each image's values in
/// (c, y, x) order as the reference's NCHW flatten gives them.
final class FlattenOp: PlanOp {
    let label: String
    let kind = "Flatten"
    let source: PlanSlice
    let output: Tensor
    var multAdds: Int { 0 }
    var buffersUsed: [PlanBuffer] { [source.buffer] }

    init(label: String, source: PlanSlice) {
        self.label = label; self.source = source
        output = Tensor(zeros: [source.batch, source.channels * source.height * source.width])
    }

    func run(_ context: PlanContext, part: Int) {
        let c = source.channels
        copyCNHWToNCHW(source.base, channels: Parallel.piece(part, of: context.threads, c), of: c, batch: source.batch,
                       plane: source.height * source.width, into: output.data)
    }
}

/// Linear on a matrix: y (N, out) = x (N, in) · Wᵀ + b, each part a block of output features.
final class MatrixLinearOp: PlanOp {
    let label: String
    let kind = "Linear"
    let input: Tensor
    let weight: Tensor, bias: Tensor?
    let output: Tensor
    var multAdds: Int { output.count * weight.shape[1] }
    var buffersUsed: [PlanBuffer] { [] }

    init(label: String, input: Tensor, weight: Tensor, bias: Tensor?) {
        self.label = label; self.input = input; self.weight = weight; self.bias = bias
        output = Tensor(zeros: [input.shape[0], weight.shape[0]])
    }

    func run(_ context: PlanContext, part: Int) {
        let (n, inF, outF) = (input.shape[0], weight.shape[1], weight.shape[0])
        let features = Parallel.piece(part, of: context.threads, outF)
        guard !features.isEmpty else { return }
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(n), Int32(features.count), Int32(inF),
                    1, input.data, Int32(inF), weight.data + features.lowerBound * inF, Int32(inF),
                    0, output.data + features.lowerBound, Int32(outF))
        guard let bias else { return }
        for row in 0..<n { for j in features { output.data[row * outF + j] += bias.data[j] } }
    }
}

/// ReLU on a matrix, in place.
final class MatrixReLUOp: PlanOp {
    let label: String
    let kind = "ReLU"
    let matrix: Tensor
    var multAdds: Int { 0 }
    var buffersUsed: [PlanBuffer] { [] }

    init(label: String, matrix: Tensor) { self.label = label; self.matrix = matrix }

    func run(_ context: PlanContext, part: Int) {
        for i in Parallel.piece(part, of: context.threads, matrix.count) { matrix.data[i] = max(matrix.data[i], 0) }
    }
}

/// Dropout in train mode on a matrix, drawing from the run's random stream in the same order
/// as the reference (`Elementwise.dropout`), so both paths drop the same units. One part does
/// it all: the draws are sequential.
final class DropoutOp: PlanOp {
    let label: String
    let kind = "Dropout"
    let p: Double
    let input: Tensor, output: Tensor
    var multAdds: Int { 0 }
    var buffersUsed: [PlanBuffer] { [] }

    init(label: String, p: Double, input: Tensor) {
        self.label = label; self.p = p; self.input = input
        output = Tensor(zeros: input.shape)
    }

    func run(_ context: PlanContext, part: Int) {
        guard part == 0 else { return }
        // p was checked when the Dropout module was built, so this cannot throw.
        let dropped = (try? Elementwise.dropout(input, p: p, rng: &context.random)) ?? input
        output.data.update(from: dropped.data, count: output.count)
    }
}
