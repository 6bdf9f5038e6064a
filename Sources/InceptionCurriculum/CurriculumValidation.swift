import Foundation

/// `inception check --dev`: what a lesson author must keep true, checked from the manifest
/// (nothing here names a lesson or counts them), so adding a lesson is its files and its entry:
///
/// - every lesson file, and every exercise's exercise, starter and solution file, exists;
/// - every numbered lesson file in the folder is in the manifest, and ids are unique;
/// - the shipped exercise files equal their starters;
/// - every starter is "not attempted", every solution passes the checker;
/// - the lessons call `exercise("id")` only for ids of the manifest, each exercise in its own lesson.
extension Curriculum {
    public struct ValidationReport {
        /// One line per check that held, in order.
        public var passed: [String] = []
        /// One line per problem, naming the file and what to do.
        public var problems: [String] = []
        public var isValid: Bool { problems.isEmpty }
    }

    public func validate() -> ValidationReport {
        var report = ValidationReport()
        let fm = FileManager.default
        func record(_ what: String, _ problems: [String]) {
            if problems.isEmpty { report.passed.append(what) } else { report.problems += problems }
        }

        // Ids and files.
        var duplicates: [String] = []
        var seen = Set<String>()
        for id in lessons.map(\.id) + exercises.map(\.id) where !seen.insert(id).inserted { duplicates.append("id '\(id)' appears twice in manifest.json") }
        record("ids are unique (\(lessons.count) lessons, \(exercises.count) exercises)", duplicates)

        var missing: [String] = []
        for lesson in lessons where !fm.fileExists(atPath: path(lesson.file)) { missing.append("lesson \(lesson.id): \(display(lesson.file)) is missing") }
        for file in manifest.reference where !fm.fileExists(atPath: path(file)) { missing.append("reference \(display(file)) is missing") }
        for e in exercises {
            for (what, file) in [("exercise", e.file), ("starter", sibling(e.file, folder: "starters")), ("solution", sibling(e.file, folder: "solutions"))]
            where !fm.fileExists(atPath: path(file)) {
                missing.append("\(e.id): its \(what) \(display(file)) is missing")
            }
        }
        record("every lesson and exercise has its files (lesson, exercise, starter, solution)", missing)

        let listed = Set(lessons.map(\.file))
        let unlisted = ((try? fm.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { $0.hasSuffix(".md") && $0.first?.isNumber == true && !listed.contains($0) }.sorted()
        record("every numbered lesson file is in manifest.json", unlisted.map { "\(display($0)) is not in manifest.json: add an entry for it" })

        // The shipped exercises are the starters.
        var differing: [String] = []
        for e in exercises {
            guard let shipped = read(learnerFile(e)), let starter = read(starterFile(e)) else { continue }
            if shipped != starter { differing.append("\(e.id): \(display(e.file)) differs from \(display(sibling(e.file, folder: "starters"))) — ship the starter (on a clean checkout, :reset \(e.id))") }
        }
        record("the exercise files are their starters", differing)

        // Starters and solutions through the checker.
        var starters: [String] = [], solutions: [String] = []
        for e in exercises {
            if let starter = read(starterFile(e)) {
                let outcome = self.check(e, source: starter)
                if !outcome.isNotAttempted { starters.append("\(e.id): the starter is not reported as 'not attempted' but \(outcome)") }
            }
            if let solution = read(solutionFile(e)) {
                let outcome = self.check(e, source: solution)
                if !outcome.isPassed { solutions.append("\(e.id): the solution does not pass: \(outcome)") }
            }
        }
        record("every starter is 'not attempted'", starters)
        record("every solution passes the checker", solutions)

        // exercise("id") calls in the lessons.
        var calls: [String] = []
        let ids = Set(exercises.map(\.id))
        for lesson in lessons {
            guard let text = read(path(lesson.file)) else { continue }
            let called = Self.exerciseCalls(in: text)
            for id in called where !ids.contains(id) { calls.append("\(display(lesson.file)) calls exercise(\"\(id)\"), which manifest.json does not have") }
            for e in lesson.exercises where !called.contains(e.id) { calls.append("\(display(lesson.file)) never calls exercise(\"\(e.id)\"): the learner is never asked for it") }
        }
        record("each lesson asks for its own exercises, and only for exercises of the manifest", calls)
        return report
    }

    /// The ids in `exercise("…")` calls of a lesson's text.
    static func exerciseCalls(in text: String) -> [String] {
        var ids: [String] = []
        var rest = Substring(text)
        while let r = rest.range(of: "exercise(\"") {
            let after = rest[r.upperBound...]
            guard let end = after.firstIndex(of: "\"") else { break }
            ids.append(String(after[..<end]))
            rest = after[end...]
        }
        return ids
    }

    public func renderValidation(_ report: ValidationReport) -> String {
        var lines = report.passed.map { "✓ " + $0 }
        lines += report.problems.map { "✗ " + $0 }
        lines.append(report.isValid ? "curriculum OK: \(lessons.count) lessons, \(exercises.count) exercises"
                                    : "\(report.problems.count) problem\(report.problems.count == 1 ? "" : "s") in the curriculum")
        return lines.joined(separator: "\n")
    }
}
