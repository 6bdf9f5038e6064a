import InceptionRuntime

/// A value of the lesson language. Numbers, strings and tuples are values; lists and dicts
/// are shared references (as in Python); tensors and modules are the runtime's own objects,
/// so a block built in a lesson is the same `Module` the tracer, loader and checker walk.
public enum Value {
    case none
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)
    case tuple([Value])
    case list(ListStorage)
    case dict(DictStorage)
    /// A set or frozenset (shared and, unless frozen, mutable).
    case set(SetStorage)
    /// `x.shape`: prints as torch.Size([2, 64, 112, 112]), compares equal to a tuple.
    case size([Int])
    case tensor(Tensor)
    case module(Module)
    case function(Function)
    case builtin(Builtin)
    case classValue(ClassValue)
    /// `torch`, `nn`, `nn.init`, `F`: names grouped under a dotted prefix.
    case namespace(Namespace)
    /// A Swift-side object: a device, a dtype, a context manager, a named tuple.
    case object(NativeObject)

    /// The type as a learner would name it in Python: "int", "Tensor", "Conv2d".
    public var typeName: String {
        switch self {
        case .none: return "NoneType"
        case .bool: return "bool"
        case .int: return "int"
        case .float: return "float"
        case .string: return "str"
        case .tuple: return "tuple"
        case .list(let l): return l.view ?? "list"
        case .dict(let d):
            switch d.kind {
            case .dict: return "dict"
            case .ordered: return "OrderedDict"
            case .defaultDict: return "defaultdict"
            case .counter: return "Counter"
            }
        case .set(let s): return s.frozen ? "frozenset" : "set"
        case .size: return "torch.Size"
        case .tensor: return "Tensor"
        case .module(let m): return m.typeName
        case .function: return "function"
        // a builtin class (int, ValueError, nn.Linear) is a type; print, len, x.item a builtin function
        case .builtin(let b): return BuiltinClassPaths.path(of: b.name) != nil ? "type" : "builtin_function_or_method"
        case .classValue: return "class"
        case .namespace: return "module"
        case .object(let o): return o.typeName
        }
    }

    /// Python's truth value; a tensor with one value counts by that value.
    public func isTruthy() throws -> Bool {
        switch self {
        case .none: return false
        case .bool(let b): return b
        case .int(let i): return i != 0
        case .float(let f): return f != 0
        case .string(let s): return !s.isEmpty
        case .tuple(let xs): return !xs.isEmpty
        case .list(let l): return l.isIterator || !l.items.isEmpty          // an iterator is true, even used up
        case .dict(let d): return !d.entries.isEmpty
        case .set(let s): return s.count > 0
        case .size(let s): return !s.isEmpty
        case .tensor(let t):
            guard t.count == 1, !t.isMeta else {
                throw LanguageFailure(t.count == 0 ? "Boolean value of Tensor with no values is ambiguous" : "Boolean value of Tensor with more than one value is ambiguous",
                                      fix: "compare shapes with x.shape == (…) or values with allclose(a, b), or reduce with .any() or .all()")
            }
            return t.data[0] != 0
        // an empty deque is false (not every object with items: a DataLoader's would draw an epoch)
        case .object(let o as DequeObject): return !o.elements.isEmpty
        case .object(let r as RangeObject): return r.count > 0
        case .module, .function, .builtin, .classValue, .namespace, .object: return true
        }
    }

    /// The items of a tuple, list, torch.Size, string or dict (its keys), for loops and unpacking.
    /// An iterator (a generator, map(…), iter(xs)) gives the items it has left without taking
    /// them: a pass over it is Interpreter.iterationItems, which does.
    public func sequenceItems() -> [Value]? {
        switch self {
        case .tuple(let xs): return xs
        case .list(let l): return l.remaining
        case .size(let s): return s.map { .int($0) }
        case .string(let s): return s.map { .string(String($0)) }
        case .dict(let d): return d.entries.map(\.key)
        case .set(let s): return s.items
        case .object(let o): return o.items
        default: return nil
        }
    }

    public var asInt: Int? {
        switch self {
        case .int(let i): return i
        case .bool(let b): return b ? 1 : 0
        default: return nil
        }
    }

    public var asDouble: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .float(let f): return f
        case .bool(let b): return b ? 1 : 0
        default: return nil
        }
    }

    public var asTensor: Tensor? { if case .tensor(let t) = self { return t } else { return nil } }
    public var asModule: Module? { if case .module(let m) = self { return m } else { return nil } }
    /// The name of a function or builtin (a decorator's wrapper keeps it).
    public var asFunctionName: String? {
        switch self {
        case .function(let f): return f.decl.name
        case .builtin(let b): return b.name
        default: return nil
        }
    }
    public var isNone: Bool { if case .none = self { return true } else { return false } }
    /// Python's callable(): functions, builtins, classes, modules, and objects that take a call
    /// (functools.partial, a type such as type(x)).
    public var isCallable: Bool {
        switch self {
        case .function, .builtin, .classValue, .module: return true
        case .object(let o): return (o as? ClosureObject)?.call != nil || o is TypeObject
        default: return false
        }
    }
}

/// A Python list: shared and mutable.
public final class ListStorage {
    /// The items; a dict view's are read from its dict at each look, so the view follows the
    /// dict's later changes (d.keys() then d["b"] = 2: the view has 'b'), as Python's views do.
    public var items: [Value] {
        _read {
            if liveView != nil { refreshView() }
            if producer != nil { produceAllDeferringFailure() }
            yield stored
        }
        _modify { yield &stored }
    }
    private var stored: [Value]
    /// For a dict view: which part of each entry it shows (nil for every other list).
    private var liveView: DictViewPart?
    enum DictViewPart { case keys, values, items }
    /// Set for a dict's keys(), values() or items() ("dict_keys", "odict_values"): a read-only
    /// view in Python, printed as `dict_keys([…])`, not indexable, without list methods.
    public var view: String?
    /// For a "generator" (what Module.parameters() and (e for …) give in Python): its maker,
    /// shown by repr as `<generator object Module.parameters>`. `next()` takes its items one by one.
    public var origin: String?
    /// A generator function's body, run a step at a time as its items are taken (`takeNext`);
    /// whatever reads the items some other way has the rest produced first.
    var producer: ItemProducer?
    /// A dict view's dict, held as Python's view holds it: the view reads its items from it, and
    /// a loop over the view checks it keeps its size, as Python's does.
    var viewedDict: DictStorage?
    public init(_ items: [Value], view: String? = nil, origin: String? = nil) { self.stored = items; self.view = view; self.origin = origin }

    /// A view of `d`'s keys, values or items, printed as `kind` (dict_keys, odict_items, …).
    convenience init(viewing d: DictStorage, _ part: DictViewPart, kind: String) {
        self.init([], view: kind)
        viewedDict = d
        liveView = part
    }

    /// A dict view's items as its dict holds them now.
    private func refreshView() {
        guard let d = viewedDict, let part = liveView else { return }
        var fresh: [Value]
        switch part {
        case .keys: fresh = d.entries.map(\.key)
        case .values: fresh = d.entries.map(\.value)
        case .items: fresh = d.entries.map { .tuple([$0.key, $0.value]) }
        }
        swap(&fresh, &stored)
    }
    /// A generator or an iterator (not a dict view): single-pass, `next()` takes from it.
    public var isIterator: Bool { view.map { Self.iteratorKinds.contains($0) || $0.hasSuffix("iterator") } ?? false }
    /// The views that are iterators without "iterator" in their name, as Python names their types.
    static let iteratorKinds: Set<String> = ["generator", "map", "filter", "zip", "enumerate", "reversed"]
    /// An iterator's place: its items before it are taken (by next() or a for loop's steps).
    private var position = 0
    deinit { DeepRelease.release(&stored) }

    /// Takes an iterator's next item, nil at its end (a generator's body run on to its next
    /// yield). The taken items are let go once they are half of what it holds, so each step
    /// costs O(1) on average.
    func takeNext() throws -> Value? {
        if position >= stored.count, let producer {
            guard let item = try producer.next() else { self.producer = nil; return nil }
            return item
        }
        guard position < items.count else { return nil }
        let item = items[position]
        position += 1
        if position >= 64, position * 2 >= items.count { replace(0..<position, with: []); position = 0 }
        return item
    }

    /// The items a look at it sees (an iterator's that are left), without taking them.
    var remaining: [Value] { position == 0 ? items : Array(items[position...]) }

    /// The items a pass over it sees: an iterator's that are left, taken (list(it), sum(it),
    /// unpacking: a second pass finds none, as in Python); a list's or a dict view's all of them.
    func takeRemaining() throws -> [Value] {
        try produceAll()
        guard isIterator else { return items }
        let rest = Array(items[position...])
        replaceAll(with: [])
        position = 0
        return rest
    }

    /// A generator's items not yet produced, produced now (its body run to its end); over
    /// `Interpreter.generatorLimit` items is refused, as one that never ends would fill the memory.
    func produceAll() throws {
        while let producer {
            guard let item = try producer.next() else { self.producer = nil; return }
            guard stored.count < Interpreter.generatorLimit else {
                self.producer = nil
                throw LanguageFailure("all the items of a generator were asked for, and it gave over \(Interpreter.generatorLimit) (one that never ends?)",
                                      fix: "take a bounded number: itertools.islice(g, n), or next(g) in a loop, or a for loop left by break")
            }
            stored.append(item)
        }
    }

    /// produceAll where nothing can be thrown (a look at the items): an error the body raises
    /// is kept and thrown when the statement that looked ends (`GeneratorRunner.deferredFailure`).
    private func produceAllDeferringFailure() {
        do { try produceAll() } catch {
            producer = nil
            if GeneratorRunner.deferredFailure == nil { GeneratorRunner.deferredFailure = error }
        }
    }

    /// Empties the list, its items released as its deinit releases them: a deep nest without recursion.
    public func removeAll() { replaceAll(with: []) }

    /// items = new, the old items released without recursion.
    func replaceAll(with new: [Value]) {
        var old = new
        swap(&old, &items)
        DeepRelease.release(&old)
    }

    /// items[i] = value, the old item released without recursion.
    func set(_ i: Int, _ value: Value) {
        var old = [value]
        swap(&old[0], &items[i])
        DeepRelease.release(&old)
    }

    /// items[range] = new, the removed items released without recursion.
    func replace(_ range: Range<Int>, with new: [Value]) {
        var removed = Array(items[range])
        items.replaceSubrange(range, with: new)
        DeepRelease.release(&removed)
    }
}

/// A Python dict that keeps insertion order; `.ordered` is an OrderedDict (a module's state_dict),
/// `.defaultDict` a collections.defaultdict (a missing key gets `defaultFactory()`), `.counter` a
/// collections.Counter (a missing key counts 0).
public final class DictStorage {
    public enum Kind { case dict, ordered, defaultDict, counter }
    public var entries: [(key: Value, value: Value)]
    public var kind: Kind
    /// A defaultdict's default_factory (None: a missing key is a KeyError, as in Python).
    public var defaultFactory: Value = .none
    public init(_ entries: [(key: Value, value: Value)] = [], kind: Kind = .dict) { self.entries = entries; self.kind = kind }
    /// The same entries, kind and default factory (d.copy(), copy.copy(d)).
    public convenience init(copying d: DictStorage) {
        self.init(d.entries, kind: d.kind)
        defaultFactory = d.defaultFactory
    }
    deinit { removeAll() }

    /// Empties the dict, its keys and values released without recursion (a deep nest in one).
    public func removeAll() {
        var values = entries.flatMap { [$0.key, $0.value] }
        entries = []
        DeepRelease.release(&values)
    }

    public func index(of key: Value) -> Int? { entries.firstIndex { valuesEqual($0.key, key) } }
    public subscript(key: Value) -> Value? { index(of: key).map { entries[$0].value } }
    /// d[key] = value; a value replaced is released without recursion (a deep nest in it).
    public func set(_ key: Value, _ value: Value) {
        guard let i = index(of: key) else { entries.append((key, value)); return }
        var old = [value]
        swap(&old[0], &entries[i].value)
        DeepRelease.release(&old)
    }
    /// del d[key]; the entry released without recursion.
    public func remove(_ key: Value) {
        guard let i = index(of: key) else { return }
        var old = [entries[i].key, entries[i].value]
        entries.remove(at: i)
        DeepRelease.release(&old)
    }
}

/// A function written in Swift: `Conv2d`, `print`, `x.mean`.
public final class Builtin {
    public let name: String
    public let body: (Interpreter, Arguments) throws -> Value
    /// What the builtin answers as a type (a namedtuple type's `_fields`), besides `__name__`.
    var attributes: [String: Value] = [:]
    public init(_ name: String, _ body: @escaping (Interpreter, Arguments) throws -> Value) {
        self.name = name; self.body = body
    }
}

/// A function written in the language; `receiver` is set for a method bound to its block.
public final class Function {
    public let decl: FunctionDecl
    let closure: Environment
    let defaults: [Value?]
    let receiver: Value?
    /// What the program set on it (`inner.cache = cache`): Python's function attributes.
    var attributes: [String: Value] = [:]
    init(decl: FunctionDecl, closure: Environment, defaults: [Value?], receiver: Value? = nil) {
        self.decl = decl; self.closure = closure; self.defaults = defaults; self.receiver = receiver
    }
}

/// A block definition (`class Inception(…)`): calling it builds a `Block`.
public final class ClassValue {
    public let decl: ClassDecl
    /// Where its methods and constructor run: the defining scope, with `__class__` bound to this
    /// class (what `super()` reads, as in Python).
    let closure: Environment
    /// The constructor's own parameters (none for a subclass without `__init__`) and their defaults.
    let parameters: [Parameter]
    let defaults: [Value?]
    /// The class it extends (`class Child(Base):`), if that is a class defined in the language.
    let base: ClassValue?
    /// Whether its header names torch.autograd.Function (its own, not a base's).
    let extendsAutogradFunction: Bool
    /// What an instance's construction runs: __init__'s body, or a lesson block's class body
    /// (empty when the class body held only class attributes).
    let constructorBody: [Stmt]
    /// Class attributes (`count = 0` in the class body, `Cls.count = 1` later), shared by its instances.
    var attributes: [String: Value] = [:]
    /// A @dataclass's fields, in order (its base's first).
    var dataclassFields: [String]?
    /// Its fields left out of __repr__ ("repr") or of ==, < and hash ("compare") by field(repr=False, compare=False).
    var dataclassHidden: [String: Set<String>] = [:]
    /// A @dataclass(frozen=True) (or one extending one): its instances' fields cannot be set after __init__.
    var dataclassFrozen = false
    /// Its fields' default_factory functions (a subclass's fields inherit them).
    var dataclassFactories: [String: Value] = [:]
    /// The builtin exception class its line extends (`class BadShape(ValueError)`), nil for
    /// other classes: its instances can be raised and caught (InterpreterExceptionClasses).
    var exceptionBase: String?
    /// The torch.utils.data class its line extends (`class Faces(Dataset)`: "Dataset"; also
    /// "IterableDataset", "Sampler"), nil for other classes: isinstance and DataLoader read it.
    var dataBase: String?
    /// The nn layer or container class its line extends (`class Stem(nn.Sequential)`: the
    /// nn.Sequential builtin, under its name), nil for other classes (LayerSubclassing.swift).
    var layerBase: (name: String, constructor: Value)?
    /// The attribute names `__slots__` allows its instances (ClassHooks); nil: any.
    var slots: Set<String>?
    init(decl: ClassDecl, scope: Environment, parameters: [Parameter], defaults: [Value?], base: ClassValue?, extendsAutogradFunction: Bool,
         constructorBody: [Stmt]? = nil) {
        self.decl = decl; self.parameters = parameters; self.defaults = defaults; self.base = base
        self.extendsAutogradFunction = extendsAutogradFunction
        self.constructorBody = constructorBody ?? decl.body
        closure = Environment(parent: scope)
        closure.define("__class__", .classValue(self))
    }
    /// A class attribute, looked up the class's line as a method is.
    func attribute(_ name: String) -> Value? {
        var next: ClassValue? = self
        while let c = next {
            if let v = c.attributes[name] { return v }
            next = c.base
        }
        return nil
    }
    public var name: String { decl.name }

    /// Whether the class's line reaches no library class, only `object` (no nn.Module, exception,
    /// Dataset, layer or autograd Function, and no lesson block): a plain Python class, whose instances print as
    /// Python's `<__main__.Name object at 0x…>` and whose `__slots__` apply.
    var isPlain: Bool {
        let root = lineage.last!
        return exceptionBase == nil && dataBase == nil && layerBase == nil
            && !lineage.contains { $0.extendsAutogradFunction || $0.decl.extendsModule || $0.decl.isLessonBlock }
            && root.decl.bases.allSatisfy { if case .name("object") = $0.kind { return true } else { return false } }
    }

    /// The class, then its base, then that one's, …
    var lineage: [ClassValue] {
        var out = [self]
        while let next = out.last!.base { out.append(next) }
        return out
    }
    /// The nearest definition of a method, and the class that defines it.
    func method(_ name: String) -> (decl: FunctionDecl, owner: ClassValue)? {
        var next: ClassValue? = self         // walked, not through lineage: every self.layer read asks here first
        while let c = next {
            if let m = c.decl.methods.first(where: { $0.name == name }) { return (m, c) }
            // a function bound as a class attribute is a method too (`__radd__ = __add__`, `area = compute_area`)
            if !c.attributes.isEmpty, case .function(let f)? = c.attributes[name], f.receiver == nil, f.decl.decorators.isEmpty { return (f.decl, c) }
            next = c.base
        }
        return nil
    }
    var forward: FunctionDecl? { method("forward")?.decl }
    /// Whose constructor builds an instance: the nearest class with one of its own (`__init__`,
    /// or the body of a class that extends no class of the language).
    var constructor: ClassValue { decl.hasInitializer || base == nil ? self : base!.constructor }
    /// Every method name along the lineage.
    var methodNames: [String] { lineage.flatMap { $0.decl.methods.map(\.name) } }
    func isSubclass(of other: ClassValue) -> Bool { lineage.contains { $0 === other } }
}

public final class Namespace {
    public let name: String
    public var members: [String: Value]
    public init(_ name: String, _ members: [String: Value]) { self.name = name; self.members = members }
}

/// The language-side state of a block built from a class: its attributes that are not
/// modules (`self.final_F = final_F`), and which class made it.
final class Instance {
    let cls: ClassValue
    weak var block: Block?
    /// Its plain attributes, in the order first set, keyed by name: what `obj.__dict__` and
    /// `vars(obj)` give (the same dict, so `self.__dict__.update(…)` sets attributes).
    let attributes = DictStorage()
    /// The constructor's local names, to hint "use self.x" when forward reads one.
    var constructorNames: Set<String> = []
    /// A frozen dataclass's instance whose __init__ has run: setting or deleting an attribute is a FrozenInstanceError.
    var frozen = false
    /// The language's calls of this block with more than its input tensor that run now, innermost
    /// last (`block(x, mask, scale=2)`): the runtime passes forward one tensor, `runForward` adds
    /// the rest, and the hooks see them too.
    var pendingCalls: [PendingForwardCall] = []
    /// An nn.Module class's __init__ runs and has not reached nn.Module's __init__ yet
    /// (super().__init__()): PyTorch refuses layers and parameters assigned before it.
    var awaitsModuleInit = false
    /// The built-in layer its class extends, built from the arguments its __init__ was given
    /// (`class Head(nn.Linear)`): the block holds the layer's parameters and runs its forward.
    /// nil for other instances, and for a container's subclass (the block is the container).
    var layer: Module?
    init(cls: ClassValue, block: Block) { self.cls = cls; self.block = block }
}

/// The arguments of one call after its input tensor; `started` once forward has taken them.
final class PendingForwardCall {
    var rest: Arguments
    var started = false
    init(rest: Arguments) { self.rest = rest }
}

/// An error raised by a builtin or an operator, before it has a location; the interpreter
/// adds the location of the expression being evaluated.
extension Value {
    /// The bool True (not a truthy value of another type): an optional flag given as True.
    var isTrue: Bool { if case .bool(true) = self { return true } else { return false } }
}

public struct LanguageFailure: Error, CustomStringConvertible {
    public var message: String
    public var fix: String?
    /// The Python class a `try`/`except` catches it as, when the thrower knows it (a conversion
    /// of a bad string is a ValueError, an operand of the wrong type a TypeError).
    public var pythonClass: PythonErrorClass?
    /// The exception's args when they are not its message (a KeyError's key: `e.args == ('x',)`).
    nonisolated(unsafe) public var arguments: [Value]?
    /// A refusal of what the language does not support (an int past 64 bits): no `except`
    /// catches it, so a program never goes on with an answer Python would not give.
    public var isRefusal = false
    /// Attributes the caught exception has besides args (a JSONDecodeError's msg, pos, lineno, colno).
    nonisolated(unsafe) public var attributes: [String: Value] = [:]
    public init(_ message: String, fix: String? = nil, as pythonClass: PythonErrorClass? = nil) {
        self.message = message; self.fix = fix; self.pythonClass = pythonClass
    }
    /// A refusal no `except` catches (isRefusal).
    public static func refusal(_ message: String, fix: String? = nil) -> LanguageFailure {
        var failure = LanguageFailure(message, fix: fix)
        failure.isRefusal = true
        return failure
    }
    /// Python's KeyError for `key`: "KeyError: 'x'", its args the key itself.
    public static func keyError(_ key: Value, fix: String? = nil) -> LanguageFailure {
        var failure = LanguageFailure("KeyError: \(key.repr)", fix: fix, as: .keyError)
        failure.arguments = [key]
        return failure
    }
    public var description: String { message }
}

/// Python's built-in exception classes the language's own errors are raised as (what `except`
/// matches, what `type(e).__name__` says). Errors without one are RuntimeErrors, as PyTorch's are.
public enum PythonErrorClass: String, Sendable {
    case valueError = "ValueError", typeError = "TypeError", indexError = "IndexError", keyError = "KeyError"
    case attributeError = "AttributeError", nameError = "NameError", zeroDivisionError = "ZeroDivisionError"
    case recursionError = "RecursionError", notImplementedError = "NotImplementedError", overflowError = "OverflowError", systemExit = "SystemExit"
    case assertionError = "AssertionError", unboundLocalError = "UnboundLocalError"
    /// `import numpy` where no such module is provided, `from torch import nothing`: what
    /// `try: import X / except ImportError:` catches.
    case importError = "ImportError", moduleNotFoundError = "ModuleNotFoundError"
    /// PyTorch's own, said outright where the message would read as another class's name
    /// (an integer tensor divided by zero: RuntimeError("ZeroDivisionError")).
    case runtimeError = "RuntimeError"
    /// torch.linalg.LinAlgError (a RuntimeError): a singular matrix in solve or inv.
    case linAlgError = "_LinAlgError"
}

/// Python's `==`: numbers by value (1 == 1.0), sequences item by item, torch.Size equal to
/// a tuple of the same ints, everything else by identity.
/// Containers are compared in ValueRecursion.swift (depth-guarded); past the guard, unequal.
public func valuesEqual(_ a: Value, _ b: Value) -> Bool {
    (try? checkedValuesEqual(a, b)) ?? false
}

/// `==` for everything but tuples, lists and dicts.
func valuesEqualFlat(_ a: Value, _ b: Value) -> Bool {
    switch (a, b) {
    case (.none, .none): return true
    case (.string(let x), .string(let y)): return x == y
    case (.size(let x), .size(let y)): return x == y
    case (.tensor(let x), .tensor(let y)): return x === y
    case (.module(let x), .module(let y)): return x === y
    case (.function(let x), .function(let y)): return x.decl === y.decl
    case (.builtin(let x), .builtin(let y)): return x === y
    case (.classValue(let x), .classValue(let y)): return x === y
    case (.namespace(let x), .namespace(let y)): return x === y
    case (.object(let x as TypeObject), .builtin), (.builtin, .object(let x as TypeObject)):
        let other = { if case .builtin = a { return a } else { return b } }()
        return x.builtin.map { valuesEqual($0, other) } ?? false
    case (.object(let x), .object(let y)):
        if let a = x as? TorchToken, let b = y as? TorchToken { return a.typeName == b.typeName && a.text == b.text }
        if x is RangeObject || y is RangeObject {
            guard let a = x as? RangeObject, let b = y as? RangeObject else { return false }
            return a.equals(b)
        }
        if let a = x.items, let b = y.items { return a.count == b.count && zip(a, b).allSatisfy { valuesEqual($0, $1) } }
        return x === y
    default:
        if isNumber(a), isNumber(b) { return numericOrder(a, b) == 0 }
        return false
    }
}

func isNumber(_ v: Value) -> Bool {
    switch v {
    case .int, .float, .bool: return true
    default: return false
    }
}
