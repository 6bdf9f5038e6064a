import Foundation
import InceptionRuntime

/// Gradients with PyTorch's names: `loss.backward()`, `p.grad`, `requires_grad`,
/// `net.zero_grad()`, `torch.no_grad()`, `F.cross_entropy` / `nn.CrossEntropyLoss()`, and
/// `optim.SGD(…)` with `.step()` and `.zero_grad()`. The runtime's Autograd does the work.
extension Interpreter {
    static let autogradMemberNames = ["backward", "grad", "requires_grad", "requires_grad_", "is_leaf", "grad_fn", "detach", "zero_"]

    /// Tensor members about gradients; nil for other names.
    func autogradMember(_ x: Tensor, _ name: String) throws -> Value? {
        switch name {
        case "backward":
            return Self.builtin(Signature("backward", [("gradient", Value.none)])) { interpreter, a in
                let g = a["gradient"].isNone ? nil : try a.tensor("gradient")
                try Autograd.backward(x, gradient: g, context: interpreter.contexts.last ?? interpreter.context)
                return .none
            }
        case "grad": return x.grad.map { .tensor($0) } ?? .none
        case "requires_grad": return .bool(x.requiresGrad)
        case "is_leaf": return .bool(x.gradNode == nil)
        case "grad_fn":
            guard let node = x.gradNode else { return .none }
            let name = "\(node.label)Backward"
            return .native(NativeObject(typeName: name, repr: { "<\(name)>" }))
        case "requires_grad_":
            return Self.builtin(Signature("requires_grad_", [("requires_grad", .bool(true))])) { interpreter, a in
                try interpreter.setRequiresGrad(x, try a.bool("requires_grad"))
                return .tensor(x)
            }
        case "detach":
            // PyTorch's detach shares the storage; here it is a copy (the difference shows only if one is changed in place).
            return Self.builtin(Signature("detach")) { _, _ in .tensor(x.copy()) }
        case "zero_":
            return Self.builtin(Signature("zero_")) { _, _ in x.buffer.update(repeating: 0); return .tensor(x) }
        default: return nil
        }
    }

    /// `x.requires_grad = True`, `p.grad = None`; false for other names.
    func setTensorAttribute(_ x: Tensor, _ name: String, _ value: Value) throws -> Bool {
        switch name {
        case "requires_grad":
            guard case .bool(let on) = value else { throw LanguageFailure("requires_grad must be True or False, got \(value.typeName) \(value.repr)") }
            try setRequiresGrad(x, on)
            return true
        case "grad":
            switch value {
            case .none: x.grad = nil
            case .tensor(let g):
                guard g.shape == x.shape else {
                    throw LanguageFailure("assigned grad has shape \(formatShape(g.shape)), the tensor is \(formatShape(x.shape))")
                }
                x.grad = g
            default: throw LanguageFailure("grad must be a tensor or None, got \(value.typeName)")
            }
            return true
        default: return false
        }
    }

    func setRequiresGrad(_ x: Tensor, _ on: Bool) throws {
        guard x.gradNode == nil else {
            throw LanguageFailure("you can only change requires_grad of leaf tensors (this one was computed from others)",
                                  fix: "use x.detach() to get a leaf copy")
        }
        x.requiresGrad = on
    }

    /// Module members about gradients: `zero_grad()`, `requires_grad_()`.
    func autogradModuleMember(_ m: Module, _ name: String) throws -> Value? {
        switch name {
        case "zero_grad":
            return Self.builtin(Signature("zero_grad", [("set_to_none", .bool(true))])) { _, a in
                let none = try a.bool("set_to_none")
                for (_, p) in m.namedParameters() {
                    if none { p.grad = nil } else { p.grad?.buffer.update(repeating: 0) }
                }
                return .none
            }
        case "requires_grad_":
            return Self.builtin(Signature("requires_grad_", [("requires_grad", .bool(true))])) { _, a in
                let on = try a.bool("requires_grad")
                for (_, p) in m.namedParameters() { p.requiresGrad = on }
                return .module(m)
            }
        default: return nil
        }
    }

    // MARK: builtins

    /// cross_entropy, CrossEntropyLoss, no_grad, set_grad_enabled, is_grad_enabled and the optim namespace.
    func autogradBuiltins() -> [String: Value] {
        var t: [String: Value] = [:]
        t["cross_entropy"] = Self.builtin(Signature("cross_entropy", [("input", nil), ("target", nil), ("reduction", .string("mean"))])) { _, a in
            .tensor(try Self.crossEntropy(try a.tensor("input"), a["target"], reduction: try a.string("reduction")))
        }
        t["CrossEntropyLoss"] = Self.builtin(Signature("CrossEntropyLoss", [("reduction", .string("mean"))])) { _, a in
            let reduction = try a.string("reduction")
            let loss = NativeObject(typeName: "CrossEntropyLoss", repr: { "CrossEntropyLoss()" })
            loss.call = { _, arguments in
                let b = try Signature("CrossEntropyLoss", [("input", nil), ("target", nil)]).bind(arguments)
                return .tensor(try Self.crossEntropy(try b.tensor("input"), b["target"], reduction: reduction))
            }
            return .native(loss)
        }
        t["no_grad"] = Self.builtin(Signature("no_grad")) { _, _ in .native(Self.gradModeContext(enabled: false, name: "no_grad")) }
        t["enable_grad"] = Self.builtin(Signature("enable_grad")) { _, _ in .native(Self.gradModeContext(enabled: true, name: "enable_grad")) }
        t["set_grad_enabled"] = Self.builtin(Signature("set_grad_enabled", [("mode", nil)])) { _, a in
            _ = GradMode.set(try a.bool("mode"))
            return .none
        }
        t["is_grad_enabled"] = Self.builtin(Signature("is_grad_enabled")) { _, _ in .bool(GradMode.isEnabled) }
        t["SGD"] = Self.builtin(Signature("SGD", [("params", nil), ("lr", .float(0.001)), ("momentum", .float(0)), ("dampening", .float(0)),
                                                ("weight_decay", .float(0)), ("nesterov", .bool(false))])) { _, a in
            guard try a.double("dampening") == 0, try a.bool("nesterov") == false else {
                throw LanguageFailure("SGD: dampening and nesterov are not supported here", fix: "leave them at their defaults (0 and False)")
            }
            guard let items = a["params"].sequenceItems(), a["params"].typeName != "str" else {
                throw LanguageFailure("SGD: params must be the parameters to optimise, e.g. net.parameters(), got \(a["params"].typeName)")
            }
            let params = try items.enumerated().map { (i, v) -> Tensor in
                guard case .tensor(let p) = v else { throw LanguageFailure("SGD: parameter \(i) is a \(v.typeName), not a tensor") }
                guard p.gradNode == nil else { throw LanguageFailure("SGD: can't optimize a non-leaf tensor (parameter \(i) was computed from others)") }
                return p
            }
            return .native(try Self.sgdObject(params, lr: try a.double("lr"), momentum: try a.double("momentum"),
                                               weightDecay: try a.double("weight_decay")))
        }
        return t
    }

    /// mean (or summed) cross-entropy of logits (N, K) against class indices; recorded for backward.
    // input: (N, K), target: N class indices → a 0-d tensor
    static func crossEntropy(_ logits: Tensor, _ target: Value, reduction: String) throws -> Tensor {
        guard reduction == "mean" || reduction == "sum" else {
            throw LanguageFailure("cross_entropy: reduction must be 'mean' or 'sum', got '\(reduction)'")
        }
        try TensorMath.requireValues(logits, "cross_entropy()")
        let labels = try classIndices(target)
        let scale: Float = reduction == "sum" ? Float(labels.count) : 1
        return try Autograd.weightedCrossEntropy([(logits, scale)], labels: labels)
    }

    /// Class indices from a tensor of whole numbers or a list of ints.
    static func classIndices(_ target: Value) throws -> [Int] {
        let values: [Double]
        switch target {
        case .tensor(let t):
            try TensorMath.requireValues(t, "cross_entropy()")
            guard t.rank == 1 else {
                throw LanguageFailure("cross_entropy: target must be a 1-D tensor of class indices (N,), got \(formatShape(t.shape))")
            }
            values = t.values.map(Double.init)
        default:
            guard let items = target.sequenceItems(), target.typeName != "str" else {
                throw LanguageFailure("cross_entropy: target must be class indices (a tensor or a list of ints), got \(target.typeName)")
            }
            values = try items.map { v in
                guard let d = v.asDouble else { throw LanguageFailure("cross_entropy: target holds a \(v.typeName), not a class index") }
                return d
            }
        }
        return try values.map { d in
            guard d.isFinite, d == d.rounded(), abs(d) < 1e9 else {
                throw LanguageFailure("cross_entropy: target must hold class indices (whole numbers), got \(formatFloat(d))")
            }
            return Int(d)
        }
    }

    /// `with torch.no_grad():` — its __enter__ and __exit__ switch recording off and back.
    static func gradModeContext(enabled: Bool, name: String) -> NativeObject {
        var saved: [Bool] = []
        let object = NativeObject(typeName: name, memberNames: ["__enter__", "__exit__"], repr: { "<torch.autograd.grad_mode.\(name)>" })
        object.member = { member in
            switch member {
            case "__enter__": return .builtin(Builtin("__enter__") { _, _ in saved.append(GradMode.set(enabled)); return .none })
            case "__exit__": return .builtin(Builtin("__exit__") { _, _ in _ = GradMode.set(saved.popLast() ?? true); return .bool(false) })
            default: return nil
            }
        }
        return object
    }

    /// optim.SGD: `step()`, `zero_grad()`, and `param_groups[0]["lr"]` that the next step reads.
    static func sgdObject(_ params: [Tensor], lr: Double, momentum: Double, weightDecay: Double) throws -> NativeObject {
        let optimizer = try SGD(parameters: params, learningRate: Float(lr), momentum: Float(momentum), weightDecay: Float(weightDecay))
        let group = DictStorage([(.string("lr"), .float(lr)), (.string("momentum"), .float(momentum)),
                                 (.string("dampening"), .float(0)), (.string("weight_decay"), .float(weightDecay)),
                                 (.string("nesterov"), .bool(false))])
        let object = NativeObject(typeName: "SGD", memberNames: ["step", "zero_grad", "param_groups"], repr: {
            let lines = group.entries.map { "    \($0.key.text): \($0.value.repr)" }
            return (["SGD (", "Parameter Group 0"] + lines + [")"]).joined(separator: "\n")
        })
        object.member = { name in
            switch name {
            case "step":
                return .builtin(Builtin("step") { _, _ in
                    guard let lr = group.entries.first(where: { $0.key.text == "lr" })?.value.asDouble, lr >= 0 else {
                        throw LanguageFailure("SGD: param_groups[0][\"lr\"] must be a number ≥ 0")
                    }
                    optimizer.learningRate = Float(lr)
                    optimizer.step()
                    return .none
                })
            case "zero_grad":
                return Self.builtin(Signature("zero_grad", [("set_to_none", .bool(true))])) { _, a in
                    if try a.bool("set_to_none") { optimizer.zeroGrad() } else { for p in params { p.grad?.buffer.update(repeating: 0) } }
                    return .none
                }
            case "param_groups": return .list(ListStorage([.dict(group)]))
            default: return nil
            }
        }
        return object
    }
}
