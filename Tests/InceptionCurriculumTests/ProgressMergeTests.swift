import Foundation
import InceptionCurriculum
import TestSupport
import XCTest

/// Two processes recording progress at once (the REPL open while `inception check` runs in
/// another terminal): a save applies its own changes to the file's contents, losing nothing.
final class ProgressMergeTests: XCTestCase {
    var state: String!
    override func setUpWithError() throws { state = try InceptionBinary.temporaryDirectory() }
    override func tearDown() { try? FileManager.default.removeItem(atPath: state) }

    func progress(solved: [String] = [], attempted: [String] = [], cells: [String: Int] = [:], lesson: String? = nil) -> StateStore.Progress {
        var p = StateStore.Progress()
        p.solved = solved
        p.attempted = attempted
        p.cells = cells
        p.currentLesson = lesson
        return p
    }

    func testASaveKeepsWhatAnotherProcessRecordedMeanwhile() throws {
        let store = StateStore(environment: ["XDG_STATE_HOME": state])
        // the REPL starts with stem solved and reads lesson 02
        try store.save(progress(solved: ["stem"], attempted: ["stem"], cells: ["02": 3], lesson: "02"))
        let base = store.loadProgress()
        // meanwhile `inception check head` passes in another process
        var other = store.loadProgress()
        other.record("head", .passed("ok"))
        try store.save(other)
        // the REPL then fails stem, moves on a cell, and saves (:next, :quit)
        var mine = base
        mine.record("stem", .failed("no"))
        mine.cells["02"] = 4
        let written = try store.save(mine, since: base)
        XCTAssertEqual(written, store.loadProgress())
        XCTAssertEqual(written.solved, ["head"])
        XCTAssertEqual(written.attempted, ["stem", "head"])
        XCTAssertEqual(written.cells, ["02": 4])
        XCTAssertEqual(written.currentLesson, "02")
    }

    func testMergingOnlyAppliesWhatChanged() {
        let base = progress(solved: ["a"], attempted: ["a"], cells: ["01": 1, "02": 2], lesson: "01")
        var mine = base
        mine.solved.append("b"); mine.attempted.append("b"); mine.cells["01"] = 5
        let disk = progress(solved: ["a", "c"], attempted: ["a", "c"], cells: ["01": 1, "02": 7], lesson: "03")
        let merged = mine.merged(into: disk, since: base)
        XCTAssertEqual(merged.solved, ["a", "c", "b"])
        XCTAssertEqual(merged.attempted, ["a", "c", "b"])
        XCTAssertEqual(merged.cells, ["01": 5, "02": 7])
        XCTAssertEqual(merged.currentLesson, "03")
    }

    /// `inception check` merges too, and says so when the progress cannot be saved.
    func testCheckMergesAndWarnsWhenItCannotSave() throws {
        let copy = try LessonsCopy(.solved)
        defer { copy.remove() }
        let store = StateStore(environment: ["XDG_STATE_HOME": state])
        try store.save(progress(solved: ["stem"], attempted: ["stem"]))
        var r = try InceptionBinary.run(["check", "conv1_params", "--lessons", copy.directory], environment: ["XDG_STATE_HOME": state], removing: ["INCEPTION_LESSONS"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(store.loadProgress().solved, ["stem", "conv1_params"])

        let blocked = state + "/file"
        try "".write(toFile: blocked, atomically: true, encoding: .utf8)   // a file where the state folder should be
        r = try InceptionBinary.run(["check", "conv1_params", "--lessons", copy.directory], environment: ["XDG_STATE_HOME": blocked], removing: ["INCEPTION_LESSONS"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stderr, "warning: your progress was not saved: \(blocked) is a file, so the folder \(blocked)/inception cannot be made there — fix that, then check again to record it (or pass --no-save)\n")
    }
}
