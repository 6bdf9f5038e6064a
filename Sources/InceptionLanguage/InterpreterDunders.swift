import InceptionRuntime

/// What a class of the program says an operator, len(), iteration, `in`, truth or a missing
/// attribute means for its instances: `__add__` / `__radd__` … `__neg__`, `__len__`, `__iter__`,
/// `__contains__`, `__bool__`, `__getattr__`, and `@name.setter` properties. Asked only where the
/// built-in meaning has nothing to offer, so tensors and numbers never pay for it.
extension Interpreter {
    static let binaryDunders: [String: (own: String, reflected: String)] = [
        "+": ("__add__", "__radd__"), "-": ("__sub__", "__rsub__"), "*": ("__mul__", "__rmul__"), "/": ("__truediv__", "__rtruediv__"),
        "//": ("__floordiv__", "__rfloordiv__"), "%": ("__mod__", "__rmod__"), "**": ("__pow__", "__rpow__"), "@": ("__matmul__", "__rmatmul__"),
        "&": ("__and__", "__rand__"), "|": ("__or__", "__ror__"), "^": ("__xor__", "__rxor__"), "<<": ("__lshift__", "__rlshift__"),
        ">>": ("__rshift__", "__rrshift__"),
    ]

    /// A bound method `name` of a class instance, if its class (or a base) defines one.
    func dunder(_ object: Value, _ name: String) throws -> Value? {
        guard case .module(let m) = object, let instance = instance(of: m), let method = instance.cls.method(name) else { return nil }
        return try boundMethod(method.decl, of: object, instance, owner: method.owner)
    }

    /// a op b through a's `__op__`, else b's reflected `__rop__`; nil when neither class defines one.
    @inline(never)
    func dunderOperator(_ symbol: String, _ a: Value, _ b: Value) throws -> Value? {
        guard a.asModule != nil || b.asModule != nil, let (own, reflected) = Self.binaryDunders[symbol] else { return nil }
        // a method that returns NotImplemented lets the other operand's answer
        if let f = try dunder(a, own), case let v = try callBack(f, Arguments([b])), !v.isNotImplemented { return v }
        if let f = try dunder(b, reflected), case let v = try callBack(f, Arguments([a])), !v.isNotImplemented { return v }
        return nil
    }

    /// -a, +a, ~a through `__neg__`, `__pos__`, `__invert__`.
    @inline(never)
    func dunderUnary(_ op: UnaryOperator, _ v: Value) throws -> Value? {
        let name = op == .minus ? "__neg__" : op == .plus ? "__pos__" : "__invert__"
        return try dunder(v, name).map { try callBack($0, Arguments()) }
    }

    /// format(v, spec), an f-string's field, str.format's: a class instance by its `__format__`
    /// (without one, as object's: str(v) for an empty spec, else a TypeError), the rest by FormatSpec.
    func formatted(_ v: Value, _ spec: String) throws -> String {
        if let f = try dunder(v, "__format__") {
            let result = try callBack(f, Arguments([.string(spec)]))
            guard case .string(let s) = result else { throw LanguageFailure("__format__ must return a str, not \(result.typeName)", as: .typeError) }
            return s
        }
        return try formatWithSpec(v, spec)
    }

    /// int(v), float(v), abs(v) of a class instance: the first of `names` its class defines
    /// (__int__ then __index__, __float__ then __index__, __abs__), called; nil when none is.
    func dunderConversion(_ v: Value, _ names: [String]) throws -> Value? {
        guard case .module = v else { return nil }
        for name in names { if let f = try dunder(v, name) { return try callBack(f, Arguments()) } }
        return nil
    }

    /// Python's truth of a value: a class instance by its `__bool__`, else its `__len__`.
    func truthValue(_ v: Value) throws -> Bool {
        if case .module = v {
            if let f = try dunder(v, "__bool__") {
                let result = try callBack(f, Arguments())
                guard case .bool(let b) = result else { throw LanguageFailure("__bool__ should return bool, returned \(result.typeName)", as: .typeError) }
                return b
            }
            if let f = try dunder(v, "__len__") { return try lengthResult(callBack(f, Arguments())) != 0 }
        }
        return try v.isTruthy()
    }

    /// len(obj) of a class instance with `__len__`.
    func dunderLength(_ v: Value) throws -> Int? {
        guard let f = try dunder(v, "__len__") else { return nil }
        return try lengthResult(callBack(f, Arguments()))
    }

    private func lengthResult(_ v: Value) throws -> Int {
        guard case .int(let n) = v else { throw LanguageFailure("'\(v.typeName)' object cannot be interpreted as an integer", as: .typeError) }
        guard n >= 0 else { throw LanguageFailure("__len__() should return >= 0", as: .valueError) }
        return n
    }

    /// The items of a class instance with `__iter__` (what it returns, iterated), or with only
    /// `__getitem__` (items 0, 1, … until IndexError, as Python's old protocol).
    func dunderItems(_ v: Value) throws -> [Value]? {
        if let f = try dunder(v, "__iter__") { return try iteratorItems(try callBack(f, Arguments()), of: v) }
        return try itemsByIndex(v)
    }

    /// What a for loop walks: an iterator stepped where it is (a generator's body run a step at
    /// a time: `iter(xs)`, a generator, or what an object's `__iter__` gives, its `__next__`
    /// called once a step), else the items.
    func iterationSource(_ v: Value) throws -> (iterator: ListStorage?, items: [Value]) {
        if case .list(let l) = v, l.isIterator { return (l, []) }
        if case .module = v, let f = try dunder(v, "__iter__") {
            let iterator = try callBack(f, Arguments())
            if case .list(let l) = iterator, l.isIterator { return (l, []) }
            if let next = try dunder(iterator, "__next__") {
                return (ListStorage.stepped("iterator") { [unowned self] in
                    do { return try callBack(next, Arguments()) } catch {
                        if let e = Self.exception(from: error), e.typeName == "StopIteration" { return nil }
                        throw error
                    }
                }, [])
            }
            return (nil, try iteratorItems(iterator, of: v))
        }
        return (nil, try iterationItems(v))
    }

    /// The items of what `v`'s `__iter__` returned.
    private func iteratorItems(_ iterator: Value, of v: Value) throws -> [Value] {
        // an iterator (often the object itself): __next__ until StopIteration
        if let next = try dunder(iterator, "__next__") { return try drain(next) }
        if case .module(let a) = iterator, case .module(let b) = v, a === b {
            throw LanguageFailure("iter() returned non-iterator of type '\(v.typeName)'", fix: "give the class a __next__ that raises StopIteration at the end", as: .typeError)
        }
        return try iterationItems(iterator)
    }

    /// Items by `__getitem__(0)`, `(1)`, … until IndexError or StopIteration; nil without one.
    private func itemsByIndex(_ v: Value) throws -> [Value]? {
        guard let f = try dunder(v, "__getitem__") else { return nil }
        var out: [Value] = []
        while out.count <= Self.generatorLimit {
            do { out.append(try callBack(f, Arguments([.int(out.count)]))) } catch {
                if let e = Self.exception(from: error), Self.isSubclass(e.typeName, of: "IndexError") || e.typeName == "StopIteration" { return out }
                throw error
            }
        }
        throw LanguageFailure("iterating through __getitem__ gave over \(Self.generatorLimit) items without an IndexError")
    }

    /// An iterator's items: its __next__ called until it raises StopIteration (at most the generator limit).
    private func drain(_ next: Value) throws -> [Value] {
        var out: [Value] = []
        while out.count <= Self.generatorLimit {
            do { out.append(try callBack(next, Arguments())) } catch {
                if let e = Self.exception(from: error), e.typeName == "StopIteration" { return out }
                throw error
            }
        }
        throw LanguageFailure("an iterator gave over \(Self.generatorLimit) items (one that never raises StopIteration?)", fix: "raise StopIteration when it is done")
    }

    /// `x in obj` through `__contains__` (else its items).
    func dunderContains(_ container: Value, _ item: Value) throws -> Bool? {
        if let f = try dunder(container, "__contains__") { return try truthValue(callBack(f, Arguments([item]))) }
        guard let items = try dunderItems(container) else { return nil }
        return try items.contains { try checkedValuesEqual($0, item) }
    }

    /// obj.name = value where the class has `@name.setter`: the setter runs; false when there is none.
    func propertySetter(_ object: Value, _ instance: Instance, _ name: String, _ value: Value) throws -> Bool {
        try propertyAccessor(object, instance, name, "setter", Arguments([value]))
    }

    /// del obj.name where the class has `@name.deleter`: the deleter runs; false when there is none.
    func propertyDeleter(_ object: Value, _ instance: Instance, _ name: String) throws -> Bool {
        try propertyAccessor(object, instance, name, "deleter", Arguments())
    }

    /// Runs the class's `@name.setter` or `@name.deleter` method (`role`); a property without
    /// one is Python's AttributeError ("property 'x' of 'P' object has no setter").
    private func propertyAccessor(_ object: Value, _ instance: Instance, _ name: String, _ role: String, _ arguments: Arguments) throws -> Bool {
        for c in instance.cls.lineage {
            guard let accessor = c.decl.methods.first(where: { m in
                m.name == name && m.decorators.contains { if case .attribute(_, role) = $0.kind { return true } else { return false } }
            }) else { continue }
            let defaults = try accessor.parameters.map { p in try p.defaultValue.map { try evaluate($0, c.closure) } }
            _ = try callBack(.function(Function(decl: accessor, closure: c.closure, defaults: defaults, receiver: object)), arguments)
            return true
        }
        if let getter = instance.cls.method(name), getter.decl.decorators.contains(where: { if case .name("property") = $0.kind { return true } else { return false } }) {
            throw LanguageFailure("property '\(name)' of '\(instance.cls.name)' object has no \(role)", as: .attributeError)
        }
        return false
    }

    /// obj.name that nothing else defines, through the class's `__getattr__`.
    func dunderGetattr(_ object: Value, _ name: String) throws -> Value? {
        try dunder(object, "__getattr__").map { try callBack($0, Arguments([.string(name)])) }
    }
}
