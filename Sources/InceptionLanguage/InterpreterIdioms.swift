import InceptionRuntime

/// `with` blocks and comprehensions.
extension Interpreter {
    /// with a as x, b: body — each manager's exit runs when the block ends, also by an error,
    /// `return`, `break` or `continue`, innermost first.
    func executeWith(_ items: [(context: Expr, name: Expr?)], _ body: [Stmt], _ env: Environment, at location: SourceLocation) throws -> Flow {
        guard let (first, rest) = items.first.map({ ($0, Array(items.dropFirst())) }) else { return try execute(body, env) }
        let value = try evaluate(first.context, env)
        if case .module(let m) = value, let instance = instance(of: m), let enter = instance.cls.method("__enter__"),
           let exit = instance.cls.method("__exit__") {
            return try withClassManager(value, instance, enter, exit, first.name, rest, body, env, at: location)
        }
        guard case .object(let o as ContextManager) = value else {
            throw RuntimeError(Diagnostic(.runtime, first.context.location,
                                          "'\(value.typeName)' object does not support the context manager protocol",
                                          fix: "with works with torch.no_grad() and the like; for a plain value, assign it instead", callers: callers()))
        }
        let entered = try located(first.context.location) { try o.enter() }
        defer { o.exit() }
        if let name = first.name { try located(name.location) { try assign(entered, to: name, env) } }
        return try executeWith(rest, body, env, at: location)
    }

    /// `with Timer() as t:` for a class with __enter__ and __exit__: __exit__(None, None, None) after
    /// the block, or __exit__(type, exception, None) when it raised (a true result suppresses it).
    @inline(never)
    private func withClassManager(_ manager: Value, _ instance: Instance, _ enter: (decl: FunctionDecl, owner: ClassValue),
                                  _ exit: (decl: FunctionDecl, owner: ClassValue), _ name: Expr?, _ rest: [(context: Expr, name: Expr?)],
                                  _ body: [Stmt], _ env: Environment, at location: SourceLocation) throws -> Flow {
        let entered = try callBack(try boundMethod(enter.decl, of: manager, instance, owner: enter.owner), Arguments([]))
        if let name { try located(name.location) { try assign(entered, to: name, env) } }
        let leave = try boundMethod(exit.decl, of: manager, instance, owner: exit.owner)
        let flow: Flow
        do {
            flow = try executeWith(rest, body, env, at: location)
        } catch {
            guard let exception = Self.exception(from: error) else { throw error }     // an interruption leaves at once
            let type = builtinScope.lookup(exception.typeName) ?? .none
            if try callBack(leave, Arguments([type, .object(exception), .none])).isTruthy() { return .normal }
            throw error
        }
        _ = try callBack(leave, Arguments([.none, .none, .none]))
        return flow
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
    /// scope, as Python's (PEP 572). A generator expression gives its items at once too (it is
    /// consumed where it is written: sum(…), max(…), list(…), a for loop), unless its first
    /// `for` walks a generator: then each item is made as it is taken, as in Python.
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
        if kind == .generator, case .forIn(let target, let sequenceExpr)? = clauses.first, case .list(let source)? = first, source.isLazy {
            // each item of the generator walked through the other clauses when an item is asked for
            var made: [Value] = []
            let generator = ListStorage.stepped("generator") { [unowned self] in
                while made.isEmpty {
                    guard let item = try source.takeNext() else { return nil }
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
