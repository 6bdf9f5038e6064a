import CKernels
import InceptionRuntime
import TestSupport
import XCTest

/// Winograd F(2×2, 3×3), F(4×4, 3×3), F(2×2, 5×5) and F(4×4, 5×5) in the fast path against the naive convolution loop,
/// on maps that are not multiples of the tile (cut tiles at the right and bottom), tiny maps,
/// several images, with and without the BatchNorm + ReLU it fuses.
final class WinogradTests: XCTestCase {
    struct Case { var n, c, h, w, o: Int }

    static let cases: [Case] = [
        Case(n: 1, c: 3, h: 8, w: 8, o: 4),        // whole tiles for both m
        Case(n: 2, c: 5, h: 9, w: 11, o: 7),       // cut tiles, two images
        Case(n: 3, c: 4, h: 7, w: 5, o: 6),        // odd sizes, three images
        Case(n: 1, c: 2, h: 1, w: 1, o: 3),        // a single pixel: one tile, mostly padding
        Case(n: 2, c: 9, h: 2, w: 13, o: 5),       // a strip narrower than one tile
        Case(n: 1, c: 17, h: 14, w: 14, o: 19),    // an Inception 4x map
        Case(n: 2, c: 5, h: 130, w: 150, o: 7),    // enough tiles that the threads take pieces of them start to end
    ]

    /// An eval-mode "same" Conv2d with random weights and bias.
    func randomConv(_ t: Case, kernel: Int, rng: inout SeededRandom) throws -> Conv2d {
        let conv = try Conv2d(t.c, t.o, kernelSize: kernel, padding: kernel / 2)
        conv.setTraining(false)
        try conv.weight.assign(Tensor.randn(conv.weight.shape, rng: &rng))
        try conv.bias!.assign(Tensor.randn([t.o], rng: &rng))
        return conv
    }

    /// A bare Conv2d (bias, no BatchNorm, no ReLU) compiled with Winograd against the naive loop,
    /// F(2×2, 3×3), F(4×4, 3×3), F(2×2, 5×5) and F(4×4, 5×5), with the transforms of every C-kernel build this
    /// CPU runs (baseline, AVX2, AVX-512).
    func testBareConvolutionMatchesNaiveLoop() throws {
        defer { ck_force_isa(Int32(CK_ISA_AUTOMATIC)) }
        var rng = SeededRandom(seed: 31)
        for level in [CK_ISA_BASELINE, CK_ISA_AVX2, CK_ISA_AUTOMATIC] {
            ck_force_isa(Int32(level))
            for (tile, kernel) in [(2, 3), (4, 3), (2, 5), (4, 5)] {
                for t in Self.cases {
                    let conv = try randomConv(t, kernel: kernel, rng: &rng)
                    let x = Tensor.randn([t.n, t.c, t.h, t.w], rng: &rng)
                    let plan = try InferencePlan([conv], inputShape: x.shape, winograd: .tile(tile))
                    let naive = try NaiveKernels.conv2d(x, weight: conv.weight, bias: conv.bias, window: conv.window)
                    assertClose(try plan.run(x), naive, tolerance: 1e-5,
                                "F(\(tile)×\(tile),\(kernel)×\(kernel)) \(t) on \(String(cString: ck_isa()))")
                }
            }
        }
    }

    /// Conv2d + BatchNorm2d + ReLU (folded and fused) against the reference modules.
    func testFusedChainMatchesReferenceModules() throws {
        var rng = SeededRandom(seed: 32)
        for tile in [2, 4] {
            for t in Self.cases {
                let chain = try Sequential([Conv2d(t.c, t.o, kernelSize: 3, padding: 1, bias: false), BatchNorm2d(t.o), ReLU()])
                chain.setTraining(false)
                let bn = chain.children[1].module as! BatchNorm2d
                try bn.runningMean.assign(Tensor.uniform([t.o], low: -0.5, high: 0.5, rng: &rng))
                try bn.runningVar.assign(Tensor.uniform([t.o], low: 0.5, high: 2, rng: &rng))
                try bn.weight.assign(Tensor.uniform([t.o], low: 0.5, high: 1.5, rng: &rng))
                let x = Tensor.randn([t.n, t.c, t.h, t.w], rng: &rng)
                let reference = try chain(x, ExecutionContext())
                let plan = try InferencePlan([chain], inputShape: x.shape, winograd: .tile(tile))
                assertClose(try plan.run(x), reference, tolerance: 1e-5, "F(\(tile)×\(tile),3×3)+BN+ReLU \(t)")
            }
        }
    }

    /// F(2×2, 5×5) and F(4×4, 5×5): a bare 5×5 "same" convolution against the naive loop, and with its
    /// BatchNorm and ReLU against the reference modules, on the same awkward shapes.
    func testFiveByFiveMatchesNaiveLoopAndReference() throws {
        var rng = SeededRandom(seed: 34)
        for tile in [2, 4] { for t in Self.cases {
            let conv = try randomConv(t, kernel: 5, rng: &rng)
            let x = Tensor.randn([t.n, t.c, t.h, t.w], rng: &rng)
            let naive = try NaiveKernels.conv2d(x, weight: conv.weight, bias: conv.bias, window: conv.window)
            let plan = try InferencePlan([conv], inputShape: x.shape, winograd: .tile(tile))
            assertClose(try plan.run(x), naive, tolerance: 1e-5, "F(\(tile)×\(tile),5×5) \(t)")

            let chain = try Sequential([Conv2d(t.c, t.o, kernelSize: 5, padding: 2, bias: false), BatchNorm2d(t.o), ReLU()])
            chain.setTraining(false)
            let bn = chain.children[1].module as! BatchNorm2d
            try bn.runningMean.assign(Tensor.uniform([t.o], low: -0.5, high: 0.5, rng: &rng))
            try bn.runningVar.assign(Tensor.uniform([t.o], low: 0.5, high: 2, rng: &rng))
            assertClose(try InferencePlan([chain], inputShape: x.shape, winograd: .tile(tile)).run(x), try chain(x, ExecutionContext()),
                        tolerance: 1e-5, "F(\(tile)×\(tile),5×5)+BN+ReLU \(t)")
        } }
    }

    /// conv2b at batch 8 (1,568 tiles of 4×4): more than one pass of tiles through the
    /// transform buffers. Against im2col + sgemm (itself tested against the naive loop).
    func testManyTilesRunInSeveralPasses() throws {
        var rng = SeededRandom(seed: 33)
        let conv = try Conv2d(64, 192, kernelSize: 3, padding: 1)
        conv.setTraining(false)
        try conv.weight.assign(Tensor.randn(conv.weight.shape, std: 0.06, rng: &rng))
        let x = Tensor.randn([8, 64, 56, 56], rng: &rng)
        let plan = try InferencePlan([conv], inputShape: x.shape, winograd: .tile(4))
        let gemm = try Convolution.conv2d(x, weight: conv.weight, bias: conv.bias, window: conv.window)
        assertClose(try plan.run(x), gemm, tolerance: 1e-5, "conv2b, batch 8")
    }

    /// conv2b at batch 1 (196 tiles of F(4×4, 3×3)) and inception3a's 5×5 (196 of F(2×2, 5×5); 49
    /// of F(4×4, 5×5)), compiled and run under every GEMM build this CPU runs: with 16-column panels
    /// (baseline, AVX2) each thread carries the α = 6 ones' tiles in pieces of 16 start to end,
    /// otherwise one pass over all tiles meets between the phases. All against
    /// im2col + GEMM; then each plan run under another build than the one it was compiled for (the
    /// workspaces sized for its way stay right).
    func testBatchOneLayersOnEveryGemmBuild() throws {
        defer { ck_gemm_use_variant(Int32(CK_GEMM_AUTOMATIC)) }
        var rng = SeededRandom(seed: 34)
        let variants = [CK_GEMM_BASELINE, CK_GEMM_AVX2, CK_GEMM_WIDE_ON_AVX2, CK_GEMM_AVX512].map { Int32($0) }
            .filter { ck_gemm_variant_available($0) != 0 }
        for (name, c, o, size, kernel, choice) in [("conv2b", 64, 192, 56, 3, WinogradChoice.automatic),
                                                   ("inception3a.conv5x5.1", 16, 32, 28, 5, .tile(2)),
                                                   ("inception3a.conv5x5.1", 16, 32, 28, 5, .automatic)] {
            let conv = try Conv2d(c, o, kernelSize: kernel, padding: kernel / 2)
            conv.setTraining(false)
            try conv.weight.assign(Tensor.randn(conv.weight.shape, std: 0.06, rng: &rng))
            let x = Tensor.randn([1, c, size, size], rng: &rng)
            let gemm = try Convolution.conv2d(x, weight: conv.weight, bias: conv.bias, window: conv.window)
            var plans: [InferencePlan] = []
            for variant in variants {
                ck_gemm_use_variant(variant)
                plans.append(try InferencePlan([conv], inputShape: x.shape, winograd: choice))
                assertClose(try plans.last!.run(x), gemm, tolerance: 1e-5, "\(name), batch 1, \(CKernelsBuild.gemmVariant)")
            }
            for (plan, variant) in zip(plans, variants.reversed()) {
                ck_gemm_use_variant(variant)
                for _ in 0..<3 {
                    assertClose(try plan.run(x), gemm, tolerance: 1e-5, "\(name), batch 1, run under \(CKernelsBuild.gemmVariant)")
                }
            }
        }
    }

    func testAutomaticChoiceOfTile() {
        let choice = WinogradChoice.automatic
        XCTAssertEqual([56, 28, 25, 14, 13, 7].map { choice.tile(height: $0, width: $0, batch: 8) }, [4, 4, 4, 4, 2, 2])
        // 14×14 takes F(4×4) once its 16 tiles an image fill a GEMM panel (16 columns with AVX2, 32 with AVX-512)
        let panel = Int(ck_gemm_panel_width())
        XCTAssertEqual(choice.tile(height: 14, width: 14, batch: 1), panel <= 16 ? 4 : 2)
        XCTAssertEqual(choice.tile(height: 14, width: 14, batch: 2), 4)
        XCTAssertEqual(choice.tile(height: 14, width: 14, batch: 1, training: true), 4, "the training path: F(4×4) from 14×14 at any batch")
        XCTAssertEqual(choice.tile(height: 7, width: 7, batch: 64), 2)
        XCTAssertNil(WinogradChoice.off.tile(height: 56, width: 56))
        XCTAssertEqual(WinogradChoice.tile(2).tile(height: 7, width: 7), 2)
        XCTAssertEqual([choice.tile(kernel: 5, height: 28, width: 28), WinogradChoice.tile(4).tile(kernel: 5, height: 28, width: 28),
                        WinogradChoice.tile(2).tile(kernel: 5, height: 28, width: 28),
                        choice.tile(kernel: 3, height: 28, width: 28), choice.tile(kernel: 7, height: 28, width: 28),
                        WinogradChoice.off.tile(kernel: 5, height: 28, width: 28)], [4, 4, 2, 4, nil, nil])
        // a 5×5 takes F(4×4, 5×5) where its tiles fill a GEMM panel (7×7: 4 an image), always on the training path
        XCTAssertEqual(choice.tile(kernel: 5, height: 7, width: 7, batch: 1), 2)
        XCTAssertEqual(choice.tile(kernel: 5, height: 7, width: 7, batch: 8), 4)
        XCTAssertEqual(choice.tile(kernel: 5, height: 14, width: 14, batch: 1), panel <= 16 ? 4 : 2)
        XCTAssertEqual(choice.tile(kernel: 5, height: 7, width: 7, batch: 1, training: true), 4)
    }
}
