import InceptionRuntime

/// nn.BatchNorm1d (composedBatchNormLayer): BatchNorm over the channels of (N, C) or (N, C, L) inputs, by the runtime's
/// BatchNorm2d on the input seen as (N, C, L, 1). The block holds that layer's weight, bias and
/// running statistics as its own (the state_dict names are PyTorch's), follows its train/eval
/// mode, and its output's grad_fn is PyTorch's `NativeBatchNormBackward0`.
extension Interpreter {
    func batchNorm1dBuiltin() -> Value {
        Self.builtin(Signature("BatchNorm1d", [("num_features", nil), ("eps", .float(1e-5)), ("momentum", .float(0.1)),
                                               ("affine", .bool(true)), ("track_running_stats", .bool(true)),
                                               ("device", Value.none), ("dtype", Value.none)])) { interpreter, a in
            try Self.requireCPUArgument(a["device"])
            return .module(try interpreter.composedBatchNormLayer("BatchNorm1d", features: try a.int("num_features"), eps: a["eps"], momentum: a["momentum"],
                                                                  affine: try a.bool("affine"), tracks: try a.bool("track_running_stats"), ranks: [2, 3]))
        }
    }
}
