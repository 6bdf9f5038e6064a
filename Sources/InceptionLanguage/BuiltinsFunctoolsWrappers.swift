import Foundation

/// functools' wrappers of a function: `lru_cache` / `cache` (results kept by argument, as a
/// recursive `fib` needs) and `wraps` (the wrapper takes the wrapped function's `__name__`).
extension Interpreter {
    /// @lru_cache (maxsize 128), @lru_cache(maxsize=N, typed=…), @lru_cache(N), @cache (maxsize
    /// None): a callable that keeps the results of the last maxsize distinct calls, the least
    /// recently used one dropped first, as Python's does.
    static var lruCache: Value { .builtin(Builtin("lru_cache") { interpreter, arguments in
        if let function = arguments.positional.first, function.isCallable, arguments.keywords.isEmpty, arguments.positional.count == 1 {
            return cached(function, maxsize: 128, typed: false, interpreter)
        }
        // lru_cache(maxsize=128, typed=False) gives the decorator
        let bound = try Signature("lru_cache", [("maxsize", .int(128)), ("typed", .bool(false))]).bind(arguments)
        let maxsize: Int?
        switch bound["maxsize"] {
        case .none: maxsize = nil
        case .int(let n): maxsize = Swift.max(n, 0)
        default: throw LanguageFailure("Expected first argument to be an integer, a callable, or None", as: .typeError)
        }
        let typed = try bound["typed"].isTruthy()
        return .builtin(Builtin("lru_cache") { interpreter, inner in
            guard let function = inner.positional.first, inner.positional.count == 1, function.isCallable else {
                throw LanguageFailure("Expected first argument to be an integer, a callable, or None", as: .typeError)
            }
            return cached(function, maxsize: maxsize, typed: typed, interpreter)
        })
    }) }

    /// @cache: lru_cache(maxsize=None).
    static var unboundedCache: Value { .builtin(Builtin("cache") { interpreter, arguments in
        guard let function = arguments.positional.first, arguments.positional.count == 1, arguments.keywords.isEmpty, function.isCallable else {
            throw LanguageFailure("cache() takes the function it wraps", as: .typeError)
        }
        return cached(function, maxsize: nil, typed: false, interpreter)
    }) }

    /// `function` with its results kept: at most `maxsize` of them (nil: all), most recently used last.
    static func cached(_ function: Value, maxsize: Int?, typed: Bool, _ interpreter: Interpreter) -> Value {
        let results = DictStorage()
        var hits = 0, misses = 0
        let name = (try? interpreter.getAttribute(function, "__name__").text) ?? "function"
        let object = ClosureObject(typeName: "functools._lru_cache_wrapper", memberNames: ["cache_info", "cache_clear", "__name__", "__wrapped__"]) {
            "<functools._lru_cache_wrapper object>"
        }
        object.call = { interpreter, arguments in
            // the key: the positional arguments, then each keyword's name and value (typed: and their types)
            var parts = arguments.positional + arguments.keywords.flatMap { [Value.string($0.name), $0.value] }
            if typed { parts += (arguments.positional + arguments.keywords.map(\.value)).map { Value.string($0.typeName) } }
            let key = Value.tuple(parts)
            _ = try PythonHash.of(key)                  // unhashable arguments fail as in Python
            if let i = results.index(of: key) {
                hits += 1
                let entry = results.entries.remove(at: i)      // now the most recently used
                results.entries.append(entry)
                return entry.value
            }
            misses += 1
            let value = try interpreter.callBack(function, arguments)
            guard maxsize != 0 else { return value }
            results.set(key, value)
            if let maxsize, results.entries.count > maxsize { results.remove(results.entries[0].key) }
            return value
        }
        object.memberLookup = { member in
            switch member {
            case "__name__": return .string(name)
            case "__wrapped__": return function
            case "cache_clear": return .builtin(Builtin("cache_clear") { _, _ in results.removeAll(); hits = 0; misses = 0; return .none })
            case "cache_info":
                return .builtin(Builtin("cache_info") { _, _ in
                    .object(NamedTuple(typeName: "CacheInfo", names: ["hits", "misses", "maxsize", "currsize"],
                                       values: [.int(hits), .int(misses), maxsize.map(Value.int) ?? .none, .int(results.entries.count)], oneLine: true))
                })
            default: return nil
            }
        }
        return .object(object)
    }

    /// @wraps(f) on a wrapper: the wrapper, answering `__name__` and `__doc__` as f does.
    static var wraps: Value { .builtin(Builtin("wraps") { interpreter, arguments in
        guard let wrapped = arguments.positional.first else { throw LanguageFailure("wraps() needs the wrapped function", as: .typeError) }
        return .builtin(Builtin("wraps") { interpreter, inner in
            guard let wrapper = inner.positional.first, wrapper.isCallable else { throw LanguageFailure("@wraps(f) decorates a function", as: .typeError) }
            let name = (try? interpreter.getAttribute(wrapped, "__name__").text) ?? "function"
            let object = ClosureObject(typeName: "function", memberNames: ["__name__", "__wrapped__"]) { "<function \(name)>" }
            object.call = { interpreter, arguments in try interpreter.callBack(wrapper, arguments) }
            object.memberLookup = { member in
                switch member {
                case "__name__", "__qualname__": return .string(name)
                case "__wrapped__": return wrapped
                case "__doc__": return (try? interpreter.getAttribute(wrapped, "__doc__")) ?? Value.none
                default: return nil
                }
            }
            return .object(object)
        })
    }) }
}
