import InceptionRuntime

/// :diagram — an Inception module drawn as boxes, one column per branch.
extension Session {
    /// The four branches of an Inception module, side by side, each a column of boxes.
    func diagram(_ path: String) {
        guard let module = resolveModule(path.isEmpty ? "inception3a" : path) else { write("no module at '\(path)'"); return }
        guard module.children.count >= 2 else { write("\(path) has no parallel branches to draw; try an Inception module such as inception3a"); return }
        // The input's channels: what the first layer that changes channels reads.
        let inputChannels = module.namedModules().lazy.compactMap { $0.module.diagramBox?.channels?.input }.first
        var columns: [[String]] = []
        var outChannels: [Int] = []
        for (name, branch) in module.children {
            var boxes: [String] = []
            var channels = inputChannels ?? 0
            for (_, leaf) in branch.namedModules() where leaf.isLeaf {
                guard let box = leaf.diagramBox else { continue }
                boxes.append(box.label)
                if let c = box.channels { channels = c.output }
            }
            columns.append([name] + boxes)
            outChannels.append(channels)
        }
        let width = max(16, (columns.flatMap { $0 }.map(\.count).max() ?? 10) + 6)
        func center(_ s: String, _ w: Int) -> String {
            let pad = max(0, w - s.count)
            return String(repeating: " ", count: pad / 2) + s + String(repeating: " ", count: pad - pad / 2)
        }
        let u = terminal.unicode
        let (tl, tr, bl, br, h, v) = u ? ("┌", "┐", "└", "┘", "─", "│") : ("+", "+", "+", "+", "-", "|")
        var lines = [center("input: \(inputChannels.map(String.init) ?? "?") channels  (\(path.isEmpty ? "inception3a" : path))", (width + 1) * columns.count)]
        lines.append(columns.map { _ in center(u ? "↓" : "v", width) }.joined(separator: " "))
        let depth = columns.map(\.count).max() ?? 0
        for row in 0..<depth {
            let cells = columns.map { $0.count > row ? $0[row] : nil }
            if row == 0 {
                lines.append(cells.map { center($0 ?? "", width) }.joined(separator: " "))
                continue
            }
            lines.append(cells.map { $0 == nil ? String(repeating: " ", count: width) : " " + tl + String(repeating: h, count: width - 4) + tr + " " }.joined(separator: " "))
            lines.append(cells.map { $0 == nil ? String(repeating: " ", count: width) : " " + v + center($0!, width - 4) + v + " " }.joined(separator: " "))
            lines.append(cells.map { $0 == nil ? String(repeating: " ", count: width) : " " + bl + String(repeating: h, count: width - 4) + br + " " }.joined(separator: " "))
        }
        lines.append(outChannels.map { center("\(u ? "↓" : "v") \($0)", width) }.joined(separator: " "))
        let total = outChannels.reduce(0, +)
        lines.append(center("concatenate on channels: " + outChannels.map(String.init).joined(separator: " + ") + " = \(total)", (width + 1) * columns.count))
        write(lines.map { $0.trimmingTrailingSpaces() }.joined(separator: "\n"))
    }
}
