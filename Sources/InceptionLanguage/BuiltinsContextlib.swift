import InceptionRuntime

/// A context manager from Python's library (contextlib's): unlike torch's, its exit sees the
/// error the block raised and may suppress it (true).
final class LibraryContextManager: NativeObject {
    var enter: (Interpreter) throws -> Value
    let exit: (Interpreter, Error?) throws -> Bool
    /// A fresh manager of the same making (`@contextmanager`'s, which decorates a function too:
    /// each call of it runs inside a new one).
    var recreate: (() throws -> LibraryContextManager)?
    /// Its methods (ExitStack's enter_context, callback, close).
    var memberLookup: (String) -> Value? = { _ in nil }
    init(typeName: String, enter: @escaping (Interpreter) throws -> Value, exit: @escaping (Interpreter, Error?) throws -> Bool) {
        self.enter = enter; self.exit = exit
        super.init(typeName: typeName)
    }
    override func member(_ name: String) -> Value? { memberLookup(name) }
    // (Python's repr ends with the object's address, which differs on every run)
    override var repr: String { "<contextlib.\(typeName) object>" }
}

/// `import contextlib`: `@contextmanager` (a generator function as a `with` manager: the code
/// before its `yield` enters, the code after it exits, an error of the block raised at the
/// yield), `nullcontext`, `suppress`, `closing` and `ExitStack`, as Python's.
extension Interpreter {
    func contextlibNamespace() -> Namespace {
        Namespace("contextlib", [
            "contextmanager": Self.builtin(Signature("contextmanager", [("func", nil)])) { interpreter, a in
                try Self.generatorContextFactory(a["func"], interpreter)
            },
            "nullcontext": Self.builtin(Signature("nullcontext", [("enter_result", Value.none)])) { _, a in
                let result = a["enter_result"]
                return .object(LibraryContextManager(typeName: "nullcontext", enter: { _ in result }, exit: { _, _ in false }))
            },
            // suppress(*exceptions): an error of one of these classes ends the block quietly
            "suppress": .builtin(Builtin("suppress") { interpreter, arguments in
                guard arguments.keywords.isEmpty else { throw LanguageFailure("suppress() takes no keyword arguments", as: .typeError) }
                let classes = arguments.positional
                return .object(LibraryContextManager(typeName: "suppress", enter: { _ in .none }, exit: { interpreter, error in
                    guard let error, let exception = Interpreter.exception(from: error) else { return false }
                    return try interpreter.isInstance(exception, ofAny: classes)
                }))
            }),
            // closing(thing): thing.close() when the block ends
            "closing": Self.builtin(Signature("closing", [("thing", nil)])) { _, a in
                let thing = a["thing"]
                return .object(LibraryContextManager(typeName: "closing", enter: { _ in thing }, exit: { interpreter, _ in
                    _ = try interpreter.callBack(try interpreter.getAttribute(thing, "close"), Arguments([]))
                    return false
                }))
            },
            "ExitStack": Self.builtin(Signature("ExitStack", [])) { _, _ in .object(Self.exitStack()) },
        ])
    }

    /// `ExitStack()`: managers entered one by one (`enter_context`) and functions to call
    /// (`callback`), all left in the reverse order when the stack's `with` block ends or at
    /// `close()`. An error goes through each exit in turn; one that suppresses it clears it for
    /// those after, one that raises replaces it.
    private static func exitStack() -> LibraryContextManager {
        var exits: [ContextExit] = []
        func unwind(_ error: Error?) throws -> Bool {
            var pending = error, replaced = false
            while let exit = exits.popLast() {
                do {
                    if try exit.leave(pending) { pending = nil }
                } catch {
                    pending = error
                    replaced = true
                }
            }
            if replaced, let pending { throw pending }
            return error != nil && pending == nil
        }
        let stack = LibraryContextManager(typeName: "ExitStack", enter: { _ in .none }, exit: { _, error in try unwind(error) })
        stack.enter = { [unowned stack] _ in .object(stack) }        // `with ExitStack() as stack:`
        stack.memberLookup = { name in
            switch name {
            case "enter_context":
                return builtin(Signature("enter_context", [("cm", nil)])) { interpreter, a in
                    let (value, exit) = try interpreter.enterContext(a["cm"])
                    exits.append(exit)
                    return value
                }
            case "callback":
                // callback(function, *args, **kwargs): called with them at the end; gives back the function
                return .builtin(Builtin("callback") { interpreter, arguments in
                    guard let function = arguments.positional.first else { throw LanguageFailure("callback() needs the function to call", as: .typeError) }
                    let rest = Arguments(Array(arguments.positional.dropFirst()), keywords: arguments.keywords)
                    exits.append(ContextExit { [unowned interpreter] _ in
                        _ = try interpreter.callBack(function, rest)
                        return false
                    })
                    return function
                })
            case "close":
                return .builtin(Builtin("close") { _, _ in _ = try unwind(nil); return .none })
            default: return nil
            }
        }
        return stack
    }

    /// `@contextmanager def f(…)`: a function whose calls make a `_GeneratorContextManager` over
    /// the generator `f(…)` returns.
    private static func generatorContextFactory(_ function: Value, _ interpreter: Interpreter) throws -> Value {
        guard function.isCallable else { throw LanguageFailure("contextmanager() takes the generator function it decorates", as: .typeError) }
        if case .function(let f) = function, f.decl.isGenerator, !f.decl.stepsLazily {
            throw LanguageFailure("@contextmanager over a generator that yields inside a finally: block is not supported here",
                                  fix: "yield in the try: block and clean up in finally:")
        }
        let name = (try? interpreter.getAttribute(function, "__name__").text) ?? "function"
        let factory = ClosureObject(typeName: "function", memberNames: ["__name__", "__wrapped__"]) { "<function \(name)>" }
        factory.memberLookup = { member in member == "__name__" ? .string(name) : member == "__wrapped__" ? function : nil }
        factory.call = { interpreter, arguments in
            let manager = try generatorContext(try interpreter.callBack(function, arguments))
            manager.recreate = { try generatorContext(try interpreter.callBack(function, arguments)) }
            return .object(manager)
        }
        return .object(factory)
    }

    /// contextlib's `_GeneratorContextManager` over `made` (what the decorated function returned).
    private static func generatorContext(_ made: Value) throws -> LibraryContextManager {
        let generator: ListStorage? = { if case .list(let l) = made, l.view == "generator" { return l } else { return nil } }()
        return LibraryContextManager(typeName: "_GeneratorContextManager", enter: { _ in
            guard let generator else { throw LanguageFailure("'\(made.typeName)' object is not an iterator", as: .typeError) }
            guard let item = try generator.takeNext() else { throw LanguageFailure("generator didn't yield", as: .runtimeError) }
            return item
        }, exit: { _, error in
            guard let generator else { return false }
            guard let error else {
                if try generator.takeNext() != nil { throw LanguageFailure("generator didn't stop", as: .runtimeError) }
                return false
            }
            guard let runner = generator.producer as? GeneratorRunner, let exception = Interpreter.exception(from: error) else { return false }
            // the block's error raised at the yield: caught there (and the generator ends) it is suppressed
            let raised: Error = {
                guard var located = error as? RuntimeError else { return RaisedException(exception: exception) }
                located.underlying = RaisedException(exception: exception)
                return located
            }()
            do {
                if try runner.next(throwing: raised) != nil { throw LanguageFailure("generator didn't stop after throw()", as: .runtimeError) }
                return true
            } catch let out where Interpreter.exception(from: out)?.isSame(as: exception) == true {
                return false                    // not handled: the block's own error goes on out
            }
        })
    }
}
