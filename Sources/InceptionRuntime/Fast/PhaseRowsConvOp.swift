import CKernels

/// A convolution over very few input channels (conv1) by phase rows (`PhaseRows`: no im2col
/// matrix), BatchNorm folded into the weights and ReLU in the GEMM's epilogue. The threads build
/// an image's phase rows together, then take its output rows a few at a time.
final class PhaseRowsConvOp: PlanOp {
    let label: String
    let kind: String
    let source: PlanSlice
    let destination: PlanSlice
    let layout: PhaseRows
    let packedWeights: [Float]   // W' (O, C·kh·kw) with BatchNorm folded in, packed in 6-row panels
    let bias: [Float]            // (O)
    let relu: Bool

    init(label: String, kind: String, source: PlanSlice, destination: PlanSlice, layout: PhaseRows,
         weights: [Float], bias: [Float], relu: Bool) {
        self.label = label; self.kind = kind + " (phase rows)"; self.source = source; self.destination = destination
        self.bias = bias; self.relu = relu; self.layout = layout
        packedWeights = Gemm.packed(weights, rows: destination.channels, depth: layout.depth)
    }

    var buffersUsed: [PlanBuffer] { [source.buffer, destination.buffer] }
    var multAdds: Int { destination.channels * layout.depth * destination.rowLength }

    func prepare(_ context: PlanContext) { _ = context.shared.floats(layout.imageFloats) }

    func run(_ context: PlanContext, part: Int) {
        let (ho, wo, parts) = (destination.height, destination.width, context.threads)
        let phaseRows = context.shared.floats(layout.imageFloats), inputRows = layout.inputRows
        packedWeights.withUnsafeBufferPointer { packed in
            bias.withUnsafeBufferPointer { b in
                for n in 0..<source.batch {
                    context.forEachPiece(of: inputRows, chunk: max(8, inputRows / (4 * parts))) { rows in
                        layout.build(source.base + n * source.height * source.width, channelStride: source.rowLength, rows: rows, into: phaseRows)
                    }
                    context.sync()
                    context.forEachPiece(of: ho, chunk: max(1, ho / (4 * parts))) { outputRows in
                        layout.multiplyRows(outputRows, phaseRows: phaseRows, packed: packed.baseAddress!, outChannels: destination.channels,
                                            into: destination.base + n * ho * wo + outputRows.lowerBound * wo, ldc: destination.rowLength,
                                            bias: b.baseAddress!, relu: relu)
                    }
                    if n + 1 < source.batch { context.sync() }       // the next image's phase rows go where these are
                }
            }
        }
    }
}
