import InceptionRuntime

extension Interpreter {
    /// F.adaptive_avg_pool2d's and F.adaptive_max_pool2d's call (nn.AdaptiveAvgPool2d's and
    /// nn.AdaptiveMaxPool2d's forward) checked as PyTorch checks it: the Python function's
    /// output_size (an int, or a sequence shorter than the input's dims whose None entries are the
    /// input's sizes), the argument parser's types, then the native checks in order. (input, (h, w))
    static func checkedAdaptivePool2d(_ input: Value, _ outputSize: Value, maximum: Bool) throws -> (Tensor, (h: Int, w: Int)) {
        let name = maximum ? "adaptive_max_pool2d" : "adaptive_avg_pool2d"
        guard case .tensor(let x) = input else { throw LanguageFailure("'\(input.typeName)' object has no attribute 'size'", as: .attributeError) }
        var size = outputSize
        if case .int = outputSize {} else if case .bool = outputSize {} else {
            // _list_with_default(output_size, input.size())
            guard let items = IntListArgument.sequence(outputSize) ?? { if case .string(let s) = outputSize { return s.map { .string(String($0)) } }; return nil }() else {
                throw LanguageFailure("object of type '\(outputSize.typeName)' has no len()", as: .typeError)
            }
            guard items.count < x.rank else { throw LanguageFailure("Input dimension should be at least \(items.count + 1)", as: .valueError) }
            let defaults = x.shape.suffix(items.count)
            size = .list(ListStorage(zip(items, defaults).map { $0.isNone ? .int($1) : $0 }))
        }
        let sizes = try IntListArgument(function: name, parameter: "output_size", call: Arguments()).named(size, position: 2, broadcast: 2)
        guard sizes.count == 2 else {
            throw LanguageFailure(maximum ? "adaptive_max_pool2d(): internal error: output_size.size() must be 2" : "adaptive_avg_pool2d: output_size must be 2")
        }
        if !maximum, sizes.contains(where: { $0 < 0 }) {
            throw LanguageFailure("adaptive_avg_pool2d: elements of output_size must be greater than or equal to 0 but received {\(sizes[0]), \(sizes[1])}")
        }
        guard x.rank == 3 || x.rank == 4 else { throw LanguageFailure("\(name)(): Expected 3D or 4D tensor, but got\(maximum ? ":" : "") \(x.shape)") }
        if let empty = (1..<x.rank).first(where: { x.shape[$0] == 0 }) {
            throw LanguageFailure("\(name)(): Expected input to have non-zero size for non-batch dimensions, but input has sizes \(x.shape) with dimension \(empty) being empty")
        }
        if maximum, let negative = sizes.first(where: { $0 < 0 }) {
            throw LanguageFailure("Trying to create tensor with negative dimension \(negative): \(Array(x.shape.dropLast(2)) + sizes)")
        }
        // a 1 × 1 average is PyTorch's mean, whose dtype message the layer's dtype rule gives
        if TensorOps.dtype(x) != .float32, maximum || sizes != [1, 1] { try requireFloatKernel(x, name) }
        return (x, (sizes[0], sizes[1]))
    }
}
