import InceptionRuntime

/// `y[index] = v` while autograd records (y or v requires grad), as PyTorch's index_put_ /
/// CopySlices records it: y's new values are y's old ones with the indexed places replaced by v
/// (broadcast), and the gradient goes to y's old history everywhere but those places and to v
/// from them (summed where v was broadcast). `y = x * 2; y[0] = 0`, `y[y < 0] = 0`,
/// `out[1:3] = x[1:3] * 2` into a plain zeros tensor, `y[:, 1] += 5`.
extension Interpreter {
    /// Whether this assignment is one autograd records here (then it is done): y a float tensor
    /// that is no view and has none, not a leaf that requires grad, and y's own history not
    /// needing y's values (nothing recorded has used y yet, and what made y does not read its
    /// output); otherwise false, and the plain path's checks refuse what they refuse.
    func assignIndexRecorded(_ y: Tensor, _ items: [TensorOps.IndexItem], _ value: Tensor) throws -> Bool {
        guard GradMode.isEnabled, y.requiresGrad || value.requiresGrad, TensorOps.dtype(y) == .float32, !y.isMeta, !value.isMeta else { return false }
        let kinds = TensorKinds.shared
        guard kinds.base(of: y) == nil, !kinds.holdsViews(y, besides: Self.inPlaceExempt) else { return false }
        if y.requiresGrad && y.gradNode == nil {
            // a leaf: refused as PyTorch does, which writes through a view for ints and slices
            let basic = items.allSatisfy { if case .list = $0 { return false } else if case .mask = $0 { return false } else { return true } }
            guard basic else { return false }
            throw LanguageFailure("a view of a leaf Variable that requires grad is being used in an in-place operation.",
                                  fix: "wrap the update in 'with torch.no_grad():', as an optimiser step does")
        }
        // `y[i] += v` read y[i] first (the exempt view): that read may have used y, nothing else;
        // or every recorded use of y is checked by the version counter at backward
        let exempt = Self.inPlaceExempt.flatMap { kinds.base(of: $0) === y ? $0 : nil }
        let madeAllows = y.gradNode.map { Self.readsNoOutput($0) || Self.rebasableOperations.contains($0.label) } ?? true
        guard (madeAllows && y.recordedUses <= (exempt?.gradNode?.inputCount(of: y) ?? 0)) || Self.changeIsChecked(y, besides: exempt?.gradNode) else {
            return false
        }
        let selection = try TensorOps.select(y, items)
        guard (try? TensorOps.broadcastShape(selection.shape, value.shape)) == selection.shape else {
            throw LanguageFailure("shape mismatch: value tensor of shape \(value.shape) cannot be broadcast to indexing result of shape \(selection.shape)")
        }
        // where each selected place reads v: v broadcast to the selection's shape
        let fromValue = TensorOps.offsets(selection.shape, TensorOps.broadcastStrides(value.shape, to: selection.shape))
        let before = y.copy()
        before.takeHistory(of: y)
        exempt?.gradNode?.replaceInput(y, with: before)       // the read saw y as it was
        let out = y.copy()
        let replaced = Set(selection.offsets)
        for (place, source) in zip(selection.offsets, fromValue) { out.data[place] = value.data[source] }
        let (places, valueShape) = (selection.offsets, value.shape)
        let recorded = Autograd.record(out, "index_put", inputs: [before, value]) { gy in
            let gBefore = gy.copy()
            for place in replaced { gBefore.data[place] = 0 }
            let gValue = Tensor(zeros: valueShape)
            for (place, source) in zip(places, fromValue) { gValue.data[source] += gy.data[place] }
            return [gBefore, gValue]
        }
        recorded.gradNode?.displayName = "CopySlices"
        try y.assign(out)
        recorded.gradNode?.handOver(from: recorded, to: y)
        return true
    }

    /// PyTorch's dtype rule for `x[index] = v` with v a tensor: an index holding a tensor or a
    /// list (advanced indexing, a bool inside a tuple too) writes with index_put_, which takes only
    /// a value of x's own dtype, after its shape check; unless the one advanced index is a mask
    /// (rank ≥ 1) and v has one element, which is masked_fill_. Basic indices copy and convert, a
    /// Python number takes x's dtype, and so does a lone `x[True] = v`.
    static func checkIndexPutDType(_ x: Tensor, _ items: [TensorOps.IndexItem], _ v: Tensor, loneBool: Bool) throws {
        let (dx, dv) = (TensorOps.dtype(x), TensorOps.dtype(v))
        guard dx != dv, !loneBool else { return }
        let advanced = items.filter { if case .list = $0 { return true } else if case .mask = $0 { return true } else { return false } }
        guard !advanced.isEmpty else { return }
        if advanced.count == 1, case .mask(let m) = advanced[0], m.rank >= 1, v.count == 1 { return }
        let selection = try TensorOps.select(x, items)
        var trimmed = v.shape        // as PyTorch drops the value's leading dims of size 1
        while trimmed.count > selection.shape.count, trimmed.first == 1 { trimmed.removeFirst() }
        guard (try? TensorOps.broadcastShape(selection.shape, trimmed)) == selection.shape else { return }   // setItem's shape message
        throw indexPutDTypeMismatch(dx, dv)
    }

    /// index_put_'s refusal of a value of another dtype, with the conversion that fixes it.
    static func indexPutDTypeMismatch(_ destination: DType, _ source: DType) -> LanguageFailure {
        let conversion = [DType.float32: "float()", .int64: "long()", .int32: "int()", .bool: "bool()"][destination]!
        return LanguageFailure("Index put requires the source and destination dtypes match, got \(destination.scalarName) for the destination and \(source.scalarName) for the source.",
                               fix: "convert the value to the tensor's dtype: value.\(conversion)")
    }
}
