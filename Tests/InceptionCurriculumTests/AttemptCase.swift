import Foundation
import InceptionCurriculum
import TestSupport
import XCTest

/// A learner's attempt at an exercise and the exact outcome its check must get: the solution
/// with replacements made in order, or a whole file instead.
struct AttemptCase {
    let exercise: String
    /// Replacements made in the solution, in order; ignored when `file` is set.
    var edits: [(String, String)] = []
    /// The whole file instead of an edited solution.
    var file: String? = nil
    let outcome: CheckOutcome
}

extension XCTestCase {
    /// Checks each attempt in a solved temporary copy of Lessons: its outcome, and that the check
    /// left the learner's file as it was written.
    func assertEachAttemptGetsItsOutcome(_ cases: [AttemptCase]) throws {
        let copy = try LessonsCopy(.solved)
        defer { copy.remove() }
        let curriculum = try copy.curriculum()
        for c in cases {
            let e = try curriculum.exercise(c.exercise)
            let solution = try copy.read("solutions/" + (e.file as NSString).lastPathComponent)
            var text = solution
            for (old, new) in c.edits {
                XCTAssertTrue(text.contains(old), "\(c.exercise): the solution has no '\(old)'")
                text = text.replacingOccurrences(of: old, with: new)
            }
            try copy.write(c.file ?? text, to: e.file)
            XCTAssertEqual(curriculum.check(c.exercise), c.outcome, c.exercise)
            XCTAssertEqual(try copy.read(e.file), c.file ?? text, "\(c.exercise): the check left the learner's file as it was")
            try copy.write(solution, to: e.file)
        }
    }
}
