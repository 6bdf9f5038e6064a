import Foundation
import TestSupport
import XCTest

/// Where the commands write: checked before any work, one line naming the place and the fix,
/// and a file of another kind (a learner's notes) is never replaced.
final class OutputFileTests: XCTestCase {
    var dir = ""
    override func setUpWithError() throws { dir = try InceptionBinary.temporaryDirectory() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    func assertRefused(_ args: [String], _ expected: String, keeps path: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let before = FileManager.default.contents(atPath: path)
        let r = try InceptionBinary.run(args)
        XCTAssertNotEqual(r.status, 0, file: file, line: line)
        XCTAssertEqual(r.stderr, "Error: \(expected)\n", file: file, line: line)
        XCTAssertEqual(r.stdout, "", "refused before any work", file: file, line: line)
        XCTAssertEqual(FileManager.default.contents(atPath: path), before, "the file is kept", file: file, line: line)
    }

    func notes(_ name: String) throws -> String {
        let path = dir + "/" + name
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data("my notes\n".utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    func testGradKeepsATextFileNamedAsItsOutput() throws {
        let labels = dir + "/y.npy"
        try Data([0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]).write(to: URL(fileURLWithPath: labels))
        let path = try notes("notes.txt")
        try assertRefused(["grad", "--random", "1,3,64,64", "--labels", labels, "--output", path],
                          "\(path) already exists and is not a safetensors file; not replacing it (it would be lost): move it away or give --output another name", keeps: path)
    }

    func testForwardKeepsAFileOfAnotherKindInItsOutputFolder() throws {
        let path = try notes("od/logits.npy")
        try assertRefused(["forward", "--random", "1,3,64,64", "--output-dir", dir + "/od"],
                          "\(path) already exists and is not a .npy file; not replacing it (it would be lost): move it away or give --output-dir another name", keeps: path)
    }

    /// The output folder is checked before the pass: a file in the way, or a place that cannot be made.
    func testForwardChecksItsOutputFolderFirst() throws {
        let path = try notes("afile")
        try assertRefused(["forward", "--random", "1,3,64,64", "--output-dir", path],
                          "--output-dir \(path): a file of that name is in the way, not a folder: give a folder's name to --output-dir", keeps: path)
        try assertRefused(["forward", "--random", "1,3,64,64", "--output-dir", path + "/inside"],
                          "--output-dir \(path)/inside: the folder cannot be made: \(path) is a file, not a folder: give a folder you can write to", keeps: path)
    }

    func testSampleImageAndDatasetKeepFilesOfAnotherKind() throws {
        let picture = try notes("x.png")
        try assertRefused(["sample-image", picture],
                          "\(picture) already exists and is not a PNG file; not replacing it (it would be lost): move it away or give the output another name", keeps: picture)
        let circle = try notes("dsy/circle-0.png")
        try assertRefused(["dataset", "--out", dir + "/dsy", "--per-class", "1", "--size", "32"],
                          "\(circle) already exists and is not a PNG file; not replacing it (it would be lost): move it away or give --out another name", keeps: circle)
        let file = try notes("afile")
        try assertRefused(["dataset", "--out", file, "--per-class", "1", "--size", "32"],
                          "--out \(file): a file of that name is in the way, not a folder: give a folder's name to --out", keeps: file)
    }

    /// A negative number after an option is its value, and the message says what it must be.
    func testNegativeAndZeroNumbersInOptionsAreNamed() throws {
        let cases: [([String], String)] = [
            (["train", "--steps", "-1"], "--steps must be at least 1"),
            (["forward", "--random", "-1,3,224,224"], "--random -1,3,224,224: N (the batch) must be at least 1, got -1"),
            (["forward", "--random", "0,3,224,224"], "--random 0,3,224,224: N (the batch) must be at least 1, got 0"),
            (["forward", "--random", "1,3,64,64", "--top", "-3"], "--top must be 0 or more, got -3"),
            (["train", "--lr", "-1"], "--lr must be a positive number"),
            (["repl", "--lesson", "0"], "--lesson 0: lessons are numbered from 1 (inception --lesson 1 opens the first)"),
        ]
        for (args, expected) in cases {
            let r = try InceptionBinary.run(args)
            XCTAssertNotEqual(r.status, 0, args.joined(separator: " "))
            XCTAssertEqual(r.stderr.split(separator: "\n").first.map(String.init), "Error: " + expected, args.joined(separator: " "))
        }
    }

    /// A mistyped subcommand is not looked for as a lesson: named, with the command meant, and
    /// nothing opened; a word that names a lesson still opens it.
    func testAMistypedCommandIsNotALesson() throws {
        let r = try InceptionBinary.run(["chek"], stdin: "", environment: ["XDG_STATE_HOME": dir])
        XCTAssertEqual(r.status, 64)
        XCTAssertEqual(r.stderr, "error: 'chek' is neither a command nor a lesson — did you mean `inception check`? (inception --help lists the commands, `inception 3` opens lesson 3)\n")
        XCTAssertEqual(r.stdout, "")
        let lesson = try InceptionBinary.run(["aux"], stdin: "", environment: ["XDG_STATE_HOME": dir])
        XCTAssertEqual(lesson.status, 0, lesson.stderr)
        XCTAssertTrue(lesson.stdout.hasPrefix("Lesson 07-auxiliary-classifiers"), lesson.stdout)
    }

    /// A file that is not UTF-8 text gets one line, not an error per byte.
    func testRunningABinaryFileIsOneLine() throws {
        let path = dir + "/random.bin"
        var bytes = [UInt8](repeating: 0, count: 20_000)
        for i in bytes.indices { bytes[i] = UInt8(truncatingIfNeeded: i &* 2_654_435_761 >> 13) }
        bytes[0] = 0x41; bytes[1] = 0x0A; bytes[2] = 0xFF
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let r = try InceptionBinary.run(["run", path])
        XCTAssertEqual(r.status, 65)
        XCTAssertEqual(r.stderr, "error: \(path):2: bytes that are not UTF-8 — save the file as UTF-8 (your editor's encoding setting), or give a text file\n")
    }

    /// A training checkpoint given as weights: named, with the file to give instead.
    func testACheckpointGivenAsWeightsPointsToTheModel() throws {
        let path = dir + "/run/checkpoint.safetensors"
        try FileManager.default.createDirectory(atPath: dir + "/run", withIntermediateDirectories: true)
        var header = Array(#"{"__metadata__":{"step":"3"},"momentum.conv1.layer.0.weight":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#.utf8)
        while header.count % 8 != 0 { header.append(0x20) }
        let bytes = withUnsafeBytes(of: UInt64(header.count).littleEndian) { Array($0) } + header + [0, 0, 0, 0]
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let r = try InceptionBinary.run(["forward", "--weights", path, "--random", "1,3,64,64"])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertEqual(r.stderr, "Error: \(path): this is a training checkpoint (the weights with SGD's momentum buffers and the step, for inception train --resume): give its model.safetensors instead (\(dir)/run/model.safetensors)\n")
    }

    /// A file the command wrote itself is its kind, and is replaced.
    func testAPictureOfItsOwnKindIsReplaced() throws {
        let path = dir + "/sample.png"
        XCTAssertEqual(try InceptionBinary.run(["sample-image", path, "--width", "16", "--height", "16"]).status, 0)
        let again = try InceptionBinary.run(["sample-image", path, "--width", "16", "--height", "16"])
        XCTAssertEqual(again.status, 0, again.stderr)
    }
}
