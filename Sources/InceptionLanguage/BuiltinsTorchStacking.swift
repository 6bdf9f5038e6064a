import Foundation
import InceptionRuntime

/// Reshaping helpers PyTorch builds from others: flipud / fliplr, broadcast_to,
/// broadcast_tensors, broadcast_shapes, column_stack, row_stack, dstack, atleast_1d/2d/3d and
/// tensordot; each as PyTorch composes it (flip, expand, reshape, cat, permute and matmul), so
/// gradients and grad_fn names follow.
extension Interpreter {
    static let stackingMethodNames = ["flipud", "fliplr", "broadcast_to"]

    func stackingTensorMember(_ x: Tensor, _ name: String) throws -> Value? {
        switch name {
        case "flipud", "fliplr":
            return .builtin(Builtin(name) { [unowned self] _, arguments in
                _ = try Signature(name).bind(arguments)
                let needed = name == "flipud" ? 1 : 2
                guard x.rank >= needed else { throw LanguageFailure("Input must be >= \(needed)-d.") }
                return try composed(x).call("flip", needed - 1).value
            })
        case "broadcast_to":
            return .builtin(Builtin(name) { [unowned self] _, arguments in
                let a = try Signature(name, [("size", nil)]).bind(arguments)
                return try composed(x).call("expand", a["size"]).value
            })
        default: return nil
        }
    }

    func stackingFunctionBuiltins() -> [String: Value] {
        var t: [String: Value] = [:]
        for name in Self.stackingMethodNames { t[name] = delegating(name, namespace: "torch") }
        t["broadcast_shapes"] = .builtin(Builtin("broadcast_shapes") { _, arguments in
            let shapes = try arguments.positional.map { v -> [Int] in
                if case .int(let n) = v { return [n] }
                if let items = v.sequenceItems(), let ints = Optional(items.compactMap(\.asInt)), ints.count == items.count { return ints }
                throw LanguageFailure("broadcast_shapes(): expected shapes (ints or sequences of ints), got \(v.typeName)", as: .typeError)
            }
            // PyTorch's: the result so far, as long as the longest shape, widened dim by dim from the end
            var result = [Int](repeating: 1, count: shapes.map(\.count).max() ?? 0)
            for (k, s) in shapes.enumerated() {
                for back in 1...max(s.count, 1) where back <= s.count {
                    let (size, at) = (s[s.count - back], result.count - back)
                    if size == 1 || size == result[at] { continue }
                    guard result[at] == 1 else {
                        let tuple = s.count == 1 ? "(\(s[0]),)" : "(" + s.map(String.init).joined(separator: ", ") + ")"
                        throw LanguageFailure("Attempting to broadcast a dimension of length \(size) at -\(back)! Mismatching argument at index \(k) had \(tuple); but expected shape should be broadcastable to \(result)")
                    }
                    result[at] = size
                }
            }
            return .size(result)
        })
        t["broadcast_tensors"] = .builtin(Builtin("broadcast_tensors") { [unowned self] _, arguments in
            let tensors = try arguments.positional.map { v -> Tensor in
                guard case .tensor(let x) = v else { throw LanguageFailure("broadcast_tensors(): expected Tensors, got \(v.typeName)", as: .typeError) }
                return x
            }
            let shape = try tensors.reduce([Int]()) { try TensorOps.broadcastShape($0, $1.shape) }
            // a tensor of the shape already comes back as it is, as PyTorch's
            return .tuple(try tensors.map { x in x.shape == shape ? .tensor(x) : try composed(x).call("expand", Value.tuple(shape.map { .int($0) })).value })
        })
        for (name, rank) in [("atleast_1d", 1), ("atleast_2d", 2), ("atleast_3d", 3)] {
            t[name] = .builtin(Builtin(name) { [unowned self] _, arguments in
                let values = try arguments.positional.map { v -> Value in
                    guard case .tensor(let x) = v else { throw LanguageFailure("\(name)(): expected a Tensor, got \(v.typeName)", as: .typeError) }
                    return try atLeast(x, rank).value
                }
                return values.count == 1 ? values[0] : .tuple(values)
            })
        }
        t["column_stack"] = Self.builtin(Signature("column_stack", [("tensors", nil)])) { [unowned self] _, a in
            // vectors and scalars as columns (n, 1), then side by side
            let columns = try Self.tensorList(a["tensors"], "column_stack").map { x -> Value in
                x.rank <= 1 ? try composed(x).call("reshape", x.count, 1).value : .tensor(x)
            }
            guard !columns.isEmpty else { throw LanguageFailure("column_stack expects a non-empty TensorList") }
            return try torchFunction("hstack", Value.list(ListStorage(columns))).value
        }
        t["row_stack"] = Self.builtin(Signature("row_stack", [("tensors", nil)])) { [unowned self] _, a in
            try torchFunction("vstack", a["tensors"]).value
        }
        t["dstack"] = Self.builtin(Signature("dstack", [("tensors", nil)])) { [unowned self] _, a in
            let tensors = try Self.tensorList(a["tensors"], "dstack").map { try atLeast($0, 3).value }
            guard !tensors.isEmpty else { throw LanguageFailure("dstack expects a non-empty TensorList") }
            return try torchFunction("cat", Value.list(ListStorage(tensors)), 2).value
        }
        t["tensordot"] = Self.builtin(Signature("tensordot", [("a", nil), ("b", nil), ("dims", .int(2))])) { [unowned self] _, a in
            .tensor(try tensordot(try a.tensor("a"), try a.tensor("b"), a["dims"]))
        }
        return t
    }

    /// atleast_Nd: a 0-d tensor as (1…), a vector (n) as (1, n) or (1, n, 1), a matrix (m, n) as (m, n, 1).
    private func atLeast(_ x: Tensor, _ rank: Int) throws -> Composed {
        guard x.rank < rank else { return composed(x) }
        let shape: [Int]
        switch (x.rank, rank) {
        case (0, _): shape = Array(repeating: 1, count: rank)
        case (1, 2): shape = [1, x.count]
        case (1, _): shape = [1, x.count, 1]
        default: shape = x.shape + [1]
        }
        return try composed(x).call("reshape", Value.tuple(shape.map { .int($0) }))
    }

    /// torch.tensordot: the last `dims` dims of a against the first of b (or the dims listed),
    /// as one matrix product of a's free × summed dims and b's summed × free dims.
    func tensordot(_ a: Tensor, _ b: Tensor, _ dims: Value) throws -> Tensor {
        var (da, db): ([Int], [Int])
        if case .int(let n) = dims {
            guard n >= 0 else { throw LanguageFailure("tensordot expects dims >= 0, but got dims=\(n)") }
            guard n <= a.rank, n <= b.rank else { throw LanguageFailure("tensordot expects dims < ndim_a or ndim_b, but got dims=\(n)") }
            da = Array((a.rank - n)..<a.rank); db = Array(0..<n)
        } else if let pair = dims.sequenceItems(), pair.count == 2 {
            func list(_ v: Value) throws -> [Int] {
                if case .int(let i) = v { return [i] }
                guard let items = v.sequenceItems() else { throw LanguageFailure("tensordot expects dims to be an int or a pair of lists of dims") }
                return try items.map { guard let i = $0.asInt else { throw LanguageFailure("tensordot expects dims to be an int or a pair of lists of dims") }; return i }
            }
            da = try list(pair[0]); db = try list(pair[1])
        } else {
            throw LanguageFailure("tensordot expects dims to be an int or a pair of lists of dims", as: .typeError)
        }
        // PyTorch's order: the lists' lengths, the dtypes, then each dim of the tensor's own (a 0-d one has none)
        guard da.count == db.count else { throw LanguageFailure("both dimension lists should have same length") }
        guard TensorKinds.shared.dtype(a) == TensorKinds.shared.dtype(b) else { throw LanguageFailure("both inputs should have same dtype") }
        let (givenA, givenB) = (da, db)      // the message names the dims as written
        da = try da.map { try TensorOps.existingDim($0, rank: a.rank) }
        db = try db.map { try TensorOps.existingDim($0, rank: b.rank) }
        for dims in [da, db] {
            if let twice = dims.first(where: { d in dims.filter { $0 == d }.count > 1 }) {
                throw LanguageFailure("dim \(twice) appears multiple times in the list of dims")
            }
        }
        for (k, (i, j)) in zip(da, db).enumerated() where a.shape[i] != b.shape[j] {
            throw LanguageFailure("contracted dimensions need to match, but first has size \(a.shape[i]) in dim \(givenA[k]) and second has size \(b.shape[j]) in dim \(givenB[k])")
        }
        let freeA = (0..<a.rank).filter { !da.contains($0) }, freeB = (0..<b.rank).filter { !db.contains($0) }
        let summed = da.map { a.shape[$0] }.reduce(1, *)
        func ints(_ xs: [Int]) -> Value { .tuple(xs.map { .int($0) }) }
        let left = try composed(a).call("permute", ints(freeA + da)).call("reshape", freeA.map { a.shape[$0] }.reduce(1, *), summed)
        let right = try composed(b).call("permute", ints(db + freeB)).call("reshape", summed, freeB.map { b.shape[$0] }.reduce(1, *))
        let product = try left.call("matmul", right).call("reshape", ints(freeA.map { a.shape[$0] } + freeB.map { b.shape[$0] }))
        return try product.tensor
    }
}
