/// The syntax tree. Every node carries the location of its first token, so the interpreter
/// can point at the expression that failed.

public struct Expr: Sendable {
    public var kind: ExprKind
    public var location: SourceLocation
    public init(_ kind: ExprKind, _ location: SourceLocation) { self.kind = kind; self.location = location }
}

public indirect enum ExprKind: Sendable {
    case none
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)
    /// f"…": literal text and `{expression:spec}` parts.
    case formatted([FormattedPart])
    case name(String)
    case tuple([Expr])
    case list([Expr])
    case dict([(key: Expr, value: Expr)])
    /// `{a, b, *rest}`: a set display.
    case set([Expr])
    case attribute(Expr, String)
    /// `name := value` (an assignment expression): binds name, gives the value
    case namedExpr(String, Expr)
    case index(Expr, Expr)
    /// `start:stop:step` inside a subscript.
    case slice(Expr?, Expr?, Expr?)
    case call(Expr, [CallArgument])
    case unary(UnaryOperator, Expr)
    case binary(BinaryOperator, Expr, Expr)
    /// `mask & other`, `a | b`, `a ^ b`: logical on bools and bool tensors, bitwise on ints.
    case bitwise(BitwiseOperator, Expr, Expr)
    /// a < b <= c: the first operand and each (operator, operand) after it.
    case compare(Expr, [(CompareOperator, Expr)])
    case and(Expr, Expr)
    case or(Expr, Expr)
    case not(Expr)
    /// `then if condition else otherwise`
    case conditional(condition: Expr, then: Expr, otherwise: Expr)
    /// `*xs` in a call's arguments or a list.
    case starred(Expr)
    /// `[e for x in xs if c]`, `(e for …)`, `{k: v for …}`, `{e for …}`: `value` is the dict's value.
    case comprehension(ComprehensionKind, element: Expr, value: Expr?, clauses: [ComprehensionClause])
    /// `lambda x: x + 1`: a function whose body returns one expression.
    case lambda(FunctionDecl)
}

public enum ComprehensionKind: String, Sendable { case list, generator, dict, set }

/// `for target in sequence` or `if condition` inside a comprehension, in source order.
public enum ComprehensionClause: Sendable {
    case forIn(target: Expr, sequence: Expr)
    case condition(Expr)
}

public enum FormattedPart: Sendable {
    case text(String)
    case value(Expr, spec: String)
    /// f"{x:>{width}}": a spec with fields of its own, made when the value is.
    case valueWithFields(Expr, spec: [FormattedPart])
}

public enum UnaryOperator: String, Sendable { case minus = "-", plus = "+", invert = "~" }

public enum BitwiseOperator: String, Sendable { case and = "&", or = "|", xor = "^", shiftLeft = "<<", shiftRight = ">>" }

/// What `target op= value` applies: `+=` … `@=`, or `&=` `|=` `^=` `<<=` `>>=`.
public enum AugmentedOperator: Sendable {
    case arithmetic(BinaryOperator)
    case bitwise(BitwiseOperator)
    /// "+", "//", "&", "<<": the operator without its '='.
    public var symbol: String {
        switch self {
        case .arithmetic(let op): return op.rawValue
        case .bitwise(let op): return op.rawValue
        }
    }
}

public enum BinaryOperator: String, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", floorDivide = "//"
    case remainder = "%", power = "**", matmul = "@"
}

public enum CompareOperator: String, Sendable {
    case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    case isSame = "is", isNotSame = "is not", contains = "in", notContains = "not in"
}

/// One argument of a call: positional, `name=value`, or `*sequence`.
public struct CallArgument: Sendable {
    public var label: String?
    public var value: Expr
    /// `f(**options)`: the value is a dict whose entries become keyword arguments.
    public var unpacksMapping: Bool
    public init(label: String?, value: Expr, unpacksMapping: Bool = false) {
        self.label = label; self.value = value; self.unpacksMapping = unpacksMapping
    }
}

extension Expr {
    /// `*xs` (or, as a dict display's key, `**mapping`).
    public var isStarred: Bool { if case .starred = kind { return true } else { return false } }
}

public struct Stmt: Sendable {
    public var kind: StmtKind
    public var location: SourceLocation
    public init(_ kind: StmtKind, _ location: SourceLocation) { self.kind = kind; self.location = location }
}

public indirect enum StmtKind: Sendable {
    case expression(Expr)
    /// `a = b = value`: every target gets the value; a target may be a tuple to destructure.
    case assign(targets: [Expr], value: Expr)
    case augmentedAssign(target: Expr, AugmentedOperator, Expr)
    /// `x: int = 3` or a bare `x: Tensor`: an assignment when it has a value (the annotation is
    /// not evaluated); in a class body, a field a @dataclass reads.
    case annotatedAssign(target: Expr, value: Expr?)
    case ifChain(branches: [(condition: Expr, body: [Stmt])], otherwise: [Stmt]?)
    case forLoop(target: Expr, sequence: Expr, body: [Stmt])
    case whileLoop(condition: Expr, body: [Stmt])
    /// A `for` or `while` loop with an `else:` block, run when the loop ends without `break`.
    case loopElse(loop: Stmt, otherwise: [Stmt])
    case function(FunctionDecl)
    case classDecl(ClassDecl)
    case returnValue(Expr?)
    /// `yield value` (`yield` alone: None), `yield from items`: a generator function's next item(s);
    /// `into`: the target of `x = yield value` (what `send` gives it) or `r = yield from g` (g's return value)
    case yieldValue(Expr?, from: Bool, into: Expr?)
    case pass, breakLoop, continueLoop
    case assert(Expr, message: Expr?)
    /// `import torch.nn as nn`: the dotted module and the name it binds.
    case importModule(path: [String], alias: String?)
    /// `from torch import nn, cat as concat`
    case importFrom(path: [String], names: [(name: String, alias: String?)])
    /// `with torch.no_grad():`, `with open_thing() as name:`
    case with(items: [(context: Expr, name: Expr?)], body: [Stmt])
    /// `raise ValueError("…")` (`from cause` is read and not kept), or `raise` alone in an except block
    case raise(Expr?, cause: Expr?)
    /// try: … except (A, B) as e: … else: … finally: …
    case tryStatement(body: [Stmt], handlers: [ExceptHandler], otherwise: [Stmt]?, finally: [Stmt]?)
    /// `del x`, `del d["k"]`, `del xs[0]`
    case delete([Expr])
    /// `global best` (global: true) or `nonlocal count`: assignments to these names reach that scope
    case scopeDeclaration(names: [String], global: Bool)
}

/// One `except` clause: the exception classes it catches (nil: all), the name it binds.
public struct ExceptHandler: Sendable {
    public var types: Expr?
    public var name: String?
    public var body: [Stmt]
    public var location: SourceLocation
    public init(types: Expr?, name: String?, body: [Stmt], location: SourceLocation) {
        self.types = types; self.name = name; self.body = body; self.location = location
    }
}

public struct Parameter: Sendable {
    /// `x`, `*args` (the extra positional arguments as a tuple), a keyword-only one (after `*`
    /// or `*args`), `**kwargs` (the extra keyword arguments as a dict).
    public enum Kind: Sendable { case normal, varPositional, keywordOnly, varKeyword }
    public var name: String
    public var defaultValue: Expr?
    public var location: SourceLocation
    public var kind: Kind
    /// A `.normal` parameter before a `/` (`def f(a, /, b)`): given by position only.
    public var positionalOnly = false
    public init(name: String, defaultValue: Expr?, location: SourceLocation, kind: Kind = .normal) {
        self.name = name; self.defaultValue = defaultValue; self.location = location; self.kind = kind
    }
}

/// `def name(params): body`. Inside a class, a first parameter named `self` is the block.
public final class FunctionDecl: Sendable {
    public let name: String
    public let parameters: [Parameter]
    public let body: [Stmt]
    public let location: SourceLocation
    /// A method's decorators, outermost first (`@property`, `@torch.no_grad()`); a function's are
    /// applied where it is defined (`name = decorator(name)`), so this is empty for them.
    public let decorators: [Expr]
    /// Whether its body yields (not counting functions defined inside it): calling it makes a generator.
    public let isGenerator: Bool
    /// Whether, as a generator, its body runs a step at a time (`GeneratorRunner.canStep`).
    let stepsLazily: Bool
    /// The names its body binds (LocalNames): local to the whole call, so reading one before it
    /// is bound is an UnboundLocalError.
    let localNames: Set<String>
    /// Python's __qualname__: where it is defined (`outer.<locals>.inner`, `Model.forward`), as
    /// TypeErrors about its arguments name it.
    public let qualifiedName: String
    public init(name: String, parameters: [Parameter], body: [Stmt], location: SourceLocation, decorators: [Expr] = [],
                qualifiedName: String? = nil) {
        self.name = name; self.parameters = parameters; self.body = body; self.location = location; self.decorators = decorators
        self.qualifiedName = qualifiedName ?? name
        isGenerator = Self.yields(body)
        stepsLazily = isGenerator && GeneratorRunner.canStep(body)
        localNames = LocalNames.of(body).subtracting(parameters.map(\.name))
    }

    static func yields(_ body: [Stmt]) -> Bool {
        body.contains { s in
            switch s.kind {
            case .yieldValue: return true
            case .ifChain(let branches, let otherwise): return branches.contains { yields($0.body) } || yields(otherwise ?? [])
            case .forLoop(_, _, let b), .whileLoop(_, let b), .with(_, let b): return yields(b)
            case .loopElse(let loop, let otherwise): return yields([loop]) || yields(otherwise)
            case .tryStatement(let b, let handlers, let otherwise, let finally):
                return yields(b) || handlers.contains { yields($0.body) } || yields(otherwise ?? []) || yields(finally ?? [])
            default: return false
            }
        }
    }
    /// The parameters after a leading `self`.
    public var explicitParameters: [Parameter] {
        parameters.first?.name == "self" ? Array(parameters.dropFirst()) : parameters
    }
}

/// A block definition. Two spellings build the same thing:
///
///     class BasicConv2d(in_channel, F, size, stride, padding=0):     # the body is the constructor
///         self.layer = Sequential(…)
///         def forward(self, x): …
///
///     class BasicConv2d(nn.Module):                                   # PyTorch's spelling
///         def __init__(self, in_channel, F, size, stride, padding=0):
///             super().__init__()
///             self.layer = Sequential(…)
///         def forward(self, x): …
public final class ClassDecl: Sendable {
    public let name: String
    public let parameters: [Parameter]
    /// The constructor's statements (the class body, or `__init__`'s body).
    public let body: [Stmt]
    public let methods: [FunctionDecl]
    public let location: SourceLocation
    /// The header's names when they may be base classes (`class Child(Base):`, `(nn.Module)`):
    /// which they are is known when the class is defined (a name bound to a class is a base;
    /// in a class without `__init__`, other plain names are the block's parameters).
    public let bases: [Expr]
    /// Whether the class defines `__init__` (its parameters and body are then __init__'s).
    public let hasInitializer: Bool
    /// The statements of a class with `__init__` outside its methods (`count = 0`, `lr: float = 0.1`):
    /// run once when the class is defined, their names the class's attributes.
    public let classBody: [Stmt]
    /// Whether the header names nn.Module (or another library module class), which the parser
    /// leaves out of `bases`: its instances take any attribute, whatever `__slots__` says.
    public let extendsModule: Bool
    /// Python's __qualname__ (`Outer.Inner` for a class defined in a class's body).
    public let qualifiedName: String
    public init(name: String, parameters: [Parameter], body: [Stmt], methods: [FunctionDecl], location: SourceLocation,
                bases: [Expr] = [], hasInitializer: Bool = false, classBody: [Stmt] = [], extendsModule: Bool = false,
                qualifiedName: String? = nil) {
        self.name = name; self.parameters = parameters; self.body = body; self.methods = methods; self.location = location
        self.qualifiedName = qualifiedName ?? name
        self.bases = bases; self.hasInitializer = hasInitializer; self.classBody = classBody; self.extendsModule = extendsModule
    }
    public var forward: FunctionDecl? { methods.first { $0.name == "forward" } }
    /// A lesson's block (`class Stem(in_channel):` whose body builds it: `self.conv = …`), not a
    /// Python class: it has no `__init__`, and parameters or `self.name = …` in its body.
    public var isLessonBlock: Bool {
        guard !hasInitializer else { return false }
        return !parameters.isEmpty || body.contains { statement in
            guard case .assign(let targets, _) = statement.kind else { return false }
            return targets.contains { if case .attribute(let object, _) = $0.kind, case .name("self") = object.kind { return true } else { return false } }
        }
    }
}

/// A parsed file or cell.
public struct Program: Sendable {
    public var statements: [Stmt]
    public init(statements: [Stmt]) { self.statements = statements }
}

extension Array where Element == Stmt {
    /// The docstring a def's or class's body opens with (its `__doc__`, as Python 3.11 keeps it:
    /// the literal's text, indentation and all); nil without one.
    var docstring: String? {
        guard case .expression(let e)? = first?.kind, case .string(let text) = e.kind else { return nil }
        return text
    }
}
