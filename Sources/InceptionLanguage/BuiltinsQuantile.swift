import Foundation
import InceptionRuntime

/// torch.quantile / x.quantile(q, dim=None, keepdim=False, interpolation='linear'): the q-th
/// quantiles of all values or along dim, q a number or a 1-D tensor of them (its length then
/// leads the output's shape), computed in float as PyTorch does (rank = q·(n − 1), linear as
/// torch.lerp), NaN where a row holds one. The gradient goes to the one or two values the result
/// was taken from (a stable sort decides between equal values).
extension Interpreter {
    static let quantileMethodNames = ["quantile"]

    func quantileTensorMember(_ x: Tensor, _ name: String) throws -> Value? {
        guard name == "quantile" else { return nil }
        return Self.builtin(Signature("quantile", [("q", nil), ("dim", Value.none), ("keepdim", .bool(false)),
                                                    ("interpolation", .string("linear")), ("out", Value.none)])) { _, a in
            .tensor(try Self.quantile(x, a["q"], dim: try a.optionalInt("dim"), keepdim: try a.bool("keepdim"),
                                      interpolation: try a.string("interpolation")))
        }
    }

    static func quantile(_ x: Tensor, _ qValue: Value, dim given: Int?, keepdim: Bool, interpolation: String) throws -> Tensor {
        guard TensorOps.dtype(x) == .float32 else { throw LanguageFailure("quantile() input tensor must be either float or double dtype") }
        let qs: [Float], qShape: [Int]
        switch qValue {
        case .tensor(let t):
            guard t.rank <= 1 else { throw LanguageFailure("quantile() q must be a scalar or 1D tensor") }
            qs = t.values; qShape = t.rank == 0 ? [] : [t.count]
        default:
            guard let q = qValue.asDouble, isNumber(qValue) else { throw LanguageFailure("quantile(): q must be a number or a tensor, got \(qValue.typeName)", as: .typeError) }
            qs = [Float(q)]; qShape = []
        }
        for q in qs where !(q >= 0 && q <= 1) { throw LanguageFailure("quantile() q must be in the range [0, 1] but got \(Value.float(Double(q)).repr)") }
        guard ["linear", "lower", "higher", "midpoint", "nearest"].contains(interpolation) else {
            throw LanguageFailure("quantile() interpolation must be one of linear, lower, higher, midpoint or nearest, but got \(interpolation)")
        }
        // rows: the values each quantile is taken over (offsets into x), and the shape left
        var rows: [[Int]], rest: [Int]
        if let given {
            let d = try TensorOps.dim(given, rank: max(x.rank, 1))
            let shape = x.rank == 0 ? [1] : x.shape
            guard shape[d] > 0 else { throw LanguageFailure("quantile() input tensor must be non-empty") }
            let outer = shape[..<d].reduce(1, *), inner = shape[(d + 1)...].reduce(1, *)
            rows = []
            for o in 0..<outer { for i in 0..<inner { rows.append((0..<shape[d]).map { (o * shape[d] + $0) * inner + i }) } }
            rest = shape; if keepdim { rest[d] = 1 } else { rest.remove(at: d) }
            if x.rank == 0 { rest = [] }
        } else {
            guard x.count > 0 else { throw LanguageFailure("quantile() input tensor must be non-empty") }
            rows = [Array(0..<x.count)]
            rest = keepdim ? [Int](repeating: 1, count: x.rank) : []
        }
        // each output cell: up to two sources and their weights
        var sources: [[(Int, Float)]] = [], values: [Float] = []
        for q in qs {
            for row in rows {
                // stable: equal values keep their order
                let order = row.sorted { sortsBefore(x.data[$0], x.data[$1]) || (!sortsBefore(x.data[$1], x.data[$0]) && $0 < $1) }
                if order.contains(where: { x.data[$0].isNaN }) { values.append(.nan); sources.append([]); continue }
                let rank = q * Float(order.count - 1)
                let below = Int(rank.rounded(.down)), above = Int(rank.rounded(.up))
                let (lo, hi) = (order[below], order[above])
                let weight = rank - Float(below)
                switch interpolation {
                case "lower": values.append(x.data[lo]); sources.append([(lo, 1)])
                case "higher": values.append(x.data[hi]); sources.append([(hi, 1)])
                case "nearest":
                    let at = order[Int(rank.rounded(.toNearestOrEven))]
                    values.append(x.data[at]); sources.append([(at, 1)])
                case "midpoint": values.append((x.data[lo] + x.data[hi]) / 2); sources.append([(lo, 0.5), (hi, 0.5)])
                default:
                    // torch.lerp's two forms, as PyTorch computes it
                    let (a, b) = (x.data[lo], x.data[hi])
                    values.append(weight < 0.5 ? a + weight * (b - a) : b - (b - a) * (1 - weight))
                    sources.append([(lo, 1 - weight), (hi, weight)])
                }
            }
        }
        let out = TensorOps.make(qShape + rest, values: values)
        let recorded = Autograd.record(out, "quantile", inputs: [x]) { gy in
            let g = Tensor(zeros: x.shape)
            for (i, cell) in sources.enumerated() { for (at, w) in cell where w != 0 { g.data[at] += gy.data[i] * w } }
            return [g]
        }
        recorded.gradNode?.displayName = "SqueezeBackward4"
        return recorded
    }
}
