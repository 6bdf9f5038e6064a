import ArgumentParser
import Foundation
import InceptionLanguage
import InceptionRuntime

/// Options several commands share.
struct RuntimeOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: "OpenBLAS threads (default: all cores).")
    var threads: Int?

    @Flag(help: "Say which OpenBLAS kernels and how many threads are in use.")
    var verbose = false

    @Option(name: .customLong("memory-budget"), parsing: .unconditional, help: "The most memory one tensor may take, e.g. 8G (default: $INCEPTION_MEMORY_BUDGET, else 8G); lists and strings get an eighth.")
    var memoryBudget: ByteSize?

    /// More threads than this is a typo (OpenBLAS would try to start them all).
    static let maxThreads = 256

    func validate() throws {
        guard (1...Self.maxThreads).contains(threads ?? 1) else {
            throw ValidationError("--threads must be between 1 and \(Self.maxThreads)")
        }
    }

    @Option(name: .customLong("allow-writes"), help: "A folder scripts and lessons may write to besides the working directory and the lessons (repeatable; also $INCEPTION_ALLOW_WRITES, colon-separated).")
    var allowWrites: [String] = []

    func apply() {
        WritePolicy.extraDirectories += allowWrites
        if let memoryBudget { MemoryBudget.bytes = memoryBudget.bytes }
        OpenBLAS.setThreads(threads ?? ProcessInfo.processInfo.activeProcessorCount)
        if verbose { printError("using \(OpenBLAS.kernelDescription)") }
    }
}

/// "2,3,224,224" → [2, 3, 224, 224]; sizes below 1 are kept for `check` to name.
struct ShapeArgument: ExpressibleByArgument {
    var dims: [Int]
    init?(argument: String) {
        let parts = argument.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !parts.isEmpty, parts.allSatisfy({ $0 != nil }) else { return nil }
        dims = parts.map { $0! }
    }

    /// Every size at least 1, named as N, C, H, W for a 4-D shape: "--random: N must be at least 1, got 0".
    func check(_ option: String) throws {
        guard let i = dims.firstIndex(where: { $0 < 1 }) else { return }
        let name = dims.count == 4 ? ["N (the batch)", "C", "H", "W"][i] : "size \(i + 1)"
        throw ValidationError("\(option) \(dims.map(String.init).joined(separator: ",")): \(name) must be at least 1, got \(dims[i])")
    }
    static var defaultCompletionKind: CompletionKind { .default }
}

/// "8G", "512M", "16GiB", "1000000" (bytes).
struct ByteSize: ExpressibleByArgument {
    var bytes: Int
    init?(argument: String) {
        guard let n = MemoryBudget.parse(argument) else { return nil }
        bytes = n
    }
}

enum Mode: String, ExpressibleByArgument, CaseIterable { case eval, train }

func printError(_ text: String) {
    FileHandle.standardError.write((text + "\n").data(using: .utf8)!)
}

/// A one-line error for the user: printed as "error: …" with a non-zero exit, never a crash.
struct UserError: Error, CustomStringConvertible {
    var description: String
    init(_ text: String) { description = text }
}

/// An input tensor with no images (batch size 0) would run to the classifier and be blamed
/// there ("classifier: Linear expects 1024 input features, got 0"): name the input instead.
func requireImages(_ x: Tensor, in path: String) throws -> Tensor {
    // one picture saved without its batch dimension would be read as a batch of grey ones
    guard x.rank == 4 else {
        let fix = x.rank == 3 ? "add the batch dimension: np.save(path, a[None])" : "save a batch of images, e.g. of shape 1×3×224×224"
        throw UserError("\(path) holds a \(formatShape(x.shape)) array, not a batch of images (N, C, H, W): \(fix)")
    }
    if x.shape.first == 0 {
        throw ValidationError("\(path) holds no images: its shape is \(formatShape(x.shape)), a batch of 0; save at least one (N ≥ 1)")
    }
    return x
}
