import InceptionRuntime

/// `x.scatter_reduce(dim, index, src, reduce, include_self=True)` and its in-place twin, as
/// PyTorch's: each src[…, i, …] goes to out[…, index[…, i, …], …] along dim, and every place
/// that receives something becomes the reduction ("sum", "prod", "mean", "amax", "amin") of what
/// it receives, with x's own value among them when include_self; places that receive nothing keep
/// x's value. An integer "mean" divides with floor, as PyTorch does. The gradient is PyTorch's
/// (`scatter_reduce_backward`): ties of amax/amin share the gradient evenly, prod's is the product
/// of the other contributors, and with include_self=False x's gradient is 0 where src was scattered.
extension Interpreter {
    static let scatterReduceMethodNames = ["scatter_reduce", "scatter_reduce_"]
    static let scatterReductions = ["sum", "prod", "mean", "amax", "amin"]

    func scatterReduceTensorMember(_ x: Tensor, _ name: String) throws -> Value? {
        guard Self.scatterReduceMethodNames.contains(name) else { return nil }
        let signature = Signature(name, [("dim", nil), ("index", nil), ("src", nil), ("reduce", nil), ("include_self", .bool(true))])
        return .builtin(Builtin(name) { [self] _, arguments in
            let a = try signature.parsedAsTorch.bind(arguments)
            let reduce = try a.string("reduce")
            guard Self.scatterReductions.contains(reduce) else {
                throw LanguageFailure("reduce argument must be either sum, prod, mean, amax or amin, got \(reduce)")
            }
            let d = try TensorOps.dim(try a.int("dim"), rank: max(x.rank, 1))
            let result = try Self.scatterReduce(x, dim: d, index: try a.tensor("index"), src: try a.tensor("src"),
                                                reduce: reduce, includeSelf: try a.bool("include_self"))
            return .tensor(name.hasSuffix("_") ? try writeInPlace(x, result, "\(name)()") : result)
        })
    }

    // out (x's shape) = x with each place that index names reduced over what src sends it.
    static func scatterReduce(_ x: Tensor, dim d: Int, index: Tensor, src: Tensor, reduce: String, includeSelf: Bool) throws -> Tensor {
        let dtype = TensorOps.dtype(x)
        let (targets, sources) = try scatterPairs(x, dim: d, index: index, src: src, "scatter_reduce")
        // each receiving place of x and the src offsets it receives, in index order
        var received: [Int: [Int]] = [:]
        var places: [Int] = []
        for (t, s) in zip(targets, sources) {
            if received[t] == nil { places.append(t) }
            received[t, default: []].append(s)
        }
        func contributors(_ t: Int) -> [Float] { (includeSelf ? [x.data[t]] : []) + received[t]!.map { src.data[$0] } }
        // PyTorch adds into x's value, or into a 0 written there first (so −0 becomes +0)
        func sum(_ t: Int) -> Float { received[t]!.reduce(includeSelf ? x.data[t] : 0) { $0 + src.data[$1] } }
        let out = x.copy()
        for t in places {
            let values = contributors(t)
            switch reduce {
            case "sum": out.data[t] = sum(t)
            case "prod": out.data[t] = values.reduce(1, *)
            case "mean":
                let sum = sum(t), count = Float(values.count)
                out.data[t] = dtype.isIntegral ? (sum / count).rounded(.down) : sum / count
            case "amax": out.data[t] = values.reduce(-Float.infinity) { $0.isNaN || $1.isNaN ? .nan : max($0, $1) }
            default: out.data[t] = values.reduce(Float.infinity) { $0.isNaN || $1.isNaN ? .nan : min($0, $1) }
            }
        }
        let result = TensorKinds.shared.setDType(out, dtype)
        return Autograd.record(result, "scatter_reduce", inputs: [x, src]) { gy in
            let gx = gy.copy(), gs = Tensor(zeros: src.shape)
            for t in places {
                let from = received[t]!
                switch reduce {
                case "sum":
                    for s in from { gs.data[s] = gy.data[t] }
                case "mean":
                    let n = Float(from.count + (includeSelf ? 1 : 0))
                    gx.data[t] = gy.data[t] / n
                    for s in from { gs.data[s] = gy.data[t] / n }
                case "prod":
                    // each contributor's gradient: gy times the product of the others
                    let values = contributors(t)
                    func others(_ j: Int) -> Float { values.indices.reduce(Float(1)) { $1 == j ? $0 : $0 * values[$1] } }
                    let first = includeSelf ? 1 : 0
                    gx.data[t] = gy.data[t] * others(0)
                    for (k, s) in from.enumerated() { gs.data[s] = gy.data[t] * others(first + k) }
                default:
                    // amax / amin: shared evenly by x (when equal, whether included or not, as PyTorch
                    // counts it) and every src value equal to the result
                    let r = result.data[t], selfWins: Float = x.data[t] == r ? 1 : 0
                    let share = gy.data[t] / (selfWins + Float(from.filter { src.data[$0] == r }.count))
                    gx.data[t] = selfWins * share
                    for s in from { gs.data[s] = src.data[s] == r ? share : 0 }
                }
                if !includeSelf { gx.data[t] = 0 }
            }
            return [gx, gs]
        }
    }
}
