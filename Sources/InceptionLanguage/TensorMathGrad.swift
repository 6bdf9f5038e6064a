import Foundation
import InceptionRuntime

/// Backward of the language's element-wise arithmetic, recorded when an operand requires a
/// gradient: `loss = main + 0.3 * (aux1 + aux2)` backpropagates like PyTorch's.
enum TensorMathGrad {
    /// out = x ∘ y, where x or y may hold one value broadcast over the other.
    // x, y: equal shapes (or one value) → out: the larger shape
    static func tensors(_ op: BinaryOperator, _ x: Tensor, _ y: Tensor, _ out: Tensor) -> Tensor {
        guard [.add, .subtract, .multiply, .divide].contains(op) else { return refuse(op, out, [x, y]) }
        return Autograd.record(out, op.gradLabel, inputs: [x, y]) { gy in
            let gx = Tensor(zeros: x.shape), gyy = Tensor(zeros: y.shape)
            for i in 0..<gy.count {
                let a = x.data[x.count == 1 ? 0 : i], b = y.data[y.count == 1 ? 0 : i], g = gy.data[i]
                let (da, db): (Float, Float)
                switch op {
                case .add: (da, db) = (g, g)
                case .subtract: (da, db) = (g, -g)
                case .multiply: (da, db) = (g * b, g * a)
                default: (da, db) = (g / b, -g * a / (b * b))
                }
                gx.data[x.count == 1 ? 0 : i] += da
                gyy.data[y.count == 1 ? 0 : i] += db
            }
            return [gx, gyy]
        }
    }

    /// out = x ∘ s or s ∘ x for a Python number s.
    static func scalar(_ op: BinaryOperator, _ x: Tensor, _ s: Float, scalarOnLeft: Bool, _ out: Tensor) -> Tensor {
        let derivative: ((Float) -> Float)?
        switch (op, scalarOnLeft) {
        case (.add, _): derivative = { _ in 1 }
        case (.subtract, false): derivative = { _ in 1 }
        case (.subtract, true): derivative = { _ in -1 }
        case (.multiply, _): derivative = { _ in s }
        case (.divide, false): derivative = { _ in 1 / s }
        case (.divide, true): derivative = { a in -s / (a * a) }
        case (.power, false): derivative = { a in s * Float(Foundation.pow(Double(a), Double(s - 1))) }
        default: derivative = nil
        }
        guard let derivative else { return refuse(op, out, [x]) }
        return Autograd.record(out, op.gradLabel, inputs: [x]) { gy in
            let g = Tensor(zeros: x.shape)
            for i in 0..<x.count { g.data[i] = gy.data[i] * derivative(x.data[i]) }
            return [g]
        }
    }

    /// -x
    static func negate(_ x: Tensor, _ out: Tensor) -> Tensor {
        Autograd.record(out, "neg", inputs: [x]) { gy in
            let g = Tensor(zeros: x.shape)
            for i in 0..<x.count { g.data[i] = -gy.data[i] }
            return [g]
        }
    }

    /// x.sum() and x.mean() of a tensor that requires a gradient: a 0-d tensor, recorded.
    static func sum(_ x: Tensor, mean: Bool) throws -> Tensor {
        let total = try TensorMath.sum(x)
        let scale = mean ? 1 / Double(max(x.count, 1)) : 1
        let y = try Tensor(shape: [], values: [Float(total * scale)])
        return Autograd.record(y, mean ? "mean" : "sum", inputs: [x]) { gy in
            [Tensor(repeating: gy.data[0] * Float(scale), shape: x.shape)]
        }
    }

    /// Operations with no backward here: a backward that reaches one says so, rather than
    /// silently giving its inputs no gradient.
    private static func refuse(_ op: BinaryOperator, _ out: Tensor, _ inputs: [Tensor]) -> Tensor {
        Autograd.record(out, op.gradLabel, inputs: inputs) { _ in
            throw TensorError.invalidArgument("no backward for '\(op.rawValue)' here: write the computation with +, -, *, / (and ** by a number)")
        }
    }
}

extension BinaryOperator {
    var gradLabel: String {
        switch self {
        case .add: return "add"
        case .subtract: return "sub"
        case .multiply: return "mul"
        case .divide: return "div"
        case .power: return "pow"
        default: return rawValue
        }
    }
}
