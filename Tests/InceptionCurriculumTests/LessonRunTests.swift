import Foundation
import InceptionCurriculum
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

    /// Filling the output blocks keeps everything else, and leaves cells without a block alone.
    func testFillingOutputBlocks() {
        let lesson = "# T\n\n```inception\nprint(1)\n```\n\n```output\nold\n```\n\ntext\n```inception\nx = 2\n```\n```output\nkept\n```\n"
        XCTAssertEqual(LessonOutputs.filled(lesson, printed: [4: "1\n2  \n\n"]),
                       "# T\n\n```inception\nprint(1)\n```\n\n```output\n1\n2\n```\n\ntext\n```inception\nx = 2\n```\n```output\nkept\n```\n")
    }
}
