/// A scope: the names bound in one function call, class body or the program's globals,
/// with a link to the enclosing scope.
final class Environment {
    private(set) var values: [String: Value] = [:]
    let parent: Environment?

    init(parent: Environment? = nil) { self.parent = parent }

    /// A function call's names local to its whole body (FunctionDecl.localNames): while one is
    /// unbound, a lookup stops here instead of reaching a global of the same name.
    var locals: Set<String> = []

    func lookup(_ name: String) -> Value? {
        if let v = values[name] { return v }
        if !locals.isEmpty, locals.contains(name), redirects[name] == nil { return nil }
        return parent?.lookup(name)
    }

    /// Whether a failed lookup of `name` stopped at a local not yet bound (an UnboundLocalError
    /// rather than a NameError): true when it is this scope's, false when an enclosing
    /// function's (Python's "free variable"), nil when no scope declares it.
    func unboundLocal(_ name: String) -> Bool? {
        var scope: Environment? = self, first = true
        while let s = scope {
            if s.values[name] != nil { return nil }
            if s.locals.contains(name), s.redirects[name] == nil { return first }
            first = false
            scope = s.parent
        }
        return nil
    }

    /// Names a `global` or `nonlocal` statement sent to another scope: binding them binds there.
    private var redirects: [String: Environment] = [:]

    func define(_ name: String, _ value: Value) {
        if let target = redirects[name] { target.define(name, value); return }
        // A replaced tuple may nest 100,000 deep: released in a loop (ValueRecursion.swift).
        guard var old = values.updateValue(value, forKey: name), case .tuple = old else { return }
        DeepRelease.release(&old)
    }

    /// `global name` / `nonlocal name`: later bindings of `name` in this scope go to `scope`.
    func redirect(_ name: String, to scope: Environment) {
        guard scope !== self else { return }
        values[name] = nil
        redirects[name] = scope
    }

    /// The nearest enclosing scope (not this one, not `outermost`) that binds `name`: nonlocal's target.
    func enclosingScope(binding name: String, below outermost: Environment) -> Environment? {
        var scope = parent
        while let s = scope, s !== outermost {
            if s.values[name] != nil { return s }
            scope = s.parent
        }
        return nil
    }

    /// `del name`: false when this scope (or the one `global` sent it to) does not bind it.
    func remove(_ name: String) -> Bool {
        if let target = redirects[name] { return target.remove(name) }
        return values.removeValue(forKey: name) != nil
    }

    func removeAll() {
        var all = Array(values.values)
        values.removeAll()
        DeepRelease.release(&all)
    }

    deinit {
        var all = Array(values.values)
        values = [:]
        DeepRelease.release(&all)
    }

    /// Every visible name, for "did you mean" suggestions.
    var visibleNames: [String] { Array(values.keys) + (parent?.visibleNames ?? []) }
}
