import InceptionRuntime

/// PyTorch's argument parser's TypeErrors, for tensor methods and torch functions given
/// arguments of the wrong type or number: `exp(): argument 'input' (position 1) must be
/// Tensor, not float`, `eq() received an invalid combination of arguments - got (Tensor, str),
/// but expected one of:`, `matmul() takes 2 positional arguments but 3 were given`.
/// Positions count from `Arguments.positionBase` (the torch function's input is position 1).
enum TorchArgumentErrors {
    /// The types of a call's arguments as PyTorch lists them: `(Tensor, str, dim=int)`, with the
    /// tensor the method belongs to first where it was given to a torch function.
    /// Given by name alone, each is followed by ", " as PyTorch writes them: `(dim=float, )`.
    /// The keywords come last to first, as PyTorch's parser lists them.
    static func given(_ call: Arguments) -> String {
        let positional = (call.positionBase > 1 ? ["Tensor"] : []) + call.positional.map(typeName)
        let named = call.keywords.reversed().map { "\($0.name)=\(typeName($0.value))" }
        if positional.isEmpty, !named.isEmpty { return "(" + named.map { $0 + ", " }.joined() + ")" }
        return "(" + (positional + named).joined(separator: ", ") + ")"
    }

    static func typeName(_ v: Value) -> String {
        if case .tensor(let t) = v { return t.isParameter ? "Parameter" : "Tensor" }
        return v.typeName
    }

    /// The TypeError of a function PyTorch has several forms of (a Tensor and a Scalar other).
    static func invalidCombination(_ function: String, _ call: Arguments) -> LanguageFailure {
        LanguageFailure("\(function)() received an invalid combination of arguments - got \(given(call)), but expected one of:", as: .typeError)
    }

    /// The functions whose other operand PyTorch takes as a Tensor or a Number in separate
    /// forms: a wrong type matches neither, and the message lists what was given.
    static let overloaded: Set<String> = ["eq", "ne", "lt", "le", "gt", "ge", "pow", "clamp", "clip", "fill_", "masked_fill", "masked_fill_",
                                          "remainder", "fmod", "eq_", "ne_", "lt_", "le_", "gt_", "ge_", "pow_", "remainder_", "fmod_",
                                          "greater", "less", "greater_equal", "less_equal", "not_equal", "float_power", "bitwise_and", "bitwise_or",
                                          "bitwise_xor", "xlogy", "lerp", "lerp_",
                                          "max", "min", "sum", "mean", "nansum", "prod", "std", "var", "squeeze", "view", "where", "linspace",
                                          "logsumexp", "all", "any", "median", "mode", "cumsum", "cumprod"]

    static func tooMany(_ function: String, parameters: Int, _ call: Arguments) -> LanguageFailure {
        let offset = call.positionBase - 1
        let (n, m) = (parameters + offset, call.positional.count + offset)
        if n == 0 { return LanguageFailure("TensorBase.\(function)() takes no arguments (\(m) given)", as: .typeError) }
        return LanguageFailure("\(function)() takes \(n) positional argument\(n == 1 ? "" : "s") but \(m) \(m == 1 ? "was" : "were") given", as: .typeError)
    }

    /// A required argument left out: a function of one form names it; one of several forms (an
    /// overloaded one, or one whose forms differ in their count, as eye(n) and eye(n, m)) fits none.
    static func missing(_ function: String, _ parameter: String, _ call: Arguments) -> LanguageFailure {
        if overloaded.contains(function) || formsByCount.contains(function) { return invalidCombination(function, call) }
        return LanguageFailure("\(function)() missing 1 required positional arguments: \"\(parameter)\"", as: .typeError)
    }

    /// Functions PyTorch has in forms of different argument counts, whose wrong types it still
    /// names one by one (the count picks the form) but whose missing arguments fit no form.
    static let formsByCount: Set<String> = ["eye", "randint"]

    static func noKeywords(_ function: String, _ call: Arguments) -> LanguageFailure {
        call.positionBase > 1 ? invalidCombination(function, call)
            : LanguageFailure("TensorBase.\(function)() takes no keyword arguments", as: .typeError)
    }
}

extension BoundArguments {
    /// dim=None, dim=1, dim=(2, 3), read as PyTorch reads its `int[1]? dim` (IntListArgument).
    func dims(_ name: String) throws -> [Int]? {
        self[name].isNone ? nil : try intList(named: name, broadcast: 1)
    }

    /// The other side of an operation: a tensor, or a number made one (`x.add(1)`). Anything
    /// else is PyTorch's TypeError for the function.
    func operand(_ name: String) throws -> Tensor {
        let v = self[name]
        if case .tensor(let t) = v { return t }
        if let t = Interpreter.scalarTensor(v) { return t }
        if TorchArgumentErrors.overloaded.contains(function) { throw TorchArgumentErrors.invalidCombination(function, call) }
        throw wrong(name, "Tensor")
    }
}
