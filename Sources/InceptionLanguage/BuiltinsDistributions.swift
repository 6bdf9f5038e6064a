import Foundation
import InceptionRuntime

/// `torch.distributions`: Categorical (the REINFORCE tutorial's) and Normal, each step as
/// torch/distributions writes it, so samples draw PyTorch's numbers and log_prob/entropy carry
/// its gradients: Categorical normalises probs (or logits by their logsumexp), samples by
/// `torch.multinomial(probs, n, True).T`, log_prob gathers the log-probabilities, entropy is
/// −Σ p·log p; Normal samples by `torch.normal(loc, scale)` (no gradient), rsamples
/// loc + ε·scale, log_prob −(x − μ)²/(2σ²) − log σ − log √(2π).
extension Interpreter {
    func distributionsNamespace() -> Namespace {
        let categorical = Self.builtin(Signature("Categorical", [("probs", Value.none), ("logits", Value.none), ("validate_args", Value.none)])) { interpreter, a in
            guard a["probs"].isNone != a["logits"].isNone else {
                throw LanguageFailure("Either `probs` or `logits` must be specified, but not both.", as: .valueError)
            }
            let probs: Composed, logits: Composed
            if case .tensor(let p) = a["probs"] {
                guard p.rank >= 1 else { throw LanguageFailure("`probs` parameter must be at least one-dimensional.", as: .valueError) }
                probs = try interpreter.composed(p) / (try interpreter.composed(p).call("sum", -1, keywords: [("keepdim", true)]))
                let eps = Double(Float.ulpOfOne)
                logits = try probs.call("clamp", eps, 1 - eps).call("log")
            } else {
                let l = try a.tensor("logits")
                guard l.rank >= 1 else { throw LanguageFailure("`logits` parameter must be at least one-dimensional.", as: .valueError) }
                logits = try interpreter.composed(l) - (try interpreter.composed(l).call("logsumexp", -1, keywords: [("keepdim", true)]))
                probs = try logits.call("softmax", -1)
            }
            let shape = try probs.tensor.shape
            let events = shape.last!, batch = Array(shape.dropLast())
            // the repr names the parameters made so far: the one given, the other once read (PyTorch's lazy_property)
            var (madeProbs, madeLogits) = (!a["probs"].isNone, !a["logits"].isNone)
            let object = ClosureObject(typeName: "Categorical", memberNames: ["sample", "log_prob", "entropy", "probs", "logits", "batch_shape", "event_shape"]) {
                let shown = [("probs", madeProbs, probs), ("logits", madeLogits, logits)].filter(\.1).map { "\($0.0): \(Self.parameterShown($0.2))" }
                return "Categorical(\(shown.joined(separator: ", ")))"
            }
            if madeProbs, Self.validates(a) {
                // constraints.simplex on the normalised probs: every value ≥ 0 and each row summing to 1
                let p = try probs.tensor
                let rows = p.count / max(events, 1)
                let valid = (0..<rows).allSatisfy { r in
                    let row = (0..<events).map { p.data[r * events + $0] }
                    return row.allSatisfy { $0 >= 0 } && abs(row.reduce(0, +) - 1) < 1e-6
                }
                if !valid { throw Self.constraintFailure("probs", probs, object.repr, "Simplex()") }
            }
            object.memberLookup = { name in
                switch name {
                case "probs": madeProbs = true; return probs.value
                case "logits": madeLogits = true; return logits.value
                case "batch_shape": return .size(batch)
                case "event_shape": return .size([])
                case "sample":
                    return Self.builtin(Signature("sample", [("sample_shape", .size([]))])) { interpreter, s in
                        let sampleShape = try Self.sizeList(s["sample_shape"]) ?? []
                        let n = sampleShape.reduce(1, *)
                        madeProbs = true
                        return try GradMode.with(enabled: false) {
                            let flat = try probs.call("reshape", -1, events)
                            let drawn = try interpreter.torchFunction("multinomial", flat, n, true).call("t")
                            return try drawn.call("reshape", Value.size(sampleShape + batch)).value
                        }
                    }
                case "log_prob":
                    return Self.builtin(Signature("log_prob", [("value", nil)])) { interpreter, v in
                        madeLogits = true
                        let value = try interpreter.composed(try v.tensor("value")).call("long").call("unsqueeze", -1)
                        let pair = try interpreter.torchFunction("broadcast_tensors", value, logits)
                        guard case .tuple(let items) = pair.value, items.count == 2 else { throw LanguageFailure("log_prob(): broadcast failed") }
                        let index = try interpreter.composed(items[0]).call("narrow", -1, 0, 1)
                        return try interpreter.composed(items[1]).call("gather", -1, index).call("squeeze", -1).value
                    }
                case "entropy":
                    return .builtin(Builtin("entropy") { _, _ in
                        (madeProbs, madeLogits) = (true, true)
                        let clamped = try logits.call("clamp", keywords: [("min", -Double(Float.greatestFiniteMagnitude))])
                        return try (-(try (try clamped * probs).call("sum", -1))).value
                    })
                default: return nil
                }
            }
            return .object(object)
        }
        let normal = Self.builtin(Signature("Normal", [("loc", nil), ("scale", nil), ("validate_args", Value.none)])) { interpreter, a in
            // broadcast_all: numbers become tensors, both take the broadcast shape
            let asTensor = { (v: Value) throws -> Composed in
                if case .tensor = v { return interpreter.composed(v) }
                return try interpreter.torchFunction("tensor", v, keywords: [("dtype", try interpreter.getAttribute(try interpreter.torchNamespaceValue(), "float32"))])
            }
            // both numbers: PyTorch keeps them as numbers, shown as such
            let numbers = isNumber(a["loc"]) && isNumber(a["scale"])
            let pair = try interpreter.torchFunction("broadcast_tensors", try asTensor(a["loc"]), try asTensor(a["scale"]))
            guard case .tuple(let items) = pair.value, items.count == 2 else { throw LanguageFailure("Normal(): broadcast failed") }
            let (loc, scale) = (interpreter.composed(items[0]), interpreter.composed(items[1]))
            let shape = try loc.tensor.shape
            let object = ClosureObject(typeName: "Normal", memberNames: ["sample", "rsample", "log_prob", "cdf", "icdf", "entropy", "loc", "scale", "mean", "stddev", "variance", "batch_shape", "event_shape"]) {
                "Normal(loc: \(Self.parameterShown(loc, number: numbers)), scale: \(Self.parameterShown(scale, number: numbers)))"
            }
            if Self.validates(a) {
                if try (0..<loc.tensor.count).contains(where: { try loc.tensor.data[$0].isNaN }) {
                    throw Self.constraintFailure("loc", loc, object.repr, "Real()", number: numbers)
                }
                if try (0..<scale.tensor.count).contains(where: { try !(scale.tensor.data[$0] > 0) }) {
                    throw Self.constraintFailure("scale", scale, object.repr, "GreaterThan(lower_bound=0.0)", number: numbers)
                }
            }
            func extended(_ s: BoundArguments) throws -> Value { .size((try Self.sizeList(s["sample_shape"]) ?? []) + shape) }
            object.memberLookup = { name in
                switch name {
                case "loc", "mean": return loc.value
                case "scale", "stddev": return scale.value
                case "batch_shape": return .size(numbers ? [] : shape)
                case "event_shape": return .size([])
                case "cdf":
                    // ½(1 + erf((x − μ)/(σ√2)))
                    return Self.builtin(Signature("cdf", [("value", nil)])) { interpreter, v in
                        let z = try (try (try interpreter.asFloatTensor(v["value"]) - loc) * (try scale.call("reciprocal"))) / Foundation.sqrt(2.0)
                        return try (0.5 * (try 1.0 + (try z.call("erf")))).value
                    }
                case "icdf":
                    // μ + σ·erfinv(2p − 1)·√2
                    return Self.builtin(Signature("icdf", [("value", nil)])) { interpreter, v in
                        let e = try (try (try 2.0 * (try interpreter.asFloatTensor(v["value"]))) - 1.0).call("erfinv")
                        return try (loc + (try (try scale * e) * Foundation.sqrt(2.0))).value
                    }
                case "variance": return try? scale.call("pow", 2).value
                case "sample":
                    return Self.builtin(Signature("sample", [("sample_shape", .size([]))])) { interpreter, s in
                        let full = try extended(s)
                        return try GradMode.with(enabled: false) {
                            try interpreter.torchFunction("normal", try loc.call("expand", full), try scale.call("expand", full)).value
                        }
                    }
                case "rsample":
                    return Self.builtin(Signature("rsample", [("sample_shape", .size([]))])) { interpreter, s in
                        let eps = try interpreter.torchFunction("empty", try extended(s)).call("normal_")
                        return try (loc + (try eps * scale)).value
                    }
                case "log_prob":
                    return Self.builtin(Signature("log_prob", [("value", nil)])) { interpreter, v in
                        let x = interpreter.composed(v["value"])
                        let variance = try scale.call("pow", 2)
                        let squared = try (try x - loc).call("pow", 2)
                        return (try (try (-squared) / (try 2.0 * variance)) - (try scale.call("log")) - Foundation.log(Foundation.sqrt(2 * Double.pi))).value
                    }
                case "entropy":
                    return .builtin(Builtin("entropy") { _, _ in
                        try (0.5 + 0.5 * Foundation.log(2 * Double.pi) + (try scale.call("log"))).value
                    })
                default: return nil
                }
            }
            return .object(object)
        }
        let members = ["Categorical": categorical, "Normal": normal].merging(gammaFamilyDistributions()) { a, _ in a }
        return Namespace("torch.distributions", members.merging(binaryAndUniformDistributions()) { a, _ in a })
    }

    /// A parameter in a distribution's repr: the tensor when it holds one value, else its size.
    static func parameterShown(_ p: Composed, number: Bool = false) -> String {
        guard let t = try? p.tensor else { return "?" }
        if number { return Value.float(Double(t.data[0])).repr }
        return t.count == 1 ? p.value.repr : Value.size(t.shape).repr
    }

    /// validate_args: on unless False is given.
    static func validates(_ a: BoundArguments) -> Bool {
        if case .bool(false) = a["validate_args"] { return false }
        return true
    }

    /// PyTorch's ValueError for a parameter outside its constraint (validate_args, on by default).
    static func constraintFailure(_ name: String, _ p: Composed, _ distribution: String, _ constraint: String, number: Bool = false) -> LanguageFailure {
        let shape = (try? p.tensor.shape) ?? []
        let shownShape = shape.count == 1 ? "(\(shape[0]),)" : "(\(shape.map(String.init).joined(separator: ", ")))"
        let values = number ? parameterShown(p, number: true) : p.value.repr
        return LanguageFailure("Expected parameter \(name) (Tensor of shape \(shownShape)) of distribution \(distribution) to satisfy the constraint \(constraint), but found invalid values:\n\(values)",
                               as: .valueError)
    }

    func torchNamespaceValue() throws -> Value {
        guard let torch = builtinScope.lookup("torch") else { throw LanguageFailure("torch is not defined") }
        return torch
    }
}
