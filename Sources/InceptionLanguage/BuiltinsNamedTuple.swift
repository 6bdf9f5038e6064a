/// Named tuple types as Python makes them: `collections.namedtuple("Pt", ["x", "y"], defaults=…)`
/// and a `class R(typing.NamedTuple)` of annotated fields. The type is a builtin answering
/// `_fields`, `_field_defaults` and `_make`; its instances (NamedTuple) index, unpack and print
/// as tuples, with `_asdict()`, `_replace(**changes)` and `_fields`.
extension Interpreter {
    /// The type: called with the fields by position or by name, the last ones defaulting to `defaults`.
    static func namedTupleType(_ typeName: String, _ names: [String], defaults: [Value]) throws -> Value {
        guard defaults.count <= names.count else { throw LanguageFailure("Got more default values than field names", as: .typeError) }
        let firstDefault = names.count - defaults.count
        let parameters: [(String, Value?)] = names.enumerated().map { i, name in (name, i >= firstDefault ? defaults[i - firstDefault] : nil) }
        let make = { (values: [Value]) in Value.object(NamedTuple(typeName: typeName, names: names, values: values, oneLine: true)) }
        let type = Builtin(typeName) { _, arguments in
            let bound = try Signature(typeName, parameters).bind(arguments)
            return make(names.map { bound[$0] })
        }
        type.attributes["_fields"] = .tuple(names.map(Value.string))
        type.attributes["_field_defaults"] = .dict(DictStorage(zip(names[firstDefault...], defaults).map { (key: .string($0), value: $1) }))
        type.attributes["_make"] = .builtin(Builtin("_make") { interpreter, arguments in
            guard arguments.positional.count == 1 else { throw LanguageFailure("_make() takes one iterable", as: .typeError) }
            let values = try interpreter.iterationItems(arguments.positional[0])
            guard values.count == names.count else { throw LanguageFailure("Expected \(names.count) arguments, got \(values.count)", as: .typeError) }
            return make(values)
        })
        return .builtin(type)
    }

    /// `class R(NamedTuple): loss: float; acc: float = 0.0`: its annotated names are the fields,
    /// their values the defaults. Nil when the class does not extend typing.NamedTuple.
    func namedTupleClass(_ decl: ClassDecl, _ env: Environment) throws -> Value? {
        guard decl.bases.count == 1, case .object(let form as TypingForm)? = try? evaluate(decl.bases[0], env), form.name == "NamedTuple" else { return nil }
        if let method = decl.methods.first {
            throw RuntimeError(Diagnostic(.runtime, method.location, "methods of a typing.NamedTuple class are not supported here",
                                          fix: "write \(method.name) as a function that takes the tuple, or make \(decl.name) a @dataclass", callers: callers()))
        }
        var names: [String] = [], defaults: [Value] = []
        for statement in decl.body {
            guard case .annotatedAssign(let target, let value) = statement.kind, case .name(let name) = target.kind else { continue }
            names.append(name)
            if let value { defaults.append(try evaluate(value, env)) } else if !defaults.isEmpty {
                throw LanguageFailure("Non-default namedtuple field \(name) cannot follow default field\(defaults.count == 1 ? "" : "s") \(names[names.count - 1 - defaults.count..<names.count - 1].joined(separator: ", "))",
                                      as: .typeError)
            }
        }
        return try located(decl.location) { try Self.namedTupleType(decl.name, names, defaults: defaults) }
    }
}

extension NamedTuple {
    /// `_asdict()`, `_replace(**changes)` and `_fields` of a collections.namedtuple's instance.
    func namedTupleMethod(_ name: String) -> Value? {
        switch name {
        case "_fields": return .tuple(names.map(Value.string))
        case "_asdict": return .builtin(Builtin("_asdict") { [names, values] _, _ in
            .dict(DictStorage(zip(names, values).map { (key: .string($0), value: $1) }))
        })
        case "_replace": return .builtin(Builtin("_replace") { [self] _, arguments in
            guard arguments.positional.isEmpty else { throw LanguageFailure("_replace() takes the fields by name", as: .typeError) }
            var changed = values
            for (field, value) in arguments.keywords {
                guard let i = names.firstIndex(of: field) else { throw LanguageFailure("Got unexpected field names: ['\(field)']", as: .valueError) }
                changed[i] = value
            }
            return .object(NamedTuple(typeName: typeName, names: names, values: changed, oneLine: oneLine, extraMember: extraMember))
        })
        default: return nil
        }
    }
}
