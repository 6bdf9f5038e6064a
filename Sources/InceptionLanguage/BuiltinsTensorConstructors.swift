import InceptionRuntime

/// Tensors made from Python data: torch.tensor (always a copy), torch.as_tensor and torch.asarray
/// (a tensor given back as it is when its dtype already fits), and the legacy typed constructors
/// torch.FloatTensor, LongTensor, IntTensor and BoolTensor (data, or a shape of zeros).
extension Interpreter {
    func tensorConstructorBuiltins() -> [String: Value] {
        var t: [String: Value] = [:]
        let parameters: [(String, Value?)] = [("data", nil), ("dtype", Value.none), ("device", Value.none), ("requires_grad", .bool(false))]
        t["tensor"] = Self.builtin(Signature("tensor", parameters)) { _, a in
            try Self.requireCPUArgument(a["device"])
            let out = try Self.tensor(from: a["data"], dtype: try Self.dtypeArgument(a), copying: true)
            try Self.requireGradIfAsked(a, out)
            return .tensor(out)
        }
        for name in ["as_tensor", "asarray"] {
            t[name] = Self.builtin(Signature(name, Array(parameters.prefix(3)))) { _, a in
                try Self.requireCPUArgument(a["device"])
                return .tensor(try Self.tensor(from: a["data"], dtype: try Self.dtypeArgument(a), copying: false))
            }
        }
        for (name, dtype) in Self.legacyTensorTypes {
            // FloatTensor([1, 2]) holds the data; FloatTensor(2, 3) is a (2, 3) tensor (zeros here, uninitialised in PyTorch)
            t[name] = .builtin(Builtin(name) { _, arguments in
                guard arguments.keywords.isEmpty else { throw LanguageFailure("torch.\(name)() takes no keyword arguments here", fix: "use torch.tensor(data, dtype=…)", as: .typeError) }
                let items = arguments.positional
                if items.count == 1, items[0].asInt == nil { return .tensor(try Self.tensor(from: items[0], dtype: dtype, copying: true)) }
                guard let shape = items.map(\.asInt) as? [Int], shape.allSatisfy({ $0 >= 0 }) else {
                    throw LanguageFailure("torch.\(name)() takes a sequence of data or non-negative sizes", as: .typeError)
                }
                return .tensor(TensorOps.converted(Tensor(zeros: shape), to: dtype))
            })
        }
        return t
    }

    /// The legacy tensor types (torch.FloatTensor, …) by name, with their dtypes.
    static let legacyTensorTypes: [String: DType] = ["FloatTensor": .float32, "LongTensor": .int64, "IntTensor": .int32, "BoolTensor": .bool]

    /// x.type(…)'s argument: a dtype, a legacy type (torch.LongTensor) or its name ('torch.LongTensor').
    static func legacyTypeArgument(_ v: Value) throws -> DType {
        switch v {
        case .builtin(let b) where legacyTensorTypes[b.name] != nil: return legacyTensorTypes[b.name]!
        case .string(let s):
            if s.hasPrefix("torch."), let d = legacyTensorTypes[String(s.dropFirst(6))] { return d }
            if s.hasPrefix("torch."), s.hasSuffix("Tensor") {
                throw LanguageFailure("x.type('\(s)') is not supported: tensors here are float32, int64, int32 or bool",
                                      fix: "use 'torch.FloatTensor', 'torch.LongTensor', 'torch.IntTensor' or 'torch.BoolTensor'")
            }
            throw LanguageFailure("invalid type: '\(s)'", as: .valueError)
        case .object(let o) where o is TorchToken: return try dtypeArgument(v) ?? .float32
        default: throw LanguageFailure("dtype must be a type, str, or dtype object", as: .typeError)
        }
    }

    /// A tensor of `data` (a tensor, a number or nested sequences of them) with its own dtype
    /// (bool, then int64, then float32 as the items need) unless `dtype` says otherwise. A tensor
    /// is copied only if `copying` or its dtype changes.
    static func tensor(from data: Value, dtype: DType?, copying: Bool) throws -> Tensor {
        if case .tensor(let x) = data {
            let own = TensorOps.dtype(x)
            if let dtype, dtype != own { return TensorOps.converted(x, to: dtype) }
            return copying ? TensorKinds.shared.setDType(x.copy(), own) : x
        }
        let x = try TensorMath.fromNested(data)        // the lists' shape checked first, as PyTorch's errors come
        var kind = DType.bool
        func scan(_ v: Value, _ depth: Int) throws {
            guard depth <= TensorMath.maxNestedDims else { throw TensorMath.tooDeep }
            switch v {
            case .float: kind = .float32
            case .int: if kind == .bool { kind = .int64 }
            case .tensor(let t):      // a 0-d tensor in a list counts as its number
                let own = TensorOps.dtype(t)
                if own.isFloating { kind = .float32 } else if own.isIntegral, kind == .bool { kind = .int64 }
            default: try v.sequenceItems().map { try $0.forEach { try scan($0, depth + 1) } }
            }
        }
        try scan(data, 0)
        if x.count == 0 { kind = .float32 }      // no number at all ([], [[]], [[], []]): the default dtype
        var out = TensorKinds.shared.setDType(x, kind)
        if let dtype, dtype != kind { out = TensorOps.converted(out, to: dtype) }
        return out
    }
}
