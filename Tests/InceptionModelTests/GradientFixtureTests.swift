import InceptionModel
import InceptionRuntime
import TestSupport
import XCTest

/// Every gradient fixture of PyTorch 2.15 (Tests/TestSupport/Fixtures/grad, README there)
/// reproduced through the autograd: outputs within 1e-5, gradients within 1e-4 relative
/// (max |a − b| ≤ 1e-4 · max |b| per tensor), running statistics after a train pass, and
/// three SGD-with-momentum steps.
final class GradientFixtureTests: XCTestCase {
    /// Runs `forward` on the fixture's input (requiring its gradient), backpropagates
    /// `grad_output`, and compares output, dL/dx, every parameter's dL/dθ and (train) the
    /// running statistics with PyTorch's. `net` is the module whose state_dict names the
    /// fixture's `expected.<mode>.grad.<name>` entries use.
    func check(_ fixture: String, mode: String, net: Module, prefix: String = "",
               forward: (Tensor, ExecutionContext) throws -> Tensor,
               file: StaticString = #filePath, line: UInt = #line) throws {
        let f = try Fixtures.safetensors("grad/" + fixture)
        let weights = f.tensors.filter { $0.key.hasPrefix(prefix) && !$0.key.hasPrefix("expected") && !["input", "grad_output"].contains($0.key) }
        if !net.stateDict().isEmpty { try net.loadStateDict(weights, prefix: prefix) }
        net.setTraining(mode == "train")
        let x = try XCTUnwrap(f.tensors["input"]).copy()
        x.requiresGrad = true
        let y = try forward(x, ExecutionContext())
        assertRelativelyClose(y, try XCTUnwrap(f.tensors["expected.\(mode).output"]), tolerance: 1e-5, "\(fixture) \(mode) output", file: file, line: line)
        try Autograd.backward(y, gradient: try XCTUnwrap(f.tensors["grad_output"]))
        assertRelativelyClose(try XCTUnwrap(x.grad, "no input gradient", file: file, line: line),
                              try XCTUnwrap(f.tensors["expected.\(mode).grad.input"]), tolerance: 1e-4, "\(fixture) \(mode) dL/dx", file: file, line: line)
        var compared = 0
        for (name, p) in net.namedParameters() {
            let expected = try XCTUnwrap(f.tensors["expected.\(mode).grad.\(prefix)\(name)"], "no fixture gradient for \(name)", file: file, line: line)
            let grad = try XCTUnwrap(p.grad, "\(name) got no gradient", file: file, line: line)
            if mode == "train", name.hasSuffix("layer.0.bias") {
                // A convolution's bias just before a train-mode BatchNorm: the batch mean takes
                // it away, so its true gradient is 0 and both sides hold rounding noise alone
                // (PyTorch's about 1e-7 of the weight gradient). Both must be that small.
                let weightScale = try XCTUnwrap(f.tensors["expected.train.grad.\(prefix)\(name.dropLast(4))weight"]).values.map(abs).max()!
                XCTAssertLessThanOrEqual(grad.values.map(abs).max()!, 1e-6 * weightScale, "\(name): ours is not ≈ 0", file: file, line: line)
                XCTAssertLessThanOrEqual(expected.values.map(abs).max()!, 1e-6 * weightScale, "\(name): PyTorch's is not ≈ 0", file: file, line: line)
            } else {
                assertRelativelyClose(grad, expected, tolerance: 1e-4, "\(fixture) \(mode) dL/d \(name)", file: file, line: line)
            }
            compared += 1
        }
        XCTAssertEqual(compared, f.tensors.keys.filter { $0.hasPrefix("expected.\(mode).grad.") && $0 != "expected.\(mode).grad.input" }.count,
                       "every parameter gradient of the fixture is compared", file: file, line: line)
        if mode == "train" {
            for (name, t) in net.stateDict() where name.hasSuffix("running_mean") || name.hasSuffix("running_var") {
                assertRelativelyClose(t, try XCTUnwrap(f.tensors["expected.train.state.\(prefix)\(name)"]), tolerance: 1e-5,
                                      "\(fixture) \(name) after the train pass", file: file, line: line)
            }
        }
    }

    func basicConv2d(_ mode: String) throws {
        let block = try SeedBlocks.basicConv2d(5, 7, 3, 2, padding: 1)
        try check("grad_basicconv2d", mode: mode, net: block) { x, c in try block(x, c) }
    }
    func testBasicConv2dTrain() throws { try basicConv2d("train") }
    func testBasicConv2dEval() throws { try basicConv2d("eval") }

    /// conv1 → maxpool1 → conv2a → conv2b → maxpool2 of a 10-class seed network.
    func stem(_ mode: String) throws {
        let net = try InceptionV1(.init(dropout: 0, useAux: false, numClasses: 10))
        let stem = Sequential([])
        for name in ["conv1", "maxpool1", "conv2a", "conv2b", "maxpool2"] { stem.register(name, net.module(at: name)!) }
        try check("grad_stem", mode: mode, net: stem) { x, c in try stem(x, c) }
    }
    func testStemTrain() throws { try stem("train") }
    func testStemEval() throws { try stem("eval") }

    func inception3a(_ mode: String) throws {
        let block = try SeedBlocks.inception(192, .init(64, 96, 128, 16, 32, 32), 256)
        try check("grad_inception3a", mode: mode, net: block, prefix: "inception3a.") { x, c in try block(x, c) }
    }
    func testInception3aTrain() throws { try inception3a("train") }
    func testInception3aEval() throws { try inception3a("eval") }

    /// Training runs the 3×3 convolutions' forward and input gradient by F(4×4, 3×3) on maps of
    /// 28×28 and more (and the 5×5s' by F(2×2, 5×5): inception3a's, in `testInception3aTrain`).
    /// Their rounding, carried through train-mode BatchNorm (batch statistics) and back, must stay
    /// within the same tolerances of PyTorch's direct sums: the stem (conv2b on a 16×16 map: whole
    /// tiles) and inception3a (14×14: tiles cut by the border), with F(4×4) forced onto every 3×3.
    func testStemAndInception3aWithFourByFourTiles() throws {
        defer { WinogradConvolution.choice = .automatic }
        WinogradConvolution.choice = .tile(4)
        for mode in ["train", "eval"] {
            try stem(mode)
            try inception3a(mode)
        }
    }

    /// maxpool(3, 2, pad 1) → avgpool(5, 3); maxpool(3, 2, ceil_mode); adaptive avg 4×4; each
    /// flattened, then concatenated along dim 1.
    func testPoolsTrain() throws {
        let max1 = try MaxPool2d(3, stride: 2, padding: 1), avg = try AvgPool2d(5, stride: 3)
        let maxCeil = try MaxPool2d(3, stride: 2, ceilMode: true), adaptive = try AdaptiveAvgPool2d(4, 4)
        try check("grad_pools", mode: "train", net: Sequential([])) { x, c in
            let parts = try [try avg(try max1(x, c), c), try maxCeil(x, c), try adaptive(x, c)].map { part in
                try Dense.flatten(part).reshaped([part.shape[0], part.count / part.shape[0], 1, 1])
            }
            return try Dense.flatten(try Dense.concatChannels(parts))
        }
    }

    /// gap → flatten → dropout p=0 → Linear(1024, 10)
    func head(_ mode: String) throws {
        let net = try InceptionV1(.init(dropout: 0, useAux: false, numClasses: 10))
        let head = Sequential([])
        for name in ["gap", "dropout", "classifier"] { head.register(name, net.module(at: name)!) }
        try check("grad_head", mode: mode, net: head) { x, c in
            let pooled = try net.module(at: "gap")!(x, c)
            return try net.module(at: "classifier")!(try net.module(at: "dropout")!(try Dense.flatten(pooled), c), c)
        }
    }
    func testHeadTrain() throws { try head("train") }
    func testHeadEval() throws { try head("eval") }

    /// loss = CE(logits) + 0.3 · (CE(aux1) + CE(aux2)), mean over the batch.
    func testTotalLoss() throws {
        let f = try Fixtures.safetensors("grad/grad_total_loss")
        let heads = try ["logits", "aux1", "aux2"].map { name -> Tensor in
            let t = try XCTUnwrap(f.tensors[name]).copy()
            t.requiresGrad = true
            return t
        }
        let labels = try XCTUnwrap(f.tensors["labels"]).values.map { Int($0) }
        let loss = try InceptionOutputs(logits: heads[0], aux1: heads[1], aux2: heads[2]).totalLoss(labels: labels, auxWeight: 0.3)
        XCTAssertEqual(loss.shape, [])
        XCTAssertEqual(loss.scalar, try XCTUnwrap(f.tensors["expected.loss"]).scalar, accuracy: 1e-5 * abs(f.tensors["expected.loss"]!.scalar))
        try Autograd.backward(loss)
        for (name, t) in zip(["logits", "aux1", "aux2"], heads) {
            assertRelativelyClose(try XCTUnwrap(t.grad), try XCTUnwrap(f.tensors["expected.grad.\(name)"]), tolerance: 1e-4, "dL/d \(name)")
        }
    }

    /// BasicConv2d(3, 8, 3, 1, 1) → adaptive avg → Linear(8, 4) in train mode, three steps of
    /// SGD(lr 0.05, momentum 0.9, weight_decay 1e-3): the loss before each step, every parameter
    /// and running statistic after it.
    func testThreeSGDStepsWithMomentum() throws {
        let f = try Fixtures.safetensors("grad/sgd_momentum")
        let net = Sequential([])
        net.register("conv", try SeedBlocks.basicConv2d(3, 8, 3, 1, padding: 1))
        net.register("gap", try AdaptiveAvgPool2d(1, 1))
        net.register("fc", try Linear(8, 4))
        let initial = f.tensors.filter { !$0.key.hasPrefix("step") }
        try net.loadStateDict(initial)
        net.setTraining(true)
        let optimizer = try SGD(parameters: net.namedParameters().map(\.tensor), learningRate: 0.05, momentum: 0.9, weightDecay: 1e-3)
        let context = ExecutionContext()
        for step in 0..<3 {
            let x = try XCTUnwrap(f.tensors["step\(step).input"])
            let labels = try XCTUnwrap(f.tensors["step\(step).labels"]).values.map { Int($0) }
            optimizer.zeroGrad()
            let pooled = try net.module(at: "gap")!(try net.module(at: "conv")!(x, context), context)
            let logits = try net.module(at: "fc")!(try Dense.flatten(pooled), context)
            let loss = try Autograd.crossEntropy(logits, labels: labels)
            let expected = try XCTUnwrap(f.tensors["step\(step).expected.loss"]).scalar
            XCTAssertEqual(loss.scalar, expected, accuracy: 1e-5 * max(1, abs(expected)), "loss before step \(step)")
            try Autograd.backward(loss)
            optimizer.step()
            for (name, t) in net.stateDict() where !name.hasSuffix("num_batches_tracked") {
                assertRelativelyClose(t, try XCTUnwrap(f.tensors["step\(step).expected.state.\(name)"]), tolerance: 1e-5,
                                      "\(name) after step \(step)")
            }
        }
    }
}

