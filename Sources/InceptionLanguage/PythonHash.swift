import InceptionRuntime

/// Python's hash() for what a set holds, so a set of ints (or floats, bools, tuples of them)
/// iterates and prints in CPython 3.11's order. Strings hash by a fixed function (CPython's is
/// seeded per process, so no program can depend on their order); an instance of a program's class
/// by its __hash__ (InstanceSemantics); tensors, modules and other objects by identity, as in
/// Python. Lists, dicts and sets are unhashable.
enum PythonHash {
    /// 2^61 − 1: CPython reduces numbers modulo this prime, so equal numbers of different types hash alike.
    static let modulus: UInt64 = (1 << 61) - 1

    static func of(_ v: Value, depth: Int = 0) throws -> Int {
        guard depth < ValueLimits.maxDepth, StackGuard.hasRoom() else {
            throw LanguageFailure("maximum depth exceeded while hashing: the tuple nests more than \(ValueLimits.maxDepth) levels")
        }
        switch v {
        case .bool(let b): return b ? 1 : 0
        case .int(let i): return integer(i)
        case .float(let f): return float(f)
        case .string(let s): return string(s)
        case .tuple(let xs): return try tuple(xs, depth: depth)
        case .size(let s): return try tuple(s.map { .int($0) }, depth: depth)
        case .none: return 0x6a09e667            // None's hash is its address in 3.11: any fixed value
        case .set(let s) where s.frozen: return s.frozenHash
        case .list, .dict, .set:
            throw LanguageFailure("unhashable type: '\(v.typeName)'", fix: v.typeName == "list" ? "use a tuple as a key or set item" : nil, as: .typeError)
        case .tensor(let t): return identity(t)
        case .module(let m): return try InstanceSemanticsHook.current?.instanceHash(v) ?? identity(m)
        case .function(let f): return identity(f)
        case .builtin(let b): return identity(b)
        case .classValue(let c): return identity(c)
        case .namespace(let n): return identity(n)
        case .object(let o): return identity(o)
        }
    }

    /// Throws Python's TypeError for a key no dict can hold (a list, a dict, a set, a tuple with
    /// one inside); false otherwise, for `found || requireHashable(key)`. Other values pass unhashed.
    static func requireHashable(_ key: Value) throws -> Bool {
        switch key {
        case .list, .dict, .set, .tuple: _ = try of(key)
        default: break
        }
        return false
    }

    /// CPython's long_hash: the value modulo 2^61 − 1 with its sign; −1 (an error code in C) becomes −2.
    static func integer(_ i: Int) -> Int {
        let reduced = Int(UInt64(i.magnitude) % modulus)
        let h = i < 0 ? -reduced : reduced
        return h == -1 ? -2 : h
    }

    /// CPython's _Py_HashDouble: an integral float hashes as that int; others by their binary
    /// fraction modulo 2^61 − 1; ±inf as ±314159.
    static func float(_ f: Double) -> Int {
        if f.isInfinite { return f > 0 ? 314159 : -314159 }
        if f.isNaN { return 0 }
        var m = f.significand, e = Int(f.exponent) + 1     // f = m · 2^e with 0.5 ≤ m < 1 (frexp)
        if f == 0 { return 0 }
        m /= 2
        var sign = 1
        if f < 0 { sign = -1 }
        m = abs(m)
        var x: UInt64 = 0
        while m != 0 {
            x = ((x << 28) & modulus) | x >> (61 - 28)
            m *= 268435456.0                               // 2^28
            e -= 28
            let y = UInt64(m)
            m -= Double(y)
            x += y
            if x >= modulus { x -= modulus }
        }
        let shift = e >= 0 ? e % 61 : 61 - 1 - ((-1 - e) % 61)
        x = ((x << UInt64(shift)) & modulus) | x >> UInt64(61 - shift)
        let h = Int(bitPattern: UInt(x)) * sign
        return h == -1 ? -2 : h
    }

    /// FNV-1a over the UTF-8 bytes (not CPython's seeded SipHash).
    static func string(_ s: String) -> Int {
        var h: UInt64 = 0xcbf29ce484222325
        for byte in s.utf8 { h = (h ^ UInt64(byte)) &* 0x100000001b3 }
        let v = Int(bitPattern: UInt(h))
        return v == -1 ? -2 : v
    }

    /// CPython 3.11's tuplehash (xxHash's mixing of the items' hashes).
    static func tuple(_ xs: [Value], depth: Int) throws -> Int {
        let prime1: UInt64 = 11400714785074694791, prime2: UInt64 = 14029467366897019727, prime5: UInt64 = 2870177450012600261
        var acc = prime5
        for x in xs {
            let lane = UInt64(bitPattern: Int64(try of(x, depth: depth + 1)))
            acc = acc &+ lane &* prime2
            acc = (acc << 31) | (acc >> 33)
            acc = acc &* prime1
        }
        acc = acc &+ (UInt64(xs.count) ^ (prime5 ^ 3527539))
        if acc == UInt64.max { return 1546275796 }
        return Int(Int64(bitPattern: acc))
    }

    /// An object's identity, as CPython's default hash (its address, rotated by 4 bits).
    static func identity(_ object: AnyObject) -> Int {
        let address = UInt(bitPattern: ObjectIdentifier(object).hashValue)
        return Int(bitPattern: (address >> 4) | (address << (UInt(UInt.bitWidth) - 4)))
    }
}
