import Foundation
import InceptionRuntime

/// The parts of Python's library that PyTorch model code imports beside torch: `typing` (its
/// names only serve annotations here: `Optional[Tensor]` is accepted and means nothing),
/// `warnings.warn` (to standard error, as Python prints it), `functools.partial` and `reduce`.
extension Interpreter {
    func typingNamespace() -> Namespace {
        let names = ["Any", "Callable", "List", "Optional", "Tuple", "Dict", "Union", "Sequence", "Iterable", "Iterator",
                     "Type", "Mapping", "Set", "NamedTuple", "Literal", "ClassVar", "Final"]
        var members: [String: Value] = [:]
        for name in names { members[name] = .object(TypingForm(name)) }
        members["TYPE_CHECKING"] = .bool(false)
        members["cast"] = Self.builtin(Signature("cast", [("typ", nil), ("val", nil)])) { _, a in a["val"] }
        return Namespace("typing", members)
    }

    func warningsNamespace() -> Namespace {
        Namespace("warnings", [
            "warn": Self.builtin(Signature("warn", [("message", nil), ("category", Value.none), ("stacklevel", .int(1))])) { interpreter, a in
                let category = a["category"].isNone ? "UserWarning" : (try? interpreter.getAttribute(a["category"], "__name__").text) ?? "UserWarning"
                Self.warningSink("\(category): \(a["message"].text)")
                return .none
            },
            "filterwarnings": .builtin(Builtin("filterwarnings") { _, _ in .none }),
            "simplefilter": .builtin(Builtin("simplefilter") { _, _ in .none }),
        ])
    }

    /// sys.exit(status=None), and the builtins exit() and quit(): raise SystemExit, which ends the
    /// program with that status.
    static func systemExit(_ name: String) -> Value {
        Self.builtin(Signature(name, [("status", Value.none)])) { _, a in
            let arguments = a["status"].isNone ? [] : [a["status"]]
            var failure = LanguageFailure(PythonException("SystemExit", arguments).message, as: .systemExit)
            failure.arguments = arguments
            throw failure
        }
    }

    /// `import sys`: stdout and stderr (write, flush; print's file=), version_info (the Python the
    /// language follows, 3.11), maxsize, platform, get/setrecursionlimit.
    func sysNamespace() -> Namespace {
        Namespace("sys", [
            "stdout": .object(StandardStream.stdout), "stderr": .object(StandardStream.stderr),
            "version_info": .object(NamedTuple(typeName: "sys.version_info", names: ["major", "minor", "micro", "releaselevel", "serial"],
                                               values: [.int(3), .int(11), .int(7), .string("final"), .int(0)], oneLine: true)),
            "maxsize": .int(Int.max), "platform": .string("linux"),
            "exit": Self.systemExit("exit"),
            "argv": .list(ListStorage(scriptArguments.map(Value.string))),
            "getrecursionlimit": Self.builtin(Signature("getrecursionlimit")) { interpreter, _ in .int(interpreter.recursionLimit) },
            "setrecursionlimit": Self.builtin(Signature("setrecursionlimit", [("limit", nil)])) { interpreter, a in
                let limit = try a.int("limit")
                guard limit >= 1 else { throw LanguageFailure("recursion limit must be greater or equal than 1", as: .valueError) }
                guard limit > interpreter.callDepth + 1 else {
                    throw LanguageFailure("cannot set the recursion limit to \(limit) at the recursion depth \(interpreter.callDepth + 1): the limit is too low",
                                          as: .recursionError)
                }
                interpreter.recursionLimit = limit
                return .none
            },
        ])
    }

    /// Where warnings.warn writes (standard error; tests route it).
    nonisolated(unsafe) static var warningSink: (String) -> Void = {
        FileHandle.standardError.write(Data(($0 + "\n").utf8))
    }

    /// A warning PyTorch gives once per process (TORCH_WARN_ONCE): written the first time only.
    static func warnOnce(_ text: String) {
        guard !warnedOnce.contains(text) else { return }
        warnedOnce.insert(text)
        warningSink(text)
    }
    nonisolated(unsafe) private static var warnedOnce: Set<String> = []

    func functoolsNamespace() -> Namespace {
        Namespace("functools", [
            // partial(f, *args, **kwargs)(*more, **kw) = f(*args, *more, **kwargs, **kw)
            "partial": .builtin(Builtin("partial") { _, arguments in
                guard let function = arguments.positional.first else { throw LanguageFailure("partial() needs the function to call") }
                let bound = Arguments(Array(arguments.positional.dropFirst()), keywords: arguments.keywords)
                let object = ClosureObject(typeName: "functools.partial", memberNames: ["func", "args", "keywords"], repr: {
                    "functools.partial(\(([function.repr] + bound.positional.map(\.repr) + bound.keywords.map { "\($0.name)=\($0.value.repr)" }).joined(separator: ", ")))"
                })
                object.call = { interpreter, more in
                    let keywords = bound.keywords.filter { k in !more.keywords.contains { $0.name == k.name } } + more.keywords
                    return try interpreter.callBack(function, Arguments(bound.positional + more.positional, keywords: keywords))
                }
                object.memberLookup = { name in
                    switch name {
                    case "func": return function
                    case "args": return .tuple(bound.positional)
                    case "keywords": return .dict(DictStorage(bound.keywords.map { (key: Value.string($0.name), value: $0.value) }))
                    default: return nil
                    }
                }
                return .object(object)
            }),
            "lru_cache": Self.lruCache, "cache": Self.unboundedCache, "wraps": Self.wraps,
            "total_ordering": Self.totalOrdering, "cmp_to_key": Self.cmpToKey,
            // reduce(function, iterable[, initial])
            "reduce": .builtin(Builtin("reduce") { interpreter, arguments in
                let given = arguments.positional + arguments.keywords.map(\.value)
                guard (2...3).contains(given.count) else { throw LanguageFailure("reduce() takes a function, an iterable and an optional initial value") }
                var items = try interpreter.iterationItems(given[1])
                var accumulated: Value
                if given.count == 3 { accumulated = given[2] } else {
                    guard !items.isEmpty else { throw LanguageFailure("reduce() of empty iterable with no initial value", as: .typeError) }
                    accumulated = items.removeFirst()
                }
                for item in items { accumulated = try interpreter.callBack(given[0], Arguments([accumulated, item])) }
                return accumulated
            }),
        ])
    }
}

/// A name from `typing` (Optional, List, …): subscripting gives it back, so annotations evaluate.
public final class TypingForm: NativeObject {
    let name: String
    init(_ name: String) { self.name = name; super.init(typeName: "typing._SpecialForm") }
    public override var repr: String { "typing.\(name)" }
}

extension Interpreter {
    /// torch.jit as model code meets it in eager mode: nothing is scripted or traced, and the
    /// decorators hand the function back unchanged.
    func jitNamespace() -> Namespace {
        let identity = Self.builtin(Signature("unused", [("fn", nil)])) { _, a in a["fn"] }
        return Namespace("torch.jit", [
            "is_scripting": .builtin(Builtin("is_scripting") { _, _ in .bool(false) }),
            "is_tracing": .builtin(Builtin("is_tracing") { _, _ in .bool(false) }),
            "unused": identity, "ignore": identity, "export": identity,
            "script": .builtin(Builtin("script") { _, _ in
                throw LanguageFailure("torch.jit.script is not supported here", fix: "run the module as it is: everything here runs eagerly")
            }),
        ])
    }
}

/// sys.stdout and sys.stderr: `write(text)` (giving the count written) and `flush()`; print's
/// `file=`. stdout goes where print goes; stderr where warnings go.
final class StandardStream: NativeObject, @unchecked Sendable {
    static let stdout = StandardStream(isError: false)
    static let stderr = StandardStream(isError: true)
    let isError: Bool
    private init(isError: Bool) { self.isError = isError; super.init(typeName: "TextIOWrapper") }
    override var repr: String { "<_io.TextIOWrapper name='<\(isError ? "stderr" : "stdout")>' mode='w' encoding='utf-8'>" }
    func write(_ interpreter: Interpreter, _ text: String) {
        if isError {
            var line = text
            if line.hasSuffix("\n") { line.removeLast() }
            Interpreter.warningSink(line)
        } else {
            interpreter.output(text)
        }
    }
    override func member(_ name: String) -> Value? {
        switch name {
        case "write":
            return .builtin(Builtin("write") { interpreter, a in
                guard a.positional.count == 1, case .string(let s) = a.positional[0] else {
                    throw LanguageFailure("write() argument must be str, not \(a.positional.first?.typeName ?? "nothing")", as: .typeError)
                }
                self.write(interpreter, s)
                return .int(s.count)
            })
        case "flush": return .builtin(Builtin("flush") { _, _ in .none })
        default: return nil
        }
    }
}

extension Value {
    var isStandardStream: Bool { if case .object(let o) = self { return o is StandardStream } else { return false } }
}
