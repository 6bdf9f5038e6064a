import Foundation
import InceptionRuntime

/// Arithmetic, comparison and indexing, with Python's rules: `/` gives a float, `//` and
/// `%` floor, ints never silently overflow, and tensors combine element-wise.
extension Interpreter {
    func unary(_ op: UnaryOperator, _ v: Value) throws -> Value {
        switch (op, v) {
        case (.plus, .tensor(let t)) where TensorKinds.shared.dtype(t) == .bool:
            throw LanguageFailure("The `+` operator, on a bool tensor is not supported.", as: .notImplementedError)
        case (.plus, .int), (.plus, .float), (.plus, .tensor): return v
        case (.minus, .int(let i)): return .int(try IntegerOverflow.negate(i))
        case (.minus, .float(let f)): return .float(-f)
        case (.minus, .bool(let b)): return .int(b ? -1 : 0)
        case (.invert, .int(let i)): return .int(~i)
        case (.invert, .bool(let b)): return .int(~(b ? 1 : 0))
        case (.invert, .tensor(let t)):
            switch TensorKinds.shared.dtype(t) {
            case .bool: return .tensor(TensorOps.map(t, .bool) { $0 == 0 ? 1 : 0 })
            case .int64, .int32: return .tensor(TensorOps.map(t, TensorKinds.shared.dtype(t)) { Float(~Int($0)) })
            case .float32: throw LanguageFailure("~ (operator.invert) is only implemented on integer and Boolean-type tensors",
                                                 fix: "~ inverts a mask: make one with a comparison, e.g. ~(x > 0)", as: .typeError)
            }
        case (.minus, .tensor(let t)):
            if TensorKinds.shared.dtype(t) == .bool {
                throw LanguageFailure("Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.", as: .notImplementedError)
            }
            return .tensor(TensorOpsGrad.unary(t, TensorOps.map(t) { -$0 }, "neg") { _, _ in -1 })
        // +c keeps a Counter's positive counts, -c its negative ones negated (Counter() + c, Counter() - c)
        case (.plus, .dict(let c)) where c.kind == .counter: return try counterArithmetic("+", c, DictStorage(kind: .counter))
        case (.minus, .dict(let c)) where c.kind == .counter: return try counterArithmetic("-", DictStorage(kind: .counter), c)
        default:
            if let result = try dunderUnary(op, v) { return result }
            throw LanguageFailure("bad operand type for unary \(op.rawValue): '\(v.typeName)'", as: .typeError)
        }
    }

    func binary(_ op: BinaryOperator, _ a: Value, _ b: Value) throws -> Value {
        if isNumber(a), isNumber(b), let x = a.asDouble, let y = b.asDouble {
            if isFloat(a) || isFloat(b) { return try floatArithmetic(op, x, y) }
            return try integerArithmetic(op, a.asInt!, b.asInt!)
        }
        // `[0] * n`, `"ab" * n` with a 0-d integer tensor n (Tensor.__index__)
        if op == .multiply, case .tensor = b, let n = b.indexValue {
            switch a { case .list, .tuple, .string, .size: return try binary(op, a, .int(n)); default: break }
        }
        if op == .subtract, let v = try dictViewSetOperator("-", a, b) { return v }     // keys() - other
        switch (op, a, b) {
        case (.add, .string(let x), .string(let y)): return .string(x + y)
        case (.multiply, .string(let s), .int(let n)), (.multiply, .int(let n), .string(let s)):
            return .string(String(repeating: s, count: try IntegerOverflow.repeatCount(n, items: s.utf8.count, itemBytes: 1, what: "a string")))
        case (.add, .tuple(let x), .tuple(let y)): return .tuple(x + y)
        // torch.Size joins with a Size or a tuple of ints into a torch.Size (x.shape[:-1] + (h, d))
        case (.add, .size(let x), .size(let y)): return .size(x + y)
        case (.add, .size(let x), .tuple(let ys)) where Self.plainInts(ys) != nil: return .size(x + Self.plainInts(ys)!)
        case (.add, .tuple(let xs), .size(let y)) where Self.plainInts(xs) != nil: return .size(Self.plainInts(xs)! + y)
        case (.multiply, .size(let x), .int(let n)), (.multiply, .int(let n), .size(let x)):
            let count = try IntegerOverflow.repeatCount(n, items: x.count, itemBytes: MemoryLayout<Int>.stride, what: "a torch.Size")
            return .size(Array(repeating: x, count: count).flatMap { $0 })
        case (.add, .list(let x), .list(let y)): return .list(ListStorage(x.items + y.items))
        case (.subtract, .set(let x), .set(let y)): return try Self.setOperator("-", x, y)
        case (.add, .dict(let x), .dict(let y)) where x.kind == .counter && y.kind == .counter: return try counterArithmetic("+", x, y)
        case (.subtract, .dict(let x), .dict(let y)) where x.kind == .counter && y.kind == .counter: return try counterArithmetic("-", x, y)
        case (.multiply, .tuple(let xs), .int(let n)), (.multiply, .int(let n), .tuple(let xs)):
            let count = try IntegerOverflow.repeatCount(n, items: xs.count, itemBytes: MemoryLayout<Value>.stride, what: "a tuple")
            return .tuple(Array(repeating: xs, count: count).flatMap { $0 })
        case (.multiply, .list(let l), .int(let n)), (.multiply, .int(let n), .list(let l)):
            let count = try IntegerOverflow.repeatCount(n, items: l.items.count, itemBytes: MemoryLayout<Value>.stride, what: "a list")
            return .list(ListStorage(Array(repeating: l.items, count: count).flatMap { $0 }))
        case (.remainder, .string(let format), _):
            return .string(try percentFormat(format, b))
        case (_, .tensor(let x), .tensor(let y)):
            let z = try TensorOps.binary(op, x, y)
            if op == .power { z.gradNode?.displayName = "PowBackward1" }     // pow(Tensor, Tensor)
            return .tensor(z)
        case (.matmul, .tensor, _) where isNumber(b), (.matmul, _, .tensor) where isNumber(a):
            throw Self.unsupportedOperands(op, a, b)             // a number is no matrix (Python's TypeError)
        case (_, .tensor(let x), _) where isNumber(b):
            if op == .power { try Self.checkIntegerPower(x, b) }
            return .tensor(try TensorOps.binary(op, x, TensorOps.scalarTensor(b, beside: x)!))
        case (_, _, .tensor(let y)) where isNumber(a):
            // a number on the left: PyTorch's rsub, pow(Scalar, Tensor) and (for division) y.reciprocal() · a
            let z = try TensorOps.binary(op, TensorOps.scalarTensor(a, beside: y)!, y)
            if let name = Self.numberOnTheLeftNames[op] { z.gradNode?.displayName = name }
            return .tensor(z)
        default:
            if let v = try dunderOperator(op.rawValue, a, b) { return v }
            if op == .add, let v = try datasetSum(a, b) { return v }
            throw Self.unsupportedOperands(op, a, b)
        }
    }

    /// The values of a tuple of ints (not bools), or nil.
    static func plainInts(_ items: [Value]) -> [Int]? {
        let ints = items.compactMap { v -> Int? in if case .int(let n) = v { return n } else { return nil } }
        return ints.count == items.count ? ints : nil
    }

    /// Python's TypeError for operands an arithmetic operator does not take: a str or list on
    /// the left says what it concatenates, a sequence times a non-int what it repeats by.
    static func unsupportedOperands(_ op: BinaryOperator, _ a: Value, _ b: Value) -> LanguageFailure {
        let fix = a.typeName == "torch.Size" || b.typeName == "torch.Size" ? "index the shape first, e.g. x.shape[1]" : nil
        switch (op, a) {
        case (.add, .size):
            return LanguageFailure("can only concatenate tuple (not \(b.typeName)) to torch.Size", fix: fix, as: .typeError)
        case (.add, .string), (.add, .list), (.add, .tuple):
            return LanguageFailure("can only concatenate \(a.typeName) (not \"\(b.typeName)\") to \(a.typeName)",
                                   fix: a.typeName == "str" ? "convert it first: str(x), or write an f-string" : fix, as: .typeError)
        case (.multiply, .string), (.multiply, .list), (.multiply, .tuple):
            return LanguageFailure("can't multiply sequence by non-int of type '\(b.typeName)'", fix: fix, as: .typeError)
        default:
            let symbol = op == .power ? "** or pow()" : op.rawValue
            return LanguageFailure("unsupported operand type(s) for \(symbol): '\(a.typeName)' and '\(b.typeName)'", fix: fix, as: .typeError)
        }
    }

    /// a & b, a | b, a ^ b, a << b, a >> b: on bools a bool (shifts give an int), on ints (and
    /// an int with a bool) an int, on bool and int64 tensors element-wise (bool with bool stays
    /// bool, and is no shift); dict | dict merges, as Python and PyTorch do.
    func bitwise(_ op: BitwiseOperator, _ a: Value, _ b: Value) throws -> Value {
        switch (a, b) {
        case (.bool(let x), .bool(let y)) where op != .shiftLeft && op != .shiftRight:
            return .bool(try Self.integerBitwise(op, x ? 1 : 0, y ? 1 : 0) != 0)
        case (.int, .int), (.int, .bool), (.bool, .int), (.bool, .bool): return .int(try Self.integerBitwise(op, a.asInt!, b.asInt!))
        case (.set(let x), .set(let y)) where op != .shiftLeft && op != .shiftRight:
            return try Self.setOperator(op.rawValue, x, y)
        case (.dict(let x), .dict(let y)) where x.kind == .counter && y.kind == .counter && (op == .or || op == .and):
            return try counterArithmetic(op.rawValue, x, y)
        case (.dict(let x), .dict(let y)) where op == .or:
            let merged = DictStorage(copying: x)
            for (k, v) in y.entries { merged.set(k, v) }
            return .dict(merged)
        default: break
        }
        if op != .shiftLeft, op != .shiftRight, let v = try dictViewSetOperator(op.rawValue, a, b) { return v }     // keys() & other
        let name = ["&": "bitwise_and", "|": "bitwise_or", "^": "bitwise_xor", "<<": "lshift", ">>": "rshift"][op.rawValue]!
        guard a.asTensor != nil || b.asTensor != nil,
              let x = a.asTensor ?? Self.scalarTensor(a), let y = b.asTensor ?? Self.scalarTensor(b) else {
            if let v = try dunderOperator(op.rawValue, a, b) { return v }
            throw LanguageFailure("unsupported operand type(s) for \(op.rawValue): '\(a.typeName)' and '\(b.typeName)'", as: .typeError)
        }
        let (dx, dy) = (TensorKinds.shared.dtype(x), TensorKinds.shared.dtype(y))
        let shape = try TensorOps.broadcastShape(x.shape, y.shape)          // (PyTorch checks the shapes first)
        guard dx != .float32, dy != .float32 else {
            let shift = op == .shiftLeft || op == .shiftRight
            throw LanguageFailure("\"\(name)_cpu\" not implemented for 'Float'",
                                  fix: shift ? "shift int tensors; scale a float tensor with x * 2 ** n" : "combine masks (bool tensors from comparisons): (x > 0) \(op.rawValue) (x < 1)",
                                  as: .notImplementedError)
        }
        // a Python number takes the tensor's dtype (an int next to a mask makes int64); PyTorch has no bool shift
        let dtype = a.asTensor == nil ? TensorOps.promote(tensor: dy, scalar: a)
                  : b.asTensor == nil ? TensorOps.promote(tensor: dx, scalar: b) : TensorOps.promote(dx, dy)
        if dtype == .bool && (op == .shiftLeft || op == .shiftRight) {
            throw LanguageFailure("\"\(name)_cpu\" not implemented for 'Bool'", fix: "shift int tensors: x.long() \(op.rawValue) n", as: .notImplementedError)
        }
        if x.isMeta || y.isMeta { return .tensor(TensorKinds.shared.setDType(Tensor(meta: shape), dtype)) }
        let (ex, ey) = (TensorOps.expand(x, to: shape), TensorOps.expand(y, to: shape))
        return .tensor(TensorOps.make(shape, dtype) { p in
            for i in 0..<shape.reduce(1, *) { p[i] = Float(Self.wrappingBitwise(op, Int(ex[i]), Int(ey[i]))) }
        })
    }

    /// Python's int operators: a shift by a negative count is an error, a left shift that leaves
    /// the 64-bit range too (Python's ints would grow), a right shift floors.
    static func integerBitwise(_ op: BitwiseOperator, _ x: Int, _ y: Int) throws -> Int {
        switch op {
        case .shiftLeft, .shiftRight:
            guard y >= 0 else { throw LanguageFailure("negative shift count", as: .valueError) }
            if op == .shiftRight { return y >= 64 ? (x < 0 ? -1 : 0) : x >> y }
            guard x == 0 || (y < 63 && (x << y) >> y == x) else { throw LanguageFailure("the integer result of \(x) << \(y) is too large") }
            return x << y
        default: return wrappingBitwise(op, x, y)
        }
    }

    /// The element-wise form (an int64 tensor's): shifts of 64 or more give 0 (−1 for a negative value shifted right).
    static func wrappingBitwise(_ op: BitwiseOperator, _ x: Int, _ y: Int) -> Int {
        switch op {
        case .and: return x & y
        case .or: return x | y
        case .xor: return x ^ y
        case .shiftLeft: return y < 0 || y >= 64 ? 0 : x << y
        case .shiftRight: return y < 0 || y >= 64 ? (x < 0 ? -1 : 0) : x >> y
        }
    }

    private func isFloat(_ v: Value) -> Bool { if case .float = v { return true } else { return false } }

    func integerArithmetic(_ op: BinaryOperator, _ x: Int, _ y: Int) throws -> Value {
        func checked(_ r: (partialValue: Int, overflow: Bool)) throws -> Value {
            guard !r.overflow else { throw IntegerOverflow.tooLarge("the integer result of \(x) \(op.rawValue) \(y) is too large") }
            return .int(r.partialValue)
        }
        switch op {
        case .add: return try checked(x.addingReportingOverflow(y))
        case .subtract: return try checked(x.subtractingReportingOverflow(y))
        case .multiply: return try checked(x.multipliedReportingOverflow(by: y))
        case .divide:
            guard y != 0 else { throw LanguageFailure("division by zero", as: .zeroDivisionError) }
            return .float(Double(x) / Double(y))
        case .floorDivide:
            guard y != 0 else { throw LanguageFailure("integer division or modulo by zero", as: .zeroDivisionError) }
            guard !(x == .min && y == -1) else { throw IntegerOverflow.failure("\(x) // -1") }
            let q = x / y
            return .int((x % y != 0 && (x < 0) != (y < 0)) ? q - 1 : q)
        case .remainder:
            guard y != 0 else { throw LanguageFailure("integer modulo by zero", as: .zeroDivisionError) }
            if y == -1 { return .int(0) }           // x % -1 is 0; Swift traps on -2^63 % -1
            let r = x % y
            return .int(r != 0 && (r < 0) != (y < 0) ? r + y : r)
        case .power:
            if y < 0 { return .float(try PythonFloat.power(Double(x), Double(y))) }
            return .int(try IntegerOverflow.power(x, y))
        case .matmul: throw LanguageFailure("'@' needs tensors, got int and int")
        }
    }

    func floatArithmetic(_ op: BinaryOperator, _ x: Double, _ y: Double) throws -> Value {
        switch op {
        case .add: return .float(x + y)
        case .subtract: return .float(x - y)
        case .multiply: return .float(x * y)
        case .divide:
            guard y != 0 else { throw LanguageFailure("float division by zero", as: .zeroDivisionError) }
            return .float(x / y)
        case .floorDivide:
            guard y != 0 else { throw LanguageFailure("float floor division by zero", as: .zeroDivisionError) }
            return .float(PythonFloat.divmod(x, y).quotient)
        case .remainder:
            guard y != 0 else { throw LanguageFailure("float modulo", as: .zeroDivisionError) }
            return .float(PythonFloat.divmod(x, y).remainder)
        case .power: return .float(try PythonFloat.power(x, y))
        case .matmul: throw LanguageFailure("'@' needs tensors, got numbers")
        }
    }

    /// `t > 0`, `a == b` with a tensor on either side: an element-wise bool tensor, as in PyTorch.
    func tensorComparison(_ op: CompareOperator, _ a: Value, _ b: Value) throws -> Value? {
        guard a.asTensor != nil || b.asTensor != nil else { return nil }
        switch op {
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual:
            guard let x = a.asTensor ?? Self.scalarTensor(a), let y = b.asTensor ?? Self.scalarTensor(b) else {
                if op == .equal || op == .notEqual { return .bool(op == .notEqual) }
                throw LanguageFailure("'\(op.rawValue)' not supported between instances of '\(a.typeName)' and '\(b.typeName)'")
            }
            return .tensor(try TensorOps.compare(op, x, y))
        case .contains, .notContains:
            guard case .tensor(let t) = b else { return nil }
            let x = try operand(a, "in")
            let found = try TensorOps.reduce(try TensorOps.compare(.equal, t, x), .any, dims: nil, keepdim: false)
            let hit = withExtendedLifetime(found) { found.data[0] != 0 }
            return .bool(hit == (op == .contains))
        default: return nil
        }
    }

    func compare(_ op: CompareOperator, _ a: Value, _ b: Value) throws -> Bool {
        if let answer = try dunderComparison(op, a, b) { return answer }
        switch op {
        case .equal, .notEqual:
            if case .tensor = a, case .tensor = b {
                throw LanguageFailure("'==' on tensors is ambiguous here", fix: "compare values with allclose(a, b), shapes with a.shape == b.shape")
            }
            return try checkedValuesEqual(a, b) == (op == .equal)
        case .isSame, .isNotSame:
            let same: Bool
            switch (a, b) {
            case (.none, .none): same = true
            case (.none, _), (_, .none): same = false
            // identity, not the items (a DataLoader's would draw an epoch); a dtype or device token is its one value
            case (.object(let x), .object(let y)) where !(x is TorchToken && y is TorchToken): same = x === y
            // lists, dicts and sets are objects of their own: [] is [] is False, a.copy() is not a
            case (.list(let x), .list(let y)): same = x === y
            case (.dict(let x), .dict(let y)): same = x === y
            case (.set(let x), .set(let y)): same = x === y
            default: same = valuesEqual(a, b)
            }
            return same == (op == .isSame)
        case .contains, .notContains:
            // a class's own __contains__ (or its items) before a module's child names
            if case .module(let m) = b, instance(of: m) != nil, let hit = try dunderContains(b, a) { return hit == (op == .contains) }
            let found: Bool
            switch b {
            case .string(let s):
                guard case .string(let sub) = a else { throw LanguageFailure("'in <string>' requires string as left operand, not \(a.typeName)", as: .typeError) }
                found = sub.isEmpty || s.contains(sub)     // "" is in every string, as in Python
            case .dict(let d): found = try d.index(of: a) != nil || PythonHash.requireHashable(a)
            case .set(let s): found = try s.contains(a)
            case .object(let r as RangeObject): found = r.contains(a)
            case .module(let m):
                guard case .string(let name) = a else { throw LanguageFailure("'in <module>' needs a child name") }
                found = m.child(name) != nil || (m.typeName == "ParameterDict" && m.parameters.contains { $0.name == name })
            case .list(let l) where l.isIterator:
                // x in it takes items up to the one found, as Python's does
                var hit = false
                while !hit, let item = try l.takeNext() { hit = try checkedValuesEqual(item, a) }
                found = hit
            default:
                guard let items = b.sequenceItems() else { throw LanguageFailure("argument of type '\(b.typeName)' is not iterable", as: .typeError) }
                found = try items.contains { try checkedValuesEqual($0, a) }
            }
            return found == (op == .contains)
        case .less, .lessEqual, .greater, .greaterEqual:
            if case .set(let x) = a, case .set(let y) = b { return try Self.setOrder(op, x, y) }
            // a class instance is ordered only by the method of this operator (or its reflection),
            // asked above: a class with only __lt__ cannot be compared with <=, as in Python
            if a.asModule != nil || b.asModule != nil {
                throw LanguageFailure("'\(op.rawValue)' not supported between instances of '\(a.typeName)' and '\(b.typeName)'", as: .typeError)
            }
            return try orderedComparison(op, a, b)
        }
    }

    /// a < b (<=, >, >=) as Python decides it: numbers exactly (a NaN makes every one False), a
    /// list or tuple by its first unequal items (that pair decides, with the same operator), then
    /// by length; everything else by `ordering`.
    func orderedComparison(_ op: CompareOperator, _ a: Value, _ b: Value) throws -> Bool {
        func holds(_ order: Int) -> Bool {
            switch op {
            case .less: return order < 0
            case .lessEqual: return order <= 0
            case .greater: return order > 0
            default: return order >= 0
            }
        }
        if isNumber(a), isNumber(b) { return numericOrder(a, b).map(holds) ?? false }
        if Self.orderableSequences(a, b), let xs = a.sequenceItems(), let ys = b.sequenceItems() {
            guard StackGuard.hasRoom() else { throw LanguageFailure("maximum depth exceeded while ordering: the values nest too deeply (a list that contains itself?)") }
            for (x, y) in zip(xs, ys) where !(try checkedValuesEqual(x, y)) { return try compare(op, x, y) }
            return holds(xs.count < ys.count ? -1 : xs.count > ys.count ? 1 : 0)
        }
        return holds(try ordering(a, b, op.rawValue))
    }

    /// Whether a and b are sequences Python orders item by item: a list with a list, a deque with
    /// a deque, a tuple (or torch.Size, a namedtuple) with a tuple; not dicts, sets or ranges.
    static func orderableSequences(_ a: Value, _ b: Value) -> Bool {
        func kind(_ v: Value) -> String? {
            switch v {
            case .tuple, .size, .object(is NamedTuple): return "tuple"
            case .list(let l) where l.view == nil: return "list"
            case .object(let o) where o.typeName == "deque": return "deque"
            default: return nil
            }
        }
        guard let x = kind(a) else { return false }
        return x == kind(b)
    }

    /// What a class of the program says of `a op b` (__eq__, __ne__, __lt__, __le__, __gt__,
    /// __ge__), asking b's reflected method when a has none (a < b as b > a), and != as not
    /// __eq__; nil when neither side defines one.
    func dunderComparison(_ op: CompareOperator, _ a: Value, _ b: Value) throws -> Bool? {
        guard a.asModule != nil || b.asModule != nil, let (own, reflected) = Self.comparisonMethodNames[op] else { return nil }
        if let answer = try comparisonMethod(a, own, b) ?? comparisonMethod(b, reflected, a) { return answer }
        if op == .notEqual, let equal = try comparisonMethod(a, "__eq__", b) ?? comparisonMethod(b, "__eq__", a) { return !equal }
        return nil
    }

    static let comparisonMethodNames: [CompareOperator: (own: String, reflected: String)] = [
        .equal: ("__eq__", "__eq__"), .notEqual: ("__ne__", "__ne__"), .less: ("__lt__", "__gt__"),
        .lessEqual: ("__le__", "__ge__"), .greater: ("__gt__", "__lt__"), .greaterEqual: ("__ge__", "__le__"),
    ]
    /// A number on the left of a tensor: PyTorch's rsub, pow(Scalar, Tensor) and (for division) y.reciprocal() · a.
    /// An integer tensor to a negative Python int: PyTorch refuses (its 0-d tensor exponents it computes).
    static func checkIntegerPower(_ x: Tensor, _ exponent: Value) throws {
        if TensorOps.dtype(x).isIntegral || TensorOps.dtype(x) == .bool, case .int(let n) = exponent, n < 0 {
            throw LanguageFailure("Integers to negative integer powers are not allowed.")
        }
    }

    static let numberOnTheLeftNames: [BinaryOperator: String] = [.subtract: "RsubBackward1", .power: "PowBackward2", .divide: "MulBackward0"]

    /// nil when the class defines no such method or its method returns NotImplemented.
    private func comparisonMethod(_ object: Value, _ name: String, _ other: Value) throws -> Bool? {
        guard let method = try dunder(object, name) else { return nil }
        let answer = try callBack(method, Arguments([other]))
        return answer.isNotImplemented ? nil : try answer.isTruthy()
    }

    /// -1, 0 or 1; numbers by value, strings and sequences lexicographically. `symbol` is the
    /// comparison asked for, named when the two cannot be ordered (sorted, min and max ask '<').
    func ordering(_ a: Value, _ b: Value, _ symbol: String = "<") throws -> Int {
        if case .module = a, let less = try dunderComparison(.less, a, b) {       // a class with __lt__ (sorted, min, max)
            return less ? -1 : try dunderComparison(.less, b, a) == true ? 1 : 0
        }
        if case .object(let x as ComparisonKey) = a, case .object(let y as ComparisonKey) = b { return try comparisonKeyOrder(x, y) }
        guard StackGuard.hasRoom() else { throw LanguageFailure("maximum depth exceeded while ordering: the values nest too deeply (a list that contains itself?)") }
        if isNumber(a), isNumber(b) { return numericOrder(a, b) ?? 0 }
        // max(t) over a 1-D tensor compares 0-d tensors (or a tensor with a number) by value.
        if let x = a.asTensor ?? Self.scalarTensor(a), let y = b.asTensor ?? Self.scalarTensor(b), x.count == 1, y.count == 1, !x.isMeta, !y.isMeta {
            return x.data[0] < y.data[0] ? -1 : x.data[0] > y.data[0] ? 1 : 0
        }
        if a.asTensor != nil || b.asTensor != nil {
            throw LanguageFailure("Boolean value of Tensor with more than one value is ambiguous",
                                  fix: "compare single values (x.item()), or reduce first: (a > b).all()")
        }
        if case .string(let x) = a, case .string(let y) = b { return x < y ? -1 : x > y ? 1 : 0 }
        // a list orders only with a list, a tuple with a tuple ([1] < (2,) is a TypeError)
        if Self.orderableSequences(a, b), let xs = a.sequenceItems(), let ys = b.sequenceItems() {
            for (x, y) in zip(xs, ys) {
                let o = try ordering(x, y, symbol)
                if o != 0 { return o }
            }
            return xs.count < ys.count ? -1 : xs.count > ys.count ? 1 : 0
        }
        throw LanguageFailure("'\(symbol)' not supported between instances of '\(a.typeName)' and '\(b.typeName)'", as: .typeError)
    }

    // MARK: indexing

    /// A sequence's index as Python reads it: a 0-d integer tensor as its int (Tensor.__index__),
    /// an instance of a class with __index__ as the int that gives.
    func indexOperand(_ given: Value) throws -> Value {
        if case .module = given, let method = try dunder(given, "__index__") { return try callBack(method, Arguments()) }
        return given.indexNormalized
    }

    func getItem(_ object: Value, _ given: Value) throws -> Value {
        // a 0-d integer tensor indexes a Python sequence as its int (Tensor.__index__)
        var index: Value
        switch object {
        case .tuple, .list, .size, .string: index = try indexOperand(given)
        case .object(let o) where o is RangeObject || o is NamedTuple: index = try indexOperand(given)
        default: index = given
        }
        if case .set = object { throw LanguageFailure("'\(object.typeName)' object is not subscriptable", as: .typeError) }
        if case .list(let l) = object, let view = l.view {
            throw LanguageFailure("'\(view)' object is not subscriptable", fix: "make it a list first: list(d.\(view.split(separator: "_").last!)())[i]")
        }
        if case .object(let r as RangeObject) = object {
            if case .object(let s as SliceObject) = index { return .object(try r.sliced(s)) }
            guard let i = index.asInt else { throw LanguageFailure("range indices must be integers or slices, not \(index.typeName)", as: .typeError) }
            return try r.item(i)
        }
        if case .object(let s as SliceObject) = index, object.asTensor == nil, object.asModule == nil {
            return try slice(object, s.start.map(Value.int), s.stop.map(Value.int), s.step.map(Value.int))
        }
        if case .object(let dataset as BatchSource) = object, case .int(let i) = index { return try dataset.item(i) }
        if let method = try dunder(object, "__getitem__") { return try callBack(method, Arguments([index])) }
        if case .object(let o) = object, let items = o.items { return try getItem(.tuple(items), index) }
        if case .object(let form as TypingForm) = object { return .object(form) }      // Optional[Tensor] in an annotation
        switch object {
        case .tuple, .list, .size, .string:
            let items = object.sequenceItems()!
            // Python's words: "list index out of range", "string indices must be integers, not 'float'" (torch.Size is a tuple)
            let kind = object.typeName == "str" ? "string" : object.typeName == "list" ? "list" : "tuple"
            guard let i = index.asInt else {        // an int or a bool (True is 1)
                throw LanguageFailure(kind == "string" ? "string indices must be integers, not '\(index.typeName)'" : "\(kind) indices must be integers or slices, not \(index.typeName)",
                                      as: .typeError)
            }
            let j = i < 0 ? items.count + i : i
            guard items.indices.contains(j) else {
                throw LanguageFailure("\(kind) index out of range",
                                      fix: items.isEmpty ? "the \(object.typeName) is empty" : "index \(i) of a \(object.typeName) of length \(items.count): valid indices are 0…\(items.count - 1) (or -\(items.count)…-1 from the end)",
                                      as: .indexError)
            }
            return items[j]
        case .dict(let d):
            guard let v = d[index] else { return try missingKey(d, index) }
            return v
        case .tensor(let t):
            return .tensor(try TensorOps.getItem(t, try tensorIndex(index, rank: t.rank)))
        case .module(let m):
            if let item = try Self.parameterContainerItem(m, index) { return item }
            switch index {
            case .int(let i):
                if m.isModuleDict { throw LanguageFailure.keyError(index, fix: "a ModuleDict is indexed by its keys: \(m.children.map { "'\($0.name)'" }.joined(separator: ", "))") }
                let j = i < 0 ? m.children.count + i : i
                guard m.children.indices.contains(j) else {
                    throw LanguageFailure("index \(i) is out of range", fix: "\(m.typeName) has \(m.children.count) layers, numbered 0 to \(m.children.count - 1)", as: .indexError)
                }
                return .module(m.children[j].module)
            case .object(let s as SliceObject):
                guard m.isNumberedContainer else { throw LanguageFailure("a \(m.typeName) cannot be sliced") }
                // PyTorch slices a subclass by calling its class with the slice's layers, which its own __init__ may not take
                if m.typeName != m.containerKind {
                    throw LanguageFailure("slicing a \(m.containerKind) subclass (\(m.typeName)) is not supported here",
                                          fix: "index its layers one by one, or build nn.\(m.containerKind)(*list(block)[a:b])")
                }
                let picked = try slice(.list(ListStorage(m.children.indices.map { .int($0) })), s.start.map(Value.int), s.stop.map(Value.int), s.step.map(Value.int))
                let children = picked.sequenceItems()!.compactMap(\.asInt).map { m.children[$0] }
                // a Sequential keeps its children's names (PyTorch slices its OrderedDict); a ModuleList numbers them anew
                let out: Module
                if m is Sequential {
                    out = Sequential([])
                    for (name, child) in children { _ = out.register(name, child) }
                } else {
                    out = Self.moduleList(children.map(\.module))
                }
                out.setTraining(m.training)
                return .module(out)
            case .string(let name) where m.isModuleDict:
                guard let c = m.child(name) else {
                    throw LanguageFailure.keyError(index, fix: closestName(to: name, among: m.children.map(\.name)).map { "did you mean '\($0)'?" })
                }
                return .module(c)
            case .string(let name):
                guard let c = m.module(at: name) else { throw LanguageFailure("\(m.typeName) has no layer '\(name)'") }
                return .module(c)
            default: throw LanguageFailure("a module is indexed by position or name, got \(index.typeName)")
            }
        default:
            throw LanguageFailure("'\(object.typeName)' object is not subscriptable", as: .typeError)
        }
    }

    /// An index value as PyTorch reads it: ints, slices, None, `...`, lists and tensors of ints, masks.
    /// Given the indexed tensor's rank, first PyTorch's count of the dims the index names.
    func tensorIndex(_ index: Value, rank: Int? = nil) throws -> [TensorOps.IndexItem] {
        let parts: [Value]
        if case .tuple(let xs) = index { parts = xs }
        else if case .list(let l) = index, l.items.count < 32, l.items.contains(where: Self.makesListATuple) {
            parts = l.items        // PyTorch (as NumPy once did) reads x[[a, b]] with a list or slice inside as x[a, b]
        } else { parts = [index] }
        if let rank { try Self.checkIndexCount(index, parts, rank: rank) }
        return try parts.map { v in
            switch v {
            case .int(let i): return .at(i)
            case .bool(let b):      // as the 0-d mask torch.tensor(b): a new dim of size 1 (True) or 0 (False)
                return .mask(TensorKinds.shared.setDType(Tensor(repeating: b ? 1 : 0, shape: []), .bool))
            case .none: return .newAxis
            case .object(let o as SliceObject): return .range(o.start, o.stop, o.step)
            case .object(let o) where o.typeName == "ellipsis": return .ellipsis
            case .tensor(let t):
                switch TensorKinds.shared.dtype(t) {
                case .bool: return .mask(t)
                case .int64, .int32:
                    if t.rank == 0 { return .at(Int(t.data[0])) }
                    return .list((0..<t.count).map { Int(t.data[$0]) }, shape: t.shape)
                case .float32:
                    throw LanguageFailure("tensors used as indices must be long, int, byte or bool tensors", fix: "convert with .long()", as: .indexError)
                }
            case .list:
                let (values, shape) = try Self.indexList(v)
                if Self.holdsBoolsOnly(v) {      // torch.tensor of it is a bool tensor: a mask
                    let mask = try Tensor(shape: shape, values: values.map(Float.init))
                    return .mask(TensorKinds.shared.setDType(mask, .bool))
                }
                return .list(values, shape: shape)
            case .object(let r as RangeObject):
                return .list((0..<r.count).map(r.number), shape: [r.count])
            case .string:      // PyTorch reads a string as a sequence of indices and cannot make a tensor of it
                throw LanguageFailure("new(): invalid data type 'str'", as: .typeError)
            default:
                throw LanguageFailure("only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables are valid indices (got \(v.typeName))",
                                      fix: "index with ints (int(i)), slices, or a long or bool tensor", as: .indexError)
            }
        }
    }

    /// PyTorch's first check of an index (count_specified_dimensions): a bool tensor names its
    /// rank of dims, None, `...`, True and False none, anything else one; more than the tensor
    /// has is "too many indices", before any index is read (a float tensor among them too).
    /// A lone int or slice is left to the reading, which words it for a 0-d tensor.
    static func checkIndexCount(_ index: Value, _ parts: [Value], rank: Int) throws {
        switch index {
        case .int, .none, .bool: return
        case .object(let o) where o is SliceObject || o.typeName == "ellipsis": return
        default: break
        }
        let named = parts.reduce(0) { n, v in
            switch v {
            case .tensor(let t): return n + (TensorKinds.shared.dtype(t) == .bool ? t.rank : 1)
            case .none, .bool: return n
            case .object(let o) where o.typeName == "ellipsis": return n
            default: return n + 1
            }
        }
        guard named <= rank else { throw LanguageFailure("too many indices for tensor of dimension \(rank)", as: .indexError) }
    }

    /// Whether an item makes a short list used as the whole index stand for a tuple of indices.
    static func makesListATuple(_ item: Value) -> Bool {
        switch item {
        case .list, .tuple, .tensor, .none: return true
        case .object(let o): return o is SliceObject || o.typeName == "ellipsis"
        default: return false
        }
    }

    /// A (nested) list of ints used as an index, as PyTorch reads it: an int tensor of its shape
    /// (a bool among ints is 0 or 1, as torch.tensor([True, 2]) makes it).
    static func indexList(_ v: Value) throws -> (values: [Int], shape: [Int]) {
        if case .int(let n) = v { return ([n], []) }
        if case .bool(let b) = v { return ([b ? 1 : 0], []) }
        guard case .list(let l) = v else { throw LanguageFailure("a list used as an index must hold ints, got \(v.repr)") }
        let rows = try l.items.map(indexList)
        guard let first = rows.first else { return ([], [0]) }
        guard rows.allSatisfy({ $0.shape == first.shape }) else {
            throw LanguageFailure("a nested list used as an index must be rectangular, like a tensor", fix: "give every inner list the same length")
        }
        return (rows.flatMap(\.values), [rows.count] + first.shape)
    }

    /// Whether a (nested) non-empty list holds bools and nothing else (x[[True, False, True]]).
    static func holdsBoolsOnly(_ v: Value) -> Bool {
        switch v {
        case .bool: return true
        case .list(let l): return !l.items.isEmpty && l.items.allSatisfy(holdsBoolsOnly)
        default: return false
        }
    }

    /// xs[a:b:c] on tuples, lists, strings and torch.Size.
    func slice(_ object: Value, _ start: Value?, _ stop: Value?, _ step: Value?) throws -> Value {
        guard let items = object.sequenceItems(), object.typeName != "dict" else {
            throw LanguageFailure("a \(object.typeName) cannot be sliced")
        }
        func int(_ v: Value?) throws -> Int? {
            guard let v, !v.isNone else { return nil }
            guard let i = v.asInt else { throw LanguageFailure("slice bounds must be ints, got \(v.typeName)") }
            return i
        }
        let picked = try Self.sliceIndices(items.count, try int(start), try int(stop), try int(step)).map { items[$0] }
        switch object {
        case .tuple: return .tuple(picked)
        case .list: return .list(ListStorage(picked))
        case .size: return .size(picked.compactMap(\.asInt))
        case .string: return .string(picked.map(\.text).joined())
        default: return .tuple(picked)
        }
    }

    /// The indices `[start:stop:step]` picks from a sequence of n, as Python adjusts a slice.
    static func sliceIndices(_ n: Int, _ start: Int?, _ stop: Int?, _ step: Int?) throws -> [Int] {
        let b = try sliceBounds(n, start, stop, step)
        return (0..<b.count).map { b.from + $0 * b.step }
    }

    /// Python's slice.indices(n): the first index, the bound and the step a slice comes to on a
    /// sequence of n, and how many indices it picks.
    static func sliceBounds(_ n: Int, _ start: Int?, _ stop: Int?, _ step: Int?) throws -> (from: Int, to: Int, step: Int, count: Int) {
        let s = step ?? 1
        guard s != 0 else { throw LanguageFailure("slice step cannot be zero", as: .valueError) }
        func clamp(_ i: Int?, _ fallback: Int) -> Int {
            guard var i else { return fallback }
            if i < 0 { i += n }
            return s > 0 ? min(max(i, 0), n) : min(max(i, -1), n - 1)
        }
        let from = clamp(start, s > 0 ? 0 : n - 1), to = clamp(stop, s > 0 ? n : -1)
        // counted first, so a step near Int.max never steps past the range (x[::sys.maxsize])
        let count = s > 0 ? (from < to ? (to - from - 1) / s + 1 : 0)
                          : (from > to ? Int(UInt(from - to - 1) / s.magnitude) + 1 : 0)
        return (from, to, s, count)
    }
}
