import InceptionRuntime

/// The arguments of one call, as written: positional values, then `name=value` pairs.
public struct Arguments {
    public var positional: [Value]
    public var keywords: [(name: String, value: Value)]
    /// The position PyTorch's messages give `positional[0]`: 1, or 2 where a torch function
    /// passes its input on to the tensor method (`torch.add(x, "a")` is x.add("a") with "a" at 2).
    public var positionBase = 1
    /// Whether a program wrote the call (`x.reshape()`), not a builtin calling another: a variadic
    /// size given no value is then PyTorch's TypeError, where the builtins' own calls mean the
    /// empty list (a 0-d shape).
    public var written = false
    public init(_ positional: [Value] = [], keywords: [(name: String, value: Value)] = []) {
        self.positional = positional; self.keywords = keywords
    }
}

/// A builtin's parameter list, PyTorch's names and order: `Conv2d(in_channels, out_channels,
/// kernel_size, stride=1, padding=0, bias=True)`. A parameter without a default is required;
/// `variadic` collects extra positional arguments (`randn(2, 3, 224, 224)`).
public struct Signature {
    public var name: String
    public var parameters: [(name: String, defaultValue: Value?)]
    public var variadic: String?
    /// Bound as PyTorch's argument parser binds a tensor method or torch function: its
    /// keyword-only parameters (`alpha`, `dtype`, `out`, … after the `*`) are never filled by
    /// position, and a wrong count is its TypeError (`add() takes 2 positional arguments but 3
    /// were given`, `unsqueeze() missing 1 required positional arguments: "dim"`).
    public var torchParser = false

    public init(_ name: String, _ parameters: [(String, Value?)] = [], variadic: String? = nil) {
        self.name = name
        self.parameters = parameters.map { (name: $0.0, defaultValue: $0.1) }
        self.variadic = variadic
    }

    /// The same signature bound as PyTorch's argument parser binds (`torchParser`).
    public var parsedAsTorch: Signature { var s = self; s.torchParser = true; return s }

    /// The parameters PyTorch's tensor methods and torch functions take by name only.
    static let torchKeywordOnly: Set<String> = ["alpha", "out", "rounding_mode", "generator", "memory_format", "layout", "pin_memory",
                                                "requires_grad", "approximate"]

    /// How many parameters take positional arguments.
    var positionalCount: Int { positionalNames.count }
    var positionalNames: [String] {
        parameters.map(\.name).filter { !torchParser || !Self.torchKeywordOnly.contains($0) }
    }

    /// "Conv2d(in_channels, out_channels, kernel_size, stride=1, padding=0, bias=True)"
    public var text: String {
        var parts: [String] = []
        if let v = variadic { parts.append("*" + v) }
        parts += parameters.map { p in p.defaultValue.map { "\(p.name)=\($0.repr)" } ?? p.name }
        return "\(name)(\(parts.joined(separator: ", ")))"
    }

    /// NumPy's keyword names that PyTorch's argument parser takes for its own (axis=1,
    /// keepdims=True), where the builtin has the PyTorch name and not the NumPy one.
    static let numpyAliases = ["axis": "dim", "keepdims": "keepdim"]

    /// Matches arguments to parameters, with Python's messages for what does not fit.
    public func bind(_ arguments: Arguments) throws -> BoundArguments {
        var values: [String: Value] = [:]
        var positions: [String: Int] = [:]
        var extra: [Value] = []
        var keywords = arguments.keywords
        if let v = variadic {
            extra = arguments.positional
            // PyTorch also takes the sizes by name: zeros(size=(2, 3)), flip(dims=[0]), permute(dims=(1, 0))
            if let i = keywords.firstIndex(where: { $0.name == v }), !parameters.contains(where: { $0.name == v }) {
                guard extra.isEmpty else {
                    throw LanguageFailure("\(name)() got multiple values for argument '\(v)'", fix: "give it either by position or as \(v)=…", as: .typeError)
                }
                extra = [keywords[i].value]
                keywords.remove(at: i)
            }
        } else {
            guard arguments.positional.count <= positionalCount else {
                if torchParser { throw TorchArgumentErrors.tooMany(name, parameters: positionalCount, arguments) }
                throw LanguageFailure("\(name)() takes at most \(parameters.count) argument\(parameters.count == 1 ? "" : "s") (\(arguments.positional.count) given)",
                                      fix: "call it as \(text)", as: .typeError)
            }
            let names = positionalNames
            for (i, v) in arguments.positional.enumerated() { values[names[i]] = v; positions[names[i]] = i + arguments.positionBase }
        }
        if torchParser, parameters.isEmpty, variadic == nil, !keywords.isEmpty {
            throw TorchArgumentErrors.noKeywords(name, arguments)
        }
        for (written, v) in keywords {
            let key = Self.numpyAliases[written].flatMap { alias in parameters.contains(where: { $0.name == alias }) ? alias : nil } ?? written
            guard parameters.contains(where: { $0.name == key }) else {
                let suggestion = closestName(to: key, among: parameters.map(\.name))
                throw LanguageFailure("\(name)() got an unexpected keyword argument '\(key)'",
                                      fix: suggestion.map { "did you mean '\($0)'? The call is \(text)" } ?? "the call is \(text)", as: .typeError)
            }
            guard values[key] == nil else {
                throw LanguageFailure("\(name)() got multiple values for argument '\(key)'", fix: "give it either by position or as \(key)=…", as: .typeError)
            }
            values[key] = v
        }
        for p in parameters where values[p.name] == nil {
            guard let d = p.defaultValue else {
                if torchParser { throw TorchArgumentErrors.missing(name, p.name, arguments) }
                throw LanguageFailure("\(name)() is missing its argument '\(p.name)'", fix: "call it as \(text)", as: .typeError)
            }
            values[p.name] = d
        }
        var bound = BoundArguments(function: name, values: values, rest: extra)
        bound.call = arguments
        bound.positions = positions
        bound.torchParser = torchParser
        return bound
    }
}

/// Arguments matched to names, with typed accessors whose errors name the argument.
public struct BoundArguments {
    public let function: String
    public let values: [String: Value]
    /// The variadic positional arguments.
    public let rest: [Value]
    /// The call as written, for messages that name an argument's position or list the types given.
    var call = Arguments()
    /// Whether the call was bound as PyTorch's argument parser binds (`Signature.torchParser`).
    var torchParser = false
    /// The position each argument given by position had (PyTorch's count: the torch function's input is 1).
    var positions: [String: Int] = [:]

    public init(function: String, values: [String: Value], rest: [Value]) {
        self.function = function; self.values = values; self.rest = rest
    }

    public subscript(name: String) -> Value { values[name] ?? .none }

    /// A copy with `name` bound to `value` instead; the call as written and its positions kept.
    func replacing(_ name: String, with value: Value) -> BoundArguments {
        var copy = BoundArguments(function: function, values: values.merging([name: value]) { $1 }, rest: rest)
        (copy.call, copy.positions, copy.torchParser) = (call, positions, torchParser)
        return copy
    }

    /// PyTorch's argument parser's TypeError: `topk(): argument 'k' (position 1) must be int,
    /// not float` (no position for an argument given by name). `expected` is its type's name there.
    /// A function PyTorch has several forms of matches none: its message lists the types given.
    func wrong(_ name: String, _ expected: String) -> LanguageFailure {
        if torchParser, TorchArgumentErrors.overloaded.contains(function) { return TorchArgumentErrors.invalidCombination(function, call) }
        return LanguageFailure("\(function)(): argument '\(name)'\(positions[name].map { " (position \($0))" } ?? "") must be \(expected), not \(self[name].typeName)",
                        as: .typeError)
    }

    static func brief(_ v: Value) -> String { v.brief }

    public func int(_ name: String) throws -> Int {
        if case .int(let i) = self[name] { return i }
        if case .tensor = self[name], let i = self[name].indexValue { return i }        // a 0-d integer tensor (__index__)
        throw wrong(name, "int")
    }

    public func optionalInt(_ name: String) throws -> Int? { self[name].isNone ? nil : try int(name) }

    /// A number; or, as PyTorch's parser takes a Scalar or a float, a 0-d tensor that does not require grad.
    public func double(_ name: String) throws -> Double {
        if case .tensor(let t) = self[name], t.rank == 0, !t.requiresGrad, !t.isMeta { return Double(t.data[0]) }
        guard let d = self[name].asDouble, isNumber(self[name]) else { throw wrong(name, "Number") }
        return d
    }

    public func bool(_ name: String) throws -> Bool {
        if case .bool(let b) = self[name] { return b }
        throw wrong(name, "bool")
    }

    public func string(_ name: String) throws -> String {
        if case .string(let s) = self[name] { return s }
        throw wrong(name, "str")
    }

    public func optionalString(_ name: String) throws -> String? { self[name].isNone ? nil : try string(name) }

    public func tensor(_ name: String) throws -> Tensor {
        if case .tensor(let t) = self[name] { return t }
        if self[name].isNone {
            // F.cross_entropy(aux1_out, labels) after net.eval(), or the result of a forward without return
            var failure = wrong(name, "Tensor")
            failure.fix = "it is None: what gave it returned None — a forward or function without `return`, "
                + "or a network's aux output, which is None in eval mode (net.train() runs the aux heads)"
            throw failure
        }
        // a function with several signatures (lerp's Number and Tensor weight): none matches
        if TorchArgumentErrors.overloaded.contains(function) { throw TorchArgumentErrors.invalidCombination(function, call) }
        throw wrong(name, "Tensor")
    }

    public func optionalTensor(_ name: String) throws -> Tensor? { self[name].isNone ? nil : try tensor(name) }

    public func module(_ name: String) throws -> Module {
        if case .module(let m) = self[name] { return m }
        throw wrong(name, "Module")
    }

    /// An int, or a square pair as PyTorch accepts for kernel sizes: a tuple `(3, 3)`, a list
    /// `[3, 3]` or a torch.Size (`x.shape[2:]`).
    public func squareInt(_ name: String) throws -> Int {
        switch self[name] {
        case .int(let i): return i
        case .tuple, .list, .size:
            guard let xs = self[name].sequenceItems(), xs.count == 2 else { throw wrong(name, "tuple of ints") }
            if let a = xs[0].asInt, let b = xs[1].asInt, a == b { return a }
            throw LanguageFailure("\(function)(): \(name)=\(self[name].repr) is not square; only equal sizes like (3, 3) are supported")
        default: throw wrong(name, "tuple of ints")
        }
    }

    /// Dimensions given as separate ints (randn(2, 3)) or as one tuple/torch.Size (randn((2, 3))),
    /// read as PyTorch reads its `size` (IntListArgument); a negative one is PyTorch's RuntimeError.
    public func shape() throws -> [Int] {
        let dims = try intList("size")
        if function == "zeros", dims.contains(where: { $0 < 0 }) { throw LanguageFailure("zeros: Dimension size must be non-negative.") }
        try Self.requireNonNegative(dims)
        try MemoryBudget.check(shape: dims, what: "\(function)()")
        return dims
    }

    /// PyTorch's RuntimeError for a shape with a negative size, from any function that makes a tensor.
    static func requireNonNegative(_ dims: [Int]) throws {
        if let negative = dims.first(where: { $0 < 0 }) { throw LanguageFailure("Trying to create tensor with negative dimension \(negative): \(dims)") }
    }
}

extension Value {
    /// A value named in one line: its type and repr when that is short, else what it holds
    /// (`tuple of 3 tensors`, `tensor of shape 2×3`), so a message never prints a whole tensor.
    public var brief: String {
        let repr = self.repr
        if repr.count <= 60, !repr.contains("\n") { return "\(typeName) \(repr)" }
        if case .tensor(let t) = self { return "tensor of shape \(formatShape(t.shape))" }
        if let items = sequenceItems(), typeName != "str" {
            let tensors = items.allSatisfy { $0.asTensor != nil }
            return "\(typeName) of \(items.count) \(tensors ? (items.count == 1 ? "tensor" : "tensors") : (items.count == 1 ? "item" : "items"))"
        }
        return "\(typeName) \(repr.prefix(60))…"
    }
}

/// The candidate closest to `name` by edit distance, if it is close enough to be a typo.
/// The same name in other case wins outright (`nn.Relu` → ReLU, not CELU); a one-letter
/// name is never another letter's typo (`y` is not taken for `F`).
public func closestName(to name: String, among candidates: [String]) -> String? {
    let lower = name.lowercased()
    let others = Set(candidates).subtracting([name])
    if let sameWord = others.filter({ $0.lowercased() == lower }).min() { return sameWord }
    guard name.count > 1 else { return nil }
    var best: (String, Int)?
    for c in others {
        // "pad" for "padding": a start of the right name counts as a typo too.
        if name.count >= 3, c.lowercased().hasPrefix(lower) {
            if best == nil || best!.1 > 1 || (best!.1 == 1 && c < best!.0) { best = (c, 1) }
            continue
        }
        let d = editDistance(lower, c.lowercased())
        let limit = max(1, min(name.count, c.count) / 3)
        if d <= limit, best == nil || d < best!.1 || (d == best!.1 && c < best!.0) { best = (c, d) }
    }
    return best?.0
}

func editDistance(_ a: String, _ b: String) -> Int {
    let x = Array(a), y = Array(b)
    if x.isEmpty { return y.count }
    if y.isEmpty { return x.count }
    var previous = Array(0...y.count)
    for i in 1...x.count {
        var row = [i] + Array(repeating: 0, count: y.count)
        for j in 1...y.count {
            row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
        }
        previous = row
    }
    return previous[y.count]
}
