import CKernels
import InceptionRuntime
import TestSupport
import XCTest

/// The C kernels of the fast path against their textbook twins, on shapes that hit every edge:
/// rows not a multiple of the 6-row panel, columns not a multiple of 16, depth past the 256
/// block, a row range that starts mid-matrix, strided B and C.
final class CKernelTests: XCTestCase {
    struct GemmCase { var rows, cols, depth, firstRow: Int; var bias, relu: Bool; var ldbExtra, ldcExtra: Int }

    static let gemmCases: [GemmCase] = [
        GemmCase(rows: 6, cols: 16, depth: 8, firstRow: 0, bias: false, relu: false, ldbExtra: 0, ldcExtra: 0),  // one block exactly
        GemmCase(rows: 13, cols: 37, depth: 19, firstRow: 0, bias: true, relu: true, ldbExtra: 3, ldcExtra: 5),   // ragged everywhere
        GemmCase(rows: 64, cols: 49, depth: 600, firstRow: 0, bias: true, relu: false, ldbExtra: 0, ldcExtra: 0), // three depth blocks
        GemmCase(rows: 20, cols: 5, depth: 257, firstRow: 12, bias: true, relu: true, ldbExtra: 1, ldcExtra: 2),  // rows 12..<20 only
        GemmCase(rows: 1, cols: 1, depth: 1, firstRow: 0, bias: true, relu: true, ldbExtra: 0, ldcExtra: 0),      // 1 × 1 × 1
        GemmCase(rows: 7, cols: 80, depth: 33, firstRow: 0, bias: false, relu: true, ldbExtra: 0, ldcExtra: 0),   // 2½ wide panels
        GemmCase(rows: 24, cols: 64, depth: 270, firstRow: 0, bias: true, relu: false, ldbExtra: 2, ldcExtra: 0), // two whole row-panel pairs
    ]

    /// Every build of the GEMM this CPU can run: the baseline, AVX2, the 16-lane (AVX-512)
    /// kernel compiled for AVX2 (so its logic is tested on any AVX2 machine), and AVX-512.
    func testGemmMatchesNaiveLoop() {
        defer { ck_gemm_use_variant(Int32(CK_GEMM_AUTOMATIC)) }
        let variants = [CK_GEMM_BASELINE, CK_GEMM_AVX2, CK_GEMM_WIDE_ON_AVX2, CK_GEMM_AVX512].map { Int32($0) }
        let available = variants.filter { ck_gemm_variant_available($0) != 0 }
        XCTAssertTrue(available.contains(Int32(CK_GEMM_BASELINE)))
        for variant in available {
            ck_gemm_use_variant(variant)
            for way in GemmWay.allCases { checkGemm(variant: CKernelsBuild.gemmVariant, way) }
        }
    }

    /// How B reaches the kernel. `prepacked`: packed beforehand by ck_gemm_pack_b, in two calls
    /// (panels [0, half) and [half, all)), as the threads of a plan share the packing, then
    /// ck_gemm_prepacked. `gathered`: read in place by ck_gemm_gathered, its rows scattered
    /// through a buffer (last row first, at odd offsets) and found through a table. `paired`:
    /// ck_gemm_paired, two row panels at a time with 16 lanes (a pair whose second panel has
    /// 1, 2 or 6 live rows, a panel left over, half-width panels that go one at a time).
    enum GemmWay: CaseIterable { case packsB, paired, prepacked, gathered }

    func checkGemm(variant: String, _ way: GemmWay) {
        var rng = SeededRandom(seed: 61)
        for t in Self.gemmCases {
            let (ldb, ldc) = (t.cols + t.ldbExtra, t.cols + t.ldcExtra)
            let a = Tensor.randn([t.rows, t.depth], rng: &rng).values
            let b = Tensor.randn([t.depth, ldb], rng: &rng).values
            let bias = Tensor.randn([t.rows], rng: &rng).values
            var packed = [Float](repeating: .nan, count: ck_gemm_packed_size(Int32(t.rows), Int32(t.depth)))
            ck_gemm_pack(a, Int32(t.rows), Int32(t.depth), t.depth, &packed)
            let sentinel: Float = -12345
            var c = [Float](repeating: sentinel, count: t.rows * ldc)
            var panel = [Float](repeating: 0, count: ck_gemm_panel_size())
            bias.withUnsafeBufferPointer { biasPointer in
                let bias = t.bias ? biasPointer.baseAddress : nil
                switch way {
                case .packsB:
                    ck_gemm(Int32(t.firstRow), Int32(t.rows), Int32(t.cols), Int32(t.depth), packed, b, ldb, &c, ldc, bias, t.relu ? 1 : 0, &panel)
                    return
                case .paired:
                    ck_gemm_paired(Int32(t.firstRow), Int32(t.rows), Int32(t.cols), Int32(t.depth), packed, b, ldb, &c, ldc, bias,
                                   t.relu ? 1 : 0, &panel)
                    return
                case .gathered:
                    // each row readable up to the next multiple of 32 floats, as the kernel may read
                    let stride = (t.cols + 31) / 32 * 32 + 3
                    let offsets = (0..<t.depth).map { Int32((t.depth - 1 - $0) * stride + $0 % 3) }
                    var rows = [Float](repeating: .nan, count: t.depth * stride)
                    for k in 0..<t.depth { for j in 0..<t.cols { rows[Int(offsets[k]) + j] = b[k * ldb + j] } }
                    ck_gemm_gathered(Int32(t.firstRow), Int32(t.rows), Int32(t.cols), Int32(t.depth), packed, rows, offsets, &c, ldc,
                                     bias, t.relu ? 1 : 0)
                    return
                case .prepacked: break
                }
                var packedB = [Float](repeating: .nan, count: ck_gemm_packed_b_size(Int32(t.depth), Int32(t.cols)))
                let panels = (t.cols + Int(ck_gemm_panel_width()) - 1) / Int(ck_gemm_panel_width())
                for (q0, q1) in [(0, panels / 2), (panels / 2, panels)] {
                    ck_gemm_pack_b(b, ldb, Int32(t.depth), Int32(t.cols), Int32(q0), Int32(q1), &packedB)
                }
                XCTAssertFalse(packedB.prefix(panels * Int(ck_gemm_panel_width()) * t.depth).contains { $0.isNaN }, "\(t): every packed float written")
                ck_gemm_prepacked(Int32(t.firstRow), Int32(t.rows), Int32(t.cols), Int32(t.depth), packed, packedB, &c, ldc, bias, t.relu ? 1 : 0)
            }
            var worst: Float = 0
            for r in 0..<t.rows {
                for j in 0..<ldc {
                    let got = c[r * ldc + j]
                    guard r >= t.firstRow, j < t.cols else {
                        XCTAssertEqual(got, sentinel, "\(t): wrote outside rows \(t.firstRow)..<\(t.rows), columns 0..<\(t.cols) at (\(r), \(j))")
                        continue
                    }
                    // In double; the float sum may differ by rounding, relative to Σ|terms|.
                    var sum: Double = t.bias ? Double(bias[r]) : 0, magnitude = abs(sum)
                    for k in 0..<t.depth {
                        let term = Double(a[r * t.depth + k]) * Double(b[k * ldb + j])
                        sum += term; magnitude += abs(term)
                    }
                    let expected = t.relu ? max(sum, 0) : sum
                    worst = max(worst, Float(abs(Double(got) - expected) / max(1, magnitude)))
                }
            }
            XCTAssertLessThan(worst, 1e-6, "\(t) on \(variant), B \(way)")
        }
    }

    /// ck_gemm_pack (8 columns at a time through an in-register transpose) against its twin that
    /// places one element at a time, bit for bit, on every build: rows under, at and past a 6-row
    /// panel with a ragged last panel, depths under 8, at 8 and with a tail, rows further apart
    /// than the depth (their gaps hold NaN, so reading past a row's depth shows), and the float
    /// after the packed matrix never written.
    func testPackMatchesNaiveTwin() {
        defer { ck_gemm_use_variant(Int32(CK_GEMM_AUTOMATIC)) }
        let variants = [CK_GEMM_BASELINE, CK_GEMM_AVX2, CK_GEMM_WIDE_ON_AVX2, CK_GEMM_AVX512].map { Int32($0) }
            .filter { ck_gemm_variant_available($0) != 0 }
        var rng = SeededRandom(seed: 71)
        for (rows, depth, gap) in [(1, 1, 0), (5, 7, 2), (6, 8, 0), (6, 16, 3), (13, 19, 1), (64, 49, 0), (16, 784, 5), (7, 300, 0)] {
            let lda = depth + gap
            var a = Tensor.randn([rows, lda], rng: &rng).values
            for r in 0..<rows { for k in depth..<lda { a[r * lda + k] = .nan } }
            let size = ck_gemm_packed_size(Int32(rows), Int32(depth)), sentinel: Float = -12345
            var twin = [Float](repeating: sentinel, count: size + 1)
            ck_gemm_pack_naive(a, Int32(rows), Int32(depth), lda, &twin)
            for variant in variants {
                ck_gemm_use_variant(variant)
                var packed = [Float](repeating: sentinel, count: size + 1)
                ck_gemm_pack(a, Int32(rows), Int32(depth), lda, &packed)
                XCTAssertEqual(packed.map(\.bitPattern), twin.map(\.bitPattern), "\(rows) × \(depth), lda \(lda) on \(CKernelsBuild.gemmVariant)")
                XCTAssertEqual(packed[size], sentinel, "wrote past the packed matrix")
            }
        }
    }

    /// ck_gemm_gathered_rows against the textbook sum: several output rows at once, B's row k of
    /// output row q at rows + offsets[k] + q·rowStep, C's columns the rows' cells in turn. Rows of
    /// 112 cells (conv1: 3½ panels, so panels run across row ends), 40 and 33 (a panel across a
    /// row end with a ragged last panel), 64 (whole panels) and 20 (under a panel: a row at a time),
    /// on every build; the gaps between the rows hold NaN, so reading past a row's cells shows.
    func testGatheredRowsMatchNaiveLoop() {
        defer { ck_gemm_use_variant(Int32(CK_GEMM_AUTOMATIC)) }
        let variants = [CK_GEMM_BASELINE, CK_GEMM_AVX2, CK_GEMM_WIDE_ON_AVX2, CK_GEMM_AVX512].map { Int32($0) }
            .filter { ck_gemm_variant_available($0) != 0 }
        var rng = SeededRandom(seed: 67)
        for (outChannels, outRows, outWidth, depth) in [(13, 3, 112, 21), (64, 2, 40, 147), (7, 5, 33, 300), (12, 2, 64, 9), (8, 3, 20, 17)] {
            let a = Tensor.randn([outChannels, depth], rng: &rng).values
            let bias = Tensor.randn([outChannels], rng: &rng).values
            var packed = [Float](repeating: .nan, count: ck_gemm_packed_size(Int32(outChannels), Int32(depth)))
            ck_gemm_pack(a, Int32(outChannels), Int32(depth), depth, &packed)
            // tap k's runs: one per output row, rowStep apart, each readable to the next 32 floats
            let run = (outWidth + 31) / 32 * 32 + 3, rowStep = depth * run + 5
            let offsets = (0..<depth).map { Int32((depth - 1 - $0) * run + $0 % 3) }
            var rows = [Float](repeating: .nan, count: outRows * rowStep)
            var b = [Float](repeating: 0, count: depth * outRows * outWidth)          // B (depth, outRows·outWidth)
            for k in 0..<depth { for q in 0..<outRows { for x in 0..<outWidth {
                let v = Float.random(in: -1...1, using: &rng)
                rows[q * rowStep + Int(offsets[k]) + x] = v
                b[k * outRows * outWidth + q * outWidth + x] = v
            } } }
            let (cols, ldc) = (outRows * outWidth, outRows * outWidth + 3), sentinel: Float = -12345
            for variant in variants {
                ck_gemm_use_variant(variant)
                var c = [Float](repeating: sentinel, count: outChannels * ldc)
                ck_gemm_gathered_rows(0, Int32(outChannels), Int32(outRows), Int32(outWidth), Int32(depth), packed, rows, offsets,
                                      rowStep, &c, ldc, bias, 1)
                var worst: Float = 0
                for r in 0..<outChannels {
                    for j in 0..<ldc {
                        let got = c[r * ldc + j]
                        guard j < cols else { XCTAssertEqual(got, sentinel, "wrote past the rows' cells at (\(r), \(j))"); continue }
                        var sum = Double(bias[r]), magnitude = abs(sum)
                        for k in 0..<depth {
                            let term = Double(a[r * depth + k]) * Double(b[k * cols + j]); sum += term; magnitude += abs(term)
                        }
                        worst = max(worst, Float(abs(Double(got) - max(sum, 0)) / max(1, magnitude)))
                    }
                }
                XCTAssertLessThan(worst, 1e-6, "\(outRows) rows of \(outWidth), \(outChannels) × \(depth) on \(CKernelsBuild.gemmVariant)")
            }
        }
    }

    /// Every part of a job runs, on its own thread, and no part passes a barrier before all
    /// have reached it: each part records the round it is in; after the barrier all agree.
    func testPoolBarrierHoldsEveryPartBack() {
        final class Rounds: @unchecked Sendable {
            var seen = [Int](repeating: -1, count: 3)
            var disagreements = 0
            var threads = Set<UInt>()
            let lock = NSLock()
        }
        let pool = ck_pool_create(3)!
        defer { ck_pool_destroy(pool) }
        XCTAssertEqual(ck_pool_threads(pool), 3)
        let rounds = Rounds()
        var state = (pool, rounds)
        withUnsafeMutablePointer(to: &state) { state in
            ck_pool_run(pool, { context, part in
                let (pool, rounds) = context!.assumingMemoryBound(to: (OpaquePointer, Rounds).self).pointee
                rounds.lock.lock(); rounds.threads.insert(UInt(pthread_self())); rounds.lock.unlock()
                for round in 0..<500 {
                    rounds.seen[Int(part)] = round
                    ck_pool_barrier(pool)
                    if rounds.seen.contains(where: { $0 != round }) { rounds.lock.lock(); rounds.disagreements += 1; rounds.lock.unlock() }
                    ck_pool_barrier(pool)
                }
            }, state)
        }
        XCTAssertEqual(rounds.disagreements, 0)
        XCTAssertEqual(rounds.seen, [499, 499, 499])
        XCTAssertEqual(rounds.threads.count, 3)
    }
}
