import InceptionRuntime

/// What the 1×1 reductions of every Inception module save: per branch, the params and
/// multiply-adds with the 1×1 reduction and without it (the 3×3 and 5×5 convolutions on all
/// input channels), and the naive module of the paper's Figure 2(a) (1×1, 3×3 and 5×5 on the
/// full input plus the 3×3 max pool passed through, so its depth grows by the input depth).
///
/// Counted as Table 1 counts: weights only (no bias, no BatchNorm), multiply-adds for one image.
public struct ReductionSavings {
    /// A branch or module: its weighted layers and the channels it outputs.
    public struct Cost: Equatable, Sendable {
        public var layers: CostSum
        public var outputChannels: Int
        public var params: Int { layers.params }
        public var multAdds: Int { layers.multAdds }
    }

    public struct Branch {
        /// The branch's child name, e.g. "conv3x3".
        public let name: String
        /// "1×1", "3×3 (reduce 96)", "5×5 (reduce 16)", "pool proj".
        public let label: String
        public let withReduction: Cost
        public let withoutReduction: Cost
        /// without ÷ with; nil when either side has no weights (the pool branch without its projection).
        public var paramsRatio: Double? { ratio(withoutReduction.params, withReduction.params) }
        public var multAddsRatio: Double? { ratio(withoutReduction.multAdds, withReduction.multAdds) }
    }

    public struct ModuleSavings {
        public let path: String
        /// C×H×W of one image going in and coming out.
        public let inputShape: [Int]
        public let outputShape: [Int]
        public let branches: [Branch]
        public var withReduction: Cost { total(branches.map(\.withReduction)) }
        /// The naive module of Figure 2(a).
        public var naive: Cost { total(branches.map(\.withoutReduction)) }
        public var paramsRatio: Double? { ratio(naive.params, withReduction.params) }
        public var multAddsRatio: Double? { ratio(naive.multAdds, withReduction.multAdds) }
    }

    /// The one-image input the modules were traced with, [1, C, H, W].
    public let input: [Int]
    public let modules: [ModuleSavings]

    /// The savings of every Inception module of `model` (or only the one at path `module`),
    /// on one image of `inputShape`'s C×H×W.
    public static func rows(for model: Module, inputShape: [Int], module: String? = nil) throws -> ReductionSavings {
        let image = [1] + inputShape.dropFirst()
        let trace = try ModelTrace.run(model, input: image, mode: .eval)
        let inceptions = trace.calls.filter { PaperTable.isInception($0.module) }
        var chosen = inceptions
        if let module {
            chosen = inceptions.filter { $0.path == module }
            if chosen.isEmpty {
                let names = inceptions.map(\.path).joined(separator: ", ")
                throw SummaryError("no Inception module named \"\(module)\"" + (names.isEmpty ? "" : "; the modules are \(names)"))
            }
        }
        return ReductionSavings(input: image, modules: chosen.map { savings(of: $0, trace) })
    }

    static func savings(of call: TracedCall, _ trace: ModelTrace) -> ModuleSavings {
        let inChannels = call.inputShape[1]
        var branches: [Branch] = []
        for (name, _) in call.module.children {
            let path = "\(call.path).\(name)"
            let inBranch = trace.calls.filter { $0.path == path || $0.path.hasPrefix(path + ".") }
            let convCalls = inBranch.filter { $0.module.slidesWeights }
            let convs = convCalls.compactMap(WeightCost.init)
            let out = inBranch.first { $0.path == path }?.outputShape?[1] ?? 0
            let pooled = inBranch.contains { $0.module.slidesWithoutWeights }
            let with = Cost(layers: CostSum(convs), outputChannels: out)
            var without = with
            var label = convs.last.map { "\($0.factors[0])×\($0.factors[1])" } ?? name
            if pooled {
                // Without its projection the pool passes every input channel through, weight-free.
                without = Cost(layers: CostSum(), outputChannels: inChannels)
                label = convs.isEmpty ? "pool" : "pool proj"
            } else if convs.count >= 2, convs[0].factors.prefix(2) == [1, 1] {
                // Drop the 1×1 reduction: the next convolution reads all input channels.
                var direct = Array(convs.dropFirst())
                direct[0].factors[2] = inChannels
                without = Cost(layers: CostSum(direct), outputChannels: out)
                label += " (reduce \(convs[0].factors[3]))"
            }
            branches.append(Branch(name: name, label: label, withReduction: with, withoutReduction: without))
        }
        let shape = { (s: [Int]?) in Array((s ?? []).dropFirst()) }
        return ModuleSavings(path: call.path, inputShape: shape(call.inputShape), outputShape: shape(call.outputShape),
                             branches: branches)
    }
}

func total(_ costs: [ReductionSavings.Cost]) -> ReductionSavings.Cost {
    ReductionSavings.Cost(layers: CostSum(costs.flatMap(\.layers.parts)), outputChannels: costs.reduce(0) { $0 + $1.outputChannels })
}

func ratio(_ a: Int, _ b: Int) -> Double? { a > 0 && b > 0 ? Double(a) / Double(b) : nil }
