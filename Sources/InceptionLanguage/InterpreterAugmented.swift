import InceptionRuntime

/// `target op= value`, as Python runs it: the target's object and index are evaluated once
/// (`a[f()] += 1` calls f once), then a class's `__iadd__` … runs where it defines one (keeping
/// the object), a list, dict or tensor changes in place (every name for it sees the change:
/// `a += [x]` extends, `d |= other` updates, `t += 1` writes t's tensor); numbers, strings and
/// tuples are rebound.
extension Interpreter {
    /// The place an augmented assignment reads and writes, its parts evaluated once.
    private enum AugmentedTarget {
        case name(Expr)
        case item(object: Value, index: Value)
        case attribute(object: Value, name: String)
    }

    @inline(never)
    func augmentedAssign(_ target: Expr, _ op: AugmentedOperator, _ valueExpr: Expr, at location: SourceLocation, _ env: Environment) throws {
        let place: AugmentedTarget
        switch target.kind {
        case .index(let objectExpr, let indexExpr):
            let object = try evaluate(objectExpr, env)
            place = .item(object: object, index: try evaluate(indexExpr, env))
        case .attribute(let objectExpr, let name):
            place = .attribute(object: try evaluate(objectExpr, env), name: name)
        default:
            place = .name(target)
        }
        let current: Value
        switch place {
        case .name(let e): current = try evaluate(e, env)
        case .item(let object, let index): current = try located(target.location) { try getItem(object, index) }
        case .attribute(let object, let name): current = try located(target.location) { try getAttribute(object, name) }
        }
        let rhs = try evaluate(valueExpr, env)
        if case .tensor(let t) = current, case .tensor(let r) = rhs, op.symbol != "@" {
            try located(location) { try MemoryOverlap.checkWrite(into: t, reading: r) }      // x[1:] += x[:-1]
        }
        func store(_ result: Value) throws {
            try located(target.location) {
                switch place {
                case .name(let e): try assign(result, to: e, env)
                case .item(let object, let index): try setItem(object, index, result)
                case .attribute(let object, let name): try setAttribute(object, name, result)
                }
            }
        }
        // a class's __iadd__ (…), whose result is stored back as Python stores it
        if let result = try located(location, { try inPlaceDunder(current, op, rhs) }) { return try store(result) }
        if try located(location, { try updateInPlace(current, op, rhs) }) { return }
        let result = try located(location) { () -> Value in
            switch op {
            case .arithmetic(let a): return try IntegerRange.checked(try binary(a, current, rhs))
            case .bitwise(let b): return try IntegerRange.checked(try bitwise(b, current, rhs))
            }
        }
        if case .tensor(let t) = current, case .tensor(let r) = result {
            if case .arithmetic(.matmul) = op {} else {
                // PyTorch's `a += b` changes a's tensor: every name for it sees the change.
                if case .item = place {
                    // Python's x[i] += v changes the view x[i] in place (a version of x, as PyTorch
                    // counts it), then stores it back with x[i] = … (another)
                    if TensorKinds.shared.base(of: t) != nil { t.bumpVersion() }
                    Self.inPlaceExempt = t
                    defer { Self.inPlaceExempt = nil; TensorKinds.shared.forgetView(t) }
                    try store(result)
                } else {
                    try located(location) { _ = try writeInPlace(t, r, "'\(op.symbol)='") }
                }
                return
            }
        }
        try store(result)
    }

    /// `x += y` on an instance of a class that defines `__iadd__` (`__isub__`, … `__ior__`): its
    /// result; nil when the class has none, so `__add__` runs instead (as Python falls back).
    private func inPlaceDunder(_ current: Value, _ op: AugmentedOperator, _ rhs: Value) throws -> Value? {
        guard current.asModule != nil, let (own, _) = Self.binaryDunders[op.symbol] else { return nil }
        let name = "__i" + own.dropFirst(2)
        guard let method = try dunder(current, name) else { return nil }
        return try callBack(method, Arguments([rhs]))
    }

    /// The containers Python changes in place (list.__iadd__, list.__imul__, dict.__ior__);
    /// false for everything else.
    private func updateInPlace(_ current: Value, _ op: AugmentedOperator, _ rhs: Value) throws -> Bool {
        switch (current, op) {
        case (.list(let l), .arithmetic(.add)) where l.view == nil:
            guard let items = try? iterationItems(rhs) else {
                throw LanguageFailure("'\(rhs.typeName)' object is not iterable", as: .typeError)
            }
            l.items.append(contentsOf: items)
            return true
        case (.list(let l), .arithmetic(.multiply)) where l.view == nil:
            guard case .int(let n) = rhs else { return false }
            let count = try IntegerOverflow.repeatCount(n, items: l.items.count, itemBytes: MemoryLayout<Value>.stride, what: "a list")
            l.items = Array(repeating: l.items, count: count).flatMap { $0 }
            return true
        case (.set(let s), .bitwise(let b)) where !s.frozen && b != .shiftLeft && b != .shiftRight:
            guard case .set(let other) = rhs else { return false }
            try Self.setInPlace(b.rawValue, s, other)
            return true
        case (.set(let s), .arithmetic(.subtract)) where !s.frozen:
            guard case .set(let other) = rhs else { return false }
            try Self.setInPlace("-", s, other)
            return true
        case (.dict(let d), .bitwise(.or)):
            guard case .dict(let other) = rhs else { return false }
            for (k, v) in other.entries { d.set(k, v) }
            return true
        default: return false
        }
    }
}
