/// The torch functions whose second operand PyTorch takes only as a tensor (no Scalar overload):
/// `torch.maximum(x, 0.0)` or `x.logical_and(1)` is its TypeError, naming the argument and its
/// position (2 in the function's form, 1 in the method's).
enum TensorOnlyArguments {
    static let parameter: [String: String] = [
        "maximum": "other", "minimum": "other", "fmax": "other", "fmin": "other", "logaddexp": "other", "logaddexp2": "other",
        "logical_and": "other", "logical_or": "other", "logical_xor": "other", "atan2": "other", "arctan2": "other", "hypot": "other",
        "heaviside": "values",
    ]

    /// PyTorch's TypeError when `name`'s operand (the first positional argument, or the keyword)
    /// is a number, a bool or None.
    static func check(_ name: String, _ arguments: Arguments, position: Int) throws {
        guard let parameter = parameter[name],
              let given = arguments.positional.first ?? arguments.keywords.first(where: { $0.name == parameter })?.value,
              [.int(0), .float(0), .bool(false), .none].contains(where: { sameKind($0, given) }) else { return }
        // a keyword argument is named without its position, as PyTorch's parser does
        let place = arguments.positional.isEmpty ? "" : " (position \(position))"
        throw LanguageFailure("\(name)(): argument '\(parameter)'\(place) must be Tensor, not \(given.typeName)", as: .typeError)
    }

    private static func sameKind(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.int, .int), (.float, .float), (.bool, .bool), (.none, .none): return true
        default: return false
        }
    }
}
