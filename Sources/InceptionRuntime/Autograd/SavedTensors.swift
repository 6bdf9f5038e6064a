/// What PyTorch's node for each operation saves for its backward (derivatives.yaml), so that
/// backward refuses, as PyTorch does, to read one of those tensors after an in-place change,
/// and lets every other in-place change through. Only operations written down here are
/// checked: for the others nothing is known, and the language keeps refusing in-place changes
/// that could reach them (`GradNode.savesKnown`). The backward closures here read no more
/// than these (an operation that saves its result computes its derivative from the result).
enum SavedTensors {
    /// The inputs (by position) and whether the output that `label`'s node saves, given its
    /// inputs (nil where they need no gradient); nil for an operation not written down here.
    static func saved(by label: String, inputs: [Tensor?]) -> (inputs: [Int], output: Bool)? {
        let wants = inputs.map { $0?.requiresGrad == true }
        func needs(_ i: Int) -> Bool { i < wants.count && wants[i] }
        switch label {
        case _ where savesNothing.contains(label), "div" where inputs.count == 1, "fmod" where inputs.count == 1:
            return ([], false)
        case _ where savesResult.contains(label): return ([], true)
        case _ where savesInput.contains(label): return ([0], false)
        case "mul", "matmul", "mm", "mv", "dot", "Linear":
            // each input's gradient reads the other: saved only when that gradient is wanted
            // (x * 2 saves no copy of x; Linear: the input for the weight, the weight for the input)
            return ((needs(1) ? [0] : []) + (needs(0) ? [1] : []), false)
        case "div":
            // self / other: self's gradient reads other; other's reads both. `1 / y` is reciprocal
            // in PyTorch (it saves its result, not y), which cannot be told apart here: not known
            if needs(1) && !needs(0) { return nil }
            return (needs(1) ? [0, 1] : needs(0) ? [1] : [], false)
        case "pow":
            // pow(self, exponent): both; the result too for the exponent's gradient
            return ([0, 1], needs(1))
        case "remainder":
            return (needs(1) ? [0, 1] : [], false)
        case "Conv2d", "BatchNorm2d", "BatchNorm1d":
            return ([0, 1], false)                  // the input and the weight
        case "prod", "std": return ([0], true)
        default: return nil
        }
    }

    /// Operations whose backward needs only shapes, indices, masks or constants.
    static let savesNothing: Set<String> = GradNode.savesNoTensors.union([
        "float", "floor", "ceil", "round", "round_decimals", "trunc", "frac", "sign", "rad2deg", "deg2rad",
        "Dropout", "dropout", "where", "masked_fill", "index_fill", "scatter", "flatten", "reshape", "squeeze",
        "unsqueeze", "transpose", "t", "contiguous", "Flatten", "Identity",
        "zero_", "fill_", "fill_tensor", "normal_", "uniform_", "bernoulli_"])
    /// Operations whose backward reads their result (derivatives.yaml's `result`).
    static let savesResult: Set<String> = ["exp", "exp2", "expm1", "sigmoid", "tanh", "sqrt", "rsqrt", "reciprocal", "tan",
                                           "relu", "ReLU", "softmax", "log_softmax", "Sigmoid", "Tanh", "Softmax", "LogSoftmax"]
    /// Element-wise operations and layers whose backward reads their input (`self`).
    static let savesInput: Set<String> = ["log", "log1p", "log2", "log10", "sin", "cos", "abs", "square", "logit", "clamp",
                                          "erf", "erfc", "atan", "asin", "acos", "sinh", "cosh", "lgamma", "digamma", "sinc",
                                          "nan_to_num", "var", "MaxPool2d", "AvgPool2d", "adaptive_avg_pool2d", "AdaptiveAvgPool2d",
                                          // the activations whose derivative is of x alone (not elu/celu/selu: theirs reads the result)
                                          "gelu", "silu", "leaky_relu", "hardtanh", "softplus", "hardswish", "hardsigmoid", "mish",
                                          "log_sigmoid", "hardshrink", "softshrink", "threshold"]
}
