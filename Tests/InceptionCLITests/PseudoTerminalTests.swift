import Foundation
import TestSupport
import XCTest

/// The REPL on a real terminal: `script` (util-linux) gives it a pseudo-terminal, so readline is
/// in charge, and the keys below are what a learner would type, Tab and arrow keys included.
final class PseudoTerminalTests: XCTestCase {
    static let lessons = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("InceptionREPLTests/Fixtures/Lessons").path

    /// Types `keys` into `inception --lessons … 2` on a pseudo-terminal; returns what it showed.
    func type(_ keys: String, state: String) throws -> String {
        let command = "'\(InceptionBinary.url.path)' --lessons '\(Self.lessons)' 2"
        // Keys typed before readline has the terminal are taken by the terminal's line editing;
        // the REPL writes its progress file just before its first prompt, so wait for that.
        let progress = state + "/inception/progress.json"
        try? FileManager.default.removeItem(atPath: progress)
        let result = try InceptionBinary.runProgram("/usr/bin/script", ["-qfec", command, "/dev/null"], stdin: keys,
                                                    environment: ["XDG_STATE_HOME": state, "TERM": "xterm"]) {
            for _ in 0..<300 where !FileManager.default.fileExists(atPath: progress) { Thread.sleep(forTimeInterval: 0.05) }
            Thread.sleep(forTimeInterval: 0.3)
        }
        XCTAssertEqual(result.status, 0, result.stderr)
        // What a person would read: no carriage returns, no terminal control sequences.
        return result.stdout.replacingOccurrences(of: "\r", with: "")
            .replacingOccurrences(of: "\u{1B}\\[\\?[0-9]+[hl]", with: "", options: .regularExpression)
            .replacingOccurrences(of: "\u{08}", with: "")
    }

    func testTabCompletesAVariableAndHistorySurvivesARestart() throws {
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "needs util-linux's script for a pseudo-terminal")
        let state = try InceptionBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: state) }

        // "ne" + Tab completes to the lesson's `net`, which then prints as a module tree.
        let first = try type(":run\nne\t\nprint(21*2)\n:quit\n", state: state)
        XCTAssertTrue(first.contains("[02-blocks 2/2] > net \nTiny(\n  (stem): BasicConv2d("), first)
        XCTAssertTrue(first.contains("> print(21*2)\n42\n"), first)
        let history = try String(contentsOfFile: state + "/inception/history", encoding: .utf8)
        XCTAssertEqual(history, ":run\nnet \nprint(21*2)\n:quit\n")

        // A new session: Up, Up recalls the previous session's print(21*2).
        let second = try type("\u{1B}[A\u{1B}[A\n:quit\n", state: state)
        XCTAssertTrue(second.contains("print(21*2)\n42\n"), second)
    }
}
