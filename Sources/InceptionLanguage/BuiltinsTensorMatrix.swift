import Foundation
import InceptionRuntime

/// Tensor methods that move or pick values by position (tril, triu, diag, roll, masked_select),
/// order statistics (median, kthvalue), and a few element-wise ones (trunc, frac, isclose, cumprod),
/// with PyTorch's arguments, results and grad_fn names. The picking ones record their backward
/// as a scatter of the gradient back to the cells they read (`TensorOpsGrad.gather`).
extension Interpreter {
    static let matrixMethodNames = ["tril", "triu", "diag", "diagonal", "roll", "masked_select", "median", "kthvalue", "trunc", "frac",
                                    "isclose", "cumprod", "tile"]

    func matrixTensorMember(_ x: Tensor, _ name: String) throws -> Value? {
        let dt = TensorOps.dtype(x)
        func method(_ signature: Signature, _ body: @escaping (BoundArguments) throws -> Value) -> Value {
            .builtin(Builtin(signature.name) { _, arguments in try body(try signature.bind(arguments)) })
        }
        /// out[i] = x[offsets[i]] (0 where the offset is −1), its backward the scatter.
        func picked(_ shape: [Int], _ offsets: [Int], _ label: String) -> Tensor {
            let out = TensorOps.make(shape, dt) { p in for (i, o) in offsets.enumerated() { p[i] = o >= 0 ? x.data[o] : 0 } }
            return TensorOpsGrad.gather(out, from: x, offsets: offsets, label: label)
        }
        switch name {
        case "tril", "triu":
            // the cells on and below (tril) or on and above (triu) the diagonal-th diagonal of each matrix
            return method(Signature(name, [("diagonal", .int(0))])) { a in
                guard x.rank >= 2 else { throw LanguageFailure("\(name): input tensor must have at least 2 dimensions") }
                let k = try a.int("diagonal"), (rows, cols) = (x.shape[x.rank - 2], x.shape[x.rank - 1])
                let offsets = (0..<x.count).map { i -> Int in
                    let (r, c) = ((i / cols) % max(rows, 1), i % cols)
                    return (name == "tril" ? c - r <= k : c - r >= k) ? i : -1
                }
                return .tensor(picked(x.shape, offsets, name))
            }
        case "diag", "diagonal":
            // a vector → the matrix with it on the k-th diagonal; a matrix → its k-th diagonal
            return method(Signature(name, name == "diag" ? [("diagonal", .int(0))] : [("offset", .int(0)), ("dim1", .int(0)), ("dim2", .int(1))])) { a in
                let k = try a.int(name == "diag" ? "diagonal" : "offset")
                if name == "diagonal" {
                    guard x.rank == 2, try a.int("dim1") == 0, try a.int("dim2") == 1 else {
                        throw LanguageFailure("diagonal(): only the diagonal of a matrix (dim1=0, dim2=1) is supported here")
                    }
                }
                if x.rank == 1 && name == "diag" {
                    guard k.magnitude <= UInt(Int32.max) else { throw LanguageFailure("diag(): diagonal \(k) is out of range", as: .indexError) }
                    let n = x.count + abs(k)
                    try MemoryBudget.check(shape: [n, n], what: "diag()")
                    var offsets = [Int](repeating: -1, count: n * n)
                    for i in 0..<x.count { offsets[(k >= 0 ? i : i - k) * n + (k >= 0 ? i + k : i)] = i }
                    return .tensor(picked([n, n], offsets, "diag_embed"))
                }
                guard x.rank == 2 else { throw LanguageFailure("\(name): expected a 1-D or 2-D tensor, got \(x.rank)-D", as: .valueError) }
                let (rows, cols) = (x.shape[0], x.shape[1])
                let first = k >= 0 ? (0, k) : (-k, 0)
                let length = max(0, min(rows - first.0, cols - first.1))
                return .tensor(picked([length], (0..<length).map { (first.0 + $0) * cols + first.1 + $0 }, "diagonal"))
            }
        case "roll":
            return method(Signature("roll", [("shifts", nil), ("dims", Value.none)])) { a in
                let shifts = try Self.intList(a["shifts"], "roll", "shifts")
                guard let dims = try Self.dims(a["dims"], "roll") else {
                    guard shifts.count == 1 else { throw LanguageFailure("roll(): shifts and dims must have the same length (no dims: one shift)") }
                    let n = x.count
                    let shift = shifts[0] % max(n, 1)
                    return .tensor(picked(x.shape, (0..<n).map { (($0 - shift) % max(n, 1) + n) % max(n, 1) }, "roll"))
                }
                guard dims.count == shifts.count else {
                    throw LanguageFailure("shifts and dimensions must align. shifts: \(shifts.count), dims:\(dims.count)")
                }
                let axes = try dims.map { try TensorOps.dim($0, rank: x.rank) }
                let strides = TensorOps.strides(x.shape)
                let offsets = (0..<x.count).map { i -> Int in
                    var source = i
                    for (axis, shift) in zip(axes, shifts) {
                        let size = x.shape[axis], at = (source / strides[axis]) % size, reduced = shift % size
                        source += (((at - reduced) % size + size) % size - at) * strides[axis]
                    }
                    return source
                }
                return .tensor(picked(x.shape, offsets, "roll"))
            }
        case "masked_select":
            return method(Signature("masked_select", [("mask", nil)])) { a in
                let mask = try a.tensor("mask")
                guard TensorOps.dtype(mask) == .bool else { throw LanguageFailure("masked_select: expected BoolTensor for mask") }
                let shape = try TensorOps.broadcastShape(x.shape, mask.shape)
                guard shape == x.shape else { throw LanguageFailure("masked_select: the mask \(formatShape(mask.shape)) does not broadcast to \(formatShape(x.shape))") }
                let m = TensorOps.expand(mask, to: shape)
                let offsets = (0..<x.count).filter { m[$0] != 0 }
                return .tensor(picked([offsets.count], offsets, "masked_select"))
            }
        case "median":
            // no dim: the lower of the two middle values of all; with dim: (values, indices)
            return method(Signature("median", [("dim", Value.none), ("keepdim", .bool(false))])) { a in
                try TensorOps.requireValues(x, what: "median()")
                guard let d = try a.optionalInt("dim") else {
                    guard x.count > 0 else { return .tensor(TensorOps.make([], values: [.nan], dt)) }
                    let order = (0..<x.count).sorted { Self.sortsBefore(x.data[$0], x.data[$1]) }
                    return .tensor(picked([], [order[(x.count - 1) / 2]], "median"))
                }
                return try Self.orderStatistic(x, dim: d, keepdim: try a.bool("keepdim"), name: "median", rank: { ($0 - 1) / 2 })
            }
        case "kthvalue":
            return method(Signature("kthvalue", [("k", nil), ("dim", .int(-1)), ("keepdim", .bool(false))])) { a in
                try TensorOps.requireValues(x, what: "kthvalue()")
                let k = try a.int("k"), d = try a.int("dim")
                let size = x.rank == 0 ? 1 : x.shape[try TensorOps.dim(d, rank: x.rank)]
                guard k >= 1, k <= size else {
                    throw LanguageFailure("kthvalue(): selected number k out of range for dimension \(x.rank == 0 ? 0 : try TensorOps.dim(d, rank: x.rank))")
                }
                return try Self.orderStatistic(x, dim: d, keepdim: try a.bool("keepdim"), name: "kthvalue", rank: { _ in k - 1 })
            }
        case "tile":
            // repeat with the sizes padded by leading 1s to the tensor's rank
            return Self.builtin(Signature("tile", [], variadic: "dims")) { [unowned self] _, a in
                var items = a.rest
                if items.count == 1, let inner = items[0].sequenceItems() { items = inner }
                let padding = [Value](repeating: .int(1), count: max(0, x.rank - items.count))
                return try callBack(try torchTensorMember(x, "repeat")!, Arguments([.tuple(padding + items)]))
            }
        case "trunc":
            return method(Signature(name)) { _ in
                .tensor(TensorOpsGrad.unary(x, TensorOps.map(x, dt) { $0.rounded(.towardZero) }, "trunc") { _, _ in 0 })
            }
        case "frac":
            return method(Signature(name)) { _ in
                guard dt == .float32 else { throw LanguageFailure("\"frac_cpu\" not implemented for '\(dt == .int64 ? "Long" : "Bool")'") }
                return .tensor(TensorOpsGrad.unary(x, TensorOps.map(x, dt) { $0 - $0.rounded(.towardZero) }, "frac") { _, _ in 1 })
            }
        case "isclose":
            // |x − y| ≤ atol + rtol·|y|, element-wise with broadcasting; NaNs equal only with equal_nan
            return method(Signature("isclose", [("other", nil), ("rtol", .float(1e-5)), ("atol", .float(1e-8)), ("equal_nan", .bool(false))])) { [self] a in
                let y = try operand(a["other"], "isclose")
                let (rtol, atol, equalNaN) = (try a.double("rtol"), try a.double("atol"), try a.bool("equal_nan"))
                let shape = try TensorOps.broadcastShape(x.shape, y.shape)
                let p = TensorOps.expand(x, to: shape), q = TensorOps.expand(y, to: shape)
                return .tensor(TensorOps.make(shape, .bool) { out in
                    for i in 0..<p.count {
                        let (u, v) = (Double(p[i]), Double(q[i]))
                        out[i] = u == v || (equalNaN && u.isNaN && v.isNaN) || (u.isFinite && v.isFinite && abs(u - v) <= atol + rtol * abs(v)) ? 1 : 0
                    }
                })
            }
        case "cumprod":
            // running products along dim (forward only; its backward is refused by the safety net)
            return method(Signature("cumprod", [("dim", nil), ("dtype", Value.none)])) { a in
                let d = try TensorOps.dim(try a.int("dim"), rank: max(x.rank, 1))
                let dtype = try Self.dtypeArgument(a["dtype"]) ?? (dt == .float32 ? .float32 : .int64)
                let length = x.rank == 0 ? 1 : x.shape[d], inner = x.rank == 0 ? 1 : x.shape[(d + 1)...].reduce(1, *)
                let outer = x.count / max(length * inner, 1)
                return .tensor(TensorKinds.shared.setDType(TensorOps.make(x.shape) { p in
                    for o in 0..<outer {
                        for i in 0..<inner {
                            var product: Float = 1
                            for j in 0..<length {
                                let at = (o * length + j) * inner + i
                                product *= x.data[at]
                                p[at] = product
                            }
                        }
                    }
                }, dtype))
            }
        default: return nil
        }
    }

    /// The order in which sorting puts two values: NaN after every number, as PyTorch sorts.
    static func sortsBefore(_ a: Float, _ b: Float) -> Bool { b.isNaN ? !a.isNaN : a < b }

    /// The `rank(n)`-th smallest value (0-based) along dim, and its index: median's and kthvalue's
    /// (values, indices), each value recorded for backward as a pick of its cell.
    // x: (…, n, …) → values, indices: (…, …), or (…, 1, …) with keepdim
    static func orderStatistic(_ x: Tensor, dim d: Int, keepdim: Bool, name: String, rank: (Int) -> Int) throws -> Value {
        let axis = try TensorOps.dim(d, rank: max(x.rank, 1))
        let shape = x.rank == 0 ? [1] : x.shape
        let size = shape[axis], inner = shape[(axis + 1)...].reduce(1, *), outer = x.count / max(size * inner, 1)
        guard size > 0 else { throw LanguageFailure("\(name)(): Expected reduction dim \(axis) to have non-zero size.", as: .indexError) }
        var offsets: [Int] = [], indices: [Float] = []
        for o in 0..<outer {
            for i in 0..<inner {
                let cells = (0..<size).map { (o * size + $0) * inner + i }
                let order = (0..<size).sorted { Self.sortsBefore(x.data[cells[$0]], x.data[cells[$1]]) || (x.data[cells[$0]] == x.data[cells[$1]] && $0 < $1) }
                let chosen = order[rank(size)]
                offsets.append(cells[chosen]); indices.append(Float(chosen))
            }
        }
        var outShape = x.rank == 0 ? [] : x.shape
        if x.rank > 0 { if keepdim { outShape[axis] = 1 } else { outShape.remove(at: axis) } }
        let values = TensorOps.make(outShape, TensorOps.dtype(x)) { p in for (i, at) in offsets.enumerated() { p[i] = x.data[at] } }
        let recorded = TensorOpsGrad.gather(values, from: x, offsets: offsets, label: name == "median" ? "median_dim" : name)
        return .object(NamedTuple(typeName: "torch.return_types.\(name)", names: ["values", "indices"],
                                  values: [.tensor(recorded), .tensor(TensorOps.make(outShape, values: indices, .int64))]))
    }

    /// An int or a sequence of ints, for arguments such as roll's shifts.
    static func intList(_ v: Value, _ function: String, _ argument: String) throws -> [Int] {
        if case .int(let n) = v { return [n] }
        guard let items = v.sequenceItems() else { throw LanguageFailure("\(function)(): \(argument) must be an int or a tuple of ints, got \(v.typeName)") }
        return try items.map { item in
            guard case .int(let n) = item else { throw LanguageFailure("\(function)(): \(argument) must hold ints, got \(item.repr)") }
            return n
        }
    }
}
