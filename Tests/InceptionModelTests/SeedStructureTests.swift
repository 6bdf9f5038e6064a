import InceptionModel
import InceptionRuntime
import TestSupport
import XCTest

/// The seed network's names, shapes and counts, all read off the module tree.
final class SeedStructureTests: XCTestCase {
    func testStateDictNamesAndShapesEqualPyTorchs() throws {
        let ours = try InceptionV1().stateDict().map { ($0.name, $0.tensor.shape) }
        let theirs = try Fixtures.stateDictKeys("seed")
        XCTAssertEqual(theirs.count, 423)
        XCTAssertEqual(ours.count, theirs.count)
        for (i, (a, b)) in zip(ours, theirs).enumerated() {
            XCTAssertEqual(a.0, b.0, "key \(i)")
            XCTAssertEqual(a.1, b.1, "shape of \(a.0)")
        }
    }

    func testParameterCountsByWalkingTheTree() throws {
        XCTAssertEqual(try InceptionV1().parameterCount, 13_393_352)
        XCTAssertEqual(try InceptionV1(.init(useAux: false)).parameterCount, 7_013_112)
        let net = try InceptionV1()
        XCTAssertEqual(net.module(at: "conv1.layer.0")!.parameterFormula?.description, "7·7·3·64 + 64 = 9,472")
        XCTAssertEqual(net.module(at: "inception3a")!.parameterCount, 164_432)
    }

    /// The seed's torchinfo shapes for 2×3×224×224, module by module, from a real forward pass.
    func testShapeAtEveryTopLevelModule() throws {
        let expected: [(String, [Int])] = [
            ("conv1", [2, 64, 112, 112]), ("maxpool1", [2, 64, 56, 56]), ("conv2a", [2, 64, 56, 56]),
            ("conv2b", [2, 192, 56, 56]), ("maxpool2", [2, 192, 28, 28]),
            ("inception3a", [2, 256, 28, 28]), ("inception3b", [2, 480, 28, 28]), ("maxpool3", [2, 480, 14, 14]),
            ("inception4a", [2, 512, 14, 14]), ("aux1", [2, 1000]),
            ("inception4b", [2, 512, 14, 14]), ("inception4c", [2, 512, 14, 14]), ("inception4d", [2, 528, 14, 14]),
            ("aux2", [2, 1000]),
            ("inception4e", [2, 832, 14, 14]), ("maxpool4", [2, 832, 7, 7]),
            ("inception5a", [2, 832, 7, 7]), ("inception5b", [2, 1024, 7, 7]), ("gap", [2, 1024, 1, 1]),
            ("dropout", [2, 1024]), ("classifier", [2, 1000]),
        ]
        let net = try InceptionV1()
        net.setTraining(true)
        let collector = ExitCollector()
        var rng = SeededRandom(seed: 1)
        let output = try net.run(Tensor.randn([2, 3, 224, 224], rng: &rng), ExecutionContext(observers: [collector]))
        let topLevel = collector.exits.filter { $0.depth == 1 }.map { ($0.path, $0.outputShape) }
        XCTAssertEqual(topLevel.map(\.0), expected.map(\.0))
        for (got, want) in zip(topLevel, expected) { XCTAssertEqual(got.1, want.1, got.0) }
        XCTAssertEqual(output.aux1?.shape, [2, 1000])
        XCTAssertEqual(output.aux2?.shape, [2, 1000])
        XCTAssertEqual(output.logits.shape, [2, 1000])
        // Shape inference on a meta tensor agrees with the real run, without kernels.
        let inferred = try ShapeInference.trace(net, input: [2, 3, 224, 224]).filter { $0.depth == 1 }
        XCTAssertEqual(inferred.map(\.outputShape), topLevel.map(\.1))
    }

    func testEvalModeSkipsAuxHeadsAndTakesOtherSizes() throws {
        let net = try InceptionV1(.init(numClasses: 10))
        var rng = SeededRandom(seed: 2)
        let out = try net.run(Tensor.randn([3, 3, 96, 128], rng: &rng), ExecutionContext())
        XCTAssertNil(out.aux1); XCTAssertNil(out.aux2)
        XCTAssertEqual(out.logits.shape, [3, 10])
        // 32×32 still gives every layer a non-empty output (1×1 after maxpool4).
        XCTAssertEqual(try ShapeInference.outputShape(net, input: [1, 3, 32, 32]), [1, 10])
    }

    func testWrongChannelsNameTheInnermostLayer() throws {
        let block = try XCTUnwrap(try InceptionV1().module(at: "inception3a"))
        XCTAssertThrowsError(try ShapeInference.outputShape(block, input: [1, 100, 28, 28])) {
            XCTAssertEqual("\($0)", "inception3a.conv1x1.layer.0: Given groups=1, weight of size [64, 192, 1, 1], expected input[1, 100, 28, 28] to have 192 channels, but got 100 channels instead")
        }
        // Padded 3×3 pools keep even a 1×1 map alive, so any input size runs in eval mode.
        XCTAssertEqual(try ShapeInference.outputShape(try InceptionV1(), input: [1, 3, 1, 1]), [1, 1000])
    }

    func testSeedInitialisation() throws {
        let net = try InceptionV1()
        let w = try XCTUnwrap(net.module(at: "inception4e.conv3x3.1.layer.0") as? Conv2d).weight
        let mean = w.values.reduce(0, +) / Float(w.count)
        let std = (w.values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Float(w.count)).squareRoot()
        XCTAssertEqual(std, 0.01, accuracy: 0.0002)
        XCTAssertEqual(Set(try XCTUnwrap(net.module(at: "conv1.layer.0") as? Conv2d).bias!.values), [0])
        let bn = try XCTUnwrap(net.module(at: "conv1.layer.1") as? BatchNorm2d)
        XCTAssertEqual(Set(bn.weight.values), [1]); XCTAssertEqual(Set(bn.bias.values), [0])
    }
}
