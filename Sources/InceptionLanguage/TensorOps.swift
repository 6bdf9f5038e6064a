import Foundation
import InceptionRuntime

/// PyTorch's tensor operations on the runtime's contiguous float32 tensors, with PyTorch's
/// rules: broadcasting, type promotion between float32, int64 and bool, `dim=`/`keepdim=`
/// reductions, indexing with ints, slices, None, `...`, index lists and boolean masks.
/// Results are new tensors; where PyTorch would return a view, `TensorKinds` remembers it.
enum TensorOps {
    static var kinds: TensorKinds { TensorKinds.shared }

    static func dtype(_ t: Tensor) -> DType { kinds.dtype(t) }

    static func make(_ shape: [Int], _ dtype: DType = .float32, _ fill: (UnsafeMutablePointer<Float>) -> Void) -> Tensor {
        let t = Tensor(zeros: shape)
        fill(t.data)
        if dtype != .float32 { kinds.setDType(t, dtype) }
        return t
    }

    static func make(_ shape: [Int], values: [Float], _ dtype: DType = .float32) -> Tensor {
        make(shape, dtype) { p in
            // Never more than the tensor holds (a wrong caller must not write past its end).
            let n = Swift.min(values.count, shape.reduce(1, *))
            values.withUnsafeBufferPointer { if n > 0 { p.update(from: $0.baseAddress!, count: n) } }
        }
    }

    static func requireValues(_ ts: Tensor..., what: String) throws {
        for t in ts where t.isMeta { throw LanguageFailure("\(what) needs values, but this \(formatShape(t.shape)) tensor is shape-only") }
    }

    // MARK: dims

    /// PyTorch's "Dimension out of range (expected to be in range of [-2, 1], but got 2)".
    static func dim(_ d: Int, rank: Int) throws -> Int {
        let r = max(rank, 1)
        guard d >= -r && d < r else {
            throw LanguageFailure("Dimension out of range (expected to be in range of [\(-r), \(r - 1)], but got \(d))", as: .indexError)
        }
        return d < 0 ? d + r : d
    }

    /// A dim that must name one of the tensor's own dims (size(d), stride(d)): a 0-d tensor has
    /// none, PyTorch's "Dimension specified as 0 but tensor has no dimensions".
    static func existingDim(_ d: Int, rank: Int) throws -> Int {
        guard rank > 0 else { throw LanguageFailure("Dimension specified as \(d) but tensor has no dimensions", as: .indexError) }
        return try dim(d, rank: rank)
    }

    /// Contiguous strides as PyTorch computes them: an empty dim counts as 1 ([2, 0, 3] → (3, 3, 1)),
    /// and the first dim is never multiplied in (so [2^40, 2^40, 0] does not overflow).
    static func strides(_ shape: [Int]) -> [Int] {
        var s = Array(repeating: 1, count: shape.count)
        var acc = 1
        for i in stride(from: shape.count - 1, through: 0, by: -1) {
            s[i] = acc
            if i > 0 { acc *= max(shape[i], 1) }
        }
        return s
    }

    /// For each element of `shape` in row-major order, Σ coordinate·stride.
    static func offsets(_ shape: [Int], _ strides: [Int], base: Int = 0) -> [Int] {
        var out = [base]
        for (n, s) in zip(shape, strides) {
            var next = [Int]()
            next.reserveCapacity(out.count * n)
            for o in out { for i in 0..<n { next.append(o + i * s) } }
            out = next
        }
        return out
    }

    // MARK: broadcasting and promotion

    static func broadcastShape(_ a: [Int], _ b: [Int]) throws -> [Int] {
        let n = max(a.count, b.count)
        var out = [Int](repeating: 1, count: n)
        for i in (0..<n).reversed() {          // from the last dimension, so a mismatch is named as PyTorch names it
            let x = i < n - a.count ? 1 : a[i - (n - a.count)]
            let y = i < n - b.count ? 1 : b[i - (n - b.count)]
            guard x == y || x == 1 || y == 1 else {
                throw LanguageFailure("The size of tensor a (\(x)) must match the size of tensor b (\(y)) at non-singleton dimension \(i)",
                                      fix: Hints.channelsSideBySide(a, b))
            }
            out[i] = x == 1 ? y : x
        }
        // Every broadcast result is materialised (binary operators, where, expand).
        try MemoryBudget.check(shape: out, what: "the broadcast result")
        return out
    }

    /// Strides that read `shape` as if it had been expanded to `target` (0 on broadcast dims).
    static func broadcastStrides(_ shape: [Int], to target: [Int]) -> [Int] {
        let own = strides(shape)
        let lead = target.count - shape.count
        return (0..<target.count).map { i in i < lead || shape[i - lead] == 1 ? 0 : own[i - lead] }
    }

    static func expand(_ t: Tensor, to target: [Int]) -> [Float] {
        if t.shape == target { return t.values }
        return offsets(target, broadcastStrides(t.shape, to: target)).map { t.data[$0] }
    }

    /// The category rule: a float anywhere gives float32, else the wider integer (int64 over
    /// int32), else bool.
    static func promote(_ a: DType, _ b: DType) -> DType {
        if a == .float32 || b == .float32 { return .float32 }
        if a == .int64 || b == .int64 { return .int64 }
        if a == .int32 || b == .int32 { return .int32 }
        return .bool
    }

    /// PyTorch's rule between a 0-d tensor (or a Python number made one) and a tensor with
    /// dimensions: of the same category (bool, integer, float), the one with dimensions
    /// decides (an int32 tensor + 1 stays int32); else the category rule.
    static func promote(_ dx: DType, rank rx: Int, _ dy: DType, rank ry: Int) -> DType {
        func category(_ d: DType) -> Int { d == .bool ? 0 : d.isIntegral ? 1 : 2 }
        if (rx == 0) != (ry == 0), category(dx) == category(dy) { return rx == 0 ? dy : dx }
        return promote(dx, dy)
    }

    /// The dtype a Python number takes next to a tensor of dtype `t`.
    static func promote(tensor t: DType, scalar: Value) -> DType {
        switch scalar {
        case .float: return .float32
        case .int: return t == .bool ? .int64 : t
        default: return t
        }
    }

    static func arithmetic(_ op: BinaryOperator, _ a: Float, _ b: Float, _ d: DType) -> Float {
        switch op {
        case .add: return d == .bool ? (a != 0 || b != 0 ? 1 : 0) : a + b
        case .subtract: return a - b
        case .multiply: return d == .bool ? (a != 0 && b != 0 ? 1 : 0) : a * b
        case .divide: return a / b
        case .power where d != .float32 && b < 0:
            // an integer to a negative integer power, as PyTorch's kernel: 1 and −1 keep their
            // magnitude, everything else truncates to 0
            return a == 1 ? 1 : a == -1 ? (b.truncatingRemainder(dividingBy: 2) == 0 ? 1 : -1) : 0
        case .power: return Float(Foundation.pow(Double(a), Double(b)))
        case .floorDivide: return d == .float32 ? floorDivided(a, b) : Float((Double(a) / Double(b)).rounded(.down))
        case .remainder: let r = a.truncatingRemainder(dividingBy: b); return r != 0 && (r < 0) != (b < 0) ? r + b : r
        case .matmul: return .nan
        }
    }

    /// x ** b for the exponents ATen's pow kernel computes in float without pow (x·x·x for 3,
    /// 1/(x·x) for −2, 1/x, 1/√x), so their last bit is PyTorch's; nil for any other b.
    static func floatPowerShortcut(_ b: Float) -> ((Float) -> Float)? {
        switch b {
        case 3: return { $0 * $0 * $0 }
        case -2: return { 1 / ($0 * $0) }
        case -1: return { 1 / $0 }
        case -0.5: return { 1 / $0.squareRoot() }
        default: return nil
        }
    }

    /// a // b in float32 as PyTorch's div_floor_floating computes it (Python's rule): from
    /// fmod, so that 7 // (1/3 in float32) is 20 as there, where ⌊7 / b⌋ of the rounded
    /// quotient would be 21.
    static func floorDivided(_ a: Float, _ b: Float) -> Float {
        guard b != 0 else { return a / b }
        let mod = fmodf(a, b)
        var div = (a - mod) / b
        if mod != 0 && (b < 0) != (mod < 0) { div -= 1 }
        guard div != 0 else { return Float(signOf: a / b, magnitudeOf: 0) }
        var floored = div.rounded(.down)
        if div - floored > 0.5 { floored += 1 }
        return floored
    }

    /// An integer quotient (d int64 or bool) by a divisor with a 0 in it is PyTorch's
    /// RuntimeError("ZeroDivisionError"); a float one gives inf or NaN.
    static func requireNonzeroDivisor(_ y: Tensor, _ d: DType) throws {
        guard d != .float32, !y.isMeta, (0..<y.count).contains(where: { y.data[$0] == 0 }) else { return }
        throw LanguageFailure("ZeroDivisionError", fix: "an integer tensor divided by 0; use a float tensor (x.float()) for inf", as: .runtimeError)
    }

    /// x ∘ y element-wise with broadcasting; `scalar` is the Python number when one side is one.
    static func binary(_ op: BinaryOperator, _ x: Tensor, _ y: Tensor, xDType: DType? = nil, yDType: DType? = nil) throws -> Tensor {
        let (dx, dy) = (xDType ?? dtype(x), yDType ?? dtype(y))
        if op == .matmul { return try matmul(x, y) }
        var d = promote(dx, rank: x.rank, dy, rank: y.rank)
        if op == .subtract, dx == .bool || dy == .bool {
            throw LanguageFailure(dx == dy ? "Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead."
                                           : "Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.",
                                  as: .notImplementedError)
        }
        // (a bool power by a number, b ** True, PyTorch computes)
        if d == .bool, let kernel = [BinaryOperator.floorDivide: "div_floor_cpu", .remainder: "remainder_cpu", .power: "pow"][op], op != .power || y.rank > 0 {
            throw LanguageFailure("\"\(kernel)\" not implemented for 'Bool'", as: .notImplementedError)
        }
        if op == .divide { d = .float32 }
        if op == .floorDivide || op == .remainder { try requireNonzeroDivisor(y, d) }
        let shape = try broadcastShape(x.shape, y.shape)
        if x.isMeta || y.isMeta { return Tensor(meta: shape) }
        let out = Tensor(zeros: shape)
        // Where element i reads x and y (kept for the backward).
        var ox: (Int) -> Int = { $0 }, oy: (Int) -> Int = { $0 }
        if x.shape == shape && y.shape == shape {
            for i in 0..<out.count { out.data[i] = arithmetic(op, x.data[i], y.data[i], d) }
        } else if y.count == 1 && x.shape == shape {
            let b = y.data[0]
            if op == .power, d == .float32, let power = floatPowerShortcut(b) {
                for i in 0..<out.count { out.data[i] = power(x.data[i]) }
            } else {
                for i in 0..<out.count { out.data[i] = arithmetic(op, x.data[i], b, d) }
            }
            oy = { _ in 0 }
        } else if x.count == 1 && y.shape == shape {
            let a = x.data[0]
            for i in 0..<out.count { out.data[i] = arithmetic(op, a, y.data[i], d) }
            ox = { _ in 0 }
        } else {
            let xo = offsets(shape, broadcastStrides(x.shape, to: shape))
            let yo = offsets(shape, broadcastStrides(y.shape, to: shape))
            for i in 0..<out.count { out.data[i] = arithmetic(op, x.data[xo[i]], y.data[yo[i]], d) }
            ox = { xo[$0] }; oy = { yo[$0] }
        }
        // integers: whole, and never −0 (−3 * 0 gives −0.0 in float; an int64 has no −0 to show later)
        if d.isIntegral {
            for i in 0..<out.count { out.data[i] = out.data[i].rounded(.towardZero) + 0 }
        }
        if d == .float32 { _ = TensorOpsGrad.binary(op, x, y, out, ox: ox, oy: oy) }
        return kinds.setDType(out, d)
    }

    /// A Python number as a 0-d tensor of the dtype PyTorch gives it next to tensor `t`: Python
    /// numbers rank below every tensor, so an int next to an int32 tensor is an int32.
    static func scalarTensor(_ v: Value, beside t: Tensor) -> Tensor? {
        guard let s = Interpreter.scalarTensor(v) else { return nil }
        if case .int = v, dtype(t) == .int32 { kinds.setDType(s, .int32) }
        return s
    }

    static func isFloatValue(_ v: Value) -> Bool { if case .float = v { return true } else { return false } }

    static func compare(_ op: CompareOperator, _ x: Tensor, _ y: Tensor) throws -> Tensor {
        let shape = try broadcastShape(x.shape, y.shape)
        if x.isMeta || y.isMeta { return kinds.setDType(Tensor(meta: shape), .bool) }
        let a = expand(x, to: shape), b = expand(y, to: shape)
        let out = Tensor(zeros: shape)
        for i in 0..<out.count {
            let r: Bool
            switch op {
            case .equal: r = a[i] == b[i]
            case .notEqual: r = a[i] != b[i]
            case .less: r = a[i] < b[i]
            case .lessEqual: r = a[i] <= b[i]
            case .greater: r = a[i] > b[i]
            default: r = a[i] >= b[i]
            }
            out.data[i] = r ? 1 : 0
        }
        return kinds.setDType(out, .bool)
    }

    static func map(_ x: Tensor, _ d: DType? = nil, _ f: (Float) -> Float) -> Tensor {
        if x.isMeta { return Tensor(meta: x.shape) }
        let out = Tensor(zeros: x.shape)
        let dtype = d ?? dtype(x)
        // integers have no −0 (−x of an int 0 is 0, which a later float op would show)
        if dtype.isIntegral { for i in 0..<x.count { out.data[i] = f(x.data[i]) + 0 } }
        else { for i in 0..<x.count { out.data[i] = f(x.data[i]) } }
        return kinds.setDType(out, dtype)
    }

    static func converted(_ x: Tensor, to d: DType) -> Tensor {
        switch d {
        case .float32: return TensorOpsGrad.unary(x, map(x, .float32) { $0 }, "float") { _, _ in 1 }
        // toward zero; NaN, ±inf and values past ±2^63 become −2^63, as x86's conversion gives PyTorch
        case .int64: return map(x, .int64) { $0 >= -0x1p63 && $0 < 0x1p63 ? $0.rounded(.towardZero) + 0 : -0x1p63 }
        // past ±2^31: −2^31, as x86's conversion gives it
        case .int32: return map(x, .int32) { $0 >= -0x1p31 && $0 < 0x1p31 ? $0.rounded(.towardZero) + 0 : -0x1p31 }
        case .bool: return map(x, .bool) { $0 != 0 ? 1 : 0 }
        }
    }

    // a: (n, k) @ b: (k, m) → (n, m); 1-D operands as in torch.matmul
    static func matmul(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        guard a.rank > 0, b.rank > 0 else {
            throw LanguageFailure("both arguments to matmul need to be at least 1D, but they are \(a.rank)D and \(b.rank)D")
        }
        // one dtype on both sides, shapes that fit, no Bool: checked as PyTorch's kernels check them
        try checkMatmulOperands(a, b)
        let d = dtype(a)
        if a.rank == 1 && b.rank == 1 {
            let out = Tensor(zeros: [])
            var s: Float = 0
            for i in 0..<a.count { s += a.data[i] * b.data[i] }
            out.data[0] = s
            if d == .float32 { _ = TensorOpsGrad.matmul(a, b, out) }
            return kinds.setDType(out, d)
        }
        if a.rank >= 3 || b.rank >= 3 { return try batchedMatmul(a, b, d) }
        let a2 = a.rank == 1 ? try a.reshaped([1, a.count]) : a
        let b2 = b.rank == 1 ? try b.reshaped([b.count, 1]) : b
        let (n, k, m) = (a2.shape[0], a2.shape[1], b2.shape[1])
        var shape = [n, m]
        if a.rank == 1 { shape.removeFirst() }
        if b.rank == 1 { shape.removeLast() }
        try MemoryBudget.check(shape: [n, m], what: "the result of '@'", meta: a.isMeta || b.isMeta)
        if a.isMeta || b.isMeta { return Tensor(meta: shape) }
        let out = Tensor(zeros: shape)
        for i in 0..<n { for p in 0..<k { let v = a2.data[i * k + p]; for j in 0..<m { out.data[i * m + j] += v * b2.data[p * m + j] } } }
        if d == .float32 { _ = TensorOpsGrad.matmul(a, b, out) }
        return kinds.setDType(out, d)
    }

    /// a (…, n, k) @ b (…, k, m) → (…, n, m), one product per batch entry, the batch shapes
    /// broadcast (a side of rank 2 is shared by every entry, as `x @ W`); a 1-D side is a row
    /// (k) → (1, k) or a column (k) → (k, 1) whose dimension the result drops. Recorded for backward.
    static func batchedMatmul(_ a: Tensor, _ b: Tensor, _ d: DType) throws -> Tensor {
        let (n, k) = (a.rank == 1 ? 1 : a.shape[a.rank - 2], a.shape[a.rank - 1])
        let (bk, m) = b.rank == 1 ? (b.shape[0], 1) : (b.shape[b.rank - 2], b.shape[b.rank - 1])
        let (batchA, batchB) = (Array(a.shape.dropLast(min(a.rank, 2))), Array(b.shape.dropLast(min(b.rank, 2))))
        let batch = try broadcastShape(batchA, batchB), count = batch.reduce(1, *)
        precondition(bk == k, "checkMatmulOperands passed a product whose inner sizes differ")
        var shape = batch + [n, m]
        if b.rank == 1 { shape.removeLast() }
        if a.rank == 1 { shape.remove(at: shape.count - (b.rank == 1 ? 1 : 2)) }
        try MemoryBudget.check(shape: batch + [n, m], what: "the result of '@'", meta: a.isMeta || b.isMeta)
        if a.isMeta || b.isMeta { return Tensor(meta: shape) }
        // where batch entry e of the result reads a's and b's matrices (a broadcast side repeats)
        func entryOffsets(_ own: [Int], _ size: Int) -> [Int] {
            let strides = self.strides(own), lead = batch.count - own.count
            return (0..<count).map { e in
                var rest = e, offset = 0
                for (i, extent) in batch.enumerated().reversed() {
                    let c = rest % extent; rest /= extent
                    if i >= lead, own[i - lead] != 1 { offset += c * strides[i - lead] }
                }
                return offset * size
            }
        }
        let (offA, offB) = (entryOffsets(batchA, n * k), entryOffsets(batchB, k * m))
        let out = Tensor(zeros: shape)
        for e in 0..<count {
            let (pa, pb, po) = (a.data + offA[e], b.data + offB[e], out.data + e * n * m)
            for i in 0..<n { for p in 0..<k { let v = pa[i * k + p]; for j in 0..<m { po[i * m + j] += v * pb[p * m + j] } } }
        }
        guard d == .float32 else { return kinds.setDType(out, d) }
        // dA_e = gy_e · B_eᵀ, dB_e = A_eᵀ · gy_e (summed over the entries that share a matrix)
        let recorded = Autograd.record(out, "matmul", inputs: [a, b]) { gy in
            let ga = Tensor(zeros: a.shape), gb = Tensor(zeros: b.shape)
            for e in 0..<count {
                let (pa, pb, pg) = (a.data + offA[e], b.data + offB[e], gy.data + e * n * m)
                let (qa, qb) = (ga.data + offA[e], gb.data + offB[e])
                for i in 0..<n { for p in 0..<k { for j in 0..<m {
                    qa[i * k + p] += pg[i * m + j] * pb[p * m + j]
                    qb[p * m + j] += pa[i * k + p] * pg[i * m + j]
                } } }
            }
            return [ga, gb]
        }
        // PyTorch's last step: a view of the folded product, or a copy when a matrix meets a batch
        recorded.gradNode?.displayName = a.rank == 2 ? "CloneBackward0" : "UnsafeViewBackward0"
        return recorded
    }

    // MARK: reductions

    enum Reduction: String { case sum, mean, prod, amax, amin, std, variance = "var", all, any }

    /// A reduction over `dims` (all when nil) of a tensor of `shape`: its output shape, the same
    /// with the reduced dims kept as 1, and the reduced dims.
    /// An empty list of dims (dim=[] or dim=()) reduces every dim, as PyTorch's sum, mean, amax, std
    /// (`emptyMeansAll`; all and any reduce none); a dim named twice (dim=(0, -2) of a 2-D tensor)
    /// is PyTorch's error, not reduced once.
    static func reducedShapes(_ shape: [Int], dims given: [Int]?, keepdim: Bool, emptyMeansAll: Bool = true) throws -> (out: [Int], kept: [Int], dims: Set<Int>) {
        let listed = try (given.flatMap { $0.isEmpty && emptyMeansAll ? nil : $0 } ?? Array(0..<shape.count)).map { try dim($0, rank: shape.count) }
        var dims = Set(listed)
        if dims.count < listed.count, let twice = listed.enumerated().first(where: { listed[..<$0.offset].contains($0.element) })?.element {
            throw LanguageFailure("dim \(twice) appears multiple times in the list of dims")
        }
        if shape.isEmpty { dims = [] }
        let kept = shape.enumerated().map { dims.contains($0.offset) ? 1 : $0.element }
        return (keepdim ? kept : shape.enumerated().filter { !dims.contains($0.offset) }.map(\.element), kept, dims)
    }

    /// For each element of a tensor of `shape`, the output cell its reduction over `dims` goes to.
    static func reductionTargets(_ shape: [Int], kept: [Int], dims: Set<Int>) -> [Int] {
        offsets(shape, strides(kept).enumerated().map { dims.contains($0.offset) ? 0 : $0.element })
    }

    /// x.sum(dim=…, keepdim=…) and the others; `dims` nil reduces everything to a 0-d tensor.
    /// `correction` (std and var): the divisor is max(0, n − correction), PyTorch's (a fraction
    /// allowed); `name`: the function an error names (max() or amax() for .amax).
    static func reduce(_ x: Tensor, _ kind: Reduction, dims given: [Int]?, keepdim: Bool, correction: Double = 1,
                       name: String? = nil) throws -> Tensor {
        let d = dtype(x)
        if kind == .mean || kind == .std || kind == .variance, d != .float32 {
            throw LanguageFailure(kind == .mean ? "mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: \(d.scalarName)"
                                                : "std and var only support floating point and complex dtypes",
                                  fix: "convert first: x.float().\(kind.rawValue)(…)", as: .notImplementedError)
        }
        let (outShape, outShapeKeep, dims) = try reducedShapes(x.shape, dims: given, keepdim: keepdim, emptyMeansAll: kind != .all && kind != .any)
        let outDType: DType = {
            switch kind {
            case .all, .any: return .bool
            case .sum, .prod: return d == .bool || d == .int32 ? .int64 : d      // integers sum to int64
            default: return d
            }
        }()
        if x.isMeta { return kinds.setDType(Tensor(meta: outShape), outDType) }
        let groups = outShapeKeep.reduce(1, *)
        let n = groups == 0 ? 0 : x.count / max(groups, 1)
        if kind == .amax || kind == .amin, x.count == 0 {
            let function = name ?? (kind == .amax ? "max" : "min")
            guard given != nil, !dims.isEmpty else {
                throw LanguageFailure("\(function)(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.")
            }
            if let empty = dims.sorted().first(where: { x.shape[$0] == 0 }) {
                throw LanguageFailure("\(function)(): Expected reduction dim \(empty) to have non-zero size.", as: .indexError)
            }
        }
        let target = reductionTargets(x.shape, kept: outShapeKeep, dims: dims)
        var acc = [Double](repeating: kind == .prod || kind == .all ? 1 : 0, count: groups)
        var seen = [Bool](repeating: false, count: groups)
        // float sums and means add up in PyTorch's order, in float, for PyTorch's last bit
        let cascade = (kind == .sum || kind == .mean) && d == .float32
        for i in 0..<x.count where !cascade {
            let v = Double(x.data[i]), g = target[i]
            switch kind {
            case .sum, .mean, .std, .variance: acc[g] += v
            case .prod: acc[g] *= v
            case .amax: if !seen[g] || v > acc[g] || v.isNaN { acc[g] = v }; seen[g] = true
            case .amin: if !seen[g] || v < acc[g] || v.isNaN { acc[g] = v }; seen[g] = true
            case .all: if v == 0 { acc[g] = 0 }
            case .any: if v != 0 { acc[g] = 1 }
            }
        }
        if kind == .mean || kind == .std || kind == .variance {
            for g in 0..<groups { acc[g] /= Double(n) }
        }
        let means = acc.map(Float.init)        // std's and var's backward read them
        if kind == .std || kind == .variance {
            var squares = [Double](repeating: 0, count: groups)
            for i in 0..<x.count { let e = Double(x.data[i]) - acc[target[i]]; squares[target[i]] += e * e }
            for g in 0..<groups {
                let v = squares[g] / max(0, Double(n) - correction)       // over 0: inf, or nan for 0 / 0, as PyTorch's
                acc[g] = kind == .std ? v.squareRoot() : v
            }
        }
        let out = Tensor(zeros: outShape)
        if cascade {
            // ATen's mean is the sum divided by the count, in float
            let sums = CascadeSum.sum(x.data, shape: x.shape, reduced: dims)
            for g in 0..<groups { out.data[g] = kind == .mean ? sums[g] / Float(n) : sums[g] }
        } else {
            for g in 0..<groups { out.data[g] = Float(acc[g]) }
        }
        if kind == .sum || kind == .mean, outDType == .float32 {
            _ = TensorOpsGrad.reduction(x, out, mean: kind == .mean, target: target, n: n)
            // PyTorch's overload with dim= records SumBackward1 / MeanBackward1
            if given != nil { out.gradNode?.displayName = kind == .mean ? "MeanBackward1" : "SumBackward1" }
        }
        if kind == .amax || kind == .amin, outDType == .float32 {
            _ = TensorOpsGrad.extremum(x, out, target: target, groups: groups, label: kind == .amax ? "amax" : "amin")
        }
        if kind == .prod, outDType == .float32 {
            _ = TensorOpsGrad.product(x, out, target: target, groups: groups, whole: given == nil)
            out.gradNode?.displayName = given == nil ? "ProdBackward0" : "ProdBackward1"
        }
        if kind == .std || kind == .variance {
            _ = TensorOpsGrad.spread(x, out, standardDeviation: kind == .std, means: means, target: target,
                                     degrees: Float(max(0, Double(n) - correction)))
        }
        return kinds.setDType(out, outDType)
    }

    /// Values and indices of the largest (or smallest) entry along `dim`.
    static func extremes(_ x: Tensor, dim given: Int, keepdim: Bool, largest: Bool, name: String? = nil) throws -> (Tensor, Tensor) {
        let d = try dim(given, rank: x.rank)
        let shape = x.rank == 0 ? [] : x.shape
        let size = shape.isEmpty ? 1 : shape[d]
        guard size > 0 else {
            throw LanguageFailure("\(name ?? (largest ? "max" : "min"))(): Expected reduction dim \(d) to have non-zero size.", as: .indexError)
        }
        let outer = shape.isEmpty ? 1 : shape[..<d].reduce(1, *), inner = shape.isEmpty ? 1 : shape[(d + 1)...].reduce(1, *)
        var outShape = shape
        if !shape.isEmpty { if keepdim { outShape[d] = 1 } else { outShape.remove(at: d) } }
        if x.isMeta { return (Tensor(meta: outShape), kinds.setDType(Tensor(meta: outShape), .int64)) }
        let values = Tensor(zeros: outShape), indices = Tensor(zeros: outShape)
        for o in 0..<outer {
            for i in 0..<inner {
                var best = 0
                var bestValue = x.data[o * size * inner + i]
                for j in 1..<max(size, 1) {
                    let v = x.data[(o * size + j) * inner + i]
                    if bestValue.isNaN { break }
                    if v.isNaN || (largest ? v > bestValue : v < bestValue) { best = j; bestValue = v }
                }
                values.data[o * inner + i] = bestValue
                indices.data[o * inner + i] = Float(best)
            }
        }
        kinds.setDType(values, dtype(x))
        if dtype(x) == .float32 {
            // the gradient goes to the element each value was taken from (MaxBackward0 / MinBackward0)
            let taken = (0..<values.count).map { g in (g / inner * size + Int(indices.data[g])) * inner + g % inner }
            _ = TensorOpsGrad.gather(values, from: x, offsets: taken, label: largest ? "max_dim" : "min_dim")
            values.gradNode?.displayName = largest ? "MaxBackward0" : "MinBackward0"
        }
        return (values, kinds.setDType(indices, .int64))
    }

    /// The flat index of the largest value (argmax without dim).
    /// The flat index of x's largest (smallest) value; keepdim: shaped (1, …, 1), x's rank of ones.
    static func flatArgExtreme(_ x: Tensor, largest: Bool, keepdim: Bool = false) throws -> Tensor {
        try requireValues(x, what: largest ? "argmax()" : "argmin()")
        guard x.count > 0 else {
            throw LanguageFailure("\(largest ? "argmax" : "argmin")(): Expected reduction dim to be specified for input.numel() == 0.", as: .indexError)
        }
        var best = 0
        for i in 0..<x.count where x.data[i].isNaN || (largest ? x.data[i] > x.data[best] : x.data[i] < x.data[best]) {
            if x.data[best].isNaN { break }
            best = i
        }
        let out = Tensor(zeros: keepdim ? Array(repeating: 1, count: x.rank) : [])
        out.data[0] = Float(best)
        return kinds.setDType(out, .int64)
    }

    static func softmax(_ x: Tensor, dim given: Int, log: Bool) throws -> Tensor {
        let d = try dim(given, rank: x.rank)
        if x.isMeta { return Tensor(meta: x.shape) }
        if dtype(x) != .float32 {
            // PyTorch's kernel over the last dim, its general one otherwise
            let kernel = (log ? "log_softmax" : "softmax") + (d == max(x.rank, 1) - 1 ? "_lastdim" : "") + "_kernel_impl"
            throw LanguageFailure("\"\(kernel)\" not implemented for '\(dtype(x).scalarName)'", fix: "convert first: x.float()",
                                  as: .notImplementedError)
        }
        let shape = x.rank == 0 ? [1] : x.shape
        let size = shape[d], outer = shape[..<d].reduce(1, *), inner = shape[(d + 1)...].reduce(1, *)
        let out = Tensor(zeros: x.shape)
        if inner == 1, size > 0, outer > 0 {
            // softmax and log_softmax over the last dim as ATen's kernels compute them in float (their last bit too)
            if log { Loss.logSoftmaxRows(x.data, rows: outer, k: size, into: out.data) } else { Loss.softmaxRows(x.data, rows: outer, k: size, into: out.data) }
            return TensorOpsGrad.softmax(x, out, dim: d, log: log)
        }
        for o in 0..<outer {
            for i in 0..<inner {
                var m = -Double.infinity
                for j in 0..<size { m = max(m, Double(x.data[(o * size + j) * inner + i])) }
                var s = 0.0
                for j in 0..<size { s += Foundation.exp(Double(x.data[(o * size + j) * inner + i]) - m) }
                for j in 0..<size {
                    let k = (o * size + j) * inner + i
                    let z = Double(x.data[k]) - m
                    out.data[k] = Float(log ? z - Foundation.log(s) : Foundation.exp(z) / s)
                }
            }
        }
        return TensorOpsGrad.softmax(x, out, dim: d, log: log)
    }

    /// How equal values end up ordered, as PyTorch's CPU kernels leave them: a stable sort
    /// (sort(stable=True)), libstdc++'s std::sort of (value, index) pairs (sort and argsort by
    /// default), or topk's partial sort / nth_element (torch.topk).
    enum TieOrder { case stable, introsort, topk }

    static func topk(_ x: Tensor, k: Int, dim given: Int, largest: Bool, sorted: Bool, ties: TieOrder = .stable) throws -> (Tensor, Tensor) {
        try requireValues(x, what: "topk()")
        let d = try dim(given, rank: x.rank)
        let shape = x.rank == 0 ? [1] : x.shape
        let size = shape[d], outer = shape[..<d].reduce(1, *), inner = shape[(d + 1)...].reduce(1, *)
        guard k >= 0, k <= size else { throw LanguageFailure("selected index k out of range") }
        var outShape = x.shape
        if !outShape.isEmpty { outShape[d] = k }
        let values = Tensor(zeros: outShape), indices = Tensor(zeros: outShape)
        for o in 0..<outer {
            for i in 0..<inner {
                // NaN ranks above every number, as in PyTorch's sort and topk
                let order = Self.ranked((0..<size).map { x.data[(o * size + $0) * inner + i] }, k: k, largest: largest, sorted: sorted, ties: ties)
                for j in 0..<k {
                    values.data[(o * k + j) * inner + i] = x.data[(o * size + order[j]) * inner + i]
                    indices.data[(o * k + j) * inner + i] = Float(order[j])
                }
            }
        }
        kinds.setDType(values, dtype(x))
        return (values, kinds.setDType(indices, .int64))
    }

    /// The indices of `line`'s first k values in rank order, equal values placed as `ties` says.
    static func ranked(_ line: [Float], k: Int, largest: Bool, sorted: Bool, ties: TieOrder) -> [Int] {
        if ties == .stable {
            // equal values keep index order
            return line.indices.sorted { a, b in
                let (above, below) = (ranksAbove(line[a], line[b]), ranksAbove(line[b], line[a]))
                return !above && !below ? a < b : (largest ? above : below)
            }
        }
        // ATen's comparators on (value, index) pairs: NaN first when largest, last when smallest
        let before = { (p: (value: Float, index: Int), q: (value: Float, index: Int)) -> Bool in
            largest ? (p.value.isNaN && !q.value.isNaN) || p.value > q.value : (!p.value.isNaN && q.value.isNaN) || p.value < q.value
        }
        var queue = line.enumerated().map { (value: $0.element, index: $0.offset) }
        if ties == .introsort || k >= queue.count && sorted {
            LibstdcxxSorting.sort(&queue, 0, queue.count, by: before)
        } else if k > 0 {
            // topk_impl_loop: a partial sort when k · 64 ≤ n, else nth_element, then the first k − 1 sorted
            if k * 64 <= queue.count {
                LibstdcxxSorting.partialSort(&queue, 0, k, queue.count, by: before)
            } else {
                LibstdcxxSorting.nthElement(&queue, 0, k - 1, queue.count, by: before)
                if sorted { LibstdcxxSorting.sort(&queue, 0, k - 1, by: before) }
            }
        }
        return queue.map(\.index)
    }

    /// p > q in sorting order: NaN above every number, NaNs level with each other.
    static func ranksAbove(_ p: Float, _ q: Float) -> Bool {
        if p.isNaN { return !q.isNaN }
        return !q.isNaN && p > q
    }

    // MARK: shapes

    static func permute(_ x: Tensor, _ order: [Int]) throws -> Tensor {
        // PyTorch's checks in its order: the count, then each dim's range, then duplicates
        guard order.count == x.rank else {
            throw LanguageFailure("permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = \(x.rank) is not equal to len(dims) = \(order.count)")
        }
        let dims = try order.map { try dim($0, rank: x.rank) }
        guard Set(dims).count == x.rank else { throw LanguageFailure("permute(): duplicate dims are not allowed.") }
        let shape = dims.map { x.shape[$0] }
        if x.isMeta { return Tensor(meta: shape) }
        let s = strides(x.shape)
        let o = offsets(shape, dims.map { s[$0] })
        let out = make(shape, dtype(x)) { p in for i in 0..<o.count { p[i] = x.data[o[i]] } }
        return kinds.markView(TensorOpsGrad.gather(out, from: x, offsets: o, label: "permute"), of: x, layout: kinds.layout(of: x)?.permuted(dims))
    }

    /// torch.stack: equal-shaped tensors joined along a new dimension `dim` (a DataLoader's batches too).
    static func stack(_ tensors: [Tensor], dim given: Int) throws -> Tensor {
        guard let first = tensors.first else { throw LanguageFailure("stack expects a non-empty TensorList") }
        for x in tensors where x.shape != first.shape {
            // branches of different widths stacked where they are to be concatenated
            let fix = onlyDifferingDimension(tensors).map { "torch.stack needs equal shapes; the tensors differ only in dimension \($0): to join them along it, write torch.cat(…, \($0))" }
            throw LanguageFailure("stack expects each tensor to be equal size, but got \(first.shape) at entry 0 and \(x.shape) at entry \(tensors.firstIndex { $0 === x }!)", fix: fix)
        }
        let d = try dim(given, rank: first.rank + 1)
        let expanded = try tensors.map { x -> Tensor in
            var s = x.shape; s.insert(1, at: d)
            return kinds.setDType(try x.reshaped(s), dtype(x))
        }
        return try cat(expanded, dim: d, what: "torch.stack()")
    }

    /// The one dimension in which tensors of one rank differ, when there is exactly one.
    static func onlyDifferingDimension(_ tensors: [Tensor]) -> Int? {
        guard let first = tensors.first, tensors.allSatisfy({ $0.rank == first.rank }) else { return nil }
        let joinable = (0..<first.rank).filter { j in
            tensors.allSatisfy { u in (0..<first.rank).allSatisfy { $0 == j || u.shape[$0] == first.shape[$0] } }
        }
        return joinable.count == 1 ? joinable[0] : nil
    }

    static func cat(_ listed: [Tensor], dim given: Int, what: String = "torch.cat()") throws -> Tensor {
        guard !listed.isEmpty else { throw LanguageFailure("torch.cat(): expected a non-empty list of Tensors", as: .valueError) }
        // PyTorch skips legacy empty tensors, 1-D of size 0 (`out = torch.tensor([])` grown by cat in
        // a loop), but their dtype still takes part in the result's
        let legacyEmpty = { (t: Tensor) in t.rank == 1 && t.shape[0] == 0 }
        let tensors = listed.allSatisfy(legacyEmpty) ? listed : listed.filter { !legacyEmpty($0) }
        if let scalar = listed.firstIndex(where: { $0.rank == 0 }) {
            throw LanguageFailure("zero-dimensional tensor (at position \(scalar)) cannot be concatenated", fix: "stack them instead: torch.stack(…), or give each a dimension: t.unsqueeze(0)")
        }
        let first = tensors[0]
        let d = try dim(given, rank: first.rank)
        for (i, t) in tensors.enumerated() {
            guard t.rank == first.rank else {
                throw LanguageFailure("Tensors must have same number of dimensions: got \(first.rank) and \(t.rank)")
            }
            for k in 0..<t.rank where k != d && t.shape[k] != first.shape[k] {
                // the dimension they do differ in, when there is one (torch.cat(branches, 0) for the channels' 1)
                let fix = onlyDifferingDimension(tensors).map { "the tensors differ only in dimension \($0): to join them along it, write torch.cat(…, \($0))" }
                throw LanguageFailure("Sizes of tensors must match except in dimension \(d). Expected size \(first.shape[k]) but got size \(t.shape[k]) for tensor number \(i) in the list.", fix: fix)
            }
        }
        var shape = first.shape
        var total = 0
        for t in tensors {
            let r = total.addingReportingOverflow(t.shape[d])
            guard !r.overflow else { throw MemoryBudgetError("integer overflow: \(what) of \(tensors.count) tensors has more than 2^63 values along dimension \(d)") }
            total = r.partialValue
        }
        shape[d] = total
        let dt = listed.map(dtype).reduce(dtype(first), promote)
        try MemoryBudget.check(shape: shape, what: "\(what)'s result", meta: tensors.contains(where: \.isMeta))
        if tensors.contains(where: \.isMeta) { return Tensor(meta: shape) }
        let outer = shape[..<d].reduce(1, *), inner = shape[(d + 1)...].reduce(1, *)
        let out = make(shape, dt) { p in
            var at = 0
            for o in 0..<outer {
                for t in tensors {
                    let n = t.shape[d] * inner
                    (p + at).update(from: t.data + o * n, count: n)
                    at += n
                }
            }
        }
        return dt == .float32 ? TensorOpsGrad.cat(tensors, out, dim: d) : out
    }

    static func flip(_ x: Tensor, _ dims: [Int]) throws -> Tensor {
        let wrapped = try dims.map { try dim($0, rank: x.rank) }
        let ds = Set(wrapped)
        if ds.count < wrapped.count, let repeated = wrapped.enumerated().first(where: { wrapped[..<$0.offset].contains($0.element) })?.element {
            throw LanguageFailure("dim \(repeated) appears multiple times in the list of dims")
        }
        let s = strides(x.shape)
        var base = 0
        var st = s
        for d in ds where x.rank > 0 { base += (x.shape[d] - 1) * s[d]; st[d] = -s[d] }     // (a 0-d tensor: a copy)
        let o = offsets(x.shape, st, base: base)
        let out = make(x.shape, dtype(x)) { p in for i in 0..<o.count { p[i] = x.data[o[i]] } }
        // backward: each gradient back to the element it was read from (FlipBackward0)
        return dtype(x) == .float32 ? TensorOpsGrad.gather(out, from: x, offsets: o, label: "flip") : out
    }

    // MARK: indexing

    enum IndexItem {
        case at(Int)
        case range(Int?, Int?, Int?)
        case newAxis
        case ellipsis
        /// An int tensor or list as an index (advanced indexing): its values, row-major, and its shape.
        case list([Int], shape: [Int])
        case mask(Tensor)
    }

    /// Where each item of an index reads: per output dim the source indices along one source dim.
    struct Selection {
        var shape: [Int]
        var offsets: [Int]
        var isView: Bool
        /// A view's place in the storage of x's base (see ViewLayout), when x's own is known.
        var layout: ViewLayout? = nil
    }

    /// A boolean mask among other indices, as PyTorch reads it: one index list per mask dim, the
    /// coordinates where it is True (its nonzero()), checked against the dims it covers (counted
    /// as PyTorch does, after the ints have been applied).
    static func masksAsLists(_ items: [IndexItem], _ shape: [Int]) throws -> [IndexItem] {
        var selected = Set<Int>(), dim = 0        // the dims the ints take away
        for item in items {
            switch item {
            case .at: selected.insert(dim); dim += 1
            case .range, .list: dim += 1
            case .mask(let m): dim += m.rank
            case .newAxis, .ellipsis: break
            }
        }
        let applied = shape.enumerated().filter { !selected.contains($0.offset) }.map(\.element)
        var out: [IndexItem] = [], d = 0, kept = 0
        for item in items {
            guard case .mask(let m) = item else {
                out.append(item)
                switch item {
                case .at: d += 1
                case .range, .list: d += 1; kept += 1
                default: break
                }
                continue
            }
            if let j = (0..<m.rank).first(where: { m.shape[$0] != shape[d + $0] }) {
                throw LanguageFailure("The shape of the mask \(m.shape) at index \(j) does not match the shape of the indexed tensor \(applied) at index \(kept + j)",
                                      as: .indexError)
            }
            let hits = (0..<m.count).filter { m.data[$0] != 0 }, inner = strides(m.shape)
            for axis in 0..<m.rank {
                out.append(.list(hits.map { $0 / inner[axis] % m.shape[axis] }, shape: [hits.count]))
            }
            d += m.rank; kept += m.rank
        }
        return out
    }

    /// `reading`: x[…] read (PyTorch's index kernel names an index list out of range by its
    /// place among the lists, where a write, index_put_, names the dim it indexes).
    static func select(_ x: Tensor, _ given: [IndexItem], reading: Bool = false) throws -> Selection {
        var items = given
        // A boolean mask as the whole index: the positions where it is True, in order.
        if items.count == 1, case .mask(let m) = items[0] {
            guard m.rank <= x.rank else { throw LanguageFailure("too many indices for tensor of dimension \(x.rank)", as: .indexError) }
            if let j = (0..<m.rank).first(where: { m.shape[$0] != x.shape[$0] }) {
                throw LanguageFailure("The shape of the mask \(m.shape) at index \(j) does not match the shape of the indexed tensor \(x.shape) at index \(j)", as: .indexError)
            }
            let inner = x.shape[m.rank...].reduce(1, *)
            var offs: [Int] = []
            var k = 0
            for i in 0..<m.count where m.data[i] != 0 {
                for j in 0..<inner { offs.append(i * inner + j) }
                k += 1
            }
            return Selection(shape: [k] + Array(x.shape[m.rank...]), offsets: offs, isView: false)
        }
        let ellipses = items.filter { if case .ellipsis = $0 { return true } else { return false } }.count
        guard ellipses <= 1 else { throw LanguageFailure("an index can only have a single ellipsis ('...')") }
        let consuming = items.reduce(0) { n, item in
            switch item {
            case .newAxis, .ellipsis: return n
            case .mask(let m): return n + m.rank
            default: return n + 1
            }
        }
        guard consuming <= x.rank else {
            // a 0-d tensor indexed by one int or slice (PyTorch's fast path for a lone index; a
            // tuple, a tensor index or None with it is "too many indices")
            if x.rank == 0, items.count == 1 {
                switch items[0] {
                case .range: throw LanguageFailure("slice() cannot be applied to a 0-dim tensor.", as: .indexError)
                case .at(0), .mask:
                    throw LanguageFailure("invalid index of a 0-dim tensor. Use `tensor.item()` in Python or `tensor.item<T>()` in C++ to convert a 0-dim tensor to a number", as: .indexError)
                case .at(let i): throw LanguageFailure("index \(i) is out of bounds for dimension 0 with size 0", as: .indexError)
                default: break
                }
            }
            throw LanguageFailure("too many indices for tensor of dimension \(x.rank)", as: .indexError)
        }
        // each item's place in the index as written: PyTorch's out-of-bounds message names it
        // as the dimension (x[..., 2] on a vector: "dimension 1")
        var written = Array(items.indices)
        if let e = items.firstIndex(where: { if case .ellipsis = $0 { return true } else { return false } }) {
            items.replaceSubrange(e...e, with: Array(repeating: .range(nil, nil, nil), count: x.rank - consuming))
            written.replaceSubrange(e...e, with: Array(repeating: e, count: x.rank - consuming))
        }
        // A 0-d mask (x[0, True]) among other items: PyTorch unsqueezes a dim there and indexes it
        // with the list [0] (True) or [] (False); the new dim has size 1 and takes no storage.
        var shape = x.shape
        let xLayout = kinds.layout(of: x)
        var xLayoutStrides = xLayout?.strides
        var consumed = 0
        for k in items.indices {
            switch items[k] {
            case .at, .range, .list: consumed += 1
            case .mask(let m) where m.rank > 0: consumed += m.rank
            case .mask(let m):
                shape.insert(1, at: consumed)
                xLayoutStrides?.insert(0, at: consumed)
                items[k] = m.data[0] != 0 ? .list([0], shape: [1]) : .list([], shape: [0])
                consumed += 1
            case .newAxis, .ellipsis: break
            }
        }
        items = try masksAsLists(items, shape)
        // Basic items (ints, slices, None) become strides and a base offset; the index lists
        // (advanced indices) broadcast together to one block of dims, which PyTorch puts where the
        // lists stand when they are adjacent once ints are applied, else first.
        let s = strides(shape)
        var base = 0
        var outShape: [Int] = [], outStrides: [Int] = []
        // the same in the storage of x's base: PyTorch's strides and offset for the view
        let ls = xLayoutStrides ?? s
        var layoutOffset = xLayout?.offset ?? 0, layoutStrides: [Int] = []
        var lists: [(offsets: [Int], shape: [Int])] = []
        var listAt: [Int] = []            // how many basic output dims precede each list
        // an index outside its dim: raised once the lists broadcast; into an empty dim without
        // naming index or dim, else (PyTorch's kernel checks each element it reads) only for a
        // selection with elements
        var outOfBounds: LanguageFailure?, emptyDimIndexed = false
        var d = 0
        for (k, item) in items.enumerated() {
            switch item {
            case .newAxis:
                outShape.append(1); outStrides.append(0)
                layoutStrides.append(d < shape.count ? shape[d] * ls[d] : 1)      // unsqueeze's stride
            case .at(let i):
                let n = shape[d]
                guard i >= -n && i < n else {
                    throw LanguageFailure("index \(i) is out of bounds for dimension \(written.count == items.count ? written[k] : d) with size \(n)", as: .indexError)
                }
                base += (i < 0 ? i + n : i) * s[d]
                layoutOffset += (i < 0 ? i + n : i) * ls[d]
                d += 1
            case .range(let a, let b, let c):
                let n = shape[d]
                let step = c ?? 1
                guard step != 0 else { throw LanguageFailure("slice step cannot be zero", as: .valueError) }
                guard step > 0 else {
                    throw LanguageFailure("step must be greater than zero",
                                          fix: "PyTorch has no negative steps; reverse with x.flip(\(d))", as: .valueError)
                }
                func clamp(_ v: Int?, _ fallback: Int) -> Int {
                    guard var v else { return fallback }
                    if v < 0 { v += n }
                    return min(max(v, 0), n)
                }
                let lo = clamp(a, 0), hi = clamp(b, n)
                // (hi - lo - 1) / step + 1, not (hi - lo + step - 1) / step: a step of 2**62 overflows that.
                let count = hi > lo ? (hi - lo - 1) / step + 1 : 0
                base += lo * s[d]
                // One element or none: the stride is never used (and s[d] * step may overflow).
                outShape.append(count); outStrides.append(count > 1 ? s[d] * step : s[d])
                layoutOffset += lo * ls[d]
                let stepped = ls[d].multipliedReportingOverflow(by: step)
                layoutStrides.append(stepped.overflow ? ls[d] : stepped.partialValue)
                d += 1
            case .list(let indices, let listShape):
                let n = shape[d], named = reading ? lists.count : d
                lists.append((indices.map { i in
                    guard i >= -n && i < n else {
                        if n == 0 { emptyDimIndexed = true }
                        outOfBounds = outOfBounds ?? LanguageFailure("index \(i) is out of bounds for dimension \(named) with size \(n)", as: .indexError)
                        return 0
                    }
                    return (i < 0 ? i + n : i) * s[d]
                }, listShape))
                listAt.append(outShape.count)
                d += 1
            case .ellipsis, .mask: break
            }
        }
        while d < shape.count { outShape.append(shape[d]); outStrides.append(s[d]); layoutStrides.append(ls[d]); d += 1 }
        guard !lists.isEmpty else {
            return Selection(shape: outShape, offsets: offsets(outShape, outStrides, base: base), isView: true,
                             layout: xLayout == nil ? nil : ViewLayout(strides: layoutStrides, offset: layoutOffset))
        }
        // The lists' block: their broadcast shape, each element the sum of the lists' offsets there.
        var block: [Int] = []
        for (i, list) in lists.enumerated() {
            do { block = try broadcastShape(block, list.shape) } catch {
                let shapes = lists.map { "\($0.shape)" }.joined(separator: ", ")
                throw LanguageFailure("shape mismatch: indexing tensors could not be broadcast together with shapes \(shapes)",
                                      fix: i > 0 ? "give index lists of the same length, or shapes that broadcast" : nil, as: .indexError)
            }
        }
        if emptyDimIndexed { throw LanguageFailure("index is out of bounds for dimension with size 0", as: .indexError) }
        if let outOfBounds, outShape.reduce(block.reduce(1, *), *) > 0 { throw outOfBounds }
        var picked = [Int](repeating: 0, count: block.reduce(1, *))
        for list in lists {
            let spread = offsets(block, broadcastStrides(list.shape, to: block))
            for j in picked.indices { picked[j] += list.offsets[spread[j]] }
        }
        let at = listAt.allSatisfy({ $0 == listAt[0] }) ? listAt[0] : 0
        let before = offsets(Array(outShape[..<at]), Array(outStrides[..<at]), base: base)
        let after = offsets(Array(outShape[at...]), Array(outStrides[at...]))
        var offs: [Int] = []
        offs.reserveCapacity(before.count * picked.count * after.count)
        for b in before { for l in picked { for a in after { offs.append(b + l + a) } } }
        return Selection(shape: Array(outShape[..<at]) + block + Array(outShape[at...]), offsets: offs, isView: false)
    }

    static func getItem(_ x: Tensor, _ items: [IndexItem]) throws -> Tensor {
        let sel = try select(x, items, reading: true)
        if x.isMeta { return Tensor(meta: sel.shape) }
        let out = make(sel.shape, dtype(x)) { p in for i in 0..<sel.offsets.count { p[i] = x.data[sel.offsets[i]] } }
        _ = TensorOpsGrad.gather(out, from: x, offsets: sel.offsets, label: indexingOperation(x.shape, items))
        return sel.isView ? kinds.markView(out, of: x, layout: sel.layout) : out
    }

    /// The operation PyTorch's indexing records last, which `grad_fn` names: "index" for a list or
    /// mask (advanced indexing), else the last of select (an int), slice (a slice that is not the
    /// whole dim; a lone slice always slices) and unsqueeze (None) in the order PyTorch applies
    /// them, "alias" when none applies.
    static func indexingOperation(_ shape: [Int], _ items: [IndexItem]) -> String {
        if items.count == 1, case .range = items[0] { return "slice" }
        var operation = "alias", d = 0
        let consumed = items.reduce(0) { n, item in
            switch item {
            case .at, .range, .list: return n + 1
            case .mask(let m): return n + m.rank
            case .newAxis, .ellipsis: return n
            }
        }
        for item in items {
            switch item {
            case .list, .mask: return "index"
            case .at: operation = "select"; d += 1
            case .newAxis: operation = "unsqueeze"
            case .ellipsis: d += max(0, shape.count - consumed)
            case .range(let start, let stop, let step):
                let size = d < shape.count ? shape[d] : 0
                func clamp(_ i: Int) -> Int { min(max(i < 0 ? i + size : i, 0), size) }
                if clamp(start ?? 0) != 0 || clamp(stop ?? size) != size || (step ?? 1) != 1 { operation = "slice" }
                d += 1
            }
        }
        return operation
    }

    /// x[index] = value: the value broadcast to the selection's shape.
    static func setItem(_ x: Tensor, _ items: [IndexItem], _ value: Tensor) throws {
        let sel = try select(x, items)
        // PyTorch drops the value's leading dims of size 1 first (y[0] = torch.ones(1, 3))
        var trimmed = value.shape
        while trimmed.count > sel.shape.count, trimmed.first == 1 { trimmed.removeFirst() }
        guard (try? broadcastShape(sel.shape, trimmed)) == sel.shape else {
            // a basic index copies into a view (expand's words), an advanced one is index_put_
            if sel.isView, trimmed.count <= sel.shape.count { throw LanguageFailure(Interpreter.expandedSizeMessage(trimmed, to: sel.shape)) }
            if sel.isView {
                throw LanguageFailure("expand(torch.\(dtype(value).scalarName)Tensor{\(trimmed)}, size=\(sel.shape)): the number of sizes provided (\(sel.shape.count)) must be greater or equal to the number of dimensions in the tensor (\(trimmed.count))")
            }
            throw LanguageFailure("shape mismatch: value tensor of shape \(value.shape) cannot be broadcast to indexing result of shape \(sel.shape)")
        }
        let v = expand(trimmed == value.shape ? value : try value.reshaped(trimmed), to: sel.shape)
        let d = dtype(x)
        for i in 0..<sel.offsets.count {
            x.data[sel.offsets[i]] = d.isIntegral ? v[i].rounded(.towardZero) : d == .bool ? (v[i] != 0 ? 1 : 0) : v[i]
        }
    }
}
