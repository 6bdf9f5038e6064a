import Foundation
import InceptionRuntime

/// How values print: `text` for print(), `repr` inside containers, as in Python.
extension Value {
    /// print(x): strings as they are, everything else as repr.
    public var text: String {
        if case .string(let s) = self { return s }
        if case .object(let o) = self { return o.str }
        if case .module(let m) = self, let s = ModulePrinting.classText(m, "__str__") ?? ModulePrinting.classText(m, "__repr__") { return s }
        return repr
    }

    public var repr: String {
        switch self {
        case .none: return "None"
        case .bool(let b): return b ? "True" : "False"
        case .int(let i): return String(i)
        case .float(let f): return formatFloat(f)
        case .string(let s): return quoted(s)
        case .tuple, .list, .dict, .set: return containerRepr(self)
        case .size(let s): return torchSizeText(s)
        case .tensor(let t): return formatTensor(t)
        case .module(let m): return ModulePrinting.classText(m, "__repr__") ?? ModulePrinting.repr(m)
        case .function(let f): return "<function \(f.decl.qualifiedName)>"
        case .builtin(let b):
            guard let path = BuiltinClassPaths.path(of: b.name) else { return "<built-in function \(b.name)>" }
            return "<class '\(path)'>"
        case .classValue(let c): return "<class '__main__.\(c.decl.qualifiedName)'>"          // a program's class, as Python names it
        case .namespace(let n): return "<module '\(n.name)'>"
        case .object(let o): return o.repr
        }
    }
}

/// Python's float repr: 0.5, 1e-05, 100.0, inf.
public func formatFloat(_ f: Double) -> String {
    if f.isNaN { return "nan" }
    if f.isInfinite { return f < 0 ? "-inf" : "inf" }
    return pythonFloatRepr(f.description)
}

/// Python's float repr from Swift's (both the shortest digits that read back as the same
/// double): Python writes them without an exponent when the decimal exponent is from -4 to 15
/// (9876543210987654.0, 0.0001), with one otherwise (1e+16, 1.5e-05); Swift switches at 2^53.
func pythonFloatRepr(_ swift: String) -> String {
    var text = Substring(swift)
    let sign = text.first == "-" ? "-" : ""
    if !sign.isEmpty { text = text.dropFirst() }
    // the digits and the exponent of the first one: d.ddd × 10^exponent
    var mantissa = text, exponent = 0
    if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
        mantissa = text[..<e]
        exponent = Int(text[text.index(after: e)...]) ?? 0
    }
    let point = mantissa.firstIndex(of: ".")
    let whole = point.map { mantissa[..<$0] } ?? mantissa
    let fraction = point.map { mantissa[mantissa.index(after: $0)...] } ?? ""
    var digits = String(whole) + fraction
    exponent += whole.count - 1
    let leading = digits.prefix { $0 == "0" }.count
    if leading == digits.count { return sign + "0.0" }          // 0.0 (its sign kept)
    digits.removeFirst(leading); exponent -= leading
    while digits.count > 1, digits.hasSuffix("0") { digits.removeLast() }
    if exponent >= -4 && exponent < 16 {
        if exponent < 0 { return sign + "0." + String(repeating: "0", count: -exponent - 1) + digits }
        let integerCount = exponent + 1
        if digits.count <= integerCount { return sign + digits + String(repeating: "0", count: integerCount - digits.count) + ".0" }
        return sign + digits.prefix(integerCount) + "." + digits.dropFirst(integerCount)
    }
    let body = digits.count > 1 ? digits.prefix(1) + "." + digits.dropFirst() : Substring(digits)
    let magnitude = String(abs(exponent))
    return sign + body + "e" + (exponent < 0 ? "-" : "+") + (magnitude.count < 2 ? "0" : "") + magnitude
}

/// The kinds of character Python's repr writes as an escape (and str.isprintable refuses).
func escapedInRepr(_ category: Unicode.GeneralCategory) -> Bool {
    switch category {
    case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator, .spaceSeparator: return true
    default: return false
    }
}

private func quoted(_ s: String) -> String {
    let quote = s.contains("'") && !s.contains("\"") ? "\"" : "'"
    var out = quote
    for c in s.unicodeScalars {          // scalars: "\r\n" is one Character but two escapes
        switch c {
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case "\\": out += "\\\\"
        case _ where c != " " && escapedInRepr(c.properties.generalCategory):
            // what Python's repr escapes (not str.isprintable): \x07, \u200b, \U000e0001
            let (mark, width) = c.value < 0x100 ? ("x", 2) : c.value < 0x10000 ? ("u", 4) : ("U", 8)
            let hex = String(c.value, radix: 16)
            out += "\\" + mark + String(repeating: "0", count: width - hex.count) + hex
        default: out += String(c) == quote ? "\\" + quote : String(c)
        }
    }
    return out + quote
}

/// PyTorch's tensor repr (TensorPrinting).
func formatTensor(_ t: Tensor) -> String { TensorPrinting.repr(t) }

struct TensorStatistics {
    var mean = 0.0, std = 0.0, min = 0.0, max = 0.0
    init(_ t: Tensor) {
        guard t.count > 0 else { return }
        var sum = 0.0, lo = Double(t.data[0]), hi = lo
        for i in 0..<t.count { let v = Double(t.data[i]); sum += v; lo = Swift.min(lo, v); hi = Swift.max(hi, v) }
        mean = sum / Double(t.count)
        var squares = 0.0
        for i in 0..<t.count { let d = Double(t.data[i]) - mean; squares += d * d }
        std = t.count > 1 ? (squares / Double(t.count - 1)).squareRoot() : 0
        min = lo; max = hi
    }
}

/// Python's printf-style `format % values`: conversions %[(key)][flags][width][.precision]type
/// with types d i u f F e E g G s r x X o c and %%, flags - + space 0 #, the values a tuple, a
/// dict (for %(key)s) or one value; numbers through `formatWithSpec`, as `format()` has them.
func percentFormat(_ format: String, _ values: Value) throws -> String {
    var positional: [Value]
    var mapping: DictStorage?
    switch values {
    case .tuple(let xs): positional = xs
    case .dict(let d): positional = [values]; mapping = d
    default: positional = [values]
    }
    var next = 0, out = "", chars = Array(format), i = 0
    func take() throws -> Value {
        guard next < positional.count else { throw LanguageFailure("not enough arguments for format string", as: .typeError) }
        defer { next += 1 }
        return positional[next]
    }
    while i < chars.count {
        guard chars[i] == "%" else { out.append(chars[i]); i += 1; continue }
        i += 1
        guard i < chars.count else { throw LanguageFailure("incomplete format", as: .valueError) }
        if chars[i] == "%" { out.append("%"); i += 1; continue }
        var value: Value?
        if chars[i] == "(" {
            guard let close = chars[i...].firstIndex(of: ")") else { throw LanguageFailure("incomplete format key", as: .valueError) }
            let key = String(chars[(i + 1)..<close])
            guard let mapping else { throw LanguageFailure("format requires a mapping", as: .typeError) }
            guard let v = mapping[.string(key)] else { throw LanguageFailure.keyError(.string(key)) }
            value = v; i = close + 1
        }
        var flags = Set<Character>()
        while i < chars.count, "-+ 0#".contains(chars[i]) { flags.insert(chars[i]); i += 1 }
        var width = ""
        if i < chars.count, chars[i] == "*" { width = String(try take().asInt ?? 0); i += 1 }
        while i < chars.count, chars[i].isNumber { width.append(chars[i]); i += 1 }
        var precision: String?
        if i < chars.count, chars[i] == "." {
            i += 1
            var p = ""
            while i < chars.count, chars[i].isNumber { p.append(chars[i]); i += 1 }
            precision = p.isEmpty ? "0" : p
        }
        guard i < chars.count else { throw LanguageFailure("incomplete format", as: .valueError) }
        let type = chars[i]; i += 1
        var v = try value ?? take()
        // a one-element tensor is its number to the numeric types (Tensor's __int__ and __float__)
        if "diuxXofFeEgGc".contains(type), case .tensor(let t) = v, !t.isMeta {
            guard t.count == 1 else { throw LanguageFailure("only one element tensors can be converted to Python scalars", as: .valueError) }
            v = Interpreter.pythonScalar(t, 0)
        }
        let align = flags.contains("-") ? "<" : ">"
        let sign = flags.contains("+") ? "+" : flags.contains(" ") ? " " : ""
        let zero = flags.contains("0") && !flags.contains("-") ? "0" : ""
        func number(_ spec: String, _ x: Value, alternate: String = "") throws -> String {
            guard isNumber(x) else { throw LanguageFailure("%\(type) format: a real number is required, not \(x.typeName)", as: .typeError) }
            return try formatWithSpec(x, (zero.isEmpty ? align : "") + sign + alternate + zero + width + spec)
        }
        switch type {
        case "d", "i", "u":
            guard isNumber(v), let d = v.asDouble, d.isFinite else { throw LanguageFailure("%\(type) format: a real number is required, not \(v.typeName)", as: .typeError) }
            out += try number("d", .int(Int(d.rounded(.towardZero))))
        case "f", "F", "e", "E", "g", "G":
            let lower = Character(type.lowercased())
            // "#": the point and a g's trailing zeros kept ("%#.3g" % 1.0 is 1.00)
            var text = try number(".\(precision ?? "6")\(lower)", isNumber(v) ? .float(v.asDouble ?? 0) : v, alternate: flags.contains("#") ? "#" : "")
            if type.isUppercase { text = text.uppercased() }
            out += text
        case "x", "X", "o":
            guard case .int(let n) = v else { throw LanguageFailure("%\(type) format: an integer is required, not \(v.typeName)", as: .typeError) }
            let digits = String(n.magnitude, radix: type == "o" ? 8 : 16, uppercase: type == "X")
            // "#": 0x / 0X / 0o, before the zero padding ("%#06x" % 255 is 0x00ff)
            let prefix = flags.contains("#") ? (type == "o" ? "0o" : type == "x" ? "0x" : "0X") : ""
            let signed = (n < 0 ? "-" : sign) + prefix + digits
            let pad = max((Int(width) ?? 0) - signed.count, 0)
            out += zero.isEmpty ? (align == "<" ? signed + String(repeating: " ", count: pad) : String(repeating: " ", count: pad) + signed)
                                : (n < 0 ? "-" : sign) + prefix + String(repeating: "0", count: pad) + digits
        case "s", "r", "c":
            var text = type == "r" ? v.repr : v.text
            if type == "c" { text = v.asInt.flatMap { Unicode.Scalar($0).map { String(Character($0)) } } ?? v.text }
            if let p = precision.flatMap({ Int($0) }) { text = String(text.prefix(p)) }
            let pad = max((Int(width) ?? 0) - text.count, 0)
            out += align == "<" ? text + String(repeating: " ", count: pad) : String(repeating: " ", count: pad) + text
        default:
            let code = String(type.unicodeScalars.first!.value, radix: 16)
            throw LanguageFailure("unsupported format character '\(type)' (0x\(code)) at index \(i - 1)", as: .valueError)
        }
    }
    if mapping == nil, next < positional.count {
        throw LanguageFailure("not all arguments converted during string formatting", as: .typeError)
    }
    return out
}
