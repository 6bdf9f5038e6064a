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
            t[name] = .builtin(Builtin(name) { _, arguments in .tensor(try Self.legacyConstructed(arguments, dtype: dtype, anyTensor: false)) })
        }
        return t
    }

    /// torch.Tensor(…), torch.FloatTensor(…), … and x.new(…), read as PyTorch's legacy constructor
    /// (tensor_new.cpp's legacy_tensor_generic_ctor_new) reads them: nothing is an empty (0,)
    /// tensor; a tensor is an alias of it (of any dtype for torch.Tensor, of `dtype` only for the
    /// typed ones and x.new); ints or a torch.Size are a shape (zeros here, uninitialised in
    /// PyTorch); one sequence (a list, tuple, range) is data converted to `dtype`. Only `device=`,
    /// or `size=` / `data=` alone, go by name; other calls are its TypeErrors, under the name new().
    static func legacyConstructed(_ arguments: Arguments, dtype: DType, anyTensor: Bool) throws -> Tensor {
        var call = arguments
        if let i = call.keywords.firstIndex(where: { $0.name == "device" }) { try requireCPUArgument(call.keywords.remove(at: i).value) }
        let invalid = TorchArgumentErrors.invalidCombination("new", arguments)
        func shaped(_ shape: [Int]) throws -> Tensor {
            try BoundArguments.requireNonNegative(shape)
            try MemoryBudget.check(shape: shape, what: "new()")
            return TensorOps.converted(Tensor(zeros: shape), to: dtype)
        }
        func data(_ v: Value) throws -> Tensor {
            guard ["list", "tuple", "range", "str", "deque"].contains(v.typeName) else {
                throw LanguageFailure("new(): data must be a sequence (got \(v.typeName))", as: .typeError)
            }
            if firstLeaf(v).typeName != "str" { try requireRealNumbers(v) }     // a str there: the lists' own error (too many dimensions 'str')
            return try tensor(from: v, dtype: dtype, copying: true)
        }
        if let (name, v) = call.keywords.first {
            guard call.keywords.count == 1, call.positional.isEmpty else { throw invalid }
            switch name {
            case "data": return try data(v)
            case "size":
                guard let items = IntListArgument.sequence(v), items.allSatisfy(IntListArgument.isIndex) else { throw invalid }
                return try shaped(try IntListArgument(function: "new", parameter: "size", call: call).unpack(items))
            default: throw invalid
            }
        }
        guard let first = call.positional.first else { return try shaped([0]) }
        if call.positional.count == 1 {
            switch first {
            case .tensor(let x):
                let own = TensorOps.dtype(x)
                guard anyTensor || own == dtype else {
                    throw LanguageFailure("expected \(tensorOptions(dtype)) (got \(tensorOptions(own)))", as: .typeError)
                }
                return named(try reshaped(x, x.shape, .layout(TensorKinds.shared.layout(of: x))), "AliasBackward0")
            case .size(let shape): return try shaped(shape)
            case .int(let n): return try shaped([n])
            default: return try data(first)
            }
        }
        guard IntListArgument.isIndex(first), first.asTensor == nil else { throw invalid }
        return try shaped(try IntListArgument(function: "new", parameter: "size", call: call).unpack(call.positional))
    }

    /// PyTorch's C++ text for a CPU tensor of dtype d, as its legacy constructors' TypeError shows it.
    static func tensorOptions(_ d: DType) -> String {
        "TensorOptions(dtype=\(cppTypeName(d)), device=cpu, layout=Strided, requires_grad=false (default), pinned_memory=false (default), memory_format=(nullopt))"
    }

    /// The legacy constructors convert each value to their dtype (no inference): a leaf that is no
    /// number is "must be real number, not NoneType" (torch.tensor's own message differs).
    static func firstLeaf(_ v: Value) -> Value {
        guard v.typeName != "str", v.asTensor == nil, !isNumber(v), let head = v.sequenceItems()?.first else { return v }
        return firstLeaf(head)
    }

    static func requireRealNumbers(_ v: Value) throws {
        guard v.asTensor == nil, !isNumber(v) else { return }
        if v.typeName != "str", let items = v.sequenceItems() { try items.forEach(requireRealNumbers); return }
        guard v.isNone || v.typeName == "str" else { return }
        throw LanguageFailure("must be real number, not \(v.typeName)", as: .typeError)
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
