import InceptionRuntime

/// How a `with` block is left: `leave(nil)` when it ended (or broke, continued, returned),
/// `leave(error)` when it raised; true when the manager suppressed the error.
struct ContextExit {
    let leave: (Error?) throws -> Bool
}

/// `with` blocks and comprehensions.
extension Interpreter {
    /// with a as x, b: body — each manager's exit runs when the block ends, also by an error,
    /// `return`, `break` or `continue`, innermost first; a manager that suppresses the error
    /// (a true `__exit__`, `contextlib.suppress`) ends the block normally.
    func executeWith(_ items: [(context: Expr, name: Expr?)], _ body: [Stmt], _ env: Environment, at location: SourceLocation) throws -> Flow {
        guard let (first, rest) = items.first.map({ ($0, Array(items.dropFirst())) }) else { return try execute(body, env) }
        let manager = try evaluate(first.context, env)
        let (entered, exit) = try located(first.context.location) { try enterContext(manager) }
        let flow: Flow
        do {
            if let name = first.name { try located(name.location) { try assign(entered, to: name, env) } }
            flow = try executeWith(rest, body, env, at: location)
        } catch {
            if try exit.leave(error) { return .normal }
            throw error
        }
        _ = try exit.leave(nil)
        return flow
    }

    /// A `with` statement's manager entered: what `as name` binds, and how to leave it. A class
    /// with `__enter__` and `__exit__` (`__exit__(None, None, None)` after the block, or
    /// `__exit__(type, exception, None)` when it raised: a true result suppresses it), torch's
    /// (no_grad and the like: left whatever happened), or contextlib's.
    func enterContext(_ manager: Value) throws -> (entered: Value, exit: ContextExit) {
        if case .module(let m) = manager, let instance = instance(of: m), let enter = instance.cls.method("__enter__"),
           let exit = instance.cls.method("__exit__") {
            let entered = try callBack(try boundMethod(enter.decl, of: manager, instance, owner: enter.owner), Arguments([]))
            let leave = try boundMethod(exit.decl, of: manager, instance, owner: exit.owner)
            return (entered, ContextExit { [unowned self] error in
                guard let error else { _ = try callBack(leave, Arguments([.none, .none, .none])); return false }
                guard let exception = Self.exception(from: error) else { return false }     // an interruption leaves at once
                let type = builtinScope.lookup(exception.typeName) ?? .none
                return try callBack(leave, Arguments([type, .object(exception), .none])).isTruthy()
            })
        }
        if case .object(let o as ContextManager) = manager {
            return (try o.enter(), ContextExit { _ in o.exit(); return false })
        }
        if case .object(let o as LibraryContextManager) = manager {
            return (try o.enter(self), ContextExit { [unowned self] error in try o.exit(self, error) })
        }
        throw LanguageFailure("'\(manager.typeName)' object does not support the context manager protocol",
                              fix: "with works with torch.no_grad() and the like; for a plain value, assign it instead", as: .typeError)
    }

    /// A loop over a set, a dict or a dict's view whose body added or removed items: Python
    /// stops at its next step with a RuntimeError.
    @inline(never)
    func checkSizeUnchanged(_ sequence: Value, _ count: Int, at location: SourceLocation) throws {
        let message: String
        switch sequence {
        case .set(let s) where s.count != count: message = "Set changed size during iteration"
        // (an OrderedDict's loop ends there without an error in Python 3.11: left as it was)
        case .dict(let d) where d.entries.count != count && d.kind != .ordered: message = "dictionary changed size during iteration"
        case .list(let l) where l.viewedDict.map({ $0.entries.count != count && $0.kind != .ordered }) == true:
            message = "dictionary changed size during iteration"
        default: return
        }
        throw RuntimeError(Diagnostic(.runtime, location, message, fix: "loop over a copy: for k in list(d)", callers: callers()))
    }

    /// A list that grows one item at a time (a comprehension, append) is held to the same
    /// budget as `[0] * n`: checked every 65,536 items, so `[(i, j) for i in range(65536)
    /// for j in range(i)]` stops with a message instead of filling the machine's memory.
    func checkGrowth(_ count: Int, _ what: String) throws {
        try MemoryBudget.checkValue(count: count, of: MemoryLayout<Value>.stride, what: "\(what) of more than \(count) items")
    }

    /// [e for x in xs if c], (e for …), {k: v for …}: evaluated at once in a scope of their own,
    /// so the loop names do not leak — but a name bound by `:=` inside is bound in the enclosing
    /// scope, as Python's (PEP 572). A generator expression makes each item as it is taken, as
    /// Python's: `any(f(x) for x in xs)` stops calling f at the first true one, and the element
    /// sees the names as they are then (the first `for`'s sequence is evaluated where it is written).
    func comprehension(_ kind: ComprehensionKind, _ element: Expr, _ value: Expr?, _ clauses: [ComprehensionClause], _ env: Environment) throws -> Value {
        let scope = Environment(parent: env)
        let whole = Expr(.comprehension(kind, element: element, value: value, clauses: clauses), element.location)
        for name in whole.namedExprTargets { scope.redirect(name, to: env) }
        // the first `for`'s sequence, evaluated where the comprehension is (as Python does)
        var first: Value?
        if case .forIn(_, let sequenceExpr)? = clauses.first { first = try evaluate(sequenceExpr, scope) }
        var items: [Value] = []
        let dict = DictStorage()
        func run(_ i: Int) throws {
            if i == clauses.count {
                if kind == .dict, let value {
                    let k = try evaluate(element, scope), v = try evaluate(value, scope)
                    _ = try located(element.location) { try PythonHash.requireHashable(k) }
                    dict.set(k, v)
                    if dict.entries.count & 0xFFFF == 0 { try checkGrowth(dict.entries.count * 2, "a dict comprehension") }
                } else {
                    items.append(try evaluate(element, scope))
                    if items.count & 0xFFFF == 0 { try checkGrowth(items.count, "a list comprehension") }
                }
                return
            }
            switch clauses[i] {
            case .condition(let c):
                if try truthy(c, scope) { try run(i + 1) }
            case .forIn(let target, let sequenceExpr):
                let sequence = try i == 0 ? first ?? .none : evaluate(sequenceExpr, scope)
                let items = try located(sequenceExpr.location, { try iterationItems(sequence) })
                for item in items {
                    try checkInterruption(at: sequenceExpr.location)
                    try countLoopRound(at: sequenceExpr.location)
                    try located(target.location) { try assign(item, to: target, scope) }
                    try run(i + 1)
                    try checkSizeUnchanged(sequence, items.count, at: sequenceExpr.location)
                }
            }
        }
        if kind == .generator, case .forIn(let target, let sequenceExpr)? = clauses.first, let first {
            // each item of the first `for` walked through the other clauses when an item is asked for
            var source = try located(sequenceExpr.location) { () throws -> IterationCursor in
                if case .list(let l) = first, l.view == nil { return IterationCursor(walking: l) }
                return IterationCursor(try iterationSource(first))
            }
            var made: [Value] = []
            let generator = ListStorage.stepped("generator") { [unowned self] in
                while made.isEmpty {
                    guard let item = try source.next() else { return nil }
                    try checkInterruption(at: sequenceExpr.location)
                    try countLoopRound(at: sequenceExpr.location)
                    try located(target.location) { try assign(item, to: target, scope) }
                    items = []
                    try run(1)
                    made = items
                }
                return made.removeFirst()
            }
            generator.origin = "<genexpr>"
            return .list(generator)
        }
        try run(0)
        if kind == .generator { return .list(ListStorage(items, view: "generator", origin: "<genexpr>")) }
        if kind == .set {
            let s = SetStorage()
            for item in items { try located(element.location) { try s.add(item) } }
            return .set(s)
        }
        return kind == .dict ? .dict(dict) : .list(ListStorage(items))
    }
}
