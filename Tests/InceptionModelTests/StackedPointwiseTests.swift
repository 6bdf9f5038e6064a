import InceptionModel
import InceptionRuntime
import TestSupport
import XCTest

/// The Inception module's opening 1×1s run stacked as one convolution on the training path
/// (StackedPointwise): the same outputs and gradients as the branches run one by one, and only
/// where nothing can tell (no observer reading outputs, no hooks on the modules it skips).
final class StackedPointwiseTests: XCTestCase {
    /// An observer that reads module outputs: the branches then run one by one.
    final class Watching: TraceObserver {
        func didExit(_ event: ModuleExit, output: Tensor, context: ExecutionContext) throws {}
    }

    /// One forward and backward of a small Inception module in train mode: the output, dL/dx and
    /// every parameter's gradient, and the labels of the recorded operations.
    func pass(_ block: Module, _ x: Tensor, _ gy: Tensor, watched: Bool) throws
        -> (y: Tensor, grads: [String: Tensor], labels: Set<String>, stackedWeights: Int) {
        for (_, p) in block.namedParameters() { p.grad = nil }
        let input = x.copy()
        input.requiresGrad = true
        let context = ExecutionContext()
        if watched { context.observers.append(Watching()) }
        let y = try block(input, context)
        var labels: Set<String> = [], frontier = [y], seen: Set<ObjectIdentifier> = [], stackedWeights = 0
        while let t = frontier.popLast() {
            guard let node = t.gradNode, seen.insert(ObjectIdentifier(node)).inserted else { continue }
            labels.insert(node.label)
            if node.label == StackedPointwise.label { stackedWeights = node.inputTensors.compactMap { $0 }.filter { $0.rank == 4 && $0.shape[2] == 1 }.count }
            frontier += node.inputTensors.compactMap { $0 }
        }
        try Autograd.backward(y, gradient: gy)
        var grads = ["input": try XCTUnwrap(input.grad)]
        for (name, p) in block.namedParameters() { grads[name] = try XCTUnwrap(p.grad, "\(name) got no gradient") }
        return (y, grads, labels, stackedWeights)
    }

    func smallInception() throws -> (Module, Tensor, Tensor) {
        DefaultGenerator.seed(3)
        // 16 channels in; 1×1 → 4, reduce 6 → 3×3 → 8, reduce 2 → 5×5 → 3, pool → 5: 20 out
        let block = try SeedBlocks.inception(16, .init(4, 6, 8, 2, 3, 5), 20)
        block.setTraining(true)
        var rng = SeededRandom(seed: 7)
        return (block, Tensor.randn([3, 16, 9, 9], rng: &rng), Tensor.randn([3, 20, 9, 9], rng: &rng))
    }

    func testStackedEqualsBranchByBranch() throws {
        let (block, x, gy) = try smallInception()
        let stacked = try pass(block, x, gy, watched: false)
        let oneByOne = try pass(block, x, gy, watched: true)
        XCTAssertEqual(stacked.stackedWeights, 3, "the three opening 1×1s ran stacked: \(stacked.labels.sorted())")
        XCTAssertFalse(oneByOne.labels.contains(StackedPointwise.label), "a watched pass runs the branches one by one")
        assertRelativelyClose(stacked.y, oneByOne.y, tolerance: 1e-5, "output")
        XCTAssertEqual(Set(stacked.grads.keys), Set(oneByOne.grads.keys))
        for (name, g) in oneByOne.grads {
            let tolerance: Float = name.hasSuffix("layer.0.bias") ? 1e-3 : 1e-5      // ≈ 0 before a train-mode BatchNorm
            assertRelativelyClose(stacked.grads[name]!, g, tolerance: tolerance, "dL/d \(name)")
        }
    }

    func testHookOnAnOpeningConvolutionRunsThatBranchAsWritten() throws {
        let (block, x, gy) = try smallInception()
        var calls = 0
        let conv = try XCTUnwrap(block.namedModules().first { $0.path == "conv5x5.0.layer.0" }?.module)
        conv.hooks.forward.append((id: 1, body: { _, _, _ in calls += 1; return nil }))
        let hooked = try pass(block, x, gy, watched: false)
        XCTAssertEqual(calls, 1, "the hooked convolution was called as a module")
        XCTAssertEqual(hooked.stackedWeights, 2, "the other two opening 1×1s still run stacked")
    }

    func testSecondBackwardWithRetainedGraphGathersAfresh() throws {
        let (block, x, gy) = try smallInception()
        let input = x.copy()
        input.requiresGrad = true
        let y = try block(input, ExecutionContext())
        try Autograd.backward(y, gradient: gy, retainGraph: true)
        let once = try XCTUnwrap(input.grad).copy()
        try Autograd.backward(y, gradient: gy)
        let twice = try XCTUnwrap(input.grad)
        for i in 0..<once.count { XCTAssertEqual(twice.data[i], 2 * once.data[i], accuracy: 1e-5 * max(1, abs(once.data[i]))) }
    }
}
