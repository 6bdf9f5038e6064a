import CKernels
import Foundation
@testable import InceptionRuntime
import TestSupport
import XCTest

/// The backward kernels: each fast kernel against its naive twin on awkward shapes, each naive
/// twin against central finite differences of a float64 forward on tiny shapes, and the rules
/// that a gradient check cannot see (max-pool ties, dropout's random stream, error messages).
final class BackwardKernelTests: XCTestCase {
    // These tests exercise the Winograd kernels on small shapes, which otherwise run by im2col + GEMM.
    override func setUp() { super.setUp(); WinogradConvolution.smallestChannelProduct = 0 }
    override func tearDown() { WinogradConvolution.smallestChannelProduct = WinogradConvolution.defaultSmallestChannelProduct; super.tearDown() }

    // MARK: - Fast kernels against their naive twins

    struct ConvCase { var n, c, h, w, o, k, s, p: Int; var bias: Bool }

    static let convCases: [ConvCase] = [
        ConvCase(n: 3, c: 5, h: 11, w: 13, o: 7, k: 3, s: 2, p: 1, bias: true),    // stride 2, padding, non-square, batch 3
        ConvCase(n: 2, c: 3, h: 17, w: 13, o: 5, k: 7, s: 2, p: 3, bias: true),    // the stem's 7×7/2
        ConvCase(n: 2, c: 3, h: 29, w: 25, o: 5, k: 7, s: 2, p: 3, bias: true),    // 7×7/2 on 195 output cells: image by image
        ConvCase(n: 3, c: 4, h: 13, w: 12, o: 7, k: 5, s: 1, p: 2, bias: false),   // 5×5 "same" on 156 cells: Winograd, dW too
        ConvCase(n: 3, c: 7, h: 11, w: 13, o: 5, k: 1, s: 1, p: 0, bias: true),    // 1×1: image by image, where the tensors lie
        ConvCase(n: 3, c: 9, h: 7, w: 5, o: 40, k: 1, s: 1, p: 0, bias: false),    // 1×1 on a small map: one channel-major product
        ConvCase(n: 2, c: 5, h: 9, w: 11, o: 3, k: 1, s: 2, p: 0, bias: false),    // 1×1 with stride: im2col path
        ConvCase(n: 3, c: 5, h: 8, w: 11, o: 7, k: 5, s: 1, p: 2, bias: true),     // 5×5 "same"
        ConvCase(n: 1, c: 4, h: 7, w: 5, o: 2, k: 3, s: 3, p: 0, bias: false),     // stride = kernel, cells left out
        ConvCase(n: 2, c: 3, h: 4, w: 10, o: 5, k: 3, s: 2, p: 2, bias: true),     // padding wider than the kernel's half
        ConvCase(n: 2, c: 2, h: 3, w: 3, o: 3, k: 5, s: 2, p: 2, bias: true),      // kernel larger than the input
        ConvCase(n: 3, c: 6, h: 9, w: 7, o: 5, k: 3, s: 1, p: 1, bias: false),     // 3×3 "same": Winograd F(2×2), cut tiles
        ConvCase(n: 1, c: 13, h: 6, w: 10, o: 17, k: 3, s: 1, p: 1, bias: true),   // Winograd, one image, more filters than inputs
        ConvCase(n: 2, c: 1, h: 1, w: 2, o: 2, k: 3, s: 1, p: 1, bias: false),     // Winograd on a map smaller than a tile
        ConvCase(n: 2, c: 3, h: 95, w: 90, o: 4, k: 3, s: 1, p: 1, bias: true),    // Winograd on 4,320 tiles: dx by each thread's own pieces
    ]

    func testConv2dBackwardMatchesNaiveLoops() throws {
        var rng = SeededRandom(seed: 11)
        let workspace = Workspace()       // shared across cases, as a network would
        for (i, t) in Self.convCases.enumerated() {
            let x = Tensor.randn([t.n, t.c, t.h, t.w], rng: &rng)
            let weight = Tensor.randn([t.o, t.c, t.k, t.k], rng: &rng)
            let window = Window2d(kernel: t.k, stride: t.s, padding: t.p)
            let (ho, wo) = window.outputSize(height: t.h, width: t.w)
            let gy = Tensor.randn([t.n, t.o, ho, wo], rng: &rng)
            let fast = try ConvolutionBackward.conv2d(x, weight: weight, hasBias: t.bias, window: window, gradOutput: gy,
                                                      workspace: workspace)
            let slow = try NaiveBackwardKernels.conv2d(x, weight: weight, hasBias: t.bias, window: window, gradOutput: gy)
            let what = "case \(i) \(t) on \(OpenBLAS.coreName)"
            assertClose(try XCTUnwrap(fast.input), slow.input, tolerance: 1e-4, "dx " + what)
            assertClose(fast.weight, slow.weight, tolerance: 1e-4, "dW " + what)
            XCTAssertEqual(fast.bias == nil, !t.bias, what)
            if let fb = fast.bias, let sb = slow.bias { assertClose(fb, sb, tolerance: 1e-4, "db " + what) }

            let noInput = try ConvolutionBackward.conv2d(x, weight: weight, hasBias: t.bias, window: window, gradOutput: gy,
                                                         needInputGrad: false)
            XCTAssertNil(noInput.input, what)
            assertClose(noInput.weight, slow.weight, tolerance: 1e-4, "dW without dx " + what)
        }
    }

    /// The training path's Winograd convolutions in several passes of tiles (the pass size
    /// lowered to 24 tiles: 2·5·5 = 50 tiles here), against one pass and the naive loops.
    func testWinogradConvolutionInSeveralPasses() throws {
        defer { WinogradConvolution.tileFloatsPerPass = WinogradConvolution.defaultTileFloatsPerPass }
        var rng = SeededRandom(seed: 14)
        let x = Tensor.randn([2, 4, 9, 10], rng: &rng), weight = Tensor.randn([3, 4, 3, 3], rng: &rng)
        let gy = Tensor.randn([2, 3, 9, 10], rng: &rng)
        let window = Window2d(kernel: 3, stride: 1, padding: 1)
        WinogradConvolution.tileFloatsPerPass = 24 * 16 * (4 + 3)
        let y = try Convolution.conv2d(x, weight: weight, bias: nil, window: window)
        let grads = try ConvolutionBackward.conv2d(x, weight: weight, hasBias: false, window: window, gradOutput: gy)
        assertClose(y, try NaiveKernels.conv2d(x, weight: weight, bias: nil, window: window), tolerance: 1e-4, "y in passes")
        let slow = try NaiveBackwardKernels.conv2d(x, weight: weight, hasBias: false, window: window, gradOutput: gy)
        assertClose(try XCTUnwrap(grads.input), slow.input, tolerance: 1e-4, "dx in passes")
        assertClose(grads.weight, slow.weight, tolerance: 1e-4, "dW in passes")
    }

    /// The training path's F(4×4, 3×3) (a 3×3's forward and input gradient on maps of 14×14 and
    /// more; forced here onto smaller ones too), F(4×4, 5×5) (a 5×5's) and F(2×2, 5×5) against the naive loops:
    /// tiles cut by the border, one image, a map smaller than a tile, more filters than inputs,
    /// several passes of tiles, and many tiles by each thread's own pieces; on every C-kernel build
    /// this CPU runs (baseline, AVX2, AVX-512), every GEMM build, one thread and all. The weight gradient (by the same
    /// tiles) is checked too.
    func testLargerWinogradTilesOnEveryBuild() throws {
        let saved = OpenBLAS.requestedThreads
        defer {
            OpenBLAS.setThreads(saved); ck_force_isa(Int32(CK_ISA_AUTOMATIC)); ck_gemm_use_variant(Int32(CK_GEMM_AUTOMATIC))
            WinogradConvolution.choice = .automatic
            WinogradConvolution.tileFloatsPerPass = WinogradConvolution.defaultTileFloatsPerPass
        }
        XCTAssertEqual(WinogradConvolution.tile(kernel: 3, height: 28, width: 30), 4)
        XCTAssertEqual(WinogradConvolution.tile(kernel: 3, height: 14, width: 14), 4)
        XCTAssertEqual(WinogradConvolution.tile(kernel: 3, height: 13, width: 56), 2)
        XCTAssertEqual(WinogradChoice.automatic.tile(kernel: 3, height: 7, width: 7, batch: 8), 2, "the fast path's plans keep F(2×2) on 7×7")
        XCTAssertEqual(WinogradConvolution.tile(kernel: 5, height: 56, width: 56), 4)
        XCTAssertEqual(WinogradConvolution.tile(kernel: 5, height: 7, width: 7), 4)
        var rng = SeededRandom(seed: 17)
        let cases: [(n: Int, c: Int, h: Int, w: Int, o: Int, r: Int, choice: WinogradChoice, passFloats: Int?)] = [
            (2, 5, 30, 29, 7, 3, .automatic, nil),      // F(4×4) chosen: 8 × 8 tiles, the last row and column cut
            (3, 6, 9, 7, 5, 3, .tile(4), nil),          // cut tiles on both sides
            (1, 13, 6, 10, 17, 3, .tile(4), nil),       // one image, more filters than inputs
            (2, 1, 1, 2, 2, 3, .tile(4), nil),          // a map smaller than a tile
            (2, 4, 21, 19, 3, 3, .tile(4), 24 * 36 * 7), // passes of 24 tiles (2·6·5 = 60 tiles)
            (2, 3, 190, 180, 4, 3, .automatic, nil),    // 4,320 tiles: each thread's own pieces (dW: slices of tiles)
            (3, 4, 13, 12, 7, 5, .tile(2), nil),        // F(2×2, 5×5) on 156 cells: 7 × 6 tiles, cut at the bottom
            (2, 9, 7, 7, 5, 5, .tile(2), nil),          // 7×7 (49 cells): 4 × 4 tiles, both sides cut
            (1, 2, 3, 2, 3, 5, .tile(2), nil),          // a map smaller than the kernel
            (2, 4, 21, 19, 3, 5, .tile(2), 24 * 36 * 7), // passes of 24 tiles (2·11·10 = 220 tiles)
            (2, 3, 64, 70, 5, 5, .tile(2), nil),        // 2,240 tiles: each thread's own pieces
            (3, 4, 13, 12, 7, 5, .automatic, nil),      // F(4×4, 5×5) chosen: 4 × 3 tiles, cut at the bottom and right
            (2, 9, 7, 7, 5, 5, .automatic, nil),        // 7×7: 2 × 2 tiles, both sides cut
            (1, 2, 3, 2, 3, 5, .automatic, nil),        // a map smaller than the kernel and the tile
            (2, 4, 21, 19, 3, 5, .automatic, 24 * 64 * 7), // passes of 24 tiles (2·6·5 = 60 tiles)
            (2, 3, 128, 136, 5, 5, .automatic, nil),    // 2,176 tiles: each thread's own pieces
        ]
        let variants = [CK_GEMM_BASELINE, CK_GEMM_AVX2, CK_GEMM_WIDE_ON_AVX2, CK_GEMM_AVX512].map { Int32($0) }
            .filter { ck_gemm_variant_available($0) != 0 }
        for t in cases {
            let window = Window2d(kernel: t.r, stride: 1, padding: t.r / 2)
            WinogradConvolution.choice = t.choice
            WinogradConvolution.tileFloatsPerPass = t.passFloats ?? WinogradConvolution.defaultTileFloatsPerPass
            let x = Tensor.randn([t.n, t.c, t.h, t.w], rng: &rng), weight = Tensor.randn([t.o, t.c, t.r, t.r], rng: &rng)
            let bias = Tensor.randn([t.o], rng: &rng), gy = Tensor.randn([t.n, t.o, t.h, t.w], rng: &rng)
            let y = try NaiveKernels.conv2d(x, weight: weight, bias: bias, window: window)
            let slow = try NaiveBackwardKernels.conv2d(x, weight: weight, hasBias: true, window: window, gradOutput: gy)
            for level in [CK_ISA_BASELINE, CK_ISA_AVX2, CK_ISA_AUTOMATIC] {
                ck_force_isa(Int32(level))
                for variant in variants {
                    ck_gemm_use_variant(variant)
                    for threads in [max(saved, 2), 1] {
                        OpenBLAS.setThreads(threads)
                        let what = "\(t) on \(String(cString: ck_isa())), GEMM \(String(cString: ck_gemm_variant_name())), \(threads) thread(s)"
                        assertClose(try Convolution.conv2d(x, weight: weight, bias: bias, window: window), y, tolerance: 1e-4, "y " + what)
                        let fast = try ConvolutionBackward.conv2d(x, weight: weight, hasBias: true, window: window, gradOutput: gy)
                        assertClose(try XCTUnwrap(fast.input), slow.input, tolerance: 1e-4, "dx " + what)
                        assertClose(fast.weight, slow.weight, tolerance: 1e-4, "dW " + what)
                        assertClose(try XCTUnwrap(fast.bias), try XCTUnwrap(slow.bias), tolerance: 1e-4, "db " + what)
                    }
                }
            }
        }
    }

    /// An infinity in x, the weight or gy sends a Winograd-sized convolution to im2col + GEMM,
    /// which carries it to the outputs it reaches as ±∞; the transforms would have spread it over
    /// its whole tile as NaNs. y, dx and dW against im2col's (Winograd off): the same cells NaN,
    /// the same cells infinite, the rest close; and against the naive loops, which skip the padding
    /// as PyTorch's oneDNN does for this batch of 2 (with the ∞ in the weight or gy, the direct
    /// convolution of `ConvolutionPadding`'s rule takes y or dW: im2col would make ∞ · 0 = NaN).
    func testNonFiniteOperandsLeaveWinograd() throws {
        defer { WinogradConvolution.choice = .automatic }
        var rng = SeededRandom(seed: 19)
        for r in [3, 5] {
            let window = Window2d(kernel: r, stride: 1, padding: r / 2)
            for poisoned in ["x", "weight", "gy"] {
                let x = Tensor.randn([2, 4, 11, 9], rng: &rng), weight = Tensor.randn([5, 4, r, r], rng: &rng)
                let gy = Tensor.randn([2, 5, 11, 9], rng: &rng)
                switch poisoned {
                case "x": x.data[3 * 9 + 4] = .infinity
                case "weight": weight.data[r * r + 1] = -.infinity
                default: gy.data[9 * 9 + 2] = .infinity
                }
                func results() throws -> [(String, Tensor)] {
                    let grads = try ConvolutionBackward.conv2d(x, weight: weight, hasBias: false, window: window, gradOutput: gy)
                    return [("y", try Convolution.conv2d(x, weight: weight, bias: nil, window: window)),
                            ("dx", try XCTUnwrap(grads.input)), ("dW", grads.weight)]
                }
                WinogradConvolution.choice = .automatic
                let fast = try results()
                WinogradConvolution.choice = .off
                var references = [("im2col", try results())]
                let slow = try NaiveBackwardKernels.conv2d(x, weight: weight, hasBias: false, window: window, gradOutput: gy)
                references.append(("the naive loops", [("y", try NaiveKernels.conv2d(x, weight: weight, bias: nil, window: window)),
                                                       ("dx", try XCTUnwrap(slow.input)), ("dW", slow.weight)]))
                for (reference, expected) in references {
                    for ((name, actual), (_, wanted)) in zip(fast, expected) {
                        let (a, e) = (actual.values, wanted.values), what = "\(name), \(r)×\(r), an infinity in \(poisoned), against \(reference)"
                        XCTAssertEqual(a.indices.filter { a[$0].isNaN }, e.indices.filter { e[$0].isNaN }, "NaN cells of " + what)
                        XCTAssertEqual(a.indices.filter { a[$0].isInfinite }.map { a[$0] }, e.indices.filter { e[$0].isInfinite }.map { e[$0] },
                                       "infinite cells of " + what)
                        XCTAssertLessThan(a.indices.filter { e[$0].isFinite }.map { abs(a[$0] - e[$0]) }.max() ?? 0, 1e-3, "finite cells of " + what)
                    }
                }
            }
        }
    }

    /// How far each algorithm's rounding takes y, dx and dW from the exact sums (float64 loops),
    /// as a fraction of the largest entry: im2col's, F(2×2, 3×3)'s and F(4×4, 3×3)'s for a 3×3,
    /// im2col's, F(2×2, 5×5)'s and F(4×4, 5×5)'s for a 5×5, on a map of 64 tiles of F(4×4) an image. Measured
    /// (2 × 16 × 32 × 32 → 24): dW 3.6e-7 (im2col), 6.7e-7 (F(2×2)), 8.5e-6 (F(4×4)); y and dx by
    /// F(4×4) about 4e-6; a 5×5's by F(2×2, 5×5): y and dx 2–3e-6, dW 1.5e-5 (the tile sums M
    /// cancel more before Gᵀ M G shrinks them); by F(4×4, 5×5) the same order (bench/winograd_error.py:
    /// one tile's y 4.6e-6 against F(2×2, 5×5)'s 2.6e-6 on average). The bounds keep each within a few
    /// times that, so a transform that loses precision (or a wrong one) fails.
    func testWinogradRoundingAgainstFloat64Sums() throws {
        defer { WinogradConvolution.choice = .automatic }
        var rng = SeededRandom(seed: 3)
        let (n, c, h, w, o) = (2, 16, 32, 32, 24)
        for (r, choices) in [(3, [(WinogradChoice.off, 2e-6), (.tile(2), 4e-6), (.tile(4), 4e-5)]), (5, [(.off, 2e-6), (.tile(2), 5e-5), (.tile(4), 5e-5)])] {
            let x = Tensor.randn([n, c, h, w], rng: &rng), weight = Tensor.randn([o, c, r, r], rng: &rng)
            let gy = Tensor.randn([n, o, h, w], rng: &rng)
            // the exact y, dx and dW of the "same" r×r convolution, in float64
            let (taps, pad) = (r * r, r / 2)
            var y = [Double](repeating: 0, count: n * o * h * w), dx = [Double](repeating: 0, count: x.count)
            var dw = [Double](repeating: 0, count: weight.count)
            for i in 0..<n { for k in 0..<o { for ch in 0..<c { for ky in 0..<r { for kx in 0..<r {
                let tap = Double(weight.data[(k * c + ch) * taps + ky * r + kx])
                var sum = 0.0
                for oy in max(0, pad - ky)..<min(h, h + pad - ky) { for ox in max(0, pad - kx)..<min(w, w + pad - kx) {
                    let (at, from) = (((i * o + k) * h + oy) * w + ox, ((i * c + ch) * h + oy + ky - pad) * w + ox + kx - pad)
                    y[at] += tap * Double(x.data[from])
                    dx[from] += tap * Double(gy.data[at])
                    sum += Double(gy.data[at]) * Double(x.data[from])
                } }
                dw[(k * c + ch) * taps + ky * r + kx] += sum
            } } } } }
            func error(_ t: Tensor, _ exact: [Double]) -> Double {
                zip(t.values, exact).map { abs(Double($0) - $1) }.max()! / exact.map(abs).max()!
            }
            let window = Window2d(kernel: r, stride: 1, padding: pad)
            for (choice, bound) in choices {
                WinogradConvolution.choice = choice
                let grads = try ConvolutionBackward.conv2d(x, weight: weight, hasBias: false, window: window, gradOutput: gy)
                XCTAssertLessThan(error(try Convolution.conv2d(x, weight: weight, bias: nil, window: window), y), bound, "y, \(r)×\(r), \(choice)")
                XCTAssertLessThan(error(try XCTUnwrap(grads.input), dx), bound, "dx, \(r)×\(r), \(choice)")
                XCTAssertLessThan(error(grads.weight, dw), bound, "dW, \(r)×\(r), \(choice)")
            }
        }
    }

    /// The weight gradient on many tiles goes by slices of tiles, each one thread's: the same bits
    /// on one thread as on all, and close to the naive loops. F(2×2, 3×3) on 2·32·35 = 2,240 tiles
    /// (9 chunks of 256, the last 192, in 4 slices), F(4×4, 3×3) on 2·32·34 = 2,176, F(2×2, 5×5)
    /// on 2,240, F(4×4, 5×5) on 2,176.
    func testWinogradWeightGradientInSlicesIsThreadIndependent() throws {
        let saved = OpenBLAS.requestedThreads
        defer { OpenBLAS.setThreads(saved); WinogradConvolution.choice = .automatic }
        var rng = SeededRandom(seed: 15)
        for (choice, r, h, w, tiles, alpha) in [(WinogradChoice.tile(2), 3, 64, 70, 2 * 32 * 35, 4), (.automatic, 3, 128, 136, 2 * 32 * 34, 6),
                                                (.tile(2), 5, 64, 70, 2 * 32 * 35, 6), (.automatic, 5, 128, 136, 2 * 32 * 34, 8)] {
            WinogradConvolution.choice = choice
            let x = Tensor.randn([2, 5, h, w], rng: &rng), weight = Tensor.randn([6, 5, r, r], rng: &rng)
            let gy = Tensor.randn([2, 6, h, w], rng: &rng)
            let window = Window2d(kernel: r, stride: 1, padding: r / 2)
            XCTAssertEqual(WinogradConvolution.tile(kernel: r, height: h, width: w) + r - 1, alpha)
            XCTAssertNotNil(WinogradConvolution.localTiles(tiles: tiles, alpha: alpha, channels: 5, outChannels: 6))
            let slow = try NaiveBackwardKernels.conv2d(x, weight: weight, hasBias: false, window: window, gradOutput: gy)
            var results: [[Float]] = []
            for threads in [max(saved, 2), 1] {
                OpenBLAS.setThreads(threads)
                let fast = try ConvolutionBackward.conv2d(x, weight: weight, hasBias: false, window: window, gradOutput: gy,
                                                          needInputGrad: false)
                assertClose(fast.weight, slow.weight, tolerance: 1e-3, "dW in slices, \(r)×\(r), \(choice), on \(threads) thread(s)")
                results.append(fast.weight.values)
            }
            XCTAssertEqual(results[0], results[1], "dW, \(r)×\(r), \(choice), on \(max(saved, 2)) threads and on 1")
        }
    }

    /// The weight gradient of a (not 1×1, not Winograd) convolution on maps of 128 cells or more,
    /// read from each image's phase rows (`PhaseRows.weightGradient`), against the naive loops: one
    /// image (the taps split between threads) and three (slices of images), strides 1 to 3, many
    /// input channels (600 taps) and few, output rows that are not a multiple of 8 (ragged runs)
    /// and depth blocks that end mid-row, on every GEMM build this CPU runs, on one thread and all.
    func testPhaseRowsWeightGradientOnEveryGEMMBuild() throws {
        let saved = OpenBLAS.requestedThreads
        defer { OpenBLAS.setThreads(saved); ck_gemm_use_variant(Int32(CK_GEMM_AUTOMATIC)) }
        var rng = SeededRandom(seed: 16)
        let cases: [(n: Int, c: Int, h: Int, w: Int, o: Int, k: Int, s: Int, p: Int)] = [
            (1, 3, 45, 61, 13, 7, 2, 3),     // conv1's kind, 23 × 31 outputs
            (3, 2, 37, 29, 7, 5, 3, 2),      // stride 3, 13 × 10 outputs
            (2, 4, 40, 300, 6, 7, 2, 3),     // 150-wide output rows: a depth block of 256 ends mid-row
            (2, 24, 16, 16, 19, 5, 1, 1),    // a 5×5 that is not "same" (a "same" one is Winograd's): 600 taps, 14-wide rows
            (1, 5, 27, 19, 8, 3, 2, 1),      // a 3×3 with stride 2
        ]
        let variants = [CK_GEMM_BASELINE, CK_GEMM_AVX2, CK_GEMM_WIDE_ON_AVX2, CK_GEMM_AVX512].map { Int32($0) }
            .filter { ck_gemm_variant_available($0) != 0 }
        for t in cases {
            let window = Window2d(kernel: t.k, stride: t.s, padding: t.p)
            let (ho, wo) = window.outputSize(height: t.h, width: t.w)
            XCTAssertGreaterThanOrEqual(ho * wo, Convolution.eachImageFromCells, "\(t)")
            let x = Tensor.randn([t.n, t.c, t.h, t.w], rng: &rng), weight = Tensor.randn([t.o, t.c, t.k, t.k], rng: &rng)
            let gy = Tensor.randn([t.n, t.o, ho, wo], rng: &rng)
            let slow = try NaiveBackwardKernels.conv2d(x, weight: weight, hasBias: false, window: window, gradOutput: gy)
            for variant in variants {
                ck_gemm_use_variant(variant)
                for threads in [saved, 1] {
                    OpenBLAS.setThreads(threads)
                    let fast = try ConvolutionBackward.conv2d(x, weight: weight, hasBias: false, window: window, gradOutput: gy,
                                                              needInputGrad: false)
                    assertClose(fast.weight, slow.weight, tolerance: 1e-4,
                                "dW \(t) on \(String(cString: ck_gemm_variant_name())), \(threads) thread(s)")
                }
            }
        }
    }

    /// A ReLU fused after train-mode BatchNorm (`reluAfter`): the forward is BatchNorm then ReLU,
    /// and the backward the ReLU's then BatchNorm's, bit for bit, on the baseline build and the
    /// best one; planes of 1 cell, of 9 (a vector and a tail) and wide ones; β around 0 so that
    /// about half of each channel is cut off, and one channel whose outputs are all cut off.
    func testBatchNormWithReLUAfterIsBothBackwards() throws {
        defer { ck_force_baseline(0) }
        for baseline in [true, false] {
            ck_force_baseline(baseline ? 1 : 0)
            var rng = SeededRandom(seed: 19)
            for shape in [[3, 5, 11, 13], [2, 4, 1, 9], [4, 3, 5, 5], [5, 2, 1, 1]] {
                let c = shape[1], what = "\(shape) on \(String(cString: ck_isa()))"
                let x = Tensor.randn(shape, mean: 0.5, std: 2, rng: &rng), gy = Tensor.randn(shape, rng: &rng)
                let gamma = Tensor.uniform([c], low: 0.5, high: 1.5, rng: &rng), beta = Tensor.randn([c], std: 0.5, rng: &rng)
                beta.data[c - 1] = -100                                   // every output of this channel cut off
                func forward(relu: Bool) throws -> (output: Tensor, statistics: Normalization.BatchStatistics) {
                    try Normalization.batchNormTrainKeepingStatistics(x, gamma: gamma, beta: beta, runningMean: Tensor(zeros: [c]),
                                                                      runningVar: Tensor(zeros: [c]), eps: 1e-3, momentum: 0.1,
                                                                      reluAfter: relu)
                }
                let (plain, fused) = (try forward(relu: false), try forward(relu: true))
                let relu = Elementwise.relu(plain.output)
                XCTAssertEqual(fused.output.values, relu.values, "forward " + what)
                XCTAssertTrue(relu.values.contains(0) && relu.values.contains { $0 > 0 }, what)
                let separate = try NormalizationBackward.batchNormTrain(x, gamma: gamma, eps: 1e-3,
                                                                        gradOutput: try DenseBackward.relu(output: relu, gradOutput: gy),
                                                                        statistics: plain.statistics)
                let together = try NormalizationBackward.batchNormTrain(x, gamma: gamma, eps: 1e-3, gradOutput: gy,
                                                                        statistics: fused.statistics, reluAfter: beta)
                XCTAssertEqual(together.input.values, separate.input.values, "dx " + what)
                XCTAssertEqual(together.gamma.values, separate.gamma.values, "dγ " + what)
                XCTAssertEqual(together.beta.values, separate.beta.values, "dβ " + what)
                XCTAssertEqual(together.beta.values[c - 1], 0, "no gradient through a channel the ReLU cut off, " + what)
            }
        }
    }

    func testBatchNormBackwardMatchesNaiveLoops() throws {
        var rng = SeededRandom(seed: 12)
        for shape in [[3, 5, 11, 13], [2, 7, 1, 1], [1, 3, 4, 5]] {
            let c = shape[1]
            let x = Tensor.randn(shape, mean: 0.5, std: 2, rng: &rng), gy = Tensor.randn(shape, rng: &rng)
            let gamma = Tensor.uniform([c], low: 0.5, high: 1.5, rng: &rng)
            let mean = Tensor.randn([c], rng: &rng), variance = Tensor.uniform([c], low: 0.5, high: 2, rng: &rng)
            let fast = try NormalizationBackward.batchNormTrain(x, gamma: gamma, eps: 1e-3, gradOutput: gy)
            let slow = try NaiveBackwardKernels.batchNormTrain(x, gamma: gamma, eps: 1e-3, gradOutput: gy)
            assertClose(fast.input, slow.input, tolerance: 1e-4, "train dx \(shape)")
            assertClose(fast.gamma, slow.gamma, tolerance: 1e-4, "train dγ \(shape)")
            assertClose(fast.beta, slow.beta, tolerance: 1e-4, "train dβ \(shape)")
            // With the statistics the forward kept: the same bits as computing them again.
            let forward = try Normalization.batchNormTrainKeepingStatistics(x, gamma: gamma, beta: Tensor(zeros: [c]),
                                                                            runningMean: Tensor(zeros: [c]), runningVar: Tensor(zeros: [c]),
                                                                            eps: 1e-3, momentum: 0.1)
            let kept = try NormalizationBackward.batchNormTrain(x, gamma: gamma, eps: 1e-3, gradOutput: gy, statistics: forward.statistics)
            XCTAssertEqual(kept.input.values, fast.input.values, "train dx with the forward's statistics \(shape)")
            XCTAssertEqual(kept.gamma.values, fast.gamma.values, "train dγ with the forward's statistics \(shape)")
            var wrong = forward.statistics
            wrong.mean.removeLast()
            XCTAssertThrowsError(try NormalizationBackward.batchNormTrain(x, gamma: gamma, eps: 1e-3, gradOutput: gy, statistics: wrong)) {
                XCTAssertEqual("\($0)", "BatchNorm2d backward: batch statistics of \(c - 1) channels for an input of \(c)")
            }
            let fastEval = try NormalizationBackward.batchNormEval(x, gamma: gamma, runningMean: mean, runningVar: variance,
                                                                   eps: 1e-3, gradOutput: gy)
            let slowEval = try NaiveBackwardKernels.batchNormEval(x, gamma: gamma, runningMean: mean, runningVar: variance,
                                                                  eps: 1e-3, gradOutput: gy)
            assertClose(fastEval.input, slowEval.input, tolerance: 1e-4, "eval dx \(shape)")
            assertClose(fastEval.gamma, slowEval.gamma, tolerance: 1e-4, "eval dγ \(shape)")
            assertClose(fastEval.beta, slowEval.beta, tolerance: 1e-4, "eval dβ \(shape)")
        }
    }

    /// (H, W, kernel, stride, padding, ceil_mode)
    static let poolCases: [(Int, Int, Int, Int, Int, Bool)] = [
        (11, 13, 3, 2, 1, false), (11, 13, 3, 2, 0, true), (13, 11, 3, 2, 1, true), (9, 7, 2, 2, 0, true),
        (11, 13, 3, 1, 1, false), (12, 11, 5, 3, 2, true), (7, 7, 7, 1, 0, false), (14, 14, 5, 3, 0, false),
        (5, 6, 1, 2, 0, true),
    ]

    func testPoolingBackwardMatchesNaiveLoops() throws {
        var rng = SeededRandom(seed: 13)
        for (h, w, k, s, p, ceil) in Self.poolCases {
            let window = Window2d(kernel: k, stride: s, padding: p, ceilMode: ceil)
            let (ho, wo) = window.outputSize(height: h, width: w)
            let x = Tensor.randn([3, 5, h, w], rng: &rng), gy = Tensor.randn([3, 5, ho, wo], rng: &rng)
            let what = "\(h)×\(w) \(window.label)"
            assertClose(try PoolingBackward.maxPool2d(x, window: window, gradOutput: gy),
                        try NaiveBackwardKernels.maxPool2d(x, window: window, gradOutput: gy), tolerance: 1e-4, "max " + what)
            for include in [true, false] {
                assertClose(try PoolingBackward.avgPool2d(inputShape: x.shape, window: window, countIncludePad: include, gradOutput: gy),
                            try NaiveBackwardKernels.avgPool2d(inputShape: x.shape, window: window, countIncludePad: include, gradOutput: gy),
                            tolerance: 1e-4, "avg count_include_pad=\(include) " + what)
            }
        }
        // Adaptive bins that do not divide the input (13 → 4), that overlap (5 → 7), the global 1×1.
        for (h, w, oh, ow) in [(13, 11, 4, 3), (7, 7, 1, 1), (5, 6, 7, 4), (6, 6, 3, 3), (1, 9, 2, 4)] {
            let gy = Tensor.randn([3, 7, oh, ow], rng: &rng)
            assertClose(try PoolingBackward.adaptiveAvgPool2d(inputShape: [3, 7, h, w], outputSize: (oh, ow), gradOutput: gy),
                        try NaiveBackwardKernels.adaptiveAvgPool2d(inputShape: [3, 7, h, w], outputSize: (oh, ow), gradOutput: gy),
                        tolerance: 1e-4, "adaptive \(h)×\(w) → \(oh)×\(ow)")
        }
    }

    /// Max pooling's training forward stores whole vectors past a row's end when the next rows
    /// are its own to write; a call on some of the planes must still leave every output after
    /// its own untouched (the next call's, on another thread). Planes of 7×7 and 14×14 (every
    /// row ends inside a vector), one plane and several, on every instruction set.
    func testMaxPoolWinnersWriteOnlyTheirOwnPlanes() throws {
        defer { ck_force_isa(Int32(CK_ISA_AUTOMATIC)) }
        for level in [CK_ISA_BASELINE, CK_ISA_AVX2, CK_ISA_AUTOMATIC] {
            ck_force_isa(Int32(level))
            for (side, stride, padding, planes) in [(7, 1, 1, 3), (14, 1, 1, 1), (14, 2, 0, 2), (9, 2, 1, 5)] {
                let window = Window2d(kernel: 3, stride: stride, padding: padding, ceilMode: true)
                let (ho, wo) = window.outputSize(height: side, width: side)
                var rng = SeededRandom(seed: 5)
                let x = Tensor.uniform([planes + 1, side, side], low: -1, high: 1, rng: &rng)
                var y = [Float](repeating: 42, count: (planes + 1) * ho * wo)
                var cells = [UInt8](repeating: 7, count: (planes + 1) * ho * wo)
                var scratch = [Float](repeating: 0, count: ck_maxpool_winners_scratch(Int32(side), Int32(side), Int32(ho), Int32(wo), 3, 3,
                                                                                     Int32(stride), Int32(stride), Int32(padding), Int32(padding)))
                ck_maxpool_planes_winners(x.data, &y, &cells, Int32(planes), Int32(side), Int32(side), Int32(ho), Int32(wo), 3, 3,
                                          Int32(stride), Int32(stride), Int32(padding), Int32(padding), &scratch)
                let what = "\(planes) planes of \(side)×\(side), \(window.label) on \(String(cString: ck_isa()))"
                XCTAssertEqual(Array(y[(planes * ho * wo)...]), [Float](repeating: 42, count: ho * wo), "y after the call's planes, " + what)
                XCTAssertEqual(Array(cells[(planes * ho * wo)...]), [UInt8](repeating: 7, count: ho * wo), "winners after the call's planes, " + what)
                let textbook = Tensor(zeros: [planes, ho, wo])
                for p in 0..<planes { Pooling.maxPoolPlane(x.data + p * side * side, textbook.data + p * ho * wo, side, side, ho, wo, window) }
                XCTAssertEqual(Array(y[..<(planes * ho * wo)]), textbook.values, "y, " + what)
            }
        }
    }

    /// body(isa) with the C kernels held to the baseline x86-64 build, to AVX2, then free (AVX-512
    /// where this CPU has it); a level this CPU lacks runs the one below, and is skipped.
    private func onEveryInstructionSet(_ body: (String) throws -> Void) rethrows {
        defer { ck_force_isa(Int32(CK_ISA_AUTOMATIC)) }
        var seen: Set<String> = []
        for level in [CK_ISA_BASELINE, CK_ISA_AVX2, CK_ISA_AUTOMATIC] {
            ck_force_isa(Int32(level))
            let isa = String(cString: ck_isa())
            guard seen.insert(isa).inserted else { continue }
            try body(isa)
        }
    }

    /// The training path's Winograd filters, transformed straight into ck_gemm's packed panels,
    /// are bit for bit its twin's: ck_winograd_filters' U (α², rows, cols), then ck_gemm_pack of
    /// each U[ξ]. Every transform, forward and turned, rows that fill no whole panel (7, 13) and
    /// fewer than one (4), panels done in two calls (as two threads would), on every instruction set.
    func testWinogradFiltersPackedMatchTransformThenPack() throws {
        onEveryInstructionSet { isa in
            for (m, r) in [(2, 3), (4, 3), (2, 5)] {
                for (outChannels, inChannels) in [(7, 13), (13, 4), (12, 9)] {
                    var rng = SeededRandom(seed: 17)
                    let w = Tensor.uniform([outChannels, inChannels, r, r], low: -1, high: 1, rng: &rng)
                    let positions = (m + r - 1) * (m + r - 1)
                    for flip in [0, 1] {
                        let (rows, cols) = flip == 0 ? (outChannels, inChannels) : (inChannels, outChannels)
                        let size = ck_gemm_packed_size(Int32(rows), Int32(cols))
                        var u = [Float](repeating: 0, count: positions * rows * cols)
                        ck_winograd_filters(Int32(m), Int32(r), w.data, Int32(outChannels), Int32(inChannels), 0, Int32(rows), Int32(flip), &u)
                        var twin = [Float](repeating: .nan, count: positions * size)
                        for xi in 0..<positions {
                            u.withUnsafeBufferPointer { u in
                                twin.withUnsafeMutableBufferPointer { twin in
                                    ck_gemm_pack(u.baseAddress! + xi * rows * cols, Int32(rows), Int32(cols), cols, twin.baseAddress! + xi * size)
                                }
                            }
                        }
                        var packed = [Float](repeating: .nan, count: positions * size)
                        let panels = Gemm.panelCount(rows), half = panels / 2
                        for (p0, p1) in [(half, panels), (0, half)] {
                            ck_winograd_filters_packed(Int32(m), Int32(r), w.data, Int32(outChannels), Int32(inChannels), Int32(p0), Int32(p1),
                                                       Int32(flip), &packed)
                        }
                        let differing = packed.indices.filter { packed[$0].bitPattern != twin[$0].bitPattern }
                        XCTAssertEqual(differing.count, 0, "F(\(m)×\(m), \(r)×\(r)), weight \(outChannels)×\(inChannels), flip \(flip), on \(isa): "
                                       + "first at \(differing.first ?? -1): \(differing.first.map { "\(packed[$0]) vs \(twin[$0])" } ?? "")")
                    }
                }
            }
        }
    }

    /// The C backward kernels (max-pool argmax, col2im, BatchNorm's sums, ReLU, bias sums) on the
    /// baseline x86-64 build, on AVX2 and on AVX-512 where this CPU runs them, against the naive
    /// twins. The rows are wide enough for the eight- and sixteen-column vector loops (strides 1
    /// and 2) and their tails; the inputs are small integers, so windows hold ties, plus NaNs and
    /// −∞ in a few cells.
    func testBackwardKernelsOnEveryInstructionSet() throws {
        try onEveryInstructionSet { isa in
            var rng = SeededRandom(seed: 21)
            for (h, w, k, s, p, ceil) in [(9, 37, 3, 2, 1, true), (6, 29, 3, 1, 1, false), (7, 40, 3, 2, 0, false),
                                          (5, 26, 2, 2, 0, true), (4, 33, 5, 1, 2, false), (3, 19, 3, 3, 1, true),
                                          (5, 70, 3, 1, 1, false), (8, 67, 3, 2, 1, true), (6, 7, 3, 1, 1, false)] {
                let window = Window2d(kernel: k, stride: s, padding: p, ceilMode: ceil)
                let (ho, wo) = window.outputSize(height: h, width: w)
                let x = Tensor.uniform([2, 3, h, w], low: 0, high: 4, rng: &rng)
                for i in 0..<x.count { x.data[i] = x.data[i].rounded(.down) }       // ties in most windows
                x.data[5] = .nan; x.data[x.count / 2] = -.infinity; x.data[x.count - 3] = .nan
                for i in 0..<(h * w) { x.data[4 * h * w + i] = -.infinity }      // a plane of windows without a winner
                let gy = Tensor.randn([2, 3, ho, wo], rng: &rng)
                let fromX = try PoolingBackward.maxPool2d(x, window: window, gradOutput: gy)
                assertClose(fromX, try NaiveBackwardKernels.maxPool2d(x, window: window, gradOutput: gy), tolerance: 1e-5,
                            "max \(h)×\(w) \(window.label) on \(isa)")
                // The training forward's winners: the forward's y, and the same dx without x
                let kept = try XCTUnwrap(try Pooling.maxPool2dKeepingWinners(x, window: window))
                let y = try Pooling.maxPool2d(x, window: window)
                XCTAssertTrue(zip(kept.output.values, y.values).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) },
                              "max y with winners \(h)×\(w) \(window.label) on \(isa)")
                let textbook = Tensor(zeros: y.shape)
                for plane in 0..<6 { Pooling.maxPoolPlane(x.data + plane * h * w, textbook.data + plane * ho * wo, h, w, ho, wo, window) }
                XCTAssertTrue(zip(y.values, textbook.values).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) },
                              "max y against the textbook loop, NaNs and all, \(h)×\(w) \(window.label) on \(isa)")
                XCTAssertTrue(y.values.contains { $0.isNaN }, "a window with a NaN gives a NaN, as in PyTorch")
                XCTAssertEqual(try PoolingBackward.maxPool2d(inputShape: x.shape, window: window, winners: kept.winners, gradOutput: gy).values,
                               fromX.values, "max dx from winners \(h)×\(w) \(window.label) on \(isa)")
            }
            for t in Self.convCases {
                let x = Tensor.randn([t.n, t.c, t.h + 20, t.w + 20], rng: &rng)
                let weight = Tensor.randn([t.o, t.c, t.k, t.k], rng: &rng)
                let window = Window2d(kernel: t.k, stride: t.s, padding: t.p)
                let (ho, wo) = window.outputSize(height: t.h + 20, width: t.w + 20)
                let gy = Tensor.randn([t.n, t.o, ho, wo], rng: &rng)
                assertClose(try Convolution.conv2d(x, weight: weight, bias: nil, window: window),
                            try NaiveKernels.conv2d(x, weight: weight, bias: nil, window: window), tolerance: 1e-4, "conv y \(t) on \(isa)")
                let fast = try ConvolutionBackward.conv2d(x, weight: weight, hasBias: true, window: window, gradOutput: gy)
                let slow = try NaiveBackwardKernels.conv2d(x, weight: weight, hasBias: true, window: window, gradOutput: gy)
                assertClose(try XCTUnwrap(fast.input), slow.input, tolerance: 1e-4, "conv dx \(t) on \(isa)")
                assertClose(fast.weight, slow.weight, tolerance: 1e-4, "conv dW \(t) on \(isa)")
                assertClose(try XCTUnwrap(fast.bias), try XCTUnwrap(slow.bias), tolerance: 1e-4, "conv db \(t) on \(isa)")
            }
            for shape in [[3, 5, 11, 13], [2, 4, 1, 9], [4, 3, 5, 5]] {
                let x = Tensor.randn(shape, mean: 0.5, std: 2, rng: &rng), gy = Tensor.randn(shape, rng: &rng)
                let gamma = Tensor.uniform([shape[1]], low: 0.5, high: 1.5, rng: &rng)
                let fast = try NormalizationBackward.batchNormTrain(x, gamma: gamma, eps: 1e-5, gradOutput: gy)
                let slow = try NaiveBackwardKernels.batchNormTrain(x, gamma: gamma, eps: 1e-5, gradOutput: gy)
                assertClose(fast.input, slow.input, tolerance: 1e-4, "bn dx \(shape) on \(isa)")
                assertClose(fast.gamma, slow.gamma, tolerance: 1e-4, "bn dγ \(shape) on \(isa)")
                assertClose(fast.beta, slow.beta, tolerance: 1e-4, "bn dβ \(shape) on \(isa)")
            }
            let y = Elementwise.relu(Tensor.randn([3, 37], rng: &rng)), g = Tensor.randn([3, 37], rng: &rng)
            let dx = try DenseBackward.relu(output: y, gradOutput: g)
            XCTAssertEqual(dx.values, zip(y.values, g.values).map { $0 > 0 ? $1 : 0 }, "relu on \(isa)")
            try checkSGDSteps(isa: isa, rng: &rng)
        }
    }

    /// Three SGD steps (momentum and weight decay, momentum alone, neither; dampening, Nesterov,
    /// maximize) against PyTorch's rule in Double, on a parameter long enough to be split over the
    /// threads and one that is not.
    func checkSGDSteps(isa: String, rng: inout SeededRandom) throws {
        let cases: [(momentum: Float, weightDecay: Float, dampening: Double, nesterov: Bool, maximize: Bool)] = [
            (0.9, 1e-3, 0, false, false), (0.9, 0, 0, false, false), (0, 0, 0, false, false),
            (0.8, 1e-2, 0.3, false, false), (0.9, 1e-3, 0, true, false), (0.9, 0, 0, true, true), (0, 1e-3, 0, false, true)]
        for (momentum, weightDecay, dampening, nesterov, maximize) in cases {
            let (big, small) = (Tensor.randn([40_003], rng: &rng), Tensor.randn([7], rng: &rng))
            var expected = [big.values.map(Double.init), small.values.map(Double.init)]
            var buffers: [[Double]?] = [nil, nil]
            let optimizer = try SGD(parameters: [big, small], learningRate: 0.05, momentum: momentum, weightDecay: weightDecay,
                                    dampening: dampening, nesterov: nesterov, maximize: maximize)
            for _ in 0..<3 {
                for (i, p) in [big, small].enumerated() {
                    let g = Tensor.randn(p.shape, rng: &rng)
                    p.grad = g
                    var d = zip(g.values, expected[i]).map { (maximize ? -1 : 1) * Double($0) + Double(weightDecay) * $1 }
                    if momentum != 0 {
                        let buf = buffers[i].map { zip($0, d).map { Double(momentum) * $0 + (1 - dampening) * $1 } } ?? d
                        buffers[i] = buf
                        d = nesterov ? zip(d, buf).map { $0 + Double(momentum) * $1 } : buf
                    }
                    expected[i] = zip(expected[i], d).map { $0 - 0.05 * $1 }
                }
                optimizer.step()
            }
            for (p, e) in zip([big, small], expected) {
                let worst = zip(p.values, e).map { abs(Double($0) - $1) }.max() ?? 0
                XCTAssertLessThan(worst, 1e-5, "SGD momentum \(momentum), weight decay \(weightDecay), dampening \(dampening), "
                                  + "nesterov \(nesterov), maximize \(maximize), \(p.count) values on \(isa)")
            }
        }
    }

    func testLinearBackwardMatchesNaiveLoops() throws {
        var rng = SeededRandom(seed: 14)
        for (n, inF, outF, bias) in [(3, 17, 5, true), (1, 1024, 10, true), (4, 9, 13, false), (7, 1, 1, true)] {
            let x = Tensor.randn([n, inF], rng: &rng), w = Tensor.randn([outF, inF], rng: &rng)
            let gy = Tensor.randn([n, outF], rng: &rng)
            let fast = try DenseBackward.linear(x, weight: w, hasBias: bias, gradOutput: gy)
            let slow = try NaiveBackwardKernels.linear(x, weight: w, hasBias: bias, gradOutput: gy)
            let what = "linear \(n)×\(inF)→\(outF)"
            assertClose(fast.input, slow.input, tolerance: 1e-4, "dx " + what)
            assertClose(fast.weight, slow.weight, tolerance: 1e-4, "dW " + what)
            XCTAssertEqual(fast.bias == nil, !bias, what)
            if let fb = fast.bias, let sb = slow.bias { assertClose(fb, sb, tolerance: 1e-4, "db " + what) }
        }
    }

    func testCrossEntropyMatchesNaiveLoops() throws {
        var rng = SeededRandom(seed: 15)
        let logits = Tensor.randn([5, 11], std: 4, rng: &rng)
        let labels = [0, 10, 3, 3, 7]
        let fast = try Loss.crossEntropy(logits, labels: labels)
        let slow = try NaiveBackwardKernels.crossEntropy(logits, labels: labels)
        XCTAssertEqual(fast.loss, slow.loss, accuracy: 1e-5 * max(1, abs(slow.loss)))
        XCTAssertEqual(Double(fast.loss), try Dense.crossEntropy(logits, targets: labels), accuracy: 1e-5)
        assertClose(fast.gradLogits, slow.gradLogits, tolerance: 1e-5)
    }

    // MARK: - Naive twins against finite differences (float64, tiny shapes)

    func testConv2dGradientsMatchFiniteDifferences() throws {
        var rng = SeededRandom(seed: 21)
        for t in [ConvCase(n: 2, c: 2, h: 5, w: 4, o: 3, k: 3, s: 2, p: 1, bias: true),
                  ConvCase(n: 1, c: 3, h: 3, w: 4, o: 2, k: 1, s: 1, p: 0, bias: true),
                  ConvCase(n: 1, c: 1, h: 4, w: 5, o: 2, k: 5, s: 3, p: 2, bias: false)] {
            let x = Tensor.randn([t.n, t.c, t.h, t.w], rng: &rng), weight = Tensor.randn([t.o, t.c, t.k, t.k], rng: &rng)
            let bias = Tensor.randn([t.o], rng: &rng)
            let window = Window2d(kernel: t.k, stride: t.s, padding: t.p)
            let (ho, wo) = window.outputSize(height: t.h, width: t.w)
            let gy = Tensor.randn([t.n, t.o, ho, wo], rng: &rng)
            let b: [Double]? = t.bias ? doubles(bias) : nil
            let forward = { (x: [Double], w: [Double], b: [Double]?) -> [Double] in
                Self.conv2d(x, x.shape4(t.n, t.c, t.h, t.w), w, (t.o, t.k), b, window)
            }
            // The float64 forward is the runtime's forward.
            assertClose(tensor([t.n, t.o, ho, wo], forward(doubles(x), doubles(weight), b)),
                        try Convolution.conv2d(x, weight: weight, bias: t.bias ? bias : nil, window: window), tolerance: 1e-5, "forward \(t)")
            let analytic = try NaiveBackwardKernels.conv2d(x, weight: weight, hasBias: t.bias, window: window, gradOutput: gy)
            let g = doubles(gy)
            assertClose(tensor(x.shape, numericGradient(doubles(x)) { dot(g, forward($0, doubles(weight), b)) }), analytic.input,
                        "dx \(t)")
            assertClose(tensor(weight.shape, numericGradient(doubles(weight)) { dot(g, forward(doubles(x), $0, b)) }), analytic.weight,
                        "dW \(t)")
            if let b {
                assertClose(tensor([t.o], numericGradient(b) { dot(g, forward(doubles(x), doubles(weight), $0)) }),
                            try XCTUnwrap(analytic.bias), "db \(t)")
            }
        }
    }

    func testBatchNormGradientsMatchFiniteDifferences() throws {
        var rng = SeededRandom(seed: 22)
        let shape = [2, 3, 3, 2], c = 3, eps: Float = 1e-3
        let x = Tensor.randn(shape, mean: 1, std: 2, rng: &rng), gy = Tensor.randn(shape, rng: &rng)
        let gamma = Tensor.uniform([c], low: 0.5, high: 1.5, rng: &rng), beta = Tensor.randn([c], rng: &rng)
        let mean = Tensor.randn([c], rng: &rng), variance = Tensor.uniform([c], low: 0.5, high: 2, rng: &rng)
        let g = doubles(gy), xd = doubles(x), gd = doubles(gamma), bd = doubles(beta)

        let train = { (x: [Double], gamma: [Double], beta: [Double]) in
            Self.batchNorm(x, shape, gamma, beta, statistics: nil, eps: Double(eps))
        }
        let stats = (doubles(mean), doubles(variance))
        let eval = { (x: [Double], gamma: [Double], beta: [Double]) in
            Self.batchNorm(x, shape, gamma, beta, statistics: stats, eps: Double(eps))
        }
        assertClose(tensor(shape, train(xd, gd, bd)),
                    try Normalization.batchNormTrain(x, gamma: gamma, beta: beta, runningMean: Tensor(zeros: [c]),
                                                     runningVar: Tensor(zeros: [c]), eps: eps, momentum: 0.1), tolerance: 1e-5, "train forward")
        assertClose(tensor(shape, eval(xd, gd, bd)),
                    try Normalization.batchNormEval(x, gamma: gamma, beta: beta, runningMean: mean, runningVar: variance, eps: eps),
                    tolerance: 1e-5, "eval forward")

        let analyticTrain = try NaiveBackwardKernels.batchNormTrain(x, gamma: gamma, eps: eps, gradOutput: gy)
        assertClose(tensor(shape, numericGradient(xd) { dot(g, train($0, gd, bd)) }), analyticTrain.input, "train dx")
        assertClose(tensor([c], numericGradient(gd) { dot(g, train(xd, $0, bd)) }), analyticTrain.gamma, "train dγ")
        assertClose(tensor([c], numericGradient(bd) { dot(g, train(xd, gd, $0)) }), analyticTrain.beta, "train dβ")

        let analyticEval = try NaiveBackwardKernels.batchNormEval(x, gamma: gamma, runningMean: mean, runningVar: variance,
                                                                  eps: eps, gradOutput: gy)
        assertClose(tensor(shape, numericGradient(xd) { dot(g, eval($0, gd, bd)) }), analyticEval.input, "eval dx")
        assertClose(tensor([c], numericGradient(gd) { dot(g, eval(xd, $0, bd)) }), analyticEval.gamma, "eval dγ")
        assertClose(tensor([c], numericGradient(bd) { dot(g, eval(xd, gd, $0)) }), analyticEval.beta, "eval dβ")
    }

    func testPoolingGradientsMatchFiniteDifferences() throws {
        var rng = SeededRandom(seed: 23)
        for (h, w, k, s, p, ceil) in [(5, 6, 3, 2, 1, false), (6, 5, 3, 2, 0, true), (5, 5, 2, 2, 0, true), (4, 5, 3, 1, 1, false)] {
            let window = Window2d(kernel: k, stride: s, padding: p, ceilMode: ceil)
            let (ho, wo) = window.outputSize(height: h, width: w)
            let shape = [2, 2, h, w]
            // Max pooling: distinct values at least 0.1 apart, so no tie and no ±1e-6 step changes a winner.
            var order = Array(0..<(2 * 2 * h * w))
            order.shuffle(using: &rng)
            let x = try Tensor(shape: shape, values: order.map { Float($0) * 0.1 - 1 })
            let gy = Tensor.randn([2, 2, ho, wo], rng: &rng)
            let g = doubles(gy), what = "\(h)×\(w) \(window.label)"
            let maxForward = { (x: [Double]) in Self.pool(x, shape, window, ho, wo, .max) }
            assertClose(tensor(gy.shape, maxForward(doubles(x))), try Pooling.maxPool2d(x, window: window), tolerance: 1e-6, "max forward " + what)
            assertClose(tensor(shape, numericGradient(doubles(x)) { dot(g, maxForward($0)) }),
                        try NaiveBackwardKernels.maxPool2d(x, window: window, gradOutput: gy), "max " + what)

            for include in [true, false] {
                let avgForward = { (x: [Double]) in Self.pool(x, shape, window, ho, wo, .average(countIncludePad: include)) }
                assertClose(tensor(gy.shape, avgForward(doubles(x))), try Pooling.avgPool2d(x, window: window, countIncludePad: include),
                            tolerance: 1e-5, "avg forward " + what)
                assertClose(tensor(shape, numericGradient(doubles(x)) { dot(g, avgForward($0)) }),
                            try NaiveBackwardKernels.avgPool2d(inputShape: shape, window: window, countIncludePad: include, gradOutput: gy),
                            "avg count_include_pad=\(include) " + what)
            }
        }
        for (h, w, oh, ow) in [(5, 7, 2, 3), (3, 4, 4, 5), (4, 4, 1, 1)] {
            let shape = [2, 2, h, w]
            let x = Tensor.randn(shape, rng: &rng), gy = Tensor.randn([2, 2, oh, ow], rng: &rng)
            let g = doubles(gy)
            let forward = { (x: [Double]) in Self.adaptivePool(x, shape, oh, ow) }
            assertClose(tensor(gy.shape, forward(doubles(x))), try Pooling.adaptiveAvgPool2d(x, outputSize: (oh, ow)),
                        tolerance: 1e-5, "adaptive forward \(h)×\(w) → \(oh)×\(ow)")
            assertClose(tensor(shape, numericGradient(doubles(x)) { dot(g, forward($0)) }),
                        try NaiveBackwardKernels.adaptiveAvgPool2d(inputShape: shape, outputSize: (oh, ow), gradOutput: gy),
                        "adaptive \(h)×\(w) → \(oh)×\(ow)")
        }
    }

    func testLinearGradientsMatchFiniteDifferences() throws {
        var rng = SeededRandom(seed: 24)
        let (n, inF, outF) = (3, 4, 5)
        let x = Tensor.randn([n, inF], rng: &rng), w = Tensor.randn([outF, inF], rng: &rng), b = Tensor.randn([outF], rng: &rng)
        let gy = Tensor.randn([n, outF], rng: &rng)
        let g = doubles(gy), xd = doubles(x), wd = doubles(w), bd = doubles(b)
        let forward = { (x: [Double], w: [Double], b: [Double]) -> [Double] in
            (0..<(n * outF)).map { idx in
                let (row, j) = (idx / outF, idx % outF)
                return b[j] + (0..<inF).reduce(0) { $0 + x[row * inF + $1] * w[j * inF + $1] }
            }
        }
        assertClose(tensor([n, outF], forward(xd, wd, bd)), try Dense.linear(x, weight: w, bias: b), tolerance: 1e-5, "forward")
        let analytic = try NaiveBackwardKernels.linear(x, weight: w, hasBias: true, gradOutput: gy)
        assertClose(tensor(x.shape, numericGradient(xd) { dot(g, forward($0, wd, bd)) }), analytic.input, "dx")
        assertClose(tensor(w.shape, numericGradient(wd) { dot(g, forward(xd, $0, bd)) }), analytic.weight, "dW")
        assertClose(tensor([outF], numericGradient(bd) { dot(g, forward(xd, wd, $0)) }), try XCTUnwrap(analytic.bias), "db")
    }

    /// LocalResponseNorm's forward against its formula in double, its backward against finite
    /// differences: even and odd window sizes (the window is not centred for even ones), the
    /// edge channels, a 3-D input.
    func testLocalResponseNormMatchesItsFormulaAndFiniteDifferences() throws {
        var rng = SeededRandom(seed: 26)
        for (shape, size, alpha, beta, k) in [([2, 5, 2, 3], 3, 0.5, 0.75, 2.0), ([1, 6, 3, 1], 4, 1.5, 0.9, 1.0), ([2, 4, 3], 5, 1e-1, 0.75, 1.0)] {
            let o = LocalResponseNorm.Options(size: size, alpha: alpha, beta: beta, k: k)
            let x = Tensor.randn(shape, rng: &rng), gy = Tensor.randn(shape, rng: &rng)
            let (c, inner) = (shape[1], shape.dropFirst(2).reduce(1, *))
            let forward = { (x: [Double]) -> [Double] in
                (0..<x.count).map { i in
                    let (img, ch, p) = (i / (c * inner), i / inner % c, i % inner)
                    var sum = 0.0
                    for j in (ch - size / 2)...(ch + (size - 1) / 2) where (0..<c).contains(j) { sum += x[(img * c + j) * inner + p] * x[(img * c + j) * inner + p] }
                    return x[i] / Foundation.pow(k + alpha / Double(size) * sum, beta)
                }
            }
            let xd = doubles(x), g = doubles(gy)
            assertClose(tensor(shape, forward(xd)), try LocalResponseNorm.forward(x, o), tolerance: 1e-5, "forward \(shape) size \(size)")
            assertClose(tensor(shape, numericGradient(xd) { dot(g, forward($0)) }), try LocalResponseNorm.backward(x, o, gradOutput: gy),
                        "dx \(shape) size \(size)")
        }
        XCTAssertThrowsError(try LocalResponseNorm.forward(Tensor(zeros: [2, 3]), .init(size: 2))) {
            XCTAssertEqual("\($0)", "Expected 3D or higher dimensionality input (got 2 dimensions)")
        }
    }

    func testCrossEntropyGradientMatchesFiniteDifferences() throws {
        var rng = SeededRandom(seed: 25)
        let (n, k) = (3, 6)
        let logits = Tensor.randn([n, k], std: 3, rng: &rng), labels = [5, 0, 2]
        let loss = { (z: [Double]) -> Double in
            (0..<n).reduce(0) { total, row in
                let r = z[(row * k)..<((row + 1) * k)]
                return total + log(r.reduce(0) { $0 + exp($1) }) - r[r.startIndex + labels[row]]
            } / Double(n)
        }
        let analytic = try NaiveBackwardKernels.crossEntropy(logits, labels: labels)
        XCTAssertEqual(Double(analytic.loss), loss(doubles(logits)), accuracy: 1e-6)
        assertClose(tensor([n, k], numericGradient(doubles(logits), loss)), analytic.gradLogits, "dlogits")
    }

    // MARK: - Rules a gradient check cannot see

    func testMaxPoolTiesGoToTheFirstMaximumInRowMajorOrder() throws {
        // One 2×2 window holding 3 twice: (0, 1) comes before (1, 0).
        let x = try Tensor(shape: [1, 1, 2, 2], values: [1, 3, 3, 2])
        let gy = try Tensor(shape: [1, 1, 1, 1], values: [5])
        for dx in [try PoolingBackward.maxPool2d(x, window: Window2d(kernel: 2, stride: 2), gradOutput: gy),
                   try NaiveBackwardKernels.maxPool2d(x, window: Window2d(kernel: 2, stride: 2), gradOutput: gy)] {
            XCTAssertEqual(dx.values, [0, 5, 0, 0])
        }
        // All equal and negative, 3×3/2 with padding 1 on 3×3: padding (−∞) never wins, each window's
        // gradient goes to its first real cell: (0,0), (0,1), (1,0), (1,1).
        let flat = Tensor(repeating: -2, shape: [1, 1, 3, 3])
        let window = Window2d(kernel: 3, stride: 2, padding: 1)
        let g4 = try Tensor(shape: [1, 1, 2, 2], values: [1, 10, 100, 1000])
        for dx in [try PoolingBackward.maxPool2d(flat, window: window, gradOutput: g4),
                   try NaiveBackwardKernels.maxPool2d(flat, window: window, gradOutput: g4)] {
            XCTAssertEqual(dx.values, [1, 10, 0, 100, 1000, 0, 0, 0, 0])
        }
        // −∞ everywhere: still the first real cell (PyTorch starts its argmax there).
        let minusInfinity = Tensor(repeating: -.infinity, shape: [1, 1, 3, 3])
        XCTAssertEqual(try PoolingBackward.maxPool2d(minusInfinity, window: window, gradOutput: g4).values,
                       [1, 10, 0, 100, 1000, 0, 0, 0, 0])
        // ceil_mode: the last window (clipped to column 4) on 1×5 with 2/2 ceil.
        let row = try Tensor(shape: [1, 1, 1, 5], values: [4, 4, 1, 0, 7])
        let ceilWindow = Window2d(kernel: (1, 2), stride: (1, 2), padding: (0, 0), ceilMode: true)
        let g3 = try Tensor(shape: [1, 1, 1, 3], values: [1, 2, 3])
        XCTAssertEqual(try PoolingBackward.maxPool2d(row, window: ceilWindow, gradOutput: g3).values, [1, 0, 2, 0, 3])
    }

    func testReluPassesGradientWhereTheOutputIsPositive() throws {
        let y = Elementwise.relu(try Tensor(shape: [2, 3], values: [-1, 0, 2, 3, -0.5, 0.25]))
        let gy = try Tensor(shape: [2, 3], values: [10, 20, 30, 40, 50, 60])
        XCTAssertEqual(try DenseBackward.relu(output: y, gradOutput: gy).values, [0, 0, 30, 40, 0, 60])
    }

    func testConcatBackwardSlicesTheChannels() throws {
        var rng = SeededRandom(seed: 31)
        let pieces = [Tensor.randn([3, 2, 4, 5], rng: &rng), Tensor.randn([3, 5, 4, 5], rng: &rng), Tensor.randn([3, 1, 4, 5], rng: &rng)]
        let joined = try Dense.concatChannels(pieces)
        let back = try DenseBackward.concatChannels(channels: [2, 5, 1], gradOutput: joined)
        XCTAssertEqual(back.count, 3)
        for (a, b) in zip(back, pieces) {
            XCTAssertEqual(a.shape, b.shape)
            XCTAssertEqual(a.values, b.values)
        }
        XCTAssertThrowsError(try DenseBackward.concatChannels(channels: [2, 5], gradOutput: joined)) {
            XCTAssertEqual("\($0)", "cat backward: pieces of 2 + 5 = 7 channels, but gradOutput has shape 3×8×4×5")
        }
    }

    func testDropoutWithMaskDrawsTheSameNumbersAsDropout() throws {
        var rng = SeededRandom(seed: 32)
        let x = Tensor.randn([4, 3, 5, 7], rng: &rng)
        for p in [0.0, 0.2, 0.5, 0.9, 1.0] {
            var a = SeededRandom(seed: 99), b = SeededRandom(seed: 99)
            let plain = try Elementwise.dropout(x, p: p, rng: &a)
            let (output, mask) = try Elementwise.dropoutWithMask(x, p: p, rng: &b)
            XCTAssertEqual(output.values.map(\.bitPattern), plain.values.map(\.bitPattern), "p = \(p)")
            XCTAssertEqual(a.next(), b.next(), "both drew as many numbers, p = \(p)")
            let scale = Float(1 / (1 - p))
            switch p {
            case 0: XCTAssertTrue(mask.values.allSatisfy { $0 == 1 })
            case 1: XCTAssertTrue(mask.values.allSatisfy { $0 == 0 })
            default:
                XCTAssertTrue(mask.values.allSatisfy { $0 == 0 || $0 == scale }, "p = \(p)")
                XCTAssertTrue(mask.values.contains(0) && mask.values.contains(scale), "p = \(p)")
            }
            for i in 0..<x.count { XCTAssertEqual(output.data[i], x.data[i] * mask.data[i], "p = \(p), index \(i)") }
            let gy = Tensor.randn(x.shape, rng: &rng)
            let dx = try DenseBackward.dropout(mask: mask, gradOutput: gy)
            for i in 0..<x.count { XCTAssertEqual(dx.data[i], gy.data[i] * mask.data[i]) }
        }
    }

    func testCrossEntropyHandComputed() throws {
        // Row 0: logits 1 2 3, label 2 → log(e¹ + e² + e³) − 3 = log(1 + e⁻¹ + e⁻²) ≈ 0.4076060
        // Row 1: logits 1 1 1, label 0 → log 3 ≈ 1.0986123;  mean ≈ 0.7531091
        let logits = try Tensor(shape: [2, 3], values: [1, 2, 3, 1, 1, 1])
        let (loss, grad) = try Loss.crossEntropy(logits, labels: [2, 0])
        let z = 1 + exp(-1.0) + exp(-2.0)
        XCTAssertEqual(Double(loss), (log(z) + log(3)) / 2, accuracy: 1e-7)
        XCTAssertEqual(loss, 0.7531091, accuracy: 1e-6)
        let softmax: [Double] = [exp(-2.0) / z, exp(-1.0) / z, 1 / z, 1.0 / 3, 1.0 / 3, 1.0 / 3]
        let onehot: [Double] = [0, 0, 1, 1, 0, 0]
        let expected: [Float] = zip(softmax, onehot).map { Float(($0 - $1) / 2) }
        for (a, b) in zip(grad.values, expected) { XCTAssertEqual(a, b, accuracy: 1e-7) }
        // Each row's gradient sums to zero.
        XCTAssertEqual(grad.values[0..<3].reduce(0, +), 0, accuracy: 1e-7)
    }

    func testCrossEntropyRefusesBadArguments() throws {
        let logits = Tensor(zeros: [2, 5])
        XCTAssertThrowsError(try Loss.crossEntropy(logits, labels: [1, 5])) {
            XCTAssertEqual($0 as? TensorError, .invalidArgument("cross_entropy: label 5 of row 1 is out of range 0..<5"))
        }
        XCTAssertThrowsError(try Loss.crossEntropy(logits, labels: [-1, 0])) {
            XCTAssertEqual("\($0)", "cross_entropy: label -1 of row 0 is out of range 0..<5")
        }
        XCTAssertThrowsError(try Loss.crossEntropy(logits, labels: [1, 2, 3])) {
            XCTAssertEqual($0 as? TensorError, .invalidArgument("cross_entropy: 2 rows of logits (2×5) but 3 labels"))
        }
        XCTAssertThrowsError(try Loss.crossEntropy(Tensor(zeros: [2, 5, 1]), labels: [1, 2])) {
            XCTAssertEqual($0 as? TensorError, .invalidArgument("cross_entropy expects logits of shape (N, classes), got 2×5×1"))
        }
    }

    func testGradOutputOfTheWrongShapeIsRefusedNamingBothShapes() throws {
        let x = Tensor(zeros: [2, 3, 8, 8]), w = Tensor(zeros: [4, 3, 3, 3])
        XCTAssertThrowsError(try ConvolutionBackward.conv2d(x, weight: w, hasBias: true, window: Window2d(kernel: 3, stride: 2, padding: 1),
                                                            gradOutput: Tensor(zeros: [2, 4, 8, 8]))) {
            XCTAssertEqual("\($0)", "Conv2d backward: gradOutput has shape 2×4×8×8, but the forward's output is 2×4×4×4")
        }
        XCTAssertThrowsError(try PoolingBackward.maxPool2d(x, window: Window2d(kernel: 3, stride: 2, ceilMode: true),
                                                           gradOutput: Tensor(zeros: [2, 3, 3, 3]))) {
            XCTAssertEqual("\($0)", "MaxPool2d backward: gradOutput has shape 2×3×3×3, but the forward's output is 2×3×4×4")
        }
        XCTAssertThrowsError(try NormalizationBackward.batchNormTrain(x, gamma: Tensor(zeros: [3]), eps: 1e-5,
                                                                      gradOutput: Tensor(zeros: [2, 3, 8, 7]))) {
            XCTAssertEqual("\($0)", "BatchNorm2d backward: gradOutput has shape 2×3×8×7, but the forward's output is 2×3×8×8")
        }
        XCTAssertThrowsError(try DenseBackward.linear(Tensor(zeros: [2, 5]), weight: Tensor(zeros: [3, 5]), hasBias: true,
                                                      gradOutput: Tensor(zeros: [3, 2]))) {
            XCTAssertEqual("\($0)", "Linear backward: gradOutput has shape 3×2, but the forward's output is 2×3")
        }
    }

    /// Not a timing test: GoogLeNet-sized layers must simply finish (in well under a second each,
    /// even in a debug build).
    func testGoogLeNetSizedLayersRunQuickly() throws {
        var rng = SeededRandom(seed: 41)
        let x = Tensor.randn([2, 96, 28, 28], rng: &rng), w = Tensor.randn([128, 96, 3, 3], std: 0.05, rng: &rng)
        let gy = Tensor.randn([2, 128, 28, 28], rng: &rng)
        let conv = try ConvolutionBackward.conv2d(x, weight: w, hasBias: true, window: Window2d(kernel: 3, stride: 1, padding: 1), gradOutput: gy)
        XCTAssertEqual(conv.input?.shape, [2, 96, 28, 28])
        let x192 = Tensor.randn([2, 192, 28, 28], rng: &rng), w1 = Tensor.randn([64, 192, 1, 1], std: 0.05, rng: &rng)
        let pointwise = try ConvolutionBackward.conv2d(x192, weight: w1, hasBias: false, window: Window2d(kernel: 1, stride: 1),
                                                       gradOutput: Tensor.randn([2, 64, 28, 28], rng: &rng))
        XCTAssertEqual(pointwise.weight.shape, [64, 192, 1, 1])
        let big = Tensor.randn([2, 192, 56, 56], rng: &rng)
        let bn = try NormalizationBackward.batchNormTrain(big, gamma: Tensor(repeating: 1, shape: [192]), eps: 1e-3, gradOutput: big)
        XCTAssertEqual(bn.input.shape, big.shape)
        let pool = try PoolingBackward.maxPool2d(big, window: Window2d(kernel: 3, stride: 2, ceilMode: true),
                                                 gradOutput: Tensor.randn([2, 192, 28, 28], rng: &rng))
        XCTAssertEqual(pool.shape, big.shape)
        XCTAssertEqual(try DenseBackward.relu(output: big, gradOutput: big).shape, big.shape)
    }

    // MARK: - float64 helpers

    func doubles(_ t: Tensor) -> [Double] { t.values.map(Double.init) }

    func tensor(_ shape: [Int], _ values: [Double]) -> Tensor {
        let t = Tensor(zeros: shape)
        for (i, v) in values.enumerated() { t.data[i] = Float(v) }
        return t
    }

    func dot(_ a: [Double], _ b: [Double]) -> Double {
        precondition(a.count == b.count)
        return zip(a, b).reduce(0) { $0 + $1.0 * $1.1 }
    }

    /// Central differences (f(v + h·eᵢ) − f(v − h·eᵢ)) / 2h for every element i, h = 1e-6.
    func numericGradient(_ values: [Double], _ f: ([Double]) -> Double) -> [Double] {
        let h = 1e-6
        var v = values
        return values.indices.map { i in
            v[i] = values[i] + h
            let up = f(v)
            v[i] = values[i] - h
            let down = f(v)
            v[i] = values[i]
            return (up - down) / (2 * h)
        }
    }

    // x: (N, C, H, W), w: (O, C, k, k) → (N, O, Ho, Wo)
    static func conv2d(_ x: [Double], _ s: (n: Int, c: Int, h: Int, w: Int), _ w: [Double], _ ok: (o: Int, k: Int),
                       _ b: [Double]?, _ window: Window2d) -> [Double] {
        let (ho, wo) = window.outputSize(height: s.h, width: s.w), (o, k) = ok
        var y = [Double](repeating: 0, count: s.n * o * ho * wo)
        for img in 0..<s.n { for oc in 0..<o { for oy in 0..<ho { for ox in 0..<wo {
            var sum = b?[oc] ?? 0
            for ic in 0..<s.c { for ky in 0..<k { for kx in 0..<k {
                let iy = oy * window.stride.h - window.padding.h + ky, ix = ox * window.stride.w - window.padding.w + kx
                if iy >= 0 && iy < s.h && ix >= 0 && ix < s.w {
                    sum += x[((img * s.c + ic) * s.h + iy) * s.w + ix] * w[((oc * s.c + ic) * k + ky) * k + kx]
                }
            } } }
            y[((img * o + oc) * ho + oy) * wo + ox] = sum
        } } } }
        return y
    }

    /// Train mode (statistics nil: the batch's, biased variance) or eval mode (the given mean, variance).
    // x: (N, C, H, W) → (N, C, H, W)
    static func batchNorm(_ x: [Double], _ shape: [Int], _ gamma: [Double], _ beta: [Double],
                          statistics: ([Double], [Double])?, eps: Double) -> [Double] {
        let (n, c, plane) = (shape[0], shape[1], shape[2] * shape[3])
        var y = x
        for ch in 0..<c {
            var indices: [Int] = []
            for img in 0..<n {
                let start = (img * c + ch) * plane
                indices += Array(start..<(start + plane))
            }
            let m = Double(indices.count)
            var mean = 0.0, variance = 0.0
            for i in indices { mean += x[i] }
            mean /= m
            for i in indices { variance += (x[i] - mean) * (x[i] - mean) }
            variance /= m
            if let (runningMean, runningVar) = statistics { mean = runningMean[ch]; variance = runningVar[ch] }
            for i in indices { y[i] = (x[i] - mean) / (variance + eps).squareRoot() * gamma[ch] + beta[ch] }
        }
        return y
    }

    enum PoolKind { case max, average(countIncludePad: Bool) }

    /// Max pooling over the window's real cells; average pooling divides by the window's cells
    /// inside the padded input (countIncludePad) or by its real cells.
    // x: (N, C, H, W) → (N, C, Ho, Wo)
    static func pool(_ x: [Double], _ shape: [Int], _ window: Window2d, _ ho: Int, _ wo: Int, _ kind: PoolKind) -> [Double] {
        let (planes, h, w) = (shape[0] * shape[1], shape[2], shape[3]), (ph, pw) = window.padding
        var y = [Double](repeating: 0, count: planes * ho * wo)
        for plane in 0..<planes { for oy in 0..<ho { for ox in 0..<wo {
            var m = -Double.infinity, sum = 0.0, real = 0, padded = 0
            for ky in 0..<window.kernel.h { for kx in 0..<window.kernel.w {
                let iy = oy * window.stride.h - ph + ky, ix = ox * window.stride.w - pw + kx
                if iy >= -ph && iy < h + ph && ix >= -pw && ix < w + pw { padded += 1 }
                guard iy >= 0, iy < h, ix >= 0, ix < w else { continue }
                let v = x[(plane * h + iy) * w + ix]
                m = max(m, v); sum += v; real += 1
            } }
            switch kind {
            case .max: y[(plane * ho + oy) * wo + ox] = m
            case .average(let include): y[(plane * ho + oy) * wo + ox] = sum / Double(include ? padded : real)
            }
        } } }
        return y
    }

    // x: (N, C, H, W) → (N, C, oh, ow), bins ⌊i·H/oh⌋ ..< ⌈(i+1)·H/oh⌉
    static func adaptivePool(_ x: [Double], _ shape: [Int], _ oh: Int, _ ow: Int) -> [Double] {
        let (planes, h, w) = (shape[0] * shape[1], shape[2], shape[3])
        var y = [Double](repeating: 0, count: planes * oh * ow)
        for plane in 0..<planes { for oy in 0..<oh { for ox in 0..<ow {
            let y0 = oy * h / oh, y1 = ((oy + 1) * h + oh - 1) / oh, x0 = ox * w / ow, x1 = ((ox + 1) * w + ow - 1) / ow
            var sum = 0.0
            for iy in y0..<y1 { for ix in x0..<x1 { sum += x[(plane * h + iy) * w + ix] } }
            y[(plane * oh + oy) * ow + ox] = sum / Double((y1 - y0) * (x1 - x0))
        } } }
        return y
    }
}

private extension Array where Element == Double {
    func shape4(_ n: Int, _ c: Int, _ h: Int, _ w: Int) -> (n: Int, c: Int, h: Int, w: Int) {
        precondition(count == n * c * h * w)
        return (n, c, h, w)
    }
}
