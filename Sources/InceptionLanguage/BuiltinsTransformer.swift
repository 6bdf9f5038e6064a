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
final class TransformerEncoderLayer: Module, ArgumentsHoldingModule {
    let normFirst: Bool
    /// F.relu, F.gelu or the program's function or module.
    let activation: Value
    var pending: [BoundArguments] = []
    weak var interpreter: Interpreter?

    init(children: [(String, Module)], activation: Value, normFirst: Bool, interpreter: Interpreter) {
        (self.activation, self.normFirst, self.interpreter) = (activation, normFirst, interpreter)
        super.init(typeName: "TransformerEncoderLayer")
        setTraining(true)
        for (name, child) in children { _ = register(name, child) }
    }

    static var input: String { "src" }
    static var signature: Signature {
        Signature("forward", [("src", nil), ("src_mask", Value.none), ("src_key_padding_mask", Value.none), ("is_causal", .bool(false))])
    }

    // src: (L, N, E), (N, L, E) with batch_first, or (L, E) → the same shape
    override func forward(_ src: Tensor, _ context: ExecutionContext) throws -> Tensor {
        guard let i = interpreter, let a = pending.last else { throw LanguageFailure("TransformerEncoderLayer.forward() needs src") }
        func child(_ name: String) throws -> Module {
            guard let m = module(at: name) else { throw LanguageFailure("TransformerEncoderLayer has no \(name)") }
            return m
        }
        func run(_ name: String, _ x: Composed) throws -> Composed { i.composed(try i.call(try child(name), try x.tensor)) }
        func selfAttention(_ x: Composed) throws -> Composed {
            guard let attention = try child("self_attn") as? MultiheadAttention else { throw LanguageFailure("self_attn is not a MultiheadAttention") }
            let result = try i.callHolding(attention, Arguments([x.value, x.value, x.value],
                keywords: [("attn_mask", a["src_mask"]), ("key_padding_mask", a["src_key_padding_mask"]), ("need_weights", .bool(false)),
                           ("is_causal", a["is_causal"])]), at: i.callSite)
            guard let first = result.sequenceItems()?.first else { throw LanguageFailure("self_attn returned no output") }
            return try run("dropout1", i.composed(first))
        }
        func feedForward(_ x: Composed) throws -> Composed {
            let hidden = try run("linear1", x)
            let activated = i.composed(try i.callBack(activation, Arguments([hidden.value])))
            return try run("dropout2", try run("linear2", try run("dropout", activated)))
        }
        var x = i.composed(src)
        if normFirst {
            x = try x + (try selfAttention(try run("norm1", x)))
            x = try x + (try feedForward(try run("norm2", x)))
        } else {
            x = try run("norm1", try x + (try selfAttention(x)))
            x = try run("norm2", try x + (try feedForward(x)))
        }
        return try x.tensor
    }
}

/// nn.TransformerEncoder(encoder_layer, num_layers, norm=None): `layers` (a ModuleList of deep
/// copies of the layer), then `norm` if given.
final class TransformerEncoder: Module, ArgumentsHoldingModule {
    var pending: [BoundArguments] = []
    weak var interpreter: Interpreter?

    init(layers: Module, norm: Module?, interpreter: Interpreter) {
        self.interpreter = interpreter
        super.init(typeName: "TransformerEncoder")
        setTraining(true)
        _ = register("layers", layers)
        if let norm { _ = register("norm", norm) }
    }

    static var input: String { "src" }
    static var signature: Signature {
        Signature("forward", [("src", nil), ("mask", Value.none), ("src_key_padding_mask", Value.none), ("is_causal", Value.none)])
    }

    override func forward(_ src: Tensor, _ context: ExecutionContext) throws -> Tensor {
        guard let i = interpreter, let a = pending.last else { throw LanguageFailure("TransformerEncoder.forward() needs src") }
        var x: Value = .tensor(src)
        for case let layer as TransformerEncoderLayer in module(at: "layers")?.children.map(\.module) ?? [] {
            let causal: Value = a["is_causal"].isNone ? .bool(false) : a["is_causal"]
            x = try i.callHolding(layer, Arguments([x], keywords: [("src_mask", a["mask"]), ("src_key_padding_mask", a["src_key_padding_mask"]),
                                                                            ("is_causal", causal)]), at: i.callSite)
        }
        if let norm = module(at: "norm"), case .tensor(let t) = x { x = try i.call(norm, t) }
        guard case .tensor(let out) = x else { throw LanguageFailure("TransformerEncoder: a layer returned \(x.typeName)") }
        return out
    }
}

extension Interpreter {
    /// Where a call made from Swift on the program's behalf is reported.
    var callSite: SourceLocation { SourceLocation(file: "<swift>", line: 0, column: 0) }

    /// nn.<name>(arguments…) as a program makes it (its init draws and recipe for deepcopy).
    private func nnLayer(_ name: String, _ arguments: [Value], keywords: [(String, Value)] = []) throws -> Module {
        guard let torch = builtinScope.lookup("torch") else { throw LanguageFailure("torch is not defined") }
        let made = try callBack(try getAttribute(try getAttribute(torch, "nn"), name), Arguments(arguments, keywords: keywords))
        guard case .module(let m) = made else { throw LanguageFailure("nn.\(name) made a \(made.typeName)") }
        return m
    }

    func transformerBuiltins() -> [String: Value] {
        var t: [String: Value] = [:]
        t["TransformerEncoderLayer"] = Self.builtin(Signature("TransformerEncoderLayer", [
            ("d_model", nil), ("nhead", nil), ("dim_feedforward", .int(2048)), ("dropout", .float(0.1)), ("activation", .string("relu")),
            ("layer_norm_eps", .float(1e-5)), ("batch_first", .bool(false)), ("norm_first", .bool(false)), ("bias", .bool(true)),
            ("device", Value.none), ("dtype", Value.none)])) { interpreter, a in
            try Self.requireCPUArgument(a["device"])
            let (d, heads, feedForward, p) = (a["d_model"], a["nhead"], a["dim_feedforward"], a["dropout"])
            var activation = a["activation"]
            if case .string(let name) = activation {
                guard name == "relu" || name == "gelu", let torch = interpreter.builtinScope.lookup("torch") else {
                    throw LanguageFailure("activation should be relu/gelu, not \(name)")
                }
                activation = try interpreter.getAttribute(try interpreter.getAttribute(try interpreter.getAttribute(torch, "nn"), "functional"), name)
            }
            guard activation.isCallable else { throw LanguageFailure("TransformerEncoderLayer(): activation must be \"relu\", \"gelu\" or a function", as: .typeError) }
            let bias = a["bias"], eps = a["layer_norm_eps"]
            // PyTorch's order: the attention, the feed-forward layers, the norms, the dropouts
            var children: [(String, Module)] = [
                ("self_attn", try interpreter.nnLayer("MultiheadAttention", [d, heads], keywords: [("dropout", p), ("bias", bias), ("batch_first", a["batch_first"])])),
                ("linear1", try interpreter.nnLayer("Linear", [d, feedForward], keywords: [("bias", bias)])),
                ("dropout", try interpreter.nnLayer("Dropout", [p])),
                ("linear2", try interpreter.nnLayer("Linear", [feedForward, d], keywords: [("bias", bias)])),
                ("norm1", try interpreter.nnLayer("LayerNorm", [d], keywords: [("eps", eps), ("bias", bias)])),
                ("norm2", try interpreter.nnLayer("LayerNorm", [d], keywords: [("eps", eps), ("bias", bias)])),
                ("dropout1", try interpreter.nnLayer("Dropout", [p])),
                ("dropout2", try interpreter.nnLayer("Dropout", [p])),
            ]
            if case .module(let m) = activation { children.append(("activation", m)) }
            return .module(TransformerEncoderLayer(children: children, activation: activation, normFirst: try a.bool("norm_first"), interpreter: interpreter))
        }
        t["TransformerEncoder"] = Self.builtin(Signature("TransformerEncoder", [("encoder_layer", nil), ("num_layers", nil), ("norm", Value.none),
                                                                               ("enable_nested_tensor", .bool(true)), ("mask_check", .bool(true))])) { interpreter, a in
            guard case .module(let layer as TransformerEncoderLayer) = a["encoder_layer"] else {
                throw LanguageFailure("TransformerEncoder(): encoder_layer must be an nn.TransformerEncoderLayer here, got \(a["encoder_layer"].typeName)", as: .typeError)
            }
            let count = try a.int("num_layers")
            guard count >= 0 else { throw LanguageFailure("TransformerEncoder(): num_layers must be 0 or more, got \(count)", as: .valueError) }
            // _get_clones: a ModuleList of deep copies
            var memo: [ObjectIdentifier: Value] = [:]
            let copies = try (0..<count).map { _ -> Value in memo = [:]; return try interpreter.deepCopy(.module(layer), &memo) }
            let layers = try interpreter.nnLayer("ModuleList", [.list(ListStorage(copies))])
            let norm: Module? = try a["norm"].isNone ? nil : a.module("norm")
            return .module(TransformerEncoder(layers: layers, norm: norm, interpreter: interpreter))
        }
        // nn.Transformer: its static generate_square_subsequent_mask(sz); the whole model is not built here
        let transformer = ClosureObject(typeName: "type", memberNames: ["generate_square_subsequent_mask"]) { "<class 'torch.nn.modules.transformer.Transformer'>" }
        transformer.call = { _, _ in
            throw LanguageFailure("nn.Transformer (encoder and decoder) is not supported here", fix: "build an encoder from nn.TransformerEncoderLayer and nn.TransformerEncoder")
        }
        transformer.memberLookup = { name in
            guard name == "generate_square_subsequent_mask" else { return nil }
            // (sz, sz): 0 on and below the diagonal, −inf above
            return Self.builtin(Signature(name, [("sz", nil), ("device", Value.none), ("dtype", Value.none)])) { _, a in
                let n = try a.int("sz")
                guard n >= 0 else { throw LanguageFailure("generate_square_subsequent_mask(): sz must be 0 or more, got \(n)") }
                try MemoryBudget.check(shape: [n, n], what: "the mask")
                return .tensor(TensorOps.make([n, n]) { p in for i in 0..<n { for j in 0..<n { p[i * n + j] = j > i ? -.infinity : 0 } } })
            }
        }
        t["Transformer"] = .object(transformer)
        return t
    }
}
