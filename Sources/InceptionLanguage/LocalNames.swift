/// The names a def's body binds, which Python makes local to the whole body: reading one before
/// it is bound is an UnboundLocalError, not a read of the global of that name (`total += v` in a
/// function whose `total` is global). Found once per def, statically, as CPython's compiler does:
/// assignment, augmented and annotated assignment, for and with targets, except's name, def,
/// class, import and del; less the names `global` or `nonlocal` declares. Nested defs and classes
/// keep their own; comprehensions have their own scope; `:=` targets are left out (their names
/// keep reaching the enclosing scope, the lenient side).
enum LocalNames {
    static func of(_ body: [Stmt]) -> Set<String> {
        var bound = Set<String>(), declared = Set<String>()
        collect(body, &bound, &declared)
        return bound.subtracting(declared)
    }

    private static func collect(_ body: [Stmt], _ bound: inout Set<String>, _ declared: inout Set<String>) {
        for s in body {
            switch s.kind {
            case .assign(let targets, _): for t in targets { targetNames(t, &bound) }
            case .augmentedAssign(let t, _, _), .annotatedAssign(let t, _): targetNames(t, &bound)
            case .forLoop(let t, _, let b):
                targetNames(t, &bound)
                collect(b, &bound, &declared)
            case .whileLoop(_, let b): collect(b, &bound, &declared)
            case .ifChain(let branches, let otherwise):
                for branch in branches { collect(branch.body, &bound, &declared) }
                collect(otherwise ?? [], &bound, &declared)
            case .loopElse(let loop, let otherwise):
                collect([loop], &bound, &declared)
                collect(otherwise, &bound, &declared)
            case .with(let items, let b):
                for item in items { if let name = item.name { targetNames(name, &bound) } }
                collect(b, &bound, &declared)
            case .tryStatement(let b, let handlers, let otherwise, let finally):
                collect(b, &bound, &declared)
                for h in handlers {
                    if let name = h.name { bound.insert(name) }
                    collect(h.body, &bound, &declared)
                }
                collect(otherwise ?? [], &bound, &declared)
                collect(finally ?? [], &bound, &declared)
            case .function(let decl): bound.insert(decl.name)
            case .classDecl(let decl): bound.insert(decl.name)
            case .importModule(let path, let alias): bound.insert(alias ?? path[0])
            case .importFrom(_, let names): for n in names { bound.insert(n.alias ?? n.name) }
            case .delete(let targets): for t in targets { targetNames(t, &bound) }
            case .yieldValue(_, _, let into?): targetNames(into, &bound)
            case .scopeDeclaration(let names, _): declared.formUnion(names)
            default: break
            }
        }
    }

    /// The plain names an assignment target binds (`a`, `a, (b, *c)`); not `x.y` or `x[i]`.
    private static func targetNames(_ target: Expr, _ bound: inout Set<String>) {
        switch target.kind {
        case .name(let name): bound.insert(name)
        case .tuple(let items), .list(let items): for item in items { targetNames(item, &bound) }
        case .starred(let inner): targetNames(inner, &bound)
        default: break
        }
    }
}
