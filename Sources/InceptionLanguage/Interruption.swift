import InceptionRuntime
import Synchronization

/// Stops a running program at the next loop iteration, function call or module boundary.
/// Safe to call from another thread (a SIGINT handler): the REPL's Ctrl-C.
public final class Interruption: Sendable {
    /// The error under the RuntimeError ("interrupted") that an interruption causes.
    public struct Interrupted: Error, CustomStringConvertible {
        public var description: String { "interrupted" }
    }

    private let flag = Atomic<Bool>(false)
    private let context: ExecutionContext
    /// Where the program was when a request stopped it (the place and its callers), until `clear`.
    private let stop = Mutex<Diagnostic?>(nil)

    init(context: ExecutionContext) { self.context = context }

    /// Asks the program to stop; modules running now stop before their next child.
    public func request() {
        flag.store(true, ordering: .relaxed)
        context.interrupt()
    }

    /// Clears a request nobody acted on (call before running the next cell).
    public func clear() {
        flag.store(false, ordering: .relaxed)
        stop.withLock { $0 = nil }
        context.clearInterrupt()
    }

    /// True once per request.
    func consume() -> Bool { flag.exchange(false, ordering: .relaxed) }

    /// The place the last request stopped the program at, with its callers (a check stopped by
    /// its time limit names the learner's line that was running).
    public var stoppedAt: Diagnostic? { stop.withLock { $0 } }

    func noteStop(_ diagnostic: Diagnostic) { stop.withLock { $0 = diagnostic } }
}
