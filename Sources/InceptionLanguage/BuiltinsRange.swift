/// Python's range: start, stop and step, printed `range(0, 5)`, indexed and sliced as numbers
/// (`range(2, 10, 3)[1:]` is `range(5, 11, 3)`); its numbers are made when something reads them
/// all (a loop, list(), sum()).
final class RangeObject: NativeObject {
    let start: Int, stop: Int, step: Int
    /// How many numbers: Python's len(range), counted without stepping.
    let count: Int

    /// The largest range a program may make: its numbers are made whole when looped over.
    static let largest = 10_000_000

    init(start: Int, stop: Int, step: Int) throws {
        guard step != 0 else { throw LanguageFailure("range() arg 3 must not be zero", as: .valueError) }
        // In floating point: stop - start overflows for range(-2**63, 2**63 - 1).
        guard (Double(stop) - Double(start)) / Double(step) <= Double(Self.largest) else {
            throw LanguageFailure("range() of more than 10,000,000 numbers")
        }
        (self.start, self.stop, self.step) = (start, stop, step)
        count = step > 0 ? (start < stop ? (stop - start - 1) / step + 1 : 0)
                         : (start > stop ? (start - stop - 1) / -step + 1 : 0)
        super.init(typeName: "range")
    }

    /// The i-th number (0 ≤ i < count).
    func number(_ i: Int) -> Int { start + i * step }

    override var items: [Value]? { (0..<count).map { .int(number($0)) } }
    override var repr: String { "range(\(start), \(stop)" + (step == 1 ? ")" : ", \(step))") }

    /// r[i], negative from the end.
    func item(_ index: Int) throws -> Value {
        let i = index < 0 ? index + count : index
        guard (0..<count).contains(i) else { throw LanguageFailure("range object index out of range", as: .indexError) }
        return .int(number(i))
    }

    /// r[a:b:k]: the range of the numbers it picks, as Python computes it from the slice's bounds.
    func sliced(_ s: SliceObject) throws -> RangeObject {
        let bounds = try Interpreter.sliceBounds(count, s.start, s.stop, s.step)
        return try RangeObject(start: number(bounds.from), stop: number(bounds.to), step: step * bounds.step)
    }

    /// Whether v is one of the numbers (an int, or a float or bool equal to one).
    func contains(_ v: Value) -> Bool {
        guard let x = v.asDouble, x.rounded() == x, let n = Int(exactly: x) else { return false }
        let offset = n - start
        guard offset % step == 0 else { return false }
        let i = offset / step
        return i >= 0 && i < count
    }

    /// Python's ==: the same numbers (range(0) == range(2, 2)).
    func equals(_ other: RangeObject) -> Bool {
        count == other.count && (count == 0 || (start == other.start && (count == 1 || step == other.step)))
    }

    override func member(_ name: String) -> Value? {
        switch name {
        case "start": return .int(start)
        case "stop": return .int(stop)
        case "step": return .int(step)
        case "index":
            return .builtin(Builtin("index") { [self] _, a in
                guard a.positional.count == 1 else { throw LanguageFailure("range.index() takes exactly one argument (\(a.positional.count) given)", as: .typeError) }
                let v = a.positional[0]
                guard contains(v), let n = v.asDouble.flatMap({ Int(exactly: $0) }) else { throw LanguageFailure("\(v.repr) is not in range", as: .valueError) }
                return .int((n - start) / step)
            })
        case "count":
            return .builtin(Builtin("count") { [self] _, a in
                guard a.positional.count == 1 else { throw LanguageFailure("range.count() takes exactly one argument (\(a.positional.count) given)", as: .typeError) }
                return .int(contains(a.positional[0]) ? 1 : 0)
            })
        default: return nil
        }
    }
}

extension Interpreter {
    /// range(stop) or range(start, stop[, step])
    var rangeConstructor: Value {
        Self.builtin(Signature("range", [("start", nil), ("stop", Value.none), ("step", .int(1))])) { _, bound in
            // ints, bools and 0-d integer tensors (__index__), as Python's range takes them (a float is its TypeError)
            func integer(_ name: String) throws -> Int {
                let v = bound[name]
                if case .tensor = v {
                    if let i = v.indexValue { return i }
                    throw LanguageFailure("only integer tensors of a single element can be converted to an index", as: .typeError)
                }
                guard v.typeName == "int" || v.typeName == "bool", let i = v.asInt else {
                    throw LanguageFailure("'\(v.typeName)' object cannot be interpreted as an integer", fix: "range() takes ints: int(x) or round(x)", as: .typeError)
                }
                return i
            }
            var start = try integer("start"), stop = start
            if bound["stop"].isNone { start = 0 } else { stop = try integer("stop") }
            return .object(try RangeObject(start: start, stop: stop, step: try integer("step")))
        }
    }
}
