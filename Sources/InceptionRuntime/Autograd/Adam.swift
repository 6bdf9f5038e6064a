import Foundation

/// torch.optim.Adam and AdamW, PyTorch's single-tensor CPU update in its order of float32
/// operations. For each parameter p with gradient g, at step t:
///   maximize: g ← −g
///   AdamW:  p ← p · (1 − lr·weight_decay)               (decoupled decay)
///   Adam:   g ← g + weight_decay · p                    (L2 decay, when weight_decay ≠ 0)
///   m ← m + (1 − β₁)(g − m)                             (lerp)
///   v ← v·β₂ + (1 − β₂) · g · g
///   amsgrad: v̂ ← max(v̂, v), and v̂ stands for v below
///   p ← p − (lr / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)
/// The bias corrections and step size are computed in double and rounded to float, as PyTorch
/// rounds a Python number a float32 kernel multiplies by. Parameters without a gradient are
/// skipped, as in PyTorch (their step count does not advance).
public final class Adam {
    public let parameters: [Tensor]
    public var learningRate: Double
    /// β₁ is read at every step, so a schedule may change it (OneCycleLR cycles it).
    public var beta1: Double
    public let beta2: Double, epsilon: Double, weightDecay: Double
    /// AdamW's decoupled weight decay instead of Adam's L2 term.
    public let decoupled: Bool
    /// Per parameter: the step count and the two moment estimates (PyTorch's state 'step', 'exp_avg', 'exp_avg_sq').
    public private(set) var steps: [Int]
    public private(set) var firstMoments: [Tensor?], secondMoments: [Tensor?]
    /// amsgrad: the largest second moment so far, per parameter (PyTorch's 'max_exp_avg_sq').
    public let amsgrad: Bool, maximize: Bool
    public private(set) var maxSecondMoments: [Tensor?]

    public init(parameters: [Tensor], learningRate: Double, betas: (Double, Double) = (0.9, 0.999), epsilon: Double = 1e-8,
                weightDecay: Double = 0, decoupled: Bool = false, amsgrad: Bool = false, maximize: Bool = false) throws {
        let name = decoupled ? "AdamW" : "Adam"
        // the options are taken as given, as PyTorch takes a parameter group's (its __init__ checks
        // only the defaults: the caller's part, checkAdamOptions in the language)
        var seen = Set<ObjectIdentifier>()
        for p in parameters where !seen.insert(ObjectIdentifier(p)).inserted {
            throw TensorError.invalidArgument("\(name): some parameters appear more than once: pass each parameter once")
        }
        self.parameters = parameters
        self.learningRate = learningRate
        (beta1, beta2, self.epsilon, self.weightDecay, self.decoupled) = (betas.0, betas.1, epsilon, weightDecay, decoupled)
        steps = Array(repeating: 0, count: parameters.count)
        firstMoments = Array(repeating: nil, count: parameters.count)
        secondMoments = Array(repeating: nil, count: parameters.count)
        (self.amsgrad, self.maximize) = (amsgrad, maximize)
        maxSecondMoments = Array(repeating: nil, count: parameters.count)
    }

    /// Restores parameter `index`'s state (from a state_dict): its step count and both moments, or
    /// none (step 0: as before its first step). The moments must have the parameter's shape; they
    /// are used as given (PyTorch's load_state_dict keeps the loaded tensors too).
    public func restoreState(_ index: Int, step: Int, firstMoment: Tensor?, secondMoment: Tensor?, maxSecondMoment: Tensor? = nil) throws {
        guard step >= 0 else { throw TensorError.invalidArgument("Adam state \(index): step \(step) must be ≥ 0") }
        if let m = firstMoment, let v = secondMoment {
            try requireShape(m.shape, equals: parameters[index].shape, "Adam exp_avg \(index)")
            try requireShape(v.shape, equals: parameters[index].shape, "Adam exp_avg_sq \(index)")
        } else if firstMoment != nil || secondMoment != nil {
            throw TensorError.invalidArgument("Adam state \(index): exp_avg and exp_avg_sq come together")
        }
        if let w = maxSecondMoment { try requireShape(w.shape, equals: parameters[index].shape, "Adam max_exp_avg_sq \(index)") }
        (steps[index], firstMoments[index], secondMoments[index]) = (firstMoment == nil ? 0 : step, firstMoment, secondMoment)
        maxSecondMoments[index] = amsgrad && firstMoment != nil ? maxSecondMoment ?? Tensor(zeros: parameters[index].shape) : nil
    }

    /// `opt.step()`: one update of every parameter that has a gradient.
    public func step() {
        for (i, p) in parameters.enumerated() {
            guard let grad = p.grad else { continue }
            if firstMoments[i] == nil {
                firstMoments[i] = Tensor(zeros: p.shape); secondMoments[i] = Tensor(zeros: p.shape)
                if amsgrad { maxSecondMoments[i] = Tensor(zeros: p.shape) }
            }
            steps[i] += 1
            let (m, v) = (firstMoments[i]!.data, secondMoments[i]!.data)
            let t = Double(steps[i])
            let stepSize = Float(learningRate / (1 - Foundation.pow(beta1, t)))
            let correction2Root = Float(Foundation.pow(1 - Foundation.pow(beta2, t), 0.5))
            let (blend, keep2, blend2, eps) = (Float(1 - beta1), Float(beta2), Float(1 - beta2), Float(epsilon))
            let decay = Float(decoupled ? 1 - learningRate * weightDecay : weightDecay)
            let (values, g) = (p.data, grad.data)
            let largest = maxSecondMoments[i]?.data
            for k in 0..<p.count {
                var gk = maximize ? -g[k] : g[k]
                if decoupled { values[k] *= decay } else if weightDecay != 0 { gk += decay * values[k] }
                m[k] = blend < 0.5 ? m[k] + blend * (gk - m[k]) : gk - (gk - m[k]) * (1 - blend)
                v[k] = v[k] * keep2 + blend2 * gk * gk
                var second = v[k]
                if let largest { largest[k] = max(largest[k], v[k]); second = largest[k] }
                let denominator = second.squareRoot() / correction2Root + eps
                values[k] += -stepSize * m[k] / denominator
            }
        }
    }
}
