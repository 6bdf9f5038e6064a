/// Members PyTorch has that the language does not provide, with the way to do without them: the
/// fix of `'torch.optim' has no member 'LBFGS'` (rather than a closest name that is no substitute).
extension Interpreter {
    static let unprovidedMembers: [String: String] = {
        var fixes: [String: String] = [:]
        let optimizers = "torch.optim provides SGD, Adam, AdamW, RMSprop, Adagrad, Adadelta, Adamax, NAdam and RAdam"
        fixes["torch.optim.LBFGS"] = "LBFGS (a line search over step(closure)) is not provided here; \(optimizers): e.g. torch.optim.Adam(params, lr=0.01) stepped in a loop"
        for name in ["SparseAdam", "ASGD", "Rprop"] {
            fixes["torch.optim.\(name)"] = "\(name) is not provided here; \(optimizers)"
        }
        // float64 results: tensors here hold float32, int64, int32 and bool
        fixes["torch.float_power"] = "float_power computes in float64, which tensors here do not hold; torch.pow(x, y) gives the float32 power"
        fixes["torch.Tensor.float_power"] = fixes["torch.float_power"]
        return fixes
    }()
}
