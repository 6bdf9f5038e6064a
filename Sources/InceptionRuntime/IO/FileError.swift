/// Why a file could not be read, written or prepared: one line naming the file (or what was
/// being done), the problem and, where there is one, the fix. Weight files, tensors and images
/// all report through this one type (`WeightFileError`, `ImageError` are its names there).
public struct FileError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The path the caller gave, or a short name of the operation ("feature map grid").
    public let file: String
    /// What is wrong, without the file name.
    public let problem: String
    /// True when the file is not there at all (a relative path may be read from another folder).
    public let isMissing: Bool

    public init(file: String, _ problem: String, isMissing: Bool = false) {
        self.file = file
        self.problem = problem
        self.isMissing = isMissing
    }

    /// "no such file: check the path"
    public static func missing(_ file: String) -> FileError {
        FileError(file: file, "no such file: check the path", isMissing: true)
    }

    public var description: String { "\(file): \(problem)" }
}
