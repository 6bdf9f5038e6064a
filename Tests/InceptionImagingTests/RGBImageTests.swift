import InceptionImaging
import XCTest

final class RGBImageTests: XCTestCase {
    func testImagesWithEqualPixelsAreEqual() {
        XCTAssertEqual(RGBImage(width: 1, height: 1, pixels: [1, 2, 3]), RGBImage(width: 1, height: 1, pixels: [1, 2, 3]))
    }
}
