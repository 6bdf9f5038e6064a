import InceptionRuntime

/// A module called with more than its input tensor (`rnn(x, hx)`, `mha(q, k, v, attn_mask=…)`):
/// the call's arguments wait on the module (`pending`, innermost call last) while the runtime
/// runs the call with the input alone, traced and hooked; a forward that hands back a tuple
/// leaves it in its frame.
protocol ArgumentsHoldingModule: Module {
    /// The forward's parameters, as PyTorch names them.
    static var signature: Signature { get }
    /// The parameter the runtime runs the call with.
    static var input: String { get }
    var pending: [BoundArguments] { get set }
}

extension Interpreter {
    func callHolding<M: ArgumentsHoldingModule>(_ module: M, _ arguments: Arguments, at location: SourceLocation) throws -> Value {
        let a = try M.signature.bind(arguments)
        // a PackedSequence given to nn.RNN/LSTM/GRU runs as its data; forward finds the rest in `pending`
        if let cell = module as? RecurrentLayer, cell.isCell, RecurrentLayer.isPackedSequence(a[M.input]) {
            throw LanguageFailure("'PackedSequence' object has no attribute 'dim'", fix: "a cell takes one step (N, H_in); give packed sequences to nn.\(cell.typeName.dropLast(4))",
                                  as: .attributeError)
        }
        let x = (module as? RecurrentLayer)?.isCell == false && RecurrentLayer.isPackedSequence(a[M.input])
            ? try Interpreter.packedSequence(a[M.input]).data : try a.tensor(M.input)
        module.pending.append(a)
        defer { module.pending.removeLast() }
        let y = try within(CallFrame(kind: .moduleCall, site: location)) { try module(x, currentContext) }
        return lastTupleResult(of: module) ?? .tensor(y)
    }
}

/// A builtin layer's options and state as PyTorch keeps them on the module (`lstm.hidden_size`,
/// `mha.embed_dim`, `transformer.d_model`): read by attribute, nil when it has no such name.
protocol ModuleAttributes: Module {
    func attribute(_ name: String) -> Value?
}
