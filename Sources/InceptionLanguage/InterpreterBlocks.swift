import InceptionRuntime

/// Classes become blocks: calling a class runs its body as the constructor, where
/// `self.name = <module>` registers a named child (so paths and state_dict names follow
/// the attribute names) and `self.name = <anything else>` keeps a plain attribute.
extension Interpreter {
    func instantiate(_ cls: ClassValue, _ arguments: Arguments, at location: SourceLocation) throws -> Value {
        let constructor = cls.constructor
        // an exception class without __init__ takes any positional arguments, as BaseException does
        let takesAnything = cls.exceptionBase != nil && !constructor.decl.hasInitializer
        if takesAnything, !arguments.keywords.isEmpty { throw LanguageFailure("\(cls.name)() takes no keyword arguments", as: .typeError) }
        // Python names the constructor as its class's __init__ and counts self: "A.__init__() takes 2 positional arguments but 3 were given"
        let initializer = constructor.decl.hasInitializer
        // a class extending an nn layer without an __init__ of its own: the layer's __init__ takes the arguments
        let layerInit = !initializer && cls.layerBase != nil
        if !initializer, !takesAnything, !layerInit, constructor.parameters.isEmpty, !(arguments.positional.isEmpty && arguments.keywords.isEmpty),
           extendsModule(cls) {
            throw moduleInitRefusal(cls, arguments)
        }
        let bound = takesAnything || layerInit ? [:] : try bindCall(initializer ? "\(constructor.name).__init__" : cls.name, constructor.parameters, constructor.defaults, arguments,
                                                       receiver: initializer)
        let block = Block(typeName: cls.name, arguments: argumentText(arguments))
        block.setTraining(true)                 // as every nn.Module starts, before it has children
        let instance = Instance(cls: cls, block: block)
        if cls.exceptionBase != nil { instance.attributes.set(.string("args"), .tuple(arguments.positional)) }
        instances[ObjectIdentifier(block)] = instance
        noteClassText(instance, block)
        setForward(of: block, instance)
        instance.awaitsModuleInit = (extendsModule(cls) || cls.layerBase != nil) && initializer
        if layerInit {
            try initializeLayerBase(of: cls, block, instance, arguments)
        } else {
            instance.constructorNames = try construct(instance, block, with: constructor, bound, at: location)
        }
        instance.awaitsModuleInit = false
        instance.frozen = cls.dataclassFrozen
        return .module(block)
    }

    /// The block's forward: its class's (the block keeps its interpreter alive: a block built by a
    /// lesson keeps working after the lesson ends, for the checker and the REPL; `clearGlobals()`
    /// breaks the cycle through the program's names), PyTorch's NotImplementedError for an
    /// nn.Module class without one, or its children in order (a lesson's block, a Sequential's subclass).
    func setForward(of block: Block, _ instance: Instance) {
        if instance.cls.forward != nil {
            block.forwardKind = .custom { block, x, context in try self.runForward(instance, block, x, context) }
        } else if let layer = instance.layer {
            block.forwardKind = Self.layerForward(layer)
        } else if extendsModule(instance.cls) || ["ModuleList", "ModuleDict"].contains(block.extendedKind)
                    || instance.cls.methodNames.contains(where: { $0 != "forward" && editDistance("forward", $0.lowercased()) <= 2 }) {
            // a lesson's block without forward runs its layers in order, unless its forward is
            // misspelt (def foward): then the layers in order would hide the learner's own forward
            let failure = missingForward(instance.cls)
            block.forwardKind = .custom { _, _, _ in throw failure }
        }
    }

    /// Whether a class's line reaches nn.Module itself (not nn.Sequential or another container).
    func extendsModule(_ cls: ClassValue) -> Bool {
        cls.lineage.contains { c in
            c.decl.bases.contains { base in
                if case .builtin(let b)? = try? evaluate(base, c.closure) { return b.name == "Module" }
                return false
            }
        }
    }

    /// nn.Module.__init__'s refusal of arguments when no class of the line defines __init__
    /// (keywords first, as PyTorch checks them), with the likely slip: a misspelt __init__.
    func moduleInitRefusal(_ cls: ClassValue, _ arguments: Arguments) -> LanguageFailure {
        let message = arguments.keywords.first.map { "\(cls.name).__init__() got an unexpected keyword argument '\($0.name)'" }
            ?? "\(cls.name).__init__() takes 1 positional argument but \(arguments.positional.count + 1) were given"
        let slip = cls.methodNames.first { $0 != "__init__" && $0 != "forward" && editDistance("__init__", $0) <= 2 }
        let fix = slip.map { "rename '\($0)' to '__init__' (two underscores on each side)" }
            ?? "define def __init__(self, …): inside class \(cls.name), calling super().__init__() first, to take these arguments"
        return LanguageFailure(message, fix: fix, as: .typeError)
    }

    /// PyTorch's error for calling a module whose class defines no forward, with the likely slip.
    func missingForward(_ cls: ClassValue) -> LanguageFailure {
        let methods = cls.methodNames.filter { $0 != "__init__" }
        let fix = closestName(to: "forward", among: methods).map { "rename '\($0)' to 'forward'" }
            ?? "define 'def forward(self, x):' inside class \(cls.name), indented under it"
        return LanguageFailure("Module [\(cls.name)] is missing the required \"forward\" function", fix: fix, as: .notImplementedError)
    }

    /// Runs `constructor`'s body (its __init__, or a lesson block's class body) for the block, its
    /// parameters bound; → the body's local names (for the "use self.x" hint).
    func construct(_ instance: Instance, _ block: Block, with constructor: ClassValue, _ bound: [String: Value],
                   at location: SourceLocation) throws -> Set<String> {
        let env = Environment(parent: constructor.closure)
        for p in constructor.parameters { env.define(p.name, bound[p.name] ?? .none) }
        env.define("self", .module(block))
        if case .returned = try within(CallFrame(kind: .constructor(instance), site: location), { try execute(constructor.constructorBody, env) }) {
            throw LanguageFailure("the class body of \(constructor.name) cannot 'return'", fix: "the body builds the block; remove the return")
        }
        return Set(env.values.keys).subtracting(["self"])
    }

    /// A class's __repr__ / __str__, for print(), repr(), str() and f-strings of its instances, and
    /// its extra_repr, for the line inside `Name(…)`. Value text cannot fail, so an error inside
    /// one shows in the text.
    func noteClassText(_ instance: Instance, _ block: Module) {
        var methods: [String: () -> String] = instance.cls.exceptionBase != nil ? Self.exceptionTexts(instance) : [:]
        for name in ["__repr__", "__str__", "extra_repr"] {
            guard let (decl, owner) = instance.cls.method(name) else { continue }
            methods[name] = { [weak self, weak block] in
                guard let self, let block else { return "<\(name) of a freed block>" }
                do {
                    let value = try callBack(try boundMethod(decl, of: .module(block), instance, owner: owner), Arguments())
                    guard case .string(let s) = value else { return "<\(name) returned non-string (type \(value.typeName))>" }
                    return s
                } catch { return "<error in \(instance.cls.name).\(name): \(error)>" }
            }
        }
        if methods["__repr__"] == nil, instance.cls.isPlain {
            // object.__repr__: the class's name and the instance's address
            let text = "<__main__.\(instance.cls.decl.qualifiedName) object at 0x\(String(UInt(bitPattern: ObjectIdentifier(block).hashValue), radix: 16))>"
            methods["__repr__"] = { text }
        }
        guard !methods.isEmpty else { return }
        if ModulePrinting.classTexts.count > 4096 { ModulePrinting.classTexts = ModulePrinting.classTexts.filter { $0.value.block != nil } }
        ModulePrinting.classTexts[ObjectIdentifier(block)] = ModulePrinting.ClassText(block, methods)
    }

    /// "192, (64, 96, 128, 16, 32, 32), 256" — the constructor arguments, for printing.
    func argumentText(_ arguments: Arguments) -> String {
        (arguments.positional.map(\.repr) + arguments.keywords.map { "\($0.name)=\($0.value.repr)" }).joined(separator: ", ")
    }

    /// The block's forward: the class's `forward` method with `self` bound to the block.
    func runForward(_ instance: Instance, _ block: Block, _ x: Tensor, _ context: ExecutionContext) throws -> Tensor {
        guard let decl = instance.cls.forward else { throw LanguageFailure("\(block.typeName) has no forward") }
        let method = try forwardMethod(instance, block)
        let caller = innermostModuleCallSite
        // The call's other arguments, if the language made it (`block(x, mask)`); none when a container runs the block.
        let pending = instance.pendingCalls.last { !$0.started }
        pending?.started = true
        let extra = pending?.rest ?? Arguments()
        let result = try within(CallFrame(kind: .forward(instance, context), site: nil)) {
            try callFunction(method, Arguments([.tensor(x)] + extra.positional, keywords: extra.keywords), at: caller ?? decl.location)
        }
        if case .tensor(let t) = result { return t }
        var items: [Value] = []
        if case .tuple(let xs) = result { items = xs }
        if case .list(let l) = result { items = l.items }
        if case .object(let o) = result, let fields = o.items { items = fields }      // a namedtuple (torchvision's GoogLeNetOutputs)
        if case .dict(let d) = result { items = d.entries.map(\.value) }               // {"logits": y, "loss": l}
        if let last = items.last(where: { $0.asTensor != nil })?.asTensor {
            // The runtime passes one tensor on (the last); the block's frame keeps the whole value.
            context.frame(of: block)?.returned = result
            return last
        }
        if !result.isNone || isTorchModuleClass(instance.cls) {
            // None, a number, a string: the call gives it back as PyTorch does; the runtime passes an empty tensor on
            context.frame(of: block)?.returned = result
            return Tensor(zeros: [0])
        }
        // a lesson's block that forgot its return
        throw RuntimeError(Diagnostic(.runtime, decl.location,
                                      "forward of \(block.path.isEmpty ? block.typeName : block.path) returned None, not a tensor",
                                      fix: "end forward with 'return' and the output tensor",
                                      callers: (innermostModuleCallSite.map { [$0] } ?? []) + callers()))
    }

    /// Whether a class is PyTorch's kind (it or a base has __init__ or names nn.Module), not a
    /// lesson's block, whose forward must return a tensor.
    func isTorchModuleClass(_ cls: ClassValue) -> Bool {
        var next: ClassValue? = cls
        while let c = next {
            if c.decl.hasInitializer { return true }
            for base in c.decl.bases {
                if case .builtin(let b)? = try? evaluate(base, c.closure), b.name == "Module" { return true }
            }
            next = c.base
        }
        return false
    }

    /// The class's forward bound to the block, its defaults evaluated where the class was defined.
    func forwardMethod(_ instance: Instance, _ block: Block) throws -> Function {
        guard let (decl, owner) = instance.cls.method("forward") else { throw LanguageFailure("\(block.typeName) has no forward") }
        let defaults = try decl.parameters.map { p in try p.defaultValue.map { try evaluate($0, owner.closure) } }
        return Function(decl: decl, closure: owner.closure, defaults: defaults, receiver: .module(block))
    }

    /// A method read from a block: bound to it, through its decorators. `@property` gives the
    /// method's result, `@staticmethod` the function unbound, `@classmethod` the function bound to
    /// the block's class, torch.jit's markers change nothing,
    /// any other decorator wraps the bound method (`@torch.no_grad()`).
    func boundMethod(_ method: FunctionDecl, of object: Value, _ instance: Instance, owner: ClassValue? = nil) throws -> Value {
        let (value, isProperty) = try methodValue(method, owner: owner ?? instance.cls, of: instance.cls, receiver: object)
        return isProperty ? try callBack(value, Arguments()) : value
    }

    /// A method through its decorators, bound to `receiver` (nil: read through the class,
    /// unbound): `@staticmethod` unbound, `@classmethod` bound to `cls`, torch.jit's markers
    /// nothing, any other decorator wrapping it; whether it is a `@property`.
    func methodValue(_ method: FunctionDecl, owner: ClassValue, of cls: ClassValue, receiver: Value?) throws -> (value: Value, isProperty: Bool) {
        let closure = owner.closure
        let defaults = try method.parameters.map { p in try p.defaultValue.map { try evaluate($0, closure) } }
        var isProperty = false
        var receiver = receiver
        var wrappers: [Value] = []
        for d in method.decorators {
            let decorator = try evaluate(d, closure)
            switch decorator {
            case .builtin(let b) where b.name == "staticmethod": receiver = nil
            case .builtin(let b) where b.name == "classmethod": receiver = .classValue(cls)
            case .builtin(let b) where b.name == "property": isProperty = true
            case .builtin(let b) where ["unused", "ignore", "export"].contains(b.name): continue
            default: wrappers.append(decorator)
            }
        }
        var value = Value.function(Function(decl: method, closure: closure, defaults: defaults, receiver: receiver))
        for wrapper in wrappers.reversed() { value = try callBack(wrapper, Arguments([value])) }
        return (value, isProperty)
    }

    func instance(of module: Module) -> Instance? {
        guard let i = instances[ObjectIdentifier(module)], i.block === module else { return nil }
        return i
    }

    // MARK: attributes

    /// `linear.weight = nn.Parameter(…)` or `= other.weight` (tying two layers' weights) on a builtin
    /// layer (Linear, Embedding): an nn.Parameter of the same shape takes the old one's place.
    func replaceLayerParameter(_ m: Module, _ name: String, _ value: Value) throws -> Bool {
        guard m is Linear || m is EmbeddingLayer, let old = m.parameters.first(where: { $0.name == name })?.tensor else { return false }
        guard case .tensor(let t) = value, t.isParameter else {
            throw LanguageFailure("cannot assign '\(value.typeName == "Tensor" ? "torch.FloatTensor" : value.typeName)' as parameter '\(name)' (torch.nn.Parameter or None expected)", as: .typeError)
        }
        guard t.shape == old.shape else {
            throw LanguageFailure("\(m.typeName).\(name) is \(formatShape(old.shape)); the parameter given is \(formatShape(t.shape))",
                                  fix: "give a parameter of the same shape, or build a new layer of that size")
        }
        return m.replaceParameter(name, with: t)
    }

    /// `dropout.p = 0.0`, `bn.momentum = 0.01`, `bn.eps = 1e-3`: a builtin layer's option that its
    /// forward reads at each call, changed (and shown so by print); false for any other name.
    func setLayerOption(_ m: Module, _ name: String, _ value: Value) throws -> Bool {
        switch (m, name) {
        case (let d as Dropout, "p"):
            guard let p = value.asDouble, isNumber(value), (0...1).contains(p) else {
                throw LanguageFailure("dropout probability has to be between 0 and 1, but got \(value.repr)", as: .valueError)
            }
            d.p = p
            let inplace = TensorKinds.shared.arguments(d)?.contains("inplace=True") == true
            TensorKinds.shared.setArguments(d, "p=\(value.repr), inplace=\(inplace ? "True" : "False")")
        case (let b as BatchNorm2d, "momentum"), (let b as BatchNorm2d, "eps"):
            guard let v = value.asDouble, isNumber(value) else { throw LanguageFailure("\(name) must be a number, got \(value.repr)", as: .typeError) }
            if name == "eps" { b.eps = Float(v) } else { b.momentum = Float(v) }
            let shown = { (x: Float) in Value.float(Double(String(x)) ?? Double(x)).repr }
            TensorKinds.shared.setArguments(b, "\(b.features), eps=\(shown(b.eps)), momentum=\(shown(b.momentum)), affine=True, bias=True, track_running_stats=True")
        default: return false
        }
        LayerOptions.shared.update(m, name, value)
        return true
    }

    func setAttribute(_ object: Value, _ name: String, _ value: Value) throws {
        if case .tensor(let t) = object, try setTensorAttribute(t, name, value) { return }
        if case .object(let o as ClosureObject) = object, try o.setMember?(name, value) == true { return }
        if case .object(let o as ArgumentNamespace) = object { o.set(name, value); return }
        if case .object(let e as PythonException) = object { try e.setMember(name, value); return }
        // Documentation only (a namedtuple's __annotations__, a function's __doc__): nothing here reads it.
        if name == "__annotations__" || name == "__doc__" { return }
        if case .classValue(let c) = object { c.attributes[name] = value; return }
        if case .function(let f) = object {
            // a bound method has no attributes of its own to set, as in Python
            guard f.receiver == nil else { throw LanguageFailure("'method' object has no attribute '\(name)'", as: .attributeError) }
            f.attributes[name] = value
            return
        }
        guard case .module(let m) = object else {
            switch object {
            case .object(is NamedTuple): throw LanguageFailure("can't set attribute", as: .attributeError)
            case .function, .builtin, .object, .namespace:
                throw LanguageFailure("cannot set attribute '\(name)' on a \(object.typeName)")
            default:        // an int, str, list, …: no attributes of its own, as in Python
                throw LanguageFailure("'\(object.typeName)' object has no attribute '\(name)'", as: .attributeError)
            }
        }
        guard m is Block, let instance = instance(of: m) else {
            if try replaceLayerParameter(m, name, value) || setLayerOption(m, name, value) { return }
            // a new plain attribute (torchvision's `self.fc.stddev = 0.001`); a layer's own attributes stay as they are
            let plain: Bool = { switch value { case .tensor, .module: return false; default: return true } }()
            if plain, AddedLayerAttributes.value(m, name) != nil || (try? getAttribute(object, name)) == nil {
                AddedLayerAttributes.set(m, name, value)
                return
            }
            throw LanguageFailure("cannot set attribute '\(name)' on \(m.typeName): only blocks defined with 'class' take new attributes")
        }
        if try setAttributeThroughClass(object, instance, name, value) { return }
        try storeAttribute(object, name, value)
    }

    /// `obj.name = value` on an instance of a class of the program, past its own `__setattr__`
    /// (what `super().__setattr__` does): a property's setter, a layer or a parameter registered,
    /// or a plain attribute.
    func storeAttribute(_ object: Value, _ name: String, _ value: Value) throws {
        guard case .module(let m) = object, let block = m as? Block, let instance = instance(of: m) else {
            throw LanguageFailure("cannot set attribute '\(name)' on a \(object.typeName)")
        }
        if try propertySetter(object, instance, name, value) { return }
        let isModule: Bool = { if case .module = value { return true } else { return false } }()
        if instance.awaitsModuleInit, isModule || value.asTensor?.isParameter == true {
            throw LanguageFailure("cannot assign \(isModule ? "module" : "parameters") before Module.__init__() call",
                                  fix: "call super().__init__() first in \(instance.cls.constructor.name).__init__", as: .attributeError)
        }
        if let slot = EmptiedMembers.slot(name, of: block) {
            // a name set to None keeps its kind, as PyTorch's _modules, _parameters and _buffers keep the key
            switch (slot.kind, value) {
            case (_, .none): return
            case (.child, .module(let child)):
                let successor = EmptiedMembers.successorChild(of: name, in: block)
                EmptiedMembers.remove(name, of: block)
                instance.attributes.remove(.string(name))
                block.register(name, child, before: successor)
                return
            case (.buffer, .tensor(let t)):
                EmptiedMembers.remove(name, of: block)
                instance.attributes.remove(.string(name))
                block.registerBuffer(name, t)
                return
            case (.parameter, .tensor(let t)) where t.isParameter:      // registered below, as any new parameter
                EmptiedMembers.remove(name, of: block)
                instance.attributes.remove(.string(name))
            default:
                throw Self.wrongMemberType(value, slot.kind, name)
            }
        }
        if value.isNone, instance.layer == nil,
           block.child(name) != nil || block.parameters.contains(where: { $0.name == name }) || block.buffers.contains(where: { $0.name == name }) {
            EmptiedMembers.empty(name, of: block)
            instance.attributes.set(.string(name), .none)
            return
        }
        if case .module(let child) = value {
            instance.attributes.remove(.string(name))
            block.register(name, child)
        } else if case .tensor(let t) = value, t.isParameter {
            // self.w = nn.Parameter(…): a parameter, in named_parameters() and state_dict()
            instance.attributes.remove(.string(name))
            Self.register(parameter: t, as: name, in: block)
            _ = instance.layer?.replaceParameter(name, with: t)        // the layer it extends computes with it
        } else if block.parameters.contains(where: { $0.name == name }) {
            guard value.isNone else {
                throw LanguageFailure("cannot assign '\(value.typeName)' as parameter '\(name)' (torch.nn.Parameter or None expected)",
                                      fix: "wrap it: self.\(name) = nn.Parameter(…), or change the parameter's values under torch.no_grad()")
            }
            throw LanguageFailure("setting parameter '\(name)' to None is not supported here", fix: "leave the parameter, or build the block without it")
        } else if case .tensor(let t) = value, block.buffers.contains(where: { $0.name == name }) {
            block.registerBuffer(name, t)   // a buffer takes any tensor, as in PyTorch
        } else {
            if block.child(name) != nil { throw Self.wrongMemberType(value, .child, name) }
            instance.attributes.set(.string(name), value)
        }
    }

    /// PyTorch's TypeError for a value that cannot take a registered name's place
    /// (`self.fc = 3` where fc is a layer).
    static func wrongMemberType(_ value: Value, _ kind: EmptiedMembers.Kind, _ name: String) -> LanguageFailure {
        let type = value.asTensor.map { Autograd.tensorTypeName($0) } ?? value.typeName
        return LanguageFailure("cannot assign '\(type)' as \(kind.words.member) '\(name)' (\(kind.words.expected) or None expected)", as: .typeError)
    }

    /// A list's, tuple's, dict's or str's `__getitem__`, `__len__` and `__contains__` as bound
    /// methods (`min(range(n), key=losses.__getitem__)`): what `x[i]`, `len(x)` and `v in x` do.
    private func containerDunder(_ object: Value, _ name: String) -> Value? {
        switch object {
        case .list(let l) where l.view == nil: break
        case .tuple, .dict, .string: break
        default: return nil
        }
        func method(_ arity: Int, _ body: @escaping (Interpreter, [Value]) throws -> Value) -> Value {
            .builtin(Builtin(name) { interpreter, a in
                guard a.keywords.isEmpty, a.positional.count == arity else {
                    // CPython's words: a list's and dict's __getitem__ is a method, the others slot wrappers
                    let given = a.positional.count + a.keywords.count
                    if name == "__getitem__", object.typeName == "list" || object.typeName == "dict" {
                        throw LanguageFailure("\(object.typeName).__getitem__() takes exactly one argument (\(given) given)", as: .typeError)
                    }
                    throw LanguageFailure("expected \(arity) argument\(arity == 1 ? "" : "s"), got \(given)", as: .typeError)
                }
                return try body(interpreter, a.positional)
            })
        }
        switch name {
        case "__getitem__": return method(1) { interpreter, a in try interpreter.getItem(object, a[0]) }
        case "__len__": return method(0) { interpreter, _ in .int(try interpreter.sizedLength(object)) }
        case "__contains__": return method(1) { interpreter, a in .bool(try interpreter.compare(.contains, a[0], object)) }
        default: return nil
        }
    }

    /// The builtin types whose methods can be taken from the type (`str.strip`, `list.append`),
    /// each with an empty instance to ask whether it has the method.
    static let unboundMethodOwners: [String: @Sendable () -> Value] = [
        "str": { .string("") }, "list": { .list(ListStorage([])) }, "tuple": { .tuple([]) }, "dict": { .dict(DictStorage()) },
        "set": { .set(SetStorage()) }, "frozenset": { .set(SetStorage(frozen: true)) }, "int": { .int(0) }, "float": { .float(0) },
    ]

    func getAttribute(_ object: Value, _ name: String) throws -> Value {
        if name == "__class__" { return Self.typeValue(of: object, interpreter: self) }    // x.__class__ is type(x)
        if let dunder = containerDunder(object, name) { return dunder }
        switch object {
        case .module(let m):
            if let instance = instance(of: m) {
                if let v = instance.attributes[.string(name)] { return v }
                if name == "__dict__" { return .dict(instance.attributes) }
                if let method = instance.cls.method(name) {
                    return try boundMethod(method.decl, of: object, instance, owner: method.owner)
                }
                if let v = instance.cls.attribute(name) { return v }
                if instance.cls.exceptionBase != nil {          // an exception never raised, or raised outside any handler
                    if name == "__cause__" || name == "__context__" { return .none }
                    if name == "__suppress_context__" { return .bool(false) }
                }
            }
            if instance(of: m) == nil, let v = AddedLayerAttributes.value(m, name) { return v }
            if let v = (m as? ModuleAttributes)?.attribute(name) { return v }       // its __dict__, before its children
            if let child = m.child(name) { return .module(child) }
            if let p = m.parameters.first(where: { $0.name == name }) { return .tensor(p.tensor) }
            if let b = m.buffers.first(where: { $0.name == name }) { return .tensor(Self.buffer(b.name, b.tensor)) }
            if let v = LayerOptions.shared.attribute(m, name) { return v }
            if let v = try parameterContainerMember(m, name) ?? moduleMember(m, name) ?? torchModuleMember(m, name) ?? autogradModuleMember(m, name)
                ?? hookModuleMember(m, name) { return v }
            if let v = try layerBaseMember(m, name) { return v }
            if m is Conv2d || m is Linear || instance(of: m)?.layer is Conv2d || instance(of: m)?.layer is Linear, name == "bias" { return .none }
            // a norm layer without running statistics (track_running_stats=False) or affine parameters
            if instance(of: m) == nil, ["Norm1d", "Norm2d", "Norm3d"].contains(where: m.typeName.hasSuffix),
               ["running_mean", "running_var", "num_batches_tracked", "weight", "bias"].contains(name) { return .none }
            if let v = try dunderGetattr(object, name) { return v }
            var candidates = m.children.map(\.name) + m.parameters.map(\.name) + m.buffers.map(\.name) + Self.moduleMemberNames + Self.hookModuleMemberNames
            if let instance = instance(of: m) { candidates += instance.attributes.entries.compactMap { if case .string(let k) = $0.key { return k } else { return nil } } + instance.cls.methodNames }
            let place = m.path.isEmpty ? nil : "\(m.path) is a \(m.typeName)"
            let fix = [place, closestName(to: name, among: candidates).map { "did you mean '\($0)'?" }].compactMap { $0 }.joined(separator: "; ")
            throw LanguageFailure("'\(m.typeName)' object has no attribute '\(name)'", fix: fix.isEmpty ? nil : fix, as: .attributeError)
        case .tensor(let t):
            if t.isMeta, name.hasSuffix("_"), !Self.inPlaceShapeChanges.contains(name) {
                // A shape-only tensor (the checker's probe runs forward on one) has no values to change:
                // an in-place method that keeps the shape gives it back as it is. Computing or writing
                // the new values would touch memory it does not have; the run on real numbers checks them.
                return .builtin(Builtin(name) { _, _ in .tensor(t) })
            }
            if let refusal = DTypeSupport.refusal(name, TensorKinds.shared.dtype(t)) {
                // refused when called, as PyTorch's (a dtype= that makes it floating lets it run)
                guard let method = try torchTensorMember(t, name) ?? autogradMember(t, name) else { return .builtin(Builtin(name) { _, _ in throw refusal }) }
                return .builtin(Builtin(name) { interpreter, a in
                    guard let dtype = a.keywords.first(where: { $0.name == "dtype" })?.value, try Self.dtypeArgument(dtype) == .float32 else { throw refusal }
                    return try interpreter.callBack(method, a)
                })
            }
            if let v = try autogradMember(t, name) ?? hookTensorMember(t, name) { return v }
            if var found = try torchTensorMember(t, name) ?? tensorMember(t, name) ?? libraryTensorMember(t, name) {
                if TensorOnlyArguments.parameter[name] != nil, case .builtin(let b) = found {
                    found = .builtin(Builtin(name) { interpreter, a in
                        try TensorOnlyArguments.check(name, a, position: 1)
                        return try b.body(interpreter, a)
                    })
                }
                if ReductionOverloads.forms[name] != nil, case .builtin(let b) = found {
                    found = .builtin(Builtin(name) { interpreter, a in
                        try ReductionOverloads.check(name, a)
                        return try b.body(interpreter, a)
                    })
                }
                let v = Self.checkingOverlap(t, name, found)
                // A method of a tensor that requires a gradient: its result is checked like a function's.
                guard case .builtin(let b) = v, t.requiresGrad else { return v }
                return .builtin(Builtin(b.name) { interpreter, a in
                    Self.guardGradient(try b.body(interpreter, a), inputs: [t] + Self.tensors(in: a), name: b.name)
                })
            }
            if Self.inPlaceShapeMethods.contains(name) {
                if ["unsqueeze_", "squeeze_"].contains(name), Self.mayReshapeInPlace(t) {
                    // a plain tensor (no history, no views, no gradient) takes the out-of-place result's shape
                    return .builtin(Builtin(name) { [unowned self] _, a in
                        guard case .tensor(let y) = try tensorMethod(t, String(name.dropLast()), a.positional, a.keywords.map { ($0.name, $0.value) }) else { return .none }
                        t.reshapeInPlace(y.shape)
                        return .tensor(t)
                    })
                }
                // PyTorch's tensor changes its own shape; here a tensor's shape is fixed when it is made
                // (but for unsqueeze_ / squeeze_ of a plain tensor)
                return .builtin(Builtin(name) { _, _ in
                    if GradMode.isEnabled, t.requiresGrad, t.gradNode == nil {
                        throw LanguageFailure(name.hasPrefix("resize") ? "cannot resize variables that require grad"
                                                                       : "a leaf Variable that requires grad is being used in an in-place operation.")
                    }
                    throw LanguageFailure("\(name)() changes a tensor's shape in place, which is not supported here",
                                          fix: "assign the result of the out-of-place method instead: x = x.\(name.dropLast())(…)")
                })
            }
            throw LanguageFailure("'Tensor' object has no attribute '\(name)'",
                                  fix: Self.unprovidedMembers["torch.Tensor.\(name)"] ?? closestName(to: name, among: Self.tensorMethodNames + Self.autogradMemberNames + Self.hookTensorMemberNames + Self.libraryMethodNames).map { "did you mean '\($0)'?" }, as: .attributeError)
        case .namespace(let ns):
            if let v = ns.members[name] { return v }
            throw LanguageFailure("'\(ns.name)' has no member '\(name)'",
                                  fix: Self.unprovidedMembers["\(ns.name).\(name)"]
                                      ?? closestName(to: name, among: Array(ns.members.keys)).map { "did you mean '\(ns.name).\($0)'?" }, as: .attributeError)
        case .list(let l):
            if let v = listMember(l, name) { return v }
        case .tuple(let xs):
            if let v = tupleMember(xs, name) { return v }
        case .dict(let d):
            if d.kind == .counter, let v = counterMember(d, name) { return v }
            if d.kind == .defaultDict, name == "default_factory" { return d.defaultFactory }
            if let v = dictMember(d, name) { return v }
        case .set(let s):
            if let v = setMember(s, name) { return v }
        case .string(let s):
            if let v = stringMember(s, name) { return v }
        case .int, .float, .bool:
            if let v = Self.numberMember(object, name) { return v }
        case .builtin(let b) where b.name == "reference":
            // `reference.inception3a` as well as reference("inception3a")
            return try getAttribute(.module(try reference()), name)
        case .object(let o):
            if let v = o.member(name) { return v }
        case .builtin(let b) where name == "__name__":
            return .string(b.name)
        case .builtin(let b) where b.name == "Module" && name == "__init__":
            // nn.Module.__init__(self), the spelling before super(): nn.Module's own, which sets nothing up here
            return .builtin(Builtin("__init__") { interpreter, arguments in
                guard case .module(let block)? = arguments.positional.first, arguments.positional.count == 1, arguments.keywords.isEmpty else {
                    throw LanguageFailure("Module.__init__() takes the module alone: nn.Module.__init__(self)", as: .typeError)
                }
                interpreter.instance(of: block)?.awaitsModuleInit = false
                return .none
            })
        case .builtin(let b) where b.attributes[name] != nil:
            return b.attributes[name]!
        case .builtin(let b) where b.name == "dict" && name == "fromkeys":
            // dict.fromkeys(keys, value=None)
            return Self.builtin(Signature("fromkeys", [("iterable", nil), ("value", Value.none)])) { interpreter, a in
                let d = DictStorage()
                for key in try interpreter.iterationItems(a["iterable"]) { d.set(key, a["value"]) }
                return .dict(d)
            }
        case .builtin(let b) where b.name == "str" && name == "maketrans":
            return Self.builtin(Signature("maketrans", [("x", nil), ("y", Value.none), ("z", Value.none)])) { _, a in try Self.translationTable(a) }
        case .builtin(let b) where Self.unboundMethodOwners[b.name].map({ sample in
                if case .builtin? = try? getAttribute(sample(), name) { return true } else { return false } }) == true:
            // str.lower, list.append, dict.items, set.union, float.is_integer unbound: map(str.strip, lines), set.union(*sets)
            return .builtin(Builtin("\(b.name).\(name)") { interpreter, arguments in
                guard let receiver = arguments.positional.first else {
                    throw LanguageFailure("unbound method \(b.name).\(name)() needs an argument", as: .typeError)
                }
                guard interpreter.isInstance(receiver, object) else {
                    throw LanguageFailure("descriptor '\(name)' for '\(b.name)' objects doesn't apply to a '\(receiver.typeName)' object", as: .typeError)
                }
                return try interpreter.callBack(interpreter.getAttribute(receiver, name), Arguments(Array(arguments.positional.dropFirst()), keywords: arguments.keywords))
            })
        case .function(let f) where f.attributes[name] != nil:
            return f.attributes[name]!
        case .function(let f) where name == "__name__":
            return .string(f.decl.name)
        case .function(let f) where name == "__qualname__":
            return .string(f.decl.qualifiedName)
        case .function(let f) where name == "__doc__":
            return f.decl.body.docstring.map(Value.string) ?? .none
        case .classValue(let c) where name == "__doc__":
            return c.decl.body.docstring.map(Value.string) ?? .none
        case .classValue(let c) where name == "apply" && c.lineage.contains(where: \.extendsAutogradFunction):
            return autogradFunctionApply(c)
        case .classValue(let c) where name == "__name__":
            return .string(c.name)
        case .classValue(let c) where name == "__qualname__":
            return .string(c.decl.qualifiedName)
        case .classValue(let c) where name == "__mro__" || name == "__bases__":
            // classes of the program's own down to object; one extending a library class (nn.Module, ValueError) is refused
            let lineage = c.lineage
            guard lineage.allSatisfy({ $0.layerBase == nil && $0.exceptionBase == nil && $0.dataBase == nil && !$0.extendsAutogradFunction }),
                  let object = builtinScope.lookup("object") else {
                throw LanguageFailure.refusal("\(c.name).\(name) is not supported here for a class extending a library class", fix: "test a class with issubclass(\(c.name), Base)")
            }
            if name == "__bases__" { return .tuple([c.base.map(Value.classValue) ?? object]) }
            return .tuple(lineage.map(Value.classValue) + [object])
        case .classValue(let c):
            if let v = try classMember(c, name) { return v }
            throw LanguageFailure("type object '\(c.name)' has no attribute '\(name)'", as: .attributeError)
        case .size(let dims):
            if name == "numel" { return .builtin(Builtin("numel") { _, _ in .int(dims.reduce(1, *)) }) }
            // a torch.Size is a tuple of ints: its index and count are the tuple's
            if name == "index" || name == "count" { return try getAttribute(.tuple(dims.map { .int($0) }), name) }
        default: break
        }
        throw LanguageFailure("'\(object.typeName)' object has no attribute '\(name)'", fix: Self.numberAttributeFix(object, name), as: .attributeError)
    }

    /// A tensor's method asked of a Python number (a loss helper that returns a float, a
    /// value already read with .item()): the number is what the method would give.
    static func numberAttributeFix(_ object: Value, _ name: String) -> String? {
        switch object {
        case .int, .float, .bool: break
        default: return nil
        }
        switch name {
        case "item", "tolist", "detach", "cpu", "numpy":
            return "this is already a Python \(object.typeName), not a tensor: use it as it is, without .\(name)()"
        default: return nil
        }
    }
}
