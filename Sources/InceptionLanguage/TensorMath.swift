import Foundation
import InceptionRuntime

/// The small tensor operations a lesson uses around the network: element-wise arithmetic,
/// indexing, reductions and comparisons. The network's own layers run in the runtime.
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

    static func apply(_ op: BinaryOperator, _ a: Float, _ b: Float) -> Float {
        switch op {
        case .add: return a + b
        case .subtract: return a - b
        case .multiply: return a * b
        case .divide: return a / b
        case .power: return Float(Foundation.pow(Double(a), Double(b)))
        case .floorDivide: return (a / b).rounded(.down)
        case .remainder: let r = a.truncatingRemainder(dividingBy: b); return r != 0 && (r < 0) != (b < 0) ? r + b : r
        case .matmul: return .nan
        }
    }

    /// x ∘ y element-wise; shapes must match (or one side holds a single value).
    static func combine(_ op: BinaryOperator, _ x: Tensor, _ y: Tensor) throws -> Tensor {
        if op == .matmul { return try matmul(x, y) }
        if y.count == 1 && x.count != 1 && !y.isMeta { return try combine(op, x, scalar: y.data[0], scalarOnLeft: false) }
        if x.count == 1 && y.count != 1 && !x.isMeta { return try combine(op, y, scalar: x.data[0], scalarOnLeft: true) }
        guard x.shape == y.shape else {
            throw LanguageFailure("element-wise '\(op.rawValue)' needs equal shapes, got \(formatShape(x.shape)) and \(formatShape(y.shape))")
        }
        if x.isMeta || y.isMeta { return Tensor(meta: x.shape) }
        let out = Tensor(zeros: x.shape)
        for i in 0..<x.count { out.data[i] = apply(op, x.data[i], y.data[i]) }
        return out
    }

    static func combine(_ op: BinaryOperator, _ x: Tensor, scalar s: Float, scalarOnLeft: Bool) throws -> Tensor {
        if op == .matmul { throw LanguageFailure("'@' needs two tensors") }
        return try map(x) { scalarOnLeft ? apply(op, s, $0) : apply(op, $0, s) }
    }

    // a: (n, k) @ b: (k, m) → (n, m)
    static func matmul(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        guard a.rank == 2, b.rank == 2, a.shape[1] == b.shape[0] else {
            throw LanguageFailure("'@' multiplies (n, k) by (k, m), got \(formatShape(a.shape)) and \(formatShape(b.shape))")
        }
        let (n, k, m) = (a.shape[0], a.shape[1], b.shape[1])
        try MemoryBudget.check(shape: [n, m], what: "the result of '@'", meta: a.isMeta || b.isMeta)
        if a.isMeta || b.isMeta { return Tensor(meta: [n, m]) }
        let out = Tensor(zeros: [n, m])
        for i in 0..<n { for p in 0..<k { let v = a.data[i * k + p]; for j in 0..<m { out.data[i * m + j] += v * b.data[p * m + j] } } }
        return out
    }

    /// t[i], t[i, j], …: a sub-tensor, or a float when every dimension is indexed.
    static func index(_ t: Tensor, _ indices: [Int]) throws -> Value {
        guard indices.count <= t.rank else {
            throw LanguageFailure("too many indices (\(indices.count)) for a \(t.rank)-D tensor of shape \(formatShape(t.shape))")
        }
        var offset = 0
        for (d, i) in indices.enumerated() {
            let j = i < 0 ? t.shape[d] + i : i
            guard (0..<t.shape[d]).contains(j) else {
                throw LanguageFailure("index \(i) is out of range for dimension \(d) of size \(t.shape[d]) (shape \(formatShape(t.shape)))")
            }
            offset = offset * t.shape[d] + j
        }
        let rest = Array(t.shape[indices.count...])
        let inner = rest.reduce(1, *)
        offset *= inner
        if rest.isEmpty {
            try requireValues(t, "reading a value")
            return .float(Double(t.data[offset]))
        }
        if t.isMeta { return .tensor(Tensor(meta: rest)) }
        let out = Tensor(zeros: rest)
        out.data.update(from: t.data + offset, count: inner)
        return .tensor(out)
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
    static func allClose(_ a: Tensor, _ b: Tensor, rtol: Double, atol: Double) throws -> Bool {
        guard a.shape == b.shape else { return false }
        try requireValues(a, "allclose"); try requireValues(b, "allclose")
        for i in 0..<a.count where !(Double(abs(a.data[i] - b.data[i])) <= atol + rtol * Double(abs(b.data[i]))) { return false }
        return true
    }

    /// PyTorch's limit on a tensor's dimensions; deeper nested lists are refused (and the
    /// recursive walks over them stay shallow).
    static let maxNestedDims = 64
    static let tooDeep = LanguageFailure("tensor(): the lists nest more than \(maxNestedDims) deep; a tensor has at most \(maxNestedDims) dimensions")

    /// Nested lists of numbers → a tensor: tensor([[1, 2], [3, 4]]) is 2×2.
    static func fromNested(_ v: Value) throws -> Tensor {
        var shape: [Int] = []
        var values: [Float] = []
        func walk(_ v: Value, _ depth: Int) throws {
            guard depth <= maxNestedDims else { throw tooDeep }
            if isNumber(v) {
                guard depth == shape.count else { throw LanguageFailure("tensor(): the nested lists are ragged") }
                // The first number fixes the shape: check its size before collecting the rest.
                if values.isEmpty { try MemoryBudget.check(shape: shape, what: "tensor()") }
                values.append(Float(v.asDouble!))
                return
            }
            guard let items = v.sequenceItems(), v.typeName != "str" else {
                throw LanguageFailure("tensor() takes numbers in nested lists, got \(v.typeName)")
            }
            if depth == shape.count { shape.append(items.count) }
            else if depth > shape.count || shape[depth] != items.count { throw LanguageFailure("tensor(): the nested lists are ragged") }
            for item in items { try walk(item, depth + 1) }
        }
        try walk(v, 0)
        return try Tensor(shape: shape, values: values)
    }
}

