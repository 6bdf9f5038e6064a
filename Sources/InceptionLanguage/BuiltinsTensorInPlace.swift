import InceptionRuntime

/// The in-place forms of the element-wise methods (x.exp_(), x.abs_(), x.sigmoid_(), x.pow_(2),
/// …): the method's result written over x by `writeInPlace`, with its checks (views, leaves
/// that require a gradient, what autograd can record), and x handed back as PyTorch does.
/// Also x.fill_diagonal_(v), x.swapaxes / swapdims / movedim and x.bincount().
extension Interpreter {
    static let inPlaceElementwise = ["exp", "log", "log1p", "log2", "log10", "expm1", "sqrt", "abs", "neg", "sigmoid", "tanh", "sin", "cos", "floor", "ceil", "round",
                                     "trunc", "frac", "sign", "reciprocal", "rsqrt", "square", "pow",
                                     // methods of x's shape from the other files, written over x the same way
                                     "masked_fill", "lerp", "clip", "fmod", "remainder", "floor_divide", "true_divide", "atan2", "arctan2", "hypot", "logit",
                                     "nan_to_num", "cumsum", "erf", "erfc", "erfinv", "lgamma", "digamma", "exp2", "tril", "triu", "xlogy", "copysign", "heaviside", "logaddexp",
                                     "logical_not", "logical_and", "logical_or", "logical_xor", "eq", "ne", "gt", "ge", "lt", "le",
                                     "fmax", "fmin", "maximum", "minimum", "sinc", "deg2rad", "rad2deg", "clamp", "clip",
                                     "cumprod", "addmm", "baddbmm",
                                     "bitwise_and", "bitwise_or", "bitwise_xor", "bitwise_not", "bitwise_left_shift", "bitwise_right_shift"]
    static let inPlaceMethodNames = inPlaceElementwise.map { $0 + "_" } + ["fill_diagonal_", "swapaxes", "swapdims", "movedim", "bincount"]

    /// x.f_(…) under autograd where f's backward reads its input or its output (exp_, sigmoid_,
    /// pow_, clamp_, …), as PyTorch records it: f is computed from a stand-in that holds x as it
    /// was (its values and history), and x takes over that result's node. Only while nothing
    /// recorded has used x yet and x's own backward does not read x (the cases PyTorch's version
    /// counter lets through); nil otherwise, or without autograd, for the usual path to decide.
    func recomputedInPlace(_ x: Tensor, _ base: String, _ arguments: Arguments, _ what: String) throws -> Tensor? {
        guard GradMode.isEnabled, x.requiresGrad, x.gradNode != nil, !x.isMeta, TensorOps.dtype(x) == .float32,
              Self.changeIsChecked(x) else { return nil }
        try checkInPlace(x, what, autograd: false, recorded: true)
        let before = x.copy()
        before.takeHistory(of: x)
        guard case .tensor(let result) = try callBack(try getAttribute(.tensor(before), base), arguments) else { throw LanguageFailure(what) }
        guard result.shape == x.shape else { throw LanguageFailure("output with shape \(x.shape) doesn't match the broadcast shape \(result.shape)") }
        guard TensorOps.dtype(result) == .float32, let node = result.gradNode else {
            throw LanguageFailure("\(what) cannot be recorded for the backward pass here", fix: "write the result to a new name instead, e.g. y = x.exp()")
        }
        try x.assign(result)
        node.rebase(x, before: before, output: result)
        // it reads `before` and `result`, not x; but where PyTorch's backward reads the result (exp_,
        // sigmoid_, …) PyTorch refuses a later change to x, and so does the language
        node.readsNoTakenOutput = !Self.backwardReadsResult.contains(base)
        return x
    }

    static let clampNames: Set<String> = ["clamp", "clip", "clamp_min", "clamp_max"]

    /// Operations whose PyTorch backward reads their result (derivatives.yaml's `result`).
    static let backwardReadsResult: Set<String> = ["exp", "exp2", "expm1", "sigmoid", "tanh", "sqrt", "rsqrt", "reciprocal", "tan", "relu"]

    func inPlaceTensorMember(_ x: Tensor, _ name: String) throws -> Value? {
        if name.hasSuffix("_"), Self.inPlaceElementwise.contains(String(name.dropLast())) {
            let base = String(name.dropLast())
            guard let method = try torchTensorMember(x, base) ?? matrixTensorMember(x, base) ?? (try? getAttribute(.tensor(x), base)) else { return nil }
            return .builtin(Builtin(name) { [unowned self] _, arguments in
                if let recorded = try recomputedInPlace(x, base, arguments, "\(name)()") { return .tensor(recorded) }
                let called: Value
                do { called = try callBack(method, arguments) } catch var failure as LanguageFailure where failure.pythonClass == .typeError && failure.message.hasPrefix(base + "(") {
                    // PyTorch's parser names the method called: atan2_(): argument 'other' …
                    failure.message = name + failure.message.dropFirst(base.count)
                    throw failure
                }
                guard case .tensor(let result) = called else { throw LanguageFailure("\(name)()") }
                // clamp's forms with number bounds check the cast against self.dtype(), a TypeMeta
                let numberBounds = Self.clampNames.contains(base) && !(arguments.positional + arguments.keywords.map(\.value)).contains { $0.asTensor != nil }
                return .tensor(try writeInPlace(x, result, "\(name)()", typeMetaNames: numberBounds))     // refuses a float result for an int64 tensor
            })
        }
        func method(_ signature: Signature, _ body: @escaping (BoundArguments) throws -> Value) -> Value {
            .builtin(Builtin(signature.name) { _, arguments in try body(try signature.parsedAsTorch.bind(arguments)) })
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
                // PyTorch's two forms (int, int) and (tuple of ints, tuple of ints): anything else fits neither
                func dims(_ parameter: String) throws -> [Int] {
                    guard let given = try? Self.intList(a[parameter], name, parameter) else { throw TorchArgumentErrors.invalidCombination(name, a.call) }
                    return try given.map { try TensorOps.dim($0, rank: x.rank) }
                }
                let (sources, targets) = (try dims("source"), try dims("destination"))
                guard sources.count == targets.count else {
                    throw LanguageFailure("movedim: Invalid source or destination dims: source (\(sources) dims) should contain the same number of dims as destination (\(targets) dims)")
                }
                guard Set(sources).count == sources.count else { throw LanguageFailure("movedim: repeated dim in `source` (\(sources))") }
                guard Set(targets).count == targets.count else { throw LanguageFailure("movedim: repeated dim in `destination` (\(targets))") }
                guard x.rank > 0 else { return .tensor(x) }                 // a 0-d tensor has nothing to move
                var order = [Int](repeating: -1, count: x.rank)
                for (s, d) in zip(sources, targets) { order[d] = s }
                var rest = (0..<x.rank).filter { !sources.contains($0) }.makeIterator()
                for i in order.indices where order[i] == -1 { order[i] = rest.next()! }
                return .tensor(try TensorOps.permute(x, order))
            }
        case "bincount":
            return method(Signature(name, [("weights", Value.none), ("minlength", .int(0))])) { a in
                if !TensorOps.dtype(x).isIntegral {
                    throw LanguageFailure("\"bincount_cpu\" not implemented for '\(TensorOps.dtype(x).scalarName)'", as: .notImplementedError)
                }
                guard try a.int("minlength") >= 0 else { throw LanguageFailure("minlength should be >= 0") }
                guard x.rank == 1 else { throw LanguageFailure("bincount only supports 1-d non-negative integral inputs.") }
                guard (0..<x.count).allSatisfy({ x.data[$0] >= 0 && x.data[$0] < Float(Int32.max) }) else {
                    throw LanguageFailure("bincount only supports 1-d non-negative integral inputs.")
                }
                let values = (0..<x.count).map { Int(x.data[$0]) }
                let weights = a["weights"].asTensor
                if let weights, weights.shape != x.shape { throw LanguageFailure("weights should be 1-d and have the same length as input") }
                if let weights, TensorOps.dtype(weights) != .float32 {
                    // PyTorch counts integer or bool weights in float64
                    throw LanguageFailure("bincount with \(TensorOps.dtype(weights).rawValue) weights gives a float64 tensor in PyTorch, and float64 is not supported here",
                                          fix: "pass float weights: weights=w.float()")
                }
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
