import Foundation
import TestSupport
import XCTest

/// Inputs that used to crash the program (issue #17), run in the built binary: each ends in
/// one clear line, a script exits 65 (syntax) or 70 (runtime), and a piped REPL session
/// goes on to its last line.
final class HardeningTests: XCTestCase {
    var dir = ""
    override func setUpWithError() throws { dir = try InceptionBinary.temporaryDirectory() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    static let end = "end of session"

    /// Runs `source` with `inception run`; returns (status, stderr's first line).
    func script(_ source: String, environment: [String: String] = [:], file: StaticString = #filePath, line: UInt = #line) throws -> (Int32, String, CommandResult) {
        let path = dir + "/script.inc"
        try source.write(toFile: path, atomically: true, encoding: .utf8)
        let r = try InceptionBinary.run(["run", path], environment: ["XDG_STATE_HOME": dir].merging(environment) { $1 }, currentDirectory: dir)
        XCTAssertFalse(r.stderr.contains("Fatal error") || r.stderr.contains("Backtracing"), "crashed:\n\(r.stderr.prefix(2000))", file: file, line: line)
        let first = r.stderr.split(separator: "\n").first.map(String.init) ?? ""
        return (r.status, first, r)
    }

    /// Asserts that `source` fails with `status` and a first error line ending in `message`.
    func assertScript(_ source: String, _ status: Int32, _ message: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let (s, first, r) = try script(source, file: file, line: line)
        XCTAssertEqual(s, status, r.stderr.prefix(1000).description, file: file, line: line)
        XCTAssertTrue(first.hasSuffix("error: " + message), "got: \(first.prefix(600))", file: file, line: line)
    }

    /// Types `lines` into a piped REPL, then a last print; asserts the session reached it.
    @discardableResult
    func repl(_ lines: [String], environment: [String: String] = [:], file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let input = (lines + ["print('\(Self.end)')"]).joined(separator: "\n") + "\n"
        let r = try InceptionBinary.run([], stdin: input, environment: ["XDG_STATE_HOME": dir].merging(environment) { $1 }, currentDirectory: dir)
        XCTAssertFalse(r.stderr.contains("Fatal error") || r.stderr.contains("Backtracing"), "crashed:\n\(r.stderr.prefix(2000))", file: file, line: line)
        XCTAssertTrue(r.stdout.contains("\n" + Self.end), "the session did not reach its end:\n\(r.stdout.suffix(1500))", file: file, line: line)
        return r.stdout
    }

    func assertLine(_ text: String, _ expected: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertTrue(text.split(separator: "\n").contains { $0.hasSuffix(expected) }, "no line ending in:\n  \(expected)\nin:\n\(text.suffix(3000))", file: file, line: line)
    }

    // MARK: 1. memory safety

    func testHeatmapIndicesAreCheckedAndNegativeOnesCountFromTheEnd() throws {
        let out = try repl(["x = torch.randn(1, 2, 3, 3)", ":heatmap x 0 -1", ":heatmap x -100000 0", ":heatmap x 0 2",
                            ":show x [-100000]", ":show x [0, -1, -1, -1]"])
        XCTAssertTrue(out.contains("x[0, 1]  3×3  min "), out)     // -1 is the last channel
        assertLine(out, "x is 1×2×3×3: image n must be in 0…0 (or -1…-1) and channel c in 0…1 (or -2…-1)")
        assertLine(out, "index -100000 is out of range for dimension 0 of size 1")
    }

    func testInspectingNaNInfinityAndEmptyTensors() throws {
        try repl(["x = torch.randn(1, 1, 3, 3) / 0", ":hist x", ":heatmap x", ":stats x", "z = torch.zeros(0, 3)", ":hist z", ":heatmap z", ":show z"])
    }

    // MARK: 2. stack depth

    func testDeepNestingIsASyntaxError() throws {
        let nested = "too deeply nested: more than 200 levels of brackets, operators or blocks"
        try assertScript("x = " + String(repeating: "(", count: 2000) + "1" + String(repeating: ")", count: 2000), 65, nested)
        try assertScript("x = " + String(repeating: "[", count: 2000) + "1" + String(repeating: "]", count: 2000), 65, nested)
        try assertScript("x = " + String(repeating: "not ", count: 2000) + "1", 65, nested)
        try assertScript("x = " + String(repeating: "-", count: 2000) + "1", 65, nested)
        var blocks = ""
        for i in 0..<300 { blocks += String(repeating: " ", count: i) + "if True:\n" }
        blocks += String(repeating: " ", count: 300) + "pass\n"
        try assertScript(blocks, 65, nested)
    }

    func testLongChainsAreASyntaxError() throws {
        let deep = "this expression is more than 500 levels deep (a long chain like 1 + 1 + … nests one level per operator)"
        try assertScript("x = 1" + String(repeating: " + 1", count: 3000), 65, deep)
        try assertScript("a = 1\nx = a" + String(repeating: ".a", count: 3000), 65, deep)
        try assertScript("def f(x):\n    return f\nx = f" + String(repeating: "(1)", count: 3000), 65, deep)
    }

    func testDeepCallsEndInAnError() throws {
        // 150 nested lists around a call that recurses: the stack runs out before the call limit.
        let source = "def f(n):\n    return " + String(repeating: "[", count: 150) + "f(n + 1)" + String(repeating: "]", count: 150) + "\nf(0)\n"
        let (status, first, _) = try script(source)
        XCTAssertEqual(status, 70)
        XCTAssertTrue(first.contains("too deeply nested to evaluate") || first.contains("too many nested calls"), first)
    }

    func testSelfContainingListsPrintAndCompare() throws {
        let (status, _, r) = try script("a = [1]\na.append(a)\nprint(a)\nprint(a == a)\nb = [1]\nb.append(b)\nprint(a == b)\n")
        XCTAssertEqual(status, 70)
        XCTAssertEqual(r.stdout, "[1, [...]]\nTrue\n")
        XCTAssertTrue(r.stderr.hasPrefix(dir + "/script.inc:7:7: error: maximum depth exceeded while comparing: the values nest more than 1000 levels (a list that contains itself?)"), r.stderr)
    }

    func testDeeplyNestedValuesAreReleasedWithoutRecursion() throws {
        let (status, _, r) = try script("""
            x = [0]
            for i in range(100000):
                x = [x]
            y = (0,)
            for i in range(100000):
                y = (y,)
            d = {}
            for i in range(100000):
                d = {1: d}
            print(len(str(y)) > 0, d == d)
            x = 1
            y = 2
            print("released")
            """)
        XCTAssertEqual(status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "True True\nreleased\n")
    }

    func testNpyHeaderNestingIsRefused() throws {
        let header = "{'descr': '<f4', 'fortran_order': False, 'shape': " + String(repeating: "(", count: 100_000) + "1"
            + String(repeating: ")", count: 100_000) + ", }\n"
        var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [2, 0]
        bytes += withUnsafeBytes(of: UInt32(header.utf8.count).littleEndian) { Array($0) } + Array(header.utf8)
        try Data(bytes).write(to: URL(fileURLWithPath: dir + "/deep.npy"))
        let r = try InceptionBinary.run(["forward", "--input", dir + "/deep.npy"])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stderr, "Error: \(dir)/deep.npy: the header is not a valid Python dict literal (brackets nested more than 16 deep at byte 66): the file is corrupt\n")
    }

    // MARK: 3. integer overflow

    func testIntegerOverflowIsAnError() throws {
        let m = "m = -9223372036854775807 - 1\n"
        let range = "(-2^63 … 2^63 − 1)"
        try assertScript(m + "print(-m)", 70, "integer overflow: -(-9223372036854775808) does not fit in a 64-bit int \(range)")
        try assertScript(m + "print(abs(m))", 70, "integer overflow: abs(-9223372036854775808) does not fit in a 64-bit int \(range)")
        try assertScript(m + "print(m // -1)", 70, "integer overflow: -9223372036854775808 // -1 does not fit in a 64-bit int \(range)")
        try assertScript("print(round(float('nan')))", 70, "cannot convert float NaN to integer")
        try assertScript("print(round(1e300))", 70, "integer overflow: round() = 1e+300 does not fit in a 64-bit int \(range)")
        try assertScript(m + "print(len(range(m, 9223372036854775807)))", 70, "range() of more than 10,000,000 numbers")
        try assertScript("print(f'{1:100000000000000000000}')", 70, "format spec '100000000000000000000': a width or precision above 10,000 is not supported")
        try assertScript("x = torch.zeros(2**40, 2**40)", 70, "integer overflow: the shape 1099511627776×1099511627776 of zeros() has more than 2^63 values")
        try assertScript("x = torch.zeros(2, 4)\ny = x.view(2**62, 4)", 70, "integer overflow: the shape 4611686018427387904×4 of a reshape has more than 2^63 values")
        let (status, _, r) = try script(m + "print(m % -1, 1 ** 10**18, [1, 2][::9223372036854775807])")
        XCTAssertEqual(status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "0 1 [1]\n")
    }

    func testOverflowingShapesOnTheCommandLine() throws {
        let out = try repl([":summary 4611686018427387904,3,224,224", ":summary -1,3,224,224"])
        assertLine(out, "integer overflow: the shape 4611686018427387904×3×224×224 of the :summary input has more than 2^63 values")
        assertLine(out, "the input shape is N,C,H,W (four numbers ≥ 1), e.g. 1,3,224,224")
        var r = try InceptionBinary.run(["forward", "--random", "4611686018427387904,3,224,224"])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stderr, "Error: integer overflow: the shape 4611686018427387904×3×224×224 of --random has more than 2^63 values\n")
        r = try InceptionBinary.run(["summary", "--input", "4611686018427387904,3,224,224"])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stderr, "Error: integer overflow: the shape 4611686018427387904×3×224×224 of a summary's --input has more than 2^63 values\n")
    }

    // MARK: 4. memory budget

    func testTheMemoryBudgetRefusesHugeAllocations() throws {
        let budget = "the memory budget is 8 GiB (set INCEPTION_MEMORY_BUDGET, e.g. INCEPTION_MEMORY_BUDGET=16G, to change it)"
        let values = "an eighth of the memory budget (set INCEPTION_MEMORY_BUDGET, e.g. INCEPTION_MEMORY_BUDGET=16G, to change it)"
        try assertScript("x = torch.randn(100000, 100000)", 70, "randn() (100000×100000) needs 37.3 GiB; \(budget)")
        try assertScript("a = [0] * 10**10", 70, "a list × 10000000000 needs 223.5 GiB; one list or string may take at most 1 GiB, \(values)")
        try assertScript("s = 'abc' * 10**9", 70, "a string × 1000000000 needs 2.8 GiB; one list or string may take at most 1 GiB, \(values)")
        try assertScript("c = nn.Conv2d(3, 4, 3, padding=100000)\ny = c(torch.randn(1, 3, 4, 4))", 70,
                         "the output of Conv2d (1×4×200002×200002) needs 596.1 GiB; \(budget)")
        try assertScript("c = nn.Conv2d(3, 4, 3, padding=10000)\ny = c(torch.randn(1, 3, 4, 4))", 70,
                         "Conv2d's unfolded input (im2col) (27×400080004) needs 40.2 GiB; \(budget)")
        try assertScript("x = torch.randn(100000, 1) @ torch.randn(1, 100000)", 70, "the result of '@' (100000×100000) needs 37.3 GiB; \(budget)")
        // The environment variable sets the budget.
        let (status, first, _) = try script("x = torch.zeros(1000, 1000)", environment: ["INCEPTION_MEMORY_BUDGET": "1M"])
        XCTAssertEqual(status, 70)
        XCTAssertTrue(first.hasSuffix("error: zeros() (1000×1000) needs 3.8 MiB; the memory budget is 1 MiB (set INCEPTION_MEMORY_BUDGET, e.g. INCEPTION_MEMORY_BUDGET=16G, to change it)"), first)
        try repl(["x = torch.randn(100000, 100000)", "a = [0] * 10**10"])
    }

    func testBenchAndForwardCheckTheBudgetAndThreads() throws {
        var r = try InceptionBinary.run(["bench", "--batch", "100000"])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.hasPrefix("Error: the benchmark's forward pass's input (100000×3×224×224) needs 56.1 GiB"), r.stderr)
        r = try InceptionBinary.run(["bench", "--batch", "1000"])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.hasPrefix("Error: the benchmark's forward pass of batch 1000 (1000×3×224×224, its layers' outputs together) needs "), r.stderr)
        XCTAssertTrue(r.stderr.hasSuffix("; the memory budget is 8 GiB (set INCEPTION_MEMORY_BUDGET, e.g. INCEPTION_MEMORY_BUDGET=16G, to change it)\n"), r.stderr)
        r = try InceptionBinary.run(["bench", "--threads", "100000"])
        XCTAssertEqual(r.status, 64)
        XCTAssertTrue(r.stderr.hasPrefix("Error: --threads must be between 1 and 256"), r.stderr)
        r = try InceptionBinary.run(["forward", "--random", "1,3,64,64", "--threads", "100000"])
        XCTAssertEqual(r.status, 64)
        XCTAssertTrue(r.stderr.hasPrefix("Error: --threads must be between 1 and 256"), r.stderr)
        // 10M: every weight fits (the largest, aux's fc, is 8 MiB), the whole pass does not.
        r = try InceptionBinary.run(["forward", "--random", "2,3,224,224", "--memory-budget", "10M"])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.hasPrefix("Error: the forward pass of batch 2 (2×3×224×224, its layers' outputs together) needs "), r.stderr)
        r = try InceptionBinary.run(["forward", "--random", "1,3,64,64", "--memory-budget", "1M"])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.hasPrefix("Error: Conv2d's weight (256×128×3×3) needs 1.1 MiB; the memory budget is 1 MiB"), r.stderr)
    }

    // MARK: 5. decompression bombs and corrupt JPEGs

    /// The sample picture as a JPEG, with `change` applied to its bytes.
    func jpeg(_ name: String, _ change: (inout [UInt8]) -> Void) throws -> String {
        let path = dir + "/\(name).jpg"
        let made = try InceptionBinary.run(["sample-image", path, "--width", "64", "--height", "64"])
        XCTAssertEqual(made.status, 0, made.stderr)
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        change(&bytes)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    func testJPEGBombsAndCorruptDataAreRefused() throws {
        let bomb = try jpeg("bomb") { b in
            // The baseline frame header (FF C0): height and width at offsets 5 and 7.
            let i = (0..<(b.count - 1)).first { b[$0] == 0xFF && b[$0 + 1] == 0xC0 }!
            b[i + 5] = 0x4E; b[i + 6] = 0x20; b[i + 7] = 0x4E; b[i + 8] = 0x20       // 20000×20000
        }
        var r = try InceptionBinary.run(["forward", "--image", bomb])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stderr, "Error: \(bomb): the JPEG is 20000×20000 pixels, more than the 268435456 this program loads: a picture this big is not needed (the network sees 224×224)\n")
        let corrupt = try jpeg("corrupt") { b in
            for k in (b.count / 2)..<(b.count / 2 + 40) { b[k] = k % 7 == 0 ? 0xFF : b[k] ^ 0x55 }
        }
        r = try InceptionBinary.run(["forward", "--image", corrupt])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.hasPrefix("Error: \(corrupt): not a readable JPEG: Corrupt JPEG data"), r.stderr)
    }

    // MARK: 6. error output stays short

    func testManyErrorsAndLongLinesAreCapped() throws {
        let (status, _, r) = try script("x = " + String(repeating: "(", count: 20_000) + "\n")
        XCTAssertEqual(status, 65)
        XCTAssertLessThan(r.stderr.utf8.count, 4000)
        XCTAssertTrue(r.stderr.contains("\n… and 19,990 more errors\n"), r.stderr)
        let lines = r.stderr.split(separator: "\n")
        XCTAssertEqual(lines[1], "   1 | x = " + Substring(String(repeating: "(", count: 116)) + "…")
        XCTAssertTrue(lines.allSatisfy { $0.count < 140 })
        // A call repeated in a row is one "called from" line, with its count (the recursion limit
        // set low, so that the depth is the limit's and not the stack's).
        let (_, _, deep) = try script("import sys\nsys.setrecursionlimit(200)\ndef f(n):\n    return f(n + 1)\nf(0)\n")
        let calls = deep.stderr.split(separator: "\n").filter { $0.hasPrefix("  called from ") }
        XCTAssertEqual(calls.map { $0.replacingOccurrences(of: #"^  called from .*/"#, with: "", options: .regularExpression) },
                       ["script.inc:4:12 (198 times)", "script.inc:5:1"], deep.stderr)
        XCTAssertFalse(deep.stderr.contains("more calls"), deep.stderr)
    }

    // MARK: 7. the debugger's prompt and Ctrl-C in `inception run`

    static let network = ["net = torch.nn.Sequential(torch.nn.Conv2d(3, 4, 3), torch.nn.ReLU())", "x = torch.randn(1, 3, 8, 8)"]

    func testBreakpointsOnMissingPathsAreRefused() throws {
        let out = try repl([":break does.not.exist"] + Self.network + [":break does.not.exist", ":break", ":break 1", ":break"])
        assertLine(out, "no module has the path 'does.not.exist': build a network first (e.g. net = reference(), the seed's Inception V1), then set the breakpoint; no breakpoint set")
        assertLine(out, "no module has the path 'does.not.exist' (e.g. 0, 1); no breakpoint set")
        assertLine(out, "no breakpoints: :break inception4a pauses before inception4a runs")
        assertLine(out, "breakpoints: 1")
    }

    func testRestartWhilePausedWaitsAndContinueFinishesTheRun() throws {
        let out = try repl(Self.network + [":break 1", "y = net(x)", ":restart", ":continue", "print(y.shape)"])
        assertLine(out, "paused inside a forward pass: :restart must wait until it ends (:continue runs it to the end, :quit leaves)")
        assertLine(out, "torch.Size([1, 4, 6, 6])")
    }

    func testQuitWithWordsWhilePausedQuits() throws {
        let input = (Self.network + [":break 1", "y = net(x)", ":q foo", ":continue", "print('after quit')"]).joined(separator: "\n") + "\n"
        let r = try InceptionBinary.run([], stdin: input, environment: ["XDG_STATE_HOME": dir], currentDirectory: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("\nstopping the forward pass and quitting\n"), r.stdout)
        XCTAssertFalse(r.stdout.contains("after quit"), r.stdout)
    }

    func testCtrlCInRunSaysWhereItStoppedAndExits130() throws {
        let path = dir + "/loop.inc"
        try "x = 0\nfor i in range(10000000):\n    x = x + i\nprint(x)\n".write(toFile: path, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = InceptionBinary.url
        process.arguments = ["run", path]
        process.environment = ProcessInfo.processInfo.environment.merging(["XDG_STATE_HOME": dir]) { $1 }
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: 1.5)
        kill(process.processIdentifier, SIGINT)
        let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 130)
        XCTAssertEqual(text, "interrupted (Ctrl-C) at \(path):2:1\n")
    }

    // MARK: 8. the learner's data

    func testUnreadableProgressIsKeptAndNamed() throws {
        let state = dir + "/inception"
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        let cases: [(String, String)] = [
            ("", "the file is empty"),
            ("{\"cells\": {", "it is not valid JSON: it may be cut short or hand-edited"),
            ("{\"cells\": {\"01-tensors-and-shapes\": \"x\"}}", "'cells.01-tensors-and-shapes' is not a whole number"),
            ("{\"schemaVersion\": 7}", "'schemaVersion': the file has schema version 7, from a newer inception (this one reads 1)"),
        ]
        for (content, reason) in cases {
            try? FileManager.default.removeItem(atPath: state + "/progress.unreadable.json")
            try content.write(toFile: state + "/progress.json", atomically: true, encoding: .utf8)
            let out = try repl([":next"])
            assertLine(out, "warning: \(state)/progress.json could not be read (\(reason)); it is kept as \(state)/progress.unreadable.json, and a fresh record of your progress starts now")
            XCTAssertEqual(try String(contentsOfFile: state + "/progress.unreadable.json", encoding: .utf8), content)
            XCTAssertTrue(try String(contentsOfFile: state + "/progress.json", encoding: .utf8).contains("\"schemaVersion\" : 1"))
        }
        // Counts of ±2^63 are clamped, not overflowed.
        try "{\"hintsShown\": {\"a\": -9223372036854775808}, \"cells\": {\"01-tensors-and-shapes\": 9223372036854775807}}"
            .write(toFile: state + "/progress.json", atomically: true, encoding: .utf8)
        try repl([":next", ":hint"])
    }

    func testSaveRefusesLinksAndDevices() throws {
        try FileManager.default.createSymbolicLink(atPath: dir + "/link.npy", withDestinationPath: dir + "/elsewhere.npy")
        XCTAssertEqual(mkfifo(dir + "/pipe.npy", 0o644), 0)
        let out = try repl(["x = torch.zeros(2)", ":save x /dev/null", ":save x pipe.npy", ":save x link.npy", ":save x ok.npy"])
        assertLine(out, ":save writes .npy files: end the name with .npy (usage: :save X FILE.npy)")
        assertLine(out, ":save: pipe.npy is not a regular file (a device, pipe or socket); give another file name")
        assertLine(out, ":save: link.npy is a symbolic link (to \(dir)/elsewhere.npy); not writing through it: give the file's own path or another name")
        assertLine(out, "saved x (2) to ok.npy")
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/elsewhere.npy"))
    }

    // MARK: 9. where scripts may write

    func testScriptsWriteOnlyUnderTheirFolders() throws {
        let outside = try InceptionBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: outside) }
        let allowedPlaces = "scripts and lessons may write only under the working directory (\(dir)); to allow another folder, set INCEPTION_ALLOW_WRITES=/that/folder or pass --allow-writes /that/folder"
        let refusal = "torch.save(): refusing to write \(outside)/x.npy: " + allowedPlaces     // save is torch.save
        let (status, first, _) = try script("save(torch.zeros(2), '\(outside)/x.npy')")
        XCTAssertEqual(status, 70)
        XCTAssertTrue(first.hasSuffix("error: " + refusal), first)
        try assertScript("m = nn.Conv2d(1, 1, 1)\nsave_weights(m, '../../x.safetensors')", 70, "save_weights(): refusing to write ../../x.safetensors: " + allowedPlaces)
        XCTAssertFalse(FileManager.default.fileExists(atPath: outside + "/x.npy"))
        let (allowed, _, r) = try script("save(torch.zeros(2), '\(outside)/x.npy')\nsave(torch.zeros(2), 'here.npy')", environment: ["INCEPTION_ALLOW_WRITES": outside])
        XCTAssertEqual(allowed, 0, r.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: outside + "/x.npy"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir + "/here.npy"))
    }
}
