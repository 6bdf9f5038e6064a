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
        try batchNormalized(try a.tensor("input"), runningMean: try a.optionalTensor("running_mean"), runningVar: try a.optionalTensor("running_var"),
                            weight: try a.optionalTensor("weight"), bias: try a.optionalTensor("bias"), training: try a.bool("training"),
                            momentum: try a.double("momentum"), eps: try a.double("eps"))
    }

    /// Batch norm of x (N, C, …) over every dim but the channels; see the file's comment.
    func batchNormalized(_ x: Tensor, runningMean: Tensor?, runningVar: Tensor?, weight: Tensor?, bias: Tensor?, training: Bool,
                         momentum: Double, eps epsilon: Double) throws -> Tensor {
        guard x.rank >= 2 else { throw LanguageFailure("Dimension out of range (expected to be in range of [-1, 0], but got 1)", as: .indexError) }
        let channels = x.shape[1]
        for (name, statistic) in [("running_mean", runningMean), ("running_var", runningVar)] {
            if let statistic, statistic.count != channels { throw LanguageFailure("\(name) should contain \(channels) elements not \(statistic.count)") }
        }
        let dims = Value.tuple([.int(0)] + (2..<x.rank).map { .int($0) })
        var perChannel = Array(repeating: 1, count: x.rank)                    // (1, C, 1, …) to broadcast a (C) tensor
        perChannel[1] = channels
        let broadcastable = Value.tuple(perChannel.map { .int($0) })
        let eps = Value.float(epsilon), v = composed(x)
        var y: Composed
        if training {
            let valuesPerChannel = x.count / max(channels, 1)
            guard valuesPerChannel > 1 else {
                throw LanguageFailure("Expected more than 1 value per channel when training, got input size \(Value.size(x.shape).repr)", as: .valueError)
            }
            let mean = try v.call("mean", dims, true)
            let centered = try v - mean
            let variance = try (centered * centered).call("mean", dims, true)
            y = try centered * (try (variance + eps).call("rsqrt"))
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
        if let weight { y = try y * (try composed(weight).call("view", broadcastable)) }
        if let bias { y = try y + (try composed(bias).call("view", broadcastable)) }
        let out = try y.tensor
        out.gradNode?.displayName = "NativeBatchNormBackward0"
        return out
    }
}

extension Interpreter {
    /// nn.BatchNorm1d (every one), and nn.BatchNorm2d with affine=False (no weight and bias: the runtime layer's stay
    /// 1 and 0, unregistered) or track_running_stats=False (no running statistics: the batch's in
    /// evaluation too), around the runtime's BatchNorm2d (its kernels and backward, so the numbers
    /// are the default layer's); the state_dict holds what PyTorch's holds, the repr is PyTorch's.
    func composedBatchNormLayer(_ typeName: String, features: Int, eps: Value, momentum: Value, affine: Bool, tracks: Bool,
                                ranks: [Int]) throws -> Block {
        guard momentum.isNone || momentum.asDouble != nil else { throw LanguageFailure("\(typeName)(): momentum must be a number or None, got \(momentum.repr)") }
        guard let epsValue = eps.asDouble else { throw LanguageFailure("\(typeName)(): eps must be a number, got \(eps.repr)") }
        let norm = try BatchNorm2d(features, eps: Float(epsValue), momentum: Float(momentum.asDouble ?? 0.1))
        norm.cumulativeAverage = momentum.isNone
        let m = Block(typeName: typeName, forward: .custom { block, x, context in
            guard ranks.contains(x.rank) else {
                throw LanguageFailure("expected \(ranks.map { "\($0)D" }.joined(separator: " or ")) input (got \(x.rank)D input)", as: .valueError)
            }
            // F.batch_norm's order: the batch's size when it takes batch statistics, then the
            // channels against the first of running_mean and weight the layer has
            let batchStatistics = block.training || !tracks
            guard !batchStatistics || x.count / max(x.shape[1], 1) > 1 else {
                throw LanguageFailure("Expected more than 1 value per channel when training, got input size \(Value.size(x.shape).repr)", as: .valueError)
            }
            guard x.shape[1] == features else {
                guard tracks || affine else {
                    throw LanguageFailure.refusal("\(typeName)(\(features), affine=False, track_running_stats=False) on \(x.shape[1]) channels is not supported here",
                                                  fix: "make the layer with num_features=\(x.shape[1])")
                }
                throw LanguageFailure("\(tracks ? "running_mean" : "weight") should contain \(x.shape[1]) elements not \(features)")
            }
            norm.setTraining(batchStatistics)
            // (N, C) and (N, C, L) as (N, C, L, 1)
            let planes = x.rank == 4 ? x : try x.reshaped([x.shape[0], x.shape[1], x.rank == 3 ? x.shape[2] : 1, 1])
            let out = try norm.forward(planes, context).reshaped(x.shape)
            out.gradNode?.displayName = "NativeBatchNormBackward0"
            // the reshape's backward reads only the gradient: `nn.ReLU(True)` after the layer may write over out
            out.gradNode?.readsNoTakenOutput = true
            return out
        })
        if affine { m.registerParameter("weight", norm.weight); m.registerParameter("bias", norm.bias) } else {
            // γ = 1 and β = 0 are constants then: nothing is recorded for an input that needs no gradient
            for constant in [norm.weight, norm.bias] { constant.requiresGrad = false; constant.isParameter = false }
        }
        if tracks {
            m.registerBuffer("running_mean", norm.runningMean); m.registerBuffer("running_var", norm.runningVar)
            m.registerBuffer("num_batches_tracked", norm.batchesTracked)
        }
        m.setTraining(true)
        let flag = { (b: Bool) in b ? "True" : "False" }
        TensorKinds.shared.setArguments(m, "\(features), eps=\(eps.repr), momentum=\(momentum.repr), affine=\(flag(affine)), bias=\(flag(affine)), track_running_stats=\(flag(tracks))")
        return m
    }
}
