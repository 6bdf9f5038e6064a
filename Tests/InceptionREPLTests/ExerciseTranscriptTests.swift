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

    /// The cells after an exercise give its answer away (the seed's code, the number): after a
    /// cell stopped at an unsolved exercise, the first :next says so and stays; the second reads
    /// on. Solved in between (the learner's editor saves the file while the session waits),
    /// :next says it passes now and that :again runs the cell.
    func testNextWarnsOnceAfterAnUnsolvedExercise() throws {
        let warning = "exercise conv1_output_size is not done yet, and the cells after it give its answer away: solve it, then :again runs the cell; :next again reads on anyway"
        let skipped = session([":run", ":next", ":next", ":quit"])
        XCTAssertEqual(skipped.components(separatedBy: warning).count - 1, 1, skipped)
        XCTAssertTrue(skipped.contains("[01-tensors-and-shapes 6/19] > :next\n" + warning + "\n[01-tensors-and-shapes 6/19] > :next\n── cell 7/19"), skipped)

        try FileManager.default.removeItem(atPath: work + "/state")
        let file = work + "/Lessons/exercises/01-conv1-output-size.inc"
        var out: [String] = []
        let session = Session(terminal: .plain, reader: LineReader(scripted: [":run", ":next", ":again", ":quit"]),
                              store: StateStore(environment: ["XDG_STATE_HOME": work + "/state"]),
                              lessonsDirectory: work + "/Lessons", write: { line in
            out.append(line)
            if line.hasPrefix("cell 6 stopped") { try? "answer = (224 + 2 * 3 - 7) // 2 + 1\n".write(toFile: file, atomically: true, encoding: .utf8) }
        })
        session.run(openingLesson: "1")
        let solved = out.joined(separator: "\n")
        XCTAssertTrue(solved.contains("[01-tensors-and-shapes 6/19] > :next\nexercise conv1_output_size passes now: :again runs its cell, so that the cells after it have what it defines; :next again reads on without it\n[01-tensors-and-shapes 6/19] > :again"), solved)
        XCTAssertTrue(solved.contains("✓ conv1_output_size: answer = 112 is right"), solved)
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
