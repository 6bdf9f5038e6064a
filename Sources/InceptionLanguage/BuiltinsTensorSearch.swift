import Foundation
import InceptionRuntime

/// Picking along one dimension (index_select, unfold's sliding windows), counting into bins
/// (histc) and searching sorted values (bucketize, searchsorted), with PyTorch's arguments,
/// results, messages and grad_fn names. The picking ones record their backward as the scatter
/// of the gradient back to the cells they read (`TensorOpsGrad.gather`).
extension Interpreter {
    static let searchMethodNames = ["index_select", "unfold", "histc"]

    func searchTensorMember(_ x: Tensor, _ name: String) throws -> Value? {
        func method(_ signature: Signature, _ body: @escaping (BoundArguments) throws -> Value) -> Value {
            .builtin(Builtin(signature.name) { _, arguments in try body(try signature.parsedAsTorch.bind(arguments)) })
        }
        func picked(_ shape: [Int], _ offsets: [Int], _ label: String) -> Tensor {
            TensorOpsGrad.picked(x, offsets: offsets, shape: shape, label: label)
        }
        // x viewed as (outer, length, inner) around dim d
        func around(_ d: Int) -> (outer: Int, length: Int, inner: Int) {
            let length = x.rank == 0 ? 1 : x.shape[d], inner = x.rank == 0 ? 1 : x.shape[(d + 1)...].reduce(1, *)
            return (x.count / max(length * inner, 1), length, inner)
        }
        switch name {
        case "index_select":
            // the rows `index` names along dim, in its order, repeats allowed
            return method(Signature("index_select", [("dim", nil), ("index", nil)])) { a in
                let d = try TensorOps.dim(try a.int("dim"), rank: max(x.rank, 1)), index = try a.tensor("index")
                guard TensorOps.dtype(index).isIntegral else { throw LanguageFailure("index_select(): Expected dtype int32 or int64 for index") }
                guard index.rank <= 1 else { throw LanguageFailure("index_select(): Index is supposed to be a vector", as: .indexError) }
                let (outer, length, inner) = around(d)
                let rows = index.values.map { Int($0) }
                if x.rank == 0, rows.count != 1 {
                    throw LanguageFailure("index_select(): Index to scalar can have only 1 value, got \(rows.count) value(s)")
                }
                // PyTorch's check for an empty self of 2 or more dims comes first, in its own words
                if x.rank > 1, x.count == 0, !rows.isEmpty {
                    guard length > 0 else { throw LanguageFailure("index_select(): self indexing axis dim should be positive") }
                    if let bad = rows.first(where: { !(0..<length).contains($0) }) {
                        throw LanguageFailure("INDICES element is out of DATA bounds, id=\(bad) axis_dim=\(length)", fix: "index_select(\(d), …) takes indices in 0..<\(length)")
                    }
                }
                if let bad = rows.first(where: { !(0..<length).contains($0) }) {
                    // PyTorch's words differ by path: its fast kernel for dim 1, its general one otherwise
                    let fix = "index_select(\(d), …) takes indices in 0..<\(length)"
                    if x.rank > 1 && d == 1 { throw LanguageFailure("INDICES element is out of DATA bounds, id=\(bad) axis_dim=\(length)", fix: fix) }
                    throw LanguageFailure("index out of range in self", fix: fix, as: .indexError)
                }
                var shape = x.shape
                if x.rank > 0 { shape[d] = rows.count }
                try MemoryBudget.check(shape: shape, what: "index_select()")
                var offsets: [Int] = []
                offsets.reserveCapacity(outer * rows.count * inner)
                for o in 0..<outer { for r in rows { for i in 0..<inner { offsets.append((o * length + r) * inner + i) } } }
                return .tensor(picked(shape, offsets, "index_select"))
            }
        case "unfold":
            // every window of `size` along dim, `step` apart: dim becomes the window count, size a new last dim
            return method(Signature("unfold", [("dimension", nil), ("size", nil), ("step", nil)])) { a in
                let d = try TensorOps.dim(try a.int("dimension"), rank: max(x.rank, 1)), size = try a.int("size"), step = try a.int("step")
                let (outer, length, inner) = around(d)
                guard size <= length else { throw LanguageFailure("maximum size for tensor at dimension \(d) is \(length) but size is \(size)") }
                guard size >= 0 else { throw LanguageFailure("size is \(size) but must be >= 0") }
                guard step > 0 else { throw LanguageFailure("step is \(step) but must be > 0") }
                let windows = (length - size) / step + 1
                var shape = x.shape
                if x.rank > 0 { shape[d] = windows }
                shape.append(size)
                try MemoryBudget.check(shape: shape, what: "unfold()")
                var offsets: [Int] = []
                offsets.reserveCapacity(outer * windows * inner * size)
                for o in 0..<outer { for w in 0..<windows { for i in 0..<inner { for k in 0..<size {
                    offsets.append((o * length + w * step + k) * inner + i)
                } } } }
                let layout = x.rank == 0 ? nil : TensorKinds.shared.layout(of: x)?.unfolded(along: d, step: step)
                return .tensor(TensorKinds.shared.markView(picked(shape, offsets, "unfold"), of: x, layout: layout))
            }
        case "histc":
            return method(Signature("histc", [("bins", .int(100)), ("min", .int(0)), ("max", .int(0))])) { a in
                .tensor(try Self.histogram(x, bins: try a.int("bins"), low: try a.double("min"), high: try a.double("max")))
            }
        default: return nil
        }
    }

    /// histc: counts of x's values in `bins` equal bins over [low, high] (the data's own range
    /// when both are 0, widened by 1 each way when that is one value); values outside are left
    /// out, the top edge counts in the last bin. The bin is computed in float as PyTorch does.
    static func histogram(_ x: Tensor, bins: Int, low: Double, high: Double) throws -> Tensor {
        guard TensorOps.dtype(x) == .float32 else { throw LanguageFailure("\"histogram_cpu\" not implemented for '\(TensorOps.dtype(x).scalarName)'", as: .notImplementedError) }
        guard bins > 0 else { throw LanguageFailure("torch.histogram(): bins must be > 0, but got \(bins) for dimension 0") }
        try MemoryBudget.check(shape: [bins], what: "histc()")
        var (left, right) = (Float(low), Float(high))
        let values = x.values
        if left == right, let lo = values.filter({ !$0.isNaN }).min(), let hi = values.filter({ !$0.isNaN }).max() { (left, right) = (lo, hi) }
        if left == right { left -= 1; right += 1 }
        guard left.isFinite, right.isFinite else {
            // the bounds as C++'s stream prints them: nan, inf, 2, 0.5
            let printed = { (v: Float) in v.isNaN ? "nan" : v.isInfinite ? (v > 0 ? "inf" : "-inf") : v == v.rounded() ? String(Int(v)) : String(format: "%g", Double(v)) }
            throw LanguageFailure("torch.histc: range of [\(printed(left)), \(printed(right))] is not finite")
        }
        guard left < right else { throw LanguageFailure("torch.histc: max must be larger than min") }
        var counts = [Float](repeating: 0, count: bins)
        for v in values where v >= left && v <= right {
            let bin = Int((v - left) * Float(bins) / (right - left))
            counts[min(bin, bins - 1)] += 1
        }
        return TensorOps.make([bins], values: counts)
    }

    /// bucketize and searchsorted: for each value, how many of its sorted row's boundaries lie
    /// below it (`right`: at or below it), as int64.
    func searchBuiltins() -> [String: Value] {
        var t: [String: Value] = [:]
        t["bucketize"] = Self.builtin(Signature("bucketize", [("input", nil), ("boundaries", nil), ("out_int32", .bool(false)), ("right", .bool(false))])) { interpreter, a in
            let boundaries = try a.tensor("boundaries")
            guard boundaries.rank == 1 else { throw LanguageFailure("boundaries tensor must be 1 dimension, but got dim(\(boundaries.rank))") }
            let input = try a.operand("input")
            return .tensor(try Self.sortedSearch(boundaries, input, right: try a.bool("right"), int32: try a.bool("out_int32")))
        }
        t["searchsorted"] = Self.builtin(Signature("searchsorted", [("sorted_sequence", nil), ("input", nil), ("out_int32", .bool(false)),
                                                                      ("right", .bool(false)), ("side", Value.none), ("sorter", Value.none)])) { interpreter, a in
            var right = try a.bool("right")
            if let side = try a.optionalString("side") {
                guard side == "left" || side == "right" else { throw LanguageFailure("torch.searchsorted(): side can only be 'left' or 'right' but got \(side)") }
                guard !(right && side == "left") else { throw LanguageFailure("torch.searchsorted(): side and right can't be set to opposites, got side of left while right was True") }
                right = side == "right"
            }
            var sorted = try a.tensor("sorted_sequence")
            let input = try a.operand("input")
            if case .tensor(let sorter) = a["sorter"] {
                // the sequence read in sorter's order along its last dim, as PyTorch searches it
                guard sorter.shape == sorted.shape else {
                    throw LanguageFailure("torch.searchsorted(): boundary and sorter must have the same size, but got boundary tensor \(sorted.shape)and got sorter tensor \(sorter.shape)")
                }
                guard case .tensor(let reordered) = try interpreter.tensorMethod(sorted, "gather", [.int(-1), .tensor(sorter)]) else { return .none }
                sorted = reordered
            }
            return .tensor(try Self.sortedSearch(sorted, input, right: right, int32: try a.bool("out_int32")))
        }
        return t
    }

    // sorted: (…, m) rows, or one row for all; values: (…, k) with the same leading dims → (…, k)
    static func sortedSearch(_ sorted: Tensor, _ values: Tensor, right: Bool, int32: Bool) throws -> Tensor {
        let m = sorted.shape.last ?? 1
        let rows = sorted.count / max(m, 1)
        if sorted.rank > 1 {
            guard values.rank == sorted.rank, Array(values.shape.dropLast()) == Array(sorted.shape.dropLast()) else {
                throw LanguageFailure("torch.searchsorted(): boundaries tensor should be 1 dimension or the first N-1 dimensions of boundaries tensor and input value tensor must match, but we got boundaries tensor \(sorted.shape) and input value tensor \(values.shape)")
            }
        }
        let perRow = rows > 1 ? values.count / rows : values.count
        let out = TensorOps.make(values.shape) { p in
            for i in 0..<values.count {
                let row = rows > 1 ? i / max(perRow, 1) : 0, base = sorted.data + row * m, v = values.data[i]
                var (lo, hi) = (0, m)     // first boundary not below v (right: above it); ATen's test, so a NaN goes last
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if right ? !(base[mid] > v) : !(base[mid] >= v) { lo = mid + 1 } else { hi = mid }
                }
                p[i] = Float(lo)
            }
        }
        return TensorKinds.shared.setDType(out, int32 ? .int32 : .int64)
    }
}
