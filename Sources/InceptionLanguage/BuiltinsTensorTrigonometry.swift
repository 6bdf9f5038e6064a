import Foundation
import InceptionRuntime

/// The element-wise functions of one argument beyond BuiltinsTorch's: tan, the inverse and
/// hyperbolic functions (with NumPy's arc… aliases), the aliases sgn, absolute, negative, fix, multiply,
/// subtract, greater, greater_equal, less, less_equal, not_equal, and clamp_min / clamp_max;
/// each a tensor method, its `_` in-place twin, and a torch function, with PyTorch's derivative
/// (derivatives.yaml) and grad_fn name. Computed in double and rounded once to float.
extension Interpreter {
    /// name → (its value, its derivative from x and y = f(x), the grad_fn PyTorch prints)
    private static let trigonometric: [String: (f: @Sendable (Double) -> Double, derivative: @Sendable (Float, Float) -> Float, grad: String)] = [
        "tan": ({ Foundation.tan($0) }, { _, y in 1 + y * y }, "TanBackward0"),
        "asin": ({ Foundation.asin($0) }, { x, _ in 1 / (1 - x * x).squareRoot() }, "AsinBackward0"),
        "acos": ({ Foundation.acos($0) }, { x, _ in -1 / (1 - x * x).squareRoot() }, "AcosBackward0"),
        "atan": ({ Foundation.atan($0) }, { x, _ in 1 / (x * x + 1) }, "AtanBackward0"),
        "sinh": ({ Foundation.sinh($0) }, { x, _ in Float(Foundation.cosh(Double(x))) }, "SinhBackward0"),
        "cosh": ({ Foundation.cosh($0) }, { x, _ in Float(Foundation.sinh(Double(x))) }, "CoshBackward0"),
        "asinh": ({ Foundation.asinh($0) }, { x, _ in 1 / (x * x + 1).squareRoot() }, "AsinhBackward0"),
        "acosh": ({ Foundation.acosh($0) }, { x, _ in 1 / (x * x - 1).squareRoot() }, "AcoshBackward0"),
        "atanh": ({ Foundation.atanh($0) }, { x, _ in 1 / (1 - x * x) }, "AtanhBackward0"),
    ]
    /// NumPy's names for the inverse functions, and PyTorch's other aliases, → the function they name.
    static let elementwiseAliases = ["arcsin": "asin", "arccos": "acos", "arctan": "atan", "arcsinh": "asinh", "arccosh": "acosh",
                                     "arctanh": "atanh", "sgn": "sign", "absolute": "abs", "negative": "neg", "fix": "trunc",
                                     "multiply": "mul", "subtract": "sub", "greater": "gt", "greater_equal": "ge", "less": "lt",
                                     "less_equal": "le", "not_equal": "ne"]
    static var trigonometricMethodNames: [String] {
        let names = Array(trigonometric.keys) + Array(elementwiseAliases.keys) + ["clamp_min", "clamp_max"]
        return names + names.map { $0 + "_" }
    }
    /// The torch functions that are these methods of their first argument.
    static var trigonometricFunctionNames: [String] { Array(trigonometric.keys) + Array(elementwiseAliases.keys) + ["clamp_min", "clamp_max"] }

    func trigonometricTensorMember(_ x: Tensor, _ name: String) throws -> Value? {
        let inPlace = name.hasSuffix("_") && !name.hasSuffix("__")
        let base = inPlace ? String(name.dropLast()) : name
        if let target = Self.elementwiseAliases[base] {
            let method = try getAttribute(.tensor(x), inPlace ? target + "_" : target)
            guard base == "sgn", !inPlace else { return method }
            // sgn is sign for real tensors, its grad_fn named its own
            return .builtin(Builtin(name) { [unowned self] _, arguments in
                let out = try composed(try callBack(method, arguments)).tensor
                out.gradNode?.displayName = "SgnBackward0"
                return .tensor(out)
            })
        }
        if base == "clamp_min" || base == "clamp_max" {
            // clamp with one bound (ClampMinBackward0 / ClampMaxBackward0, …Backward1 for a tensor bound)
            let bound = base == "clamp_min" ? "min" : "max"
            let clamp = try getAttribute(.tensor(x), inPlace ? "clamp_" : "clamp")
            return .builtin(Builtin(name) { [unowned self] _, arguments in
                let a = try Signature(name, [(bound, nil)]).bind(arguments)
                guard case .tensor(let out) = try callBack(clamp, Arguments(keywords: [(bound, a[bound])])) else { throw LanguageFailure("\(name)()") }
                if !inPlace { out.gradNode?.displayName = (base == "clamp_min" ? "ClampMinBackward" : "ClampMaxBackward") + (a[bound].asTensor == nil ? "0" : "1") }
                return .tensor(out)
            })
        }
        guard let entry = Self.trigonometric[base] else { return nil }
        if inPlace {
            // the result written over x, as BuiltinsTensorInPlace's (refused for an int64 x)
            let method = try getAttribute(.tensor(x), base)
            return .builtin(Builtin(name) { [unowned self] _, arguments in
                guard case .tensor(let result) = try callBack(method, arguments) else { throw LanguageFailure("\(name)()") }
                return .tensor(try writeInPlace(x, result, "\(name)()"))
            })
        }
        return .builtin(Builtin(name) { _, arguments in
            _ = try Signature(name).bind(arguments)
            let y = TensorOps.map(x, .float32) { Float(entry.f(Double($0))) }
            let out = TensorOpsGrad.unary(x, y, base, derivative: entry.derivative)
            out.gradNode?.displayName = entry.grad
            return .tensor(out)
        })
    }
}
