import CKernels

/// Where the fast path uses Winograd's algorithm for stride-1 "same" convolutions (3×3 and
/// 5×5) instead of im2col + GEMM.
public enum WinogradChoice: Sendable, Equatable {
    /// im2col + GEMM for every convolution.
    case off
    /// F(m×m, r×r) with this output tile (2 or 4) wherever it applies, 3×3s and 5×5s alike.
    case tile(Int)
    /// F(4×4, 3×3) on maps of 28×28 and larger, and on 14×14 maps whose F(4×4) tiles fill at
    /// least one GEMM panel (16 columns with AVX2, 32 with AVX-512: 14×14 at batch 1 with AVX2,
    /// at batch 2 and up with AVX-512); F(2×2, 3×3) on 7×7 maps and on the rest, where F(4×4)'s
    /// cut tiles and short GEMMs cost more than its fewer multiplications save.
    /// On the training path (`WinogradConvolution`, which also runs the two backward products)
    /// F(4×4) from 14×14 up. 5×5 convolutions by F(4×4, 5×5) under the same panel rule (and
    /// always on the training path), else F(2×2, 5×5): see `tile(kernel:height:width:batch:training:)`.
    case automatic

    /// The windows Winograd's algorithm serves here: stride-1 "same" 3×3 and 5×5 convolutions.
    public static func serves(_ window: Window2d) -> Bool {
        window == Window2d(kernel: 3, stride: 1, padding: 1) || window == Window2d(kernel: 5, stride: 1, padding: 2)
    }

    /// The output tile for a "same" stride-1 r×r convolution on an H×W map of `batch` images, or
    /// nil for im2col. A 5×5 takes F(4×4, 5×5) (4 multiplications an output, against F(2×2, 5×5)'s
    /// 9, and cheaper transforms an output) on the training path and wherever its tiles fill a GEMM
    /// panel, else F(2×2, 5×5). Measured on the Zen 3 (family 25 model 1, AVX2), alternating runs,
    /// per-layer medians: a batch-8 training step's nine 5×5s 42.4 → 29.5 ms both ways (5 rounds,
    /// every layer faster); the eval plans' 1.30 → 1.03 ms at batch 1 (inception5a/5b's 7×7, 4
    /// tiles of F(4×4), measured slower: 0.07 → 0.11 ms, so kept at F(2×2)), 9.5 → 7.7 ms at batch 8
    /// (5 rounds). `training`: for the training path.
    public func tile(kernel r: Int, height: Int, width: Int, batch: Int = 1, training: Bool = false) -> Int? {
        switch (self, r) {
        case (.off, _): return nil
        case (.tile(let m), 5): return m
        case (_, 5): return training || Self.fillsPanel(tile: 4, height: height, width: width, batch: batch) ? 4 : 2
        case (_, 3): return tile(height: height, width: width, batch: batch, training: training)
        default: return nil
        }
    }

    /// The output tile for a 3×3 "same" convolution on an H×W map of `batch` images, or nil for im2col.
    /// `training`: for the training path, whose backward runs two more products by the same tiles:
    /// F(4×4) on 14×14 too (inception4a–4e's 3×3s, forward and backward, 5 ms less a batch-8 step
    /// on the Xeon, family 6 model 167, 5 alternating rounds; on 7×7 it measured slower).
    /// The fast path's plans take F(4×4) on 14×14 once its tiles fill a GEMM panel: on the Zen 3
    /// (family 25 model 1, AVX2, 16-column panels) inception4a–4e's 3×3s took 3.2 → 2.0 ms at
    /// batch 1 and 22 → 15.6 ms at batch 8 (3 and 2 alternating rounds); below a panel's width
    /// (AVX-512 at batch 1: 16 tiles in 32-column panels) F(2×2) had measured faster.
    public func tile(height: Int, width: Int, batch: Int = 1, training: Bool = false) -> Int? {
        switch self {
        case .off: return nil
        case .tile(let m): return m
        case .automatic:
            let side = min(height, width)
            if side >= 28 || (side >= 14 && training) { return 4 }
            return side >= 14 && Self.fillsPanel(tile: 4, height: height, width: width, batch: batch) ? 4 : 2
        }
    }

    /// Whether F(m×m)'s tiles on `batch` H×W maps fill at least one GEMM panel (16 columns with
    /// AVX2, 32 with AVX-512): below that the α² products are too short to pay for the larger tile.
    static func fillsPanel(tile m: Int, height: Int, width: Int, batch: Int) -> Bool {
        batch * ((height + m - 1) / m) * ((width + m - 1) / m) >= Int(ck_gemm_panel_width())
    }
}

/// An r×r, stride-1, "same" convolution (BatchNorm folded, ReLU fused) by Winograd's minimal
/// filtering F(m×m, r×r): each α×α input tile d (α = m + r − 1) and r×r filter g give an m×m
/// output tile Aᵀ[(G g Gᵀ) ⊙ (Bᵀ d B)]A. Summed over input channels, the ⊙ becomes α²
/// independent GEMMs, one per position ξ of the transformed tile:
///   M[ξ] (K, T) = U[ξ] (K, C) × V[ξ] (C, T),   T = N·⌈H/m⌉·⌈W/m⌉ tiles,
/// α²·K·C·T multiply-adds instead of r²·K·C·H·W·N: 2.25× fewer for F(2×2, 3×3), 4× for
/// F(4×4, 3×3), 2.8× for F(2×2, 5×5), 6.25× for F(4×4, 5×5).
/// The transforms are the C kernels `ck_winograd_input` / `ck_winograd_output`; the GEMMs are
/// `ck_gemm` on weights packed when the plan is compiled, handed out to the threads by ξ.
final class WinogradConvOp: PlanOp {
    let label: String
    let kind: String
    let source: PlanSlice, destination: PlanSlice
    let tile: Int                      // m
    let kernel: Int                    // r
    let packedWeights: [Float]         // U: (α², K, C), each U[ξ] packed for ck_gemm
    let bias: [Float]                  // (K)
    let relu: Bool
    let geometry: ck_winograd_geometry

    /// The (m, r) pairs implemented: F(2×2, 3×3), F(4×4, 3×3), F(2×2, 5×5), F(4×4, 5×5).
    static func supports(tile: Int, kernel: Int) -> Bool { [[2, 3], [4, 3], [2, 5], [4, 5]].contains([tile, kernel]) }

    /// weights: (K, C, r, r) with the BatchNorm folded in.
    init(label: String, kind: String, source: PlanSlice, destination: PlanSlice, tile: Int, kernel: Int = 3,
         weights: [Float], bias: [Float], relu: Bool) {
        precondition(Self.supports(tile: tile, kernel: kernel), "Winograd F(\(tile)×\(tile), \(kernel)×\(kernel)) is not implemented")
        self.label = label; self.kind = kind + " (Winograd F(\(tile)×\(tile),\(kernel)×\(kernel)))"
        self.source = source; self.destination = destination; self.tile = tile; self.kernel = kernel
        self.bias = bias; self.relu = relu
        let transformed = Self.transform(weights, outChannels: destination.channels, inChannels: source.channels, tile: tile, kernel: kernel)
        let (k, c, a2) = (destination.channels, source.channels, (tile + kernel - 1) * (tile + kernel - 1))
        let size = ck_gemm_packed_size(Int32(k), Int32(c))
        packedWeights = [Float](unsafeUninitializedCapacity: a2 * size) { buffer, count in
            transformed.withUnsafeBufferPointer { u in
                for xi in 0..<a2 {
                    ck_gemm_pack(u.baseAddress! + xi * k * c, Int32(k), Int32(c), c, buffer.baseAddress! + xi * size)
                }
            }
            count = buffer.count
        }
        geometry = ck_winograd_geometry_make(Int32(tile), Int32(kernel), Int32(source.batch), Int32(source.height), Int32(source.width))
        tileCount = source.batch * Int(geometry.tilesHigh) * Int(geometry.tilesWide)
        localTiles = Self.localTiles(tile: tile, kernel: kernel, tiles: tileCount, channels: source.channels, outChannels: destination.channels)
    }

    var buffersUsed: [PlanBuffer] { [source.buffer, destination.buffer] }
    /// The direct convolution's count, so GFLOP/s figures stay comparable ("effective").
    var multAdds: Int { destination.channels * source.channels * kernel * kernel * destination.rowLength }
    var alpha: Int { tile + kernel - 1 }
    /// N·⌈H/m⌉·⌈W/m⌉
    let tileCount: Int

    /// U[ξ = (i, j)][k][c] = (G g[k][c] Gᵀ)[i][j] by the training path's C kernel
    /// (`ck_winograd_filters`), so a train-mode plan multiplies by the same U as the autograd's
    /// convolutions.
    // weights: (K, C, r, r) → (α², K, C)
    static func transform(_ weights: [Float], outChannels: Int, inChannels: Int, tile: Int, kernel r: Int) -> [Float] {
        let a = tile + r - 1
        var u = [Float](repeating: 0, count: a * a * outChannels * inChannels)
        weights.withUnsafeBufferPointer { w in
            u.withUnsafeMutableBufferPointer { u in
                ck_winograd_filters(Int32(tile), Int32(r), w.baseAddress!, Int32(outChannels), Int32(inChannels), 0, Int32(outChannels), 0,
                                    u.baseAddress!)
            }
        }
        return u
    }

    /// Tiles one thread takes at a time through all three phases on its own, or nil: passes over
    /// all tiles (`chunk`). Chosen when the plan is compiled, for the GEMM build in use then, so
    /// the workspaces sized for it stay right if a test switches builds afterwards (the other
    /// way's shared V and M would be sized by both threads at once).
    let localTiles: Int?

    /// The training path's rule (`WinogradConvolution.localTiles`), and one case more where the
    /// GEMM's panels are 16 columns wide (AVX2 and the baseline build): the α² = 36-position
    /// transforms (F(4×4, 3×3), F(2×2, 5×5)) with at least 12 pieces of 16 tiles, so the threads
    /// still share out evenly. Their passes over all tiles hold V and M of 36·(C + K) floats a
    /// tile (conv2b at batch 1, 196 tiles: 7 MB) and run them through memory between the phases.
    /// Taken by conv2b at batch 1 and the 28×28 3×3s at batch 8 (the 5×5s, which took it by
    /// F(2×2, 5×5), now go by F(4×4, 5×5), α = 8, wherever there are this many tiles).
    /// Zen 3 (AVX2), alternating builds, per-layer medians: batch 1, 8 rounds, twice: conv2b
    /// 3.0 → 2.1–2.3 ms; batch 8, 5 rounds: inception3a/3b's 3×3 −0.7/−1.0 ms (then also the
    /// 14×14 F(2×2, 5×5)s, −0.25 to −0.47 ms each). Unmeasured with AVX-512's 32-column panels,
    /// so not taken there.
    static func localTiles(tile: Int, kernel: Int, tiles: Int, channels: Int, outChannels: Int) -> Int? {
        let alpha = tile + kernel - 1
        if let count = WinogradConvolution.localTiles(tiles: tiles, alpha: alpha, channels: channels, outChannels: outChannels) {
            return count
        }
        let width = Int(ck_gemm_panel_width())
        return width == 16 && alpha == 6 && tiles >= 12 * width ? width : nil
    }

    /// Tiles per pass: all of them unless V and M would pass 4 M floats (batch 8 at 56×56).
    var chunk: Int {
        let a2 = alpha * alpha
        return max(8, min(tileCount, (1 << 22) / (a2 * (source.channels + destination.channels)) / 8 * 8))
    }

    func prepare(_ context: PlanContext) {
        for scratch in context.scratch { _ = scratch.floats(ck_winograd_input_scratch(geometry)) }
        if let count = localTiles {
            for scratch in context.scratch {
                _ = scratch.floats(WinogradConvolution.blocks(alpha, rows: source.channels, ld: count), slot: 1)
                _ = scratch.floats(WinogradConvolution.blocks(alpha, rows: destination.channels, ld: count), slot: 2)
            }
            return
        }
        let count = min(chunk, tileCount)
        _ = context.transformed.floats(WinogradConvolution.blocks(alpha, rows: source.channels, ld: count))
        _ = context.products.floats(WinogradConvolution.blocks(alpha, rows: destination.channels, ld: count))
    }

    /// Each piece of `count` tiles by one thread, input transform → α² GEMMs → output transform
    /// (`WinogradConvolution.tilesStartToEnd`), V and M in that thread's own scratch: no barrier
    /// between the phases.
    private func runLocal(_ context: PlanContext, part p: Int, count: Int, weights u: UnsafePointer<Float>, bias: UnsafePointer<Float>) {
        let (k, c) = (destination.channels, source.channels)
        let planes = ck_planes.channelMajor(batch: source.batch, height: source.height, width: source.width)
        let scratch = context.scratch[p]
        let pad = scratch.floats(ck_winograd_input_scratch(geometry))
        let v = scratch.floats(WinogradConvolution.blocks(alpha, rows: c, ld: count), slot: 1)
        let m = scratch.floats(WinogradConvolution.blocks(alpha, rows: k, ld: count), slot: 2)
        context.forEachPiece(of: tileCount, chunk: count) { tiles in
            WinogradConvolution.tilesStartToEnd(geometry, tiles, source.base, planes, channels: c, filters: u, outChannels: k,
                                                bias: bias, relu: relu, into: destination.base, planes,
                                                v: v, m: m, pad: pad, panel: context.panels[p])
        }
    }

    // Many tiles: each thread its own pieces of tiles, start to end (`runLocal`). Otherwise per
    // pass of tiles, three phases with a barrier after each: the input transform (input
    // channels a few at a time), the α² GEMMs (one ξ at a time), the output transform (output
    // channels a few at a time), each piece to whichever part is free.
    func run(_ context: PlanContext, part p: Int) {
        let (k, c, a2, parts, tiles, chunk) = (destination.channels, source.channels, alpha * alpha, context.threads, tileCount, chunk)
        let (g, src, dst) = (geometry, source.base, destination.base)
        let planes = ck_planes.channelMajor(batch: source.batch, height: source.height, width: source.width)
        let pad = context.scratch[p].floats(ck_winograd_input_scratch(geometry))
        let panel = context.panels[p]
        let packedSize = ck_gemm_packed_size(Int32(k), Int32(c))
        packedWeights.withUnsafeBufferPointer { u in
            bias.withUnsafeBufferPointer { b in
                if let count = localTiles {
                    runLocal(context, part: p, count: count, weights: u.baseAddress!, bias: b.baseAddress!)
                    return
                }
                var t0 = 0
                while t0 < tiles {
                    let count = min(chunk, tiles - t0), t1 = t0 + count
                    let v = context.transformed.floats(WinogradConvolution.blocks(alpha, rows: c, ld: count))
                    let m = context.products.floats(WinogradConvolution.blocks(alpha, rows: k, ld: count))
                    context.forEachPiece(of: c, chunk: max(4, c / (4 * parts))) { channels in
                        ck_winograd_input(g, src, planes, Int32(c), Int32(channels.lowerBound), Int32(channels.upperBound),
                                          Int32(t0), Int32(t1), v, count, pad)
                    }
                    context.sync()
                    context.forEachPiece(of: a2, chunk: 1) { xis in
                        for xi in xis {
                            ck_gemm(0, Int32(k), Int32(count), Int32(c), u.baseAddress! + xi * packedSize,
                                    v + xi * WinogradConvolution.block(rows: c, ld: count), count,
                                    m + xi * WinogradConvolution.block(rows: k, ld: count), count, nil, 0, panel)
                        }
                    }
                    context.sync()
                    context.forEachPiece(of: k, chunk: max(8, k / (4 * parts))) { rows in
                        ck_winograd_output(g, m, count, Int32(k), Int32(rows.lowerBound), Int32(rows.upperBound),
                                           Int32(t0), Int32(t1), b.baseAddress!, relu ? 1 : 0, dst, planes)
                    }
                    context.sync()
                    t0 = t1
                }
            }
        }
    }
}
