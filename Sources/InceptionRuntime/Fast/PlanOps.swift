import CBLAS
import CKernels

/// One step of a compiled plan. `label` is the module path it stands for (fused steps name
/// their convolution), so `inception bench` can say where the time goes.
///
/// Every thread of the plan runs every step: `run(_:part:)` does part `part` of
/// `context.threads` (a block of columns, channels or planes), and the plan waits at a barrier
/// after each step. A step with phases (im2col shared by all parts, Winograd's three) calls
/// `context.sync()` between them, in every part alike.
protocol PlanOp: AnyObject {
    var label: String { get }
    var kind: String { get }
    /// Multiply-adds this step performs (convolutions and linear layers only).
    var multAdds: Int { get }
    /// The activation buffers it reads or writes (for `MemoryPlan`'s liveness).
    var buffersUsed: [PlanBuffer] { get }
    /// Sizes the context's workspaces for this step (called once per context, on one thread).
    func prepare(_ context: PlanContext)
    /// Called before every run, on one thread: data packed for the GEMM build in use is packed
    /// again if a test switched builds since.
    func beforeRun()
    func run(_ context: PlanContext, part: Int)
}

extension PlanOp {
    func prepare(_ context: PlanContext) {}
    func beforeRun() {}
}

/// What steps share while a plan runs: its threads (a pool that runs every part at once and
/// lets them meet at barriers), and scratch buffers. OpenBLAS itself runs single-threaded
/// meanwhile: the plan splits each GEMM over its own threads.
final class PlanContext {
    let threads: Int
    /// One per thread: im2col blocks, padded planes.
    let scratch: [Workspace]
    /// One per thread: ck_gemm's packed panel of B (ck_gemm_panel_size() floats).
    let panels: [UnsafeMutablePointer<Float>]
    /// Shared by the threads: an im2col matrix they fill together; Winograd's V and M; B packed
    /// once for a GEMM whose rows the threads split.
    let shared = Workspace(), transformed = Workspace(), products = Workspace(), packedColumns = Workspace()
    /// Train mode: the dropout masks' random stream (read by one part at a time).
    var random = SeededRandom(seed: 0)
    private let pool: OpaquePointer

    init(threads: Int) {
        pool = ck_pool_create(Int32(max(1, threads)))
        self.threads = Int(ck_pool_threads(pool))
        scratch = (0..<self.threads).map { _ in Workspace() }
        panels = (0..<self.threads).map { _ in Workspace.alignedFloats(ck_gemm_panel_size()) }
    }
    deinit {
        ck_pool_destroy(pool)
        for panel in panels { UnsafeMutableRawPointer(panel).deallocate() }
    }

    /// Runs body(part) for every part 0..<threads at once, part 0 on this thread.
    func run(_ body: (Int) -> Void) { SharedPool.run(pool, body) }

    /// Inside `run`: waits until every part has got here.
    func sync() { ck_pool_barrier(pool) }

    /// Inside `run`, called by every part between two barriers (once per phase): hands the
    /// pieces `chunk` wide of 0..<count to whichever part asks first, so a part slowed down
    /// (another process on its core) leaves its share to the others instead of holding them up.
    func forEachPiece(of count: Int, chunk: Int, _ body: (Range<Int>) -> Void) {
        let chunk = max(1, chunk)
        while true {
            let start = Int(ck_pool_take(pool)) * chunk
            guard start < count else { return }
            body(start..<min(start + chunk, count))
        }
    }
}

/// Conv2d with its BatchNorm folded in and ReLU fused into the epilogue, over the batch at once:
///   dst (O, N·Ho·Wo) = W' (O, C·k·k) × cols (C·k·k, N·Ho·Wo), then + b', then max(·, 0),
/// all in one pass of the C kernel `ck_gemm` (weights packed when the plan is compiled).
/// Each thread takes a block of output columns (im2col, GEMM and epilogue for just those, so
/// they stay in cache), or, when there are too few columns, the threads build the im2col
/// matrix together and each takes a block of output channels.
final class FusedConvOp: PlanOp {
    let label: String
    let kind: String
    let source: PlanSlice
    let destination: PlanSlice
    let window: Window2d
    let packedWeights: [Float] // W' (O, C·kh·kw) with BatchNorm folded in, packed in 6-row panels for ck_gemm
    let bias: [Float]         // (O)
    let relu: Bool
    /// A 1×1 on very few columns multiplies the other way round (see `TransposedPointwise`).
    let transposed: TransposedPointwise?

    init(label: String, kind: String, source: PlanSlice, destination: PlanSlice, window: Window2d,
         weights: [Float], bias: [Float], relu: Bool) {
        self.label = label; self.kind = kind; self.source = source; self.destination = destination
        self.window = window; self.bias = bias; self.relu = relu
        let (rows, depth) = (destination.channels, source.channels * window.kernel.h * window.kernel.w)
        packedWeights = Gemm.packed(weights, rows: rows, depth: depth)
        let pointwise = window.kernel == (1, 1) && window.stride == (1, 1) && window.padding == (0, 0)
        transposed = pointwise && destination.rowLength < TransposedPointwise.columnLimit
            ? TransposedPointwise(weights: weights, rows: rows, depth: depth, columns: destination.rowLength) : nil
    }

    var buffersUsed: [PlanBuffer] { [source.buffer, destination.buffer] }
    var isPointwise: Bool { window.kernel == (1, 1) && window.stride == (1, 1) && window.padding == (0, 0) }
    var reduction: Int { source.channels * window.kernel.h * window.kernel.w }
    var multAdds: Int { destination.channels * reduction * destination.rowLength }
    /// Columns per im2col block: about 256 KB of them.
    var block: Int { max(256, Self.im2colBlockFloats / reduction / 16 * 16) }
    static let im2colBlockFloats = 65_536

    /// The parts split the output columns (else the output channels). A 1×1 with 32-column panels
    /// splits columns only from 256 a part: below that each part reads the whole of a large A
    /// again for every panel of its columns, where a part with half of A's rows keeps them in its
    /// L2. On the 2-core Zen 5 (family 26, AVX-512) at batch 8, the merged 1×1s of 7×7 maps (392
    /// columns; inception5b's A 624 × 832) 1.24–1.34 → 1.03–1.07 ms, 3 alternating rounds.
    func splitsColumns(_ parts: Int) -> Bool {
        parts == 1 || smallPointwise || destination.rowLength >= (isPointwise && Self.partsPackTheirOwnColumns ? 256 : 192) * parts
    }
    /// A 1×1 with 32-column panels and an A of at most 48 K floats (192 KB: the pool-branch 1×1s
    /// of 14×14 maps, 64 × 480…528) splits columns too, one panel at a time: its 11 row panels
    /// split 6 : 5 between two parts, its 6½ column panels about evenly, and each part packs only
    /// its own columns. On the 2-core Zen 5 (family 26, AVX-512) at batch 1, inception4a–4d's
    /// pool-branch 1×1s −2.5 to −5 µs each (of 46–60), medians of 6–8 paired runs; inception4e's
    /// (A 128 × 528, rows split evenly) +3 µs that way, so it stays split by rows.
    var smallPointwise: Bool {
        isPointwise && Self.partsPackTheirOwnColumns && destination.channels * reduction <= 48 * 1024
    }
    /// Columns handed out at a time: an im2col block, or for a 1×1 about a quarter of a
    /// part's share (a multiple of 16, the GEMM's panel width).
    func columnChunk(_ parts: Int) -> Int {
        if smallPointwise && destination.rowLength < 256 * parts { return Int(ck_gemm_panel_width()) }
        return isPointwise ? max(64, destination.rowLength / (4 * parts) / 16 * 16) : min(block, max(64, destination.rowLength / (2 * parts) / 16 * 16))
    }

    func beforeRun() { transposed?.packForTheGEMMBuild() }

    /// A 1×1 on few columns with 32-column GEMM panels (the AVX-512 build): each part takes a
    /// block of output channels and packs B's panels itself, instead of the parts packing B
    /// together and each then reading the half packed on the other core. On the 2-core Intel Xeon
    /// (family 6, model 167, AVX-512; private 2 MB L2s) the 14×14 1×1s at batch 1 took 10–20%
    /// less, per-layer medians of 10 alternating rounds (inception4a's merged 1×1s 0.58 → 0.50 ms,
    /// its pool-branch 1×1 0.20 → 0.15). With 16-column panels (AVX2) unmeasured: unchanged.
    static var partsPackTheirOwnColumns: Bool { ck_gemm_panel_width() == 32 }

    func prepare(_ context: PlanContext) {
        if let transposed { transposed.prepare(context); return }
        let columns = destination.rowLength, parts = context.threads
        if splitsColumns(parts) {
            guard !isPointwise else { return }
            for p in 0..<parts { _ = context.scratch[p].floats(reduction * min(columnChunk(parts), columns)) }
        } else {
            if !isPointwise { _ = context.shared.floats(reduction * columns) }
            _ = context.packedColumns.floats(ck_gemm_packed_b_size(Int32(reduction), Int32(columns)))
        }
    }

    func run(_ context: PlanContext, part p: Int) {
        let columns = destination.rowLength, parts = context.threads
        bias.withUnsafeBufferPointer { b in
            if let transposed {
                transposed.run(context, source: source.base, ldSource: source.rowLength, destination: destination.base,
                               ldDestination: destination.rowLength, bias: b.baseAddress!, relu: relu)
                return
            }
            if splitsColumns(parts) {
                context.forEachPiece(of: columns, chunk: columnChunk(parts)) { range in
                    convolveColumns(range, b.baseAddress!, context.scratch[p], context.panels[p])
                }
                return
            }
            if isPointwise && Self.partsPackTheirOwnColumns {
                // each part a block of output channels, all columns, B's panels packed as it goes
                let panelRows = Int(CK_GEMM_PANEL_ROWS), panels = (destination.channels + panelRows - 1) / panelRows
                let perPart = (panels + parts - 1) / parts
                context.forEachPiece(of: parts, chunk: 1) { block in
                    let rows = min(panelRows * perPart * block.lowerBound, destination.channels)..<min(panelRows * perPart * block.upperBound, destination.channels)
                    if !rows.isEmpty {
                        multiply(rows: rows, columns: 0..<columns, UnsafePointer(source.base), ldb: source.rowLength, b.baseAddress!, context.panels[p])
                    }
                }
                return
            }
            // Few columns (14×14 and 7×7 maps at batch 1): one im2col matrix, B packed once by all
            // parts together, then output channels split.
            var cols = UnsafePointer(source.base), ldb = source.rowLength
            if !isPointwise {
                let buffer = context.shared.floats(reduction * columns)
                context.forEachPiece(of: reduction, chunk: max(16, reduction / (4 * parts))) { rows in
                    im2col(rows: rows, columns: 0..<columns, into: buffer)
                }
                context.sync()
                cols = UnsafePointer(buffer); ldb = columns
            }
            let packedB = context.packedColumns.floats(ck_gemm_packed_b_size(Int32(reduction), Int32(columns)))
            let width = Int(ck_gemm_panel_width())
            context.forEachPiece(of: (columns + width - 1) / width, chunk: 1) { q in
                ck_gemm_pack_b(cols, ldb, Int32(reduction), Int32(columns), Int32(q.lowerBound), Int32(q.upperBound), packedB)
            }
            context.sync()
            // whole panels of the packed weights, a few at a time
            let panelRows = Int(CK_GEMM_PANEL_ROWS), panels = (destination.channels + panelRows - 1) / panelRows
            context.forEachPiece(of: panels, chunk: max(1, panels / (4 * parts))) { panels in
                let rows = (panelRows * panels.lowerBound)..<min(panelRows * panels.upperBound, destination.channels)
                packedWeights.withUnsafeBufferPointer { packed in
                    ck_gemm_prepacked(Int32(rows.lowerBound), Int32(rows.upperBound), Int32(columns), Int32(reduction), packed.baseAddress!,
                                      packedB, destination.base, destination.rowLength, b.baseAddress!, relu ? 1 : 0)
                }
            }
        }
    }

    /// One piece of columns (at most an im2col block, about 256 KB, so the GEMM reads them from
    /// cache rather than memory: conv1's whole im2col is 7 MB).
    private func convolveColumns(_ range: Range<Int>, _ b: UnsafePointer<Float>, _ scratch: Workspace, _ panel: UnsafeMutablePointer<Float>) {
        if isPointwise {
            multiply(rows: 0..<destination.channels, columns: range, UnsafePointer(source.base + range.lowerBound), ldb: source.rowLength, b, panel)
            return
        }
        let buffer = scratch.floats(reduction * range.count)
        im2col(rows: 0..<reduction, columns: range, into: buffer)
        multiply(rows: 0..<destination.channels, columns: range, buffer, ldb: range.count, b, panel)
    }

    // dst[rows, columns] = max(W'[rows, :] × cols + b'[rows], 0), by the C kernel ck_gemm
    // (cols already offset to the first column; rows.lowerBound a multiple of CK_GEMM_PANEL_ROWS)
    private func multiply(rows: Range<Int>, columns: Range<Int>, _ cols: UnsafePointer<Float>, ldb: Int,
                          _ bias: UnsafePointer<Float>, _ panel: UnsafeMutablePointer<Float>) {
        // a 1×1's A comes from memory once per column panel: two row panels at a time (ck_gemm_paired)
        let gemm = isPointwise ? ck_gemm_paired : ck_gemm
        packedWeights.withUnsafeBufferPointer { packed in
            gemm(Int32(rows.lowerBound), Int32(rows.upperBound), Int32(columns.count), Int32(reduction), packed.baseAddress!,
                 cols, ldb, destination.base + columns.lowerBound, destination.rowLength, bias, relu ? 1 : 0, panel)
        }
    }

    // source: (C, N, H, W) → cols: (C·kh·kw, |range|) for output columns `range` of N·Ho·Wo,
    // rows ordered (c, ky, kx) like the weights; only `rows` of them (the C kernel ck_im2col).
    private func im2col(rows: Range<Int>, columns range: Range<Int>, into cols: UnsafeMutablePointer<Float>) {
        ck_im2col(source.base, source.rowLength, Int32(source.height), Int32(source.width),
                  Int32(window.kernel.h), Int32(window.kernel.w), Int32(window.stride.h), Int32(window.stride.w),
                  Int32(window.padding.h), Int32(window.padding.w), Int32(destination.height), Int32(destination.width),
                  Int32(rows.lowerBound), Int32(rows.upperBound), range.lowerBound, range.upperBound, cols)
    }
}

/// Max, average or adaptive average pooling, plane by plane (CNHW keeps planes contiguous).
final class PoolOp: PlanOp {
    enum Kind { case max(Window2d), average(Window2d), adaptive(Int, Int) }
    let label: String
    let poolKind: Kind
    let source: PlanSlice, destination: PlanSlice
    var kind: String {
        switch poolKind { case .max: "MaxPool2d"; case .average: "AvgPool2d"; case .adaptive: "AdaptiveAvgPool2d" }
    }
    var multAdds: Int { 0 }
    var buffersUsed: [PlanBuffer] { [source.buffer, destination.buffer] }

    init(label: String, kind: Kind, source: PlanSlice, destination: PlanSlice) {
        self.label = label; self.poolKind = kind; self.source = source; self.destination = destination
    }

    func prepare(_ context: PlanContext) {
        guard case .max(let window) = poolKind else { return }
        let floats = ck_maxpool_scratch(Int32(source.height), Int32(source.width), Int32(window.stride.w), Int32(window.padding.w))
        for scratch in context.scratch { _ = scratch.floats(floats) }
    }

    // The parts pool the C·N planes a few at a time.
    func run(_ context: PlanContext, part: Int) {
        let count = source.channels * source.batch
        context.forEachPiece(of: count, chunk: max(8, count / (4 * context.threads))) { planes in
            pool(planes, context.scratch[part])
        }
    }

    private func pool(_ planes: Range<Int>, _ scratch: Workspace) {
        let (h, w) = (source.height, source.width), (ho, wo) = (destination.height, destination.width)
        let src = source.base + planes.lowerBound * h * w, dst = destination.base + planes.lowerBound * ho * wo
        switch poolKind {
        case .max(let window):
            let scratch = scratch.floats(ck_maxpool_scratch(Int32(h), Int32(w), Int32(window.stride.w), Int32(window.padding.w)))
            ck_maxpool_planes(src, dst, Int32(planes.count), Int32(h), Int32(w), Int32(ho), Int32(wo),
                              Int32(window.kernel.h), Int32(window.kernel.w), Int32(window.stride.h), Int32(window.stride.w),
                              Int32(window.padding.h), Int32(window.padding.w), scratch)
        case .average(let window):
            Pooling.avgPoolPlanes(src, dst, planes: planes.count, height: h, width: w, window: window)
        case .adaptive(let ho, let wo):
            Pooling.adaptiveAvgPoolPlanes(src, dst, planes: planes.count, height: h, width: w, outHeight: ho, outWidth: wo)
        }
    }
}

/// A per-channel affine map (a BatchNorm2d not preceded by a convolution), optionally with ReLU,
/// or a plain copy (scale 1, shift 0) where a pass-through layer must land in a concat slice.
final class ChannelAffineOp: PlanOp {
    let label: String, kind: String
    let source: PlanSlice, destination: PlanSlice
    let scale: [Float], shift: [Float]
    let relu: Bool
    var multAdds: Int { 0 }
    var buffersUsed: [PlanBuffer] { [source.buffer, destination.buffer] }

    init(label: String, kind: String, source: PlanSlice, destination: PlanSlice, scale: [Float], shift: [Float], relu: Bool) {
        self.label = label; self.kind = kind; self.source = source; self.destination = destination
        self.scale = scale; self.shift = shift; self.relu = relu
    }

    // Each part maps a block of channels.
    func run(_ context: PlanContext, part: Int) {
        let columns = source.rowLength, src = source.base, dst = destination.base, relu = relu
        scale.withUnsafeBufferPointer { scale in
            shift.withUnsafeBufferPointer { shift in
                for r in Parallel.piece(part, of: context.threads, source.channels) {
                    ck_scale_shift(src + r * columns, dst + r * columns, columns, scale[r], shift[r], relu ? 1 : 0)
                }
            }
        }
    }
}

/// Linear on pooled features: source (C, N) in CNHW with H = W = 1 → output (N, out), row-major.
final class LinearOp: PlanOp {
    let label: String
    let kind = "Linear"
    let source: PlanSlice
    let output: Tensor
    let weight: Tensor, bias: Tensor?
    var multAdds: Int { output.count * weight.shape[1] }
    var buffersUsed: [PlanBuffer] { [source.buffer] }

    init(label: String, source: PlanSlice, weight: Tensor, bias: Tensor?) {
        self.label = label; self.source = source; self.weight = weight; self.bias = bias
        output = Tensor(zeros: [source.batch, weight.shape[0]])
    }

    func prepare(_ context: PlanContext) { _ = context.shared.floats(weight.shape[0] * source.batch) }

    func run(_ context: PlanContext, part: Int) {
        let n = source.batch, outF = weight.shape[0], inF = weight.shape[1]
        if n == 1 {
            // One image: y = W·x + b is a matrix-vector product (the 4 MB of weights read once),
            // each part taking a block of output features.
            let rows = Parallel.piece(part, of: context.threads, outF)
            guard !rows.isEmpty else { return }
            if let bias { (output.data + rows.lowerBound).update(from: bias.data + rows.lowerBound, count: rows.count) }
            cblas_sgemv(CblasRowMajor, CblasNoTrans, Int32(rows.count), Int32(inF), 1, weight.data + rows.lowerBound * inF, Int32(inF),
                        source.base, 1, bias == nil ? 0 : 1, output.data + rows.lowerBound, 1)
            return
        }
        // yᵀ (out, N) = W (out, C) · src (C, N), then transposed into y (N, out) with the bias:
        // each part a block of output features (rows of yᵀ, columns of y).
        let features = Parallel.piece(part, of: context.threads, outF)
        guard !features.isEmpty else { return }
        let scratch = context.shared.floats(outF * n) + features.lowerBound * n
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(features.count), Int32(n), Int32(inF),
                    1, weight.data + features.lowerBound * inF, Int32(inF), source.base, Int32(n), 0, scratch, Int32(n))
        for row in 0..<n {
            for j in features { output.data[row * outF + j] = scratch[(j - features.lowerBound) * n + row] + (bias?.data[j] ?? 0) }
        }
    }
}
