import InceptionRuntime

/// A generator function's body run a step at a time, as Python runs it: nothing runs when the
/// function is called; each `next()` (a for loop's step, `next(g)`) runs the body on to its next
/// `yield` and stops there, so a generator's prints come between its consumer's, one that never
/// ends (`while True: yield batch`) can be stepped, and it sees the state its consumer has
/// changed since. The statements that yield (a `yield`, and the `if`, `for` and `while` blocks
/// around one) are walked here on a stack of blocks with their places; every other statement is
/// the interpreter's, run whole. A body that yields inside another kind of block (`try`, `with`,
/// a loop's `else:`) runs to its end when called instead (`Interpreter.runGenerator`).
final class GeneratorRunner {
    private unowned let interpreter: Interpreter
    private let env: Environment
    /// Where the generator was made: the frame each step runs in (what a traceback shows).
    private let site: SourceLocation
    private var blocks: [Block]
    private var finished = false
    private var running = false
    /// An error a generator's body raised while its items were read where nothing could be
    /// thrown; the interpreter throws it when the statement that read them ends.
    nonisolated(unsafe) static var deferredFailure: Error?

    /// A block of statements and the next one to run; a loop's body also knows how to go round.
    private struct Block {
        let body: [Stmt]
        var next = 0
        var loop: Loop?
    }
    private enum Loop {
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
    /// a `yield`, or an `if`, `for` or `while` whose blocks are so too.
    static func canStep(_ body: [Stmt]) -> Bool {
        body.allSatisfy { s in
            switch s.kind {
            case .yieldValue: return true
            case .ifChain(let branches, let otherwise): return branches.allSatisfy { canStep($0.body) } && canStep(otherwise ?? [])
            case .forLoop(_, _, let b), .whileLoop(_, let b): return canStep(b)
            default: return !FunctionDecl.yields([s])
            }
        }
    }

    /// The next item the body yields, or nil once it has returned (or raised: the error is
    /// thrown from here once, then the generator is finished, as Python's is).
    func next() throws -> Value? {
        guard !finished else { return nil }
        guard !running else { throw LanguageFailure("generator already executing", as: .valueError) }
        running = true
        defer { running = false }
        do {
            let item = try interpreter.within(CallFrame(kind: .function, site: site)) { try step() }
            if item == nil { finish() }
            return item
        } catch {
            finish()
            throw error
        }
    }

    private func finish() { finished = true; blocks = [] }

    /// Runs on to the next yield.
    private func step() throws -> Value? {
        while !blocks.isEmpty {
            let top = blocks.count - 1
            if case .yieldFrom = blocks[top].loop {
                if let item = try nextItem(of: top) { return item }
                blocks.removeLast()
                continue
            }
            guard blocks[top].next < blocks[top].body.count else {
                // the end of a block: a loop goes round (or ends), anything else is done
                if try !goRound(top) { blocks.removeLast() }
                continue
            }
            let s = blocks[top].body[blocks[top].next]
            blocks[top].next += 1
            if let item = try run(s) { return item }
        }
        return nil
    }

    /// One statement: a yield gives its item; a block that yields is entered; any other
    /// statement runs whole, and its break, continue or return reaches the blocks here.
    private func run(_ s: Stmt) throws -> Value? {
        guard FunctionDecl.yields([s]) else {
            switch try interpreter.execute(s, env) {
            case .normal: break
            case .returned: blocks = []
            case .broke: leaveLoop(breaking: true)
            case .continued: leaveLoop(breaking: false)
            }
            return nil
        }
        switch s.kind {
        case .yieldValue(let e, let from):
            try interpreter.checkInterruption(at: s.location)
            let value = try e.map { try interpreter.evaluate($0, env) } ?? .none
            guard from else { return value }
            blocks.append(Block(body: [], loop: .yieldFrom(try cursor(value, at: e?.location ?? s.location))))
        case .ifChain(let branches, let otherwise):
            for (condition, body) in branches where try interpreter.truthy(condition, env) {
                blocks.append(Block(body: body))
                return nil
            }
            if let otherwise { blocks.append(Block(body: otherwise)) }
        case .forLoop(let target, let sequenceExpr, let body):
            let items = try cursor(try interpreter.evaluate(sequenceExpr, env), at: sequenceExpr.location)
            // starts at the end of its body, so that the first thing done is to take an item
            blocks.append(Block(body: body, next: body.count, loop: .forEach(target: target, items: items, location: s.location)))
        case .whileLoop(let condition, let body):
            blocks.append(Block(body: body, next: body.count, loop: .whileTrue(condition: condition, rounds: 0, location: s.location)))
        default:
            throw LanguageFailure("this generator cannot be run a step at a time", fix: "report this: canStep let it through")
        }
        return nil
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

    /// `break` (the innermost loop's blocks all left) or `continue` (left down to the loop's
    /// body, whose end then goes round).
    private func leaveLoop(breaking: Bool) {
        while let last = blocks.last {
            switch last.loop {
            case .forEach, .whileTrue:
                if breaking { blocks.removeLast() } else { blocks[blocks.count - 1].next = last.body.count }
                return
            case .yieldFrom, nil:
                blocks.removeLast()
            }
        }
    }
}

/// A place in what a loop walks: an iterator stepped where it is (a generator's body run on as
/// items are taken), or a copy of the items and the index of the next.
struct IterationCursor {
    private let iterator: ListStorage?
    private let items: [Value]
    private var index = 0
    init(_ source: (iterator: ListStorage?, items: [Value])) { (iterator, items) = source }

    /// The next item, nil at the end.
    mutating func next() throws -> Value? {
        if let iterator { return try iterator.takeNext() }
        guard index < items.count else { return nil }
        defer { index += 1 }
        return items[index]
    }
}

/// What a lazy iterator's items come from, one at a time (`ListStorage.producer`): a generator
/// function's body (`GeneratorRunner`), or enumerate, zip, map or filter over a generator.
protocol ItemProducer: AnyObject {
    /// The next item, nil at the end.
    func next() throws -> Value?
}

extension GeneratorRunner: ItemProducer {}

/// Items made one at a time by `step` (enumerate, zip, map or filter stepping a generator).
final class SteppedItems: ItemProducer {
    private let step: () throws -> Value?
    init(_ step: @escaping () throws -> Value?) { self.step = step }
    func next() throws -> Value? { try step() }
}

extension ListStorage {
    /// A lazy iterator printed as `view` ("enumerate", "zip", …) whose items `step` makes.
    static func stepped(_ view: String, _ step: @escaping () throws -> Value?) -> ListStorage {
        let list = ListStorage([], view: view)
        list.producer = SteppedItems(step)
        return list
    }

    /// Whether the items are still to be made (a generator not yet run to its end).
    var isLazy: Bool { producer != nil }
}

extension Value {
    /// A generator (or enumerate, zip, … over one) whose items are still to be made.
    var isLazyIterator: Bool { if case .list(let l) = self { return l.isLazy } else { return false } }
}
