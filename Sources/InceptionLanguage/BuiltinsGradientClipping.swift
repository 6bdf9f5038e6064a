import Foundation
import InceptionRuntime

/// torch.nn.utils' gradient clipping, as a training loop calls it between backward() and step():
/// clip_grad_norm_ (the total norm, then every gradient scaled), its two halves get_total_norm and
/// clip_grads_with_norm_ (PyTorch 2.6 and later), and clip_grad_value_. Parameters without a
/// gradient are skipped; `foreach` picks PyTorch's kernels and changes nothing here.
extension Interpreter {
    func gradientClippingBuiltins() -> [String: Value] {
        func gradients(_ value: Value, _ name: String) throws -> [Tensor] { try Self.parameterTensors(value, name).compactMap(\.grad) }
        var t: [String: Value] = [:]
        // total = ‖(‖g₁‖, ‖g₂‖, …)‖; every gradient × min(max_norm / (total + 1e-6), 1); returns total
        t["clip_grad_norm_"] = Self.builtin(Signature("clip_grad_norm_", [("parameters", nil), ("max_norm", nil), ("norm_type", .float(2)),
                                                                          ("error_if_nonfinite", .bool(false)), ("foreach", Value.none)])) { _, a in
            let grads = try gradients(a["parameters"], "clip_grad_norm_")
            let total = try Self.totalNorm(grads, a, "clip_grad_norm_")
            Self.scale(grads, maxNorm: try Self.number(a, "max_norm"), totalNorm: total)
            return .tensor(try Tensor(shape: [], values: [total]))
        }
        // the total norm of the tensors themselves (usually the gradients, gathered by the program)
        t["get_total_norm"] = Self.builtin(Signature("get_total_norm", [("tensors", nil), ("norm_type", .float(2)),
                                                                        ("error_if_nonfinite", .bool(false)), ("foreach", Value.none)])) { _, a in
            let total = try Self.totalNorm(try Self.parameterTensors(a["tensors"], "get_total_norm"), a, "get_total_norm")
            return .tensor(try Tensor(shape: [], values: [total]))
        }
        // every gradient × min(max_norm / (total_norm + 1e-6), 1), total_norm given (get_total_norm's)
        t["clip_grads_with_norm_"] = Self.builtin(Signature("clip_grads_with_norm_", [("parameters", nil), ("max_norm", nil), ("total_norm", nil),
                                                                                      ("foreach", Value.none)])) { _, a in
            let grads = try gradients(a["parameters"], "clip_grads_with_norm_")
            guard case .tensor(let total) = a["total_norm"] else {
                throw LanguageFailure("clamp(): argument 'input' (position 1) must be Tensor, not \(a["total_norm"].typeName)",
                                      fix: "pass the tensor get_total_norm returns as total_norm", as: .typeError)
            }
            guard total.count == 1 else {
                throw LanguageFailure("clip_grads_with_norm_: total_norm must hold one value, got shape \(formatShape(total.shape))",
                                      fix: "pass the tensor get_total_norm returns as total_norm")
            }
            Self.scale(grads, maxNorm: try Self.number(a, "max_norm"), totalNorm: total.data[0])
            return .none
        }
        // every gradient clamped to [−clip_value, clip_value]
        t["clip_grad_value_"] = Self.builtin(Signature("clip_grad_value_", [("parameters", nil), ("clip_value", nil), ("foreach", Value.none)])) { _, a in
            let limit = Float(try Self.number(a, "clip_value"))
            for g in try gradients(a["parameters"], "clip_grad_value_") { for i in 0..<g.count { g.data[i] = min(max(g.data[i], -limit), limit) } }
            return .none
        }
        return t
    }

    /// A number argument given as a Python number or a one-value tensor (PyTorch takes float() of it).
    private static func number(_ a: BoundArguments, _ name: String) throws -> Double {
        if case .tensor(let x) = a[name] {
            guard x.count == 1 else { throw LanguageFailure("only one element tensors can be converted to Python scalars", as: .valueError) }
            return Double(x.data[0])
        }
        return try a.double(name)
    }

    /// ‖(‖t₁‖, ‖t₂‖, …)‖ of order `norm_type`, each norm rounded to float as PyTorch stacks them; 0
    /// for no tensors; PyTorch's RuntimeError when error_if_nonfinite and the total is NaN or ±inf.
    private static func totalNorm(_ tensors: [Tensor], _ a: BoundArguments, _ name: String) throws -> Float {
        let p = try number(a, "norm_type")
        guard p >= 0 || p == -.infinity else { throw LanguageFailure("\(name): norm_type must be ≥ 0 or ±inf, got \(formatFloat(p))") }
        // the p-norm (max |x| for inf, min |x| for −inf, the count of nonzeros for 0)
        func norm(_ values: UnsafeBufferPointer<Float>) -> Float {
            if p == .infinity { return values.map(abs).max() ?? 0 }
            if p == -.infinity { return values.map(abs).min() ?? 0 }
            if p == 0 { return Float(values.filter { $0 != 0 }.count) }
            if p == 2 { return Float(values.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()) }
            return Float(Foundation.pow(values.reduce(0.0) { $0 + Foundation.pow(Double(abs($1)), p) }, 1 / p))
        }
        let norms = tensors.map { norm(UnsafeBufferPointer(start: $0.data, count: $0.count)) }
        let total = norms.withUnsafeBufferPointer(norm)
        if try a.bool("error_if_nonfinite"), !total.isFinite {
            throw LanguageFailure("The total norm of order \(p) for gradients from `parameters` is non-finite, so it cannot be clipped. "
                                  + "To disable this error and scale the gradients by the non-finite norm anyway, set `error_if_nonfinite=False`")
        }
        return total
    }

    /// Every gradient × min(max_norm / (total + 1e-6), 1), the coefficient in float as PyTorch's tensor.
    private static func scale(_ grads: [Tensor], maxNorm: Double, totalNorm total: Float) {
        let coefficient = min(Float(maxNorm) / (total + 1e-6), 1)
        for g in grads { for i in 0..<g.count { g.data[i] *= coefficient } }
    }
}
