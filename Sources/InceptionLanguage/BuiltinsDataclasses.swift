import InceptionRuntime

/// `from dataclasses import dataclass, field, asdict, astuple, replace`: @dataclass gives a class
/// an __init__ taking its annotated fields in order (defaults and default_factory honoured), a
/// `Name(a=1, b=2)` __repr__ and a field-by-field __eq__, as Python's does; order=True adds
/// <, <=, >, >= on the fields as a tuple, frozen=True refuses assignments after __init__
/// (FrozenInstanceError) and hashes the fields.
extension Interpreter {
    func dataclassesNamespace() -> Namespace {
        Namespace("dataclasses", [
            "dataclass": .builtin(Builtin("dataclass") { interpreter, a in
                let options = try Signature("dataclass", [("init", .bool(true)), ("repr", .bool(true)), ("eq", .bool(true)),
                                                          ("order", .bool(false)), ("frozen", .bool(false))]).bind(Arguments([], keywords: a.keywords))
                if try options.bool("order"), !(try options.bool("eq")) { throw LanguageFailure("eq must be true if order is true", as: .valueError) }
                let make = { (interpreter: Interpreter, cls: Value) throws -> Value in
                    guard case .classValue(let c) = cls else { throw LanguageFailure("dataclass() should be called on a class, got \(cls.typeName)", as: .typeError) }
                    return .classValue(try interpreter.dataclass(c, initializer: try options.bool("init"), repr: try options.bool("repr"), eq: try options.bool("eq"),
                                                                 order: try options.bool("order"), frozen: try options.bool("frozen")))
                }
                guard let cls = a.positional.first else {       // @dataclass(eq=False): a decorator
                    return .builtin(Builtin("dataclass") { interpreter, b in
                        guard b.positional.count == 1 else { throw LanguageFailure("dataclass() takes one class", as: .typeError) }
                        return try make(interpreter, b.positional[0])
                    })
                }
                return try make(interpreter, cls)
            }),
            "field": Self.builtin(Signature("field", [("default", .object(NoDefault.marker)), ("default_factory", .object(NoDefault.marker)),
                                                      ("repr", .bool(true)), ("compare", .bool(true))])) { _, a in
                func given(_ v: Value) -> Value? { if case .object(let o) = v, o === NoDefault.marker { return nil } else { return v } }
                if given(a["default"]) != nil, given(a["default_factory"]) != nil {
                    throw LanguageFailure("cannot specify both default and default_factory", as: .valueError)
                }
                return .object(DataclassField(default: given(a["default"]), factory: given(a["default_factory"]), repr: try a.bool("repr"), compare: try a.bool("compare")))
            },
            "FrozenInstanceError": Self.exceptionClass("FrozenInstanceError"),
            "asdict": Self.builtin(Signature("asdict", [("obj", nil)])) { interpreter, a in try interpreter.dataclassValues(a["obj"], asDict: true) },
            "astuple": Self.builtin(Signature("astuple", [("obj", nil)])) { interpreter, a in try interpreter.dataclassValues(a["obj"], asDict: false) },
            "replace": .builtin(Builtin("replace") { interpreter, a in
                guard a.positional.count == 1, case .module(let m) = a.positional[0], let instance = interpreter.instance(of: m),
                      let fields = instance.cls.dataclassFields else {
                    throw LanguageFailure("replace() should be called on dataclass instances", as: .typeError)
                }
                let changed = try fields.map { name in (name, try a.keywords.first { $0.name == name }?.value ?? interpreter.getAttribute(a.positional[0], name)) }
                for k in a.keywords where !fields.contains(k.name) {
                    throw LanguageFailure("\(instance.cls.name).__init__() got an unexpected keyword argument '\(k.name)'", as: .typeError)
                }
                return try interpreter.callBack(.classValue(instance.cls), Arguments([], keywords: changed))
            }),
            "is_dataclass": Self.builtin(Signature("is_dataclass", [("obj", nil)])) { interpreter, a in
                switch a["obj"] {
                case .classValue(let c): return .bool(c.dataclassFields != nil)
                case .module(let m): return .bool(interpreter.instance(of: m)?.cls.dataclassFields != nil)
                default: return .bool(false)
                }
            },
        ])
    }

    /// The dataclass made from `cls`: the same class with its fields recorded and the methods Python generates.
    func dataclass(_ cls: ClassValue, initializer: Bool, repr: Bool, eq: Bool, order: Bool = false, frozen: Bool = false) throws -> ClassValue {
        let at = cls.decl.location
        let statements = cls.decl.hasInitializer ? cls.decl.classBody : cls.decl.body
        var fields = cls.base?.dataclassFields ?? []
        for s in statements {
            if case .annotatedAssign(let target, _) = s.kind, case .name(let n) = target.kind, !fields.contains(n) { fields.append(n) }
        }
        // each field's default: the class attribute the body set (a field(...) gives it or a factory)
        var defaults: [Value?] = [], factories: [String: Value] = [:]
        var hidden = cls.base?.dataclassHidden ?? [:]           // field(repr=False) / field(compare=False): "repr" / "compare" → names
        for name in fields {
            if case .object(let f as DataclassField)? = cls.attributes[name] {
                hidden["repr", default: []].remove(name); hidden["compare", default: []].remove(name)
                if !f.shown { hidden["repr", default: []].insert(name) }
                if !f.compared { hidden["compare", default: []].insert(name) }
            }
            // a base's field with a factory, not given a new default here, keeps its factory
            if cls.attributes[name] == nil, let factory = cls.base?.dataclassFactories[name] {
                factories[name] = factory; defaults.append(.object(NoDefault.marker)); continue
            }
            switch cls.attribute(name) {
            case .object(let f as DataclassField)?:
                if let factory = f.factory { factories[name] = factory; defaults.append(.object(NoDefault.marker)) } else { defaults.append(f.default) }
                cls.attributes[name] = f.default
            case let v?:
                if case .list = v { throw LanguageFailure("mutable default <class 'list'> for field \(name) is not allowed: use default_factory", as: .valueError) }
                if case .dict = v { throw LanguageFailure("mutable default <class 'dict'> for field \(name) is not allowed: use default_factory", as: .valueError) }
                if case .set = v { throw LanguageFailure("mutable default <class 'set'> for field \(name) is not allowed: use default_factory", as: .valueError) }
                defaults.append(v)
            case nil: defaults.append(nil)
            }
        }
        if initializer, !cls.decl.hasInitializer, let i = defaults.indices.dropFirst().first(where: { defaults[$0] == nil && defaults[$0 - 1] != nil }) {
            throw LanguageFailure("non-default argument '\(fields[i])' follows default argument", as: .typeError)
        }
        func name(_ n: String) -> Expr { Expr(.name(n), at) }
        func field(of object: String, _ f: String) -> Expr { Expr(.attribute(name(object), f), at) }
        func call(_ f: String, _ args: [Expr]) -> Expr { Expr(.call(name(f), args.map { CallArgument(label: nil, value: $0) }), at) }
        func method(_ n: String, _ parameters: [String], returning e: Expr) -> FunctionDecl {
            FunctionDecl(name: n, parameters: parameters.map { Parameter(name: $0, defaultValue: nil, location: at) },
                         body: [Stmt(.returnValue(e), at)], location: at)
        }
        var methods = cls.decl.methods
        let compared = fields.filter { !(hidden["compare"] ?? []).contains($0) }
        if repr, cls.method("__repr__")?.owner !== cls {
            // type(self).__name__ + "(a=" + repr(self.a) + ", b=" + repr(self.b) + ")"
            var text = Expr(.binary(.add, Expr(.attribute(call("type", [name("self")]), "__name__"), at), Expr(.string("("), at)), at)
            for (i, f) in fields.filter({ !(hidden["repr"] ?? []).contains($0) }).enumerated() {
                text = Expr(.binary(.add, text, Expr(.string((i == 0 ? "" : ", ") + f + "="), at)), at)
                text = Expr(.binary(.add, text, call("repr", [field(of: "self", f)])), at)
            }
            methods.append(method("__repr__", ["self"], returning: Expr(.binary(.add, text, Expr(.string(")"), at)), at)))
        }
        if eq, cls.method("__eq__")?.owner !== cls {
            // type(other) is type(self) and (self.a, …) == (other.a, …)
            let sameType = Expr(.compare(call("type", [name("other")]), [(.isSame, call("type", [name("self")]))]), at)
            let values = Expr(.compare(Expr(.tuple(compared.map { field(of: "self", $0) }), at), [(.equal, Expr(.tuple(compared.map { field(of: "other", $0) }), at))]), at)
            methods.append(method("__eq__", ["self", "other"], returning: Expr(.and(sameType, values), at)))
        }
        if order {
            // (self.a, …) < (other.a, …) if type(other) is type(self) else NotImplemented; and <=, >, >=
            let sameType = Expr(.compare(call("type", [name("other")]), [(.isSame, call("type", [name("self")]))]), at)
            for (methodName, op) in [("__lt__", CompareOperator.less), ("__le__", .lessEqual), ("__gt__", .greater), ("__ge__", .greaterEqual)] {
                if cls.decl.methods.contains(where: { $0.name == methodName }) {
                    throw LanguageFailure("Cannot overwrite attribute \(methodName) in class \(cls.name). Consider using functools.total_ordering", as: .typeError)
                }
                let values = Expr(.compare(Expr(.tuple(compared.map { field(of: "self", $0) }), at), [(op, Expr(.tuple(compared.map { field(of: "other", $0) }), at))]), at)
                methods.append(method(methodName, ["self", "other"], returning: Expr(.conditional(condition: sameType, then: values, otherwise: name("NotImplemented")), at)))
            }
        }
        if frozen, eq, cls.method("__hash__")?.owner !== cls {
            // hash((self.a, …)): equal frozen instances hash alike
            methods.append(method("__hash__", ["self"], returning: call("hash", [Expr(.tuple(compared.map { field(of: "self", $0) }), at)])))
        }
        let makesInit = initializer && !cls.decl.hasInitializer
        // self.f = f, or for a default_factory field: self.f = factory() if f is <missing> else f
        let assignments: [Stmt] = makesInit ? fields.map { f in
            var value = name(f)
            if factories[f] != nil {
                value = Expr(.conditional(condition: Expr(.compare(name(f), [(.isSame, name("__dataclass_missing__"))]), at),
                                          then: call("__dataclass_factory_\(f)", []), otherwise: name(f)), at)
            }
            return Stmt(.assign(targets: [field(of: "self", f)], value: value), at)
        } : cls.constructorBody
        // __init__ ends with self.__post_init__() when the class (or a base) defines it
        let postInit: [Stmt] = makesInit && cls.method("__post_init__") != nil
            ? [Stmt(.expression(Expr(.call(field(of: "self", "__post_init__"), []), at)), at)] : []
        let body = assignments + postInit
        let parameters = makesInit ? fields.map { Parameter(name: $0, defaultValue: nil, location: at) } : cls.parameters
        let decl = ClassDecl(name: cls.decl.name, parameters: parameters, body: body, methods: methods, location: at,
                             bases: cls.decl.bases, hasInitializer: makesInit || cls.decl.hasInitializer, classBody: cls.decl.classBody,
                             extendsModule: cls.decl.extendsModule, qualifiedName: cls.decl.qualifiedName)
        let made = ClassValue(decl: decl, scope: cls.closure.parent!, parameters: parameters, defaults: makesInit ? defaults : cls.defaults,
                              base: cls.base, extendsAutogradFunction: cls.extendsAutogradFunction, constructorBody: body)
        made.attributes = cls.attributes
        made.dataBase = cls.dataBase
        made.dataclassFields = fields
        made.dataclassHidden = hidden
        made.dataclassFrozen = frozen || cls.base?.dataclassFrozen == true
        made.dataclassFactories = factories
        made.closure.define("__dataclass_missing__", .object(NoDefault.marker))
        for (f, factory) in factories { made.closure.define("__dataclass_factory_\(f)", factory) }
        return made
    }

    /// asdict / astuple: a dataclass's fields, those that are dataclasses (or lists, tuples and
    /// dicts of them) converted too, the rest deep-copied, as Python's do.
    func dataclassValues(_ object: Value, asDict: Bool) throws -> Value {
        guard case .module(let m) = object, let fields = instance(of: m)?.cls.dataclassFields else {
            throw LanguageFailure("\(asDict ? "asdict" : "astuple")() should be called on dataclass instances", as: .typeError)
        }
        var memo: [ObjectIdentifier: Value] = [:]
        func convert(_ v: Value) throws -> Value {
            switch v {
            case .module(let inner) where instance(of: inner)?.cls.dataclassFields != nil: return try dataclassValues(v, asDict: asDict)
            case .list(let l) where l.view == nil: return .list(ListStorage(try l.items.map(convert)))
            case .tuple(let xs): return .tuple(try xs.map(convert))
            case .dict(let d): return .dict(DictStorage(try d.entries.map { (try convert($0.key), try convert($0.value)) }, kind: d.kind))
            default: return try deepCopy(v, &memo)
            }
        }
        let values = try fields.map { try convert(try getAttribute(object, $0)) }
        return asDict ? .dict(DictStorage(zip(fields, values).map { (Value.string($0.0), $0.1) })) : .tuple(values)
    }
}

/// What `field(default=…, default_factory=…)` gives: read by @dataclass from the class body.
final class DataclassField: NativeObject {
    let `default`: Value?
    let factory: Value?
    /// field(repr=False) leaves it out of __repr__, field(compare=False) out of ==, < and hash.
    let shown: Bool, compared: Bool
    init(default: Value?, factory: Value?, repr: Bool = true, compare: Bool = true) {
        self.default = `default`; self.factory = factory; self.shown = repr; self.compared = compare
        super.init(typeName: "Field")
    }
    override var repr: String { "Field(default=\(self.default?.repr ?? "MISSING"), default_factory=\(factory?.repr ?? "MISSING"))" }
}
