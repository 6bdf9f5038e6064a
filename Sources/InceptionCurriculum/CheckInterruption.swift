import InceptionLanguage
import Synchronization

/// Ctrl-C while a check runs (the REPL's `:check`, a lesson's exercise() cell): the check's
/// own interpreters (the learner's file, the reference's) are not the session's, so the
/// session passes the request here, and every interpreter the check runs stops at its next
/// loop step, call or layer. The check then reports that it was interrupted instead of an outcome.
public enum CheckInterruption {
    private struct State: Sendable {
        var checking = false
        var requested = false
        var active: [Interruption] = []
    }
    private static let state = Mutex(State())

    /// Asks the running check, if any, to stop; with no check running it does nothing (a
    /// Ctrl-C at the prompt must not stop the next one). Safe from any thread (a SIGINT handler).
    public static func request() {
        let active = state.withLock { s -> [Interruption] in
            guard s.checking else { return [] }
            s.requested = true
            return s.active
        }
        for i in active { i.request() }
    }

    /// Whether Ctrl-C asked the running check to stop.
    static var isRequested: Bool { state.withLock { $0.requested } }

    /// A check starts: no request yet, no interpreter.
    static func begin() { state.withLock { $0 = State(checking: true) } }

    /// An interpreter the check runs code in; asked to stop at once when a request came first.
    static func register(_ interruption: Interruption) {
        let requested = state.withLock { s -> Bool in
            s.active.append(interruption)
            return s.requested
        }
        if requested { interruption.request() }
    }

    /// The check ends: whether it was interrupted, and where its interpreters stopped (each
    /// place with its callers). Their requests are cleared (the reference interpreter runs the
    /// next check).
    static func end() -> (requested: Bool, stops: [Diagnostic]) {
        let s = state.withLock { s -> State in
            let old = s
            s = State()
            return old
        }
        let stops = s.active.compactMap(\.stoppedAt)
        for i in s.active { i.clear() }
        return (s.requested, stops)
    }
}
