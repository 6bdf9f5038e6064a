import Foundation
import InceptionREPL
import TestSupport
import XCTest

/// :exercises, :check, :hint, :solution, :reset and :progress on a copy of Lessons/ with the
/// starters in place (never the learner's own exercises), across three sessions: untouched, a
/// wrong answer, the right one.
final class ExerciseTranscriptTests: XCTestCase {
    var lessons: LessonsCopy!
    /// The folder holding the copy's Lessons/ and the session's state.
    var work = ""

    override func setUpWithError() throws {
        lessons = try LessonsCopy(.untouched)
        work = URL(fileURLWithPath: lessons.directory).deletingLastPathComponent().path
    }
    override func tearDownWithError() throws { lessons?.remove() }

    func session(_ lines: [String]) -> String {
        var out: [String] = []
        let session = Session(terminal: .plain, reader: LineReader(scripted: lines),
                              store: StateStore(environment: ["XDG_STATE_HOME": work + "/state"]),
                              lessonsDirectory: work + "/Lessons", write: { out.append($0) })
        session.run(openingLesson: "1")
        return out.joined(separator: "\n").replacingOccurrences(of: work, with: "$WORK")
    }

    func answer(_ text: String) throws {
        try ("# my answer\nanswer = " + text + "\n").write(toFile: work + "/Lessons/exercises/01-conv1-params.inc", atomically: true, encoding: .utf8)
    }

    func testHintsSolutionCheckResetAndProgress() throws {
        let first = session([":exercises", ":check conv1_params", ":hint conv1_params", ":hint conv1_params",
                             ":solution conv1_params", ":solution conv1_params", ":quit"])
        XCTAssertTrue(first.contains("· conv1_params: not attempted yet: open Lessons/exercises/01-conv1-params.inc and replace the TODOs"), first)
        XCTAssertTrue(first.contains("Hint 1 of 3 for conv1_params: One filter is a 7×7 window over all 3 input channels."), first)
        XCTAssertTrue(first.contains("Hint 2 of 3 for conv1_params:"), first)
        XCTAssertTrue(first.contains("You have not tried conv1_params yet"), first)       // first ask: confirm
        XCTAssertTrue(first.contains("answer = 7 * 7 * 3 * 64 + 64"), first)               // second ask: shown

        try answer("7 * 7 * 3 * 64")
        let second = session([":check conv1_params", ":reset conv1_params", "n", ":reset conv1_params", "y", ":check conv1_params", ":quit"])
        XCTAssertTrue(second.contains("✗ conv1_params: "), second)
        XCTAssertTrue(second.contains("that is the weights alone (7·7·3·64): every filter also has a bias"), second)
        XCTAssertTrue(second.contains("not reset: conv1_params is as you left it"), second)
        XCTAssertTrue(second.contains("conv1_params is the starter again; your version is in Lessons/backups/01-conv1-params-"), second)
        let backups = try FileManager.default.contentsOfDirectory(atPath: work + "/Lessons/backups")
        XCTAssertEqual(backups.count, 1)
        XCTAssertEqual(try String(contentsOfFile: work + "/Lessons/backups/" + backups[0], encoding: .utf8), "# my answer\nanswer = 7 * 7 * 3 * 64\n")
        XCTAssertTrue(second.hasSuffix("· conv1_params: not attempted yet: open Lessons/exercises/01-conv1-params.inc and replace the TODOs\n[01-tensors-and-shapes 0/19] > :quit"), second)

        try answer("7 * 7 * 3 * 64 + 64")
        let third = session([":check conv1_params", ":progress", ":quit"])
        XCTAssertTrue(third.contains("✓ conv1_params"), third)
        XCTAssertNotNil(third.range(of: #"Progress \[█░+\] 1/\d+ exercises solved"#, options: .regularExpression), third)
    }
}
