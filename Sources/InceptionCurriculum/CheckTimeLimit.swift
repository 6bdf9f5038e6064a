import Dispatch
import Foundation
import Synchronization

/// The wall-clock budget of one check: a learner's file with a loop of millions of matrix
/// products would otherwise keep `inception check` or `:check` busy for hours. When the time
/// is up the check is stopped as Ctrl-C stops it (`CheckInterruption`), and its outcome says
/// which exercise ran too long and what to do.
public enum CheckTimeLimit {
    public static let environmentVariable = "INCEPTION_CHECK_SECONDS"
    /// Seconds, when the environment does not say otherwise.
    public static let defaultSeconds: Double = 60

    /// $INCEPTION_CHECK_SECONDS when it is a number ≥ 0 (0: no limit), else 60.
    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) -> Double {
        env[environmentVariable].flatMap(Double.init).flatMap { $0 >= 0 && $0.isFinite ? $0 : nil } ?? defaultSeconds
    }

    /// "60 s", "0.5 s", "2 min"
    static func describe(_ seconds: Double) -> String {
        if seconds >= 120, seconds.truncatingRemainder(dividingBy: 60) == 0 { return "\(Int(seconds) / 60) min" }
        return seconds == seconds.rounded() ? "\(Int(seconds)) s" : "\(seconds) s"
    }

    /// The fix the message gives: a shorter run, or more time.
    static func advice(limit: Double) -> String {
        "make it do less (fewer loop rounds, smaller tensors), or allow more time: \(environmentVariable)=\(Int(max(limit * 2, 1))) (0: no limit) or inception check --time-limit \(Int(max(limit * 2, 1)))"
    }
}

/// One running check's alarm: after `seconds` of the check's time it asks the check to stop and
/// remembers that it did. The checker's own work (the reference's answer, the values of the known
/// mistakes, which train networks) does not count: on a busy machine it could take the learner's
/// whole minute, and a wrong answer was then reported as too slow.
final class CheckAlarm: @unchecked Sendable {
    private struct Clock {
        var deadline: DispatchTime
        var exemptDepth = 0
        var exemptSince: DispatchTime?
        var stopped = false
    }
    private let rang = Atomic<Bool>(false)
    private let clock: Mutex<Clock>
    /// The alarm of the check that is running (one at a time), for the checker's own work to pause.
    private static let current = Mutex<CheckAlarm?>(nil)

    /// `seconds` 0 or less: no alarm.
    init(seconds: Double) {
        clock = Mutex(Clock(deadline: .now() + seconds))
        guard seconds > 0 else { clock.withLock { $0.stopped = true }; return }
        Self.current.withLock { $0 = self }
        schedule(at: .now() + seconds)
    }

    private func schedule(at time: DispatchTime) {
        DispatchQueue.global().asyncAfter(deadline: time) { [weak self] in self?.fire() }
    }

    /// Rings when the deadline has passed outside the checker's own work; else looks again later.
    private func fire() {
        enum Next { case ring, later(DispatchTime), nothing }
        let next = clock.withLock { c -> Next in
            if c.stopped { return .nothing }
            if c.exemptDepth > 0 { return .later(.now() + 0.25) }
            if DispatchTime.now() < c.deadline { return .later(c.deadline) }
            c.stopped = true
            return .ring
        }
        switch next {
        case .nothing: return
        case .later(let time): schedule(at: time)
        case .ring:
            rang.store(true, ordering: .sequentiallyConsistent)
            CheckInterruption.request()
        }
    }

    /// The checker's own work begins: the running check's clock stops until `endExempt`.
    static func beginExempt() {
        guard let alarm = current.withLock({ $0 }) else { return }
        alarm.clock.withLock { c in
            if c.exemptDepth == 0 { c.exemptSince = .now() }
            c.exemptDepth += 1
        }
    }

    /// The checker's own work ends: the deadline moves on by the time it took.
    static func endExempt() {
        guard let alarm = current.withLock({ $0 }) else { return }
        alarm.clock.withLock { c in
            guard c.exemptDepth > 0 else { return }
            c.exemptDepth -= 1
            if c.exemptDepth == 0, let since = c.exemptSince {
                c.deadline = c.deadline + .nanoseconds(Int(DispatchTime.now().uptimeNanoseconds - since.uptimeNanoseconds))
                c.exemptSince = nil
            }
        }
    }

    /// Stops the alarm; → whether it had rung.
    func stop() -> Bool {
        clock.withLock { $0.stopped = true }
        Self.current.withLock { if $0 === self { $0 = nil } }
        return rang.load(ordering: .sequentiallyConsistent)
    }
}
