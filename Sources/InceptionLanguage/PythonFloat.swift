import Foundation

/// Python's float arithmetic where it is not IEEE's plain operation: // and % as CPython's
/// float_divmod computes them (from fmod, so 1.0 // 0.1 is 9.0, not floor(1.0 / 0.1) = 10.0),
/// and ** with CPython's errors.
enum PythonFloat {
    /// CPython's float_divmod: the remainder takes the divisor's sign; the quotient is the
    /// exactly computed (x − mod) / y, rounded to the nearest integer. y is not zero.
    static func divmod(_ x: Double, _ y: Double) -> (quotient: Double, remainder: Double) {
        var mod = fmod(x, y)
        var div = (x - mod) / y
        if mod != 0 {
            if (y < 0) != (mod < 0) { mod += y; div -= 1 }
        } else {
            mod = copysign(0, y)
        }
        var floorDiv: Double
        if div != 0 {
            floorDiv = div.rounded(.down)
            if div - floorDiv > 0.5 { floorDiv += 1 }
        } else {
            floorDiv = copysign(0, x / y)
        }
        return (floorDiv, mod)
    }

    /// x ** y as CPython's float_pow: 0.0 to a negative power is a ZeroDivisionError, a finite
    /// result too large an OverflowError(34, 'Numerical result out of range'); a negative base
    /// to a fractional power is a complex number in Python, refused here.
    static func power(_ x: Double, _ y: Double) throws -> Double {
        if x == 0, y < 0, y.isFinite {
            throw LanguageFailure("0.0 cannot be raised to a negative power", as: .zeroDivisionError)
        }
        if x < 0, x.isFinite, y.isFinite, y != y.rounded() {
            throw LanguageFailure.refusal("\(formatFloat(x)) ** \(formatFloat(y)) is a complex number in Python, and complex numbers are not supported here",
                                          fix: "take the real root yourself, e.g. -(abs(x) ** y), or use math.cbrt(x) for a cube root")
        }
        let result = Foundation.pow(x, y)
        if result.isInfinite, x.isFinite, y.isFinite {
            var failure = LanguageFailure("(34, 'Numerical result out of range')", as: .overflowError)
            failure.arguments = [.int(34), .string("Numerical result out of range")]
            throw failure
        }
        return result
    }
}
