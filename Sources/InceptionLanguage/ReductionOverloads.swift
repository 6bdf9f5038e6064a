import Foundation

/// PyTorch's argument parser in front of the reductions: each call is matched against the
/// overloads PyTorch shows (`sum(*, dtype)`, `sum(tuple of ints dim, bool keepdim, *, dtype)`);
/// a call none of them takes is PyTorch's TypeError, worded as its parser words it, where the
/// methods here would have taken it (`x.sum(keepdim=True)`, `x.prod(dim=(0,))`,
/// `x.max(dim=None)`, `x.aminmax(0)`). A call some overload takes goes on to the method, which
/// does its own checks of values (a dim out of range). Used by `x.f(…)` and `torch.f(x, …)`.
enum ReductionOverloads {
    enum Kind: String {
        case int = "int", intList = "tuple of ints", bool = "bool", dtype = "torch.dtype", number = "Number", tensor = "Tensor"
    }
    struct Parameter {
        var name: String, kind: Kind, optional: Bool, hasDefault: Bool, keywordOnly: Bool
    }
    typealias Form = [Parameter]

    /// Each form as PyTorch prints it (the method's; the function's adds `Tensor input` first).
    /// `?` after the kind: None is taken; `=`: has a default; after `*`: by keyword only.
    static let written: [String: [String]] = [
        "sum": ["*, dtype? dtype=", "intList? dim, bool keepdim=, *, dtype? dtype="],
        "mean": ["*, dtype? dtype=", "intList? dim, bool keepdim=, *, dtype? dtype="],
        "prod": ["*, dtype? dtype=", "int dim, bool keepdim=, *, dtype? dtype="],
        "max": ["", "tensor other", "int dim, bool keepdim="], "min": ["", "tensor other", "int dim, bool keepdim="],
        "amax": ["intList? dim=, bool keepdim="], "amin": ["intList? dim=, bool keepdim="],
        "argmax": ["int? dim=, bool keepdim="], "argmin": ["int? dim=, bool keepdim="],
        "std": ["intList? dim, bool unbiased=, bool keepdim=", "intList? dim=, *, number? correction=, bool keepdim=", "bool unbiased="],
        "var": ["intList? dim, bool unbiased=, bool keepdim=", "intList? dim=, *, number? correction=, bool keepdim=", "bool unbiased="],
        "logsumexp": ["intList dim, bool keepdim="],
        "median": ["", "int dim, bool keepdim="], "nanmedian": ["", "int dim, bool keepdim="],
        "nansum": ["intList? dim=, bool keepdim=, *, dtype? dtype="], "nanmean": ["intList? dim=, bool keepdim=, *, dtype? dtype="],
        "all": ["", "intList? dim=, bool keepdim=", "int dim, bool keepdim="], "any": ["", "intList? dim=, bool keepdim=", "int dim, bool keepdim="],
        "cumsum": ["int dim, *, dtype? dtype="], "cumprod": ["int dim, *, dtype? dtype="],
        "mode": ["int dim=, bool keepdim="], "count_nonzero": ["int? dim=", "intList dim"],
        "aminmax": ["*, int? dim=, bool keepdim="],
        "cummax": ["int dim"], "cummin": ["int dim"], "logcumsumexp": ["int dim"],
    ]

    static let forms: [String: [Form]] = written.mapValues { $0.map(parse) }

    static func parse(_ text: String) -> Form {
        var keywordOnly = false
        var form: Form = []
        for part in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !part.isEmpty {
            if part == "*" { keywordOnly = true; continue }
            let words = part.split(separator: " ")
            let kindText = String(words[0]), nameText = String(words[1])
            let optional = kindText.hasSuffix("?")
            form.append(Parameter(name: nameText.hasSuffix("=") ? String(nameText.dropLast()) : nameText,
                                  kind: Kind(rawValue: kindName(optional ? String(kindText.dropLast()) : kindText))!,
                                  optional: optional, hasDefault: nameText.hasSuffix("="), keywordOnly: keywordOnly))
        }
        return form
    }

    private static func kindName(_ s: String) -> String {
        ["int": "int", "intList": "tuple of ints", "bool": "bool", "dtype": "torch.dtype", "number": "Number", "tensor": "Tensor"][s]!
    }

    /// Whether a value is of the kind (leniently: the method reads a list's items itself).
    static func fits(_ v: Value, _ p: Parameter) -> Bool {
        if case .none = v { return p.optional }
        switch (p.kind, v) {
        case (.int, .int): return true
        case (.int, .tensor(let t)), (.intList, .tensor(let t)):
            return t.count == 1 && [.int64, .int32].contains(TensorKinds.shared.dtype(t))
        case (.intList, .int), (.intList, .tuple), (.intList, .list), (.intList, .size): return true
        case (.bool, .bool): return true
        case (.dtype, .object(let o as TorchToken)): return o.typeName == "torch.dtype"
        case (.number, .int), (.number, .float), (.number, .bool), (.number, .tensor): return true
        case (.tensor, .tensor): return true
        default: return false
        }
    }

    /// Throws PyTorch's TypeError when no form of `name` takes the call (its input already taken
    /// off: `call.positionBase` 2 for `torch.f(x, …)`).
    static func check(_ name: String, _ given: Arguments) throws {
        guard let forms = forms[name] else { return }
        var call = given
        // PyTorch's parser reads NumPy's names as its own
        call.keywords = call.keywords.map { k in (["axis": "dim", "keepdims": "keepdim"][k.name] ?? k.name, k.value) }
        if forms.contains(where: { (try? bind(name, $0, call, raising: false)) == true }) { return }
        // one form: its own error; else PyTorch's parser counts the arguments given against each
        // form's least and most, and words the error of the one form that could take that many
        if forms.count == 1 { _ = try bind(name, forms[0], call, raising: true) }
        let count = call.positional.count + call.keywords.count
        let plausible = forms.filter { form in
            count >= form.filter { !$0.hasDefault }.count && count <= form.count + (takesOut(name, form) && call.positionBase > 1 ? 1 : 0)
        }
        if plausible.count == 1 { _ = try bind(name, plausible[0], call, raising: true) }
        throw TorchArgumentErrors.invalidCombination(name, given)
    }

    /// Whether the torch function's form also takes out= (counted among its arguments): the forms
    /// with a dim or another tensor, and mean's with dtype alone (mean.dtype_out).
    private static func takesOut(_ name: String, _ form: Form) -> Bool {
        form.contains { ["dim", "other"].contains($0.name) } || (name == "mean" && form.count == 1)
    }

    /// PyTorch's FunctionSignature::parse: too many positional arguments, then each parameter
    /// in turn (missing, or of the wrong kind), then a keyword no parameter has.
    private static func bind(_ name: String, _ form: Form, _ call: Arguments, raising: Bool) throws -> Bool {
        let offset = call.positionBase - 1
        let positionalMax = form.filter { !$0.keywordOnly }.count
        func fail(_ message: String) throws -> Bool {
            if raising { throw LanguageFailure(message, as: .typeError) }
            return false
        }
        if call.positional.count > positionalMax {
            let low = form.filter { !$0.keywordOnly && !$0.hasDefault }.count + offset, high = positionalMax + offset, n = call.positional.count + offset
            let takes = low == high ? "\(high) positional argument\(high == 1 ? "" : "s")" : "from \(low) to \(high) positional arguments"
            return try fail("\(name)() takes \(takes) but \(n) \(n == 1 ? "was" : "were") given")
        }
        var used = Set<String>()
        var missing: [String] = []
        for (i, p) in form.enumerated() {
            let value: Value?
            var position: Int? = nil
            if i < call.positional.count, !p.keywordOnly {
                value = call.positional[i]; position = i + 1 + offset
            } else {
                value = call.keywords.first(where: { $0.name == p.name })?.value
                if value != nil { used.insert(p.name) }
            }
            guard let value else {
                if !p.hasDefault { missing.append(p.name) }
                continue
            }
            guard missing.isEmpty else { continue }
            if !fits(value, p) {
                let place = position.map { " (position \($0))" } ?? ""
                return try fail("\(name)(): argument '\(p.name)'\(place) must be \(p.kind.rawValue), not \(TorchArgumentErrors.typeName(value))")
            }
        }
        if !missing.isEmpty {
            // PyTorch's own wording: "arguments" when one is missing
            return try fail("\(name)() missing \(missing.count) required positional argument\(missing.count == 1 ? "s" : ""): "
                            + missing.map { "\"\($0)\"" }.joined(separator: ", "))
        }
        if let extra = call.keywords.first(where: { !used.contains($0.name) }) {
            let positionalNames = form.prefix(call.positional.count).map(\.name)
            if positionalNames.contains(extra.name) { return try fail("\(name)() got multiple values for argument '\(extra.name)'") }
            return try fail("\(name)() got an unexpected keyword argument '\(extra.name)'")
        }
        return true
    }
}
