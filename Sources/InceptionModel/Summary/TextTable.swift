/// A plain aligned text table: text columns left-aligned, number columns right-aligned,
/// two spaces between columns. Lines that are not rows (notes, formulas) pass through.
struct TextTable {
    enum Align { case left, right }
    enum Line { case cells([String]), text(String), rule, groups([(title: String, span: Int)]) }

    var alignments: [Align]
    var lines: [Line] = []

    init(_ alignments: [Align]) { self.alignments = alignments }

    mutating func add(_ cells: [String]) { lines.append(.cells(cells)) }
    mutating func note(_ text: String) { lines.append(.text(text)) }
    mutating func rule() { lines.append(.rule) }
    /// Titles over groups of columns ("with 1×1 reduction" over three columns); they do not widen columns.
    mutating func groups(_ groups: [(title: String, span: Int)]) { lines.append(.groups(groups)) }

    func render() -> String {
        var widths = [Int](repeating: 0, count: alignments.count)
        for case .cells(let cells) in lines {
            for (i, cell) in cells.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.unicodeScalars.count) }
        }
        let total = widths.reduce(0, +) + 2 * max(widths.count - 1, 0)
        var out: [String] = []
        for line in lines {
            switch line {
            case .text(let text): out.append(text)
            case .rule: out.append(String(repeating: "─", count: total))
            case .groups(let groups):
                var row = "", column = 0
                for (title, span) in groups {
                    let columns = widths[column..<min(column + span, widths.count)]
                    let width = columns.reduce(0, +) + 2 * max(columns.count - 1, 0)
                    let pad = max(width - title.unicodeScalars.count, 0)
                    // Right-aligned columns get their title on the right, like their numbers.
                    let right = column < alignments.count && alignments[column] == .right
                    row += (right ? String(repeating: " ", count: pad) + title : title + String(repeating: " ", count: pad)) + "  "
                    column += span
                }
                while row.hasSuffix(" ") { row.removeLast() }
                out.append(row)
            case .cells(let cells):
                var parts: [String] = []
                for (i, width) in widths.enumerated() {
                    let cell = i < cells.count ? cells[i] : ""
                    let pad = String(repeating: " ", count: max(width - cell.unicodeScalars.count, 0))
                    parts.append(alignments[i] == .left ? cell + pad : pad + cell)
                }
                var row = parts.joined(separator: "  ")
                while row.hasSuffix(" ") { row.removeLast() }
                out.append(row)
            }
        }
        return out.joined(separator: "\n") + "\n"
    }
}
