import InceptionRuntime

/// Hooks, PyTorch's way of looking inside a running network: `t.register_hook(fn)` and
/// `t.retain_grad()` on a tensor's gradient; `m.register_forward_pre_hook(fn)`,
/// `m.register_forward_hook(fn)` and `m.register_full_backward_hook(fn)` on a module's calls.
/// Each registration hands back a `RemovableHandle` whose `remove()` takes the hook off. The
/// runtime runs them (`Autograd.registerHook`, `ModuleHooks`); here the learner's functions are
/// wrapped and their results checked.
extension Interpreter {
    static let hookTensorMemberNames = ["register_hook", "retain_grad", "retains_grad"]
    static let hookModuleMemberNames = ["register_forward_hook", "register_forward_pre_hook", "register_full_backward_hook"]

    /// Tensor members about gradient hooks; nil for other names.
    func hookTensorMember(_ x: Tensor, _ name: String) throws -> Value? {
        switch name {
        case "register_hook":
            return Self.builtin(Signature("register_hook", [("hook", nil)])) { interpreter, a in
                guard x.requiresGrad else {
                    throw LanguageFailure("cannot register a hook on a tensor that doesn't require gradient",
                                          fix: "register it on a tensor with requires_grad=True, or on one computed from such a tensor")
                }
                let hook = a["hook"]
                let id = Autograd.registerHook(on: x) { g in
                    let result = try Self.hookResult(try interpreter.callHook(hook, Arguments([.tensor(g)])), "register_hook", expected: "a tensor or None")
                    if let result, result.shape != g.shape {
                        let name = (try? interpreter.getAttribute(hook, "__name__"))?.text ?? hook.typeName
                        throw LanguageFailure("hook '\(name)' has changed the size of value")
                    }
                    return result
                }
                return Self.removableHandle(id) { Autograd.removeHook(id, from: x) }
            }
        case "retain_grad":
            return Self.builtin(Signature("retain_grad")) { _, _ in
                guard x.requiresGrad else { throw LanguageFailure("can't retain_grad on Tensor that has requires_grad=False") }
                Autograd.retainGrad(x)
                return .none
            }
        case "retains_grad": return .bool(Autograd.retainsGrad(x))
        default: return nil
        }
    }

    /// Module members that register hooks; nil for other names.
    func hookModuleMember(_ m: Module, _ name: String) throws -> Value? {
        let options: [(String, Value?)] = [("hook", nil), ("prepend", .bool(false))]
        switch name {
        case "register_forward_pre_hook":
            // hook(module, inputs) → None, a tensor or a tuple of the inputs: what forward gets
            return Self.builtin(Signature(name, options + [("with_kwargs", .bool(false))])) { interpreter, a in
                try Self.refuseKeywordHooks(a)
                let (hook, id) = (a["hook"], Autograd.nextHookID())
                let entry: (id: Int, body: (Module, Tensor) throws -> Tensor?) = (id, { module, x in
                    let call = interpreter.pendingCall(of: module)
                    let inputs = [interpreter.hookInput(module, x)] + (call?.rest.positional ?? [])
                    let result = try interpreter.callHook(hook, Arguments([.module(module), .tuple(inputs)]))
                    if let call, case .tuple(let items) = result, items.count == inputs.count, items.count > 1 {
                        call.rest.positional = Array(items.dropFirst())       // the other inputs as the hook gave them
                        return try Self.hookResult(.tuple([items[0]]), name, expected: "None, a tensor or a tuple of the inputs")
                    }
                    return try Self.hookResult(result, name, expected: "None, a tensor or a tuple of the inputs")
                })
                Self.place(entry, in: &m.hooks.forwardPre, first: try a.bool("prepend"))
                return Self.removableHandle(id) { m.hooks.remove(id) }
            }
        case "register_forward_hook":
            // hook(module, input, output) → None or a tensor: the output the caller gets
            return Self.builtin(Signature(name, options + [("with_kwargs", .bool(false)), ("always_call", .bool(false))])) { interpreter, a in
                try Self.refuseKeywordHooks(a)
                let (hook, id) = (a["hook"], Autograd.nextHookID())
                let entry: (id: Int, body: (Module, Tensor, Tensor) throws -> Tensor?) = (id, { module, x, y in
                    let inputs = [interpreter.hookInput(module, x)] + (interpreter.pendingCall(of: module)?.rest.positional ?? [])
                    // the output as the forward returned it: a tuple, list or dict whole, not only the tensor the runtime passes on
                    let frame = interpreter.currentContext.frame(of: module), whole = frame?.returned as? Value
                    let result = try interpreter.callHook(hook, Arguments([.module(module), .tuple(inputs), whole ?? .tensor(y)]))
                    if let frame, whole != nil, !result.isNone, result.asTensor == nil {
                        // a new whole output: the caller gets it
                        frame.returned = result
                        var items = result.sequenceItems() ?? []
                        if case .dict(let d) = result { items = d.entries.map(\.value) }
                        return items.last(where: { $0.asTensor != nil })?.asTensor ?? y
                    }
                    return try Self.hookResult(result, name, expected: "None or a tensor")
                })
                Self.place(entry, in: &m.hooks.forward, first: try a.bool("prepend"))
                return Self.removableHandle(id) { m.hooks.remove(id) }
            }
        case "register_full_backward_hook":
            // hook(module, grad_input, grad_output) → None or a tuple: the gradient the input gets
            return Self.builtin(Signature(name, options)) { interpreter, a in
                let (hook, id) = (a["hook"], Autograd.nextHookID())
                let entry: (id: Int, body: (Module, Tensor?, Tensor) throws -> Tensor?) = (id, { module, gx, gy in
                    let result = try interpreter.callHook(hook, Arguments([.module(module), .tuple([gx.map { .tensor($0) } ?? .none]),
                                                                           .tuple([.tensor(gy)])]))
                    return try Self.hookResult(result, name, expected: "None or a tuple of gradients (one per input)")
                })
                Self.place(entry, in: &m.hooks.backward, first: try a.bool("prepend"))
                return Self.removableHandle(id) { m.hooks.remove(id) }
            }
        case "register_backward_hook":
            throw LanguageFailure("register_backward_hook is deprecated in PyTorch and not supported here",
                                  fix: "use register_full_backward_hook(hook), called as hook(module, grad_input, grad_output)")
        default: return nil
        }
    }

    /// The language's call of this block that runs now with more inputs than one tensor, if any.
    func pendingCall(of module: Module) -> PendingForwardCall? { instance(of: module)?.pendingCalls.last }

    /// The input a hook sees: the tensor the runtime runs, or the PackedSequence an nn.RNN/LSTM/GRU was given.
    func hookInput(_ module: Module, _ x: Tensor) -> Value {
        if let layer = module as? RecurrentLayer, !layer.isCell, let given = layer.pending.last?["input"], RecurrentLayer.isPackedSequence(given) { return given }
        return .tensor(x)
    }

    /// Calls a learner's hook from inside a run: errors placed at the innermost call or module
    /// call of the program (the forward or backward that ran it).
    func callHook(_ hook: Value, _ arguments: Arguments) throws -> Value {
        let site = frames.last { frame in
            if case .moduleCall = frame.kind { return true }
            return frame.isCall
        }?.site
        return try call(hook, arguments, at: site ?? SourceLocation(file: "<builtin>", line: 0, column: 0))
    }

    private static func refuseKeywordHooks(_ a: BoundArguments) throws {
        if try a.bool("with_kwargs") {
            throw LanguageFailure("\(a.function)(with_kwargs=True) is not supported here: hooks are given the positional inputs only")
        }
    }

    /// A hook added last, or first (`prepend=True`).
    private static func place<Hook>(_ hook: Hook, in hooks: inout [Hook], first: Bool) {
        if first { hooks.insert(hook, at: 0) } else { hooks.append(hook) }
    }

    /// A hook's return value: nil for None, the tensor for a tensor or a tuple whose first item is one.
    private static func hookResult(_ value: Value, _ name: String, expected: String) throws -> Tensor? {
        switch value {
        case .none: return nil
        case .tensor(let t): return t
        case .tuple(let items) where items.count == 1:
            if case .tensor(let t) = items[0] { return t }
            if items[0].isNone { return nil }
        default: break
        }
        throw LanguageFailure("a hook given to \(name) returned \(value.typeName) \(value.repr)", fix: "return \(expected)")
    }

    /// PyTorch's `torch.utils.hooks.RemovableHandle`: `remove()` takes the hook off (again: nothing).
    private static func removableHandle(_ id: Int, remove: @escaping () -> Void) -> Value {
        let handle = ClosureObject(typeName: "RemovableHandle", memberNames: ["remove", "id"]) {
            "<torch.utils.hooks.RemovableHandle object at 0x\(String(0x7f00_0000 + id * 16, radix: 16))>"
        }
        handle.memberLookup = { name in
            switch name {
            case "remove": return .builtin(Builtin("remove") { _, _ in remove(); return .none })
            case "id": return .int(id)
            default: return nil
            }
        }
        return .object(handle)
    }
}
