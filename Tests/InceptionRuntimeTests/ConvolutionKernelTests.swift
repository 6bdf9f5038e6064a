import InceptionRuntime
import TestSupport
import XCTest

/// The im2col + GEMM (and 3×3 Winograd) convolution against the naive 7-loop twin, on awkward shapes, with
/// whichever OpenBLAS core this process loaded.
final class ConvolutionKernelTests: XCTestCase {
    // These tests exercise the Winograd kernels on small shapes, which otherwise run by im2col + GEMM.
    override func setUp() { super.setUp(); WinogradConvolution.smallestChannelProduct = 0 }
    override func tearDown() { WinogradConvolution.smallestChannelProduct = WinogradConvolution.defaultSmallestChannelProduct; super.tearDown() }
    struct Case { var n, c, h, w, o, k, s, p: Int; var bias: Bool }

    static let cases: [Case] = [
        Case(n: 3, c: 5, h: 11, w: 9, o: 7, k: 3, s: 2, p: 1, bias: true),     // stride 2, padding, non-square, batch 3
        Case(n: 1, c: 3, h: 17, w: 13, o: 10, k: 7, s: 2, p: 3, bias: true),   // the stem's 7×7/2
        Case(n: 2, c: 3, h: 29, w: 25, o: 5, k: 7, s: 2, p: 3, bias: true),    // 7×7/2 on 195 output cells: image by image
        Case(n: 2, c: 13, h: 6, w: 7, o: 11, k: 1, s: 1, p: 0, bias: true),    // 1×1 on a small map: one channel-major product
        Case(n: 3, c: 10, h: 12, w: 11, o: 7, k: 1, s: 1, p: 0, bias: true),   // 1×1 on 132 cells: image by image where it lies
        Case(n: 2, c: 6, h: 9, w: 9, o: 3, k: 1, s: 2, p: 0, bias: false),     // 1×1 with stride: im2col path
        Case(n: 3, c: 9, h: 8, w: 5, o: 12, k: 5, s: 1, p: 2, bias: true),     // 5×5 "same"
        Case(n: 1, c: 4, h: 5, w: 5, o: 2, k: 3, s: 3, p: 0, bias: false),     // stride = kernel
        Case(n: 2, c: 3, h: 4, w: 10, o: 5, k: 3, s: 1, p: 2, bias: true),     // padding wider than the kernel's half
        Case(n: 3, c: 6, h: 9, w: 7, o: 5, k: 3, s: 1, p: 1, bias: true),      // 3×3 "same": Winograd F(2×2, 3×3)
        Case(n: 1, c: 2, h: 3, w: 1, o: 4, k: 3, s: 1, p: 1, bias: false),     // Winograd on a map narrower than a tile
        Case(n: 2, c: 3, h: 95, w: 90, o: 4, k: 3, s: 1, p: 1, bias: true),    // Winograd on 4,320 tiles: each thread's own pieces
        Case(n: 2, c: 6, h: 15, w: 17, o: 9, k: 5, s: 1, p: 2, bias: true),    // 5×5 "same", rows of 17: phase rows, one ragged block
        Case(n: 1, c: 5, h: 16, w: 14, o: 7, k: 5, s: 1, p: 2, bias: false),   // rows of 14: phase rows, the half-width block
        Case(n: 2, c: 12, h: 14, w: 20, o: 8, k: 5, s: 1, p: 1, bias: true),   // depth 300 past a 256 block, padding 1
    ]

    /// Every case on the threads this machine has, and on one (where the work that threads take
    /// piece by piece comes to the one thread all at once).
    func testConv2dMatchesNaiveLoops() throws {
        let saved = OpenBLAS.requestedThreads
        defer { OpenBLAS.setThreads(saved) }
        for threads in [saved, 1] {
            OpenBLAS.setThreads(threads)
            var rng = SeededRandom(seed: 42)
            for (i, t) in Self.cases.enumerated() {
                let x = Tensor.randn([t.n, t.c, t.h, t.w], rng: &rng)
                let weight = Tensor.randn([t.o, t.c, t.k, t.k], rng: &rng)
                let bias = t.bias ? Tensor.randn([t.o], rng: &rng) : nil
                let window = Window2d(kernel: t.k, stride: t.s, padding: t.p)
                let fast = try Convolution.conv2d(x, weight: weight, bias: bias, window: window)
                let slow = try NaiveKernels.conv2d(x, weight: weight, bias: bias, window: window)
                assertClose(fast, slow, tolerance: 1e-5, "case \(i) \(t) on \(OpenBLAS.coreName), \(threads) thread(s)")
            }
        }
    }

    func testLinearMatchesNaiveLoops() throws {
        var rng = SeededRandom(seed: 7)
        for (n, inF, outF, bias) in [(3, 17, 5, true), (1, 1024, 10, true), (4, 9, 13, false)] {
            let x = Tensor.randn([n, inF], rng: &rng)
            let w = Tensor.randn([outF, inF], rng: &rng)
            let b = bias ? Tensor.randn([outF], rng: &rng) : nil
            assertClose(try Dense.linear(x, weight: w, bias: b), NaiveKernels.linear(x, weight: w, bias: b),
                        tolerance: 1e-5, "linear \(n)×\(inF)→\(outF)")
        }
    }

    func testBatchNormEvalMatchesFormula() throws {
        var rng = SeededRandom(seed: 9)
        let x = Tensor.randn([3, 5, 4, 7], rng: &rng)
        let g = Tensor.uniform([5], low: 0.5, high: 1.5, rng: &rng), b = Tensor.randn([5], rng: &rng)
        let m = Tensor.randn([5], rng: &rng), v = Tensor.uniform([5], low: 0.5, high: 2, rng: &rng)
        let fast = try Normalization.batchNormEval(x, gamma: g, beta: b, runningMean: m, runningVar: v, eps: 1e-3)
        assertClose(fast, NaiveKernels.batchNormEval(x, gamma: g, beta: b, mean: m, variance: v, eps: 1e-3), tolerance: 1e-6)
    }

    func testWrongChannelCountNamesBothNumbers() throws {
        let x = Tensor(zeros: [1, 32, 28, 28]), w = Tensor(zeros: [8, 16, 5, 5])
        XCTAssertThrowsError(try Convolution.conv2d(x, weight: w, bias: nil, window: Window2d(kernel: 5, stride: 1, padding: 2))) {
            XCTAssertEqual("\($0)", "Given groups=1, weight of size [8, 16, 5, 5], expected input[1, 32, 28, 28] to have 16 channels, but got 32 channels instead")
        }
    }
}
