/// Python's case mappings, which work on code points (not Swift's characters): each code point
/// maps in full (ß → SS, ﬁ → FI, İ → i̇), and a capital sigma lowers to ς at a word's end
/// (CPython's handle_capital_sigma: a cased letter before it, none after, case-ignorable ones
/// such as ' skipped). title() and capitalize() title-case a word's first letter (ǆ → ǅ).
enum PythonCase {
    typealias Scalars = [Unicode.Scalar]

    static func lower(_ s: String) -> String {
        let cs = Array(s.unicodeScalars)
        return String(String.UnicodeScalarView(cs.indices.flatMap { lowered(cs, $0) }))
    }

    static func upper(_ s: String) -> String { mapped(s) { $0.properties.uppercaseMapping } }

    /// casefold(): the lower case of the upper case (ß → ss, ς → σ, ﬁ → fi), as Unicode's full folding has it.
    static func casefold(_ s: String) -> String { mapped(s) { lowerOfUpper($0) } }

    static func swapcase(_ s: String) -> String {
        let cs = Array(s.unicodeScalars)
        return String(String.UnicodeScalarView(cs.indices.flatMap { i -> Scalars in
            let p = cs[i].properties
            if p.isUppercase { return lowered(cs, i) }
            return p.isLowercase ? Array(p.uppercaseMapping.unicodeScalars) : [cs[i]]
        }))
    }

    /// title(): a cased code point after a cased one lowers, any other is title-cased.
    static func title(_ s: String) -> String {
        let cs = Array(s.unicodeScalars)
        var out: Scalars = [], previousCased = false
        for i in cs.indices {
            out += previousCased ? lowered(cs, i) : Array(cs[i].properties.titlecaseMapping.unicodeScalars)
            previousCased = cs[i].properties.isCased
        }
        return String(String.UnicodeScalarView(out))
    }

    static func capitalize(_ s: String) -> String {
        let cs = Array(s.unicodeScalars)
        return String(String.UnicodeScalarView(cs.indices.flatMap { i -> Scalars in
            i == 0 ? Array(cs[i].properties.titlecaseMapping.unicodeScalars) : lowered(cs, i)
        }))
    }

    /// isupper() / islower(): some cased code point, and none lower (upper) or title case.
    static func isUpper(_ s: String) -> Bool { allCased(s) { $0.isUppercase } }
    static func isLower(_ s: String) -> Bool { allCased(s) { $0.isLowercase } }

    /// istitle(): upper and title case code points only after uncased ones, lower case only after cased ones.
    static func isTitle(_ s: String) -> Bool {
        var cased = false, previousCased = false
        for c in s.unicodeScalars {
            let p = c.properties
            if p.isUppercase || p.generalCategory == .titlecaseLetter {
                if previousCased { return false }
                previousCased = true; cased = true
            } else if p.isLowercase {
                if !previousCased { return false }
                previousCased = true; cased = true
            } else { previousCased = false }
        }
        return cased
    }

    private static func allCased(_ s: String, _ wanted: (Unicode.Scalar.Properties) -> Bool) -> Bool {
        var cased = false
        for c in s.unicodeScalars {
            let p = c.properties
            let isCaseLetter = p.isUppercase || p.isLowercase || p.generalCategory == .titlecaseLetter
            guard isCaseLetter else { continue }
            if !wanted(p) { return false }
            cased = true
        }
        return cased
    }

    private static func mapped(_ s: String, _ map: (Unicode.Scalar) -> String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.flatMap { map($0).unicodeScalars }))
    }

    private static func lowerOfUpper(_ c: Unicode.Scalar) -> String {
        // Cherokee folds to its capitals, the older letters (ꭰ → Ꭰ)
        if (0x13A0...0x13FF).contains(c.value) || (0xAB70...0xABBF).contains(c.value) { return c.properties.uppercaseMapping }
        return c.properties.uppercaseMapping.unicodeScalars.map { $0.properties.lowercaseMapping }.joined()
    }

    /// The lower case of cs[i]: Σ is ς when it ends a word.
    private static func lowered(_ cs: Scalars, _ i: Int) -> Scalars {
        if cs[i] == "\u{03A3}" { return [finalSigma(cs, i) ? "\u{03C2}" : "\u{03C3}"] }
        return Array(cs[i].properties.lowercaseMapping.unicodeScalars)
    }

    private static func finalSigma(_ cs: Scalars, _ i: Int) -> Bool {
        func casedAt(_ range: some Sequence<Int>) -> Bool {
            for j in range where !cs[j].properties.isCaseIgnorable { return cs[j].properties.isCased }
            return false
        }
        return casedAt((0..<i).reversed()) && !casedAt(i + 1..<cs.count)
    }
}

extension PythonCase {
    /// isalpha(): a letter of any category (Lu, Ll, Lt, Lm, Lo); a combining mark is not one.
    static func isAlpha(_ c: Unicode.Scalar) -> Bool {
        switch c.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return false
        }
    }
}
