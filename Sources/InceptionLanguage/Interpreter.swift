import Foundation
import InceptionRuntime

/// Runs programs: a tree-walking interpreter over the AST.
///
/// Blocks defined with `class` become runtime `Block`s whose forward calls back into the
/// interpreter, so a lesson's network runs, traces and loads weights exactly like the Swift
/// reference model. Globals persist across `run` calls: a notebook's cells share them.
public final class Interpreter {
    /// The context every top-level module call runs in; attach observers here.
    public let context: ExecutionContext
    /// Where `print` writes (stdout by default).
    public var output: (String) -> Void
    /// Relative paths in `load`, `save` and `load_weights` are resolved against this folder
    /// (the lesson file's folder when run from a file); nil means the working directory.
    public var baseDirectory: String?
    /// Builds the reference network when a program first asks for `reference` (from the
    /// registry the interpreter was handed; nil when it has none).
    public var referenceProvider: (() throws -> Module)?
    /// What `sys.argv` gives: `inception run` sets the script's path as given and the words after it.
    public var scriptArguments = ["inception"]
    /// The rounds all loops of one run may make together (nested loops included); 0: no limit.
    /// `inception run --max-loop-rounds N` sets it.
    public var loopRoundLimit = Interpreter.defaultLoopRoundLimit
    /// The loop rounds made since the run began (see InterpreterLoopBudget).
    var loopRounds = 0

    /// The builtins' scope, the parent of the globals (a program may shadow a builtin).
    let builtinScope = Environment()
    /// Namespaces from the registry that `import` finds besides torch ("torchvision").
    var importableNamespaces: Set<String> = []
    let globals: Environment
    var instances: [ObjectIdentifier: Instance] = [:]
    /// The items of the generator functions running now, innermost last (`yield` appends to it).
    var generatorItems: [[Value]] = []
    /// Whether the loop that ended last left by `break` (what a loop's `else:` block asks).
    var lastLoopBroke = false
    static let generatorLimit = 1_000_000
    /// How each layer a constructor builtin made was made (`ModuleRecipe`), for copy.deepcopy.
    var moduleRecipes: [ObjectIdentifier: ModuleRecipe] = [:]
    var recipesPruneAt = 4096
    /// What runs, outermost first: function calls, class bodies, module calls, forwards.
    var frames: [CallFrame] = []
    /// How many of `frames` are function calls and class bodies (what the recursion limit counts).
    var callDepth = 0
    /// sys.getrecursionlimit(): how many calls may nest, Python's 1000 unless the program sets
    /// another (past what the stack holds, StackGuard still stops it with a RecursionError).
    var recursionLimit = 1000
    var cachedReference: Module?
    /// Files imported with `import name`, by name, and the ones being imported now.
    var importedFiles: [String: Value] = [:]
    /// The state of `import random`'s functions (Python's module-level generator).
    let pythonRandom = PythonRandom()
    var importing: Set<String> = []
    /// The exceptions being handled, innermost last (what a bare `raise` raises again).
    var activeExceptions: [PythonException] = []
    /// Stops a running program from another thread (Ctrl-C in the REPL).
    public let interruption: Interruption

    /// `builtins`: the names from outside the language (pictures, networks, the reference
    /// network) that programs run here may use besides the core ones.
    public init(context: ExecutionContext = ExecutionContext(), output: @escaping (String) -> Void = { Swift.print($0, terminator: "") },
                builtins: BuiltinRegistry = BuiltinRegistry()) {
        self.context = context
        self.interruption = Interruption(context: context)
        self.output = output
        self.referenceProvider = builtins.reference
        self.globals = Environment(parent: builtinScope)
        // A program starts as a process does here: the default generator at seed 0, dropout
        // drawing from it (PyTorch seeds its own from the clock; here runs repeat).
        context.drawsFromDefaultGenerator = true
        context.drawOrder = ViewLayout.memoryOrder
        DefaultGenerator.seed(0)
        TensorPrinting.resetOptions()
        installBuiltins(builtins)
        InstanceSemanticsHook.install(self)
    }

    // MARK: entry points

    /// Runs a program's statements at the top level.
    public func run(_ program: Program) throws {
        _ = try runInteractive(program)
    }

    /// Runs a program and returns the value of its last statement when that is an
    /// expression (other than a call returning None), for a REPL to echo.
    public func runInteractive(_ program: Program) throws -> Value? {
        // on a thread with room for Python's 1000 nested calls (see LargeStack)
        try LargeStack.run { try runOnThisThread(program) }
    }

    private func runOnThisThread(_ program: Program) throws -> Value? {
        interruption.clear()
        loopRounds = 0
        InstanceSemanticsHook.install(self)
        var last: Value?
        for statement in program.statements {
            last = nil
            if case .expression(let e) = statement.kind {
                let v = try evaluateStatement(e, globals)
                if !v.isNone { last = v }
                continue
            }
            if case .returned = try execute(statement, globals) {
                throw RuntimeError(Diagnostic(.runtime, statement.location, "'return' outside a function"))
            }
        }
        return last
    }

    /// A global variable (a block the lesson built, a tensor it computed), or nil.
    public func global(_ name: String) -> Value? { globals.lookup(name) }

    /// Binds a global, e.g. a module the REPL wants the lesson to see.
    public func setGlobal(_ name: String, _ value: Value) { globals.define(name, value) }

    /// Forgets every name the program defined. Blocks it built keep working for whoever
    /// holds them; without this, a finished program's blocks and globals hold each other.
    public func clearGlobals() {
        globals.removeAll()
        for instance in instances.values { instance.block?.forgetLastForward() }
        instances = instances.filter { $0.value.block != nil }
    }

    /// The names a program has defined (not the builtins), sorted.
    public var globalNames: [String] { globals.values.keys.sorted() }

    /// The block's full forward result from its last call, when its forward (written in the
    /// language) returned a tuple (`aux1_out, aux2_out, out`): kept in its `ForwardFrame`.
    public func lastTupleResult(of module: Module) -> Value? { module.lastForward?.returned as? Value }

    /// The plain attributes of a block a class of this interpreter built (`self.final_F = final_F`),
    /// in the order first set: those holding a number, a bool, a string, None, or a tuple or list
    /// of them (the values a constructor's arguments are kept as). Empty for any other module.
    public func plainAttributes(of module: Module) -> [(name: String, value: Value)] {
        guard let instance = instances[ObjectIdentifier(module)], instance.block === module else { return [] }
        func isPlain(_ v: Value) -> Bool {
            switch v {
            case .none, .bool, .int, .float, .string: return true
            case .tuple(let items): return items.allSatisfy(isPlain)
            case .list(let l): return l.items.allSatisfy(isPlain)
            default: return false
            }
        }
        return instance.attributes.entries.compactMap { entry in
            guard case .string(let name) = entry.key, isPlain(entry.value) else { return nil }
            return (name, entry.value)
        }
    }

    /// Calls a module with the language's conventions (tuple results kept), from Swift.
    public func call(_ module: Module, _ x: Tensor) throws -> Value {
        try callModule(module, Arguments([.tensor(x)]), at: SourceLocation(file: "<swift>", line: 0, column: 0))
    }

    // MARK: statements

    enum Flow { case normal, returned(Value), broke, continued }

    /// `class Name(…):` bound in env, with the class it extends (if any).
    @inline(never)
    private func defineClass(_ decl: ClassDecl, _ env: Environment) throws {
        if let type = try namedTupleClass(decl, env) { env.define(decl.name, type); return }
        try refuseBuiltinBase(decl, env)
        let (base, autogradFunction) = try baseClass(of: decl, env)
        let exceptionBase = base?.exceptionBase ?? builtinExceptionBase(of: decl, env)
        let dataBase = base?.dataBase ?? dataBaseClass(of: decl, env)
        let layerBase = try base?.layerBase ?? layerBase(of: decl, env)
        // With a base class, a header of plain names lists bases, not the block's parameters.
        let parameters = (base != nil || exceptionBase != nil || dataBase != nil || layerBase != nil) && !decl.hasInitializer ? [] : decl.parameters
        let defaults = try parameters.map { p in try p.defaultValue.map { try evaluate($0, env) } }
        // A class without __init__ or parameters whose body never names self (`class Config: lr = 0.1`)
        // holds class attributes, as in Python; with self (a lesson's block), the body is the constructor.
        let bodyIsClassBody = !decl.hasInitializer && parameters.isEmpty && !Self.mentionsSelf(decl.body)
        let cls = ClassValue(decl: decl, scope: env, parameters: parameters, defaults: defaults, base: base,
                             extendsAutogradFunction: autogradFunction, constructorBody: bodyIsClassBody ? [] : decl.body)
        cls.exceptionBase = exceptionBase
        cls.dataBase = dataBase
        cls.layerBase = layerBase
        try runClassBody(bodyIsClassBody ? decl.body : decl.classBody, of: cls)
        try located(decl.location) { try classCreated(cls) }
        env.define(decl.name, .classValue(cls))
    }

    /// `for target in sequence: body`. An iterator is stepped through, so next(it) in the body
    /// takes the item after this one and a loop left by break leaves the rest to the next pass;
    /// anything else is walked as it was. A generator made by the loop's own expression (`for x
    /// in numbers():`) is closed when the loop is left early, by break, return or an error, as
    /// Python closes it when the loop lets go of it (its `finally:` blocks run then).
    @inline(never)
    private func executeFor(_ target: Expr, _ sequenceExpr: Expr, _ body: [Stmt], _ env: Environment, at location: SourceLocation) throws -> Flow {
        let sequence = try evaluate(sequenceExpr, env)
        let (iterator, items) = try located(sequenceExpr.location) { try iterationSource(sequence) }
        let owned = generator(madeBy: sequenceExpr, sequence)
        // (what closing raises is dropped, as Python drops it: "Exception ignored in …")
        defer { if let owned, owned.isLazy { try? closeGenerator(owned) } }
        var index = 0
        // itertools.count(), cycle(), repeat(x): endless, so stopped as an endless while loop is
        let endless = iterator.flatMap { $0.isLazy ? $0.origin : nil }.flatMap { $0.hasPrefix("itertools.") ? $0 : nil }
        while let item = try iterator?.takeNext() ?? (index < items.count ? items[index] : nil) {
            index += 1
            if let endless, index > 10_000_000 {
                throw RuntimeError(Diagnostic(.runtime, location, "this loop over \(endless)() ran 10,000,000 times; it probably never ends",
                                              fix: "break out of it when done, or take a bounded part: itertools.islice(…, n)", callers: callers()))
            }
            try checkInterruption(at: location)
            try countLoopRound(at: location)
            try located(target.location) { try assign(item, to: target, env) }
            switch try execute(body, env) {
            case .broke: lastLoopBroke = true; return .normal
            case .returned(let v): return .returned(v)
            case .normal, .continued: try checkSizeUnchanged(sequence, items.count, at: sequenceExpr.location)
            }
        }
        lastLoopBroke = false
        return .normal
    }

    /// A generator's `close()`: GeneratorExit raised at its last yield, nothing left to take.
    func closeGenerator(_ generator: ListStorage) throws {
        let broke = lastLoopBroke               // (the loop being left still reads how it ended)
        defer { lastLoopBroke = broke }
        if let runner = generator.producer as? GeneratorRunner { try runner.close() }
        generator.producer = nil
        _ = try generator.takeRemaining()
    }

    /// A loop, then its `else:` block unless it left by `break`. (The statements' helpers are
    /// apart from execute(_:_:), whose frame every nested block stacks.)
    @inline(never)
    private func loopElse(_ loop: Stmt, _ otherwise: [Stmt], _ env: Environment) throws -> Flow {
        let flow = try execute(loop, env)
        guard case .normal = flow, !lastLoopBroke else { return flow }
        return try execute(otherwise, env)
    }

    /// `yield value` / `yield from items`: onto the items of the generator running now.
    @inline(never)
    private func yield(_ e: Expr?, from: Bool, at location: SourceLocation, _ env: Environment) throws {
        guard !generatorItems.isEmpty else {
            throw RuntimeError(Diagnostic(.runtime, location, "'yield' outside function", fix: "yield inside a def: calling it makes a generator", callers: callers()))
        }
        let value = try e.map { try evaluate($0, env) } ?? .none
        let items = from ? try located(location) { try iterationItems(value) } : [value]
        guard generatorItems[generatorItems.count - 1].count + items.count <= Self.generatorLimit else {
            throw RuntimeError(Diagnostic(.runtime, location,
                                          "a generator that yields inside a try, with or loop-else block runs to its end when called here, and this one yielded over \(Self.generatorLimit) items (one that never ends?)",
                                          fix: "yield a bounded number of items, or move the yield out of that block", callers: callers()))
        }
        generatorItems[generatorItems.count - 1] += items
    }

    func execute(_ statements: [Stmt], _ env: Environment) throws -> Flow {
        for s in statements {
            let flow = try execute(s, env)
            if let failure = GeneratorRunner.deferredFailure { GeneratorRunner.deferredFailure = nil; throw failure }
            if case .normal = flow { continue }
            return flow
        }
        return .normal
    }

    /// An expression on a line of its own. `answer == 112` with `answer` not defined yet is an
    /// assignment meant: the NameError says so.
    func evaluateStatement(_ e: Expr, _ env: Environment) throws -> Value {
        do {
            return try evaluate(e, env)
        } catch var error as RuntimeError {
            if case .compare(let left, let operators) = e.kind, operators.count == 1, operators[0].0 == .equal,
               case .name(let name) = left.kind, error.diagnostic.fix == nil, error.diagnostic.location == left.location,
               error.diagnostic.message == "name '\(name)' is not defined" {
                error.diagnostic.fix = "'==' compares; to set \(name), write one '=': \(name) = …"
            }
            throw error
        }
    }

    func execute(_ s: Stmt, _ env: Environment) throws -> Flow {
        guard StackGuard.hasRoom() else { throw tooDeep(at: s.location) }
        switch s.kind {
        case .expression(let e):
            _ = try evaluateStatement(e, env)
        case .assign(let targets, let valueExpr):
            let value = try evaluate(valueExpr, env)
            for t in targets { try located(t.location) { try assign(value, to: t, env) } }
        case .augmentedAssign(let target, let op, let valueExpr):
            try augmentedAssign(target, op, valueExpr, at: s.location, env)
        case .annotatedAssign(let target, let valueExpr?):
            let value = try evaluate(valueExpr, env)
            try located(target.location) { try assign(value, to: target, env) }
        case .annotatedAssign(_, nil):
            break
        case .ifChain(let branches, let otherwise):
            for (condition, body) in branches where try truthy(condition, env) {
                return try execute(body, env)
            }
            if let otherwise { return try execute(otherwise, env) }
        case .forLoop(let target, let sequenceExpr, let body):
            return try executeFor(target, sequenceExpr, body, env, at: s.location)
        case .loopElse(let loop, let otherwise):
            return try loopElse(loop, otherwise, env)
        case .whileLoop(let condition, let body):
            var rounds = 0
            while try truthy(condition, env) {
                try checkInterruption(at: s.location)
                try countLoopRound(at: s.location)
                rounds += 1
                if rounds > 10_000_000 {
                    throw RuntimeError(Diagnostic(.runtime, s.location, "this loop ran 10,000,000 times; it probably never ends",
                                                  fix: "check that the condition becomes false", callers: callers()))
                }
                switch try execute(body, env) {
                case .broke: lastLoopBroke = true; return .normal
                case .returned(let v): return .returned(v)
                case .normal, .continued: continue
                }
            }
            lastLoopBroke = false
        case .function(let decl):
            let defaults = try decl.parameters.map { p in try p.defaultValue.map { try evaluate($0, env) } }
            env.define(decl.name, .function(Function(decl: decl, closure: env, defaults: defaults)))
        case .classDecl(let decl):
            if let forward = decl.forward, forward.explicitParameters.isEmpty {
                throw RuntimeError(Diagnostic(.runtime, forward.location,
                                              "forward of \(decl.name) takes no input besides self",
                                              fix: "write 'def forward(self, x):'", callers: callers()))
            }
            try defineClass(decl, env)
        case .yieldValue(let e, let from, let into):
            try yield(e, from: from, at: s.location, env)
            if let into {
                throw RuntimeError(Diagnostic(.runtime, into.location, "a generator that yields inside a finally: block runs to its end when called here, so nothing can be sent into it",
                                              fix: "yield in the try: block and clean up in finally:", callers: callers()))
            }
        case .returnValue(let e):
            return .returned(try e.map { try evaluate($0, env) } ?? .none)
        case .pass:
            break
        case .breakLoop: return .broke
        case .continueLoop: return .continued
        case .assert(let condition, let message):
            if !(try truthy(condition, env)) {
                let value = try message.map { try evaluate($0, env) }
                // caught as an AssertionError whose argument is the message, as Python raises it
                throw RuntimeError(Diagnostic(.runtime, s.location, "assertion failed" + (value.map { ": " + $0.text } ?? ""), callers: callers()),
                                   underlying: RaisedException(exception: PythonException("AssertionError", value.map { [$0] } ?? [])))
            }
        case .importModule(let path, let alias):
            let value = try located(s.location) { try importedModule(path) }
            if let alias { env.define(alias, value) } else { env.define(path[0], try located(s.location) { try importedModule([path[0]]) }) }
        case .with(let items, let body):
            return try executeWith(items, body, env, at: s.location)
        case .raise(let e, let cause):
            try executeRaise(e, cause: cause, env, at: s.location)
        case .tryStatement(let body, let handlers, let otherwise, let finally):
            return try executeTry(body, handlers, otherwise, finally, env)
        case .delete(let targets):
            try executeDelete(targets, env)
        case .scopeDeclaration(let names, let global):
            try declareScope(names, global: global, env, at: s.location)
        case .importFrom(let path, let names):
            let module = try located(s.location) { try importedModule(path) }
            for (name, alias) in names {
                guard case .namespace(let ns) = module, let v = ns.members[name] ?? (try? importedModule(path + [name])) else {
                    throw RuntimeError(Diagnostic(.runtime, s.location, "cannot import name '\(name)' from '\(path.joined(separator: "."))'", callers: callers()), as: .importError)
                }
                env.define(alias ?? name, v)
            }
        }
        return .normal
    }

    func truthy(_ e: Expr, _ env: Environment) throws -> Bool {
        let v = try evaluate(e, env)
        return try located(e.location) { try truthValue(v) }
    }

    /// The items a pass over v walks (a for loop, list(v), sum(v), zip(…)); an iterator's are taken.
    func iterationItems(_ v: Value) throws -> [Value] {
        // a DataLoader's batches, a sampler's indices, a dataset's samples: drawn now, errors reported
        if case .object(let o as InterpretedIterable) = v { return try o.iterationItems(self) }
        if case .list(let l) = v { return try l.takeRemaining() }          // an iterator is used up
        if let items = v.sequenceItems() { return items }
        if case .module(let m) = v, m.isNumberedContainer { return m.children.map { .module($0.module) } }
        if case .module(let m) = v, instance(of: m) != nil, let items = try dunderItems(v) { return items }
        if case .module(let m) = v, m.isModuleDict { return m.children.map { .string($0.name) } }
        if case .module(let m) = v, let items = Self.parameterContainerItems(m) { return items }
        if case .tensor(let t) = v {
            guard t.rank > 0 else { throw LanguageFailure("iteration over a 0-d tensor", fix: "x.item() gives its value", as: .typeError) }
            return try (0..<t.shape[0]).map { .tensor(try TensorOps.getItem(t, [.at($0)])) }
        }
        throw LanguageFailure("'\(v.typeName)' object is not iterable", fix: "loop over a list, a tuple or range(n)", as: .typeError)
    }

    // MARK: assignment

    func assign(_ value: Value, to target: Expr, _ env: Environment) throws {
        switch target.kind {
        case .name(let name):
            env.define(name, value)
        case .tuple(let targets), .list(let targets):
            let iterator: ListStorage? = { if case .list(let l) = value, l.isIterator { return l } else { return nil } }()
            guard let items = try iterator?.takeRemaining() ?? value.sequenceItems() ?? (value.asTensor != nil ? try? iterationItems(value) : nil)
                    ?? (value.asModule != nil ? dunderItems(value) : nil) else {
                throw LanguageFailure("cannot unpack non-iterable \(value.typeName) object",
                                      fix: "the right side must be a tuple or list of \(targets.count) values", as: .typeError)
            }
            if let star = targets.firstIndex(where: { if case .starred = $0.kind { return true } else { return false } }) {
                // a, *rest = items: the starred name takes what the others leave, as a list
                let after = targets.count - star - 1
                guard items.count >= targets.count - 1 else {
                    throw LanguageFailure("not enough values to unpack (expected at least \(targets.count - 1), got \(items.count))", as: .valueError)
                }
                let middle = Value.list(ListStorage(Array(items[star..<(items.count - after)])))
                let values = Array(items[..<star]) + [middle] + Array(items[(items.count - after)...])
                for (t, v) in zip(targets, values) {
                    let target = { if case .starred(let inner) = t.kind { return inner } else { return t } }()
                    try located(t.location) { try assign(v, to: target, env) }
                }
                return
            }
            guard items.count == targets.count else {
                // Python's ValueError, so `except ValueError:` around `k, v = line.split("=")` catches it
                let fix = "write one name per value (\(items.count)), or check what the right side holds"
                throw items.count < targets.count
                    ? LanguageFailure("not enough values to unpack (expected \(targets.count), got \(items.count))", fix: fix, as: .valueError)
                    : LanguageFailure("too many values to unpack (expected \(targets.count))", fix: fix, as: .valueError)
            }
            for (t, v) in zip(targets, items) { try located(t.location) { try assign(v, to: t, env) } }
        case .attribute(let objectExpr, let name):
            let object = try evaluate(objectExpr, env)
            try setAttribute(object, name, value)
        case .index(let objectExpr, let indexExpr):
            let object = try evaluate(objectExpr, env)
            let index = try evaluate(indexExpr, env)
            try setItem(object, index, value)
        default:
            throw LanguageFailure("cannot assign to this expression")
        }
    }

    func setItem(_ object: Value, _ index: Value, _ value: Value) throws {
        if case .module = object, let method = try dunder(object, "__setitem__") {     // a class of the program's own
            _ = try callBack(method, Arguments([index, value]))
            return
        }
        switch object {
        case .list(let l) where l.view == nil:
            if case .object(let s as SliceObject) = index { return try Self.assignSlice(l, s, value, self) }
            guard let i = index.asInt else { throw LanguageFailure("list indices must be integers or slices, not \(index.typeName)", as: .typeError) }
            let j = i < 0 ? l.items.count + i : i
            guard l.items.indices.contains(j) else { throw LanguageFailure("list assignment index out of range", fix: "index \(i) of a list of length \(l.items.count); append() adds an item", as: .indexError) }
            l.set(j, value)
        case .dict(let d):
            _ = try PythonHash.requireHashable(index)
            d.set(index, value)
        case .module(let m) where try Self.setParameterContainerItem(m, index, value):
            return
        case .module(let m) where m.isModuleDict || m.isNumberedContainer:
            // d["name"] = layer; seq[1] = layer (the name it had)
            guard case .module(let layer) = value else {
                throw LanguageFailure("\(m.typeName) holds modules; got \(value.typeName)", fix: "assign an nn layer", as: .typeError)
            }
            let name: String
            if m.isModuleDict {
                guard case .string(let key) = index else { throw LanguageFailure("module name should be a string. Got \(index.typeName)", as: .typeError) }
                name = key
            } else {
                name = m.children[try Self.layerPosition(m, index)].name
            }
            m.register(name, layer)
        case .tensor(let t):
            let items = try tensorIndex(index, rank: t.rank)
            let v = try operand(value, "__setitem__")
            if case .tensor = value {
                let loneBool: Bool = { if case .bool = index { return true } else { return false } }()
                try Self.checkIndexPutDType(t, items, v, loneBool: loneBool)
            }
            try IntegerRange.checkWrite(v, into: t)
            if try assignIndexRecorded(t, items, v) { return }
            let selection = try TensorOps.select(t, items)
            try MemoryOverlap.checkIndexWrite(into: t, at: selection, value: v)
            // into an expanded tensor: a fill (a number, a 0-d value), or a part whose elements are distinct places
            try checkInPlace(t, "assigning to x[…]", selfOverlapAllowed: v.rank == 0 || MemoryOverlap.writesDistinctPlaces(t, selection))
            try TensorOps.setItem(t, items, v)
            TensorKinds.shared.wroteInPlace(t)
        default:
            throw LanguageFailure("'\(object.typeName)' object does not support item assignment", as: .typeError)
        }
    }

    // MARK: errors

    func checkInterruption(at location: SourceLocation) throws {
        if interruption.consume() {
            let diagnostic = Diagnostic(.runtime, location, "interrupted", callers: callers())
            interruption.noteStop(diagnostic)
            throw RuntimeError(diagnostic, underlying: Interruption.Interrupted())
        }
    }

    /// Runs `body`; an error without a location gets `location` (and the call stack).
    func located<T>(_ location: SourceLocation, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as RuntimeError { throw e } catch {
            throw runtimeError(error, at: location)
        }
    }

    /// Turns any error into a located RuntimeError with a fix where one is known.
    func runtimeError(_ error: Error, at location: SourceLocation) -> RuntimeError {
        let message: String
        var fix: String?
        var pythonClass: PythonErrorClass?
        switch error {
        case let f as LanguageFailure: message = f.message; fix = f.fix
        case let m as ModuleError:
            // PyTorch's words as the message; where in the model, and what to do, as the fix
            message = m.message
            let place = m.path.isEmpty ? nil : "raised in \(m.path) (\(m.typeName))"
            fix = [place, Hints.fix(for: m)].compactMap { $0 }.joined(separator: ": ")
            if fix?.isEmpty == true { fix = nil }
            if case .invalidValue? = m.cause { pythonClass = .valueError }
        case let t as TensorError:
            message = t.description
            if case .invalidValue = t { pythonClass = .valueError }
            if case .refused(_, let f) = t { fix = f }
        case let s as StateDictError: message = s.description
        case let w as WeightFileError: message = w.description
        case let i as ExecutionInterrupted: message = i.description
        case let r as IntegerRangeRefusal: message = r.message; fix = r.fix
        case let d as ModuleCallsTooDeep:
            message = d.description; pythonClass = .recursionError
            fix = "a module that holds itself (s.append(s)) calls itself without end; add a new module instead"
        default: message = "\(error)"
        }
        return RuntimeError(Diagnostic(.runtime, location, message, fix: fix, callers: callers()), underlying: error, as: pythonClass)
    }
}

extension Interpreter {
    /// `l[a:b] = items` (the slice replaced, its length may change) and `l[a:b:k] = items`
    /// (as many items as the slice picks), as Python's lists take them.
    static func assignSlice(_ l: ListStorage, _ s: SliceObject, _ value: Value, _ interpreter: Interpreter) throws {
        let items: [Value]
        do { items = try interpreter.iterationItems(value) } catch {
            throw LanguageFailure("must assign iterable to extended slice", as: .typeError)
        }
        let picked = try Self.sliceIndices(l.items.count, s.start, s.stop, s.step)
        if (s.step ?? 1) == 1 {
            let from = picked.first ?? min(max(s.start.map { $0 < 0 ? $0 + l.items.count : $0 } ?? 0, 0), l.items.count)
            l.replace(from..<(from + picked.count), with: items)
            return
        }
        guard items.count == picked.count else {
            throw LanguageFailure("attempt to assign sequence of size \(items.count) to extended slice of size \(picked.count)", as: .valueError)
        }
        for (i, v) in zip(picked, items) { l.set(i, v) }
    }

    /// `del l[a:b:k]`
    static func deleteSlice(_ l: ListStorage, _ s: SliceObject) throws {
        let picked = Set(try Self.sliceIndices(l.items.count, s.start, s.stop, s.step))
        l.replaceAll(with: l.items.enumerated().filter { !picked.contains($0.offset) }.map(\.element))
    }
}
