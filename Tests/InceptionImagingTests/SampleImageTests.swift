import Foundation
import InceptionImaging
import XCTest

/// The drawn sample picture: what is where, and the committed Lessons/assets/sample.png is
/// exactly what the code draws.
final class SampleImageTests: XCTestCase {
    static let committed = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Lessons/assets/sample.png").path

    func testShapesAreWhereTheSceneSays() {
        let image = SampleImage.draw()
        XCTAssertEqual([image.width, image.height], [320, 240])
        XCTAssertTrue(image[100, 75] == (215, 35, 40), "red disc centre")
        XCTAssertTrue(image[100, 75 - 32] == (245, 245, 245), "white ring")
        XCTAssertTrue(image[155, 30] == (235, 235, 235), "checkerboard's first square is light")
        XCTAssertTrue(image[165, 30] == (20, 20, 20), "the next one is dark")
        XCTAssertTrue(image[222, 100] == (250, 205, 40), "first vertical stripe is yellow")
        XCTAssertTrue(image[230, 100] == (25, 35, 100), "second is blue")
        XCTAssertTrue(image[180, 102] == (250, 250, 250), "first horizontal stripe is white")
        XCTAssertTrue(image[180, 108] == (120, 20, 30), "second is dark red")
        XCTAssertTrue(image[120, 200] == (140, 60, 180), "purple triangle")
    }

    func testCommittedSampleEqualsTheDrawing() throws {
        XCTAssertEqual(try ImageFile.read(Self.committed), SampleImage.draw(),
                       "Lessons/assets/sample.png is out of date: run `inception sample-image Lessons/assets/sample.png`")
    }

    func testOtherSizesScaleTheScene() {
        let small = SampleImage.draw(width: 160, height: 120)
        XCTAssertTrue(small[50, 37] == (215, 35, 40))
    }
}
