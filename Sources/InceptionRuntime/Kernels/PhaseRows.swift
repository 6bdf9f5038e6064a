import CKernels

/// A convolution over very few input channels (conv1: the image's 3, 7×7 stride 2) multiplied
/// without an im2col matrix. Each image's input is laid out once as phase rows (`ck_phase_rows`:
/// every padded input row split by column remainder mod the stride, so the cells an output row
/// reads under one tap are one contiguous run), and the GEMM (`ck_gemm_gathered`) reads B's row
/// (c, ky, kx) for output row oy in place through a table of offsets:
///   y[o, oy, ox] = Σ_(c,ky,kx) W[o, c, ky, kx] · phase(c, oy·sh + ky, kx mod sw)[ox + kx / sw] + b[o]
/// conv1's im2col wrote a (147, 12544) matrix per image (7 MB) that the GEMM then packed again;
/// its phase rows are a 0.7 MB copy of the image. What the fast path's `PhaseRowsConvOp` and the
/// training path's `Convolution` share; the training path's weight gradients read any
/// convolution's input this way (`weightGradient`, not only few channels). Reference twin:
/// `NaiveKernels.conv2d`.
struct PhaseRows {
    /// Convolutions over at most this many input channels go this way (an image's 3 or 4).
    static let channelLimit = 4
    static func applies(window: Window2d, inputChannels: Int) -> Bool {
        inputChannels <= channelLimit && window.kernel != (1, 1)
    }

    let channels: Int, height: Int, width: Int, window: Window2d
    let outHeight: Int, outWidth: Int
    /// Padded input rows per channel, and floats per phase row: the output row rounded up to the
    /// widest GEMM block (32), plus the furthest tap's shift.
    let paddedHeight: Int, rowLength: Int
    /// Where B's row (c, ky, kx) starts in output row 0's phase rows (row oy: oy·sh·sw rows on).
    let offsets: [Int32]

    /// nil when one image's phase rows would not be addressable by the C kernels' 32-bit offsets
    /// (an image of over 2^31 floats; the caller then goes by im2col).
    init?(channels: Int, height: Int, width: Int, window: Window2d, outHeight: Int, outWidth: Int) {
        self.channels = channels; self.height = height; self.width = width; self.window = window
        self.outHeight = outHeight; self.outWidth = outWidth
        let (kh, kw) = window.kernel, sw = window.stride.w
        paddedHeight = height + 2 * window.padding.h
        rowLength = (outWidth + 31) / 32 * 32 + (kw - 1) / sw
        guard channels * paddedHeight * sw * rowLength < Int(Int32.max) else { return nil }
        var offsets: [Int32] = []
        for c in 0..<channels {
            for ky in 0..<kh {
                for kx in 0..<kw { offsets.append(Int32(((c * paddedHeight + ky) * sw + kx % sw) * rowLength + kx / sw)) }
            }
        }
        self.offsets = offsets
    }

    /// The GEMM's depth: C·kh·kw.
    var depth: Int { offsets.count }
    /// Rows `build` fills: C·paddedHeight.
    var inputRows: Int { channels * paddedHeight }
    /// One image's phase rows: (C, paddedHeight, sw, rowLength).
    var imageFloats: Int { inputRows * window.stride.w * rowLength }
    /// Floats from output row oy's runs to row oy + 1's: sh padded rows of sw phases.
    var rowStep: Int { window.stride.h * window.stride.w * rowLength }

    /// Rows `rows` of C·paddedHeight of one image's phase rows; channel c's plane at src + c·channelStride.
    // src: (C, H, W) planes → phaseRows: (C, paddedHeight, sw, rowLength)
    func build(_ src: UnsafePointer<Float>, channelStride: Int, rows: Range<Int>, into phaseRows: UnsafeMutablePointer<Float>) {
        ck_phase_rows(src, channelStride, Int32(height), Int32(width), Int32(window.padding.h), Int32(window.padding.w),
                      Int32(window.stride.w), Int32(paddedHeight), Int32(rowLength), Int32(rows.lowerBound), Int32(rows.upperBound),
                      phaseRows)
    }

    /// Output rows `rows` of every output channel: dst[o·ldc + (oy − rows.lowerBound)·outWidth + ox]
    /// = (W[o] · B_oy)[ox] (+ bias[o], then max(·, 0) if relu), W packed by ck_gemm_pack.
    // packed: W (outChannels, depth) in 6-row panels → dst: (outChannels, |rows|·outWidth), rows ldc apart
    func multiplyRows(_ rows: Range<Int>, phaseRows: UnsafePointer<Float>, packed: UnsafePointer<Float>, outChannels: Int,
                      into dst: UnsafeMutablePointer<Float>, ldc: Int, bias: UnsafePointer<Float>?, relu: Bool) {
        offsets.withUnsafeBufferPointer { offsets in
            ck_gemm_gathered_rows(0, Int32(outChannels), Int32(rows.count), Int32(outWidth), Int32(depth), packed,
                                  phaseRows + rows.lowerBound * rowStep, offsets.baseAddress!, rowStep,
                                  dst, ldc, bias, relu ? 1 : 0)
        }
    }
}
