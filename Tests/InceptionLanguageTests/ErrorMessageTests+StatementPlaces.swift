import InceptionLanguage
import XCTest

/// Statements Python refuses before running anything: `break` / `continue` outside a loop
/// (also in a loop's else block, or in a def inside a loop), and bytes literals, which the
/// language does not have. Each is one syntax error naming the line; nothing runs.
extension ErrorMessageTests {
    func testBreakOutsideALoopIsASyntaxErrorBeforeAnythingRuns() {
        let (code, text) = failure("print(1)\nif True:\n    break\nprint(2)\n")
        XCTAssertEqual(code, 65)
        XCTAssertTrue(text.hasPrefix("e.inc:3:5: error: 'break' outside loop"), text)
        XCTAssertFalse(text.contains("\n1\n"), text)
    }

    func testContinueInADefInsideALoopAndBreakInALoopsElseAreRefused() {
        let (code, text) = failure("for i in range(2):\n    def f():\n        continue\nelse:\n    break\n")
        XCTAssertEqual(code, 65)
        XCTAssertTrue(text.contains("e.inc:3:9: error: 'continue' not properly in loop"), text)
        XCTAssertTrue(text.contains("e.inc:5:5: error: 'break' outside loop"), text)
    }

    func testBreakAndContinueInsideLoopsStillRun() {
        let source = "for i in range(5):\n    if i == 1:\n        continue\n    while True:\n        break\n    if i == 3:\n        break\n    print(i)\n"
        XCTAssertEqual(InterpreterTests.run(source), "0\n2\n")
    }

    func testBytesLiteralIsRefusedByName() {
        let (code, text) = failure("data = b'abc'\n")
        XCTAssertEqual(code, 65)
        XCTAssertTrue(text.hasPrefix("e.inc:1:8: error: bytes literals (b'…') are not supported here"), text)
    }
}
