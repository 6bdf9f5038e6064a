import InceptionRuntime

/// Expressions: each kind of node evaluated to a Value. A failure inside an expression is
/// reported at that expression's location (the innermost one that failed).
extension Interpreter {
    /// An f-string's text: each field's value by its spec (a spec with fields made first).
    @inline(never)
    func formattedText(_ parts: [FormattedPart], _ env: Environment) throws -> String {
        var text = ""
        for part in parts {
            switch part {
            case .text(let t): text += t
            case .value(let inner, let spec):
                let v = try evaluate(inner, env)
                text += try located(inner.location) { try formatted(v, spec) }
            case .valueWithFields(let inner, let specParts):
                let v = try evaluate(inner, env)
                let spec = try formattedText(specParts, env)
                text += try located(inner.location) { try formatted(v, spec) }
            }
        }
        return text
    }

    func evaluate(_ e: Expr, _ env: Environment) throws -> Value {
        guard StackGuard.hasRoom() else { throw tooDeep(at: e.location) }
        switch e.kind {
        case .none: return .none
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .float(let f): return .float(f)
        case .string(let s): return .string(s)
        case .formatted(let parts):
            return .string(try formattedText(parts, env))
        case .name(let name):
            return try lookup(name, env, at: e.location)
        case .tuple(let items):
            return .tuple(try spread(items, env))
        case .list(let items):
            return .list(ListStorage(try spread(items, env)))
        case .dict(let pairs):
            return try dictDisplay(pairs, env)
        case .set(let items):
            return try setDisplay(items, env, at: e.location)
        case .namedExpr(let name, let valueExpr):
            let value = try evaluate(valueExpr, env)
            env.define(name, value)
            return value
        case .attribute(let objectExpr, let name):
            let object = try evaluate(objectExpr, env)
            return try located(e.location) {
                do { return try getAttribute(object, name) } catch var failure as LanguageFailure {
                    // nn.Sequential after `nn = None`: say which assignment hid the module
                    if failure.fix == nil, case .name(let variable) = objectExpr.kind { failure.fix = Hints.shadowedLibrary(variable, object) }
                    throw failure
                }
            }
        case .index(let objectExpr, let indexExpr):
            let object = try evaluate(objectExpr, env)
            let index = try evaluate(indexExpr, env)
            return try located(e.location) { try getItem(object, index) }
        case .slice(let a, let b, let c):
            // Only the parser's subscripts make these: x[1:3], x[:, 0].
            let bounds = try [a, b, c].map { try $0.map { try evaluate($0, env) } }
            return try located(e.location) { .object(try SliceObject(bounds[0], bounds[1], bounds[2])) }
        case .call(let calleeExpr, let argumentExprs):
            if case .name("super") = calleeExpr.kind, argumentExprs.isEmpty, let proxy = superObject(in: env, at: e.location) { return proxy }
            let callee = try evaluate(calleeExpr, env)
            let arguments = try callArguments(argumentExprs, env)
            return try located(e.location) {
                do { return try Self.refusingSavedInferenceTensors { try call(callee, arguments, at: e.location) } } catch var error as ModuleError {
                    // A layer of a Sequential the program named: "features.1: Linear expects …".
                    if case .name(let name) = calleeExpr.kind, let root = callee.asModule as? Sequential, root.path.isEmpty,
                       !error.path.isEmpty {
                        error.path = "\(name).\(error.path)"
                    }
                    throw error
                }
            }
        case .unary(let op, let operandExpr):
            let v = try evaluate(operandExpr, env)
            return try located(e.location) { try unary(op, v) }
        case .binary(let op, let leftExpr, let rightExpr):
            let left = try evaluate(leftExpr, env)
            let right = try evaluate(rightExpr, env)
            return try located(e.location) { try Self.refusingSavedInferenceTensors { try IntegerRange.checked(try binary(op, left, right)) } }
        case .bitwise(let op, let leftExpr, let rightExpr):
            return try evaluateBitwise(op, leftExpr, rightExpr, at: e.location, env)
        case .compare(let firstExpr, let rest):
            var left = try evaluate(firstExpr, env)
            if rest.count == 1 {
                let right = try evaluate(rest[0].1, env)
                if let v = try located(e.location, { try tensorComparison(rest[0].0, left, right) }) { return v }
                return .bool(try located(e.location) { try compare(rest[0].0, left, right) })
            }
            for (op, rightExpr) in rest {
                let right = try evaluate(rightExpr, env)
                if let v = try located(e.location, { try tensorComparison(op, left, right) }) {
                    // a < t < b is (a < t) and (t < b): each part must be one value.
                    guard try located(e.location, { try v.isTruthy() }) else { return v }
                    left = right
                    continue
                }
                guard try located(e.location, { try compare(op, left, right) }) else { return .bool(false) }
                left = right
            }
            return .bool(true)
        case .and(let a, let b):
            let left = try evaluate(a, env)
            return try located(a.location) { try truthValue(left) } ? try evaluate(b, env) : left
        case .or(let a, let b):
            let left = try evaluate(a, env)
            return try located(a.location) { try truthValue(left) } ? left : try evaluate(b, env)
        case .not(let a):
            let v = try evaluate(a, env)
            return .bool(!(try located(a.location) { try truthValue(v) }))
        case .conditional(let condition, let then, let otherwise):
            return try truthy(condition, env) ? try evaluate(then, env) : try evaluate(otherwise, env)
        case .comprehension(let kind, let element, let value, let clauses):
            return try comprehension(kind, element, value, clauses, env)
        case .lambda(let decl):
            let defaults = try decl.parameters.map { p in try p.defaultValue.map { try evaluate($0, env) } }
            return .function(Function(decl: decl, closure: env, defaults: defaults))
        case .starred:
            throw RuntimeError(Diagnostic(.runtime, e.location, "'*' can only spread a sequence inside a call or a list", callers: callers()))
        }
    }

    /// Items of a tuple or list display, with `*xs` spread in place.
    func spread(_ items: [Expr], _ env: Environment) throws -> [Value] {
        var out: [Value] = []
        for item in items {
            if case .starred(let inner) = item.kind {
                let v = try evaluate(inner, env)
                guard let xs = v.sequenceItems() else {
                    throw runtimeError(LanguageFailure("'*' needs a list or tuple, got \(v.typeName)"), at: item.location)
                }
                out += xs
            } else {
                out.append(try evaluate(item, env))
            }
        }
        return out
    }

    /// Python's builtins the language does not have, each with what to write instead.
    static let absentPythonBuiltins: [String: String] = [
        "dir": "test one attribute with hasattr(obj, 'name'), or list an object's own with vars(obj)",
        "delattr": "set the attribute to None instead", "input": "give the values in the program (or as sys.argv arguments)",
        "help": "read PyTorch's documentation", "exec": "write the statements in the program", "compile": "write the statements in the program",
        "globals": "name the variables directly", "locals": "name the variables directly", "breakpoint": "print the values you want to see",
        "bytes": "use a str", "bytearray": "use a list of ints", "memoryview": "use a list", "complex": "keep to real numbers",
        "aiter": "use a for loop (async code is not supported here)", "anext": "use next() (async code is not supported here)",
        "copyright": "", "credits": "", "license": "",
    ].mapValues { $0.isEmpty ? "remove it" : $0 }

    func lookup(_ name: String, _ env: Environment, at location: SourceLocation) throws -> Value {
        if let v = env.lookup(name) { return v }
        if let own = env.unboundLocal(name) {
            let message = own ? "cannot access local variable '\(name)' where it is not associated with a value"
                              : "cannot access free variable '\(name)' where it is not associated with a value in enclosing scope"
            throw RuntimeError(Diagnostic(.runtime, location, message,
                                          fix: "the function assigns '\(name)', so it is local to the whole function: assign it before reading it, or declare it 'global \(name)'",
                                          callers: callers()), as: own ? .unboundLocalError : .nameError)
        }
        if let fix = Self.absentPythonBuiltins[name] {
            // Python has it, so a NameError would mislead: refused by name
            let message = "Python's builtin \(name)() is not supported here"
            throw RuntimeError(Diagnostic(.runtime, location, message, fix: fix, callers: callers()), underlying: LanguageFailure.refusal(message, fix: fix))
        }
        var fix: String?
        if let instance = currentInstance, instance.constructorNames.contains(name) {
            fix = "'\(name)' belongs to the class body of \(instance.cls.name); keep it with self.\(name) = \(name) there and read self.\(name) in forward"
        } else if let block = currentInstance?.block, block.child(name) != nil {
            fix = "'\(name)' is a layer of this block: write self.\(name)"
        } else if let suggestion = closestName(to: name, among: env.visibleNames) {
            fix = "did you mean '\(suggestion)'?"
        }
        throw RuntimeError(Diagnostic(.runtime, location, "name '\(name)' is not defined", fix: fix, callers: callers()), as: .nameError)
    }

    // MARK: calls

    /// Calls a language value from inside a builtin (a sort key, a wrapped function, a
    /// schedule's lambda), errors placed at the builtin's call in the program.
    func callBack(_ callee: Value, _ arguments: Arguments) throws -> Value {
        try call(callee, arguments, at: innermostCallSite ?? SourceLocation(file: "<builtin>", line: 0, column: 0))
    }

    func call(_ callee: Value, _ arguments: Arguments, at location: SourceLocation) throws -> Value {
        switch callee {
        case .builtin(let b):
            let result = Self.guardGradient(try IntegerRange.checked(try b.body(self, arguments)), inputs: Self.tensors(in: arguments), name: b.name)
            if case .module(let m) = result { noteRecipe(of: m, b, arguments) }
            return result
        case .function(let f): return try callFunction(f, arguments, at: location)
        case .classValue(let c): return try instantiate(c, arguments, at: location)
        case .module(let m): return try callModule(m, arguments, at: location)
        case .object(let o as ClosureObject) where o.call != nil: return try o.call!(self, arguments)
        case .object(let context as ContextManager) where arguments.positional.count == 1 && arguments.keywords.isEmpty:
            // @torch.no_grad() over a def: the function, run inside the context each call
            return Self.runningInside({ .object(context) }, arguments.positional[0])
        case .object(let manager as LibraryContextManager) where manager.recreate != nil && arguments.positional.count == 1 && arguments.keywords.isEmpty:
            // @contextmanager's function called over a def: a fresh manager each call
            return Self.runningInside({ .object(try manager.recreate?() ?? manager) }, arguments.positional[0])
        case .size:
            throw LanguageFailure("a torch.Size cannot be called", fix: "shape is a property: write x.shape, or x.size() for the same")
        default:
            throw LanguageFailure("'\(callee.typeName)' object is not callable", as: .typeError)
        }
    }

    // Kept out of `evaluate`, whose stack frame (every case's locals, in a debug build) each
    // nested call of a learner's function pays for: 200 nested calls must fit.

    /// {k: v, **other, …}
    func dictDisplay(_ pairs: [(key: Expr, value: Expr)], _ env: Environment) throws -> Value {
        let d = DictStorage()
        for (k, v) in pairs {
            if case .starred(let inner) = k.kind {
                let other = try evaluate(inner, env)
                guard case .dict(let o) = other else {
                    throw runtimeError(LanguageFailure("'\(other.typeName)' object is not a mapping", as: .typeError), at: inner.location)
                }
                for (ok, ov) in o.entries { d.set(ok, ov) }
                continue
            }
            let key = try evaluate(k, env), value = try evaluate(v, env)
            _ = try located(k.location) { try PythonHash.requireHashable(key) }       // {[1]: 2} is a TypeError, as Python's
            d.set(key, value)
        }
        return .dict(d)
    }

    /// A call's arguments: positional, `*xs`, `name=value` and `**mapping`.
    func callArguments(_ argumentExprs: [CallArgument], _ env: Environment) throws -> Arguments {
        var arguments = Arguments()
        arguments.written = true
        for a in argumentExprs {
            if let label = a.label {
                arguments.keywords.append((label, try evaluate(a.value, env)))
            } else if a.unpacksMapping {
                let v = try evaluate(a.value, env)
                guard case .dict(let d) = v else {
                    throw runtimeError(LanguageFailure("argument after ** must be a mapping, not \(v.typeName)"), at: a.value.location)
                }
                for (k, value) in d.entries {
                    guard case .string(let name) = k else {
                        throw runtimeError(LanguageFailure("keywords must be strings, got \(k.typeName) \(k.repr)"), at: a.value.location)
                    }
                    arguments.keywords.append((name, value))
                }
            } else if case .starred(let inner) = a.value.kind {
                let v = try evaluate(inner, env)
                guard let items = v.sequenceItems() else {
                    throw runtimeError(LanguageFailure("'*' needs a list or tuple, got \(v.typeName)"), at: a.value.location)
                }
                arguments.positional += items
            } else {
                arguments.positional.append(try evaluate(a.value, env))
            }
        }
        return arguments
    }

    func evaluateBitwise(_ op: BitwiseOperator, _ leftExpr: Expr, _ rightExpr: Expr, at location: SourceLocation, _ env: Environment) throws -> Value {
        let left = try evaluate(leftExpr, env)
        let right = try evaluate(rightExpr, env)
        return try located(location) { try IntegerRange.checked(try bitwise(op, left, right)) }
    }

    /// A function that calls `function` inside a context manager, entered and left around each
    /// call as a `with` block would: `@torch.no_grad()` over a def, or a `@contextmanager`
    /// function's call as a decorator (`manager` then makes a fresh one per call). A manager that
    /// suppresses the call's error makes it return None.
    /// (A function object, not a builtin: a builtin's result is checked for a dropped gradient
    /// after the context has been left, which would mark no_grad's results.)
    static func runningInside(_ manager: @escaping () throws -> Value, _ function: Value) -> Value {
        let name = function.asFunctionName ?? "wrapper"
        let wrapper = ClosureObject(typeName: "function", memberNames: ["__name__", "__wrapped__"], repr: { "<function \(name)>" })
        wrapper.memberLookup = { member in member == "__name__" ? .string(name) : member == "__wrapped__" ? function : nil }
        wrapper.call = { interpreter, arguments in
            let (_, exit) = try interpreter.enterContext(try manager())
            let result: Value
            do {
                result = try interpreter.callBack(function, arguments)
            } catch {
                if try exit.leave(error) { return .none }
                throw error
            }
            _ = try exit.leave(nil)
            return result
        }
        return .object(wrapper)
    }

    func callFunction(_ f: Function, _ arguments: Arguments, at location: SourceLocation) throws -> Value {
        // a bound method's first parameter takes its receiver, whatever its name (self, cls)
        let takesReceiver = f.receiver != nil && f.decl.parameters.first?.kind == .normal
        let parameters = takesReceiver ? Array(f.decl.parameters.dropFirst()) : f.decl.parameters
        let defaults = takesReceiver ? Array(f.defaults.dropFirst()) : f.defaults
        // Python names a function by its __qualname__: "Outer.forward() missing 1 required positional argument: 'mask'",
        // "outer.<locals>.inner() takes 1 positional argument but 2 were given"
        var name = f.decl.qualifiedName
        if name == f.decl.name, case .module(let m)? = f.receiver, let instance = instance(of: m) { name = "\(instance.cls.name).\(name)" }
        let bound: [String: Value]
        do {
            bound = try bindCall(name, parameters, defaults, arguments, receiver: takesReceiver)
        } catch var failure as LanguageFailure {
            // def forward(x): the object itself went into x (a receiver named otherwise, self_ or this, is the program's choice)
            if takesReceiver, failure.fix == nil, let first = f.decl.parameters.first,
               !["cls", "this", "me"].contains(first.name), !first.name.hasPrefix("self"), !first.name.hasPrefix("_") {
                let plain = f.decl.parameters.allSatisfy { $0.kind == .normal } && f.defaults.allSatisfy { $0 == nil }
                let written = plain ? "write def \(f.decl.name)(\((["self"] + f.decl.parameters.map(\.name)).joined(separator: ", ")))"
                                    : "put self before \(first.name) in def \(f.decl.name)"
                failure.fix = "a method's first parameter receives the object itself ('\(first.name)' got it): \(written) at \(f.decl.location.file):\(f.decl.location.line)"
            }
            throw failure
        }
        let env = Environment(parent: f.closure)
        env.locals = f.decl.localNames
        if let receiver = f.receiver { env.define(takesReceiver ? f.decl.parameters[0].name : "self", receiver) }
        for p in parameters { env.define(p.name, bound[p.name] ?? .none) }
        // the module's own frame counts, as in Python: a limit of 1000 lets 999 calls nest
        guard callDepth + 1 < recursionLimit else {
            throw LanguageFailure("maximum recursion depth exceeded",
                                  fix: "\(f.decl.name) nests \(recursionLimit) calls deep: check that it stops calling itself (sys.setrecursionlimit raises the limit)",
                                  as: .recursionError)
        }
        try checkInterruption(at: location)
        if f.decl.isGenerator { return try runGenerator(f, name, env, at: location) }
        return try within(CallFrame(kind: .function, site: location)) {
            if case .returned(let v) = try execute(f.decl.body, env) { return v }
            return .none
        }
    }

    /// A generator function's call: a generator whose body runs a step at a time as its items are
    /// taken (`GeneratorRunner`); or, when the body yields inside a `finally:` block, its body
    /// run to the end here, the items it yields kept for the loop that takes
    /// them. (Apart from callFunction, whose frame every nested call stacks.)
    @inline(never)
    private func runGenerator(_ f: Function, _ name: String, _ env: Environment, at location: SourceLocation) throws -> Value {
        if f.decl.stepsLazily {
            let generator = ListStorage([], view: "generator", origin: name)
            generator.producer = GeneratorRunner(self, body: f.decl.body, env: env, site: location)
            return .list(generator)
        }
        generatorItems.append([])
        defer { generatorItems.removeLast() }
        _ = try within(CallFrame(kind: .function, site: location)) { try execute(f.decl.body, env) }
        return .list(ListStorage(generatorItems[generatorItems.count - 1], view: "generator", origin: name))
    }

    /// Python's binding of a call's arguments to a def's parameters: by position, then by name,
    /// then defaults; extra positional arguments into `*args` (a tuple), extra keyword ones into
    /// `**kwargs` (a dict); keyword-only parameters by name alone, positional-only ones by position alone.
    /// `receiver`: a method's call, whose self Python counts among the positional arguments.
    func bindCall(_ name: String, _ parameters: [Parameter], _ defaults: [Value?], _ arguments: Arguments, receiver: Bool = false) throws -> [String: Value] {
        let named = zip(parameters, defaults).filter { $0.0.kind == .normal || $0.0.kind == .keywordOnly }
        let positionalCount = parameters.filter { $0.kind == .normal }.count
        let varPositional = parameters.first { $0.kind == .varPositional }
        let varKeyword = parameters.first { $0.kind == .varKeyword }
        var arguments = arguments
        var extra: [Value] = []
        if arguments.positional.count > positionalCount {
            if varPositional != nil {
                extra = Array(arguments.positional[positionalCount...])
                arguments.positional.removeLast(extra.count)
            } else {
                throw Self.tooManyPositional(name, zip(parameters, defaults).filter { $0.0.kind == .normal }.map(\.1),
                                             given: arguments.positional.count, receiver: receiver,
                                             keywordOnly: named.count > positionalCount)
            }
        }
        // a positional-only parameter named by a keyword: the keyword goes into **kwargs, else Python's TypeError
        let positionalOnly = parameters.filter(\.positionalOnly).map(\.name)
        let passedByName = positionalOnly.filter { name in arguments.keywords.contains { $0.name == name } }
        if varKeyword == nil, !passedByName.isEmpty {
            throw LanguageFailure("\(name)() got some positional-only arguments passed as keyword arguments: '\(passedByName.joined(separator: ", "))'",
                                  fix: "give \(passedByName.joined(separator: ", ")) by position", as: .typeError)
        }
        let rest = DictStorage()
        if varKeyword != nil {
            arguments.keywords = arguments.keywords.filter { keyword in
                if named.contains(where: { $0.0.name == keyword.name }), !positionalOnly.contains(keyword.name) { return true }
                rest.set(.string(keyword.name), keyword.value)
                return false
            }
        }
        try requireArguments(name, named, arguments)
        var values = try Signature(name, named.map { ($0.0.name, $0.1) }).bind(arguments).values
        if let p = varPositional { values[p.name] = .tuple(extra) }
        if let p = varKeyword { values[p.name] = .dict(rest) }
        return values
    }

    /// Python's TypeError for a call with more positional arguments than the def takes:
    /// "f() takes 2 positional arguments but 3 were given", "from 1 to 2" when some have defaults
    /// (a method's self counted on both sides).
    static func tooManyPositional(_ name: String, _ defaults: [Value?], given: Int, receiver: Bool, keywordOnly: Bool) -> LanguageFailure {
        let extra = receiver ? 1 : 0
        let most = defaults.count + extra, least = defaults.count - defaults.compactMap { $0 }.count + extra
        let takes = least == most ? "\(most) positional argument\(most == 1 ? "" : "s")" : "from \(least) to \(most) positional arguments"
        let count = given + extra
        return LanguageFailure("\(name)() takes \(takes) but \(count) \(count == 1 ? "was" : "were") given",
                               fix: keywordOnly ? "give the keyword-only parameters by name" : nil, as: .typeError)
    }

    /// Python's TypeError for required parameters a call leaves out, positional ones first:
    /// "f() missing 2 required positional arguments: 'a' and 'b'".
    private func requireArguments(_ name: String, _ named: [(Parameter, Value?)], _ arguments: Arguments) throws {
        let given = Set(arguments.keywords.map(\.name))
        // An unknown keyword is reported first, as Python does (by Signature.bind)
        guard given.allSatisfy({ keyword in named.contains { $0.0.name == keyword } }) else { return }
        // so is a keyword naming a parameter a positional argument already gave ("got multiple values")
        guard !named.prefix(arguments.positional.count).contains(where: { given.contains($0.0.name) }) else { return }
        let unbound = named.enumerated().filter { i, entry in
            entry.1 == nil && !given.contains(entry.0.name) && (entry.0.kind == .keywordOnly || i >= arguments.positional.count)
        }.map(\.element.0)
        for kind in [Parameter.Kind.normal, .keywordOnly] {
            let names = unbound.filter { $0.kind == kind }.map { "'\($0.name)'" }
            guard !names.isEmpty else { continue }
            let list = names.count == 1 ? names[0] : names.count == 2 ? "\(names[0]) and \(names[1])"
                : names.dropLast().joined(separator: ", ") + ", and " + names.last!
            let what = kind == .normal ? "positional" : "keyword-only"
            throw LanguageFailure("\(name)() missing \(names.count) required \(what) argument\(names.count == 1 ? "" : "s"): \(list)",
                                  fix: "call it as \(name)(\(named.map { $0.0.name }.joined(separator: ", ")))", as: .typeError)
        }
    }

    /// `block(x)`: runs the module through the runtime (so observers see it) and gives
    /// back the language value of its forward (a tuple stays a tuple).
    func callModule(_ m: Module, _ arguments: Arguments, at location: SourceLocation) throws -> Value {
        // a class's own __call__ (an early-stopping rule, a metric) runs as a method
        if let method = try dunder(.module(m), "__call__") { return try callBack(method, arguments) }
        if let instance = instance(of: m), instance.cls.forward == nil, extendsModule(instance.cls) { throw missingForward(instance.cls) }
        if let instance = instance(of: m), let block = m as? Block, instance.cls.forward != nil,
           !arguments.keywords.isEmpty || arguments.positional.count != 1 || arguments.positional.first?.asTensor == nil {
            return try callBlock(block, instance, arguments, at: location)
        }
        if let unpool = m as? MaxUnpool2d { return try callUnpool(unpool, arguments, at: location) }
        if let holding = m as? any ArgumentsHoldingModule { return try callHolding(holding, arguments, at: location) }
        if let sized = m as? any OutputSizedLayer, !arguments.keywords.isEmpty || arguments.positional.count > 1 {
            return try callOutputSized(sized, arguments, at: location)
        }
        // Python's TypeErrors for a forward(input) called with other arguments
        guard arguments.keywords.isEmpty, arguments.positional.count == 1 else {
            let forward = "\(m.typeName).forward()", n = arguments.positional.count
            let what = arguments.keywords.first.map { "got an unexpected keyword argument '\($0.name)'" }
                ?? (n == 0 ? "missing 1 required positional argument: 'input'" : "takes 2 positional arguments but \(n + 1) were given")
            throw LanguageFailure("\(forward) \(what)", fix: "call it as \(m.path.isEmpty ? "block" : m.path)(x)", as: .typeError)
        }
        guard case .tensor(let x) = arguments.positional[0] else {
            let v = arguments.positional[0]
            throw LanguageFailure("\(m.typeName) takes a tensor, got \(v.typeName) \(v.repr)",
                                  fix: v.typeName == "tuple" || v.typeName == "torch.Size" ? "make a tensor first, e.g. randn(\(v.sequenceItems()!.map(\.repr).joined(separator: ", ")))" : nil,
                                  as: .typeError)
        }
        let y = try within(CallFrame(kind: .moduleCall, site: location)) { try m(x, currentContext) }
        if let full = lastTupleResult(of: m) { return full }
        return .tensor(y)
    }

    /// `unpool(x, indices, output_size=None)`: the indices wait on the layer while the runtime
    /// runs the call with x (traced, hooked), as a class's extra inputs do.
    private func callUnpool(_ unpool: MaxUnpool2d, _ arguments: Arguments, at location: SourceLocation) throws -> Value {
        let a = try Signature("forward", [("input", nil), ("indices", nil), ("output_size", Value.none)]).bind(arguments)
        unpool.pending.append((try a.tensor("indices"), try Self.sizeList(a["output_size"])))
        defer { unpool.pending.removeLast() }
        let x = try a.tensor("input")
        return .tensor(try within(CallFrame(kind: .moduleCall, site: location)) { try unpool(x, currentContext) })
    }

    /// A class's block called with more than one input tensor: `block(x, mask, scale=2)`. With a
    /// tensor first, the runtime runs it (traced, hooked) and forward gets the other arguments
    /// too; with anything else first (a tuple of tensors, a dict), forward runs as a method.
    private func callBlock(_ block: Block, _ instance: Instance, _ arguments: Arguments, at location: SourceLocation) throws -> Value {
        guard case .tensor(let x)? = arguments.positional.first else {
            return try within(CallFrame(kind: .forward(instance, currentContext), site: nil)) {
                try callFunction(try forwardMethod(instance, block), arguments, at: location)
            }
        }
        let pending = PendingForwardCall(rest: Arguments(Array(arguments.positional.dropFirst()), keywords: arguments.keywords))
        instance.pendingCalls.append(pending)
        defer { instance.pendingCalls.removeAll { $0 === pending } }
        let y = try within(CallFrame(kind: .moduleCall, site: location)) { try block(x, currentContext) }
        if let full = lastTupleResult(of: block) { return full }
        return .tensor(y)
    }
}
