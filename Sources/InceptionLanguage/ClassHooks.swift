import InceptionRuntime

/// What Python does when a class is made and when its instances' attributes are set, beyond
/// the class body: a builtin container as a base is refused (its methods would not be the
/// container's), `__init_subclass__` of a base runs for the new class, `__slots__` limits the
/// attributes of a plain class's instances, and a class's own `__setattr__` runs for
/// `obj.name = value` (its `super().__setattr__` stores the attribute).
extension Interpreter {
    /// The builtin types a class here cannot extend (its instances are blocks, not containers).
    static let unextendableBuiltins: Set<String> = ["dict", "list", "set", "frozenset", "tuple", "str", "int", "float", "bool", "range",
                                                    "OrderedDict", "defaultdict", "Counter", "deque"]

    /// Refuses `class D(dict):` and the like before the class is made.
    func refuseBuiltinBase(_ decl: ClassDecl, _ env: Environment) throws {
        for e in decl.bases {
            guard case .name(let written) = e.kind, case .builtin(let b)? = try? evaluate(e, env), Self.unextendableBuiltins.contains(b.name) else { continue }
            throw RuntimeError(Diagnostic(.runtime, e.location, "subclassing the builtin \(written) is not supported here",
                                          fix: "keep a \(written) in an attribute instead (self.items = \(written)()), and give the class the methods it needs",
                                          callers: callers()))
        }
    }

    /// After the class body ran: its slots, then its bases' `__init_subclass__` (bound to the new class).
    func classCreated(_ cls: ClassValue) throws {
        // a class's own __new__ would be passed over (its instance made as usual): refused instead
        if cls.decl.methods.contains(where: { $0.name == "__new__" }) {
            throw LanguageFailure.refusal("a class's own __new__ (\(cls.name).__new__) is not supported here",
                                          fix: "set the instance up in __init__; for one shared instance, keep it in a module-level name or a classmethod")
        }
        cls.slots = slots(of: cls)
        guard let base = cls.base, let (decl, owner) = base.method("__init_subclass__") else { return }
        let hook = try methodValue(decl, owner: owner, of: cls, receiver: .classValue(cls)).value
        _ = try callBack(hook, Arguments())
    }

    /// The attribute names `__slots__` allows along the class's line, or nil when its instances
    /// take any (a class without `__slots__`, one whose line has a class without them, one that
    /// extends a library class such as nn.Module, or `__dict__` among the slots).
    private func slots(of cls: ClassValue) -> Set<String>? {
        guard let declared = cls.attributes["__slots__"] else { return nil }
        let names: [String]
        if case .string(let one) = declared { names = [one] } else { names = (declared.sequenceItems() ?? []).compactMap { if case .string(let s) = $0 { return s } else { return nil } } }
        guard !names.contains("__dict__") else { return nil }
        if let base = cls.base {
            guard let inherited = base.slots else { return nil }
            return inherited.union(names)
        }
        return cls.isPlain ? Set(names) : nil
    }

    /// `obj.name = value` on an instance: through the class's own `__setattr__` when it has one
    /// (true), after the `__slots__` check; false to store it as usual.
    func setAttributeThroughClass(_ object: Value, _ instance: Instance, _ name: String, _ value: Value) throws -> Bool {
        if instance.frozen { throw LanguageFailure("FrozenInstanceError: cannot assign to field '\(name)'") }
        if let slots = instance.cls.slots, !slots.contains(name), instance.cls.method(name) == nil, instance.cls.attribute(name) == nil {
            throw LanguageFailure("'\(instance.cls.name)' object has no attribute '\(name)'", fix: "__slots__ lists the attributes its instances may have", as: .attributeError)
        }
        guard let (decl, owner) = instance.cls.method("__setattr__") else { return false }
        _ = try callBack(try boundMethod(decl, of: object, instance, owner: owner), Arguments([.string(name), value]))
        return true
    }
}
