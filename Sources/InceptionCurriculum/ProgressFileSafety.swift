import Foundation

/// Why progress.json could not be read or written, in words.
public struct ProgressFileProblem: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

extension StateStore {
    /// Copies an unreadable progress file to progress.unreadable.json (or -2, -3, … when one
    /// with other contents is there already); the same contents are kept only once.
    func keepUnreadable(_ data: Data) throws -> String {
        var n = 1
        while true {
            let path = directory + "/progress.unreadable" + (n == 1 ? "" : "-\(n)") + ".json"
            guard let existing = FileManager.default.contents(atPath: path) else {
                try data.write(to: URL(fileURLWithPath: path), options: .withoutOverwriting)
                return path
            }
            if existing == data { return path }
            n += 1
        }
    }

    /// A decoding error as a learner can act on it: where in the file, and what was wrong.
    static func describe(_ error: Error) -> String {
        func path(_ keys: [CodingKey]) -> String {
            keys.isEmpty ? "the file" : "'" + keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".") + "'"
        }
        switch error {
        case let p as ProgressFileProblem: return p.description
        case DecodingError.dataCorrupted(let c):
            if c.codingPath.isEmpty { return "it is not valid JSON: it may be cut short or hand-edited" }
            return "\(path(c.codingPath)): \(c.debugDescription)"
        case DecodingError.typeMismatch(let type, let c): return "\(path(c.codingPath)) is not \(describe(type))"
        case DecodingError.valueNotFound(let type, let c): return "\(path(c.codingPath)) is null, expected \(describe(type))"
        case DecodingError.keyNotFound(let key, let c): return "\(path(c.codingPath + [key])) is missing"
        default: return "\(error)"
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is Int.Type: return "a whole number"
        case is String.Type: return "a string"
        default:
            let name = "\(type)"
            if name.hasPrefix("Dictionary") { return "an object" }
            if name.hasPrefix("Array") { return "a list" }
            return name
        }
    }
}

/// File errors in words with the path, instead of "Error Domain=NSCocoaErrorDomain Code=513".
public enum FileProblem {
    public static func describe(_ error: Error, path: String) -> String {
        let ns = error as NSError
        let posix: Int32? = ns.domain == NSPOSIXErrorDomain ? Int32(ns.code)
            : (ns.userInfo[NSUnderlyingErrorKey] as? NSError).flatMap { $0.domain == NSPOSIXErrorDomain ? Int32($0.code) : nil }
        if let posix { return "\(path): \(String(cString: strerror(posix)).lowercased())" }
        switch ns.code {
        case NSFileWriteNoPermissionError, NSFileReadNoPermissionError: return "\(path): permission denied"
        case NSFileNoSuchFileError, NSFileReadNoSuchFileError: return "\(path): no such file or directory"
        case NSFileWriteOutOfSpaceError: return "\(path): the disk is full"
        case NSFileWriteVolumeReadOnlyError: return "\(path): the disk is read-only"
        case NSFileWriteFileExistsError: return "\(path): a file is in the way"
        default:
            if ns.domain == NSCocoaErrorDomain { return "\(path): could not be \(ns.code >= 512 ? "written" : "read") (error \(ns.code))" }
            return "\(path): \(ns.localizedDescription)"
        }
    }
}
