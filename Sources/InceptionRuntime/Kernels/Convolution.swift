import CBLAS
import CKernels

/// The training path's 2-D convolution, on the C kernels' GEMM (`Gemm.multiply`), by the shape:
/// - a "same" 3×3 or 5×5: Winograd's F(m×m, r×r) (`WinogradConvolution`), reading x and writing y
///   where they lie in NCHW;
/// - very few input channels (conv1): each image's phase rows, no im2col (`PhaseRows`);
/// - output maps of 128 cells or more: one GEMM per image, written into y_i in place, on x_i's
///   planes for a stride-1 unpadded 1×1, else on image i's columns of the batch's im2col
///   (`ck_im2col` of the input laid out channel-major);
/// - smaller maps (7×7: 49 columns an image): ONE GEMM over all N·Ho·Wo columns of the
///   channel-major input (unfolded unless a 1×1), its (O, N·Ho·Wo) product laid back out as
///   (N, O, Ho, Wo) with the bias.
/// A padded convolution whose weight holds a NaN or an infinity runs by `DirectConvolution`, which
/// multiplies the padding's zeros (∞ · 0 = NaN) only where PyTorch does (`ConvolutionPadding`).
/// Reference twin: `NaiveKernels.conv2d` (Kernels/Naive/), which the tests compare it with.
public enum Convolution {
    // x: (N, C, H, W), weight: (O, C, kh, kw), bias: (O) or nil  →  y: (N, O, Ho, Wo)
    public static func conv2d(_ x: Tensor, weight: Tensor, bias: Tensor?, window: Window2d,
                              workspace: Workspace? = nil) throws -> Tensor {
        let (n, c, h, w, o, kh, kw, ho, wo) = try geometry(x, weight: weight, window: window)
        if let b = bias { try requireShape(b.shape, equals: [o], "Conv2d bias") }
        try MemoryBudget.check(shape: [n, o, ho, wo], what: "the Conv2d output")
        let k = c * kh * kw, columns = n * ho * wo
        try checkColumns(k: k, columns: columns, o: o, window: window, x: x)
        if columns == 0 { return Tensor(zeros: [n, o, ho, wo]) }
        if window.padding != (0, 0), DirectConvolution.holdsNonFinite(weight) {
            // an infinite or NaN weight meets the padding: its zeros multiplied (∞ · 0 = NaN) or
            // skipped as PyTorch's backend for this shape does
            return DirectConvolution.conv2d(x, weight: weight, bias: bias, window: window,
                                            multiplyPadding: !ConvolutionPadding.skipped(input: x.shape, weight: weight.shape, window: window))
        }
        let y = Tensor(uninitialized: [n, o, ho, wo])        // every value written below
        let scratch = workspace ?? Workspace()          // kept alive until the GEMM is done
        // (the weight is finite here whenever there is padding, and Winograd's windows have it)
        if WinogradConvolution.applies(window, channels: c, outChannels: o, operands: [x]) {
            // y = the r×r convolution of x tile by tile, + bias, both read and written where they lie
            WinogradConvolution.convolve(x.data, .nchw(channels: c, height: h, width: w), channels: c, batch: n, height: h, width: w,
                                         kernel: kh, weight: weight.data, outChannels: o, filters: .forward, bias: bias.map { UnsafePointer($0.data) },
                                         into: y.data, .nchw(channels: o, height: h, width: w), workspace: scratch)
            withExtendedLifetime(scratch) {}
            return y
        }
        let plane = ho * wo
        if PhaseRows.applies(window: window, inputChannels: c),
           let layout = PhaseRows(channels: c, height: h, width: w, window: window, outHeight: ho, outWidth: wo) {
            // conv1: y_i's rows straight from image i's phase rows (no im2col), + b
            let packed = scratch.floats(ck_gemm_packed_size(Int32(o), Int32(k)), slot: Gemm.packedSlot)
            ck_gemm_pack(weight.data, Int32(o), Int32(k), k, packed)
            let phaseRows = scratch.floats(layout.imageFloats)
            let parts = Parallel.threads
            for i in 0..<n {
                Parallel.chunks(layout.inputRows, costPerItem: layout.rowLength * window.stride.w) { rows in
                    layout.build(x.data + i * c * h * w, channelStride: h * w, rows: rows, into: phaseRows)
                }
                Parallel.pieces(ho, chunk: max(1, ho / (4 * parts)), parts: parts, enough: o * k * plane >= 1 << 16) { rows, _ in
                    layout.multiplyRows(rows, phaseRows: phaseRows, packed: packed, outChannels: o, into: y.data + i * o * plane + rows.lowerBound * wo,
                                        ldc: plane, bias: bias.map { UnsafePointer($0.data) }, relu: false)
                }
            }
            withExtendedLifetime(scratch) {}
            return y
        }
        if plane >= eachImageFromCells {
            // y_i (O, Ho·Wo) = W (O, K) × image i's columns (K, Ho·Wo) + b, written where it lies
            withImageColumns(x, window: window, outH: ho, outW: wo, workspace: scratch) { cols in
                Gemm.multiplyImages(images: n, m: o, n: plane, k: k, a: .init(weight.data, rowStride: k),
                                    b: { .init(cols.of($0), rowStride: cols.row) }, c: { y.data + $0 * o * plane }, ldc: plane,
                                    bias: bias.map { UnsafePointer($0.data) }, workspace: scratch)
            }
            withExtendedLifetime(scratch) {}
            return y
        }
        let product = scratch.floats(o * columns, slot: 1)
        withColumns(x, window: window, outH: ho, outW: wo, workspace: scratch) { cols in
            // product (O, N·Ho·Wo) = W (O, C·kh·kw) × cols (C·kh·kw, N·Ho·Wo)
            Gemm.multiply(m: o, n: columns, k: k, a: .init(weight.data, rowStride: k), b: .init(cols, rowStride: columns),
                          c: product, ldc: columns, workspace: scratch)
        }
        swapLeadingAxes(UnsafePointer(product), o, n, plane: ho * wo, into: y.data, bias: bias?.data)
        withExtendedLifetime(scratch) {}
        return y
    }

    /// A convolution whose output maps have at least this many cells multiplies image by image
    /// where its tensors lie: a stride-1, unpadded 1×1 reads each image's planes as a (C, H·W)
    /// matrix in NCHW, the others read image i's columns of the batch's im2col, and both write
    /// y_i (O, Ho·Wo) in place. On smaller maps (7×7: 49 columns an image, most of a second
    /// 32-column panel wasted) one product over all N·Ho·Wo columns and a layout swap pay better.
    public static let eachImageFromCells = 128

    /// Where each image's columns (C·kh·kw, Ho·Wo) lie: image i's at `of(i)`, rows `row` floats apart.
    struct ImageColumns {
        let base: UnsafePointer<Float>, image: Int, row: Int
        func of(_ i: Int) -> UnsafePointer<Float> { base + i * image }
    }

    /// Each image's columns, handed to `body` while they live: a stride-1, unpadded 1×1's are x_i's
    /// planes where they lie (no copy), the others image i's block of the batch's im2col.
    // x: (N, C, H, W) → N × (C·kh·kw, Ho·Wo)
    static func withImageColumns(_ x: Tensor, window: Window2d, outH ho: Int, outW wo: Int, workspace: Workspace,
                                 _ body: (ImageColumns) -> Void) {
        let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        if window == Window2d(kernel: 1, stride: 1) {
            body(ImageColumns(base: x.data, image: c * h * w, row: h * w))
            return
        }
        withColumns(x, window: window, outH: ho, outW: wo, workspace: workspace) { cols in
            body(ImageColumns(base: cols, image: ho * wo, row: n * ho * wo))
        }
    }

    /// The unfolded input of the whole batch, handed to `body` while it lives: (C·kh·kw, N·Ho·Wo),
    /// rows ordered (c, ky, kx) like the weights, columns (n, oy, ox). Built in the workspace.
    // x: (N, C, H, W) → cols: (C·kh·kw, N·Ho·Wo)
    static func withColumns(_ x: Tensor, window: Window2d, outH ho: Int, outW wo: Int, workspace: Workspace,
                            _ body: (UnsafePointer<Float>) -> Void) {
        let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let (kh, kw) = window.kernel, (sh, sw) = window.stride, (ph, pw) = window.padding
        let k = c * kh * kw, columns = n * ho * wo
        let pointwise = kh == 1 && kw == 1 && window.stride == (1, 1) && window.padding == (0, 0)
        // Channel-major input (C, N·H·W): for a pointwise convolution this is already the columns.
        let (channelMajor, cols) = channelMajorInput(x, extra: pointwise ? 0 : k * columns, workspace: workspace)
        if pointwise { body(channelMajor); return }
        Parallel.chunks(k, costPerItem: columns) { rows in
            ck_im2col(channelMajor, n * h * w, Int32(h), Int32(w), Int32(kh), Int32(kw), Int32(sh), Int32(sw),
                      Int32(ph), Int32(pw), Int32(ho), Int32(wo), Int32(rows.lowerBound), Int32(rows.upperBound),
                      0, columns, cols)
        }
        body(UnsafePointer(cols))
    }

    /// One image is channel-major as it stands; a batch is laid out so in workspace slot 0, which
    /// is made `extra` floats longer. Returns the input and those `extra` floats (the columns).
    private static func channelMajorInput(_ x: Tensor, extra: Int, workspace: Workspace)
        -> (input: UnsafePointer<Float>, extra: UnsafeMutablePointer<Float>) {
        let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let copied = n == 1 ? 0 : c * n * h * w
        let buffer = workspace.floats(copied + extra)
        if n == 1 { return (UnsafePointer(x.data), buffer) }
        swapLeadingAxes(UnsafePointer(x.data), n, c, plane: h * w, into: buffer)
        return (UnsafePointer(buffer), buffer + copied)
    }

    /// (A, B, plane) → (B, A, plane), a plane at a time: NCHW ↔ CNHW. With `bias` (A values),
    /// each output plane (b, a) gets bias[a] added (A is the channels of a GEMM product).
    // src: (A, B, plane) → dst: (B, A, plane)
    static func swapLeadingAxes(_ src: UnsafePointer<Float>, _ a: Int, _ b: Int, plane: Int,
                                into dst: UnsafeMutablePointer<Float>, bias: UnsafePointer<Float>? = nil) {
        Parallel.chunks(b, costPerItem: a * plane) { range in
            for j in range {
                for i in 0..<a {
                    let from = src + (i * b + j) * plane, to = dst + (j * a + i) * plane
                    if let bias {
                        let add = bias[i]
                        for e in 0..<plane { to[e] = from[e] + add }
                    } else {
                        to.update(from: from, count: plane)
                    }
                }
            }
        }
    }

    /// The GEMM's sides must fit the BLAS's 32-bit sizes, and the columns the memory budget.
    static func checkColumns(k: Int, columns: Int, o: Int, window: Window2d, x: Tensor) throws {
        try MemoryBudget.check(shape: [k, columns], what: "Conv2d's unfolded input (im2col)")
        guard [o, k, columns].allSatisfy({ $0 <= Int(Int32.max) }) else {
            throw TensorError.invalidArgument("Conv2d \(window.label) on \(formatShape(x.shape)): a matrix side is larger than the BLAS limit of 2^31 − 1")
        }
    }

    /// The sizes of a convolution, checked: input (N, C, H, W), weight (O, C, kh, kw), output Ho × Wo.
    static func geometry(_ x: Tensor, weight: Tensor, window: Window2d) throws
        -> (n: Int, c: Int, h: Int, w: Int, o: Int, kh: Int, kw: Int, ho: Int, wo: Int) {
        let (n, c, h, w) = try dims4(x, "Conv2d input")
        let (o, wc, kh, kw) = try dims4(weight, "Conv2d weight")
        guard wc == c else { throw TensorError.convolutionChannels(weight: weight.shape, input: x.shape) }
        guard (kh, kw) == window.kernel else {
            throw TensorError.invalidArgument("Conv2d weight kernel \(kh)×\(kw) does not match the window \(window.label)")
        }
        let (ho, wo) = window.outputSize(height: h, width: w)
        guard ho > 0, wo > 0 else {
            throw TensorError.kernelLargerThanInput(window, height: h, width: w)
        }
        return (n, c, h, w, o, kh, kw, ho, wo)
    }
}

/// Reusable scratch buffers (im2col columns, channel-major copies), grown on demand, never
/// shrunk, so a training step does not map and fault in fresh pages for them at every layer.
/// `slot` picks one of a few independent buffers (a caller using two at once takes two slots).
/// Each starts on a cache line, as tensors do (`Workspace.alignedFloats`).
public final class Workspace: @unchecked Sendable {
    private var storage: [UnsafeMutablePointer<Float>?] = []
    private var capacity: [Int] = []
    public init() {}
    public func floats(_ count: Int, slot: Int = 0) -> UnsafeMutablePointer<Float> {
        while storage.count <= slot { storage.append(nil); capacity.append(0) }
        if count > capacity[slot] || storage[slot] == nil {
            storage[slot].map { UnsafeMutableRawPointer($0).deallocate() }
            storage[slot] = Self.alignedFloats(count)
            capacity[slot] = count
        }
        return storage[slot]!
    }
    deinit { for buffer in storage { buffer.map { UnsafeMutableRawPointer($0).deallocate() } } }

    /// Buffers there is one of per thread (or per slice of work) take their slots after the single
    /// buffers' (0 ..< 32), the kinds interleaved, so that no thread count makes a thread's GEMM
    /// panel the slot of the packed filters or of another kind's buffer (few threads, few slots).
    enum Indexed: Int, CaseIterable { case gemmPanel, depthSlicePack, partialSum, winogradPad, winogradV, winogradM, phaseRows }
    static func slot(_ kind: Indexed, _ index: Int) -> Int {
        precondition(index >= 0, "workspace index \(index) of \(kind)")
        return 32 + index * Indexed.allCases.count + kind.rawValue
    }

    /// `count` floats starting on a 64-byte boundary (a cache line, one AVX-512 vector): malloc's
    /// 16-byte alignment let a process's packed panels start mid-line, and every vector load of
    /// them cross two lines. Free with `UnsafeMutableRawPointer(p).deallocate()`.
    static func alignedFloats(_ count: Int) -> UnsafeMutablePointer<Float> {
        UnsafeMutableRawPointer.allocate(byteCount: max(count, 1) * 4, alignment: 64).bindMemory(to: Float.self, capacity: max(count, 1))
    }
}

/// Splits a rank-4 shape, or explains what was expected.
public func dims4(_ t: Tensor, _ what: String) throws -> (Int, Int, Int, Int) {
    guard t.rank == 4 else {
        throw TensorError.shapeMismatch("\(what) must be 4-D (N, C, H, W), got shape \(formatShape(t.shape))")
    }
    return (t.shape[0], t.shape[1], t.shape[2], t.shape[3])
}
