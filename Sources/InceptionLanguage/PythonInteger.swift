/// Python's integer arithmetic that needs more than Swift's operators.
enum PythonInteger {
    /// pow(base, exponent, modulus) as Python's: a negative exponent takes the modular inverse
    /// first (ValueError when the base has none), and the result has the modulus's sign
    /// (pow(2, 3, -5) == -2). Products are taken at double width, so any Int modulus works.
    static func modularPower(_ base: Int, _ exponent: Int, _ modulus: Int) throws -> Int {
        let m = modulus.magnitude
        var b = reduced(base, m)
        if exponent < 0 {
            guard m <= UInt(Int.max) else { throw LanguageFailure("pow() with a negative exponent and the modulus -2**63 is not supported here") }
            guard let inverse = inverse(b, m) else { throw LanguageFailure("base is not invertible for the given modulus", as: .valueError) }
            b = inverse
        }
        var result: UInt = 1 % m, e = exponent.magnitude
        while e > 0 {
            if e & 1 == 1 { result = multiplied(result, b, m) }
            b = multiplied(b, b, m)
            e >>= 1
        }
        // the remainder in [0, m) for a positive modulus, in (modulus, 0] for a negative one
        return modulus > 0 || result == 0 ? Int(result) : Int(result) + modulus
    }

    /// x mod m in [0, m).
    private static func reduced(_ x: Int, _ m: UInt) -> UInt {
        let r = x.magnitude % m
        return x < 0 && r != 0 ? m - r : r
    }

    private static func multiplied(_ x: UInt, _ y: UInt, _ m: UInt) -> UInt {
        m.dividingFullWidth(x.multipliedFullWidth(by: y)).remainder
    }

    /// The inverse of x modulo m (extended Euclid), nil when they share a factor.
    private static func inverse(_ x: UInt, _ m: UInt) -> UInt? {
        if m == 1 { return 0 }
        var (r0, r1) = (Int(m), Int(x))
        var (t0, t1) = (0, 1)
        while r1 != 0 {
            let q = r0 / r1
            (r0, r1) = (r1, r0 - q * r1)
            (t0, t1) = (t1, t0 - q * t1)
        }
        guard r0 == 1 else { return nil }
        return reduced(t0, m)
    }
}
