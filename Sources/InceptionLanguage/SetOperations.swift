/// What a set operation takes as its other side: another set, a dict (its keys), or the items
/// of any other iterable. CPython chooses its paths by this, and the paths decide the order.
enum SetOperand {
    case set(SetStorage)
    case dict(DictStorage)
    case items([Value])

    var items: [Value] {
        switch self {
        case .set(let s): return s.items
        case .dict(let d): return d.entries.map(\.key)
        case .items(let xs): return xs
        }
    }
}

/// Union, intersection, difference and the subset tests, each as CPython's setobject.c runs
/// it (the function it mirrors named), so their results iterate in CPython's order.
extension SetStorage {
    /// set_update_internal
    func update(_ other: SetOperand) throws {
        switch other {
        case .set(let s): try merge(s)
        case .dict(let d): try update(dictKeys: d.entries.map(\.key))
        case .items(let xs): for x in xs { try add(x) }
        }
    }

    /// make_new_set: a set (frozen or not) filled from an operand.
    static func make(_ source: SetOperand?, frozen: Bool) throws -> SetStorage {
        let s = SetStorage(frozen: frozen)
        if let source { try s.update(source) }
        return s
    }

    /// set_union
    func union(_ others: [SetOperand]) throws -> SetStorage {
        let result = try copy()
        for other in others {
            if case .set(let s) = other, s === self { continue }
            try result.update(other)
        }
        return result
    }

    /// set_intersection: from the smaller set, looked up in the larger.
    func intersection(_ other: SetOperand) throws -> SetStorage {
        if case .set(let s) = other, s === self { return try copy() }
        let result = SetStorage(frozen: frozen)
        if case .set(let s) = other {
            let (small, large) = s.count > count ? (self, s) : (s, self)
            for (v, h) in small.entries where try large.find(v, hash: h) != nil { try result.add(v, hash: h) }
            return result
        }
        for x in other.items {
            let h = try PythonHash.of(x)
            if try find(x, hash: h) != nil {
                try result.add(x, hash: h)
                if result.count >= count { break }
            }
        }
        return result
    }

    /// set_intersection_multi
    func intersection(_ others: [SetOperand]) throws -> SetStorage {
        var result = self
        if others.isEmpty { return try copy() }
        for other in others { result = try result.intersection(other) }
        return result
    }

    /// set_intersection_update: this set takes the intersection's table.
    func intersectionUpdate(_ others: [SetOperand]) throws {
        take(try intersection(others))
    }

    /// set_swap_bodies, one way: this set's table becomes the other's.
    func take(_ other: SetStorage) {
        var old = items
        table = other.table
        fill = other.fill
        used = other.used
        DeepRelease.release(&old)
    }

    /// set_difference_update_internal
    func differenceUpdate(_ other: SetOperand) throws {
        if case .set(let s) = other, s === self { clear(); return }
        switch other {
        case .set(let s):
            let source = (s.count >> 3) > count ? try intersection(.set(s)) : s
            for (v, h) in source.entries { try discard(v, hash: h) }
        default:
            for x in other.items { _ = try discard(x) }
        }
        if fill - count > mask / 4 { resize(count > 50000 ? count * 2 : count * 4) }
    }

    /// set_difference: a copy with the other's items discarded when this set is much the
    /// larger (or the other is neither set nor dict), else the items the other lacks, added one by one.
    func difference(_ other: SetOperand) throws -> SetStorage {
        let otherSize: Int
        switch other {
        case .set(let s): otherSize = s.count
        case .dict(let d): otherSize = d.entries.count
        case .items: return try copyAndDifference(other)
        }
        if (count >> 2) > otherSize { return try copyAndDifference(other) }
        let result = SetStorage(frozen: frozen)
        for (v, h) in entries {
            let present: Bool
            switch other {
            case .set(let s): present = try s.find(v, hash: h) != nil
            case .dict(let d): present = d.index(of: v) != nil
            case .items: present = false
            }
            if !present { try result.add(v, hash: h) }
        }
        return result
    }

    private func copyAndDifference(_ other: SetOperand) throws -> SetStorage {
        let result = try copy()
        try result.differenceUpdate(other)
        return result
    }

    /// set_difference_multi
    func difference(_ others: [SetOperand]) throws -> SetStorage {
        guard let first = others.first else { return try copy() }
        let result = try difference(first)
        for other in others.dropFirst() { try result.differenceUpdate(other) }
        return result
    }

    /// set_symmetric_difference_update: each of the other's items leaves if present, else joins.
    func symmetricDifferenceUpdate(_ other: SetOperand) throws {
        if case .set(let s) = other, s === self { clear(); return }
        let source: [(value: Value, hash: Int)]
        switch other {
        case .set(let s): source = s.entries
        case .dict(let d): source = try d.entries.map { ($0.key, try PythonHash.of($0.key)) }
        case .items: source = try SetStorage.make(other, frozen: false).entries
        }
        for (v, h) in source where !(try discard(v, hash: h)) { try add(v, hash: h) }
    }

    /// set_symmetric_difference: a set made from the other, updated with this one.
    func symmetricDifference(_ other: SetOperand) throws -> SetStorage {
        let result = try SetStorage.make(other, frozen: frozen)
        try result.symmetricDifferenceUpdate(.set(self))
        return result
    }

    /// set_issubset
    func isSubset(of other: SetOperand) throws -> Bool {
        guard case .set(let s) = other else { return try isSubset(of: .set(SetStorage.make(other, frozen: false))) }
        if count > s.count { return false }
        for (v, h) in entries where try s.find(v, hash: h) == nil { return false }
        return true
    }

    /// set_issuperset
    func isSuperset(of other: SetOperand) throws -> Bool {
        if case .set(let s) = other { return try s.isSubset(of: .set(self)) }
        for x in other.items where !(try contains(x)) { return false }
        return true
    }

    /// set_isdisjoint
    func isDisjoint(with other: SetOperand) throws -> Bool {
        if case .set(let s) = other {
            if s === self { return count == 0 }
            let (small, large) = s.count > count ? (self, s) : (s, self)
            for (v, h) in small.entries where try large.find(v, hash: h) != nil { return false }
            return true
        }
        for x in other.items where try contains(x) { return false }
        return true
    }
}
