import InceptionRuntime

/// `x.index_put_(indices, values, accumulate=False)` and `index_put` (torch.index_put too): the
/// places `x[indices]` names get `values` (broadcast to them), or, with accumulate=True, have
/// them added, repeated places adding up (a confusion matrix:
/// `cm.index_put_((targets, preds), torch.ones(n), accumulate=True)`). The places are the ones
/// `x[indices] = …` writes (TensorOps.select); PyTorch's argument checks and messages, its
/// dtype rule (values of x's dtype), and its gradient (IndexPutBackward0: to x everywhere, or
/// everywhere but the places written over; to values from their places, summed where broadcast).
extension Interpreter {
    static let indexPutMethodNames = ["index_put", "index_put_"]

    func indexPutTensorMember(_ x: Tensor, _ name: String) throws -> Value? {
        guard Self.indexPutMethodNames.contains(name) else { return nil }
        return Self.builtin(Signature(name, [("indices", nil), ("values", nil), ("accumulate", .bool(false))])) { [self] _, a in
            let result = try indexPut(x, a["indices"], a["values"], accumulate: try a.bool("accumulate"), name)
            return .tensor(name.hasSuffix("_") ? try writeInPlace(x, result, "\(name)()") : result)
        }
    }

    private func indexPut(_ x: Tensor, _ indices: Value, _ values: Value, accumulate: Bool, _ name: String) throws -> Tensor {
        let items: [Value]
        switch indices {
        case .tuple(let given): items = given
        case .list(let given): items = given.items
        default:
            throw LanguageFailure("\(name)(): argument 'indices' (position 1) must be tuple of Tensors, not \(indices.typeName)", as: .typeError)
        }
        for (i, item) in items.enumerated() {
            guard case .tensor = item else {
                throw LanguageFailure("expected Tensor as element \(i) in argument 0, but got \(item.typeName)", as: .typeError)
            }
        }
        guard !items.isEmpty else {
            throw LanguageFailure("\(name)(): indices is empty", fix: "give one index tensor a dimension, e.g. x.\(name)((rows, cols), values)")
        }
        guard case .tensor(let v) = values else {
            throw LanguageFailure("\(name)(): argument 'values' (position 2) must be Tensor, not \(values.typeName)", as: .typeError)
        }
        // a boolean mask indexes as many dims as it has
        let indexedDims = items.reduce(0) { n, item in n + (item.asTensor.map { TensorOps.dtype($0) == .bool ? $0.rank : 1 } ?? 1) }
        guard indexedDims <= x.rank else {
            throw LanguageFailure("too many indices for tensor of dimension \(x.rank) (got \(indexedDims))", as: .indexError)
        }
        let (dx, dv) = (TensorOps.dtype(x), TensorOps.dtype(v))
        let selection = try TensorOps.select(x, try tensorIndex(.tuple(items)))
        guard (try? TensorOps.broadcastShape(selection.shape, v.shape)) == selection.shape else {
            throw LanguageFailure("shape mismatch: value tensor of shape \(v.shape) cannot be broadcast to indexing result of shape \(selection.shape)")
        }
        guard dx == dv else {
            throw Self.indexPutDTypeMismatch(dx, dv)
        }
        // where each selected place reads v: v broadcast to the selection's shape
        let fromValue = TensorOps.offsets(selection.shape, TensorOps.broadcastStrides(v.shape, to: selection.shape))
        let places = selection.offsets
        let out = x.copy()
        for (place, source) in zip(places, fromValue) {
            out.data[place] = accumulate ? out.data[place] + v.data[source] : v.data[source]
        }
        try IntegerRange.checkWrite(out, into: x)
        let valueShape = v.shape
        return Autograd.record(TensorKinds.shared.setDType(out, dx), "index_put", inputs: [x, v]) { gy in
            let gx = gy.copy()
            if !accumulate { for place in places { gx.data[place] = 0 } }
            let gv = Tensor(zeros: valueShape)
            for (place, source) in zip(places, fromValue) { gv.data[source] += gy.data[place] }
            return [gx, gv]
        }
    }
}
