import CPNG
import Foundation

/// PNG reading and writing with libpng's simplified API (png_image), which reports errors
/// through its `message` field instead of a longjmp.
public enum PNGCodec {
    /// The 8-byte signature every PNG file starts with.
    public static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    // png.h's format flags (macros that Swift does not import as expressions).
    static let formatRGB: UInt32 = 2      // PNG_FORMAT_FLAG_COLOR
    static let formatRGBA: UInt32 = 3     // PNG_FORMAT_FLAG_COLOR | PNG_FORMAT_FLAG_ALPHA
    static let flag16BitSRGB: UInt32 = 4  // PNG_IMAGE_FLAG_16BIT_sRGB

    /// Decodes PNG bytes to 8-bit RGB. Grey and palette images are expanded; an alpha channel
    /// is dropped (as PIL's `convert("RGB")` does); 16-bit samples keep their high byte's scale.
    public static func decode(_ bytes: [UInt8], source: String) throws -> RGBImage {
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        defer { png_image_free(&image) }
        let begun = bytes.withUnsafeBytes { png_image_begin_read_from_memory(&image, $0.baseAddress, $0.count) }
        guard begun != 0 else { throw ImageError(file: source, "not a readable PNG: \(message(of: image))") }
        let (width, height) = (Int(image.width), Int(image.height))
        guard width > 0, height > 0, width * height <= RGBImage.maxPixels else {
            throw ImageError(file: source, "the PNG is \(width)×\(height) pixels, which is empty or too large to load")
        }
        image.format = formatRGBA
        image.flags |= flag16BitSRGB   // 16-bit samples are sRGB-encoded, as PIL assumes
        var rgba = [UInt8](repeating: 0, count: width * height * 4)
        let finished = rgba.withUnsafeMutableBytes { png_image_finish_read(&image, nil, $0.baseAddress, 0, nil) }
        guard finished != 0 else { throw ImageError(file: source, "the PNG data is corrupt: \(message(of: image))") }
        var rgb = [UInt8](repeating: 0, count: width * height * 3)
        for p in 0..<(width * height) {
            rgb[3 * p] = rgba[4 * p]; rgb[3 * p + 1] = rgba[4 * p + 1]; rgb[3 * p + 2] = rgba[4 * p + 2]
        }
        return RGBImage(width: width, height: height, pixels: rgb)
    }

    /// Encodes an 8-bit RGB image as PNG bytes.
    public static func encode(_ image: RGBImage, destination: String = "PNG") throws -> [UInt8] {
        guard image.isWellFormed else {
            throw ImageError(file: destination, "cannot encode a \(image.width)×\(image.height) image with \(image.pixels.count) bytes of pixels")
        }
        var png = png_image()
        png.version = UInt32(PNG_IMAGE_VERSION)
        png.width = UInt32(image.width)
        png.height = UInt32(image.height)
        png.format = formatRGB
        var size: png_alloc_size_t = 0
        // First call: how many bytes the PNG needs; second: write them.
        let sized = image.pixels.withUnsafeBytes { png_image_write_to_memory(&png, nil, &size, 0, $0.baseAddress, 0, nil) }
        guard sized != 0, size > 0 else { throw ImageError(file: destination, "libpng could not encode the image: \(message(of: png))") }
        var bytes = [UInt8](repeating: 0, count: Int(size))
        let written = bytes.withUnsafeMutableBytes { out in
            image.pixels.withUnsafeBytes { png_image_write_to_memory(&png, out.baseAddress, &size, 0, $0.baseAddress, 0, nil) }
        }
        png_image_free(&png)
        guard written != 0 else { throw ImageError(file: destination, "libpng could not encode the image: \(message(of: png))") }
        return Array(bytes.prefix(Int(size)))
    }

    /// libpng's message for the last error of `image`.
    static func message(of image: png_image) -> String {
        var text = image.message
        return withUnsafeBytes(of: &text) { raw in
            let chars = raw.prefix { $0 != 0 }
            let s = String(decoding: chars, as: UTF8.self)
            return s.isEmpty ? "libpng gave no reason" : s
        }
    }
}
