import InceptionRuntime

/// torch.autograd.Function: an operation with a backward of your own, as PyTorch's tutorials
/// write one.
///   class Square(torch.autograd.Function):
///       @staticmethod
///       def forward(ctx, x): ctx.save_for_backward(x); return x * x
///       @staticmethod
///       def backward(ctx, g): x, = ctx.saved_tensors; return 2 * x * g
///   y = Square.apply(x)          # grad_fn=<SquareBackward>
/// forward runs with gradients off; backward gets ctx and the output's gradient and returns one
/// gradient (or None) per forward input, each checked against its input's shape.
extension Interpreter {
    /// What `torch.autograd.Function` is: a base class only.
    static var autogradFunctionBase: Value { .builtin(Builtin("Function") { _, _ in
        throw LanguageFailure("torch.autograd.Function is a base class: define a class that extends it",
                              fix: "class MyOp(torch.autograd.Function): with @staticmethod forward(ctx, …) and backward(ctx, grad)")
    }) }

    /// `MyOp.apply(…)`.
    func autogradFunctionApply(_ c: ClassValue) -> Value {
        .builtin(Builtin("apply") { [unowned self] _, arguments in try applyAutogradFunction(c, arguments) })
    }

    private func staticMethod(_ c: ClassValue, _ name: String) throws -> Value {
        guard let (decl, owner) = c.method(name) else {
            throw LanguageFailure("\(c.name) has no \(name): a torch.autograd.Function defines forward(ctx, …) and backward(ctx, grad)",
                                  fix: "add @staticmethod def \(name)(ctx, …) to class \(c.name)")
        }
        let defaults = try decl.parameters.map { p in try p.defaultValue.map { try evaluate($0, owner.closure) } }
        return .function(Function(decl: decl, closure: owner.closure, defaults: defaults))
    }

    /// `apply`'s arguments bound to forward's parameters in order, each default filled in (as
    /// PyTorch binds them before it calls setup_context).
    private func boundForwardArguments(_ c: ClassValue, _ arguments: Arguments) throws -> [Value] {
        guard let (decl, owner) = c.method("forward") else { return arguments.positional }
        let parameters = decl.parameters.filter { $0.kind == .normal }
        guard decl.parameters.allSatisfy({ $0.kind == .normal }), arguments.positional.count <= parameters.count else {
            guard arguments.keywords.isEmpty else {
                throw LanguageFailure("\(c.name).apply(): keyword arguments to a forward(*args) with setup_context are not supported here",
                                      fix: "pass forward's arguments by position")
            }
            return arguments.positional
        }
        var bound = arguments.positional
        for p in parameters.dropFirst(bound.count) {
            if let given = arguments.keywords.first(where: { $0.name == p.name }) { bound.append(given.value); continue }
            guard let d = p.defaultValue else { throw LanguageFailure("\(c.name).forward() missing required argument: '\(p.name)'", as: .typeError) }
            bound.append(try evaluate(d, owner.closure))
        }
        if let extra = arguments.keywords.first(where: { k in !parameters.contains { $0.name == k.name } }) {
            throw LanguageFailure("\(c.name).forward() got an unexpected keyword argument '\(extra.name)'", as: .typeError)
        }
        return bound
    }

    private func applyAutogradFunction(_ c: ClassValue, _ arguments: Arguments) throws -> Value {
        let forward = try staticMethod(c, "forward")
        // without a backward, forward alone works (PyTorch complains only when a backward reaches it)
        let backward = c.method("backward") == nil ? nil : try staticMethod(c, "backward")
        // PyTorch's newer form: forward(*inputs) without ctx, and setup_context(ctx, inputs, output)
        // fills ctx (inputs: forward's arguments bound, defaults included, as a tuple)
        let setupContext = c.method("setup_context") == nil ? nil : try staticMethod(c, "setup_context")
        let inputs = setupContext == nil ? arguments.positional : try boundForwardArguments(c, arguments)
        let recording = GradMode.isEnabled
        let needs = inputs.map { recording && $0.asTensor?.requiresGrad == true }
        let ctx = AutogradFunctionContext(needsInputGrad: needs)
        let result = try GradMode.with(enabled: false) {
            guard let setupContext else { return try callBack(forward, Arguments([.object(ctx.object)] + inputs, keywords: arguments.keywords)) }
            let output = try callBack(forward, Arguments(inputs))
            _ = try callBack(setupContext, Arguments([.object(ctx.object), .tuple(inputs), output]))
            return output
        }
        guard needs.contains(true) else { return result }
        guard case .tensor(var out) = result else {
            throw LanguageFailure("\(c.name).forward returned \(result.typeName); with inputs that require grad, one output tensor is supported here",
                                  fix: "return one tensor from forward")
        }
        if inputs.contains(where: { $0.asTensor === out }) { out = out.copy() }      // PyTorch returns a view of it
        let tensorInputs = inputs.compactMap(\.asTensor)
        let shapes = tensorInputs.map(\.shape), name = c.name + "Backward"
        let recorded = Autograd.record(out, c.name, inputs: tensorInputs) { [unowned self] gy in
            guard let backward else {
                throw LanguageFailure("You must implement either the backward or vjp method for your custom autograd.Function to use it with backward mode AD.", as: .notImplementedError)
            }
            let given = try GradMode.with(enabled: false) { try callBack(backward, Arguments([.object(ctx.object), .tensor(gy)])) }
            var grads: [Value] = [given]
            if case .tuple(let xs) = given { grads = xs }
            guard grads.count == inputs.count else {
                throw LanguageFailure("function \(name) returned an incorrect number of gradients (expected \(inputs.count), got \(grads.count))")
            }
            var out: [Tensor?] = []
            for (i, (input, g)) in zip(inputs, grads).enumerated() {
                guard input.asTensor != nil else {
                    guard g.isNone else {
                        throw LanguageFailure("function \(name) returned a gradient different than None at position \(i + 1), but the corresponding forward input was not a Variable")
                    }
                    continue
                }
                if g.isNone { out.append(nil); continue }
                guard case .tensor(let t) = g else {
                    throw LanguageFailure("function \(name) returned \(g.typeName) at position \(i + 1); a gradient is a tensor or None")
                }
                let expected = shapes[out.count]
                guard t.shape == expected else {
                    throw LanguageFailure("Function \(name) returned an invalid gradient at index \(i) - got \(t.shape) but expected shape compatible with \(expected)")
                }
                out.append(t)
            }
            return out
        }
        recorded.gradNode?.displayName = name
        return .tensor(recorded)
    }
}

/// The `ctx` a Function's forward and backward share: save_for_backward / saved_tensors,
/// needs_input_grad, and any attribute the forward sets (ctx.k = 3).
final class AutogradFunctionContext {
    let object: ClosureObject
    private var saved: [Value] = []
    private var attributes: [String: Value] = [:]

    init(needsInputGrad: [Bool]) {
        object = ClosureObject(typeName: "BackwardCFunction", memberNames: ["save_for_backward", "saved_tensors", "needs_input_grad"]) {
            "<torch.autograd.function.BackwardCFunction object>"
        }
        object.memberLookup = { [unowned self] name in
            if let v = attributes[name] { return v }
            switch name {
            case "save_for_backward":
                return .builtin(Builtin("save_for_backward") { [unowned self] _, a in
                    guard a.keywords.isEmpty, a.positional.allSatisfy({ $0.asTensor != nil || $0.isNone }) else {
                        throw LanguageFailure("save_for_backward can only save variables, but argument is of another type", as: .typeError)
                    }
                    saved = a.positional
                    return .none
                })
            case "saved_tensors": return .tuple(saved)
            case "needs_input_grad": return .tuple(needsInputGrad.map(Value.bool))
            case "mark_non_differentiable", "mark_dirty", "set_materialize_grads":
                return .builtin(Builtin(name) { _, _ in .none })
            default: return nil
            }
        }
        object.setMember = { [unowned self] name, value in
            guard !["save_for_backward", "saved_tensors", "needs_input_grad"].contains(name) else { return false }
            attributes[name] = value
            return true
        }
    }
}
