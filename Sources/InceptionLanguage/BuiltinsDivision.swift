import Foundation
import InceptionRuntime

/// Division with PyTorch's rounding modes and remainders: div(…, rounding_mode=…) and fmod
/// (`remainder`, `floor_divide` and the operators are TensorOps.binary's).
extension Interpreter {
    /// x / other (true division, float), or with `roundingMode` "trunc" (toward zero) or "floor"
    /// (down, as //): a rounded quotient of integer tensors stays int64, an integer divided by 0
    /// is PyTorch's RuntimeError, and its gradient is zero, as PyTorch's.
    static func divided(_ x: Tensor, _ other: Tensor, roundingMode: Value) throws -> Tensor {
        let rounded: Tensor
        switch roundingMode {
        case .none: return try TensorOps.binary(.divide, x, other)
        case .string("floor"): rounded = try GradMode.with(enabled: false) { try TensorOps.binary(.floorDivide, x, other) }
        case .string("trunc"):
            let d = TensorOps.promote(TensorOps.dtype(x), TensorOps.dtype(other))
            try TensorOps.requireNonzeroDivisor(other, d)
            let quotient = try GradMode.with(enabled: false) { try TensorOps.binary(.divide, x, other) }
            rounded = TensorOps.map(quotient, d) { $0.rounded(.towardZero) }
        default:
            throw LanguageFailure("div expected rounding_mode to be one of None, 'trunc', or 'floor' but found \(roundingMode.repr)")
        }
        guard TensorOps.dtype(rounded) == .float32, rounded.shape == x.shape else { return rounded }
        let y = TensorOpsGrad.unary(x, rounded, "div", masked: true) { _, _ in 0 }       // a step function: zero gradient
        y.gradNode?.displayName = "DivBackward2"
        return y
    }

    /// C's fmod element-wise with broadcasting: the remainder of x / other truncated toward zero,
    /// so it takes x's sign (remainder and % take other's); an integer by 0 is PyTorch's error.
    /// Gradients as PyTorch's FmodBackward: g to x, −g · trunc(x / other) to a tensor other, each
    /// summed back over its broadcast dims.
    static func fmod(_ x: Tensor, _ other: Tensor) throws -> Tensor {
        let d = TensorOps.promote(TensorOps.dtype(x), TensorOps.dtype(other))
        let shape = try TensorOps.broadcastShape(x.shape, other.shape)
        guard d != .bool else { throw LanguageFailure("\"fmod_cpu\" not implemented for 'Bool'", fix: "convert first: x.int()", as: .notImplementedError) }
        try TensorOps.requireNonzeroDivisor(other, d)
        if x.isMeta || other.isMeta { return TensorKinds.shared.setDType(Tensor(meta: shape), d) }
        let (a, b) = (TensorOps.expand(x, to: shape), TensorOps.expand(other, to: shape))
        let y = TensorOps.make(shape, values: zip(a, b).map { d == .float32 ? fmodf($0, $1) : fmodf($0, $1) + 0 }, d)
        guard d == .float32 else { return y }
        return Autograd.record(y, "fmod", inputs: [x, other]) { g in
            let (dx, dOther) = (Tensor(zeros: shape), Tensor(zeros: shape))
            for i in 0..<g.count {
                dx.data[i] = g.data[i]
                dOther.data[i] = -g.data[i] * (a[i] / b[i]).rounded(.towardZero)
            }
            return [x.shape == shape ? dx : TensorOpsGrad.summed(dx, to: x.shape),
                    other.shape == shape ? dOther : TensorOpsGrad.summed(dOther, to: other.shape)]
        }
    }
}
