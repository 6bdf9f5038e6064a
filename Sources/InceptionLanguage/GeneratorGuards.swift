import InceptionRuntime

/// How a generator's `try` and `with` blocks are left when the body is walked a step at a time
/// (`GeneratorRunner`): by their end, by `break`, `continue` or `return` (a `finally:` runs, a
/// manager exits with no error), or by an error (an `except` clause that matches runs, else the
/// `finally:` runs and the error goes on out; a manager's exit sees the error and may suppress
/// it). As Python's, this also holds while the generator is suspended at a yield inside one:
/// `generator.throw` and `close()` raise there.
extension GeneratorRunner {
    enum Guard {
        /// `try:`'s own block
        case tryBody(handlers: [ExceptHandler], otherwise: [Stmt]?, finally: [Stmt]?)
        /// its `else:` block (what this raises is not caught by the try's handlers)
        case tryElse(finally: [Stmt]?)
        /// an `except` clause handling `exception` (bound to `name`)
        case handler(PythonException, name: String?, finally: [Stmt]?)
        /// `with manager:`'s block
        case with(ContextExit)
    }

    /// `with a as x, b:` entered: the first manager's block holds the rest.
    func enterWith(_ items: [(context: Expr, name: Expr?)], _ body: [Stmt], at location: SourceLocation) throws {
        guard let first = items.first else { blocks.append(Block(body: body)); return }
        let manager = try interpreter.evaluate(first.context, env)
        let (entered, exit) = try interpreter.located(first.context.location) { try interpreter.enterContext(manager) }
        let rest = Array(items.dropFirst())
        blocks.append(Block(body: rest.isEmpty ? body : [Stmt(.with(items: rest, body: body), location)], guarded: .with(exit)))
        // the manager exits if binding its value fails, as Python's does
        if let name = first.name { try interpreter.located(name.location) { try interpreter.assign(entered, to: name, env) } }
    }

    /// The innermost block ended: a loop's `else:` follows it, a `try` block its `else:`, and
    /// a guarded block is left.
    func endBlock() throws {
        let block = blocks.removeLast()
        if let orElse = block.orElse { blocks.append(Block(body: orElse)); return }
        guard let guarded = block.guarded else { return }
        if case .tryBody(_, let otherwise?, let finally) = guarded {
            blocks.append(Block(body: otherwise, guarded: .tryElse(finally: finally)))
            return
        }
        try leave(guarded)
    }

    /// A guarded block left without an error.
    func leave(_ guarded: Guard) throws {
        switch guarded {
        case .tryBody(_, _, let finally), .tryElse(let finally):
            try runFinally(finally)
        case .handler(_, let name, let finally):
            if let name { _ = env.remove(name) }           // as Python unbinds it
            try runFinally(finally)
        case .with(let exit):
            _ = try exit.leave(nil)
        }
    }

    private func runFinally(_ finally: [Stmt]?) throws {
        guard let finally else { return }
        try follow(try withHandledExceptions { try interpreter.execute(finally, env) })
    }

    /// `error`, raised inside the blocks, goes out through them, innermost first, until one
    /// handles it: an `except` clause that matches (its block entered), a `finally:` that
    /// returns, breaks or continues, a manager that suppresses it (the body goes on after that
    /// block). Thrown when none does; an interruption is never caught.
    func recover(from error: Error) throws {
        guard Interpreter.exception(from: error) != nil else { throw error }
        var error = error
        while let block = blocks.popLast() {
            discard(block)
            guard let guarded = block.guarded else { continue }
            do {
                switch guarded {
                case .tryBody(let handlers, _, let finally):
                    if let exception = Interpreter.exception(from: error), let handler = try matchingHandler(handlers, exception) {
                        if let name = handler.name { env.define(name, exception.boundValue) }
                        blocks.append(Block(body: handler.body, guarded: .handler(exception, name: handler.name, finally: finally)))
                        return
                    }
                    if try finallyEnds(finally) { return }
                case .tryElse(let finally):
                    if try finallyEnds(finally) { return }
                case .handler(let handled, let name, let finally):
                    error = Interpreter.withContext(error, handled)
                    if let name { _ = env.remove(name) }
                    if try finallyEnds(finally) { return }
                case .with(let exit):
                    if try exit.leave(error) { return }
                }
            } catch let raised {
                error = raised                  // a finally, a handler's classes or an exit raised: that goes on out
            }
        }
        throw error
    }

    /// The handler whose classes `exception` is, its class expressions evaluated in turn.
    private func matchingHandler(_ handlers: [ExceptHandler], _ exception: PythonException) throws -> ExceptHandler? {
        try withHandledExceptions { try handlers.first { try interpreter.handles($0, exception, env) } }
    }

    /// A `finally:` run while an error goes out: true when it returned, broke or continued (the
    /// error is dropped, as in Python).
    private func finallyEnds(_ finally: [Stmt]?) throws -> Bool {
        guard let finally else { return false }
        let flow = try withHandledExceptions { try interpreter.execute(finally, env) }
        if case .normal = flow { return false }
        try follow(flow)
        return true
    }

    /// Runs `body` with the exceptions the enclosing `except` blocks handle as the active ones
    /// (what a bare `raise` re-raises, what a new error's `__context__` is).
    func withHandledExceptions<T>(_ body: () throws -> T) rethrows -> T {
        // (most statements run outside any except block: nothing to collect then)
        guard blocks.contains(where: { if case .handler? = $0.guarded { true } else { false } }) else { return try body() }
        let handled = blocks.compactMap { block -> PythonException? in
            if case .handler(let e, _, _)? = block.guarded { return e } else { return nil }
        }
        guard !handled.isEmpty else { return try body() }
        interpreter.activeExceptions.append(contentsOf: handled)
        defer { interpreter.activeExceptions.removeLast(handled.count) }
        return try body()
    }
}
