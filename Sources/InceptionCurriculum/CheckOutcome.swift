/// What the checker says about one exercise.
public enum CheckOutcome: Equatable, Sendable, CustomStringConvertible {
    /// The learner's work matches the reference; the text says what was checked.
    case passed(String)
    /// The exercise file is still the starter: "not attempted yet: open Lessons/exercises/…".
    case notAttempted(String)
    /// The first divergence and the fix, as one message.
    case failed(String)

    public var isPassed: Bool { if case .passed = self { return true } else { return false } }
    public var isNotAttempted: Bool { if case .notAttempted = self { return true } else { return false } }

    public var message: String {
        switch self {
        case .passed(let m), .notAttempted(let m), .failed(let m): return m
        }
    }

    public var description: String {
        switch self {
        case .passed(let m): return "passed: \(m)"
        case .notAttempted(let m): return m
        case .failed(let m): return "failed: \(m)"
        }
    }
}
