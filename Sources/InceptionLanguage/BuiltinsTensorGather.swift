import Foundation
import InceptionRuntime

/// Tensor methods that pick or place values by index, and a few that test or summarise values:
/// gather (with its backward), scatter / scatter_, repeat_interleave, unique, logsumexp,
/// isnan / isinf / isfinite. PyTorch's rules and messages.
extension Interpreter {
    static let gatherMethodNames = ["gather", "scatter", "scatter_", "repeat_interleave", "unique", "logsumexp",
                                    "isnan", "isinf", "isfinite", "isposinf", "isneginf", "isreal"]

    func gatherTensorMember(_ x: Tensor, _ name: String) throws -> Value? {
        let dt = TensorOps.dtype(x)
        func method(_ signature: Signature, _ body: @escaping (BoundArguments) throws -> Value) -> Value {
            .builtin(Builtin(signature.name) { _, arguments in try body(try signature.parsedAsTorch.bind(arguments)) })
        }
        switch name {
        case "gather":
            // out[…, i, …] = x[…, index[…, i, …], …] along dim; out has index's shape
            return method(Signature("gather", [("dim", nil), ("index", nil)])) { a in
                let index = try a.tensor("index"), d = try TensorOps.dim(try a.int("dim"), rank: x.rank)
                let offsets = try Self.indexOffsets(x, index: index, dim: d, "gather")
                let out = TensorOps.make(index.shape, dt) { p in for (i, o) in offsets.enumerated() { p[i] = x.data[o] } }
                return .tensor(TensorOpsGrad.gather(out, from: x, offsets: offsets, label: "gather"))
            }
        case "scatter", "scatter_":
            // out = x with out[…, index[…, i, …], …] = src[…, i, …] (or value) along dim
            return method(Signature(name, [("dim", nil), ("index", nil), ("src", Value.none), ("value", Value.none)])) { [self] a in
                let index = try a.tensor("index"), d = try TensorOps.dim(try a.int("dim"), rank: x.rank)
                let offsets: [Int], source: (Int) -> Float
                var sourceTensor: Tensor?, sourceOffsets: [Int] = []
                if case .tensor(let src) = a["src"] {
                    (offsets, sourceOffsets) = try Self.scatterPairs(x, dim: d, index: index, src: src, name)
                    sourceTensor = src
                    source = { [sourceOffsets] i in src.data[sourceOffsets[i]] }
                } else if let v = (a["src"].isNone ? a["value"] : a["src"]).asDouble {
                    try Self.scatterShapeCheck(x, dim: d, index: index, src: nil)
                    offsets = try Self.indexOffsets(x, index: index, dim: d, name, checkShape: false)
                    source = { _ in Float(v) }
                } else {
                    throw LanguageFailure("\(name)(): give src (a tensor) or value (a number)")
                }
                let y = x.copy()
                for (i, o) in offsets.enumerated() { y.data[o] = source(i) }
                let result = TensorKinds.shared.setDType(y, dt)
                guard dt == .float32 else { return .tensor(name == "scatter_" ? try writeInPlace(x, result, "scatter_()") : result) }
                // backward: x's gradient where nothing was written, src's gathered from where it went
                let recorded = Autograd.record(result, "scatter", inputs: [x, sourceTensor]) { g in
                    let gx = g.copy()
                    for o in offsets { gx.data[o] = 0 }
                    guard let src = sourceTensor else { return [gx, nil] }
                    let gs = Tensor(zeros: src.shape)
                    for (i, o) in offsets.enumerated() { gs.data[sourceOffsets[i]] = g.data[o] }
                    return [gx, gs]
                }
                recorded.gradNode?.displayName = sourceTensor == nil ? "ScatterBackward1" : "ScatterBackward0"
                return .tensor(name == "scatter_" ? try writeInPlace(x, recorded, "scatter_()") : recorded)
            }
        case "repeat_interleave":
            return method(Signature("repeat_interleave", [("repeats", Value.none), ("dim", Value.none)])) { a in
                if a["repeats"].isNone {
                    // torch.repeat_interleave(counts): each index j repeated counts[j] times
                    guard x.rank == 1 else { throw LanguageFailure("repeat_interleave only accept 1D vector as repeat") }
                    guard TensorKinds.shared.dtype(x).isIntegral else { throw LanguageFailure("repeat_interleave only support int32 and int64 type") }
                    guard x.values.allSatisfy({ $0 >= 0 }) else { throw LanguageFailure("repeats can not be negative") }
                    var indices: [Float] = []
                    for (j, c) in x.values.enumerated() {
                        _ = try IntegerOverflow.repeatCount(indices.count + Int(c), items: 1, itemBytes: 8, what: "repeat_interleave's indices")
                        indices += Array(repeating: Float(j), count: Int(c))
                    }
                    return .tensor(TensorKinds.shared.setDType(try Tensor(shape: [indices.count], values: indices), .int64))
                }
                let source = a["dim"].isNone ? TensorKinds.shared.setDType(try x.reshaped([x.count]), dt) : x
                // a 0-d tensor has no dim to repeat along (PyTorch's message names dim 1, whichever was given)
                if x.rank == 0, !a["dim"].isNone {
                    throw LanguageFailure("Dimension out of range (expected to be in range of [-1, 0], but got 1)", as: .indexError)
                }
                let d = a["dim"].isNone ? 0 : try TensorOps.dim(try a.int("dim"), rank: x.rank)
                let n = source.shape[d]
                // each slice's count: one int for all, or a tensor of one count per slice (or one value)
                let counts: [Int]
                if case .tensor(let r) = a["repeats"] {
                    guard TensorKinds.shared.dtype(r) == .int64, r.rank <= 1 else { throw LanguageFailure("repeat_interleave(): repeats must be 0-dim or 1-dim int64 tensor") }
                    if r.count == 1 { counts = Array(repeating: Int(r.data[0]), count: n) } else {
                        guard r.count == n else {
                            throw LanguageFailure("repeats must have the same size as input along dim, but got repeats.size(0) = \(r.count) and input.size(\(d)) = \(n)")
                        }
                        counts = r.values.map { Int($0) }
                    }
                } else {
                    counts = Array(repeating: try a.int("repeats"), count: n)
                }
                guard counts.allSatisfy({ $0 >= 0 }) else { throw LanguageFailure("repeats can not be negative") }
                // the source slice of every output slice along dim
                var from: [Int] = []
                for (j, c) in counts.enumerated() {
                    _ = try IntegerOverflow.repeatCount(from.count + c, items: source.count / max(n, 1), itemBytes: 4, what: "a repeated tensor")
                    from += Array(repeating: j, count: c)
                }
                var shape = source.shape
                shape[d] = from.count
                let strides = TensorOps.strides(source.shape), outStrides = TensorOps.strides(shape)
                let offsets = (0..<shape.reduce(1, *)).map { i -> Int in
                    var rest = i, o = 0
                    for (k, s) in outStrides.enumerated() { let c = rest / s; rest %= s; o += (k == d ? from[c] : c) * strides[k] }
                    return o
                }
                let out = TensorOps.make(shape, dt) { p in for (i, o) in offsets.enumerated() { p[i] = source.data[o] } }
                // PyTorch expands and reshapes for an int count (ViewBackward0), selects for a tensor of counts
                let label = a["repeats"].asTensor == nil ? "repeat_interleave_int" : "repeat_interleave"
                return .tensor(TensorOpsGrad.gather(out, from: x, offsets: offsets, label: label))
            }
        case "unique": return uniqueMethod(x)
        case "logsumexp":
            // log Σ exp(x) along dim, as mean(x − log_softmax(x)) (every term equals it), recorded
            return method(Signature("logsumexp", [("dim", nil), ("keepdim", .bool(false))])) { [unowned self] a in
                guard let d = a["dim"].asInt else {
                    // several dims (an empty list: all): moved to the end and flattened, then one reduction
                    let dims = try a.dims("dim").flatMap { $0.isEmpty ? nil : $0 } ?? Array(0..<x.rank)
                    let wrapped = try dims.map { try TensorOps.dim($0, rank: max(x.rank, 1)) }
                    // a dim named twice is the reductions' error, as PyTorch's
                    if x.rank > 0 { _ = try TensorOps.reducedShapes(x.shape, dims: dims, keepdim: false) }
                    guard x.rank > 0, !wrapped.isEmpty else { return try tensorMethod(x, "logsumexp", [.int(0)], [("keepdim", a["keepdim"])]) }
                    let kept = (0..<x.rank).filter { !wrapped.contains($0) }
                    guard case .tensor(let moved) = try tensorMethod(x, "permute", (kept + wrapped.sorted()).map { .int($0) }),
                          case .tensor(let flat) = try tensorMethod(moved, "reshape", kept.map { .int(x.shape[$0]) } + [.int(-1)]),
                          case .tensor(let y) = try tensorMethod(flat, "logsumexp", [.int(-1)]) else { return .none }
                    let shape = try a.bool("keepdim") ? x.shape.indices.map { wrapped.contains($0) ? 1 : x.shape[$0] } : kept.map { x.shape[$0] }
                    let out = try tensorMethod(y, "reshape", shape.map { .int($0) })
                    if case .tensor(let t) = out { t.gradNode?.displayName = "LogsumexpBackward0" }
                    return out
                }
                let x = TensorOps.dtype(x) == .float32 ? x : TensorOps.converted(x, to: .float32)     // int and bool: as floats
                let shifted = try TensorOps.binary(.subtract, x, try TensorOps.softmax(x, dim: d, log: true))
                let y = Self.named(try TensorOps.reduce(shifted, .mean, dims: [d], keepdim: try a.bool("keepdim")), "LogsumexpBackward0")
                // the values as PyTorch computes them, max + log Σ exp(x − max) in float32 (the mean
                // above loses digits near 0); its recorded backward (softmax) stays
                if !x.isMeta, x.rank > 0 {
                    let dim = try TensorOps.dim(d, rank: x.rank)
                    let (size, inner) = (x.shape[dim], x.shape[(dim + 1)...].reduce(1, *)), outer = x.shape[..<dim].reduce(1, *)
                    // an empty row sums to 0: log 0 = −inf, as PyTorch's
                    for o in 0..<outer { for i in 0..<inner {
                        let row = (0..<size).map { x.data[(o * size + $0) * inner + i] }
                        let top = row.max() ?? 0
                        let sum = row.reduce(Float(0)) { $0 + Foundation.expf($1 - top) }
                        y.data[o * inner + i] = top.isFinite ? top + Foundation.logf(sum) : top
                    } }
                }
                return .tensor(y)
            }
        case "isnan", "isinf", "isfinite", "isposinf", "isneginf", "isreal":
            // isreal: every value of a real tensor is real
            let test: (Float) -> Bool = ["isnan": { $0.isNaN }, "isinf": { $0.isInfinite }, "isfinite": { $0.isFinite },
                                         "isposinf": { $0 == .infinity }, "isneginf": { $0 == -.infinity }, "isreal": { _ in true }][name]!
            return method(Signature(name)) { _ in .tensor(TensorOps.map(x, .bool) { test($0) ? 1 : 0 }) }
        default: return nil
        }
    }

    /// The flat offset in x of each element of index, its coordinate along `dim` replaced by the
    /// index's value (gather's and scatter's addressing; a 0-d tensor as one of shape [1]). With
    /// `checkShape`, gather's checks: index names as many dims as x and does not exceed it in
    /// other dims (scatter checks its own shapes first: `scatterShapeCheck`).
    static func indexOffsets(_ x: Tensor, index: Tensor, dim d: Int, _ what: String, outOfRange: PythonErrorClass? = nil,
                             checkShape: Bool = true) throws -> [Int] {
        guard index.count != 0 else { return [] }
        // PyTorch names scatter_ "scatter" in its words
        guard TensorOps.dtype(index).isIntegral else {
            throw LanguageFailure("\(what.hasSuffix("_") ? String(what.dropLast()) : what)(): Expected dtype int32/int64 for index")
        }
        let (xShape, indexShape) = (nonEmptyShape(x), nonEmptyShape(index))
        if checkShape {
            guard indexShape.count == xShape.count else { throw LanguageFailure("Index tensor must have the same number of dimensions as input tensor") }
            for k in 0..<xShape.count where k != d && indexShape[k] > xShape[k] {
                throw LanguageFailure("Size does not match at dimension \(k) expected index \(index.shape) to be no larger than self \(x.shape) apart from dimension \(d)")
            }
        }
        let xStrides = TensorOps.strides(xShape), indexStrides = TensorOps.strides(indexShape)
        return try (0..<index.count).map { i in
            var rest = i, o = 0
            for (k, s) in indexStrides.enumerated() {
                var c = rest / s
                rest %= s
                if k == d {
                    c = Int(index.data[i])
                    guard (0..<xShape[d]).contains(c) else { throw LanguageFailure("index \(c) is out of bounds for dimension \(d) with size \(xShape[d])", as: outOfRange) }
                }
                o += c * xStrides[k]
            }
            return o
        }
    }
}
