import Foundation
import InceptionRuntime

/// The losses beyond plain cross-entropy, composed from operations that have a backward
/// (log_softmax, indexing, arithmetic, mean), so their gradients are PyTorch's:
/// cross_entropy with reduction='none' or label_smoothing, nll_loss / NLLLoss, mse_loss /
/// MSELoss, and F.one_hot.
extension Interpreter {
    /// nll_loss's and cross_entropy's options: class weights (K) or none, the class index whose
    /// rows count for nothing (−100 by default), the reduction, and (cross_entropy) the smoothing.
    struct NllOptions {
        var reduction = "mean", labelSmoothing = 0.0
        var weights: Tensor?, ignoreIndex = -100
    }

    /// `weight=`: a 1-D float tensor of class weights, or None.
    static func classWeights(_ v: Value) throws -> Tensor? {
        if v.isNone { return nil }
        guard case .tensor(let w) = v, w.rank == 1, TensorOps.dtype(w) == .float32 else {
            throw LanguageFailure("weight must be a 1-D float tensor of one weight per class, got \(v.typeName) \(v.repr)")
        }
        return w
    }

    /// −w[y_i]·log p[i, y_i] for each row (N), 0 for rows whose target is the ignored index, recorded,
    /// with each row's weight (0 when ignored) for the mean. logProbs: (N, K) log-probabilities.
    static func negativeLogLikelihood(_ logProbs: Tensor, _ labels: [Int], _ what: String, _ o: NllOptions = NllOptions()) throws
        -> (losses: Tensor, rowWeights: [Float]) {
        guard logProbs.rank == 2 else { throw LanguageFailure("\(what): expects input of shape (N, classes), got \(formatShape(logProbs.shape))") }
        let (n, k) = (logProbs.shape[0], logProbs.shape[1])
        guard labels.count == n else { throw LanguageFailure("Expected input batch_size (\(n)) to match target batch_size (\(labels.count)).", as: .valueError) }
        for label in labels where label != o.ignoreIndex && !(0..<k).contains(label) { throw LanguageFailure("Target \(label) is out of bounds.", as: .indexError) }
        if let w = o.weights, w.count != k {
            throw LanguageFailure("weight tensor should be defined either for all \(k) classes or no classes but got weight tensor of shape: [\(w.count)]")
        }
        let offsets = labels.enumerated().map { $0.element == o.ignoreIndex ? -1 : $0.offset * k + $0.element }
        let rowWeights = labels.map { label in label == o.ignoreIndex ? 0 : o.weights.map { $0.data[label] } ?? 1 }
        let picked = TensorOpsGrad.gather(TensorOps.make([n]) { p in for i in 0..<n { p[i] = offsets[i] < 0 ? 0 : logProbs.data[offsets[i]] } },
                                          from: logProbs, offsets: offsets, label: "nll_loss")
        let scale = o.weights == nil && !labels.contains(o.ignoreIndex) ? Tensor(repeating: -1, shape: [])
                                                                          : TensorOps.make([n], values: rowWeights.map { $0 == 0 ? 0 : -$0 }, .float32)
        return (try TensorOps.binary(.multiply, picked, scale), rowWeights)
    }

    /// A loss's `reduction=`, checked once for every loss as PyTorch's `_Reduction.get_enum` checks
    /// it: 'none', 'mean' or 'sum', anything else its ValueError with the value as str() writes it
    /// (`None is not a valid value for reduction`). gaussian_nll_loss and multilabel_soft_margin_loss
    /// check it in their own words (`avg is not valid`); they and poisson_nll_loss write
    /// `reduction + " is not valid"` first, so a value that is no str is that `+`'s TypeError.
    static func checkedReduction(_ v: Value, _ loss: String) throws -> String {
        let ownCheck: Set = ["gaussian_nll_loss", "multilabel_soft_margin_loss"]
        guard case .string(let s) = v else {
            if ownCheck.contains(loss) || loss == "poisson_nll_loss" {
                throw LanguageFailure("unsupported operand type(s) for +: '\(v.typeName)' and 'str'", as: .typeError)
            }
            throw LanguageFailure("\(v.text) is not a valid value for reduction", fix: "\(loss)(…, reduction='mean'), 'sum' or 'none'", as: .valueError)
        }
        guard ["none", "mean", "sum"].contains(s) || s == "batchmean" && loss == "kl_div" else {
            throw LanguageFailure(ownCheck.contains(loss) ? "\(s) is not valid" : "\(s) is not a valid value for reduction",
                                  fix: "\(loss)(…, reduction='mean'), 'sum' or 'none'", as: .valueError)
        }
        return s
    }

    /// The per-row losses reduced as `reduction` says ('mean', 'sum' or 'none'); the mean divides
    /// by the rows' weights when given (class weights, ignored rows), as PyTorch's weighted mean.
    static func reduced(_ losses: Tensor, _ reduction: String, _ what: String, rowWeights: [Float]? = nil) throws -> Tensor {
        switch reduction {
        case "none": return losses
        case "mean":
            guard let rowWeights else { return try TensorOps.reduce(losses, .mean, dims: nil, keepdim: false) }
            let total = rowWeights.reduce(0, +)
            return try TensorOps.binary(.divide, try TensorOps.reduce(losses, .sum, dims: nil, keepdim: false), Tensor(repeating: total, shape: []))
        case "sum": return try TensorOps.reduce(losses, .sum, dims: nil, keepdim: false)
        default:
            _ = try checkedReduction(.string(reduction), what)          // PyTorch's ValueError for any other string
            throw LanguageFailure("\(what)(reduction='\(reduction)') has no per-row reduction here")      // (kl_div's 'batchmean' reduces on its own)
        }
    }

    /// cross_entropy beyond the fused kernel's case: (1 − ε)·NLL + ε·mean over classes of −w_c·log p_c
    /// (w = 1 without class weights), ignored rows 0, both reduced as nll_loss reduces (the mean
    /// divides by the kept rows' w[y]), as ATen's cross_entropy_loss_label_smoothing.
    static func composedCrossEntropy(_ logits: Tensor, _ target: Value, _ o: NllOptions) throws -> Tensor {
        guard (0...1).contains(o.labelSmoothing) else { throw LanguageFailure("label_smoothing must be between 0.0 and 1.0. Got: \(formatFloat(o.labelSmoothing))") }
        try TensorMath.requireValues(logits, "cross_entropy()")
        let logProbs = try TensorOps.softmax(logits, dim: 1, log: true)
        let labels = try classIndices(target)
        var (losses, rowWeights) = try negativeLogLikelihood(logProbs, labels, "cross_entropy", o)
        let weighted = o.weights != nil || labels.contains(o.ignoreIndex)
        if o.labelSmoothing > 0 {
            // (N, K) · (K) weights, mean over the classes: Σ_c w_c·log p_c / K per row
            let weightedLogProbs = try o.weights.map { try TensorOps.binary(.multiply, logProbs, $0) } ?? logProbs
            var uniform = try TensorOps.binary(.multiply, try TensorOps.reduce(weightedLogProbs, .mean, dims: [1], keepdim: false), Tensor(repeating: -1, shape: []))
            if labels.contains(o.ignoreIndex) {
                let kept = labels.map { $0 == o.ignoreIndex ? Float(0) : 1 }
                uniform = try TensorOps.binary(.multiply, uniform, TensorOps.make([labels.count], values: kept, .float32))
            }
            losses = try TensorOps.binary(.add, try TensorOps.binary(.multiply, losses, Tensor(repeating: Float(1 - o.labelSmoothing), shape: [])),
                                          try TensorOps.binary(.multiply, uniform, Tensor(repeating: Float(o.labelSmoothing), shape: [])))
        }
        return named(try reduced(losses, o.reduction, "cross_entropy", rowWeights: weighted ? rowWeights : nil),
                     o.labelSmoothing > 0 ? "AddBackward0" : "NllLossBackward0")
    }

    /// The result, its grad_fn shown under PyTorch's name for the whole operation; not when the
    /// result is `unless` itself (a view that changed nothing hands back its input).
    static func named(_ result: Tensor, _ gradFunction: String, unless input: Tensor? = nil) -> Tensor {
        if result !== input { result.gradNode?.displayName = gradFunction }
        return result
    }

    /// A loss named as PyTorch's single node whose `next_functions` are its input's and target's.
    static func named(_ result: Tensor, _ gradFunction: String, showing input: Tensor, _ target: Tensor) -> Tensor {
        result.gradNode?.displayName = gradFunction
        result.gradNode?.shownInputs = [{ [weak input] in input }, { [weak target] in target }]
        return result
    }

    func lossBuiltins() -> (functional: [String: Value], layers: [String: Value]) {
        var f: [String: Value] = [:], layers: [String: Value] = [:]
        f["nll_loss"] = Self.builtin(Signature("nll_loss", [("input", nil), ("target", nil), ("weight", Value.none), ("size_average", Value.none),
                                                            ("ignore_index", .int(-100)), ("reduce", Value.none), ("reduction", .string("mean"))])) { _, a in
            let o = NllOptions(reduction: try a.reduction(), weights: try Self.classWeights(a["weight"]), ignoreIndex: try a.int("ignore_index"))
            let rows = try Self.classRows(try a.tensor("input"), a["target"])
            let labels = try Self.classIndices(rows.target)
            let (losses, rowWeights) = try Self.negativeLogLikelihood(rows.input, labels, "nll_loss", o)
            let weighted = o.weights != nil || labels.contains(o.ignoreIndex)
            let loss = try Self.reduced(losses, o.reduction, "nll_loss", rowWeights: weighted ? rowWeights : nil)
            // PyTorch's node has one edge, to the input (the class indices take no gradient)
            let input = try a.tensor("input")
            if o.reduction == "none" {
                let restored = try rows.restore(loss)
                if restored === loss, !rows.spatial {
                    loss.gradNode?.shownInputs = [{ [weak input] in input }]
                    return .tensor(Self.named(loss, "NllLossBackward0"))
                }
                return .tensor(restored)
            }
            if !weighted, !rows.spatial, rows.input.rank == 2, loss.count == 1, !labels.isEmpty {
                // the value added up as nll_loss adds it (its cascade of partial sums); the gradient as recorded
                let k = rows.input.shape[1]
                let total = Loss.nllCascade(labels.enumerated().map { rows.input.data[$0.offset * k + $0.element] })
                loss.data[0] = o.reduction == "sum" ? total : total / Float(labels.count)
            }
            loss.gradNode?.shownInputs = [{ [weak input] in input }]
            return .tensor(Self.named(loss, rows.spatial ? "NllLoss2DBackward0" : "NllLossBackward0"))
        }
        f["mse_loss"] = Self.builtin(Signature("mse_loss", [("input", nil), ("target", nil), ("size_average", Value.none), ("reduce", Value.none), ("reduction", .string("mean"))])) { _, a in
            .tensor(try Self.meanSquaredError(try a.tensor("input"), try a.tensor("target"), try a.reduction()))
        }
        f["one_hot"] = Self.builtin(Signature("one_hot", [("tensor", nil), ("num_classes", .int(-1))])) { _, a in
            let x = try a.tensor("tensor")
            guard TensorOps.dtype(x) == .int64 else { throw LanguageFailure("one_hot is only applicable to index tensor of type LongTensor.") }
            try TensorMath.requireValues(x, "one_hot()")
            let values = x.values.map { Int($0) }
            guard values.allSatisfy({ $0 >= 0 }) else { throw LanguageFailure("Class values must be non-negative.") }
            var k = try a.int("num_classes")
            if k == -1 {
                guard !values.isEmpty else { throw LanguageFailure("Can not infer total number of classes from empty tensor.") }
                k = values.max()! + 1
            }
            guard values.allSatisfy({ $0 < k }) else { throw LanguageFailure("Class values must be smaller than num_classes.") }
            try MemoryBudget.check(shape: x.shape + [k], what: "one_hot()")
            return .tensor(TensorOps.make(x.shape + [k], .int64) { p in for (i, v) in values.enumerated() { p[i * k + v] = 1 } })
        }
        for (name, logits) in [("binary_cross_entropy", false), ("binary_cross_entropy_with_logits", true)] {
            f[name] = Self.builtin(Signature(name, [("input", nil), ("target", nil), ("weight", Value.none), ("size_average", Value.none), ("reduce", Value.none),
                                                    ("reduction", .string("mean"))]
                                             + (logits ? [("pos_weight", Value.none)] : []))) { _, a in
                return .tensor(try Self.binaryCrossEntropy(try a.tensor("input"), try a.tensor("target"), logits: logits, try a.reduction(),
                                                           weight: try a.optionalTensor("weight"), posWeight: logits ? try a.optionalTensor("pos_weight") : nil))
            }
        }
        // |input − target| elementwise, quadratic below beta (smooth L1) or delta (Huber)
        for (function, parameter, gradName) in [("l1_loss", nil, "L1LossBackward0"), ("smooth_l1_loss", "beta", "SmoothL1LossBackward0"),
                                                ("huber_loss", "delta", "HuberLossBackward0")] as [(String, String?, String)] {
            // (huber_loss, newer, has no size_average / reduce)
            let legacy: [(String, Value?)] = parameter == "delta" ? [] : [("size_average", Value.none), ("reduce", Value.none)]
            f[function] = Self.builtin(Signature(function, [("input", nil), ("target", nil)] + legacy + [("reduction", .string("mean"))]
                                                 + (parameter.map { [($0, .float(1))] } ?? []))) { _, a in
                let size = try parameter.map { try a.double($0) }
                if let size, size < 0 || (size == 0 && parameter == "delta") {
                    throw LanguageFailure("\(function) does not support negative values for \(parameter!)", fix: "give \(parameter!) > 0")
                }
                return .tensor(try Self.absoluteErrorLoss(try a.tensor("input"), try a.tensor("target"), quadraticBelow: size,
                                                          huber: parameter == "delta", try a.reduction(), function, gradName))
            }
        }
        let extras: [String: (String, Double)] = ["SmoothL1Loss": ("beta", 1), "HuberLoss": ("delta", 1)]
        for (name, function) in [("NLLLoss", "nll_loss"), ("MSELoss", "mse_loss"), ("BCELoss", "binary_cross_entropy"),
                                 ("BCEWithLogitsLoss", "binary_cross_entropy_with_logits"), ("L1Loss", "l1_loss"),
                                 ("SmoothL1Loss", "smooth_l1_loss"), ("HuberLoss", "huber_loss")] {
            let extra = extras[name]
            // BCELoss takes weight, BCEWithLogitsLoss weight and pos_weight, handed to the function at each call
            let weights = name == "BCELoss" ? ["weight"] : name == "BCEWithLogitsLoss" ? ["weight", "pos_weight"] : []
            // PyTorch's order: weight(s) first where taken, then size_average and reduce (not HuberLoss's), the reduction, beta / delta
            let legacy: [(String, Value?)] = name == "HuberLoss" ? [] : [("size_average", Value.none), ("reduce", Value.none)]
            layers[name] = Self.builtin(Signature(name, Array(weights.prefix(1)).map { ($0, Value.none) } + legacy + [("reduction", .string("mean"))]
                                                  + weights.dropFirst().map { ($0, Value.none) } + (extra.map { [($0.0, .float($0.1))] } ?? []))) { _, given in
                let a = given.resolvingLegacyReduction()
                let reduction = a["reduction"]          // checked when the loss is called, as PyTorch's
                let setting = try extra.map { ($0.0, a[$0.0], try a.double($0.0)) }
                let given = weights.compactMap { w in a[w].isNone ? nil : (w, a[w]) }
                let loss = ClosureObject(typeName: name, repr: { "\(name)()" })
                loss.showingOptions(a)
                loss.call = { interpreter, arguments in
                    var arguments = arguments
                    arguments.keywords.append(("reduction", reduction))
                    if let setting { arguments.keywords.append((setting.0, .float(setting.2))) }
                    arguments.keywords += given
                    return try interpreter.callBack(f[function]!, arguments)
                }
                return .object(loss)
            }
        }
        layers["NLLLoss"] = Self.builtin(Signature("NLLLoss", [("weight", Value.none), ("size_average", Value.none), ("ignore_index", .int(-100)),
                                                               ("reduce", Value.none), ("reduction", .string("mean"))])) { _, given in
            let options = given.resolvingLegacyReduction()
            _ = try Self.classWeights(options["weight"])
            let loss = ClosureObject(typeName: "NLLLoss", repr: { "NLLLoss()" })
            loss.showingOptions(options)
            loss.call = { interpreter, arguments in
                var arguments = arguments
                for name in ["weight", "ignore_index", "reduction"] { arguments.keywords.append((name, options[name])) }
                return try interpreter.callBack(f["nll_loss"]!, arguments)
            }
            return .object(loss)
        }
        return (f, layers)
    }

    /// Binary cross-entropy per element, reduced, as PyTorch computes it: on probabilities p,
    /// −(t·log p + (1 − t)·log(1 − p)) with each log clamped at −100, gradient (p − t) / max(p(1 − p), 1e-12);
    /// on logits x, (1 − t)·x − l·log σ(x) with l = 1 + (pos_weight − 1)·t (1 without pos_weight),
    /// log σ(x) = −(m + log(e^(−m) + e^(−x−m))), m = max(−x, 0), gradient (1 − t) − l·(1 − σ(x)).
    /// `weight` (and pos_weight, along the last dims) broadcast to the input's shape; each
    /// element's loss and gradient are multiplied by its weight.
    static func binaryCrossEntropy(_ input: Tensor, _ target: Tensor, logits: Bool, _ reduction: String,
                                   weight: Tensor? = nil, posWeight: Tensor? = nil) throws -> Tensor {
        let what = logits ? "binary_cross_entropy_with_logits" : "binary_cross_entropy"
        guard input.shape == target.shape else {
            let (targetSize, inputSize) = (Value.size(target.shape).repr, Value.size(input.shape).repr)
            throw LanguageFailure(logits ? "Target size (\(targetSize)) must be the same as input size (\(inputSize))"
                                         : "Using a target size (\(targetSize)) that is different to the input size (\(inputSize)) is deprecated. Please ensure they have the same size.", as: .valueError)
        }
        // an integer or bool input: with logits, log_sigmoid has no kernel for it; without, the
        // target must have the input's dtype, and then binary_cross_entropy has no kernel
        let inputType = TensorOps.dtype(input)
        if inputType != .float32 {
            if logits { throw LanguageFailure("\"log_sigmoid_cpu\" not implemented for '\(inputType.scalarName)'", fix: "pass input.float()", as: .notImplementedError) }
            guard TensorOps.dtype(target) == inputType else {
                throw LanguageFailure("Found dtype \(TensorOps.dtype(target).scalarName) but expected \(inputType.scalarName)", fix: "pass input.float()")
            }
            throw LanguageFailure("\"binary_cross_entropy\" not implemented for '\(inputType.scalarName)'", fix: "pass input.float()", as: .notImplementedError)
        }
        // the target must hold floats, as PyTorch's kernels refuse class-index (int) and bool targets
        switch (TensorOps.dtype(target), logits) {
        case (.float32, _): break
        case (.bool, true): throw LanguageFailure("Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.", fix: "pass target.float()", as: .notImplementedError)
        case (let dtype, true): throw LanguageFailure("result type Float can't be cast to the desired output type \(dtype.scalarName)", fix: "pass target.float()")
        case (let dtype, false): throw LanguageFailure("Found dtype \(dtype.scalarName) but expected Float", fix: "pass target.float()")
        }
        try TensorMath.requireValues(input, what + "()")
        try TensorMath.requireValues(target, what + "()")
        if !logits, input.values.contains(where: { !(0...1).contains($0) }) {
            throw LanguageFailure("all elements of input should be between 0 and 1", fix: "pass probabilities (torch.sigmoid(x)), or use binary_cross_entropy_with_logits on x")
        }
        if !logits, target.values.contains(where: { !(0...1).contains($0) }) {
            throw LanguageFailure("all elements of target should be between 0 and 1", fix: "pass targets in [0, 1] (labels 0. and 1., or probabilities)")
        }
        let (x, t) = (input.values.map(Double.init), target.values.map(Double.init))
        // weight and pos_weight as one value per element (PyTorch's broadcasting: pos_weight's
        // shape against the target's, weight's against the loss's)
        func perElement(_ w: Tensor?) throws -> [Double]? {
            guard let w else { return nil }
            try TensorMath.requireValues(w, what + "()")
            guard try TensorOps.broadcastShape(w.shape, input.shape) == input.shape else {
                throw LanguageFailure("\(what): a weight of shape \(formatShape(w.shape)) does not broadcast to the input's \(formatShape(input.shape))")
            }
            return TensorOps.expand(w, to: input.shape).map(Double.init)
        }
        let (weights, positive) = (try perElement(weight), try perElement(posWeight))
        let losses = TensorOps.make(input.shape) { p in
            for i in 0..<x.count {
                var loss: Double
                if logits {
                    let m = max(-x[i], 0), logSigmoid = -(m + Foundation.log(Foundation.exp(-m) + Foundation.exp(-x[i] - m)))
                    let l = positive.map { 1 + ($0[i] - 1) * t[i] } ?? 1
                    loss = (1 - t[i]) * x[i] - l * logSigmoid
                } else {
                    loss = -(t[i] * max(Foundation.log(x[i]), -100) + (1 - t[i]) * max(Foundation.log(1 - x[i]), -100))
                }
                p[i] = Float(loss * (weights?[i] ?? 1))
            }
        }
        // the target's gradient as PyTorch's *_target_backward: −logit(x) (probabilities), −x
        // (logits), log σ(−x) − log σ(x)·pos_weight (logits with pos_weight); times the weight
        let recorded = Autograd.record(losses, what, inputs: [input, target]) { gy in
            let (g, gt) = (Tensor(zeros: input.shape), Tensor(zeros: target.shape))
            func logSigmoid(_ v: Double) -> Double { let m = max(-v, 0); return -(m + Foundation.log(Foundation.exp(-m) + Foundation.exp(-v - m))) }
            for i in 0..<x.count {
                let l = positive.map { 1 + ($0[i] - 1) * t[i] } ?? 1
                let d = logits ? (1 - t[i]) - l * (1 - 1 / (1 + Foundation.exp(-x[i]))) : (x[i] - t[i]) / max(x[i] * (1 - x[i]), 1e-12)
                g.data[i] = gy.data[i] * Float(d * (weights?[i] ?? 1))
                let dt = !logits ? -Foundation.log(x[i] / (1 - x[i])) : positive.map { logSigmoid(-x[i]) - logSigmoid(x[i]) * $0[i] } ?? -x[i]
                gt.data[i] = gy.data[i] * Float(dt * (weights?[i] ?? 1))
            }
            return [g, gt]
        }
        return named(try reduced(recorded, reduction, what), logits ? "BinaryCrossEntropyWithLogitsBackward0" : "BinaryCrossEntropyBackward0",
                     showing: input, target)
    }

    /// |d| for d = input − target (L1); with `quadraticBelow` β, 0.5·d²/β where |d| < β and |d| − 0.5·β
    /// beyond (smooth L1), or for Huber (δ) δ times that; reduced. Gradient: d/β inside (d for
    /// Huber), sign(d) outside (δ·sign(d)).
    static func absoluteErrorLoss(_ input: Tensor, _ target: Tensor, quadraticBelow size: Double?, huber: Bool,
                                  _ reduction: String, _ what: String, _ gradName: String) throws -> Tensor {
        // integers: smooth L1 and Huber have no kernel (Huber writes into the input's dtype); L1 is
        // abs of the integer difference, so its sum stays an integer and its mean is refused
        let promoted = TensorOps.promote(TensorOps.dtype(input), TensorOps.dtype(target))
        if size != nil, promoted != .float32 {
            throw LanguageFailure("\"\(huber ? "huber" : "smooth_l1")_cpu\" not implemented for '\(promoted.scalarName)'", fix: "pass input.float()", as: .notImplementedError)
        }
        if huber, TensorOps.dtype(input) != .float32 {
            throw LanguageFailure("result type Float can't be cast to the desired output type \(TensorOps.dtype(input).scalarName)", fix: "pass input.float()")
        }
        // smooth L1 and Huber take the difference inside their float kernel (a mask operand as 0/1);
        // L1 is PyTorch's input − target, which refuses a mask
        let difference = size == nil ? try TensorOps.binary(.subtract, input, target)
                                     : try TensorOps.binary(.subtract, Self.maskAsFloat(input), Self.maskAsFloat(target))
        let d = difference.values.map(Double.init)
        let losses = TensorOps.make(difference.shape, promoted) { p in
            for i in 0..<d.count {
                let a = abs(d[i])
                guard let size, size > 0 else { p[i] = Float(a); continue }
                let smooth = a < size ? 0.5 * d[i] * d[i] / size : a - 0.5 * size
                p[i] = Float(huber ? smooth * size : smooth)
            }
        }
        let recorded = Autograd.record(losses, what, inputs: [difference]) { gy in
            let g = Tensor(zeros: difference.shape)
            for i in 0..<d.count {
                // a NaN difference takes smooth L1's and Huber's middle branch (d/β, d): NaN
                let sign: Double = d[i] > 0 ? 1 : d[i] < 0 ? -1 : (size ?? 0) > 0 && d[i].isNaN ? .nan : 0
                var slope = sign
                if let size, size > 0, abs(d[i]) < size { slope = d[i] / size }
                if huber, let size { slope *= size }
                g.data[i] = gy.data[i] * Float(slope)
            }
            return [g]
        }
        // l1_loss is abs then the reduction in PyTorch's Python: its grad_fn is the last of them
        let l1Name = ["mean": "MeanBackward0", "sum": "SumBackward0"][reduction] ?? "AbsBackward0"
        if size == nil { recorded.gradNode?.displayName = "AbsBackward0" }      // over SubBackward0 of input − target
        let loss = try reduced(recorded, reduction, what)
        return size == nil ? named(loss, l1Name) : named(loss, gradName, showing: input, target)
    }

    /// A bool operand of a loss kernel that computes in float (mse, smooth L1, Huber): its 0/1
    /// as floats, so the difference is not Python's `-` on a mask (which PyTorch refuses).
    static func maskAsFloat(_ x: Tensor) -> Tensor {
        TensorOps.dtype(x) == .bool ? TensorOps.converted(x, to: .float32) : x
    }

    /// (input − target)², reduced; the target broadcast to the input as PyTorch does (with a warning there).
    static func meanSquaredError(_ input: Tensor, _ target: Tensor, _ reduction: String) throws -> Tensor {
        let promoted = TensorOps.promote(TensorOps.dtype(input), TensorOps.dtype(target))
        guard promoted == .float32 else {
            throw LanguageFailure("\"mse_cpu\" not implemented for '\(promoted.scalarName)'", fix: "pass input.float() and target.float()", as: .notImplementedError)
        }
        let difference = try TensorOps.binary(.subtract, Self.maskAsFloat(input), Self.maskAsFloat(target))
        return named(try reduced(try TensorOps.binary(.multiply, difference, difference), reduction, "mse_loss"), "MseLossBackward0", showing: input, target)
    }
}

