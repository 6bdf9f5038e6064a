import Foundation
import InceptionLanguage
import InceptionNetworkBuiltins
import InceptionModel
import InceptionRuntime
import TestSupport
import XCTest

/// The whole seed network written in the lesson language (Lessons/reference/inception_v1.inc)
/// is the Swift reference network: same tree, same state_dict, same init from the same seed,
/// same outputs with the same weights, and its trace visits exactly the state_dict's modules.
final class SeedInLanguageTests: XCTestCase {
    static let referencePath = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Lessons/reference/inception_v1.inc").standardized.path

    static func referenceSource() throws -> String {
        try String(contentsOfFile: referencePath, encoding: .utf8)
    }

    /// The language's Inception_V1(arguments), built in a fresh interpreter after manual_seed(seed).
    func languageModel(_ arguments: String = "", seed: Int = 0) throws -> (Module, Interpreter) {
        let interpreter = Interpreter()
        InterpreterTests.run(try Self.referenceSource() + "\nmanual_seed(\(seed))\nmodel = Inception_V1(\(arguments))\n",
                             file: Self.referencePath, interpreter: interpreter)
        return (try XCTUnwrap(interpreter.global("model")?.asModule), interpreter)
    }

    func testTheSourceIsAFewDozenLines() throws {
        let code = try Self.referenceSource().split(separator: "\n").filter {
            let t = $0.trimmingCharacters(in: .whitespaces)
            return !t.isEmpty && !t.hasPrefix("#")
        }
        XCTAssertLessThanOrEqual(code.count, 90)
    }

    func testSameTreeSameStateDictSameInitAsTheSwiftReference() throws {
        let (model, _) = try languageModel()
        DefaultGenerator.seed(0)
        let swift = try InceptionV1()
        XCTAssertEqual(model.typeName, "Inception_V1")
        XCTAssertEqual(model.parameterCount, 13_393_352)
        let ours = model.stateDict(), theirs = swift.stateDict()
        XCTAssertEqual(ours.map(\.name), theirs.map(\.name))
        XCTAssertEqual(ours.map(\.tensor.shape), theirs.map(\.tensor.shape))
        // The seed's init loop (trunc_normal_ on every Conv2d, constants on BatchNorm2d), run in
        // the language, draws exactly the numbers the Swift init draws.
        for ((name, a), (_, b)) in zip(ours, theirs) where a.values != b.values {
            XCTFail("\(name) differs from the Swift reference's init")
            break
        }
        // And the keys are the PyTorch seed's keys.
        let pytorch = try Fixtures.stateDictKeys("seed").map(\.0)
        XCTAssertEqual(Set(ours.map(\.name)), Set(pytorch))
    }

    func testSameWeightsGiveTheSwiftReferenceOutputsInEvalAndTrainMode() throws {
        let (model, interpreter) = try languageModel("p=0.0")
        DefaultGenerator.seed(42)
        let swift = try InceptionV1(.init(dropout: 0))
        // Load the Swift model's weights through a safetensors file, as a lesson would.
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("seed-\(ProcessInfo.processInfo.processIdentifier).safetensors")
        defer { try? FileManager.default.removeItem(at: file) }
        try writeSafeTensors(swift.stateDict(), int64Names: Set(swift.stateDict().map(\.name).filter { $0.hasSuffix("num_batches_tracked") }), to: file.path)
        InterpreterTests.run("load_weights(model, \"\(file.path)\")", interpreter: interpreter)

        var rng = SeededRandom(seed: 5)
        let x = Tensor.randn([1, 3, 224, 224], rng: &rng)
        interpreter.setGlobal("x", .tensor(x))

        let eval = try swift.run(x, ExecutionContext())
        InterpreterTests.run("model.eval()\naux1, aux2, out = model(x)", interpreter: interpreter)
        XCTAssertTrue(interpreter.global("aux1")?.isNone == true)
        assertClose(try XCTUnwrap(interpreter.global("out")?.asTensor), eval.logits, tolerance: 1e-5, "eval logits")

        swift.setTraining(true)
        let train = try swift.run(x, ExecutionContext())
        InterpreterTests.run("model.train()\naux1, aux2, out = model(x)", interpreter: interpreter)
        assertClose(try XCTUnwrap(interpreter.global("aux1")?.asTensor), try XCTUnwrap(train.aux1), tolerance: 1e-5, "train aux1")
        assertClose(try XCTUnwrap(interpreter.global("aux2")?.asTensor), try XCTUnwrap(train.aux2), tolerance: 1e-5, "train aux2")
        assertClose(try XCTUnwrap(interpreter.global("out")?.asTensor), train.logits, tolerance: 1e-5, "train logits")
        // Train mode moved the running statistics of both networks the same way.
        assertClose(try XCTUnwrap(model.module(at: "inception5b.conv1x1.layer.1")?.buffers[0].tensor),
                    try XCTUnwrap(swift.module(at: "inception5b.conv1x1.layer.1")?.buffers[0].tensor), tolerance: 1e-5, "running mean")
    }

    /// The whole seed network (1000 classes, aux heads, dropout 0, batch 2 at 224, train mode)
    /// gives the same total loss and the same gradient for every parameter through the Swift
    /// model and through inception_v1.inc with `loss.backward()` in the language.
    func testSameLossAndGradientsAsTheSwiftReference() throws {
        let (model, interpreter) = try languageModel("p=0.0")
        DefaultGenerator.seed(42)
        let swift = try InceptionV1(.init(dropout: 0))
        for ((_, a), (_, b)) in zip(model.stateDict(), swift.stateDict()) { try a.assign(b) }
        var rng = SeededRandom(seed: 9)
        let x = Tensor.randn([2, 3, 224, 224], rng: &rng)
        let labels = [3, 971]

        swift.setTraining(true)
        let loss = try swift.outputs(x, ExecutionContext()).totalLoss(labels: labels, auxWeight: 0.3)
        try Autograd.backward(loss)

        interpreter.setGlobal("x", .tensor(x))
        InterpreterTests.run("""
        model.train()
        y = tensor([3, 971])
        aux1, aux2, out = model(x)
        loss = F.cross_entropy(out, y) + 0.3 * (F.cross_entropy(aux1, y) + F.cross_entropy(aux2, y))
        loss.backward()
        """, interpreter: interpreter)
        let languageLoss = try XCTUnwrap(interpreter.global("loss")?.asTensor)
        XCTAssertEqual(languageLoss.scalar, loss.scalar, accuracy: 1e-5 * loss.scalar)
        XCTAssertGreaterThan(loss.scalar, 6.9 * 1.6)          // ≈ 1.6 · ln 1000 at init
        var compared = 0
        for ((name, a), (_, b)) in zip(model.namedParameters(), swift.namedParameters()) {
            let ga = try XCTUnwrap(a.grad, "\(name): no gradient in the language"), gb = try XCTUnwrap(b.grad, "\(name): no gradient in Swift")
            if name.hasSuffix("layer.0.bias") {
                // before a train-mode BatchNorm: the true gradient is 0, both hold rounding noise
                let scale = try XCTUnwrap(swift.module(at: String(name.dropLast(5)))?.parameters.first?.tensor.grad).values.map(abs).max()!
                XCTAssertLessThanOrEqual(maxAbsDifference(ga, gb), 1e-6 * scale, name)
            } else {
                assertRelativelyClose(ga, gb, tolerance: 1e-4, name)
            }
            compared += 1
        }
        XCTAssertEqual(compared, 57 * 4 + 2 * (4 + 2 + 2) + 2)   // 57 BasicConv2d (w, b, γ, β), two aux heads (conv + fc1 + fc2), the classifier
    }

    /// Every module that holds weights is visited by the trace, under its state_dict path, and
    /// nothing else with weights is: the trace's parameter-holding paths are the state_dict's.
    func testTraceListsExactlyTheStateDictPaths() throws {
        let (model, _) = try languageModel()
        model.setTraining(true)                      // the aux heads run only in train mode
        let exits = try ShapeInference.trace(model, input: [2, 3, 224, 224])
        let traced = exits.filter { !$0.module.parameters.isEmpty || !$0.module.buffers.isEmpty }.map(\.path)
        var stateDictModules: [String] = []
        for (name, _) in model.stateDict() {
            let module = String(name[..<name.lastIndex(of: ".")!])
            if stateDictModules.last != module { stateDictModules.append(module) }
        }
        XCTAssertEqual(Set(traced), Set(stateDictModules))
        XCTAssertEqual(traced.count, stateDictModules.count)      // each exactly once
        XCTAssertEqual(exits.last?.outputShape, [2, 1000])
        // Every leaf of the tree is traced, in the order the seed's forward calls them.
        XCTAssertEqual(Set(exits.filter { $0.module.isLeaf }.map(\.path)), Set(model.namedModules().filter { $0.module.isLeaf }.map(\.path)))
        XCTAssertEqual(exits.first?.path, "conv1.layer.0")
    }

    func testEvalModeTraceSkipsTheAuxHeads() throws {
        let (model, _) = try languageModel("use_aux=False, num_classes=10")
        XCTAssertNil(model.child("aux1"))
        model.setTraining(false)
        let exits = try ShapeInference.trace(model, input: [1, 3, 224, 224])
        XCTAssertFalse(exits.contains { $0.path.hasPrefix("aux") })
        XCTAssertEqual(exits.last?.outputShape, [1, 10])
        XCTAssertEqual(model.parameterCount, try InceptionV1(.init(useAux: false, numClasses: 10)).parameterCount)
    }

    /// Lessons/reference/compare_with_reference.inc imports the network from inception_v1.inc
    /// and checks it against the Swift reference from the same seed.
    func testTheComparisonScriptRuns() throws {
        let path = URL(fileURLWithPath: Self.referencePath).deletingLastPathComponent().appendingPathComponent("compare_with_reference.inc").path
        var printed = ""
        let interpreter = Interpreter(output: { printed += $0 }, builtins: .networksAndPictures)
        interpreter.baseDirectory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let script = try Script.load(path: path)
        let result = script.run(in: interpreter)
        XCTAssertEqual(result.exitCode, 0, script.render(result))
        XCTAssertEqual(printed, """
        Inception_V1: 13,393,352 parameters, 423 state_dict entries
        aux heads in eval mode: None None
        logits: torch.Size([1, 1000])
        the same logits as the reference, max |difference| = 0.0
        Conv2d(16, 32, kernel_size=(5, 5), stride=(1, 1), padding=(2, 2)) = 5·5·16·32 + 32 = 12,832

        """)
    }
}
