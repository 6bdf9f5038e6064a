import InceptionRuntime

/// Exception classes written in the program: `class ShapeError(ValueError): …`. An instance
/// is an instance of the class as any other (attributes, methods, `__str__`), with `args`
/// kept as BaseException keeps them (the call's positional arguments, or what
/// `super().__init__(…)` passes); raising one wraps it in a `ClassException`, which
/// `except ShapeError`, `except ValueError` and `except Exception` catch.
extension Interpreter {
    /// The builtin exception class among a class header's bases (`(ValueError)`), if any.
    func builtinExceptionBase(of decl: ClassDecl, _ env: Environment) -> String? {
        for e in decl.bases {
            if case .builtin(let b)? = try? evaluate(e, env), Self.isExceptionClass(b.name) { return b.name }
        }
        return nil
    }

    /// An instance of an exception class as the exception `raise` throws, or nil for other values.
    func raisedInstance(_ value: Value) -> PythonException? {
        guard case .module(let m) = value, let instance = instance(of: m), instance.cls.exceptionBase != nil else { return nil }
        return ClassException(instance, value)
    }

    /// The text of an exception instance, as BaseException's __str__ and __repr__ make it from
    /// args, for classes that define neither (registered with the class's own texts).
    static func exceptionTexts(_ instance: Instance) -> [String: () -> String] {
        func arguments() -> [Value] { instance.attributes[.string("args")]?.sequenceItems() ?? [] }
        return [
            "__str__": { PythonException.text(of: arguments(), typeName: instance.cls.name) },
            "__repr__": { "\(instance.cls.name)(\(arguments().map(\.repr).joined(separator: ", ")))" },
        ]
    }

    /// isinstance(e, ValueError) / issubclass(ShapeError, Exception) for the program's exception classes.
    static func exceptionClass(_ cls: ClassValue, extends builtin: String) -> Bool {
        cls.exceptionBase.map { isSubclass($0, of: builtin) } ?? false
    }
}

/// A raised instance of a program's exception class.
final class ClassException: PythonException {
    let instance: Instance
    let value: Value
    init(_ instance: Instance, _ value: Value) {
        self.instance = instance; self.value = value
        super.init(instance.cls.name, [])
    }
    public override var str: String { value.text }
    public override var repr: String { value.repr }
    override var builtinClass: String { instance.cls.exceptionBase ?? "Exception" }
    override var boundValue: Value { value }
    /// `raise ShapeError(…) from err`: e.__cause__ on the instance
    override var cause: Value { didSet { instance.attributes.set(.string("__cause__"), cause) } }
    override var context: Value { didSet { instance.attributes.set(.string("__context__"), context) } }
    override var suppressContext: Bool { didSet { instance.attributes.set(.string("__suppress_context__"), .bool(suppressContext)) } }
}
