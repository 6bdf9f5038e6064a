import CKernels
import InceptionRuntime
import TestSupport
import XCTest

/// 1×1 convolutions on few columns (14×14 and 7×7 maps at batch 1, 7×7 at batch 8), the fast path's four ways of
/// splitting them over threads: the parts packing B together (16-column panels), each part a
/// block of output channels packing its own (32-column panels), each part 32-column panels of
/// its own (32-column panels and a small A: inception4a's pool-branch 1×1), and the product turned round
/// (`TransposedPointwise`, under 128 columns). Against im2col + GEMM, under every GEMM build this
/// CPU runs, with output channels that are not a multiple of the 6-row panels.
final class PointwisePlanTests: XCTestCase {
    func testFewColumnPointwiseOnEveryGemmBuild() throws {
        defer { ck_gemm_use_variant(Int32(CK_GEMM_AUTOMATIC)) }
        var rng = SeededRandom(seed: 47)
        let variants = [CK_GEMM_BASELINE, CK_GEMM_AVX2, CK_GEMM_WIDE_ON_AVX2, CK_GEMM_AVX512].map { Int32($0) }
            .filter { ck_gemm_variant_available($0) != 0 }
        // (input channels, output channels, height, width, batch): inception4a's pool-branch 1×1, an
        // odd map, one output channel short of a panel, the 7×7 maps' merged 1×1 kind, and at batch
        // 8 and 10 (392 and 450 columns: output channels split with 32-column panels, columns with 16)
        for (c, o, h, w, n) in [(480, 64, 14, 14, 1), (37, 97, 13, 11, 1), (300, 5, 14, 14, 1), (83, 40, 7, 7, 1),
                                (83, 40, 7, 7, 8), (64, 29, 9, 5, 10)] {
            let conv = try Conv2d(c, o, kernelSize: 1)
            conv.setTraining(false)
            try conv.weight.assign(Tensor.randn(conv.weight.shape, std: 0.06, rng: &rng))
            try conv.bias!.assign(Tensor.randn([o], std: 0.1, rng: &rng))
            let x = Tensor.randn([n, c, h, w], rng: &rng)
            let gemm = try Convolution.conv2d(x, weight: conv.weight, bias: conv.bias, window: conv.window)
            for variant in variants {
                ck_gemm_use_variant(variant)
                let plan = try InferencePlan([conv], inputShape: x.shape)
                for _ in 0..<2 {
                    assertClose(try plan.run(x), gemm, tolerance: 1e-5, "1×1 \(c)→\(o) on \(n)×\(h)×\(w), \(CKernelsBuild.gemmVariant)")
                }
            }
        }
    }
}
