import InceptionRuntime

/// `layer.reset_parameters()` of the built-in layers, as PyTorch's: the parameters drawn again
/// from the default generator in the order the constructor draws them, written into the
/// tensors the layer already has (an optimiser holding them sees the new values):
///   Linear, Conv*, ConvTranspose*  weight kaiming_uniform_(a=√5), bias U(±1/√fan_in)
///   BatchNorm*, InstanceNorm*      running statistics reset (mean 0, var 1, batches 0), weight 1, bias 0
///   LayerNorm, GroupNorm           weight 1, bias 0
/// PyTorch's other layers that have it (Embedding, the recurrent ones, …) refuse it in one line
/// when called; layers without it in PyTorch (ReLU, pools, containers) have no such member, so
/// `hasattr(layer, "reset_parameters")` answers as in PyTorch.
extension Interpreter {
    static let layersResettingElsewhere: Set<String> = ["Bilinear", "Embedding", "EmbeddingBag", "RNN", "LSTM", "GRU", "RNNCell", "LSTMCell",
                                                        "GRUCell", "PReLU", "RMSNorm", "LazyLinear"]

    static func resetsHere(_ kind: String) -> Bool {
        kind == "Linear" || kind.hasPrefix("Conv") || kind.hasPrefix("BatchNorm") || kind.hasPrefix("InstanceNorm") || kind == "LayerNorm" || kind == "GroupNorm"
    }

    func resetParametersMember(_ m: Module) -> Value? {
        // a program's class extending a layer resets as that layer, its own parameters
        let kind = instance(of: m)?.layer?.typeName ?? m.typeName
        guard Self.resetsHere(kind) || Self.layersResettingElsewhere.contains(kind) else { return nil }
        return .builtin(Builtin("reset_parameters") { _, arguments in
            guard arguments.positional.isEmpty, arguments.keywords.isEmpty else {
                throw LanguageFailure("reset_parameters() takes no arguments", as: .typeError)
            }
            try Self.resetParameters(m, as: kind)
            return .none
        })
    }

    /// `norm.reset_running_stats()` of BatchNorm* and InstanceNorm* (_NormBase's): running_mean 0,
    /// running_var 1, num_batches_tracked 0, when the layer tracks them (nothing otherwise).
    func resetRunningStatsMember(_ m: Module) -> Value? {
        let kind = instance(of: m)?.layer?.typeName ?? m.typeName
        guard kind.hasPrefix("BatchNorm") || kind.hasPrefix("InstanceNorm") else { return nil }
        return .builtin(Builtin("reset_running_stats") { _, arguments in
            guard arguments.positional.isEmpty, arguments.keywords.isEmpty else {
                throw LanguageFailure("reset_running_stats() takes no arguments", as: .typeError)
            }
            for (name, buffer) in m.buffers {
                buffer.data.update(repeating: name == "running_var" ? 1 : 0, count: buffer.count)
                TensorKinds.shared.wroteInPlace(buffer)
            }
            return .none
        })
    }

    static func resetParameters(_ m: Module, as kind: String) throws {
        func own(_ name: String) -> Tensor? { m.parameters.first { $0.name == name }?.tensor }
        func write(_ target: Tensor?, _ values: Tensor) { target?.data.update(from: values.data, count: values.count) }
        func fill(_ target: Tensor?, _ value: Float) { target?.data.update(repeating: value, count: target!.count) }
        if kind == "Linear" || kind.hasPrefix("Conv") {
            guard let weight = own("weight") else { return }
            let fanIn = weight.count / max(weight.shape.first ?? 1, 1)
            write(weight, ParameterInit.fanInUniform(weight.shape, fanIn: fanIn))
            if let bias = own("bias") { write(bias, ParameterInit.fanInUniform(bias.shape, fanIn: fanIn, isBias: true)) }
        } else if kind.hasPrefix("BatchNorm") || kind.hasPrefix("InstanceNorm") || kind == "LayerNorm" || kind == "GroupNorm" {
            for (name, buffer) in m.buffers {
                fill(buffer, name == "running_var" ? 1 : 0)
            }
            fill(own("weight"), 1)
            fill(own("bias"), 0)
        } else {
            throw LanguageFailure("\(kind).reset_parameters() is not supported here",
                                  fix: "it is built in for Linear, Conv*, ConvTranspose* and the norm layers; draw \(kind)'s values with nn.init under torch.no_grad()")
        }
    }
}
