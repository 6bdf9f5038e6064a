import InceptionRuntime

/// The tensor methods PyTorch has no kernel for on bool or int64 tensors, with the message its
/// NotImplementedError carries (PyTorch 2.15, CPU), so `b.abs()` on a mask or `i.mean()` on
/// labels is refused here as there, not computed. Asked before a tensor's method is looked up;
/// torch.X(t) reaches the same methods.
enum DTypeSupport {
    static let bool = "Bool", long = "Long"

    /// name → (dtype → message); `{T}` stands for the dtype's name ("Bool", "Long").
    static let unsupported: [String: (dtypes: Set<DType>, message: String)] = [
        "abs": ([.bool], "\"abs_cpu\" not implemented for '{T}'"),
        "absolute": ([.bool], "\"abs_cpu\" not implemented for '{T}'"),
        "neg": ([.bool], negation), "negative": ([.bool], negation),
        "floor": ([.bool], "\"floor_vml_cpu\" not implemented for '{T}'"),
        "ceil": ([.bool], "\"ceil_vml_cpu\" not implemented for '{T}'"),
        "round": ([.bool], "\"round_vml_cpu\" not implemented for '{T}'"),
        "trunc": ([.bool], "\"trunc_vml_cpu\" not implemented for '{T}'"),
        "fix": ([.bool], "\"trunc_vml_cpu\" not implemented for '{T}'"),
        "relu": ([.bool], "Boolean inputs not supported for relu"),
        "argmax": ([.bool], "argmax(): does not support bool input"),
        "argmin": ([.bool], "argmin(): does not support bool input"),
        "topk": ([.bool], "topk does not support bool dtypes on CPU"),
        "median": ([.bool], "\"median_cpu\" not implemented for '{T}'"),
        "kthvalue": ([.bool], "\"kthvalue_cpu\" not implemented for '{T}'"),
        "frac": ([.bool, .int64, .int32], "\"frac_cpu\" not implemented for '{T}'"),
        "norm": ([.bool, .int64, .int32], "linalg.vector_norm: Expected a floating point or complex tensor as input. Got {T}"),
        "mean": ([.bool, .int64, .int32], "mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: {T}"),
        "std": ([.bool, .int64, .int32], "std and var only support floating point and complex dtypes"),
        "var": ([.bool, .int64, .int32], "std and var only support floating point and complex dtypes"),
        "bincount": ([.bool], "\"bincount_cpu\" not implemented for '{T}'"),
        "trace": ([.bool], "\"trace\" not implemented for '{T}'"),
    ]
    static let negation = "Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead."

    /// PyTorch's refusal of method `name` on a tensor of dtype `d`, or nil when it has a kernel.
    static func refusal(_ name: String, _ d: DType) -> LanguageFailure? {
        guard let entry = unsupported[name], entry.dtypes.contains(d) else { return nil }
        return LanguageFailure(entry.message.replacingOccurrences(of: "{T}", with: d.scalarName), as: .notImplementedError)
    }
}
