import CKernels
import Dispatch
import Foundation

/// Splits element loops (im2col, epilogues, pooling) over the cores. OpenBLAS threads its own
/// GEMMs; these loops run between GEMMs, so the two never compete.
enum Parallel {
    static let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
    /// The threads asked for (--threads), never more than the cores.
    static var threads: Int { max(1, min(OpenBLAS.requestedThreads, cores)) }

    /// Calls `body(range)` on disjoint slices of 0..<count, in parallel when the work
    /// (`count × costPerItem`) is large enough to pay for the dispatch: about four slices a
    /// thread, each to whichever thread is free (`pieces`).
    static func chunks(_ count: Int, costPerItem: Int = 1, _ body: (Range<Int>) -> Void) {
        let parts = min(threads, count)
        if parts <= 1 || count * costPerItem < 32_768 {
            body(0..<count)
            return
        }
        // The slices are disjoint, so sharing the (non-Sendable) body across threads is safe.
        let slices = min(count, 4 * parts)
        pieces(count, chunk: (count + slices - 1) / slices, parts: parts) { range, _ in body(range) }
    }

    /// Calls `body(p)` for p in 0..<parts, on as many threads, or in turn when not `enough` work.
    static func run(_ parts: Int, enough: Bool = true, _ body: (Int) -> Void) {
        if parts <= 1 || !enough {
            for p in 0..<parts { body(p) }
            return
        }
        spread(parts, body)
    }

    /// body(p) for p in 0..<parts at once: on the shared pool of that many threads, or, when it
    /// is busy (a call from inside one of its jobs, or from another thread), on Dispatch's.
    private static func spread(_ parts: Int, _ body: (Int) -> Void) {
        if let pool = SharedPool.acquire(threads: parts) {
            defer { pool.release() }
            pool.run(body)
            return
        }
        withoutActuallyEscaping(body) { body in
            nonisolated(unsafe) let shared = body
            DispatchQueue.concurrentPerform(iterations: parts) { shared($0) }
        }
    }

    /// body(pieces, part) on `parts` threads, the pieces of 0..<count (`pieceBounds`: `chunk`
    /// long, shorter towards the end, whole `unit`s) handed to whichever thread asks first: a
    /// thread slowed down (another process on its core) leaves its share to the others instead
    /// of holding them up, as a compiled plan's steps do. Each piece goes to exactly one call;
    /// neither which thread takes it nor where it ends may change the result.
    static func pieces(_ count: Int, chunk: Int, parts: Int, unit: Int = 1, enough: Bool = true, _ body: (Range<Int>, Int) -> Void) {
        let chunk = max(1, chunk)
        guard parts > 1, enough, count > chunk else { body(0..<count, 0); return }
        let bounds = pieceBounds(count, chunk: chunk, parts: parts, unit: unit)
        let counter = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
        counter.initialize(to: 0)
        defer { counter.deallocate() }
        spread(parts) { part in
            while true {
                let piece = Int(ck_take_ticket(counter))
                guard piece + 1 < bounds.count else { return }
                body(bounds[piece]..<bounds[piece + 1], part)
            }
        }
    }

    /// Where the pieces of 0..<count end (0 first, count last), by guided self-scheduling: `chunk`
    /// long while each thread has two or more such pieces left, then half of what is left a
    /// thread, down to an eighth of `chunk`; each a whole number of `unit`s but the last (`chunk`
    /// rounded up to one). Equal pieces left the threads waiting for each other at the end: the
    /// 36 products of a Winograd convolution in 9 pieces of 4 went 5 : 4 on two threads, and a
    /// thread slowed for a moment held the other up for a whole piece (4 ×6, 3, 3, 2, 1 ×4 here).
    /// Two threads' idle time in a batch-8 training step fell from 12–15% to 8–9% (Zen 3).
    static func pieceBounds(_ count: Int, chunk: Int, parts: Int, unit: Int = 1) -> [Int] {
        func whole(_ n: Int) -> Int { (n + unit - 1) / unit * unit }
        let longest = whole(max(1, chunk)), least = whole(max(1, longest / 8))
        var bounds = [0], start = 0
        while start < count {
            let left = count - start, share = whole((left + 2 * parts - 1) / (2 * parts))
            start += min(left, min(longest, max(least, share)))
            bounds.append(start)
        }
        return bounds
    }

    /// The p-th of `parts` near-equal pieces of 0..<count.
    static func piece(_ p: Int, of parts: Int, _ count: Int) -> Range<Int> {
        (count * p / parts)..<(count * (p + 1) / parts)
    }
}

/// The threads `Parallel` runs on: a `ck_pool` (thread_pool.c) whose workers spin for a moment
/// after each job, so the thousands of short loops of a training step do not each wait for
/// sleeping threads to wake. One pool per thread count, made on first use and kept.
final class SharedPool: @unchecked Sendable {
    private let pool: OpaquePointer
    private let inUse = NSLock()

    private init?(threads: Int) {
        guard let pool = ck_pool_create(Int32(threads)) else { return nil }
        self.pool = pool
        guard Int(ck_pool_threads(pool)) == threads else { ck_pool_destroy(pool); return nil }
    }

    private static let registry = NSLock()
    nonisolated(unsafe) private static var pools: [Int: SharedPool] = [:]
    nonisolated(unsafe) private static var refused: Set<Int> = []

    /// The pool of `threads` threads, held by the caller until `release()`; nil if it is in use
    /// or cannot be made.
    static func acquire(threads: Int) -> SharedPool? {
        registry.lock()
        var pool = pools[threads]
        if pool == nil, !refused.contains(threads) {
            pool = SharedPool(threads: threads)
            if let pool { pools[threads] = pool } else { refused.insert(threads) }
        }
        registry.unlock()
        guard let pool, pool.inUse.try() else { return nil }
        return pool
    }

    func release() { inUse.unlock() }

    /// body(part) for every part at once, part 0 on this thread.
    func run(_ body: (Int) -> Void) { SharedPool.run(pool, body) }

    /// body(part) for every part of `pool` at once, part 0 on this thread: the closure handed to
    /// the C pool as its job's context (also how a compiled plan runs, `PlanContext.run`).
    static func run(_ pool: OpaquePointer, _ body: (Int) -> Void) {
        withoutActuallyEscaping(body) { body in
            var job = body
            withUnsafeMutablePointer(to: &job) { job in
                ck_pool_run(pool, { context, part in
                    context!.assumingMemoryBound(to: ((Int) -> Void).self).pointee(Int(part))
                }, job)
            }
        }
    }
}
