import CKernels

/// A 1×1 convolution on very few columns (7×7 maps at batch 1: 49), multiplied the other way
/// round: Yᵀ (N·H·W, O) = Xᵀ (N·H·W, C) × W'ᵀ (C, O), then laid back out as Y (O, N·H·W) with the
/// bias and ReLU. The GEMM's 6-row panels then cover the 49 columns (54 rows computed, 91% used)
/// instead of its 32-column panels (64 computed, 77%), and W'ᵀ's panels are packed once. One
/// thread on the 2-core Zen 5, O 624, C 832, 49 columns: 0.44 → 0.28 ms; no gain from 196 up.
/// W'ᵀ is packed for the GEMM build in use, and again before a run if a test switched builds.
final class TransposedPointwise {
    /// Fewer columns than this go this way.
    static let columnLimit = 128

    let rows: Int, depth: Int, columns: Int           // O, C, N·H·W
    private let transposedWeights: [Float]            // W'ᵀ (C, O)
    private var packed: [Float] = []                  // W'ᵀ in column panels of the build's width
    private var packedWidth: Int32 = 0

    // weights: W' (O, C)
    init(weights: [Float], rows: Int, depth: Int, columns: Int) {
        self.rows = rows; self.depth = depth; self.columns = columns
        var t = [Float](repeating: 0, count: rows * depth)
        for o in 0..<rows { for c in 0..<depth { t[c * rows + o] = weights[o * depth + c] } }
        transposedWeights = t
    }

    /// W'ᵀ in column panels of the width of the GEMM build in use (before every run, on one thread).
    func packForTheGEMMBuild() {
        let width = ck_gemm_panel_width()
        guard width != packedWidth else { return }
        packed = [Float](repeating: 0, count: ck_gemm_packed_b_size(Int32(depth), Int32(rows)))
        packed.withUnsafeMutableBufferPointer { p in
            ck_gemm_pack_b(transposedWeights, rows, Int32(depth), Int32(rows), 0, (Int32(rows) + width - 1) / width, p.baseAddress!)
        }
        packedWidth = width
    }

    func prepare(_ context: PlanContext) {
        _ = context.packedColumns.floats(ck_gemm_packed_size(Int32(columns), Int32(depth)))
        _ = context.shared.floats(columns * rows)
    }

    // source: (C, columns), rows `ldSource` apart → destination: (O, columns), rows `ldDestination`
    // apart, = max(W' × source + bias, 0 if relu). Three phases, the parts meeting between them.
    func run(_ context: PlanContext, source: UnsafePointer<Float>, ldSource: Int, destination: UnsafeMutablePointer<Float>,
             ldDestination: Int, bias: UnsafePointer<Float>, relu: Bool) {
        let (o, c, n, parts) = (rows, depth, columns, context.threads)
        let panelRows = Int(CK_GEMM_PANEL_ROWS), width = Int(packedWidth)
        let a = context.packedColumns.floats(ck_gemm_packed_size(Int32(n), Int32(c)))
        let product = context.shared.floats(n * o)                                  // Yᵀ (columns, O)
        // Xᵀ in 6-row panels: panel i holds columns 6i … 6i + 5 of the source
        context.forEachPiece(of: (n + panelRows - 1) / panelRows, chunk: 1) { panels in
            for panel in panels {
                let first = panel * panelRows
                ck_gemm_pack_transposed(source + first, Int32(min(panelRows, n - first)), Int32(c), ldSource, a + panel * c * panelRows)
            }
        }
        context.sync()
        // Yᵀ's column panels (output channels), a few at a time
        let columnPanels = (o + width - 1) / width
        packed.withUnsafeBufferPointer { b in
            context.forEachPiece(of: columnPanels, chunk: max(1, columnPanels / (4 * parts))) { q in
                let j0 = q.lowerBound * width, count = min(q.upperBound * width, o) - j0
                ck_gemm_prepacked(0, Int32(n), Int32(count), Int32(c), a, b.baseAddress! + q.lowerBound * c * width,
                                  product + j0, o, nil, 0)
            }
        }
        context.sync()
        // Y (O, columns) = Yᵀ turned, + bias, ReLU
        context.forEachPiece(of: o, chunk: max(8, o / (4 * parts))) { channels in
            for ch in channels {
                let row = destination + ch * ldDestination, shift = bias[ch]
                for j in 0..<n {
                    let v = product[j * o + ch] + shift
                    row[j] = relu && v < 0 ? 0 : v
                }
            }
        }
    }
}
