import XCTest
@testable import InceptionRuntime

/// TorchGenerator against PyTorch 2.15's own draws after `torch.manual_seed(0)`, printed by
/// torch_generator_values.py (beside this file) in a throwaway virtual environment.
final class TorchGeneratorTests: XCTestCase {
    private func drawn(_ count: Int, _ fill: (inout TorchGenerator, UnsafeMutablePointer<Float>, Int) -> Void) -> [Float] {
        var generator = TorchGenerator(seed: 0)
        let t = Tensor(zeros: [count])
        fill(&generator, t.data, count)
        return t.values
    }

    func testScalarNormalsAreExactlyPyTorchs() {
        // fewer than 16 values: normal_distribution<double>, a Box–Muller pair per two values
        XCTAssertEqual(drawn(3) { $0.fillNormal($1, count: $2, mean: 0, std: 1) }, [1.5409960746765137, -0.293428897857666, -2.1787893772125244])
    }

    func testBlockNormalsAreExactlyPyTorchsOnAVX2AndWithinAnUlpWithTheCLibrary() {
        // 16 and more: uniforms first, Box–Muller in blocks of 16, the tail block redrawn
        // (PyTorch's numbers from an AMD EPYC Zen 3, AVX2: the Cephes kernel's bits)
        let torch: [Float] = [-1.1258398294448853, -1.152360200881958, -0.2505785822868347, -0.4338788092136383, 0.5988394618034363, -1.5550950765609741]
        let cephes = drawn(20) { $0.fillNormal($1, count: $2, mean: 0, std: 1, math: .cephesAVX2) }
        XCTAssertEqual(Array(cephes[0..<6]), torch)
        let libm = drawn(20) { $0.fillNormal($1, count: $2, mean: 0, std: 1, math: .libm) }
        for (a, b) in zip(libm, torch) { XCTAssertEqual(a, b, accuracy: 2 * b.ulp) }
        // a block with a mean and a std: the fused multiply-add's rounding
        let shifted = drawn(16) { $0.fillNormal($1, count: $2, mean: 1, std: 0.5, math: .cephesAVX2) }
        XCTAssertEqual(Array(shifted[0..<3]), [0.4370800852775574, 0.423819899559021, 0.8747106790542603])
    }

    func testUniformsIntegersPermutationsAndCoinFlipsAreExactlyPyTorchs() {
        XCTAssertEqual(drawn(4) { $0.fillUniform($1, count: $2, from: 0, to: 1) }, [0.49625658988952637, 0.7682217955589294, 0.08847743272781372, 0.13203048706054688])
        var g = TorchGenerator(seed: 0)
        XCTAssertEqual((0..<5).map { _ in g.integer(below: 10, from: 0) }, [4, 9, 3, 0, 3])
        g = TorchGenerator(seed: 0)
        XCTAssertEqual(g.permutation(10), [4, 1, 7, 5, 3, 9, 0, 8, 6, 2])
        g = TorchGenerator(seed: 0)
        XCTAssertEqual((0..<20).map { _ in g.bernoulli(0.3) ? 1 : 0 }, [0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0])
    }

    func testLinearDefaultInitIsPyTorchs() throws {
        let linear = try DefaultGenerator.aside { try Linear(7, 5) }
        XCTAssertEqual(Array(linear.weight.values[0..<7]), [-0.002829751931130886, 0.2027566134929657, -0.31108182668685913, -0.2781588137149811,
                                                            -0.1455746591091156, 0.1013539582490921, -0.0074886782094836235])
    }

    func testTruncatedNormalFollowsPyTorchsRejectionDrawForDraw() throws {
        // most of the mass inside: normal_, then fresh normal_ draws for the values outside
        var g = TorchGenerator(seed: 0)
        let wide = Tensor(zeros: [4, 5])
        try wide.fillTruncatedNormal(mean: 0, std: 0.5, a: -0.6, b: 0.7, generator: &g)
        // (20 values: the block normals, so within an ulp)
        let torch: [Float] = [-0.5629199147224426, -0.576180100440979, -0.12528929114341736, -0.21693940460681915, 0.29941973090171814]
        for (a, b) in zip(wide.values, torch) { XCTAssertEqual(a, b, accuracy: 2 * b.ulp) }
        // a window in the tail: uniform candidates accepted against the density
        g = TorchGenerator(seed: 0)
        let tail = Tensor(zeros: [4, 5])
        try tail.fillTruncatedNormal(mean: 0, std: 1, a: 2, b: 3, generator: &g)
        XCTAssertEqual(Array(tail.values[0..<5]), [2.6650960445404053, 2.4018287658691406, 2.088477373123169, 2.0331525802612305, 2.3074228763580322])
        XCTAssertTrue(tail.values.allSatisfy { (2...3).contains($0) })
        XCTAssertThrowsError(try tail.fillTruncatedNormal(std: 1, a: 1, b: 1, generator: &g)) {
            XCTAssertEqual("\($0)", "trunc_normal_: need a < b, got a=1.0, b=1.0")
        }
    }
}
