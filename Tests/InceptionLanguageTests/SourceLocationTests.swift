import InceptionLanguage
import XCTest

final class SourceLocationTests: XCTestCase {
    func testDescriptionIsFileLineColumn() {
        XCTAssertEqual(SourceLocation(file: "01-shapes.md", line: 12, column: 5).description, "01-shapes.md:12:5")
    }
}
