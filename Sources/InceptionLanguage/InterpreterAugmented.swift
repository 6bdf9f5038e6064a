import InceptionRuntime

/// `target op= value`, as Python runs it: a list, dict or tensor changes in place (every name for
/// it sees the change: `a += [x]` extends, `d |= other` updates, `t += 1` writes t's tensor);
/// numbers, strings and tuples are rebound.
extension Interpreter {
    @inline(never)
    func augmentedAssign(_ target: Expr, _ op: AugmentedOperator, _ valueExpr: Expr, at location: SourceLocation, _ env: Environment) throws {
        let current = try evaluate(target, env)
        let rhs = try evaluate(valueExpr, env)
        if case .tensor(let t) = current, case .tensor(let r) = rhs, op.symbol != "@" {
            try located(location) { try MemoryOverlap.checkWrite(into: t, reading: r) }      // x[1:] += x[:-1]
        }
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
                if case .index = target.kind {
                    Self.inPlaceExempt = t
                    defer { Self.inPlaceExempt = nil; TensorKinds.shared.forgetView(t) }
                    try located(target.location) { try assign(result, to: target, env) }
                } else {
                    try located(location) { _ = try writeInPlace(t, r, "'\(op.symbol)='") }
                }
                return
            }
        }
        try located(target.location) { try assign(result, to: target, env) }
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
