import Foundation
import InceptionImaging
import InceptionRuntime
import TestSupport
import XCTest

/// Feature-map grids: layout arithmetic, colours at known values, channel labels, and the PNG
/// written and read back.
final class FeatureMapGridTests: XCTestCase {
    func testLayoutForInceptionSizes() {
        let grid = FeatureMapGrid()
        let a = grid.layout(channels: 256, height: 28, width: 28)
        XCTAssertEqual([a.columns, a.rows, a.zoom, a.tileWidth, a.labelHeight], [16, 16, 2, 56, 8])
        XCTAssertEqual([a.imageWidth, a.imageHeight], [2 + 16 * 58, 2 + 16 * (8 + 56 + 2)])
        XCTAssertEqual(a.summary, "256 channels in a 16×16 grid, each 28×28 map drawn 56×56")
        let b = grid.layout(channels: 1024, height: 7, width: 7)
        XCTAssertEqual([b.columns, b.rows, b.zoom], [32, 32, 6])
        let c = grid.layout(channels: 64, height: 112, width: 112)
        XCTAssertEqual([c.columns, c.rows, c.zoom], [8, 8, 1])
        let d = grid.layout(channels: 3, height: 4, width: 4)
        XCTAssertEqual([d.columns, d.rows], [2, 2])
        XCTAssertEqual(d.tileOrigin(2).x, 2)
        XCTAssertEqual(d.tileOrigin(2).y, 2 + (8 + 40 + 2) + 8)
    }

    func testViridisEnds() {
        XCTAssertTrue(ColorMap.viridis.color(0) == (0x44, 0x01, 0x54))
        XCTAssertTrue(ColorMap.viridis.color(1) == (0xFD, 0xE7, 0x25))
        XCTAssertTrue(ColorMap.viridis.color(0.5) == (0x21, 0x91, 0x8C))
        XCTAssertTrue(ColorMap.viridis.color(-3) == ColorMap.viridis.color(0))
        XCTAssertTrue(ColorMap.viridis.color(.nan) == ColorMap.viridis.color(0))
    }

    /// Two channels of a 1×2×2×2 map: a ramp (min → dark purple, max → yellow) and a constant
    /// (drawn in the start colour).
    func testEachChannelIsScaledOnItsOwn() throws {
        let x = try Tensor(shape: [1, 2, 2, 2], values: [-1, 0, 1, 3, 5, 5, 5, 5])
        let grid = FeatureMapGrid()
        let image = try grid.render(x)
        let layout = grid.layout(channels: 2, height: 2, width: 2)
        XCTAssertEqual([image.width, image.height], [layout.imageWidth, layout.imageHeight])
        let zoom = layout.zoom
        let o0 = layout.tileOrigin(0), o1 = layout.tileOrigin(1)
        XCTAssertTrue(image[o0.x, o0.y] == ColorMap.viridis.color(0))                         // −1: channel 0's minimum
        XCTAssertTrue(image[o0.x + zoom, o0.y + zoom] == ColorMap.viridis.color(1))           // 3: its maximum
        XCTAssertTrue(image[o0.x + zoom, o0.y] == ColorMap.viridis.color(0.25))               // 0 is a quarter of the way
        XCTAssertTrue(image[o1.x + 5, o1.y + 5] == ColorMap.viridis.color(0))                 // constant channel
        // Shared scaling puts channel 1's 5s at the top of the common range −1…5.
        let shared = try FeatureMapGrid(scaling: .shared).render(x)
        XCTAssertTrue(shared[o1.x, o1.y] == ColorMap.viridis.color(1))
        XCTAssertTrue(shared[o0.x + zoom, o0.y + zoom] == ColorMap.viridis.color(4.0 / 6))
    }

    /// Channel 10's label "10" sits above its tile in the label colour.
    func testChannelNumbersAreDrawnAboveTiles() throws {
        let grid = FeatureMapGrid()
        let image = try grid.render(Tensor(zeros: [1, 12, 3, 3]))
        let layout = grid.layout(channels: 12, height: 3, width: 3)
        let o = layout.tileOrigin(10)
        let top = o.y - layout.labelHeight + 1
        // "1" is 010 on its top row; "0" is 111: the pixel at column 1 of each digit is lit.
        XCTAssertTrue(image[o.x + 1, top] == (200, 200, 200))
        XCTAssertTrue(image[o.x + 4 + 1, top] == (200, 200, 200))
        XCTAssertTrue(image[o.x, top] == (24, 24, 24), "background beside the 1")
        let plain = try FeatureMapGrid(labels: false).render(Tensor(zeros: [1, 12, 3, 3]))
        XCTAssertLessThan(plain.height, image.height)
    }

    func testWrittenPNGReadsBackEqual() throws {
        let directory = try InceptionBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var rng = SeededRandom(seed: 4)
        let x = Tensor.randn([2, 10, 6, 5], rng: &rng)
        let path = directory + "/grid.png"
        let layout = try FeatureMapGrid().write(x, batchIndex: 1, to: path)
        let back = try ImageFile.read(path)
        XCTAssertEqual(back, try FeatureMapGrid().render(x, batchIndex: 1))
        XCTAssertEqual([back.width, back.height], [layout.imageWidth, layout.imageHeight])
        XCTAssertNotEqual(back, try FeatureMapGrid().render(x, batchIndex: 0))
    }

    func testNonMapOutputsAreOneClearLine() throws {
        XCTAssertThrowsError(try FeatureMapGrid().render(Tensor(zeros: [1, 1000]))) { error in
            XCTAssertEqual("\(error)", "feature map grid: needs a 4-D output (N, C, H, W) with values, got 1×1000; pick a module whose output is a stack of 2-D maps")
        }
        XCTAssertThrowsError(try FeatureMapGrid().render(Tensor(zeros: [1, 2, 3, 3]), batchIndex: 1)) { error in
            XCTAssertEqual("\(error)", "feature map grid: image 2 asked for, but the batch holds 1")
        }
    }
}
