import Foundation

/// Exact arithmetic on sums of doubles, as Python's statistics module does it with fractions:
/// every double is m·2^e exactly, so a sum of them is an integer times a power of two, held here
/// as a sign and 64-bit limbs. Results are rounded to a double once, correctly (half to even),
/// so statistics.mean([0.1, 0.2, 0.3]) is 0.2 and variance([1.5, 2.5, 2.5]) 0.3333333333333333.
struct ExactInteger {
    var negative = false
    /// The magnitude, least significant limb first, without high zero limbs.
    var limbs: [UInt64] = []

    init(_ value: Int) {
        negative = value < 0
        if value != 0 { limbs = [UInt64(value.magnitude)] }
    }
    private init(negative: Bool, limbs: [UInt64]) {
        var trimmed = limbs
        while trimmed.last == 0 { trimmed.removeLast() }
        self.negative = negative && !trimmed.isEmpty; self.limbs = trimmed
    }
    var isZero: Bool { limbs.isEmpty }
    var bitWidth: Int { limbs.isEmpty ? 0 : limbs.count * 64 - limbs.last!.leadingZeroBitCount }

    func shiftedLeft(_ k: Int) -> ExactInteger {
        guard k > 0, !isZero else { return self }
        let (whole, part) = (k / 64, k % 64)
        var out = [UInt64](repeating: 0, count: whole) + limbs + [0]
        if part > 0 {
            for i in stride(from: out.count - 1, through: whole, by: -1) {
                out[i] = (out[i] << part) | (i > whole ? out[i - 1] >> (64 - part) : 0)
            }
        }
        return ExactInteger(negative: negative, limbs: out)
    }

    private static func compareMagnitudes(_ a: [UInt64], _ b: [UInt64]) -> Int {
        if a.count != b.count { return a.count < b.count ? -1 : 1 }
        for i in stride(from: a.count - 1, through: 0, by: -1) where a[i] != b[i] { return a[i] < b[i] ? -1 : 1 }
        return 0
    }
    private static func addMagnitudes(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
        var out: [UInt64] = [], carry: UInt64 = 0
        for i in 0..<max(a.count, b.count) {
            let (s1, o1) = (i < a.count ? a[i] : 0).addingReportingOverflow(i < b.count ? b[i] : 0)
            let (s2, o2) = s1.addingReportingOverflow(carry)
            out.append(s2); carry = (o1 ? 1 : 0) + (o2 ? 1 : 0)
        }
        if carry > 0 { out.append(carry) }
        return out
    }
    /// a − b for |a| ≥ |b|.
    private static func subtractMagnitudes(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
        var out: [UInt64] = [], borrow: UInt64 = 0
        for i in 0..<a.count {
            let (d1, o1) = a[i].subtractingReportingOverflow(i < b.count ? b[i] : 0)
            let (d2, o2) = d1.subtractingReportingOverflow(borrow)
            out.append(d2); borrow = (o1 ? 1 : 0) + (o2 ? 1 : 0)
        }
        return out
    }

    static func + (a: ExactInteger, b: ExactInteger) -> ExactInteger {
        if a.negative == b.negative { return ExactInteger(negative: a.negative, limbs: addMagnitudes(a.limbs, b.limbs)) }
        return compareMagnitudes(a.limbs, b.limbs) >= 0
            ? ExactInteger(negative: a.negative, limbs: subtractMagnitudes(a.limbs, b.limbs))
            : ExactInteger(negative: b.negative, limbs: subtractMagnitudes(b.limbs, a.limbs))
    }
    static prefix func - (a: ExactInteger) -> ExactInteger { ExactInteger(negative: !a.negative, limbs: a.limbs) }
    static func - (a: ExactInteger, b: ExactInteger) -> ExactInteger { a + (-b) }

    static func * (a: ExactInteger, b: ExactInteger) -> ExactInteger {
        guard !a.isZero, !b.isZero else { return ExactInteger(0) }
        var out = [UInt64](repeating: 0, count: a.limbs.count + b.limbs.count + 1)
        for (i, x) in a.limbs.enumerated() {
            var carry: UInt64 = 0
            for (j, y) in b.limbs.enumerated() {
                let (high, low) = x.multipliedFullWidth(by: y)
                let (s1, o1) = out[i + j].addingReportingOverflow(low)
                let (s2, o2) = s1.addingReportingOverflow(carry)
                out[i + j] = s2
                carry = high &+ (o1 ? 1 : 0) &+ (o2 ? 1 : 0)
            }
            var k = i + b.limbs.count
            while carry > 0 {
                let (s, o) = out[k].addingReportingOverflow(carry)
                out[k] = s; carry = o ? 1 : 0; k += 1
            }
        }
        return ExactInteger(negative: a.negative != b.negative, limbs: out)
    }

    /// The quotient by a positive divisor and whether a remainder was left.
    func divided(by d: UInt64) -> (quotient: ExactInteger, inexact: Bool) {
        var out = [UInt64](repeating: 0, count: limbs.count), remainder: UInt64 = 0
        for i in stride(from: limbs.count - 1, through: 0, by: -1) {
            (out[i], remainder) = d.dividingFullWidth((remainder, limbs[i]))
        }
        return (ExactInteger(negative: negative, limbs: out), remainder != 0)
    }

    /// self · 2^exponent / divisor as the nearest double (half to even).
    func toDouble(times2 exponent: Int, over divisor: UInt64 = 1) -> Double {
        guard !isZero else { return 0 }
        // enough quotient bits (66) that the rounding below sees every bit that matters, plus a sticky bit
        let shift = max(0, 66 + 64 - bitWidth)
        let (q, inexact) = shiftedLeft(shift).divided(by: divisor)
        var m = q.shiftedLeft(1)
        if inexact { m = m + ExactInteger(m.negative ? -1 : 1) }
        let e = exponent - shift - 1
        // keep p bits: 53, fewer where the result is subnormal
        let width = m.bitWidth
        let p = min(53, max(0, width - 1 + e + 1074 + 1))
        let drop = width - p
        var kept = m.limbs, top: UInt64 = 0
        // the top p bits as an integer, the first dropped bit, and whether any bit below it is set
        func bit(_ i: Int) -> Bool { i >= 0 && i < width && (kept[i / 64] >> UInt64(i % 64)) & 1 == 1 }
        for i in stride(from: width - 1, through: drop, by: -1) { top = top << 1 | (bit(i) ? 1 : 0) }
        let half = bit(drop - 1)
        let below = (0..<max(drop - 1, 0)).contains { bit($0) }
        if half && (below || top & 1 == 1) { top += 1 }
        kept = []
        let magnitude = scalbn(Double(top), drop + e)
        return m.negative ? -magnitude : magnitude
    }
}

/// Sums of doubles (and ints) kept exactly: Σ m·2^e over a common lowest exponent.
struct ExactSum {
    private(set) var total = ExactInteger(0)
    /// The exponent of total's unit.
    private(set) var exponent = 0

    /// x as an integer times a power of two.
    static func parts(_ x: Double) -> (ExactInteger, Int) {
        guard x != 0 else { return (ExactInteger(0), 0) }
        let e = x.exponent - 52 < -1074 ? -1074 : Int(x.exponent) - 52
        let m = Int(scalbn(x.magnitude, -e))
        return (ExactInteger(x < 0 ? -m : m), e)
    }

    mutating func add(_ value: ExactInteger, times2 e: Int) {
        if e < exponent {
            total = total.shiftedLeft(exponent - e); exponent = e
        }
        total = total + value.shiftedLeft(e - exponent)
    }
    mutating func add(_ x: Double) { let (m, e) = Self.parts(x); add(m, times2: e) }
    mutating func add(_ i: Int) { add(ExactInteger(i), times2: 0) }

    /// The sum over a count, rounded once.
    func divided(by n: Int) -> Double { total.toDouble(times2: exponent, over: UInt64(n)) }

    /// √(sum / n) rounded once, as Python's _float_sqrt_of_frac: from the root of the rounded
    /// quotient, stepped to the double whose half-ulp interval holds the exact root (each
    /// midpoint squared and compared with the exact quotient).
    func squareRoot(dividedBy n: Int) -> Double {
        var r = divided(by: n).squareRoot()
        guard r.isFinite, r > 0, !total.negative else { return r }
        /// sign of sum/n − t² for t = k·2^e exactly
        func compare(_ k: ExactInteger, _ e: Int) -> Int {
            var difference = self
            difference.add(-(k * k * ExactInteger(n)), times2: 2 * e)
            return difference.total.isZero ? 0 : difference.total.negative ? -1 : 1
        }
        /// the midpoint between a and the next double up, as k·2^e
        func midpoint(_ a: Double) -> (ExactInteger, Int) {
            let (m, e) = Self.parts(a)
            return (m * ExactInteger(2) + ExactInteger(1), e - 1)
        }
        for _ in 0..<4 {
            let (upK, upE) = midpoint(r), (downK, downE) = midpoint(r.nextDown)
            if compare(upK, upE) > 0 { r = r.nextUp } else if compare(downK, downE) < 0 { r = r.nextDown } else { break }
        }
        return r
    }
}
