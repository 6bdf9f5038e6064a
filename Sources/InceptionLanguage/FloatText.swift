/// The text float() reads, as Python reads it: an optional sign, then digits with one `_`
/// between any two (1_000.5), an optional fraction and exponent, or inf / infinity / nan in any
/// case; spaces around it. Swift's Double(String) alone also takes hex ("0x1p3") and no `_`.
enum FloatText {
    /// A decimal digit of any script ('٢' is 2, as Python's float() reads it), as ASCII.
    private static func digit(_ c: Unicode.Scalar) -> Unicode.Scalar? {
        guard c.properties.numericType == .decimal, let v = c.properties.numericValue else { return nil }
        return Unicode.Scalar(UInt8(48 + Int(v)))
    }

    static func parse(_ text: String) -> Double? {
        let s = Array(text.trimmingCharacters(in: .whitespacesAndNewlines).unicodeScalars)
        var i = 0
        if i < s.count, s[i] == "+" || s[i] == "-" { i += 1 }
        let word = String(String.UnicodeScalarView(s[i...])).lowercased()
        if ["inf", "infinity", "nan"].contains(word) { return Double(String(String.UnicodeScalarView(s))) }
        var plain = String.UnicodeScalarView(s[..<i])
        /// digits with single underscores between them; false when there are none or a `_` is misplaced
        func digits() -> Bool {
            let start = i
            while i < s.count {
                if let d = digit(s[i]) { plain.append(d); i += 1; continue }
                if s[i] == "_", i > start, i + 1 < s.count, digit(s[i + 1]) != nil { i += 1; continue }
                break
            }
            return i > start
        }
        let whole = digits()
        var fraction = false
        if i < s.count, s[i] == "." {
            plain.append("."); i += 1
            fraction = i < s.count && digit(s[i]) != nil ? digits() : false
        }
        guard whole || fraction else { return nil }
        if i < s.count, s[i] == "e" || s[i] == "E" {
            plain.append("e"); i += 1
            if i < s.count, s[i] == "+" || s[i] == "-" { plain.append(s[i]); i += 1 }
            guard digits() else { return nil }
        }
        guard i == s.count else { return nil }
        return Double(String(plain))
    }
}
