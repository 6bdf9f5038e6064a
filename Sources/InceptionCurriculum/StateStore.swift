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
        /// The file's format; a file from a newer inception (a higher number) is not read.
        public var schemaVersion = Progress.currentSchema
        public static let currentSchema = 1
        public init() {}

        /// Reads files written before a field existed: a missing field keeps its default.
        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            currentLesson = try c.decodeIfPresent(String.self, forKey: .currentLesson)
            cells = try c.decodeIfPresent([String: Int].self, forKey: .cells) ?? [:]
            solved = try c.decodeIfPresent([String].self, forKey: .solved) ?? []
            attempted = try c.decodeIfPresent([String].self, forKey: .attempted) ?? []
            hintsShown = try c.decodeIfPresent([String: Int].self, forKey: .hintsShown) ?? [:]
            schemaVersion = try c.decodeIfPresent(Int.self, forKey: .schemaVersion) ?? Progress.currentSchema
            guard schemaVersion <= Progress.currentSchema else {
                throw DecodingError.dataCorrupted(.init(codingPath: [CodingKeys.schemaVersion],
                    debugDescription: "the file has schema version \(schemaVersion), from a newer inception (this one reads \(Progress.currentSchema))"))
            }
            schemaVersion = Progress.currentSchema
            // A hand-edited count of ±2^63 must not overflow later (hint n + 1, cell indices).
            cells = cells.mapValues { Swift.min(Swift.max($0, 0), 1_000_000) }
            hintsShown = hintsShown.mapValues { Swift.min(Swift.max($0, 0), 1_000) }
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

    /// The progress, or a fresh record when there is none. A file that cannot be read is
    /// never overwritten unseen: it is copied aside first, and `warn` says why and where.
    public func loadProgress(warn: (String) -> Void = { FileHandle.standardError.write(Data(("warning: " + $0 + "\n").utf8)) }) -> Progress {
        guard let data = FileManager.default.contents(atPath: progressFile) else { return Progress() }
        do {
            guard !data.isEmpty else { throw ProgressFileProblem("the file is empty") }
            return try JSONDecoder().decode(Progress.self, from: data)
        } catch {
            let reason = Self.describe(error)
            do {
                let backup = try keepUnreadable(data)
                warn("\(progressFile) could not be read (\(reason)); it is kept as \(backup), and a fresh record of your progress starts now")
            } catch {
                warn("\(progressFile) could not be read (\(reason)), nor copied aside (\(FileProblem.describe(error, path: directory))); fix or move it before you go on, or it will be replaced")
            }
            return Progress()
        }
    }

    /// The first of the state folder's ancestors (or itself) that is a file, not a folder.
    func fileInTheWay() -> String? {
        var path = ""
        for part in directory.split(separator: "/") {
            path += "/" + part
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return nil }
            if !isDirectory.boolValue { return path }
        }
        return nil
    }

    /// Writes atomically (temporary file, then rename), so a crash never leaves half a file.
    public func save(_ progress: Progress) throws {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(progress).write(to: URL(fileURLWithPath: progressFile), options: .atomic)
        } catch {
            if let file = fileInTheWay() { throw ProgressFileProblem("\(file) is a file, so the folder \(directory) cannot be made there") }
            throw ProgressFileProblem(FileProblem.describe(error, path: progressFile))
        }
    }
}
