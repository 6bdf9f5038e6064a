import InceptionRuntime

/// x.put(index, source, accumulate=False), its in-place twin put_ and torch.put: x read as one
/// flat row (as torch.take reads it), the places index names set to source's values (the last
/// one kept where a place repeats) or, with accumulate=True, added to. PyTorch's checks and
/// texts; composed of reshape and index_put, so the gradient reaches x everywhere but the places
/// set (everywhere with accumulate) and source from its places (PutBackward0).
extension Interpreter {
    static let putMethodNames = ["put", "put_"]

    func putTensorMember(_ x: Tensor, _ name: String) throws -> Value? {
        guard Self.putMethodNames.contains(name) else { return nil }
        return Self.builtin(Signature(name, [("index", nil), ("source", nil), ("accumulate", .bool(false))])) { interpreter, a in
            let (index, source) = (try a.tensor("index"), try a.tensor("source"))
            let kinds = TensorKinds.shared
            guard kinds.dtype(index) == .int64 else {
                throw LanguageFailure("put_(): Expected a long tensor for index, but got \(kinds.dtype(index).scalarName)")
            }
            guard kinds.dtype(source) == kinds.dtype(x) else {
                throw LanguageFailure("put_(): self and source expected to have the same dtype, but got self.dtype = \(kinds.dtype(x).scalarName) and source.dtype = \(kinds.dtype(source).scalarName)")
            }
            guard index.count == source.count else {
                throw LanguageFailure("put_(): Expected source and index to have the same number of elements, but got source.numel() = \(source.count), index.numel() = \(index.count)", as: .indexError)
            }
            for v in index.values where Int(v) >= x.count || Int(v) < -x.count {
                throw LanguageFailure("out of range: tried to access index \(Int(v)) on a tensor of \(x.count) elements.", as: .indexError)
            }
            guard case .tensor(let flat) = try interpreter.tensorMethod(x, "reshape", [.int(-1)]),
                  case .tensor(let places) = try interpreter.tensorMethod(index, "reshape", [.int(-1)]),
                  case .tensor(let values) = try interpreter.tensorMethod(source, "reshape", [.int(-1)]),
                  case .tensor(let written) = try interpreter.tensorMethod(flat, "index_put", [.tuple([.tensor(places)]), .tensor(values)],
                                                                            [("accumulate", a["accumulate"])]),
                  case .tensor(let out) = try interpreter.tensorMethod(written, "reshape", x.shape.map { .int($0) }) else { throw LanguageFailure("\(name)()") }
            out.gradNode?.displayName = "PutBackward0"
            return .tensor(name == "put_" ? try interpreter.writeInPlace(x, out, "put_()") : out)
        }
    }
}
