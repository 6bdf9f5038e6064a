@testable import InceptionRuntime
import TestSupport
import XCTest

/// `Parallel` runs its loops on a shared thread pool whose workers spin between jobs; a call made
/// while the pool is busy (from inside one of its jobs, or from another thread) must still run
/// every part exactly once, on Dispatch instead.
final class ParallelPoolTests: XCTestCase {
    override func setUp() { saved = OpenBLAS.requestedThreads; OpenBLAS.setThreads(2) }
    override func tearDown() { OpenBLAS.setThreads(saved) }
    private var saved = 1

    /// Counts, per index, how often a loop body saw it (each index written by one part only).
    private func coverage(_ count: Int, _ loop: (UnsafeMutablePointer<Int>) -> Void) -> [Int] {
        let seen = UnsafeMutablePointer<Int>.allocate(capacity: count)
        seen.initialize(repeating: 0, count: count)
        defer { seen.deallocate() }
        loop(seen)
        return Array(UnsafeBufferPointer(start: seen, count: count))
    }

    func testEveryPartRunsOnceAgainAndAgain() {
        for count in [1, 2, 3, 1000, 100_000] {
            for _ in 0..<50 {
                let seen = coverage(count) { seen in
                    Parallel.chunks(count, costPerItem: 1_000) { range in for i in range { seen[i] += 1 } }
                }
                XCTAssertEqual(seen, [Int](repeating: 1, count: count), "chunks of \(count)")
            }
        }
        let parts = coverage(Parallel.threads) { seen in Parallel.run(Parallel.threads) { seen[$0] += 1 } }
        XCTAssertEqual(parts, [Int](repeating: 1, count: Parallel.threads))
    }

    /// Pieces handed to whichever thread asks first: every index exactly once, for chunks that
    /// divide the count and chunks that do not, on the pool and (nested) on Dispatch; the part
    /// index a piece comes with is one of the parts.
    func testEveryPieceIsTakenOnce() {
        for (count, chunk) in [(1, 1), (7, 3), (16, 2), (1000, 7), (1000, 1000), (5, 0)] {
            for _ in 0..<20 {
                var parts = Set<Int>()
                let lock = NSLock()
                let seen = coverage(count) { seen in
                    Parallel.pieces(count, chunk: chunk, parts: 2) { range, part in
                        lock.lock(); parts.insert(part); lock.unlock()
                        for i in range { seen[i] += 1 }
                    }
                }
                XCTAssertEqual(seen, [Int](repeating: 1, count: count), "\(count) in pieces of \(chunk)")
                XCTAssertTrue(parts.isSubset(of: [0, 1]), "parts \(parts)")
            }
        }
        let seen = coverage(4 * 300) { seen in
            Parallel.pieces(4, chunk: 1, parts: 2) { outer, _ in
                for o in outer {
                    Parallel.pieces(300, chunk: 7, parts: 2) { inner, _ in for i in inner { seen[o * 300 + i] += 1 } }
                }
            }
        }
        XCTAssertEqual(seen, [Int](repeating: 1, count: 4 * 300), "pieces inside pieces")
    }

    /// The pieces' bounds (guided self-scheduling): `chunk` long while every thread has two or
    /// more left, then shorter down to an eighth of `chunk`, whole units but the last, and
    /// together exactly 0..<count.
    func testPiecesShrinkTowardsTheEnd() {
        func sizes(_ count: Int, _ chunk: Int, _ parts: Int, unit: Int = 1) -> [Int] {
            let bounds = Parallel.pieceBounds(count, chunk: chunk, parts: parts, unit: unit)
            return zip(bounds.dropFirst(), bounds).map { $0 - $1 }
        }
        XCTAssertEqual(sizes(36, 4, 2), [4, 4, 4, 4, 4, 4, 3, 3, 2, 1, 1, 1, 1])      // a Winograd convolution's products
        XCTAssertEqual(sizes(16, 2, 2), [2, 2, 2, 2, 2, 2, 1, 1, 1, 1])
        XCTAssertEqual(sizes(392, 128, 2, unit: 32), [128, 96, 64, 32, 32, 32, 8])       // tiles in whole GEMM panels
        XCTAssertEqual(sizes(1000, 125, 2), [125, 125, 125, 125, 125, 94, 71, 53, 40, 30, 22, 17, 15, 15, 15, 3])
        for (count, chunk, parts, unit) in [(1, 1, 2, 1), (7, 3, 2, 1), (1000, 7, 2, 4), (5, 9, 3, 2), (100_003, 12_500, 2, 16)] {
            let bounds = Parallel.pieceBounds(count, chunk: chunk, parts: parts, unit: unit)
            XCTAssertEqual(bounds.first, 0)
            XCTAssertEqual(bounds.last, count)
            let pieces = zip(bounds.dropFirst(), bounds).map { $0 - $1 }
            XCTAssertTrue(pieces.allSatisfy { $0 > 0 && $0 <= (chunk + unit - 1) / unit * unit }, "\(count) by \(chunk): \(pieces)")
            XCTAssertTrue(pieces.dropLast().allSatisfy { $0 % unit == 0 }, "\(count) by \(chunk) in units of \(unit): \(pieces)")
        }
    }

    func testALoopInsideALoopRuns() {
        let outer = Parallel.threads, inner = 5_000
        let seen = coverage(outer * inner) { seen in
            Parallel.run(outer) { p in
                Parallel.chunks(inner, costPerItem: 1_000) { range in for i in range { seen[p * inner + i] += 1 } }
            }
        }
        XCTAssertEqual(seen, [Int](repeating: 1, count: outer * inner))
    }

    /// Two threads running convolution gradients at once get what each gets alone.
    func testTwoCallersAtOnceGetTheirOwnResults() throws {
        var rng = SeededRandom(seed: 31)
        let window = Window2d(kernel: 3, stride: 1, padding: 1)
        let inputs = (0..<2).map { _ in Tensor.randn([4, 8, 14, 14], rng: &rng) }
        let weights = (0..<2).map { _ in Tensor.randn([16, 8, 3, 3], rng: &rng) }
        let grads = (0..<2).map { _ in Tensor.randn([4, 16, 14, 14], rng: &rng) }
        func gradient(_ i: Int) throws -> [Float] {
            let g = try ConvolutionBackward.conv2d(inputs[i], weight: weights[i], hasBias: true, window: window,
                                                   gradOutput: grads[i])
            return try XCTUnwrap(g.input).values + g.weight.values + XCTUnwrap(g.bias).values
        }
        let alone = try (0..<2).map(gradient)
        final class Outcome: @unchecked Sendable { var values: [Float] = []; var error: Error? }
        for _ in 0..<10 {
            let outcomes = [Outcome(), Outcome()]          // each thread writes its own
            nonisolated(unsafe) let run = gradient          // tensors only read, each thread its own
            DispatchQueue.concurrentPerform(iterations: 2) { i in
                do { outcomes[i].values = try run(i) } catch { outcomes[i].error = error }
            }
            for (i, outcome) in outcomes.enumerated() {
                if let error = outcome.error { throw error }
                XCTAssertEqual(outcome.values, alone[i], "caller \(i)")
            }
        }
    }
}
