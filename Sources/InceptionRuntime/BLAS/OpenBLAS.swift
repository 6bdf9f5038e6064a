import CBLAS
import CKernels
import Foundation

/// What OpenBLAS is doing, and the fix for the trap where it does not recognise a new CPU.
///
/// OpenBLAS (a DYNAMIC_ARCH build) picks its kernels when the library loads, from the CPU
/// model. On a CPU too new for it, it falls back to the `Prescott` kernels: SSE3 only, about
/// a quarter of the speed on an AVX-512 machine. The environment variable OPENBLAS_CORETYPE
/// overrides the choice, but is read before `main` runs, so the only cure from inside the
/// program is to set it and re-execute ourselves (`upgradeCoreIfNeeded`).
public enum OpenBLAS {
    /// The kernel family in use, as OpenBLAS names it: "SkylakeX", "Haswell", "Zen", "Prescott", …
    public static var coreName: String { String(cString: openblas_get_corename()) }
    public static var config: String { String(cString: openblas_get_config()) }
    public static var threads: Int { Int(openblas_get_num_threads()) }

    /// Process-wide: every later sgemm uses this many threads, and the C kernels (the fast path,
    /// the training path's GEMM and Winograd) split their work into as many parts.
    public static func setThreads(_ n: Int) {
        requestedThreads = max(1, n)
        openblas_set_num_threads(Int32(requestedThreads))
    }

    /// The threads asked for (--threads, :threads; else OpenBLAS's own default): the C kernels'
    /// parts, also while OpenBLAS itself is held to one thread by `withSingleThreadedBLAS`.
    nonisolated(unsafe) public private(set) static var requestedThreads = max(1, Int(openblas_get_num_threads()))

    /// Runs `body` with OpenBLAS on one thread. Where the C kernels hold the cores (a plan's run,
    /// a training step), OpenBLAS's few small calls gain nothing from its workers, which would
    /// spin (sched_yield) between calls against the kernels' threads.
    public static func withSingleThreadedBLAS<T>(_ body: () throws -> T) rethrows -> T {
        try withThreads(1, body)
    }

    /// Runs `body` with OpenBLAS on `n` threads (the requested count stays as it was).
    public static func withThreads<T>(_ n: Int, _ body: () throws -> T) rethrows -> T {
        let saved = threads
        if n > 1 { ck_pool_quiet() }        // the C kernels' idle workers leave OpenBLAS's threads the cores
        if saved != n { openblas_set_num_threads(Int32(max(1, n))) }
        defer { if saved != n { openblas_set_num_threads(Int32(saved)) } }
        return try body()
    }

    /// Kernel families OpenBLAS falls back to when it does not know the CPU.
    static let fallbackCores: Set<String> = ["Prescott", "Core2", "Penryn", "Dunnington", "Nehalem",
                                             "Atom", "Katmai", "Coppermine", "Northwood", "Banias",
                                             "Opteron", "Opteron_SSE3", "Barcelona", "Unknown"]

    /// The core to ask for, or nil to keep the reported one. Pure, so the tests can drive it
    /// with any CPU's flags: only a fallback core is ever replaced, and only with a core the
    /// flags fully support (choosing SkylakeX on a CPU without AVX-512 would crash with SIGILL).
    public static func preferredCore(reported: String, cpuFlags: Set<String>, vendor: String) -> String? {
        guard fallbackCores.contains(reported) else { return nil }
        let avx512: Set<String> = ["avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"]
        if avx512.isSubset(of: cpuFlags) { return "SkylakeX" }
        if ["avx2", "fma"].allSatisfy(cpuFlags.contains) { return vendor == "AuthenticAMD" ? "Zen" : "Haswell" }
        if cpuFlags.contains("avx") { return "Sandybridge" }
        return nil
    }

    /// Call first thing in `main`. When OPENBLAS_CORETYPE is unset and OpenBLAS chose a
    /// fallback core on a CPU that can do better, set the variable and re-exec this program
    /// with the same arguments; OpenBLAS then loads the right kernels. Returns normally when
    /// nothing needs doing (or the re-exec failed, in which case the fallback is kept).
    public static func upgradeCoreIfNeeded() {
        let env = ProcessInfo.processInfo.environment
        guard env["OPENBLAS_CORETYPE"] == nil, env["INCEPTION_KEEP_BLAS_CORE"] == nil else { return }
        let cpu = CPUInfo.current()
        guard let better = preferredCore(reported: coreName, cpuFlags: cpu.flags, vendor: cpu.vendor) else { return }
        setenv("OPENBLAS_CORETYPE", better, 1)
        setenv("INCEPTION_BLAS_CORE_UPGRADED_FROM", coreName, 1)
        let args = CommandLine.arguments
        var cArgs: [UnsafeMutablePointer<CChar>?] = args.map { strdup($0) }
        cArgs.append(nil)
        execv("/proc/self/exe", &cArgs)
        // Only reached if exec failed: carry on with the fallback kernels.
        unsetenv("OPENBLAS_CORETYPE")
    }

    /// "Haswell (2 threads)", with where the choice came from.
    public static var kernelDescription: String {
        let env = ProcessInfo.processInfo.environment
        var text = "OpenBLAS \(version) \(coreName) kernels, \(threads) thread\(threads == 1 ? "" : "s")"
        if let from = env["INCEPTION_BLAS_CORE_UPGRADED_FROM"] {
            text += " (auto-selected: OpenBLAS had fallen back to \(from) on this CPU)"
        } else if env["OPENBLAS_CORETYPE"] != nil {
            text += " (set by OPENBLAS_CORETYPE)"
        }
        return text
    }

    public static var version: String {
        config.split(separator: " ").dropFirst().first.map(String.init) ?? "?"
    }
}

/// The CPU's vendor and feature flags, read from /proc/cpuinfo (empty elsewhere).
public struct CPUInfo: Sendable {
    public var vendor: String
    public var modelName: String
    public var flags: Set<String>

    public static func current() -> CPUInfo {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else {
            return CPUInfo(vendor: "", modelName: "", flags: [])
        }
        return parse(text)
    }

    public static func parse(_ text: String) -> CPUInfo {
        var info = CPUInfo(vendor: "", modelName: "", flags: [])
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let key = parts[0].trimmingCharacters(in: .whitespaces)
            let value = parts[1].trimmingCharacters(in: .whitespaces)
            switch key {
            case "vendor_id" where info.vendor.isEmpty: info.vendor = value
            case "model name" where info.modelName.isEmpty: info.modelName = value
            case "flags" where info.flags.isEmpty: info.flags = Set(value.split(separator: " ").map(String.init))
            default: break
            }
            if !info.vendor.isEmpty && !info.modelName.isEmpty && !info.flags.isEmpty { break }
        }
        return info
    }
}
