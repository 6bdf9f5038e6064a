import Foundation
import InceptionRuntime

/// `import json`: dumps (indent, sort_keys, separators) and loads, with Python's text: ", " and
/// ": " between items, non-ASCII escaped, Infinity and NaN for the special floats. (There is
/// no open() here, so no dump / load to files.)
extension Interpreter {
    func jsonNamespace() -> Namespace {
        Namespace("json", [
            "dumps": Self.builtin(Signature("dumps", [("obj", nil), ("indent", Value.none), ("sort_keys", .bool(false)), ("separators", Value.none),
                                                      ("ensure_ascii", .bool(true))])) { _, a in
                var indent: String?
                switch a["indent"] {
                case .int(let n):
                    guard n <= 1000 else { throw LanguageFailure("json.dumps(): an indent over 1,000 spaces is not supported here") }
                    indent = String(repeating: " ", count: max(n, 0))
                case .string(let s): indent = s
                default: indent = nil
                }
                var (itemSeparator, keySeparator) = (indent == nil ? ", " : ",", ": ")
                if let pair = a["separators"].sequenceItems(), pair.count == 2, case .string(let i) = pair[0], case .string(let k) = pair[1] {
                    (itemSeparator, keySeparator) = (i, k)
                }
                let writer = JSONWriter(indent: indent, itemSeparator: itemSeparator, keySeparator: keySeparator,
                                        sortKeys: try a.bool("sort_keys"), asciiOnly: try a.bool("ensure_ascii"))
                return .string(try writer.text(a["obj"], depth: 0))
            },
            "loads": Self.builtin(Signature("loads", [("s", nil)])) { _, a in
                var reader = JSONReader(Array(try a.string("s").unicodeScalars))
                return try reader.document()
            },
            "JSONDecodeError": Self.exceptionClass("JSONDecodeError"),
        ])
    }
}

/// Python's json.dumps, value by value.
struct JSONWriter {
    let indent: String?
    let itemSeparator: String, keySeparator: String
    let sortKeys: Bool, asciiOnly: Bool

    func text(_ v: Value, depth: Int) throws -> String {
        guard depth < ValueLimits.maxDepth else { throw LanguageFailure("Circular reference detected", as: .valueError) }
        switch v {
        case .none: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .float(let f): return f.isNaN ? "NaN" : f.isInfinite ? (f > 0 ? "Infinity" : "-Infinity") : formatFloat(f)
        case .string(let s): return quoted(s)
        case .tuple(let xs): return try array(xs, depth)
        case .list(let l) where l.view == nil: return try array(l.items, depth)
        case .dict(let d):
            var entries = try d.entries.map { (key: try key($0.key), value: $0.value) }
            if sortKeys { entries.sort { $0.key < $1.key } }
            return try container("{", "}", entries.map { quoted($0.key) + keySeparator + (try text($0.value, depth: depth + 1)) }, depth)
        default: throw LanguageFailure("Object of type \(v.typeName) is not JSON serializable", fix: v.asTensor != nil ? "convert it first: x.tolist() or x.item()" : nil, as: .typeError)
        }
    }

    private func array(_ xs: [Value], _ depth: Int) throws -> String {
        try container("[", "]", xs.map { try text($0, depth: depth + 1) }, depth)
    }

    private func container(_ open: String, _ close: String, _ parts: [String], _ depth: Int) throws -> String {
        guard !parts.isEmpty else { return open + close }
        guard let indent else { return open + parts.joined(separator: itemSeparator) + close }
        let inner = "\n" + String(repeating: indent, count: depth + 1)
        return open + inner + parts.joined(separator: itemSeparator + inner) + "\n" + String(repeating: indent, count: depth) + close
    }

    /// A dict key as JSON has it: strings as they are; numbers, bools and None as their JSON text.
    private func key(_ k: Value) throws -> String {
        switch k {
        case .string(let s): return s
        case .int, .float, .bool, .none: return try text(k, depth: 0)
        default: throw LanguageFailure("keys must be str, int, float, bool or None, not \(k.typeName)", as: .typeError)
        }
    }

    private func quoted(_ s: String) -> String { JSONText.quoted(s, asciiOnly: asciiOnly) }
}

/// Python's json.loads: objects become dicts (in order), arrays lists, numbers ints or floats.
struct JSONReader {
    let chars: [Unicode.Scalar]
    var i = 0
    init(_ chars: [Unicode.Scalar]) { self.chars = chars }

    mutating func document() throws -> Value {
        let v = try value(depth: 0)
        skipSpace()
        guard i == chars.count else { throw failure("Extra data") }
        return v
    }

    private func failure(_ what: String) -> LanguageFailure {
        // Python's JSONDecodeError text: "Expecting value: line 1 column 1 (char 0)"
        var line = 1, column = 1
        for c in chars[..<min(i, chars.count)] { if c == "\n" { line += 1; column = 1 } else { column += 1 } }
        // caught as json.JSONDecodeError (a ValueError), the class its message names
        var failure = LanguageFailure("JSONDecodeError: \(what): line \(line) column \(column) (char \(i))")
        failure.attributes = ["msg": .string(what), "pos": .int(i), "lineno": .int(line), "colno": .int(column), "doc": .string(String(String.UnicodeScalarView(chars)))]
        return failure
    }

    private mutating func skipSpace() { while i < chars.count, [" ", "\t", "\n", "\r"].contains(chars[i]) { i += 1 } }

    private mutating func value(depth: Int) throws -> Value {
        guard depth < ValueLimits.maxDepth else { throw failure("nested too deeply") }
        skipSpace()
        guard i < chars.count else { throw failure("Expecting value") }
        switch chars[i] {
        case "{":
            i += 1
            let d = DictStorage()
            skipSpace()
            if i < chars.count, chars[i] == "}" { i += 1; return .dict(d) }
            while true {
                skipSpace()
                guard i < chars.count, chars[i] == "\"" else { throw failure("Expecting property name enclosed in double quotes") }
                let k = try string()
                skipSpace()
                guard i < chars.count, chars[i] == ":" else { throw failure("Expecting ':' delimiter") }
                i += 1
                d.set(.string(k), try value(depth: depth + 1))
                skipSpace()
                guard i < chars.count else { throw failure("Expecting ',' delimiter") }
                if chars[i] == "}" { i += 1; return .dict(d) }
                guard chars[i] == "," else { throw failure("Expecting ',' delimiter") }
                i += 1
            }
        case "[":
            i += 1
            var items: [Value] = []
            skipSpace()
            if i < chars.count, chars[i] == "]" { i += 1; return .list(ListStorage(items)) }
            while true {
                items.append(try value(depth: depth + 1))
                skipSpace()
                guard i < chars.count else { throw failure("Expecting ',' delimiter") }
                if chars[i] == "]" { i += 1; return .list(ListStorage(items)) }
                guard chars[i] == "," else { throw failure("Expecting ',' delimiter") }
                i += 1
            }
        case "\"": return .string(try string())
        default:
            for (word, v) in [("true", Value.bool(true)), ("false", .bool(false)), ("null", .none), ("NaN", .float(.nan)),
                              ("Infinity", .float(.infinity)), ("-Infinity", .float(-.infinity))] where matches(word) {
                i += word.unicodeScalars.count
                return v
            }
            return try number()
        }
    }

    private func matches(_ word: String) -> Bool {
        let w = Array(word.unicodeScalars)
        return i + w.count <= chars.count && Array(chars[i..<(i + w.count)]) == w
    }

    private mutating func number() throws -> Value {
        let start = i
        if i < chars.count, chars[i] == "-" { i += 1 }
        var isFloat = false
        while i < chars.count, "0123456789.eE+-".unicodeScalars.contains(chars[i]) {
            if ".eE".unicodeScalars.contains(chars[i]) { isFloat = true }
            i += 1
        }
        var text = ""
        text.unicodeScalars.append(contentsOf: chars[start..<i])
        if !isFloat, let n = Int(text) { return .int(n) }
        if let f = Double(text), text != "-" { return .float(f) }
        i = start
        throw failure("Expecting value")
    }

    private mutating func string() throws -> String {
        i += 1      // the opening quote
        var out = ""
        while i < chars.count {
            let c = chars[i]
            i += 1
            switch c {
            case "\"": return out
            case "\\":
                guard i < chars.count else { break }
                let e = chars[i]
                i += 1
                switch e {
                case "n": out += "\n"
                case "t": out += "\t"
                case "r": out += "\r"
                case "b": out += "\u{08}"
                case "f": out += "\u{0C}"
                case "u":
                    guard i + 4 <= chars.count, let code = UInt32(String(String.UnicodeScalarView(chars[i..<(i + 4)])), radix: 16) else {
                        throw failure("Invalid \\uXXXX escape")
                    }
                    i += 4
                    var scalar = code
                    // a surrogate pair: the low half follows as \uXXXX
                    if (0xD800..<0xDC00).contains(code), i + 6 <= chars.count, chars[i] == "\\", chars[i + 1] == "u",
                       let low = UInt32(String(String.UnicodeScalarView(chars[(i + 2)..<(i + 6)])), radix: 16), (0xDC00..<0xE000).contains(low) {
                        scalar = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        i += 6
                    }
                    out.unicodeScalars.append(Unicode.Scalar(scalar) ?? "\u{FFFD}")
                default: out.unicodeScalars.append(e)
                }
            default: out.unicodeScalars.append(c)
            }
        }
        throw failure("Unterminated string starting at")
    }
}
