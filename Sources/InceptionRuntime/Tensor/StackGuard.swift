import CKernels
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How much of the current thread's stack is left. Recursive code (the parser, the
/// interpreter, printing nested values, the .npy header reader) asks before going deeper,
/// so an input that nests too deeply ends in a message instead of a stack overflow — in
/// debug builds, whose frames are several times larger, as well as in release builds.
public enum StackGuard {
    /// The lowest address this thread's stack may grow to, cached per thread.
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    /// The bytes that must stay free below the current frame: room for a builtin, a module's
    /// forward pass or a message to run after the last check.
    public static let reserve = 512 * 1024

    /// True while the current thread has more than `reserve` bytes of stack left.
    @inline(__always)
    public static func hasRoom() -> Bool {
        var marker: UInt8 = 0
        let here = withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
        return here > limit()
    }

    private static func limit() -> UInt {
        if let cached = pthread_getspecific(key) { return UInt(bitPattern: cached) }
        let (low, size) = bounds()
        // Keep a quarter of a small stack (a worker thread's) rather than more than all of it.
        let keep = UInt(min(reserve, size / 4))
        let value = low == 0 ? 0 : low + keep
        pthread_setspecific(key, UnsafeRawPointer(bitPattern: value == 0 ? 1 : value))
        return value
    }

    /// The size in bytes of the current thread's stack (0 when unknown).
    public static func currentStackSize() -> Int { bounds().1 }

    /// (lowest address, size) of the current thread's stack; (0, 0) when unknown.
    private static func bounds() -> (UInt, Int) {
        var low: UnsafeMutableRawPointer?
        var size = 0
        guard ck_stack_bounds(&low, &size) == 0, let low else { return (0, 0) }
        return (UInt(bitPattern: low), size)
    }
}
