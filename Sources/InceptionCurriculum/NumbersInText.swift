import Foundation

/// Two texts that say the same with numbers that may differ a little: "validation loss 1.623,
/// accuracy 53.7%" against "validation loss 1.634, accuracy 50.5%" agree within 10%. The text
/// between the numbers must be the same (runs of spaces count as one, so a column that grew a
/// digit still agrees), there must be as many numbers, and each pair within the relative
/// tolerance of the larger.
enum NumbersInText {
    static func agree(_ a: String, _ b: String, relativeTolerance: Double) -> Bool {
        let (x, y) = (split(a), split(b))
        guard x.text == y.text, x.numbers.count == y.numbers.count else { return false }
        return zip(x.numbers, y.numbers).allSatisfy { p, q in
            abs(p - q) <= relativeTolerance * max(abs(p), abs(q))
        }
    }

    // "loss 1.623, 53.7%" → text "loss #, #%", numbers [1.623, 53.7]
    static func split(_ s: String) -> (text: String, numbers: [Double]) {
        var text = "", numbers: [Double] = []
        let chars = Array(s)
        var i = 0
        func isDigit(_ k: Int) -> Bool { k < chars.count && chars[k].isASCII && chars[k].isNumber }
        while i < chars.count {
            let signed = (chars[i] == "-" || chars[i] == "+" || chars[i] == "−") && isDigit(i + 1)
            guard isDigit(i) || signed else {
                if chars[i] == " ", text.last == " " { i += 1; continue }
                text.append(chars[i]); i += 1; continue
            }
            var literal = signed ? (chars[i] == "+" ? "" : "-") : ""
            if signed { i += 1 }
            // digits with thousands commas, a fraction, an exponent
            while isDigit(i) || (i < chars.count && chars[i] == "," && isDigit(i + 1) && isDigit(i + 2) && isDigit(i + 3)) {
                if chars[i] != "," { literal.append(chars[i]) }
                i += 1
            }
            if i < chars.count, chars[i] == ".", isDigit(i + 1) {
                literal.append("."); i += 1
                while isDigit(i) { literal.append(chars[i]); i += 1 }
            }
            if i + 1 < chars.count, chars[i] == "e" || chars[i] == "E",
               isDigit(i + 1) || ((chars[i + 1] == "-" || chars[i + 1] == "+") && isDigit(i + 2)) {
                literal.append("e"); i += 1
                if chars[i] == "-" || chars[i] == "+" { literal.append(chars[i]); i += 1 }
                while isDigit(i) { literal.append(chars[i]); i += 1 }
            }
            numbers.append(Double(literal) ?? .nan)
            text.append("#")
        }
        return (text, numbers)
    }
}
