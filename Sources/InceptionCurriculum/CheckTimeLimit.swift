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

/// One running check's alarm: after `seconds` it asks the check to stop and remembers that it did.
final class CheckAlarm: @unchecked Sendable {
    private let rang = Atomic<Bool>(false)
    private var item: DispatchWorkItem?      // set once, in init

    /// `seconds` 0 or less: no alarm.
    init(seconds: Double) {
        guard seconds > 0 else { return }
        let item = DispatchWorkItem { [self] in
            rang.store(true, ordering: .sequentiallyConsistent)
            CheckInterruption.request()
        }
        self.item = item
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds, execute: item)
    }

    /// Stops the alarm; → whether it had rung.
    func stop() -> Bool {
        item?.cancel()
        return rang.load(ordering: .sequentiallyConsistent)
    }
}
