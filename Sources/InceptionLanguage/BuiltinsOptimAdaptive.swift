import Foundation
import InceptionRuntime

/// torch.optim.RMSprop and Adagrad, as PyTorch's single-tensor CPU updates compute them, each
/// scalar rounded to float as PyTorch's kernels round a Python number (addcmul: s + v·a·b,
/// addcdiv: s + v·a / b, in that order). Their state lives here, per parameter, as tensors that
/// state_dict() shows; the group's options are read at each step, so a scheduler's learning rate
/// takes effect.
extension Interpreter {
    func rmsprop() -> Value {
        Self.builtin(Signature("RMSprop", [("params", nil), ("lr", .float(0.01)), ("alpha", .float(0.99)), ("eps", .float(1e-8)), ("weight_decay", .int(0)),
                                           ("momentum", .int(0)), ("centered", .bool(false)), ("capturable", .bool(false)), ("foreach", Value.none),
                                           ("maximize", .bool(false)), ("differentiable", .bool(false))])) { _, a in
          .object(try Self.groupedOptimizer("RMSprop", a) { a, params in
            try Self.requireNonNegative(a, [("learning rate", "lr"), ("epsilon value", "eps"), ("momentum value", "momentum"),
                                            ("weight_decay value", "weight_decay"), ("alpha value", "alpha")])
            let group = Self.parameterGroup(params, Self.given(a, ["lr", "momentum", "alpha", "eps", "centered", "weight_decay", "capturable", "foreach",
                                                                   "maximize", "differentiable"]))
            // PyTorch's state, made at a parameter's first step: square_avg, momentum_buffer (with momentum), grad_avg (centered)
            var steps = [Int](repeating: 0, count: params.count)
            var squareAverages: [Tensor?] = Array(repeating: nil, count: params.count)
            var buffers = squareAverages, gradAverages = squareAverages
            let state = ParameterState(entries: { i in
                guard let square = squareAverages[i] else { return nil }
                return [("step", Self.stepTensor(steps[i])), ("square_avg", .tensor(square))] + (buffers[i].map { [("momentum_buffer", .tensor($0))] } ?? [])
                    + (gradAverages[i].map { [("grad_avg", .tensor($0))] } ?? [])
            }, restore: { i, saved in
                (steps[i], squareAverages[i]) = (try Self.stateStep(saved), try Self.stateTensor(saved, "square_avg"))
                (buffers[i], gradAverages[i]) = (try Self.stateTensor(saved, "momentum_buffer"), try Self.stateTensor(saved, "grad_avg"))
            })
            return OptimizerGroup(params: params, options: group, state: state) { lr, group in
                let (alpha, eps, decay, momentum) = (try Self.option(group, "alpha"), try Self.option(group, "eps"),
                                                     try Self.option(group, "weight_decay"), try Self.option(group, "momentum"))
                let centered = (try group[.string("centered")]?.isTruthy()) == true, maximize = (try group[.string("maximize")]?.isTruthy()) == true
                let (keep, blend, epsF, lrF) = (Float(alpha), Float(1 - alpha), Float(eps), Float(-lr))
                for (i, p) in params.enumerated() {
                    guard let g = p.grad else { continue }
                    if squareAverages[i] == nil { squareAverages[i] = Tensor(zeros: p.shape) }
                    if momentum > 0, buffers[i] == nil { buffers[i] = Tensor(zeros: p.shape) }
                    if centered, gradAverages[i] == nil { gradAverages[i] = Tensor(zeros: p.shape) }
                    steps[i] += 1
                    let square = squareAverages[i]!.data, average = gradAverages[i]?.data, buffer = buffers[i]?.data
                    for k in 0..<p.count {
                        var grad = maximize ? -g.data[k] : g.data[k]
                        if decay != 0 { grad += Float(decay) * p.data[k] }
                        square[k] = square[k] * keep + blend * grad * grad
                        var avg: Float
                        if centered, let average {
                            average[k] += blend * (grad - average[k])          // lerp_(grad, 1 − α)
                            avg = (square[k] + -1 * average[k] * average[k]).squareRoot()
                        } else {
                            avg = square[k].squareRoot()
                        }
                        avg += epsF
                        if momentum > 0, let buffer {
                            buffer[k] = buffer[k] * Float(momentum) + grad / avg
                            p.data[k] += lrF * buffer[k]
                        } else {
                            p.data[k] += lrF * grad / avg
                        }
                    }
                }
            }
          })
        }
    }

    func adagrad() -> Value {
        Self.builtin(Signature("Adagrad", [("params", nil), ("lr", .float(0.01)), ("lr_decay", .int(0)), ("weight_decay", .int(0)),
                                           ("initial_accumulator_value", .int(0)), ("eps", .float(1e-10)), ("foreach", Value.none),
                                           ("maximize", .bool(false)), ("differentiable", .bool(false)), ("fused", Value.none)])) { _, a in
          .object(try Self.groupedOptimizer("Adagrad", a) { a, params in
            try Self.requireNonNegative(a, [("learning rate", "lr"), ("lr_decay value", "lr_decay"), ("weight_decay value", "weight_decay"),
                                            ("initial_accumulator_value value", "initial_accumulator_value"), ("epsilon value", "eps")])
            let group = Self.parameterGroup(params, Self.given(a, ["lr", "lr_decay", "eps", "weight_decay", "initial_accumulator_value", "foreach",
                                                                   "maximize", "differentiable", "fused"]))
            // PyTorch's state, made with the optimiser: step and sum (the accumulator) of each parameter
            let initial = Float(try a.double("initial_accumulator_value"))
            var sums = params.map { Tensor(repeating: initial, shape: $0.shape) }
            var steps = [Int](repeating: 0, count: params.count)
            let state = ParameterState(entries: { i in [("step", Self.stepTensor(steps[i])), ("sum", .tensor(sums[i]))] }, restore: { i, saved in
                steps[i] = try Self.stateStep(saved)
                sums[i] = try Self.stateTensor(saved, "sum") ?? Tensor(repeating: initial, shape: params[i].shape)
            })
            return OptimizerGroup(params: params, options: group, state: state) { lr, group in
                let (decay, lrDecay, eps) = (try Self.option(group, "weight_decay"), try Self.option(group, "lr_decay"), try Self.option(group, "eps"))
                let maximize = (try group[.string("maximize")]?.isTruthy()) == true
                for (i, p) in params.enumerated() {
                    guard let g = p.grad else { continue }
                    steps[i] += 1
                    let clr = Float(-(lr / (1 + Double(steps[i] - 1) * lrDecay))), sum = sums[i].data
                    for k in 0..<p.count {
                        var grad = maximize ? -g.data[k] : g.data[k]
                        if decay != 0 { grad += Float(decay) * p.data[k] }
                        sum[k] += 1 * grad * grad
                        p.data[k] += clr * grad / (sum[k].squareRoot() + Float(eps))
                    }
                }
            }
          })
        }
    }

    /// PyTorch's check of an optimiser's options: "Invalid learning rate: -1", the value as written.
    static func requireNonNegative(_ a: BoundArguments, _ options: [(label: String, name: String)]) throws {
        for (label, name) in options where try a.double(name) < 0 {
            throw LanguageFailure("Invalid \(label): \(a[name].repr)", as: .valueError)
        }
    }

    /// A number option of a parameter group as it is now.
    static func option(_ group: DictStorage, _ name: String) throws -> Double {
        guard let v = group[.string(name)]?.asDouble else { throw LanguageFailure("param_groups[…][\"\(name)\"] must be a number") }
        return v
    }
}
