import InceptionRuntime

/// The in-place forms of the element-wise methods (x.exp_(), x.abs_(), x.sigmoid_(), x.pow_(2),
/// …): the method's result written over x by `writeInPlace`, with its checks (views, leaves
/// that require a gradient, what autograd can record), and x handed back as PyTorch does.
/// Also x.fill_diagonal_(v), x.swapaxes / swapdims / movedim and x.bincount().
extension Interpreter {
    static let inPlaceElementwise = ["exp", "log", "log1p", "log2", "log10", "expm1", "sqrt", "abs", "neg", "sigmoid", "tanh", "sin", "cos", "floor", "ceil", "round",
                                     "trunc", "frac", "sign", "reciprocal", "rsqrt", "square", "pow"]
    static let inPlaceMethodNames = inPlaceElementwise.map { $0 + "_" } + ["fill_diagonal_", "swapaxes", "swapdims", "movedim", "bincount"]

    func inPlaceTensorMember(_ x: Tensor, _ name: String) throws -> Value? {
        if name.hasSuffix("_"), Self.inPlaceElementwise.contains(String(name.dropLast())) {
            let base = String(name.dropLast())
            guard let method = try torchTensorMember(x, base) ?? matrixTensorMember(x, base) else { return nil }
            return .builtin(Builtin(name) { [unowned self] _, arguments in
                guard case .tensor(let result) = try callBack(method, arguments) else { throw LanguageFailure("\(name)()") }
                return .tensor(try writeInPlace(x, result, "\(name)()"))     // refuses a float result for an int64 tensor
            })
        }
        func method(_ signature: Signature, _ body: @escaping (BoundArguments) throws -> Value) -> Value {
            .builtin(Builtin(signature.name) { _, arguments in try body(try signature.bind(arguments)) })
        }
        switch name {
        case "fill_diagonal_":
            return method(Signature(name, [("fill_value", nil), ("wrap", .bool(false))])) { [unowned self] a in
                guard x.rank >= 2 else { throw LanguageFailure("dimensions must larger than 1") }
                guard x.rank == 2 || Set(x.shape).count == 1 else { throw LanguageFailure("all dimensions of input must be of equal length") }
                guard let value = a["fill_value"].asDouble else { throw LanguageFailure("fill_diagonal_(): fill_value must be a number") }
                let result = x.copy()
                let step = TensorOps.strides(x.shape).reduce(0, +), rows = x.shape[0], cols = x.shape[1...].min() ?? 0
                let wrap = try a.bool("wrap")
                let count = x.rank == 2 && wrap ? (x.count + step - 1) / step : min(rows, cols)
                for i in 0..<count where i * step < x.count { result.data[i * step] = Float(value) }
                return .tensor(try writeInPlace(x, TensorKinds.shared.setDType(result, TensorOps.dtype(x)), "fill_diagonal_()"))
            }
        case "swapaxes", "swapdims":
            return method(Signature(name, [("axis0", nil), ("axis1", nil)])) { a in
                var order = Array(0..<x.rank)
                order.swapAt(try TensorOps.dim(try a.int("axis0"), rank: x.rank), try TensorOps.dim(try a.int("axis1"), rank: x.rank))
                return .tensor(Self.named(try TensorOps.permute(x, order), "TransposeBackward0", unless: x))
            }
        case "movedim":
            return method(Signature(name, [("source", nil), ("destination", nil)])) { a in
                let sources = try Self.intList(a["source"], name, "source").map { try TensorOps.dim($0, rank: x.rank) }
                let targets = try Self.intList(a["destination"], name, "destination").map { try TensorOps.dim($0, rank: x.rank) }
                guard sources.count == targets.count else {
                    throw LanguageFailure("movedim: Invalid source or destination dims: source (\(sources) dims) should contain the same number of dims as destination (\(targets) dims)")
                }
                guard Set(sources).count == sources.count else { throw LanguageFailure("movedim: repeated dim in `source` (\(sources))") }
                guard Set(targets).count == targets.count else { throw LanguageFailure("movedim: repeated dim in `destination` (\(targets))") }
                var order = [Int](repeating: -1, count: x.rank)
                for (s, d) in zip(sources, targets) { order[d] = s }
                var rest = (0..<x.rank).filter { !sources.contains($0) }.makeIterator()
                for i in order.indices where order[i] == -1 { order[i] = rest.next()! }
                return .tensor(try TensorOps.permute(x, order))
            }
        case "bincount":
            return method(Signature(name, [("weights", Value.none), ("minlength", .int(0))])) { a in
                guard x.rank == 1, TensorOps.dtype(x) == .int64 else { throw LanguageFailure("bincount only supports 1-d non-negative integral inputs.") }
                guard (0..<x.count).allSatisfy({ x.data[$0] >= 0 && x.data[$0] < Float(Int32.max) }) else {
                    throw LanguageFailure("bincount only supports 1-d non-negative integral inputs.")
                }
                let values = (0..<x.count).map { Int(x.data[$0]) }
                let weights = a["weights"].asTensor
                if let weights, weights.shape != x.shape { throw LanguageFailure("weights should be 1-d and have the same length as input") }
                let length = max((values.max() ?? -1) + 1, try a.int("minlength"))
                try MemoryBudget.check(shape: [length], what: "bincount()")
                var counts = [Double](repeating: 0, count: length)
                for (i, v) in values.enumerated() { counts[v] += weights.map { Double($0.data[i]) } ?? 1 }
                return .tensor(TensorOps.make([length], values: counts.map(Float.init), weights == nil ? .int64 : .float32))
            }
        default: return nil
        }
    }
}
