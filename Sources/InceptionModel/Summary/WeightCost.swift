import InceptionRuntime

/// The cost of one weighted layer as the paper counts it: weights only (no bias, no
/// BatchNorm), and multiply-adds for one image: one per weight per output position.
public struct WeightCost: Equatable, Sendable {
    /// The weight tensor's dimensions as factors, e.g. [7, 7, 3, 64] for a 7×7 conv 3 → 64.
    public var factors: [Int]
    /// Output positions per image: H_out·W_out for a convolution, nothing for a Linear.
    public var positions: [Int]

    public var params: Int { factors.reduce(1, *) }
    public var multAdds: Int { params * positions.reduce(1, *) }

    /// "7·7·3·64 = 9,408"
    public var paramsFormula: String { "\(product(factors)) = \(formatCount(params))" }
    /// "9,408·112·112 = 118,013,952"
    public var multAddsFormula: String {
        positions.isEmpty ? "\(formatCount(params)) (one per weight)"
            : "\(([formatCount(params)] + positions.map(String.init)).joined(separator: "·")) = \(formatCount(multAdds))"
    }

    /// The weights of a layer that has them (a convolution, a Linear), as the layer counts
    /// them; nil for any other layer.
    init?(_ call: TracedCall) {
        guard let weights = PaperWeights(call.module, output: call.outputShape) else { return nil }
        factors = weights.factors
        positions = weights.positions
    }

    /// A k×k convolution from `inChannels` to `outChannels` over h×w output positions.
    public init(kernel: Int, inChannels: Int, outChannels: Int, height: Int, width: Int) {
        factors = [kernel, kernel, inChannels, outChannels]
        positions = [height, width]
    }
}

/// Sums of costs with their formula: "7·7·3·64 + 1·1·64·64 = 13,504".
public struct CostSum: Equatable, Sendable {
    public var parts: [WeightCost] = []
    public init(_ parts: [WeightCost] = []) { self.parts = parts }
    public var params: Int { parts.reduce(0) { $0 + $1.params } }
    public var multAdds: Int { parts.reduce(0) { $0 + $1.multAdds } }

    public var paramsFormula: String {
        if parts.isEmpty { return "0" }
        if parts.count == 1 { return parts[0].paramsFormula }
        return parts.map { product($0.factors) }.joined(separator: " + ") + " = \(formatCount(params))"
    }

    /// When every part has the same output positions: "(sum)·28·28"; otherwise term by term.
    public var multAddsFormula: String {
        if parts.isEmpty { return "0" }
        if parts.count == 1 { return parts[0].multAddsFormula }
        if let first = parts.first?.positions, !first.isEmpty, parts.allSatisfy({ $0.positions == first }) {
            return "\(([formatCount(params)] + first.map(String.init)).joined(separator: "·")) = \(formatCount(multAdds))"
        }
        return parts.map { ([product($0.factors)] + $0.positions.map(String.init)).joined(separator: "·") }
            .joined(separator: " + ") + " = \(formatCount(multAdds))"
    }
}

func product(_ factors: [Int]) -> String { factors.map(String.init).joined(separator: "·") }
