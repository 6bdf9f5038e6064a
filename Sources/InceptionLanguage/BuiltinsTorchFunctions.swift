import Foundation
import InceptionRuntime

/// `torch.*`, `F.*` and the `nn` containers beyond the layers: factories (arange, zeros_like,
/// full, stack, where), the functional forms of the tensor methods (`torch.max(x, 1)` is
/// `x.max(1)`), `F.softmax`, `F.conv2d`, `F.adaptive_avg_pool2d`, `F.max_pool2d`, `F.dropout`,
/// `nn.ModuleList`, `nn.Identity`, `model.apply(fn)`, `.to(device)`, torch.save/torch.load.
extension Interpreter {
    /// torch functions that are the tensor method of their first argument.
    static let delegatedToMethod = [
        "sum", "mean", "prod", "max", "min", "amax", "amin", "std", "var", "all", "any", "argmax", "argmin",
        "softmax", "log_softmax", "abs", "exp", "log", "log1p", "log2", "log10", "expm1", "sqrt", "sigmoid", "tanh", "sin", "cos", "rsqrt", "reciprocal", "clamp", "clip", "pow", "neg",
        "erf", "erfc", "erfinv", "exp2", "sinc", "logit", "lgamma", "digamma",
        "floor", "ceil", "round", "sign", "square", "reshape", "unsqueeze", "squeeze", "permute", "transpose", "t",
        "flip", "topk", "sort", "matmul", "bmm", "numel", "eq", "ne", "lt", "le", "gt", "ge", "add", "sub", "mul", "div",
        "maximum", "minimum", "divide", "true_divide", "floor_divide", "remainder", "fmod", "chunk", "split", "nonzero", "equal", "masked_fill", "clone", "cumsum", "argsort", "is_floating_point",
        "gather", "scatter", "repeat_interleave", "unique", "logsumexp", "isnan", "isinf", "isfinite",
        "tril", "triu", "diag", "diagonal", "roll", "masked_select", "median", "kthvalue", "trunc", "frac", "isclose", "cumprod", "swapaxes", "swapdims", "movedim", "bincount", "tile",
        "index_select", "histc", "det", "inverse", "diff", "nan_to_num", "count_nonzero", "norm", "unflatten", "unbind", "cummax", "cummin", "mode", "aminmax",
        "lerp", "atan2", "arctan2", "hypot", "deg2rad", "rad2deg", "logical_and", "logical_or", "logical_xor", "logical_not",
        "bitwise_and", "bitwise_or", "bitwise_xor", "bitwise_not", "bitwise_left_shift", "bitwise_right_shift", "moveaxis",
        "isposinf", "isneginf", "isreal",
        "kron", "rot90", "quantile", "scatter_add", "scatter_reduce", "index_add", "index_copy", "index_fill", "index_put",
        "masked_scatter", "put",
    ]

    /// The tensor methods of the library files beyond torchTensorMember's, in the order they are
    /// asked (a method's own file says what it does), and all their names.
    func libraryTensorMember(_ x: Tensor, _ name: String) throws -> Value? {
        if let v = try gatherTensorMember(x, name) ?? matrixTensorMember(x, name) ?? searchTensorMember(x, name) ?? linalgTensorMember(x, name) { return v }
        if let v = try newTensorMember(x, name) ?? inPlaceTensorMember(x, name) ?? elementwiseTensorMember(x, name) ?? arrangementTensorMember(x, name) { return v }
        if let v = try scatterReduceTensorMember(x, name) ?? indexPutTensorMember(x, name) ?? maskedScatterTensorMember(x, name)
            ?? putTensorMember(x, name) { return v }
        return try quantileTensorMember(x, name) ?? indexWriteTensorMember(x, name) ?? extraTensorMember(x, name) ?? viewTensorMember(x, name)
            ?? trigonometricTensorMember(x, name) ?? pairwiseTensorMember(x, name) ?? stackingTensorMember(x, name)
            ?? utilityTensorMember(x, name) ?? methodFormTensorMember(x, name)
    }
    static var libraryMethodNames: [String] {
        gatherMethodNames + matrixMethodNames + searchMethodNames + linalgMethodNames + newTensorMethodNames + inPlaceMethodNames
            + elementwiseMethodNames + arrangementMethodNames + quantileMethodNames + indexWriteMethodNames + scatterReduceMethodNames + indexPutMethodNames + maskedScatterMethodNames + putMethodNames + extraMethodNames + viewMethodNames + trigonometricMethodNames + pairwiseMethodNames + stackingMethodNames + utilityMethodNames + methodFormNames
    }

    func delegating(_ name: String, namespace: String) -> Value {
        .builtin(Builtin(name) { interpreter, arguments in
            var arguments = arguments
            var input: Value
            let out = arguments.keywords.firstIndex { $0.name == "out" }.map { arguments.keywords.remove(at: $0).value }
            let positional = !arguments.positional.isEmpty
            if positional {
                input = arguments.positional.removeFirst()
                arguments.positionBase = 2              // the method's arguments are the function's from 2 on
            } else if let i = arguments.keywords.firstIndex(where: { $0.name == "input" }) {
                input = arguments.keywords.remove(at: i).value
            } else {
                throw LanguageFailure("\(namespace).\(name)() needs a tensor first", fix: "write \(namespace).\(name)(x, …)")
            }
            if isNumber(input), let t = try Self.numberInput(name, input, arguments) { input = .tensor(t) }
            guard case .tensor(let x) = input else {
                throw LanguageFailure("\(name)(): argument 'input'\(positional ? " (position 1)" : "") must be Tensor, not \(input.typeName)", as: .typeError)
            }
            try TensorOnlyArguments.check(name, arguments, position: 2)
            try ReductionOverloads.check(name, arguments)
            // the kernels PyTorch lacks for bool or integer tensors refuse torch.X(t) as they refuse
            // t.X() (a dtype= that makes it floating lets it run)
            if let refusal = DTypeSupport.refusal(name, TensorKinds.shared.dtype(x)) {
                guard let dtype = arguments.keywords.first(where: { $0.name == "dtype" })?.value, try Self.dtypeArgument(dtype) == .float32 else { throw refusal }
            }
            guard let method = try interpreter.torchTensorMember(x, name) ?? interpreter.libraryTensorMember(x, name)
                    ?? (name == "norm" ? try interpreter.autogradMember(x, name) : nil) else { throw LanguageFailure("no \(namespace).\(name)") }
            if case .tensor(let target)? = out {
                // out= is written as PyTorch's TensorIterator writes: an input overlapping it is refused
                for y in [x] + Self.tensors(in: arguments) { try MemoryOverlap.checkWrite(into: target, reading: y) }
            }
            let result = try interpreter.callBack(method, arguments)
            guard let out, !out.isNone else { return result }
            return try interpreter.writeOut(result, into: out, "\(namespace).\(name)")
        })
    }

    /// The functions PyTorch's parser lets take a number for their input tensor (add(1, 2)).
    static let numbersAsInput: Set<String> = ["add", "sub", "mul", "div", "divide", "true_divide", "floor_divide", "multiply", "subtract"]
    /// The functions with a form for a number first and a tensor second (pow(2, x), remainder(5, x)).
    static let scalarFirstForms: Set<String> = ["pow", "remainder", "bitwise_and", "bitwise_or", "bitwise_xor",
                                                "bitwise_left_shift", "bitwise_right_shift", "xlogy", "float_power"]

    /// A number given as a torch function's input, as a 0-d tensor where PyTorch takes it; nil
    /// where PyTorch's parser refuses it (`torch.exp(2.0)`: the caller's TypeError), and
    /// PyTorch's TypeError for a form that needs a tensor second (`torch.pow(2, 3)`).
    static func numberInput(_ name: String, _ input: Value, _ rest: Arguments) throws -> Tensor? {
        if numbersAsInput.contains(name) { return scalarTensor(input) }
        guard scalarFirstForms.contains(name) else { return nil }
        guard rest.positional.first?.asTensor != nil || rest.keywords.contains(where: { $0.value.asTensor != nil }) else {
            var call = rest
            call.positionBase = 1
            call.positional.insert(input, at: 0)
            throw TorchArgumentErrors.invalidCombination(name, call)
        }
        return scalarTensor(input)
    }

    /// `torch.f(…, out=t)`: the result written into t (same shape; a float result not into an int64
    /// tensor), t returned. As in PyTorch, refused when autograd would have to record it.
    func writeOut(_ result: Value, into out: Value, _ function: String) throws -> Value {
        guard case .tensor(let target) = out else { throw LanguageFailure("\(function)(): argument 'out' must be Tensor, not \(out.typeName)", as: .typeError) }
        guard case .tensor(let value) = result else {
            throw LanguageFailure("\(function)(out=…) of a function that returns several values is not supported here", fix: "assign the result instead")
        }
        if GradMode.isEnabled, value.requiresGrad || target.requiresGrad {
            throw LanguageFailure("\(function.split(separator: ".").last!)(): functions with out=... arguments don't support automatic differentiation, but one of the arguments requires grad.")
        }
        return .tensor(try writeInPlace(target, value, "out="))
    }

    func torchFunctionBuiltins() -> [String: Value] {
        var t: [String: Value] = [:]
        for name in Self.delegatedToMethod + Self.trigonometricFunctionNames + Self.pairwiseFunctionNames { t[name] = delegating(name, namespace: "torch") }
        t["polygamma"] = polygammaFunction
        t["float32"] = .object(Self.dtypeToken(.float32)); t["float"] = t["float32"]
        // floats here are float32, the default PyTorch starts with
        t["get_default_dtype"] = Self.builtin(Signature("get_default_dtype")) { _, _ in .object(Self.dtypeToken(.float32)) }
        t["set_default_dtype"] = Self.builtin(Signature("set_default_dtype", [("d", nil)])) { _, a in
            guard case .object(let o as TorchToken) = a["d"], o.typeName == "torch.dtype", o.text == "float32" else {
                throw LanguageFailure("set_default_dtype(\(a["d"].repr)): tensors here are float32", fix: "leave the default at torch.float32")
            }
            return .none
        }
        t["int64"] = .object(Self.dtypeToken(.int64)); t["long"] = t["int64"]
        t["bool"] = .object(Self.dtypeToken(.bool))
        t["int32"] = .object(Self.dtypeToken(.int32)); t["int"] = t["int32"]
        // the dtypes tensors here cannot have, named (torch.double is torch.float64) so a message can name them
        for (name, canonical) in [("float64", "float64"), ("double", "float64"), ("float16", "float16"), ("half", "float16"), ("uint8", "uint8"), ("bfloat16", "bfloat16"),
                                  ("int8", "int8"), ("int16", "int16"), ("short", "int16"), ("complex64", "complex64"), ("cfloat", "complex64"),
                                  ("complex128", "complex128"), ("cdouble", "complex128")] {
            t[name] = .object(TorchToken(typeName: "torch.dtype", text: canonical, repr: "torch." + canonical))
        }
        t["device"] = Self.builtin(Signature("device", [("type", nil), ("index", Value.none)])) { _, a in
            if case .object(let o as TorchToken) = a["type"], o.typeName == "torch.device" { return .object(o) }
            let name = try a.string("type")
            try Self.requireCPU(name)
            if a["index"].isNone { return .object(Self.device(name)) }
            let index = try a.int("index")
            guard !name.contains(":") else { throw LanguageFailure("type (string) must not include an index because index was passed explicitly: \(name)") }
            guard index >= 0 else { throw LanguageFailure("Device index must not be negative") }
            return .object(Self.device("cpu:\(index)"))
        }
        t["cuda"] = .namespace(Namespace("torch.cuda", [
            "is_available": .builtin(Builtin("is_available") { _, _ in .bool(false) }),
            "device_count": .builtin(Builtin("device_count") { _, _ in .int(0) }),
            // seeding and freeing GPU memory: nothing to do without a GPU, as in PyTorch's CPU build
            "manual_seed": Self.builtin(Signature("manual_seed", [("seed", nil)])) { _, _ in .none },
            "manual_seed_all": Self.builtin(Signature("manual_seed_all", [("seed", nil)])) { _, _ in .none },
            "empty_cache": .builtin(Builtin("empty_cache") { _, _ in .none }),
        ]))
        t.merge(backendBuiltins()) { $1 }
        t["is_tensor"] = Self.builtin(Signature("is_tensor", [("obj", nil)])) { _, a in .bool(a["obj"].asTensor != nil) }
        t.merge(tensorConstructorBuiltins()) { $1 }
        for name in ["zeros", "ones", "empty", "rand"] {
            t[name] = Self.builtin(Signature(name, [("dtype", Value.none), ("device", Value.none), ("requires_grad", .bool(false))] + (name == "rand" ? [("generator", Value.none)] : []),
                                              variadic: "size")) { interpreter, a in
                try Self.requireCPUArgument(a["device"])
                let shape = try a.shape()
                if name == "rand", let d = try Self.dtypeArgument(a) { try Self.requireFloatDraw(d, normal: false) }
                let x: Tensor
                switch name {
                case "ones": x = Tensor(repeating: 1, shape: shape)
                case "rand": x = try Self.drawn(shape, from: a["generator"], "rand") { $0.fillUniform($1, count: $2, from: 0, to: 1) }
                default: x = Tensor(zeros: shape)
                }
                var out = x
                if let d = try Self.dtypeArgument(a) { out = TensorOps.converted(x, to: d) }
                try Self.requireGradIfAsked(a, out)
                return .tensor(out)
            }
        }
        t["full"] = Self.builtin(Signature("full", [("size", nil), ("fill_value", nil), ("dtype", Value.none), ("device", Value.none), ("requires_grad", .bool(false))]).parsedAsTorch) { _, a in
            let dims = try a.intList(named: "size")
            try BoundArguments.requireNonNegative(dims)
            try MemoryBudget.check(shape: dims, what: "full()")
            let fill = try a.double("fill_value")
            let inferred: DType = if case .tensor(let t) = a["fill_value"] { TensorOps.dtype(t) == .int32 ? .int64 : TensorOps.dtype(t) }
                else { TensorOps.isFloatValue(a["fill_value"]) ? .float32 : a["fill_value"].typeName == "bool" ? .bool : .int64 }
            let out = TensorKinds.shared.setDType(Tensor(repeating: Float(fill), shape: dims), try Self.dtypeArgument(a) ?? inferred)
            try Self.requireGradIfAsked(a, out)
            return .tensor(out)
        }
        for name in ["zeros_like", "ones_like", "randn_like", "rand_like", "full_like", "empty_like"] {
            let params: [(String, Value?)] = (name == "full_like" ? [("input", nil), ("fill_value", nil), ("dtype", Value.none)] : [("input", nil), ("dtype", Value.none)])
                + [("device", Value.none), ("requires_grad", .bool(false)), ("memory_format", Value.none)]
            t[name] = Self.builtin(Signature(name, params)) { interpreter, a in
                let x = try a.tensor("input")
                if name.hasPrefix("rand") { try Self.requireFloatDraw(try Self.dtypeArgument(a) ?? TensorOps.dtype(x), normal: name == "randn_like") }
                let out: Tensor
                switch name {
                case "ones_like": out = Tensor(repeating: 1, shape: x.shape)
                case "randn_like": out = try Self.drawn(x.shape, from: .none, name) { $0.fillNormal($1, count: $2, mean: 0, std: 1) }
                case "rand_like": out = try Self.drawn(x.shape, from: .none, name) { $0.fillUniform($1, count: $2, from: 0, to: 1) }
                case "full_like": out = Tensor(repeating: Float(try a.double("fill_value")), shape: x.shape)
                default: out = Tensor(zeros: x.shape)
                }
                let d = try Self.dtypeArgument(a) ?? TensorOps.dtype(x)
                let made = d == .float32 ? out : TensorOps.converted(out, to: d)
                try Self.requireGradIfAsked(a, made)
                return .tensor(made)
            }
        }
        t["arange"] = Self.builtin(Signature("arange", [("start", nil), ("end", Value.none), ("step", .int(1)), ("dtype", Value.none),
                                                        ("device", Value.none), ("requires_grad", .bool(false))])) { _, a in
            try Self.requireCPUArgument(a["device"])
            // arange(5): the one number is PyTorch's `end`, and named so when it is no number
            if a["end"].isNone, (try? a.double("start")) == nil {
                throw LanguageFailure("arange(): argument 'end' (position 1) must be Number, not \(a["start"].typeName)", as: .typeError)
            }
            var start = try a.double("start"), end = 0.0
            if a["end"].isNone { end = start; start = 0 } else { end = try a.double("end") }
            let step = try a.double("step")
            // ATen's checks in order, the bounds printed as C++ prints a double
            guard step != 0 else { throw LanguageFailure("step must be nonzero") }
            guard start.isFinite, end.isFinite else {
                throw LanguageFailure("unsupported range: \(String(format: "%g", start)) -> \(String(format: "%g", end))")
            }
            guard (end - start) / step >= 0 || end == start else {
                throw LanguageFailure("upper bound and lower bound inconsistent with step sign")
            }
            let count = ((end - start) / step).rounded(.up)
            guard count < 9.2e18 else { throw LanguageFailure("invalid size, possible overflow?") }
            let n = Int(count)
            try MemoryBudget.check(shape: [max(n, 0)], what: "arange()")
            // an int, or a 0-d integer tensor (PyTorch reads its item)
            let allInts = [a["start"], a["end"], a["step"]].allSatisfy { v in
                if case .tensor(let t) = v { return TensorOps.dtype(t).isIntegral }
                return v.isNone || v.typeName == "int"
            }
            let d = try Self.dtypeArgument(a) ?? (allInts ? .int64 : .float32)
            guard d != .bool else { throw LanguageFailure("\"arange_cpu\" not implemented for 'Bool'", as: .notImplementedError) }
            let out = TensorOps.make([max(n, 0)], d) { p in for i in 0..<max(n, 0) { p[i] = Float(start + Double(i) * step) } }
            try Self.requireGradIfAsked(a, out)
            return .tensor(out)
        }
        t["linspace"] = Self.builtin(Signature("linspace", [("start", nil), ("end", nil), ("steps", nil), ("dtype", Value.none), ("device", Value.none),
                                                          ("requires_grad", .bool(false))]).parsedAsTorch) { _, a in
            try Self.requireCPUArgument(a["device"])
            let (s, e, n) = (try a.double("start"), try a.double("end"), try a.int("steps"))
            guard n >= 0 else { throw LanguageFailure("number of steps must be non-negative") }
            try MemoryBudget.check(shape: [n], what: "linspace()")
            let dtype = try Self.dtypeArgument(a)
            // PyTorch fills the first half from the start and the second from the end (one step: the start)
            var out: Tensor
            if dtype == nil || dtype == .float32 {
                // in float, as ATen's kernel: the step rounded to float, each value one fused multiply-add
                let (sf, ef) = (Float(s), Float(e))
                let step = n > 1 ? (ef - sf) / Float(n - 1) : 0
                out = TensorOps.make([n]) { p in
                    for i in 0..<n { p[i] = n == 1 ? sf : i < n / 2 ? sf.addingProduct(step, Float(i)) : ef.addingProduct(-step, Float(n - 1 - i)) }
                }
            } else {
                let step = n > 1 ? (e - s) / Double(n - 1) : 0
                out = TensorOps.make([n]) { p in
                    for i in 0..<n { p[i] = Float(n == 1 ? s : i < n / 2 ? s + step * Double(i) : e - step * Double(n - 1 - i)) }
                }
            }
            if let d = dtype { out = TensorOps.converted(out, to: d) }
            try Self.requireGradIfAsked(a, out)
            return .tensor(out)
        }
        t["eye"] = Self.builtin(Signature("eye", [("n", nil), ("m", Value.none), ("dtype", Value.none), ("requires_grad", .bool(false))]).parsedAsTorch) { _, a in
            let n = try a.int("n"), m = try a.optionalInt("m") ?? n
            guard n >= 0 else { throw LanguageFailure("n must be greater or equal to 0, got \(n)") }
            guard m >= 0 else { throw LanguageFailure("m must be greater or equal to 0, got \(m)") }
            try MemoryBudget.check(shape: [n, m], what: "eye()")
            let identity = TensorOps.make([n, m]) { p in for i in 0..<min(n, m) { p[i * m + i] = 1 } }
            identity.requiresGrad = try a.bool("requires_grad")
            return .tensor(TensorKinds.shared.setDType(identity, try Self.dtypeArgument(a) ?? .float32))
        }
        t["stack"] = Self.builtin(Signature("stack", [("tensors", nil), ("dim", .int(0))])) { _, a in
            .tensor(Self.named(try TensorOps.stack(try Self.tensorList(a["tensors"], "stack"), dim: try a.int("dim")), "StackBackward0"))
        }
        t["cat"] = Self.builtin(Signature("cat", [("tensors", nil), ("dim", .int(0))])) { interpreter, a in
            let tensors = try Self.tensorList(a["tensors"], "cat")
            let dim = try a.int("dim")
            if tensors.count > 1, tensors.allSatisfy({ $0.rank == 4 }), (try? TensorOps.dim(dim, rank: 4)) == 1 {
                return .tensor(try interpreter.concatenateChannels(tensors))      // the message names the layer
            }
            return .tensor(try TensorOps.cat(tensors, dim: dim))
        }
        t["concat"] = t["cat"]
        t["concatenate"] = t["cat"]
        t["where"] = Self.builtin(Signature("where", [("condition", nil), ("input", Value.none), ("other", Value.none)])) { interpreter, a in
            let c = try a.tensor("condition")
            if a["input"].isNone && a["other"].isNone {
                // where(condition) is nonzero(condition, as_tuple=True)
                return try interpreter.callBack(try interpreter.torchTensorMember(c, "nonzero")!, Arguments([], keywords: [("as_tuple", .bool(true))]))
            }
            guard !a["input"].isNone, !a["other"].isNone else {
                throw LanguageFailure("where() takes a condition alone, or a condition, input and other", fix: "call it as where(condition, input, other)")
            }
            guard TensorOps.dtype(c) == .bool else {
                throw LanguageFailure("where expected condition to be a boolean tensor, but got a tensor with dtype \(TensorOps.dtype(c).scalarName)",
                                      fix: "make the condition a mask: a comparison such as x > 0, or c.bool()")
            }
            var x = try a.operand("input"), y = try a.operand("other")
            if a["input"].asTensor == nil, a["other"].asTensor != nil { x = TensorOps.scalarTensor(a["input"], beside: y) ?? x }
            if a["other"].asTensor == nil, a["input"].asTensor != nil { y = TensorOps.scalarTensor(a["other"], beside: x) ?? y }
            let shape = try TensorOps.broadcastShape(try TensorOps.broadcastShape(c.shape, x.shape), y.shape)
            if c.isMeta || x.isMeta || y.isMeta {         // a shape-only run (output_shape): the shape alone
                return .tensor(TensorKinds.shared.setDType(Tensor(meta: shape), TensorOps.promote(TensorOps.dtype(x), rank: x.rank, TensorOps.dtype(y), rank: y.rank)))
            }
            let (cv, xv, yv) = (TensorOps.expand(c, to: shape), TensorOps.expand(x, to: shape), TensorOps.expand(y, to: shape))
            let out = TensorOps.make(shape, TensorOps.promote(TensorOps.dtype(x), rank: x.rank, TensorOps.dtype(y), rank: y.rank)) { p in
                for i in 0..<cv.count { p[i] = cv[i] != 0 ? xv[i] : yv[i] }
            }
            guard TensorOps.dtype(out) == .float32, x.requiresGrad || y.requiresGrad else { return .tensor(out) }
            return .tensor(TensorOpsGrad.selected(out, x, y, condition: cv))
        }
        t["flatten"] = Self.builtin(Signature("flatten", [("input", nil), ("start_dim", .int(0)), ("end_dim", .int(-1))])) { interpreter, a in
            let x = try a.tensor("input")
            let method = try interpreter.torchTensorMember(x, "flatten")!
            return try interpreter.callBack(method, Arguments([a["start_dim"], a["end_dim"]]))
        }
        t["relu"] = Self.builtin(Signature("relu", [("input", nil), ("inplace", .bool(false))])) { interpreter, a in
            let x = try a.tensor("input")
            if let refusal = DTypeSupport.refusal("relu", TensorOps.dtype(x)) { throw refusal }
            let y = x.isMeta ? Tensor(meta: x.shape) : TensorOpsGrad.unary(x, TensorOps.map(x) { max($0, 0) }, "relu", masked: true) { _, y in y <= 0 ? 0 : 1 }
            return .tensor(try a.bool("inplace") ? try interpreter.writeInPlace(x, y, "relu(inplace=True)") : y)
        }
        t["relu_"] = Self.inPlaceReLU
        t["save"] = Self.builtin(Signature("save", [("obj", nil), ("f", nil)])) { interpreter, a in
            try interpreter.torchSave(a["obj"], try a.string("f"))
            return .none
        }
        t["load"] = Self.builtin(Signature("load", [("f", nil), ("name", Value.none), ("map_location", Value.none), ("weights_only", Value.none)])) { interpreter, a in
            try interpreter.torchLoad(try a.string("f"), name: try a.optionalString("name"))
        }
        return t
    }

    /// Set by autograd: marks a new tensor as requiring grad (`torch.zeros(3, requires_grad=True)`).
    nonisolated(unsafe) public static var requiresGradHook: ((Tensor) throws -> Void)?
    /// x · mask, the mask 0 or 1/(1 − p) drawn as PyTorch's dropout draws it; its backward g · mask
    /// (PyTorch's MulBackward0). F.dropout's, and scaled_dot_product_attention's on its weights.
    func droppedOut(_ x: Tensor, p: Double) throws -> Tensor {
        let (y, mask) = try currentContext.dropoutWithMask(x, p: p)
        let recorded = Autograd.record(y, "dropout", inputs: [x]) { g in
            [TensorOps.make(g.shape) { out in for i in 0..<g.count { out[i] = g.data[i] * mask.data[i] } }]
        }
        recorded.gradNode?.displayName = "MulBackward0"
        return recorded
    }

    /// A factory's `requires_grad=True`: the new tensor becomes a leaf that requires a gradient.
    static func requireGradIfAsked(_ a: BoundArguments, _ t: Tensor) throws {
        if case .bool(true) = a["requires_grad"], let make = requiresGradHook { try make(t) }
    }

    /// torch.relu_(x) and F.relu_(x): x.relu_(), x changed in place and handed back.
    static var inPlaceReLU: Value {
        builtin(Signature("relu_", [("input", nil)])) { interpreter, a in
            try interpreter.callBack(try interpreter.getAttribute(.tensor(try a.tensor("input")), "relu_"), Arguments())
        }
    }

    /// The `dtype=` argument of a call: a value that is no dtype at all gets PyTorch's TypeError
    /// naming the function ("zeros(): argument 'dtype' must be torch.dtype, not str").
    static func dtypeArgument(_ a: BoundArguments) throws -> DType? {
        switch a["dtype"] {
        case .none, .builtin: return try dtypeArgument(a["dtype"])
        case .object(let o) where o is TorchToken: return try dtypeArgument(a["dtype"])
        default: throw LanguageFailure("\(a.function)(): argument 'dtype' must be torch.dtype, not \(a["dtype"].typeName)", as: .typeError)
        }
    }

    static func dtypeArgument(_ v: Value) throws -> DType? {
        switch v {
        case .none: return nil
        case .object(let o as TorchToken) where o.typeName == "torch.dtype":
            guard let d = DType(rawValue: o.text) else {
                throw LanguageFailure("dtype torch.\(o.text) is not supported: tensors here are float32, int64, int32 or bool",
                                      fix: "use torch.float32, torch.long, torch.int32 or torch.bool")
            }
            return d
        case .builtin(let b) where b.name == "float":       // Python's float is PyTorch's float64
            throw LanguageFailure("dtype float (torch.float64) is not supported: tensors here are float32, int64, int32 or bool",
                                  fix: "use torch.float32")
        case .builtin(let b) where b.name == "int": return .int64
        case .builtin(let b) where b.name == "bool": return .bool
        default: throw LanguageFailure("dtype must be a torch.dtype such as torch.float32, got \(v.typeName)")
        }
    }

    static func tensorList(_ v: Value, _ function: String) throws -> [Tensor] {
        guard let items = v.sequenceItems(), v.typeName == "list" || v.typeName == "tuple" else {
            throw LanguageFailure("\(function)(): argument 'tensors' (position 1) must be tuple of Tensors, not \(v.typeName)", as: .typeError)
        }
        return try items.enumerated().map { (i, v) -> Tensor in
            guard case .tensor(let x) = v else {
                throw LanguageFailure("expected Tensor as element \(i) in argument 0, but got \(v.typeName)", as: .typeError)
            }
            return x
        }
    }

    /// torch.save: a tensor to .npy; a state_dict (a dict of name → tensor) to .safetensors, as
    /// PyTorch's safetensors writes it; anything else a checkpoint can hold (BuiltinsCheckpoint).
    func torchSave(_ obj: Value, _ path: String) throws {
        // PyTorch checks the folder before it writes anything, in these words
        let parent = (path as NSString).deletingLastPathComponent
        var isDirectory: ObjCBool = false
        if !parent.isEmpty, !(FileManager.default.fileExists(atPath: resolve(parent), isDirectory: &isDirectory) && isDirectory.boolValue) {
            throw LanguageFailure("Parent directory \(parent) does not exist.", as: .runtimeError)
        }
        switch obj {
        case .tensor(let x) where path.hasSuffix(".npy"):
            try TensorMath.requireValues(x, "save()")
            try writeNpy(x, to: try WritePolicy.check(path, base: baseDirectory, what: "torch.save()"))
        case .dict(let d) where path.hasSuffix(".safetensors") && d.entries.allSatisfy({ entry in
            if case .string = entry.key, case .tensor = entry.value { return true } else { return false }
        }):
            var pairs: [(String, Tensor)] = []
            var ints = Set<String>()
            for case (.string(let name), .tensor(let x)) in d.entries {
                pairs.append((name, x))
                if TensorOps.dtype(x) != .float32 || name.hasSuffix("num_batches_tracked") { ints.insert(name) }
            }
            try writeSafeTensors(pairs, int64Names: ints, to: try WritePolicy.check(path, base: baseDirectory, what: "torch.save()"))
        case .module:
            throw LanguageFailure("saving a whole module pickles its code, which this language does not do",
                                  fix: "save its weights: torch.save(model.state_dict(), \"model.safetensors\")")
        default:
            try saveCheckpoint(obj, path)
        }
    }

    func torchLoad(_ path: String, name: String?) throws -> Value {
        let full = resolve(path)
        // Python's own errors for a path that is no file, as open() raises them under torch.load
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory) else {
            throw LanguageFailure("FileNotFoundError: [Errno 2] No such file or directory: \(Value.string(path).repr)")
        }
        guard !isDirectory.boolValue else { throw LanguageFailure("IsADirectoryError: [Errno 21] Is a directory: \(Value.string(path).repr)") }
        if path.hasSuffix(".npy") { return .tensor(try readNpy(path: full)) }
        // a checkpoint (any name), or a state_dict's .safetensors
        let file: SafeTensorsFile
        do { file = try SafeTensorsFile.read(path: full) } catch {
            guard path.hasSuffix(".safetensors") else {
                // a picture or an array under another name is named as what it is
                if let other = OtherFileFormat(path: full), other.isPicture || other == .numpy { throw LanguageFailure("\(path): \(other.explanation)") }
                throw LanguageFailure("torch.load reads Python pickles, which this language does not: it reads .npy, .safetensors and the checkpoints its torch.save writes",
                                      fix: "save with torch.save(…) in this language (a state_dict as \"model.safetensors\") and load that")
            }
            throw error
        }
        if name == nil, let tree = try loadCheckpoint(file, path) { return tree }
        if name == nil, let warning = file.nonFiniteWarning(source: path) { output("warning: " + warning + "\n") }
        if let name {
            guard let tensor = file.tensors[name] else {
                throw LanguageFailure("\(path) has no tensor named '\(name)'", fix: closestName(to: name, among: file.order).map { "did you mean '\($0)'?" })
            }
            return .tensor(tensor)
        }
        return .dict(DictStorage(file.order.map { n in
            let x = file.tensors[n]!
            return (.string(n), .tensor(n.hasSuffix("num_batches_tracked") ? TensorKinds.shared.setDType(x, .int64) : x))
        }))
    }

    // MARK: torch.nn.functional

    /// F.softmax, log_softmax and softmin (and their modules) without dim: PyTorch's deprecated
    /// choice, with its warning: dim 0 for a 0-, 1- or 3-D input, else dim 1.
    static func implicitSoftmaxDim(_ name: String, rank: Int) -> Int {
        warnOnce("UserWarning: Implicit dimension choice for \(name) has been deprecated. Change the call to include dim=X as an argument.")
        return [0, 1, 3].contains(rank) ? 0 : 1
    }

    func functionalBuiltins() -> [String: Value] {
        var t: [String: Value] = [:]
        for name in ["softmax", "log_softmax"] {
            t[name] = Self.builtin(Signature(name, [("input", nil), ("dim", Value.none), ("dtype", Value.none)])) { interpreter, a in
                let x = try a.tensor("input")
                let d = try a.optionalInt("dim") ?? Self.implicitSoftmaxDim(name, rank: x.rank)
                return .tensor(try TensorOps.softmax(x, dim: d, log: name == "log_softmax"))
            }
        }
        for name in ["sigmoid", "tanh"] { t[name] = delegating(name, namespace: "F") }
        t["relu"] = Self.builtin(Signature("relu", [("input", nil), ("inplace", .bool(false))])) { interpreter, a in
            let x = try a.tensor("input")
            if let refusal = DTypeSupport.refusal("relu", TensorOps.dtype(x)) { throw refusal }
            let y = x.isMeta ? Tensor(meta: x.shape) : TensorOpsGrad.unary(x, TensorOps.map(x) { max($0, 0) }, "relu", masked: true) { _, y in y <= 0 ? 0 : 1 }
            return .tensor(try a.bool("inplace") ? try interpreter.writeInPlace(x, y, "F.relu(inplace=True)") : y)
        }
        t["relu_"] = Self.inPlaceReLU
        t["adaptive_avg_pool2d"] = Self.builtin(Signature("adaptive_avg_pool2d", [("input", nil), ("output_size", nil)])) { interpreter, a in
            let (x, (h, w)) = try Self.checkedAdaptivePool2d(a["input"], a["output_size"], maximum: false)
            let y = try interpreter.currentContext.runFunctional(AdaptiveAvgPool2d(h, w), x)
            // an unbatched (C, H, W) input is pooled as is in ATen: no squeeze shows in its graph
            if x.rank == 3 { y.gradNode?.displayName = (h, w) == (1, 1) ? "MeanBackward1" : "AdaptiveAvgPool2DBackward0" }
            return .tensor(y)
        }
        for name in ["max_pool2d", "avg_pool2d"] {
            var params: [(String, Value?)] = [("input", nil), ("kernel_size", nil), ("stride", Value.none), ("padding", .int(0))]
            params += name == "max_pool2d" ? [("dilation", .int(1)), ("ceil_mode", .bool(false)), ("return_indices", .bool(false))]
                                           : [("ceil_mode", .bool(false)), ("count_include_pad", .bool(true)), ("divisor_override", Value.none)]
            t[name] = Self.builtin(Signature(name, params)) { interpreter, a in
                let a = try Self.checkPool2dCall(a, name)
                let x = try a.tensor("input")
                if let window = try Self.generalPoolWindow(a, name, maximum: name == "max_pool2d") {
                    // rectangular, dilated, or not counting the padding: as a gather over the windows
                    let (y, indices) = try Self.generalPool(x, window, a, name, maximum: name == "max_pool2d")
                    if name == "max_pool2d", Self.truth(a["return_indices"]), let indices { return .tuple([.tensor(y), .tensor(indices)]) }
                    return .tensor(y)
                }
                if name == "max_pool2d" {
                    try Self.requireOne(a, "dilation", "max_pool2d", fix: "to round up, write ceil_mode=True by name")
                    if Self.truth(a["return_indices"]) {
                        let k = try a.squareInt("kernel_size")
                        let (y, i) = try Self.maxPool2dWithIndices(x, kernel: k, stride: a["stride"].isNone ? k : try a.squareInt("stride"),
                                                                   padding: try a.squareInt("padding"), ceil: try a.bool("ceil_mode"))
                        return .tuple([.tensor(y), .tensor(i)])
                    }
                } else {
                    guard try a.bool("count_include_pad"), a["divisor_override"].isNone else { throw LanguageFailure("avg_pool2d(): count_include_pad=False and divisor_override are not supported") }
                }
                let k = try a.squareInt("kernel_size")
                let stride = a["stride"].isNone ? nil : try a.squareInt("stride")
                let (p, c) = (try a.squareInt("padding"), try a.bool("ceil_mode"))
                let pool: Module = name == "max_pool2d" ? try MaxPool2d(k, stride: stride, padding: p, ceilMode: c) : try AvgPool2d(k, stride: stride, padding: p, ceilMode: c)
                return .tensor(try interpreter.currentContext.runFunctional(pool, x))
            }
        }
        t["dropout"] = Self.builtin(Signature("dropout", [("input", nil), ("p", .float(0.5)), ("training", .bool(true)), ("inplace", .bool(false))])) { interpreter, a in
            let x = try a.tensor("input")
            let p = try Self.dropoutProbability(a)
            guard try a.bool("training"), !x.isMeta, p > 0 else { return .tensor(x) }        // p = 0: the input itself, as PyTorch's
            let recorded = try interpreter.droppedOut(x, p: p)
            try Self.refuseDroppedOutIntegers(x)
            return .tensor(try a.bool("inplace") ? try interpreter.writeInPlace(x, recorded, "F.dropout(inplace=True)") : recorded)
        }
        for dims in [1, 2] {
            let name = "dropout\(dims)d"
            t[name] = Self.builtin(Signature(name, [("input", nil), ("p", .float(0.5)), ("training", .bool(true)), ("inplace", .bool(false))])) { _, a in
                let x = try a.tensor("input"), p = try Self.dropoutProbability(a), training = try a.bool("training")
                guard try !a.bool("inplace") || !training else { throw LanguageFailure("\(name)(inplace=True) is not supported here", fix: "y = F.\(name)(x, p)") }
                return .tensor(try Self.channelDropout(x, p: p, dims: dims, training: training))
            }
        }
        t["conv2d"] = .builtin(Builtin("conv2d") { interpreter, call in
            // read and checked as PyTorch's conv2d reads and checks it (ConvCall)
            let c = try ConvCall("conv2d", call, spatial: 2)
            let (x, s, p, e, d) = try c.checked("conv2d", spatial: 2)
            let (w, b) = (c.weight, c.bias)
            // an unbatched (C, H, W) input runs as a batch of one, the result without its batch dimension
            let unbatched = x.rank == 3
            let batched = try Self.generalConv2d(unbatched ? try x.reshaped([1] + x.shape) : x, weight: w, bias: b,
                                                 ConvShape(stride: (s[0], s[1]), padding: (p[0], p[1]), dilation: (d[0], d[1]), groups: c.groups, extra: (e[0], e[1])),
                                                 workspace: interpreter.currentContext.workspace)
            let y = unbatched ? try batched.reshaped(Array(batched.shape.dropFirst())) : batched
            if unbatched { y.gradNode?.displayName = "SqueezeBackward1" }      // PyTorch's squeeze(0) of the batch of one
            // the work a Conv2d would do, for whoever counts layers' work (the design check's budget and kernels)
            let positions = batched.rank == 4 ? batched.shape[0] * batched.shape[2] * batched.shape[3] : 0
            interpreter.currentContext.reportFunctional(FunctionalCall(name: "F.conv2d", kernel: (w.shape[2], w.shape[3]), outputShape: batched.shape,
                                                                       multAdds: (w.count + (b?.count ?? 0)) * positions,
                                                                       blockPath: interpreter.currentInstance?.block?.path ?? ""))
            return .tensor(y)
        })
        t["linear"] = Self.builtin(Signature("linear", [("input", nil), ("weight", nil), ("bias", Value.none)]).parsedAsTorch) { _, a in
            // x @ wᵀ (+ b), as ATen's linear: w a matrix (out, in) or a vector (in)
            let x = try a.tensor("input"), w = try a.tensor("weight"), bias = try a.optionalTensor("bias")
            guard x.rank > 0, w.rank > 0 else {
                throw LanguageFailure("both arguments to linear need to be at least 1D, but they are \(x.rank)D and \(w.rank)D")
            }
            guard w.rank <= 2 else { throw LanguageFailure("t() expects a tensor with <= 2 dimensions, but self is \(w.rank)D") }
            let wT = w.rank == 2 ? try TensorOps.permute(w, [1, 0]) : w
            if let b = bias, x.rank == 2 || b.rank == 1 {
                // ATen's fused addmm(b, x as rows (N, in), wᵀ), with its checks: a vector w is no matrix, b expands to (N, out)
                let rows = try Self.reshaped(x, [x.shape.dropLast().reduce(1, *), x.shape[x.rank - 1]])
                try Self.checkAddProductOperands("addmm", b, rows, wT)
                let product = [rows.shape[0], wT.shape[1]]
                guard b.rank <= 2, (try? TensorOps.broadcastShape(b.shape, product)) == product else {
                    throw LanguageFailure(b.rank > 2
                        ? "expand(torch.FloatTensor{\(b.shape)}, size=\(product)): the number of sizes provided (2) must be greater or equal to the number of dimensions in the tensor (\(b.rank))"
                        : Self.expandedSizeMessage(b.shape, to: product))
                }
            }
            var y = try TensorOps.matmul(x, wT)
            let biased = bias != nil
            if let b = bias { y = try TensorOps.binary(.add, y, b) }
            if w.rank == 1 { return .tensor(y) }      // a vector w: matmul's own grad_fn (mv, dot), then the bias's add
            // the grad_fn PyTorch's linear leaves: addmm (mm) for a matrix, a view of the matmul otherwise
            y.gradNode?.displayName = x.rank == 2 ? (biased ? "AddmmBackward0" : "MmBackward0") : x.rank == 1 && !biased ? "SqueezeBackward4" : "UnsafeViewBackward0"
            return .tensor(y)
        }
        // x / max(‖x‖ along dim, eps)
        t["normalize"] = Self.builtin(Signature("normalize", [("input", nil), ("p", .float(2)), ("dim", .int(1)), ("eps", .float(1e-12))])) { interpreter, a in
            let x = try a.tensor("input"), eps = Float(try a.double("eps"))
            if let refusal = DTypeSupport.refusal("norm", TensorOps.dtype(x)) { throw refusal }     // the norm of integers, as PyTorch's
            if a["p"].asDouble == 2 { return .tensor(try Self.normalized(x, dims: try a.dims("dim"), eps: eps)) }
            // another p: input / input.norm(p, dim, keepdim=True).clamp_min(eps), as torch.nn.functional writes it
            let v = interpreter.composed(x)
            return try (v / (try v.call("norm", a["p"], a["dim"], true).call("clamp_min", a["eps"]))).value
        }
        // ‖x1 − x2 + eps‖ along the last dim, as PyTorch adds eps before the norm
        t["pairwise_distance"] = Self.builtin(Signature("pairwise_distance", [("x1", nil), ("x2", nil), ("p", .float(2)), ("eps", .float(1e-6)),
                                                                            ("keepdim", .bool(false))])) { interpreter, a in
            guard a["p"].asDouble == 2 else {
                let out = try interpreter.pairwiseDistance(try a.tensor("x1"), try a.tensor("x2"), p: a["p"], eps: a["eps"], keepdim: try a.bool("keepdim")).tensor
                out.gradNode?.displayName = "NormBackward1"
                return .tensor(out)
            }
            let difference = try TensorOps.binary(.subtract, try a.tensor("x1"), try a.tensor("x2"))
            let shifted = try TensorOps.binary(.add, difference, Self.scalarTensor(.float(try a.double("eps")))!)
            let out = try Self.vectorNorm(shifted, dims: [-1], keepdim: try a.bool("keepdim"))
            out.gradNode?.displayName = "NormBackward1"
            return .tensor(out)
        }
        // Σ along dim of (x1 / max(‖x1‖, eps)) · (x2 / max(‖x2‖, eps))
        // ATen's: both inputs broadcast to one shape, each divided by its norm along dim (at least
        // eps), the products summed along dim
        t["cosine_similarity"] = Self.builtin(Signature("cosine_similarity", [("x1", nil), ("x2", nil), ("dim", .int(1)), ("eps", .float(1e-8))])) { interpreter, a in
            let (dim, eps) = (try a.int("dim"), Float(try a.double("eps")))
            var (x1, x2) = (try a.tensor("x1"), try a.tensor("x2"))
            guard TensorOps.dtype(x1) == .float32 || TensorOps.dtype(x2) == .float32 else {
                throw LanguageFailure("expected common dtype to be floating point, yet common dtype is \(TensorOps.dtype(x1) == .int64 || TensorOps.dtype(x2) == .int64 ? "Long" : TensorOps.dtype(x1).scalarName)")
            }
            let shape = try TensorOps.broadcastShape(x1.shape, x2.shape)
            for (i, x) in [x1, x2].enumerated() where x.shape != shape || TensorOps.dtype(x) != .float32 {
                guard case .tensor(var wide) = try interpreter.tensorMethod(x, "expand", shape.map { .int($0) }) else { continue }
                if TensorOps.dtype(wide) != .float32, case .tensor(let f) = try interpreter.tensorMethod(wide, "float") { wide = f }
                if i == 0 { x1 = wide } else { x2 = wide }
            }
            let product = try TensorOps.binary(.multiply, try Self.normalized(x1, dims: [dim], eps: eps),
                                               try Self.normalized(x2, dims: [dim], eps: eps))
            return .tensor(try TensorOps.reduce(product, .sum, dims: [dim], keepdim: false))
        }
        // ‖x_i − x_j‖_p for each pair of rows i < j: input (N, M) → (N·(N − 1)/2)
        t["pdist"] = Self.builtin(Signature("pdist", [("input", nil), ("p", .float(2))])) { interpreter, a in
            let x = try a.tensor("input")
            guard x.rank == 2 else { throw LanguageFailure("pdist only supports 2D tensors, got: \(x.rank)D") }
            guard try a.double("p") >= 0 else { throw LanguageFailure("pdist only supports non-negative p values") }
            let n = x.shape[0]
            try MemoryBudget.check(shape: [n * max(n - 1, 0) / 2, max(x.shape[1], 1), 4], what: "pdist()")     // each pair's rows and difference
            let pairs = (0..<n).flatMap { i in (i + 1..<n).map { (i, $0) } }
            let first = TensorOps.make([pairs.count], values: pairs.map { Float($0.0) }, .int64)
            let second = TensorOps.make([pairs.count], values: pairs.map { Float($0.1) }, .int64)
            let v = interpreter.composed(x)
            let out = try (try v.call("index_select", 0, first) - (try v.call("index_select", 0, second))).call("norm", a["p"], 1).tensor
            out.gradNode?.displayName = "PdistBackward0"
            return .tensor(out)
        }
        t["flatten"] = .builtin(Builtin("flatten") { _, _ in
            throw LanguageFailure("torch.nn.functional has no flatten", fix: "write torch.flatten(x, 1)")
        })
        return t
    }

    // MARK: nn containers and layers written in the language

    static func moduleList(_ layers: [Module]) -> Block {
        let list = Block(typeName: "ModuleList", forward: .custom { _, _, _ in
            throw LanguageFailure("Module [ModuleList] is missing the required \"forward\" function", fix: "loop over it in forward: for layer in self.layers: x = layer(x)")
        })
        list.setTraining(true)
        for (i, m) in layers.enumerated() { list.register(String(i), m) }
        return list
    }

    func nnContainerBuiltins() -> [String: Value] {
        var t: [String: Value] = [:]
        t["ModuleList"] = Self.builtin(Signature("ModuleList", [("modules", Value.none)])) { interpreter, a in
            let items = a["modules"].isNone ? [] : try interpreter.iterationItems(a["modules"])
            return .module(Self.moduleList(try items.map { v in
                guard case .module(let m) = v else { throw Self.notAModule(v, in: "ModuleList") }
                return m
            }))
        }
        t["ModuleDict"] = Self.builtin(Signature("ModuleDict", [("modules", Value.none)])) { _, a in
            let dict = Block(typeName: "ModuleDict", forward: .custom { _, _, _ in
                throw LanguageFailure("Module [ModuleDict] is missing the required \"forward\" function")
            })
            dict.setTraining(true)
            if case .dict(let d) = a["modules"] {
                for (k, v) in d.entries {
                    guard case .string(let n) = k, case .module(let m) = v else { throw LanguageFailure("ModuleDict: entries must be name → module") }
                    dict.register(n, m)
                }
            }
            return .module(dict)
        }
        // nn.Parameter(data, requires_grad=True): a tensor that a block's `self.name = …` registers
        // as a parameter. PyTorch's shares data's memory; this one is a copy.
        t["Parameter"] = Self.builtin(Signature("Parameter", [("data", Value.none), ("requires_grad", .bool(true))])) { _, a in
            let data = a["data"].isNone ? Tensor(zeros: [0]) : try a.tensor("data")
            let dtype = TensorOps.dtype(data), requiresGrad = try a.bool("requires_grad")
            guard dtype == .float32 || !requiresGrad else {
                throw LanguageFailure("Only Tensors of floating point and complex dtype can require gradients", fix: "pass a float tensor, or requires_grad=False")
            }
            return .tensor(Self.newParameter(data, requiresGrad: requiresGrad))
        }
        t["Identity"] = .builtin(Builtin("Identity") { _, _ in
            let m = Block(typeName: "Identity", forward: .custom { _, x, _ in x })
            m.setTraining(true)
            return .module(m)
        })
        for name in ["Softmax", "LogSoftmax"] {
            t[name] = Self.builtin(Signature(name, [("dim", Value.none)])) { _, a in
                let given = try a.optionalInt("dim")
                let m = Block(typeName: name, forward: .custom { _, x, _ in
                    let d = given ?? Self.implicitSoftmaxDim(name == "Softmax" ? "softmax" : "log_softmax", rank: x.rank)
                    return x.isMeta ? Tensor(meta: x.shape) : try TensorOps.softmax(x, dim: d, log: name == "LogSoftmax")
                })
                m.setTraining(true)
                TensorKinds.shared.setArguments(m, "dim=\(given.map(String.init) ?? "None")")
                return .module(m)
            }
        }
        for name in ["Sigmoid", "Tanh"] {
            t[name] = .builtin(Builtin(name) { _, _ in
                let m = Block(typeName: name, forward: .custom { _, x, _ in
                    if x.isMeta { return Tensor(meta: x.shape) }
                    let y = TensorOps.map(x, .float32) { v in name == "Sigmoid" ? Float(1 / (1 + Foundation.exp(-Double(v)))) : Float(Foundation.tanh(Double(v))) }
                    return TensorOpsGrad.unary(x, y, name.lowercased()) { _, y in name == "Sigmoid" ? y * (1 - y) : 1 - y * y }
                })
                m.setTraining(true)
                return .module(m)
            })
        }
        return t
    }

    /// nn.Parameter(data): a Parameter holding a copy of data's values, in its dtype.
    static func newParameter(_ data: Tensor, requiresGrad: Bool) -> Tensor {
        let p = TensorKinds.shared.setDType(data.copy(), TensorOps.dtype(data))
        p.isParameter = true
        p.requiresGrad = requiresGrad
        return p
    }

    /// x / max(‖x‖ along dims, eps), the norm kept for broadcasting (F.normalize's).
    static func normalized(_ x: Tensor, dims: [Int]?, eps: Float) throws -> Tensor {
        let norms = try vectorNorm(x, dims: dims, keepdim: true)
        let clamped = TensorOpsGrad.unary(norms, TensorOps.map(norms) { max($0, eps) }, "clamp", masked: true) { v, _ in v > eps ? 1 : 0 }
        return try TensorOps.binary(.divide, x, clamped)
    }

    /// Members every module has in PyTorch beyond the ones in BuiltinsModules: apply, to,
    /// ModuleList's append/extend, the arguments of layers as PyTorch names them.
    func torchModuleMember(_ m: Module, _ name: String) throws -> Value? {
        switch name {
        case "apply":
            return Self.builtin(Signature("apply", [("fn", nil)])) { interpreter, a in
                let fn = a["fn"]
                try Self.refuseCycle(m, "apply")
                func visit(_ node: Module) throws {
                    for (_, c) in node.children { try visit(c) }
                    _ = try interpreter.call(fn, Arguments([.module(node)]), at: interpreter.innermostCallSite ?? SourceLocation(file: "<apply>", line: 0, column: 0))
                }
                try visit(m)
                return .module(m)
            }
        case "to":
            return .builtin(Builtin("to") { _, arguments in
                try Self.refuseCycle(m, "to")
                for v in arguments.positional + arguments.keywords.map(\.value) {
                    switch v {
                    case .object(let o as TorchToken) where o.typeName == "torch.device": try Self.requireCPU(o.text)
                    case .object(let o as TorchToken) where o.typeName == "torch.dtype":
                        guard o.text == "float32" else { throw LanguageFailure("modules here are float32 only; .to(torch.\(o.text)) is not supported") }
                    case .string(let s): try Self.requireCPU(s)
                    default: throw LanguageFailure("to() takes a device, got \(v.typeName)")
                    }
                }
                return .module(m)
            })
        case "cpu", "float": return .builtin(Builtin(name) { _, _ in try Self.refuseCycle(m, name); return .module(m) })
        case "double", "half", "bfloat16":
            return .builtin(Builtin(name) { _, _ in
                throw LanguageFailure("modules here are float32 only; \(m.typeName).\(name)() would change the precision of its parameters",
                                      fix: "keep the model in float32: remove .\(name)() (and give it float32 inputs)")
            })
        case "cuda": return .builtin(Builtin("cuda") { _, _ in try Self.requireCPU("cuda"); return .module(m) })
        case "append" where m.containerKind == "ModuleList":
            return Self.builtin(Signature("append", [("module", nil)])) { _, a in
                m.register(String(m.children.count), try a.module("module")); return .module(m)
            }
        case "pop" where m.isNumberedContainer || m.isModuleDict:
            // pop(i) / pop("name"): the layer, taken out (the later ones renumbered, as PyTorch's del does)
            return Self.builtin(Signature("pop", [("key", nil)])) { interpreter, a in
                let layer = try interpreter.getItem(.module(m), a["key"])
                try Self.deleteLayer(m, a["key"])
                return layer
            }
        case "extend" where m.isNumberedContainer:
            return Self.builtin(Signature("extend", [("modules", nil)])) { interpreter, a in
                for v in try interpreter.iterationItems(a["modules"]) {
                    guard case .module(let c) = v else { throw Self.notAModule(v, in: m.containerKind) }
                    m.register(String(m.children.count), c)
                }
                return .module(m)
            }
        case "keys" where m.isModuleDict: return .builtin(Builtin("keys") { _, _ in .list(ListStorage(m.children.map { .string($0.name) })) })
        case "values" where m.isModuleDict: return .builtin(Builtin("values") { _, _ in .list(ListStorage(m.children.map { .module($0.module) })) })
        case "items" where m.isModuleDict:
            return .builtin(Builtin("items") { _, _ in .list(ListStorage(m.children.map { .tuple([.string($0.name), .module($0.module)]) })) })
        case "inplace" where m is ReLU || m is Dropout:
            return .bool(TensorKinds.shared.arguments(m)?.contains("inplace=True") ?? false)
        case "dilation" where m is Conv2d: return .tuple([.int(1), .int(1)])
        case "dilation" where m is MaxPool2d: return .int(1)
        case "groups" where m is Conv2d: return .int(1)
        case "output_size" where m is AdaptiveAvgPool2d:
            let p = m as! AdaptiveAvgPool2d
            return p.size.h == p.size.w && TensorKinds.shared.arguments(m)?.contains("(") != true ? .int(p.size.h) : .tuple([.int(p.size.h), .int(p.size.w)])
        case "register_buffer":
            return Self.builtin(Signature("register_buffer", [("name", nil), ("tensor", nil), ("persistent", .bool(true))])) { interpreter, a in
                let name = try a.string("name")
                try Self.checkMemberName(name, of: m, interpreter: interpreter, kind: "buffer")
                if a["tensor"].isNone {       // a buffer to come: reads None, not in state_dict
                    guard let instance = interpreter.instance(of: m) else {
                        throw LanguageFailure.refusal("\(m.typeName).register_buffer('\(name)', None) is not supported here: only a class's own blocks take a None buffer",
                                                      fix: "register it in a class extending nn.Module, or give it a tensor")
                    }
                    instance.attributes.set(.string(name), .none)
                    return .none
                }
                guard case .tensor(let x) = a["tensor"] else {
                    throw LanguageFailure("cannot assign '\(a["tensor"].typeName)' object to buffer '\(name)' (torch Tensor or None required)")
                }
                m.registerBuffer(name, x, persistent: try a.bool("persistent"))
                return .none
            }
        case "register_parameter":
            return Self.builtin(Signature("register_parameter", [("name", nil), ("param", nil)])) { interpreter, a in
                let name = try a.string("name")
                try Self.checkMemberName(name, of: m, interpreter: interpreter, kind: "parameter")
                if a["param"].isNone, let instance = interpreter.instance(of: m) {        // no parameter (a bias left out): reads None
                    instance.attributes.set(.string(name), .none)
                    return .none
                }
                guard case .tensor(let p) = a["param"], p.isParameter else {
                    throw LanguageFailure("cannot assign '\(a["param"].typeName)' object to parameter '\(name)' (torch.nn.Parameter or None required)", as: .typeError)
                }
                Self.register(parameter: p, as: name, in: m)
                return .none
            }
        default: return nil
        }
    }

    /// A name register_buffer / register_parameter may take: not empty, no dot, not a child's or
    /// an attribute's already (PyTorch's KeyErrors).
    static func checkMemberName(_ name: String, of m: Module, interpreter: Interpreter, kind: String) throws {
        guard !name.isEmpty else { throw LanguageFailure.keyError(.string("\(kind) name can't be empty string \"\"")) }
        guard !name.contains(".") else { throw LanguageFailure.keyError(.string("\(kind) name can't contain \".\"")) }
        let isAttribute = interpreter.instance(of: m)?.attributes[.string(name)] != nil
        guard m.child(name) == nil, !isAttribute else { throw LanguageFailure.keyError(.string("attribute '\(name)' already exists")) }
    }

    /// Registers an nn.Parameter under `name`, keeping its requires_grad (registerParameter sets it).
    static func register(parameter p: Tensor, as name: String, in m: Module) {
        let requiresGrad = p.requiresGrad
        m.registerParameter(name, p)
        p.requiresGrad = requiresGrad
    }
}

/// An int (or bool) value, not a float that happens to be whole.
private func isIntegral(_ v: Value) -> Bool {
    switch v {
    case .int, .bool: return true
    default: return false
    }
}
