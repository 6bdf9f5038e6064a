import Dispatch
import Foundation

/// Splits element loops (im2col, epilogues, pooling) over the cores. OpenBLAS threads its own
/// GEMMs; these loops run between GEMMs, so the two never compete.
enum Parallel {
    static let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
    /// The threads asked for (--threads), never more than the cores.
    static var threads: Int { max(1, min(OpenBLAS.requestedThreads, cores)) }

    /// Calls `body(range)` on `parts` disjoint slices of 0..<count, in parallel when the work
    /// (`count × costPerItem`) is large enough to pay for the dispatch.
    static func chunks(_ count: Int, costPerItem: Int = 1, _ body: (Range<Int>) -> Void) {
        let parts = min(threads, count)
        if parts <= 1 || count * costPerItem < 32_768 {
            body(0..<count)
            return
        }
        // The slices are disjoint, so sharing the (non-Sendable) body across threads is safe.
        withoutActuallyEscaping(body) { body in
            nonisolated(unsafe) let shared = body
            DispatchQueue.concurrentPerform(iterations: parts) { p in
                let lo = count * p / parts, hi = count * (p + 1) / parts
                if lo < hi { shared(lo..<hi) }
            }
        }
    }

    /// Calls `body(p)` for p in 0..<parts, on as many threads, or in turn when not `enough` work.
    static func run(_ parts: Int, enough: Bool = true, _ body: (Int) -> Void) {
        if parts <= 1 || !enough {
            for p in 0..<parts { body(p) }
            return
        }
        withoutActuallyEscaping(body) { body in
            nonisolated(unsafe) let shared = body
            DispatchQueue.concurrentPerform(iterations: parts) { shared($0) }
        }
    }

    /// The p-th of `parts` near-equal pieces of 0..<count.
    static func piece(_ p: Int, of parts: Int, _ count: Int) -> Range<Int> {
        (count * p / parts)..<(count * (p + 1) / parts)
    }
}
