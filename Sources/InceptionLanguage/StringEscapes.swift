import Foundation

/// Python's backslash escapes in a string literal (not a raw one), shared by plain strings and
/// the text of f-strings: \n \t \r \a \b \f \v \\ \' \", octal \ooo (one to three digits,
/// "\101" is "A"), \xhh, \uhhhh, \Uhhhhhhhh and \N{NAME} (a character by its Unicode name). An
/// unknown escape keeps its backslash, as Python does.
enum StringEscapes {
    enum Decoded {
        /// The text and the index after the escape.
        case text(String, next: Int)
        /// A malformed escape: Python's SyntaxError, with a fix.
        case failure(String, fix: String, next: Int)
    }

    /// The escape whose letter is at `i` (just after the backslash).
    static func decode(_ chars: [Unicode.Scalar], at i: Int) -> Decoded {
        let c = chars[i]
        switch c {
        case "n": return .text("\n", next: i + 1)
        case "t": return .text("\t", next: i + 1)
        case "r": return .text("\r", next: i + 1)
        case "a": return .text("\u{07}", next: i + 1)
        case "b": return .text("\u{08}", next: i + 1)
        case "f": return .text("\u{0C}", next: i + 1)
        case "v": return .text("\u{0B}", next: i + 1)
        case "\\", "'", "\"": return .text(String(c), next: i + 1)
        case "0"..."7":
            var code: UInt32 = 0, j = i
            while j < chars.count, j < i + 3, ("0"..."7").contains(chars[j]) { code = code * 8 + (chars[j].value - 48); j += 1 }
            return .text(String(Character(Unicode.Scalar(code)!)), next: j)
        case "x", "u", "U":
            let digits = c == "x" ? 2 : c == "u" ? 4 : 8
            var code: UInt32 = 0, j = i + 1
            while j < chars.count, j < i + 1 + digits, let v = UInt32(String(chars[j]), radix: 16) { code = code * 16 + v; j += 1 }
            guard j == i + 1 + digits, let scalar = Unicode.Scalar(code) else {
                return .failure("this string has a malformed \\\(c) escape", fix: "write \(digits) hex digits after it", next: j)
            }
            return .text(String(Character(scalar)), next: j)
        case "N":
            guard i + 1 < chars.count, chars[i + 1] == "{", let close = chars[(i + 1)...].firstIndex(of: "}") else {
                return .failure("this string has a malformed \\N character escape", fix: "write \\N{NAME}, e.g. \\N{BULLET}", next: i + 1)
            }
            let name = String(String.UnicodeScalarView(chars[(i + 2)..<close]))
            guard let character = character(named: name) else {
                return .failure("unknown Unicode character name '\(name)' in \\N{…}", fix: "use the character's Unicode name, e.g. \\N{GREEK SMALL LETTER ALPHA}, or write \\uXXXX", next: close + 1)
            }
            return .text(character, next: close + 1)
        default:
            return .text("\\" + String(c), next: i + 1)
        }
    }

    /// The character with this Unicode name (any case), by ICU's name transform; nil when none has it.
    static func character(named name: String) -> String? {
        guard !name.isEmpty, !name.contains("}"), !name.contains("\\") else { return nil }
        guard let found = "\\N{\(name.uppercased())}".applyingTransform(StringTransform(rawValue: "Name-Any"), reverse: false),
              !found.hasPrefix("\\N{"), found.unicodeScalars.count == 1 else { return nil }
        return found
    }
}
