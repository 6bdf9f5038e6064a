import InceptionModel
import InceptionRuntime
import TestSupport
import XCTest

/// The fused eval-mode fast path against the reference path it optimises, within 1e-5 relative.
final class FastPathTests: XCTestCase {
    /// A seed network with BatchNorm statistics far from 0/1, so folding really has work to do.
    func network(classes: Int = 1000) throws -> InceptionV1 {
        DefaultGenerator.seed(11)
        let net = try InceptionV1(.init(numClasses: classes))
        var rng = SeededRandom(seed: 12)
        for (_, m) in net.namedModules() {
            guard let bn = m as? BatchNorm2d else { continue }
            try bn.weight.assign(Tensor.uniform([bn.features], low: 0.5, high: 1.5, rng: &rng))
            try bn.bias.assign(Tensor.uniform([bn.features], low: -0.1, high: 0.1, rng: &rng))
            try bn.runningMean.assign(Tensor.uniform([bn.features], low: -0.2, high: 0.2, rng: &rng))
            try bn.runningVar.assign(Tensor.uniform([bn.features], low: 0.5, high: 2, rng: &rng))
        }
        for (_, m) in net.namedModules() {       // He-scaled conv weights keep activations O(1)
            guard let conv = m as? Conv2d else { continue }
            let fanIn = Float(conv.weight.count / conv.outChannels)
            try conv.weight.assign(Tensor.randn(conv.weight.shape, std: (2 / fanIn).squareRoot(), rng: &rng))
            try conv.bias?.assign(Tensor.uniform([conv.outChannels], low: -0.05, high: 0.05, rng: &rng))
        }
        return net
    }

    func check(_ shape: [Int], winograd: WinogradChoice = .automatic, file: StaticString = #filePath, line: UInt = #line) throws {
        let net = try network(classes: 10)
        var rng = SeededRandom(seed: UInt64(shape.reduce(0, +)))
        let x = Tensor.randn(shape, rng: &rng)
        let reference = try net.run(x, ExecutionContext()).logits
        let plan = try net.compileFastPath(inputShape: shape, winograd: winograd)
        assertClose(try plan.run(x), reference, tolerance: 1e-5, "fast path \(formatShape(shape)), Winograd \(winograd)", file: file, line: line)
        // Running twice reuses the buffers and gives the same answer.
        assertClose(try plan.run(x), reference, tolerance: 1e-5, "second run", file: file, line: line)
    }

    func testBatchOneAt224() throws { try check([1, 3, 224, 224]) }

    /// Buffers whose lives do not overlap share memory: conv1's output is long dead when
    /// inception5b runs. (The numerical tests above would fail if two live buffers overlapped.)
    func testActivationBuffersShareMemory() throws {
        let plan = try network(classes: 10).compileFastPath(inputShape: [1, 3, 224, 224])
        XCTAssertGreaterThan(plan.unsharedActivationBytes, 3 * plan.activationBytes,
                             "\(plan.activationBytes) bytes shared vs \(plan.unsharedActivationBytes)")
        XCTAssertGreaterThanOrEqual(plan.activationBytes, 4 * 64 * 112 * 112, "at least conv1's output")
    }
    func testBatchThreeNonSquare() throws { try check([3, 3, 97, 130]) }
    // Every 3×3 convolution (56×56 down to 7×7, and 25×33 … 4×5 here) by one algorithm.
    func testIm2colEverywhere() throws { try check([2, 3, 97, 130], winograd: .off) }
    func testWinogradF2Everywhere() throws { try check([2, 3, 97, 130], winograd: .tile(2)) }
    func testWinogradF4Everywhere() throws { try check([1, 3, 224, 224], winograd: .tile(4)) }

    /// The whole network on every instruction set this CPU can run (`--isa`, `INCEPTION_ISA`), as
    /// on a CPU without AVX-512 or AVX2: the same logits as the reference path, and the kernels
    /// say which build they are.
    func testEveryInstructionSetThisCPURuns() throws {
        defer { try? CKernelsBuild.use(.automatic) }
        let (net, x, reference) = try networkWithReference(batch: 2, seed: 23)
        var seen: [String] = []
        for isa in CKernelsBuild.available {
            try CKernelsBuild.use(isa)
            let plan = try net.compileFastPath(inputShape: x.shape)       // weights packed for this build
            assertClose(try plan.run(x), reference, tolerance: 1e-5, "\(isa): \(CKernelsBuild.description)")
            seen.append(CKernelsBuild.description)
        }
        XCTAssertTrue(seen.contains("C kernels sse2, GEMM baseline, 6×16 blocks"), "\(seen)")
        if !CKernelsBuild.available.contains(.avx512) {
            XCTAssertThrowsError(try CKernelsBuild.use(.avx512), "refused on a CPU without AVX-512")
        }
    }

    /// Convolutions over few input channels (`PhaseRowsConvOp`: conv1's kind) on odd shapes, each
    /// followed by BatchNorm and ReLU as in the network, on every instruction set this CPU runs:
    /// strides 1–3, rows of 1 to 3 blocks wide with ragged ends, output channels not a multiple of 6.
    func testFewChannelConvolutionsOnEveryBuild() throws {
        defer { try? CKernelsBuild.use(.automatic) }
        var rng = SeededRandom(seed: 31)
        let cases: [(c: Int, o: Int, k: Int, s: Int, p: Int, input: [Int])] = [
            (3, 10, 7, 2, 3, [2, 3, 23, 37]), (1, 7, 3, 1, 0, [1, 1, 9, 40]), (4, 13, 5, 3, 2, [2, 4, 17, 50]),
            (2, 6, 4, 2, 0, [1, 2, 12, 71]), (3, 64, 7, 2, 3, [1, 3, 30, 225]),
        ]
        for t in cases {
            DefaultGenerator.seed(UInt64(t.k))
            let conv = try Conv2d(t.c, t.o, kernelSize: t.k, stride: t.s, padding: t.p)
            let norm = try BatchNorm2d(t.o)
            try norm.runningMean.assign(Tensor.uniform([t.o], low: -0.2, high: 0.2, rng: &rng))
            try norm.runningVar.assign(Tensor.uniform([t.o], low: 0.5, high: 2, rng: &rng))
            let block = Sequential([conv, norm, ReLU()])
            let x = Tensor.randn(t.input, rng: &rng)
            let reference = try block(x, ExecutionContext())
            for isa in CKernelsBuild.available {
                try CKernelsBuild.use(isa)
                let plan = try InferencePlan([block], inputShape: t.input)
                let kinds = try plan.runTimed(x).1.map(\.kind)
                XCTAssertEqual(kinds.first, "Conv2d+BN+ReLU (phase rows)", "\(t)")
                assertClose(try plan.run(x), reference, tolerance: 1e-5, "\(t) on \(CKernelsBuild.description)")
            }
        }
    }

    /// A 10-class network, a random batch of 97×130 pictures and the reference path's logits for it.
    private func networkWithReference(batch: Int, seed: UInt64) throws -> (InceptionV1, Tensor, Tensor) {
        let net = try network(classes: 10)
        var rng = SeededRandom(seed: seed)
        let x = Tensor.randn([batch, 3, 97, 130], rng: &rng)
        return (net, x, try net.run(x, ExecutionContext()).logits)
    }

    /// A plan compiled under one GEMM build and run under another: the 1×1s on few columns
    /// (`TransposedPointwise`, whose packed weights depend on the build's panel width) repack.
    func testAPlanRunsAfterTheGEMMBuildChanges() throws {
        defer { try? CKernelsBuild.use(.automatic) }
        let (net, x, reference) = try networkWithReference(batch: 1, seed: 29)
        let plan = try net.compileFastPath(inputShape: x.shape)
        assertClose(try plan.run(x), reference, tolerance: 1e-5, "compiled under \(CKernelsBuild.description)")
        for isa in CKernelsBuild.available.reversed() {
            try CKernelsBuild.use(isa)
            assertClose(try plan.run(x), reference, tolerance: 1e-5, "then run under \(CKernelsBuild.description)")
        }
    }

    func testEveryModuleKindOnItsOwn() throws {
        let net = try network()
        var rng = SeededRandom(seed: 5)
        // One Inception module, the stem, and a pooling-only chain, each against the reference.
        for (modules, shape) in [(["inception4e"], [2, 528, 14, 14]), (["conv1", "maxpool1", "conv2a", "conv2b", "maxpool2"], [2, 3, 64, 48]),
                                 (["maxpool3"], [1, 480, 28, 28])] {
            let parts = modules.map { net.module(at: $0)! }
            let x = Tensor.randn(shape, rng: &rng)
            var y = x
            for p in parts { y = try p(y, ExecutionContext()) }
            assertClose(try InferencePlan(parts, inputShape: shape).run(x), y, tolerance: 1e-5, modules.joined(separator: ","))
        }
    }

    /// The plan's threads meet at a barrier after every step: one thread, and more threads than
    /// this machine has cores (three, so the blocks split unevenly), give the same answer.
    func testAnyThreadCountGivesTheSameAnswer() throws {
        let net = try network(classes: 10)
        var rng = SeededRandom(seed: 21)
        let x = Tensor.randn([2, 3, 97, 130], rng: &rng)
        let reference = try net.run(x, ExecutionContext()).logits
        let plan = try net.compileFastPath(inputShape: x.shape)
        for threads in [1, 3, 2] {
            plan.threads = threads
            assertClose(try plan.run(x), reference, tolerance: 1e-5, "\(threads) threads")
        }
    }

    /// Train mode on the fast path: BatchNorm from the batch's statistics, both aux heads, and
    /// dropout drawn from the same random stream as the reference path: the same logits, aux
    /// outputs and running statistics, over two steps (the running statistics move on).
    func testTrainModeMatchesTheReferencePath() throws {
        let reference = try network(classes: 10), fast = try network(classes: 10)
        reference.setTraining(true); fast.setTraining(true)
        var rng = SeededRandom(seed: 9)
        let x = Tensor.randn([2, 3, 224, 224], rng: &rng)
        let plan = try fast.compileFastPath(inputShape: x.shape)
        XCTAssertTrue(plan.training)
        for step in 0..<2 {
            let context = ExecutionContext(seed: UInt64(step)), fastContext = ExecutionContext(seed: UInt64(step))
            let expected = try reference.run(x, context)
            let got = try fast.run(x, plan: plan, fastContext)
            assertClose(got.logits, expected.logits, tolerance: 1e-5, "logits, step \(step)")
            assertClose(try XCTUnwrap(got.aux1), try XCTUnwrap(expected.aux1), tolerance: 1e-5, "aux1, step \(step)")
            assertClose(try XCTUnwrap(got.aux2), try XCTUnwrap(expected.aux2), tolerance: 1e-5, "aux2, step \(step)")
            XCTAssertEqual(fastContext.random.nextUnit(), context.random.nextUnit(), "both drew as many dropout numbers")
        }
        var norms = 0
        for ((path, a), (_, b)) in zip(reference.namedModules(), fast.namedModules()) {
            guard let expected = a as? BatchNorm2d, let got = b as? BatchNorm2d else { continue }
            assertClose(got.runningMean, expected.runningMean, tolerance: 1e-5, "\(path).running_mean")
            assertClose(got.runningVar, expected.runningVar, tolerance: 1e-5, "\(path).running_var")
            norms += 1
        }
        XCTAssertEqual(norms, 57 + 2)     // every BasicConv2d, the aux heads' two included
    }

    /// The recording plan keeps what the reference path's recorder keeps: every module call in
    /// the same order, with the same shapes and values, including the Conv2d and BatchNorm
    /// outputs that fusion never writes (computed when read). Batch 2, so CNHW buffers really
    /// are turned into NCHW tensors.
    func testRecordingKeepsEveryModuleOutputOfTheReferencePath() throws {
        let net = try network(classes: 10)
        var rng = SeededRandom(seed: 31)
        let x = Tensor.randn([2, 3, 97, 130], rng: &rng)
        let expected = TraceRecorder()
        _ = try net.run(x, ExecutionContext(observers: [expected]))
        let plan = try net.compileFastPath(inputShape: x.shape, recording: true)
        XCTAssertEqual(plan.activationBytes, plan.unsharedActivationBytes, "a recording plan shares no memory")
        let got = TraceRecorder()
        got.keep(try plan.runRecording(x))
        XCTAssertEqual(got.entries.map(\.path), expected.entries.map(\.path))
        // 57 BasicConv2d × 5 calls (itself, its Sequential, Conv2d, BatchNorm2d, ReLU), 9 Inception
        // modules × 5 (itself, three branch Sequentials, the pool branch's MaxPool2d), four max
        // pools, the global pool, dropout, the classifier and the root.
        XCTAssertEqual(got.entries.count, 57 * 5 + 9 * 5 + 4 + 3 + 1)
        XCTAssertEqual(got.recordedBytes, expected.recordedBytes)
        for (g, e) in zip(got.entries, expected.entries) {
            XCTAssertEqual(g.typeName, e.typeName, g.path)
            XCTAssertEqual(g.inputShape, e.inputShape, g.path)
            assertClose(try XCTUnwrap(g.output, g.path), try XCTUnwrap(e.output), tolerance: 1e-5, g.path.isEmpty ? "(root)" : g.path)
        }
    }

    /// The recorder's memory cap holds for a recorded run as for one observed module by module:
    /// conv1's three 64×112×112 outputs (3 MB each) fit in 10 MB, its BasicConv2d's would not.
    func testARecordedRunKeepsToTheRecordersCap() throws {
        let net = try network(classes: 10)
        var rng = SeededRandom(seed: 33)
        let x = Tensor.randn([1, 3, 224, 224], rng: &rng)
        let recorder = TraceRecorder(capBytes: 10 << 20)
        var notices: [String] = []
        recorder.onCapReached = { notices.append($0) }
        recorder.keep(try net.compileFastPath(inputShape: x.shape, recording: true).runRecording(x))
        XCTAssertEqual(recorder.entries.map(\.path), ["conv1.layer.0", "conv1.layer.1", "conv1.layer.2"])
        XCTAssertEqual(notices, ["trace recorder: the memory cap of 10 MB is reached at conv1.layer (its output needs 3.1 MB; 3 outputs kept, 9.2 MB): later outputs are not kept. A smaller batch or input keeps them all."])
        XCTAssertNotNil(recorder.output(at: "conv1.layer.1"), "a kept BatchNorm output is computed when read")
    }

    /// A recording owns the memory its run wrote: a later run writes elsewhere while the
    /// recording lives, and reuses its memory once the recording is gone.
    func testARecordingOutlivesTheNextRun() throws {
        let net = try network(classes: 10)
        var rng = SeededRandom(seed: 32)
        let (x1, x2) = (Tensor.randn([1, 3, 64, 64], rng: &rng), Tensor.randn([1, 3, 64, 64], rng: &rng))
        let plan = try net.compileFastPath(inputShape: x1.shape, recording: true)
        var first: PlanRecording? = try plan.runRecording(x1)
        let second = try plan.runRecording(x2)
        XCTAssertEqual(plan.arenasAllocated, 2)
        assertClose(try XCTUnwrap(first?.tensor(at: "inception3a")), try XCTUnwrap(net.inception3aOutput(x1)), tolerance: 1e-5, "first run")
        assertClose(try XCTUnwrap(second.tensor(at: "inception3a")), try XCTUnwrap(net.inception3aOutput(x2)), tolerance: 1e-5, "second run")
        first = nil
        _ = try plan.run(x1)                   // the second recording still holds the plan's arena
        XCTAssertEqual(plan.arenasAllocated, 3)
        _ = try plan.run(x1)                   // now the plan's own again
        XCTAssertEqual(plan.arenasAllocated, 3)
    }

    func testRecordingATrainModeRunIsRefusedWithTheReason() throws {
        let net = try network(classes: 10)
        net.setTraining(true)
        XCTAssertThrowsError(try net.compileFastPath(inputShape: [1, 3, 64, 64], recording: true)) { error in
            XCTAssertEqual("\(error)", "the fast path does not support recording a train-mode run")
        }
    }

    /// What does not lower is refused by name, inside a chain too: a block with a forward of its
    /// own (the compiler cannot see inside it) and a layer with no lowering (Identity-like).
    func testWhatDoesNotLowerIsRefusedWithItsName() throws {
        let custom = Block(typeName: "Copier", forward: .custom { _, x, _ in x.copy() })
        let chain = Sequential([try Conv2d(3, 4, kernelSize: 1), custom])
        XCTAssertThrowsError(try InferencePlan([chain], inputShape: [1, 3, 8, 8])) { error in
            XCTAssertEqual("\(error)", "the fast path does not support Copier at 1")
        }
        XCTAssertThrowsError(try InferencePlan([Module(typeName: "Identity")], inputShape: [1, 3, 8, 8])) { error in
            XCTAssertEqual("\(error)", "the fast path does not support Identity at ")
        }
    }

    func testSeparableMaxPoolMatchesTheLoop() throws {
        var rng = SeededRandom(seed: 8)
        for (h, w) in [(1, 1), (1, 5), (2, 2), (7, 7), (9, 4)] {
            let x = Tensor.randn([2, 3, h, w], rng: &rng)
            let fast = try Pooling.maxPool2d(x, window: Window2d(kernel: 3, stride: 1, padding: 1))
            let slow = Tensor(zeros: [2, 3, h, w])
            for p in 0..<6 {
                Pooling.maxPoolPlane(x.data + p * h * w, slow.data + p * h * w, h, w, h, w, Window2d(kernel: 3, stride: 1, padding: 1))
            }
            XCTAssertEqual(fast.values, slow.values, "\(h)×\(w)")
        }
    }
}

private extension InceptionV1 {
    /// inception3a's output on the reference path.
    func inception3aOutput(_ x: Tensor) throws -> Tensor {
        var y = x
        for name in ["conv1", "maxpool1", "conv2a", "conv2b", "maxpool2", "inception3a"] { y = try child(name)!(y, ExecutionContext()) }
        return y
    }
}
