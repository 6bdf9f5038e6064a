/// `:progress` and the end of `inception check`: a bar for the whole curriculum, then one
/// line per lesson with its exercises marked ✓ solved, ✗ tried and not passing, · not tried.
public struct ProgressReport {
    public enum Status: Equatable, Sendable { case solved, attempted, notAttempted }

    public let curriculum: Curriculum
    public let statuses: [String: Status]

    public init(curriculum: Curriculum, statuses: [String: Status]) {
        self.curriculum = curriculum
        self.statuses = statuses
    }

    /// From the state file (fast: nothing is checked).
    public init(curriculum: Curriculum, progress: StateStore.Progress) {
        var s: [String: Status] = [:]
        for e in curriculum.exercises {
            s[e.id] = progress.solved.contains(e.id) ? .solved : progress.attempted.contains(e.id) ? .attempted : .notAttempted
        }
        self.init(curriculum: curriculum, statuses: s)
    }

    /// From fresh check outcomes.
    public init(curriculum: Curriculum, outcomes: [(exercise: Manifest.Exercise, outcome: CheckOutcome)]) {
        var s: [String: Status] = [:]
        for (e, o) in outcomes {
            switch o {
            case .passed: s[e.id] = .solved
            case .failed: s[e.id] = .attempted
            case .notAttempted: s[e.id] = .notAttempted
            }
        }
        self.init(curriculum: curriculum, statuses: s)
    }

    public var solvedCount: Int { curriculum.exercises.filter { statuses[$0.id] == .solved }.count }

    /// "[██████░░░░░░░░░░░░░░]" for 6 of 20.
    public static func bar(_ done: Int, of total: Int, width: Int = 20) -> String {
        let filled = total == 0 ? 0 : (done * width + total / 2) / total
        return "[" + String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled) + "]"
    }

    public func render() -> String {
        let total = curriculum.exercises.count
        var lines = ["Progress \(Self.bar(solvedCount, of: total)) \(solvedCount)/\(total) exercises solved"]
        let width = curriculum.lessons.map(\.title.count).max() ?? 0
        for lesson in curriculum.lessons {
            let done = lesson.exercises.filter { statuses[$0.id] == .solved }.count
            let marks = lesson.exercises.map { e -> String in
                switch statuses[e.id] ?? .notAttempted {
                case .solved: return "✓ \(e.id)"
                case .attempted: return "✗ \(e.id)"
                case .notAttempted: return "· \(e.id)"
                }
            }
            let number = String(lesson.id.prefix { $0.isNumber })
            let title = lesson.title.padding(toLength: width, withPad: " ", startingAt: 0)
            lines.append("  \(number) \(title)  \(Self.bar(done, of: lesson.exercises.count, width: lesson.exercises.count)) \(done)/\(lesson.exercises.count)  \(marks.joined(separator: "  "))")
        }
        lines.append("✓ solved  ✗ tried, not passing yet  · not attempted yet")
        return lines.joined(separator: "\n")
    }
}
