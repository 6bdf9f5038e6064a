import Foundation
import InceptionRuntime

/// `import math`: Python's math module, the part a learner reaches for in shape and parameter
/// arithmetic (`math.floor((224 + 2·3 − 7) / 2) + 1`, `math.prod(shape)`, `math.sqrt(2 / fan_in)`)
/// and in learning-rate schedules (`math.cos(math.pi * t)`). Results have Python's types:
/// floor, ceil, trunc, prod of ints, gcd, lcm, factorial, comb and perm give ints; the rest floats.
/// Domain errors read as Python's ("math domain error").
extension Interpreter {
    func mathNamespace() -> Namespace {
        var m: [String: Value] = [
            "pi": .float(Double.pi), "e": .float(M_E), "tau": .float(2 * Double.pi),
            "inf": .float(Double.infinity), "nan": .float(Double.nan),
        ]
        // float → float, refusing arguments outside the function's domain
        let real: [(String, (Double) -> Double, (Double) -> Bool)] = [
            ("sqrt", { $0.squareRoot() }, { $0 >= 0 }),
            ("exp", { Foundation.exp($0) }, { _ in true }),
            ("log2", { Foundation.log2($0) }, { $0 > 0 }),
            ("log10", { Foundation.log10($0) }, { $0 > 0 }),
            ("log1p", { Foundation.log1p($0) }, { $0 > -1 }),
            ("expm1", { Foundation.expm1($0) }, { _ in true }),
            ("sin", { Foundation.sin($0) }, { $0.isFinite }), ("cos", { Foundation.cos($0) }, { $0.isFinite }),
            ("tan", { Foundation.tan($0) }, { $0.isFinite }),
            ("asin", { Foundation.asin($0) }, { abs($0) <= 1 }), ("acos", { Foundation.acos($0) }, { abs($0) <= 1 }),
            ("atan", { Foundation.atan($0) }, { _ in true }),
            ("sinh", { Foundation.sinh($0) }, { _ in true }), ("cosh", { Foundation.cosh($0) }, { _ in true }),
            ("tanh", { Foundation.tanh($0) }, { _ in true }),
            ("erf", { Foundation.erf($0) }, { _ in true }), ("erfc", { Foundation.erfc($0) }, { _ in true }),
            ("fabs", { Swift.abs($0) }, { _ in true }),
            ("degrees", { $0 * 180 / Double.pi }, { _ in true }), ("radians", { $0 * Double.pi / 180 }, { _ in true }),
        ]
        // these raise OverflowError("math range error") where a finite argument gives ±inf
        let overflowing: Set<String> = ["exp", "expm1", "sinh", "cosh"]
        for (name, f, inDomain) in real {
            m[name] = Self.builtin(Signature(name, [("x", nil)])) { _, a in
                let x = try Self.mathReal(a["x"], name)
                guard inDomain(x) || x.isNaN else { throw Self.mathDomainError("math.\(name)(\(formatFloat(x)))") }
                return .float(try Self.mathRange(f(x), from: x, overflows: overflowing.contains(name)))
            }
        }
        // float → int (Python's floor, ceil and trunc give ints)
        let rounding: [(String, (Double) -> Double)] = [("floor", { $0.rounded(.down) }), ("ceil", { $0.rounded(.up) }),
                                                        ("trunc", { $0.rounded(.towardZero) })]
        for (name, f) in rounding {
            m[name] = Self.builtin(Signature(name, [("x", nil)])) { _, a in
                if case .int(let i) = a["x"] { return .int(i) }
                let x = try Self.mathReal(a["x"], name)
                return .int(try IntegerOverflow.int(f(x), "math.\(name)()"))
            }
        }
        m["log"] = Self.builtin(Signature("log", [("x", nil), ("base", Value.none)])) { _, a in
            let x = try Self.mathReal(a["x"], "log")
            guard x > 0 || x.isNaN else { throw Self.mathDomainError("math.log(\(formatFloat(x)))") }
            guard !a["base"].isNone else { return .float(Foundation.log(x)) }
            let base = try Self.mathReal(a["base"], "log")
            guard base > 0 || base.isNaN else { throw Self.mathDomainError("math.log(x, \(formatFloat(base)))") }
            guard base != 1 else { throw LanguageFailure("float division by zero", fix: "a logarithm's base must not be 1", as: .zeroDivisionError) }
            return .float(Foundation.log(x) / Foundation.log(base))
        }
        m["pow"] = Self.builtin(Signature("pow", [("x", nil), ("y", nil)])) { _, a in
            let (x, y) = (try Self.mathReal(a["x"], "pow"), try Self.mathReal(a["y"], "pow"))
            guard !(x < 0 && y.isFinite && y != y.rounded()), !(x == 0 && y < 0) else { throw Self.mathDomainError("math.pow(\(formatFloat(x)), \(formatFloat(y)))") }
            let result = Foundation.pow(x, y)
            guard result.isFinite || !x.isFinite || !y.isFinite else { throw Self.mathRangeError }
            return .float(result)
        }
        m["atan2"] = Self.builtin(Signature("atan2", [("y", nil), ("x", nil)])) { _, a in
            .float(Foundation.atan2(try Self.mathReal(a["y"], "atan2"), try Self.mathReal(a["x"], "atan2")))
        }
        m["hypot"] = Self.builtin(Signature("hypot", [], variadic: "coordinates")) { _, a in
            .float(try a.rest.map { try Self.mathReal($0, "hypot") }.reduce(0) { $0 + $1 * $1 }.squareRoot())
        }
        m["copysign"] = Self.builtin(Signature("copysign", [("x", nil), ("y", nil)])) { _, a in
            .float(Foundation.copysign(try Self.mathReal(a["x"], "copysign"), try Self.mathReal(a["y"], "copysign")))
        }
        for (name, test) in [("isfinite", { (x: Double) in x.isFinite }), ("isinf", { $0.isInfinite }), ("isnan", { $0.isNaN })] {
            m[name] = Self.builtin(Signature(name, [("x", nil)])) { _, a in .bool(test(try Self.mathReal(a["x"], name))) }
        }
        m["isclose"] = Self.builtin(Signature("isclose", [("a", nil), ("b", nil), ("rel_tol", .float(1e-9)), ("abs_tol", .float(0))])) { _, a in
            let (x, y) = (try Self.mathReal(a["a"], "isclose"), try Self.mathReal(a["b"], "isclose"))
            let (rel, abs) = (try a.double("rel_tol"), try a.double("abs_tol"))
            guard rel >= 0, abs >= 0 else { throw LanguageFailure("math.isclose(): tolerances must be non-negative") }
            if x == y { return .bool(true) }
            guard x.isFinite, y.isFinite else { return .bool(false) }
            let d = Swift.abs(x - y)
            return .bool(d <= Swift.max(rel * Swift.max(Swift.abs(x), Swift.abs(y)), abs))
        }
        m["prod"] = Self.builtin(Signature("prod", [("iterable", nil), ("start", .int(1))])) { interpreter, a in
            try interpreter.iterationItems(a["iterable"]).reduce(a["start"]) { try interpreter.binary(.multiply, $0, $1) }
        }
        m["fsum"] = Self.builtin(Signature("fsum", [("iterable", nil)])) { interpreter, a in
            .float(Self.compensatedSum(try interpreter.iterationItems(a["iterable"]).map { try Self.mathReal($0, "fsum") }))
        }
        m["isqrt"] = Self.builtin(Signature("isqrt", [("n", nil)])) { _, a in
            let n = try Self.mathInt(a["n"], "isqrt")
            guard n >= 0 else { throw LanguageFailure("isqrt() argument must be nonnegative", as: .valueError) }
            var r = Int(Double(n).squareRoot())
            while r * r > n { r -= 1 }
            while (r + 1) * (r + 1) <= n { r += 1 }
            return .int(r)
        }
        for (name, f) in [("lgamma", { (x: Double) in Foundation.lgamma(x) }), ("gamma", { Foundation.tgamma($0) }), ("cbrt", { Foundation.cbrt($0) }), ("exp2", { Foundation.exp2($0) })] {
            m[name] = Self.builtin(Signature(name, [("x", nil)])) { _, a in
                let x = try Self.mathReal(a["x"], name)
                if name != "cbrt", name != "exp2", x <= 0, x == x.rounded(.down) { throw Self.mathDomainError("math.\(name)(\(formatFloat(x)))") }
                return .float(try Self.mathRange(f(x), from: x, overflows: name != "cbrt"))
            }
        }
        m["fmod"] = Self.builtin(Signature("fmod", [("x", nil), ("y", nil)])) { _, a in
            let (x, y) = (try Self.mathReal(a["x"], "fmod"), try Self.mathReal(a["y"], "fmod"))
            guard y != 0, !x.isInfinite else { throw Self.mathDomainError("math.fmod(\(formatFloat(x)), \(formatFloat(y)))") }
            return .float(Foundation.fmod(x, y))
        }
        m["modf"] = Self.builtin(Signature("modf", [("x", nil)])) { _, a in
            let x = try Self.mathReal(a["x"], "modf"), whole = x.rounded(.towardZero)
            return .tuple([.float(x.isInfinite ? Foundation.copysign(0, x) : x - whole), .float(whole)])
        }
        // frexp(x) = (m, e) with x == m * 2**e, 0.5 <= |m| < 1; ldexp(m, e) the way back
        m["frexp"] = Self.builtin(Signature("frexp", [("x", nil)])) { _, a in
            let x = try Self.mathReal(a["x"], "frexp")
            guard x.isFinite, x != 0 else { return .tuple([.float(x), .int(0)]) }
            let exponent = Int(x.exponent) + 1          // x.exponent: |x| = 1.f × 2**exponent
            return .tuple([.float(Foundation.scalbn(x, -exponent)), .int(exponent)])
        }
        m["ldexp"] = Self.builtin(Signature("ldexp", [("x", nil), ("i", nil)])) { _, a in
            let x = try Self.mathReal(a["x"], "ldexp"), i = try Self.mathInt(a["i"], "ldexp")
            return .float(try Self.mathRange(Foundation.scalbn(x, max(-100_000, min(100_000, i))), from: x, overflows: true))
        }
        m["dist"] = Self.builtin(Signature("dist", [("p", nil), ("q", nil)])) { interpreter, a in
            let (p, q) = (try interpreter.iterationItems(a["p"]), try interpreter.iterationItems(a["q"]))
            guard p.count == q.count else { throw LanguageFailure("both points must have the same number of dimensions", as: .valueError) }
            return .float(try zip(p, q).reduce(0.0) { s, pair in
                let d = try Self.mathReal(pair.0, "dist") - Self.mathReal(pair.1, "dist")
                return s + d * d
            }.squareRoot())
        }
        m["gcd"] = Self.builtin(Signature("gcd", [], variadic: "integers")) { _, a in
            .int(try a.rest.map { try Self.mathInt($0, "gcd") }.reduce(0) { x, y in
                var (p, q) = (Swift.abs(x), Swift.abs(y))
                while q != 0 { (p, q) = (q, p % q) }
                return p
            })
        }
        m["lcm"] = Self.builtin(Signature("lcm", [], variadic: "integers")) { _, a in
            .int(try a.rest.map { try Self.mathInt($0, "lcm") }.reduce(1) { x, y in
                guard x != 0, y != 0 else { return 0 }
                var (p, q) = (Swift.abs(x), Swift.abs(y))
                while q != 0 { (p, q) = (q, p % q) }
                let (product, overflow) = (Swift.abs(x) / p).multipliedReportingOverflow(by: Swift.abs(y))
                guard !overflow else { throw IntegerOverflow.tooLarge("math.lcm(): the result is larger than this language's integers") }
                return product
            })
        }
        m["perm"] = Self.builtin(Signature("perm", [("n", nil), ("k", Value.none)])) { _, a in
            let n = try Self.mathInt(a["n"], "perm")
            let k = a["k"].isNone ? n : try Self.mathInt(a["k"], "perm")
            guard n >= 0, k >= 0 else { throw LanguageFailure("math.perm(): n and k must be non-negative integers", as: .valueError) }
            guard k <= n else { return .int(0) }
            var result = 1
            for i in 0..<k {
                let (product, overflow) = result.multipliedReportingOverflow(by: n - i)
                guard !overflow else { throw IntegerOverflow.tooLarge("math.perm(\(n), \(k)) is larger than this language's integers") }
                result = product
            }
            return .int(result)
        }
        m["factorial"] = Self.builtin(Signature("factorial", [("n", nil)])) { _, a in
            let n = try Self.mathInt(a["n"], "factorial")
            guard n >= 0 else { throw LanguageFailure("factorial() not defined for negative values", as: .valueError) }
            guard n <= 20 else { throw IntegerOverflow.tooLarge("math.factorial(\(n)) is larger than this language's integers (at most 20!)") }
            return .int((1...max(n, 1)).reduce(1, *))
        }
        m["comb"] = Self.builtin(Signature("comb", [("n", nil), ("k", nil)])) { _, a in
            let (n, k) = (try Self.mathInt(a["n"], "comb"), try Self.mathInt(a["k"], "comb"))
            guard n >= 0, k >= 0 else { throw LanguageFailure("math.comb(): n and k must be non-negative integers") }
            guard k <= n else { return .int(0) }
            var result = 1
            for i in 0..<min(k, n - k) {
                let (product, overflow) = result.multipliedReportingOverflow(by: n - i)
                guard !overflow else { throw IntegerOverflow.tooLarge("math.comb(\(n), \(k)) is larger than this language's integers") }
                result = product / (i + 1)
            }
            return .int(result)
        }
        return Namespace("math", m)
    }

    /// A real number as Python's math functions take it: int, float, bool or a one-value tensor.
    static func mathReal(_ v: Value, _ function: String) throws -> Double {
        if isNumber(v), let d = v.asDouble { return d }
        if case .tensor(let x) = v, x.count == 1, !x.isMeta { return Double(x.data[0]) }
        if case .tensor(let x) = v {
            throw LanguageFailure("math.\(function)(): only one element tensors can be converted to Python scalars, got shape \(x.shape)",
                                  fix: "use torch.\(function)(x) for a whole tensor")
        }
        throw LanguageFailure("must be real number, not \(v.typeName)", fix: "math.\(function)() takes an int or a float", as: .typeError)
    }

    /// Python's ValueError for an argument outside a math function's domain; `call` (the call
    /// with its arguments) goes to the fix, as Python's message names neither.
    static func mathDomainError(_ call: String) -> LanguageFailure {
        LanguageFailure("math domain error", fix: "\(call) is outside the function's domain", as: .valueError)
    }

    /// Python's OverflowError for a finite argument whose result is too large for a float.
    static let mathRangeError = LanguageFailure("math range error", as: .overflowError)

    /// `result`, or the range error where a finite `x` overflowed (exp(1000)) and the function raises it.
    static func mathRange(_ result: Double, from x: Double, overflows: Bool) throws -> Double {
        guard overflows, result.isInfinite, x.isFinite else { return result }
        throw mathRangeError
    }

    /// An integer argument (math.gcd, factorial, comb refuse floats, as Python does).
    static func mathInt(_ v: Value, _ function: String) throws -> Int {
        if case .int(let i) = v { return i }
        if case .bool(let b) = v { return b ? 1 : 0 }
        throw LanguageFailure("'\(v.typeName)' object cannot be interpreted as an integer", fix: "math.\(function)() takes ints", as: .typeError)
    }
}

extension Interpreter {
    /// Σx with the rounding errors carried (Neumaier): fsum([0.1] * 10) is 1.0, as Python's.
    static func compensatedSum(_ xs: [Double]) -> Double {
        var sum = 0.0, carried = 0.0
        for x in xs {
            let t = sum + x
            carried += Swift.abs(sum) >= Swift.abs(x) ? (sum - t) + x : (x - t) + sum
            sum = t
        }
        return sum + carried
    }

    /// The methods and attributes of Python's numbers: (10).bit_length(), (2.0).is_integer(),
    /// x.real, x.imag, (0.75).as_integer_ratio(), x.conjugate().
    static func numberMember(_ x: Value, _ name: String) -> Value? {
        func method(_ body: @escaping () throws -> Value) -> Value { .builtin(Builtin(name) { _, _ in try body() }) }
        let asInt: Value = { if case .bool(let b) = x { return .int(b ? 1 : 0) }; return x }()
        switch (name, asInt) {
        case ("real", _): return asInt
        case ("imag", .float): return .float(0)
        case ("imag", _): return .int(0)
        case ("conjugate", _): return method { asInt }
        case ("numerator", .int): return asInt
        case ("denominator", .int): return .int(1)
        case ("bit_length", .int(let i)): return method { .int(i == 0 ? 0 : Int.bitWidth - i.magnitude.leadingZeroBitCount) }
        case ("bit_count", .int(let i)): return method { .int(i.magnitude.nonzeroBitCount) }
        case ("is_integer", .float(let f)): return method { .bool(f.isFinite && f == f.rounded(.towardZero)) }
        case ("is_integer", .int): return method { .bool(true) }
        case ("as_integer_ratio", .int(let i)): return method { .tuple([.int(i), .int(1)]) }
        case ("as_integer_ratio", .float(let f)):
            return method {
                guard f.isFinite else { throw LanguageFailure("cannot convert \(f.isNaN ? "NaN" : "Infinity") to integer ratio", as: f.isNaN ? .valueError : .overflowError) }
                // f = significand · 2^exponent exactly; reduced by the common powers of two
                var numerator = Int(f.significandBitPattern | (f.isNormal ? 1 << 52 : 0)), exponent = Int(f.exponent) - 52
                if f == 0 { return .tuple([.int(0), .int(1)]) }
                if !f.isNormal { exponent = -1074 }
                while numerator & 1 == 0, exponent < 0 { numerator >>= 1; exponent += 1 }
                let bits = Int.bitWidth - numerator.leadingZeroBitCount
                guard exponent > -63, bits + max(exponent, 0) < 63 else { throw IntegerOverflow.tooLarge("as_integer_ratio(): the ratio does not fit this language's integers") }
                let sign = f < 0 ? -1 : 1
                return exponent >= 0 ? .tuple([.int(sign * numerator << exponent), .int(1)]) : .tuple([.int(sign * numerator), .int(1 << -exponent)])
            }
        default: return nil
        }
    }
}
