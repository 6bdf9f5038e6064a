import InceptionRuntime

/// torch functions made of the tensor methods (their gradients come with them): msort,
/// atleast_1d/2d/3d, nansum / nanmean, take, cross / linalg.cross, and the torch.* names of
/// F.cosine_similarity and F.pairwise_distance.
extension Interpreter {
    /// x.name(arguments…), through the tensor's own method.
    func tensorMethod(_ x: Tensor, _ name: String, _ positional: [Value] = [], _ keywords: [(String, Value)] = []) throws -> Value {
        try callBack(try getAttribute(.tensor(x), name), Arguments(positional, keywords: keywords))
    }

    static let extraMethodNames = ["msort", "nansum", "nanmean", "take", "cross", "select", "float_power"]

    /// torch.float_power / x.float_power: PyTorch computes and returns float64, which tensors here
    /// cannot hold, so it is refused (no `except` catches it) rather than answered in float32.
    static let floatPowerRefusal = LanguageFailure.refusal(
        "float_power() returns a float64 tensor in PyTorch, and float64 is not supported here",
        fix: "use torch.pow(x.float(), y) for the float32 result")

    /// x.select(dim, index): x[:, …, index] with index at dim (SelectBackward0).
    static func select(_ x: Tensor, dim: Int, index: Int) throws -> Tensor {
        guard x.rank > 0 else { throw LanguageFailure("select() cannot be applied to a 0-dim tensor.", as: .indexError) }
        let d = try TensorOps.dim(dim, rank: x.rank)
        guard (-x.shape[d]..<x.shape[d]).contains(index) else {
            throw LanguageFailure("select(): index \(index) out of range for tensor of size \(x.shape) at dimension \(d)", as: .indexError)
        }
        return try TensorOps.getItem(x, Array(repeating: .range(nil, nil, nil), count: d) + [.at(index)])
    }

    /// values[…, j, …] = x[…, indices[…, j, …], …] along dim (sort, topk): recorded so the gradient
    /// goes back to the places the values came from.
    static func gradientAlong(_ values: Tensor, from x: Tensor, indices: Tensor, dim: Int, label: String) -> Tensor {
        guard x.requiresGrad else { return values }
        // a 0-d input: its one value, whose gradient passes straight back (SortBackward0 of a scalar)
        if x.rank == 0, values.count == 1 { return TensorOpsGrad.gather(values, from: x, offsets: [0], label: label) }
        guard x.rank > 0, let d = try? TensorOps.dim(dim, rank: x.rank) else { return values }
        let outStrides = TensorOps.strides(values.shape), inStrides = TensorOps.strides(x.shape)
        let offsets = (0..<values.count).map { p -> Int in
            var rest = p, o = 0
            for (k, s) in outStrides.enumerated() {
                let c = rest / s
                rest %= s
                o += (k == d ? Int(indices.data[p]) : c) * inStrides[k]
            }
            return o
        }
        return TensorOpsGrad.gather(values, from: x, offsets: offsets, label: label)
    }

    /// x.msort(), x.nansum(dim, keepdim), x.nanmean(…), x.take(index), x.cross(other, dim): the torch functions with x first.
    func extraTensorMember(_ x: Tensor, _ name: String) throws -> Value? {
        if name == "float_power_" {
            // in place into x's own dtype, never float64: PyTorch's RuntimeError
            return .builtin(Builtin(name) { _, _ in
                throw LanguageFailure("the base given to float_power_ has dtype \(TensorOps.dtype(x).scalarName) but the operation's result requires dtype Double")
            })
        }
        if name == "select" {
            return Self.builtin(Signature("select", [("dim", nil), ("index", nil)])) { _, a in
                .tensor(try Self.select(x, dim: try a.int("dim"), index: try a.int("index")))
            }
        }
        guard Self.extraMethodNames.contains(name), case .namespace(let torch)? = builtinScope.lookup("torch"), let function = torch.members[name] else { return nil }
        return .builtin(Builtin(name) { interpreter, a in
            try interpreter.callBack(function, Arguments([.tensor(x)] + a.positional, keywords: a.keywords))
        })
    }

    func extraTorchBuiltins(functional: [String: Value]) -> [String: Value] {
        var t: [String: Value] = [:]
        for name in ["cosine_similarity", "pairwise_distance", "pdist"] { t[name] = functional[name] }
        t["msort"] = Self.builtin(Signature("msort", [("input", nil)])) { interpreter, a in
            guard case .object(let sorted as NamedTuple) = try interpreter.tensorMethod(try a.tensor("input"), "sort", [], [("dim", .int(0))]) else { return .none }
            return sorted.values[0]
        }
        for (n, name) in [(1, "atleast_1d"), (2, "atleast_2d"), (3, "atleast_3d")] {
            t[name] = .builtin(Builtin(name) { interpreter, a in
                let given = a.positional.count == 1 ? (a.positional[0].sequenceItems().map { _ in a.positional[0] } ?? nil) : nil
                let inputs = given?.sequenceItems() ?? a.positional
                let out = try inputs.map { v -> Value in
                    guard case .tensor(let x) = v else { throw LanguageFailure("\(name)(): expected a tensor, got \(v.typeName)", as: .typeError) }
                    return try interpreter.atLeast(n, x)
                }
                return a.positional.count == 1 && given == nil ? out[0] : .tuple(out)
            })
        }
        t["float_power"] = .builtin(Builtin("float_power") { _, _ in throw Self.floatPowerRefusal })
        t["nansum"] = Self.builtin(Signature("nansum", [("input", nil), ("dim", Value.none), ("keepdim", .bool(false)), ("dtype", Value.none)])) { interpreter, a in
            try interpreter.nanReduction(try a.tensor("input"), a["dim"], try a.bool("keepdim"), mean: false, dtype: a["dtype"])
        }
        t["nanmean"] = Self.builtin(Signature("nanmean", [("input", nil), ("dim", Value.none), ("keepdim", .bool(false)), ("dtype", Value.none)])) { interpreter, a in
            try interpreter.nanReduction(try a.tensor("input"), a["dim"], try a.bool("keepdim"), mean: true, dtype: a["dtype"])
        }
        t["select"] = Self.builtin(Signature("select", [("input", nil), ("dim", nil), ("index", nil)])) { _, a in
            .tensor(try Self.select(try a.tensor("input"), dim: try a.int("dim"), index: try a.int("index")))
        }
        t["take"] = Self.builtin(Signature("take", [("input", nil), ("index", nil)])) { interpreter, a in
            try interpreter.take(try a.tensor("input"), try a.tensor("index"))
        }
        t["cross"] = Self.builtin(Signature("cross", [("input", nil), ("other", nil), ("dim", Value.none)])) { interpreter, a in
            let (x, y) = (try a.tensor("input"), try a.tensor("other"))
            // torch.cross without dim takes the first dimension of size 3 (PyTorch warns that this is deprecated)
            if a["dim"].isNone, !x.shape.contains(3) { throw LanguageFailure("no dimension of size 3 in input") }
            let dim = a["dim"].isNone ? x.shape.firstIndex(of: 3) ?? -1 : try a.int("dim")
            return try interpreter.cross(x, y, dim: dim)
        }
        return t
    }

    /// torch.atleast_Nd: a 0-d tensor reshaped, a 1-d one unsqueezed in front (and, for 3-d, behind), as PyTorch's.
    func atLeast(_ n: Int, _ x: Tensor) throws -> Value {
        guard x.rank < n else { return .tensor(x) }
        if x.rank == 0 { return try tensorMethod(x, "reshape", Array(repeating: .int(1), count: n)) }
        var v = Value.tensor(x)
        if n == 3 && x.rank == 2 { return try tensorMethod(x, "unsqueeze", [.int(-1)]) }
        if x.rank == 1 { v = try tensorMethod(x, "unsqueeze", [.int(0)]) }
        if n == 3, case .tensor(let y) = v { v = try tensorMethod(y, "unsqueeze", [.int(-1)]) }
        return v
    }

    /// nansum: the sum with NaN counted as 0 (NansumBackward0: no gradient to those places), in
    /// `dtype` if given (the NaNs zeroed before the sum converts); nanmean: that sum over the
    /// count of the other values (a division, as PyTorch composes it).
    func nanReduction(_ x: Tensor, _ dim: Value, _ keepdim: Bool, mean: Bool, dtype: Value = .none) throws -> Value {
        let options: [(String, Value)] = [("dim", dim), ("keepdim", .bool(keepdim))] + (dtype.isNone ? [] : [("dtype", dtype)])
        if TensorKinds.shared.dtype(x) != .float32 {
            // integers hold no NaN: nansum is sum; nanmean has no integer kernel
            guard !mean else {
                throw LanguageFailure("nanmean(): expected input to have floating point or complex dtype but got \(TensorKinds.shared.dtype(x).scalarName)", as: .notImplementedError)
            }
            return try tensorMethod(x, "sum", [], options)
        }
        // nanmean's dtype=, checked after the input's: a floating dtype only
        if mean, let d = try Self.dtypeArgument(dtype), d != .float32 {
            throw LanguageFailure("nanmean(): could not infer output dtype. Optional dtype must be either a floating point or complex dtype. Got: \(d.scalarName)")
        }
        // NansumBackward0 multiplies: gy · (x is not NaN), so a NaN's place gets gy·0 (−0 for a negative gy)
        guard case .tensor(let isNaN) = try tensorMethod(x, "isnan"),
              case .tensor(let total) = try tensorMethod(TensorOpsGrad.unary(x, TensorOps.map(x) { $0.isNaN ? 0 : $0 }, "nansum") { v, _ in v.isNaN ? 0 : 1 },
                                                         "sum", [], options) else {
            throw LanguageFailure("nansum(): could not reduce")
        }
        total.gradNode?.displayName = "NansumBackward0"
        guard mean else { return .tensor(total) }
        let kept = TensorOps.map(isNaN) { $0 == 0 ? 1 : 0 }
        guard case .tensor(let count) = try tensorMethod(kept, "sum", [], [("dim", dim), ("keepdim", .bool(keepdim))]) else { return .none }
        return .tensor(try TensorOps.binary(.divide, total, count))
    }

    /// torch.take: the input read as one flat row at the given places (TakeBackward0).
    func take(_ x: Tensor, _ index: Tensor) throws -> Value {
        guard TensorKinds.shared.dtype(index) == .int64 else { throw LanguageFailure("take(): Expected a long tensor for index, but got \(TensorKinds.shared.dtype(index).scalarName)") }
        guard case .tensor(let flat) = try tensorMethod(x, "reshape", [.int(-1)]) else { return .none }
        let n = flat.count
        if n == 0, index.count > 0 { throw LanguageFailure("take(): tried to take from an empty tensor", as: .indexError) }
        for v in index.values where Int(v) >= n || Int(v) < -n {
            throw LanguageFailure("out of range: tried to access index \(Int(v)) on a tensor of \(n) elements.", as: .indexError)
        }
        let out = try getItem(.tensor(flat), .tensor(index))
        if case .tensor(let y) = out { y.gradNode?.displayName = "TakeBackward0" }
        return out
    }

    /// torch.cross / torch.linalg.cross: the vector product along a dimension of size 3
    /// (a1·b2 − a2·b1, a2·b0 − a0·b2, a0·b1 − a1·b0), operands broadcast (LinalgCrossBackward0).
    func cross(_ x: Tensor, _ y: Tensor, dim: Int) throws -> Value {
        // linalg_cross's order: the ranks, the lengths along dim, the broadcast, then the kernel's dtypes
        guard x.rank == y.rank else { throw LanguageFailure("linalg.cross: inputs must have the same number of dimensions.") }
        let d = try TensorOps.existingDim(dim, rank: x.rank)
        guard x.shape[d] == 3, y.shape[d] == 3 else {
            throw LanguageFailure("linalg.cross: inputs dimension \(dim) must have length 3. Got \(x.shape[d]) and \(y.shape[d])")
        }
        _ = try TensorOps.broadcastShape(x.shape, y.shape)
        let (xType, yType) = (TensorOps.dtype(x), TensorOps.dtype(y))
        guard xType == yType else { throw LanguageFailure("expected scalar type \(xType.scalarName) but found \(yType.scalarName)") }
        guard xType != .bool else { throw LanguageFailure("\"cross\" not implemented for 'Bool'", as: .notImplementedError) }
        func part(_ t: Tensor, _ i: Int) throws -> Tensor { try Self.select(t, dim: d, index: i) }
        let (a, b) = (try (0..<3).map { try part(x, $0) }, try (0..<3).map { try part(y, $0) })
        func minus(_ i: Int, _ j: Int) throws -> Value {
            .tensor(try TensorOps.binary(.subtract, try TensorOps.binary(.multiply, a[i], b[j]), try TensorOps.binary(.multiply, a[j], b[i])))
        }
        guard case .namespace(let torch)? = builtinScope.lookup("torch"), let stack = torch.members["stack"] else { throw LanguageFailure("cross") }
        let out = try callBack(stack, Arguments([.list(ListStorage([try minus(1, 2), try minus(2, 0), try minus(0, 1)]))], keywords: [("dim", .int(d))]))
        if case .tensor(let z) = out { z.gradNode?.displayName = "LinalgCrossBackward0" }
        return out
    }
}
