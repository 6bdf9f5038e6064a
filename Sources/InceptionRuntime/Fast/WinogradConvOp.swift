import CKernels

/// How the fast path multiplies out 3×3, stride-1, padding-1 convolutions.
public enum WinogradChoice: Sendable, Equatable {
    /// im2col + GEMM for every convolution.
    case off
    /// F(m×m, 3×3) with this output tile (2 or 4) wherever it applies.
    case tile(Int)
    /// F(4×4, 3×3) on maps of 28×28 and larger, F(2×2, 3×3) on smaller ones (14×14, 7×7),
    /// where F(4×4)'s cut tiles and short GEMMs cost more than its fewer multiplications save.
    /// Train mode: F(2×2, 3×3) everywhere (see PlanCompiler.emitConv).
    case automatic

    /// The output tile for a 3×3 "same" convolution on an H×W map, or nil for im2col.
    public func tile(height: Int, width: Int) -> Int? {
        switch self {
        case .off: return nil
        case .tile(let m): return m
        case .automatic:
            return min(height, width) >= 28 ? 4 : 2
        }
    }
}

/// A 3×3, stride-1, padding-1 convolution (BatchNorm folded, ReLU fused) by Winograd's minimal
/// filtering F(m×m, 3×3): each (m+2)×(m+2) input tile d and 3×3 filter g give an m×m output
/// tile Aᵀ[(G g Gᵀ) ⊙ (Bᵀ d B)]A. Summed over input channels, the ⊙ becomes α² = (m+2)²
/// independent GEMMs, one per position ξ of the transformed tile:
///   M[ξ] (K, T) = U[ξ] (K, C) × V[ξ] (C, T),   T = N·⌈H/m⌉·⌈W/m⌉ tiles,
/// α²·K·C·T multiply-adds instead of 9·K·C·H·W·N: 2.25× fewer for m = 2, 4× for m = 4.
/// The transforms are the C kernels `ck_winograd_input` / `ck_winograd_output`; the GEMMs are
/// `ck_gemm` on weights packed when the plan is compiled, split over the threads by ξ.
final class WinogradConvOp: PlanOp {
    let label: String
    let kind: String
    let source: PlanSlice, destination: PlanSlice
    let tile: Int                      // m
    let packedWeights: [Float]         // U: (α², K, C), each U[ξ] packed for ck_gemm
    let bias: [Float]                  // (K)
    let relu: Bool
    let geometry: ck_winograd_geometry

    /// weights: (K, C, 3, 3) with the BatchNorm folded in.
    init(label: String, kind: String, source: PlanSlice, destination: PlanSlice, tile: Int,
         weights: [Float], bias: [Float], relu: Bool) {
        precondition(tile == 2 || tile == 4, "Winograd F(m×m, 3×3) is implemented for m = 2 and 4")
        self.label = label; self.kind = kind + " (Winograd F(\(tile)×\(tile),3×3))"
        self.source = source; self.destination = destination; self.tile = tile
        self.bias = bias; self.relu = relu
        let transformed = Self.transform(weights, outChannels: destination.channels, inChannels: source.channels, tile: tile)
        let (k, c) = (destination.channels, source.channels), size = ck_gemm_packed_size(Int32(k), Int32(c))
        packedWeights = [Float](unsafeUninitializedCapacity: (tile + 2) * (tile + 2) * size) { buffer, count in
            transformed.withUnsafeBufferPointer { u in
                for xi in 0..<((tile + 2) * (tile + 2)) {
                    ck_gemm_pack(u.baseAddress! + xi * k * c, Int32(k), Int32(c), c, buffer.baseAddress! + xi * size)
                }
            }
            count = buffer.count
        }
        geometry = ck_winograd_geometry_make(Int32(tile), Int32(source.batch), Int32(source.height), Int32(source.width))
    }

    var buffersUsed: [PlanBuffer] { [source.buffer, destination.buffer] }
    /// The direct convolution's count, so GFLOP/s figures stay comparable ("effective").
    var multAdds: Int { destination.channels * source.channels * 9 * destination.rowLength }
    var alpha: Int { tile + 2 }
    var tileCount: Int { source.batch * Int(geometry.tilesHigh) * Int(geometry.tilesWide) }

    /// G for F(2×2, 3×3) and F(4×4, 3×3) (Lavin & Gray), rows = α.
    static func filterTransform(tile: Int) -> [[Double]] {
        if tile == 2 { return [[1, 0, 0], [0.5, 0.5, 0.5], [0.5, -0.5, 0.5], [0, 0, 1]] }
        let sixth: Double = 1.0 / 6, twelfth: Double = 1.0 / 12, quarter: Double = 0.25, twentyFourth: Double = 1.0 / 24
        let rows: [[Double]] = [[quarter, 0, 0], [-sixth, -sixth, -sixth], [-sixth, sixth, -sixth],
                                [twentyFourth, twelfth, sixth], [twentyFourth, -twelfth, sixth], [0, 0, 1]]
        return rows
    }

    /// U[ξ = (i, j)][k][c] = (G g[k][c] Gᵀ)[i][j], in double precision.
    // weights: (K, C, 3, 3) → (α², K, C)
    static func transform(_ weights: [Float], outChannels: Int, inChannels: Int, tile: Int) -> [Float] {
        let g = filterTransform(tile: tile), a = tile + 2
        var u = [Float](repeating: 0, count: a * a * outChannels * inChannels)
        for k in 0..<outChannels {
            for c in 0..<inChannels {
                let f = (0..<9).map { Double(weights[(k * inChannels + c) * 9 + $0]) }
                // t = G f: (α, 3)
                var t = [Double](repeating: 0, count: a * 3)
                for i in 0..<a { for s in 0..<3 { t[i * 3 + s] = (0..<3).reduce(0) { $0 + g[i][$1] * f[$1 * 3 + s] } } }
                for i in 0..<a {
                    for j in 0..<a {
                        let v = (0..<3).reduce(0) { $0 + t[i * 3 + $1] * g[j][$1] }
                        u[((i * a + j) * outChannels + k) * inChannels + c] = Float(v)
                    }
                }
            }
        }
        return u
    }

    /// Tiles per pass: all of them unless V and M would pass 4 M floats (batch 8 at 56×56).
    var chunk: Int {
        let a2 = alpha * alpha
        return max(8, min(tileCount, (1 << 22) / (a2 * (source.channels + destination.channels)) / 8 * 8))
    }

    func prepare(_ context: PlanContext) {
        let (a2, count) = (alpha * alpha, min(chunk, tileCount))
        _ = context.transformed.floats(a2 * source.channels * count)
        _ = context.products.floats(a2 * destination.channels * count)
        for scratch in context.scratch { _ = scratch.floats(ck_winograd_input_scratch(geometry)) }
        for panel in context.panels { _ = panel.floats(ck_gemm_panel_size()) }
    }

    // Per pass of tiles, three phases with a barrier after each: the input transform (input
    // channels a few at a time), the α² GEMMs (one ξ at a time), the output transform (output
    // channels a few at a time), each piece to whichever part is free.
    func run(_ context: PlanContext, part p: Int) {
        let (k, c, a2, parts, tiles, chunk) = (destination.channels, source.channels, alpha * alpha, context.threads, tileCount, chunk)
        let (g, src, dst, ldSrc, ldDst) = (geometry, source.base, destination.base, source.rowLength, destination.rowLength)
        let pad = context.scratch[p].floats(ck_winograd_input_scratch(geometry))
        let panel = context.panels[p].floats(ck_gemm_panel_size())
        let packedSize = ck_gemm_packed_size(Int32(k), Int32(c))
        packedWeights.withUnsafeBufferPointer { u in
            bias.withUnsafeBufferPointer { b in
                var t0 = 0
                while t0 < tiles {
                    let count = min(chunk, tiles - t0), t1 = t0 + count
                    let v = context.transformed.floats(a2 * c * count), m = context.products.floats(a2 * k * count)
                    context.forEachPiece(of: c, chunk: max(4, c / (4 * parts))) { channels in
                        ck_winograd_input(g, src, ldSrc, Int32(c), Int32(channels.lowerBound), Int32(channels.upperBound),
                                          Int32(t0), Int32(t1), v, count, pad)
                    }
                    context.sync()
                    context.forEachPiece(of: a2, chunk: 1) { xis in
                        for xi in xis {
                            ck_gemm(0, Int32(k), Int32(count), Int32(c), u.baseAddress! + xi * packedSize, v + xi * c * count, count,
                                    m + xi * k * count, count, nil, 0, panel)
                        }
                    }
                    context.sync()
                    context.forEachPiece(of: k, chunk: max(8, k / (4 * parts))) { rows in
                        ck_winograd_output(g, m, count, Int32(k), Int32(rows.lowerBound), Int32(rows.upperBound),
                                           Int32(t0), Int32(t1), b.baseAddress!, relu ? 1 : 0, dst, ldDst)
                    }
                    context.sync()
                    t0 = t1
                }
            }
        }
    }
}
