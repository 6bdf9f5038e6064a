import Foundation

/// Reading and writing image files: PNG and JPEG, told apart by their first bytes when
/// reading and by the file name's extension when writing.
public enum ImageFile {
    /// Reads a PNG or JPEG file as 8-bit RGB.
    public static func read(_ path: String) throws -> RGBImage {
        let bytes = try contents(of: path)
        if bytes.starts(with: PNGCodec.signature) { return try PNGCodec.decode(bytes, source: path) }
        if bytes.starts(with: JPEGCodec.signature) { return try JPEGCodec.decode(bytes, source: path) }
        let start = bytes.prefix(4).map { String(format: "%02x", $0) }.joined(separator: " ")
        throw ImageError(file: path, bytes.isEmpty ? "the file is empty: give a PNG or JPEG image"
                         : "not a PNG or JPEG image (it starts with bytes \(start)): convert it to PNG or JPEG first")
    }

    /// Writes an image as PNG (.png) or JPEG (.jpg, .jpeg), by the path's extension.
    public static func write(_ image: RGBImage, to path: String, jpegQuality: Int = 90) throws {
        let ext = URL(fileURLWithPath: path).pathExtension.lowercased()
        let bytes: [UInt8]
        switch ext {
        case "png": bytes = try PNGCodec.encode(image, destination: path)
        case "jpg", "jpeg": bytes = try JPEGCodec.encode(image, quality: jpegQuality, destination: path)
        default: throw ImageError(file: path, "cannot tell the image format from the extension '.\(ext)': end the name with .png, .jpg or .jpeg")
        }
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw ImageError(file: path, "the file cannot be written: check that its directory exists and is writable")
        }
    }

    static func contents(of path: String) throws -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ImageError.missing(path)
        }
        guard !isDirectory.boolValue else { throw ImageError(file: path, "is a directory, not an image file") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ImageError(file: path, "the file cannot be read: check its permissions")
        }
        return [UInt8](data)
    }
}
