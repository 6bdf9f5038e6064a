import Foundation
import InceptionRuntime

/// Element-wise tensor methods made of others or with a backward of their own: lerp, atan2
/// (arctan2), hypot, deg2rad and rad2deg, with PyTorch's grad_fn names.
extension Interpreter {
    static let elementwiseMethodNames = ["lerp", "atan2", "arctan2", "hypot", "deg2rad", "rad2deg", "logical_and", "logical_or", "logical_xor",
                                         "logical_not", "trace"]

    func elementwiseTensorMember(_ x: Tensor, _ name: String) throws -> Value? {
        func method(_ signature: Signature, _ body: @escaping (BoundArguments) throws -> Tensor) -> Value {
            .builtin(Builtin(signature.name) { _, arguments in .tensor(try body(try signature.parsedAsTorch.bind(arguments))) })
        }
        func named(_ t: Tensor, _ gradName: String) -> Tensor { t.gradNode?.displayName = gradName; return t }
        switch name {
        case "lerp":
            // x + weight·(end − x); weight a number (LerpBackward0) or a tensor (LerpBackward1)
            return method(Signature("lerp", [("end", nil), ("weight", nil)])) { a in
                let end = try a.tensor("end"), weight = try a.operand("weight")
                try Self.checkLerpTypes(x, end, a["weight"])
                let step = try TensorOps.binary(.multiply, weight, try TensorOps.binary(.subtract, end, x))
                return named(try TensorOps.binary(.add, x, step), a["weight"].asTensor == nil ? "LerpBackward0" : "LerpBackward1")
            }
        case "atan2", "arctan2":
            // atan2(x, other) by quadrant; d/dx = other / r², d/dother = −x / r² (r² = x² + other²)
            return method(Signature(name, [("other", nil)])) { a in
                let other = try a.operand("other")
                let shape = try TensorOps.broadcastShape(x.shape, other.shape)
                // both broadcast to the result's shape (their gradients summed back by the adds)
                let (y, w) = (try TensorOps.binary(.add, x, Tensor(zeros: shape)), try TensorOps.binary(.add, other, Tensor(zeros: shape)))
                let out = TensorOps.make(shape) { p in for i in 0..<y.count { p[i] = Foundation.atan2(y.data[i], w.data[i]) } }
                return Autograd.record(out, "atan2", inputs: [y, w]) { g in
                    let (dy, dw) = (Tensor(zeros: shape), Tensor(zeros: shape))
                    for i in 0..<g.count {
                        // PyTorch's order: recip = 1 / (x² + other²), g·other·recip and g·(−x)·recip
                        // (0 at the origin, where the reciprocal is infinite, as PyTorch masks it)
                        let (a, b) = (y.data[i], w.data[i]), r = 1 / (a * a + b * b), recip = r.isInfinite ? 0 : r
                        dy.data[i] = g.data[i] * b * recip
                        dw.data[i] = g.data[i] * -a * recip
                    }
                    return [dy, dw]
                }.named("Atan2Backward0")
            }
        case "hypot":
            // √(x² + other²)
            return method(Signature("hypot", [("other", nil)])) { [unowned self] a in
                let other = try a.operand("other")
                let sum = try TensorOps.binary(.add, try TensorOps.binary(.multiply, x, x), try TensorOps.binary(.multiply, other, other))
                guard case .tensor(let root) = try callBack(try torchTensorMember(sum, "sqrt")!, Arguments()) else { throw LanguageFailure("hypot") }
                return named(root, "HypotBackward0")
            }
        case "logical_and", "logical_or", "logical_xor":
            // bool results of the values' truth (nonzero), broadcast
            return method(Signature(name, [("other", nil)])) { a in
                let (p, q) = (Self.truth(x), Self.truth(try a.operand("other")))
                switch name {
                case "logical_and": return try TensorOps.binary(.multiply, p, q)
                case "logical_or": return try TensorOps.binary(.add, p, q)
                default: return try TensorOps.compare(.notEqual, p, q)
                }
            }
        case "logical_not":
            return method(Signature(name)) { _ in TensorOps.map(x, .bool) { $0 == 0 ? 1 : 0 } }
        case "trace":
            return method(Signature("trace")) { [unowned self] _ in try trace(x) }
        case "deg2rad", "rad2deg":
            return method(Signature(name)) { a in
                let factor = Self.scalarTensor(.float(name == "deg2rad" ? Double.pi / 180 : 180 / Double.pi))!
                return named(try TensorOps.binary(.multiply, x, factor), name == "deg2rad" ? "Deg2RadBackward0" : "Rad2DegBackward0")
            }
        default: return nil
        }
    }
}

extension Interpreter {
    /// A bool tensor of x's values' truth (nonzero).
    static func truth(_ x: Tensor) -> Tensor { TensorOps.map(x, .bool) { $0 != 0 ? 1 : 0 } }
}

private extension Tensor {
    func named(_ gradName: String) -> Tensor { gradNode?.displayName = gradName; return self }
}

extension Interpreter {
    /// lerp's dtype rules in PyTorch: end (and a tensor weight) of x's dtype, and a floating x.
    static func checkLerpTypes(_ x: Tensor, _ end: Tensor, _ weight: Value) throws {
        let d = TensorOps.dtype(x)
        for (name, other) in [("end", Optional(end)), ("weight", weight.asTensor)] {
            guard let other, TensorOps.dtype(other) != d else { continue }
            throw LanguageFailure("expected dtype \(cppTypeName(d)) for `\(name)` but got dtype \(cppTypeName(TensorOps.dtype(other)))")
        }
        guard d.isFloating else {
            throw LanguageFailure("\"lerp_kernel_\(weight.asTensor == nil ? "scalar" : "tensor")\" not implemented for '\(d.scalarName)'", as: .notImplementedError)
        }
    }
}
