import InceptionModel
@testable import InceptionRuntime
import TestSupport
import XCTest

/// A train-mode BatchNorm2d followed by a ReLU (every BasicConv2d's `layer`) runs as one step each
/// way when nothing reads the modules' outputs, and gives the same bits as the two steps a trace
/// or the debugger sees: output, every gradient, the running statistics.
final class FusedBatchNormReLUTests: XCTestCase {
    /// Reads each module's output, as a trace does.
    final class OutputReader: TraceObserver {
        var exits: [String] = []
        func didExit(_ event: ModuleExit, output: Tensor, context: ExecutionContext) throws { exits.append(event.module.typeName) }
    }
    /// Only times calls, as `bench --mode train-step --layers` does.
    final class Timer: TraceObserver {
        var readsModuleOutputs: Bool { false }
        func didExit(_ event: ModuleExit, output: Tensor, context: ExecutionContext) throws {}
    }

    func testFusedPairGivesTheBitsOfTheTracedPair() throws {
        let reference = try SeedBlocks.basicConv2d(5, 7, 3, 1, padding: 1)
        let state = Dictionary(uniqueKeysWithValues: reference.stateDict().map { ($0.name, $0.tensor.copy()) })
        var rng = SeededRandom(seed: 4)
        let x = Tensor.randn([3, 5, 9, 11], rng: &rng), gy = Tensor.randn([3, 7, 9, 11], rng: &rng)
        var results: [(label: String?, y: [Float], grads: [[Float]], state: [[Float]])] = []
        for observer in [nil, Timer(), OutputReader()] as [TraceObserver?] {
            let block = try SeedBlocks.basicConv2d(5, 7, 3, 1, padding: 1)
            try block.loadStateDict(state)
            block.setTraining(true)
            let input = x.copy()
            input.requiresGrad = true
            let context = ExecutionContext()
            if let observer { context.observers = [observer] }
            let y = try block(input, context)
            try Autograd.backward(y, gradient: gy)
            let norm = try XCTUnwrap(block.module(at: "layer.1") as? BatchNorm2d)
            XCTAssertFalse(norm.reluFollows, "the flag is down after the call")
            if let reader = observer as? OutputReader { XCTAssertEqual(reader.exits.filter { $0 == "ReLU" }.count, 1, "a trace sees the ReLU") }
            results.append((y.gradNode?.label, y.values, [try XCTUnwrap(input.grad).values] + block.namedParameters().map { $0.tensor.grad?.values ?? [] },
                            block.stateDict().map(\.tensor.values)))
        }
        XCTAssertEqual(results.map(\.label), ["BatchNorm2d+ReLU", "BatchNorm2d+ReLU", "ReLU"])
        for (i, r) in results.enumerated().dropFirst() {
            XCTAssertEqual(r.y, results[0].y, "output, observer \(i)")
            XCTAssertEqual(r.grads, results[0].grads, "gradients, observer \(i)")
            XCTAssertEqual(r.state, results[0].state, "running statistics, observer \(i)")
        }
        XCTAssertTrue(results[0].grads.allSatisfy { !$0.isEmpty })
    }

    /// Eval mode (running statistics) never fuses: the ReLU runs as its own step.
    func testEvalModeRunsTheReLUOnItsOwn() throws {
        let block = try SeedBlocks.basicConv2d(3, 4, 1, 1)
        block.setTraining(false)
        var rng = SeededRandom(seed: 5)
        let x = Tensor.randn([2, 3, 4, 4], rng: &rng)
        x.requiresGrad = true
        XCTAssertEqual(try block(x, ExecutionContext()).gradNode?.label, "ReLU")
    }
}
