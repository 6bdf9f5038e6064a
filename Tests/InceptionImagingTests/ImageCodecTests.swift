import Foundation
import InceptionImaging
import TestSupport
import XCTest

/// PNG and JPEG files written by the tests, read back: colour types, round trips, and bad
/// files that must give one clear line.
final class ImageCodecTests: XCTestCase {
    var directory = ""
    override func setUpWithError() throws { directory = try InceptionBinary.temporaryDirectory() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: directory) }

    func write(_ bytes: [UInt8], _ name: String) throws -> String {
        let path = directory + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    func assertImageError(_ body: @autoclosure () throws -> Any, _ expected: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try body(), file: file, line: line) { error in
            XCTAssertEqual("\(error)", expected, file: file, line: line)
        }
    }

    /// A 5×3 image whose every byte differs.
    let colourful = RGBImage(width: 5, height: 3, pixels: (0..<45).map { UInt8(($0 * 53 + 7) % 256) })

    // MARK: PNG

    func testPNGRoundTripIsExact() throws {
        let path = directory + "/round.png"
        try ImageFile.write(colourful, to: path)
        XCTAssertEqual(try ImageFile.read(path), colourful)
    }

    func testGreyPNGIsExpandedToRGB() throws {
        let path = try write(HandmadePNG.bytes(width: 3, height: 2, colorType: 0, rows: [[0, 128, 255], [10, 20, 30]]), "grey.png")
        XCTAssertEqual(try ImageFile.read(path).pixels, [0, 0, 0, 128, 128, 128, 255, 255, 255, 10, 10, 10, 20, 20, 20, 30, 30, 30])
    }

    func testRGBPNGWrittenByHand() throws {
        let path = try write(HandmadePNG.bytes(width: 2, height: 1, colorType: 2, rows: [[1, 2, 3, 250, 251, 252]]), "rgb.png")
        XCTAssertEqual(try ImageFile.read(path), RGBImage(width: 2, height: 1, pixels: [1, 2, 3, 250, 251, 252]))
    }

    func testPalettePNG() throws {
        let palette: [UInt8] = [255, 0, 0, 0, 0, 255]
        let path = try write(HandmadePNG.bytes(width: 3, height: 1, colorType: 3, rows: [[1, 0, 1]], palette: palette), "palette.png")
        XCTAssertEqual(try ImageFile.read(path).pixels, [0, 0, 255, 255, 0, 0, 0, 0, 255])
    }

    /// Alpha is dropped, not composited: the colours stay what the file says (PIL's convert("RGB")).
    func testAlphaIsDropped() throws {
        let path = try write(HandmadePNG.bytes(width: 2, height: 1, colorType: 6, rows: [[200, 100, 50, 255, 200, 100, 50, 128]]), "rgba.png")
        XCTAssertEqual(try ImageFile.read(path).pixels, [200, 100, 50, 200, 100, 50])
    }

    func testSixteenBitPNGIsScaledToEightBits() throws {
        let row: [UInt8] = [0x00, 0x00, 0x80, 0x80, 0xFF, 0xFF]
        let path = try write(HandmadePNG.bytes(width: 1, height: 1, colorType: 2, bitDepth: 16, rows: [row]), "deep.png")
        XCTAssertEqual(try ImageFile.read(path).pixels, [0, 128, 255])
    }

    func testCorruptPNGIsOneLine() throws {
        var bytes = HandmadePNG.bytes(width: 2, height: 2, colorType: 2, rows: [[UInt8](repeating: 9, count: 6), [UInt8](repeating: 9, count: 6)])
        bytes[bytes.count - 20] ^= 0xFF                               // zlib's checksum inside IDAT no longer matches
        let path = try write(bytes, "corrupt.png")
        assertImageError(try ImageFile.read(path), "\(path): the PNG data is corrupt: IDAT: incorrect data check")
        let truncated = try write(Array(HandmadePNG.bytes(width: 2, height: 2, colorType: 0, rows: [[1, 2], [3, 4]]).prefix(20)), "short.png")
        assertImageError(try ImageFile.read(truncated), "\(truncated): not a readable PNG: read beyond end of data")
    }

    // MARK: JPEG

    func testJPEGRoundTripIsClose() throws {
        var gradient = RGBImage(width: 48, height: 32)
        for y in 0..<32 { for x in 0..<48 { gradient[x, y] = (UInt8(x * 5), UInt8(y * 7), UInt8(128)) } }
        let path = directory + "/gradient.jpg"
        try ImageFile.write(gradient, to: path, jpegQuality: 95)
        XCTAssertEqual(Array(try Data(contentsOf: URL(fileURLWithPath: path)).prefix(3)), [0xFF, 0xD8, 0xFF])
        let back = try ImageFile.read(path)
        XCTAssertEqual(back.width, 48)
        XCTAssertEqual(back.height, 32)
        let worst = zip(back.pixels, gradient.pixels).map { abs(Int($0) - Int($1)) }.max() ?? 0
        XCTAssertLessThanOrEqual(worst, 6, "JPEG at quality 95 stays within 6 levels on a smooth gradient")
        // Decoding is deterministic: libjpeg's default (islow) DCT, as PIL uses.
        XCTAssertEqual(try ImageFile.read(path), back)
    }

    /// A CMYK JPEG (Adobe's inverted ink, as print workflows save them) reads as the RGB
    /// PIL's convert("RGB") gives, byte for byte (fixture: Fixtures/pil/make_pil_fixtures.py).
    func testCMYKJPEGReadsAsPILConvertsIt() throws {
        let ours = try ImageFile.read(Fixtures.path("pil/cmyk_24x16.jpg"))
        let expected = try ImageFile.read(Fixtures.path("pil/pil_cmyk_24x16_rgb.png"))
        XCTAssertEqual(ours.width, 24); XCTAssertEqual(ours.height, 16)
        XCTAssertEqual(ours.pixels, expected.pixels)
    }

    func testBadJPEGsAreOneLine() throws {
        let good = try JPEGCodec.encode(RGBImage(width: 64, height: 64, fill: (90, 160, 30)), quality: 90)
        let cutInData = try write(Array(good.prefix(good.count - 40)), "cut.jpg")
        assertImageError(try ImageFile.read(cutInData), "\(cutInData): not a readable JPEG: Premature end of JPEG file")
        let cutInHeader = try write(Array(good.prefix(200)), "header.jpg")
        assertImageError(try ImageFile.read(cutInHeader), "\(cutInHeader): not a readable JPEG: Invalid JPEG file structure: missing SOS marker")
        let garbage = try write([0xFF, 0xD8, 0xFF, 0x00, 1, 2, 3, 4, 5, 6, 7, 8], "garbage.jpg")
        assertImageError(try ImageFile.read(garbage), "\(garbage): not a readable JPEG: JPEG datastream contains no image")
    }

    // MARK: files

    func testOtherFilesAreOneClearLine() throws {
        let gif = try write(Array("GIF89a".utf8), "picture.gif")
        assertImageError(try ImageFile.read(gif), "\(gif): not a PNG or JPEG image (it starts with bytes 47 49 46 38): convert it to PNG or JPEG first")
        let empty = try write([], "empty.png")
        assertImageError(try ImageFile.read(empty), "\(empty): the file is empty: give a PNG or JPEG image")
        assertImageError(try ImageFile.read(directory + "/missing.png"), "\(directory)/missing.png: no such file: check the path")
        assertImageError(try ImageFile.read(directory), "\(directory): is a directory, not an image file")
        assertImageError(try ImageFile.write(colourful, to: directory + "/x.bmp"),
                         "\(directory)/x.bmp: cannot tell the image format from the extension '.bmp': end the name with .png, .jpg or .jpeg")
        assertImageError(try ImageFile.write(colourful, to: directory + "/no/such/dir/x.png"),
                         "\(directory)/no/such/dir/x.png: the file cannot be written: check that its directory exists and is writable")
    }
}
