import Foundation
import InceptionRuntime

/// Tensor methods that move or pick values by position (tril, triu, diag, roll, masked_select),
/// order statistics (median, kthvalue, mode, aminmax, count_nonzero), differences along a dim (diff, cumprod), a
/// few element-wise ones (trunc, frac, isclose, nan_to_num) and element_size,
/// with PyTorch's arguments, results and grad_fn names. The picking ones record their backward
/// as a scatter of the gradient back to the cells they read (`TensorOpsGrad.gather`).
extension Interpreter {
    static let matrixMethodNames = ["dot", "mm", "mv", "tril", "triu", "diag", "diagonal", "roll", "masked_select", "median", "kthvalue", "trunc", "frac",
                                    "isclose", "cumprod", "tile", "diff", "nan_to_num", "count_nonzero", "element_size", "unbind", "cummax", "cummin",
                                    "mode", "aminmax"]

    func matrixTensorMember(_ x: Tensor, _ name: String) throws -> Value? {
        let dt = TensorOps.dtype(x)
        func method(_ signature: Signature, _ body: @escaping (BoundArguments) throws -> Value) -> Value {
            .builtin(Builtin(signature.name) { _, arguments in try body(try signature.parsedAsTorch.bind(arguments)) })
        }
        func picked(_ shape: [Int], _ offsets: [Int], _ label: String) -> Tensor {
            TensorOpsGrad.picked(x, offsets: offsets, shape: shape, label: label)
        }
        // the k-th diagonal of the matrices in dims dim1 and dim2, as a last dim: its shape, its
        // cells in x, and where it starts in those two dims
        func diagonalCells(_ k: Int, _ d1: Int, _ d2: Int) throws -> (shape: [Int], offsets: [Int], first: (Int, Int)) {
            let first = k >= 0 ? (0, k) : (-k, 0)
            let length = max(0, min(x.shape[d1] - first.0, x.shape[d2] - first.1))
            let rest = x.shape.indices.filter { $0 != d1 && $0 != d2 }
            let strides = TensorOps.strides(x.shape)
            let shape = rest.map { x.shape[$0] } + [length]
            let offsets = shape.contains(0) ? [] : TensorOps.offsets(shape, rest.map { strides[$0] } + [strides[d1] + strides[d2]],
                                                                     base: first.0 * strides[d1] + first.1 * strides[d2])
            return (shape, offsets, first)
        }
        func diagonalView(_ k: Int, dim1: Int, dim2: Int) throws -> Value {
            let (d1, d2) = (try TensorOps.dim(dim1, rank: x.rank), try TensorOps.dim(dim2, rank: x.rank))
            guard d1 != d2 else { throw LanguageFailure("diagonal dimensions cannot be identical \(dim1), \(dim2)") }
            let cells = try diagonalCells(k, d1, d2)
            let y = picked(cells.shape, cells.offsets, "diagonal")
            return .tensor(TensorKinds.shared.markView(y, of: x, layout: TensorKinds.shared.layout(of: x)?.diagonal(from: cells.first.0, cells.first.1, dim1: d1, dim2: d2)))
        }
        switch name {
        case "dot", "mm", "mv":
            // the torch functions with x first (their checks and messages)
            return .builtin(Builtin(name) { [unowned self] _, arguments in
                var arguments = arguments
                arguments.positional.insert(.tensor(x), at: 0)
                return try torchFunction(name, arguments).value
            })
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
                if name == "diagonal" { return try diagonalView(k, dim1: try a.int("dim1"), dim2: try a.int("dim2")) }
                if x.rank == 1 && name == "diag" {
                    guard k.magnitude <= UInt(Int32.max) else { throw LanguageFailure("diag(): diagonal \(k) is out of range", as: .indexError) }
                    let n = x.count + abs(k)
                    try MemoryBudget.check(shape: [n, n], what: "diag()")
                    var offsets = [Int](repeating: -1, count: n * n)
                    for i in 0..<x.count { offsets[(k >= 0 ? i : i - k) * n + (k >= 0 ? i + k : i)] = i }
                    return .tensor(picked([n, n], offsets, "diag_embed"))
                }
                guard x.rank == 2 else { throw LanguageFailure("diag(): Supports 1D or 2D tensors. Got \(x.rank)D") }
                let cells = try diagonalCells(k, 0, 1)
                let copy = picked(cells.shape, cells.offsets, "diagonal")
                copy.gradNode?.displayName = "DiagonalBackward0_copy"                // as PyTorch 2.15 names diag's (a copy of diagonal)
                return .tensor(copy)
            }
        case "roll":
            return method(Signature("roll", [("shifts", nil), ("dims", Value.none)])) { a in
                let shifts = try a.intList(named: "shifts", broadcast: 1)
                guard let dims = try a.dims("dims") else {
                    guard shifts.count == 1 else { throw LanguageFailure("shifts and dimensions must align. shifts: \(shifts.count), dims:0", fix: "without dims, roll takes one shift (of the flattened tensor)") }
                    let n = x.count
                    let shift = shifts[0] % max(n, 1)
                    return .tensor(picked(x.shape, (0..<n).map { (($0 - shift) % max(n, 1) + n) % max(n, 1) }, "roll"))
                }
                guard dims.count == shifts.count else {
                    throw LanguageFailure("shifts and dimensions must align. shifts: \(shifts.count), dims:\(dims.count)")
                }
                if x.rank == 0, let d = dims.first {        // (a 0-d tensor has no dimension to roll along)
                    throw LanguageFailure("Dimension specified as \(d) but tensor has no dimensions", as: .indexError)
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
            // no dim: the lower of the two middle values of all; with dim: (values, indices). A NaN
            // anywhere makes it NaN (the first NaN's place), as PyTorch's (nanmedian skips them).
            return method(Signature("median", [("dim", Value.none), ("keepdim", .bool(false))])) { a in
                try TensorOps.requireValues(x, what: "median()")
                guard let d = try a.optionalInt("dim") else {
                    let order = (0..<x.count).sorted { Self.sortsBefore(x.data[$0], x.data[$1]) || (x.data[$0].isNaN && x.data[$1].isNaN && $0 < $1) }
                    let at = order.first { x.data[$0].isNaN } ?? (x.count > 0 ? order[(x.count - 1) / 2] : nil)
                    let out = TensorOps.make([], values: [at.map { x.data[$0] } ?? .nan], dt)      // NaN when empty
                    guard dt == .float32 else { return .tensor(out) }
                    // MedianBackward0 shares the gradient among the values equal to the median
                    return .tensor(TensorOpsGrad.extremum(x, out, target: [Int](repeating: 0, count: x.count), groups: 1, label: "median", evenly: true))
                }
                return try Self.orderStatistic(x, dim: d, keepdim: try a.bool("keepdim"), name: "median") { order, value in
                    order.first { value($0).isNaN } ?? order[(order.count - 1) / 2]
                }
            }
        case "kthvalue":
            return method(Signature("kthvalue", [("k", nil), ("dim", .int(-1)), ("keepdim", .bool(false))])) { a in
                try TensorOps.requireValues(x, what: "kthvalue()")
                let k = try a.int("k"), d = try a.int("dim")
                let size = x.rank == 0 ? 1 : x.shape[try TensorOps.dim(d, rank: x.rank)]
                if size == 0 { throw LanguageFailure("kthvalue(): Expected reduction dim \(try TensorOps.dim(d, rank: x.rank)) to have non-zero size.", as: .indexError) }
                guard k >= 1, k <= size else {
                    throw LanguageFailure("kthvalue(): selected number k out of range for dimension \(x.rank == 0 ? 0 : try TensorOps.dim(d, rank: x.rank))")
                }
                // ties: the one ATen's quick-select leaves at place k - 1
                return try Self.orderStatistic(x, dim: d, keepdim: try a.bool("keepdim"), name: "kthvalue") { order, value in
                    PyTorchSelectionOrders.quickSelectPosition((0..<order.count).map(value), k: k - 1)
                }
            }
        case "mode":
            // the most frequent value along dim (the smallest of those tied; a NaN equals nothing) and
            // the place PyTorch's kernel reports: the last of its run after std::sort by value
            return method(Signature("mode", [("dim", .int(-1)), ("keepdim", .bool(false))])) { a in
                try TensorOps.requireValues(x, what: "mode()")
                return try Self.orderStatistic(x, dim: try a.int("dim"), keepdim: try a.bool("keepdim"), name: "mode") { order, value in
                    var pairs = (0..<order.count).map { ($0, value($0)) }
                    PyTorchSelectionOrders.libstdcxxSort(&pairs) { $0.1 < $1.1 }
                    var (best, bestLength, length) = (0, 0, 0)
                    for i in pairs.indices {
                        length += 1
                        guard i == pairs.count - 1 || pairs[i].1 != pairs[i + 1].1 else { continue }
                        if length > bestLength { (best, bestLength) = (pairs[i].0, length) }
                        length = 0
                    }
                    return best
                }
            }
        case "aminmax":
            // (min, max) of all values, or along dim
            return method(Signature("aminmax", [("dim", Value.none), ("keepdim", .bool(false))])) { [unowned self] a in
                // an empty reduction has no identity: PyTorch's words for all values or one dim
                if let d = try a.optionalInt("dim") {
                    let axis = try TensorOps.dim(d, rank: max(x.rank, 1))
                    if x.rank > 0, x.shape[axis] == 0 { throw LanguageFailure("aminmax: Expected reduction dim \(axis) to have non-zero size.", as: .indexError) }
                    if x.count == 0 {       // another dim is empty: so are both results
                        var shape = x.shape
                        if try a.bool("keepdim") { shape[axis] = 1 } else { shape.remove(at: axis) }
                        let empty = Value.tensor(TensorOps.make(shape, values: [], dt))
                        return .object(NamedTuple(typeName: "torch.return_types.aminmax", names: ["min", "max"], values: [empty, empty]))
                    }
                } else if x.count == 0 {
                    throw LanguageFailure("aminmax(): cannot compute aminmax over an empty dimension as the operation has no identity.")
                }
                let arguments = Arguments([], keywords: [("dim", a["dim"]), ("keepdim", a["keepdim"])])
                let low = try callBack(try torchTensorMember(x, "amin")!, arguments), high = try callBack(try torchTensorMember(x, "amax")!, arguments)
                for case .tensor(let t) in [low, high] { t.gradNode?.displayName = "AminmaxBackward0" }
                return .object(NamedTuple(typeName: "torch.return_types.aminmax", names: ["min", "max"], values: [low, high]))
            }
        case "tile":
            // repeat with the sizes padded by leading 1s to the tensor's rank
            return Self.builtin(Signature("tile", [], variadic: "dims")) { [unowned self] _, a in
                let dims = try a.intList("dims")
                let padded = Array(repeating: 1, count: max(0, x.rank - dims.count)) + dims
                return try callBack(try torchTensorMember(x, "repeat")!, Arguments([.tuple(padded.map(Value.int))]))
            }
        case "trunc":
            return method(Signature(name)) { _ in
                .tensor(TensorOpsGrad.unary(x, TensorOps.map(x, dt) { $0.rounded(.towardZero) }, "trunc", masked: true) { _, _ in 0 })
            }
        case "frac":
            return method(Signature(name)) { _ in
                guard dt == .float32 else { throw LanguageFailure("\"frac_cpu\" not implemented for '\(dt.scalarName)'") }
                return .tensor(TensorOpsGrad.unary(x, TensorOps.map(x, dt) { $0 - $0.rounded(.towardZero) }, "frac") { _, _ in 1 })
            }
        case "isclose":
            // |x − y| ≤ atol + rtol·|y|, element-wise with broadcasting; NaNs equal only with equal_nan
            return method(Signature("isclose", [("other", nil), ("rtol", .float(1e-5)), ("atol", .float(1e-8)), ("equal_nan", .bool(false))])) { a in
                let y = try a.operand("other")
                let (rtol, atol, equalNaN) = (try a.double("rtol"), try a.double("atol"), try a.bool("equal_nan"))
                if a["other"].asTensor != nil, TensorOps.dtype(y) != dt { throw LanguageFailure("\(dt.scalarName) did not match \(TensorOps.dtype(y).scalarName)") }
                for (tolerance, value) in [("rtol", rtol), ("atol", atol)] where value < 0 {
                    throw LanguageFailure("\(tolerance) must be greater than or equal to zero, but got \(a[tolerance].repr)")
                }
                if a["other"].asTensor != nil, TensorOps.dtype(y) != dt { throw LanguageFailure("\(dt.scalarName) did not match \(TensorOps.dtype(y).scalarName)") }
                for (tolerance, value) in [("rtol", rtol), ("atol", atol)] where value < 0 {
                    throw LanguageFailure("\(tolerance) must be greater than or equal to zero, but got \(a[tolerance].repr)")
                }
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
            // running products along dim; backward: dx_i = Σ_{j ≥ i} g_j · Π_{k ≤ j, k ≠ i} x_k (zeros allowed)
            return method(Signature("cumprod", [("dim", nil), ("dtype", Value.none)])) { a in
                let d = try TensorOps.dim(try a.int("dim"), rank: max(x.rank, 1))
                let dtype = try Self.dtypeArgument(a) ?? (dt == .float32 ? .float32 : .int64)
                let length = x.rank == 0 ? 1 : x.shape[d], inner = x.rank == 0 ? 1 : x.shape[(d + 1)...].reduce(1, *)
                let outer = x.count / max(length * inner, 1)
                func at(_ o: Int, _ j: Int, _ i: Int) -> Int { (o * length + j) * inner + i }
                let out = TensorKinds.shared.setDType(TensorOps.make(x.shape) { p in
                    for o in 0..<outer {
                        for i in 0..<inner {
                            var product: Float = 1
                            for j in 0..<length { product *= x.data[at(o, j, i)]; p[at(o, j, i)] = product }
                        }
                    }
                }, dtype)
                guard dtype == .float32 else { return .tensor(out) }
                return .tensor(Autograd.record(out, "cumprod", inputs: [x]) { [weak out] g in
                    guard let out else { throw TensorError.invalidArgument("cumprod backward: its output is gone") }
                    if x.count <= 1 || length == 1 { return [g.copy()] }
                    let dx = Tensor(zeros: x.shape)
                    for o in 0..<outer { for i in 0..<inner where !(0..<length).contains(where: { x.data[at(o, $0, i)] == 0 }) {
                        // PyTorch's cumprod_backward on a slice with no 0: the reversed cumulative sum
                        // (in double, as ATen's cumsum accumulates) of g · out, divided by x (so an ∞ or
                        // NaN input spreads NaN as there)
                        var total = 0.0
                        for m in (0..<length).reversed() {
                            total += Double(g.data[at(o, m, i)] * out.data[at(o, m, i)])
                            dx.data[at(o, m, i)] = Float(total) / x.data[at(o, m, i)]
                        }
                    } }
                    // a slice with a 0: the products of the others, term by term
                    for o in 0..<outer { for i in 0..<inner where (0..<length).contains(where: { x.data[at(o, $0, i)] == 0 }) { for m in 0..<length {
                        var (sum, product): (Float, Float) = (0, 1)       // product: Π_{k ≤ j, k ≠ m} x_k
                        for k in 0..<m { product *= x.data[at(o, k, i)] }
                        for j in m..<length {
                            if j > m { product *= x.data[at(o, j, i)] }
                            sum += g.data[at(o, j, i)] * product
                        }
                        dx.data[at(o, m, i)] = sum
                    } } }
                    return [dx]
                })
            }
        case "unbind":
            // the slices along dim, each a gather of its cells
            return method(Signature("unbind", [("dim", .int(0))])) { a in
                guard x.rank > 0 else { throw LanguageFailure("Dimension specified as 0 but tensor has no dimensions", as: .indexError) }
                let d = try TensorOps.dim(try a.int("dim"), rank: x.rank)
                let (length, inner) = (x.shape[d], x.shape[(d + 1)...].reduce(1, *)), outer = x.count / max(x.shape[d...].reduce(1, *), 1)
                var shape = x.shape
                shape.remove(at: d)
                return .tuple((0..<length).map { j in
                    var offsets: [Int] = []
                    offsets.reserveCapacity(outer * inner)
                    for o in 0..<outer { for i in 0..<inner { offsets.append((o * length + j) * inner + i) } }
                    let slice = TensorKinds.shared.setDType(picked(shape, offsets, "unbind"), dt)
                    slice.gradNode?.displayName = "UnbindBackward0"
                    return .tensor(TensorKinds.shared.markView(slice, of: x, layout: TensorKinds.shared.layout(of: x)?.selecting(j, along: d)))
                })
            }
        case "cummax", "cummin":
            // the running maximum (minimum) along dim and where it was: a later equal value takes
            // over, a NaN stays once met (PyTorch's rule); values gather their cells
            return method(Signature(name, [("dim", nil)])) { a in
                let d = try TensorOps.dim(try a.int("dim"), rank: max(x.rank, 1))
                let length = x.rank == 0 ? 1 : x.shape[d], inner = x.rank == 0 ? 1 : x.shape[(d + 1)...].reduce(1, *)
                let outer = x.count / max(length * inner, 1)
                var offsets = [Int](repeating: 0, count: x.count), where_ = [Float](repeating: 0, count: x.count)
                for o in 0..<outer {
                    for i in 0..<inner {
                        var best = -1
                        for j in 0..<length {
                            let at = (o * length + j) * inner + i, v = x.data[at]
                            if best < 0 { best = at } else {
                                let b = x.data[best]
                                if v.isNaN || (!b.isNaN && (name == "cummax" ? v >= b : v <= b)) { best = at }
                            }
                            offsets[at] = best
                            where_[at] = Float((best - o * length * inner - i) / inner)
                        }
                    }
                }
                let values = TensorKinds.shared.setDType(picked(x.shape, offsets, name), dt)
                values.gradNode?.displayName = name == "cummax" ? "CummaxBackward0" : "CumminBackward0"
                let indices = TensorKinds.shared.setDType(TensorOps.make(x.shape, values: where_), .int64)
                return .object(NamedTuple(typeName: "torch.return_types.\(name)", names: ["values", "indices"], values: [.tensor(values), .tensor(indices)]))
            }
        case "diff":
            // out[j] = x[j + 1] − x[j] along dim, n times; backward the two scatters
            return method(Signature("diff", [("n", .int(1)), ("dim", .int(-1)), ("prepend", Value.none), ("append", Value.none)])) { a in
                guard x.rank >= 1 else { throw LanguageFailure("diff expects input to be at least one-dimensional") }
                let d = try TensorOps.dim(try a.int("dim"), rank: x.rank), times = try a.int("n")
                guard times >= 0 else { throw LanguageFailure("order must be non-negative but got \(times)") }
                // prepend and append join x along dim first (recorded, so their gradients flow too)
                let ends = try ["prepend", "append"].map { key -> Tensor? in
                    if a[key].isNone { return nil }
                    guard case .tensor(let t) = a[key] else { throw LanguageFailure("diff(): argument '\(key)' must be Tensor, not \(a[key].typeName)", as: .typeError) }
                    guard t.rank == x.rank else { throw LanguageFailure("diff expects prepend or append to be the same dimension as input") }
                    if let k = (0..<x.rank).first(where: { $0 != d && t.shape[$0] != x.shape[$0] }) {
                        throw LanguageFailure("diff expects the shape of tensor to prepend or append to match that of input except along the differencing dimension; input.size(\(k)) = \(x.shape[k]), but got tensor.size(\(k)) = \(t.shape[k])")
                    }
                    return t
                }
                let joined = ends.allSatisfy { $0 == nil } ? x : try TensorOps.cat([ends[0], x, ends[1]].compactMap { $0 }, dim: d)
                let dt = TensorOps.dtype(joined)
                var y = joined
                for _ in 0..<times where y.shape[d] > 0 {
                    let source = y, length = source.shape[d], inner = source.shape[(d + 1)...].reduce(1, *)
                    let outer = source.count / max(length * inner, 1)
                    var shape = source.shape
                    shape[d] = length - 1
                    let out = TensorOps.make(shape, dt == .bool ? .bool : dt) { p in
                        for o in 0..<outer { for j in 0..<(length - 1) { for i in 0..<inner {
                            let (now, next) = (source.data[(o * length + j) * inner + i], source.data[(o * length + j + 1) * inner + i])
                            p[(o * (length - 1) + j) * inner + i] = dt == .bool ? (now != next ? 1 : 0) : next - now
                        } } }
                    }
                    y = dt != .float32 ? out : Autograd.record(out, "diff", inputs: [source]) { g in
                        let dx = Tensor(zeros: source.shape)
                        for o in 0..<outer { for j in 0..<(length - 1) { for i in 0..<inner {
                            let gv = g.data[(o * (length - 1) + j) * inner + i]
                            dx.data[(o * length + j + 1) * inner + i] += gv
                            dx.data[(o * length + j) * inner + i] -= gv
                        } } }
                        return [dx]
                    }
                }
                return .tensor(y)
            }
        case "nan_to_num":
            // NaN → nan, +∞ → posinf, −∞ → neginf (float's largest and lowest by default); gradient where x is finite
            return method(Signature("nan_to_num", [("nan", .float(0)), ("posinf", Value.none), ("neginf", Value.none)])) { a in
                let (nan, high, low) = (Float(try a.double("nan")), Float(a["posinf"].asDouble ?? Double(Float.greatestFiniteMagnitude)),
                                        Float(a["neginf"].asDouble ?? -Double(Float.greatestFiniteMagnitude)))
                let out = TensorOps.map(x) { $0.isNaN ? nan : $0 == .infinity ? high : $0 == -.infinity ? low : $0 }
                return .tensor(dt != .float32 ? out : TensorOpsGrad.unary(x, out, "nan_to_num") { v, _ in v.isFinite ? 1 : 0 })
            }
        case "count_nonzero":
            return method(Signature("count_nonzero", [("dim", Value.none)])) { a in
                let ones = TensorOps.map(x, .int64) { $0 != 0 ? 1 : 0 }
                let counted = try TensorOps.reduce(ones, .sum, dims: try a.dims("dim"), keepdim: false)
                return .tensor(TensorKinds.shared.setDType(counted, .int64))
            }
        case "element_size":
            return method(Signature("element_size")) { _ in .int(dt.elementSize) }
        default: return nil
        }
    }

    /// The order in which sorting puts two values: NaN after every number, as PyTorch sorts.
    static func sortsBefore(_ a: Float, _ b: Float) -> Bool { b.isNaN ? !a.isNaN : a < b }

    /// The value `choose` picks along dim from the positions sorted by value (ties by position)
    /// and a position's value, with its index: (values, indices) as torch.return_types.`name`.
    static func orderStatistic(_ x: Tensor, dim d: Int, keepdim: Bool, name: String,
                               choose: ([Int], (Int) -> Float) -> Int) throws -> Value {
        let axis = try TensorOps.dim(d, rank: max(x.rank, 1))
        let shape = x.rank == 0 ? [1] : x.shape
        let size = shape[axis], inner = shape[(axis + 1)...].reduce(1, *), outer = x.count / max(size * inner, 1)
        guard size > 0 else { throw LanguageFailure("\(name)(): Expected reduction dim \(axis) to have non-zero size.", as: .indexError) }
        var offsets: [Int] = [], indices: [Float] = []
        for o in 0..<outer {
            for i in 0..<inner {
                let cells = (0..<size).map { (o * size + $0) * inner + i }
                let order = (0..<size).sorted { p, q in
                    let (a, b) = (x.data[cells[p]], x.data[cells[q]])
                    return Self.sortsBefore(a, b) || ((a == b || (a.isNaN && b.isNaN)) && p < q)
                }
                let chosen = choose(order) { x.data[cells[$0]] }
                offsets.append(cells[chosen]); indices.append(Float(chosen))
            }
        }
        var outShape = x.rank == 0 ? [] : x.shape
        if x.rank > 0 { if keepdim { outShape[axis] = 1 } else { outShape.remove(at: axis) } }
        let values = TensorOps.make(outShape, TensorOps.dtype(x)) { p in for (i, at) in offsets.enumerated() { p[i] = x.data[at] } }
        let recorded = TensorOpsGrad.gather(values, from: x, offsets: offsets, label: name == "median" || name == "nanmedian" ? name + "_dim" : name)
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
