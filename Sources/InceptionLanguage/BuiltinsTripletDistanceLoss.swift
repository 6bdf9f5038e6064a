import InceptionRuntime

/// F.triplet_margin_with_distance_loss and nn.TripletMarginWithDistanceLoss (a Siamese
/// network's loss with a distance of the program's own, e.g. 1 − cosine similarity), step for
/// step as torch.nn.functional's Python: max(margin + d(a, p) − d(a, n), 0), d defaulting to
/// torch.pairwise_distance, `swap` taking min(d(a, n), d(p, n)). The options are keyword-only.
extension Interpreter {
    private static var tripletDistanceOptions: [(String, Value?)] {
        [("distance_function", Value.none), ("margin", .float(1)), ("swap", .bool(false)), ("reduction", .string("mean"))]
    }

    func tripletDistanceLossBuiltins() -> (functional: Value, layer: Value) {
        let name = "triplet_margin_with_distance_loss"
        let functional = Value.builtin(Builtin(name) { interpreter, arguments in
            guard arguments.positional.count <= 3 else {
                throw LanguageFailure("\(name)() takes 3 positional arguments but \(arguments.positional.count) were given",
                                      fix: "give the options by name: distance_function=…, margin=…", as: .typeError)
            }
            let a = try Signature(name, [("anchor", nil), ("positive", nil), ("negative", nil)] + Self.tripletDistanceOptions).bind(arguments)
            return try interpreter.tripletDistanceLoss(a).value
        })
        let layer = Value.builtin(Builtin("TripletMarginWithDistanceLoss") { _, arguments in
            guard arguments.positional.isEmpty else {
                throw LanguageFailure("TripletMarginWithDistanceLoss.__init__() takes 1 positional argument but \(arguments.positional.count + 1) were given",
                                      fix: "give the options by name: distance_function=…, margin=…", as: .typeError)
            }
            let options = try Signature("TripletMarginWithDistanceLoss", Self.tripletDistanceOptions).bind(arguments)
            let margin = options["margin"]
            guard let m = margin.asDouble, m > 0 else {
                throw LanguageFailure("TripletMarginWithDistanceLoss: expected margin to be greater than 0, got \(margin.repr) instead", as: .valueError)
            }
            let loss = ClosureObject(typeName: "TripletMarginWithDistanceLoss", repr: { "TripletMarginWithDistanceLoss()" })
            loss.call = { interpreter, call in
                var call = call
                guard call.positional.count <= 3, call.keywords.isEmpty else {
                    throw LanguageFailure("TripletMarginWithDistanceLoss.forward() takes 4 positional arguments but \(call.positional.count + call.keywords.count + 1) were given",
                                          fix: "call it as loss(anchor, positive, negative)", as: .typeError)
                }
                call.keywords = Self.tripletDistanceOptions.map { ($0.0, options[$0.0]) }
                return try interpreter.callBack(functional, call)
            }
            return .object(loss)
        })
        return (functional, layer)
    }

    // anchor, positive, negative: (N, D) or (D) → (N) losses, reduced
    private func tripletDistanceLoss(_ a: BoundArguments) throws -> Composed {
        let reduction = try a.reduction()
        guard let margin = a["margin"].asDouble, margin > 0 else {
            throw LanguageFailure("margin must be greater than 0, got \(a["margin"].repr)", as: .valueError)
        }
        let (anchor, positive, negative) = (try a.tensor("anchor"), try a.tensor("positive"), try a.tensor("negative"))
        guard anchor.rank == positive.rank, positive.rank == negative.rank else {
            throw LanguageFailure("The anchor, positive, and negative tensors are expected to have the same number of dimensions, but got: anchor \(anchor.rank)D, positive \(positive.rank)D, and negative \(negative.rank)D inputs")
        }
        func distance(_ x: Tensor, _ y: Tensor) throws -> Composed {
            if a["distance_function"].isNone { return try pairwiseDistance(x, y, p: .float(2), eps: .float(1e-6), keepdim: false) }
            return composed(try callBack(a["distance_function"], Arguments([.tensor(x), .tensor(y)])))
        }
        let distancePositive = try distance(anchor, positive)
        var distanceNegative = try distance(anchor, negative)
        if try a.bool("swap") { distanceNegative = try torchFunction("minimum", distanceNegative, try distance(positive, negative)) }
        let losses = try torchFunction("clamp_min", try composed(a["margin"]) + distancePositive - distanceNegative, 0)
        switch reduction {
        case "sum": return try losses.call("sum")
        case "mean": return try losses.call("mean")
        default: return losses
        }
    }
}
