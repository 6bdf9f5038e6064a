import Foundation
import InceptionRuntime

/// nn.GroupNorm / F.group_norm and nn.InstanceNorm1d / InstanceNorm2d / F.instance_norm: each sample's channels
/// normalised in groups (GroupNorm: num_groups groups of channels with their spatial cells;
/// InstanceNorm: every channel of every sample on its own), then scaled and shifted per channel,
/// by `RowNormalization`, with PyTorch's arguments, reprs, messages and grad_fn names.
/// InstanceNorm1d and 2d keep no running statistics (track_running_stats=True is refused).
extension Interpreter {
    func groupNormBuiltins() -> (layers: [String: Value], functional: [String: Value]) {
        let groupNorm = Self.builtin(Signature("GroupNorm", [("num_groups", nil), ("num_channels", nil), ("eps", .float(1e-5)), ("affine", .bool(true)),
                                                             ("bias", .bool(true)), ("device", Value.none), ("dtype", Value.none)])) { _, a in
            try Self.requireCPUArgument(a["device"])
            let (groups, channels, eps) = (try a.int("num_groups"), try a.int("num_channels"), try a.double("eps"))
            guard groups > 0, channels > 0 else { throw LanguageFailure("GroupNorm needs positive num_groups and num_channels, got \(groups) and \(channels)") }
            guard channels % groups == 0 else { throw LanguageFailure("num_channels (\(channels)) must be divisible by num_groups (\(groups))", as: .valueError) }
            let affine = try a.bool("affine"), biasWanted = try a.bool("bias"), hasBias = affine && biasWanted
            let m = Block(typeName: "GroupNorm", forward: .custom { block, x, _ in
                try Self.groupNorm(x, groups: groups, weight: block.parameters.first { $0.name == "weight" }?.tensor,
                                   bias: block.parameters.first { $0.name == "bias" }?.tensor, eps: eps)
            })
            if affine {
                m.registerParameter("weight", Tensor(repeating: 1, shape: [channels]))
                if hasBias { m.registerParameter("bias", Tensor(zeros: [channels])) }
            }
            m.setTraining(true)
            TensorKinds.shared.setArguments(m, "\(groups), \(channels), eps=\(Self.floatRepr(a["eps"])), affine=\(affine ? "True" : "False"), bias=\(hasBias ? "True" : "False")")
            return .module(m)
        }
        // InstanceNorm2d over (N, C, H, W) or (C, H, W); InstanceNorm1d the same on (N, C, L, 1) or (C, L, 1)
        var instanceNorms: [String: Value] = [:]
        for dims in [1, 2] {
            let typeName = "InstanceNorm\(dims)d"
            instanceNorms[typeName] = Self.builtin(Signature(typeName, [("num_features", nil), ("eps", .float(1e-5)), ("momentum", .float(0.1)), ("affine", .bool(false)),
                                                                        ("track_running_stats", .bool(false)), ("bias", .bool(true)), ("device", Value.none),
                                                                        ("dtype", Value.none)])) { _, a in
                try Self.requireCPUArgument(a["device"])
                let (features, eps) = (try a.int("num_features"), try a.double("eps"))
                guard features > 0 else { throw LanguageFailure("\(typeName) needs a positive num_features, got \(features)") }
                guard try a.bool("track_running_stats") == false else {
                    throw LanguageFailure("\(typeName)(track_running_stats=True) is not supported here", fix: dims == 2 ? "leave it out: each image is normalised by its own statistics" : "leave it out: each sequence is normalised by its own statistics")
                }
                let affine = try a.bool("affine"), biasWanted = try a.bool("bias"), hasBias = affine && biasWanted
                let m = Block(typeName: typeName, forward: .custom { block, x, _ in
                    guard x.rank == dims + 1 || x.rank == dims + 2 else {
                        throw LanguageFailure("expected \(dims + 1)D or \(dims + 2)D input (got \(x.rank)D input)", as: .valueError)
                    }
                    let weight = block.parameters.first { $0.name == "weight" }?.tensor
                    // _InstanceNorm.forward: a channel count other than num_features is an error
                    // with affine weights, a warning without
                    let featureDim = x.rank - dims - 1
                    if x.shape[featureDim] != features {
                        if weight != nil {
                            throw LanguageFailure("expected input's size at dim=\(featureDim) to match num_features (\(features)), but got: \(x.shape[featureDim]).", as: .valueError)
                        }
                        Self.warnOnce("UserWarning: input's size at dim=\(featureDim) does not match num_features. You can silence this warning by not passing in num_features, which is not used because affine=False")
                    }
                    // an unbatched input goes through as a batch of one, squeezed after (SqueezeBackward1)
                    let batched = x.rank == dims + 2 ? x : try x.reshaped([1] + x.shape)
                    let planes = dims == 2 ? batched : try batched.reshaped(batched.shape + [1])
                    var y = try Self.instanceNorm(planes, weight: weight, bias: block.parameters.first { $0.name == "bias" }?.tensor, eps: eps,
                                                  shownShape: batched.shape)
                    if dims == 1 { y = try y.reshaped(batched.shape) }
                    guard x.rank != dims + 2 else { return y }
                    let squeezed = try y.reshaped(x.shape)
                    squeezed.gradNode?.displayName = "SqueezeBackward1"
                    return squeezed
                })
                if affine {
                    m.registerParameter("weight", Tensor(repeating: 1, shape: [features]))
                    if hasBias { m.registerParameter("bias", Tensor(zeros: [features])) }
                }
                m.setTraining(true)
                TensorKinds.shared.setArguments(m, "\(features), eps=\(Self.floatRepr(a["eps"])), momentum=\(Self.floatRepr(a["momentum"])), affine=\(affine ? "True" : "False"), bias=\(hasBias ? "True" : "False"), track_running_stats=False")
                return .module(m)
            }
        }
        let functionalGroupNorm = Self.builtin(Signature("group_norm", [("input", nil), ("num_groups", nil), ("weight", Value.none), ("bias", Value.none), ("eps", .float(1e-5))])) { _, a in
            .tensor(try Self.groupNorm(try a.tensor("input"), groups: try a.int("num_groups"), weight: a["weight"].asTensor, bias: a["bias"].asTensor, eps: try a.double("eps")))
        }
        let functionalInstanceNorm = Self.builtin(Signature("instance_norm", [("input", nil), ("running_mean", Value.none), ("running_var", Value.none),
                                                                              ("weight", Value.none), ("bias", Value.none), ("use_input_stats", .bool(true)),
                                                                              ("momentum", .float(0.1)), ("eps", .float(1e-5))])) { _, a in
            guard a["running_mean"].isNone, a["running_var"].isNone, try a.bool("use_input_stats") else {
                throw LanguageFailure("instance_norm(): running statistics are not supported here", fix: "leave running_mean, running_var and use_input_stats out")
            }
            return .tensor(try Self.instanceNorm(try a.tensor("input"), weight: a["weight"].asTensor, bias: a["bias"].asTensor, eps: try a.double("eps")))
        }
        return (["GroupNorm": groupNorm].merging(instanceNorms) { a, _ in a }, ["group_norm": functionalGroupNorm, "instance_norm": functionalInstanceNorm])
    }

    // x: (N, C, *) → the same shape; weight, bias: (C) or nil
    static func groupNorm(_ x: Tensor, groups: Int, weight: Tensor?, bias: Tensor?, eps: Double) throws -> Tensor {
        guard x.rank >= 2 else { throw LanguageFailure("Expected at least 2 dimensions for input tensor but received \(x.rank)") }
        let (n, c) = (x.shape[0], x.shape[1])
        guard groups > 0, c % groups == 0 else {
            throw LanguageFailure("Expected number of channels in input to be divisible by num_groups, but got input of shape \(x.shape) and num_groups=\(groups)")
        }
        for t in [weight, bias].compactMap({ $0 }) where t.count != c || t.rank != 1 {
            throw LanguageFailure("Expected \(t === weight ? "weight" : "bias") to be a vector of size equal to the number of channels in input, but got \(t === weight ? "weight" : "bias") of shape \(t.shape) and input of shape \(x.shape)")
        }
        guard TensorOps.dtype(x) == .float32 else { throw LanguageFailure("group_norm: expected a float tensor, got \(TensorOps.dtype(x).torchName)") }
        if x.isMeta { return Tensor(meta: x.shape) }
        let spatial = x.count / max(n * c, 1), perGroup = c / groups
        // row r = (sample, group) holds its group's channels, each with its spatial cells
        return RowNormalization.normalize(x, rows: n * groups, length: perGroup * spatial, weight: weight, bias: bias, eps: eps,
                                          label: "group_norm", gradName: "NativeGroupNormBackward0") { r, i in (r % groups) * perGroup + i / spatial }
    }

    // x: (N, C, H, W) or (C, H, W) → the same shape; weight, bias: (C) or nil
    /// `shownShape`: the input's shape as PyTorch's message names it (a 1-d norm's, before its
    /// last dim of 1 was added).
    static func instanceNorm(_ x: Tensor, weight: Tensor?, bias: Tensor?, eps: Double, shownShape: [Int]? = nil) throws -> Tensor {
        guard x.rank == 3 || x.rank == 4 else { throw LanguageFailure("expected 3D or 4D input (got \(x.rank)D input)", as: .valueError) }
        let c = x.shape[x.rank - 3], spatial = x.shape[x.rank - 2] * x.shape[x.rank - 1]
        guard spatial > 1 else {
            throw LanguageFailure("Expected more than 1 spatial element when training, got input size torch.Size(\(shownShape ?? x.shape))", as: .valueError)
        }
        guard TensorOps.dtype(x) == .float32 else { throw LanguageFailure("instance_norm: expected a float tensor, got \(TensorOps.dtype(x).torchName)") }
        if x.isMeta { return Tensor(meta: x.shape) }
        // row r = (sample, channel): its spatial cells
        return RowNormalization.normalize(x, rows: x.count / spatial, length: spatial, weight: weight, bias: bias, eps: eps,
                                          label: "instance_norm", gradName: "ViewBackward0") { r, _ in r % c }
    }
}
