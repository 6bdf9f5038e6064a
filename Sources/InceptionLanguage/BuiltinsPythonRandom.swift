import Foundation
import InceptionRuntime

/// Python's Mersenne Twister as CPython's `_random` runs it: seeded from an int's 32-bit words by
/// `init_by_array` (`MersenneTwister`), so `random.seed(0); random.random()` gives CPython's 0.8444218515250481.
struct PythonTwister {
    private var twister: MersenneTwister

    /// random.seed(n): the words of |n|, least significant first ([0] for 0).
    init(seed: Int) {
        var n = seed.magnitude, key: [UInt32] = []
        repeat { key.append(UInt32(truncatingIfNeeded: n)); n >>= 32 } while n > 0
        twister = MersenneTwister(key: key)
    }

    mutating func next32() -> UInt32 { twister.next32() }

    /// random.random(): 53 random bits from two words.
    mutating func unit() -> Double {
        let a = Double(next32() >> 5), b = Double(next32() >> 6)
        return (a * 67_108_864 + b) / 9_007_199_254_740_992
    }

    /// getrandbits(k), 0 < k ≤ 63: whole words least significant first, the last one's top bits.
    mutating func bits(_ k: Int) -> UInt64 {
        var (result, shift, left) = (UInt64(0), UInt64(0), k)
        while left > 0 {
            var word = UInt64(next32())
            if left < 32 { word >>= UInt64(32 - left) }
            result |= word << shift
            shift += 32; left -= 32
        }
        return result
    }

    /// _randbelow(n), n > 0: getrandbits(n.bit_length()) until one falls below n.
    mutating func below(_ n: Int) -> Int {
        let k = Int.bitWidth - n.leadingZeroBitCount
        while true {
            let r = bits(k)
            if r < UInt64(n) { return Int(r) }
        }
    }
}

/// A `random.Random`: the module's functions are the methods of one such object (unseeded, it
/// starts as `random.seed(0)` leaves it, where CPython seeds from the OS).
final class PythonRandom: NativeObject {
    private var twister: PythonTwister
    private var gaussNext: Double?

    init(seed: Int = 0) {
        twister = PythonTwister(seed: seed)
        super.init(typeName: "random.Random")
    }

    override var repr: String { "<random.Random object>" }

    static let methodNames = ["seed", "random", "uniform", "randint", "randrange", "choice", "choices", "shuffle", "sample",
                              "gauss", "normalvariate", "getrandbits"]

    override func member(_ name: String) -> Value? {
        guard Self.methodNames.contains(name) else { return nil }
        return .builtin(Builtin(name) { [self] interpreter, arguments in try call(name, interpreter, arguments) })
    }

    private func call(_ name: String, _ interpreter: Interpreter, _ arguments: Arguments) throws -> Value {
        switch name {
        case "seed":
            let a = try Signature("seed", [("a", Value.none)]).bind(arguments)
            guard case .int(let n) = a["a"] else {
                throw LanguageFailure(a["a"].isNone ? "random.seed() without a number seeds from the OS, so runs would differ"
                                                    : "random.seed() takes an int here, got \(a["a"].typeName)", fix: "use random.seed(n) with an int n")
            }
            twister = PythonTwister(seed: n)
            gaussNext = nil
            return .none
        case "random":
            _ = try Signature("random").bind(arguments)
            return .float(twister.unit())
        case "uniform":
            let a = try Signature("uniform", [("a", nil), ("b", nil)]).bind(arguments)
            let (lo, hi) = (try a.double("a"), try a.double("b"))
            return .float(lo + (hi - lo) * twister.unit())
        case "randint":
            let a = try Signature("randint", [("a", nil), ("b", nil)]).bind(arguments)
            return .int(try randrange(try a.int("a"), try a.int("b") + 1, 1))
        case "randrange":
            let a = try Signature("randrange", [("start", nil), ("stop", Value.none), ("step", .int(1))]).bind(arguments)
            guard let stop = try a.optionalInt("stop") else {
                let n = try a.int("start")
                guard n > 0 else { throw LanguageFailure("empty range for randrange()", as: .valueError) }
                return .int(twister.below(n))
            }
            return .int(try randrange(try a.int("start"), stop, try a.int("step")))
        case "getrandbits":
            let a = try Signature("getrandbits", [("k", nil)]).bind(arguments)
            let k = try a.int("k")
            guard k >= 0 else { throw LanguageFailure("number of bits must be non-negative", as: .valueError) }
            guard k < 64 else { throw LanguageFailure("getrandbits(): at most 63 bits here (ints are 64-bit), got \(k)") }
            return .int(k == 0 ? 0 : Int(twister.bits(k)))
        case "choice":
            let a = try Signature("choice", [("seq", nil)]).bind(arguments)
            let items = try interpreter.iterationItems(a["seq"])
            guard !items.isEmpty else { throw LanguageFailure("Cannot choose from an empty sequence", as: .indexError) }
            return items[twister.below(items.count)]
        case "choices":
            return try choices(try Signature("choices", [("population", nil), ("weights", Value.none), ("cum_weights", Value.none), ("k", .int(1))]).bind(arguments), interpreter)
        case "shuffle":
            let a = try Signature("shuffle", [("x", nil)]).bind(arguments)
            guard case .list(let list) = a["x"], list.view == nil else {
                throw LanguageFailure("shuffle() shuffles a list in place, got \(a["x"].typeName)", fix: "make a list first: items = list(…)", as: .typeError)
            }
            for i in stride(from: list.items.count - 1, through: 1, by: -1) { list.items.swapAt(i, twister.below(i + 1)) }
            return .none
        case "sample":
            return try sample(try Signature("sample", [("population", nil), ("k", nil)]).bind(arguments), interpreter)
        case "gauss":
            // CPython's gauss: a pair of normals from one angle and radius, the second kept for the next call
            let a = try Signature("gauss", [("mu", .float(0)), ("sigma", .float(1))]).bind(arguments)
            let z: Double
            if let kept = gaussNext { z = kept; gaussNext = nil } else {
                let angle = twister.unit() * 2 * Double.pi
                let radius = (-2 * Foundation.log(1 - twister.unit())).squareRoot()
                z = Foundation.cos(angle) * radius
                gaussNext = Foundation.sin(angle) * radius
            }
            return .float(try a.double("mu") + z * a.double("sigma"))
        default:   // normalvariate: Kinderman and Monahan's ratio method, as CPython
            let a = try Signature("normalvariate", [("mu", .float(0)), ("sigma", .float(1))]).bind(arguments)
            let magic = 4 * Foundation.exp(-0.5) / 2.0.squareRoot()
            while true {
                let u1 = twister.unit(), u2 = 1 - twister.unit()
                let z = magic * (u1 - 0.5) / u2
                if z * z / 4 <= -Foundation.log(u2) { return .float(try a.double("mu") + z * a.double("sigma")) }
            }
        }
    }

    private func randrange(_ start: Int, _ stop: Int, _ step: Int) throws -> Int {
        guard step != 0 else { throw LanguageFailure("zero step for randrange()", as: .valueError) }
        let width = stop - start
        let n = step > 0 ? (width + step - 1) / step : (width + step + 1) / step
        guard n > 0 else {   // CPython 3.11's words
            throw LanguageFailure("empty range for randrange()" + (step == 1 ? " (\(start), \(stop), \(width))" : ""), as: .valueError)
        }
        return start + step * twister.below(n)
    }

    // choices(population, weights=None, *, cum_weights=None, k=1): k picks with replacement
    private func choices(_ a: BoundArguments, _ interpreter: Interpreter) throws -> Value {
        let items = try interpreter.iterationItems(a["population"]), k = try a.int("k")
        guard !a["weights"].isNone || !a["cum_weights"].isNone else {
            return .list(ListStorage((0..<max(k, 0)).map { _ in items[Int((twister.unit() * Double(items.count)).rounded(.down))] }))
        }
        guard a["weights"].isNone || a["cum_weights"].isNone else { throw LanguageFailure("Cannot specify both weights and cumulative weights", as: .typeError) }
        func numbers(_ v: Value) throws -> [Double] {
            try interpreter.iterationItems(v).map { item in
                guard let d = item.asDouble else { throw LanguageFailure("choices(): weights must be numbers, got \(item.typeName)", as: .typeError) }
                return d
            }
        }
        var cumulative = a["cum_weights"].isNone ? [] : try numbers(a["cum_weights"])
        if a["cum_weights"].isNone { var sum = 0.0; for w in try numbers(a["weights"]) { sum += w; cumulative.append(sum) } }
        guard cumulative.count == items.count else { throw LanguageFailure("The number of weights does not match the population", as: .valueError) }
        guard let total = cumulative.last, total > 0, total.isFinite else {
            throw LanguageFailure(cumulative.isEmpty ? "Cannot choose from an empty sequence" : "Total of weights must be greater than zero",
                                  as: cumulative.isEmpty ? .indexError : .valueError)
        }
        return .list(ListStorage((0..<max(k, 0)).map { _ in
            // bisect_right(cum_weights, random() * total, 0, n - 1)
            let x = twister.unit() * total
            var (lo, hi) = (0, items.count - 1)
            while lo < hi { let mid = (lo + hi) / 2; if x < cumulative[mid] { hi = mid } else { lo = mid + 1 } }
            return items[lo]
        }))
    }

    // sample(population, k): k distinct picks, by CPython's pool or set method as its sizes say
    private func sample(_ a: BoundArguments, _ interpreter: Interpreter) throws -> Value {
        let items = try interpreter.iterationItems(a["population"]), k = try a.int("k"), n = items.count
        guard (0...n).contains(k) else { throw LanguageFailure("Sample larger than population or is negative", as: .valueError) }
        var setSize = 21
        if k > 5 { setSize += Int(pow(4, (Foundation.log(Double(k * 3)) / Foundation.log(4)).rounded(.up))) }
        var result: [Value] = []
        if n <= setSize {
            var pool = items
            for i in 0..<k {
                let j = twister.below(n - i)
                result.append(pool[j])
                pool[j] = pool[n - i - 1]
            }
        } else {
            var selected: Set<Int> = []
            for _ in 0..<k {
                var j = twister.below(n)
                while selected.contains(j) { j = twister.below(n) }
                selected.insert(j)
                result.append(items[j])
            }
        }
        return .list(ListStorage(result))
    }
}

extension Interpreter {
    /// `import random`: the module's functions are the interpreter's one PythonRandom's methods;
    /// `random.Random(seed)` makes another.
    func randomNamespace() -> Namespace {
        var members: [String: Value] = [:]
        for name in PythonRandom.methodNames { members[name] = pythonRandom.member(name) }
        members["Random"] = Self.builtin(Signature("Random", [("x", .int(0))])) { _, a in .object(PythonRandom(seed: try a.int("x"))) }
        return Namespace("random", members)
    }
}
