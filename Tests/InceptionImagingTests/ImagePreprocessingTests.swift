import Foundation
import InceptionImaging
import InceptionRuntime
import TestSupport
import XCTest

/// torchvision's ImageNet preprocessing: sizes as torchvision computes them, the resize
/// byte for byte against PIL (fixtures made by Tests/TestSupport/Fixtures/pil/make_pil_fixtures.py
/// with Pillow 13), the centre crop's rounding, and the normalised values.
final class ImagePreprocessingTests: XCTestCase {
    /// The fixture script's pattern: (x·37 + y·91 + c·53 + ((x·y) mod 17)·7) mod 256.
    func pattern(_ width: Int, _ height: Int) -> RGBImage {
        var pixels: [UInt8] = []
        for y in 0..<height { for x in 0..<width { for c in 0..<3 { pixels.append(UInt8((x * 37 + y * 91 + c * 53 + ((x * y) % 17) * 7) % 256)) } } }
        return RGBImage(width: width, height: height, pixels: pixels)
    }

    func fnv1a64(_ bytes: [UInt8]) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h
    }

    func testResizeEqualsPILByteForByte() throws {
        for (w, h) in [(17, 11), (80, 45), (50, 13)] {
            let expected = try ImageFile.read(Fixtures.path("pil/pil_resize_50x30_to_\(w)x\(h).png"))
            let ours = ImageResize.bilinear(pattern(50, 30), width: w, height: h)
            XCTAssertEqual(ours.width, w); XCTAssertEqual(ours.height, h)
            let differing = zip(ours.pixels, expected.pixels).filter { $0 != $1 }.count
            XCTAssertEqual(differing, 0, "50×30 → \(w)×\(h): \(differing) bytes differ from PIL")
        }
    }

    /// Resize(256) + CenterCrop(224) of three patterns: landscape, portrait (odd crop offset),
    /// and square (no resize at all), against PIL's bytes' checksums.
    func testResizeAndCropEqualPIL() {
        let cases: [(Int, Int, UInt64, [UInt8])] = [
            (300, 200, 0x90e3_a7a0_11c1_4dee, [170, 184, 115, 164, 134, 31]),
            (123, 234, 0x3aef_e1e7_b494_a7a5, [221, 18, 71, 222, 19, 72]),
            (256, 256, 0xc7d2_3575_0d2d_ad93, [7, 60, 113, 37, 90, 143]),
        ]
        for (w, h, checksum, first) in cases {
            let out = ImageNetPreprocessing.centerCrop(ImageNetPreprocessing.resizeShorterSide(pattern(w, h)))
            XCTAssertEqual(Array(out.pixels.prefix(6)), first, "\(w)×\(h)")
            XCTAssertEqual(fnv1a64(out.pixels), checksum, "\(w)×\(h)")
        }
    }

    func testSizesAsTorchvisionComputesThem() {
        let cases: [((Int, Int), (Int, Int))] = [
            ((640, 480), (341, 256)), ((480, 640), (256, 341)), ((256, 256), (256, 256)),
            ((300, 200), (384, 256)), ((123, 234), (256, 487)), ((320, 240), (341, 256)), ((100, 100), (256, 256)),
        ]
        for ((w, h), (ew, eh)) in cases {
            let got = ImageNetPreprocessing.resizedSize(width: w, height: h)
            XCTAssertEqual([got.width, got.height], [ew, eh], "\(w)×\(h)")
        }
    }

    /// CenterCrop's offset is round((size − 224) / 2) with Python's round half to even:
    /// 257 − 224 = 33 → 16.5 → 16; 259 − 224 = 35 → 17.5 → 18.
    func testCentreCropRoundsHalfToEven() {
        for (width, left) in [(257, 16), (259, 18), (224, 0), (230, 3)] {
            var image = RGBImage(width: width, height: 224)
            for x in 0..<width { for y in 0..<224 { image[x, y] = (UInt8(x % 256), 0, 0) } }
            XCTAssertEqual(ImageNetPreprocessing.centerCrop(image)[0, 0].r, UInt8(left), "width \(width)")
        }
    }

    func testNormalisedTensorValues() throws {
        let image = RGBImage(width: 224, height: 224, fill: (255, 0, 128))
        let x = try ImageNetPreprocessing.tensor(from: image)
        XCTAssertEqual(x.shape, [1, 3, 224, 224])
        XCTAssertEqual(x[0, 0, 0, 0], (1 - 0.485) / 0.229)
        XCTAssertEqual(x[0, 1, 100, 7], (0 - 0.456) / 0.224)
        XCTAssertEqual(x[0, 2, 223, 223], (Float(128) / 255 - 0.406) / 0.225)
    }

    func testLoadImageFromPNGAndJPEGGivesOneImageBatch() throws {
        let directory = try InceptionBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for name in ["photo.png", "photo.jpg"] {
            let path = directory + "/" + name
            try ImageFile.write(pattern(300, 200), to: path)
            let x = try loadImage(path)
            XCTAssertEqual(x.shape, [1, 3, 224, 224], name)
        }
        // The PNG is lossless, so load_image equals the pipeline on the pattern itself.
        let direct = try ImageNetPreprocessing.tensor(from: pattern(300, 200))
        XCTAssertEqual(try loadImage(directory + "/photo.png").values, direct.values)
        XCTAssertThrowsError(try loadImage(directory + "/none.png")) { error in
            XCTAssertEqual("\(error)", "\(directory)/none.png: no such file: check the path")
        }
    }

    func testDescribeSaysWhatHappens() {
        XCTAssertEqual(ImageNetPreprocessing.describe(width: 320, height: 240),
                       "320×240 → resized 341×256 (shorter side 256, bilinear) → centre crop 224×224 → ImageNet normalisation")
    }

    func testTooNarrowImageIsRefused() {
        XCTAssertThrowsError(try ImageNetPreprocessing.tensor(from: RGBImage(width: 1, height: 5000))) { error in
            XCTAssertEqual("\(error)", "image: a 1×5000 image would be resized to 256×1280000: it is too narrow for the shorter side to become 256; crop it first")
        }
    }
}
