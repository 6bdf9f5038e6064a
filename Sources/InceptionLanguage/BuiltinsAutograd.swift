import Foundation
import InceptionRuntime

/// Gradients with PyTorch's names: `loss.backward()`, `p.grad`, `requires_grad`,
/// `net.zero_grad()`, `torch.no_grad()`, `F.cross_entropy` / `nn.CrossEntropyLoss()`. The
/// runtime's Autograd does the work; the optimisers are in BuiltinsOptim.
extension Interpreter {
    static let autogradMemberNames = ["backward", "grad", "requires_grad", "requires_grad_", "is_leaf", "grad_fn", "detach", "detach_", "zero_", "norm", "is_inference", "_version"]

    /// Tensor members about gradients; nil for other names.
    func autogradMember(_ x: Tensor, _ name: String) throws -> Value? {
        switch name {
        case "backward":
            return Self.builtin(Signature("backward", [("gradient", Value.none), ("retain_graph", Value.none), ("create_graph", .bool(false)), ("inputs", Value.none)])) { interpreter, a in
                if try a.bool("create_graph") {
                    throw LanguageFailure.refusal("backward(create_graph=True) is not supported here: gradients of gradients are not recorded")
                }
                let g = a["gradient"].isNone ? nil : try a.tensor("gradient")
                // inputs=[…]: only those leaves accumulate; every other leaf's .grad is kept as it was
                let only = a["inputs"].isNone ? nil : try Self.oneOrMoreTensors(a["inputs"])
                let others = only.map { only in Autograd.reachableLeaves(from: x).filter { leaf in !only.contains { $0 === leaf } } } ?? []
                let saved = others.map(\.grad)
                defer { for (leaf, grad) in zip(others, saved) { leaf.grad = grad } }
                // retain_graph defaults to create_graph, as in PyTorch (create_graph=True is refused above)
                try Autograd.backward(x, gradient: g, retainGraph: try a["retain_graph"].isTruthy(), context: interpreter.currentContext)
                return .none
            }
        case "grad":
            if x.gradNode != nil, !Autograd.retainsGrad(x), !Self.warnedNonLeafGrad {
                Self.warnedNonLeafGrad = true           // Python shows a warning once
                Self.warningSink("UserWarning: The .grad attribute of a Tensor that is not a leaf Tensor is being accessed. Its .grad attribute won't be populated during autograd.backward(). If you indeed want the .grad field to be populated for a non-leaf Tensor, use .retain_grad() on the non-leaf Tensor. If you access the non-leaf Tensor by mistake, make sure you access the leaf Tensor instead. See github.com/pytorch/pytorch/pull/30531 for more information.")
            }
            return x.grad.map { .tensor($0) } ?? Value.none
        case "requires_grad": return .bool(x.requiresGrad)
        case "is_leaf": return .bool(x.gradNode == nil)
        case "_version": return .int(x.version)          // PyTorch's version counter: in-place changes so far
        case "is_inference": return Self.builtin(Signature("is_inference")) { _, _ in .bool(x.isInference) }
        case "grad_fn":
            guard let node = x.gradNode else { return Value.none }
            return .object(Self.gradFunction(node))
        case "requires_grad_":
            return Self.builtin(Signature("requires_grad_", [("requires_grad", .bool(true))])) { interpreter, a in
                try interpreter.setRequiresGrad(x, try a.bool("requires_grad"), method: true)
                return .tensor(x)
            }
        case "detach":
            // PyTorch's detach shares the storage, with no history
            return Self.builtin(Signature("detach")) { _, _ in .tensor(Self.alias(x)) }
        case "detach_":
            // x itself leaves the graph: no history, no longer requiring a gradient
            return Self.builtin(Signature("detach_")) { _, _ in
                if TensorKinds.shared.base(of: x) != nil, !TensorKinds.shared.isDetachedView(x) {
                    throw LanguageFailure("Can't detach views in-place. Use detach() instead. If you are using DistributedDataParallel (DDP) for training, and gradient_as_bucket_view is set as True, gradients are views of DDP buckets, and hence detach_() cannot be called on these gradients. To fix this error, please refer to the Optimizer.zero_grad() function in torch/optim/optimizer.py as the solution.")
                }
                guard x.gradNode == nil || x.recordedUses == 0 else {
                    throw LanguageFailure.refusal("detach_() on a tensor that a recorded operation has already used is not supported here: the graph reads it as it is",
                                          fix: "take a detached copy under a new name instead: y_detached = y.detach()")
                }
                x.gradNode = nil
                x.requiresGrad = false
                return .tensor(x)
            }
        case "norm":
            // x.norm(): the 2-norm of all values, a 0-d tensor; backward g · x / ‖x‖
            return Self.builtin(Signature("norm", [("p", .string("fro")), ("dim", Value.none), ("keepdim", .bool(false))])) { _, a in
                if let refusal = DTypeSupport.refusal("norm", TensorOps.dtype(x)) { throw refusal }
                // p='fro' (the default) over more than two dims is torch.linalg.matrix_norm's, which takes exactly two
                if case .string("fro") = a["p"], let dims = a["dim"].sequenceItems(), dims.count > 2 {
                    throw LanguageFailure("linalg.matrix_norm: dim must be a 2-tuple. Got \(Self.dimsText(a["dim"]))")
                }
                guard let p = a["p"].asDouble ?? (a["p"].text == "fro" ? 2 : nil) else { throw LanguageFailure("norm(): p must be a number or 'fro', got \(a["p"].repr)") }
                if p != 2 {
                    return .tensor(try Self.pNorm(x, p: p, dims: try a.dims("dim"), keepdim: try a.bool("keepdim")))
                }
                if !a["dim"].isNone {
                    return .tensor(try Self.vectorNorm(x, dims: try a.dims("dim"), keepdim: try a.bool("keepdim")))
                }
                try TensorOps.requireValues(x, what: "norm()")
                var s = 0.0
                for i in 0..<x.count { s += Double(x.data[i]) * Double(x.data[i]) }
                let n = Float(s.squareRoot())
                let out = try Tensor(shape: [], values: [n])
                return .tensor(Autograd.record(out, "norm", inputs: [x]) { gy in
                    let g = Tensor(zeros: x.shape)
                    if n > 0 { for i in 0..<x.count { g.data[i] = gy.data[0] * x.data[i] / n } }
                    return [g]
                })
            }
        case "zero_":
            return Self.builtin(Signature("zero_")) { interpreter, _ in
                .tensor(try interpreter.overwriteInPlace(x, "zero_()", label: "zero_") { $0.buffer.update(repeating: 0) })
            }
        default: return nil
        }
    }

    /// A dim list as ATen's messages print an IntArrayRef: its values apart ("1 2 3").
    static func dimsText(_ dims: Value) -> String {
        dims.sequenceItems().map { $0.map(\.repr).joined(separator: " ") } ?? dims.repr
    }

    /// PyTorch's name for the backward of a recorded operation, as `grad_fn` prints it.
    static func pytorchGradFunctionName(_ node: GradNode) -> String {
        if let inner = node.shownAs { return pytorchGradFunctionName(inner) }
        let names = ["add": "AddBackward0", "sub": "SubBackward0", "mul": "MulBackward0", "div": "DivBackward0",
                     "pow": "PowBackward0", "neg": "NegBackward0", "sum": "SumBackward0", "mean": "MeanBackward0",
                     "Conv2d": "ConvolutionBackward0", "BatchNorm2d": "NativeBatchNormBackward0", "Linear": "AddmmBackward0",
                     "ReLU": "ReluBackward0", "relu": "ReluBackward0", "MaxPool2d": "MaxPool2DWithIndicesBackward0",
                     "AvgPool2d": "AvgPool2DBackward0", "AdaptiveAvgPool2d": "AdaptiveAvgPool2DBackward0",
                     "adaptive_avg_pool2d": "AdaptiveAvgPool2DBackward0", "cat": "CatBackward0", "view": "ViewBackward0",
                     "cross_entropy": "NllLossBackward0", "index": "IndexBackward0", "select": "SelectBackward0", "slice": "SliceBackward0",
                     "unsqueeze": "UnsqueezeBackward0", "alias": "AliasBackward0", "constant_pad_nd": "ConstantPadNdBackward0", "upsample_nearest2d": "UpsampleNearest2DBackward0", "upsample_nearest1d": "UpsampleNearest1DBackward0", "linalg_solve": "LinalgSolveExBackward0", "upsample_linear1d": "UpsampleLinear1DBackward0",
                     "upsample_bilinear2d": "UpsampleBilinear2DBackward0", "upsample_bicubic2d": "UpsampleBicubic2DBackward0", "adaptive_max_pool2d": "AdaptiveMaxPool2DBackward0", "hardtanh": "HardtanhBackward0", "silu": "SiluBackward0",
                     "elu": "EluBackward0", "gelu": "GeluBackward0", "zero_": "ZeroBackward0", "fill_": "FillBackward2",
                     "fill_tensor": "FillBackward3", "normal_": "NormalBackward0", "uniform_": "UniformBackward0", "bernoulli_": "BernoulliBackward2", "softplus": "SoftplusBackward0", "copy_slices": "torch::autograd::CopySlices",
                     "reflection_pad1d": "ReflectionPad1DBackward0", "reflection_pad2d": "ReflectionPad2DBackward0",
                     "reflection_pad3d": "ReflectionPad3DBackward0", "replication_pad1d": "ReplicationPad1DBackward0",
                     "replication_pad2d": "ReplicationPad2DBackward0", "replication_pad3d": "ReplicationPad3DBackward0", "permute": "PermuteBackward0",
                     "softmax": "SoftmaxBackward0", "log_softmax": "LogSoftmaxBackward0", "matmul": "MmBackward0", "mv": "MvBackward0", "dot": "DotBackward0", "vecmat": "SqueezeBackward4",
                     "Dropout": "MulBackward0", "float": "ToCopyBackward0", "norm": "LinalgVectorNormBackward0",
                     "leaky_relu": "LeakyReluBackward0", "exp": "ExpBackward0", "log": "LogBackward0", "log1p": "Log1PBackward0", "amax": "AmaxBackward0", "amin": "AminBackward0", "erf": "ErfBackward0", "erfc": "ErfcBackward0", "erfinv": "ErfinvBackward0", "lgamma": "LgammaBackward0", "digamma": "DigammaBackward0", "exp2": "Exp2Backward0", "sinc": "SincBackward0", "logit": "LogitBackward0", "log2": "Log2Backward0",
                     "log10": "Log10Backward0", "expm1": "Expm1Backward0", "where": "WhereBackward0", "sqrt": "SqrtBackward0",
                     "sigmoid": "SigmoidBackward0", "tanh": "TanhBackward0", "abs": "AbsBackward0", "square": "PowBackward0",
                     "floor": "FloorBackward0", "sin": "SinBackward0", "cos": "CosBackward0", "rsqrt": "RsqrtBackward0",
                     "reciprocal": "ReciprocalBackward0", "gather": "GatherBackward0", "repeat_interleave": "IndexSelectBackward0", "repeat_interleave_int": "ViewBackward0", "sort": "SortBackward0", "topk": "TopkBackward0", "ceil": "CeilBackward0", "sign": "SignBackward0", "clamp": "ClampBackward1", "round_decimals": "RoundBackward1",
                     "local_response_norm": "DivBackward0", "embedding": "EmbeddingBackward0",
                     "tril": "TrilBackward0", "triu": "TriuBackward0", "diag_embed": "DiagEmbedBackward0", "diagonal": "DiagonalBackward0",
                     "roll": "RollBackward0", "masked_select": "MaskedSelectBackward0", "median": "MedianBackward0",
                     "median_dim": "MedianBackward1", "nanmedian_dim": "NanmedianBackward1", "kthvalue": "KthvalueBackward0", "mode": "ModeBackward0", "hardswish": "HardswishBackward0", "hardsigmoid": "HardsigmoidBackward0",
                     "mish": "MishBackward0", "log_sigmoid": "LogSigmoidBackward0", "celu": "CeluBackward0", "hardshrink": "HardshrinkBackward0",
                     "softshrink": "SoftshrinkBackward0", "threshold": "ThresholdBackward0", "trunc": "TruncBackward0", "frac": "FracBackward0",
                     "expand": "ExpandBackward0", "var": "VarBackward0", "std": "StdBackward0",
                     "index_select": "IndexSelectBackward0", "unfold": "UnfoldBackward0", "linalg_inv": "LinalgInvExBackward0",
                     "linalg_det": "LinalgDetBackward0", "cdist": "CdistBackward0", "cumprod": "CumprodBackward0",
                     "diff": "SubBackward0", "nan_to_num": "NanToNumBackward0", "prelu": "PreluKernelBackward0", "BackwardHookFunction": "BackwardHookFunctionBackward",
                     "masked_fill": "MaskedFillBackward0", "scatter_add": "ScatterAddBackward0", "scatter_reduce": "ScatterReduceBackward0", "index_put": "IndexPutBackward0", "index_add": "IndexAddBackward0",
                     "index_copy": "IndexCopyBackward0", "index_fill": "IndexFillBackward0", "maximum": "MaximumBackward0", "minimum": "MinimumBackward0",
                     "expand_as": "ExpandBackward0", "copy": "CopyBackwards", "tile": "RepeatBackward0", "pixel_shuffle": "PixelShuffleBackward0", "pixel_unshuffle": "PixelUnshuffleBackward0"]
        let biasless = (node.module as? Linear).map { $0.bias == nil } ?? (node.inputTensors.count < 3 || node.inputTensors[2] == nil)
        if node.label == "Linear", node.displayName == nil, biasless {
            return "MmBackward0"        // a Linear without bias: x · Wᵀ alone
        }
        // ATen's adaptive_avg_pool2d to 1×1 is input.mean((-1, -2), keepdim=True)
        if ["AdaptiveAvgPool2d", "adaptive_avg_pool2d"].contains(node.label), node.displayName == nil, node.outputShape.suffix(2) == [1, 1] {
            return "MeanBackward1"
        }
        // otherwise PyTorch's rule: the operation's name in CamelCase (cumsum → CumsumBackward0)
        let camel = node.label.split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        return node.displayName ?? names[node.label] ?? "\(camel)Backward0"
    }

    /// `x.requires_grad = True`, `p.grad = None`; false for other names.
    func setTensorAttribute(_ x: Tensor, _ name: String, _ value: Value) throws -> Bool {
        switch name {
        case "requires_grad":
            guard case .bool(let on) = value else { throw LanguageFailure("requires_grad must be True or False, got \(value.typeName) \(value.repr)") }
            try setRequiresGrad(x, on)
            return true
        case "grad":
            switch value {
            case .none: x.grad = nil
            case .tensor(let g):
                guard g.shape == x.shape else {
                    throw LanguageFailure("attempting to assign a gradient of size '[\(g.shape.map(String.init).joined(separator: ", "))]' to a tensor of size '[\(x.shape.map(String.init).joined(separator: ", "))]'. Please ensure that the gradient and the tensor are the same size")
                }
                x.grad = g
            default: throw LanguageFailure("grad must be a tensor or None, got \(value.typeName)")
            }
            return true
        case "data":
            // PyTorch swaps in the new tensor's storage; here a tensor keeps its storage and shape,
            // so the values are copied in (the same numbers as long as the shapes and dtypes agree)
            guard case .tensor(let new) = value else { throw LanguageFailure("x.data must be set to a tensor, got \(value.typeName)") }
            guard new.shape == x.shape, TensorOps.dtype(new) == TensorOps.dtype(x) else {
                throw LanguageFailure("x.data = a \(TensorOps.dtype(new).torchName) tensor of shape \(formatShape(new.shape)) into a \(TensorOps.dtype(x).torchName) one of shape \(formatShape(x.shape)): here a tensor keeps its shape and dtype",
                                      fix: "make a new tensor (or nn.Parameter) of that shape, or copy values of the same shape and dtype")
            }
            try TensorOps.requireValues(new, what: "x.data = …")
            if new.data != x.data { x.data.update(from: new.data, count: x.count) }
            return true
        default: return false
        }
    }

    /// `x.requires_grad = on`, or `x.requires_grad_(on)` (`method`).
    func setRequiresGrad(_ x: Tensor, _ on: Bool, method: Bool = false) throws {
        if on, x.isInference, !Self.inferenceModeEnabled {
            throw LanguageFailure("Setting requires_grad=True on inference tensor outside InferenceMode is not allowed.", fix: "make a normal tensor with .clone() and set requires_grad on it")
        }
        guard x.gradNode == nil else {
            if on && method { return }          // PyTorch's requires_grad_(True) leaves a result as it is
            // PyTorch's requires_grad_leaf_error: the hint about detach() only when turning it off
            throw LanguageFailure("you can only change requires_grad flags of leaf variables." + (on ? "" : " If you want to use a computed variable in a subgraph that doesn't require differentiation use var_no_grad = var.detach()."),
                                  fix: "use x.detach() to get a leaf copy")
        }
        if on, TensorOps.dtype(x) != .float32 {
            throw LanguageFailure("only Tensors of floating point dtype can require gradients", fix: "make it a float tensor first: x = x.float()")
        }
        x.requiresGrad = on
    }

    /// Module members about gradients: `zero_grad()`, `requires_grad_()`.
    func autogradModuleMember(_ m: Module, _ name: String) throws -> Value? {
        switch name {
        case "zero_grad":
            return Self.builtin(Signature("zero_grad", [("set_to_none", .bool(true))])) { _, a in
                let none = try a.bool("set_to_none")
                for (_, p) in m.namedParameters() {
                    if none { p.grad = nil } else { p.grad?.buffer.update(repeating: 0) }
                }
                return .none
            }
        case "requires_grad_":
            return Self.builtin(Signature("requires_grad_", [("requires_grad", .bool(true))])) { _, a in
                let on = try a.bool("requires_grad")
                for (_, p) in m.namedParameters() { p.requiresGrad = on }
                return .module(m)
            }
        default: return nil
        }
    }

    // MARK: builtins

    /// cross_entropy, CrossEntropyLoss, no_grad, set_grad_enabled, is_grad_enabled and the optim namespace.
    func autogradBuiltins() -> [String: Value] {
        // In-place changes to a tensor that requires a gradient (PyTorch refuses them for
        // leaves; here for every such tensor) are fine under no_grad(), as in `p -= lr * p.grad`.
        Self.inPlaceCheck = { x in
            guard GradMode.isEnabled, x.requiresGrad else { return }
            throw LanguageFailure(x.gradNode == nil
                ? "a leaf Variable that requires grad is being used in an in-place operation."
                : "an in-place change to a tensor that is part of a recorded computation would make its gradient wrong; the version counters here do not cover the operations that read it",
                fix: x.gradNode == nil ? "wrap the update in 'with torch.no_grad():', as an optimiser step does" : "write the result to a new name instead, e.g. y = x + 1")
        }
        Self.requiresGradHook = { x in
            guard TensorOps.dtype(x) == .float32 else {
                throw LanguageFailure("Only Tensors of floating point and complex dtype can require gradients", fix: "make it a float tensor, e.g. torch.tensor([1.0, 2.0], requires_grad=True)")
            }
            x.requiresGrad = true
        }
        // PyTorch's error for a saved tensor changed in place names its node without "Backward0"
        Autograd.operationName = { node in
            let name = Self.pytorchGradFunctionName(node)
            guard let r = name.range(of: #"Backward[0-9]*$"#, options: .regularExpression) else { return name }
            return String(name[..<r.lowerBound])
        }
        Autograd.tensorTypeName = { x in
            switch TensorOps.dtype(x) {
            case .int64: return "torch.LongTensor"
            case .int32: return "torch.IntTensor"
            case .bool: return "torch.BoolTensor"
            default: return "torch.FloatTensor"
            }
        }
        TensorPrinting.extraSuffixes = { x in
            if let node = x.gradNode { return ["grad_fn=<\(Self.pytorchGradFunctionName(node))>"] }
            return x.requiresGrad ? ["requires_grad=True"] : []
        }
        TensorPrinting.prefix = { x in x.isParameter ? "Parameter containing:\n" : nil }
        ExecutionContext.dtypeRule = Self.moduleCallDType
        var t: [String: Value] = [:]
        let lossOptions: [(String, Value?)] = [("weight", Value.none), ("size_average", Value.none), ("ignore_index", .int(-100)), ("reduce", Value.none),
                                               ("reduction", .string("mean")), ("label_smoothing", .float(0))]
        t["cross_entropy"] = Self.builtin(Signature("cross_entropy", [("input", nil), ("target", nil)] + lossOptions)) { interpreter, a in
            _ = try a.reduction()           // F.cross_entropy's get_enum first, before the kernel's checks
            try Self.requireFloatCrossEntropy(try a.tensor("input"), a["target"])
            if let probabilities = try interpreter.probabilityCrossEntropy(try a.tensor("input"), a["target"], options: a) { return .tensor(probabilities) }
            return .tensor(try Self.crossEntropy(try a.tensor("input"), a["target"], options: a))
        }
        t["CrossEntropyLoss"] = Self.builtin(Signature("CrossEntropyLoss", lossOptions)) { _, given in
            let options = given.resolvingLegacyReduction()
            // its options are checked when it is called, as PyTorch's (nn.CrossEntropyLoss(reduction='avg') is made)
            let loss = ClosureObject(typeName: "CrossEntropyLoss", repr: { "CrossEntropyLoss()" })
            loss.showingOptions(options)
            loss.call = { interpreter, arguments in
                let b = try Signature("CrossEntropyLoss", [("input", nil), ("target", nil)]).bind(arguments)
                _ = try options.reduction()
                try Self.requireFloatCrossEntropy(try b.tensor("input"), b["target"])
                if let probabilities = try interpreter.probabilityCrossEntropy(try b.tensor("input"), b["target"], options: options) { return .tensor(probabilities) }
                return .tensor(try Self.crossEntropy(try b.tensor("input"), b["target"], options: options))
            }
            return .object(loss)
        }
        // torch.no_grad() as a context or a decorator; @torch.no_grad (no parentheses) too
        t["no_grad"] = Self.builtin(Signature("no_grad", [("orig_func", Value.none)])) { _, a in
            let context = Self.gradModeContext(enabled: false, name: "no_grad")
            return a["orig_func"].isNone ? .object(context) : Self.runningInside({ .object(context) }, a["orig_func"])
        }
        t["enable_grad"] = Self.builtin(Signature("enable_grad", [("orig_func", Value.none)])) { _, a in
            let context = Self.gradModeContext(enabled: true, name: "enable_grad")
            return a["orig_func"].isNone ? .object(context) : Self.runningInside({ .object(context) }, a["orig_func"])
        }
        // set_grad_enabled(False) sets the mode at once; used in `with`, the block's end restores it
        t["set_grad_enabled"] = Self.builtin(Signature("set_grad_enabled", [("mode", nil)])) { _, a in
            let saved = GradMode.set(try a.bool("mode"))
            return .object(ContextManager(typeName: "set_grad_enabled", enter: { .none }, exit: { _ = GradMode.set(saved) }))
        }
        // inference_mode: no_grad's effect, and the tensors made inside are inference tensors; a decorator too
        t["inference_mode"] = Self.builtin(Signature("inference_mode", [("mode", .bool(true))])) { _, a in
            let on = try a.bool("mode")
            var saved = (grad: true, inference: false)
            let context = ContextManager(typeName: "inference_mode", enter: {
                saved = (GradMode.set(!on), Self.inferenceModeEnabled)
                Self.inferenceModeEnabled = on
                Tensor.makingInferenceTensors = on
                return .none
            }, exit: {
                _ = GradMode.set(saved.grad)
                Self.inferenceModeEnabled = saved.inference
                Tensor.makingInferenceTensors = saved.inference
            })
            return .object(context)
        }
        t["is_inference_mode_enabled"] = Self.builtin(Signature("is_inference_mode_enabled")) { _, _ in .bool(Self.inferenceModeEnabled) }
        t["is_grad_enabled"] = Self.builtin(Signature("is_grad_enabled")) { _, _ in .bool(GradMode.isEnabled) }
        return t
    }

    /// cross_entropy's options: the reduction, the label smoothing, the class weights (K) and the
    /// ignored class index.
    static func crossEntropyOptions(_ a: BoundArguments) throws -> NllOptions {
        NllOptions(reduction: try a.reduction(), labelSmoothing: try a.double("label_smoothing"),
                   weights: try classWeights(a["weight"]), ignoreIndex: try a.int("ignore_index"))
    }

    /// cross_entropy's dtype checks, in PyTorch's order: a target of the input's shape holds
    /// probabilities, so floats; the input's log_softmax has no integer kernel.
    static func requireFloatCrossEntropy(_ x: Tensor, _ target: Value) throws {
        if case .tensor(let t) = target, t.shape == x.shape, x.rank >= 1, TensorOps.dtype(t) != .float32 {
            throw LanguageFailure("Expected floating point type for target with class probabilities, got \(TensorOps.dtype(t).scalarName)",
                                  fix: "pass class indices (int64, one per row), or probabilities as target.float()")
        }
        let dtype = TensorOps.dtype(x)
        guard dtype == .float32 else {
            // over the last dim for (C,) and (N, C) scores, PyTorch's general kernel otherwise;
            // integer scores and float targets are the two arguments swapped
            var swapped = false
            if case .tensor(let t) = target, TensorOps.dtype(t) == .float32 { swapped = true }
            throw LanguageFailure("\"log_softmax\(x.rank <= 2 ? "_lastdim" : "")_kernel_impl\" not implemented for '\(dtype.scalarName)'",
                                  fix: swapped ? "the scores come first, the labels second: cross_entropy(scores, labels)" : "the scores must be floats: input.float()",
                                  as: .notImplementedError)
        }
    }

    static func crossEntropy(_ logits: Tensor, _ target: Value, options: BoundArguments) throws -> Tensor {
        let o = try crossEntropyOptions(options)
        let rows = try classRows(logits, target)
        let ignoring = try classIndices(rows.target).contains(o.ignoreIndex)
        if o.reduction == "none" || o.labelSmoothing != 0 || o.weights != nil || ignoring {
            let loss = try composedCrossEntropy(rows.input, rows.target, o)
            if o.reduction == "none" { return try rows.restore(loss) }
            return rows.spatial && o.labelSmoothing == 0 ? named(loss, "NllLoss2DBackward0") : loss
        }
        let loss = try crossEntropy(rows.input, rows.target, reduction: o.reduction)
        return rows.spatial ? named(loss, "NllLoss2DBackward0") : loss
    }

    /// mean (or summed) cross-entropy of logits (N, K) against class indices; recorded for backward.
    // input: (N, K), target: N class indices → a 0-d tensor
    static func crossEntropy(_ logits: Tensor, _ target: Value, reduction: String) throws -> Tensor {
        guard reduction == "mean" || reduction == "sum" else {
            _ = try checkedReduction(.string(reduction), "cross_entropy")
            throw LanguageFailure("cross_entropy(reduction='none') goes by the per-row losses (composedCrossEntropy)")
        }
        try TensorMath.requireValues(logits, "cross_entropy()")
        let labels = try classIndices(target)
        if logits.rank == 2, let bad = labels.first(where: { !(0..<logits.shape[1]).contains($0) }) {
            throw LanguageFailure("Target \(bad) is out of bounds.", as: .indexError)
        }
        return try Autograd.weightedCrossEntropy([(logits, 1)], labels: labels, summed: reduction == "sum")
    }

    /// Class indices from a tensor of whole numbers or a list of ints.
    static func classIndices(_ target: Value) throws -> [Int] {
        let values: [Double]
        switch target {
        case .tensor(let t):
            try TensorMath.requireValues(t, "cross_entropy()")
            let dtype = TensorOps.dtype(t)
            guard dtype == .int64 else { throw LanguageFailure("expected target dtype to be Long or Byte, but got \(dtype.scalarName)", fix: "class indices are int64: pass target.long()") }
            guard t.rank == 1 else {
                throw LanguageFailure("cross_entropy: target must be a 1-D tensor of class indices (N,), got \(formatShape(t.shape))")
            }
            values = t.values.map(Double.init)
        default:
            guard let items = target.sequenceItems(), target.typeName != "str" else {
                throw LanguageFailure("cross_entropy: target must be class indices (a tensor or a list of ints), got \(target.typeName)")
            }
            values = try items.map { v in
                guard let d = v.asDouble else { throw LanguageFailure("cross_entropy: target holds a \(v.typeName), not a class index") }
                return d
            }
        }
        return try values.map { d in
            guard d.isFinite, d == d.rounded(), abs(d) < 1e9 else {
                throw LanguageFailure("cross_entropy: target must hold class indices (whole numbers), got \(formatFloat(d))")
            }
            return Int(d)
        }
    }

    /// The 2-norm along `dims`: √(Σ x²), with PyTorch's norm_backward for p = 2: xᵢ · (gy / ‖x‖),
    /// 0 where the norm is 0 (so a NaN stays NaN, an ∞ norm gives x · ±0 and ∞ · 0 = NaN, as there).
    static func vectorNorm(_ x: Tensor, dims: [Int]?, keepdim: Bool) throws -> Tensor {
        let out = try GradMode.with(enabled: false) {
            let squares = try TensorOps.reduce(try TensorOps.binary(.multiply, x, x), .sum, dims: dims, keepdim: keepdim)
            return TensorOps.map(squares) { $0.squareRoot() }
        }
        guard TensorOps.dtype(out) == .float32 else { return out }
        let (_, kept, reduced) = try TensorOps.reducedShapes(x.shape, dims: dims, keepdim: keepdim)
        let target = TensorOps.reductionTargets(x.shape, kept: kept, dims: reduced)
        return Autograd.record(out, "norm", inputs: [x]) { [weak out] gy in
            guard let out else { throw TensorError.invalidArgument("norm backward: its output is gone") }
            let g = Tensor(zeros: x.shape)
            for i in 0..<x.count {
                let norm = out.data[target[i]]
                g.data[i] = norm == 0 ? 0 : x.data[i] * (gy.data[target[i]] / norm)
            }
            return [g]
        }
    }

    /// The p-norm (p = 0, 1, ∞, −∞ or any other) of all values, or over `dims` (keepdim as
    /// PyTorch's): Σ|x|ᵖ^(1/p), with PyTorch's gradient (sign · (|x| / ‖x‖)^(p−1); at ±∞ shared by
    /// the elements at the extreme; 0 for p = 0).
    static func pNorm(_ x: Tensor, p: Double, dims given: [Int]? = nil, keepdim: Bool = false) throws -> Tensor {
        try TensorOps.requireValues(x, what: "norm()")
        let (outShape, keptShape, dims) = try TensorOps.reducedShapes(x.shape, dims: given, keepdim: keepdim)
        let groups = keptShape.reduce(1, *)
        let target = TensorOps.reductionTargets(x.shape, kept: keptShape, dims: dims)
        let values = x.values.map { Double(abs($0)) }
        var norms = [Double](repeating: p == .infinity || p == -.infinity ? .nan : 0, count: groups)
        for i in 0..<x.count {
            let (g, v) = (target[i], values[i])
            switch p {
            case 0: norms[g] += v != 0 ? 1 : 0
            case 1: norms[g] += v
            case .infinity: norms[g] = norms[g].isNaN ? v : max(norms[g], v)
            case -.infinity: norms[g] = norms[g].isNaN ? v : min(norms[g], v)
            default: norms[g] += Foundation.pow(v, p)
            }
        }
        for g in 0..<groups {
            if p.isInfinite { norms[g] = norms[g].isNaN ? 0 : norms[g] }
            else if p != 0 && p != 1 { norms[g] = Foundation.pow(norms[g], 1 / p) }
        }
        let out = try Tensor(shape: outShape, values: norms.map(Float.init))
        return Autograd.record(out, "norm", inputs: [x]) { gy in
            var ties = [Double](repeating: 0, count: groups)
            if p.isInfinite { for i in 0..<x.count where Float(values[i]) == out.data[target[i]] { ties[target[i]] += 1 } }
            let g = Tensor(zeros: x.shape)
            for i in 0..<x.count {
                let (group, v, sign) = (target[i], values[i], Double(x.data[i] > 0 ? 1 : x.data[i] < 0 ? -1 : 0))
                let n = Double(out.data[group])
                let d: Double
                switch p {
                case 0: d = 0
                case 1: d = sign
                case _ where p.isInfinite: d = sign * (Float(v) == out.data[group] ? 1 : 0) / ties[group]     // −0 off the extremes, as PyTorch
                default: d = n == 0 || v == 0 ? 0 : sign * Foundation.pow(v, p - 1) / Foundation.pow(n, p - 1)     // 0 at 0 for p < 1 too
                }
                g.data[i] = Float(Double(gy.data[group]) * d)
            }
            return [g]
        }
    }

    /// `with torch.no_grad():` switches recording off for the block and back after it.
    /// Whether the warning on reading `.grad` of a non-leaf tensor has been shown.
    nonisolated(unsafe) static var warnedNonLeafGrad = false

    /// Whether a `torch.inference_mode()` block is running (torch.is_inference_mode_enabled()).
    nonisolated(unsafe) static var inferenceModeEnabled = false

    /// PyTorch's refusals for inference tensors (made inside `torch.inference_mode()`): changing
    /// one in place outside that mode.
    static func refuseInPlaceOnInferenceTensor(_ x: Tensor) throws {
        guard x.isInference, !inferenceModeEnabled else { return }
        throw LanguageFailure("Inplace update to inference tensor outside InferenceMode is not allowed.You can make a clone to get a normal tensor before doing inplace update.See https://github.com/pytorch/rfcs/pull/17 for more details.",
                              fix: "change a normal copy made with .clone(), or make the tensor under torch.no_grad() instead")
    }

    /// body's result, unless an operation it recorded for backward reads an inference tensor
    /// (Autograd.record notes it): then PyTorch's refusal.
    static func refusingSavedInferenceTensors(_ body: () throws -> Value) throws -> Value {
        let result: Value
        do { result = try body() } catch { Autograd.savedInferenceTensor = false; throw error }
        guard Autograd.savedInferenceTensor else { return result }
        Autograd.savedInferenceTensor = false
        throw LanguageFailure("Inference tensors cannot be saved for backward. Please do not use Tensors created in inference mode in computation tracked by autograd. To work around this, you can make a clone to get a normal tensor and use it in autograd, or use `torch.no_grad()` instead of `torch.inference_mode()`.",
                              fix: "use a .clone() of the tensor made in inference mode, or make it under torch.no_grad()")
    }

    static func gradModeContext(enabled: Bool, name: String) -> ContextManager {
        var saved = true
        return ContextManager(typeName: name, enter: { saved = GradMode.set(enabled); return .none },
                              exit: { _ = GradMode.set(saved) })
    }

}

/// An object whose members are Swift closures: `opt = optim.SGD(…)`, `loss_fn = nn.CrossEntropyLoss()`.
public final class ClosureObject: NativeObject {
    let reprText: () -> String
    /// Reads a member (`opt.step`); nil when there is none.
    var memberLookup: (String) -> Value? = { _ in nil }
    /// The member names, for messages that suggest one.
    let memberNames: [String]
    /// Sets a member; false when it cannot be set.
    var setMember: ((String, Value) throws -> Bool)?
    /// Calling the object (`loss_fn(logits, labels)`).
    var call: ((Interpreter, Arguments) throws -> Value)?
    /// For a builtin layer's class object: the type name of what it makes (isinstance reads it).
    var instanceTypeName: String?

    init(typeName: String, memberNames: [String] = [], repr: @escaping () -> String) {
        self.reprText = repr; self.memberNames = memberNames
        super.init(typeName: typeName)
    }
    public override var repr: String { reprText() }
    public override func member(_ name: String) -> Value? { memberLookup(name) }
}
