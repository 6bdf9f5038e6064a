import Foundation
import InceptionRuntime

/// nn.TransformerDecoderLayer, made of the language's own layers in PyTorch's order (so its init
/// draws and state_dict names are PyTorch's): self_attn, multihead_attn, linear1, dropout, linear2,
/// norm1, norm2, norm3, dropout1, dropout2, dropout3 (and the activation when it is a module).
///   post-norm (default)  x = norm1(x + sa(x));   x = norm2(x + ca(x, m));   x = norm3(x + ff(x))
///   norm_first           x = x + sa(norm1(x));   x = x + ca(norm2(x), m);   x = x + ff(norm3(x))
///   sa(x)    = dropout1(self_attn(x, x, x, tgt_mask, tgt_key_padding_mask)[0])
///   ca(x, m) = dropout2(multihead_attn(x, m, m, memory_mask, memory_key_padding_mask)[0])
///   ff(x)    = dropout3(linear2(dropout(activation(linear1(x)))))
final class TransformerDecoderLayer: TransformerLayer, ArgumentsHoldingModule, AdjustedWhenDeepCopied {
    static var input: String { "tgt" }
    static var signature: Signature {
        Signature("forward", [("tgt", nil), ("memory", nil), ("tgt_mask", Value.none), ("memory_mask", Value.none), ("tgt_key_padding_mask", Value.none),
                              ("memory_key_padding_mask", Value.none), ("tgt_is_causal", .bool(false)), ("memory_is_causal", .bool(false))])
    }

    /// PyTorch's quirk, kept: a copy's __setstate__ sets `activation = F.relu` when the activation
    /// is a module (a module is not in the copied __dict__), so every deep copy (each layer of
    /// TransformerDecoder and nn.Transformer) runs relu; the module stays a child.
    func adjustAfterDeepCopy(_ interpreter: Interpreter) throws {
        if case .module = activation { activation = try interpreter.getAttribute(try interpreter.nnMember("functional"), "relu") }
    }

    // tgt: (T, N, E), (N, T, E) with batch_first, or (T, E); memory: (S, N, E) likewise → tgt's shape
    override func forward(_ tgt: Tensor, _ context: ExecutionContext) throws -> Tensor {
        guard let a = pending.last else { throw LanguageFailure("TransformerDecoderLayer.forward() needs tgt and memory") }
        let steps = try TransformerSteps(self), i = steps.interpreter
        guard case .tensor(let memoryTensor) = a["memory"] else {
            throw LanguageFailure("TransformerDecoderLayer.forward(): memory must be a tensor, got \(a["memory"].typeName)", as: .typeError)
        }
        let memory = i.composed(memoryTensor)
        func selfAttention(_ x: Composed) throws -> Composed {
            try steps.attention("self_attn", x, x, mask: a["tgt_mask"], paddingMask: a["tgt_key_padding_mask"], causal: a["tgt_is_causal"], dropout: "dropout1")
        }
        func crossAttention(_ x: Composed) throws -> Composed {
            try steps.attention("multihead_attn", x, memory, mask: a["memory_mask"], paddingMask: a["memory_key_padding_mask"],
                                causal: a["memory_is_causal"], dropout: "dropout2")
        }
        var x = i.composed(tgt)
        if normFirst {
            x = try x + (try selfAttention(try steps.run("norm1", x)))
            x = try x + (try crossAttention(try steps.run("norm2", x)))
            x = try x + (try steps.feedForward(try steps.run("norm3", x), dropout: "dropout3"))
        } else {
            x = try steps.run("norm1", try x + (try selfAttention(x)))
            x = try steps.run("norm2", try x + (try crossAttention(x)))
            x = try steps.run("norm3", try x + (try steps.feedForward(x, dropout: "dropout3")))
        }
        return try x.tensor
    }
}

/// nn.TransformerDecoder(decoder_layer, num_layers, norm=None): `layers` (a ModuleList of deep
/// copies of the layer) run in turn on (tgt, memory), then `norm` if given.
final class TransformerDecoder: TransformerStack, ArgumentsHoldingModule {
    init(layers: Module, norm: Module?, interpreter: Interpreter) {
        super.init(typeName: "TransformerDecoder", layers: layers, norm: norm, interpreter: interpreter)
    }

    static var input: String { "tgt" }
    static var signature: Signature {
        Signature("forward", [("tgt", nil), ("memory", nil), ("tgt_mask", Value.none), ("memory_mask", Value.none), ("tgt_key_padding_mask", Value.none),
                              ("memory_key_padding_mask", Value.none), ("tgt_is_causal", Value.none), ("memory_is_causal", .bool(false))])
    }

    override func forward(_ tgt: Tensor, _ context: ExecutionContext) throws -> Tensor {
        guard let a = pending.last else { throw LanguageFailure("TransformerDecoder.forward() needs tgt and memory") }
        let causal: Value = a["tgt_is_causal"].isNone ? .bool(false) : a["tgt_is_causal"]
        return try run(tgt) { i, layer, x in
            try i.callBack(.module(layer), Arguments([x, a["memory"]], keywords: [
                ("tgt_mask", a["tgt_mask"]), ("memory_mask", a["memory_mask"]), ("tgt_key_padding_mask", a["tgt_key_padding_mask"]),
                ("memory_key_padding_mask", a["memory_key_padding_mask"]), ("tgt_is_causal", causal), ("memory_is_causal", a["memory_is_causal"])]))
        }
    }
}

/// nn.Transformer: an encoder (TransformerEncoder with a final LayerNorm) over src and a decoder
/// (TransformerDecoder with a final LayerNorm) over tgt attending to the encoder's output.
///   src (S, N, E), tgt (T, N, E) (batch first: (N, S, E), (N, T, E); unbatched (S, E), (T, E)) → (T, N, E)
final class TransformerModel: Module, ArgumentsHoldingModule, ModuleAttributes {
    let modelDim: Int, heads: Int, batchFirst: Bool
    var pending: [BoundArguments] = []
    weak var interpreter: Interpreter?

    init(encoder: Module, decoder: Module, modelDim: Int, heads: Int, batchFirst: Bool, interpreter: Interpreter) {
        (self.modelDim, self.heads, self.batchFirst, self.interpreter) = (modelDim, heads, batchFirst, interpreter)
        super.init(typeName: "Transformer")
        setTraining(true)
        _ = register("encoder", encoder)
        _ = register("decoder", decoder)
    }

    static var input: String { "src" }
    static var signature: Signature {
        Signature("forward", [("src", nil), ("tgt", nil), ("src_mask", Value.none), ("tgt_mask", Value.none), ("memory_mask", Value.none),
                              ("src_key_padding_mask", Value.none), ("tgt_key_padding_mask", Value.none), ("memory_key_padding_mask", Value.none),
                              ("src_is_causal", Value.none), ("tgt_is_causal", Value.none), ("memory_is_causal", .bool(false))])
    }

    func attribute(_ name: String) -> Value? {
        switch name {
        case "d_model": return .int(modelDim)
        case "nhead": return .int(heads)
        case "batch_first": return .bool(batchFirst)
        case "generate_square_subsequent_mask": return Interpreter.squareSubsequentMask
        default: return nil
        }
    }

    override func forward(_ src: Tensor, _ context: ExecutionContext) throws -> Tensor {
        guard let i = interpreter, let a = pending.last, let encoder = module(at: "encoder"), let decoder = module(at: "decoder") else {
            throw LanguageFailure("Transformer.forward() needs src and tgt")
        }
        let tgt = try a.tensor("tgt")
        let batchAxis = batchFirst ? 0 : 1
        if src.rank == 3, tgt.rank >= 2, src.shape[batchAxis] != tgt.shape[batchAxis] {
            throw LanguageFailure("the batch number of src and tgt must be equal")
        }
        if src.shape.last != modelDim || tgt.shape.last != modelDim {
            throw LanguageFailure("the feature number of src and tgt must be equal to d_model")
        }
        let memory = try i.callBack(.module(encoder), Arguments([.tensor(src)], keywords: [
            ("mask", a["src_mask"]), ("src_key_padding_mask", a["src_key_padding_mask"]), ("is_causal", a["src_is_causal"])]))
        let output = try i.callBack(.module(decoder), Arguments([.tensor(tgt), memory], keywords: [
            ("tgt_mask", a["tgt_mask"]), ("memory_mask", a["memory_mask"]), ("tgt_key_padding_mask", a["tgt_key_padding_mask"]),
            ("memory_key_padding_mask", a["memory_key_padding_mask"]), ("tgt_is_causal", a["tgt_is_causal"]), ("memory_is_causal", a["memory_is_causal"])]))
        guard case .tensor(let out) = output else { throw LanguageFailure("Transformer: the decoder returned \(output.typeName)") }
        return out
    }
}
