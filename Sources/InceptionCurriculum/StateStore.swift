import Foundation

/// Where the REPL and `inception check` keep what must survive a restart: the learner's
/// progress and the readline history, under $XDG_STATE_HOME/inception (default
/// ~/.local/state/inception).
public struct StateStore {
    public let directory: String

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let base = environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.local/state")
        directory = base + "/inception"
    }

    public var historyFile: String { directory + "/history" }
    public var progressFile: String { directory + "/progress.json" }

    /// What the learner has done so far.
    public struct Progress: Codable, Equatable {
        public var currentLesson: String?
        /// Cell index reached in each lesson, by lesson id.
        public var cells: [String: Int] = [:]
        /// Exercises the checker has passed, by exercise id.
        public var solved: [String] = []
        /// Exercises the learner has tried (checked at least once).
        public var attempted: [String] = []
        /// How many hints `:hint` has shown, by exercise id.
        public var hintsShown: [String: Int] = [:]
        public init() {}

        /// Reads files written before a field existed: a missing field keeps its default.
        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            currentLesson = try c.decodeIfPresent(String.self, forKey: .currentLesson)
            cells = try c.decodeIfPresent([String: Int].self, forKey: .cells) ?? [:]
            solved = try c.decodeIfPresent([String].self, forKey: .solved) ?? []
            attempted = try c.decodeIfPresent([String].self, forKey: .attempted) ?? []
            hintsShown = try c.decodeIfPresent([String: Int].self, forKey: .hintsShown) ?? [:]
        }

        /// Notes a check's outcome: an attempt unless the file is untouched; solved while it
        /// passes (a solved exercise broken later is no longer solved).
        public mutating func record(_ exerciseID: String, _ outcome: CheckOutcome) {
            switch outcome {
            case .notAttempted: return
            case .passed:
                if !attempted.contains(exerciseID) { attempted.append(exerciseID) }
                if !solved.contains(exerciseID) { solved.append(exerciseID) }
            case .failed:
                if !attempted.contains(exerciseID) { attempted.append(exerciseID) }
                solved.removeAll { $0 == exerciseID }
            }
        }
    }

    public func loadProgress() -> Progress {
        guard let data = FileManager.default.contents(atPath: progressFile),
              let progress = try? JSONDecoder().decode(Progress.self, from: data) else { return Progress() }
        return progress
    }

    /// Writes atomically (temporary file, then rename), so a crash never leaves half a file.
    public func save(_ progress: Progress) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(progress).write(to: URL(fileURLWithPath: progressFile), options: .atomic)
    }
}
