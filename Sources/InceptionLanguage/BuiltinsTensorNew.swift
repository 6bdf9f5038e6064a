import InceptionRuntime

/// `x.new_zeros(size)`, `new_ones`, `new_full(size, fill_value)`, `new_empty`, `new(…)` (the legacy constructor) and
/// `new_tensor(data)`: new tensors with x's dtype unless `dtype=` says otherwise (what PyTorch
/// code writes to make a tensor "like x" of another shape). new_empty's values are zeros here.
extension Interpreter {
    static let newTensorMethodNames = ["new_zeros", "new_ones", "new_full", "new_empty", "new_tensor", "new"]

    func newTensorMember(_ x: Tensor, _ name: String) -> Value? {
        guard Self.newTensorMethodNames.contains(name) else { return nil }
        if name == "new" {
            // x.new(…): the legacy constructor with x's dtype (torch.Tensor's forms)
            return .builtin(Builtin(name) { _, arguments in .tensor(try Self.legacyConstructed(arguments, dtype: TensorOps.dtype(x), anyTensor: false)) })
        }
        let options: [(String, Value?)] = [("dtype", Value.none), ("device", Value.none), ("requires_grad", .bool(false))]
        let signature = name == "new_tensor" ? Signature(name, [("data", nil)] + options)
            : name == "new_full" ? Signature(name, [("size", nil), ("fill_value", nil)] + options)
            : Signature(name, options, variadic: "size")
        return .builtin(Builtin(name) { _, arguments in
            let a = try signature.parsedAsTorch.bind(arguments)
            try Self.requireCPUArgument(a["device"])
            let dtype = try Self.dtypeArgument(a) ?? TensorOps.dtype(x)
            let made: Tensor
            switch name {
            case "new_tensor": made = try Self.tensor(from: a["data"], dtype: dtype, copying: true)   // a tensor copied, its values converted
            case "new_full":
                let dims = try a.intList(named: "size")
                try BoundArguments.requireNonNegative(dims)
                try MemoryBudget.check(shape: dims, what: "new_full()")
                made = Tensor(repeating: Float(try a.double("fill_value")), shape: dims)
            default:
                let shape = try a.shape()
                made = name == "new_ones" ? Tensor(repeating: 1, shape: shape) : Tensor(zeros: shape)
            }
            let out = dtype == .float32 ? made : TensorOps.converted(made, to: dtype)
            if try a.bool("requires_grad") { try Self.requiresGradHook?(out) }
            return .tensor(out)
        })
    }
}
