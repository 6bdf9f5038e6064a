import Foundation

/// JSON string literals as Python's json.dumps (and serde_json) write them: the quote, the
/// backslash and \n \r \t \b \f escaped by name, other control characters as \u00XX, and with
/// `asciiOnly` (json.dumps' ensure_ascii) everything past ASCII as \uXXXX (a surrogate pair
/// above U+FFFF). Shared by the safetensors header and the language's json module.
public enum JSONText {
    public static func quoted(_ s: String, asciiOnly: Bool = false) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case _ where c.value < 0x20 || (asciiOnly && c.value > 0x7E):
                if c.value > 0xFFFF {
                    let v = c.value - 0x10000
                    out += String(format: "\\u%04x\\u%04x", 0xD800 + (v >> 10), 0xDC00 + (v & 0x3FF))
                } else {
                    out += String(format: "\\u%04x", c.value)
                }
            default: out.unicodeScalars.append(c)
            }
        }
        return out + "\""
    }
}
