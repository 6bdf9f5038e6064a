import CBLAS
import CKernels

/// The weight gradient's product over a batch whose matrices are its images' planes where they
/// lie in NCHW: for a 1×1 convolution, gy_i (O, H·W) and x_i (C, H·W) of image i, so
///   dW (m, n) = Σ_i A_i (m, k) × B_iᵀ (k, n),   A_i = gy_i, B_i = x_i (or image i's columns of
///   the batch's im2col matrix, rows N·H·W apart),
/// with no copy of either into channel-major order. The images are cut into a few slices fixed by
/// their number (never by the threads); each slice's sum is one thread's, into a C of its own, and
/// the slices are added in order, so the result does not depend on the thread count. A slice
/// packs each panel of its images' B once for all of C's rows: cutting C's rows between threads
/// instead had each thread pack all of B again (conv1's dW, 11 row panels: 29 ms of packing and
/// multiplying where one pack per image costs 11 ms on one thread).
/// Reference twin: `NaiveGemm.multiply` summed over the images, which the tests compare it with.
extension Gemm {
    // a: images × (m, k), image i at a + i·aImage, rows k apart; bt: images × (n, k), image i at
    //   bt + i·btImage, rows `ldbt` apart (k if not given) → c: (m, n), rows n apart
    public static func sumOverImages(m: Int, n: Int, k: Int, images: Int, a: UnsafePointer<Float>, aImage: Int,
                                     bt: UnsafePointer<Float>, btImage: Int, ldbt: Int? = nil, into c: UnsafeMutablePointer<Float>,
                                     workspace: Workspace) {
        let ldbt = ldbt ?? k
        guard m > 0, n > 0 else { return }
        guard k > 0, images > 0 else { c.update(repeating: 0, count: m * n); return }
        if engine == .openblas {
            OpenBLAS.withThreads(Parallel.threads) {
                for i in 0..<images {
                    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(m), Int32(n), Int32(k), 1, a + i * aImage, Int32(k),
                                bt + i * btImage, Int32(ldbt), i == 0 ? 0 : 1, c, Int32(n))
                }
            }
            return
        }
        let parts = Parallel.threads
        let panels = (0..<parts).map { workspace.floats(ck_gemm_panel_size(), slot: Workspace.slot(.gemmPanel, $0)) }
        // Every image's A in 6-row panels, the images split over the threads.
        let packedSize = ck_gemm_packed_size(Int32(m), Int32(k))
        let packed = workspace.floats(images * packedSize, slot: packedSlot)
        Parallel.chunks(images, costPerItem: m * k) { range in
            for i in range { ck_gemm_pack(a + i * aImage, Int32(m), Int32(k), k, packed + i * packedSize) }
        }
        if images > 1 {
            sumOverImageSlices(m: m, n: n, images: images, into: c, workspace: workspace, enough: m * n * k * images >= 1 << 20) { i, target, adding, p in
                let (image, b) = (packed + i * packedSize, bt + i * btImage)
                if adding {
                    ck_gemm_bt_add(0, Int32(m), Int32(n), Int32(k), image, b, ldbt, target, n, panels[p])
                } else {
                    ck_gemm_bt(0, Int32(m), Int32(n), Int32(k), image, b, ldbt, target, n, nil, 0, panels[p])
                }
            }
            return
        }
        // C cut by column panels or by row panels, whichever shares them out more evenly between
        // the threads (conv1's dW, 64 × 147: 5 column panels go 3 : 2, its 11 row panels 6 : 5),
        // a few panels at a time to whichever thread is free
        let width = Int(ck_gemm_panel_width()), rowPanel = Int(CK_GEMM_PANEL_ROWS)
        let columnPanels = (n + width - 1) / width, rowPanels = panelCount(m)
        func largestShare(_ panels: Int) -> Double { Double((panels + parts - 1) / parts) / Double(panels) }
        let splitColumns = largestShare(columnPanels) <= largestShare(rowPanels)
        let panelCount = splitColumns ? columnPanels : rowPanels
        Parallel.pieces(panelCount, chunk: max(1, panelCount / (4 * parts)), parts: min(parts, panelCount),
                        enough: m * n * k * images >= 1 << 20) { range, p in
            let rows = splitColumns ? 0..<m : aligned(range, unit: rowPanel, limit: m)
            let columns = splitColumns ? aligned(range, unit: width, limit: n) : 0..<n
            guard !rows.isEmpty, !columns.isEmpty else { return }
            let (r0, r1, cols) = (Int32(rows.lowerBound), Int32(rows.upperBound), Int32(columns.count))
            let block = c + columns.lowerBound
            for i in 0..<images {
                let (image, b) = (packed + i * packedSize, bt + i * btImage + columns.lowerBound * ldbt)
                if i == 0 {
                    ck_gemm_bt(r0, r1, cols, Int32(k), image, b, ldbt, block, n, nil, 0, panels[p])
                } else {
                    ck_gemm_bt_add(r0, r1, cols, Int32(k), image, b, ldbt, block, n, panels[p])
                }
            }
        }
    }

    /// C_i = op(A) × B_i (+ bias) for each image i, A packed once for all of them: a convolution's
    /// products image by image (y_i = W × cols_i, dcols_i = Wᵀ × gy_i), which one `multiply` per
    /// image packed A for again and shared out with two dispatches of its own. The threads take
    /// (image, column panels) pieces from one list for the whole batch; each block of C is still
    /// one kernel call's, so the bits do not depend on the thread count.
    // a: op(A) (m, k); b(i): B_i (k, n) as stored, not transposed; c(i): C_i (m, n), rows ldc apart
    public static func multiplyImages(images: Int, m: Int, n: Int, k: Int, a: Operand, b: (Int) -> Operand,
                               c: (Int) -> UnsafeMutablePointer<Float>, ldc: Int, bias: UnsafePointer<Float>? = nil,
                               workspace: Workspace) {
        guard images > 1, k > 0, engine == .kernels else {
            for i in 0..<images { multiply(m: m, n: n, k: k, a: a, b: b(i), c: c(i), ldc: ldc, bias: bias, workspace: workspace) }
            return
        }
        guard m > 0, n > 0 else { return }
        let parts = Parallel.threads
        let panels = (0..<parts).map { workspace.floats(ck_gemm_panel_size(), slot: Workspace.slot(.gemmPanel, $0)) }
        let packed = workspace.floats(ck_gemm_packed_size(Int32(m), Int32(k)), slot: packedSlot)
        Parallel.chunks(panelCount(m), costPerItem: Int(CK_GEMM_PANEL_ROWS) * k) { panelRange in
            pack(a, rows: m, depth: 0..<k, panels: panelRange, into: packed)
        }
        let width = Int(ck_gemm_panel_width()), columnPanels = (n + width - 1) / width, items = images * columnPanels
        Parallel.pieces(items, chunk: max(1, items / (4 * parts)), parts: min(parts, items), enough: m * n * k * images >= 1 << 20) { range, p in
            var item = range.lowerBound
            while item < range.upperBound {        // a piece may run on into the next image
                let (i, first) = (item / columnPanels, item % columnPanels), last = min(columnPanels, first + range.upperBound - item)
                product(rows: 0..<m, columns: aligned(first..<last, unit: width, limit: n), k: k, packed: packed, b: b(i), c: c(i),
                        ldc: ldc, bias: bias, panel: panels[p])
                item += last - first
            }
        }
    }

    /// c (m, n) = Σ over images of each image's product, which `product(i, target, adding, thread)`
    /// writes to target (adds to it when `adding`); an "image" may be any unit of the sum (the
    /// Winograd weight gradient's chunks of tiles, `WinogradConvolution`). The images are cut into `imageSlices` slices
    /// fixed by their number; each slice is one thread's, summed in order into a C of its own
    /// (slice 0's is c), and the slices are added in order: the same bits on any thread count.
    static func sumOverImageSlices(m: Int, n: Int, images: Int, into c: UnsafeMutablePointer<Float>, workspace: Workspace,
                                   enough: Bool,
                                   _ product: (_ image: Int, _ target: UnsafeMutablePointer<Float>, _ adding: Bool, _ thread: Int) -> Void) {
        let slices = min(images, imageSlices)
        let partials = (1..<max(slices, 1)).map { workspace.floats(m * n, slot: Workspace.slot(.partialSum, $0)) }
        Parallel.pieces(slices, chunk: 1, parts: min(Parallel.threads, slices), enough: enough) { range, p in
            for s in range {
                let (target, mine) = (s == 0 ? c : partials[s - 1], Parallel.piece(s, of: slices, images))
                for i in mine { product(i, target, i != mine.lowerBound, p) }
            }
        }
        // c += each partial in turn, the elements shared out: the same sums in the same order
        Parallel.chunks(m * n, costPerItem: partials.count) { range in
            for partial in partials {
                for e in range { c[e] += partial[e] }
            }
        }
    }

    /// Slices the images of `sumOverImageSlices` are cut into (at most): enough for two threads to
    /// even out a slow one, few enough that the partial sums cost nothing next to the products.
    static let imageSlices = 4
}
