/// Why an image could not be read, written or prepared: one line naming the file (or what
/// was being done), the problem and, where there is one, the fix.
public struct ImageError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The path the caller gave, or a short name of the operation ("feature map grid").
    public let file: String
    public let problem: String

    public init(file: String, _ problem: String) {
        self.file = file
        self.problem = problem
    }

    public var description: String { "\(file): \(problem)" }
}
