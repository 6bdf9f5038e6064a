import InceptionLanguage
import XCTest

/// Tabs indent as in Python (to the next multiple of 8); a mix whose blocks depend on the tab
/// width is Python's TabError.
extension ErrorMessageTests {
    func testInconsistentTabsAndSpacesArePythonsTabError() {
        let (code, text) = failure("if True:\n\tx = 1\n        print(x)\n")
        XCTAssertEqual(code, 65)
        XCTAssertTrue(text.hasPrefix("e.inc:3:1: error: TabError: inconsistent use of tabs and spaces in indentation"), text)
    }

    func testConsistentTabIndentationRuns() {
        XCTAssertEqual(InterpreterTests.run("def f(x):\n\tif x > 0:\n\t\treturn [\n\t\t\tx]\n\treturn []\nfor i in range(2):\n\tprint(f(i))\n"), "[]\n[1]\n")
    }
}
