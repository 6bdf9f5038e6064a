import CKernels

/// A convolution over very few input channels (conv1: the image's 3, 7×7 stride 2) without an
/// im2col matrix. Each image's input is laid out once as phase rows (`ck_phase_rows`: every
/// padded input row split by column remainder mod the stride, so the cells an output row reads
/// under one tap are one contiguous run), and the GEMM (`ck_gemm_gathered`) reads B's row
/// (c, ky, kx) for output row oy in place through a table of offsets, BatchNorm folded in and
/// ReLU in the epilogue:
///   dst[o, n, oy, ox] = max(Σ_(c,ky,kx) W'[o, c, ky, kx] · phase(c, oy·sh + ky, kx mod sw)[ox + kx / sw] + b'[o], 0)
/// conv1's im2col wrote a (147, 12544) matrix per image (7 MB) that the GEMM then packed again;
/// its phase rows are a 0.7 MB copy of the image. The threads build an image's phase rows
/// together, then take its output rows a few at a time.
/// Reference twin: `NaiveKernels.conv2d` (through the plan tests, on every GEMM build).
final class PhaseRowsConvOp: PlanOp {
    /// Convolutions over at most this many input channels go this way (an image's 3 or 4).
    static let channelLimit = 4
    static func applies(window: Window2d, inputChannels: Int) -> Bool {
        inputChannels <= channelLimit && window.kernel != (1, 1)
    }

    let label: String
    let kind: String
    let source: PlanSlice
    let destination: PlanSlice
    let window: Window2d
    let packedWeights: [Float]   // W' (O, C·kh·kw) with BatchNorm folded in, packed in 6-row panels
    let bias: [Float]            // (O)
    let relu: Bool
    /// Where B's row (c, ky, kx) starts in an output row's phase rows (oy·sh·sw rows in).
    let offsets: [Int32]
    /// Padded input rows per channel, and floats per phase row: the output row rounded up to the
    /// widest GEMM block (32), plus the furthest tap's shift.
    let paddedHeight: Int, phaseRowLength: Int

    init(label: String, kind: String, source: PlanSlice, destination: PlanSlice, window: Window2d,
         weights: [Float], bias: [Float], relu: Bool) {
        self.label = label; self.kind = kind + " (phase rows)"; self.source = source; self.destination = destination
        self.window = window; self.bias = bias; self.relu = relu
        let (kh, kw) = window.kernel, (sw, ph) = (window.stride.w, window.padding.h)
        let (rows, depth) = (destination.channels, source.channels * kh * kw)
        packedWeights = [Float](unsafeUninitializedCapacity: ck_gemm_packed_size(Int32(rows), Int32(depth))) { buffer, count in
            ck_gemm_pack(weights, Int32(rows), Int32(depth), depth, buffer.baseAddress!)
            count = buffer.count
        }
        paddedHeight = source.height + 2 * ph
        phaseRowLength = (destination.width + 31) / 32 * 32 + (kw - 1) / sw
        var offsets: [Int32] = []
        for c in 0..<source.channels {
            for ky in 0..<kh {
                for kx in 0..<kw { offsets.append(Int32(((c * paddedHeight + ky) * sw + kx % sw) * phaseRowLength + kx / sw)) }
            }
        }
        self.offsets = offsets
    }

    var buffersUsed: [PlanBuffer] { [source.buffer, destination.buffer] }
    var reduction: Int { source.channels * window.kernel.h * window.kernel.w }
    var multAdds: Int { destination.channels * reduction * destination.rowLength }
    /// One image's phase rows: (C, paddedHeight, sw, phaseRowLength).
    var imageFloats: Int { source.channels * paddedHeight * window.stride.w * phaseRowLength }

    func prepare(_ context: PlanContext) { _ = context.shared.floats(imageFloats) }

    func run(_ context: PlanContext, part: Int) {
        let (h, w, ho, wo) = (source.height, source.width, destination.height, destination.width)
        let (sh, sw) = window.stride, (ph, pw) = window.padding
        let phaseRows = context.shared.floats(imageFloats), inputRows = source.channels * paddedHeight
        let parts = context.threads
        packedWeights.withUnsafeBufferPointer { packed in
            bias.withUnsafeBufferPointer { b in
                offsets.withUnsafeBufferPointer { offsets in
                    for n in 0..<source.batch {
                        context.forEachPiece(of: inputRows, chunk: max(8, inputRows / (4 * parts))) { rows in
                            ck_phase_rows(source.base + n * h * w, source.rowLength, Int32(h), Int32(w), Int32(ph), Int32(pw), Int32(sw),
                                          Int32(paddedHeight), Int32(phaseRowLength), Int32(rows.lowerBound), Int32(rows.upperBound), phaseRows)
                        }
                        context.sync()
                        context.forEachPiece(of: ho, chunk: max(1, ho / (4 * parts))) { outputRows in
                            for oy in outputRows {
                                ck_gemm_gathered(0, Int32(destination.channels), Int32(wo), Int32(reduction), packed.baseAddress!,
                                                 phaseRows + oy * sh * sw * phaseRowLength, offsets.baseAddress!,
                                                 destination.base + n * ho * wo + oy * wo, destination.rowLength,
                                                 b.baseAddress!, relu ? 1 : 0)
                            }
                        }
                        if n + 1 < source.batch { context.sync() }       // the next image's phase rows go where these are
                    }
                }
            }
        }
    }
}
