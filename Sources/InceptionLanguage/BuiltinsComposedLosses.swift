import Foundation
import InceptionRuntime

/// The losses PyTorch composes from other operations, step for step as its ATen composites
/// (Loss.cpp) and torch.nn.functional's Python write them, so values and gradients are PyTorch's:
/// margin_ranking, hinge_embedding, soft_margin, cosine_embedding, multilabel_soft_margin,
/// multi_margin, triplet_margin, poisson_nll, gaussian_nll and kl_div, each also as its `nn`
/// module.
extension Interpreter {
    /// (function, its inputs, its parameters after them in PyTorch's order, the module's name: the
    /// module takes the same parameters). size_average and reduce are PyTorch's deprecated ones.
    private static var composedLosses: [(function: String, inputs: [String], parameters: [(String, Value?)], module: String)] {
        let legacy: [(String, Value?)] = [("size_average", Value.none), ("reduce", Value.none)]
        let reduction: (String, Value?) = ("reduction", .string("mean"))
        return [
            ("margin_ranking_loss", ["input1", "input2", "target"], [("margin", .float(0))] + legacy + [reduction], "MarginRankingLoss"),
            ("hinge_embedding_loss", ["input", "target"], [("margin", .float(1))] + legacy + [reduction], "HingeEmbeddingLoss"),
            ("soft_margin_loss", ["input", "target"], legacy + [reduction], "SoftMarginLoss"),
            ("cosine_embedding_loss", ["input1", "input2", "target"], [("margin", .float(0))] + legacy + [reduction], "CosineEmbeddingLoss"),
            ("multilabel_soft_margin_loss", ["input", "target"], [("weight", Value.none)] + legacy + [reduction], "MultiLabelSoftMarginLoss"),
            ("multi_margin_loss", ["input", "target"], [("p", .int(1)), ("margin", .float(1)), ("weight", Value.none)] + legacy + [reduction],
             "MultiMarginLoss"),
            ("triplet_margin_loss", ["anchor", "positive", "negative"],
             [("margin", .float(1)), ("p", .float(2)), ("eps", .float(1e-6)), ("swap", .bool(false))] + legacy + [reduction], "TripletMarginLoss"),
            ("poisson_nll_loss", ["input", "target"],
             [("log_input", .bool(true)), ("full", .bool(false)), ("size_average", Value.none), ("eps", .float(1e-8)), ("reduce", Value.none), reduction],
             "PoissonNLLLoss"),
            ("kl_div", ["input", "target"], legacy + [reduction, ("log_target", .bool(false))], "KLDivLoss"),
            ("gaussian_nll_loss", ["input", "target", "var"], [("full", .bool(false)), ("eps", .float(1e-6)), reduction], "GaussianNLLLoss"),
        ]
    }

    func composedLossBuiltins() -> (functional: [String: Value], layers: [String: Value]) {
        var f: [String: Value] = [:], layers: [String: Value] = [:]
        for loss in Self.composedLosses {
            let function = Self.builtin(Signature(loss.function, loss.inputs.map { ($0, nil) } + loss.parameters)) { interpreter, a in
                .tensor(try interpreter.composedLoss(loss.function, a).tensor)
            }
            f[loss.function] = function
            // GaussianNLLLoss takes its options by keyword only, as PyTorch's (`*, full=False, …`)
            layers[loss.module] = Self.lossModule(loss.module, parameters: loss.parameters, function: function,
                                                  keywordsOnly: loss.module == "GaussianNLLLoss")
        }
        return (f, layers)
    }

    /// An `nn` loss module: its options fixed when it is made, handed to the function at each call.
    private static func lossModule(_ name: String, parameters: [(String, Value?)], function: Value, keywordsOnly: Bool) -> Value {
        .builtin(Builtin(name) { _, arguments in
            if keywordsOnly, !arguments.positional.isEmpty {
                throw LanguageFailure("\(name).__init__() takes 1 positional argument but \(arguments.positional.count + 1) were given", as: .typeError)
            }
            let a = try Signature(name, parameters).bind(arguments).resolvingLegacyReduction()
            if !a["weight"].isNone { _ = try classWeights(a["weight"]) }
            let options = parameters.map { ($0.0, a[$0.0]) }.filter { !["size_average", "reduce"].contains($0.0) }
            let loss = ClosureObject(typeName: name, repr: { "\(name)()" })
            loss.showingOptions(a)
            loss.call = { interpreter, call in
                var call = call
                for (option, value) in options where !call.keywords.contains(where: { $0.name == option }) { call.keywords.append((option, value)) }
                return try interpreter.callBack(function, call)
            }
            return .object(loss)
        })
    }

    private func composedLoss(_ function: String, _ a: BoundArguments) throws -> Composed {
        // gaussian_nll_loss checks its var's size before its reduction (in its own function)
        let reduction = function == "gaussian_nll_loss" ? "mean" : try a.reduction()
        func input(_ name: String) throws -> Composed { composed(try a.tensor(name)) }
        switch function {
        case "margin_ranking_loss":
            // max(0, −target · (input1 − input2) + margin)
            let (x1, x2, t) = (try a.tensor("input1"), try a.tensor("input2"), try a.tensor("target"))
            guard x1.rank == x2.rank, x1.rank == t.rank else {
                throw LanguageFailure("margin_ranking_loss : All input tensors should have same dimension but got sizes: input1: \(Value.size(x1.shape).repr), input2: \(Value.size(x2.shape).repr), target: \(Value.size(t.shape).repr) ")
            }
            let losses = try ((-composed(t)) * (try composed(x1) - x2) + a["margin"]).call("clamp_min", 0)
            return try lossReduction(losses, reduction, function)
        case "hinge_embedding_loss":
            // x where target is 1, max(0, margin − x) where it is −1
            let (x, t) = (try input("input"), try input("target"))
            let zeros = try torchFunction("zeros_like", x)
            let marginClamp = try (composed(a["margin"]) - x).call("clamp_min", 0)
            let outputMargin = try torchFunction("where", try t.call("ne", 1), marginClamp, zeros)
            let outputSelf = try torchFunction("where", try t.call("ne", -1), x, zeros)
            return try lossReduction(try outputMargin + outputSelf, reduction, function)
        case "soft_margin_loss":
            // log(1 + exp(−target · x)), as ATen's neg(x).mul_(target).exp_().log1p_(): written into
            // the input's shape and dtype, so a target that broadcasts wider or an integer input is refused
            let (x, t) = (try a.tensor("input"), try a.tensor("target"))
            if TensorOps.dtype(x) != .bool {
                let shape = try TensorOps.broadcastShape(x.shape, t.shape)
                guard shape == x.shape else { throw LanguageFailure("output with shape \(x.shape) doesn't match the broadcast shape \(shape)") }
                guard TensorOps.dtype(x) == .float32 else {
                    throw LanguageFailure("result type Float can't be cast to the desired output type \(TensorOps.dtype(x).scalarName)", fix: "pass input.float()")
                }
            }
            let losses = try ((-(try input("input"))) * (try input("target"))).call("exp").call("log1p")
            return try lossReduction(losses, reduction, function).named("SoftMarginLossBackward0")      // a kernel of its own in PyTorch
        case "cosine_embedding_loss":
            return try cosineEmbeddingLoss(a, reduction)
        case "multilabel_soft_margin_loss":
            // −(t · log σ(x) + (1 − t) · log σ(−x)), weighted, averaged over the classes
            let (x, t) = (try input("input"), try input("target"))
            let logSigmoid = try getAttribute(builtinScope.lookup("F")!, "logsigmoid")
            func logσ(_ v: Composed) throws -> Composed { composed(try callBack(logSigmoid, Arguments([v.value]))) }
            var losses = try -(try t * (try logσ(x)) + (try (1 - t) * (try logσ(-x))))
            if !a["weight"].isNone { losses = try losses * a["weight"] }
            let classDim = try x.tensor.rank - 1
            // input.size(-1) of a 0-d input: PyTorch's IndexError
            guard classDim >= 0 else { throw LanguageFailure("Dimension specified as -1 but tensor has no dimensions", as: .indexError) }
            let classes = try x.tensor.shape[classDim]
            losses = try losses.call("sum", keywords: [("dim", classDim)]) / Double(classes)
            return try lossReduction(losses, reduction, function)
        case "multi_margin_loss":
            return try multiMarginLoss(a, reduction)
        case "gaussian_nll_loss":
            return try gaussianNegativeLogLikelihood(a)
        case "triplet_margin_loss":
            let (anchor, positive, negative) = (try a.tensor("anchor"), try a.tensor("positive"), try a.tensor("negative"))
            guard anchor.rank == positive.rank, positive.rank == negative.rank else {
                throw LanguageFailure("The anchor, positive, and negative tensors are expected to have the same number of dimensions, but got: anchor \(anchor.rank)D, positive \(positive.rank)D, and negative \(negative.rank)D inputs")
            }
            let (p, eps) = (a["p"], a["eps"])
            let distancePositive = try pairwiseDistance(anchor, positive, p: p, eps: eps, keepdim: false)
            var distanceNegative = try pairwiseDistance(anchor, negative, p: p, eps: eps, keepdim: false)
            if try a.bool("swap") {
                distanceNegative = try torchFunction("minimum", distanceNegative, try pairwiseDistance(positive, negative, p: p, eps: eps, keepdim: false))
            }
            let losses = try (composed(a["margin"]) + distancePositive - distanceNegative).call("clamp_min", 0)
            return try lossReduction(losses, reduction, function)
        case "poisson_nll_loss":
            // log_input: e^x − t·x, else x − t·log(x + eps); full: + Stirling's t·log t − t + ½·log(2πt) where t > 1
            let (x, t) = (try input("input"), try input("target"))
            var losses = try a.bool("log_input") ? try x.call("exp") - (try t * x) : try x - (try t * (try (x + a["eps"]).call("log")))
            if try a.bool("full") {
                let stirling = try t * (try t.call("log")) - t + (try 0.5 * (try (2 * Double.pi * t).call("log")))
                losses = try losses + (try stirling.call("masked_fill", try t.call("le", 1), 0))
            }
            return try lossReduction(losses, reduction, function)
        default:    // kl_div
            // log_target: e^t · (t − x), else t·log t − t·x; 'batchmean' is the sum over the batch's size
            let (x, t) = (try input("input"), try input("target"))
            // an integer or bool operand, either one: PyTorch's refusal
            guard try [x, t].allSatisfy({ TensorOps.dtype(try $0.tensor) == .float32 }) else { throw LanguageFailure("kl_div: Integral inputs not supported.") }
            let losses = try a.bool("log_target") ? try t.call("exp") * (try t - x) : try t.call("xlogy", t) - (try t * x)
            if reduction == "batchmean" {
                let sum = try losses.call("sum")
                return try x.tensor.rank == 0 ? sum : try sum / x.tensor.shape[0]
            }
            return try lossReduction(losses, reduction, function)
        }
    }

    /// cross_entropy against class probabilities (a float target of the input's shape), as ATen's
    /// cross_entropy_loss_prob_target: −Σ log_softmax(x) · t (· weight) over the classes, the mean
    /// dividing by the number of rows (all elements / classes); label smoothing mixes t with the
    /// uniform distribution first. nil when the target is class indices.
    func probabilityCrossEntropy(_ x: Tensor, _ target: Value, options a: BoundArguments) throws -> Tensor? {
        guard case .tensor(let t) = target, TensorOps.dtype(t) == .float32, t.shape == x.shape, x.rank >= 1 else { return nil }
        let classDim = x.rank == 1 ? 0 : 1
        let classes = x.shape[classDim]
        let smoothing = try a.double("label_smoothing")
        guard (0...1).contains(smoothing) else { throw LanguageFailure("label_smoothing must be between 0.0 and 1.0. Got: \(formatFloat(smoothing))") }
        let logProbabilities = try composed(x).call("log_softmax", classDim)
        var probabilities = composed(t)
        if smoothing > 0 { probabilities = try probabilities * (1 - smoothing) + smoothing / Double(classes) }
        var product = try logProbabilities * probabilities
        if let w = try Self.classWeights(a["weight"]) {
            guard w.count == classes else {
                throw LanguageFailure("weight tensor should be defined either for all \(classes) classes or no classes but got weight tensor of shape: [\(w.count)]")
            }
            var shape = Array(repeating: 1, count: x.rank)
            shape[classDim] = classes
            product = try product * (try composed(w).call("view", Value.tuple(shape.map { .int($0) })))
        }
        switch try a.reduction() {
        case "mean":
            let rows = Double(x.count / max(classes, 1))
            return try (-(try product.call("sum")) / rows).named("DivBackward1").tensor        // ATen divides by an integer scalar
        case "sum": return try (-(try product.call("sum"))).tensor
        case "none": return try (-(try product.call("sum", classDim))).tensor
        case let other: throw LanguageFailure("cross_entropy(reduction='\(other)') has no probability-target form")      // not reached: a.reduction() checked it
        }
    }

    /// at::pairwise_distance: ‖x1 − x2 + eps‖_p along the last dim of the larger rank.
    func pairwiseDistance(_ x1: Tensor, _ x2: Tensor, p: Value, eps: Value, keepdim: Bool) throws -> Composed {
        let innermost = max(x1.rank, x2.rank) - 1
        return try (composed(x1) - x2 + eps).call("norm", p, max(innermost, 0), keepdim)
    }

    /// at::cosine_embedding_loss: 1 − cos where target is 1, max(0, cos − margin) where it is −1,
    /// cos = Σ x1·x2 / √((Σ x1² + ε)(Σ x2² + ε)), ε = 1e-12.
    private func cosineEmbeddingLoss(_ a: BoundArguments, _ reduction: String) throws -> Composed {
        let (x1, x2, target) = (try a.tensor("input1"), try a.tensor("input2"), try a.tensor("target"))
        let targetDim = target.rank
        guard targetDim <= 1 else { throw LanguageFailure("0D or 1D target tensor expected, multi-target not supported") }
        if targetDim == 1 {
            guard x1.rank == 2, x2.rank == 2 else {
                throw LanguageFailure("1D target tensor expects 2D input tensors, but found inputs with sizes \(x1.shape) and \(x2.shape).")
            }
        } else {
            guard x1.rank == 1, x2.rank == 1 else {
                throw LanguageFailure("0D target tensor expects 1D input tensors, but found inputs with sizes \(x1.shape) and \(x2.shape).")
            }
        }
        let (u, v, t) = (composed(x1), composed(x2), composed(target))
        let productSum = try (u * v).call("sum", targetDim)
        let magnitude1 = try (u * u).call("sum", targetDim) + 1e-12
        let magnitude2 = try (v * v).call("sum", targetDim) + 1e-12
        let cosine = try productSum / (try (magnitude1 * magnitude2).call("sqrt"))
        let zeros = try torchFunction("zeros_like", cosine)
        let positive = try 1 - cosine
        let negative = try (cosine - a["margin"]).call("clamp_min", 0)
        let losses = try torchFunction("where", try t.call("eq", 1), positive, zeros) + (try torchFunction("where", try t.call("eq", -1), negative, zeros))
        return try lossReduction(losses, reduction, "cosine_embedding_loss")
    }

    /// multi_margin_loss: for each row, Σ over the classes j ≠ y of max(0, margin − x[y] + x[j])^p
    /// (times weight[y]), over the number of classes. input (N, C) or (C), target (N) or ().
    private func multiMarginLoss(_ a: BoundArguments, _ reduction: String) throws -> Composed {
        let p = try a.int("p")
        guard p == 1 || p == 2 else { throw LanguageFailure("only p == 1 and p == 2 supported", as: .valueError) }
        var x = try a.tensor("input"), target = try a.tensor("target")
        guard x.rank <= 2, x.count > 0 || x.rank == 2 else {
            throw LanguageFailure("Expected non-empty vector or matrix with optional 0-dim batch size, but got: \(x.shape)")
        }
        // ATen's shape check: a target of at most one dimension, one class index per sample
        let n = x.rank <= 1 ? 1 : x.shape[0]
        guard target.rank <= 1, target.count == n else {
            throw LanguageFailure("multi_margin_loss: target tensor should be 1-D with size equal to the number of input samples (batch size). Expected target size [\(n)], but got \(target.shape). Input has shape \(x.shape).")
        }
        guard TensorOps.dtype(target) == .int64 else { throw LanguageFailure("expected scalar type Long but found \(TensorOps.dtype(target).scalarName)") }
        let vector = x.rank <= 1
        if vector { x = try Self.reshaped(x, [1, x.count]); target = try Self.reshaped(target, [max(target.count, 1)]) }
        let classes = x.shape[1]
        for label in target.values.map({ Int($0) }) where !(0..<classes).contains(label) {
            throw LanguageFailure("target out of range", as: .indexError)
        }
        let picked = try composed(x).call("gather", 1, try composed(target).call("unsqueeze", 1))        // x[i, y_i]: (N, 1)
        var margins = try (composed(a["margin"]) - picked + x).call("clamp_min", 0)
        if p == 2 { margins = try margins * margins }
        if !a["weight"].isNone {
            guard let w = try Self.classWeights(a["weight"]), w.count == classes else {
                throw LanguageFailure("inconsistent weight size, expected \(classes) but got \((try a.tensor("weight")).shape)")
            }
            margins = try margins * (try composed(w).call("index_select", 0, target).call("unsqueeze", 1))
        }
        let own = try composed(target).call("unsqueeze", 1).call("eq", try torchFunction("arange", classes).call("unsqueeze", 0))
        var losses = try margins.call("masked_fill", own, 0).call("sum", 1) / Double(classes)
        if vector { losses = try losses.call("squeeze", 0) }
        return try lossReduction(losses, reduction, "multi_margin_loss").named("MultiMarginLossBackward0")     // a kernel of its own in PyTorch
    }

    /// F.gaussian_nll_loss: ½ (log max(var, eps) + (input − target)² / max(var, eps)), var clamped
    /// without recording (its gradient passes as if unclamped), + ½ log 2π with full.
    private func gaussianNegativeLogLikelihood(_ a: BoundArguments) throws -> Composed {
        let (x, target) = (try a.tensor("input"), try a.tensor("target"))
        var variance: Tensor
        if case .float(let number) = a["var"] {
            variance = Tensor(repeating: Float(number), shape: x.shape)
        } else {
            variance = try a.tensor("var")
        }
        if variance.shape != x.shape {
            if Array(x.shape.dropLast()) == variance.shape { variance = try composed(variance).call("unsqueeze", -1).tensor }
            else if !(Array(x.shape.dropLast()) == Array(variance.shape.dropLast()) && variance.shape.last == 1) {
                throw LanguageFailure("var is of incorrect size", as: .valueError)
            }
        }
        let reduction = try a.reduction()
        guard !variance.values.contains(where: { $0 < 0 }) else { throw LanguageFailure("var has negative entry/entries", as: .valueError) }
        let eps = Float(try a.double("eps"))
        let clamped = try composed(variance).call("clone").tensor
        for i in 0..<clamped.count { clamped.data[i] = max(clamped.data[i], eps) }
        let v = composed(clamped)
        var losses = try 0.5 * (try v.call("log") + (try (try composed(x) - target).call("pow", 2) / v))
        if try a.bool("full") { losses = try losses + 0.5 * Foundation.log(2 * Double.pi) }
        return try lossReduction(losses, reduction, "gaussian_nll_loss")
    }

}
