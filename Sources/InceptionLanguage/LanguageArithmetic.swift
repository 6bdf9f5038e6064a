import InceptionRuntime

/// Python's ints are unbounded; the language's are 64-bit. Where Swift would trap on an
/// overflow (negating or dividing -2^63, converting nan or 1e300 to an int, a repeat count
/// times an item size), these helpers raise a one-line refusal instead, which no `except`
/// catches (Python would have gone on with the big integer).
enum IntegerOverflow {
    static func failure(_ what: String) -> LanguageFailure {
        LanguageFailure.refusal("integer overflow: \(what) does not fit in a 64-bit int (-2^63 … 2^63 − 1)")
    }

    /// The refusal of an integer result past 64 bits ("the integer result of 2 ** 64 is too large").
    static func tooLarge(_ message: String) -> LanguageFailure {
        LanguageFailure.refusal(message, fix: "integers here are 64-bit (Python's are unbounded); work in floats where the exact value does not matter")
    }

    /// A float → int conversion (round, int, floor), refusing nan, ±inf and out-of-range values.
    static func int(_ x: Double, _ what: String) throws -> Int {
        guard x.isFinite else { throw nonFinite(x) }
        guard x >= -9.223372036854775808e18, x < 9.223372036854775808e18 else { throw failure("\(what) = \(formatFloat(x))") }
        return Int(x)
    }

    /// Python's error for int(nan) (ValueError) and int(inf) (OverflowError), as int(), round(),
    /// math.floor and math.ceil raise them.
    static func nonFinite(_ x: Double) -> LanguageFailure {
        x.isNaN ? LanguageFailure("cannot convert float NaN to integer", as: .valueError)
            : LanguageFailure("cannot convert float infinity to integer", as: .overflowError)
    }

    static func negate(_ i: Int) throws -> Int {
        guard i != .min else { throw failure("-(\(i))") }
        return -i
    }

    static func magnitude(_ i: Int) throws -> Int {
        guard i != .min else { throw failure("abs(\(i))") }
        return Swift.abs(i)
    }

    /// x ** y for y ≥ 0 by repeated squaring (a loop of y steps would hang on 1 ** 10**18).
    static func power(_ x: Int, _ y: Int) throws -> Int {
        var result = 1, base = x, e = y
        while e > 0 {
            if e & 1 == 1 {
                let r = result.multipliedReportingOverflow(by: base)
                guard !r.overflow else { throw tooLarge("the integer result of \(x) ** \(y) is too large") }
                result = r.partialValue
            }
            e >>= 1
            if e > 0 {
                let r = base.multipliedReportingOverflow(by: base)
                // A base that overflowed only matters if it is used again.
                guard !r.overflow else { throw tooLarge("the integer result of \(x) ** \(y) is too large") }
                base = r.partialValue
            }
        }
        return result
    }

    /// `items × n` for `[0] * n`, `'abc' * n`, `(1,) * n`, within the value budget.
    static func repeatCount(_ n: Int, items: Int, itemBytes: Int, what: String) throws -> Int {
        let count = Swift.max(n, 0)
        let total = items.multipliedReportingOverflow(by: count)
        guard !total.overflow else { throw failure("\(what) of \(items) items × \(n)") }
        try MemoryBudget.checkValue(count: total.partialValue, of: itemBytes, what: "\(what) × \(n)")
        return count
    }
}
