import Foundation
import InceptionRuntime

/// torch.optim.Adamax, NAdam, RAdam and Adadelta: PyTorch's single-tensor CPU updates in its
/// order of float32 operations, each Python number rounded to float where a kernel multiplies
/// by it (as RMSprop and Adagrad are, BuiltinsOptimAdaptive). A parameter's state (its step and
/// the tensors PyTorch keeps: exp_avg, exp_inf, mu_product, …) is made at its first step and is
/// what state_dict() shows; the group's options are read at each step, so a scheduler's changes
/// take effect.
extension Interpreter {
    func momentOptimizers() -> [String: Value] {
        ["Adamax": adamax(), "NAdam": nadam(), "RAdam": radam(), "Adadelta": adadelta()]
    }

    /// One parameter's update: the group's learning rate and options as they are now, its step
    /// (already counted), the parameter, its gradient and its state tensors in `state`'s order.
    typealias ParameterUpdate = (_ lr: Double, _ group: DictStorage, _ step: Int, _ p: Tensor, _ grad: Tensor, _ state: [Tensor]) throws -> Void

    /// An optimiser of this kind: its constructor's options after `params` (PyTorch's defaults),
    /// the options param_groups shows (PyTorch's order), its checks, and a parameter's state
    /// tensors (name, first value) and update.
    private func stepwiseOptimizer(_ name: String, _ options: [(String, Value?)], shown: [String],
                                   check: @escaping (BoundArguments) throws -> Void,
                                   state: [(name: String, initial: (Tensor) -> Tensor)],
                                   update: @escaping ParameterUpdate) -> Value {
        Self.builtin(Signature(name, [("params", nil)] + options)) { _, a in
          .object(try Self.groupedOptimizer(name, a) { a, params in
            try check(a)
            let group = Self.parameterGroup(params, Self.given(a, shown))
            var steps = [Int](repeating: 0, count: params.count)
            var tensors: [[Tensor]?] = Array(repeating: nil, count: params.count)
            let parameterState = ParameterState(entries: { i in
                tensors[i].map { [("step", Self.stepTensor(steps[i]))] + zip(state, $0).map { ($0.name, .tensor($1)) } }
            }, restore: { i, saved in
                steps[i] = try Self.stateStep(saved)
                let restored = try state.map { entry -> Tensor? in
                    guard let t = try Self.stateTensor(saved, entry.name) else { return nil }
                    let wanted = entry.initial(params[i]).shape
                    guard t.shape == wanted else {
                        throw LanguageFailure("\(name).load_state_dict: state '\(entry.name)' of parameter \(i) has shape \(formatShape(t.shape)), not \(formatShape(wanted))")
                    }
                    return t
                }
                tensors[i] = restored.contains { $0 == nil } ? nil : restored.map { $0! }
                if tensors[i] == nil { steps[i] = 0 }
            })
            return OptimizerGroup(params: params, options: group, state: parameterState) { lr, group in
                for (i, p) in params.enumerated() {
                    guard let g = p.grad else { continue }
                    if tensors[i] == nil { tensors[i] = state.map { $0.initial(p) } }
                    steps[i] += 1
                    try update(lr, group, steps[i], p, g, tensors[i]!)
                }
            }
          })
        }
    }

    private static var adamOptions: [(String, Value?)] { [("betas", .tuple([.float(0.9), .float(0.999)])), ("eps", .float(1e-8)), ("weight_decay", .int(0))] }
    private static var laterOptions: [(String, Value?)] { [("foreach", Value.none), ("maximize", .bool(false)), ("capturable", .bool(false)),
                                                           ("differentiable", .bool(false))] }
    private static func zeros(_ p: Tensor) -> Tensor { Tensor(zeros: p.shape) }

    /// PyTorch's checks of lr, eps, betas and weight_decay, in its order (Adam's family).
    static func checkAdamOptions(_ a: BoundArguments) throws {
        try requireNonNegative(a, [("learning rate", "lr"), ("epsilon value", "eps")])
        let betas = a["betas"].sequenceItems() ?? []
        guard betas.count == 2 else { throw LanguageFailure("betas must be two numbers, e.g. (0.9, 0.999), got \(a["betas"].repr)") }
        for (i, beta) in betas.enumerated() {
            guard let b = beta.asDouble, (0..<1).contains(b) else {
                throw LanguageFailure("Invalid beta parameter at index \(i): \(beta.repr)", as: .valueError)
            }
        }
        try requireNonNegative(a, [("weight_decay value", "weight_decay")])
    }

    /// (β₁, β₂) of a group as it is now.
    private static func betas(_ group: DictStorage) throws -> (Double, Double) {
        guard let items = group[.string("betas")]?.sequenceItems(), items.count == 2, let b1 = items[0].asDouble, let b2 = items[1].asDouble else {
            throw LanguageFailure("param_groups[…][\"betas\"] must be two numbers")
        }
        return (b1, b2)
    }

    private static func flag(_ group: DictStorage, _ name: String) throws -> Bool { (try group[.string(name)]?.isTruthy()) == true }

    /// The gradient as the update reads it: negated for maximize, plus weight_decay · p (L2 decay).
    private static func gradient(_ g: Tensor, _ p: Tensor, maximize: Bool, decay: Double) -> [Float] {
        let d = Float(decay)
        return (0..<p.count).map { k in
            let grad = maximize ? -g.data[k] : g.data[k]
            return decay != 0 ? grad + d * p.data[k] : grad
        }
    }

    /// exp_avg.lerp_(grad, w), PyTorch's two formulas either side of w = 0.5.
    private static func lerp(_ m: Float, _ g: Float, _ w: Float) -> Float { w < 0.5 ? m + w * (g - m) : g - (g - m) * (1 - w) }

    func adamax() -> Value {
        stepwiseOptimizer("Adamax", [("lr", .float(0.002))] + Self.adamOptions + Self.laterOptions,
                          shown: ["lr", "betas", "eps", "weight_decay", "foreach", "maximize", "differentiable", "capturable"],
                          check: Self.checkAdamOptions, state: [("exp_avg", Self.zeros), ("exp_inf", Self.zeros)]) { lr, group, step, p, g, state in
            let (b1, b2) = try Self.betas(group)
            let grad = Self.gradient(g, p, maximize: try Self.flag(group, "maximize"), decay: try Self.option(group, "weight_decay"))
            let (m, u) = (state[0].data, state[1].data)
            let (w, keep, eps) = (Float(1 - b1), Float(b2), Float(try Self.option(group, "eps")))
            let value = Float(-(lr / (1 - Foundation.pow(b1, Double(step)))))
            for k in 0..<p.count {
                m[k] = Self.lerp(m[k], grad[k], w)
                let scaled = u[k] * keep, bound = abs(grad[k]) + eps
                u[k] = scaled.isNaN || bound.isNaN ? .nan : max(scaled, bound)       // torch.maximum lets a NaN through
                p.data[k] += value * m[k] / u[k]
            }
        }
    }

    func nadam() -> Value {
        stepwiseOptimizer("NAdam", [("lr", .float(0.002))] + Self.adamOptions + [("momentum_decay", .float(0.004)), ("decoupled_weight_decay", .bool(false))]
                          + Self.laterOptions,
                          shown: ["lr", "betas", "eps", "weight_decay", "momentum_decay", "decoupled_weight_decay", "maximize", "foreach", "capturable",
                                  "differentiable"],
                          check: { a in
                              try Self.checkAdamOptions(a)
                              try Self.requireNonNegative(a, [("momentum_decay value", "momentum_decay")])
                          },
                          state: [("mu_product", { _ in Tensor(repeating: 1, shape: []) }), ("exp_avg", Self.zeros), ("exp_avg_sq", Self.zeros)]) { lr, group, step, p, g, state in
            let (b1, b2) = try Self.betas(group)
            let (decay, momentumDecay) = (try Self.option(group, "weight_decay"), try Self.option(group, "momentum_decay"))
            let decoupled = try Self.flag(group, "decoupled_weight_decay")
            if decoupled, decay != 0 { let f = Float(1 - lr * decay); for k in 0..<p.count { p.data[k] *= f } }
            let grad = Self.gradient(g, p, maximize: try Self.flag(group, "maximize"), decay: decoupled ? 0 : decay)
            let t = Double(step)
            let correction2 = Float(1 - Foundation.pow(b2, t))
            let mu = b1 * (1 - 0.5 * Foundation.pow(0.96, t * momentumDecay))
            let muNext = b1 * (1 - 0.5 * Foundation.pow(0.96, (t + 1) * momentumDecay))
            let product = state[0].data
            product[0] *= Float(mu)                                         // a float32 tensor in PyTorch's state
            let productNext = Double(product[0]) * muNext
            let gradValue = Float(-lr * (1 - mu) / (1 - Double(product[0]))), averageValue = Float(-lr * muNext / (1 - productNext))
            let (m, v) = (state[1].data, state[2].data)
            let (w, keep, blend, eps) = (Float(1 - b1), Float(b2), Float(1 - b2), Float(try Self.option(group, "eps")))
            for k in 0..<p.count {
                m[k] = Self.lerp(m[k], grad[k], w)
                v[k] = v[k] * keep + blend * grad[k] * grad[k]
                let denominator = (v[k] / correction2).squareRoot() + eps
                p.data[k] += gradValue * grad[k] / denominator
                p.data[k] += averageValue * m[k] / denominator
            }
        }
    }

    func radam() -> Value {
        stepwiseOptimizer("RAdam", [("lr", .float(0.001))] + Self.adamOptions + [("decoupled_weight_decay", .bool(false))] + Self.laterOptions,
                          shown: ["lr", "betas", "eps", "weight_decay", "maximize", "foreach", "capturable", "decoupled_weight_decay", "differentiable"],
                          check: Self.checkAdamOptions, state: [("exp_avg", Self.zeros), ("exp_avg_sq", Self.zeros)]) { lr, group, step, p, g, state in
            let (b1, b2) = try Self.betas(group)
            let decay = try Self.option(group, "weight_decay"), decoupled = try Self.flag(group, "decoupled_weight_decay")
            if decoupled, decay != 0 { let f = Float(1 - lr * decay); for k in 0..<p.count { p.data[k] *= f } }
            let grad = Self.gradient(g, p, maximize: try Self.flag(group, "maximize"), decay: decoupled ? 0 : decay)
            let t = Double(step)
            let (correction1, correction2) = (1 - Foundation.pow(b1, t), 1 - Foundation.pow(b2, t))
            // the variance's rectification: its length ρ_t of the approximated simple moving average
            let rhoInfinity = 2 / (1 - b2) - 1
            let rho = rhoInfinity - 2 * t * Foundation.pow(b2, t) / correction2
            let rectified = rho > 5
            let rect = Float((((rho - 4) * (rho - 2) * rhoInfinity) / ((rhoInfinity - 4) * (rhoInfinity - 2) * rho)).squareRoot())
            let (m, v) = (state[0].data, state[1].data)
            let (w, keep, blend, eps) = (Float(1 - b1), Float(b2), Float(1 - b2), Float(try Self.option(group, "eps")))
            let (c1, root2, lrF) = (Float(correction1), Float(correction2.squareRoot()), Float(lr))
            for k in 0..<p.count {
                m[k] = Self.lerp(m[k], grad[k], w)
                v[k] = v[k] * keep + blend * grad[k] * grad[k]
                let step = m[k] / c1 * lrF
                if rectified {
                    let adaptive = 1 / (v[k].squareRoot() + eps) * root2       // Python number / tensor: the reciprocal, times it
                    p.data[k] -= step * adaptive * rect
                } else {
                    p.data[k] -= step
                }
            }
        }
    }

    func adadelta() -> Value {
        stepwiseOptimizer("Adadelta", [("lr", .float(1.0)), ("rho", .float(0.9)), ("eps", .float(1e-6)), ("weight_decay", .int(0))] + Self.laterOptions,
                          shown: ["lr", "rho", "eps", "weight_decay", "maximize", "capturable", "foreach", "differentiable"],
                          check: { a in
                              try Self.requireNonNegative(a, [("learning rate", "lr")])
                              guard (0...1).contains(try a.double("rho")) else { throw LanguageFailure("Invalid rho value: \(a["rho"].repr)", as: .valueError) }
                              try Self.requireNonNegative(a, [("epsilon value", "eps"), ("weight_decay value", "weight_decay")])
                          },
                          state: [("square_avg", Self.zeros), ("acc_delta", Self.zeros)]) { lr, group, _, p, g, state in
            let grad = Self.gradient(g, p, maximize: try Self.flag(group, "maximize"), decay: try Self.option(group, "weight_decay"))
            let rho = try Self.option(group, "rho")
            let (square, accumulated) = (state[0].data, state[1].data)
            let (keep, blend, eps, lrF) = (Float(rho), Float(1 - rho), Float(try Self.option(group, "eps")), Float(-lr))
            for k in 0..<p.count {
                square[k] = square[k] * keep + blend * grad[k] * grad[k]
                let std = (square[k] + eps).squareRoot()
                let delta = (accumulated[k] + eps).squareRoot() / std * grad[k]
                accumulated[k] = accumulated[k] * keep + blend * delta * delta
                p.data[k] += lrF * delta
            }
        }
    }
}
