import Foundation
@testable import InceptionCurriculum
import InceptionLanguage
import InceptionNetworkBuiltins
import TestSupport
import XCTest

/// Every lesson, with the solutions in place of the exercises, runs clean, and every code
/// cell prints what the ```output block under it says.
///
/// After a deliberate change, `UPDATE_LESSON_OUTPUTS=1 swift test --filter LessonRunTests`
/// writes what the cells print now into the lessons' output blocks (then review the diff).
final class LessonRunTests: XCTestCase {
    func run(_ lessonID: String) throws {
        let copy = try LessonsCopy(.solved)
        defer { copy.remove() }
        let curriculum = try copy.curriculum()
        let lesson = try XCTUnwrap(curriculum.lessons.first { $0.id == lessonID })
        let path = curriculum.path(lesson.file)
        let script = try Script.load(path: path)
        let interpreter = Interpreter(output: { _ in }, builtins: .networksAndPictures)
        interpreter.baseDirectory = curriculum.directory
        CurriculumBuiltins.install(in: interpreter, curriculum: curriculum)
        let result = LessonOutputs.run(script, in: interpreter)
        defer { interpreter.clearGlobals() }
        if ProcessInfo.processInfo.environment["UPDATE_LESSON_OUTPUTS"] != nil {
            // Rewrites the repository's lesson with what its cells print now; review the diff.
            let printed = Dictionary(result.cells.map { ($0.line, $0.printed) }) { first, _ in first }
            let original = LessonsCopy.repositoryLessons + "/" + lesson.file
            try LessonOutputs.filled(try String(contentsOfFile: original, encoding: .utf8), printed: printed)
                .write(toFile: original, atomically: true, encoding: .utf8)
        }
        XCTAssertNil(result.error, "\(lessonID) stopped:\n\(result.error ?? "")")
        XCTAssertGreaterThan(result.cells.filter { $0.expected != nil }.count, 2, "\(lessonID) asserts too few outputs")
        for cell in result.mismatches {
            XCTFail("\(lesson.file):\(cell.line): the cell printed\n\(cell.printed)\nbut its ```output block says\n\(cell.expected ?? "")")
        }
    }

    /// Every lesson of the manifest, in order: a new lesson is tested by adding its entry.
    /// `LESSON=08 swift test --filter LessonRunTests` runs only the lessons whose id contains 08.
    func testEveryLessonRunsAndPrintsItsOutputBlocks() throws {
        let lessons = try Curriculum(directory: LessonsCopy.repositoryLessons).lessons
        XCTAssertFalse(lessons.isEmpty)
        let only = ProcessInfo.processInfo.environment["LESSON"]
        for lesson in lessons where only.map({ lesson.id.contains($0) }) ?? true { try run(lesson.id) }
    }

    /// "```output ~10%" compares the numbers within 10% and the text exactly (runs of spaces as
    /// one), and filling such a block keeps its fence.
    func testOutputBlocksWithATolerance() throws {
        let lesson = "# T\n\n```inception\nprint(f\"loss {1.634:.3f}, accuracy {0.505:.1%}\")\n```\n\n```output ~10%\nloss 1.623, accuracy 53.7%\n```\n\n```inception\nprint(\"13,393,352  x\")\n```\n\n```output ~10%\n13,393,353 x\n```\n\n```inception\nprint(\"loss 1.9\")\n```\n\n```output ~5%\nloss 1.623\n```\n"
        let script = Script(text: lesson, file: "t.md")
        let result = LessonOutputs.run(script, in: Interpreter(output: { _ in }))
        XCTAssertNil(result.error)
        XCTAssertEqual(result.cells.map(\.tolerance), [0.1, 0.1, 0.05])
        XCTAssertEqual(result.mismatches.map(\.line), [20], "only 1.9 against 1.623 (15%) is off")
        XCTAssertEqual(LessonOutputs.filled(lesson, printed: [4: "loss 1.7\n"]).components(separatedBy: "\n")[6...8], ["```output ~10%", "loss 1.7", "```"])
        XCTAssertEqual(LessonOutputs.outputFence("```output").tolerance, nil)
        XCTAssertFalse(LessonOutputs.outputFence("```outputs").isOutput)
        XCTAssertFalse(LessonOutputs.outputFence("```output ~ten%").isOutput)
        // Numbers at the very end, signs, exponents, thousands.
        XCTAssertTrue(NumbersInText.agree("moved 1.34863", "moved 1.3", relativeTolerance: 0.05))
        XCTAssertTrue(NumbersInText.agree("-3.40 1e-05 12,345", "−3.4 1.1e-05 12,300", relativeTolerance: 0.1))
        XCTAssertFalse(NumbersInText.agree("x 1", "x 1 2", relativeTolerance: 0.5))
        XCTAssertEqual(NumbersInText.split("a 1,234.5,").numbers, [1234.5])
    }

    /// Filling the output blocks keeps everything else, and leaves cells without a block alone.
    func testFillingOutputBlocks() {
        let lesson = "# T\n\n```inception\nprint(1)\n```\n\n```output\nold\n```\n\ntext\n```inception\nx = 2\n```\n```output\nkept\n```\n"
        XCTAssertEqual(LessonOutputs.filled(lesson, printed: [4: "1\n2  \n\n"]),
                       "# T\n\n```inception\nprint(1)\n```\n\n```output\n1\n2\n```\n\ntext\n```inception\nx = 2\n```\n```output\nkept\n```\n")
    }
}
