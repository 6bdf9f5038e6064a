import Foundation
import InceptionCurriculum
import InceptionLanguage
import TestSupport
import XCTest

/// The curriculum as shipped: every file the manifest names exists, starters and solutions pair
/// up with the exercises, every lesson has exercises and runs them, and a broken manifest, a
/// missing Lessons folder or an edited starter are reported in one clear line.
final class CurriculumFilesTests: XCTestCase {
    let lessons = LessonsCopy.repositoryLessons

    func testEveryFileTheManifestNamesExists() throws {
        let c = try Curriculum(directory: lessons)
        // As many lessons as numbered lesson files: the manifest lists every one.
        let files = try FileManager.default.contentsOfDirectory(atPath: lessons).filter { $0.hasSuffix(".md") && $0.first?.isNumber == true }
        XCTAssertEqual(c.lessons.map(\.file).sorted(), files.sorted())
        XCTAssertEqual(Set(c.exercises.map(\.id)).count, c.exercises.count, "exercise ids are unique")
        for lesson in c.lessons {
            XCTAssertTrue(FileManager.default.fileExists(atPath: c.path(lesson.file)), lesson.file)
            XCTAssertFalse(lesson.exercises.isEmpty, "\(lesson.id) has no exercise")
            let text = try String(contentsOfFile: c.path(lesson.file), encoding: .utf8)
            XCTAssertTrue(text.hasPrefix("# "), "\(lesson.file) starts with its title")
            for e in lesson.exercises {
                XCTAssertTrue(text.contains("exercise(\"\(e.id)\")"), "\(lesson.file) runs exercise(\"\(e.id)\")")
                XCTAssertTrue(text.contains(e.file), "\(lesson.file) names \(e.file)")
            }
        }
        for e in c.exercises {
            for path in [c.learnerFile(e), c.starterFile(e), c.solutionFile(e)] {
                XCTAssertTrue(FileManager.default.fileExists(atPath: path), "\(e.id): \(path)")
            }
            XCTAssertGreaterThanOrEqual(e.hints.count, 2, "\(e.id) has hints in steps")
            let starter = try String(contentsOfFile: c.starterFile(e), encoding: .utf8)
            XCTAssertTrue(starter.contains("# TODO"), "\(e.id)'s starter marks its TODO")
            XCTAssertNotNil(LearnerSource.firstTodoLine(starter), "\(e.id)'s starter has a TODO in its code")
            XCTAssertNil(LearnerSource.firstTodoLine(try c.solution(e.id)), "\(e.id)'s solution has no TODO left")
            switch e.kind {
            case .block: XCTAssertNotNil(e.build); XCTAssertNotNil(e.reference); XCTAssertNotNil(e.probe)
            case .number: XCTAssertNotNil(e.expected)
            case .design: XCTAssertNotNil(e.build); XCTAssertNotNil(e.probe); XCTAssertNotNil(e.output); XCTAssertNotNil(e.budget)
            case .function: XCTAssertNotNil(e.call); XCTAssertNotNil(e.reference); XCTAssertFalse(e.defines?.isEmpty ?? true)
            case .prediction: XCTAssertFalse(e.defines?.isEmpty ?? true, "\(e.id) names the predictions it asks for")
            }
        }
        let onDisk = { (folder: String) in
            try FileManager.default.contentsOfDirectory(atPath: "\(self.lessons)/\(folder)").filter { $0.hasSuffix(".inc") }.sorted()
        }
        XCTAssertEqual(try onDisk("starters"), try onDisk("solutions"))
        XCTAssertEqual(try onDisk("starters"), c.exercises.map { URL(fileURLWithPath: $0.file).lastPathComponent }.sorted())
    }

    func testUntouchedMeansTheStarterUpToWhitespaceAtLineEnds() {
        let starter = "# TODO: a number\nanswer = TODO\n"
        XCTAssertTrue(LearnerSource.isUntouched("# TODO: a number   \r\nanswer = TODO\n\n\n", starter: starter))
        XCTAssertFalse(LearnerSource.isUntouched("# TODO: a number\nanswer = TODO + 1\n", starter: starter))
        // A `# TODO: …` comment is an instruction; a TODO in code is a blank to fill.
        XCTAssertEqual(LearnerSource.firstTodoLine("# TODO: explain\nx = 1  # TODO later\n    answer = TODO ")?.line, 3)
        XCTAssertEqual(LearnerSource.firstTodoLine("# TODO: explain\nx = 1  # TODO later\n    answer = TODO ")?.text, "answer = TODO")
        XCTAssertEqual(LearnerSource.firstTodoLine("s = '#'; answer = TODO")?.line, 1)
        XCTAssertNil(LearnerSource.firstTodoLine("# TODO: the padding\nanswer = 2  # was TODO"))
    }

    func testABrokenManifestIsOneLine() throws {
        let copy = try LessonsCopy(.untouched)
        defer { copy.remove() }
        try copy.write(#"{"reference": [], "lessons": [{"id": "01", "title": "x", "file": "01.md"}]}"#, to: "manifest.json")
        XCTAssertThrowsError(try copy.curriculum()) { error in
            XCTAssertEqual("\(error)", "\(copy.directory)/manifest.json: not a valid lessons manifest: missing \"exercises\" at .lessons[0]")
        }
    }

    func testFindingTheLessonsFolder() throws {
        let copy = try LessonsCopy(.untouched)
        defer { copy.remove() }
        let root = URL(fileURLWithPath: copy.directory).deletingLastPathComponent().path
        // --lessons, then $INCEPTION_LESSONS, then upwards from the working directory, then from the executable.
        XCTAssertEqual(try CurriculumLocator.find(explicit: copy.directory, environment: [:], currentDirectory: "/", executable: nil), copy.directory)
        XCTAssertEqual(try CurriculumLocator.find(environment: ["INCEPTION_LESSONS": copy.directory], currentDirectory: "/", executable: nil), copy.directory)
        XCTAssertEqual(try CurriculumLocator.find(environment: [:], currentDirectory: copy.directory + "/exercises", executable: nil), copy.directory)
        XCTAssertEqual(try CurriculumLocator.find(environment: [:], currentDirectory: root, executable: nil), copy.directory)
        XCTAssertEqual(try CurriculumLocator.find(environment: [:], currentDirectory: "/", executable: root + "/.build/debug/inception"), copy.directory)
        XCTAssertEqual(CurriculumLocator.enclosing(copy.directory + "/exercises/02-basic-conv2d.inc"), copy.directory)
        XCTAssertNil(CurriculumLocator.enclosing("/tmp/nowhere/x.inc"))
        XCTAssertThrowsError(try CurriculumLocator.find(explicit: root, environment: [:], currentDirectory: "/", executable: nil)) {
            XCTAssertEqual("\($0)", "--lessons \(root): no manifest.json there; give the Lessons folder of the inception package")
        }
        XCTAssertThrowsError(try CurriculumLocator.find(environment: [:], currentDirectory: "/", executable: nil)) {
            XCTAssertEqual("\($0)", "cannot find the Lessons folder: run inside the inception package, or give --lessons DIR (or set $INCEPTION_LESSONS)")
        }
    }

    func testProgressFilesWrittenBeforeHintsExistedStillLoad() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("inception-state-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = StateStore(environment: ["XDG_STATE_HOME": dir.path])
        try FileManager.default.createDirectory(atPath: store.directory, withIntermediateDirectories: true)
        try #"{"cells": {"01-tensors-and-shapes": 4}, "solved": ["conv1_params"], "attempted": ["conv1_params"]}"#
            .write(toFile: store.progressFile, atomically: true, encoding: .utf8)
        var progress = store.loadProgress()
        XCTAssertEqual(progress.solved, ["conv1_params"])
        XCTAssertEqual(progress.cells, ["01-tensors-and-shapes": 4])
        XCTAssertEqual(progress.hintsShown, [:])
        progress.record("conv1_params", .failed("wrong"))
        progress.record("stem", .notAttempted("not attempted yet"))
        XCTAssertEqual(progress.solved, [])
        XCTAssertEqual(progress.attempted, ["conv1_params"])
        try store.save(progress)
        XCTAssertEqual(store.loadProgress(), progress)
    }

    func testTheBarRoundsToTheNearestCell() {
        XCTAssertEqual(ProgressReport.bar(0, of: 21), "[░░░░░░░░░░░░░░░░░░░░]")
        XCTAssertEqual(ProgressReport.bar(11, of: 21), "[██████████░░░░░░░░░░]")
        XCTAssertEqual(ProgressReport.bar(21, of: 21), "[████████████████████]")
        XCTAssertEqual(ProgressReport.bar(1, of: 3, width: 3), "[█░░]")
    }
}
