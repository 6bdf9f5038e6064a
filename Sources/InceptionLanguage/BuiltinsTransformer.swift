import Foundation
import InceptionRuntime

/// nn.TransformerEncoderLayer and nn.TransformerEncoder, made of the language's own layers in
/// PyTorch's order (so their init draws and state_dict names are PyTorch's): self_attn, linear1,
/// dropout, linear2, norm1, norm2, dropout1, dropout2 (and the activation when it is a module).
///   post-norm (default)  x = norm1(x + sa(x));        x = norm2(x + ff(x))
///   norm_first           x = x + sa(norm1(x));        x = x + ff(norm2(x))
///   sa(x) = dropout1(self_attn(x, x, x, attn_mask, key_padding_mask, need_weights=False)[0])
///   ff(x) = dropout2(linear2(dropout(activation(linear1(x)))))
/// The encoder runs deep copies of one layer in turn (`copy.deepcopy`, as PyTorch's _get_clones),
/// then its norm. PyTorch's inference fast path (nested tensors for padded batches) is not taken:
/// its outputs at padded positions differ (it leaves zeros there).
final class TransformerEncoderLayer: TransformerLayer, ArgumentsHoldingModule {
    static var input: String { "src" }
    static var signature: Signature {
        Signature("forward", [("src", nil), ("src_mask", Value.none), ("src_key_padding_mask", Value.none), ("is_causal", .bool(false))])
    }

    // src: (L, N, E), (N, L, E) with batch_first, or (L, E) → the same shape
    override func forward(_ src: Tensor, _ context: ExecutionContext) throws -> Tensor {
        guard let a = pending.last else { throw LanguageFailure("TransformerEncoderLayer.forward() needs src") }
        let steps = try TransformerSteps(self)
        func selfAttention(_ x: Composed) throws -> Composed {
            try steps.attention("self_attn", x, x, mask: a["src_mask"], paddingMask: a["src_key_padding_mask"], causal: a["is_causal"], dropout: "dropout1")
        }
        var x = steps.interpreter.composed(src)
        if normFirst {
            x = try x + (try selfAttention(try steps.run("norm1", x)))
            x = try x + (try steps.feedForward(try steps.run("norm2", x), dropout: "dropout2"))
        } else {
            x = try steps.run("norm1", try x + (try selfAttention(x)))
            x = try steps.run("norm2", try x + (try steps.feedForward(x, dropout: "dropout2")))
        }
        return try x.tensor
    }
}

/// What the encoder and decoder layers share: their children (in PyTorch's order), the
/// activation their feed-forward calls, norm_first, and the call's arguments while it runs.
class TransformerLayer: Module, ModuleAttributes {
    let normFirst: Bool
    /// F.relu, F.gelu or the program's function or module.
    var activation: Value
    var pending: [BoundArguments] = []
    weak var interpreter: Interpreter?

    init(typeName: String, children: [(String, Module)], activation: Value, normFirst: Bool, interpreter: Interpreter) {
        (self.activation, self.normFirst, self.interpreter) = (activation, normFirst, interpreter)
        super.init(typeName: typeName)
        setTraining(true)
        for (name, child) in children { _ = register(name, child) }
    }

    /// `layer.norm_first`; `layer.activation` when it is a function (a module one is a child).
    func attribute(_ name: String) -> Value? {
        switch name {
        case "norm_first": return .bool(normFirst)
        case "activation": if case .module = activation { return nil } else { return activation }
        default: return nil
        }
    }
}

/// What TransformerEncoder and TransformerDecoder share: `layers` (a ModuleList of deep copies of
/// one layer, run in turn) and `norm` after them, if given.
class TransformerStack: Module, ModuleAttributes {
    var pending: [BoundArguments] = []
    weak var interpreter: Interpreter?

    init(typeName: String, layers: Module, norm: Module?, interpreter: Interpreter) {
        self.interpreter = interpreter
        super.init(typeName: typeName)
        setTraining(true)
        _ = register("layers", layers)
        if let norm { _ = register("norm", norm) }
    }

    func attribute(_ name: String) -> Value? { name == "num_layers" ? .int(module(at: "layers")?.children.count ?? 0) : nil }

    /// x through each layer by `call` (given the layer and x), then through the norm.
    func run(_ first: Tensor, _ call: (Interpreter, Module, Value) throws -> Value) throws -> Tensor {
        guard let i = interpreter else { throw LanguageFailure("\(typeName) outlived its interpreter") }
        var x: Value = .tensor(first)
        for layer in module(at: "layers")?.children.map(\.module) ?? [] { x = try call(i, layer, x) }
        if let norm = module(at: "norm"), case .tensor(let t) = x { x = try i.call(norm, t) }
        guard case .tensor(let out) = x else { throw LanguageFailure("\(typeName): a layer returned \(x.typeName)") }
        return out
    }
}

/// The steps PyTorch's transformer layers are made of, run through the layer's children (so each
/// is a recorded module call and the program's own activation runs as given).
struct TransformerSteps {
    let layer: TransformerLayer
    let interpreter: Interpreter

    init(_ layer: TransformerLayer) throws {
        guard let i = layer.interpreter else { throw LanguageFailure("\(layer.typeName) outlived its interpreter") }
        (self.layer, self.interpreter) = (layer, i)
    }

    func child(_ name: String) throws -> Module {
        guard let m = layer.module(at: name) else { throw LanguageFailure("\(layer.typeName) has no \(name)") }
        return m
    }

    /// child `name`(x)
    func run(_ name: String, _ x: Composed) throws -> Composed { interpreter.composed(try interpreter.call(try child(name), try x.tensor)) }

    /// dropout(attention(query, memory, memory, attn_mask, key_padding_mask, need_weights=False)[0])
    func attention(_ name: String, _ query: Composed, _ memory: Composed, mask: Value, paddingMask: Value, causal: Value, dropout: String) throws -> Composed {
        guard let attention = try child(name) as? MultiheadAttention else { throw LanguageFailure("\(name) is not a MultiheadAttention") }
        let i = interpreter
        let result = try i.callHolding(attention, Arguments([query.value, memory.value, memory.value],
            keywords: [("attn_mask", mask), ("key_padding_mask", paddingMask), ("need_weights", .bool(false)), ("is_causal", causal)]), at: i.callSite)
        guard let first = result.sequenceItems()?.first else { throw LanguageFailure("\(name) returned no output") }
        return try run(dropout, i.composed(first))
    }

    /// dropout(linear2(dropout(activation(linear1(x)))))
    func feedForward(_ x: Composed, dropout: String) throws -> Composed {
        let hidden = try run("linear1", x)
        let activated = interpreter.composed(try interpreter.callBack(layer.activation, Arguments([hidden.value])))
        return try run(dropout, try run("linear2", try run("dropout", activated)))
    }
}

/// nn.TransformerEncoder(encoder_layer, num_layers, norm=None): `layers` (a ModuleList of deep
/// copies of the layer), then `norm` if given.
final class TransformerEncoder: TransformerStack, ArgumentsHoldingModule {
    init(layers: Module, norm: Module?, interpreter: Interpreter) {
        super.init(typeName: "TransformerEncoder", layers: layers, norm: norm, interpreter: interpreter)
    }

    static var input: String { "src" }
    static var signature: Signature {
        Signature("forward", [("src", nil), ("mask", Value.none), ("src_key_padding_mask", Value.none), ("is_causal", Value.none)])
    }

    override func forward(_ src: Tensor, _ context: ExecutionContext) throws -> Tensor {
        guard let a = pending.last else { throw LanguageFailure("TransformerEncoder.forward() needs src") }
        let causal: Value = a["is_causal"].isNone ? .bool(false) : a["is_causal"]
        return try run(src) { i, layer, x in
            guard let layer = layer as? TransformerEncoderLayer else { return x }
            return try i.callHolding(layer, Arguments([x], keywords: [("src_mask", a["mask"]), ("src_key_padding_mask", a["src_key_padding_mask"]),
                                                                        ("is_causal", causal)]), at: i.callSite)
        }
    }
}
