import Foundation

/// Formats a lesson's prose (a small Markdown subset) for the terminal: headings, **bold**,
/// *emphasis* and `code`, paragraphs wrapped to the width, lists and quotes indented, tables
/// and fenced blocks kept as they are, and so are indented blocks (formulas, diagrams: a line
/// indented four spaces after a blank line). Without colour the markers are dropped, nothing else.
public struct ProseRenderer {
    public var terminal: Terminal
    public init(terminal: Terminal) { self.terminal = terminal }

    public func render(_ markdown: String) -> String {
        var out: [String] = []
        var paragraph: [String] = []
        var item: (marker: String, text: [String])?      // a list item and its continuation lines
        var inFence = false
        var inIndented = false                            // an indented block, kept verbatim
        func flush() {
            if let (marker, text) = item {
                let indent = String(repeating: " ", count: marker.count)
                let lines = wrap(inline(text.joined(separator: " ")), width: terminal.width - marker.count)
                for (i, l) in lines.enumerated() { out.append((i == 0 ? marker : indent) + l) }
                item = nil
            }
            guard !paragraph.isEmpty else { return }
            out += wrap(inline(paragraph.joined(separator: " ")), width: terminal.width)
            paragraph = []
        }
        for raw in markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            let line = raw.trimmingTrailingSpaces()
            if line.hasPrefix("```") { flush(); inFence.toggle(); continue }
            if inFence { out.append("    " + terminal.code(line)); continue }
            if line.isEmpty { flush(); inIndented = false; if out.last != "" { out.append("") }; continue }
            // Markdown's indented block: four spaces where no paragraph or list item goes on.
            if inIndented || (paragraph.isEmpty && item == nil && line.hasPrefix("    ")) {
                inIndented = line.hasPrefix("    ")
                if inIndented { out.append(line); continue }
            }
            if let level = headingLevel(line) {
                flush()
                let text = String(line.dropFirst(level + 1))
                out.append(terminal.heading(level == 1 ? text.uppercased() : text))
                if level <= 2 { out.append(terminal.dim(String(repeating: terminal.unicode ? "─" : "-", count: min(text.count, terminal.width)))) }
                continue
            }
            if line.hasPrefix("|") { flush(); out.append(inline(line)); continue }
            if let (marker, rest) = listItem(line) {
                flush()
                item = (marker, [rest])
                continue
            }
            if item != nil, line.hasPrefix(" ") {            // an indented line continues the item
                item!.text.append(line.trimmingLeadingSpaces())
                continue
            }
            if line.hasPrefix("> ") {
                flush()
                for l in wrap(inline(String(line.dropFirst(2))), width: terminal.width - 2) { out.append(terminal.dim("│ ") + terminal.italic(l)) }
                continue
            }
            paragraph.append(line.trimmingLeadingSpaces())
        }
        flush()
        while out.last == "" { out.removeLast() }
        while out.first == "" { out.removeFirst() }
        return out.joined(separator: "\n")
    }

    /// A prose cell as the REPL shows it after its code cell ran: without the ```output block
    /// that opens it (the code just printed that, and what the learner's code printed may differ).
    public static func withoutLeadingOutputBlock(_ markdown: String) -> String {
        var lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var i = 0
        while i < lines.count, lines[i].trimmingCharacters(in: .whitespaces).isEmpty { i += 1 }
        guard i < lines.count, LessonOutputs.outputFence(lines[i]).isOutput,
              let close = lines[(i + 1)...].firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "```" }) else { return markdown }
        lines.removeSubrange(0...close)
        return lines.joined(separator: "\n")
    }

    func headingLevel(_ line: String) -> Int? {
        let hashes = line.prefix { $0 == "#" }.count
        return (1...4).contains(hashes) && line.dropFirst(hashes).hasPrefix(" ") ? hashes : nil
    }

    func listItem(_ line: String) -> (String, String)? {
        let trimmed = line.trimmingLeadingSpaces()
        let lead = String(repeating: " ", count: line.count - trimmed.count)
        if trimmed.hasPrefix("- ") || trimmed.hasPrefix("* ") {
            return (lead + (terminal.unicode ? "• " : "- "), String(trimmed.dropFirst(2)))
        }
        let digits = trimmed.prefix { $0.isNumber }
        if !digits.isEmpty, trimmed.dropFirst(digits.count).hasPrefix(". ") {
            return (lead + digits + ". ", String(trimmed.dropFirst(digits.count + 2)))
        }
        return nil
    }

    /// **bold**, *emphasis*, `code`: styled with colour, markers removed without.
    func inline(_ text: String) -> String {
        var out = "", i = text.startIndex
        while i < text.endIndex {
            let rest = text[i...]
            if rest.hasPrefix("**"), let end = rest.dropFirst(2).range(of: "**") {
                out += terminal.bold(String(rest[rest.index(i, offsetBy: 2)..<end.lowerBound])); i = end.upperBound; continue
            }
            if rest.hasPrefix("`"), let end = rest.dropFirst().firstIndex(of: "`") {
                out += terminal.code(String(rest[rest.index(after: i)..<end])); i = text.index(after: end); continue
            }
            if rest.hasPrefix("*"), !rest.hasPrefix("* "), let end = rest.dropFirst().firstIndex(of: "*") {
                out += terminal.italic(String(rest[rest.index(after: i)..<end])); i = text.index(after: end); continue
            }
            out.append(text[i]); i = text.index(after: i)
        }
        return out
    }
}

/// Greedy word wrap to `width` visible characters (ANSI colour sequences take no room).
func wrap(_ text: String, width: Int) -> [String] {
    func visible(_ s: Substring) -> Int {
        var n = 0, inEscape = false
        for ch in s {
            if ch == "\u{1B}" { inEscape = true } else if inEscape { if ch == "m" { inEscape = false } } else { n += 1 }
        }
        return n
    }
    var lines: [String] = [], current = "", length = 0
    for word in text.split(separator: " ") {
        let n = visible(word)
        if current.isEmpty { current = String(word); length = n }
        else if length + 1 + n <= width { current += " " + word; length += 1 + n }
        else { lines.append(current); current = String(word); length = n }
    }
    if !current.isEmpty { lines.append(current) }
    return lines
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = Substring(self)
        while s.last == " " || s.last == "\t" || s.last == "\r" { s = s.dropLast() }
        return String(s)
    }
    func trimmingLeadingSpaces() -> String { String(drop { $0 == " " || $0 == "\t" }) }
}
