import Foundation
import InceptionRuntime

/// The older small tensor helpers the builtins still use (reductions to Python numbers,
/// allclose, nested lists to tensors). Arithmetic, indexing and broadcasting are TensorOps'.
enum TensorMath {
    static func requireValues(_ t: Tensor, _ what: String) throws {
        if t.isMeta { throw LanguageFailure("\(what) needs values, but this \(formatShape(t.shape)) tensor is shape-only") }
    }

    // x: any shape → same shape
    static func map(_ t: Tensor, _ f: (Float) -> Float) throws -> Tensor {
        if t.isMeta { return Tensor(meta: t.shape) }
        let y = Tensor(zeros: t.shape)
        for i in 0..<t.count { y.data[i] = f(t.data[i]) }
        return y
    }

    static func sum(_ t: Tensor) throws -> Double {
        try requireValues(t, "sum()")
        var s = 0.0
        for i in 0..<t.count { s += Double(t.data[i]) }
        return s
    }

    static func extreme(_ t: Tensor, max: Bool) throws -> Double {
        try requireValues(t, max ? "max()" : "min()")
        guard t.count > 0 else { throw LanguageFailure("\(max ? "max" : "min")() of an empty tensor") }
        var best = t.data[0]
        for i in 1..<t.count { best = max ? Swift.max(best, t.data[i]) : Swift.min(best, t.data[i]) }
        return Double(best)
    }

    /// Index of the largest value along dim 1 of (N, K): one class per row.
    static func argmax(_ t: Tensor) throws -> Value {
        try requireValues(t, "argmax()")
        if t.rank == 1 || t.rank == 0 {
            var best = 0
            for i in 0..<t.count where t.data[i] > t.data[best] { best = i }
            return .int(best)
        }
        guard t.rank == 2 else { throw LanguageFailure("argmax(1) needs a (N, classes) tensor, got \(formatShape(t.shape))") }
        let (n, k) = (t.shape[0], t.shape[1])
        var out: [Value] = []
        for row in 0..<n {
            var best = 0
            for j in 0..<k where t.data[row * k + j] > t.data[row * k + best] { best = j }
            out.append(.int(best))
        }
        return .list(ListStorage(out))
    }

    /// Largest |a − b| over all elements; shapes must match.
    static func maxAbsDifference(_ a: Tensor, _ b: Tensor) throws -> Double {
        guard a.shape == b.shape else {
            throw LanguageFailure("cannot compare tensors of shapes \(formatShape(a.shape)) and \(formatShape(b.shape))")
        }
        try requireValues(a, "comparing"); try requireValues(b, "comparing")
        var worst = 0.0
        for i in 0..<a.count { worst = Swift.max(worst, Double(abs(a.data[i] - b.data[i]))) }
        return worst
    }

    /// torch.allclose: |a − b| ≤ atol + rtol·|b| everywhere.
    /// PyTorch's allclose: isclose(a, b).all() over the broadcast shape; equal values (±inf
    /// included) are close, NaN only with equal_nan; the dtypes must match.
    static func allClose(_ a: Tensor, _ b: Tensor, rtol: Double, atol: Double, equalNaN: Bool = false) throws -> Bool {
        let (da, db) = (TensorOps.dtype(a), TensorOps.dtype(b))
        guard da == db else { throw LanguageFailure("\(da.scalarName) did not match \(db.scalarName)") }
        let shape = try TensorOps.broadcastShape(a.shape, b.shape)
        try requireValues(a, "allclose"); try requireValues(b, "allclose")
        let (x, y) = (TensorOps.expand(a, to: shape), TensorOps.expand(b, to: shape))
        for (p, q) in zip(x, y) where p != q && !(equalNaN && p.isNaN && q.isNaN) {
            let error = Double(abs(p - q))      // ±inf against anything else is not close
            guard error.isFinite, error <= atol + rtol * Double(abs(q)) else { return false }
        }
        return true
    }

    /// PyTorch's limit on a tensor's dimensions; deeper nested lists are refused (and the
    /// recursive walks over them stay shallow).
    static let maxNestedDims = 64
    static let tooDeep = LanguageFailure("tensor(): the lists nest more than \(maxNestedDims) deep; a tensor has at most \(maxNestedDims) dimensions")

    /// Nested lists of numbers → a tensor: tensor([[1, 2], [3, 4]]) is 2×2. As PyTorch reads
    /// them: the shape follows the first item down, then every list must have its level's
    /// length (ValueError naming the dim), lists stop where the shape ends and numbers stand
    /// only there (TypeError); a string is refused as PyTorch refuses it.
    static func fromNested(_ v: Value) throws -> Tensor {
        var shape: [Int] = []
        var first = v
        if v.typeName == "dict" { throw LanguageFailure("Could not infer dtype of dict") }
        while let items = first.sequenceItems(), first.asTensor == nil, !isNumber(first) {
            if first.typeName == "str" {
                throw shape.isEmpty ? LanguageFailure("new(): invalid data type 'str'", as: .typeError)
                                    : LanguageFailure("too many dimensions 'str'", as: .valueError)
            }
            guard shape.count < maxNestedDims else { throw tooDeep }
            shape.append(items.count)
            guard let head = items.first else { break }
            first = head
        }
        let leafIsInteger: Bool = { if case .int = first { return true }; if case .bool = first { return true }; return false }()
        var values: [Float] = []
        func walk(_ v: Value, _ depth: Int) throws {
            // a one-element tensor in the lists counts as its number, as PyTorch reads it with item()
            if case .tensor(let t) = v {
                guard t.count == 1 else {
                    if TensorKinds.shared.dtype(t).isIntegral { throw LanguageFailure("only integer tensors of a single element can be converted to an index", as: .typeError) }
                    throw LanguageFailure("only one element tensors can be converted to Python scalars", as: .valueError)
                }
                guard !t.isMeta else { throw LanguageFailure("tensor(): a shape-only tensor has no values to copy") }
            }
            if depth == shape.count {
                guard isNumber(v) || v.asTensor != nil else {
                    if v.typeName == "str" { throw LanguageFailure("new(): invalid data type 'str'", as: .typeError) }
                    if v.isNone || v.sequenceItems() == nil { throw LanguageFailure("Could not infer dtype of \(v.typeName)") }
                    throw LanguageFailure(leafIsInteger ? "'\(v.typeName)' object cannot be interpreted as an integer" : "must be real number, not \(v.typeName)", as: .typeError)
                }
                // The first number fixes the shape: check its size before collecting the rest.
                if values.isEmpty { try MemoryBudget.check(shape: shape, what: "tensor()") }
                if case .int(let i) = v, Int(exactly: Float(i)) != i { IntegerRange.inexactIntegerRead = true }     // refused if the tensor is integral
                values.append(v.asTensor.map { t in withExtendedLifetime(t) { t.data[0] } } ?? Float(v.asDouble!))
                return
            }
            guard let items = v.sequenceItems(), v.asTensor == nil, !isNumber(v) else { throw LanguageFailure("not a sequence", as: .typeError) }
            guard items.count == shape[depth] else {
                throw LanguageFailure("expected sequence of length \(shape[depth]) at dim \(depth) (got \(items.count))", as: .valueError)
            }
            for item in items { try walk(item, depth + 1) }
        }
        // no values to hold (a size 0 along the first items' path: [[], [1]]): PyTorch stores none and
        // reads no further, so the other lists' lengths are never checked
        if shape.contains(0) { try MemoryBudget.check(shape: shape, what: "tensor()"); return Tensor(zeros: shape) }
        try walk(v, 0)
        return try Tensor(shape: shape, values: values)
    }
}

