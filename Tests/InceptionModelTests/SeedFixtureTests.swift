import InceptionModel
import InceptionRuntime
import TestSupport
import XCTest

/// Every seed_* fixture (computed by PyTorch 2.15) reproduced in eval and train mode, within
/// 1e-4 · max(1, max |PyTorch|).
final class SeedFixtureTests: XCTestCase {
    /// Loads a fixture's weights into the parts of a 10-class seed network it names, and runs
    /// `parts` in order on its input.
    func check(_ fixture: String, parts: [String], mode: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let f = try Fixtures.safetensors(fixture)
        let net = try InceptionV1(.init(dropout: 0, numClasses: 10))
        let weights = f.tensors.filter { !$0.key.hasPrefix("expected") && $0.key != "input" }
        for part in parts where part != "flatten" {
            let module = try XCTUnwrap(net.module(at: part), file: file, line: line)
            let mine = weights.filter { $0.key.hasPrefix(part + ".") }
            if module.stateDict().isEmpty { continue }
            try module.loadStateDict(mine, prefix: part + ".")
        }
        net.setTraining(mode == "train")
        let context = ExecutionContext()
        var y = try XCTUnwrap(f.tensors["input"])
        for part in parts {
            y = part == "flatten" ? try Dense.flatten(y) : try net.module(at: part)!(y, context)
        }
        assertClose(y, try XCTUnwrap(f.tensors["expected.\(mode)"]), tolerance: 1e-4, "\(fixture) \(mode)", file: file, line: line)
    }

    let stem = ["conv1", "maxpool1", "conv2a", "conv2b", "maxpool2"]
    let head = ["gap", "flatten", "dropout", "classifier"]

    func testStemEval() throws { try check("seed_stem", parts: stem, mode: "eval") }
    func testStemTrain() throws { try check("seed_stem", parts: stem, mode: "train") }
    func testInception3aEval() throws { try check("seed_inception3a", parts: ["inception3a"], mode: "eval") }
    func testInception3aTrain() throws { try check("seed_inception3a", parts: ["inception3a"], mode: "train") }
    func testInception4eEval() throws { try check("seed_inception4e", parts: ["inception4e"], mode: "eval") }
    func testInception4eTrain() throws { try check("seed_inception4e", parts: ["inception4e"], mode: "train") }
    func testAux1Train() throws { try check("seed_aux1", parts: ["aux1"], mode: "train") }
    func testHeadEval() throws { try check("seed_head", parts: head, mode: "eval") }
    func testHeadTrain() throws { try check("seed_head", parts: head, mode: "train") }

    /// Train mode also moves the running statistics, as PyTorch does (momentum 0.1, unbiased).
    func testTrainModeUpdatesRunningStatistics() throws {
        let net = try InceptionV1(.init(numClasses: 10))
        let bn = try XCTUnwrap(net.module(at: "conv1.layer.1") as? BatchNorm2d)
        var rng = SeededRandom(seed: 3)
        let x = Tensor.randn([2, 3, 32, 32], rng: &rng)
        net.setTraining(true)
        let conv = try XCTUnwrap(net.module(at: "conv1.layer.0"))
        let convOut = try conv(x, ExecutionContext())
        _ = try bn(convOut, ExecutionContext())
        // channel 0 by hand
        let plane = convOut.shape[2] * convOut.shape[3]
        var values: [Double] = []
        for n in 0..<2 { for i in 0..<plane { values.append(Double(convOut.data[(n * 64) * plane + i])) } }
        let mean = values.reduce(0, +) / Double(values.count)
        let unbiased = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count - 1)
        XCTAssertEqual(Double(bn.runningMean[0]), 0.1 * mean, accuracy: 1e-6)
        XCTAssertEqual(Double(bn.runningVar[0]), 0.9 + 0.1 * unbiased, accuracy: 1e-6)
        XCTAssertEqual(bn.batchesTracked[flat: 0], 1)
    }
}
