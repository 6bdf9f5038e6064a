import InceptionLanguage
import XCTest

/// Line endings as Python reads source: "\r\n" and a lone "\r" (classic Mac OS) end a line.
extension ErrorMessageTests {
    func testALoneCarriageReturnEndsALine() {
        var printed = ""
        let interpreter = Interpreter(output: { printed += $0 })
        let script = Script(text: "# a comment\rx = 2\r\nprint(x * 3)\r", file: "e.inc")
        XCTAssertEqual(script.run(in: interpreter).exitCode, 0)
        XCTAssertEqual(printed, "6\n")
        // the errors' lines count the lone "\r" lines
        let broken = Script(text: "x = 1\ry = (2,\r", file: "e.inc")
        XCTAssertTrue(broken.render(broken.run(in: interpreter)).hasPrefix("e.inc:2:5: error: '(' was never closed"), broken.render(broken.run(in: interpreter)))
        XCTAssertEqual(UTF8Text.universalNewlines("a\r\nb\rc\n\r\r\n"), "a\nb\nc\n\n\n")
    }
}
