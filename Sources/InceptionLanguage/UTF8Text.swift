import Foundation

/// Source text must be UTF-8: bytes that are not (a binary file, a file saved in Latin-1) are
/// reported once, at their first line, instead of as one syntax error per byte.
public enum UTF8Text {
    /// The first line (1-based) holding bytes that are not UTF-8; nil when all of it is UTF-8.
    public static func firstInvalidLine(_ data: Data) -> Int? {
        if String(data: data, encoding: .utf8) != nil { return nil }
        var line = 1
        var start = data.startIndex
        for i in data.indices where data[i] == 0x0A || (data[i] == 0x0D && data.index(after: i) < data.endIndex && data[data.index(after: i)] != 0x0A) {
            // a line ends at "\n", or at a "\r" not followed by one (universal newlines)
            if String(data: data[start..<i], encoding: .utf8) == nil { return line }
            line += 1
            start = data.index(after: i)
        }
        return line
    }

    /// Line endings as Python reads source (universal newlines): "\r\n" (Windows) and a lone
    /// "\r" (classic Mac OS) each end a line, as "\n" does. Without this a file saved with
    /// "\r" alone was one long line: its first comment hid the whole program.
    public static func universalNewlines(_ text: String) -> String {
        guard text.unicodeScalars.contains("\r") else { return text }
        var out = String.UnicodeScalarView()
        var previousCR = false
        for s in text.unicodeScalars {
            if s == "\r" { out.append("\n"); previousCR = true; continue }
            if s == "\n" && previousCR { previousCR = false; continue }
            previousCR = false
            out.append(s)
        }
        return String(out)
    }

    /// A line as the REPL echoes it: control characters (NUL, escape, …; not tab) written as
    /// `\x00`, so a piped binary cannot drive the terminal.
    public static func escapingControls(_ line: String) -> String {
        guard line.unicodeScalars.contains(where: isControl) else { return line }
        var out = ""
        for s in line.unicodeScalars {
            if isControl(s) { out += String(format: "\\x%02x", s.value) } else { out.unicodeScalars.append(s) }
        }
        return out
    }

    /// The first control character in a line (not tab), with its 1-based column.
    public static func firstControl(_ line: String) -> (column: Int, scalar: Unicode.Scalar)? {
        for (i, s) in line.unicodeScalars.enumerated() where isControl(s) { return (i + 1, s) }
        return nil
    }

    static func isControl(_ s: Unicode.Scalar) -> Bool {
        (s.value < 0x20 && s != "\t") || s.value == 0x7F
    }
}
