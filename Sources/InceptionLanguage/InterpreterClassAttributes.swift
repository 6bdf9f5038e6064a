import InceptionRuntime

/// A class's own namespace, as Python has it: the statements of its body run once when it is
/// defined and their names become class attributes (read through the class or any instance,
/// set through the class); methods read through the class come unbound (`Cls.method(obj)`),
/// `@staticmethod` as the plain function and `@classmethod` bound to the class.
extension Interpreter {
    /// Runs the class-level statements in a scope of their own; what they bind becomes the class's attributes.
    @inline(never)
    func runClassBody(_ statements: [Stmt], of cls: ClassValue) throws {
        guard !statements.isEmpty else { return }
        let scope = Environment(parent: cls.closure)
        // the methods a statement of the body names (`__radd__ = __add__`), visible to it as functions
        var methodsSeen: [String: Function] = [:]
        for statement in statements {
            guard case .assign(_, let value) = statement.kind, case .name(let name) = value.kind, methodsSeen[name] == nil,
                  let m = cls.decl.methods.first(where: { $0.name == name }) else { continue }
            let defaults = try m.parameters.map { p in try p.defaultValue.map { try evaluate($0, cls.closure) } }
            let f = Function(decl: m, closure: cls.closure, defaults: defaults)
            methodsSeen[name] = f
            scope.define(name, .function(f))
        }
        if case .returned = try execute(statements, scope) {
            throw LanguageFailure("'return' outside function", fix: "return belongs in a method (def … inside the class)")
        }
        for (name, value) in scope.values {
            if case .function(let f) = value, methodsSeen[name] === f { continue }        // the method itself, not an attribute
            cls.attributes[name] = value
        }
    }

    /// `Cls.name`: a class attribute, a method (unbound, static or bound to the class), or nil.
    func classMember(_ cls: ClassValue, _ name: String) throws -> Value? {
        if let v = cls.attribute(name) { return v }
        guard let (decl, owner) = cls.method(name) else { return nil }
        return try methodValue(decl, owner: owner, of: cls, receiver: nil).value
    }

    /// Whether any statement of a class body names `self` (a lesson block's body, which builds the instance).
    static func mentionsSelf(_ statements: [Stmt]) -> Bool {
        func named(_ e: Expr) -> Bool {
            var stack = [e]
            while let x = stack.popLast() {
                if case .name("self") = x.kind { return true }
                stack += x.children
            }
            return false
        }
        return statements.contains { s in
            switch s.kind {
            case .expression(let e), .raise(let e?, _), .returnValue(let e?): return named(e)
            case .assign(let targets, let value): return targets.contains(where: named) || named(value)
            case .augmentedAssign(let t, _, let v): return named(t) || named(v)
            case .annotatedAssign(let t, let v): return named(t) || v.map(named) == true
            case .ifChain(let branches, let otherwise):
                return branches.contains { named($0.condition) || mentionsSelf($0.body) } || mentionsSelf(otherwise ?? [])
            case .forLoop(let t, let seq, let body): return named(t) || named(seq) || mentionsSelf(body)
            case .whileLoop(let c, let body): return named(c) || mentionsSelf(body)
            case .loopElse(let loop, let otherwise): return mentionsSelf([loop]) || mentionsSelf(otherwise)
            case .with(let items, let body): return items.contains { named($0.context) } || mentionsSelf(body)
            case .tryStatement(let body, let handlers, let otherwise, let finally):
                return mentionsSelf(body) || handlers.contains { mentionsSelf($0.body) } || mentionsSelf(otherwise ?? []) || mentionsSelf(finally ?? [])
            case .assert(let e, _): return named(e)
            default: return false
            }
        }
    }
}
