import InceptionCurriculum
import TestSupport
import XCTest

/// Every exercise's solution passes the checker, and every untouched starter is reported
/// as not attempted (never as failed).
final class SolutionTests: XCTestCase {
    func testEverySolutionPasses() throws {
        let copy = try LessonsCopy(.solved)
        defer { copy.remove() }
        let curriculum = try copy.curriculum()
        let solutions = try FileManager.default.contentsOfDirectory(atPath: copy.directory + "/solutions").filter { $0.hasSuffix(".inc") }
        XCTAssertEqual(curriculum.exercises.count, solutions.count, "one solution per exercise of the manifest")
        for e in curriculum.exercises {
            let outcome = curriculum.check(e.id)
            XCTAssertTrue(outcome.isPassed, "\(e.id): \(outcome)")
        }
    }

    func testEveryUntouchedStarterIsNotAttempted() throws {
        let copy = try LessonsCopy(.untouched)
        defer { copy.remove() }
        let curriculum = try copy.curriculum()
        for e in curriculum.exercises {
            XCTAssertEqual(curriculum.check(e.id), .notAttempted("not attempted yet: open Lessons/\(e.file) and replace the TODOs"), e.id)
        }
    }
}
