import Foundation
import InceptionRuntime

/// Integer tensors here are tagged float32 values, exact only while |v| < 2^24. PyTorch's int64
/// holds every value to 2^63, so an int64 (or int32) tensor that would hold a value of magnitude
/// 2^24 or more is refused, not printed as a nearby float32 (torch.tensor([16777217]) would show
/// 16777216). The refusal is no Python exception: `except` cannot catch it, the run stops there.
///
/// Checked where integer values are made: every builtin's result (creation from Python ints,
/// arange, sum, prod, cumsum, conversions), every operator on tensors (`x * 5000`, `x += v`),
/// and values written by `x[i] = v`. A value exactly 2^24 is refused too: a float32 2^24 may be
/// a rounded 2^24 + 1. One value beyond is exact and kept: -2^63, what PyTorch's cast of NaN, ±inf
/// or an out-of-range float to int64 gives (`torch.tensor([float("nan")]).long()`); a Python int
/// that float32 rounds to it (`torch.tensor([-2**63 + 1])`) is caught where the lists are read.
public struct IntegerRangeRefusal: Error, CustomStringConvertible {
    public let message: String
    public let fix: String
    public var description: String { message }
}

enum IntegerRange {
    /// The first magnitude an integer tensor here cannot hold exactly.
    static let limit: Float = 16_777_216
    /// Set by torch.tensor(…) when a Python int in its lists is not exactly a float32; read (and
    /// cleared) by the check of the call's result.
    nonisolated(unsafe) static var inexactIntegerRead = false

    /// `v` as it is, after refusing any integer tensor in it (a tensor, or one in a tuple, list
    /// or torch.return_types) that holds a value of magnitude 2^24 or more.
    @discardableResult
    static func checked(_ v: Value) throws -> Value {
        defer { inexactIntegerRead = false }
        switch v {
        case .tensor(let t): try check(t)
        case .tuple(let items): for item in items { try checked(item) }
        case .object(let o as NamedTuple): for item in o.values { try checked(item) }
        default: break
        }
        return v
    }

    /// Refuses t when it is an int64 / int32 tensor with a value of magnitude ≥ 2^24.
    static func check(_ t: Tensor) throws {
        let d = TensorKinds.shared.dtype(t)
        guard d.isIntegral, !t.isMeta else { return }
        if inexactIntegerRead, let v = t.buffer.first(where: { !(abs($0) < limit) }) { throw refusal(v, d) }
        try check(values: t.buffer, d)
    }

    /// Refuses writing `value` into integer tensor `target` (`target[i] = value`) when a value
    /// written would be out of range (value may be a float tensor: it is truncated on the way in).
    static func checkWrite(_ value: Tensor, into target: Tensor) throws {
        let d = TensorKinds.shared.dtype(target)
        guard d.isIntegral, !value.isMeta else { return }
        try check(values: value.buffer, d)
    }

    private static func check(values: UnsafeMutableBufferPointer<Float>, _ d: DType) throws {
        // NaN and ±inf cast to an integer are out of range too
        guard let bad = values.first(where: { !(abs($0) < limit) && $0 != -9_223_372_036_854_775_808 }) else { return }
        throw refusal(bad, d)
    }

    private static func refusal(_ bad: Float, _ d: DType) -> IntegerRangeRefusal {
        let shown = bad.isFinite ? "about " + String(format: "%.0f", Double(bad)) : "\(bad)"
        return IntegerRangeRefusal(
            message: "an \(d.rawValue) tensor here would hold \(shown): integer tensors are stored as float32 here, exact only within ±16777215 (PyTorch's \(d.rawValue) holds it exactly)",
            fix: "keep integer tensor values below 2**24 in magnitude, or compute in float (x.float()) where an approximate value will do")
    }
}
