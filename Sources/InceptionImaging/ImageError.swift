import InceptionRuntime

/// Why an image could not be read, written or prepared: the runtime's one-line FileError,
/// naming the file (or what was being done), the problem and, where there is one, the fix.
public typealias ImageError = FileError
