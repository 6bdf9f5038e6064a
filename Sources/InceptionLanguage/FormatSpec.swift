import Foundation

/// Python's format-spec mini-language, as `format(value, spec)`, f"{value:spec}" and
/// "{:spec}".format(value) read it:
///
///     [[fill]align][sign]["z"]["#"]["0"][width][grouping]["." precision][type]
///
/// ints take the types b c d o x X n (and the float ones, converting), floats e E f F g G n %,
/// strings s; a bool with a spec formats as its int. Each refusal is Python's ValueError text
/// ("Unknown format code 'x' for object of type 'float'").
struct FormatSpec {
    var fill: Character?, align: Character?
    var sign: Character?
    var negativeZeroToPositive = false     // "z"
    var alternate = false                  // "#": 0x…, a kept decimal point
    var zeroPadded = false                 // "0" before the width
    var width = 0
    var grouping: Character?               // "," or "_"
    var precision: Int?
    var type: Character?

    /// Parses `spec`; `typeName` is the formatted value's, for the message of a spec that does not parse.
    init(_ spec: String, typeName: String) throws {
        var chars = Array(spec)[...]
        let invalid = LanguageFailure("Invalid format specifier '\(spec)' for object of type '\(typeName)'", as: .valueError)
        if chars.count >= 2, "<>^=".contains(chars[chars.startIndex + 1]) {
            fill = chars.removeFirst(); align = chars.removeFirst()
        } else if let c = chars.first, "<>^=".contains(c) { align = chars.removeFirst() }
        if let c = chars.first, "+- ".contains(c) { sign = chars.removeFirst() }
        if chars.first == "z" { negativeZeroToPositive = true; chars.removeFirst() }
        if chars.first == "#" { alternate = true; chars.removeFirst() }
        if chars.first == "0" { zeroPadded = true; chars.removeFirst() }
        // A width or precision past 10,000 is refused: f"{1:1000000000}" would fill a gigabyte with spaces.
        func number() throws -> Int? {
            var n: Int?
            while let c = chars.first, let d = c.wholeNumberValue, c.isASCII {
                n = (n ?? 0) * 10 + d; chars.removeFirst()
                guard n! <= 10_000 else { throw LanguageFailure("format spec '\(spec)': a width or precision above 10,000 is not supported", as: .valueError) }
            }
            return n
        }
        width = try number() ?? 0
        if let c = chars.first, c == "," || c == "_" { grouping = chars.removeFirst() }
        if chars.first == "," || chars.first == "_" { throw LanguageFailure("Cannot specify both ',' and '_'.", as: .valueError) }
        if chars.first == "." {
            chars.removeFirst()
            guard let p = try number() else { throw LanguageFailure("Format specifier missing precision", as: .valueError) }
            precision = p
        }
        if let c = chars.first { type = c; chars.removeFirst() }
        guard chars.isEmpty else { throw invalid }
    }

    private func unknownCode(_ typeName: String) -> LanguageFailure {
        LanguageFailure("Unknown format code '\(type.map(String.init) ?? "")' for object of type '\(typeName)'", as: .valueError)
    }

    // MARK: strings

    func format(string s: String) throws -> String {
        guard type == nil || type == "s" else { throw unknownCode("str") }
        if sign != nil { throw LanguageFailure("Sign not allowed in string format specifier", as: .valueError) }
        if negativeZeroToPositive { throw LanguageFailure("Negative zero coercion (z) not allowed in string format specifier", as: .valueError) }
        if alternate { throw LanguageFailure("Alternate form (#) not allowed in string format specifier", as: .valueError) }
        if align == "=" { throw LanguageFailure("'=' alignment not allowed in string format specifier", as: .valueError) }
        if let g = grouping { throw LanguageFailure("Cannot specify '\(g)' with 's'.", as: .valueError) }
        let body = precision.map { String(s.prefix($0)) } ?? s
        return padded(body, defaultAlign: "<")
    }

    // MARK: integers

    func format(int n: Int, typeName: String = "int") throws -> String {
        switch type {
        case nil, "d", "n", "b", "o", "x", "X", "c": break
        case "e", "E", "f", "F", "g", "G", "%": return try format(float: Double(n))
        default: throw unknownCode(typeName)
        }
        if precision != nil { throw LanguageFailure("Precision not allowed in integer format specifier", as: .valueError) }
        if negativeZeroToPositive { throw LanguageFailure("Negative zero coercion (z) not allowed in integer format specifier", as: .valueError) }
        if let g = grouping, let t = type, !(g == "," ? "d" : "dboxX").contains(t) {
            throw LanguageFailure("Cannot specify '\(g)' with '\(t)'.", as: .valueError)
        }
        if type == "c" {
            if sign != nil { throw LanguageFailure("Sign not allowed with integer format specifier 'c'", as: .valueError) }
            guard n >= 0, n < 0x110000, let scalar = Unicode.Scalar(UInt32(n)) else {
                throw LanguageFailure("%c arg not in range(0x110000)", as: .overflowError)
            }
            return padded(String(Character(scalar)), defaultAlign: ">")
        }
        let radix = type == "b" ? 2 : type == "o" ? 8 : type == "x" || type == "X" ? 16 : 10
        let digits = String(n.magnitude, radix: radix, uppercase: type == "X")
        let prefix = alternate && radix != 10 ? "0" + String(type!) : ""
        return numberText(negative: n < 0, prefix: prefix, integerDigits: digits, rest: "", groupSize: radix == 10 ? 3 : 4)
    }

    // MARK: floats

    func format(float given: Double) throws -> String {
        guard type.map({ "eEfFgGn%".contains($0) }) ?? true else { throw unknownCode("float") }
        if let g = grouping, type == "n" { throw LanguageFailure("Cannot specify '\(g)' with 'n'.", as: .valueError) }
        var x = type == "%" ? given * 100 : given
        let upper = type.map { $0.isUppercase } ?? false
        var body: String
        if !x.isFinite {
            body = x.isNaN ? "nan" : "inf"
            if upper { body = body.uppercased() }
            if type == "%" { body += "%" }
            return numberText(negative: x.sign == .minus && !x.isNaN, prefix: "", integerDigits: "", rest: body, groupSize: 3)
        }
        let negative = x.sign == .minus
        x = abs(x)
        switch type {
        case "e", "E": body = String(format: "%\(alternate ? "#" : "").\(precision ?? 6)e", x)
        case "f", "F", "%": body = String(format: "%\(alternate ? "#" : "").\(precision ?? 6)f", x)
        case "g", "G", "n": body = String(format: "%\(alternate ? "#" : "").\(max(precision ?? 6, 1))g", x)
        default:
            // no type: repr without a precision; with one, 'g' that keeps a ".0" and turns to an
            // exponent one digit sooner (f"{12.0:.2}" is "1.2e+01").
            guard let p = precision else {
                body = formatFloat(x)
                // "#": a decimal point always (1e+300 → 1.e+300)
                if alternate, !body.contains(".") { body = body.replacingOccurrences(of: "e", with: ".e") }
                break
            }
            let digits = max(p, 1)
            let scientific = String(format: "%\(alternate ? "#" : "").\(digits - 1)e", x)
            let exponent = Int(scientific[scientific.index(after: scientific.firstIndex(of: "e")!)...])!
            if exponent < -4 || exponent >= digits - 1 {
                body = alternate ? scientific : Self.trimmedMantissa(scientific)
            } else {
                body = String(format: "%#.\(digits - 1 - exponent)f", x)
                if !alternate { while body.hasSuffix("0") { body.removeLast() } }
                if body.hasSuffix(".") { body += "0" }
            }
        }
        if upper { body = body.uppercased() }
        if type == "%" { body += "%" }
        // "z": a negative zero after rounding prints as 0
        let isZero = !body.contains { ("1"..."9").contains($0) }
        let cut = body.firstIndex { !$0.isNumber } ?? body.endIndex
        return numberText(negative: negative && !(negativeZeroToPositive && isZero), prefix: "",
                          integerDigits: String(body[..<cut]), rest: String(body[cut...]), groupSize: 3)
    }

    /// "1.50e+01" → "1.5e+01": 'g' drops the mantissa's trailing zeros.
    private static func trimmedMantissa(_ s: String) -> String {
        guard let e = s.firstIndex(of: "e"), s[..<e].contains(".") else { return s }
        var mantissa = String(s[..<e])
        while mantissa.hasSuffix("0") { mantissa.removeLast() }
        if mantissa.hasSuffix(".") { mantissa.removeLast() }
        return mantissa + s[e...]
    }

    // MARK: layout

    /// Sign, prefix (0x), the integer digits grouped, the rest (".5e+01", "%"), padded to the
    /// width; zero padding after the sign, grouped as the digits are (f"{12.0:08,}" is "00,012.0").
    private func numberText(negative: Bool, prefix: String, integerDigits: String, rest: String, groupSize: Int) -> String {
        let signText = negative ? "-" : sign == "+" ? "+" : sign == " " ? " " : ""
        let zeroFill = (fill ?? (zeroPadded ? "0" : " ")) == "0" && (align ?? (zeroPadded ? "=" : ">")) == "="
        var digits = integerDigits
        if let g = grouping, zeroFill, !digits.isEmpty {
            // pad with zeros, grouped, until the number fills the width (one wider if a separator would lead)
            var grouped = Self.grouped(digits, g, groupSize)
            while signText.count + prefix.count + grouped.count + rest.count < width {
                digits = "0" + digits
                grouped = Self.grouped(digits, g, groupSize)
            }
            return signText + prefix + grouped + rest
        }
        if let g = grouping { digits = Self.grouped(digits, g, groupSize) }
        return padded(signText + prefix + digits + rest, defaultAlign: ">", afterSign: signText.count + prefix.count)
    }

    private static func grouped(_ digits: String, _ separator: Character, _ size: Int) -> String {
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % size == 0 { out.append(separator) }
            out.append(ch)
        }
        return out
    }

    /// `body` padded to the width with the fill; "=" puts the padding after the first `afterSign` characters.
    private func padded(_ body: String, defaultAlign: Character, afterSign: Int = 0) -> String {
        let pad = width - body.count
        guard pad > 0 else { return body }
        let fillCharacter = fill ?? (zeroPadded ? "0" : " ")
        func filler(_ n: Int) -> String { String(repeating: fillCharacter, count: n) }
        switch align ?? (zeroPadded && defaultAlign == ">" ? "=" : defaultAlign) {
        case "<": return body + filler(pad)
        case "^": return filler(pad / 2) + body + filler(pad - pad / 2)
        case "=": return String(body.prefix(afterSign)) + filler(pad) + body.dropFirst(afterSign)
        default: return filler(pad) + body
        }
    }
}

/// format(value, spec): numbers and strings by the mini-language; a 0-d tensor as its Python
/// number, even with an empty spec (Tensor.__format__: f"{loss}" prints 0.25, not tensor(0.2500));
/// anything else only with an empty spec, as Python's object.__format__.
func formatWithSpec(_ given: Value, _ spec: String) throws -> String {
    if case .tensor(let t) = given, spec.isEmpty, t.rank == 0, !t.isMeta, !t.isParameter { return Interpreter.pythonScalar(t, 0).text }
    if spec.isEmpty { return given.text }
    var value = given
    if case .tensor(let t) = given {
        guard t.rank == 0, !t.isMeta, !t.isParameter else {
            throw LanguageFailure("unsupported format string passed to \(t.isParameter ? "Parameter" : "Tensor").__format__", fix: "format one value: f\"{x.item():\(spec)}\" or f\"{x[0]:\(spec)}\"", as: .typeError)
        }
        value = Interpreter.pythonScalar(t, 0)
    }
    switch value {
    case .int, .bool, .float, .string: break
    default:
        throw LanguageFailure("unsupported format string passed to \(value.typeName).__format__", as: .typeError)
    }
    let format = try FormatSpec(spec, typeName: value.typeName)
    switch value {
    case .int(let n): return try format.format(int: n)
    case .bool(let b): return try format.format(int: b ? 1 : 0, typeName: "bool")
    case .float(let x): return try format.format(float: x)
    case .string(let s): return try format.format(string: s)
    default: return value.text          // not reached: the kinds above
    }
}
