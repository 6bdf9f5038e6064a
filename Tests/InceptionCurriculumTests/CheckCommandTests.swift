import Foundation
import InceptionCurriculum
import TestSupport
import XCTest

/// `inception check` and `inception run` as a learner uses them, on copies of Lessons/.
final class CheckCommandTests: XCTestCase {
    var state: String!

    override func setUpWithError() throws { state = try InceptionBinary.temporaryDirectory() }
    override func tearDown() { try? FileManager.default.removeItem(atPath: state) }

    func inception(_ args: [String], in copy: LessonsCopy) throws -> CommandResult {
        try InceptionBinary.run(args + ["--lessons", copy.directory], environment: ["XDG_STATE_HOME": state], removing: ["INCEPTION_LESSONS"])
    }

    func testAFreshCopyIsNotAttemptedAndExitsNonZero() throws {
        let copy = try LessonsCopy(.untouched)
        defer { copy.remove() }
        let r = try inception(["check"], in: copy)
        XCTAssertEqual(r.status, 1, r.stderr)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(Array(lines.prefix(3)), [
            "01-tensors-and-shapes  Tensors and shapes",
            "  · conv1_output_size: not attempted yet: open Lessons/exercises/01-conv1-output-size.inc and replace the TODOs",
            "  · conv1_params: not attempted yet: open Lessons/exercises/01-conv1-params.inc and replace the TODOs",
        ])
        let ids = try copy.curriculum().exercises.map(\.id)
        XCTAssertTrue(lines.contains("Progress [░░░░░░░░░░░░░░░░░░░░] 0/\(ids.count) exercises solved"), r.stdout)
        XCTAssertEqual(lines.last, "Not attempted yet (\(ids.count)): " + ids.joined(separator: ", "))
    }

    /// A file that runs for hours is stopped at the check's time limit (small here, 60 s by
    /// default), named with the line that was running (the loop's), and failed with the fix;
    /// the next check runs as usual.
    func testACheckStopsAtItsTimeLimit() throws {
        let copy = try LessonsCopy(.untouched)
        defer { copy.remove() }
        try copy.write("for i in range(9000000):\n    x = torch.randn(20, 20) @ torch.randn(20, 20)\nanswer = 9472\n", to: "exercises/01-conv1-params.inc")
        let curriculum = try copy.curriculum()
        curriculum.timeLimit = 0.5
        XCTAssertEqual(curriculum.check("conv1_params"), .failed("Lessons/exercises/01-conv1-params.inc:1: the check of conv1_params was stopped here after 0.5 s, its time limit — "
            + "make it do less (fewer loop rounds, smaller tensors), or allow more time: INCEPTION_CHECK_SECONDS=1 (0: no limit) or inception check --time-limit 1"))
        XCTAssertFalse(curriculum.lastCheckInterrupted, "a failure of the learner's file, recorded as one")
        try copy.write("answer = 9472\n", to: "exercises/01-conv1-params.inc")
        curriculum.timeLimit = CheckTimeLimit.defaultSeconds      // the next check is timed as usual
        let again = curriculum.check("conv1_params")
        XCTAssertTrue(again.isPassed, again.message)
        let r = try inception(["check", "conv1_params", "--time-limit", "-1"], in: copy)
        XCTAssertEqual(r.stderr.split(separator: "\n").first.map(String.init), "Error: --time-limit must be 0 (no limit) or more seconds, got -1.0")
    }

    /// The checker's own work (here the reference's answer, which trains the network) is not on
    /// the learner's clock: a quick wrong answer gets its message, not "stopped after 2 s" (on a
    /// busy machine a wrong train_loop was reported as too slow while the checker ran its mistakes).
    func testTheCheckersOwnWorkIsNotTimed() throws {
        let copy = try LessonsCopy(.untouched)
        defer { copy.remove() }
        try copy.write("answer = 1.0\n", to: "exercises/13-aux-conv1-ratio.inc")
        let r = try inception(["check", "aux_conv1_ratio", "--time-limit", "2"], in: copy)
        XCTAssertEqual(r.stdout, "✗ aux_conv1_ratio: answer = 1 is not it — that would be no change at all: the ratio row prints three decimals; take its conv1 column\n", r.stderr)
    }

    func testOneExerciseRightThenWrongAndTheProgressFile() throws {
        let copy = try LessonsCopy(.untouched)
        defer { copy.remove() }
        try copy.write(try copy.read("solutions/05-inception4a-channels.inc"), to: "exercises/05-inception4a-channels.inc")
        var r = try inception(["check", "inception4a_channels"], in: copy)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "✓ inception4a_channels: inception4a matches the reference: structure, output 1×512×14×14, 377,424 parameters, and the numbers (eval mode)\n")
        let store = StateStore(environment: ["XDG_STATE_HOME": state])
        XCTAssertEqual(store.loadProgress().solved, ["inception4a_channels"])

        try copy.write("Fs = (192, 96, 208, 16, 48, 32)\ninception4a = Inception(480, Fs, 512)\n", to: "exercises/05-inception4a-channels.inc")
        r = try inception(["check", "inception4a_channels"], in: copy)
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stdout, "✗ inception4a_channels: inception4a: branch 4 (maxpool_conv1x1): expected 64 output channels, got 32 — check the 6th entry of Fs (pool proj)\n")
        XCTAssertEqual(store.loadProgress().solved, [])
        XCTAssertEqual(store.loadProgress().attempted, ["inception4a_channels"])
    }

    func testAllSolvedExitsZero() throws {
        let copy = try LessonsCopy(.solved)
        defer { copy.remove() }
        let r = try inception(["check", "--no-save"], in: copy)
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        let count = try copy.curriculum().exercises.count
        XCTAssertTrue(r.stdout.contains("Progress [████████████████████] \(count)/\(count) exercises solved\n"), r.stdout)
        XCTAssertFalse(r.stdout.contains("Not attempted"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: StateStore(environment: ["XDG_STATE_HOME": state]).progressFile))
    }

    /// `inception check --dev`: the shipped curriculum is valid; a missing solution, a starter
    /// that differs from its exercise file, a wrong solution and an unlisted lesson are named.
    func testDevValidatesTheCurriculum() throws {
        let copy = try LessonsCopy(.untouched)
        defer { copy.remove() }
        let curriculum = try copy.curriculum()
        var r = try inception(["check", "--dev"], in: copy)
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        XCTAssertTrue(r.stdout.hasSuffix("curriculum OK: \(curriculum.lessons.count) lessons, \(curriculum.exercises.count) exercises\n"), r.stdout)
        XCTAssertTrue(r.stdout.contains("✓ every solution passes the checker\n"), r.stdout)

        try FileManager.default.removeItem(atPath: copy.directory + "/solutions/01-conv1-output-size.inc")
        try copy.write("answer = 7 * 7 * 3 * 64\n", to: "solutions/01-conv1-params.inc")
        try copy.write("# changed\n" + (try copy.read("starters/03-stem.inc")), to: "starters/03-stem.inc")
        try copy.write("# 99 · Stray\n", to: "99-stray.md")
        r = try inception(["check", "--dev"], in: copy)
        XCTAssertEqual(r.status, 1)
        for line in [
            "✗ conv1_output_size: its solution Lessons/solutions/01-conv1-output-size.inc is missing",
            "✗ Lessons/99-stray.md is not in manifest.json: add an entry for it",
            "✗ stem: Lessons/exercises/03-stem.inc differs from Lessons/starters/03-stem.inc — ship the starter (on a clean checkout, :reset stem)",
            "✗ conv1_params: the solution does not pass: failed: answer = 9408 is not it — that is the weights alone (7·7·3·64): every filter also has a bias",
            "4 problems in the curriculum",
        ] { XCTAssertTrue(r.stdout.contains(line + "\n"), "missing: \(line)\n\(r.stdout)") }
    }

    func testUnknownExerciseAndMissingLessons() throws {
        let copy = try LessonsCopy(.untouched)
        defer { copy.remove() }
        var r = try inception(["check", "stemm"], in: copy)
        XCTAssertEqual(r.status, 64)
        XCTAssertTrue(r.stderr.hasPrefix("error: no exercise 'stemm': did you mean 'stem'? the exercises are conv1_output_size, "), r.stderr)
        r = try InceptionBinary.run(["check", "--lessons", "/nonexistent"], environment: ["XDG_STATE_HOME": state])
        XCTAssertEqual(r.status, 66)
        XCTAssertEqual(r.stderr, "error: --lessons /nonexistent: no manifest.json there; give the Lessons folder of the inception package\n")
    }

    func testRunningASolvedLessonFromTheCommandLine() throws {
        let copy = try LessonsCopy(.solved)
        defer { copy.remove() }
        var r = try InceptionBinary.run(["run", copy.directory + "/01-tensors-and-shapes.md"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("✓ conv1_output_size: answer = 112 is right\nconv1 gives 112 × 112\n"), r.stdout)
        // Untouched, the lesson stops at its exercise cell and says what to do.
        try copy.write(try copy.read("starters/01-conv1-output-size.inc"), to: "exercises/01-conv1-output-size.inc")
        r = try InceptionBinary.run(["run", copy.directory + "/01-tensors-and-shapes.md"])
        XCTAssertEqual(r.status, 70)
        XCTAssertTrue(r.stderr.contains("error: exercise conv1_output_size is not done yet: open Lessons/exercises/01-conv1-output-size.inc and replace the TODOs\n"), r.stderr)
        XCTAssertTrue(r.stderr.contains("  fix: then run this cell again; :hint conv1_output_size gives a hint"), r.stderr)
    }
}
