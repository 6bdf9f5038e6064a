import InceptionRuntime

/// An int list parameter (`size`, `shape`, `dims`, `repeats`, `dim`) read as PyTorch's argument
/// parser reads it, with its TypeErrors word for word. Its check looks at the first item only: a
/// tuple, list or torch.Size whose first item is an int (not a bool), or — where the list is a
/// tensor method's only positional parameter — separate ints (`x.view(2, 3)` is `x.view((2, 3))`);
/// its unpacking then reads every item, where a bool or a one-element integer tensor counts as an int.
struct IntListArgument {
    let function: String
    let parameter: String
    let call: Arguments
    /// PyTorch's table has other forms of the function (view's dtype form, sum's …): a value the
    /// check refuses matches none of them.
    var overloaded: Bool { TorchArgumentErrors.overloaded.contains(function) }

    /// The functions PyTorch lists with and without a generator: separate sizes that start with a
    /// non-int match neither form by their count (`randn(2.0, 3)`).
    static let generatorForms: Set<String> = ["rand", "randn"]

    /// The list as the variadic values bound (`rest`): separate ints, one sequence, or the value
    /// given by name (`zeros(size=(2, 3))`, which the binding moved into `rest`). A torch function's
    /// form (`torch.reshape(x, 2, 3)`, positions from 2) takes no separate ints.
    func variadic(_ rest: [Value]) throws -> [Int] {
        // none: PyTorch's TypeError where a program wrote the call (`x.reshape()`, `torch.zeros()`);
        // the empty list where a builtin calls another (a 0-d shape)
        guard let first = rest.first else {
            guard call.written else { return [] }
            if overloaded || Self.generatorForms.contains(function) { throw TorchArgumentErrors.invalidCombination(function, call) }
            throw TorchArgumentErrors.missing(function, parameter, call)
        }
        if call.positional.isEmpty { return try named(first, position: nil) }
        let varargs = call.positionBase == 1
        if varargs, Self.isIndex(first) { return try unpack(rest) }
        guard rest.count == 1 else {
            if overloaded || varargs && Self.generatorForms.contains(function) { throw TorchArgumentErrors.invalidCombination(function, call) }
            throw TorchArgumentErrors.tooMany(function, parameters: 1, call)
        }
        return try named(first, position: call.positionBase)
    }

    /// The list given as one value, at `position` (nil: by name). `broadcast` is the count a lone
    /// int stands for where PyTorch's parameter has a fixed length (`int[1] dim`: `dim=1` is `[1]`).
    func named(_ value: Value, position: Int?, broadcast: Int? = nil) throws -> [Int] {
        if let n = broadcast, case .int(let i) = value.indexNormalized { return Array(repeating: i, count: n) }     // an int, or a 0-d integer tensor
        let at = position.map { " (position \($0))" } ?? ""
        guard let items = Self.sequence(value) else {
            if overloaded { throw TorchArgumentErrors.invalidCombination(function, call) }
            throw LanguageFailure("\(function)(): argument '\(parameter)'\(at) must be tuple of ints, not \(TorchArgumentErrors.typeName(value))", as: .typeError)
        }
        if let first = items.first, !Self.isIndex(first) {
            if overloaded { throw TorchArgumentErrors.invalidCombination(function, call) }
            guard position != nil else {
                throw LanguageFailure("\(function)(): argument '\(parameter)' must be tuple of ints, not \(value.typeName)", as: .typeError)
            }
            throw LanguageFailure("\(function)(): argument '\(parameter)'\(at) must be tuple of ints, but found element of type \(TorchArgumentErrors.typeName(first)) at pos 0",
                                  as: .typeError)
        }
        return try unpack(items)
    }

    /// The sequences PyTorch takes for a list: a tuple (a namedtuple, a torch.Size) or a list.
    static func sequence(_ v: Value) -> [Value]? {
        switch v {
        case .tuple(let xs): return xs
        case .list(let l): return l.remaining
        case .size(let s): return s.map { .int($0) }
        case .object(let o as NamedTuple): return o.values
        default: return nil
        }
    }

    /// An int for the check: an int that is no bool, or a one-element integer tensor (`__index__`).
    static func isIndex(_ v: Value) -> Bool {
        switch v {
        case .int: return true
        case .tensor(let t): return t.count == 1 && !t.isMeta && !TensorOps.dtype(t).isFloating
        default: return false
        }
    }

    func unpack(_ items: [Value]) throws -> [Int] {
        try items.enumerated().map { i, v in
            switch v {
            case .int(let n): return n
            case .bool(let b): return b ? 1 : 0
            case .tensor(let t) where Self.isIndex(v):
                guard TensorOps.dtype(t) != .bool else {
                    throw LanguageFailure("Expected scalar.isIntegral( false) to be true, but got false.  (Could this error message be improved?  If so, please report an enhancement request to PyTorch.)")
                }
                return Int(t.data[0])
            default:
                throw LanguageFailure("\(function)(): argument '\(parameter)' failed to unpack the object at pos \(i + 1) with error \"type must be tuple of ints,but got \(TorchArgumentErrors.typeName(v))\"",
                                      as: .typeError)
            }
        }
    }
}

extension BoundArguments {
    /// The variadic int list (`zeros(2, 3)`, `x.permute(1, 0)`, `x.view(size=(2, 3))`) as PyTorch reads it.
    func intList(_ parameter: String) throws -> [Int] {
        try IntListArgument(function: function, parameter: parameter, call: call).variadic(rest)
    }

    /// A named int list parameter (`full(size, …)`, `roll(shifts, dims)`) as PyTorch reads it.
    func intList(named parameter: String, broadcast: Int? = nil) throws -> [Int] {
        try IntListArgument(function: function, parameter: parameter, call: call).named(self[parameter], position: positions[parameter], broadcast: broadcast)
    }
}
