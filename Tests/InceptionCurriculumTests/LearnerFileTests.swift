import Foundation
import InceptionCurriculum
import TestSupport
import XCTest

/// The learner's file as the checker reads it: missing, a folder, unreadable, or not UTF-8,
/// each with its own message, and the lesson's exercise() cell reading it the same way.
final class LearnerFileTests: XCTestCase {
    func testAFileThatCannotBeUsedSaysWhyAndTheFix() throws {
        let copy = try LessonsCopy(.solved)
        defer { copy.remove() }
        let curriculum = try copy.curriculum()
        let path = copy.directory + "/exercises/01-conv1-params.inc"
        let restore = "`:reset conv1_params` in the REPL puts the starter back (or copy Lessons/starters/01-conv1-params.inc to Lessons/exercises/01-conv1-params.inc)"

        try FileManager.default.removeItem(atPath: path)
        XCTAssertEqual(curriculum.check("conv1_params"), .failed("Lessons/exercises/01-conv1-params.inc is missing — " + restore))

        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        XCTAssertEqual(curriculum.check("conv1_params"), .failed("Lessons/exercises/01-conv1-params.inc is a folder, not a file — move it away, then " + restore))
        try FileManager.default.removeItem(atPath: path)

        try (Data("# ok\nanswer = 9472  # caf".utf8) + Data([0xE9, 0x0A])).write(to: URL(fileURLWithPath: path))   // Latin-1 é
        XCTAssertEqual(curriculum.check("conv1_params"),
                       .failed("Lessons/exercises/01-conv1-params.inc:2: bytes that are not UTF-8 — save the file as UTF-8 (your editor's encoding setting) and check again"))

        if getuid() != 0 {     // root reads anything
            try "answer = 9472\n".write(toFile: path, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o200], ofItemAtPath: path)
            XCTAssertEqual(curriculum.check("conv1_params"),
                           .failed("Lessons/exercises/01-conv1-params.inc cannot be read (check its permissions: chmod u+r Lessons/exercises/01-conv1-params.inc) — or " + restore))
        }
    }

    /// A file that is not UTF-8 stops the lesson's exercise() cell with the checker's message,
    /// instead of running an empty file.
    func testTheExerciseCellReadsAsTheCheckerDoes() throws {
        let copy = try LessonsCopy(.solved)
        defer { copy.remove() }
        let path = copy.directory + "/exercises/01-conv1-output-size.inc"
        try Data([0x61, 0x6E, 0x73, 0x77, 0x65, 0x72, 0x20, 0x3D, 0x20, 0x31, 0x31, 0x32, 0x20, 0x23, 0x20, 0xFF, 0x0A]).write(to: URL(fileURLWithPath: path))
        let r = try InceptionBinary.run(["run", copy.directory + "/01-tensors-and-shapes.md"])
        XCTAssertEqual(r.status, 70)
        XCTAssertTrue(r.stderr.contains("error: exercise conv1_output_size does not pass yet: Lessons/exercises/01-conv1-output-size.inc:1: bytes that are not UTF-8 — save the file as UTF-8 (your editor's encoding setting) and check again\n"), r.stderr)
    }
}
