import Foundation

/// A temporary copy of the repository's Lessons/ folder, so tests never touch the working
/// copy a learner may be editing: exercises reset to the starters, or solved with the solutions.
/// Only the grading tests (ExerciseGradingTests) read the learner's own Lessons/exercises/;
/// every other test works on one of these, whatever the learner has solved.
public struct LessonsCopy {
    public static let repositoryLessons = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Lessons").standardized.path

    public enum State { case untouched, solved }

    /// …/inception-lessons-<uuid>/Lessons
    public let directory: String

    public init(_ state: State) throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("inception-lessons-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        directory = root.appendingPathComponent("Lessons").path
        try FileManager.default.copyItem(atPath: Self.repositoryLessons, toPath: directory)
        try? FileManager.default.removeItem(atPath: directory + "/backups")
        let from = state == .solved ? "solutions" : "starters"
        for name in try FileManager.default.contentsOfDirectory(atPath: directory + "/" + from) where name.hasSuffix(".inc") {
            try write(try String(contentsOfFile: "\(directory)/\(from)/\(name)", encoding: .utf8), to: "exercises/\(name)")
        }
    }

    /// Replaces a file under the copy (path relative to Lessons/).
    public func write(_ text: String, to relative: String) throws {
        let path = directory + "/" + relative
        try? FileManager.default.removeItem(atPath: path)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    public func read(_ relative: String) throws -> String {
        try String(contentsOfFile: directory + "/" + relative, encoding: .utf8)
    }

    public func remove() {
        try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: directory).deletingLastPathComponent().path)
    }
}
