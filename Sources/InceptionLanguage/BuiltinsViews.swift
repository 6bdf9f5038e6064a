import InceptionRuntime

/// Views and copies: the view operations that name their place in the storage outright, narrow
/// (a run along one dim, as x[:, start:start + length]) and as_strided (any sizes and strides
/// over the storage of x's base); the detached alias (x.data, x.detach()); clone. Like every view
/// here the views are copies that know their layout (ViewLayout), so changes in place reach the
/// base.
extension Interpreter {
    static let viewMethodNames = ["narrow", "as_strided"]

    /// A copy of x with its dtype, recorded as PyTorch's clone (the gradient passes unchanged).
    static func cloned(_ x: Tensor) -> Tensor {
        let y = TensorKinds.shared.setDType(x.copy(), TensorOps.dtype(x))
        guard TensorOps.dtype(x) == .float32 else { return y }
        let recorded = Autograd.record(y, "clone", inputs: [x]) { gy in [gy] }
        recorded.gradNode?.displayName = "CloneBackward0"
        return recorded
    }

    /// x's storage shared by a tensor with no history (x.data, x.detach()): a view of x's base
    /// laid out as x, so a change to either shows in the other and in x's other views.
    static func alias(_ x: Tensor) -> Tensor {
        let kinds = TensorKinds.shared
        let alias = kinds.setDType(Tensor(aliasing: x), kinds.dtype(x))
        return kinds.markView(alias, of: x, layout: kinds.layout(of: x), detached: true)
    }

    /// x's strides and offset, or why they are not known.
    static func knownLayout(_ x: Tensor, _ what: String) throws -> ViewLayout {
        guard let l = TensorKinds.shared.layout(of: x) else {
            throw LanguageFailure("\(what): this tensor is a view made by an operation that does not record its strides here", fix: "take .contiguous() or .clone() of it first")
        }
        return l
    }

    func viewTensorMember(_ x: Tensor, _ name: String) throws -> Value? {
        switch name {
        case "narrow":
            return Self.builtin(Signature("narrow", [("dim", nil), ("start", nil), ("length", nil)])) { _, a in
                .tensor(try Self.narrow(x, dim: try a.int("dim"), start: try a.int("start"), length: try a.int("length")))
            }
        case "as_strided":
            return Self.builtin(Signature("as_strided", [("size", nil), ("stride", nil), ("storage_offset", Value.none)])) { _, a in
                .tensor(try Self.asStrided(x, a))
            }
        default: return nil
        }
    }

    func viewTorchBuiltins() -> [String: Value] {
        [
            "narrow": Self.builtin(Signature("narrow", [("input", nil), ("dim", nil), ("start", nil), ("length", nil)])) { _, a in
                .tensor(try Self.narrow(try a.tensor("input"), dim: try a.int("dim"), start: try a.int("start"), length: try a.int("length")))
            },
            "as_strided": Self.builtin(Signature("as_strided", [("input", nil), ("size", nil), ("stride", nil), ("storage_offset", Value.none)])) { _, a in
                .tensor(try Self.asStrided(try a.tensor("input"), a))
            },
        ]
    }

    /// x.narrow(dim, start, length): elements start ..< start + length along dim (start may count
    /// from the end), with PyTorch's messages for a run outside the dim.
    static func narrow(_ x: Tensor, dim: Int, start given: Int, length: Int) throws -> Tensor {
        guard x.rank > 0 else { throw LanguageFailure("narrow() cannot be applied to a 0-dim tensor.") }
        let d = try TensorOps.dim(dim, rank: x.rank), size = x.shape[d]
        guard length >= 0 else { throw LanguageFailure("narrow(): length must be non-negative.") }
        guard (-size...size).contains(given) else {
            throw LanguageFailure("start out of range (expected to be in range of [\(-size), \(size)], but got \(given))", as: .indexError)
        }
        let start = given < 0 ? given + size : given
        guard start <= size - length else { throw LanguageFailure("start (\(start)) + length (\(length)) exceeds dimension size (\(size)).") }
        return try TensorOps.getItem(x, Array(repeating: .range(nil, nil, nil), count: d) + [.range(start, start + length, 1)])
    }

    /// x.as_strided(size, stride, storage_offset): element (i₀, i₁, …) at storage_offset + Σ iₖ·strideₖ
    /// of the storage x shares with its base (storage_offset defaults to x's own). Its gradient
    /// goes back to those places when x is that base; a view of another is refused under autograd.
    static func asStrided(_ x: Tensor, _ a: BoundArguments) throws -> Tensor {
        let sizes = try intList(a["size"], "as_strided", "size"), strides = try intList(a["stride"], "as_strided", "stride")
        guard sizes.count == strides.count else {
            throw LanguageFailure("mismatch in length of strides and shape")
        }
        if let negative = sizes.first(where: { $0 < 0 }) { throw LanguageFailure("as_strided: Negative dimensions are not allowed (got \(negative))") }
        if strides.contains(where: { $0 < 0 }) { throw LanguageFailure("as_strided: Negative strides are not supported at the moment, got strides: \(strides)") }
        let kinds = TensorKinds.shared
        let root = kinds.base(of: x) ?? x
        let own = try knownLayout(x, "as_strided()")
        let offset = a["storage_offset"].isNone ? own.offset : try a.int("storage_offset")
        guard offset >= 0 else { throw LanguageFailure("Tensor: invalid storage offset \(offset)") }
        try MemoryBudget.check(shape: sizes, what: "as_strided()")
        let layout = ViewLayout(strides: strides, offset: offset)
        // the storage it needs: one past the furthest element (none for an empty view)
        let needed = sizes.contains(0) ? 0 : offset + zip(sizes, strides).reduce(1) { $0 + ($1.0 - 1) * $1.1 }
        guard needed <= root.count else {
            throw LanguageFailure("setStorage: sizes \(sizes), strides \(strides), storage offset \(offset), and itemsize 4 requiring a storage size of \(needed * 4) are out of bounds for storage of size \(root.count * 4)")
        }
        if x.isMeta { return Tensor(meta: sizes) }
        if root !== x && x.requiresGrad && GradMode.isEnabled {
            throw LanguageFailure("as_strided() of a view under autograd is not supported here", fix: "take it of the view's base, or of x.detach()")
        }
        let y = TensorOpsGrad.picked(root, offsets: layout.places(sizes), shape: sizes, label: "as_strided")
        y.gradNode?.displayName = "AsStridedBackward0"
        kinds.setDType(y, kinds.dtype(x))
        return kinds.markView(y, of: root, layout: layout)
    }
}
