import InceptionModel
import InceptionRuntime

/// The gradient at a few layers split by where it comes from: the main head's loss alone and
/// the aux heads' weighted losses alone (aux_weight · (CE(aux1) + CE(aux2))). Backward is
/// linear, so the two parts add up to the gradient of the total loss a normal step uses.
///
/// Each part is its own forward and backward on the step's batch, with the step's dropout
/// masks (the same context seed) and BatchNorm's running statistics restored afterwards, so
/// the training step that follows is the very step a run without the measurement takes.
public enum SourceGradients {
    /// The blocks the aux-head study looks at, from the input up: where the paper's worry
    /// (vanishing gradients) would show first.
    public static let layers = ["conv1", "conv2b", "inception3a", "inception4a"]

    /// One block's gradient by source, flattened over all its parameters (weights, biases and,
    /// with BatchNorm, γ and β, in state_dict order).
    public struct Parts {
        public var main: [Float]
        public var aux: [Float]
    }

    /// Measures `step`'s gradient by source at `layers`; leaves every gradient cleared and
    /// every buffer as it was. With aux weight 0 the aux part is zero (no second pass).
    public static func measure(_ trainer: Trainer, step: Int, layers: [String] = layers) throws -> [String: Parts] {
        let net = trainer.net
        let (x, labels) = try trainer.batch(at: step)
        let snapshot = BufferSnapshot(net)
        let wasTraining = net.training
        net.setTraining(true)
        defer { trainer.optimizer.zeroGrad(); snapshot.restore(); net.setTraining(wasTraining) }

        func gradients(_ loss: (InceptionOutputs) throws -> Tensor) throws -> [String: [Float]] {
            let out = try net.outputs(x, trainer.context(at: step))
            trainer.optimizer.zeroGrad()
            try Autograd.backward(try loss(out))
            snapshot.restore()
            return flattenedGradients(net, layers: layers)
        }
        let main = try gradients { try Autograd.crossEntropy($0.logits, labels: labels) }
        let weight = Float(trainer.config.auxWeight)
        let aux: [String: [Float]]
        if weight == 0 {
            aux = main.mapValues { [Float](repeating: 0, count: $0.count) }
        } else {
            aux = try gradients { out in
                let heads = [out.aux1, out.aux2].compactMap { $0 }
                guard !heads.isEmpty else { throw TrainingError("the network ran no aux heads: the gradient by source needs them") }
                return try Autograd.weightedCrossEntropy(heads.map { ($0, weight) }, labels: labels)
            }
        }
        return Dictionary(uniqueKeysWithValues: layers.map { ($0, Parts(main: main[$0]!, aux: aux[$0]!)) })
    }

    /// Each block's parameters' gradients, concatenated in state_dict order (zeros where a
    /// parameter got none).
    public static func flattenedGradients(_ net: Module, layers: [String]) -> [String: [Float]] {
        var out: [String: [Float]] = [:]
        for layer in layers {
            var values: [Float] = []
            for (name, p) in net.namedParameters() where name.hasPrefix(layer + ".") {
                values += p.grad?.values ?? [Float](repeating: 0, count: p.count)
            }
            out[layer] = values
        }
        return out
    }

    static func norm(_ v: [Float]) -> Double { v.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot() }
}
