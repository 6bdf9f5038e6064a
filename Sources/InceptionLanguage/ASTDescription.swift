/// The syntax tree as compact S-expressions, for parser tests and debugging:
/// `a + b * c` is `(+ a (* b c))`; `self.x = f(1, k=2)` is `(= (. self x) (call f 1 k=2))`.
extension Expr {
    public var sexp: String {
        switch kind {
        case .none: return "None"
        case .bool(let b): return b ? "True" : "False"
        case .int(let i): return String(i)
        case .float(let f): return formatFloat(f)
        case .string(let s): return s.debugDescription
        case .formatted(let parts):
            return "(f " + parts.map { part -> String in
                switch part {
                case .text(let t): return t.debugDescription
                case .value(let e, let spec): return spec.isEmpty ? "{\(e.sexp)}" : "{\(e.sexp):\(spec)}"
                case .valueWithFields(let e, let spec): return "{\(e.sexp):\(Expr(.formatted(spec), e.location).sexp)}"
                }
            }.joined(separator: " ") + ")"
        case .name(let n): return n
        case .tuple(let xs): return "(tuple" + xs.map { " " + $0.sexp }.joined() + ")"
        case .list(let xs): return "(list" + xs.map { " " + $0.sexp }.joined() + ")"
        case .dict(let pairs): return "(dict" + pairs.map { " \($0.key.sexp):\($0.value.sexp)" }.joined() + ")"
        case .set(let xs): return "(set" + xs.map { " " + $0.sexp }.joined() + ")"
        case .attribute(let e, let name): return "(. \(e.sexp) \(name))"
        case .namedExpr(let name, let e): return "(:= \(name) \(e.sexp))"
        case .index(let e, let i): return "([] \(e.sexp) \(i.sexp))"
        case .slice(let a, let b, let c): return "(: \(a?.sexp ?? "_") \(b?.sexp ?? "_") \(c?.sexp ?? "_"))"
        case .call(let f, let args):
            return "(call \(f.sexp)" + args.map { " " + ($0.unpacksMapping ? "**" : "") + ($0.label.map { "\($0)=" } ?? "") + $0.value.sexp }.joined() + ")"
        case .unary(let op, let e): return "(\(op.rawValue) \(e.sexp))"
        case .binary(let op, let a, let b): return "(\(op.rawValue) \(a.sexp) \(b.sexp))"
        case .bitwise(let op, let a, let b): return "(\(op.rawValue) \(a.sexp) \(b.sexp))"
        case .compare(let first, let rest):
            return "(compare \(first.sexp)" + rest.map { " \($0.0.rawValue) \($0.1.sexp)" }.joined() + ")"
        case .and(let a, let b): return "(and \(a.sexp) \(b.sexp))"
        case .or(let a, let b): return "(or \(a.sexp) \(b.sexp))"
        case .not(let a): return "(not \(a.sexp))"
        case .conditional(let c, let t, let o): return "(if \(c.sexp) \(t.sexp) \(o.sexp))"
        case .starred(let e): return "(* \(e.sexp))"
        case .comprehension(let kind, let element, let value, let clauses):
            return "(\(kind.rawValue)-comp \(element.sexp)" + (value.map { ":" + $0.sexp } ?? "") + clauses.map { c -> String in
                switch c {
                case .forIn(let t, let s): return " (for \(t.sexp) \(s.sexp))"
                case .condition(let e): return " (if \(e.sexp))"
                }
            }.joined() + ")"
        case .lambda(let f):
            return "(lambda (\(f.parameters.map(\.name).joined(separator: " "))) \(f.body.first.map(\.sexp) ?? ""))"
        }
    }
}

extension Stmt {
    public var sexp: String {
        func block(_ body: [Stmt]) -> String { "[" + body.map(\.sexp).joined(separator: " ") + "]" }
        func params(_ ps: [Parameter]) -> String {
            "(" + ps.map { p in p.defaultValue.map { "\(p.name)=\($0.sexp)" } ?? p.name }.joined(separator: " ") + ")"
        }
        switch kind {
        case .expression(let e): return e.sexp
        case .assign(let targets, let value): return "(= " + targets.map(\.sexp).joined(separator: " ") + " \(value.sexp))"
        case .augmentedAssign(let t, let op, let v): return "(\(op.symbol)= \(t.sexp) \(v.sexp))"
        case .annotatedAssign(let t, let v): return v.map { "(= \(t.sexp) \($0.sexp))" } ?? "(: \(t.sexp))"
        case .ifChain(let branches, let otherwise):
            return "(if" + branches.map { " \($0.condition.sexp) \(block($0.body))" }.joined() + (otherwise.map { " else \(block($0))" } ?? "") + ")"
        case .forLoop(let t, let s, let body): return "(for \(t.sexp) \(s.sexp) \(block(body)))"
        case .whileLoop(let c, let body): return "(while \(c.sexp) \(block(body)))"
        case .loopElse(let loop, let otherwise): return "(loop-else \(loop.sexp) \(block(otherwise)))"
        case .function(let f): return "(def \(f.name) \(params(f.parameters)) \(block(f.body)))"
        case .classDecl(let c):
            return "(class \(c.name) \(params(c.parameters)) \(block(c.body))" + c.methods.map { " (def \($0.name) \(params($0.parameters)) \(block($0.body)))" }.joined() + ")"
        case .returnValue(let e): return e.map { "(return \($0.sexp))" } ?? "(return)"
        case .yieldValue(let e, let from, let into):
            let yielded = e.map { "(yield\(from ? "-from" : "") \($0.sexp))" } ?? "(yield)"
            return into.map { "(= \($0.sexp) \(yielded))" } ?? yielded
        case .pass: return "pass"
        case .breakLoop: return "break"
        case .continueLoop: return "continue"
        case .assert(let c, let m): return "(assert \(c.sexp)" + (m.map { " \($0.sexp)" } ?? "") + ")"
        case .importModule(let path, let alias): return "(import \(path.joined(separator: "."))" + (alias.map { " as \($0)" } ?? "") + ")"
        case .importFrom(let path, let names):
            return "(from \(path.joined(separator: ".")) import" + names.map { " " + $0.name + ($0.alias.map { " as \($0)" } ?? "") }.joined() + ")"
        case .with(let items, let body):
            return "(with" + items.map { " \($0.context.sexp)" + ($0.name.map { " as \($0.sexp)" } ?? "") }.joined() + " \(block(body)))"
        case .raise(let e, let cause): return e.map { "(raise \($0.sexp)\(cause.map { " from " + $0.sexp } ?? ""))" } ?? "(raise)"
        case .tryStatement(let body, let handlers, let otherwise, let finally):
            return "(try \(block(body))" + handlers.map { h in
                " (except" + (h.types.map { " \($0.sexp)" } ?? "") + (h.name.map { " as \($0)" } ?? "") + " \(block(h.body)))"
            }.joined() + (otherwise.map { " else \(block($0))" } ?? "") + (finally.map { " finally \(block($0))" } ?? "") + ")"
        case .delete(let targets): return "(del" + targets.map { " " + $0.sexp }.joined() + ")"
        case .scopeDeclaration(let names, let global): return "(\(global ? "global" : "nonlocal") \(names.joined(separator: " ")))"
        }
    }
}

extension Program {
    /// One S-expression per top-level statement, one per line.
    public var sexp: String { statements.map(\.sexp).joined(separator: "\n") }
}
