import Foundation
import InceptionCurriculum
import InceptionREPL
import TestSupport
import XCTest

/// The session's side of a check: Ctrl-C stops it and the session goes on; what another
/// process recorded in the progress file meanwhile survives the session's saves.
final class SessionCheckTests: XCTestCase {
    var lessons: LessonsCopy!
    var work = ""

    override func setUpWithError() throws {
        lessons = try LessonsCopy(.untouched)
        work = URL(fileURLWithPath: lessons.directory).deletingLastPathComponent().path
    }
    override func tearDownWithError() throws { lessons?.remove() }

    var store: StateStore { StateStore(environment: ["XDG_STATE_HOME": work + "/state"]) }

    func session(_ lines: [String], onWrite: @escaping (Session, String) -> Void = { _, _ in }) -> String {
        var out: [String] = []
        var session: Session!
        session = Session(terminal: .plain, reader: LineReader(scripted: lines), store: store,
                          lessonsDirectory: work + "/Lessons", write: { line in
            out.append(line)
            onWrite(session, line)
        })
        session.run(openingLesson: "1")
        return out.joined(separator: "\n")
    }

    func testCtrlCStopsACheckAndTheSessionGoesOn() throws {
        try "answer = 0\nwhile True:\n    answer += 1\n".write(toFile: work + "/Lessons/exercises/01-conv1-params.inc", atomically: true, encoding: .utf8)
        let out = session([":check conv1_params", "1 + 1", ":quit"]) { session, line in
            guard line.hasSuffix("> :check conv1_params") else { return }
            let ctrlC = Unchecked(session)
            DispatchQueue.global().asyncAfter(deadline: .now() + 1) { ctrlC.value.interrupt() }   // Ctrl-C a second in
        }
        XCTAssertTrue(out.contains("> :check conv1_params\ninterrupted: the check of conv1_params stopped (Ctrl-C). Nothing was recorded.\n"), out)
        XCTAssertTrue(out.contains("> 1 + 1\n2\n"), out)
        XCTAssertEqual(store.loadProgress().attempted, [])
    }

    func testCtrlCStopsAnExerciseCellsCheck() throws {
        try "answer = 0\nwhile True:\n    answer += 1\n".write(toFile: work + "/Lessons/exercises/01-conv1-params.inc", atomically: true, encoding: .utf8)
        let out = session(["exercise(\"conv1_params\")", "1 + 1", ":quit"]) { session, line in
            guard line.hasSuffix("> exercise(\"conv1_params\")") else { return }
            let ctrlC = Unchecked(session)
            DispatchQueue.global().asyncAfter(deadline: .now() + 1) { ctrlC.value.interrupt() }
        }
        XCTAssertTrue(out.contains("> exercise(\"conv1_params\")\ninterrupted: the check of conv1_params stopped (Ctrl-C). Everything computed so far is kept.\n"), out)
        XCTAssertTrue(out.contains("> 1 + 1\n2\n"), out)
        XCTAssertEqual(store.loadProgress().attempted, [])
    }

    /// A Ctrl-C at the prompt, with no check running, is not kept for later: the reference
    /// sources still load when a lesson cell first asks for a reference class.
    func testCtrlCWithNoCheckRunningIsNotKept() throws {
        var pressed = false
        let out = session(["reference_class(\"BasicConv2d\") is not None", ":quit"]) { session, _ in
            if !pressed { pressed = true; session.interrupt() }     // while the lesson opens
        }
        XCTAssertTrue(out.contains("> reference_class(\"BasicConv2d\") is not None\nTrue\n"), out)
    }

    /// An id the manifest does not know is a typo: said so, and not recorded as an attempt.
    func testCheckingAnUnknownIdRecordsNothing() throws {
        let ids = try Curriculum(directory: lessons.directory).exercises.map(\.id)
        let out = session([":check zzz", ":quit"])
        XCTAssertTrue(out.contains("> :check zzz\nno exercise 'zzz': the exercises are \(ids.joined(separator: ", "))\n"), out)
        XCTAssertEqual(store.loadProgress().attempted, [])
    }

    func testAPassRecordedByAnotherProcessSurvivesTheSessionsSaves() throws {
        try "answer = 1\n".write(toFile: work + "/Lessons/exercises/01-conv1-params.inc", atomically: true, encoding: .utf8)
        var recorded = false
        let out = session([":check conv1_params", ":next", ":quit"]) { [store] _, line in
            guard !recorded, line.hasSuffix("> :check conv1_params") else { return }
            recorded = true       // `inception check stem` passes in another terminal meanwhile
            var other = store.loadProgress()
            other.record("stem", .passed("ok"))
            try? store.save(other)
        }
        XCTAssertTrue(out.contains("✗ conv1_params: answer = 1 is not it"), out)
        let progress = store.loadProgress()
        XCTAssertEqual(progress.solved, ["stem"])
        XCTAssertEqual(Set(progress.attempted), ["stem", "conv1_params"])
    }
}

/// The session, handed to the thread that plays the signal handler (as the REPL's does).
private struct Unchecked<T>: @unchecked Sendable { let value: T; init(_ value: T) { self.value = value } }
