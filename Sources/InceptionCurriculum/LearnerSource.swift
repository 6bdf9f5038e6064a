import Foundation
import InceptionLanguage

/// Reading an exercise file the way the checker needs it: is it still the shipped starter,
/// and does it still hold a TODO where code should be?
public enum LearnerSource {
    /// The placeholder the starters put where the learner's code goes.
    public static let marker = "TODO"

    /// The text with trailing spaces and trailing blank lines removed, and line endings made
    /// "\n": an editor that trims whitespace or adds a final newline does not count as an attempt.
    public static func normalized(_ text: String) -> String {
        let lines = UTF8Text.universalNewlines(text).split(separator: "\n", omittingEmptySubsequences: false)
        var trimmed = lines.map { line -> Substring in
            var l = line
            while let last = l.last, last == " " || last == "\t" { l = l.dropLast() }
            return l
        }
        while let last = trimmed.last, last.isEmpty { trimmed.removeLast() }
        return trimmed.joined(separator: "\n")
    }

    /// The first line holding bytes that are not UTF-8.
    public struct NotUTF8: Error, Equatable { public let line: Int }

    /// A file's bytes as text: UTF-8 with its line endings made "\n" (a lone "\r" ends a line,
    /// as in Python), or the first line (1-based) that is not UTF-8.
    public static func decode(_ data: Data) -> Result<String, NotUTF8> {
        if let line = UTF8Text.firstInvalidLine(data) { return .failure(NotUTF8(line: line)) }
        return .success(UTF8Text.universalNewlines(String(decoding: data, as: UTF8.self)))
    }

    /// Whether the learner's file is the shipped starter (up to whitespace at line ends).
    public static func isUntouched(_ text: String, starter: String) -> Bool {
        normalized(text) == normalized(starter)
    }

    /// The first line (1-based) whose code, outside a comment and outside strings, still says
    /// TODO (the starters' placeholder is the bare name); nil when none. A `# TODO: …` comment
    /// is an instruction and may stay, and a string the learner wrote ("not sure - TODO: measure")
    /// is their text.
    public static func firstTodoLine(_ text: String) -> (line: Int, text: String)? {
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if codePart(String(line)).contains(marker) {
                return (i + 1, line.trimmingCharacters(in: .whitespaces))
            }
        }
        return nil
    }

    /// A line without its comment (the part before a `#` that is not inside a string), and
    /// with each string's contents left out.
    static func codePart(_ line: String) -> String {
        var quote: Character?
        var out = ""
        for c in line {
            if let q = quote {
                if c == q { quote = nil; out.append(c) }
                continue
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == "#" {
                break
            }
            out.append(c)
        }
        return out
    }
}
