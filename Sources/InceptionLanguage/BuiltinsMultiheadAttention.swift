import Foundation
import InceptionRuntime

/// nn.MultiheadAttention(embed_dim, num_heads, dropout=0.0, bias=True, batch_first=False):
/// PyTorch's parameters (in_proj_weight (3E, E), in_proj_bias (3E), out_proj a
/// NonDynamicallyQuantizableLinear), its init draws (out_proj's Linear init, then Xavier on
/// in_proj_weight, both biases zero) and F.multi_head_attention_forward's steps, each a recorded
/// operation:
///   q, k, v = query W_qᵀ + b_q, key W_kᵀ + b_k, value W_vᵀ + b_v, split into heads (N·H, L, E/H)
///   weights = softmax(q/√(E/H) kᵀ + mask), dropped out in training; out = (weights v) W_oᵀ + b_o
/// Called as mha(query, key, value, key_padding_mask=None, need_weights=True, attn_mask=None,
/// average_attn_weights=True, is_causal=False) → (output, weights averaged over heads or not, or None).
final class MultiheadAttention: Module, ArgumentsHoldingModule, ModuleAttributes {
    let embedDim: Int, heads: Int, dropout: Double, hasBias: Bool, batchFirst: Bool
    let outProjection: Block
    /// The calls running now (the runtime runs each with the query alone), innermost last.
    var pending: [BoundArguments] = []
    weak var interpreter: Interpreter?

    init(embedDim: Int, heads: Int, dropout: Double, bias: Bool, batchFirst: Bool, interpreter: Interpreter) throws {
        (self.embedDim, self.heads, self.dropout, self.hasBias, self.batchFirst, self.interpreter) = (embedDim, heads, dropout, bias, batchFirst, interpreter)
        try MemoryBudget.check(shape: [3 * embedDim, embedDim], what: "MultiheadAttention's in_proj_weight")
        // out_proj: a Linear, drawn as nn.Linear draws its weight and bias; then Xavier uniform on
        // in_proj_weight (fan_in E, fan_out 3E), as _reset_parameters draws after it
        let outWeight = ParameterInit.fanInUniform([embedDim, embedDim], fanIn: embedDim)
        let outBias = bias ? ParameterInit.fanInUniform([embedDim], fanIn: embedDim, isBias: true) : nil
        let xavier = (6 / Double(4 * embedDim)).squareRoot()
        let inWeight = ParameterInit.uniform([3 * embedDim, embedDim], from: -xavier, to: xavier)
        outProjection = Block(typeName: "NonDynamicallyQuantizableLinear", forward: .custom { block, x, _ in
            guard let w = block.parameters.first(where: { $0.name == "weight" })?.tensor else { throw LanguageFailure("out_proj has no weight") }
            var y = try TensorOps.matmul(x, try TensorOps.permute(w, [1, 0]))
            if let b = block.parameters.first(where: { $0.name == "bias" })?.tensor { y = try TensorOps.binary(.add, y, b) }
            return y
        })
        outProjection.registerParameter("weight", outWeight)
        if let outBias { outProjection.registerParameter("bias", outBias) }
        outProjection.setTraining(true)
        TensorKinds.shared.setArguments(outProjection, "in_features=\(embedDim), out_features=\(embedDim), bias=\(bias ? "True" : "False")")
        super.init(typeName: "MultiheadAttention")
        setTraining(true)
        registerParameter("in_proj_weight", inWeight)
        if bias {       // both biases zero
            registerParameter("in_proj_bias", Tensor(zeros: [3 * embedDim]))
            if let outBias { outBias.data.update(repeating: 0, count: outBias.count) }
        }
        _ = register("out_proj", outProjection)
    }

    /// The options PyTorch keeps on the module (key and value sizes are the embedding's here).
    func attribute(_ name: String) -> Value? {
        switch name {
        case "embed_dim", "kdim", "vdim": return .int(embedDim)
        case "num_heads": return .int(heads)
        case "head_dim": return .int(embedDim / heads)
        case "dropout": return .float(dropout)
        case "batch_first": return .bool(batchFirst)
        case "_qkv_same_embed_dim": return .bool(true)
        case "add_zero_attn": return .bool(false)
        case "bias_k", "bias_v": return Value.none
        default: return nil
        }
    }

    private func parameter(_ name: String) -> Tensor? { parameters.first(where: { $0.name == name })?.tensor }

    // query: (L, N, E), (N, L, E) with batch_first, or (L, E); key, value: (S, N, E) likewise
    //   → output as query, with (output, weights) kept as the call's full result
    override func forward(_ query: Tensor, _ context: ExecutionContext) throws -> Tensor {
        guard let i = interpreter, let a = pending.last else { throw LanguageFailure("MultiheadAttention.forward() needs query, key and value") }
        if try a.bool("is_causal"), a["attn_mask"].isNone {
            throw LanguageFailure("Need attn_mask if specifying the is_causal hint. You may use the Transformer module method `generate_square_subsequent_mask` to create this mask.")
        }
        let (output, weights) = try attend(query, a, training: training, i)
        context.frame(of: self)?.returned = Value.tuple([output.value, weights?.value ?? Value.none])
        return try output.tensor
    }

    /// A mask as PyTorch's _canonical_mask makes it: a bool mask becomes 0 / −inf, a float mask stays.
    private func additive(_ mask: Value, _ i: Interpreter, _ what: String) throws -> Composed? {
        guard case .tensor(let m) = mask else {
            if mask.isNone { return nil }
            throw LanguageFailure("MultiheadAttention: \(what) must be a tensor or None, got \(mask.typeName)", as: .typeError)
        }
        switch TensorOps.dtype(m) {
        case .bool: return try i.torchFunction("zeros_like", try i.composed(m).call("float")).call("masked_fill", m, -Double.infinity)
        case .float32: return i.composed(m)
        default: throw LanguageFailure("only bool and floating types of \(what) are supported", as: .typeError)
        }
    }

    private func attend(_ given: Tensor, _ a: BoundArguments, training: Bool, _ i: Interpreter) throws -> (Composed, Composed?) {
        let (e, h) = (embedDim, heads), headDim = embedDim / heads
        guard case .tensor(let keyTensor) = a["key"], case .tensor(let valueTensor) = a["value"] else {
            throw LanguageFailure("MultiheadAttention.forward() takes query, key and value tensors", as: .typeError)
        }
        guard given.rank == 2 || given.rank == 3 else {
            throw LanguageFailure("query should be unbatched 2D or batched 3D tensor but received \(given.rank)-D query tensor", as: .valueError)
        }
        guard keyTensor.rank == given.rank, valueTensor.rank == given.rank else {
            throw LanguageFailure("For \(given.rank == 3 ? "batched (3-D)" : "unbatched (2-D)") `query`, expected `key` and `value` to be \(given.rank)-D but found \(keyTensor.rank)-D and \(valueTensor.rank)-D tensors respectively")
        }
        guard given.shape.last == e else { throw LanguageFailure("was expecting embedding dimension of \(e), but got \(given.shape.last!)") }
        guard keyTensor.shape.last == e, valueTensor.shape.last == e else {
            throw LanguageFailure("MultiheadAttention: key and value must have embedding dimension \(e) here (kdim and vdim are not supported)")
        }
        let batched = given.rank == 3
        func prepared(_ t: Tensor) throws -> Composed {
            if !batched { return try i.composed(t).call("unsqueeze", 1) }
            return batchFirst ? try i.composed(t).call("transpose", 0, 1) : i.composed(t)
        }
        let (query, key, value) = (try prepared(given), try prepared(keyTensor), try prepared(valueTensor))
        let (targetLength, batch) = (try query.tensor.shape[0], try query.tensor.shape[1]), sourceLength = try key.tensor.shape[0]
        guard try value.tensor.shape[0] == sourceLength, try value.tensor.shape[1] == batch, try key.tensor.shape[1] == batch else {
            throw LanguageFailure("key shape \(try key.tensor.shape) does not match value shape \(try value.tensor.shape)")
        }
        // the three projections, rows of in_proj_weight and in_proj_bias
        guard let inWeight = parameter("in_proj_weight") else { throw LanguageFailure("MultiheadAttention has no in_proj_weight") }
        let weights = try i.composed(inWeight).call("chunk", 3, 0).value.sequenceItems() ?? []
        let biases = try parameter("in_proj_bias").map { try i.composed($0).call("chunk", 3, 0).value.sequenceItems() ?? [] }
        func projected(_ x: Composed, _ k: Int) throws -> Composed {
            var y = try x.call("matmul", try i.composed(weights[k]).call("t"))
            if let biases { y = try y + biases[k] }
            return y
        }
        // (L, N, E) → (N·H, L, E/H)
        func split(_ x: Composed, _ length: Int) throws -> Composed { try x.call("reshape", length, batch * h, headDim).call("transpose", 0, 1) }
        let q = try split(try projected(query, 0), targetLength), k = try split(try projected(key, 1), sourceLength)
        let v = try split(try projected(value, 2), sourceLength)
        // masks: attn_mask (L, S) or (N·H, L, S); key_padding_mask (N, S), as one additive mask
        var mask = try additive(a["attn_mask"], i, "attn_mask")
        if let m = mask, try m.tensor.rank == 2 {
            guard try m.tensor.shape == [targetLength, sourceLength] else {
                throw LanguageFailure("The shape of the 2D attn_mask is \(try m.tensor.shape), but should be \([targetLength, sourceLength]).")
            }
            mask = try m.call("unsqueeze", 0)
        } else if let m = mask, try m.tensor.shape != [batch * h, targetLength, sourceLength] {
            throw LanguageFailure("The shape of the 3D attn_mask is \(try m.tensor.shape), but should be \([batch * h, targetLength, sourceLength]).")
        }
        if var padding = try additive(a["key_padding_mask"], i, "key_padding_mask") {
            if !batched { padding = try padding.call("unsqueeze", 0) }
            guard try padding.tensor.shape == [batch, sourceLength] else {
                throw LanguageFailure("expecting key_padding_mask shape of \([batch, sourceLength]), but got \(try padding.tensor.shape)")
            }
            padding = try padding.call("view", batch, 1, 1, sourceLength).call("expand", -1, h, -1, -1).call("reshape", batch * h, 1, sourceLength)
            mask = try mask.map { try $0 + padding } ?? padding
        }
        let p = training ? dropout : 0
        // weights (N·H, L, S) = softmax(q·√(1/d) kᵀ + mask)
        var scores = try (q * (1 / Double(headDim)).squareRoot()).call("bmm", try k.call("transpose", -2, -1))
        if let mask { scores = try scores + mask }
        var attention = try scores.call("softmax", keywords: [("dim", -1)])
        if p > 0 {
            guard let torch = i.builtinScope.lookup("torch") else { throw LanguageFailure("torch is not defined") }
            let f = try i.getAttribute(try i.getAttribute(try i.getAttribute(torch, "nn"), "functional"), "dropout")
            attention = i.composed(try i.callBack(f, Arguments([attention.value], keywords: [("p", .float(p))])))
        }
        // (N·H, L, E/H) → (L, N, E), then out_proj
        let heads = try attention.call("bmm", v).call("transpose", 0, 1).call("reshape", targetLength * batch, e)
        var output = try i.composed(try outProjection(try heads.tensor, i.currentContext)).call("view", targetLength, batch, e)
        if !batched { output = try output.call("squeeze", 1) } else if batchFirst { output = try output.call("transpose", 1, 0) }
        guard try a.bool("need_weights") else { return (output, nil) }
        var shown = try attention.call("view", batch, h, targetLength, sourceLength)
        if try a.bool("average_attn_weights") { shown = try shown.call("mean", keywords: [("dim", 1)]) }
        if !batched { shown = try shown.call("squeeze", 0) }
        return (output, shown)
    }

    /// mha(query, key, value, …) → (output, weights)
    static var input: String { "query" }
    static var signature: Signature { Signature("forward", [("query", nil), ("key", nil), ("value", nil), ("key_padding_mask", Value.none),
                                                 ("need_weights", .bool(true)), ("attn_mask", Value.none),
                                                 ("average_attn_weights", .bool(true)), ("is_causal", .bool(false))]) }
}

extension Interpreter {
    func multiheadAttentionBuiltin() -> Value {
        Self.builtin(Signature("MultiheadAttention", [("embed_dim", nil), ("num_heads", nil), ("dropout", .float(0)), ("bias", .bool(true)),
                                                      ("add_bias_kv", .bool(false)), ("add_zero_attn", .bool(false)), ("kdim", Value.none),
                                                      ("vdim", Value.none), ("batch_first", .bool(false)), ("device", Value.none), ("dtype", Value.none)])) { interpreter, a in
            try Self.requireCPUArgument(a["device"])
            let (e, h) = (try a.int("embed_dim"), try a.int("num_heads"))
            guard e > 0, h > 0 else { throw LanguageFailure("embed_dim and num_heads must be greater than 0, got embed_dim=\(e) and num_heads=\(h) instead", as: .valueError) }
            guard e % h == 0 else { throw LanguageFailure("embed_dim must be divisible by num_heads", as: .assertionError) }
            for name in ["add_bias_kv", "add_zero_attn"] where try a.bool(name) {
                throw LanguageFailure("MultiheadAttention(\(name)=True) is not supported here", fix: "leave \(name) out")
            }
            for name in ["kdim", "vdim"] where !a[name].isNone && a[name].asInt != e {
                throw LanguageFailure("MultiheadAttention(\(name)=…) other than embed_dim is not supported here", fix: "project the keys and values to embed_dim first")
            }
            let p = try a.double("dropout")
            return .module(try MultiheadAttention(embedDim: e, heads: h, dropout: p, bias: try a.bool("bias"), batchFirst: try a.bool("batch_first"),
                                                  interpreter: interpreter))
        }
    }
}
