import InceptionRuntime

/// One class extending another, as in Python: `class Child(Base):` finds the methods it does not
/// define in Base (and Base's base, …), builds with Base's constructor when it has no `__init__`
/// of its own, and `super()` inside a method or constructor reaches the next class up
/// (`super().__init__(c)`, `super().forward(x)`); past the last class of the language it reaches
/// nn.Module, whose `__init__` has nothing to do. isinstance(x, Base) holds for a Child.
extension Interpreter {
    /// The class of the language a class extends: the header's name bound to a class defined with
    /// `class`. nn.Module, Dataset and other library names are no base here; in a class without
    /// `__init__`, a plain name bound to no class is one of the block's parameters (the lessons'
    /// `class Stem(in_channel):`).
    /// Also whether the header names torch.autograd.Function (`MyOp.apply` then runs it).
    func baseClass(of decl: ClassDecl, _ env: Environment) throws -> (base: ClassValue?, autogradFunction: Bool) {
        var found: [ClassValue] = [], autogradFunction = false
        for e in decl.bases {
            switch try? evaluate(e, env) {
            case .classValue(let c)?: found.append(c)
            case .builtin(let b)? where b.name == "Function": autogradFunction = true
            case .builtin(let b)? where b.name == "Optimizer" || b.name == "LRScheduler":
                // refused where the class is written, not at its first param_groups / step()
                let example = b.name == "Optimizer" ? "torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)"
                                                    : "torch.optim.lr_scheduler.LambdaLR(optimizer, lambda epoch: …)"
                throw RuntimeError(Diagnostic(.runtime, decl.location,
                                              "class \(decl.name) extends torch.optim's \(b.name); an optimizer or scheduler class of the program's own is not supported here",
                                              fix: "use one of the library's, e.g. \(example)", callers: callers()))
            default: continue
            }
        }
        guard found.count <= 1 else {
            throw RuntimeError(Diagnostic(.runtime, decl.location,
                                          "class \(decl.name) extends \(found.map(\.name).joined(separator: " and ")); a class here extends one class of the program",
                                          fix: "keep one base class, and make the other a layer: self.part = \(found[1].name)(…)", callers: callers()))
        }
        return (found.first, autogradFunction)
    }

    /// `super()` with no arguments inside a method or constructor of class `owner` run for `block`:
    /// the block as `owner`'s base sees it.
    func superObject(_ owner: ClassValue, _ block: Module, _ instance: Instance, at location: SourceLocation) -> Value {
        let base = owner.base
        let proxy = ClosureObject(typeName: "super", memberNames: ["__init__"] + (base?.methodNames ?? [])) {
            "<super: <class '\(owner.name)'>, <\(block.typeName) object>>"
        }
        proxy.memberLookup = { [unowned self] name in
            if name == "__init__" {
                return .builtin(Builtin("__init__") { [unowned self] _, arguments in
                    // the next constructor up; nn.Module's (past the program's classes) does nothing
                    // an exception class's root (BaseException.__init__) keeps the arguments as args
                    if owner.exceptionBase != nil, base.map({ !$0.constructor.decl.hasInitializer }) ?? true {
                        instance.attributes.set(.string("args"), .tuple(arguments.positional))
                        return .none
                    }
                    // past the program's classes, the nn layer the line extends builds from the arguments
                    if let b = block as? Block, owner.layerBase != nil, !(base?.constructor.decl.hasInitializer ?? false) {
                        instance.awaitsModuleInit = false
                        try initializeLayerBase(of: owner, b, instance, arguments)
                        return .none
                    }
                    guard let next = base?.constructor, let b = block as? Block else { instance.awaitsModuleInit = false; return .none }
                    let bound = try bindCall(next.name, next.parameters, next.defaults, arguments)
                    instance.constructorNames.formUnion(try construct(instance, b, with: next, bound, at: location))
                    return .none
                })
            }
            if name == "__setattr__", base?.method(name) == nil {
                // object's (or nn.Module's): store it, past the class's own __setattr__
                return .builtin(Builtin(name) { [unowned self] _, arguments in
                    guard arguments.positional.count == 2, case .string(let attribute) = arguments.positional[0] else {
                        throw LanguageFailure("__setattr__() takes a name and a value", as: .typeError)
                    }
                    try storeAttribute(.module(block), attribute, arguments.positional[1])
                    return .none
                })
            }
            if let (decl, definer) = base?.method(name) {
                return .builtin(Builtin(name) { [unowned self] _, arguments in
                    try callBack(try boundMethod(decl, of: .module(block), instance, owner: definer), arguments)
                })
            }
            if name == "forward", let b = block as? Block, let inherited = inheritedForward(b, instance) { return inherited }
            // nn.Module's own members (state_dict, parameters, …), never the block's overrides
            return try? parameterContainerMember(block, name) ?? moduleMember(block, name) ?? torchModuleMember(block, name)
                ?? autogradModuleMember(block, name) ?? hookModuleMember(block, name)
        }
        return .object(proxy)
    }

    /// `super()` as written in `env`: the proxy when a method or constructor of a class runs there
    /// for a block (its `__class__` and `self` are bound), else nil (the builtin's plain case).
    func superObject(in env: Environment, at location: SourceLocation) -> Value? {
        guard case .classValue(let owner)? = env.lookup("__class__"), case .module(let block)? = env.lookup("self"),
              let instance = instance(of: block) else { return nil }
        return superObject(owner, block, instance, at: location)
    }
}
