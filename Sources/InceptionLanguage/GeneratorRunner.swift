import InceptionRuntime

/// A generator function's body run a step at a time, as Python runs it: nothing runs when the
/// function is called; each `next()` (a for loop's step, `next(g)`) runs the body on to its next
/// `yield` and stops there, so a generator's prints come between its consumer's, one that never
/// ends (`while True: yield batch`) can be stepped, and it sees the state its consumer has
/// changed since. The statements that yield (a `yield`, and the `if`, `for`, `while`, `try` and
/// `with` blocks around one) are walked here on a stack of blocks with their places; every other
/// statement is the interpreter's, run whole. How a `try` or `with` block is left (its handlers,
/// `finally`, a manager's exit) is `GeneratorGuards.swift`. A body that yields inside a `finally:`
/// block runs to its end when called instead (`Interpreter.runGenerator`).
final class GeneratorRunner {
    unowned let interpreter: Interpreter
    let env: Environment
    /// Where the generator was made: the frame each step runs in (what a traceback shows).
    let site: SourceLocation
    var blocks: [Block]
    private var finished = false
    private var running = false
    /// Whether it has been stepped (`send` of a value other than None is refused before).
    private(set) var started = false
    /// The target of the `x = yield v` it stands at: given what is sent when it is resumed.
    private var awaiting: Expr?
    /// What `send(v)` gives the yield it stands at (None for `next()`), taken when it resumes.
    private var sent: Value = .none
    /// What its `return v` gave: StopIteration's value, and `r = yield from` this generator's r.
    private(set) var returnValue: Value = .none
    /// An error a generator's body raised while its items were read where nothing could be
    /// thrown; the interpreter throws it when the statement that read them ends.
    nonisolated(unsafe) static var deferredFailure: Error?

    /// A block of statements and the next one to run; a loop's body also knows how to go round,
    /// a `try` or `with` block what leaving it must do.
    struct Block {
        let body: [Stmt]
        var next = 0
        var loop: Loop?
        /// A loop's `else:` block, run when the loop ends without `break`.
        var orElse: [Stmt]?
        var guarded: Guard?
        /// The generator this block's `for` or `yield from` expression made: closed if the block
        /// is left before it ends, as Python closes it when the loop lets go of it.
        var owned: ListStorage?
        /// A `yield from` block's generator, which sends and throws go on to, and the target its
        /// return value goes to (`r = yield from g`).
        var delegate: GeneratorRunner?
        var into: Expr?
        init(body: [Stmt], next: Int = 0, loop: Loop? = nil, guarded: Guard? = nil) {
            self.body = body; self.next = next; self.loop = loop; self.guarded = guarded
        }
    }
    enum Loop {
        /// `for target in …`: the items left (an iterator is stepped where it is, so a lazy one stays lazy)
        case forEach(target: Expr, items: IterationCursor, location: SourceLocation)
        case whileTrue(condition: Expr, rounds: Int, location: SourceLocation)
        /// `yield from items`: each item is yielded in turn
        case yieldFrom(IterationCursor)
    }

    init(_ interpreter: Interpreter, body: [Stmt], env: Environment, site: SourceLocation) {
        self.interpreter = interpreter; self.env = env; self.site = site
        blocks = [Block(body: body)]
    }

    /// Whether a generator's body can run a step at a time here: every statement that yields is
    /// a `yield`, or an `if`, `for`, `while`, `try` or `with` (or a loop's `else:`) whose blocks
    /// are so too; a `finally:` block does not yield.
    static func canStep(_ body: [Stmt]) -> Bool {
        body.allSatisfy { s in
            switch s.kind {
            case .yieldValue: return true
            case .ifChain(let branches, let otherwise): return branches.allSatisfy { canStep($0.body) } && canStep(otherwise ?? [])
            case .forLoop(_, _, let b), .whileLoop(_, let b), .with(_, let b): return canStep(b)
            case .loopElse(let loop, let otherwise): return canStep([loop]) && canStep(otherwise)
            case .tryStatement(let b, let handlers, let otherwise, let finally):
                return canStep(b) && handlers.allSatisfy { canStep($0.body) } && canStep(otherwise ?? []) && !FunctionDecl.yields(finally ?? [])
            default: return !FunctionDecl.yields([s])
            }
        }
    }

    /// The next item the body yields, or nil once it has returned (or raised: the error is
    /// thrown from here once, then the generator is finished, as Python's is).
    func next() throws -> Value? {
        try resume { try step() }
    }

    /// Python's `generator.send(v)`: v is what the `yield` it stands at gives (`x = yield …`; a
    /// `yield from` hands it on), then it runs on to its next yield, as `next()` does.
    func send(_ value: Value) throws -> Value? {
        sent = value
        defer { sent = .none }
        return try next()
    }

    /// `error` raised where the generator stands (at its last `yield`), as Python's
    /// `generator.throw` does: a `try` around that yield may catch it and go on to the next
    /// yield (its item), or the error (or another) comes out and the generator is finished.
    func next(throwing error: Error) throws -> Value? {
        guard !finished else { throw error }
        awaiting = nil
        return try resume {
            // standing in a `yield from`: the error goes to the generator it walks first
            if let top = blocks.last, case .yieldFrom = top.loop, let delegate = top.delegate {
                do {
                    if let item = try delegate.next(throwing: error) { return item }
                    try endYieldFrom()
                } catch {
                    try recover(from: error)
                }
                return try step()
            }
            try recover(from: error)
            return try step()
        }
    }

    /// Python's `generator.close()`: GeneratorExit raised at the last `yield`, so its `finally:`
    /// blocks and `with` exits run; yielding again instead is Python's RuntimeError.
    func close() throws {
        guard !finished else { return }
        let exit = RuntimeError(Diagnostic(.runtime, site, "GeneratorExit"), underlying: RaisedException(exception: PythonException("GeneratorExit", [])))
        do {
            if try next(throwing: exit) != nil { throw LanguageFailure("generator ignored GeneratorExit", as: .runtimeError) }
        } catch let error where Interpreter.exception(from: error)?.builtinClass == "GeneratorExit" {}
    }

    /// Whether the `for` loop over `sequence` made this generator (its expression is the call
    /// that did): nothing else can hold it, so the loop may close it when it is left.
    func madeByLoop(over sequence: Expr) -> Bool {
        guard case .call = sequence.kind else { return false }
        return site == sequence.location
    }

    private func resume(_ run: () throws -> Value?) throws -> Value? {
        guard !running else { throw LanguageFailure("generator already executing", as: .valueError) }
        running = true
        started = true
        defer { running = false }
        do {
            let item = try interpreter.within(CallFrame(kind: .function, site: site)) { try run() }
            if item == nil { finish() }
            return item
        } catch {
            finish()
            throw error
        }
    }

    private func finish() { finished = true; blocks = [] }

    /// Runs on to the next yield; an error a `try` or `with` block around it handles is handled there.
    private func step() throws -> Value? {
        let value = sent
        sent = .none
        if let target = awaiting {
            awaiting = nil
            try interpreter.located(target.location) { try interpreter.assign(value, to: target, env) }
        } else if let top = blocks.last, case .yieldFrom = top.loop {
            top.delegate?.sent = value
        }
        while !blocks.isEmpty {
            do {
                if let item = try advance() { return item }
            } catch {
                try recover(from: error)
            }
        }
        return nil
    }

    /// One move: the innermost block's next statement (its item if it yields one), or that block's end.
    private func advance() throws -> Value? {
        let top = blocks.count - 1
        if case .yieldFrom = blocks[top].loop {
            if let item = try nextItem(of: top) { return item }
            try endYieldFrom()
            return nil
        }
        guard blocks[top].next < blocks[top].body.count else {
            // the end of a block: a loop goes round (or ends), anything else is left
            if try !goRound(top) { try endBlock() }
            return nil
        }
        let s = blocks[top].body[blocks[top].next]
        blocks[top].next += 1
        return try run(s)
    }

    /// One statement: a yield gives its item; a block that yields is entered; any other
    /// statement runs whole, and its break, continue or return reaches the blocks here.
    private func run(_ s: Stmt) throws -> Value? {
        guard FunctionDecl.yields([s]) else {
            try follow(try withHandledExceptions { try interpreter.execute(s, env) })
            return nil
        }
        switch s.kind {
        case .yieldValue(let e, let from, let into):
            try interpreter.checkInterruption(at: s.location)
            let value = try e.map { try interpreter.evaluate($0, env) } ?? .none
            guard from, let e else { awaiting = into; return value }
            var block = Block(body: [], loop: .yieldFrom(try cursor(value, at: e.location)))
            block.owned = interpreter.generator(madeBy: e, value)
            if case .list(let l) = value { block.delegate = l.producer as? GeneratorRunner }
            block.into = into
            blocks.append(block)
        case .ifChain(let branches, let otherwise):
            for (condition, body) in branches where try interpreter.truthy(condition, env) {
                blocks.append(Block(body: body))
                return nil
            }
            if let otherwise { blocks.append(Block(body: otherwise)) }
        case .forLoop(let target, let sequenceExpr, let body):
            let sequence = try interpreter.evaluate(sequenceExpr, env)
            let items = try cursor(sequence, at: sequenceExpr.location)
            // starts at the end of its body, so that the first thing done is to take an item
            var block = Block(body: body, next: body.count, loop: .forEach(target: target, items: items, location: s.location))
            block.owned = interpreter.generator(madeBy: sequenceExpr, sequence)
            blocks.append(block)
        case .whileLoop(let condition, let body):
            blocks.append(Block(body: body, next: body.count, loop: .whileTrue(condition: condition, rounds: 0, location: s.location)))
        case .loopElse(let loop, let otherwise):
            try enterLoopElse(loop, otherwise)
        case .tryStatement(let body, let handlers, let otherwise, let finally):
            blocks.append(Block(body: body, guarded: .tryBody(handlers: handlers, otherwise: otherwise, finally: finally)))
        case .with(let items, let body):
            try enterWith(items, body, at: s.location)
        default:
            throw LanguageFailure("this generator cannot be run a step at a time", fix: "report this: canStep let it through")
        }
        return nil
    }

    /// A loop with an `else:` block: the loop walked here when it yields (its block then keeps
    /// the else block for its end), or run whole, its else block entered unless it broke.
    private func enterLoopElse(_ loop: Stmt, _ otherwise: [Stmt]) throws {
        guard FunctionDecl.yields([loop]) else {
            let flow = try withHandledExceptions { try interpreter.execute(loop, env) }
            if case .normal = flow, !interpreter.lastLoopBroke { blocks.append(Block(body: otherwise)) } else { try follow(flow) }
            return
        }
        _ = try run(loop)
        blocks[blocks.count - 1].orElse = otherwise
    }

    /// A block left before its end (by break, return or an error): the generator its loop made
    /// is closed (what that raises is dropped, as Python drops it).
    func discard(_ block: Block) {
        if let owned = block.owned { try? interpreter.closeGenerator(owned) }
    }

    /// A `yield from` block whose items have all been taken is left; its target (`r = yield from
    /// g`) gets g's return value (None for any other iterable).
    private func endYieldFrom() throws {
        let block = blocks.removeLast()
        guard let target = block.into else { return }
        let value = block.delegate?.returnValue ?? .none
        try interpreter.located(target.location) { try interpreter.assign(value, to: target, env) }
    }

    /// What a `for` or `yield from` walks: an iterator stepped where it is, or a copy of the items.
    private func cursor(_ value: Value, at location: SourceLocation) throws -> IterationCursor {
        IterationCursor(try interpreter.located(location) { try interpreter.iterationSource(value) })
    }

    /// The next item of the `for` or `yield from` block at `index`, nil when there are no more.
    private func nextItem(of index: Int) throws -> Value? {
        switch blocks[index].loop {
        case .forEach(let target, var items, let location):
            let item = try items.next()
            blocks[index].loop = .forEach(target: target, items: items, location: location)
            return item
        case .yieldFrom(var items):
            let item = try items.next()
            blocks[index].loop = .yieldFrom(items)
            return item
        default:
            return nil
        }
    }

    /// At the end of the block at `index`: a loop starts its next round (true), or has ended.
    private func goRound(_ index: Int) throws -> Bool {
        switch blocks[index].loop {
        case .forEach(let target, _, let location):
            guard let item = try nextItem(of: index) else { return false }
            try interpreter.checkInterruption(at: location)
            try interpreter.countLoopRound(at: location)
            try interpreter.located(target.location) { try interpreter.assign(item, to: target, env) }
        case .whileTrue(let condition, let rounds, let location):
            guard try interpreter.truthy(condition, env) else { return false }
            try interpreter.checkInterruption(at: location)
            try interpreter.countLoopRound(at: location)
            guard rounds < 10_000_000 else {
                throw RuntimeError(Diagnostic(.runtime, location, "this loop ran 10,000,000 times; it probably never ends",
                                              fix: "check that the condition becomes false", callers: interpreter.callers()))
            }
            blocks[index].loop = .whileTrue(condition: condition, rounds: rounds + 1, location: location)
        case .yieldFrom, nil:
            return false
        }
        blocks[index].next = 0
        return true
    }

    /// Where a statement run whole sends the body next: on (normal), out of the generator
    /// (`return`), out of or round the innermost loop (`break`, `continue`).
    func follow(_ flow: Interpreter.Flow) throws {
        switch flow {
        case .normal: break
        case .returned(let value): returnValue = value; try leaveAll()
        case .broke: try leaveLoop(breaking: true)
        case .continued: try leaveLoop(breaking: false)
        }
    }

    /// `break` (the innermost loop's blocks all left) or `continue` (left down to the loop's
    /// body, whose end then goes round); each `try` or `with` block left on the way is left as
    /// Python leaves it (its `finally:`, the manager's exit).
    private func leaveLoop(breaking: Bool) throws {
        while let last = blocks.last {
            switch last.loop {
            case .forEach, .whileTrue:
                if breaking { discard(blocks.removeLast()) } else { blocks[blocks.count - 1].next = last.body.count }
                return
            case .yieldFrom, nil:
                discard(blocks.removeLast())
                if let guarded = last.guarded { try leave(guarded) }
            }
        }
    }

    /// `return`: every block left, innermost first.
    private func leaveAll() throws {
        while let last = blocks.popLast() {
            discard(last)
            if let guarded = last.guarded { try leave(guarded) }
        }
    }
}

extension Interpreter {
    /// The generator `value` is when `expression`, a loop's or a `yield from`'s, made it (`for x
    /// in numbers():`): nothing else holds it, so what walks it closes it when left early.
    func generator(madeBy expression: Expr, _ value: Value) -> ListStorage? {
        guard case .list(let l) = value, (l.producer as? GeneratorRunner)?.madeByLoop(over: expression) == true else { return nil }
        return l
    }
}
