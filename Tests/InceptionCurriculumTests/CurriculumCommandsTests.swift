import Foundation
import InceptionCurriculum
import TestSupport
import XCTest

/// The REPL's :check, :hint, :solution, :reset, :progress and :exercises, as transcripts:
/// hints in steps, a solution only after an attempt or when asked twice, a reset that asks
/// first and keeps the learner's version.
final class CurriculumCommandsTests: XCTestCase {
    var copy: LessonsCopy!
    var progress = StateStore.Progress()
    var commands: CurriculumCommands!

    override func setUpWithError() throws {
        copy = try LessonsCopy(.untouched)
        progress = StateStore.Progress()
        commands = CurriculumCommands(curriculum: try copy.curriculum(), currentLesson: "02-basic-conv2d",
                                      progress: { [unowned self] in self.progress }, save: { [unowned self] in self.progress = $0 })
    }

    override func tearDown() { copy.remove() }

    func run(_ line: String) -> String {
        let parts = line.dropFirst().split(separator: " ", maxSplits: 1).map(String.init)
        return commands.handle(parts[0], parts.count > 1 ? parts[1] : "") ?? "(not a curriculum command)"
    }

    func testHintsComeOneStepAtATime() {
        XCTAssertEqual(run(":hint"), "Hint 1 of 3 for basic_conv2d: self.layer = nn.Sequential(a, b, c) with the three layers in order: convolution, BatchNorm, ReLU.")
        XCTAssertEqual(run(":hint basic_conv2d"), "Hint 2 of 3 for basic_conv2d: nn.Conv2d(in_channel, F, size, stride, padding=padding) is the first; BatchNorm2d normalises the convolution's F channels.")
        XCTAssertEqual(run(":hint"), "Hint 3 of 3 for basic_conv2d: self.layer = nn.Sequential(nn.Conv2d(in_channel, F, size, stride, padding=padding), nn.BatchNorm2d(F), nn.ReLU())")
        XCTAssertEqual(run(":hint"), "Hint 3 of 3 for basic_conv2d: self.layer = nn.Sequential(nn.Conv2d(in_channel, F, size, stride, padding=padding), nn.BatchNorm2d(F), nn.ReLU())\n(That was the last hint. :solution basic_conv2d shows the solution.)")
        XCTAssertEqual(progress.hintsShown, ["basic_conv2d": 3])
        XCTAssertTrue(run(":hint conv1_params").hasPrefix("Hint 1 of 3 for conv1_params: "))
    }

    func testTheSolutionWaitsForAnAttemptOrASecondRequest() throws {
        let solution = try copy.read("solutions/02-basic-conv2d.inc")
        XCTAssertEqual(run(":solution"), "You have not tried basic_conv2d yet: edit Lessons/exercises/02-basic-conv2d.inc, then :check basic_conv2d. Ask :solution basic_conv2d again to see the solution anyway.")
        XCTAssertEqual(run(":solution"), "Solution of basic_conv2d (Lessons/solutions/02-basic-conv2d.inc):\n" + solution)
        // After an attempt it comes at once.
        XCTAssertTrue(run(":solution conv1_params").hasPrefix("You have not tried conv1_params yet"))
        try copy.write("answer = 9408\n", to: "exercises/01-conv1-params.inc")
        XCTAssertEqual(run(":check conv1_params"), "✗ conv1_params: answer = 9408 is not it — that is the weights alone (7·7·3·64): every filter also has a bias\n(:hint conv1_params gives a hint)")
        XCTAssertEqual(run(":solution conv1_params"), "Solution of conv1_params (Lessons/solutions/01-conv1-params.inc):\n" + (try copy.read("solutions/01-conv1-params.inc")))
    }

    func testCheckRecordsProgressAndProgressShowsIt() throws {
        XCTAssertEqual(run(":check"), "· basic_conv2d: not attempted yet: open Lessons/exercises/02-basic-conv2d.inc and replace the TODOs")
        try copy.write(try copy.read("solutions/02-basic-conv2d.inc"), to: "exercises/02-basic-conv2d.inc")
        XCTAssertEqual(run(":check"), "✓ basic_conv2d: BasicConv2d(3, 64, 7, 2, padding=3) matches the reference: structure, output 2×64×16×16, 9,600 parameters, and the numbers (eval mode)")
        try copy.write("answer = 110784\n", to: "exercises/02-basic-conv2d-params.inc")
        XCTAssertEqual(run(":check"), "✗ basic_conv2d_params: answer = 110784 is not it — that is the Conv2d alone: BatchNorm2d(192) adds γ and β, 192 each\n(:hint basic_conv2d_params gives a hint)")
        XCTAssertEqual(progress.solved, ["basic_conv2d"])
        XCTAssertEqual(progress.attempted, ["basic_conv2d", "basic_conv2d_params"])
        XCTAssertEqual(run(":exercises"), """
        02-basic-conv2d  BasicConv2d
          ✓ basic_conv2d  build BasicConv2d  (Lessons/exercises/02-basic-conv2d.inc)
          ✗ basic_conv2d_params  conv2b's parameters  (Lessons/exercises/02-basic-conv2d-params.inc)
        """)
        // One line per lesson of the manifest, whatever their number.
        let curriculum = try Curriculum(directory: copy.directory)
        let progressLines = run(":progress").split(separator: "\n").map(String.init)
        XCTAssertEqual(progressLines.count, curriculum.lessons.count + 2)
        XCTAssertEqual(progressLines.first, "Progress [█░░░░░░░░░░░░░░░░░░░] 1/\(curriculum.exercises.count) exercises solved")
        XCTAssertEqual(Array(progressLines[1...4]), [
            "  01 Tensors and shapes                [░░] 0/2  · conv1_output_size  · conv1_params",
            "  02 BasicConv2d                       [█░] 1/2  ✓ basic_conv2d  ✗ basic_conv2d_params",
            "  03 The stem                          [░░] 0/2  · stem  · stem_sizes_160",
            "  04 The naive Inception module        [░░] 0/2  · naive_inception  · reduce_5x5_weights",
        ])
        XCTAssertEqual(progressLines.last, "✓ solved  ✗ tried, not passing yet  · not attempted yet")
    }

    func testResetAsksFirstAndKeepsTheLearnersVersion() throws {
        XCTAssertEqual(run(":reset basic_conv2d"), "Lessons/exercises/02-basic-conv2d.inc is already the starter; nothing to reset")
        let mine = "class BasicConv2d(in_channel, F, size, stride, padding=0):\n    self.layer = nn.ReLU()\n"
        try copy.write(mine, to: "exercises/02-basic-conv2d.inc")
        XCTAssertEqual(run(":reset basic_conv2d"), "Reset basic_conv2d? Lessons/exercises/02-basic-conv2d.inc goes back to the starter; your version is kept in Lessons/backups/. Type :reset basic_conv2d again to confirm.")
        XCTAssertEqual(try copy.read("exercises/02-basic-conv2d.inc"), mine, "nothing changes before the confirmation")
        let answer = run(":reset basic_conv2d")
        XCTAssertTrue(answer.hasPrefix("Lessons/exercises/02-basic-conv2d.inc is the starter again. Your version: "), answer)
        let backup = String(answer.split(separator: " ").last!)
        XCTAssertEqual(try String(contentsOfFile: backup, encoding: .utf8), mine)
        XCTAssertEqual(try copy.read("exercises/02-basic-conv2d.inc"), try copy.read("starters/02-basic-conv2d.inc"))
        XCTAssertEqual(run(":reset"), "Say which exercise to reset: :reset EXERCISE (:exercises lists them).")
    }

    /// A backups folder that cannot be made (a file named backups is in the way): one line
    /// naming it and the fix, and the learner's file as it was.
    func testAResetThatCannotKeepABackupChangesNothing() throws {
        let mine = "answer = 7\n"
        try copy.write(mine, to: "exercises/01-conv1-params.inc")
        try copy.write("not a folder\n", to: "backups")
        XCTAssertTrue(run(":reset conv1_params").hasPrefix("Reset conv1_params? "))
        XCTAssertEqual(run(":reset conv1_params"), "could not reset conv1_params: Lessons/backups is a file, and your version is kept in that folder before the reset — move or rename the file, then :reset conv1_params again; nothing was changed")
        XCTAssertEqual(try copy.read("exercises/01-conv1-params.inc"), mine)
    }

    /// A folder where the learner's file should be is named, and left alone.
    func testAResetOfAFolderChangesNothing() throws {
        let curriculum = try copy.curriculum()
        try FileManager.default.removeItem(atPath: copy.directory + "/exercises/01-conv1-params.inc")
        try FileManager.default.createDirectory(atPath: copy.directory + "/exercises/01-conv1-params.inc/inside", withIntermediateDirectories: true)
        XCTAssertThrowsError(try curriculum.reset("conv1_params", confirmed: true)) { error in
            XCTAssertEqual("\(error)", "could not reset conv1_params: Lessons/exercises/01-conv1-params.inc is a folder, not a file — move it away, then :reset conv1_params again; nothing was changed")
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: copy.directory + "/exercises/01-conv1-params.inc/inside"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: copy.directory + "/backups"))
    }

    func testBackupsNeverReplaceEachOther() throws {
        let curriculum = try copy.curriculum()
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        var backups: [String] = []
        for version in ["first", "second"] {
            try copy.write("# \(version)\n", to: "exercises/03-stem.inc")
            guard case .reset(let backup) = try curriculum.reset("stem", confirmed: true, now: now) else { return XCTFail("no reset") }
            backups.append(backup)
        }
        XCTAssertEqual(backups.map { URL(fileURLWithPath: $0).lastPathComponent }.map { $0.replacingOccurrences(of: #"\d{8}-\d{6}"#, with: "DATE", options: .regularExpression) },
                       ["03-stem-DATE.inc", "03-stem-DATE-2.inc"])
        XCTAssertEqual(try backups.map { try String(contentsOfFile: $0, encoding: .utf8) }, ["# first\n", "# second\n"])
    }

    func testUnknownExercisesAndCommands() {
        let ids = (try? Curriculum(directory: copy.directory))?.exercises.map(\.id) ?? []
        XCTAssertEqual(run(":check basic_conv"), "no exercise 'basic_conv': did you mean 'basic_conv2d'? the exercises are " + ids.joined(separator: ", "))
        XCTAssertEqual(run(":next"), "(not a curriculum command)")
        commands.currentLesson = nil
        XCTAssertEqual(run(":hint"), "say which exercise: e.g. :check basic_conv2d (:exercises lists them)")
    }
}
