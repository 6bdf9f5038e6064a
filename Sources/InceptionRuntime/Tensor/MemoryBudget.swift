import Foundation

/// The most memory one tensor (or one value of the language: a list, a string) may take.
///
/// Asking for more than the machine has ends a Swift program with "Fatal error: failed to
/// allocate" (or in the kernel's out-of-memory killer), and the learner's session with it.
/// Everything that allocates from a size a user typed — a shape, a padding, a batch size,
/// `[0] * n`, `'abc' * n` — asks here first and gets a one-line refusal instead:
///
///     randn(100000, 100000) needs 37.3 GiB; the memory budget is 8 GiB (set
///     INCEPTION_MEMORY_BUDGET, e.g. INCEPTION_MEMORY_BUDGET=16G, to change it)
///
/// The default, 8 GiB, fits a 24 GiB machine with room for the network and a second copy.
public enum MemoryBudget {
    public static let defaultBytes = 8 << 30
    public static let environmentVariable = "INCEPTION_MEMORY_BUDGET"

    nonisolated(unsafe) private static var override: Int?
    private static let fromEnvironment: Int = {
        ProcessInfo.processInfo.environment[environmentVariable].flatMap(parse) ?? defaultBytes
    }()

    /// The budget in bytes (the --memory-budget flag, else the environment variable, else 8 GiB).
    public static var bytes: Int {
        get { override ?? fromEnvironment }
        set { override = newValue }
    }

    /// "8G", "512M", "16GiB", "1000000" → bytes; nil when it is not a positive size.
    public static func parse(_ text: String) -> Int? {
        var s = text.trimmingCharacters(in: .whitespaces).uppercased()
        if s.hasSuffix("IB") { s.removeLast(2) } else if s.hasSuffix("B") { s.removeLast() }
        var shift = 0
        switch s.last {
        case "K": shift = 10
        case "M": shift = 20
        case "G": shift = 30
        case "T": shift = 40
        default: break
        }
        if shift > 0 { s.removeLast() }
        guard let n = Int(s), n > 0 else { return nil }
        let r = n.multipliedReportingOverflow(by: 1 << shift)
        return r.overflow ? nil : r.partialValue
    }

    /// The number of elements of `shape`, or an "integer overflow" error.
    public static func elementCount(_ shape: [Int], what: String) throws -> Int {
        var n = 1
        for d in shape {
            guard d >= 0 else { throw MemoryBudgetError("\(what): negative dimension \(d) in the shape \(formatShape(shape))") }
            let r = n.multipliedReportingOverflow(by: d)
            guard !r.overflow else {
                throw MemoryBudgetError("integer overflow: the shape \(formatShape(shape)) of \(what) has more than 2^63 values")
            }
            n = r.partialValue
        }
        // an empty tensor still has strides: PyTorch refuses [0, 2^62, 2^62] too
        if n == 0, stridesOverflow(shape) { throw MemoryBudgetError("Stride calculation overflowed") }
        return n
    }

    /// Whether the contiguous strides of `shape` overflow an Int: stride[i] is the product of
    /// the later dims, each counted as at least 1 (as PyTorch computes them). Only an empty
    /// shape can pass the element count and still fail here.
    public static func stridesOverflow(_ shape: [Int]) -> Bool {
        var stride = 1
        for d in shape.dropFirst().reversed() {
            let r = stride.multipliedReportingOverflow(by: max(d, 1))
            if r.overflow { return true }
            stride = r.partialValue
        }
        return false
    }

    /// Refuses a tensor of `shape` (4-byte floats) bigger than the budget. A shape-only
    /// tensor (`meta`) takes no memory, so only its element count must fit in an Int.
    public static func check(shape: [Int], what: String, meta: Bool = false) throws {
        let n = try elementCount(shape, what: what)
        if meta { return }
        try check(count: n, of: 4, what: "\(what) (\(formatShape(shape)))")
    }

    /// Refuses `count` items of `size` bytes each when that is more than the budget.
    public static func check(count: Int, of size: Int, what: String) throws {
        let r = count.multipliedReportingOverflow(by: size)
        guard !r.overflow, r.partialValue <= bytes else {
            let asked = r.overflow ? "more than 8 EiB" : formatBytes(r.partialValue)
            throw MemoryBudgetError("\(what) needs \(asked); the memory budget is \(formatBytes(bytes))"
                                    + " (set \(environmentVariable), e.g. \(environmentVariable)=16G, to change it)")
        }
    }

    /// Lists, tuples and strings of the language get an eighth of the budget each (1 GiB by
    /// default): a lesson never needs more, and printing one that big would take minutes.
    public static func checkValue(count: Int, of size: Int, what: String) throws {
        let r = count.multipliedReportingOverflow(by: size)
        let limit = bytes / 8
        guard !r.overflow, r.partialValue <= limit else {
            let asked = r.overflow ? "more than 8 EiB" : formatBytes(r.partialValue)
            throw MemoryBudgetError("\(what) needs \(asked); one list or string may take at most \(formatBytes(limit)), an eighth of the memory budget"
                                    + " (set \(environmentVariable), e.g. \(environmentVariable)=16G, to change it)")
        }
    }

    /// 40000000000 → "37.3 GiB"
    public static func formatBytes(_ n: Int) -> String {
        let units = ["bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
        var value = Double(n), unit = 0
        while value >= 1024, unit < units.count - 1 { value /= 1024; unit += 1 }
        if unit == 0 { return "\(n) bytes" }
        let text = String(format: "%.1f", value)
        return (text.hasSuffix(".0") ? String(text.dropLast(2)) : text) + " " + units[unit]
    }
}

public struct MemoryBudgetError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
