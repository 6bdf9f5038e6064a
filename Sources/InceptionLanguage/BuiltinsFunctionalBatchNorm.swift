import Foundation
import InceptionRuntime

/// F.batch_norm(input, running_mean, running_var, weight, bias, training, momentum, eps): the
/// normalisation over every dim but the channels (dim 1), composed of recorded operations so its
/// gradient is batch norm's. Training: the batch's mean and biased variance normalise, and the
/// running statistics (when given) move towards the batch's, momentum·batch + (1 − momentum)·running,
/// the variance unbiased (n / (n − 1)), written into the tensors given, as PyTorch does. Evaluation:
/// the running statistics normalise. grad_fn prints as PyTorch's NativeBatchNormBackward0.
extension Interpreter {
    func functionalBatchNormBuiltin() -> Value {
        Self.builtin(Signature("batch_norm", [("input", nil), ("running_mean", nil), ("running_var", nil), ("weight", Value.none), ("bias", Value.none),
                                              ("training", .bool(false)), ("momentum", .float(0.1)), ("eps", .float(1e-5))])) { interpreter, a in
            .tensor(try interpreter.functionalBatchNorm(a))
        }
    }

    private func functionalBatchNorm(_ a: BoundArguments) throws -> Tensor {
        let x = try a.tensor("input")
        guard x.rank >= 2 else { throw LanguageFailure("Dimension out of range (expected to be in range of [-1, 0], but got 1)", as: .indexError) }
        let channels = x.shape[1]
        let (runningMean, runningVar) = (try a.optionalTensor("running_mean"), try a.optionalTensor("running_var"))
        for (name, statistic) in [("running_mean", runningMean), ("running_var", runningVar)] {
            if let statistic, statistic.count != channels { throw LanguageFailure("\(name) should contain \(channels) elements not \(statistic.count)") }
        }
        let dims = Value.tuple([.int(0)] + (2..<x.rank).map { .int($0) })
        var perChannel = Array(repeating: 1, count: x.rank)                    // (1, C, 1, …) to broadcast a (C) tensor
        perChannel[1] = channels
        let broadcastable = Value.tuple(perChannel.map { .int($0) })
        let eps = a["eps"], v = composed(x)
        var y: Composed
        if try a.bool("training") {
            let valuesPerChannel = x.count / max(channels, 1)
            guard valuesPerChannel > 1 else {
                throw LanguageFailure("Expected more than 1 value per channel when training, got input size \(Self.sizeText(x.shape))", as: .valueError)
            }
            let mean = try v.call("mean", dims, true)
            let centered = try v - mean
            let variance = try (centered * centered).call("mean", dims, true)
            y = try centered * (try (variance + eps).call("rsqrt"))
            let momentum = try a.double("momentum")
            try GradMode.with(enabled: false) {
                let n = Double(valuesPerChannel)
                for (statistic, batch) in [(runningMean, mean), (runningVar, try variance * (n / (n - 1)))] {
                    guard let statistic else { continue }
                    let moved = try (try batch.call("view", channels)) * momentum + (try composed(statistic) * (1 - momentum))
                    _ = try composed(statistic).call("copy_", moved)
                }
            }
        } else {
            guard let runningMean, let runningVar else { throw LanguageFailure("running_mean must be defined in evaluation mode") }
            y = try (v - (try composed(runningMean).call("view", broadcastable))) * (try (composed(runningVar).call("view", broadcastable) + eps).call("rsqrt"))
        }
        if let w = try a.optionalTensor("weight") { y = try y * (try composed(w).call("view", broadcastable)) }
        if let b = try a.optionalTensor("bias") { y = try y + (try composed(b).call("view", broadcastable)) }
        let out = try y.tensor
        out.gradNode?.displayName = "NativeBatchNormBackward0"
        return out
    }
}
