import Foundation
import InceptionModel
import InceptionRuntime
import TestSupport
import XCTest

/// torchvision's GoogLeNet: its fixtures (PyTorch 2.15, torchvision 0.29) in eval and train
/// mode, its 364 state_dict keys, the order of its train-mode outputs, transform_input, and
/// weights saved and loaded back.
final class TorchvisionTests: XCTestCase {
    /// Loads a fixture's weights into the named parts of a torchvision GoogLeNet and runs them
    /// in order on the fixture's input.
    func check(_ fixture: String, parts: [String], mode: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let f = try Fixtures.safetensors(fixture)
        let net = try TorchvisionGoogLeNet(.init(numClasses: 10, dropout: 0, dropoutAux: 0))
        let weights = f.tensors.filter { !$0.key.hasPrefix("expected") && $0.key != "input" }
        for part in parts {
            let module = try XCTUnwrap(net.module(at: part), file: file, line: line)
            if module.stateDict().isEmpty { continue }
            try module.loadStateDict(weights.filter { $0.key.hasPrefix(part + ".") }, prefix: part + ".")
        }
        net.setTraining(mode == "train")
        var y = try XCTUnwrap(f.tensors["input"])
        for part in parts { y = try net.module(at: part)!(y, ExecutionContext()) }
        assertClose(y, try XCTUnwrap(f.tensors["expected.\(mode)"]), tolerance: 1e-4, "\(fixture) \(mode)", file: file, line: line)
    }

    /// 65×65 → conv1 33×33 → maxpool1 16×16 → conv2, conv3 16×16 → maxpool2 8×8, where
    /// ceil_mode matters: ⌈(16 − 3)/2⌉ + 1 = 8, floor would give 7.
    let stem = ["conv1", "maxpool1", "conv2", "conv3", "maxpool2"]

    func testStemEval() throws { try check("torchvision_stem", parts: stem, mode: "eval") }
    func testStemTrain() throws { try check("torchvision_stem", parts: stem, mode: "train") }
    func testInception3aEval() throws { try check("torchvision_inception3a", parts: ["inception3a"], mode: "eval") }
    func testInception3aTrain() throws { try check("torchvision_inception3a", parts: ["inception3a"], mode: "train") }

    func testStateDictNamesShapesAndOrderEqualTorchvisions() throws {
        let ours = try TorchvisionGoogLeNet().stateDict().map { ($0.name, $0.tensor.shape) }
        let theirs = try Fixtures.stateDictKeys("torchvision")
        XCTAssertEqual(theirs.count, 364)
        XCTAssertEqual(ours.count, theirs.count)
        for (i, (a, b)) in zip(ours, theirs).enumerated() {
            XCTAssertEqual(a.0, b.0, "key \(i)")
            XCTAssertEqual(a.1, b.1, "shape of \(a.0)")
        }
        let names = ours.map(\.0)
        for key in ["conv1.conv.weight", "conv1.bn.running_mean", "inception3a.branch2.1.conv.weight",
                    "inception3a.branch4.1.conv.weight", "aux1.conv.conv.weight", "aux1.fc1.weight", "fc.weight"] {
            XCTAssertTrue(names.contains(key), key)
        }
    }

    /// torchvision's documented size of the pretrained model (aux heads dropped): 6,624,904.
    func testParameterCounts() throws {
        XCTAssertEqual(try TorchvisionGoogLeNet(.init(auxLogits: false)).parameterCount, 6_624_904)
        XCTAssertEqual(try TorchvisionGoogLeNet().parameterCount, 13_004_888)
        XCTAssertEqual(try TorchvisionGoogLeNet(.init(auxLogits: false)).stateDict().count, 344)
    }

    func testTheFiveByFiveBranchIsThreeByThreeAndPoolsUseCeilMode() throws {
        let net = try TorchvisionGoogLeNet()
        let conv = try XCTUnwrap(net.module(at: "inception4a.branch3.1.conv") as? Conv2d)
        XCTAssertEqual(conv.signature, "Conv2d(16, 48, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)")
        XCTAssertEqual(net.module(at: "inception4a.branch3.1.bn")?.signature,
                       "BatchNorm2d(48, eps=0.001, momentum=0.1, affine=True, bias=True, track_running_stats=True)")
        XCTAssertEqual(net.module(at: "maxpool4")?.signature, "MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=True)")
        XCTAssertEqual(net.module(at: "inception3a.branch4.0")?.signature, "MaxPool2d(kernel_size=3, stride=1, padding=1, dilation=1, ceil_mode=True)")
        XCTAssertEqual(net.children.map(\.name), [
            "conv1", "maxpool1", "conv2", "conv3", "maxpool2", "inception3a", "inception3b", "maxpool3",
            "inception4a", "inception4b", "inception4c", "inception4d", "inception4e", "maxpool4",
            "inception5a", "inception5b", "aux1", "aux2", "avgpool", "dropout", "fc"])
        XCTAssertEqual(net.module(at: "aux1")?.children.map(\.name), ["conv", "fc1", "fc2", "dropout"])
    }

    /// Shapes for 2×3×224×224, module by module, on a meta tensor (no kernels run).
    func testShapesAtEveryTopLevelModuleInTrainMode() throws {
        let net = try TorchvisionGoogLeNet()
        net.setTraining(true)
        let exits = try ShapeInference.trace(net, input: [2, 3, 224, 224]).filter { $0.depth == 1 }
        let expected: [(String, [Int])] = [
            ("conv1", [2, 64, 112, 112]), ("maxpool1", [2, 64, 56, 56]), ("conv2", [2, 64, 56, 56]),
            ("conv3", [2, 192, 56, 56]), ("maxpool2", [2, 192, 28, 28]),
            ("inception3a", [2, 256, 28, 28]), ("inception3b", [2, 480, 28, 28]), ("maxpool3", [2, 480, 14, 14]),
            ("inception4a", [2, 512, 14, 14]), ("aux1", [2, 1000]),
            ("inception4b", [2, 512, 14, 14]), ("inception4c", [2, 512, 14, 14]), ("inception4d", [2, 528, 14, 14]),
            ("aux2", [2, 1000]),
            ("inception4e", [2, 832, 14, 14]), ("maxpool4", [2, 832, 7, 7]),
            ("inception5a", [2, 832, 7, 7]), ("inception5b", [2, 1024, 7, 7]), ("avgpool", [2, 1024, 1, 1]),
            ("dropout", [2, 1024]), ("fc", [2, 1000]),
        ]
        XCTAssertEqual(exits.map(\.path), expected.map(\.0))
        for (got, want) in zip(exits, expected) { XCTAssertEqual(got.outputShape, want.1, got.path) }
    }

    /// Records each named module's output during a run.
    final class OutputRecorder: TraceObserver {
        var outputs: [String: Tensor] = [:]
        func didExit(_ event: ModuleExit, output: Tensor, context: ExecutionContext) throws { outputs[event.path] = output }
    }

    /// Eval mode: just the logits. Train mode: logits, aux2, aux1 — torchvision's order, with
    /// aux2 the head after inception4d.
    func testEvalReturnsLogitsAndTrainReturnsLogitsAux2Aux1() throws {
        DefaultGenerator.seed(5)
        let net = try TorchvisionGoogLeNet(.init(numClasses: 7, dropout: 0, dropoutAux: 0))
        var rng = SeededRandom(seed: 6)
        let x = Tensor.randn([2, 3, 224, 224], rng: &rng)
        let eval = try net.run(x, ExecutionContext())
        XCTAssertEqual(eval.tuple.map(\.shape), [[2, 7]])
        XCTAssertNil(eval.auxLogits1); XCTAssertNil(eval.auxLogits2)

        net.setTraining(true)
        let recorder = OutputRecorder()
        let train = try net.run(x, ExecutionContext(observers: [recorder]))
        XCTAssertEqual(train.tuple.count, 3)
        XCTAssertEqual(train.tuple[0].values, try XCTUnwrap(recorder.outputs["fc"]).values)
        XCTAssertEqual(train.tuple[1].values, try XCTUnwrap(recorder.outputs["aux2"]).values)
        XCTAssertEqual(train.tuple[2].values, try XCTUnwrap(recorder.outputs["aux1"]).values)
        // The variant-independent view names heads by position, not by torchvision's order.
        let byHead = try net.outputs(x, ExecutionContext())
        XCTAssertEqual(byHead.aux1?.shape, [2, 7])
        XCTAssertNotEqual(byHead.aux1?.values, byHead.aux2?.values)
    }

    /// transform_input takes ImageNet-normalised pixels (p − mean) / std back to 2p − 1.
    func testTransformInputMapsNormalisedPixelsToMinusOneToOne() throws {
        let mean: [Float] = [0.485, 0.456, 0.406], std: [Float] = [0.229, 0.224, 0.225]
        let pixels: [Float] = [0, 0.25, 1]
        var values: [Float] = []
        for c in 0..<3 { for p in pixels { values.append((p - mean[c]) / std[c]) } }
        let y = try TorchvisionGoogLeNet.transformInput(try Tensor(shape: [1, 3, 1, 3], values: values))
        for c in 0..<3 {
            for (i, p) in pixels.enumerated() { XCTAssertEqual(y[0, c, 0, i], 2 * p - 1, accuracy: 1e-6, "channel \(c), pixel \(p)") }
        }
        // Channel 0 of a zero input: (0.485 − 0.5) / 0.5 = −0.03.
        XCTAssertEqual(try TorchvisionGoogLeNet.transformInput(Tensor(zeros: [1, 3, 1, 1]))[0, 0, 0, 0], -0.03, accuracy: 1e-7)
    }

    func testDropoutOptionSetsEveryDropout() throws {
        let net = try TorchvisionGoogLeNet(ModelFromWeights.torchvisionOptions(for: nil, dropout: 0))
        let ps = net.namedModules().compactMap { ($0.module as? Dropout)?.p }
        XCTAssertEqual(ps, [0, 0, 0])
        let defaults = try TorchvisionGoogLeNet().namedModules().compactMap { ($0.module as? Dropout)?.p }
        XCTAssertEqual(defaults, [0.7, 0.7, 0.2])
    }

    // MARK: saving and loading

    var directory = ""
    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("torchvision-tests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: directory) }

    /// The safetensors header of a file, as JSON.
    func header(_ path: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let length = Int(data.prefix(8).withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) })
        return try XCTUnwrap(JSONSerialization.jsonObject(with: data.subdata(in: 8..<(8 + length))) as? [String: Any])
    }

    /// Train a step's worth of BatchNorm statistics, save, load into a differently initialised
    /// network: equal outputs, equal counters, PyTorch's dtypes.
    func testSaveThenLoadGivesEqualOutputs() throws {
        DefaultGenerator.seed(11)
        let net = try TorchvisionGoogLeNet(.init(numClasses: 10, transformInput: true))
        var rng = SeededRandom(seed: 12)
        let x = Tensor.randn([2, 3, 64, 64], rng: &rng)
        net.setTraining(true)
        _ = try net.run(Tensor.randn([2, 3, 224, 224], rng: &rng), ExecutionContext())   // moves running stats
        net.setTraining(false)
        let before = try net.run(x, ExecutionContext()).logits

        let path = directory + "/googlenet.safetensors"
        try saveWeights(net, to: path)
        let file = try SafeTensorsFile.read(path: path)
        XCTAssertEqual(file.order, net.stateDict().map(\.name))
        XCTAssertEqual(file.metadata, ["format": "pt", "transform_input": "True"])
        let entries = try header(path)
        XCTAssertEqual((entries["conv1.bn.num_batches_tracked"] as? [String: Any])?["dtype"] as? String, "I64")
        XCTAssertEqual((entries["conv1.bn.num_batches_tracked"] as? [String: Any])?["shape"] as? [Int], [])
        XCTAssertEqual((entries["conv1.conv.weight"] as? [String: Any])?["dtype"] as? String, "F32")
        XCTAssertEqual(file.tensors["conv1.bn.num_batches_tracked"]?[flat: 0], 1)

        DefaultGenerator.seed(99)
        let loaded = try ModelFromWeights.network(variant: nil, weights: file, source: path)
        XCTAssertEqual(loaded.variant, .torchvision)
        let reloaded = try XCTUnwrap(loaded as? TorchvisionGoogLeNet)
        XCTAssertTrue(reloaded.options.transformInput, "transform_input comes back from the metadata")
        XCTAssertTrue(reloaded.options.auxLogits)
        XCTAssertEqual(reloaded.numClasses, 10)
        let after = try reloaded.run(x, ExecutionContext()).logits
        XCTAssertEqual(after.values, before.values)
        let counter = try XCTUnwrap(reloaded.module(at: "inception5b.branch4.1.bn") as? BatchNorm2d)
        XCTAssertEqual(counter.batchesTracked[flat: 0], 1)
    }

    func testSeedNetworkRoundTripsToo() throws {
        DefaultGenerator.seed(3)
        let net = try InceptionV1(.init(useAux: false, numClasses: 4))
        let path = directory + "/seed.safetensors"
        try saveWeights(net, to: path)
        DefaultGenerator.seed(4)
        let loaded = try ModelFromWeights.network(variant: .seed, weights: try SafeTensorsFile.read(path: path), source: path)
        var rng = SeededRandom(seed: 1)
        let x = Tensor.randn([1, 3, 64, 64], rng: &rng)
        XCTAssertEqual(try loaded.outputs(x, ExecutionContext()).logits.values, try net.run(x, ExecutionContext()).logits.values)
        XCTAssertEqual(loaded.stateDict().count, net.stateDict().count)
    }

    /// A block saved alone has names relative to it, as `block.state_dict()` in PyTorch.
    func testSubBlockIsSavedUnderItsOwnNames() throws {
        let net = try TorchvisionGoogLeNet()
        let path = directory + "/inception3a.safetensors"
        try saveWeights(try XCTUnwrap(net.module(at: "inception3a")), to: path)
        let file = try SafeTensorsFile.read(path: path)
        XCTAssertEqual(file.order.first, "branch1.conv.weight")
        XCTAssertEqual(file.order.count, 36)
    }

    func testWrongVariantIsOneClearLine() throws {
        let path = directory + "/tv.safetensors"
        try saveWeights(try TorchvisionGoogLeNet(.init(numClasses: 3, auxLogits: false)), to: path)
        let file = try SafeTensorsFile.read(path: path)
        XCTAssertThrowsError(try ModelFromWeights.network(variant: .seed, weights: file, source: "tv.safetensors")) { error in
            XCTAssertEqual("\(error)", "tv.safetensors: these weights are for torchvision's GoogLeNet (they have conv1.conv.weight), not for the seed's Inception_V1: use the torchvision variant (--variant torchvision)")
        }
        XCTAssertThrowsError(try ModelFromWeights.network(variant: .seed, weights: nil, transformInput: true)) { error in
            XCTAssertEqual("\(error)", "transform_input belongs to torchvision's GoogLeNet, not the seed's Inception_V1: use the torchvision variant (--variant torchvision)")
        }
        // Without aux keys in the file, the network is built without aux heads.
        let loaded = try ModelFromWeights.network(variant: nil, weights: file, source: path)
        XCTAssertNil(loaded.module(at: "aux1"))
        XCTAssertEqual(loaded.numClasses, 3)
    }
}
