import InceptionRuntime

/// Why an image could not be read, written or prepared: the runtime's one-line FileError,
/// naming the file (or what was being done), the problem and, where there is one, the fix.
public typealias ImageError = FileError

/// Runs `body`, which prepares a picture read from `path`; its errors about "image" (the
/// preprocessing does not know the file) name `path` instead.
public func preparingPicture<T>(from path: String, _ body: () throws -> T) throws -> T {
    do { return try body() } catch let error as ImageError where error.file == "image" {
        throw ImageError(file: path, error.problem)
    }
}
