import InceptionRuntime

/// torch.randint and randint_like: int64 values in [low, high), drawn from the language's
/// generator as PyTorch's random_(from, to) draws them. The arguments are read as PyTorch's
/// parser reads randint's forms (high, size) and (low, high, size): the count picks the form; in
/// the two-argument form a wrong type is named, in the three-argument one (and for a count or a
/// keyword no form has) the call fits none of them.
extension Interpreter {
    static let randintKeywords: Set<String> = ["low", "high", "size", "dtype", "device", "requires_grad", "generator", "layout", "pin_memory"]

    func randintBuiltins() -> [String: Value] {
        var t: [String: Value] = [:]
        let randint = Value.builtin(Builtin("randint") { _, call in
            let fitsNoForm = TorchArgumentErrors.invalidCombination("randint", call)
            var given: [String: (value: Value, position: Int?)] = [:]
            for (k, v) in call.keywords {
                guard Self.randintKeywords.contains(k), given[k] == nil else { throw fitsNoForm }
                given[k] = (v, nil)
            }
            let names: [String]
            switch (call.positional.count, given["size"] == nil) {
            case (2, true): names = ["high", "size"]
            case (3, true): names = ["low", "high", "size"]
            case (1, false): names = ["high"]
            case (2, false): names = ["low", "high"]
            case (0, false): names = []
            default: throw fitsNoForm
            }
            for (i, name) in names.enumerated() {
                guard given[name] == nil else { throw fitsNoForm }
                given[name] = (call.positional[i], i + 1)
            }
            guard let high = given["high"], let size = given["size"] else { throw fitsNoForm }
            // the (high, size) form names a wrong type; with low given, no form fits
            let named = given["low"] == nil
            func wrong(_ name: String, _ position: Int?, _ what: String) -> LanguageFailure {
                named ? LanguageFailure("randint(): argument '\(name)'\(position.map { " (position \($0))" } ?? "") must be \(what)", as: .typeError) : fitsNoForm
            }
            func integer(_ name: String, _ v: (value: Value, position: Int?)) throws -> Int {
                if case .int(let i) = v.value.indexNormalized { return i }
                throw wrong(name, v.position, "int, not \(v.value.typeName)")
            }
            let hi = try integer("high", high)
            guard let items = size.value.sequenceItems(), size.value.typeName != "str" else { throw wrong("size", size.position, "tuple of ints, not \(size.value.typeName)") }
            let shape = try items.enumerated().map { i, item in
                guard case .int(let n) = item.indexNormalized else {
                    throw wrong("size", size.position, "tuple of ints, but found element of type \(item.typeName) at pos \(i)")
                }
                return n
            }
            let lo = try given["low"].map { try integer("low", $0) } ?? 0
            try Self.requireCPUArgument(given["device"]?.value ?? .none)
            try BoundArguments.requireNonNegative(shape)
            guard lo < hi else { throw LanguageFailure("random_ expects 'from' to be less than 'to', but got from=\(lo) >= to=\(hi)") }
            try MemoryBudget.check(shape: shape, what: "randint()")
            let x = try Self.drawn(shape, from: given["generator"]?.value ?? .none, "randint") { generator, p, count in
                for i in 0..<count { p[i] = Float(generator.integer(below: UInt64(hi - lo), from: Int64(lo))) }
            }
            let d = try Self.dtypeArgument(given["dtype"]?.value ?? .none) ?? .int64
            let drawn = TensorKinds.shared.setDType(x, .int64)
            return .tensor(d == .int64 ? drawn : TensorOps.converted(drawn, to: d))
        })
        t["randint"] = randint
        // randint_like(input, low=0, high): torch.randint over input's shape, in its dtype unless dtype= says
        t["randint_like"] = .builtin(Builtin("randint_like") { interpreter, arguments in
            var positional = arguments.positional
            guard !positional.isEmpty, case .tensor(let x) = positional.removeFirst() else {
                throw LanguageFailure("randint_like(): argument 'input' must be Tensor", as: .typeError)
            }
            var keywords = arguments.keywords.filter { $0.name != "memory_format" }
            if !keywords.contains(where: { $0.name == "dtype" }) { keywords.append(("dtype", .object(Self.dtypeToken(TensorOps.dtype(x))))) }
            keywords.append(("size", .tuple(x.shape.map { .int($0) })))
            return try interpreter.callBack(randint, Arguments(positional, keywords: keywords))
        })
        return t
    }
}
