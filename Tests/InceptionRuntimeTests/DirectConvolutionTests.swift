import InceptionRuntime
import TestSupport
import XCTest

/// The direct convolution (direct_conv.c), the path for non-finite operands, against the naive
/// loops on finite values (undilated: the naive twins; dilated and grouped: float64 loops here),
/// then where a NaN or ∞ tap meets the padding, and PyTorch's rule for multiplying it.
final class DirectConvolutionTests: XCTestCase {
    struct Case { var n, c, h, w, o, kh, kw, sh, sw, ph, pw, dh, dw, groups: Int }

    static let cases: [Case] = [
        Case(n: 2, c: 3, h: 11, w: 9, o: 4, kh: 3, kw: 3, sh: 1, sw: 1, ph: 1, pw: 1, dh: 1, dw: 1, groups: 1),
        Case(n: 1, c: 3, h: 17, w: 13, o: 5, kh: 7, kw: 7, sh: 2, sw: 2, ph: 3, pw: 3, dh: 1, dw: 1, groups: 1),   // the stem's 7×7/2
        Case(n: 3, c: 4, h: 6, w: 10, o: 2, kh: 3, kw: 5, sh: 2, sw: 1, ph: 2, pw: 0, dh: 1, dw: 1, groups: 1),   // rectangular
        Case(n: 2, c: 2, h: 4, w: 5, o: 3, kh: 3, kw: 3, sh: 1, sw: 3, ph: 4, pw: 3, dh: 1, dw: 1, groups: 1),    // padding past the kernel
        Case(n: 2, c: 4, h: 12, w: 11, o: 6, kh: 3, kw: 3, sh: 1, sw: 1, ph: 2, pw: 2, dh: 2, dw: 2, groups: 1),  // dilated "same"
        Case(n: 1, c: 3, h: 13, w: 9, o: 2, kh: 2, kw: 3, sh: 2, sw: 1, ph: 1, pw: 3, dh: 3, dw: 2, groups: 1),   // dilated, uneven
        Case(n: 2, c: 6, h: 8, w: 7, o: 4, kh: 3, kw: 3, sh: 1, sw: 2, ph: 1, pw: 1, dh: 1, dw: 1, groups: 2),    // grouped
        Case(n: 2, c: 5, h: 9, w: 9, o: 10, kh: 5, kw: 5, sh: 1, sw: 1, ph: 4, pw: 4, dh: 2, dw: 2, groups: 5),   // depthwise ×2, dilated
    ]

    func window(_ t: Case) -> Window2d {
        Window2d(kernel: ((t.kh - 1) * t.dh + 1, (t.kw - 1) * t.dw + 1), stride: (t.sh, t.sw), padding: (t.ph, t.pw))
    }

    /// y, dx and dW by float64 loops over the taps that land inside the input.
    func exact(_ t: Case, x: Tensor, weight: Tensor, gy: Tensor?) -> (y: [Double], dx: [Double], dw: [Double]) {
        let (ho, wo) = window(t).outputSize(height: t.h, width: t.w)
        let (inPer, outPer) = (t.c / t.groups, t.o / t.groups)
        var y = [Double](repeating: 0, count: t.n * t.o * ho * wo), dx = [Double](repeating: 0, count: x.count)
        var dw = [Double](repeating: 0, count: weight.count)
        for i in 0..<t.n { for o in 0..<t.o { for oy in 0..<ho { for ox in 0..<wo {
            let yi = ((i * t.o + o) * ho + oy) * wo + ox
            let g = gy.map { Double($0.data[yi]) } ?? 0
            for ci in 0..<inPer { for ky in 0..<t.kh { for kx in 0..<t.kw {
                let iy = oy * t.sh - t.ph + ky * t.dh, ix = ox * t.sw - t.pw + kx * t.dw
                guard iy >= 0, iy < t.h, ix >= 0, ix < t.w else { continue }
                let c = (o / outPer) * inPer + ci
                let xi = ((i * t.c + c) * t.h + iy) * t.w + ix, wi = ((o * inPer + ci) * t.kh + ky) * t.kw + kx
                y[yi] += Double(x.data[xi]) * Double(weight.data[wi])
                dx[xi] += Double(weight.data[wi]) * g
                dw[wi] += g * Double(x.data[xi])
            } } }
        } } } }
        return (y, dx, dw)
    }

    func testAgainstExactLoopsOnFiniteValues() throws {
        var rng = SeededRandom(seed: 43)
        for t in Self.cases {
            let x = Tensor.randn([t.n, t.c, t.h, t.w], rng: &rng), weight = Tensor.randn([t.o, t.c / t.groups, t.kh, t.kw], rng: &rng)
            let (ho, wo) = window(t).outputSize(height: t.h, width: t.w)
            let gy = Tensor.randn([t.n, t.o, ho, wo], rng: &rng)
            let want = exact(t, x: x, weight: weight, gy: gy), what = "\(t)"
            for multiply in [false, true] {       // finite taps times the padding's zeros add nothing
                let y = DirectConvolution.conv2d(x, weight: weight, bias: nil, window: window(t), dilation: (t.dh, t.dw), groups: t.groups,
                                                 multiplyPadding: multiply)
                assertClose(y, try Tensor(shape: y.shape, values: want.y.map(Float.init)), tolerance: 1e-5, "y of " + what)
                let dw = DirectConvolution.weightGradient(x, gradOutput: gy, weightShape: weight.shape, window: window(t), dilation: (t.dh, t.dw),
                                                          groups: t.groups, multiplyPadding: multiply)
                assertClose(dw, try Tensor(shape: dw.shape, values: want.dw.map(Float.init)), tolerance: 1e-5, "dW of " + what)
            }
            let dx = DirectConvolution.inputGradient(gy, weight: weight, inputShape: x.shape, window: window(t), dilation: (t.dh, t.dw), groups: t.groups)
            assertClose(dx, try Tensor(shape: dx.shape, values: want.dx.map(Float.init)), tolerance: 1e-5, "dx of " + what)
        }
    }

    /// The undilated, ungrouped cases against the naive twins, with a bias.
    func testAgainstNaiveTwins() throws {
        var rng = SeededRandom(seed: 44)
        for t in Self.cases where t.dh == 1 && t.dw == 1 && t.groups == 1 {
            let x = Tensor.randn([t.n, t.c, t.h, t.w], rng: &rng), weight = Tensor.randn([t.o, t.c, t.kh, t.kw], rng: &rng)
            let bias = Tensor.randn([t.o], rng: &rng)
            let y = DirectConvolution.conv2d(x, weight: weight, bias: bias, window: window(t), multiplyPadding: false)
            assertClose(y, try NaiveKernels.conv2d(x, weight: weight, bias: bias, window: window(t)), tolerance: 1e-5, "y of \(t)")
            let gy = Tensor.randn(y.shape, rng: &rng)
            let naive = try NaiveBackwardKernels.conv2d(x, weight: weight, hasBias: true, window: window(t), gradOutput: gy)
            assertClose(DirectConvolution.inputGradient(gy, weight: weight, inputShape: x.shape, window: window(t)), naive.input, tolerance: 1e-5, "dx of \(t)")
            assertClose(DirectConvolution.weightGradient(x, gradOutput: gy, weightShape: weight.shape, window: window(t), multiplyPadding: false),
                        naive.weight, tolerance: 1e-5, "dW of \(t)")
        }
    }

    /// An infinite corner tap: skipped, the padding leaves the border outputs it would meet finite
    /// or ±∞ (never NaN); multiplied, exactly those whose corner tap lands in the padding are NaN.
    func testNonFiniteTapMeetsThePadding() throws {
        var rng = SeededRandom(seed: 45)
        let t = Self.cases[4]                     // dilated 3×3, padding 2, on 12 × 11
        let x = Tensor.randn([t.n, t.c, t.h, t.w], rng: &rng), weight = Tensor.randn([t.o, t.c, t.kh, t.kw], rng: &rng)
        weight.data[0] = .infinity                // output channel 0, input channel 0, tap (0, 0)
        let (ho, wo) = window(t).outputSize(height: t.h, width: t.w)
        let inPadding = { (oy: Int, ox: Int) in oy * t.sh - t.ph < 0 || ox * t.sw - t.pw < 0 }   // where tap (0, 0) lands
        for multiply in [false, true] {
            let y = DirectConvolution.conv2d(x, weight: weight, bias: nil, window: window(t), dilation: (t.dh, t.dw), multiplyPadding: multiply)
            for i in 0..<t.n { for oy in 0..<ho { for ox in 0..<wo {
                let v = y.data[((i * t.o) * ho + oy) * wo + ox]
                XCTAssertEqual(v.isNaN, multiply && inPadding(oy, ox), "image \(i), output (\(oy), \(ox)), padding multiplied: \(multiply)")
                if !inPadding(oy, ox) { XCTAssertTrue(v.isInfinite, "the ∞ tap reaches output (\(oy), \(ox))") }
            } } }
            XCTAssertFalse(y.values[(ho * wo)..<(t.o * ho * wo)].contains { !$0.isFinite }, "the other output channels stay finite")
        }
    }

    /// PyTorch 2.15's choice (x86-64, 2 threads), as measured (nan counts of a NaN corner tap):
    /// whether the padding is skipped.
    func testPyTorchPaddingRule() {
        struct Row { var x: [Int]; var weight: [Int]; var stride, padding, dilation, groups: Int; var skipped: Bool; var why: String }
        let rows = [
            Row(x: [1, 3, 8, 8], weight: [4, 3, 3, 3], stride: 1, padding: 1, dilation: 1, groups: 1, skipped: false, why: "one small image: ATen's im2col"),
            Row(x: [2, 3, 8, 8], weight: [4, 3, 3, 3], stride: 1, padding: 1, dilation: 1, groups: 1, skipped: true, why: "a batch: oneDNN direct"),
            Row(x: [1, 32, 16, 16], weight: [16, 32, 3, 3], stride: 1, padding: 1, dilation: 1, groups: 1, skipped: false, why: "8,192 values: im2col"),
            Row(x: [1, 64, 20, 20], weight: [16, 64, 3, 3], stride: 1, padding: 1, dilation: 1, groups: 1, skipped: true, why: "25,600 values: oneDNN"),
            Row(x: [1, 3, 8, 8], weight: [4, 3, 5, 5], stride: 1, padding: 2, dilation: 1, groups: 1, skipped: true, why: "a kernel over 3×3: oneDNN"),
            Row(x: [2, 16, 12, 12], weight: [16, 16, 5, 5], stride: 1, padding: 4, dilation: 1, groups: 1, skipped: false, why: "padding 4: oneDNN by GEMM"),
            Row(x: [2, 16, 10, 10], weight: [16, 16, 3, 3], stride: 1, padding: 3, dilation: 1, groups: 1, skipped: false, why: "padding = kernel"),
            Row(x: [2, 16, 12, 12], weight: [16, 16, 3, 3], stride: 1, padding: 3, dilation: 2, groups: 1, skipped: true, why: "padding 3 < the spread 5"),
            Row(x: [2, 8, 6, 6], weight: [8, 8, 1, 1], stride: 1, padding: 1, dilation: 1, groups: 1, skipped: false, why: "a padded 1×1"),
            Row(x: [2, 8, 10, 10], weight: [8, 1, 3, 3], stride: 1, padding: 1, dilation: 1, groups: 8, skipped: true, why: "depthwise"),
            Row(x: [2, 8, 16, 16], weight: [8, 1, 5, 5], stride: 1, padding: 4, dilation: 2, groups: 8, skipped: true, why: "depthwise, padding 4"),
            Row(x: [2, 8, 10, 10], weight: [16, 1, 3, 3], stride: 1, padding: 1, dilation: 1, groups: 8, skipped: false, why: "two filters a channel"),
            Row(x: [2, 8, 10, 10], weight: [8, 4, 3, 3], stride: 1, padding: 1, dilation: 1, groups: 2, skipped: false, why: "groups of 4 channels"),
            Row(x: [2, 16, 10, 10], weight: [16, 8, 3, 3], stride: 1, padding: 1, dilation: 1, groups: 2, skipped: true, why: "groups of 8 channels"),
        ]
        for row in rows {
            let spread = (row.weight[2] - 1) * row.dilation + 1
            let window = Window2d(kernel: (spread, (row.weight[3] - 1) * row.dilation + 1), stride: (row.stride, row.stride), padding: (row.padding, row.padding))
            XCTAssertEqual(ConvolutionPadding.skipped(input: row.x, weight: row.weight, window: window, dilation: (row.dilation, row.dilation),
                                                      groups: row.groups), row.skipped, row.why)
        }
    }
}
