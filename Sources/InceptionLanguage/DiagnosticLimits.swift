import InceptionRuntime

/// Error output stays short whatever the input: a 20 KB line with 20,000 unclosed '(' once
/// printed 20,000 errors, each echoing the whole line (600 MB). Now at most 10 errors are
/// shown ("… and 19,990 more errors"), each echoing at most 120 characters of its line
/// around the column, and at most 10 "called from" lines (a call repeated in a row is one
/// line: "called from f.inc:2:12 (200 times)").
enum DiagnosticLimits {
    static let errors = 10
    static let callers = 10
    static let lineWidth = 120

    /// Consecutive equal lines as one line and how many times it came: ["a", "a", "b"] → [("a", 2), ("b", 1)].
    static func runs(_ lines: [String]) -> [(text: String, count: Int)] {
        var runs: [(text: String, count: Int)] = []
        for line in lines {
            if runs.last?.text == line { runs[runs.count - 1].count += 1 } else { runs.append((line, 1)) }
        }
        return runs
    }

    /// The part of `line` to echo and the caret's column within it.
    static func window(_ line: String, column: Int) -> (String, Int) {
        let scalars = Array(line.unicodeScalars)
        guard scalars.count > lineWidth else { return (line, column) }
        let at = max(min(column - 1, scalars.count), 0)
        let start = max(0, min(at - lineWidth / 2, scalars.count - lineWidth))
        let end = min(scalars.count, start + lineWidth)
        var text = String(String.UnicodeScalarView(scalars[start..<end]))
        var caret = at - start + 1
        if start > 0 { text = "…" + text; caret += 1 }
        if end < scalars.count { text += "…" }
        return (text, caret)
    }
}
