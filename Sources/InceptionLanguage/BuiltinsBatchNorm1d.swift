import InceptionRuntime

/// nn.BatchNorm1d: BatchNorm over the channels of (N, C) or (N, C, L) inputs, by the runtime's
/// BatchNorm2d on the input seen as (N, C, L, 1). The block holds that layer's weight, bias and
/// running statistics as its own (the state_dict names are PyTorch's), follows its train/eval
/// mode, and its output's grad_fn is PyTorch's `NativeBatchNormBackward0`.
extension Interpreter {
    func batchNorm1dBuiltin() -> Value {
        Self.builtin(Signature("BatchNorm1d", [("num_features", nil), ("eps", .float(1e-5)), ("momentum", .float(0.1)),
                                               ("affine", .bool(true)), ("track_running_stats", .bool(true)),
                                               ("device", Value.none), ("dtype", Value.none)])) { interpreter, a in
            try Self.requireCPUArgument(a["device"])
            guard try a.bool("affine"), try a.bool("track_running_stats") else {
                return .module(try interpreter.composedBatchNormLayer("BatchNorm1d", features: try a.int("num_features"), eps: a["eps"], momentum: a["momentum"],
                                                                      affine: try a.bool("affine"), tracks: try a.bool("track_running_stats"), ranks: [2, 3]))
            }
            guard !a["momentum"].isNone else { throw LanguageFailure("BatchNorm1d(): momentum=None (a cumulative average) is not supported", fix: "give a number such as 0.1") }
            let norm = try BatchNorm2d(try a.int("num_features"), eps: Float(try a.double("eps")), momentum: Float(try a.double("momentum")))
            let m = Block(typeName: "BatchNorm1d", forward: .custom { block, x, context in
                guard x.rank == 2 || x.rank == 3 else { throw LanguageFailure("expected 2D or 3D input (got \(x.rank)D input)", as: .valueError) }
                guard x.shape[1] == norm.features else {
                    throw LanguageFailure("running_mean should contain \(x.shape[1]) elements not \(norm.features)")
                }
                guard !block.training || x.count / max(x.shape[1], 1) > 1 else {
                    throw LanguageFailure("Expected more than 1 value per channel when training, got input size torch.Size([\(x.shape.map(String.init).joined(separator: ", "))])", as: .valueError)
                }
                norm.setTraining(block.training)
                let y = try norm.forward(try x.reshaped([x.shape[0], x.shape[1], x.rank == 3 ? x.shape[2] : 1, 1]), context)
                let out = try y.reshaped(x.shape)
                out.gradNode?.displayName = "NativeBatchNormBackward0"
                return out
            })
            m.registerParameter("weight", norm.weight); m.registerParameter("bias", norm.bias)
            m.registerBuffer("running_mean", norm.runningMean); m.registerBuffer("running_var", norm.runningVar)
            m.registerBuffer("num_batches_tracked", norm.batchesTracked)
            m.setTraining(true)
            TensorKinds.shared.setArguments(m, "\(norm.features), eps=\(a["eps"].repr), momentum=\(a["momentum"].repr), affine=True, bias=True, track_running_stats=True")
            return .module(m)
        }
    }
}
