import Foundation
import TestSupport
import XCTest

/// Issue #17, items 8 and 9 (what was left): weight files that are wrong say so briefly or
/// are refused, a batch of 0 names the input, a byte-order mark is not an error, and a file
/// that is not one of the program's own outputs is never replaced without a word.
final class LearnerDataTests: XCTestCase {
    var dir = ""
    override func setUpWithError() throws { dir = try InceptionBinary.temporaryDirectory() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    func safetensors(_ header: String, data: [Float]) throws -> String {
        var h = Array(header.utf8)
        while h.count % 8 != 0 { h.append(0x20) }
        var bytes = withUnsafeBytes(of: UInt64(h.count).littleEndian) { Array($0) } + h
        for v in data { bytes += withUnsafeBytes(of: v.bitPattern.littleEndian) { Array($0) } }
        let path = dir + "/w\(bytes.count).safetensors"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    func run(_ source: String) throws -> CommandResult {
        let path = dir + "/script.inc"
        try source.write(toFile: path, atomically: true, encoding: .utf8)
        let r = try InceptionBinary.run(["run", path], environment: ["XDG_STATE_HOME": dir], currentDirectory: dir)
        XCTAssertFalse(r.stderr.contains("Fatal error") || r.stderr.contains("Backtracing"), r.stderr)
        return r
    }

    func testManyMissingKeysAreSummarised() throws {
        let path = Fixtures.path("seed_stem.safetensors")
        let r = try InceptionBinary.run(["forward", "--weights", path, "--random", "1,3,64,64"])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertEqual(r.stderr, """
            Error: \(path): 329 problems loading weights (326 missing keys, 3 unexpected keys):
              - missing key 'inception3a.conv1x1.layer.0.weight' (expected shape 64×192×1×1)
              - missing key 'inception3a.conv1x1.layer.0.bias' (expected shape 64)
              - missing key 'inception3a.conv1x1.layer.1.weight' (expected shape 64)
              - … and 323 more missing keys
              - unexpected key 'expected.eval' (shape 2×192×8×8): the model has no such parameter
              - unexpected key 'expected.train' (shape 2×192×8×8): the model has no such parameter
              - unexpected key 'input' (shape 2×3×64×64): the model has no such parameter

            """)
    }

    func testAPrefixedFileSuggestsThePrefix() throws {
        let entries = (0..<12).map { #""model.\#($0).weight":{"dtype":"F32","shape":[1],"data_offsets":[\#(4 * $0),\#(4 * $0 + 4)]}"# }
        let path = try safetensors("{" + entries.joined(separator: ",") + "}", data: Array(repeating: 1, count: 12))
        let r = try run("import torch\nm = torch.nn.Sequential(*[torch.nn.Linear(1, 1, bias=False) for i in range(12)])\nm.load_state_dict(torch.load('\(path)'))\n")
        XCTAssertEqual(r.status, 70)
        // PyTorch's text, then the likely cause
        let missing = (0..<12).map { "\"\($0).weight\"" }.joined(separator: ", "), unexpected = (0..<12).map { "\"model.\($0).weight\"" }.joined(separator: ", ")
        XCTAssertTrue(r.stderr.contains("error: Error(s) in loading state_dict for Sequential:\n\tMissing key(s) in state_dict: \(missing). \n\tUnexpected key(s) in state_dict: \(unexpected). \n"), r.stderr)
        XCTAssertTrue(r.stderr.contains("  fix: the file's names start with 'model.', the model's do not: load_weights(model, path, prefix='model.') strips it"), r.stderr)
    }

    func testOverlappingDataAndDuplicateNamesAreRefused() throws {
        let overlap = try safetensors(#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}"#, data: [1, 2, 3])
        var r = try run("import torch\nprint(torch.load('\(overlap)'))\n")
        XCTAssertEqual(r.status, 70)
        XCTAssertTrue(r.stderr.contains("script.inc:2:7: error: \(overlap): the data of tensors 'a' (bytes 0–8) and 'b' (bytes 4–12) overlap: the file is corrupt (each tensor has its own bytes)"), r.stderr)
        let twice = try safetensors(#"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#, data: [1, 2])
        r = try run("import torch\nprint(torch.load('\(twice)'))\n")
        XCTAssertEqual(r.status, 70)
        XCTAssertTrue(r.stderr.contains("script.inc:2:7: error: \(twice): the header names the tensor 'a' twice: the file is corrupt (a safetensors file names each tensor once)"), r.stderr)
    }

    func testNaNAndInfiniteWeightsAreWarned() throws {
        let path = try safetensors(#"{"weight":{"dtype":"F32","shape":[2,2],"data_offsets":[0,16]},"bias":{"dtype":"F32","shape":[2],"data_offsets":[16,24]}}"#,
                                   data: [1, .nan, .infinity, -.infinity, 0, .nan])
        let r = try run("import torch\nm = torch.nn.Linear(2, 2)\nload_weights(m, '\(path)')\nprint('loaded')\n")
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "warning: \(path): 2 tensors hold values that are not numbers (1 NaN, 2 infinite in 'weight'; 1 NaN in 'bias'): outputs computed from them will be NaN\nloaded\n")
    }

    func testABatchOfZeroNamesTheInput() throws {
        var header = "{'descr': '<f4', 'fortran_order': False, 'shape': (0, 3, 224, 224), }"
        while (10 + header.utf8.count + 1) % 64 != 0 { header += " " }
        let bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8((header.utf8.count + 1) % 256), UInt8((header.utf8.count + 1) / 256)] + Array((header + "\n").utf8)
        let path = dir + "/empty.npy"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let r = try InceptionBinary.run(["forward", "--input", path])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertEqual(r.stderr.split(separator: "\n").first.map(String.init), "Error: \(path) holds no images: its shape is 0×3×224×224, a batch of 0; save at least one (N ≥ 1)")
        // In the language a batch of 0 runs through, as in PyTorch (Flatten kept its features).
        let s = try run("import torch\nnet = torch.nn.Sequential(torch.nn.Conv2d(3, 4, 3), torch.nn.Flatten(), torch.nn.Linear(4*6*6, 2))\nprint(net(torch.randn(0, 3, 8, 8)).shape)\n")
        XCTAssertEqual(s.stdout, "torch.Size([0, 2])\n", s.stderr)
    }

    func testAByteOrderMarkIsAcceptedAtTheStartOnly() throws {
        var r = try run("\u{FEFF}print(1)\n")
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "1\n")
        try "\u{FEFF}y = 5\n".write(toFile: dir + "/bommod.inc", atomically: true, encoding: .utf8)
        r = try run("import bommod\nprint(bommod.y)\n")
        XCTAssertEqual(r.stdout, "5\n", r.stderr)
        r = try run("x = 1\n\u{FEFF}print(x)\n")
        XCTAssertEqual(r.status, 65)
        XCTAssertTrue(r.stderr.contains("script.inc:2:1: error: unexpected byte-order mark (U+FEFF, an invisible character some editors put at the start of a file)"), r.stderr)
    }

    func testOnlyTheProgramsOwnKindOfFileIsReplacedAndThenWithANote() throws {
        try "my notes".write(toFile: dir + "/notes.npy", atomically: true, encoding: .utf8)
        var r = try run("import torch\nx = torch.ones(2)\nsave(x, 'a.npy')\nsave(x, 'a.npy')\nsave(x, 'notes.npy')\n")
        XCTAssertEqual(r.status, 70)
        XCTAssertFalse(r.stderr.contains("note:"), "a file this run wrote is replaced silently:\n\(r.stderr)")
        XCTAssertTrue(r.stderr.contains("script.inc:5:1: error: torch.save(): notes.npy already exists and is not a .npy file this program could have written; not replacing it (it would be lost): move it or choose another name"), r.stderr)
        XCTAssertEqual(try String(contentsOfFile: dir + "/notes.npy", encoding: .utf8), "my notes")
        r = try run("import torch\nsave(torch.ones(2), 'a.npy')\n")
        XCTAssertEqual(r.status, 0)
        XCTAssertEqual(r.stderr, "note: torch.save(): replacing the existing file a.npy\n")
    }
}
