import Foundation

/// functools' wrappers of a function: `lru_cache` / `cache` (results kept by argument, as a
/// recursive `fib` needs) and `wraps` (the wrapper takes the wrapped function's `__name__`).
extension Interpreter {
    /// @lru_cache, @lru_cache(maxsize=…), @cache: a callable that computes each distinct call
    /// once. maxsize is not enforced (every result is kept), as with maxsize=None.
    static var lruCache: Value { .builtin(Builtin("lru_cache") { interpreter, arguments in
        if let function = arguments.positional.first, function.isCallable, arguments.keywords.isEmpty, arguments.positional.count == 1 {
            return cached(function, interpreter)
        }
        // lru_cache(maxsize=…, typed=…) gives the decorator
        return .builtin(Builtin("lru_cache") { interpreter, inner in
            guard let function = inner.positional.first, inner.positional.count == 1, function.isCallable else {
                throw LanguageFailure("Expected first argument to be an integer, a callable, or None", as: .typeError)
            }
            return cached(function, interpreter)
        })
    }) }

    static func cached(_ function: Value, _ interpreter: Interpreter) -> Value {
        let results = DictStorage()
        var hits = 0, misses = 0
        let name = (try? interpreter.getAttribute(function, "__name__").text) ?? "function"
        let object = ClosureObject(typeName: "functools._lru_cache_wrapper", memberNames: ["cache_info", "cache_clear", "__name__", "__wrapped__"]) {
            "<functools._lru_cache_wrapper object>"
        }
        object.call = { interpreter, arguments in
            // the key: the positional arguments, then each keyword's name and value
            let key = Value.tuple(arguments.positional + arguments.keywords.flatMap { [Value.string($0.name), $0.value] })
            _ = try PythonHash.of(key)                  // unhashable arguments fail as in Python
            if let known = results[key] { hits += 1; return known }
            misses += 1
            let value = try interpreter.callBack(function, arguments)
            results.set(key, value)
            return value
        }
        object.memberLookup = { member in
            switch member {
            case "__name__": return .string(name)
            case "__wrapped__": return function
            case "cache_clear": return .builtin(Builtin("cache_clear") { _, _ in results.removeAll(); hits = 0; misses = 0; return .none })
            case "cache_info":
                return .builtin(Builtin("cache_info") { _, _ in
                    .string("CacheInfo(hits=\(hits), misses=\(misses), maxsize=None, currsize=\(results.entries.count))")
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
