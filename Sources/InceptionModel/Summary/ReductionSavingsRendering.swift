import Foundation
import InceptionRuntime

extension ReductionSavings {
    /// Per module, a table of its branches with and without the 1×1 reductions and the naive
    /// module; then all modules side by side with the ratios.
    public func render(formulas: Bool = false) -> String {
        var out = "What the 1×1 reductions save (weights only, multiply-adds for one image of "
            + input.dropFirst().map(String.init).joined(separator: "×") + ", as Table 1 counts)\n"
        for m in modules { out += "\n" + render(m, formulas: formulas) }
        if modules.count > 1 { out += "\n" + overview() }
        return out
    }

    func render(_ m: ModuleSavings, formulas: Bool) -> String {
        let c = m.inputShape.first ?? 0
        var table = TextTable([.left, .right, .right, .right, .right, .right, .right, .right, .right])
        table.groups([("", 1), ("with the 1×1 reduction", 3), ("without it (on all \(c) channels)", 3), ("without ÷ with", 2)])
        table.add(["branch", "params", "mult-adds", "channels", "params", "mult-adds", "channels", "params", "mult-adds"])
        table.rule()
        func cells(_ label: String, _ with: Cost, _ without: Cost, _ p: Double?, _ o: Double?) -> [String] {
            [label, formatCount(with.params), formatCount(with.multAdds), String(with.outputChannels),
             formatCount(without.params), formatCount(without.multAdds), String(without.outputChannels), times(p), times(o)]
        }
        for b in m.branches {
            table.add(cells(b.label, b.withReduction, b.withoutReduction, b.paramsRatio, b.multAddsRatio))
            if formulas {
                table.note("    with:    params \(b.withReduction.layers.paramsFormula);  mult-adds \(b.withReduction.layers.multAddsFormula)")
                table.note(b.withoutReduction.layers.parts.isEmpty
                           ? "    without: no weights: the pool passes all \(b.withoutReduction.outputChannels) channels through"
                           : "    without: params \(b.withoutReduction.layers.paramsFormula);  mult-adds \(b.withoutReduction.layers.multAddsFormula)")
            }
        }
        table.rule()
        table.add(cells("module", m.withReduction, m.naive, m.paramsRatio, m.multAddsRatio))
        let spatial = m.inputShape.dropFirst().map(String.init).joined(separator: "×")
        var text = "\(m.path): input \(m.inputShape.map(String.init).joined(separator: "×")),"
            + " output \(m.outputShape.map(String.init).joined(separator: "×"))\n"
        text += table.render()
        let depths = m.branches.map { String($0.withoutReduction.outputChannels) }.joined(separator: " + ")
        text += "  without: the naive module of Figure 2(a), every convolution on all \(c) input channels"
            + " (\(spatial)) and the 3×3 max pool passed through,\n"
            + "  so its output depth is \(depths) = \(m.naive.outputChannels) instead of \(m.withReduction.outputChannels).\n"
        return text
    }

    func overview() -> String {
        var table = TextTable([.left, .right, .right, .right, .right, .right, .right, .right])
        table.groups([("", 1), ("with 1×1 reductions", 2), ("naive (Figure 2(a))", 3), ("naive ÷ with", 2)])
        table.add(["module", "params", "mult-adds", "params", "mult-adds", "channels", "params", "mult-adds"])
        table.rule()
        for m in modules {
            table.add([m.path, formatCount(m.withReduction.params), formatCount(m.withReduction.multAdds),
                       formatCount(m.naive.params), formatCount(m.naive.multAdds), String(m.naive.outputChannels),
                       times(m.paramsRatio), times(m.multAddsRatio)])
        }
        table.rule()
        let with = total(modules.map(\.withReduction)), naive = total(modules.map(\.naive))
        table.add(["all modules", formatCount(with.params), formatCount(with.multAdds), formatCount(naive.params),
                   formatCount(naive.multAdds), "", times(ratio(naive.params, with.params)), times(ratio(naive.multAdds, with.multAdds))])
        return "All Inception modules (each naive module on the input the real one gets):\n" + table.render()
    }

    func times(_ r: Double?) -> String { r.map { String(format: "%.2f×", $0) } ?? "—" }
}
