import Foundation
import InceptionRuntime

extension PaperTable {
    /// Table 1's layout: per stage the type, patch size/stride, output size, depth, the six
    /// channel columns, params (exact and in K = 1024) and ops (exact and in M = 10⁶); then
    /// the paper's printed params and ops, quoted, marked = / ≈ / ≠; totals at the bottom.
    public func render(formulas: Bool = false) -> String {
        var table = TextTable([.left, .left, .left, .right] + Array(repeating: .right, count: 6)
                              + [.right, .right, .right, .right] + (comparesWithPaper ? [.right, .right] : []))
        table.add(["type", "patch size/stride", "output size", "depth"] + Channels.titles
                  + ["params", "K", "ops", "M"] + (comparesWithPaper ? ["paper params", "paper ops"] : []))
        table.rule()
        for row in rows {
            var cells = [row.type, row.patch ?? "", row.outputSize, String(row.depth)]
            cells += row.channels.columns.map { $0.map(String.init) ?? "" }
            cells += row.params == 0 ? ["", "", "", ""]
                : [formatCount(row.params), Self.kilo(row.params), formatCount(row.ops), Self.mega(row.ops)]
            if comparesWithPaper { cells += [quoted(row.quote?.params, row.params), quoted(row.quote?.ops, row.ops)] }
            table.add(cells)
            if formulas && row.params > 0 {
                table.note("    params \(row.cost.paramsFormula);  ops \(row.cost.multAddsFormula)")
            }
        }
        for q in quotedOnly {
            table.add([q.type, q.patch ?? "", q.outputSize, String(q.depth)] + Array(repeating: "", count: 10)
                      + ["(paper only)", ""])
        }
        table.rule()
        var total = ["total", "", "", ""] + Array(repeating: "", count: 6)
            + [formatCount(totalParams), Self.kilo(totalParams), formatCount(totalOps), Self.giga(totalOps)]
        if comparesWithPaper {
            let params = PaperQuote.table1.compactMap { $0.params.flatMap(PrintedFigure.init) }.reduce(0) { $0 + $1.value }
            let ops = PaperQuote.table1.compactMap { $0.ops.flatMap(PrintedFigure.init) }.reduce(0) { $0 + $1.value }
            total += [String(format: "%.1fK", params), "\(Int(ops))M"]
        }
        table.add(total)

        var out = "Table 1 of \"Going deeper with convolutions\", recomputed from our module tree"
            + " (one image of \(input.dropFirst().map(String.init).joined(separator: "×")), eval mode)\n"
        out += "params: weights only, no bias, no BatchNorm; K = 1024.  ops: multiply-adds for one image; M = 10⁶, G = 10⁹.\n\n"
        out += table.render()
        out += "\n" + notes()
        return out
    }

    /// The paper's figure with its mark: "2.7K ≠", "159K ≈", "112K".
    func quoted(_ printed: String?, _ count: Int) -> String {
        guard let printed, let figure = PrintedFigure(printed) else { return "" }
        switch figure.compare(count) {
        case .same: return printed + "  "
        case .close: return printed + " ≈"
        case .differs: return printed + " ≠"
        }
    }

    func notes() -> String {
        var lines: [String] = []
        let params = PaperQuote.table1.compactMap { $0.params.flatMap(PrintedFigure.init) }.reduce(0) { $0 + $1.value }
        let ops = PaperQuote.table1.compactMap { $0.ops.flatMap(PrintedFigure.init) }.reduce(0) { $0 + $1.value }
        lines.append("Total: \(formatCount(totalParams)) weights = \(Self.kilo(totalParams)), and \(formatCount(totalOps))"
                     + " multiply-adds = \(Self.giga(totalOps)) per image.")
        guard comparesWithPaper else {
            lines.append("The paper's printed figures are for the seed network on one 3×224×224 image; they are not shown here.")
            return lines.joined(separator: "\n") + "\n"
        }
        lines.append("The paper's printed columns add up to \(String(format: "%.1f", params))K params and \(Int(ops))M ops:"
                     + " its budget of about 1.5 billion multiply-adds.")
        lines.append("")
        lines.append("paper params, paper ops: Table 1's printed figures, quoted. No mark: the arithmetic rounds to the printed")
        lines.append("figure; ≈ rounded down or one off in the last printed digit; ≠ the printed figure is not this arithmetic.")
        let differing = rows.flatMap { row in row.differences.filter { $0.agreement == .differs }.map { (row, $0) } }
        let close = rows.flatMap { row in row.differences.filter { $0.agreement == .close }.map { (row, $0) } }
        if !differing.isEmpty || !quotedOnly.isEmpty {
            lines.append("")
            lines.append("Where the paper's printed figure is not the arithmetic (≠):")
            for (row, d) in differing { lines.append("  \(row.path): " + describe(d, row)) }
            for q in quotedOnly {
                lines.append("  \(q.stage): the paper's last row; our network returns logits, and the loss"
                             + " (nn.CrossEntropyLoss) applies the softmax.")
            }
        }
        if !close.isEmpty {
            lines.append("")
            lines.append("Within rounding (≈):")
            for (row, d) in close {
                let figure = PrintedFigure(d.quoted)!
                let count = d.field == "params" ? row.params : row.ops
                lines.append("  \(row.path): \(d.field) printed \(d.quoted); \(d.ours) = "
                             + String(format: "%.2f", Double(count) / figure.unit) + (figure.unit == 1024 ? "K" : "M") + ".")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func describe(_ d: Difference, _ row: Row) -> String {
        switch d.field {
        case "params":
            let figure = PrintedFigure(d.quoted)!
            return "params printed \(d.quoted); \(row.cost.paramsFormula) = \(figure.format(row.params))"
                + ratio(row.params, figure) + "."
        case "ops":
            let figure = PrintedFigure(d.quoted)!
            return "ops printed \(d.quoted); \(row.cost.multAddsFormula) = \(figure.format(row.ops))"
                + ratio(row.ops, figure) + "."
        default:
            return "\(d.field) printed \(d.quoted), ours \(d.ours)."
        }
    }

    /// " (3.4× the printed figure)" when the gap is large, " (1K apart)" style otherwise.
    func ratio(_ count: Int, _ figure: PrintedFigure) -> String {
        let printed = figure.value * figure.unit
        let r = Double(count) / printed
        if r >= 1.5 || r <= 1 / 1.5 { return String(format: " (%.1f× the printed figure)", r) }
        return String(format: " (%+.1f%%)", (r - 1) * 100)
    }

    /// 9,408 → "9.2K"; 114,688 → "112K" (K = 1024: one decimal below 10K).
    static func kilo(_ n: Int) -> String {
        let k = Double(n) / 1024
        return k < 10 ? String(format: "%.1fK", k) : "\(Int(k.rounded()))K"
    }

    /// 118,013,952 → "118M"; 1,024,000 → "1.0M" (M = 10⁶: one decimal below 10M).
    static func mega(_ n: Int) -> String {
        let m = Double(n) / 1e6
        return m < 10 ? String(format: "%.1fM", m) : "\(Int(m.rounded()))M"
    }

    static func giga(_ n: Int) -> String { String(format: "%.2fG", Double(n) / 1e9) }
}
