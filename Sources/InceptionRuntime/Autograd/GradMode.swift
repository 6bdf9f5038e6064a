/// Whether operations record what backward needs (PyTorch's grad mode). `torch.no_grad()`,
/// inference commands and the fast path run with it off.
public enum GradMode {
    nonisolated(unsafe) public private(set) static var isEnabled = true

    /// Runs `body` with recording on or off, restoring the previous mode however it ends.
    public static func with<T>(enabled: Bool, _ body: () throws -> T) rethrows -> T {
        let saved = isEnabled
        isEnabled = enabled
        defer { isEnabled = saved }
        return try body()
    }

    /// For context managers whose enter and exit are separate calls (`with torch.no_grad():`).
    public static func set(_ enabled: Bool) -> Bool {
        let saved = isEnabled
        isEnabled = enabled
        return saved
    }
}
