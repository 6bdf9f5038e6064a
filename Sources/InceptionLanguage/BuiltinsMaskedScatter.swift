import InceptionRuntime

/// x.masked_scatter(mask, source) and its in-place twin masked_scatter_: x with the places where
/// mask (broadcast) is True filled, in row-major order, by source's first values (read flat), as
/// PyTorch's. Composed of reshape, slicing and index_put, so the gradient reaches x at the other
/// places and source's first values from the filled ones (MaskedScatterBackward0).
extension Interpreter {
    static let maskedScatterMethodNames = ["masked_scatter", "masked_scatter_"]

    func maskedScatterTensorMember(_ x: Tensor, _ name: String) throws -> Value? {
        guard Self.maskedScatterMethodNames.contains(name) else { return nil }
        return Self.builtin(Signature(name, [("mask", nil), ("source", nil)])) { interpreter, a in
            let (mask, source) = (try a.tensor("mask"), try a.tensor("source"))
            let kinds = TensorKinds.shared
            guard kinds.dtype(mask) == .bool else {
                throw LanguageFailure("masked_scatter_ only supports boolean masks, but got mask with dtype \(kinds.dtype(mask).scalarName)")
            }
            guard kinds.dtype(source) == kinds.dtype(x) else {
                throw LanguageFailure("masked_scatter: expected self and source to have same dtypes but got\(kinds.dtype(x).scalarName) and \(kinds.dtype(source).scalarName)")
            }
            // in place, the mask broadcasts to x; otherwise both broadcast together
            let shape = name.hasSuffix("_") ? x.shape : try TensorOps.broadcastShape(mask.shape, x.shape)
            guard (try? TensorOps.broadcastShape(shape, mask.shape)) == shape else {
                throw LanguageFailure(Interpreter.expandedSizeMessage(mask.shape, to: shape))
            }
            let spread = TensorOps.offsets(shape, TensorOps.broadcastStrides(mask.shape, to: shape))
            let places = spread.indices.filter { mask.data[spread[$0]] != 0 }
            guard places.count <= source.count else { throw LanguageFailure("Number of elements of source < number of ones in mask") }
            let sizes = shape.map { Value.int($0) }
            guard case .tensor(let input) = try interpreter.tensorMethod(x, "expand", sizes),
                  case .tensor(let flat) = try interpreter.tensorMethod(input, "reshape", [.int(-1)]),
                  case .tensor(let values) = try interpreter.tensorMethod(source, "reshape", [.int(-1)]) else { throw LanguageFailure("\(name)()") }
            let taken = try TensorOps.getItem(values, [.range(0, places.count, nil)])
            let index = kinds.setDType(try Tensor(shape: [places.count], values: places.map(Float.init)), .int64)
            guard case .tensor(let filled) = try interpreter.tensorMethod(flat, "index_put", [.tuple([.tensor(index)]), .tensor(taken)]),
                  case .tensor(let out) = try interpreter.tensorMethod(filled, "reshape", sizes) else { throw LanguageFailure("\(name)()") }
            out.gradNode?.displayName = "MaskedScatterBackward0"
            return .tensor(name.hasSuffix("_") ? try interpreter.writeInPlace(x, out, "\(name)()") : out)
        }
    }
}
