import InceptionRuntime

/// Python's exceptions in the language: `raise`, `try`/`except`/`else`/`finally`, the exception
/// classes (`ValueError("…")`), and the statements that change scopes (`del`, `global`,
/// `nonlocal`). Errors the language itself reports are caught as the Python class PyTorch would
/// raise: the class their message names ("KeyError: 'a'") or their thrower gave them
/// (`PythonErrorClass`), RuntimeError otherwise (PyTorch's own errors are RuntimeErrors). An interruption
/// (Ctrl-C) is never caught.
extension Interpreter {
    /// Python's exception classes by parent: `except LookupError` catches a KeyError.
    static let exceptionParents: [String: String] = [
        "Exception": "BaseException", "ArithmeticError": "Exception", "ZeroDivisionError": "ArithmeticError",
        "OverflowError": "ArithmeticError", "LookupError": "Exception", "KeyError": "LookupError", "IndexError": "LookupError",
        "RuntimeError": "Exception", "NotImplementedError": "RuntimeError", "RecursionError": "RuntimeError",
        "ValueError": "Exception", "TypeError": "Exception", "AttributeError": "Exception", "NameError": "Exception",
        "AssertionError": "Exception", "StopIteration": "Exception", "ImportError": "Exception",
        "ModuleNotFoundError": "ImportError", "FileNotFoundError": "OSError", "IsADirectoryError": "OSError", "PermissionError": "OSError", "OSError": "Exception", "KeyboardInterrupt": "BaseException", "SystemExit": "BaseException", "StatisticsError": "ValueError",
        "JSONDecodeError": "ValueError", "UnboundLocalError": "NameError", "SyntaxError": "Exception",
        "_LinAlgError": "RuntimeError", "GeneratorExit": "BaseException", "FrozenInstanceError": "AttributeError",
    ]
    /// Classes a module holds (statistics.StatisticsError, json.JSONDecodeError, torch.linalg.LinAlgError,
    /// whose class is named _LinAlgError as PyTorch's), not builtins.
    static let moduleExceptionClasses: Set<String> = ["StatisticsError", "JSONDecodeError", "_LinAlgError", "FrozenInstanceError"]

    /// The exception classes as builtins: calling one makes the exception (`ValueError("bad")`).
    func exceptionBuiltins() -> [String: Value] {
        var t: [String: Value] = [:]
        for name in Array(Self.exceptionParents.keys) + ["BaseException"] where !Self.moduleExceptionClasses.contains(name) {
            t[name] = Self.exceptionClass(name)
        }
        // OSError(2, …) makes the FileNotFoundError its errno names, as Python's does
        t["OSError"] = .builtin(Builtin("OSError") { _, arguments in
            let errno = arguments.positional.count >= 2 ? arguments.positional[0].asInt : nil
            return .object(PythonException(errno == 2 ? "FileNotFoundError" : "OSError", arguments.positional))
        })
        return t
    }

    /// The builtin exception class `name`: calling it makes the exception.
    static func exceptionClass(_ name: String) -> Value {
        .builtin(Builtin(name) { _, arguments in .object(PythonException(name, arguments.positional)) })
    }

    func executeRaise(_ expr: Expr?, cause causeExpr: Expr? = nil, _ env: Environment, at location: SourceLocation) throws -> Never {
        guard let expr else {
            guard let active = activeExceptions.last else { throw RuntimeError(Diagnostic(.runtime, location, "RuntimeError: No active exception to reraise", callers: callers())) }
            throw RuntimeError(Diagnostic(.runtime, location, active.reported, callers: callers()), underlying: RaisedException(exception: active))
        }
        let value = try evaluate(expr, env)
        guard let exception = try located(expr.location, { try raisable(value, at: expr.location) }) else {
            throw RuntimeError(Diagnostic(.runtime, expr.location, "TypeError: exceptions must derive from BaseException",
                                          fix: "raise an exception class or instance, e.g. raise ValueError(\"…\")", callers: callers()))
        }
        if let causeExpr {
            exception.cause = try evaluate(causeExpr, env)
            exception.suppressContext = true         // `from` (even `from None`) hides the context in a traceback
        }
        throw RuntimeError(Diagnostic(.runtime, location, exception.reported, callers: callers()), underlying: RaisedException(exception: exception))
    }

    /// The exception `raise value` raises: an instance, or a class called with no arguments
    /// (`raise ShapeError`); nil for what is no exception.
    func raisable(_ value: Value, at location: SourceLocation) throws -> PythonException? {
        var value = value
        if case .classValue(let c) = value, c.exceptionBase != nil { value = try instantiate(c, Arguments(), at: location) }
        switch value {
        case .object(let e as PythonException): return e
        case .builtin(let b) where Self.isExceptionClass(b.name): return PythonException(b.name, [])
        default: return raisedInstance(value)
        }
    }

    /// Python's `generator.throw(E)`: E raised at the generator's last yield, where a `try` may
    /// catch it and go on to the next yield (given back); StopIteration when it returns instead.
    /// A generator that has ended, or that was run whole, raises E as it stands.
    func throwIntoGenerator(_ generator: ListStorage, _ thrown: Value) throws -> Value {
        let runner = generator.producer as? GeneratorRunner
        let site = runner?.site ?? frames.last(where: { $0.site != nil })?.site ?? SourceLocation(file: "<generator>", line: 0, column: 0)
        guard let exception = try raisable(thrown, at: site) else {
            throw LanguageFailure("exceptions must be classes or instances deriving from BaseException, not \(thrown.typeName)", as: .typeError)
        }
        let error = RaisedException(exception: exception)
        guard let runner else { throw error }
        guard let item = try runner.next(throwing: error) else {
            generator.producer = nil
            throw Self.stopIteration(runner.returnValue, fix: "the generator returned instead of yielding again")
        }
        return item
    }

    /// The StopIteration a generator's end raises: its `return v` as the exception's value
    /// (`e.value`, `e.args == (v,)`); none for None.
    static func stopIteration(_ value: Value, fix: String? = nil) -> LanguageFailure {
        guard !value.isNone else { return LanguageFailure("StopIteration", fix: fix) }
        var failure = LanguageFailure("StopIteration: " + PythonException.text(of: [value], typeName: "StopIteration"), fix: fix)
        failure.arguments = [value]
        return failure
    }

    func executeTry(_ body: [Stmt], _ handlers: [ExceptHandler], _ otherwise: [Stmt]?, _ finally: [Stmt]?,
                    _ env: Environment) throws -> Flow {
        let flow: Flow
        do {
            flow = try runGuarded(body, handlers, otherwise, env)
        } catch {
            // finally runs on the way out; its own return/break wins, as in Python
            if let finally, case let after = try execute(finally, env), !after.isNormal { return after }
            throw error
        }
        if let finally, case let after = try execute(finally, env), !after.isNormal { return after }
        return flow
    }

    /// The try block, the except clause that matches what it raised, or its else block (outside
    /// the handlers: what the else block raises is not caught by this try's except clauses).
    private func runGuarded(_ body: [Stmt], _ handlers: [ExceptHandler], _ otherwise: [Stmt]?, _ env: Environment) throws -> Flow {
        let flow: Flow
        do {
            flow = try execute(body, env)
        } catch let error where !handlers.isEmpty {
            return try handle(error, handlers, env)
        }
        guard flow.isNormal, let otherwise else { return flow }
        return try execute(otherwise, env)
    }

    /// The except clause that matches `error`, run; the error again when none does.
    private func handle(_ error: Error, _ handlers: [ExceptHandler], _ env: Environment) throws -> Flow {
        guard let exception = Self.exception(from: error) else { throw error }
        guard let handler = try handlers.first(where: { try handles($0, exception, env) }) else { throw error }
        if let name = handler.name { env.define(name, exception.boundValue) }
        activeExceptions.append(exception)
        defer { activeExceptions.removeLast() }
        let flow: Flow
        do {
            flow = try execute(handler.body, env)
        } catch {
            throw Self.withContext(error, exception)
        }
        if let name = handler.name { _ = env.remove(name) }           // as Python unbinds it
        return flow
    }

    /// An exception raised while `handled` was being handled has it as `__context__`, as
    /// Python's: a raised one gets it once (on the innermost handler it leaves); a language
    /// error becomes its exception object here, so an outer `except … as e` sees the same one.
    static func withContext(_ error: Error, _ handled: PythonException) -> Error {
        let underlying = (error as? RuntimeError)?.underlying ?? error
        if let raised = underlying as? RaisedException {
            let e = raised.exception
            if !e.isSame(as: handled), case .none = e.context, !handled.hasInContextChain(e) { e.context = handled.boundValue }
            return error
        }
        guard let runtime = error as? RuntimeError, runtime.pythonClass != .systemExit, let e = exception(from: error) else { return error }
        e.context = handled.boundValue
        var wrapped = runtime
        wrapped.underlying = RaisedException(exception: e)
        return wrapped
    }

    func handles(_ handler: ExceptHandler, _ exception: PythonException, _ env: Environment) throws -> Bool {
        guard let typesExpr = handler.types else { return true }
        let value = try evaluate(typesExpr, env)
        let classes = value.typeName == "tuple" ? value.sequenceItems() ?? [] : [value]
        return try located(typesExpr.location) { try isInstance(exception, ofAny: classes) }
    }

    /// Whether `exception` is of one of `classes` (builtin exception classes or the program's),
    /// as `except (A, B):` and `contextlib.suppress(A, B)` ask.
    func isInstance(_ exception: PythonException, ofAny classes: [Value]) throws -> Bool {
        try classes.contains { c in
            if case .classValue(let k) = c, k.exceptionBase != nil { return (exception as? ClassException)?.instance.cls.isSubclass(of: k) ?? false }
            guard case .builtin(let b) = c, Self.isExceptionClass(b.name) else {
                throw LanguageFailure("TypeError: catching classes that do not inherit from BaseException is not allowed")
            }
            return Self.isSubclass(exception.builtinClass, of: b.name)
        }
    }

    static func isExceptionClass(_ name: String) -> Bool { name == "BaseException" || exceptionParents[name] != nil }

    static func isSubclass(_ name: String, of ancestor: String) -> Bool { descends(name, from: ancestor, parents: exceptionParents) }

    /// `name` is `ancestor` or reaches it through `parents` (a builtin class tree: exceptions,
    /// torch.utils.data, torch.nn's layers).
    static func descends(_ name: String, from ancestor: String, parents: [String: String]) -> Bool {
        var current: String? = name
        while let c = current {
            if c == ancestor { return true }
            current = parents[c]
        }
        return false
    }

    /// The Python exception an error is, or nil for one that is not caught (an interruption).
    static func exception(from error: Error) -> PythonException? {
        let underlying = (error as? RuntimeError)?.underlying ?? error
        if let raised = underlying as? RaisedException { return raised.exception }
        if underlying is Interruption.Interrupted || underlying is ExecutionInterrupted || underlying is IntegerRangeRefusal { return nil }
        if let failure = underlying as? LanguageFailure, failure.isRefusal { return nil }
        let message = (error as? RuntimeError)?.diagnostic.message ?? "\(error)"
        // "KeyError: 'a'", "ZeroDivisionError", …: the class the message shows, as Python's does
        let head = String(message.prefix { $0 != ":" })
        let declared = (error as? RuntimeError)?.pythonClass ?? (underlying as? LanguageFailure)?.pythonClass
        if isExceptionClass(head), head != "BaseException", declared != .runtimeError {
            let rest = message.dropFirst(head.count).drop { $0 == ":" || $0 == " " }
            let arguments = (underlying as? LanguageFailure)?.arguments ?? (rest.isEmpty ? [] : [.string(String(rest))])
            let exception = PythonException(head, arguments, shown: String(rest))
            exception.attributes = (underlying as? LanguageFailure)?.attributes ?? [:]
            return exception
        }
        // the class the thrower gave it, else PyTorch's RuntimeError
        let kind = declared?.rawValue ?? "RuntimeError"
        let exception = PythonException(kind, (underlying as? LanguageFailure)?.arguments ?? [.string(message)])
        exception.attributes = (underlying as? LanguageFailure)?.attributes ?? [:]
        return exception
    }

    func executeDelete(_ targets: [Expr], _ env: Environment) throws {
        for target in targets {
            try located(target.location) {
                switch target.kind {
                case .name(let name):
                    guard env.remove(name) else { throw LanguageFailure("NameError: name '\(name)' is not defined") }
                case .index(let objectExpr, let indexExpr):
                    let object = try evaluate(objectExpr, env), index = try evaluate(indexExpr, env)
                    switch object {
                    case .dict(let d):
                        guard d.index(of: index) != nil else { throw LanguageFailure.keyError(index) }
                        d.remove(index)
                    case .list(let l) where l.view == nil:
                        if case .object(let s as SliceObject) = index { try Self.deleteSlice(l, s); return }
                        guard let i = index.asInt, case .int = index else { throw LanguageFailure("TypeError: list indices must be integers, not \(index.typeName)") }
                        let j = i < 0 ? l.items.count + i : i
                        guard l.items.indices.contains(j) else { throw LanguageFailure("IndexError: list assignment index out of range") }
                        l.replace(j..<j + 1, with: [])
                    case .module where try dunder(object, "__delitem__") != nil:              // a class of the program's own
                        _ = try callBack(try dunder(object, "__delitem__")!, Arguments([index]))
                    case .module(let m) where m.isNumberedContainer || m.isModuleDict:
                        try Self.deleteLayer(m, index)
                    default:
                        throw LanguageFailure("TypeError: '\(object.typeName)' object doesn't support item deletion")
                    }
                case .attribute(let objectExpr, let name):
                    // del self.layer / del obj.x: an attribute, a layer, a parameter or a buffer
                    let object = try evaluate(objectExpr, env)
                    guard case .module(let m) = object else {
                        throw LanguageFailure("del of an attribute of a \(object.typeName) is not supported here", fix: "set it to None instead")
                    }
                    if let instance = instance(of: m), try propertyDeleter(object, instance, name) {
                        // the class's @name.deleter ran
                    } else if let instance = instance(of: m), instance.attributes[.string(name)] != nil {
                        instance.attributes.remove(.string(name))
                        EmptiedMembers.remove(name, of: m)          // a member set to None: its name goes too
                    } else if !(m is Block), m.child(name) == nil, m.parameters.contains(where: { $0.name == name }) || m.buffers.contains(where: { $0.name == name }) {
                        // a builtin layer's own weights: its forward reads them
                        throw LanguageFailure("cannot delete '\(name)' of \(m.typeName): the layer's forward uses it", fix: "set new values under torch.no_grad(), or build a new layer")
                    } else if !m.removeMember(name) {
                        throw LanguageFailure("'\(m.typeName)' object has no attribute '\(name)'", as: .attributeError)
                    }
                default:
                    throw LanguageFailure("del of an attribute is not supported here", fix: "set it to None instead")
                }
            }
        }
    }

    /// `del seq[i]`, `del layers[i]` (the rest numbered anew, as PyTorch's __delitem__ does) or `del d["name"]`.
    /// Which child of a Sequential or ModuleList `seq[i]` names (i may count from the end).
    static func layerPosition(_ m: Module, _ index: Value) throws -> Int {
        guard let i = index.indexValue else { throw LanguageFailure("\(m.typeName) indices must be integers, not \(index.typeName)", as: .typeError) }
        let j = i < 0 ? m.children.count + i : i
        guard m.children.indices.contains(j) else { throw LanguageFailure("index \(i) is out of range", as: .indexError) }
        return j
    }

    static func deleteLayer(_ m: Module, _ index: Value) throws {
        if m.isModuleDict {
            guard case .string(let key) = index, m.removeMember(key) else { throw LanguageFailure.keyError(index) }
            return
        }
        let j = try layerPosition(m, index), layers = m.children.map(\.module)
        for (name, _) in m.children { _ = m.removeMember(name) }
        for (k, layer) in layers.enumerated() where k != j { m.register(String(k < j ? k : k - 1), layer) }
    }

    func declareScope(_ names: [String], global: Bool, _ env: Environment, at location: SourceLocation) throws {
        guard env !== globals else {
            if global { return }
            throw RuntimeError(Diagnostic(.syntax, location, "nonlocal declaration not allowed at module level", callers: callers()))
        }
        for name in names {
            if global { env.redirect(name, to: globals); continue }
            guard let scope = env.enclosingScope(binding: name, below: globals) else {
                throw RuntimeError(Diagnostic(.syntax, location, "no binding for nonlocal '\(name)' found", callers: callers()))
            }
            env.redirect(name, to: scope)
        }
    }
}

/// A raised Python exception on its way up (the RuntimeError's underlying error).
struct RaisedException: Error, CustomStringConvertible, @unchecked Sendable {   // one interpreter's thread only
    let exception: PythonException
    var description: String { exception.message }
}

/// An exception object: `ValueError("bad value")`. str(e) is its argument, repr(e) the call.
public class PythonException: NativeObject {
    let arguments: [Value]
    /// `raise … from cause`: what `__cause__` gives.
    var cause: Value = .none
    /// The exception being handled when this one was raised: what `__context__` gives.
    var context: Value = .none
    /// `raise … from …` sets it: what `__suppress_context__` gives.
    var suppressContext = false
    /// Whether `e` is this exception's context, or its context's, … (a raised class instance
    /// is compared by its instance: each raise wraps it anew).
    func hasInContextChain(_ e: PythonException) -> Bool {
        var seen = 0, current = context
        while seen < 1000, case .object(let c as PythonException) = current {
            if c.isSame(as: e) { return true }
            current = c.context; seen += 1
        }
        if case .module(let m) = current, case .module(let n) = e.boundValue { return m === n }
        return false
    }
    func isSame(as other: PythonException) -> Bool {
        if self === other { return true }
        if case .module(let m) = boundValue, case .module(let n) = other.boundValue { return m === n }
        return false
    }
    /// What str() shows when the language made it from its own error's text (already formatted).
    let shown: String?
    /// Attributes besides args and __cause__ (a JSONDecodeError's msg, pos, lineno, colno).
    var attributes: [String: Value] = [:]
    init(_ typeName: String, _ arguments: [Value], shown: String? = nil) {
        self.arguments = arguments; self.shown = shown; super.init(typeName: typeName)
    }
    public override var repr: String { "\(typeName)(\(arguments.map(\.repr).joined(separator: ", ")))" }
    public override var str: String { shown ?? Self.text(of: arguments, typeName: typeName) }
    /// BaseException's str: its one argument, "" for none, the tuple for several (a KeyError
    /// shows its key as repr: KeyError: 'b').
    static func text(of arguments: [Value], typeName: String) -> String {
        // OSError(errno, strerror[, filename]): "[Errno 2] No such file: 'x'"
        if arguments.count == 2 || arguments.count == 3, case .int(let errno) = arguments[0], Interpreter.isSubclass(typeName, of: "OSError") {
            return "[Errno \(errno)] \(arguments[1].text)" + (arguments.count == 3 ? ": \(arguments[2].repr)" : "")
        }
        return arguments.count == 1 ? (typeName == "KeyError" ? arguments[0].repr : arguments[0].text) : arguments.isEmpty ? "" : Value.tuple(arguments).repr
    }
    /// "ValueError: bad value", as Python's traceback ends.
    var message: String { str.isEmpty ? typeName : "\(typeName): \(str)" }
    /// The message and, a line each, the notes `add_note` gave it (`__notes__`), as a traceback ends.
    var reported: String {
        guard let notes = attributes["__notes__"] else { return message }
        guard case .list(let l) = notes else { return message + "\n" + notes.repr }
        return ([message] + l.items.map { if case .string(let s) = $0 { return s } else { return $0.repr } }).joined(separator: "\n")
    }
    /// e.add_note("…"): a line after the message where the exception is reported (PEP 678).
    private var addNote: Value {
        .builtin(Builtin("add_note") { [self] _, a in
            guard a.positional.count == 1, a.keywords.isEmpty else {
                throw LanguageFailure("BaseException.add_note() takes exactly one argument (\(a.positional.count) given)", as: .typeError)
            }
            guard case .string = a.positional[0] else { throw LanguageFailure("note must be a str, not '\(a.positional[0].typeName)'", as: .typeError) }
            let notes = attributes["__notes__"] ?? .list(ListStorage([]))
            guard case .list(let l) = notes, l.view == nil else { throw LanguageFailure("Cannot add note: __notes__ is not a list", as: .typeError) }
            l.items.append(a.positional[0])
            attributes["__notes__"] = notes
            return .none
        })
    }
    public override func member(_ name: String) -> Value? {
        switch name {
        case "args": return .tuple(arguments)
        case "__cause__": return cause
        case "__context__": return context
        case "__suppress_context__": return .bool(suppressContext)
        case "add_note": return addNote
        case "value" where typeName == "StopIteration": return attributes[name] ?? arguments.first ?? Value.none
        default: return attributes[name]
        }
    }
    /// `e.name = value`, as Python's exceptions take any attribute; setting `__cause__` also sets
    /// `__suppress_context__`, as BaseException's does.
    func setMember(_ name: String, _ value: Value) throws {
        switch name {
        case "args": throw LanguageFailure("setting args of an exception is not supported here", fix: "raise a new exception with the arguments")
        case "__cause__": cause = value; suppressContext = true
        case "__context__": context = value
        case "__suppress_context__":
            guard case .bool(let b) = value else { throw LanguageFailure("attribute value type must be bool", as: .typeError) }
            suppressContext = b
        default: attributes[name] = value
        }
    }
    /// The builtin class it is or extends, for `except ValueError`.
    var builtinClass: String { typeName }
    /// What `except … as e` binds.
    var boundValue: Value { .object(self) }
}

extension Interpreter.Flow {
    var isNormal: Bool { if case .normal = self { return true } else { return false } }
}

extension Interpreter {
    /// "'a', 'b'" (the first 8 keys), for a KeyError's fix.
    static func keyList(_ d: DictStorage) -> String {
        let keys = d.entries.prefix(8).map(\.key.repr).joined(separator: ", ")
        return d.entries.isEmpty ? "none (it is empty)" : keys + (d.entries.count > 8 ? ", …" : "")
    }
}
