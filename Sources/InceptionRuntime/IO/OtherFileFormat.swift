import Foundation

/// The file formats a weight file is most often mistaken for, told by their first bytes, so
/// that a PyTorch pickle, a picture or a NumPy array given where safetensors belongs is named
/// as what it is (with the way to get a safetensors file) rather than as a corrupt header.
public enum OtherFileFormat {
    case torchZip, pickle, png, jpeg, numpy

    /// The format `bytes` start with, or nil when they start like none of them.
    public init?(_ bytes: UnsafeRawBufferPointer) {
        func startsWith(_ magic: [UInt8]) -> Bool { bytes.count >= magic.count && zip(bytes, magic).allSatisfy { $0 == $1 } }
        if startsWith([0x50, 0x4B, 0x03, 0x04]) { self = .torchZip }
        else if bytes.count >= 2, bytes[0] == 0x80, (2...5).contains(bytes[1]) { self = .pickle }
        else if startsWith([0x89, 0x50, 0x4E, 0x47]) { self = .png }
        else if startsWith([0xFF, 0xD8, 0xFF]) { self = .jpeg }
        else if startsWith([0x93] + Array("NUMPY".utf8)) { self = .numpy }
        else { return nil }
    }

    /// The format of the file at `path` by its first bytes; nil when it cannot be read or is none of them.
    public init?(path: String) {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        let head = handle.readData(ofLength: 8)
        guard let format = head.withUnsafeBytes({ OtherFileFormat($0) }) else { return nil }
        self = format
    }

    /// Whether the file is a picture (PNG or JPEG).
    public var isPicture: Bool { self == .png || self == .jpeg }

    /// What the file is and what to do, after "<file>: ".
    public var explanation: String {
        let convert = "convert it once in Python: from safetensors.torch import save_file; save_file(torch.load(path), \"model.safetensors\")"
        switch self {
        case .torchZip: return "this is a zip archive, as torch.save writes it (a pickled PyTorch state_dict), not a safetensors file: \(convert)"
        case .pickle: return "this is a Python pickle (torch.save's legacy format), not a safetensors file: \(convert)"
        case .png: return "this is a PNG image, not a safetensors weight file: pictures go to --image (load_image(path) in a program)"
        case .jpeg: return "this is a JPEG image, not a safetensors weight file: pictures go to --image (load_image(path) in a program)"
        case .numpy: return "this is a NumPy .npy array, not a safetensors weight file: input tensors go to --input (torch.load of a name ending in .npy in a program)"
        }
    }
}
