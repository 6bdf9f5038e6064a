import CBLAS
import CKernels

/// C (m, n) = op(A) (m, k) × op(B) (k, n), C overwritten: the training path's matrix products,
/// on the fast path's GEMM (`ck_gemm`: A packed in 6-row panels, B packed a cache-sized panel at a
/// time, the widest vector build the CPU has) instead of OpenBLAS. Either operand may be given
/// transposed, as the three GEMMs of a convolution need:
///   forward      Y  (O, N·S) = W  (O, K) × cols (K, N·S)
///   input grad   dC (K, N·S) = Wᵀ (K, O) × gy   (O, N·S)     A transposed: packed from W as it lies
///   weight grad  dW (O, K)   = gy (O, N·S) × colsᵀ (N·S, K)  B transposed: read from cols as it lies
/// The threads split C's columns (each packs its own panels of B) or, when C has too few columns
/// for that, its rows. Reference twin: `NaiveGemm.multiply`, which the tests compare it with on
/// every build of the kernel this CPU can run.
public enum Gemm {
    /// A matrix operand: `rowStride` floats between rows of the matrix as stored; `transposed`:
    /// stored as the transpose of the operand the product needs.
    public struct Operand {
        public let base: UnsafePointer<Float>
        public let rowStride: Int
        public let transposed: Bool
        public init(_ base: UnsafePointer<Float>, rowStride: Int, transposed: Bool = false) {
            self.base = base; self.rowStride = rowStride; self.transposed = transposed
        }
    }

    /// Which code multiplies: the C kernels (the default), or OpenBLAS's `cblas_sgemm`, kept to
    /// measure one against the other (`inception bench --mode train-step --gemm openblas`).
    public enum Engine: String, CaseIterable, Sendable { case kernels, openblas }
    nonisolated(unsafe) public static var engine = Engine.kernels

    /// The workspace slot of A packed (the convolution's own use slots 0 and 1); each thread's
    /// panel of B is `Workspace.slot(.gemmPanel, thread)`.
    static let packedSlot = 2

    // a: op(A) (m, k); b: op(B) (k, n); bias: (m) or nil → c: (m, n), rows `ldc` apart, + bias[r] on row r
    public static func multiply(m: Int, n: Int, k: Int, a: Operand, b: Operand,
                                c: UnsafeMutablePointer<Float>, ldc: Int, bias: UnsafePointer<Float>? = nil, workspace: Workspace) {
        guard m > 0, n > 0 else { return }
        guard k > 0 else {
            for r in 0..<m { (c + r * ldc).update(repeating: bias?[r] ?? 0, count: n) }
            return
        }
        if engine == .openblas {
            // On the threads asked for, also inside a training step (which holds OpenBLAS to one).
            OpenBLAS.withThreads(Parallel.threads) {
                cblas_sgemm(CblasRowMajor, a.transposed ? CblasTrans : CblasNoTrans, b.transposed ? CblasTrans : CblasNoTrans,
                            Int32(m), Int32(n), Int32(k), 1, a.base, Int32(a.rowStride), b.base, Int32(b.rowStride), 0, c, Int32(ldc))
            }
            addBias(bias, rows: m, columns: n, c: c, ldc: ldc)
            return
        }
        let parts = Parallel.threads
        let panels = (0..<parts).map { workspace.floats(ck_gemm_panel_size(), slot: Workspace.slot(.gemmPanel, $0)) }
        if k >= 8 * max(m, n), m * n * k >= 1 << 22 {
            splitDepth(parts: parts, m: m, n: n, k: k, a: a, b: b, c: c, ldc: ldc, panels: panels, workspace: workspace)
            addBias(bias, rows: m, columns: n, c: c, ldc: ldc)
            return
        }
        let packed = workspace.floats(ck_gemm_packed_size(Int32(m), Int32(k)), slot: packedSlot)
        Parallel.chunks(panelCount(m), costPerItem: Int(CK_GEMM_PANEL_ROWS) * k) { panelRange in
            pack(a, rows: m, depth: 0..<k, panels: panelRange, into: packed)
        }
        let width = Int(ck_gemm_panel_width()), rowPanel = Int(CK_GEMM_PANEL_ROWS)
        // Columns in whole panels when every thread gets at least two; rows otherwise.
        let splitColumns = n >= 2 * parts * width || m < 2 * parts * rowPanel
        let columnPanels = (n + width - 1) / width, rowPanels = panelCount(m)
        // Panels a few at a time (about four pieces a thread), to whichever thread is free.
        let panelCount = splitColumns ? columnPanels : rowPanels
        Parallel.pieces(panelCount, chunk: max(1, panelCount / (4 * parts)), parts: min(parts, panelCount),
                        enough: m * n * k >= 1 << 20) { range, p in
            let rows = splitColumns ? 0..<m : aligned(range, unit: rowPanel, limit: m)
            let columns = splitColumns ? aligned(range, unit: width, limit: n) : 0..<n
            guard !rows.isEmpty, !columns.isEmpty else { return }
            product(rows: rows, columns: columns, k: k, packed: packed, b: b, c: c, ldc: ldc, bias: bias, panel: panels[p])
        }
    }

    /// c[r, ·] += bias[r], for the paths whose kernel has no epilogue for it.
    private static func addBias(_ bias: UnsafePointer<Float>?, rows: Int, columns: Int, c: UnsafeMutablePointer<Float>, ldc: Int) {
        guard let bias else { return }
        for r in 0..<rows { for j in 0..<columns { c[r * ldc + j] += bias[r] } }
    }

    /// Slices of the depth a long, thin product is cut into: fixed by the shape, never by the
    /// threads, so the sums (and every gradient after them) are the same bits on 1 thread or 2.
    static let depthSlices = 2

    /// A long, thin product (conv1's weight gradient: 64 × 147 from 100,352 columns): each slice
    /// of the depth is packed and multiplied into a C of its own (a thread each, as many at once
    /// as there are threads), and the slices are added in order.
    private static func splitDepth(parts: Int, m: Int, n: Int, k: Int, a: Operand, b: Operand,
                                   c: UnsafeMutablePointer<Float>, ldc: Int, panels: [UnsafeMutablePointer<Float>],
                                   workspace: Workspace) {
        let count = depthSlices
        let slices = (0..<count).map { Parallel.piece($0, of: count, k) }
        // A panel per slice (the threads' own, and more when there are fewer threads than slices),
        // then each slice's packed A and partial C.
        let panels = panels + (panels.count..<count).map { workspace.floats(ck_gemm_panel_size(), slot: Workspace.slot(.gemmPanel, $0)) }
        let packs = slices.enumerated().map { p, slice in
            workspace.floats(ck_gemm_packed_size(Int32(m), Int32(slice.count)), slot: Workspace.slot(.depthSlicePack, p))
        }
        let partials = (1..<count).map { workspace.floats(m * n, slot: Workspace.slot(.partialSum, $0)) }
        Parallel.run(count, enough: parts > 1) { p in
            let depth = slices[p]
            pack(a, rows: m, depth: depth, panels: 0..<panelCount(m), into: packs[p])
            let slicedB = b.transposed ? Operand(b.base + depth.lowerBound, rowStride: b.rowStride, transposed: true)
                                       : Operand(b.base + depth.lowerBound * b.rowStride, rowStride: b.rowStride)
            let (target, ld) = p == 0 ? (c, ldc) : (partials[p - 1], n)
            product(rows: 0..<m, columns: 0..<n, k: depth.count, packed: packs[p], b: slicedB, c: target, ldc: ld, bias: nil, panel: panels[p])
        }
        for partial in partials {
            for r in 0..<m { cblas_saxpy(Int32(n), 1, partial + r * n, 1, c + r * ldc, 1) }
        }
    }

    // c[rows, columns] = A[rows, :] × B[:, columns] (+ bias[r]), by the kernel for B as it is stored
    static func product(rows: Range<Int>, columns: Range<Int>, k: Int, packed: UnsafePointer<Float>,
                                b: Operand, c: UnsafeMutablePointer<Float>, ldc: Int, bias: UnsafePointer<Float>?,
                                panel: UnsafeMutablePointer<Float>) {
        let (r0, r1, cols) = (Int32(rows.lowerBound), Int32(rows.upperBound), Int32(columns.count))
        if b.transposed {
            ck_gemm_bt(r0, r1, cols, Int32(k), packed, b.base + columns.lowerBound * b.rowStride, b.rowStride,
                       c + columns.lowerBound, ldc, bias, 0, panel)
        } else {
            ck_gemm(r0, r1, cols, Int32(k), packed, b.base + columns.lowerBound, b.rowStride,
                    c + columns.lowerBound, ldc, bias, 0, panel)
        }
    }

    /// A (rows, depth), rows `depth` apart, packed once in 6-row panels for ck_gemm: a compiled
    /// plan's weights.
    static func packed(_ a: [Float], rows: Int, depth: Int) -> [Float] {
        [Float](unsafeUninitializedCapacity: ck_gemm_packed_size(Int32(rows), Int32(depth))) { buffer, count in
            ck_gemm_pack(a, Int32(rows), Int32(depth), depth, buffer.baseAddress!)
            count = buffer.count
        }
    }

    static func panelCount(_ rows: Int) -> Int { (rows + Int(CK_GEMM_PANEL_ROWS) - 1) / Int(CK_GEMM_PANEL_ROWS) }

    // op(A)[panel rows, depth] → packed 6-row panels (⌈rows/6⌉, |depth|, 6): the given panels of them
    static func pack(_ a: Operand, rows: Int, depth: Range<Int>, panels: Range<Int>, into packed: UnsafeMutablePointer<Float>) {
        let rowPanel = Int(CK_GEMM_PANEL_ROWS)
        let first = panels.lowerBound * rowPanel, count = min(rows, panels.upperBound * rowPanel) - first
        guard count > 0 else { return }
        let destination = packed + panels.lowerBound * depth.count * rowPanel
        if a.transposed {
            ck_gemm_pack_transposed(a.base + depth.lowerBound * a.rowStride + first, Int32(count), Int32(depth.count),
                                    a.rowStride, destination)
        } else {
            ck_gemm_pack(a.base + first * a.rowStride + depth.lowerBound, Int32(count), Int32(depth.count), a.rowStride, destination)
        }
    }

    /// A range of whole units → the elements it covers, cut at `limit`.
    static func aligned(_ units: Range<Int>, unit: Int, limit: Int) -> Range<Int> {
        min(units.lowerBound * unit, limit)..<min(units.upperBound * unit, limit)
    }
}
