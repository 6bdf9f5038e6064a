import Foundation
import InceptionRuntime

/// nn.RNN, nn.LSTM and nn.GRU, and their one-step cells nn.RNNCell, nn.LSTMCell and nn.GRUCell:
/// PyTorch's parameters (weight_ih_l0, weight_hh_l0, bias_ih_l0, bias_hh_l0, then `_reverse` and
/// the next layer), its init (every parameter uniform in ±1/√hidden_size, in that order), repr and
/// shapes. Each step is composed of the operations a program would write, so gradients flow
/// through time as autograd records them:
///   RNN   h' = tanh(x W_ihᵀ + b_ih + h W_hhᵀ + b_hh)            (or relu)
///   LSTM  i, f, g, o = chunks of the same sum; c' = σ(f)·c + σ(i)·tanh(g), h' = σ(o)·tanh(c')
///   GRU   r = σ(x_r + h_r), z = σ(x_z + h_z), n = tanh(x_n + r·h_n), h' = (1 − z)·n + z·h
///         (x_· = x W_ihᵀ + b_ih, h_· = h W_hhᵀ + b_hh, each cut in three)
/// Called as layer(x) or layer(x, hx); a sequence layer returns (output, h_n) ((output, (h_n,
/// c_n)) for an LSTM), a cell h' ((h', c') for an LSTMCell).
final class RecurrentLayer: Module, ArgumentsHoldingModule, ModuleAttributes {
    enum Kind: Equatable { case rnnTanh, rnnRelu, lstm, gru }
    let kind: Kind, isCell: Bool
    let inputSize: Int, hiddenSize: Int, layers: Int, hasBias: Bool, batchFirst: Bool, dropout: Double, bidirectional: Bool
    static var signature: Signature { Signature("forward", [("input", nil), ("hx", Value.none)]) }
    static var input: String { "input" }
    var pending: [BoundArguments] = []
    weak var interpreter: Interpreter?

    var directions: Int { bidirectional ? 2 : 1 }
    var gates: Int { kind == .lstm ? 4 : kind == .gru ? 3 : 1 }

    init(kind: Kind, isCell: Bool, inputSize: Int, hiddenSize: Int, layers: Int, hasBias: Bool, batchFirst: Bool, dropout: Double,
         bidirectional: Bool, interpreter: Interpreter) throws {
        (self.kind, self.isCell, self.inputSize, self.hiddenSize, self.layers) = (kind, isCell, inputSize, hiddenSize, layers)
        (self.hasBias, self.batchFirst, self.dropout, self.bidirectional, self.interpreter) = (hasBias, batchFirst, dropout, bidirectional, interpreter)
        super.init(typeName: (kind == .lstm ? "LSTM" : kind == .gru ? "GRU" : "RNN") + (isCell ? "Cell" : ""))
        setTraining(true)
        let g = kind == .lstm ? 4 : kind == .gru ? 3 : 1
        let bound = 1 / Double(hiddenSize).squareRoot()
        for layer in 0..<(isCell ? 1 : layers) {
            for direction in 0..<(bidirectional ? 2 : 1) {
                let suffix = isCell ? "" : "_l\(layer)" + (direction == 1 ? "_reverse" : "")
                let input = layer == 0 ? inputSize : hiddenSize * (bidirectional ? 2 : 1)
                var shapes: [(String, [Int])] = [("weight_ih", [g * hiddenSize, input]), ("weight_hh", [g * hiddenSize, hiddenSize])]
                if hasBias { shapes += [("bias_ih", [g * hiddenSize]), ("bias_hh", [g * hiddenSize])] }
                for (name, shape) in shapes {
                    try MemoryBudget.check(shape: shape, what: "\(typeName)'s \(name)\(suffix)")
                    registerParameter(name + suffix, ParameterInit.uniform(shape, from: -bound, to: bound))
                }
            }
        }
    }

    override var arguments: String {
        var text = "\(inputSize), \(hiddenSize)"
        if !isCell, layers != 1 { text += ", num_layers=\(layers)" }
        if !hasBias { text += ", bias=False" }
        if kind == .rnnRelu, isCell { text += ", nonlinearity=relu" }       // (RNNBase leaves it out)
        if !isCell {
            if batchFirst { text += ", batch_first=True" }
            if dropout != 0 { text += ", dropout=\(Value.float(dropout).repr)" }
            if bidirectional { text += ", bidirectional=True" }
        }
        return text
    }

    /// What PyTorch keeps on the module: its options, `mode`, `all_weights` (each layer's and
    /// direction's parameters, in order) and `flatten_parameters()` (nothing to do on a CPU).
    func attribute(_ name: String) -> Value? {
        switch name {
        case "input_size": return .int(inputSize)
        case "hidden_size": return .int(hiddenSize)
        case "bias": return .bool(hasBias)
        case "nonlinearity" where kind == .rnnTanh || kind == .rnnRelu: return .string(kind == .rnnTanh ? "tanh" : "relu")
        case "num_layers" where !isCell: return .int(layers)
        case "batch_first" where !isCell: return .bool(batchFirst)
        case "dropout" where !isCell: return .float(dropout)
        case "bidirectional" where !isCell: return .bool(bidirectional)
        case "proj_size" where !isCell: return .int(0)
        case "mode" where !isCell: return .string(kind == .lstm ? "LSTM" : kind == .gru ? "GRU" : kind == .rnnTanh ? "RNN_TANH" : "RNN_RELU")
        case "all_weights" where !isCell:
            let perGroup = hasBias ? 4 : 2, tensors = parameters.map { Value.tensor($0.tensor) }
            return .list(ListStorage(stride(from: 0, to: tensors.count, by: perGroup).map { .list(ListStorage(Array(tensors[$0..<($0 + perGroup)]))) }))
        case "flatten_parameters" where !isCell: return .builtin(Builtin("flatten_parameters") { _, _ in .none })
        default: return nil
        }
    }

    /// torchinfo's count for a recurrent module: every weight and bias × the output's first two sizes.
    override func multAdds(input: [Int], output: [Int]) -> Int { parameterCount * output.prefix(2).reduce(1, *) }

    /// The parameter `name` (weight_ih_l0, …).
    func parameter(_ name: String) throws -> Tensor {
        guard let p = parameters.first(where: { $0.name == name })?.tensor else { throw LanguageFailure("\(typeName) has no parameter \(name)") }
        return p
    }

    // x: (L, N, H_in), (N, L, H_in) with batch_first, or (L, H_in) unbatched; a cell's (N, H_in) or (H_in)
    //   → output (L, N, D·H), with (h_n (D·layers, N, H) [, c_n]) kept as the call's full result
    override func forward(_ x: Tensor, _ context: ExecutionContext) throws -> Tensor {
        guard let interpreter else { throw LanguageFailure("\(typeName) outlived the program that made it") }
        let hx = pending.last?["hx"] ?? .none
        let (y, full): (Tensor, Value)
        if !isCell, let packed = pending.last?["input"], Self.isPackedSequence(packed) {
            (y, full) = try packedForward(packed, hx, interpreter)           // BuiltinsRecurrentPacked.swift
        } else {
            (y, full) = try isCell ? cellForward(x, hx, interpreter) : sequenceForward(x, hx, interpreter)
        }
        context.frame(of: self)?.returned = full
        return y
    }

    /// h0 (and c0) as given, checked against `shape`, or zeros.
    func initialState(_ hx: Value, shape: [Int], beside x: Tensor, _ i: Interpreter) throws -> (h: Composed, c: Composed?) {
        func checked(_ v: Value, _ what: String) throws -> Composed {
            guard case .tensor(let t) = v else { throw LanguageFailure("\(typeName): \(what) must be a tensor, got \(v.typeName)", as: .typeError) }
            guard t.shape == shape else {
                throw LanguageFailure("Expected hidden size \(Value.tuple(shape.map(Value.int)).repr), got \(Value.list(ListStorage(t.shape.map(Value.int))).repr)")
            }
            return i.composed(t)
        }
        let zeros = { () -> Composed in i.composed(x.isMeta ? Tensor(meta: shape) : Tensor(zeros: shape)) }
        if hx.isNone { return (zeros(), kind == .lstm ? zeros() : nil) }
        if kind == .lstm {
            guard let pair = hx.sequenceItems(), pair.count == 2, hx.typeName == "tuple" || hx.typeName == "list" else {
                throw LanguageFailure("\(typeName): hx must be a tuple (h_0, c_0), got \(hx.typeName)", as: .typeError)
            }
            return (try checked(pair[0], "h_0"), try checked(pair[1], "c_0"))
        }
        return (try checked(hx, "hx"), nil)
    }

    /// One step from x_proj = x W_ihᵀ + b_ih (N, G·H) and the state, with this direction's W_hh and b_hh.
    func step(_ projected: Composed, _ h: Composed, _ c: Composed?, weightHH: Tensor, biasHH: Tensor?, _ i: Interpreter)
        throws -> (h: Composed, c: Composed?) {
        var hidden = try h.call("matmul", try i.composed(weightHH).call("t"))
        if let biasHH { hidden = try hidden + biasHH }
        switch kind {
        case .rnnTanh, .rnnRelu:
            return (try (projected + hidden).call(kind == .rnnTanh ? "tanh" : "relu"), nil)
        case .lstm:
            guard let gates = try (projected + hidden).call("chunk", 4, 1).value.sequenceItems(), let c else { throw LanguageFailure("LSTM: no cell state") }
            let (inGate, forget, cell, out) = (try i.composed(gates[0]).call("sigmoid"), try i.composed(gates[1]).call("sigmoid"),
                                               try i.composed(gates[2]).call("tanh"), try i.composed(gates[3]).call("sigmoid"))
            let c2 = try (forget * c) + (try inGate * cell)
            return (try out * (try c2.call("tanh")), c2)
        case .gru:
            guard let xs = try projected.call("chunk", 3, 1).value.sequenceItems(), let hs = try hidden.call("chunk", 3, 1).value.sequenceItems() else {
                throw LanguageFailure("GRU: the gates did not split")
            }
            let reset = try (i.composed(xs[0]) + hs[0]).call("sigmoid"), update = try (i.composed(xs[1]) + hs[1]).call("sigmoid")
            let candidate = try (i.composed(xs[2]) + (try reset * hs[2])).call("tanh")
            return (try (try (1.0 - update) * candidate) + (try update * h), nil)
        }
    }

    /// x W_ihᵀ + b_ih over all of x's leading dims at once.
    func projection(_ x: Composed, _ suffix: String, _ i: Interpreter) throws -> Composed {
        var p = try x.call("matmul", try i.composed(try parameter("weight_ih" + suffix)).call("t"))
        if hasBias { p = try p + (try parameter("bias_ih" + suffix)) }
        return p
    }

    private func sequenceForward(_ given: Tensor, _ hx: Value, _ i: Interpreter) throws -> (Tensor, Value) {
        guard given.rank == 2 || given.rank == 3 else {
            throw LanguageFailure("\(typeName): Expected input to be 2D or 3D, got \(given.rank)D instead", as: .valueError)
        }
        guard given.shape.last == inputSize else {
            throw LanguageFailure("input.size(-1) must be equal to input_size. Expected \(inputSize), got \(given.shape.last!)")
        }
        let batched = given.rank == 3
        var x = i.composed(given)
        if !batched { x = try x.call("unsqueeze", 1) } else if batchFirst { x = try x.call("transpose", 0, 1) }
        let (steps, batch) = (try x.tensor.shape[0], try x.tensor.shape[1])
        let stateShape = [layers * directions, batch, hiddenSize]
        var hxBatched = hx
        if !batched, !hx.isNone {
            // unbatched: hx is (D·layers, H)
            func lifted(_ v: Value) throws -> Value {
                guard case .tensor(let t) = v, t.rank == 2 else { throw LanguageFailure("For unbatched 2-D input, hx should also be 2-D but got \(v.asTensor.map { "\($0.rank)-D" } ?? v.typeName) tensor") }
                return try i.composed(t).call("unsqueeze", 1).value
            }
            hxBatched = kind == .lstm ? .tuple(try (hx.sequenceItems() ?? []).map(lifted)) : try lifted(hx)
        }
        let (h0, c0) = try initialState(hxBatched, shape: stateShape, beside: given, i)
        var finalH: [Composed] = [], finalC: [Composed] = []
        for layer in 0..<layers {
            var outputs: [Composed] = []
            for direction in 0..<directions {
                let suffix = "_l\(layer)" + (direction == 1 ? "_reverse" : "")
                let index = layer * directions + direction
                let projected = try projection(x, suffix, i)                       // (L, N, G·H)
                var h = try h0.call("select", 0, index), c = try c0?.call("select", 0, index)
                var states = [Composed?](repeating: nil, count: steps)
                for t in direction == 0 ? Array(0..<steps) : Array((0..<steps).reversed()) {
                    (h, c) = try step(try projected.call("select", 0, t), h, c, weightHH: try parameter("weight_hh" + suffix),
                                      biasHH: hasBias ? try parameter("bias_hh" + suffix) : nil, i)
                    states[t] = h
                }
                outputs.append(steps == 0 ? i.composed(Tensor(zeros: [0, batch, hiddenSize])) :
                               try i.torchFunction("stack", Value.list(ListStorage(states.map { $0!.value })), 0))
                finalH.append(h)
                if let c { finalC.append(c) }
            }
            x = directions == 1 ? outputs[0] : try i.torchFunction("cat", Value.list(ListStorage(outputs.map(\.value))), 2)
            if dropout > 0, training, layer < layers - 1 {
                // between layers, as F.dropout draws it
                guard let torch = i.builtinScope.lookup("torch") else { throw LanguageFailure("torch is not defined") }
                let f = try i.getAttribute(try i.getAttribute(try i.getAttribute(torch, "nn"), "functional"), "dropout")
                x = i.composed(try i.callBack(f, Arguments([x.value], keywords: [("p", .float(dropout)), ("training", .bool(true))])))
            }
        }
        var output = x
        var hn = try i.torchFunction("stack", Value.list(ListStorage(finalH.map(\.value))), 0)
        var cn = kind == .lstm ? try i.torchFunction("stack", Value.list(ListStorage(finalC.map(\.value))), 0) : nil
        if !batched {
            output = try output.call("squeeze", 1)
            hn = try hn.call("squeeze", 1)
            cn = try cn?.call("squeeze", 1)
        } else if batchFirst {
            output = try output.call("transpose", 0, 1)
        }
        if batched { try Self.nameOutputNode(output, kind: kind, directions: directions, batchFirst: batchFirst) }
        let state: Value = cn.map { .tuple([hn.value, $0.value]) } ?? hn.value
        return (try output.tensor, .tuple([output.value, state]))
    }

    /// The output's grad_fn as PyTorch's CPU build names it: a one-way LSTM's last layer is
    /// oneDNN's (`MkldnnRnnLayerBackward0`), and GRU and RNN turn a batch_first output back with
    /// an in-place `transpose_` (`TransposeBackward1`).
    private static func nameOutputNode(_ output: Composed, kind: Kind, directions: Int, batchFirst: Bool) throws {
        let node = try output.tensor.gradNode
        if batchFirst {
            if kind != .lstm { node?.displayName = "TransposeBackward1" }
        } else if kind == .lstm, directions == 1 {
            node?.displayName = "MkldnnRnnLayerBackward0"
        }
    }

    private func cellForward(_ given: Tensor, _ hx: Value, _ i: Interpreter) throws -> (Tensor, Value) {
        guard given.rank == 1 || given.rank == 2 else {
            throw LanguageFailure("\(typeName): Expected input to be 1D or 2D, got \(given.rank)D instead", as: .valueError)
        }
        guard given.shape.last == inputSize else {
            throw LanguageFailure("input has inconsistent input_size: got \(given.shape.last!) expected \(inputSize)")
        }
        let batched = given.rank == 2
        let x = batched ? i.composed(given) : try i.composed(given).call("unsqueeze", 0)
        var hxBatched = hx
        if !batched, !hx.isNone {
            func lifted(_ v: Value) throws -> Value { try i.composed(v).call("unsqueeze", 0).value }
            hxBatched = kind == .lstm ? .tuple(try (hx.sequenceItems() ?? []).map(lifted)) : try lifted(hx)
        }
        let (h0, c0) = try initialState(hxBatched, shape: [try x.tensor.shape[0], hiddenSize], beside: given, i)
        var (h, c) = try step(try projection(x, "", i), h0, c0, weightHH: try parameter("weight_hh"), biasHH: hasBias ? try parameter("bias_hh") : nil, i)
        if !batched { h = try h.call("squeeze", 0); c = try c?.call("squeeze", 0) }
        return (try h.tensor, c.map { .tuple([h.value, $0.value]) } ?? h.value)
    }
}

extension Interpreter {
    /// nn.RNN, LSTM, GRU and their cells.
    func recurrentLayerBuiltins() -> [String: Value] {
        var t: [String: Value] = [:]
        for (name, kind) in [("RNN", RecurrentLayer.Kind.rnnTanh), ("LSTM", .lstm), ("GRU", .gru)] {
            var parameters: [(String, Value?)] = [("input_size", nil), ("hidden_size", nil), ("num_layers", .int(1))]
            if kind == .rnnTanh { parameters.append(("nonlinearity", .string("tanh"))) }
            parameters += [("bias", .bool(true)), ("batch_first", .bool(false)), ("dropout", .float(0)), ("bidirectional", .bool(false))]
            if kind == .lstm { parameters.append(("proj_size", .int(0))) }
            parameters += [("device", Value.none), ("dtype", Value.none)]
            t[name] = Self.builtin(Signature(name, parameters)) { interpreter, a in
                try Self.requireCPUArgument(a["device"])
                if kind == .lstm, try a.int("proj_size") != 0 { throw LanguageFailure("LSTM(proj_size=…) is not supported here", fix: "leave proj_size out (0)") }
                let layers = try a.int("num_layers"), dropout = try a.double("dropout")
                guard layers >= 1 else { throw LanguageFailure("num_layers must be greater than or equal to 1", as: .valueError) }
                guard (0...1).contains(dropout) else {
                    throw LanguageFailure("dropout should be a number in range [0, 1] representing the probability of an element being zeroed", as: .valueError)
                }
                return .module(try interpreter.recurrentLayer(name, kind == .rnnTanh ? try Self.nonlinearity(a) : kind, isCell: false, a,
                                                              layers: layers, dropout: dropout))
            }
            var cellParameters: [(String, Value?)] = [("input_size", nil), ("hidden_size", nil), ("bias", .bool(true))]
            if kind == .rnnTanh { cellParameters.append(("nonlinearity", .string("tanh"))) }
            cellParameters += [("device", Value.none), ("dtype", Value.none)]
            t[name + "Cell"] = Self.builtin(Signature(name + "Cell", cellParameters)) { interpreter, a in
                try Self.requireCPUArgument(a["device"])
                return .module(try interpreter.recurrentLayer(name + "Cell", kind == .rnnTanh ? try Self.nonlinearity(a) : kind, isCell: true, a,
                                                              layers: 1, dropout: 0))
            }
        }
        return t
    }

    private static func nonlinearity(_ a: BoundArguments) throws -> RecurrentLayer.Kind {
        switch try a.string("nonlinearity") {
        case "tanh": return .rnnTanh
        case "relu": return .rnnRelu
        case let other: throw LanguageFailure("Unknown nonlinearity '\(other)'. Select from 'tanh' or 'relu'.", as: .valueError)
        }
    }

    private func recurrentLayer(_ name: String, _ kind: RecurrentLayer.Kind, isCell: Bool, _ a: BoundArguments, layers: Int, dropout: Double) throws -> Module {
        let (inputSize, hiddenSize) = (try a.int("input_size"), try a.int("hidden_size"))
        guard hiddenSize > 0 else { throw LanguageFailure("hidden_size must be greater than zero", as: .valueError) }
        guard inputSize >= 0 else { throw LanguageFailure("\(name): input_size must be zero or more, got \(inputSize)", as: .valueError) }
        let bidirectional = isCell ? false : try a.bool("bidirectional"), batchFirst = isCell ? false : try a.bool("batch_first")
        return try RecurrentLayer(kind: kind, isCell: isCell, inputSize: inputSize, hiddenSize: hiddenSize, layers: layers, hasBias: try a.bool("bias"),
                                  batchFirst: batchFirst, dropout: dropout, bidirectional: bidirectional, interpreter: self)
    }
}
