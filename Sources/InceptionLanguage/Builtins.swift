import Foundation
import InceptionRuntime

/// The builtin names a lesson sees: Python's basics (this file), layers (BuiltinsLayers),
/// tensors (BuiltinsTensors), blocks and weights (BuiltinsModules), and the namespaces
/// `torch`, `nn`, `nn.init` and `F` that hold the same functions under PyTorch's names.
extension Interpreter {
    /// `nn.CrossEntropyLoss(out, labels)`: the class called as if it were the loss. PyTorch takes
    /// the tensors for options (size_average) and fails on a tensor's truth value; the fix is to
    /// make the loss first. (HuberLoss's second option is delta, which PyTorch refuses itself.)
    static func refuseLossClassCalledAsLoss(_ name: String, _ arguments: Arguments) throws {
        guard name.hasSuffix("Loss"), name != "HuberLoss", arguments.positional.count >= 2,
              case .tensor(let a) = arguments.positional[0], case .tensor(let b) = arguments.positional[1], a.count > 1 || b.count > 1 else { return }
        throw LanguageFailure("Boolean value of Tensor with more than one value is ambiguous",
                              fix: "nn.\(name)(…) makes the loss, and its arguments are options (weight=, reduction=…): make it first, loss_fn = nn.\(name)(), then call loss_fn(input, target)")
    }

    /// A builtin taking a parameter list; the body gets the arguments matched to names.
    static func builtin(_ signature: Signature, _ body: @escaping (Interpreter, BoundArguments) throws -> Value) -> Value {
        guard signature.name.first?.isUppercase == true else {
            // a `device=` anywhere (torch.full, zeros_like, …) names the CPU or is refused, in one place
            guard signature.parameters.contains(where: { $0.name == "device" }) else {
                return .builtin(Builtin(signature.name) { interpreter, arguments in try body(interpreter, try signature.bind(arguments)) })
            }
            return .builtin(Builtin(signature.name) { interpreter, arguments in
                let bound = try signature.bind(arguments)
                try requireCPUArgument(bound["device"])
                return try body(interpreter, bound)
            })
        }
        // a layer constructor: what it was called with is kept for the attributes PyTorch stores
        let factoryOptions = signature.parameters.contains { $0.name == "device" || $0.name == "dtype" }
        return .builtin(Builtin(signature.name) { interpreter, arguments in
            try Self.refuseLossClassCalledAsLoss(signature.name, arguments)
            let bound = try signature.bind(arguments)
            if factoryOptions { try requireLayerFactoryOptions(bound) }
            let made = try body(interpreter, bound)
            if case .module(let m) = made, m.typeName == signature.name { LayerOptions.shared.record(m, layer: signature.name, bound) }
            return made
        })
    }

    /// A layer constructor's `device=` and `dtype=` (nn.Linear(3, 2, device=…, dtype=…)), checked
    /// for every layer in one place: the CPU only, and float32 parameters only. An integer or
    /// bool dtype gets PyTorch's own refusal (parameters must be able to require gradients).
    static func requireLayerFactoryOptions(_ a: BoundArguments) throws {
        try requireCPUArgument(a["device"])
        guard !a["dtype"].isNone else { return }
        let requested: String
        switch a["dtype"] {
        case .object(let o as TorchToken) where o.typeName == "torch.dtype": requested = o.text
        case .builtin(let b) where ["float", "int", "bool"].contains(b.name): requested = b.name == "float" ? "float64" : b.name == "int" ? "int64" : "bool"
        default:      // PyTorch's layers pass dtype on to torch.empty, which names itself
            throw LanguageFailure("empty(): argument 'dtype' must be torch.dtype, not \(a["dtype"].typeName)", as: .typeError)
        }
        if requested == "float32" { return }
        if !["float64", "float16", "bfloat16", "complex64", "complex128"].contains(requested) {
            throw LanguageFailure("Only Tensors of floating point and complex dtype can require gradients",
                                  fix: "leave dtype out: \(a.function)'s parameters are float32")
        }
        throw LanguageFailure("\(a.function)(dtype=torch.\(requested)): modules here are float32 only",
                              fix: "leave dtype out (or pass torch.float32)")
    }

    func installBuiltins(_ registry: BuiltinRegistry) {
        var table: [String: Value] = [:]
        for (name, value) in coreBuiltins() { table[name] = value }
        var layers = layerBuiltins()
        for (name, value) in layers { table[name] = value }
        for (name, value) in tensorBuiltins() { table[name] = value }
        for (name, value) in moduleBuiltins() { table[name] = value }
        let autograd = autogradBuiltins()
        for name in ["cross_entropy", "no_grad"] { table[name] = autograd[name]! }
        for (name, value) in pythonBuiltins() { table[name] = value }
        for (name, value) in exceptionBuiltins() { table[name] = value }
        // @staticmethod, @classmethod and @property on a block's methods (read by `boundMethod`); alone they hand the function back
        for name in ["staticmethod", "property", "classmethod"] { table[name] = Self.builtin(Signature(name, [("function", nil)])) { _, a in a["function"] } }
        // PyTorch's semantics for the torch functions a lesson may also call without `torch.`
        let torchFunctions = torchFunctionBuiltins()
        for name in ["cat", "tensor", "zeros", "ones", "softmax", "argmax", "flatten", "relu", "load", "save", "arange", "stack"] {
            table[name] = torchFunctions[name]!
        }

        for (name, value) in nnContainerBuiltins().merging(parameterContainerBuiltins(), uniquingKeysWith: { a, _ in a }) {
            layers[name] = value; table[name] = value
        }
        let initializers = Namespace("torch.nn.init", initBuiltins())
        var functionalMembers = functionalBuiltins()
        functionalMembers["cross_entropy"] = autograd["cross_entropy"]!
        let losses = lossBuiltins()
        for (name, value) in losses.functional { functionalMembers[name] = value }
        functionalMembers["batch_norm"] = functionalBatchNormBuiltin()
        functionalMembers["bilinear"] = bilinearBuiltin()
        functionalMembers["affine_grid"] = affineGridBuiltin()
        functionalMembers["grid_sample"] = gridSampleBuiltin()
        let randomized = randomizedActivationBuiltins()
        for (name, value) in randomized.functional { functionalMembers[name] = value }
        let composedLosses = composedLossBuiltins()
        for (name, value) in composedLosses.functional { functionalMembers[name] = value }
        let tripletDistanceLoss = tripletDistanceLossBuiltins()
        functionalMembers["triplet_margin_with_distance_loss"] = tripletDistanceLoss.functional
        let localResponseNorm = localResponseNormBuiltins()
        functionalMembers["local_response_norm"] = localResponseNorm.functional
        for (name, value) in paddingBuiltins() { functionalMembers[name] = value }
        let layerNorm = layerNormBuiltins(), embedding = embeddingBuiltins()
        functionalMembers["layer_norm"] = layerNorm.functional
        let prelu = preluBuiltins()
        functionalMembers["prelu"] = prelu.functional
        let convTranspose = convTransposeBuiltins()
        functionalMembers["conv_transpose2d"] = convTranspose.functional
        let convTranspose1d = convTranspose1dBuiltins()
        functionalMembers["conv_transpose1d"] = convTranspose1d.functional
        let oneDimensional = oneDimensionalBuiltins()
        for (name, value) in oneDimensional.functional { functionalMembers[name] = value }
        let groupNorms = groupNormBuiltins()
        for (name, value) in groupNorms.functional { functionalMembers[name] = value }
        functionalMembers["embedding"] = embedding.functional
        functionalMembers["scaled_dot_product_attention"] = scaledDotProductAttentionBuiltin()
        let activations = activationBuiltins()
        for (name, value) in activations.functional { functionalMembers[name] = value }
        let resampling = resamplingBuiltins()
        for (name, value) in resampling.functional { functionalMembers[name] = value }
        let pixelShuffles = pixelShuffleBuiltins()
        for (name, value) in pixelShuffles.functional { functionalMembers[name] = value }
        let foldUnfold = foldUnfoldBuiltins()
        for (name, value) in foldUnfold.functional { functionalMembers[name] = value }
        let lpPools = lpPoolBuiltins()
        for (name, value) in lpPools.functional { functionalMembers[name] = value }
        let functional = Namespace("torch.nn.functional", functionalMembers)
        var optimMembers = optimizerBuiltins()
        optimMembers["lr_scheduler"] = .namespace(lrSchedulerNamespace())
        let optim = Namespace("torch.optim", optimMembers)
        var nnMembers = layers
        nnMembers["CrossEntropyLoss"] = autograd["CrossEntropyLoss"]!
        for (name, value) in losses.layers { nnMembers[name] = value }
        for (name, value) in composedLosses.layers { nnMembers[name] = value }
        nnMembers["TripletMarginWithDistanceLoss"] = tripletDistanceLoss.layer
        for (name, value) in randomized.layers { nnMembers[name] = value }
        for (name, value) in paddingLayerBuiltins() where nnMembers[name] == nil { nnMembers[name] = value }
        for (name, value) in smallLayerBuiltins() where nnMembers[name] == nil { nnMembers[name] = value }
        for (name, value) in distanceModules(functional) where nnMembers[name] == nil { nnMembers[name] = value }
        for (name, value) in recurrentLayerBuiltins() { nnMembers[name] = value }
        nnMembers["MultiheadAttention"] = multiheadAttentionBuiltin()
        for (name, value) in transformerBuiltins() { nnMembers[name] = value }
        nnMembers["LocalResponseNorm"] = localResponseNorm.layer
        nnMembers["LayerNorm"] = layerNorm.layer
        nnMembers["PReLU"] = prelu.layer
        nnMembers["ConvTranspose2d"] = convTranspose.layer
        nnMembers["ConvTranspose1d"] = convTranspose1d.layer
        for (name, value) in oneDimensional.layers { nnMembers[name] = value }
        for (name, value) in groupNorms.layers { nnMembers[name] = value }
        nnMembers["Embedding"] = embedding.layer
        nnMembers["EmbeddingBag"] = embeddingBagBuiltin()
        nnMembers["BatchNorm1d"] = batchNorm1dBuiltin()
        for (name, value) in activations.layers { nnMembers[name] = value }
        for (name, value) in resampling.layers { nnMembers[name] = value }
        for (name, value) in pixelShuffles.layers { nnMembers[name] = value }
        for (name, value) in foldUnfold.layers { nnMembers[name] = value }
        for (name, value) in lpPools.layers { nnMembers[name] = value }
        nnMembers["init"] = .namespace(initializers)
        nnMembers["utils"] = .namespace(nnUtilsNamespace())
        nnMembers["functional"] = .namespace(functional)
        nnMembers["Module"] = table["Module"]!
        let nn = Namespace("torch.nn", nnMembers)
        addModulePaths(to: nn)
        var torchMembers: [String: Value] = torchFunctions
        for name in ["randn", "manual_seed", "allclose", "Tensor"] { torchMembers[name] = table[name]! }
        for (name, value) in randomBuiltins() { torchMembers[name] = value }
        for (name, value) in randintBuiltins() { torchMembers[name] = value }
        for (name, value) in generatorBuiltins() { torchMembers[name] = value }
        for (name, value) in randomStateBuiltins() { torchMembers[name] = value }
        for (name, value) in searchBuiltins() { torchMembers[name] = value }
        torchMembers["cdist"] = cdistBuiltin()
        let autogradNamespace = autogradNamespace()
        // the grad-mode switches are torch.autograd's too (torch.autograd.no_grad())
        for name in ["no_grad", "enable_grad", "set_grad_enabled", "inference_mode"] { autogradNamespace.members[name] = autograd[name]! }
        torchMembers["autograd"] = .namespace(autogradNamespace)
        torchMembers["special"] = .namespace(specialNamespace())
        torchMembers["__version__"] = .string("2.15.0")     // the PyTorch whose behaviour the language follows
        for (name, value) in compositeFunctionBuiltins() { torchMembers[name] = value }
        for (name, value) in renamedFormBuiltins() { torchMembers[name] = value }
        for (name, value) in viewScatterBuiltins() { torchMembers[name] = value }
        for (name, value) in stackingFunctionBuiltins() { torchMembers[name] = value }
        for (name, value) in utilityFunctionBuiltins() { torchMembers[name] = value }
        for (name, value) in dtypeRuleBuiltins() { torchMembers[name] = value }
        for (name, value) in extraTorchBuiltins(functional: functionalMembers) { torchMembers[name] = value }
        for (name, value) in viewTorchBuiltins() { torchMembers[name] = value }
        for (name, value) in arrangementFunctionBuiltins() { torchMembers[name] = value }
        torchMembers["Size"] = .builtin(Builtin("Size") { _, a in .size(try a.positional.first.flatMap { $0.sequenceItems() }?.enumerated().map { k, v in
            guard let i = v.asInt, !TensorOps.isFloatValue(v) else {
                throw LanguageFailure("torch.Size() takes an iterable of 'int' (item \(k) is '\(v.typeName)')", as: .typeError)
            }
            return i
        } ?? []) })
        torchMembers["nn"] = .namespace(nn)
        torchMembers["optim"] = .namespace(optim)
        torchMembers["utils"] = .namespace(dataNamespace())
        torchMembers["distributions"] = .namespace(distributionsNamespace())
        torchMembers["jit"] = .namespace(jitNamespace())
        torchMembers["_assert"] = Self.builtin(Signature("_assert", [("condition", nil), ("message", nil)])) { _, a in
            guard try a["condition"].isTruthy() else { throw LanguageFailure("AssertionError: \(a["message"].text)") }
            return .none
        }
        for name in ["no_grad", "enable_grad", "set_grad_enabled", "is_grad_enabled", "inference_mode", "is_inference_mode_enabled"] { torchMembers[name] = autograd[name]! }
        let torch = Namespace("torch", torchMembers)
        table["torch"] = .namespace(torch)
        table["nn"] = .namespace(nn)
        table["F"] = .namespace(functional)
        table["optim"] = .namespace(optim)
        for (name, value) in registry.values {
            table[name] = value
            if case .namespace = value { importableNamespaces.insert(name) }
        }
        for (name, value) in table { builtinScope.define(name, value) }
    }

    private func coreBuiltins() -> [String: Value] {
        var t: [String: Value] = [:]
        t["print"] = .builtin(Builtin("print") { interpreter, arguments in
            var sep = " ", end = "\n"
            var stream: StandardStream?
            for (name, value) in arguments.keywords {
                switch name {
                case "sep", "end":
                    guard value.isNone || value.typeName == "str" else { throw LanguageFailure("\(name) must be None or a string, not \(value.typeName)", as: .typeError) }
                    if name == "sep" { sep = value.isNone ? " " : value.text } else { end = value.isNone ? "\n" : value.text }
                case "flush": continue                    // the output is written as it comes
                case "file":
                    guard value.isNone || value.isStandardStream else {
                        throw LanguageFailure("print(file=…) writes to sys.stdout or sys.stderr here", fix: "no files are opened by programs here")
                    }
                    if case .object(let s as StandardStream) = value { stream = s }
                default: throw LanguageFailure("print() got an unexpected keyword argument '\(name)'", fix: "print takes sep=, end=, file= and flush=", as: .typeError)
                }
            }
            for v in arguments.positional { try Self.refuseCycle(in: v, "the str of an object") }
            let text = arguments.positional.map(\.text).joined(separator: sep) + end
            if let stream { stream.write(interpreter, text) } else { interpreter.output(text) }
            return .none
        })
        t["len"] = Self.builtin(Signature("len", [("obj", nil)])) { interpreter, a in
            if case .module = a["obj"], let n = try interpreter.dunderLength(a["obj"]) { return .int(n) }
            if case .module = a["obj"], let source = try interpreter.batchSource(a["obj"]) { return .int(try source.count) }
            switch a["obj"] {
            case .tensor(let x):
                guard let n = x.shape.first else { throw LanguageFailure("len() of a 0-d tensor", as: .typeError) }
                return .int(n)
            case .module(let m): return .int(Self.parameterContainerItems(m)?.count ?? m.children.count)
            case .object(let sized as InterpretedLength): return .int(try sized.length(interpreter))      // a loader's without drawing an order
            case .object(let dataset as BatchSource): return .int(try dataset.count)
            case .list(let l) where l.isIterator: throw LanguageFailure("object of type '\(a["obj"].typeName)' has no len()", fix: "len(list(it)) counts its items (and takes them)", as: .typeError)
            case let v:
                guard let items = v.sequenceItems() else { throw LanguageFailure("object of type '\(v.typeName)' has no len()", as: .typeError) }
                return .int(items.count)
            }
        }
        // slice(stop) or slice(start, stop[, step]): what a[start:stop:step] indexes with
        t["slice"] = .builtin(Builtin("slice") { _, arguments in
            let bound = try Signature("slice", [("start", nil), ("stop", Value.none), ("step", Value.none)]).bind(arguments)
            if arguments.positional.count == 1 { return .object(try SliceObject(nil, bound["start"], nil)) }
            return .object(try SliceObject(bound["start"], bound["stop"], bound["step"]))
        })
        t["range"] = rangeConstructor
        t["str"] = Self.builtin(Signature("str", [("x", .string(""))])) { _, a in try Self.refuseCycle(in: a["x"], "the str of an object"); return .string(a["x"].text) }
        t["chr"] = Self.builtin(Signature("chr", [("i", nil)])) { _, a in
            let code = try a.int("i")
            guard let scalar = (0...0x10FFFF).contains(code) ? Unicode.Scalar(UInt32(code)) : nil else {
                throw LanguageFailure("chr() arg not in range(0x110000)", as: .valueError)
            }
            return .string(String(Character(scalar)))
        }
        t["ord"] = Self.builtin(Signature("ord", [("c", nil)])) { _, a in
            guard case .string(let c) = a["c"], c.unicodeScalars.count == 1 else {
                if case .string(let c) = a["c"] { throw LanguageFailure("ord() expected a character, but string of length \(c.unicodeScalars.count) found", as: .typeError) }
                throw LanguageFailure("ord() expected string of length 1, but \(a["c"].typeName) found", as: .typeError)
            }
            return .int(Int(c.unicodeScalars.first!.value))
        }
        // hex(255) is "0xff", bin(-5) "-0b101", oct(8) "0o10": format's alternate form
        for (name, code) in [("hex", "#x"), ("bin", "#b"), ("oct", "#o")] {
            t[name] = Self.builtin(Signature(name, [("number", nil)])) { _, a in
                let v = a["number"]
                guard let n = v.asInt, v.typeName == "int" || v.typeName == "bool" else {
                    throw LanguageFailure("'\(a["number"].typeName)' object cannot be interpreted as an integer", as: .typeError)
                }
                return .string(try FormatSpec(code, typeName: "int").format(int: n))
            }
        }
        // id(x): the object's identity (its address for what Python shares by reference)
        t["id"] = Self.builtin(Signature("id", [("object", nil)])) { _, a in .int(Self.identity(a["object"])) }
        t["repr"] = Self.builtin(Signature("repr", [("x", nil)])) { _, a in try Self.refuseCycle(in: a["x"], "the repr of an object"); return .string(a["x"].repr) }
        t["ascii"] = Self.builtin(Signature("ascii", [("obj", nil)])) { _, a in
            try Self.refuseCycle(in: a["obj"], "the repr of an object"); return .string(Self.asciiEscaped(a["obj"].repr))
        }
        // format(9472, ",") is f"{9472:,}"
        t["format"] = Self.builtin(Signature("format", [("value", nil), ("format_spec", .string(""))])) { interpreter, a in
            .string(try interpreter.formatted(a["value"], try a.string("format_spec")))
        }
        t["int"] = Self.builtin(Signature("int", [("x", .int(0)), ("base", Value.none)])) { interpreter, a in
            if !a["base"].isNone {
                guard case .string(let s) = a["x"] else { throw LanguageFailure("int() can't convert non-string with explicit base", as: .typeError) }
                return .int(try Self.parseInt(s, base: try a.int("base")))
            }
            if let v = try interpreter.dunderConversion(a["x"], ["__int__", "__index__"]) { return v }
            switch a["x"] {
            case .int(let i): return .int(i)
            case .bool(let b): return .int(b ? 1 : 0)
            case .float(let f):
                return .int(try IntegerOverflow.int(f.rounded(.towardZero), "int(\(formatFloat(f)))"))
            case .string(let s):
                return .int(try Self.parseInt(s, base: 10))
            case .tensor(let x):
                guard !x.isMeta else { throw LanguageFailure("Tensor.item() cannot be called on meta tensors") }
                guard x.count == 1 else { throw LanguageFailure("only one element tensors can be converted to Python scalars", as: .valueError) }
                return .int(try IntegerOverflow.int(Double(x.data[0]), "int()"))
            case let v: throw LanguageFailure("int() argument must be a string, a bytes-like object or a real number, not '\(v.typeName)'", as: .typeError)
            }
        }
        t["float"] = Self.builtin(Signature("float", [("x", .float(0))])) { interpreter, a in
            if let v = try interpreter.dunderConversion(a["x"], ["__float__", "__index__"]) { return v.asInt.map { .float(Double($0)) } ?? v }
            switch a["x"] {
            case .string(let s):
                guard let f = FloatText.parse(s) else { throw LanguageFailure("could not convert string to float: \(Value.string(s).repr)", as: .valueError) }
                return .float(f)
            case .tensor(let x):
                guard !x.isMeta else { throw LanguageFailure("Tensor.item() cannot be called on meta tensors") }
                guard x.count == 1 else { throw LanguageFailure("only one element tensors can be converted to Python scalars", as: .valueError) }
                return .float(Double(x.data[0]))
            case let v:
                guard let d = v.asDouble else { throw LanguageFailure("float() argument must be a string or a real number, not '\(v.typeName)'", as: .typeError) }
                return .float(d)
            }
        }
        t["bool"] = Self.builtin(Signature("bool", [("x", .bool(false))])) { interpreter, a in .bool(try interpreter.truthValue(a["x"])) }
        t["abs"] = Self.builtin(Signature("abs", [("x", nil)])) { interpreter, a in
            if let v = try interpreter.dunderConversion(a["x"], ["__abs__"]) { return v }
            switch a["x"] {
            case .int(let i): return .int(try IntegerOverflow.magnitude(i))
            case .bool(let b): return .int(b ? 1 : 0)           // abs(True) is the int 1
            case .float(let f): return .float(abs(f))
            case .tensor: return try interpreter.callBack(try interpreter.getAttribute(a["x"], "abs"), Arguments())     // Tensor.__abs__: x.abs(), dtype and grad kept
            case let v: throw LanguageFailure("bad operand type for abs(): '\(v.typeName)'", as: .typeError)
            }
        }
        t["round"] = Self.builtin(Signature("round", [("x", nil), ("ndigits", Value.none)])) { _, a in
            if let n = try a.optionalInt("ndigits"), a["x"].typeName == "int" || a["x"].typeName == "bool", let i = a["x"].asInt {
                // an int stays an int: round(1250, -2) is 1200 (half to even)
                guard n < 0 else { return .int(i) }
                guard n > -19 else { return .int(0) }
                let p = (0..<(-n)).reduce(1) { r, _ in r * 10 }
                var q = i / p, r = i % p
                if r < 0 { q -= 1; r += p }
                if 2 * r > p || (2 * r == p && q % 2 != 0) { q += 1 }
                let (rounded, overflow) = q.multipliedReportingOverflow(by: p)
                guard !overflow else { throw IntegerOverflow.tooLarge("round(\(i), \(n)) is larger than this language's integers") }
                return .int(rounded)
            }
            guard isNumber(a["x"]) else { throw LanguageFailure("type \(a["x"].typeName) doesn't define __round__ method", as: .typeError) }
            let x = try a.double("x")
            guard let n = try a.optionalInt("ndigits") else { return .int(try IntegerOverflow.int(x.rounded(.toNearestOrEven), "round()")) }
            // Python rounds the float's exact value (round(0.0015625, 6) is 0.001563: the double lies
            // above the half); printf's correctly rounded digits do the same
            if n >= 0, n <= 300, x.isFinite { return .float(Double(String(format: "%.\(n)f", x)) ?? x) }
            let scale = Foundation.pow(10, Double(Swift.max(Swift.min(n, 400), -400)))
            return .float((x * scale).rounded(.toNearestOrEven) / scale)
        }
        for name in ["min", "max"] {
            t[name] = .builtin(Builtin(name) { interpreter, arguments in
                if let k = arguments.keywords.first(where: { $0.name != "key" && $0.name != "default" }) {
                    throw LanguageFailure("\(name)() got an unexpected keyword argument '\(k.name)'",
                                          fix: "for a tensor's \(name) along a dim write x.\(name)(dim=…) or torch.\(name)(x, dim=…)")
                }
                guard !arguments.positional.isEmpty else {
                    throw LanguageFailure("\(name) expected at least 1 argument, got 0", fix: "give \(name)() a sequence or several values", as: .typeError)
                }
                let items = arguments.positional.count == 1 ? try interpreter.iterationItems(arguments.positional[0]) : arguments.positional
                let key = arguments.keywords.first { $0.name == "key" }?.value ?? .none
                guard var best = items.first else {
                    if let fallback = arguments.keywords.first(where: { $0.name == "default" }) { return fallback.value }
                    throw LanguageFailure("\(name)() arg is an empty sequence", fix: "give default=… for an empty sequence", as: .valueError)
                }
                var bestKey = try interpreter.sortKey(best, key)
                for v in items.dropFirst() {
                    let k = try interpreter.sortKey(v, key)
                    let o = try interpreter.ordering(k, bestKey, name == "min" ? "<" : ">")     // Python's min asks item < best, max item > best
                    if name == "min" ? o < 0 : o > 0 { (best, bestKey) = (v, k) }     // the first of equals, as Python keeps
                }
                return best
            })
        }
        t["sum"] = Self.builtin(Signature("sum", [("items", nil), ("start", .int(0))])) { interpreter, a in
            if case .string = a["start"] { throw LanguageFailure("sum() can't sum strings [use ''.join(seq) instead]", as: .typeError) }
            let items = try interpreter.iterationItems(a["items"])
            return try items.reduce(a["start"]) { try interpreter.binary(.add, $0, $1) }
        }
        t["list"] = Self.builtin(Signature("list", [("items", .tuple([]))])) { interpreter, a in
            .list(ListStorage(try interpreter.iterationItems(a["items"])))
        }
        t["tuple"] = Self.builtin(Signature("tuple", [("items", .tuple([]))])) { interpreter, a in
            .tuple(try interpreter.iterationItems(a["items"]))
        }
        t["dict"] = .builtin(dictConstructor)
        t["enumerate"] = Self.builtin(Signature("enumerate", [("items", nil), ("start", .int(0))])) { interpreter, a in
            let start = try a.int("start")
            if case .list(let source) = a["items"], source.isLazy {
                // over a generator: each pair made as it is taken
                var index = start
                return .list(.stepped("enumerate") {
                    guard let item = try source.takeNext() else { return nil }
                    defer { index += 1 }
                    return .tuple([.int(index), item])
                })
            }
            let pairs = try interpreter.iterationItems(a["items"]).enumerated().map { Value.tuple([.int($0.offset + start), $0.element]) }
            return .list(ListStorage(pairs, view: "enumerate"))
        }
        t["zip"] = .builtin(Builtin("zip") { interpreter, arguments in
            var strict = false
            for k in arguments.keywords {
                guard k.name == "strict" else { throw LanguageFailure("'\(k.name)' is an invalid keyword argument for zip()", as: .typeError) }
                strict = try k.value.isTruthy()
            }
            guard strict else {
                if arguments.positional.contains(where: \.isLazyIterator) {
                    let rows = try RowsInTurn(arguments.positional, interpreter)
                    return .list(.stepped("zip") { try rows.next().map(Value.tuple) })
                }
                return .list(ListStorage(try interpreter.rowsInTurn(arguments.positional).map(Value.tuple), view: "zip"))
            }
            let lists = try arguments.positional.map { try interpreter.iterationItems($0) }
            let n = lists.map(\.count).min() ?? 0
            if let problem = Self.strictZipMismatch(lists.map(\.count)) { throw LanguageFailure(problem, as: .valueError) }
            return .list(ListStorage((0..<n).map { i in .tuple(lists.map { $0[i] }) }, view: "zip"))
        })
        // key and reverse are keyword-only: sorted(xs, len) is a TypeError, as in Python
        let sortedSignature = Signature("sorted", [("items", nil), ("key", Value.none), ("reverse", .bool(false))])
        t["sorted"] = .builtin(Builtin("sorted") { interpreter, arguments in
            guard arguments.positional.count == 1 else {
                throw LanguageFailure("sorted expected 1 argument, got \(arguments.positional.count)", fix: "give the key by name: sorted(xs, key=len)", as: .typeError)
            }
            let a = try sortedSignature.bind(arguments)
            return .list(ListStorage(try interpreter.sortedItems(try interpreter.iterationItems(a["items"]), key: a["key"], reverse: try a.bool("reverse"))))
        })
        t["isinstance"] = Self.builtin(Signature("isinstance", [("obj", nil), ("classinfo", nil)])) { interpreter, a in
            // a tuple of classes, nested tuples read as one (isinstance(x, (str, (int, float))))
            func flattened(_ v: Value) -> [Value] { if case .tuple(let xs) = v { return xs.flatMap(flattened) } else { return [v] } }
            let kinds = flattened(a["classinfo"])
            for kind in kinds {
                switch kind {          // a value where a class belongs: isinstance(x, 1)
                case .int, .float, .bool, .string, .none, .list, .dict, .set, .tensor:
                    throw LanguageFailure("isinstance() arg 2 must be a type, a tuple of types, or a union", as: .typeError)
                default: continue
                }
            }
            return .bool(kinds.contains { interpreter.isInstance(a["obj"], $0) })
        }
        t["vars"] = Self.builtin(Signature("vars", [("object", nil)])) { interpreter, a in
            if case .classValue(let c) = a["object"] {
                // Python's is a read-only mappingproxy with the class's dunders too
                throw LanguageFailure.refusal("vars(\(c.name)) of a class is not supported here", fix: "read a class attribute by name: getattr(\(c.name), 'NAME')")
            }
            guard case .module(let m) = a["object"], let instance = interpreter.instance(of: m) else {
                throw LanguageFailure("vars() argument must have __dict__ attribute", fix: "vars(obj) of an object of a class defined in the program", as: .typeError)
            }
            return .dict(instance.attributes)
        }
        t["issubclass"] = Self.builtin(Signature("issubclass", [("cls", nil), ("classinfo", nil)])) { interpreter, a in
            let kinds = a["classinfo"].sequenceItems().flatMap { a["classinfo"].typeName == "tuple" ? $0 : nil } ?? [a["classinfo"]]
            // type(layer) stands for the layer's class
            let cls: Value = { if case .object(let t as TypeObject) = a["cls"], let b = t.builtin { return b } else { return a["cls"] } }()
            return .bool(try kinds.contains { kind in
                if case .builtin(let k) = kind, k.name == "object" {
                    switch cls { case .classValue, .builtin, .object(is TypeObject): return true; default: break }
                }
                if let answer = interpreter.isLayerSubclass(cls, of: kind) { return answer }
                switch (cls, kind) {
                case (.classValue(let c), .classValue(let k)): return c.isSubclass(of: k)
                case (.classValue(let c), .builtin(let k)) where Self.isExceptionClass(k.name): return Self.exceptionClass(c, extends: k.name)
                case (.classValue(let c), .builtin(let k)) where Self.isDataClass(k.name): return c.dataBase.map { Self.isDataSubclass($0, of: k.name) } ?? false
                case (.builtin(let c), .builtin(let k)) where Self.isDataClass(c.name) && Self.isDataClass(k.name): return Self.isDataSubclass(c.name, of: k.name)
                case (.builtin(let c), .builtin(let k)) where Self.isExceptionClass(c.name) && Self.isExceptionClass(k.name):
                    return Self.isSubclass(c.name, of: k.name)
                case (.builtin(let c), .builtin(let k)): return c.name == k.name || (c.name == "bool" && k.name == "int")
                case (.classValue, _), (.builtin, _), (.object(is TypeObject), _): return false
                default: throw LanguageFailure("issubclass() arg 1 must be a class", as: .typeError)
                }
            })
        }
        // super() or Python 2's super(Class, self): both reach nn.Module's __init__, which has nothing to do
        t["divmod"] = Self.builtin(Signature("divmod", [("a", nil), ("b", nil)])) { interpreter, a in
            if isNumber(a["a"]), a["b"].asDouble == 0, isNumber(a["b"]) {
                let floats = a["a"].typeName == "float" || a["b"].typeName == "float"
                throw LanguageFailure(floats ? "float divmod()" : "integer division or modulo by zero", as: .zeroDivisionError)
            }
            guard isNumber(a["a"]) && isNumber(a["b"]) || a["a"].asTensor != nil || a["b"].asTensor != nil else {
                throw LanguageFailure("unsupported operand type(s) for divmod(): '\(a["a"].typeName)' and '\(a["b"].typeName)'", as: .typeError)
            }
            return .tuple([try interpreter.binary(.floorDivide, a["a"], a["b"]), try interpreter.binary(.remainder, a["a"], a["b"])])
        }
        t["pow"] = Self.builtin(Signature("pow", [("base", nil), ("exp", nil), ("mod", Value.none)])) { interpreter, a in
            guard !a["mod"].isNone else { return try interpreter.binary(.power, a["base"], a["exp"]) }
            let integers = [a["base"], a["exp"], a["mod"]].map { v -> Int? in if case .float = v { return nil } else { return v.asInt } }
            guard let b = integers[0], let e = integers[1], let m = integers[2] else {
                throw LanguageFailure("pow() 3rd argument not allowed unless all arguments are integers", as: .typeError)
            }
            guard m != 0 else { throw LanguageFailure("pow() 3rd argument cannot be 0", as: .valueError) }
            return .int(try PythonInteger.modularPower(b, e, m))
        }
        // open(): no files here; refused past every except (a NameError there could be caught and passed over)
        t["open"] = .builtin(Builtin("open") { _, _ in
            throw LanguageFailure.refusal("open() is not supported here: programs here do not read or write files",
                                          fix: "keep the data in the program (a list, a dict, a string), or save tensors with torch.save")
        })
        t["exit"] = Self.systemExit("exit"); t["quit"] = Self.systemExit("quit")
        t["__name__"] = .string("__main__")          // a script or lesson runs as the main module
        t["iter"] = Self.builtin(Signature("iter", [("object", nil), ("sentinel", .object(NoDefault.marker))])) { interpreter, a in
            if case .object(let o) = a["sentinel"], o === NoDefault.marker {} else {
                // iter(callable, sentinel): callable() again and again until it returns the sentinel
                let function = a["object"], sentinel = a["sentinel"]
                guard function.isCallable else { throw LanguageFailure("iter(v, w): v must be callable", as: .typeError) }
                var done = false
                return .list(.stepped("callable_iterator") {
                    guard !done else { return nil }
                    let item = try interpreter.callBack(function, Arguments())
                    if try checkedValuesEqual(item, sentinel) { done = true; return nil }
                    return item
                })
            }
            if case .list(let l) = a["object"], l.isIterator { return a["object"] }
            if let f = try interpreter.dunder(a["object"], "__iter__") { return try interpreter.callBack(f, Arguments()) }   // a class's own
            let kind = a["object"].typeName == "tuple" ? "tuple_iterator" : a["object"].typeName == "str" ? "str_ascii_iterator" : "list_iterator"
            return .list(ListStorage(try interpreter.iterationItems(a["object"]), view: kind))
        }
        t["next"] = Self.builtin(Signature("next", [("iterator", nil), ("default", .object(NoDefault.marker))])) { interpreter, a in
            if let f = try interpreter.dunder(a["iterator"], "__next__") {
                // a class's own __next__; StopIteration gives the default when there is one
                do { return try interpreter.callBack(f, Arguments()) } catch {
                    guard let e = Self.exception(from: error), e.typeName == "StopIteration" else { throw error }
                    if case .object(let o) = a["default"], o === NoDefault.marker { throw error }
                    return a["default"]
                }
            }
            guard case .list(let l) = a["iterator"], l.isIterator, let view = l.view else {
                throw LanguageFailure("'\(a["iterator"].typeName)' object is not an iterator", fix: "make one first: next(iter(xs))", as: .typeError)
            }
            let runner = l.producer as? GeneratorRunner
            guard let item = try l.takeNext() else {
                // Python's StopIteration carries no message (a generator's `return v` its value)
                if case .object(let o) = a["default"], o === NoDefault.marker {
                    throw Interpreter.stopIteration(runner?.returnValue ?? .none, fix: "the \(view) has no more items; next(it, default) gives the default instead")
                }
                return a["default"]
            }
            return item
        }
        // super(Child, self): the next class up from Child (super() alone is read where it is
        // written: superObject(in:)); with nothing to go on, an __init__ that does nothing
        t["super"] = Self.builtin(Signature("super", [("type", Value.none), ("object", Value.none)])) { interpreter, a in
            if case .classValue(let owner) = a["type"], case .module(let block) = a["object"], let instance = interpreter.instance(of: block) {
                guard instance.cls.isSubclass(of: owner) else {
                    throw LanguageFailure("super(type, obj): obj must be an instance or subtype of type", as: .typeError)
                }
                return interpreter.superObject(owner, block, instance, at: owner.decl.location)
            }
            if case .module(let block) = a["object"] { interpreter.instance(of: block)?.awaitsModuleInit = false }
            return .namespace(Namespace("super", ["__init__": .builtin(Builtin("__init__") { _, _ in .none })]))
        }
        t["expect"] = Self.builtin(Signature("expect", [("actual", nil), ("expected", nil), ("tol", Value.none)])) { interpreter, a in
            try interpreter.expect(a["actual"], a["expected"], tolerance: a["tol"].isNone ? nil : try a.double("tol"))
            return .none
        }
        return t
    }

    func isInstance(_ object: Value, _ kind: Value) -> Bool {
        if case .builtin(let b) = kind, b.name == "object" { return true }         // everything is an object
        switch kind {
        case .classValue(let c):
            guard case .module(let m) = object, let i = instance(of: m) else { return false }
            return i.cls.isSubclass(of: c)
        case .builtin(let b) where Self.isExceptionClass(b.name):
            if case .module(let m) = object, let i = instance(of: m) { return Self.exceptionClass(i.cls, extends: b.name) }
            if case .object(let e as PythonException) = object { return Self.isSubclass(e.builtinClass, of: b.name) }
            return false
        case .builtin(let b):
            if let isData = isDataInstance(object, b.name) { return isData }
            if b.name == "Module" { return object.asModule != nil }
            if let isOptim = Self.isOptimBaseInstance(object, b.name) { return isOptim }
            // class Stem(nn.Sequential), class FocalLoss(_Loss); a layer is its bases too (BatchNorm2d a _BatchNorm)
            if case .module(let m as Block) = object, let kind = m.extendedKind, NNClassTree.derives(kind, from: b.name) { return true }
            if case .module(let m) = object, instance(of: m) == nil, NNClassTree.derives(m.typeName, from: b.name) { return true }
            if b.name == "Parameter" { return object.asTensor?.isParameter == true }
            // torch.FloatTensor, …: a tensor of that dtype
            if let d = Self.legacyTensorTypes[b.name], let t = object.asTensor { return TensorOps.dtype(t) == d }
            if b.name == "tuple", case .object(let o) = object, o is NamedTuple { return true }
            if b.name == "dict", case .dict = object { return true }         // OrderedDict, defaultdict and Counter are dicts
            if case .object(let e as PythonException) = object, Self.isExceptionClass(b.name) { return Self.isSubclass(e.typeName, of: b.name) }
            return object.typeName == b.name || (b.name == "int" && object.typeName == "bool")     // True is an int
        case .object(let c as ClosureObject) where c.instanceTypeName != nil:      // nn.Embedding, nn.Transformer
            return object.asModule?.typeName == c.instanceTypeName || (object.asModule as? Block)?.extendedKind == c.instanceTypeName
        default: return false
        }
    }

    /// expect(actual, expected[, tol]): a lesson's check, failing with both values.
    func expect(_ given: Value, _ expectedGiven: Value, tolerance: Double?) throws {
        // A 0-d tensor (x.std(), x.sum()) checks against a number as its value.
        var actual = given, expected = expectedGiven
        if case .tensor(let t) = given, t.rank == 0, !t.isMeta, isNumber(expectedGiven) { actual = Self.pythonScalar(t, 0) }
        if case .tensor(let t) = expectedGiven, t.rank == 0, !t.isMeta, isNumber(given) { expected = Self.pythonScalar(t, 0) }
        switch (actual, expected) {
        case (.tensor(let a), .tensor(let b)):
            guard a.shape == b.shape else {
                throw LanguageFailure("expect failed: shape \(formatShape(a.shape)), expected \(formatShape(b.shape))")
            }
            let worst = try TensorMath.maxAbsDifference(a, b)
            var scale = 1.0
            for i in 0..<b.count { scale = max(scale, Double(abs(b.data[i]))) }
            let limit = (tolerance ?? 1e-5) * scale
            guard worst <= limit else {
                throw LanguageFailure("expect failed: the tensors differ by up to \(formatFloat(worst)) (tolerance \(formatFloat(limit)))")
            }
        default:
            if let tol = tolerance, let a = actual.asDouble, let b = expected.asDouble, isNumber(actual), isNumber(expected) {
                guard abs(a - b) <= tol else {
                    throw LanguageFailure("expect failed: got \(actual.repr), expected \(expected.repr) (tolerance \(formatFloat(tol)))")
                }
                return
            }
            guard valuesEqual(actual, expected) else {
                throw LanguageFailure("expect failed: got \(actual.repr), expected \(expected.repr)")
            }
        }
    }

    /// tuple.count(x) and tuple.index(x[, start[, stop]]), as Python's (equal by ==, the first place).
    func tupleMember(_ items: [Value], _ name: String) -> Value? {
        guard name == "count" || name == "index" else { return nil }
        if name == "index" {
            return Self.builtin(Self.indexSignature) { _, a in
                guard let first = try Self.firstIndex(in: items, a) else { throw LanguageFailure("tuple.index(x): x not in tuple", as: .valueError) }
                return .int(first)
            }
        }
        return Self.builtin(Signature(name, [("value", nil)])) { _, a in .int(items.filter { valuesEqual($0, a["value"]) }.count) }
    }

    /// index(value, start=0, stop=len) of a list, tuple or deque.
    static var indexSignature: Signature { Signature("index", [("value", nil), ("start", .int(0)), ("stop", .int(Int.max))]) }

    /// Where `value` first is in items[start:stop] (the bounds clamped as a slice's), nil when not there.
    static func firstIndex(in items: [Value], _ a: BoundArguments) throws -> Int? {
        func bound(_ name: String) throws -> Int {
            let i = try a.int(name)
            return Swift.min(Swift.max(i < 0 ? i + items.count : i, 0), items.count)
        }
        let (start, stop) = (try bound("start"), try bound("stop"))
        guard start < stop else { return nil }
        return (start..<stop).first { valuesEqual(items[$0], a["value"]) }
    }

    func listMember(_ l: ListStorage, _ name: String) -> Value? {
        if l.view == "generator", name == "close" {
            // Python's generator.close(): GeneratorExit raised at its last yield (finally: blocks run)
            return .builtin(Builtin("close") { interpreter, _ in
                try interpreter.closeGenerator(l)
                return .none
            })
        }
        if l.view == "generator", name == "send" {
            // Python's generator.send(v): v is what `x = yield …` gives x, and the generator runs on to its next yield
            return .builtin(Builtin("send") { interpreter, a in
                guard a.positional.count == 1, a.keywords.isEmpty else {
                    throw LanguageFailure("generator.send() takes exactly one argument (\(a.positional.count + a.keywords.count) given)", as: .typeError)
                }
                guard let runner = l.producer as? GeneratorRunner else {
                    // run whole (or ended): nothing stands at a yield to take the value
                    guard let item = try l.takeNext() else { throw Interpreter.stopIteration(.none) }
                    return item
                }
                if !a.positional[0].isNone, !runner.started {
                    throw LanguageFailure("can't send non-None value to a just-started generator", as: .typeError)
                }
                guard let item = try runner.send(a.positional[0]) else { l.producer = nil; throw Interpreter.stopIteration(runner.returnValue) }
                return item
            })
        }
        if l.view == "generator", name == "throw" {
            return .builtin(Builtin("throw") { interpreter, a in
                guard a.positional.count == 1, a.keywords.isEmpty else {
                    throw LanguageFailure("generator.throw() takes one exception (a class or an instance)", fix: "write g.throw(ValueError(\"…\"))", as: .typeError)
                }
                return try interpreter.throwIntoGenerator(l, a.positional[0])
            })
        }
        if l.view != nil { return nil }                 // a dict view has none of a list's methods
        switch name {
        case "append": return .builtin(Builtin("append") { interpreter, a in
            guard a.positional.count == 1 else { throw LanguageFailure("append() takes one value") }
            l.items.append(a.positional[0])
            if l.items.count & 0xFFFF == 0 { try interpreter.checkGrowth(l.items.count, "a list") }
            return .none
        })
        case "extend": return .builtin(Builtin("extend") { interpreter, a in
            guard a.positional.count == 1 else { throw LanguageFailure("extend() takes one list") }
            let more = try interpreter.iterationItems(a.positional[0])
            try interpreter.checkGrowth(l.items.count + more.count, "a list")
            l.items += more; return .none
        })
        case "pop": return .builtin(Builtin("pop") { _, a in
            guard !l.items.isEmpty else { throw LanguageFailure("pop from empty list", as: .indexError) }
            if let i = a.positional.first?.asInt {
                let j = i < 0 ? l.items.count + i : i
                guard l.items.indices.contains(j) else { throw LanguageFailure("pop index out of range", fix: "index \(i) of a list of length \(l.items.count)", as: .indexError) }
                return l.items.remove(at: j)
            }
            return l.items.removeLast()
        })
        case "sort":
            // key and reverse are keyword-only: xs.sort(len) is a TypeError, as in Python
            return .builtin(Builtin("sort") { interpreter, arguments in
                guard arguments.positional.isEmpty else {
                    throw LanguageFailure("sort() takes no positional arguments", fix: "give the key by name: xs.sort(key=len)", as: .typeError)
                }
                let a = try Signature("sort", [("key", Value.none), ("reverse", .bool(false))]).bind(arguments)
                l.items = try interpreter.sortedItems(l.items, key: a["key"], reverse: try a.bool("reverse")); return .none
            })
        case "reverse": return Self.builtin(Signature("reverse")) { _, _ in l.items.reverse(); return .none }
        case "insert": return Self.builtin(Signature("insert", [("index", nil), ("object", nil)])) { interpreter, a in
            let i = try a.int("index"), n = l.items.count
            l.items.insert(a["object"], at: Swift.min(Swift.max(i < 0 ? n + i : i, 0), n))
            try interpreter.checkGrowth(l.items.count, "a list")
            return .none
        }
        case "index":
            return Self.builtin(Self.indexSignature) { _, a in
                guard let first = try Self.firstIndex(in: l.items, a) else { throw LanguageFailure("\(a["value"].repr) is not in list", as: .valueError) }
                return .int(first)
            }
        case "count", "remove":
            return Self.builtin(Signature(name, [("value", nil)])) { _, a in
                let at = l.items.indices.filter { valuesEqual(l.items[$0], a["value"]) }
                if name == "count" { return .int(at.count) }
                guard let first = at.first else { throw LanguageFailure("list.remove(x): x not in list", as: .valueError) }
                l.replace(first..<first + 1, with: []); return .none
            }
        case "copy": return Self.builtin(Signature("copy")) { _, _ in .list(ListStorage(l.items)) }
        case "clear": return Self.builtin(Signature("clear")) { _, _ in l.removeAll(); return .none }
        default: return nil
        }
    }

    /// dict(), dict(mapping), dict(pairs), dict(name=value, …): a new plain dict (also dict.update's argument).
    var dictConstructor: Builtin {
        Builtin("dict") { interpreter, a in
            guard a.positional.count <= 1 else { throw LanguageFailure("dict expected at most 1 argument, got \(a.positional.count)") }
            let d = DictStorage()
            switch a.positional.first {
            case .dict(let other)?: for (k, v) in other.entries { d.set(k, v) }
            case let items?:
                for (i, pair) in try interpreter.iterationItems(items).enumerated() {
                    guard let kv = pair.sequenceItems() else {
                        throw LanguageFailure("cannot convert dictionary update sequence element #\(i) to a sequence", fix: "give (key, value) pairs", as: .typeError)
                    }
                    guard kv.count == 2 else {
                        throw LanguageFailure("dictionary update sequence element #\(i) has length \(kv.count); 2 is required", fix: "give (key, value) pairs", as: .valueError)
                    }
                    d.set(kv[0], kv[1])
                }
            case nil: break
            }
            for (k, v) in a.keywords { d.set(.string(k), v) }
            return .dict(d)
        }
    }

    /// The value sorted, min and max compare: key(v) when a key function is given.
    func sortKey(_ v: Value, _ key: Value) throws -> Value {
        key.isNone ? v : try callBack(key, Arguments([v]))
    }

    /// Python's sort: stable, equal keys keep their order even with reverse=True.
    func sortedItems(_ items: [Value], key: Value, reverse: Bool) throws -> [Value] {
        let keys = try items.map { try sortKey($0, key) }
        var failure: Error?
        let order = items.indices.sorted { i, j in
            do {
                let o = try ordering(keys[i], keys[j])
                return o != 0 ? (reverse ? o > 0 : o < 0) : i < j
            } catch { failure = error; return false }
        }
        if let failure { throw failure }
        return order.map { items[$0] }
    }

    func dictMember(_ d: DictStorage, _ name: String) -> Value? {
        switch name {
        case "keys", "values", "items":
            // a live view printed as Python's: dict_keys([…]), odict_items([…])
            let view = (d.kind == .ordered ? "odict_" : "dict_") + name
            let part: ListStorage.DictViewPart = name == "keys" ? .keys : name == "values" ? .values : .items
            return .builtin(Builtin(name) { _, _ in .list(ListStorage(viewing: d, part, kind: view)) })
        case "popitem": return .builtin(Builtin("popitem") { _, a in
            // the last pair put in; an OrderedDict's popitem(last=False) the first
            let last = try Signature("popitem", d.kind == .ordered ? [("last", .bool(true))] : []).bind(a)
            let fromEnd = try d.kind != .ordered || last["last"].isTruthy()
            guard !d.entries.isEmpty else {
                throw LanguageFailure.keyError(.string(d.kind == .ordered ? "dictionary is empty" : "popitem(): dictionary is empty"), fix: "check `if d:` first")
            }
            let pair = fromEnd ? d.entries.removeLast() : d.entries.removeFirst()
            return .tuple([pair.key, pair.value])
        })
        case "move_to_end" where d.kind == .ordered: return .builtin(Builtin("move_to_end") { _, a in
            // OrderedDict.move_to_end(key, last=True): to the end, or with last=False to the front
            let bound = try Signature("move_to_end", [("key", nil), ("last", .bool(true))]).bind(a)
            guard let i = d.index(of: bound["key"]) else { throw LanguageFailure.keyError(bound["key"]) }
            let pair = d.entries.remove(at: i)
            if try bound["last"].isTruthy() { d.entries.append(pair) } else { d.entries.insert(pair, at: 0) }
            return .none
        })
        case "pop": return .builtin(Builtin("pop") { _, a in
            guard let key = a.positional.first, a.positional.count <= 2 else { throw LanguageFailure("pop() takes a key and an optional default") }
            if let i = d.index(of: key) { return d.entries.remove(at: i).value }
            guard a.positional.count == 2 else { throw LanguageFailure.keyError(key) }
            return a.positional[1]
        })
        case "update": return .builtin(Builtin("update") { interpreter, a in
            let other = try interpreter.dictConstructor.body(interpreter, a)
            if case .dict(let o) = other { for (k, v) in o.entries { d.set(k, v) } }
            return .none
        })
        case "setdefault": return .builtin(Builtin("setdefault") { _, a in
            guard let key = a.positional.first, a.positional.count <= 2 else { throw LanguageFailure("setdefault() takes a key and an optional default") }
            if let v = d[key] { return v }
            _ = try PythonHash.requireHashable(key)
            let v = a.positional.count == 2 ? a.positional[1] : .none
            d.set(key, v); return v
        })
        case "__setitem__": return .builtin(Builtin("__setitem__") { _, a in
            guard a.positional.count == 2, a.keywords.isEmpty else { throw LanguageFailure("__setitem__() takes a key and a value") }
            _ = try PythonHash.requireHashable(a.positional[0])
            d.set(a.positional[0], a.positional[1]); return .none
        })
        case "__getitem__": return .builtin(Builtin("__getitem__") { _, a in
            guard a.positional.count == 1, let v = d[a.positional[0]] else {
                throw a.positional.count == 1 ? LanguageFailure.keyError(a.positional[0]) : LanguageFailure("__getitem__() takes one key", as: .typeError)
            }
            return v
        })
        case "copy": return .builtin(Builtin("copy") { _, _ in .dict(DictStorage(copying: d)) })
        case "clear": return .builtin(Builtin("clear") { _, _ in d.removeAll(); return .none })
        case "get": return .builtin(Builtin("get") { _, a in
            guard let key = a.positional.first else { throw LanguageFailure("get() needs a key") }
            return d[key] ?? (a.positional.count > 1 ? a.positional[1] : .none)
        })
        default: return nil
        }
    }
}

/// The default of a parameter whose absence differs from None (next(it) vs next(it, None)).
final class NoDefault: NativeObject, @unchecked Sendable {
    static let marker = NoDefault(typeName: "NoDefault")
    override var repr: String { "…" }
}

extension Interpreter {
    /// int(s, base): signs, spaces and underscores between digits as Python allows; base 0
    /// reads a 0x / 0o / 0b prefix (and a prefix matching base 16, 8 or 2 is allowed).
    static func parseInt(_ text: String, base given: Int) throws -> Int {
        guard given == 0 || (2...36).contains(given) else { throw LanguageFailure("int() base must be >= 2 and <= 36, or 0", as: .valueError) }
        // Python shows at most 200 characters of the text's repr
        let invalid = LanguageFailure("invalid literal for int() with base \(given): \(String(Value.string(text).repr.prefix(200)))", as: .valueError)
        var s = Substring(text.trimmingCharacters(in: .whitespacesAndNewlines))
        var negative = false
        if let c = s.first, c == "+" || c == "-" { negative = c == "-"; s = s.dropFirst() }
        var base = given
        let prefixes: [(String, Int)] = [("0x", 16), ("0o", 8), ("0b", 2)]
        if let (prefix, b) = prefixes.first(where: { s.lowercased().hasPrefix($0.0) }), given == 0 || given == b {
            base = b; s = s.dropFirst(prefix.count)
            if s.first == "_" { s = s.dropFirst() }
        } else if base == 0 {
            base = 10
            if s.count > 1, s.first == "0", s.contains(where: { $0 != "0" && $0 != "_" }) { throw invalid }   // 012 is not an int literal
        }
        guard !s.isEmpty, s.first != "_", s.last != "_", !s.contains("__") else { throw invalid }
        let digits = s.replacingOccurrences(of: "_", with: "")
        guard digits.allSatisfy({ $0.isASCII && Int(String($0), radix: base) != nil }) else { throw invalid }
        // Python's own limit on decimal (and other non-power-of-two base) texts: a ValueError
        if digits.count > 4300, base & (base - 1) != 0 {
            throw LanguageFailure("Exceeds the limit (4300 digits) for integer string conversion: value has \(digits.count) digits; use sys.set_int_max_str_digits() to increase the limit", as: .valueError)
        }
        // a valid literal past 64 bits is refused (Python would give the big int), not a ValueError
        guard let value = Int((negative ? "-" : "") + digits, radix: base) else {
            let shown = digits.count > 40 ? "'\(digits.prefix(20))…' (\(digits.count) digits)" : Value.string(text).repr
            throw IntegerOverflow.failure("int(\(shown))")
        }
        return value
    }
}

extension Interpreter {
    /// What zip(…, strict=True) says of iterables of these lengths, as Python words it; nil when they match.
    static func strictZipMismatch(_ counts: [Int]) -> String? {
        guard let n = counts.min(), let shortest = counts.firstIndex(of: n), counts.contains(where: { $0 != n }) else { return nil }
        func before(_ i: Int) -> String { i == 1 ? "argument 1" : "arguments 1-\(i)" }
        if shortest > 0 { return "zip() argument \(shortest + 1) is shorter than \(before(shortest))" }
        let longer = counts.firstIndex { $0 > n }!
        return "zip() argument \(longer + 1) is longer than \(before(longer))"
    }

    /// A number for id(): the same while the object lives, for objects held by reference
    /// (lists, dicts, tensors, modules, …); numbers, strings and None by value.
    static func identity(_ v: Value) -> Int {
        func address(_ o: AnyObject) -> Int { Int(bitPattern: UInt(bitPattern: ObjectIdentifier(o).hashValue)) }
        switch v {
        case .list(let l): return address(l)
        case .dict(let d): return address(d)
        case .set(let s): return address(s)
        case .tensor(let t): return address(t)
        case .module(let m): return address(m)
        case .object(let o): return address(o)
        case .function(let f): return address(f)
        case .classValue(let c): return address(c)
        case .builtin(let b): return address(b)
        case .namespace(let n): return address(n)
        default: return v.repr.hashValue & Int.max
        }
    }
}
