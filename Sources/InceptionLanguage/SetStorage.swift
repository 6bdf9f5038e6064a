/// A Python set (or frozenset): CPython 3.11's open-addressing table, kept slot for slot, so a
/// set iterates, prints and pops in the order CPython's does (for the values whose hash is
/// fixed: numbers, bools and tuples of them). The probing, growth and copying rules follow
/// Objects/setobject.c; each function names the one it mirrors.
public final class SetStorage {
    enum Slot { case empty, dummy, active(Value, hash: Int) }

    var table: [Slot] = Array(repeating: .empty, count: SetStorage.minSize)
    /// Active and dummy slots; the table grows when fill passes 3/5 of it.
    var fill = 0
    /// Active slots: the set's length.
    var used = 0
    /// Where pop() looks next.
    private var finger = 0
    /// A frozenset: hashable, without add / remove.
    public let frozen: Bool

    static let minSize = 8
    static let linearProbes = 9
    static let perturbShift = 5

    public init(frozen: Bool = false) { self.frozen = frozen }
    deinit { var values = items; table = []; DeepRelease.release(&values) }

    var mask: Int { table.count - 1 }
    public var count: Int { used }

    /// The items in table order (what iteration, repr and list(s) see).
    public var items: [Value] {
        var out: [Value] = []
        out.reserveCapacity(used)
        for case .active(let v, _) in table { out.append(v) }
        return out
    }
    var entries: [(value: Value, hash: Int)] {
        var out: [(value: Value, hash: Int)] = []
        out.reserveCapacity(used)
        for case .active(let v, let h) in table { out.append((v, h)) }
        return out
    }

    // MARK: the table (set_lookkey, set_add_entry, set_insert_clean, set_table_resize)

    /// The slot holding `key`, if any.
    func find(_ key: Value, hash: Int) throws -> Int? {
        var perturb = UInt(bitPattern: hash)
        var i = Int(UInt(bitPattern: hash) & UInt(mask))
        while true {
            var probes = i + Self.linearProbes <= mask ? Self.linearProbes : 0
            var j = i
            while true {
                switch table[j] {
                case .empty: return nil
                case .active(let v, let h) where h == hash: if try keysEqual(v, key) { return j }
                default: break
                }
                if probes == 0 { break }
                probes -= 1; j += 1
            }
            perturb >>= UInt(Self.perturbShift)
            i = Int((UInt(i) &* 5 &+ 1 &+ perturb) & UInt(mask))
        }
    }

    public func contains(_ key: Value) throws -> Bool { try find(key, hash: PythonHash.of(key)) != nil }

    /// set_add_entry: nothing when present, else into the first dummy met or the empty slot that ends the probe.
    func add(_ key: Value, hash: Int) throws {
        var perturb = UInt(bitPattern: hash)
        var i = Int(UInt(bitPattern: hash) & UInt(mask))
        var freeSlot: Int?
        while true {
            var probes = i + Self.linearProbes <= mask ? Self.linearProbes : 0
            var j = i
            while true {
                switch table[j] {
                case .empty:
                    if let f = freeSlot { table[f] = .active(key, hash: hash); used += 1; return }
                    table[j] = .active(key, hash: hash)
                    fill += 1; used += 1
                    if fill * 5 >= mask * 3 { resize(used > 50000 ? used * 2 : used * 4) }
                    return
                case .active(let v, let h) where h == hash:
                    if try keysEqual(v, key) { return }
                case .dummy: freeSlot = j
                default: break
                }
                if probes == 0 { break }
                probes -= 1; j += 1
            }
            perturb >>= UInt(Self.perturbShift)
            i = Int((UInt(i) &* 5 &+ 1 &+ perturb) & UInt(mask))
        }
    }

    public func add(_ key: Value) throws { try add(key, hash: PythonHash.of(key)) }

    /// set_insert_clean: into a table known to hold neither the key nor dummies.
    private static func insertClean(_ table: inout [Slot], _ key: Value, hash: Int) {
        let mask = table.count - 1
        var perturb = UInt(bitPattern: hash)
        var i = Int(UInt(bitPattern: hash) & UInt(mask))
        while true {
            if case .empty = table[i] { table[i] = .active(key, hash: hash); return }
            if i + linearProbes <= mask {
                for j in (i + 1)...(i + linearProbes) {
                    if case .empty = table[j] { table[j] = .active(key, hash: hash); return }
                }
            }
            perturb >>= UInt(perturbShift)
            i = Int((UInt(i) &* 5 &+ 1 &+ perturb) & UInt(mask))
        }
    }

    /// set_table_resize: the smallest power of two above `minUsed` (at least 8), items reinserted in table order.
    func resize(_ minUsed: Int) {
        var size = Self.minSize
        while size <= minUsed { size <<= 1 }
        if size == Self.minSize, table.count == Self.minSize, fill == used { return }
        let old = table
        table = Array(repeating: .empty, count: size)
        for case .active(let v, let h) in old { Self.insertClean(&table, v, hash: h) }
        fill = used
    }

    /// set_discard_entry: true when the key was there (its slot becomes a dummy).
    @discardableResult
    func discard(_ key: Value, hash: Int) throws -> Bool {
        guard let j = try find(key, hash: hash) else { return false }
        table[j] = .dummy
        used -= 1
        return true
    }

    public func discard(_ key: Value) throws -> Bool { try discard(key, hash: PythonHash.of(key)) }

    /// set_clear_internal
    public func clear() {
        var values = items
        table = Array(repeating: .empty, count: Self.minSize)
        fill = 0; used = 0
        DeepRelease.release(&values)
    }

    /// set_pop: the first active slot from the finger on.
    public func pop() throws -> Value {
        guard used > 0 else { throw LanguageFailure.keyError(.string("pop from an empty set")) }
        var j = finger & mask
        while true {
            if case .active(let v, _) = table[j] {
                table[j] = .dummy
                used -= 1
                finger = j + 1
                return v
            }
            j = j == mask ? 0 : j + 1
        }
    }

    /// set_merge: another set's items, with one resize up front; copied slot for slot into an
    /// empty table of the same size.
    func merge(_ other: SetStorage) throws {
        if other === self || other.used == 0 { return }
        if (fill + other.used) * 5 >= mask * 3 { resize((used + other.used) * 2) }
        if fill == 0, mask == other.mask, other.fill == other.used {
            table = other.table
            fill = other.fill; used = other.used
            return
        }
        if fill == 0 {
            for case .active(let v, let h) in other.table { Self.insertClean(&table, v, hash: h) }
            fill = other.used; used = other.used
            return
        }
        for case .active(let v, let h) in other.table { try add(v, hash: h) }
    }

    /// set_update_internal for a dict's keys: one resize up front, then each key.
    func update(dictKeys keys: [Value]) throws {
        if (fill + keys.count) * 5 >= mask * 3 { resize((used + keys.count) * 2) }
        for k in keys { try add(k) }
    }

    /// A set with the same items (set_copy: a new set merged from this one).
    public func copy(frozen: Bool? = nil) throws -> SetStorage {
        let s = SetStorage(frozen: frozen ?? self.frozen)
        try s.merge(self)
        return s
    }

    /// frozenset_hash: the items' shuffled hashes xor-ed, independent of order.
    var frozenHash: Int {
        func shuffle(_ h: UInt64) -> UInt64 { ((h ^ 89869747) ^ (h << 16)) &* 3644798167 }
        var hash: UInt64 = 0
        for case .active(_, let h) in table { hash ^= shuffle(UInt64(bitPattern: Int64(h))) }
        hash ^= (UInt64(used) + 1) &* 1927868237
        hash ^= (hash >> 11) ^ (hash >> 25)
        hash = hash &* 69069 &+ 907133923
        if hash == UInt64.max { hash = 590923713 }
        return Int(Int64(bitPattern: hash))
    }
}

/// Set membership's equality: the same object, or equal by `==` (1, 1.0 and True are one key).
func keysEqual(_ a: Value, _ b: Value) throws -> Bool {
    switch (a, b) {
    case (.tensor(let x), .tensor(let y)): return x === y
    case (.module(let x), .module(let y)) where x === y: return true
    default: return try checkedValuesEqual(a, b)
    }
}
