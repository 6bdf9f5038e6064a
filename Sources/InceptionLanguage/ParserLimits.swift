import InceptionRuntime

/// How deeply a program may nest. Python stops at 200 nested brackets ("too many nested
/// parentheses"); here brackets, `not`, unary signs and indented blocks all count toward
/// the same 200, and a whole expression may be at most 500 levels deep (a 3,000-term
/// `1 + 1 + …` is 3,000 levels deep: it is evaluated one `+` inside the next). Past either
/// limit the parser reports one error instead of running out of stack, here or later in
/// the interpreter.
extension Parser {
    public static let maxNesting = 200
    public static let maxExpressionDepth = 500

    /// Called on entering a nested rule, after `nesting += 1`.
    func checkNesting() throws {
        guard nesting <= Self.maxNesting, StackGuard.hasRoom() else {
            throw failure("too deeply nested: more than \(Self.maxNesting) levels of brackets, operators or blocks",
                          at: peek.location, fix: "split it into several statements with names for the parts")
        }
    }

    /// A whole expression, once parsed: refuses one deeper than `maxExpressionDepth`.
    func checkDepth(_ e: Expr) throws -> Expr {
        let depth = e.depth(upTo: Self.maxExpressionDepth + 1)
        guard depth <= Self.maxExpressionDepth else {
            throw failure("this expression is more than \(Self.maxExpressionDepth) levels deep (a long chain like 1 + 1 + … nests one level per operator)",
                          at: e.location, fix: "split it into steps: total = a + b, then total = total + c")
        }
        return e
    }

    /// Too deep to parse another statement: report once and skip the rest of this block
    /// (and the blocks inside it) without recursing.
    mutating func skipTooDeepBlock() {
        diagnostics.append(Diagnostic(.syntax, peek.location,
                                      "too deeply nested: more than \(Self.maxNesting) levels of brackets, operators or blocks",
                                      fix: "move the inner part into a function"))
        var level = 0
        while !check(.eof) {
            if check(.indent) { level += 1 } else if check(.dedent) {
                if level == 0 { return }
                level -= 1
            }
            advance()
        }
    }
}

extension Expr {
    /// The height of the tree (a literal is 1), counted without recursion, stopping at `limit`.
    public func depth(upTo limit: Int) -> Int {
        var deepest = 0
        var stack: [(Expr, Int)] = [(self, 1)]
        while let (e, d) = stack.popLast() {
            deepest = Swift.max(deepest, d)
            if deepest >= limit { return deepest }
            for child in e.children { stack.append((child, d + 1)) }
        }
        return deepest
    }

    /// The names bound by `:=` in this expression, outside any lambda inside it (a lambda is
    /// a scope of its own; a comprehension is not, for `:=`).
    var namedExprTargets: [String] {
        var names: [String] = [], stack: [Expr] = [self]
        while let e = stack.popLast() {
            if case .lambda = e.kind { continue }
            if case .namedExpr(let name, _) = e.kind, !names.contains(name) { names.append(name) }
            stack.append(contentsOf: e.children)
        }
        return names
    }

    /// The expressions directly inside this one.
    var children: [Expr] {
        switch kind {
        case .none, .bool, .int, .float, .string, .name: return []
        case .formatted(let parts):
            return parts.flatMap { part -> [Expr] in
                switch part {
                case .text: return []
                case .value(let e, _): return [e]
                case .valueWithFields(let e, let spec): return [e, Expr(.formatted(spec), e.location)]
                }
            }
        case .tuple(let xs), .list(let xs), .set(let xs): return xs
        case .dict(let pairs): return pairs.flatMap { [$0.key, $0.value] }
        case .attribute(let e, _), .unary(_, let e), .not(let e), .starred(let e), .namedExpr(_, let e): return [e]
        case .index(let a, let b), .binary(_, let a, let b), .bitwise(_, let a, let b), .and(let a, let b), .or(let a, let b): return [a, b]
        case .slice(let a, let b, let c): return [a, b, c].compactMap { $0 }
        case .call(let f, let arguments): return [f] + arguments.map(\.value)
        case .compare(let first, let rest): return [first] + rest.map(\.1)
        case .conditional(let c, let t, let o): return [c, t, o]
        case .comprehension(_, let element, let value, let clauses):
            return [element] + [value].compactMap { $0 } + clauses.flatMap { clause -> [Expr] in
                switch clause {
                case .forIn(let target, let sequence): return [target, sequence]
                case .condition(let c): return [c]
                }
            }
        case .lambda(let decl):
            // A lambda's body is one `return expression`; its defaults are expressions too.
            return decl.parameters.compactMap(\.defaultValue) + decl.body.compactMap {
                if case .returnValue(let e?) = $0.kind { return e } else { return nil }
            }
        }
    }
}
