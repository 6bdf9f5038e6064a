import Foundation
import InceptionImaging
import InceptionModel
import InceptionRuntime
import InceptionTraining
import TestSupport
import XCTest

/// The aux-head study's measurements: the gradient split by source adds up to the step's
/// gradient and leaves the run's trajectory untouched; the network without BatchNorm trains,
/// saves and loads; a dead network is told apart from a live one.
final class SourceGradientTests: XCTestCase {
    var dir = ""
    override func setUpWithError() throws {
        dir = try InceptionBinary.temporaryDirectory()
        WinogradConvolution.smallestChannelProduct = 0      // the Winograd kernels on these small shapes too
    }
    override func tearDown() { WinogradConvolution.smallestChannelProduct = WinogradConvolution.defaultSmallestChannelProduct; super.tearDown() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    /// The first 24 training and 4 validation pictures of the built-in shapes at 224 (the
    /// seed's aux heads need 209–256 px), so that a run's validation is quick.
    struct FewShapes: TrainingData {
        let shapes = BuiltinShapes(SyntheticShapes(seed: 0, size: 224))
        var classNames: [String] { shapes.classNames }
        var inputSize: Int { 224 }
        func count(_ split: DatasetSplit) -> Int { split == .train ? 24 : 4 }
        func sample(_ split: DatasetSplit, _ index: Int) throws -> (image: RGBImage, label: Int) { try shapes.sample(split, index) }
    }
    static var shapes: FewShapes { FewShapes() }

    func trainer(auxWeight: Double = 0.3, batchNorm: Bool = true, weightInit: String? = nil, steps: Int = 3) throws -> Trainer {
        var c = TrainingConfig()
        c.variant = "seed"; c.steps = steps; c.batch = 2; c.auxWeight = auxWeight
        c.learningRate = 0.001; c.seed = 7; c.gradientNormEvery = 0
        c.batchNorm = batchNorm ? nil : false; c.weightInit = weightInit
        let t = try Trainer(config: c, data: Self.shapes, runDirectory: dir + "/run")
        t.log = { _ in }
        return t
    }

    /// main + aux = total, per block, as vectors: max |main + aux − total| ≤ 3e-5 · max |total|
    /// (float32 sums in a different order; conv2b's weight gradient by F(4×4, 3×3) rounds to
    /// about 1e-5 of its largest entry: `testWinogradRoundingAgainstFloat64Sums`), with both parts
    /// really there.
    func assertPartsAddUp(_ t: Trainer, step: Int, file: StaticString = #filePath, line: UInt = #line) throws {
        let parts = try SourceGradients.measure(t, step: step)
        XCTAssertTrue(t.net.namedParameters().allSatisfy { $0.tensor.grad == nil }, "the measurement leaves no gradient behind", file: file, line: line)
        _ = try t.trainStep(step)
        let total = SourceGradients.flattenedGradients(t.net, layers: SourceGradients.layers)
        XCTAssertEqual(Set(parts.keys), ["conv1", "conv2b", "inception3a", "inception4a"], file: file, line: line)
        for (layer, p) in parts {
            let sum = zip(p.main, p.aux).map { $0 + $1 }
            let scale = total[layer]!.map(abs).max()!
            let worst = zip(sum, total[layer]!).map { abs($0 - $1) }.max()!
            XCTAssertEqual(sum.count, total[layer]!.count, file: file, line: line)
            XCTAssertGreaterThan(scale, 0, layer, file: file, line: line)
            XCTAssertLessThanOrEqual(worst, 3e-5 * scale, "\(layer): main + aux differs from the total by \(worst) (scale \(scale))", file: file, line: line)
            XCTAssertGreaterThan(p.aux.map(abs).max()!, 1e-3 * scale, "\(layer): the aux part is missing", file: file, line: line)
            XCTAssertGreaterThan(p.main.map(abs).max()!, 1e-3 * scale, "\(layer): the main part is missing", file: file, line: line)
        }
    }

    func testSourcesAddUpToTheTotalWithBatchNorm() throws {
        try assertPartsAddUp(try trainer(), step: 0)
    }

    func testSourcesAddUpToTheTotalWithoutBatchNorm() throws {
        try assertPartsAddUp(try trainer(batchNorm: false, weightInit: "kaiming"), step: 0)
    }

    /// With aux weight 0 the aux part is zero and the main part is the total, bit for bit.
    func testWithoutAuxLossTheMainPartIsTheTotal() throws {
        let t = try trainer(auxWeight: 0)
        let parts = try SourceGradients.measure(t, step: 0)
        _ = try t.trainStep(0)
        let total = SourceGradients.flattenedGradients(t.net, layers: SourceGradients.layers)
        for (layer, p) in parts {
            XCTAssertEqual(p.main, total[layer], layer)
            XCTAssertTrue(p.aux.allSatisfy { $0 == 0 }, layer)
        }
    }

    /// Measuring before every step (two extra forward and backward passes, BatchNorm's
    /// running statistics restored, the same dropout masks) ends with the weights, buffers,
    /// momentum and losses of a run that never measured, bit for bit.
    func testMeasuringDoesNotChangeTheRun() throws {
        let plain = try trainer(), measured = try trainer()
        for step in 0..<2 {
            _ = try SourceGradients.measure(measured, step: step)
            let a = try plain.trainStep(step), b = try measured.trainStep(step)
            XCTAssertEqual(a.loss, b.loss, "step \(step)")
        }
        for ((name, x), (_, y)) in zip(plain.net.stateDict(), measured.net.stateDict()) { XCTAssertEqual(x.values, y.values, name) }
        for (x, y) in zip(plain.optimizer.momentumBuffers, measured.optimizer.momentumBuffers) { XCTAssertEqual(x?.values, y?.values) }
    }

    /// The seed's std-0.01 init without BatchNorm: the logits do not depend on the image, conv1
    /// gets no gradient, the start line says so; Kaiming's init is alive.
    func testTheDeadNetworkIsDetected() throws {
        let dead = try trainer(batchNorm: false, steps: 1)
        _ = try dead.trainStep(0)
        let start = try XCTUnwrap(dead.metrics.start)
        XCTAssertTrue(start.isDead, "\(start)")
        // the logits are the classifier's bias, |b| ≤ 1/√1024: CE is within 2/32 of ln 12
        XCTAssertEqual(start.mainLoss, log(12), accuracy: 2.0 / 32)
        XCTAssertTrue(Trainer.describe(start, classes: 12).hasSuffix(": a dead network, the signal dies on its way up (no BatchNorm and std-0.01 weights shrink it at every layer), so the loss stays near ln 12 (the logits are the classifier's bias alone): use --init kaiming"))
        let live = try trainer(batchNorm: false, weightInit: "kaiming", steps: 1)
        _ = try live.trainStep(0)
        XCTAssertFalse(try XCTUnwrap(live.metrics.start).isDead)
        XCTAssertGreaterThan(live.metrics.start!.firstLayerGradientNorm, 1e3 * start.firstLayerGradientNorm)
    }

    /// The study's evaluation runs the aux heads in eval mode on the fast path: their logits
    /// are the reference path's (`runWithAuxHeads`), and a train-mode evaluation leaves
    /// BatchNorm's running statistics as they were.
    func testEvalModeAuxHeadsOnTheFastPathMatchTheReference() throws {
        let t = try trainer(steps: 1)
        _ = try t.trainStep(0)
        let net = try XCTUnwrap(t.net as? InceptionV1)
        net.setTraining(false)
        let x = try BatchLoader(data: Self.shapes).batch(.val, [0, 1]).x
        let reference = try GradMode.with(enabled: false) { try net.runWithAuxHeads(x, ExecutionContext()) }
        var random = SeededRandom(seed: 0)
        let (logits, side) = try net.compileFastPath(inputShape: x.shape, auxHeads: true).run(x, random: &random)
        assertRelativelyClose(logits, reference.logits, tolerance: 1e-4, "main")
        assertRelativelyClose(try XCTUnwrap(side["aux1"]), try XCTUnwrap(reference.aux1), tolerance: 1e-4, "aux1")
        assertRelativelyClose(try XCTUnwrap(side["aux2"]), try XCTUnwrap(reference.aux2), tolerance: 1e-4, "aux2")

        let before = net.stateDict().map(\.tensor.values)
        let trainMode = try HeadEvaluation.measure(net, data: Self.shapes, split: .val, count: 4, batch: 2, trainMode: true)
        XCTAssertEqual(trainMode.images, 4)
        XCTAssertNil(trainMode.aux1Accuracy)
        XCTAssertEqual(net.stateDict().map(\.tensor.values), before)
        XCTAssertFalse(net.training)
        let evalMode = try HeadEvaluation.measure(net, data: Self.shapes, split: .val, count: 4, batch: 2, trainMode: false)
        XCTAssertNotNil(evalMode.aux1Accuracy)
    }

    /// A run without BatchNorm writes a model file whose metadata says so, which builds the
    /// same network again (strict load), and a checkpoint that resumes with its configuration.
    func testARunWithoutBatchNormSavesAndLoads() throws {
        let t = try trainer(batchNorm: false, weightInit: "kaiming", steps: 1)
        _ = try t.run()
        let file = try SafeTensorsFile.read(path: dir + "/run/model.safetensors")
        XCTAssertEqual(file.metadata["batchnorm"], "off")
        XCTAssertEqual(file.metadata["init"], "kaiming")
        XCTAssertNil(file.tensors["conv1.layer.1.running_mean"])
        let loaded = try XCTUnwrap(try ModelFromWeights.network(variant: nil, weights: file, source: "model.safetensors") as? InceptionV1)
        XCTAssertFalse(loaded.options.batchNorm)
        let x = try BatchLoader(data: Self.shapes).batch(.val, [0, 1]).x
        t.net.setTraining(false); loaded.setTraining(false)
        XCTAssertEqual(try t.net.outputs(x, ExecutionContext()).logits.values, try loaded.outputs(x, ExecutionContext()).logits.values)
        let config = try Trainer.config(ofRun: dir + "/run")
        XCTAssertEqual(config.batchNorm, false)
        XCTAssertEqual(config.weightInit, "kaiming")
        let again = try Trainer(config: config, data: Self.shapes, runDirectory: dir + "/run")
        XCTAssertEqual(try again.loadCheckpoint(), 1)
    }
}
