import Foundation
import InceptionRuntime

/// Bernoulli and Uniform of torch.distributions, and `kl_divergence` for two Normals, as
/// torch/distributions writes them: Bernoulli keeps probs or logits and makes the other on
/// reading (sigmoid; log p − log1p(−p) of p clamped to [eps, 1 − eps]), samples by
/// `torch.bernoulli`, log_prob is −BCE-with-logits; Uniform samples low + rand·(high − low).
extension Interpreter {
    func binaryAndUniformDistributions() -> [String: Value] {
        let bernoulli = Self.builtin(Signature("Bernoulli", [("probs", Value.none), ("logits", Value.none), ("validate_args", Value.none)])) { interpreter, a in
            guard a["probs"].isNone != a["logits"].isNone else {
                throw LanguageFailure("Either `probs` or `logits` must be specified, but not both.", as: .valueError)
            }
            let given = a["probs"].isNone ? "logits" : "probs"
            let numbers = isNumber(a[given])
            let param = try interpreter.asFloatTensor(a[given])
            let shape = try param.tensor.shape
            let eps = Double(Float.ulpOfOne)
            let probs: Composed, logits: Composed
            if given == "probs" {
                probs = param
                let clamped = try param.call("clamp", eps, 1 - eps)
                logits = try (try clamped.call("log")) - (try (try -clamped).call("log1p"))
            } else {
                (probs, logits) = (try param.call("sigmoid"), param)
            }
            // the repr names the parameters made so far (PyTorch's lazy_property)
            var made: Set<String> = [given]
            let repr = { () -> String in
                let shown = [("probs", probs), ("logits", logits)].filter { made.contains($0.0) }.map { "\($0.0): \(Self.parameterShown($0.1, number: numbers))" }
                return "Bernoulli(\(shown.joined(separator: ", ")))"
            }
            if given == "probs", Self.validates(a), try param.tensor.values.contains(where: { !($0 >= 0 && $0 <= 1) }) {
                throw Self.constraintFailure("probs", param, repr(), "Interval(lower_bound=0.0, upper_bound=1.0)", number: numbers)
            }
            let bce = { (x: Composed, target: Composed) throws -> Composed in
                try interpreter.functional("binary_cross_entropy_with_logits", x, target, keywords: [("reduction", "none")])
            }
            return Self.distribution("Bernoulli", repr: repr, batch: numbers ? [] : shape, event: [], members: [
                "probs": { made.insert("probs"); return probs.value },
                "logits": { made.insert("logits"); return logits.value },
                "mean": { made.insert("probs"); return probs.value },
                "variance": { made.insert("probs"); return try (probs * (try 1.0 - probs)).value },
                "sample": {
                    Self.builtin(Signature("sample", [("sample_shape", .size([]))])) { interpreter, s in
                        made.insert("probs")
                        let full = (try Self.sizeList(s["sample_shape"]) ?? []) + (numbers ? [] : shape)
                        return try GradMode.with(enabled: false) { try interpreter.torchFunction("bernoulli", try probs.call("expand", Value.size(full))).value }
                    }
                },
                "log_prob": {
                    Self.builtin(Signature("log_prob", [("value", nil)])) { interpreter, v in
                        let x = try interpreter.asFloatTensor(v["value"])
                        if Self.validates(a) { try Self.checkSupport(x, "Boolean()", repr()) { $0 == 0 || $0 == 1 } }
                        made.insert("logits")
                        let pair = try interpreter.torchFunction("broadcast_tensors", logits, x)
                        guard case .tuple(let items) = pair.value, items.count == 2 else { throw LanguageFailure("log_prob(): broadcast failed") }
                        return try (-(try bce(interpreter.composed(items[0]), interpreter.composed(items[1])))).value
                    }
                },
                "entropy": { .builtin(Builtin("entropy") { _, _ in made.formUnion(["probs", "logits"]); return try bce(logits, probs).value }) },
            ])
        }
        let uniform = Self.builtin(Signature("Uniform", [("low", nil), ("high", nil), ("validate_args", Value.none)])) { interpreter, a in
            let ((low, high), numbers) = try interpreter.broadcastPair(a["low"], a["high"])
            let shape = try low.tensor.shape
            let repr = { "Uniform(low: \(Self.parameterShown(low, number: numbers)), high: \(Self.parameterShown(high, number: numbers)))" }
            let width = { try high - low }
            if Self.validates(a), try zip(low.tensor.values, high.tensor.values).contains(where: { !($0 < $1) }) {
                throw Self.constraintFailure("low", low, repr(), "LessThan(upper_bound=\(Self.parameterShown(high, number: numbers)))", number: numbers)
            }
            let rsample = { (interpreter: Interpreter, s: BoundArguments) throws -> Value in
                let full = (try Self.sizeList(s["sample_shape"]) ?? []) + (numbers ? [] : shape)
                return try (low + (try interpreter.torchFunction("rand", Value.size(full)) * (try width()))).value
            }
            let supported = { (x: Composed) throws in
                if Self.validates(a) {
                    let bounds = "Interval(lower_bound=\(Self.parameterShown(low, number: numbers)), upper_bound=\(Self.parameterShown(high, number: numbers)))"
                    let pair = try interpreter.torchFunction("broadcast_tensors", x, low, high)
                    guard case .tuple(let items) = pair.value, items.count == 3, case .tensor(let v) = items[0],
                          case .tensor(let l) = items[1], case .tensor(let h) = items[2] else { return }
                    let (vs, ls, hs) = (v.values, l.values, h.values)
                    if vs.indices.contains(where: { !(ls[$0] <= vs[$0] && vs[$0] <= hs[$0]) }) {
                        throw Self.supportFailure(x, bounds, repr())
                    }
                }
            }
            return Self.distribution("Uniform", repr: repr, batch: numbers ? [] : shape, event: [], members: [
                "low": { low.value }, "high": { high.value },
                "mean": { (try (high + low) / 2.0).value },
                "stddev": { (try width() / Foundation.sqrt(12.0)).value },
                "variance": { (try width().call("pow", 2) / 12.0).value },
                "sample": { Self.builtin(Signature("sample", [("sample_shape", .size([]))])) { i, s in try GradMode.with(enabled: false) { try rsample(i, s) } } },
                "rsample": { Self.builtin(Signature("rsample", [("sample_shape", .size([]))]), rsample) },
                "log_prob": {
                    Self.builtin(Signature("log_prob", [("value", nil)])) { interpreter, v in
                        let x = try interpreter.asFloatTensor(v["value"])
                        try supported(x)
                        let inside = try (try low.call("le", x).call("float")) * (try high.call("gt", x).call("float"))
                        return (try inside.call("log") - (try width().call("log"))).value
                    }
                },
                "cdf": {
                    Self.builtin(Signature("cdf", [("value", nil)])) { interpreter, v in
                        let x = try interpreter.asFloatTensor(v["value"])
                        try supported(x)
                        return try (try (try x - low) / (try width())).call("clamp", 0.0, 1.0).value
                    }
                },
                "entropy": { .builtin(Builtin("entropy") { _, _ in try width().call("log").value }) },
            ])
        }
        let kl = Self.builtin(Signature("kl_divergence", [("p", nil), ("q", nil)])) { interpreter, a in
            guard case .object(let p as ClosureObject) = a["p"], case .object(let q as ClosureObject) = a["q"],
                  p.typeName == "Normal", q.typeName == "Normal",
                  let pLoc = p.member("loc"), let pScale = p.member("scale"), let qLoc = q.member("loc"), let qScale = q.member("scale") else {
                throw LanguageFailure("kl_divergence() is provided here for two Normal distributions only, got \(a["p"].typeName) and \(a["q"].typeName)",
                                      fix: "write the divergence from log_prob, or use two Normals")
            }
            // _kl_normal_normal: ½((σp/σq)² + ((μp − μq)/σq)² − 1 − log (σp/σq)²)
            let ratio = try (interpreter.composed(pScale) / qScale).call("pow", 2)
            let shift = try (try (interpreter.composed(pLoc) - qLoc) / qScale).call("pow", 2)
            return try (0.5 * (try (try (try ratio + shift) - 1.0) - (try ratio.call("log")))).value
        }
        return ["Bernoulli": bernoulli, "Uniform": uniform, "kl_divergence": kl]
    }

    /// A distribution object: its repr, batch and event shapes, and members computed on reading.
    static func distribution(_ name: String, repr: @escaping () -> String, batch: [Int], event: [Int],
                             members: [String: () throws -> Value]) -> Value {
        let object = ClosureObject(typeName: name, memberNames: members.keys.sorted() + ["batch_shape", "event_shape"], repr: repr)
        object.memberLookup = { member in
            switch member {
            case "batch_shape": return .size(batch)
            case "event_shape": return .size(event)
            default: return try? members[member]?()
            }
        }
        return .object(object)
    }

    /// broadcast_all of two parameters: numbers become float32 tensors, both the broadcast shape;
    /// `numbers` when both were numbers (PyTorch's batch_shape is then (), and reprs show floats).
    func broadcastPair(_ a: Value, _ b: Value) throws -> ((Composed, Composed), numbers: Bool) {
        let pair = try torchFunction("broadcast_tensors", try asFloatTensor(a), try asFloatTensor(b))
        guard case .tuple(let items) = pair.value, items.count == 2 else { throw LanguageFailure("broadcast_all(): broadcast failed") }
        return ((composed(items[0]), composed(items[1])), isNumber(a) && isNumber(b))
    }

    /// A number as a float32 tensor (torch.as_tensor with the default dtype); a tensor as it is.
    func asFloatTensor(_ v: Value) throws -> Composed {
        if case .tensor = v { return composed(v) }
        return try torchFunction("tensor", v, keywords: [("dtype", try getAttribute(try torchNamespaceValue(), "float32"))])
    }

    /// torch.nn.functional.name(arguments…) as a program calls it.
    func functional(_ name: String, _ arguments: ComposedArgument..., keywords: [(String, ComposedArgument)] = []) throws -> Composed {
        let f = try getAttribute(try getAttribute(try getAttribute(try torchNamespaceValue(), "nn"), "functional"), name)
        return composed(try callBack(f, Arguments(arguments.map(\.composedValue), keywords: keywords.map { ($0.0, $0.1.composedValue) })))
    }

    /// _validate_sample: every value inside the support, else PyTorch's ValueError.
    static func checkSupport(_ x: Composed, _ support: String, _ distribution: String, _ inside: (Float) -> Bool) throws {
        if try x.tensor.values.contains(where: { !inside($0) }) { throw supportFailure(x, support, distribution) }
    }

    static func supportFailure(_ x: Composed, _ support: String, _ distribution: String) -> LanguageFailure {
        let shape = (try? x.tensor.shape) ?? []
        let shownShape = shape.count == 1 ? "(\(shape[0]),)" : "(\(shape.map(String.init).joined(separator: ", ")))"
        let values = shape.isEmpty ? parameterShown(x, number: true) : x.value.repr
        return LanguageFailure("Expected value argument (Tensor of shape \(shownShape)) to be within the support (\(support)) of the distribution \(distribution), but found invalid values:\n\(values)",
                               as: .valueError)
    }
}
