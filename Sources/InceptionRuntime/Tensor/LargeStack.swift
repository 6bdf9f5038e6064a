#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A program's calls nest on the machine stack (each Python call is several interpreter frames),
/// and a process's main thread has 8 MiB: about 540 calls in a release build, far short of
/// Python's recursion limit of 1000. `run` gives the program a thread whose stack is
/// `size` bytes of address space (pages are touched only as deep as calls go), so the
/// recursion limit, not the stack, is what stops a deep recursion; past what even this holds
/// (a raised sys.setrecursionlimit), StackGuard still ends it with a RecursionError.
public enum LargeStack {
    /// 1 GiB: thousands of Python calls in a debug build, tens of thousands in a release one.
    public static let size = 1 << 30

    private final class Job {
        let body: () throws -> Any
        var result: Result<Any, Error>?
        init(_ body: @escaping () throws -> Any) { self.body = body }
        func run() { result = Result { try body() } }
    }

    /// Runs `body` on a thread with a large stack and waits for it; on this thread when it
    /// already has one (a nested run) or no thread can be made.
    public static func run<T>(_ body: () throws -> T) throws -> T {
        if StackGuard.currentStackSize() >= size / 2 { return try body() }
        return try withoutActuallyEscaping(body) { body in
            let job = Job { try body() }
            var attributes = pthread_attr_t()
            pthread_attr_init(&attributes)
            defer { pthread_attr_destroy(&attributes) }
            pthread_attr_setstacksize(&attributes, size)
            let unmanaged = Unmanaged.passRetained(job)
            #if canImport(Darwin)
            var thread: pthread_t?
            #else
            var thread = pthread_t()
            #endif
            let status = pthread_create(&thread, &attributes, { raw in
                #if canImport(Darwin)
                let job = Unmanaged<Job>.fromOpaque(raw).takeRetainedValue()
                #else
                let job = Unmanaged<Job>.fromOpaque(raw!).takeRetainedValue()
                #endif
                job.run()
                return nil
            }, unmanaged.toOpaque())
            guard status == 0 else {
                unmanaged.release()
                return try body()
            }
            #if canImport(Darwin)
            pthread_join(thread!, nil)
            #else
            pthread_join(thread, nil)
            #endif
            return try job.result!.get() as! T
        }
    }
}
