import CJPEG
import Foundation

/// JPEG reading (and writing, for tests and round trips) with libjpeg. The C helpers in
/// Sources/CJPEG/jpeg_helpers.h catch libjpeg's fatal errors, so a bad file is an error
/// value here, never the end of the process.
public enum JPEGCodec {
    /// JPEG files start with an SOI marker followed by another marker.
    public static let signature: [UInt8] = [0xFF, 0xD8, 0xFF]

    /// Decodes JPEG bytes to 8-bit RGB (grey images are expanded to RGB), with libjpeg's
    /// defaults (islow DCT, fancy upsampling), as PIL decodes them.
    public static func decode(_ bytes: [UInt8], source: String) throws -> RGBImage {
        var pixels: UnsafeMutablePointer<UInt8>?
        var width: Int32 = 0, height: Int32 = 0
        var message = [CChar](repeating: 0, count: Int(INCEPTION_JPEG_MESSAGE_LENGTH))
        let ok = bytes.withUnsafeBufferPointer { data in
            message.withUnsafeMutableBufferPointer { text in
                inception_jpeg_decode(data.baseAddress, UInt(data.count), &pixels, &width, &height, UInt64(RGBImage.maxPixels), text.baseAddress)
            }
        }
        if ok < 0 { throw ImageError(file: source, text(message) + ": a picture this big is not needed (the network sees 224×224)") }
        guard ok != 0, let pixels else {
            throw ImageError(file: source, "not a readable JPEG: \(text(message))")
        }
        defer { free(pixels) }
        let count = Int(width) * Int(height) * 3
        return RGBImage(width: Int(width), height: Int(height), pixels: Array(UnsafeBufferPointer(start: pixels, count: count)))
    }

    /// Encodes an 8-bit RGB image as a baseline JPEG of the given quality (1–100).
    public static func encode(_ image: RGBImage, quality: Int = 90, destination: String = "JPEG") throws -> [UInt8] {
        guard image.isWellFormed else {
            throw ImageError(file: destination, "cannot encode a \(image.width)×\(image.height) image with \(image.pixels.count) bytes of pixels")
        }
        guard (1...100).contains(quality) else { throw ImageError(file: destination, "JPEG quality must be 1 to 100, got \(quality)") }
        var bytes: UnsafeMutablePointer<UInt8>?
        var size: UInt = 0
        var message = [CChar](repeating: 0, count: Int(INCEPTION_JPEG_MESSAGE_LENGTH))
        let ok = image.pixels.withUnsafeBufferPointer { pixels in
            message.withUnsafeMutableBufferPointer { text in
                inception_jpeg_encode(pixels.baseAddress, Int32(image.width), Int32(image.height), Int32(quality), &bytes, &size, text.baseAddress)
            }
        }
        guard ok != 0, let bytes else { throw ImageError(file: destination, "libjpeg could not encode the image: \(text(message))") }
        defer { free(bytes) }
        return Array(UnsafeBufferPointer(start: bytes, count: Int(size)))
    }

    static func text(_ message: [CChar]) -> String {
        let s = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return s.isEmpty ? "libjpeg gave no reason" : s
    }
}
