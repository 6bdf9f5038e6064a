import InceptionRuntime

extension TorchinfoSummary {
    /// The table exactly as torchinfo 1.8.0 prints it (its column widths, tree glyphs and
    /// footer). With `formulas`, each row's parameter arithmetic follows, past the last column.
    public func renderTable(formulas: Bool = false, unitNames: UnitNames = .letters) -> String {
        let nameWidth = TorchinfoFormat.nameWidth(layers)
        let width = columns.count * TorchinfoFormat.columnWidth + nameWidth
        let divider = String(repeating: "=", count: width)
        func withFormula(_ line: String, _ formula: String?) -> String {
            guard formulas, let formula else { return line }
            return TorchinfoFormat.padRight(line, width) + "  " + formula
        }
        var lines = [divider]
        lines.append(withFormula(TorchinfoFormat.row("Layer (type:depth-idx)", columns.map(\.title), nameWidth: nameWidth),
                                 "Param formula"))
        lines.append(divider)
        for row in rows {
            let name = TorchinfoFormat.treePrefix(depth: row.layer.depth) + row.layer.label
            lines.append(withFormula(TorchinfoFormat.row(name, row.values, nameWidth: nameWidth), row.formula))
        }
        let t = totals
        lines += [
            divider,
            "Total params: \(formatCount(t.totalParams))",
            "Trainable params: \(formatCount(t.trainableParams))",
            "Non-trainable params: \(formatCount(t.nonTrainableParams))",
            "Total mult-adds" + TorchinfoFormat.multAddsValue(t.totalMultAdds, unitNames: unitNames),
            divider,
            "Input size (MB): " + TorchinfoFormat.fixed2(Totals.megabytes(t.inputBytes)),
            "Forward/backward pass size (MB): " + TorchinfoFormat.fixed2(Totals.megabytes(t.forwardBackwardBytes)),
            "Params size (MB): " + TorchinfoFormat.fixed2(Totals.megabytes(t.paramsBytes)),
            "Estimated Total Size (MB): " + TorchinfoFormat.fixed2(Totals.megabytes(t.estimatedTotalBytes)),
            divider,
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// How each footer number was counted, with this summary's own numbers: what a learner
    /// needs to see why the top row shows the aux heads' parameters and the sizes leave them out.
    public func renderNotes() -> String {
        let t = totals
        let input = trace.input
        let missing = modulesThatDidNotRun
        var lines = ["How torchinfo 1.8.0 counted (\(trace.mode.rawValue) mode, input \(formatShape(input))):"]
        lines.append("  Total params \(formatCount(t.totalParams)) counts every parameter of the model:")
        if missing.isEmpty {
            lines.append("    all \(formatCount(t.paramsThatRan)) are in layers that ran.")
        } else {
            let list = missing.map { "\($0.path) \(formatCount($0.params))" }.joined(separator: ", ")
            lines.append("    \(formatCount(t.paramsThatRan)) in layers that ran,")
            lines.append("    \(formatCount(t.paramsThatDidNotRun)) in modules that never ran (\(list)).")
            lines.append("    Modules that never ran get no row; the row above them shows their parameters, as a row")
            lines.append("    above the depth limit shows only what the layers listed under it do not account for.")
        }
        lines.append("  A row at the depth limit (--depth \(depth)) shows all the parameters of the layers under it.")
        lines.append("  Total mult-adds \(formatCount(t.totalMultAdds)): over the layers that ran, Conv2d (weights + bias) × N·H_out·W_out,")
        lines.append("    Linear and BatchNorm2d parameters × N, layers without parameters 0.")
        lines.append("  Input size: \(input.map(String.init).joined(separator: "·")) = \(formatCount(input.reduce(1, *))) values × 4 bytes"
                     + " + \(Self.pythonStorageOverheadBytes) bytes of Python object = \(formatCount(t.inputBytes)) bytes.")
        lines.append("  Forward/backward pass size: 2 × the output bytes of every layer with parameters that ran"
                     + " = \(formatCount(t.forwardBackwardBytes)) bytes.")
        lines.append("  Params size: 4 bytes × \(formatCount(t.paramsThatRan)) parameters of layers that ran"
                     + " = \(formatCount(t.paramsBytes)) bytes" + (missing.isEmpty ? "." : " (the modules that never ran are left out)."))
        lines.append("  Estimated Total Size: the sum of the three = \(formatCount(t.estimatedTotalBytes)) bytes. MB here means 10⁶ bytes.")
        return lines.joined(separator: "\n") + "\n"
    }
}
