import Foundation
import InceptionRuntime

/// torch functions that lay tensors out anew, with PyTorch's results, messages and grad_fn names:
/// torch.block_diag, torch.cartesian_prod, torch.combinations, torch.kron, torch.rot90 (and the
/// methods x.kron, x.rot90), torch.tril_indices and torch.triu_indices. Each output cell is one
/// input cell (or a product of two, for kron), so the backward adds each cell's gradient back
/// where it came from.
extension Interpreter {
    static let arrangementMethodNames = ["kron", "rot90"]

    func arrangementFunctionBuiltins() -> [String: Value] {
        var t: [String: Value] = [:]
        t["block_diag"] = .builtin(Builtin("block_diag") { _, arguments in
            guard arguments.keywords.isEmpty else { throw LanguageFailure("block_diag() takes tensors only, no keywords", as: .typeError) }
            let tensors = try arguments.positional.enumerated().map { i, v -> Tensor in
                guard case .tensor(let x) = v else {
                    throw LanguageFailure("block_diag(): argument 'tensors' (position \(i + 1)) must be Tensor, not \(v.typeName)", as: .typeError)
                }
                return x
            }
            return .tensor(try Self.blockDiagonal(tensors))
        })
        t["cartesian_prod"] = .builtin(Builtin("cartesian_prod") { _, arguments in
            let tensors = try arguments.positional.map { v -> Tensor in
                guard case .tensor(let x) = v else { throw LanguageFailure("cartesian_prod(): expected Tensors, got \(v.typeName)", as: .typeError) }
                return x
            }
            return .tensor(try Self.cartesianProduct(tensors))
        })
        t["combinations"] = Self.builtin(Signature("combinations", [("input", nil), ("r", .int(2)), ("with_replacement", .bool(false))])) { _, a in
            .tensor(try Self.combinations(try a.tensor("input"), r: try a.int("r"), withReplacement: try a.bool("with_replacement")))
        }
        for name in ["tril_indices", "triu_indices"] {
            t[name] = Self.builtin(Signature(name, [("row", nil), ("col", nil), ("offset", .int(0)), ("dtype", Value.none), ("device", Value.none)])) { _, a in
                let (rows, cols, offset) = (try a.int("row"), try a.int("col"), try a.int("offset"))
                guard rows >= 0 else { throw LanguageFailure("row must be non-negative, got\(rows)") }
                guard cols >= 0 else { throw LanguageFailure("col must be non-negative, got\(cols)") }
                let dtype = try Self.dtypeArgument(a) ?? .int64
                guard dtype.isIntegral else { throw LanguageFailure("\"\(name)\" not implemented for '\(dtype.scalarName)'") }
                try MemoryBudget.check(shape: [2, rows, cols], what: "torch.\(name)()")
                // the (row, col) of every cell on and below (tril) or on and above (triu) diagonal `offset`, row by row
                var first: [Float] = [], second: [Float] = []
                for r in 0..<rows {
                    for c in 0..<cols where name == "tril_indices" ? c - r <= offset : c - r >= offset {
                        first.append(Float(r)); second.append(Float(c))
                    }
                }
                return .tensor(TensorOps.make([2, first.count], values: first + second, .int64))
            }
        }
        return t
    }

    /// x.kron(other) and x.rot90(k, dims).
    func arrangementTensorMember(_ x: Tensor, _ name: String) throws -> Value? {
        switch name {
        case "kron":
            return Self.builtin(Signature("kron", [("other", nil)])) { _, a in .tensor(try Self.kroneckerProduct(x, try a.tensor("other"))) }
        case "rot90":
            return Self.builtin(Signature("rot90", [("k", .int(1)), ("dims", .list(ListStorage([.int(0), .int(1)])))])) { _, a in
                guard let dims = a["dims"].sequenceItems()?.compactMap(\.asInt) else {
                    throw LanguageFailure("rot90(): dims must be a pair of ints, got \(a["dims"].repr)", as: .typeError)
                }
                return .tensor(try Self.rotated90(x, k: try a.int("k"), dims: dims))
            }
        default: return nil
        }
    }

    /// out (shape, dtype) with out[i] = inputs[s.input][s.offset] for sources[i] = s, 0 where it is
    /// nil; recorded as `label` with the scatter back into each float input as its backward.
    static func assembled(_ inputs: [Tensor], _ sources: [(input: Int, offset: Int)?], shape: [Int], label: String) -> Tensor {
        let dt = inputs.map(TensorOps.dtype).reduce(inputs.first.map(TensorOps.dtype) ?? .float32, TensorOps.promote)
        let out = TensorOps.make(shape, dt) { p in
            for (i, s) in sources.enumerated() { p[i] = s.map { inputs[$0.input].data[$0.offset] } ?? 0 }
        }
        guard dt == .float32, !inputs.isEmpty else { return out }
        let recorded = Autograd.record(out, label, inputs: inputs) { gy in
            let grads = inputs.map { Tensor(zeros: $0.shape) }
            for (i, s) in sources.enumerated() { if let s { grads[s.input].data[s.offset] += gy.data[i] } }
            return grads
        }
        recorded.gradNode?.displayName = label
        return recorded
    }

    /// torch.block_diag: 0-D tensors as 1 × 1, 1-D as one row, 2-D as they are, down the diagonal
    /// of a zero matrix; no tensors give an empty (1, 0).
    static func blockDiagonal(_ tensors: [Tensor]) throws -> Tensor {
        let blocks = try tensors.enumerated().map { i, x -> (rows: Int, cols: Int) in
            switch x.rank {
            case 0: return (1, 1)
            case 1: return (1, x.shape[0])
            case 2: return (x.shape[0], x.shape[1])
            default: throw LanguageFailure("torch.block_diag: Input tensors must have 2 or fewer dimensions. Input \(i) has \(x.rank) dimensions")
            }
        }
        if tensors.isEmpty { return Tensor(zeros: [1, 0]) }
        let (rows, cols) = (blocks.reduce(0) { $0 + $1.rows }, blocks.reduce(0) { $0 + $1.cols })
        try MemoryBudget.check(shape: [rows, cols], what: "torch.block_diag()")
        var sources = [(input: Int, offset: Int)?](repeating: nil, count: rows * cols)
        var (top, left) = (0, 0)
        for (i, b) in blocks.enumerated() {
            for r in 0..<b.rows { for c in 0..<b.cols { sources[(top + r) * cols + left + c] = (i, r * b.cols + c) } }
            top += b.rows; left += b.cols
        }
        return assembled(tensors, sources, shape: [rows, cols], label: "BlockDiagBackward0")
    }

    /// torch.cartesian_prod: every tuple of one element from each 1-D tensor, the last varying
    /// fastest, as the rows of (Π nᵢ, k); one tensor is returned as it is.
    static func cartesianProduct(_ tensors: [Tensor]) throws -> Tensor {
        for x in tensors where x.rank != 1 { throw LanguageFailure("Expect a 1D vector, but got shape \(x.shape)") }
        guard let first = tensors.first else { throw LanguageFailure("meshgrid expects a non-empty TensorList") }
        if tensors.count == 1 { return first }
        guard tensors.allSatisfy({ TensorOps.dtype($0) == TensorOps.dtype(first) }) else {
            throw LanguageFailure("meshgrid expects all tensors to have the same dtype")
        }
        let sizes = tensors.map(\.count), count = sizes.reduce(1, *)
        try MemoryBudget.check(shape: [count, tensors.count], what: "torch.cartesian_prod()")
        var sources: [(input: Int, offset: Int)?] = []
        sources.reserveCapacity(count * tensors.count)
        for row in 0..<count {
            var rest = row, picks = [Int](repeating: 0, count: tensors.count)
            for i in stride(from: tensors.count - 1, through: 0, by: -1) { picks[i] = rest % sizes[i]; rest /= sizes[i] }
            for i in 0..<tensors.count { sources.append((i, picks[i])) }
        }
        return assembled(tensors, sources, shape: [count, tensors.count], label: "StackBackward0")
    }

    /// torch.combinations: the r-element subsets of a 1-D tensor's elements (with repeats when
    /// `withReplacement`) in lexicographic order of their positions, as rows; r = 0 gives an empty
    /// 1-D tensor.
    static func combinations(_ x: Tensor, r: Int, withReplacement: Bool) throws -> Tensor {
        guard x.rank == 1 else { throw LanguageFailure("Expect a 1D vector, but got shape \(x.shape)") }
        guard r >= 0 else { throw LanguageFailure("Expect a non-negative number, but got \(r)") }
        if r == 0 { return assembled([x], [], shape: [0], label: "IndexBackward0") }
        var rows: [[Int]] = [], current: [Int] = []
        var budget = 0
        func extend(from start: Int) throws {
            if current.count == r { rows.append(current); budget += r; if budget > 1 << 26 { throw MemoryBudgetError("torch.combinations(): more than 2^26 values") }; return }
            guard start < x.count else { return }
            for i in start..<x.count {
                current.append(i)
                try extend(from: withReplacement ? i : i + 1)
                current.removeLast()
            }
        }
        try extend(from: 0)
        return assembled([x], rows.flatMap { $0.map { (0, $0) } }, shape: [rows.count, r], label: "IndexBackward0")
    }

    /// torch.kron: the Kronecker product, shapes padded on the left with 1s to one rank:
    /// out[i] = a[i / shape(b)] · b[i mod shape(b)], dimension by dimension.
    static func kroneckerProduct(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        let rank = max(a.rank, b.rank)
        let sa = [Int](repeating: 1, count: rank - a.rank) + a.shape, sb = [Int](repeating: 1, count: rank - b.rank) + b.shape
        let shape = zip(sa, sb).map { $0 * $1 }
        try MemoryBudget.check(shape: shape, what: "torch.kron()")
        let (stridesA, stridesB, strides) = (TensorOps.strides(sa), TensorOps.strides(sb), TensorOps.strides(shape))
        let count = shape.reduce(1, *)
        var ia = [Int](repeating: 0, count: count), ib = [Int](repeating: 0, count: count)
        for i in 0..<count {
            for d in 0..<rank {
                let at = (i / strides[d]) % shape[d]
                ia[i] += (at / sb[d]) * stridesA[d]; ib[i] += (at % sb[d]) * stridesB[d]
            }
        }
        let dt = TensorOps.promote(TensorOps.dtype(a), TensorOps.dtype(b))
        let out = TensorOps.make(shape, dt) { p in for i in 0..<count { p[i] = a.data[ia[i]] * b.data[ib[i]] } }
        guard dt == .float32 else { return out }
        let recorded = Autograd.record(out, "kron", inputs: [a, b]) { gy in
            let (ga, gb) = (Tensor(zeros: a.shape), Tensor(zeros: b.shape))
            for i in 0..<count {
                ga.data[ia[i]] += gy.data[i] * b.data[ib[i]]
                gb.data[ib[i]] += gy.data[i] * a.data[ia[i]]
            }
            return [ga, gb]
        }
        recorded.gradNode?.displayName = "UnsafeViewBackward0"
        return recorded
    }

    /// torch.rot90: a quarter turn k times in the plane of dims (d0, d1), from d0 towards d1:
    /// k = 1 takes out[…i…j…] = x[…j…(n₁ − 1 − i)…], the plane's sides swapped.
    static func rotated90(_ x: Tensor, k: Int, dims: [Int]) throws -> Tensor {
        guard dims.count == 2 else { throw LanguageFailure("expected total rotation dims == 2, but got dims = \(dims.count)") }
        guard x.rank >= 2 else { throw LanguageFailure("expected total dims >= 2, but got total dims = \(x.rank)") }
        let (d0, d1) = (try TensorOps.dim(dims[0], rank: x.rank), try TensorOps.dim(dims[1], rank: x.rank))
        guard d0 != d1 else { throw LanguageFailure("expected rotation dims to be different, but got dim0 = \(d0) and dim1 = \(d1)") }
        let turns = ((k % 4) + 4) % 4
        var shape = x.shape
        if turns % 2 == 1 { shape.swapAt(d0, d1) }
        let (inStrides, outStrides) = (TensorOps.strides(x.shape), TensorOps.strides(shape))
        let (n0, n1) = (x.shape[d0], x.shape[d1])
        let offsets = (0..<x.count).map { i -> Int in
            var source = 0
            for d in 0..<x.rank where d != d0 && d != d1 { source += ((i / outStrides[d]) % shape[d]) * inStrides[d] }
            let (a, b) = ((i / outStrides[d0]) % max(shape[d0], 1), (i / outStrides[d1]) % max(shape[d1], 1))
            let (s0, s1): (Int, Int)
            switch turns {
            case 1: (s0, s1) = (b, n1 - 1 - a)
            case 2: (s0, s1) = (n0 - 1 - a, n1 - 1 - b)
            case 3: (s0, s1) = (n0 - 1 - b, a)
            default: (s0, s1) = (a, b)
            }
            return source + s0 * inStrides[d0] + s1 * inStrides[d1]
        }
        let out = TensorOpsGrad.picked(x, offsets: offsets, shape: shape, label: "rot90")
        out.gradNode?.displayName = "Rot90Backward0"
        return out
    }
}
