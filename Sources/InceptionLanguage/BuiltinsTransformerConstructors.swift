import Foundation
import InceptionRuntime

/// The constructors of nn.TransformerEncoderLayer, TransformerDecoderLayer, TransformerEncoder,
/// TransformerDecoder and Transformer, each drawing its parameters in PyTorch's order.
extension Interpreter {
    /// Where a call made from Swift on the program's behalf is reported.
    var callSite: SourceLocation { SourceLocation(file: "<swift>", line: 0, column: 0) }

    /// nn.<name>(arguments…) as a program makes it (its init draws and recipe for deepcopy).
    func nnLayer(_ name: String, _ arguments: [Value], keywords: [(String, Value)] = []) throws -> Module {
        let made = try callBack(try nnMember(name), Arguments(arguments, keywords: keywords))
        guard case .module(let m) = made else { throw LanguageFailure("nn.\(name) made a \(made.typeName)") }
        return m
    }

    /// torch.nn.functional.<name>
    private func functional(_ name: String) throws -> Value { try getAttribute(try nnMember("functional"), name) }

    /// The options both layer kinds take, as PyTorch names them.
    private static func layerSignature(_ name: String) -> Signature {
        Signature(name, [("d_model", nil), ("nhead", nil), ("dim_feedforward", .int(2048)), ("dropout", .float(0.1)), ("activation", .string("relu")),
                         ("layer_norm_eps", .float(1e-5)), ("batch_first", .bool(false)), ("norm_first", .bool(false)), ("bias", .bool(true)),
                         ("device", Value.none), ("dtype", Value.none)])
    }

    /// A layer's children in PyTorch's order: the attention(s), the feed-forward layers, the norms,
    /// the dropouts, then the activation if it is a module; and the activation to call.
    private func layerParts(_ a: BoundArguments, decoder: Bool) throws -> (children: [(String, Module)], activation: Value) {
        try Self.requireCPUArgument(a["device"])
        let (d, heads, feedForward, p) = (a["d_model"], a["nhead"], a["dim_feedforward"], a["dropout"])
        let what = decoder ? "TransformerDecoderLayer" : "TransformerEncoderLayer"
        var activation = a["activation"]
        if case .string(let name) = activation {
            guard name == "relu" || name == "gelu" else { throw LanguageFailure("activation should be relu/gelu, not \(name)") }
            activation = try functional(name)
        }
        guard activation.isCallable else { throw LanguageFailure("\(what)(): activation must be \"relu\", \"gelu\" or a function", as: .typeError) }
        let bias = a["bias"], eps = a["layer_norm_eps"]
        let attention = { try self.nnLayer("MultiheadAttention", [d, heads], keywords: [("dropout", p), ("bias", bias), ("batch_first", a["batch_first"])]) }
        var children: [(String, Module)] = [("self_attn", try attention())]
        if decoder { children.append(("multihead_attn", try attention())) }
        children += [("linear1", try nnLayer("Linear", [d, feedForward], keywords: [("bias", bias)])),
                     ("dropout", try nnLayer("Dropout", [p])),
                     ("linear2", try nnLayer("Linear", [feedForward, d], keywords: [("bias", bias)]))]
        let count = decoder ? 3 : 2
        for k in 1...count { children.append(("norm\(k)", try nnLayer("LayerNorm", [d], keywords: [("eps", eps), ("bias", bias)]))) }
        for k in 1...count { children.append(("dropout\(k)", try nnLayer("Dropout", [p]))) }
        if case .module(let m) = activation { children.append(("activation", m)) }
        return (children, activation)
    }

    /// `count` deep copies of `layer` in a ModuleList, as PyTorch's _get_clones makes them.
    private func clones(_ layer: Module, _ a: BoundArguments) throws -> Module {
        let count = try a.int("num_layers")
        guard count >= 0 else { throw LanguageFailure("num_layers must be 0 or more, got \(count)", as: .valueError) }
        var memo: [ObjectIdentifier: Value] = [:]
        let copies = try (0..<count).map { _ -> Value in memo = [:]; return try deepCopy(.module(layer), &memo) }
        return try nnLayer("ModuleList", [.list(ListStorage(copies))])
    }

    func transformerBuiltins() -> [String: Value] {
        var t: [String: Value] = [:]
        t["TransformerEncoderLayer"] = Self.builtin(Self.layerSignature("TransformerEncoderLayer")) { interpreter, a in
            let (children, activation) = try interpreter.layerParts(a, decoder: false)
            return .module(TransformerEncoderLayer(typeName: "TransformerEncoderLayer", children: children, activation: activation, normFirst: try a.bool("norm_first"), interpreter: interpreter))
        }
        t["TransformerDecoderLayer"] = Self.builtin(Self.layerSignature("TransformerDecoderLayer")) { interpreter, a in
            let (children, activation) = try interpreter.layerParts(a, decoder: true)
            return .module(TransformerDecoderLayer(typeName: "TransformerDecoderLayer", children: children, activation: activation, normFirst: try a.bool("norm_first"), interpreter: interpreter))
        }
        t["TransformerEncoder"] = Self.builtin(Signature("TransformerEncoder", [("encoder_layer", nil), ("num_layers", nil), ("norm", Value.none),
                                                                               ("enable_nested_tensor", .bool(true)), ("mask_check", .bool(true))])) { interpreter, a in
            guard case .module(let layer as TransformerEncoderLayer) = a["encoder_layer"] else {
                throw LanguageFailure("TransformerEncoder(): encoder_layer must be an nn.TransformerEncoderLayer here, got \(a["encoder_layer"].typeName)", as: .typeError)
            }
            let norm: Module? = try a["norm"].isNone ? nil : a.module("norm")
            return .module(TransformerEncoder(layers: try interpreter.clones(layer, a), norm: norm, interpreter: interpreter))
        }
        t["TransformerDecoder"] = Self.builtin(Signature("TransformerDecoder", [("decoder_layer", nil), ("num_layers", nil), ("norm", Value.none)])) { interpreter, a in
            let layer = try a.module("decoder_layer")
            let norm: Module? = try a["norm"].isNone ? nil : a.module("norm")
            return .module(TransformerDecoder(layers: try interpreter.clones(layer, a), norm: norm, interpreter: interpreter))
        }
        t["Transformer"] = .object(transformerClass())
        return t
    }

    /// nn.Transformer: the class (called, it builds the model) with its static
    /// generate_square_subsequent_mask(sz).
    private func transformerClass() -> ClosureObject {
        let make = Self.builtin(Signature("Transformer", [
            ("d_model", .int(512)), ("nhead", .int(8)), ("num_encoder_layers", .int(6)), ("num_decoder_layers", .int(6)), ("dim_feedforward", .int(2048)),
            ("dropout", .float(0.1)), ("activation", .string("relu")), ("custom_encoder", Value.none), ("custom_decoder", Value.none),
            ("layer_norm_eps", .float(1e-5)), ("batch_first", .bool(false)), ("norm_first", .bool(false)), ("bias", .bool(true)),
            ("device", Value.none), ("dtype", Value.none)])) { interpreter, a in
            try Self.requireCPUArgument(a["device"])
            let layerOptions = Arguments([a["d_model"], a["nhead"], a["dim_feedforward"], a["dropout"], a["activation"], a["layer_norm_eps"],
                                          a["batch_first"], a["norm_first"], a["bias"]])
            // encoder, then decoder: each a layer, a LayerNorm, and the stack of the layer's copies
            func stack(_ kind: String, layers: String, custom: Value) throws -> Module {
                if case .module(let given) = custom { return given }
                let layer = try interpreter.callBack(try interpreter.nnMember("Transformer\(kind)Layer"), layerOptions)
                let norm = try interpreter.nnLayer("LayerNorm", [a["d_model"]], keywords: [("eps", a["layer_norm_eps"]), ("bias", a["bias"])])
                return try interpreter.nnLayer("Transformer\(kind)", [layer, a[layers], .module(norm)])
            }
            let encoder = try stack("Encoder", layers: "num_encoder_layers", custom: a["custom_encoder"])
            let decoder = try stack("Decoder", layers: "num_decoder_layers", custom: a["custom_decoder"])
            let model = TransformerModel(encoder: encoder, decoder: decoder, modelDim: try a.int("d_model"), heads: try a.int("nhead"),
                                         batchFirst: try a.bool("batch_first"), interpreter: interpreter)
            // _reset_parameters: Xavier uniform on every parameter of more than one dimension, in order
            let xavier = try interpreter.getAttribute(try interpreter.nnMember("init"), "xavier_uniform_")
            for (_, p) in model.namedParameters() where p.rank > 1 { _ = try interpreter.callBack(xavier, Arguments([.tensor(p)])) }
            return .module(model)
        }
        return Self.classObject("torch.nn.modules.transformer.Transformer", constructor: make,
                                members: ["generate_square_subsequent_mask": Self.squareSubsequentMask])
    }

    /// Transformer.generate_square_subsequent_mask(sz) → (sz, sz): 0 on and below the diagonal, −inf above
    static var squareSubsequentMask: Value { builtin(Signature("generate_square_subsequent_mask", [("sz", nil), ("device", Value.none), ("dtype", Value.none)])) { _, a in
        let n = try a.int("sz")
        guard n >= 0 else { throw LanguageFailure("generate_square_subsequent_mask(): sz must be 0 or more, got \(n)") }
        try MemoryBudget.check(shape: [n, n], what: "the mask")
        return .tensor(TensorOps.make([n, n]) { p in for i in 0..<n { for j in 0..<n { p[i * n + j] = j > i ? -.infinity : 0 } } })
    } }

    /// torch.nn
    private func nnNamespace() throws -> Value {
        guard let torch = builtinScope.lookup("torch") else { throw LanguageFailure("torch is not defined") }
        return try getAttribute(torch, "nn")
    }

    /// torch.nn.<name>
    func nnMember(_ name: String) throws -> Value { try getAttribute(try nnNamespace(), name) }
}
