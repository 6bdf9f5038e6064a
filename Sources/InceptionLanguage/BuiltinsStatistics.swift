import Foundation

/// `statistics`: mean, fmean, median (and _low, _high), mode, multimode, variance, stdev,
/// pvariance, pstdev, with Python's result types: the mean or variance of ints is an int when
/// exact (mean([1, 2, 3]) is 2), a float otherwise; too few points are a StatisticsError (a
/// ValueError), as Python's. Float data are summed exactly (ExactSums), as Python's fractions do.
extension Interpreter {
    func statisticsNamespace() -> Namespace {
        var t: [String: Value] = [:]
        func numbers(_ interpreter: Interpreter, _ v: Value) throws -> [Value] {
            try interpreter.iterationItems(v).map { x in
                guard isNumber(x) else { throw LanguageFailure("can't convert type '\(x.typeName)' to numerator/denominator", as: .typeError) }
                return x
            }
        }
        func allIntegers(_ xs: [Value]) -> Bool { xs.allSatisfy { $0.typeName == "int" || $0.typeName == "bool" } }
        /// A quotient of integers as Python's statistics converts it: an int when exact.
        func ratio(_ numerator: Int, _ denominator: Int) -> Value {
            numerator % denominator == 0 ? .int(numerator / denominator) : .float(Double(numerator) / Double(denominator))
        }
        func statisticsError(_ message: String) -> LanguageFailure { LanguageFailure("StatisticsError: \(message)") }
        t["mean"] = Self.builtin(Signature("mean", [("data", nil)])) { interpreter, a in
            let xs = try numbers(interpreter, a["data"])
            guard !xs.isEmpty else { throw statisticsError("mean requires at least one data point") }
            if allIntegers(xs) {
                let (total, overflow) = xs.reduce((0, false)) { r, x in let (s, o) = r.0.addingReportingOverflow(x.asInt!); return (s, r.1 || o) }
                if !overflow { return ratio(total, xs.count) }
            }
            return .float(Self.exactSum(xs).divided(by: xs.count))          // Python's exact fractions, rounded once
        }
        t["fmean"] = Self.builtin(Signature("fmean", [("data", nil)])) { interpreter, a in
            let xs = try numbers(interpreter, a["data"])
            guard !xs.isEmpty else { throw statisticsError("fmean requires at least one data point") }
            return .float(Self.exactSum(xs).divided(by: 1) / Double(xs.count))        // fsum(data) / n, as Python's
        }
        for name in ["median", "median_low", "median_high"] {
            t[name] = Self.builtin(Signature(name, [("data", nil)])) { interpreter, a in
                let xs = try interpreter.sortedItems(try numbers(interpreter, a["data"]), key: .none, reverse: false)
                guard !xs.isEmpty else { throw statisticsError("no median for empty data") }
                let n = xs.count
                if n % 2 == 1 { return xs[n / 2] }
                switch name {
                case "median_low": return xs[n / 2 - 1]
                case "median_high": return xs[n / 2]
                default: return try interpreter.binary(.divide, try interpreter.binary(.add, xs[n / 2 - 1], xs[n / 2]), .int(2))
                }
            }
        }
        t["multimode"] = Self.builtin(Signature("multimode", [("data", nil)])) { interpreter, a in
            .list(ListStorage(try Self.modes(try interpreter.iterationItems(a["data"]))))
        }
        t["mode"] = Self.builtin(Signature("mode", [("data", nil)])) { interpreter, a in
            guard let first = try Self.modes(try interpreter.iterationItems(a["data"])).first else { throw statisticsError("no mode for empty data") }
            return first
        }
        for (name, population) in [("variance", false), ("pvariance", true), ("stdev", false), ("pstdev", true)] {
            t[name] = Self.builtin(Signature(name, [("data", nil), (population ? "mu" : "xbar", Value.none)])) { interpreter, a in
                let xs = try numbers(interpreter, a["data"])
                let least = population ? 1 : 2
                guard xs.count >= least else {
                    throw statisticsError("\(name) requires at least \(least == 1 ? "one data point" : "two data points")")
                }
                let n = xs.count, divisor = population ? n : n - 1
                let isDeviation = name.hasSuffix("stdev")
                if allIntegers(xs), a[population ? "mu" : "xbar"].isNone {
                    // Σ(x − mean)² = (nΣx² − (Σx)²) / n, exactly
                    let ints = xs.map { $0.asInt! }
                    let s = ints.reduce(0, +), squares = ints.reduce(0) { $0 + $1 * $1 }
                    let (scaled, o1) = n.multipliedReportingOverflow(by: squares), (sumSquared, o2) = s.multipliedReportingOverflow(by: s)
                    if !o1, !o2 {
                        let variance = ratio(scaled - sumSquared, n * divisor)
                        return isDeviation ? .float(variance.asDouble!.squareRoot()) : variance
                    }
                }
                // Σ(x − mean)² exactly over its divisor; stdev its root, each rounded once as Python's
                let (squares, over): (ExactSum, Int)
                if let center = a[population ? "mu" : "xbar"].asDouble {
                    // Python's _ss(data, c): the float squares (x − c)², summed exactly
                    (squares, over) = (Self.exactSum(xs.map { x in let d = x.asDouble! - center; return .float(d * d) }), divisor)
                } else {
                    (squares, over) = (Self.exactDeviations(xs), xs.count * divisor)
                }
                return .float(isDeviation ? squares.squareRoot(dividedBy: over) : squares.divided(by: over))
            }
        }
        t["StatisticsError"] = Self.exceptionClass("StatisticsError")
        return Namespace("statistics", t)
    }

    /// Σx of ints and floats, exactly.
    static func exactSum(_ xs: [Value]) -> ExactSum {
        var s = ExactSum()
        for x in xs { if case .float(let f) = x { s.add(f) } else { s.add(x.asInt!) } }
        return s
    }

    /// n · Σ(x − mean)² as Python's _ss computes it in exact fractions: nΣx² − (Σx)².
    static func exactDeviations(_ xs: [Value]) -> ExactSum {
        var sum = ExactSum(), squares = ExactSum()
        for x in xs {
            let (m, e) = { if case .float(let f) = x { return ExactSum.parts(f) } else { return (ExactInteger(x.asInt!), 0) } }()
            sum.add(m, times2: e)
            squares.add(m * m, times2: 2 * e)
        }
        var numerator = ExactSum()
        numerator.add(squares.total * ExactInteger(xs.count), times2: squares.exponent)
        numerator.add(-(sum.total * sum.total), times2: 2 * sum.exponent)
        return numerator
    }

    /// The most common values, in the order first met.
    static func modes(_ items: [Value]) throws -> [Value] {
        let counts = DictStorage()
        for item in items {
            _ = try PythonHash.of(item)
            counts.set(item, .int((counts[item]?.asInt ?? 0) + 1))
        }
        let most = counts.entries.map { $0.value.asInt! }.max() ?? 0
        return counts.entries.filter { $0.value.asInt! == most }.map(\.key)
    }
}
