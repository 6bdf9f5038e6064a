import InceptionRuntime

/// torch.utils.checkpoint: activation checkpointing saves memory by running a segment's forward
/// again during backward; the numbers are those of a plain run, so here the segment runs once,
/// recorded as usual. What a program can see is kept: with the reentrant variant (PyTorch 2.15's
/// default, `use_reentrant=True` or not given) a call none of whose tensor arguments requires
/// grad records nothing (its layers' parameters get no gradient), and its outputs show
/// `CheckpointFunctionBackward`; with `use_reentrant=False` the outputs keep their own grad_fn.
extension Interpreter {
    func checkpointNamespace() -> Namespace {
        Namespace("torch.utils.checkpoint", [
            "checkpoint": .builtin(Builtin("checkpoint") { interpreter, a in
                guard let function = a.positional.first else {
                    throw LanguageFailure("checkpoint() missing 1 required positional argument: 'function'", as: .typeError)
                }
                let (reentrant, keywords) = try Self.checkpointOptions(a.keywords)
                let inputs = Array(a.positional.dropFirst())
                return try interpreter.checkpointed(reentrant: reentrant, inputs: inputs) {
                    try interpreter.callBack(function, Arguments(inputs, keywords: keywords))
                }
            }),
            "checkpoint_sequential": Self.builtin(Signature("checkpoint_sequential", [("functions", nil), ("segments", nil), ("input", nil), ("use_reentrant", Value.none)])) { interpreter, a in
                let reentrant = try a["use_reentrant"].isNone || a.bool("use_reentrant")
                let functions: [Value]
                if case .module(let m) = a["functions"] { functions = m.children.map { .module($0.module) } }
                else if let items = a["functions"].sequenceItems() { functions = items }
                else { throw LanguageFailure("checkpoint_sequential(): functions must be an nn.Sequential or a list of modules, got \(a["functions"].typeName)", as: .typeError) }
                let segments = try a.int("segments")
                guard segments > 0 else { throw LanguageFailure("checkpoint_sequential(): segments must be positive, got \(segments)", as: .valueError) }
                // PyTorch's split: segments - 1 checkpointed runs of len // segments, the rest run plainly
                let size = functions.count / segments
                var x = a["input"], end = -1
                func run(_ range: Range<Int>, _ input: Value) throws -> Value {
                    var y = input
                    for i in range { y = try interpreter.callBack(functions[i], Arguments([y])) }
                    return y
                }
                for start in stride(from: 0, to: size * (segments - 1), by: size) {
                    end = start + size - 1
                    let input = x
                    x = try interpreter.checkpointed(reentrant: reentrant, inputs: [input]) { try run(start..<(end + 1), input) }
                }
                return try run((end + 1)..<functions.count, x)
            },
        ])
    }

    /// use_reentrant (True when not given, as PyTorch 2.15's default) and the keywords left for the function.
    static func checkpointOptions(_ keywords: [(name: String, value: Value)]) throws -> (Bool, [(name: String, value: Value)]) {
        var reentrant = true, rest: [(name: String, value: Value)] = []
        for (name, value) in keywords {
            switch name {
            case "use_reentrant":
                if !value.isNone {
                    guard case .bool(let b) = value else { throw LanguageFailure("checkpoint(): use_reentrant must be True or False, got \(value.repr)", as: .typeError) }
                    reentrant = b
                }
            case "preserve_rng_state", "determinism_check", "debug", "context_fn": continue
            default: rest.append((name, value))
            }
        }
        return (reentrant, rest)
    }

    /// Runs `body` as checkpoint runs it (see checkpointNamespace).
    func checkpointed(reentrant: Bool, inputs: [Value], _ body: () throws -> Value) throws -> Value {
        guard reentrant else { return try body() }
        let tracked = GradMode.isEnabled && Self.tensors(in: Arguments(inputs)).contains(where: \.requiresGrad)
        guard tracked else { return try GradMode.with(enabled: false, body) }
        func wrapped(_ v: Value) -> Value {
            guard case .tensor(let t) = v, t.requiresGrad else { return v }
            let out = t.copy()
            TensorKinds.shared.setDType(out, TensorOps.dtype(t))
            Autograd.record(out, "checkpoint_function", inputs: [t]) { gy in [gy] }
            out.gradNode?.displayName = "CheckpointFunctionBackward"
            return .tensor(out)
        }
        let result = try body()
        if case .tuple(let items) = result { return .tuple(items.map(wrapped)) }
        return wrapped(result)
    }
}
