import Foundation
import InceptionRuntime

/// The gamma-sampled distributions of torch.distributions, each step as torch/distributions
/// writes it: Gamma(concentration, rate) samples `_standard_gamma(α) / rate`; Dirichlet(α)
/// samples `_sample_dirichlet` (gammas over their row's sum); Beta(α₁, α₀) is the Dirichlet of
/// stack([α₁, α₀], −1), its values the first column. Draws come from the default generator in
/// ATen's order (TorchGenerator.standardGamma), so a seeded program gets PyTorch's samples;
/// log_prob and entropy are lgamma/digamma/xlogy compositions carrying their gradients.
extension Interpreter {
    func gammaFamilyDistributions() -> [String: Value] {
        let gamma = Self.builtin(Signature("Gamma", [("concentration", nil), ("rate", nil), ("validate_args", Value.none)])) { interpreter, a in
            let ((alpha, rate), numbers) = try interpreter.broadcastPair(a["concentration"], a["rate"])
            let shape = try alpha.tensor.shape
            let repr = { "Gamma(concentration: \(Self.parameterShown(alpha, number: numbers)), rate: \(Self.parameterShown(rate, number: numbers)))" }
            if Self.validates(a) {
                for (name, p) in [("concentration", alpha), ("rate", rate)] where try p.tensor.values.contains(where: { !($0 > 0) }) {
                    throw Self.constraintFailure(name, p, repr(), "GreaterThan(lower_bound=0.0)", number: numbers)
                }
            }
            let rsample = { (interpreter: Interpreter, s: BoundArguments) throws -> Value in
                let full = (try Self.sizeList(s["sample_shape"]) ?? []) + shape
                try Self.refuseSampleGradient("Gamma", alpha)
                let drawn = try interpreter.gammaDraws(try alpha.call("expand", Value.size(full)).call("contiguous").tensor, k: nil)
                let value = try interpreter.composed(drawn) / (try rate.call("expand", Value.size(full)))
                return try value.call("clamp", keywords: [("min", Double(Float.leastNormalMagnitude))]).value
            }
            return Self.distribution("Gamma", repr: repr, batch: numbers ? [] : shape, event: [], members: [
                "concentration": { alpha.value }, "rate": { rate.value },
                "mean": { try (alpha / rate).value },
                "mode": { try (try (try alpha - 1.0) / rate).call("clamp", keywords: [("min", 0.0)]).value },
                "variance": { try (alpha / (try rate.call("pow", 2))).value },
                "sample": { Self.builtin(Signature("sample", [("sample_shape", .size([]))])) { i, s in try GradMode.with(enabled: false) { try rsample(i, s) } } },
                "rsample": { Self.builtin(Signature("rsample", [("sample_shape", .size([]))]), rsample) },
                "log_prob": {
                    Self.builtin(Signature("log_prob", [("value", nil)])) { interpreter, v in
                        let x = try interpreter.asFloatTensor(v["value"])
                        if Self.validates(a) { try Self.checkSupport(x, "GreaterThanEq(lower_bound=0.0)", repr()) { $0 >= 0 } }
                        let first = try (try interpreter.torchFunction("xlogy", alpha, rate)) + (try interpreter.torchFunction("xlogy", try alpha - 1.0, x))
                        return (try (try first - (try rate * x)) - (try alpha.call("lgamma"))).value
                    }
                },
                "entropy": {
                    .builtin(Builtin("entropy") { _, _ in
                        let body = try (try alpha - (try rate.call("log"))) + (try alpha.call("lgamma"))
                        return (try body + (try (try 1.0 - alpha) * (try alpha.call("digamma")))).value
                    })
                },
            ])
        }
        let dirichlet = Self.builtin(Signature("Dirichlet", [("concentration", nil), ("validate_args", Value.none)])) { interpreter, a in
            let alpha = interpreter.composed(try a.tensor("concentration"))
            let shape = try alpha.tensor.shape
            guard !shape.isEmpty else { throw LanguageFailure("`concentration` parameter must be at least one-dimensional.", as: .valueError) }
            let repr = { "Dirichlet(concentration: \(Value.size(shape).repr))" }
            return try interpreter.dirichletObject(alpha, repr: repr, validates: Self.validates(a), beta: false)
        }
        let beta = Self.builtin(Signature("Beta", [("concentration1", nil), ("concentration0", nil), ("validate_args", Value.none)])) { interpreter, a in
            let ((c1, c0), numbers) = try interpreter.broadcastPair(a["concentration1"], a["concentration0"])
            let both = try interpreter.torchFunction("stack", Value.list(ListStorage([c1.value, c0.value])), -1)
            let alpha = numbers ? try both.call("reshape", 2) : both
            return try interpreter.dirichletObject(alpha, repr: { "Beta()" }, validates: Self.validates(a), beta: true)
        }
        return ["Gamma": gamma, "Dirichlet": dirichlet, "Beta": beta]
    }

    /// A Dirichlet over the last dimension of `alpha`, or (beta) the Beta distribution it carries:
    /// values, mean, mode and variance read its first column, log_prob stacks [x, 1 − x].
    private func dirichletObject(_ alpha: Composed, repr: @escaping () -> String, validates: Bool, beta: Bool) throws -> Value {
        let shape = try alpha.tensor.shape
        let k = shape.last!, batch = Array(shape.dropLast())
        if validates, try alpha.tensor.values.contains(where: { !($0 > 0) }) {
            let dirichletRepr = "Dirichlet(concentration: \(Value.size(shape).repr))"
            throw Self.constraintFailure("concentration", alpha, dirichletRepr, "IndependentConstraint(GreaterThan(lower_bound=0.0), 1)")
        }
        let name = beta ? "Beta" : "Dirichlet"
        let first = { (x: Composed) throws -> Value in beta ? try x.call("select", -1, 0).value : x.value }
        let rsample = { (interpreter: Interpreter, s: BoundArguments) throws -> Value in
            let full = (try Self.sizeList(s["sample_shape"]) ?? []) + shape
            try Self.refuseSampleGradient(name, alpha)
            let drawn = try interpreter.gammaDraws(try alpha.call("expand", Value.size(full)).call("contiguous").tensor, k: k)
            return try first(interpreter.composed(drawn))
        }
        let total = { try alpha.call("sum", -1, keywords: [("keepdim", true)]) }
        let mode = { () throws -> Composed in
            // (α − 1)⁺ over its sum; a row of α all below 1 is PyTorch's one_hot of argmax over
            // that row's 0/0 values, the first entry
            let m1 = try (try alpha - 1.0).call("clamp", keywords: [("min", 0.0)])
            let mode = try m1 / (try m1.call("sum", -1, keywords: [("keepdim", true)]))
            let below = try alpha.call("lt", 1.0).call("all", keywords: [("dim", -1)]).call("unsqueeze", -1)
            let corner = Tensor(zeros: shape)
            for row in stride(from: 0, to: corner.count, by: k) { corner.data[row] = 1 }
            return try self.torchFunction("where", below, corner, mode)
        }
        return Self.distribution(name, repr: repr, batch: batch, event: beta ? [] : [k], members: [
            "concentration": { alpha.value },
            "concentration1": { try alpha.call("select", -1, 0).value },
            "concentration0": { try alpha.call("select", -1, 1).value },
            "mean": { try first(try alpha / (try total())) },
            "mode": { try first(try mode()) },
            "variance": {
                let t = try total()
                return try first(try (try alpha * (try t - alpha)) / (try (try t.call("pow", 2)) * (try t + 1.0)))
            },
            "sample": { Self.builtin(Signature("sample", [("sample_shape", .size([]))])) { i, s in try GradMode.with(enabled: false) { try rsample(i, s) } } },
            "rsample": { Self.builtin(Signature("rsample", [("sample_shape", .size([]))]), rsample) },
            "log_prob": {
                Self.builtin(Signature("log_prob", [("value", nil)])) { interpreter, v in
                    var x = try interpreter.asFloatTensor(v["value"])
                    if beta {
                        if validates { try Self.checkSupport(x, "Interval(lower_bound=0.0, upper_bound=1.0)", repr()) { $0 >= 0 && $0 <= 1 } }
                        x = try interpreter.torchFunction("stack", Value.list(ListStorage([x.value, try (1.0 - x).value])), -1)
                    }
                    let terms = try interpreter.torchFunction("xlogy", try alpha - 1.0, x).call("sum", -1)
                    let withTotal = try terms + (try alpha.call("sum", -1).call("lgamma"))
                    return (try withTotal - (try alpha.call("lgamma").call("sum", -1))).value
                }
            },
            "entropy": {
                .builtin(Builtin("entropy") { _, _ in
                    let a0 = try alpha.call("sum", -1)
                    let logB = try (try alpha.call("lgamma").call("sum", -1)) - (try a0.call("lgamma"))
                    let middle = try (try Double(k) - a0) * (try a0.call("digamma"))
                    let last = try (try (try alpha - 1.0) * (try alpha.call("digamma"))).call("sum", -1)
                    return (try (try logB - middle) - last).value
                })
            },
        ])
    }

    /// Gamma(α, 1) draws for every value of `alphas` from the default generator: `_standard_gamma`,
    /// or with `k`, `_sample_dirichlet` over rows of k.
    private func gammaDraws(_ alphas: Tensor, k: Int?) throws -> Tensor {
        let out = Tensor(uninitialized: alphas.shape)
        let values = alphas.values
        try values.withUnsafeBufferPointer { p in
            try Self.drawing(from: .none, k == nil ? "_standard_gamma" : "_sample_dirichlet") { g in
                if let k { g.fillDirichlet(out.data, alphas: p.baseAddress!, count: values.count, k: k) }
                else { g.fillStandardGamma(out.data, alphas: p.baseAddress!, count: values.count) }
            }
        }
        return out
    }

    /// A sample's gradient with respect to the concentration (PyTorch's `_standard_gamma_grad`,
    /// `_dirichlet_grad`) is not provided: refused where a program would ask for it.
    static func refuseSampleGradient(_ name: String, _ alpha: Composed) throws {
        if GradMode.isEnabled, try alpha.tensor.requiresGrad {
            throw LanguageFailure("\(name).rsample(): the gradient of a sample with respect to a concentration that requires grad is not supported here",
                                  fix: "draw with .sample(), or pass the concentration detached (.detach())")
        }
    }
}
