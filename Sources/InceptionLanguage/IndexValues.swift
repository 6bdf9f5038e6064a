import InceptionRuntime

/// Python's __index__ for tensors: a 0-d integer (or bool) tensor stands for its int where Python
/// wants one (`classes[pred]`, `range(n)`, `[0] * n`, `torch.zeros(n)`), as PyTorch's Tensor.__index__.
extension Value {
    var indexValue: Int? {
        if let i = asInt { return i }
        guard case .tensor(let t) = self, t.rank == 0, !t.isMeta, !TensorOps.dtype(t).isFloating else { return nil }
        return Int(t.data[0])
    }

    /// The value with a 0-d integer tensor read as its int; anything else unchanged.
    var indexNormalized: Value {
        if case .tensor = self, let i = indexValue { return .int(i) }
        return self
    }
}
