import CKernels

/// The training path's "same" stride-1 convolutions by Winograd's F(m×m, r×r) (the algorithm is
/// explained beside the fast path's `WinogradConvOp`): the forward and the input gradient, which
/// is the same kind of convolution, of gy by each filter turned by 180° with the channel axes
/// swapped, of 3×3s and 5×5s; and their weight gradients. α² GEMMs
/// M[ξ] (K, T) = U[ξ] (K, C) × V[ξ] (C, T) over T = N·⌈H/m⌉·⌈W/m⌉ tiles, α = m + r − 1, do
/// 2.25× (F(2×2, 3×3)), 4× (F(4×4, 3×3)), 2.8× (F(2×2, 5×5)) or 6.25× (F(4×4, 5×5)) fewer
/// multiply-adds than im2col + GEMM; the weight gradient (`weightGradient`) by the same tiles. Each
/// takes the tile `choice` gives the map for training (a 3×3 F(4×4) on 14×14 and larger, the fast
/// path's plans from 28×28; a 5×5 F(4×4)).
/// Weights change every step, so they are transformed and packed per call
/// (`ck_winograd_filters_packed`); that costs α²·K·C floats, small beside the tiles.
/// Reference twins: `NaiveKernels.conv2d` and `NaiveBackwardKernels.conv2d`.
public enum WinogradConvolution {
    /// Which tile each map gets: `.automatic` unless `inception bench --mode train-step --winograd`
    /// says otherwise (`.off`: every convolution by im2col + GEMM).
    nonisolated(unsafe) public static var choice = WinogradChoice.automatic

    /// The most floats V and M may take together in one pass of tiles (16 MB): larger maps run
    /// in several passes. Tests lower it to exercise the passes on small maps.
    public static let defaultTileFloatsPerPass = 1 << 22
    nonisolated(unsafe) public static var tileFloatsPerPass = defaultTileFloatsPerPass

    /// Below this many filter weights per tap (in × out channels), a convolution runs by im2col +
    /// GEMM: it is cheap either way, and its values are then the direct sums PyTorch gives (Winograd's
    /// transforms leave rounding noise, such as −2.4e-7 where a sum is exactly 0). Every 3×3 and
    /// 5×5 of the seed network has 512 or more.
    /// Tests of the Winograd kernels on small shapes set it to 0.
    public static let defaultSmallestChannelProduct = 256
    nonisolated(unsafe) public static var smallestChannelProduct = defaultSmallestChannelProduct

    /// Whether a convolution with this window and these channels runs here, on these operands
    /// (those not already known to be finite): only when all their values are finite. The
    /// transforms would spread an infinity over its whole tile as NaNs (∞ − ∞) where the direct
    /// sums, PyTorch's, carry it to the outputs it reaches as ±∞; so a NaN or an infinity sends
    /// the convolution to im2col + GEMM. The check is one vectorised read of the operands.
    static func applies(_ window: Window2d, channels c: Int, outChannels o: Int, operands: [Tensor]) -> Bool {
        choice != .off && WinogradChoice.serves(window) && c * o >= smallestChannelProduct
            && !operands.contains { ck_holds_nonfinite($0.data, $0.count) != 0 }
    }

    /// The output tile m of an r×r forward or input gradient on an H×W map (2 or 4).
    static func tile(kernel r: Int, height: Int, width: Int) -> Int { choice.tile(kernel: r, height: height, width: width, training: true) ?? 2 }

    /// Whose filters multiply: the forward's, or the input gradient's (turned, channels swapped).
    enum Filters { case forward, inputGradient }

    // Workspace slots (the convolution holds 0 and 1); each thread's padded planes, GEMM panel and
    // own V and M are indexed slots (`Workspace.slot`).
    static let filterSlot = 16, packedSlot = 17, tileSlot = 18, productSlot = 19

    /// dst (K planes per image) = the "same" r×r convolution of src (C planes per image), plus
    /// bias if given; each laid out as its `ck_planes` says (NCHW or channel-major).
    /// weight: (K, C, r, r) for `.forward`; (C, K, r, r), the forward's own, for `.inputGradient`
    /// (src is then gy with the forward's output channels, dst the input's gradient).
    static func convolve(_ src: UnsafePointer<Float>, _ srcPlanes: ck_planes, channels c: Int, batch n: Int, height h: Int, width w: Int,
                         kernel r: Int, weight: UnsafePointer<Float>, outChannels k: Int, filters: Filters, bias: UnsafePointer<Float>? = nil,
                         into dst: UnsafeMutablePointer<Float>, _ dstPlanes: ck_planes, workspace: Workspace) {
        let m = tile(kernel: r, height: h, width: w), alpha = m + r - 1
        let packed = packedFilters(weight, tile: m, kernel: r, rows: k, depth: c, filters: filters, workspace: workspace)
        let packedSize = ck_gemm_packed_size(Int32(k), Int32(c))
        let geometry = ck_winograd_geometry_make(Int32(m), Int32(r), Int32(n), Int32(h), Int32(w)), tiles = n * Int(geometry.tilesHigh) * Int(geometry.tilesWide)
        if let count = localTiles(tiles: tiles, alpha: alpha, channels: c, outChannels: k) {
            // Many tiles: each thread takes `count` at a time through all three phases, V and M its own
            let parts = Parallel.threads
            let pads = (0..<parts).map { workspace.floats(ck_winograd_input_scratch(geometry), slot: Workspace.slot(.winogradPad, $0)) }
            let panels = (0..<parts).map { workspace.floats(ck_gemm_panel_size(), slot: Workspace.slot(.gemmPanel, $0)) }
            let vs = (0..<parts).map { workspace.floats(blocks(alpha, rows: c, ld: count), slot: Workspace.slot(.winogradV, $0)) }
            let ms = (0..<parts).map { workspace.floats(blocks(alpha, rows: k, ld: count), slot: Workspace.slot(.winogradM, $0)) }
            Parallel.pieces(tiles, chunk: count, parts: parts, unit: Int(ck_gemm_panel_width())) { range, p in
                // (on one thread, the whole range comes at once: still `count` tiles at a time)
                for first in stride(from: range.lowerBound, to: range.upperBound, by: count) {
                    tilesStartToEnd(geometry, first..<min(first + count, range.upperBound), src, srcPlanes, channels: c,
                                    filters: packed, outChannels: k, bias: bias, relu: false, into: dst, dstPlanes,
                                    v: vs[p], m: ms[p], pad: pads[p], panel: panels[p])
                }
            }
            return
        }
        let passes = TilePasses(tile: m, kernel: r, channels: c, outChannels: k, batch: n, height: h, width: w, workspace: workspace)
        let (g, parts, pads, panels, v, products) = (passes.g, passes.parts, passes.pads, passes.panels, passes.v, passes.second)
        passes.forEach { t0, t1, count in
            // V[ξ] (C, count) = Bᵀ d B of each tile, input channels a few at a time to whichever thread is free
            Parallel.pieces(c, chunk: c / (4 * parts), parts: parts, enough: c * count >= 4096) { channels, p in
                ck_winograd_input(g, src, srcPlanes, Int32(c), Int32(channels.lowerBound), Int32(channels.upperBound),
                                  Int32(t0), Int32(t1), v, count, pads[p])
            }
            // M[ξ] (K, count) = U[ξ] (K, C) × V[ξ] (C, count), the α² positions a few at a time
            Parallel.pieces(alpha * alpha, chunk: alpha * alpha / (4 * parts), parts: parts, enough: k * c * count >= 1 << 16) { positions, p in
                for xi in positions {
                    ck_gemm(0, Int32(k), Int32(count), Int32(c), packed + xi * packedSize, v + xi * block(rows: c, ld: count), count,
                            products + xi * block(rows: k, ld: count), count, nil, 0, panels[p])
                }
            }
            // y = Aᵀ M A into each tile's place, output channels a few at a time
            Parallel.pieces(k, chunk: k / (4 * parts), parts: parts, enough: k * count >= 4096) { rows, _ in
                ck_winograd_output(g, products, count, Int32(k), Int32(rows.lowerBound), Int32(rows.upperBound),
                                   Int32(t0), Int32(t1), bias, 0, dst, dstPlanes)
            }
        }
    }

    /// Tiles a thread takes at a time when it carries them through all three phases on its own
    /// (`tilesStartToEnd`: V and M, α²·(C + K) floats a tile, within 1 MB, its L2; whole 32-column
    /// GEMM panels), or nil when there are too few tiles to share out that way (maps under 28×28
    /// at batch 8, and batch 1), which go by passes over all tiles, the threads meeting between
    /// the phases. The training path's convolutions and the fast path's all use it.
    static func localTiles(tiles: Int, alpha: Int, channels c: Int, outChannels k: Int) -> Int? {
        let count = max(32, min(128, (1 << 18) / (alpha * alpha * (c + k)) / 32 * 32))
        return tiles >= 16 * count ? count : nil
    }

    /// Tiles `tiles` on this thread, start to end: V = Bᵀ d B of all C input channels, the α²
    /// GEMMs M[ξ] (K, count) = U[ξ] × V[ξ], then y = Aᵀ M A (+ bias, ReLU) into each tile's place.
    // src: C planes per image as `srcPlanes` says; filters: U (α², K, C), each ξ packed for ck_gemm;
    // v: blocks(α, C, count) floats, m: blocks(α, K, count), pad: ck_winograd_input_scratch(g), panel: a GEMM panel
    //   → dst: K planes per image as `dstPlanes` says
    static func tilesStartToEnd(_ g: ck_winograd_geometry, _ tiles: Range<Int>, _ src: UnsafePointer<Float>, _ srcPlanes: ck_planes,
                                channels c: Int, filters: UnsafePointer<Float>, outChannels k: Int, bias: UnsafePointer<Float>?,
                                relu: Bool, into dst: UnsafeMutablePointer<Float>, _ dstPlanes: ck_planes,
                                v: UnsafeMutablePointer<Float>, m: UnsafeMutablePointer<Float>, pad: UnsafeMutablePointer<Float>,
                                panel: UnsafeMutablePointer<Float>) {
        let (t0, t1, count) = (Int32(tiles.lowerBound), Int32(tiles.upperBound), tiles.count)
        let alpha = Int(g.m + g.r - 1), packedSize = ck_gemm_packed_size(Int32(k), Int32(c))
        ck_winograd_input(g, src, srcPlanes, Int32(c), 0, Int32(c), t0, t1, v, count, pad)
        for xi in 0..<(alpha * alpha) {
            ck_gemm(0, Int32(k), Int32(count), Int32(c), filters + xi * packedSize, v + xi * block(rows: c, ld: count), count,
                    m + xi * block(rows: k, ld: count), count, nil, 0, panel)
        }
        ck_winograd_output(g, m, count, Int32(k), 0, Int32(k), t0, t1, bias, relu ? 1 : 0, dst, dstPlanes)
    }

    /// dW (K, C, r, r) of the "same" r×r convolution (3×3 or 5×5) of src (C planes per image) whose
    /// output gradient is gy (K planes per image), each laid out as its `ck_planes` says, by the
    /// tiles of the forward (a 3×3's F(4×4) on 14×14 and larger maps, a 5×5's F(4×4)). The forward
    /// per tile is y = Aᵀ [Σ_c U ⊙ V] A with U = G g Gᵀ, so dW = Gᵀ M G with M[ξ] (K, C) = Σ over
    /// tiles Ŷ[ξ] ⊙ V[ξ], Ŷ = A dY Aᵀ: α² GEMMs Ŷ[ξ] (K, T) × V[ξ]ᵀ (T, C), 2.25× (F(2×2, 3×3)), 4×
    /// (F(4×4, 3×3)), 2.8× (F(2×2, 5×5)) or 6.25× (F(4×4, 5×5)) fewer multiply-adds than gy × colsᵀ of im2col.
    /// Many tiles go by `weightGradientInSlices`; otherwise each ξ's GEMM is done whole by one
    /// thread and passes over the tiles add up in a fixed order. Either way the result does not
    /// depend on the thread count.
    static func weightGradient(_ src: UnsafePointer<Float>, _ srcPlanes: ck_planes, channels c: Int, batch n: Int, height h: Int, width w: Int,
                               kernel r: Int, gradOutput gy: UnsafePointer<Float>, _ gyPlanes: ck_planes, outChannels k: Int,
                               into dw: UnsafeMutablePointer<Float>, workspace: Workspace) {
        let m = tile(kernel: r, height: h, width: w), alpha = m + r - 1, positions = alpha * alpha
        let geometry = ck_winograd_geometry_make(Int32(m), Int32(r), Int32(n), Int32(h), Int32(w))
        let tiles = n * Int(geometry.tilesHigh) * Int(geometry.tilesWide)
        if let count = localTiles(tiles: tiles, alpha: alpha, channels: c, outChannels: k) {
            weightGradientInSlices(geometry, tiles: tiles, count: 2 * count, src, srcPlanes, channels: c, gradOutput: gy, gyPlanes,
                                   outChannels: k, into: dw, workspace: workspace)
            return
        }
        let passes = TilePasses(tile: m, kernel: r, channels: c, outChannels: k, batch: n, height: h, width: w, workspace: workspace)
        let (g, parts, pads, panels, v, yhat) = (passes.g, passes.parts, passes.pads, passes.panels, passes.v, passes.second)
        let sums = workspace.floats(positions * k * c, slot: filterSlot)
        let packedSize = ck_gemm_packed_size(Int32(k), Int32(passes.largest))
        let packed = workspace.floats(parts * packedSize, slot: packedSlot)
        passes.forEach { t0, t1, count in
            // V[ξ] (C, count) = Bᵀ d B of the input's tiles, Ŷ[ξ] (K, count) = A dY Aᵀ of gy's
            // (items 0 ..< C: the input's channels; C ..< C + K: gy's)
            Parallel.pieces(c + k, chunk: (c + k) / (4 * parts), parts: parts, enough: (c + k) * count >= 4096) { items, p in
                let channels = items.clamped(to: 0..<c), rows = items.clamped(to: c..<(c + k))
                if !channels.isEmpty {
                    ck_winograd_input(g, src, srcPlanes, Int32(c), Int32(channels.lowerBound), Int32(channels.upperBound),
                                      Int32(t0), Int32(t1), v, count, pads[p])
                }
                if !rows.isEmpty {
                    ck_winograd_gradient_tiles(g, gy, gyPlanes, Int32(k), Int32(rows.lowerBound - c), Int32(rows.upperBound - c),
                                               Int32(t0), Int32(t1), yhat, count)
                }
            }
            // M[ξ] (K, C) = Ŷ[ξ] (K, count) × V[ξ]ᵀ (count, C), each position whole on one thread
            Parallel.pieces(positions, chunk: positions / (4 * parts), parts: parts, enough: k * c * count >= 1 << 16) { range, p in
                let a = packed + p * packedSize
                for xi in range {
                    ck_gemm_pack(yhat + xi * block(rows: k, ld: count), Int32(k), Int32(count), count, a)
                    ck_gemm_bt(0, Int32(k), Int32(c), Int32(count), a, v + xi * block(rows: c, ld: count), count,
                               sums + xi * k * c, c, nil, 0, panels[p])
                }
            }
            // dW (+)= Gᵀ M G, output channels a few at a time
            Parallel.pieces(k, chunk: k / (4 * parts), parts: parts, enough: k * c >= 4096) { rows, _ in
                ck_winograd_filter_gradient(Int32(m), Int32(r), sums, Int32(k), Int32(c), Int32(rows.lowerBound), Int32(rows.upperBound),
                                            t0 > 0 ? 1 : 0, dw)
            }
        }
    }

    /// The weight gradient on many tiles (those `localTiles` gives a count for), summed as
    /// `Gemm.sumOverImageSlices` sums images: the tiles in chunks of `count` (twice the forward's:
    /// the products' depth is the tiles, and deeper products add into M less often), the chunks cut
    /// into slices fixed by their number, each slice one thread's, carrying a chunk at a time
    /// through both transforms (V of x, Ŷ of gy) and the α² products into an M of the slice's own,
    /// so V and Ŷ stay in that core's L2 instead of passing through memory between phases that all
    /// threads wait for; the slices' M added in order, then dW = Gᵀ M G: the same bits on any
    /// number of threads. conv2b's dW at batch 8 (F(2×2)): 19 → 13.5 ms.
    // M: (α², K, C); per thread: V (α², C, count), Ŷ (α², K, count), Ŷ[ξ] packed, a pad, a panel
    private static func weightGradientInSlices(_ g: ck_winograd_geometry, tiles: Int, count: Int,
                                               _ src: UnsafePointer<Float>, _ srcPlanes: ck_planes, channels c: Int,
                                               gradOutput gy: UnsafePointer<Float>, _ gyPlanes: ck_planes, outChannels k: Int,
                                               into dw: UnsafeMutablePointer<Float>, workspace: Workspace) {
        let parts = Parallel.threads, alpha = Int(g.m + g.r) - 1, positions = alpha * alpha
        let pads = (0..<parts).map { workspace.floats(ck_winograd_input_scratch(g), slot: Workspace.slot(.winogradPad, $0)) }
        let panels = (0..<parts).map { workspace.floats(ck_gemm_panel_size(), slot: Workspace.slot(.gemmPanel, $0)) }
        let vs = (0..<parts).map { workspace.floats(blocks(alpha, rows: c, ld: count), slot: Workspace.slot(.winogradV, $0)) }
        let yhats = (0..<parts).map { workspace.floats(blocks(alpha, rows: k, ld: count), slot: Workspace.slot(.winogradM, $0)) }
        let packs = (0..<parts).map { workspace.floats(ck_gemm_packed_size(Int32(k), Int32(count)), slot: Workspace.slot(.depthSlicePack, $0)) }
        let sums = workspace.floats(positions * k * c, slot: filterSlot)
        let chunks = (tiles + count - 1) / count
        Gemm.sumOverImageSlices(m: positions * k, n: c, images: chunks, into: sums, workspace: workspace, enough: true) { chunk, target, adding, p in
            let (first, last) = (chunk * count, min(chunk * count + count, tiles)), width = last - first
            ck_winograd_input(g, src, srcPlanes, Int32(c), 0, Int32(c), Int32(first), Int32(last), vs[p], width, pads[p])
            ck_winograd_gradient_tiles(g, gy, gyPlanes, Int32(k), 0, Int32(k), Int32(first), Int32(last), yhats[p], width)
            // M[ξ] (K, C) (+)= Ŷ[ξ] (K, width) × V[ξ]ᵀ (width, C)
            for xi in 0..<positions {
                ck_gemm_pack(yhats[p] + xi * block(rows: k, ld: width), Int32(k), Int32(width), width, packs[p])
                let (v, into) = (vs[p] + xi * block(rows: c, ld: width), target + xi * k * c)
                if adding {
                    ck_gemm_bt_add(0, Int32(k), Int32(c), Int32(width), packs[p], v, width, into, c, panels[p])
                } else {
                    ck_gemm_bt(0, Int32(k), Int32(c), Int32(width), packs[p], v, width, into, c, nil, 0, panels[p])
                }
            }
        }
        Parallel.chunks(k, costPerItem: c * 64) { rows in
            ck_winograd_filter_gradient(g.m, g.r, sums, Int32(k), Int32(c), Int32(rows.lowerBound), Int32(rows.upperBound), 0, dw)
        }
    }

    /// What the forward and the weight gradient share: F(m×m, r×r)'s tiles over the batch, cut
    /// into passes so that V (α², C, count) and a second (α², K, count) buffer together hold at
    /// most tileFloatsPerPass floats (whole groups of 8 lanes), and each thread's padded planes
    /// and GEMM panel, all in the workspace.
    private struct TilePasses {
        let g: ck_winograd_geometry
        let tiles: Int, chunk: Int, parts: Int
        let pads: [UnsafeMutablePointer<Float>], panels: [UnsafeMutablePointer<Float>]
        let v: UnsafeMutablePointer<Float>, second: UnsafeMutablePointer<Float>
        /// The tiles of the largest pass.
        var largest: Int { min(chunk, tiles) }

        init(tile m: Int, kernel r: Int, channels c: Int, outChannels k: Int, batch n: Int, height h: Int, width w: Int, workspace: Workspace) {
            let alpha = m + r - 1
            g = ck_winograd_geometry_make(Int32(m), Int32(r), Int32(n), Int32(h), Int32(w))
            tiles = n * Int(g.tilesHigh) * Int(g.tilesWide)
            chunk = max(8, min(tiles, tileFloatsPerPass / (alpha * alpha * (c + k)) / 8 * 8))
            parts = Parallel.threads
            let g = g
            pads = (0..<parts).map { workspace.floats(ck_winograd_input_scratch(g), slot: Workspace.slot(.winogradPad, $0)) }
            panels = (0..<parts).map { workspace.floats(ck_gemm_panel_size(), slot: Workspace.slot(.gemmPanel, $0)) }
            v = workspace.floats(blocks(alpha, rows: c, ld: min(chunk, tiles)), slot: tileSlot)
            second = workspace.floats(blocks(alpha, rows: k, ld: min(chunk, tiles)), slot: productSlot)
        }

        /// body(t0, t1, count) for each pass of tiles t0 ..< t1, in order.
        func forEach(_ body: (_ t0: Int, _ t1: Int, _ count: Int) -> Void) {
            var t0 = 0
            while t0 < tiles {
                let count = min(chunk, tiles - t0)
                body(t0, t0 + count, count)
                t0 += count
            }
        }
    }

    /// Floats from one ξ's (rows, ld) block of V, M or Ŷ to the next (`ck_winograd_block`: a cache
    /// line more than the block), and of a buffer of α² blocks.
    static func block(rows: Int, ld: Int) -> Int { Int(ck_winograd_block(Int32(rows), ld)) }
    static func blocks(_ alpha: Int, rows: Int, ld: Int) -> Int { alpha * alpha * block(rows: rows, ld: ld) }

    /// U[ξ] (rows, depth) of F(m×m, r×r) for ξ in 0..<α², each packed in 6-row panels for ck_gemm,
    /// written packed by the transform itself (an (α², rows, depth) U and a packing pass after it
    /// cost 12 ms of a batch-8 step on the Xeon, family 6 model 167), the panels over the threads.
    private static func packedFilters(_ weight: UnsafePointer<Float>, tile m: Int, kernel r: Int, rows: Int, depth: Int, filters: Filters,
                                      workspace: Workspace) -> UnsafePointer<Float> {
        let positions = (m + r - 1) * (m + r - 1)
        let packed = workspace.floats(positions * ck_gemm_packed_size(Int32(rows), Int32(depth)), slot: packedSlot)
        // The weight's own (out, in) channels: (rows, depth) for the forward, (depth, rows) turned.
        let (weightOut, weightIn) = filters == .forward ? (rows, depth) : (depth, rows)
        Parallel.chunks(Gemm.panelCount(rows), costPerItem: Int(CK_GEMM_PANEL_ROWS) * depth * 64) { panels in
            ck_winograd_filters_packed(Int32(m), Int32(r), weight, Int32(weightOut), Int32(weightIn), Int32(panels.lowerBound),
                                       Int32(panels.upperBound), filters == .forward ? 0 : 1, packed)
        }
        return UnsafePointer(packed)
    }
}
