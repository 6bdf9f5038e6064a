import Foundation

/// The str methods a learner writes around a network: `name.startswith("aux")` to pick
/// parameters, `"{} → {}".format(a, b)`, `" × ".join(parts)`, `line.split()`, `s.upper()`.
/// Each behaves as Python's (split() with no separator splits on runs of whitespace).
extension Interpreter {
    func stringMember(_ s: String, _ name: String) -> Value? {
        func method(_ signature: Signature, _ body: @escaping (BoundArguments) throws -> Value) -> Value {
            Self.builtin(signature) { _, a in try body(a) }
        }
        let whitespace = CharacterSet.whitespacesAndNewlines
        switch name {
        case "upper": return method(Signature(name)) { _ in .string(s.uppercased()) }
        case "lower": return method(Signature(name)) { _ in .string(s.lowercased()) }
        case "title": return method(Signature(name)) { _ in .string(s.capitalized) }
        case "capitalize": return method(Signature(name)) { _ in .string(s.prefix(1).uppercased() + s.dropFirst().lowercased()) }
        case "strip", "lstrip", "rstrip":
            return method(Signature(name, [("chars", Value.none)])) { a in
                let set = try a.optionalString("chars").map { CharacterSet(charactersIn: $0) } ?? whitespace
                var scalars = Substring(s).unicodeScalars[...]
                if name != "rstrip" { while let f = scalars.first, set.contains(f) { scalars.removeFirst() } }
                if name != "lstrip" { while let l = scalars.last, set.contains(l) { scalars.removeLast() } }
                return .string(String(String.UnicodeScalarView(scalars)))
            }
        case "splitlines":
            // at \n, \r\n or \r; no empty last line for a trailing break; keepends keeps the breaks
            return method(Signature(name, [("keepends", .bool(false))])) { a in
                let keep = try a.bool("keepends")
                var lines: [String] = [], line = ""
                for c in s {
                    if c == "\n" || c == "\r\n" || c == "\r" {
                        lines.append(keep ? line + String(c) : line); line = ""
                    } else { line.append(c) }
                }
                if !line.isEmpty { lines.append(line) }
                return .list(ListStorage(lines.map(Value.string)))
            }
        case "split":
            return method(Signature(name, [("sep", Value.none), ("maxsplit", .int(-1))])) { a in
                let limit = try a.int("maxsplit")
                guard let sep = try a.optionalString("sep") else {
                    // runs of whitespace, none at the ends
                    var parts = s.split(whereSeparator: { $0.isWhitespace }).map(String.init)
                    if limit >= 0, parts.count > limit + 1 {
                        let head = Array(parts.prefix(limit))
                        var rest = Substring(s)
                        for _ in 0..<limit {
                            rest = rest.drop(while: { $0.isWhitespace })
                            rest = rest.drop(while: { !$0.isWhitespace })
                        }
                        parts = head + [String(rest.drop(while: { $0.isWhitespace }))]
                    }
                    return .list(ListStorage(parts.map(Value.string)))
                }
                guard !sep.isEmpty else { throw LanguageFailure("empty separator") }
                var parts: [String] = [], rest = Substring(s)
                while limit < 0 || parts.count < limit, let r = rest.range(of: sep) {
                    parts.append(String(rest[..<r.lowerBound])); rest = rest[r.upperBound...]
                }
                return .list(ListStorage((parts + [String(rest)]).map(Value.string)))
            }
        case "join":
            return Self.builtin(Signature(name, [("iterable", nil)])) { interpreter, a in
                let items = try interpreter.iterationItems(a["iterable"])
                return .string(try items.enumerated().map { i, v in
                    guard case .string(let t) = v else { throw LanguageFailure("sequence item \(i): expected str instance, \(v.typeName) found") }
                    return t
                }.joined(separator: s))
            }
        case "replace":
            return method(Signature(name, [("old", nil), ("new", nil), ("count", .int(-1))])) { a in
                let (old, new, count) = (try a.string("old"), try a.string("new"), try a.int("count"))
                if old.isEmpty {
                    // Python puts `new` before every character and at the end ("x" → "-x-")
                    let slots = s.count + 1, n = count < 0 ? slots : min(count, slots)
                    var out = ""
                    for (i, c) in s.enumerated() { out += (i < n ? new : "") + String(c) }
                    return .string(out + (n == slots ? new : ""))
                }
                guard count >= 0 else { return .string(s.replacingOccurrences(of: old, with: new)) }
                var out = "", rest = Substring(s), done = 0
                while done < count, let r = rest.range(of: old) {
                    out += rest[..<r.lowerBound] + new; rest = rest[r.upperBound...]; done += 1
                }
                return .string(out + rest)
            }
        case "startswith", "endswith":
            return method(Signature(name, [("prefix", nil)])) { a in
                let options = a["prefix"].sequenceItems().flatMap { a["prefix"].typeName == "tuple" ? $0 : nil } ?? [a["prefix"]]
                return .bool(try options.contains { v in
                    guard case .string(let p) = v else { throw LanguageFailure("\(name) first arg must be str or a tuple of str, not \(v.typeName)") }
                    return name == "startswith" ? s.hasPrefix(p) : s.hasSuffix(p)
                })
            }
        case "find", "rfind", "index", "rindex", "count":
            return method(Signature(name, [("sub", nil)])) { a in
                let sub = try a.string("sub")
                if name == "count" {
                    guard !sub.isEmpty else { return .int(s.count + 1) }
                    return .int(s.components(separatedBy: sub).count - 1)
                }
                guard let r = s.range(of: sub, options: name.hasPrefix("r") ? .backwards : []) else {
                    if name.hasSuffix("find") { return .int(-1) }
                    throw LanguageFailure("substring not found", as: .valueError)
                }
                return .int(s.distance(from: s.startIndex, to: r.lowerBound))
            }
        case "isdigit", "isalpha", "isspace":
            return method(Signature(name)) { _ in
                let test: (Character) -> Bool = name == "isdigit" ? { $0.isNumber && $0.isASCII } : name == "isalpha" ? { $0.isLetter } : { $0.isWhitespace }
                return .bool(!s.isEmpty && s.allSatisfy(test))
            }
        case "zfill":
            return method(Signature(name, [("width", nil)])) { a in
                let pad = try IntegerOverflow.repeatCount(try a.int("width") - s.count, items: 1, itemBytes: 1, what: "a padded string")
                let sign = s.first.map { "+-".contains($0) } == true ? String(s.prefix(1)) : ""
                return .string(sign + String(repeating: "0", count: pad) + s.dropFirst(sign.count))
            }
        case "ljust", "rjust", "center":
            return method(Signature(name, [("width", nil), ("fillchar", .string(" "))])) { a in
                let pad = try IntegerOverflow.repeatCount(try a.int("width") - s.count, items: 1, itemBytes: 1, what: "a padded string")
                let fill = try a.string("fillchar")
                guard fill.count == 1 else { throw LanguageFailure("The fill character must be exactly one character long", as: .typeError) }
                func padding(_ n: Int) -> String { String(repeating: fill, count: n) }
                switch name {
                case "ljust": return .string(s + padding(pad))
                case "rjust": return .string(padding(pad) + s)
                default:
                    // CPython's rule for the odd space: on the left when the padding and the width are both odd
                    let left = pad / 2 + (pad & (try a.int("width")) & 1)
                    return .string(padding(left) + s + padding(pad - left))
                }
            }
        case "format":
            return .builtin(Builtin(name) { interpreter, arguments in
                .string(try interpreter.formatString(s, arguments))
            })
        default: return nil
        }
    }

    /// str.format: {} and {0} take positional arguments, {name} keyword ones, {…:spec} a
    /// format spec as f-strings take it, {{ and }} are braces.
    func formatString(_ s: String, _ arguments: Arguments) throws -> String {
        var out = "", automatic = 0
        var i = s.startIndex
        while i < s.endIndex {
            let c = s[i]
            let next = s.index(after: i)
            if c == "{", next < s.endIndex, s[next] == "{" { out.append("{"); i = s.index(after: next); continue }
            if c == "}", next < s.endIndex, s[next] == "}" { out.append("}"); i = s.index(after: next); continue }
            if c == "}" { throw LanguageFailure("Single '}' encountered in format string") }
            guard c == "{" else { out.append(c); i = next; continue }
            guard let close = s[next...].firstIndex(of: "}") else { throw LanguageFailure("Single '{' encountered in format string") }
            let field = s[next..<close]
            let (name, spec) = field.firstIndex(of: ":").map { (String(field[..<$0]), String(field[field.index(after: $0)...])) } ?? (String(field), "")
            let value: Value
            if name.isEmpty {
                guard automatic < arguments.positional.count else {
                    throw LanguageFailure("Replacement index \(automatic) out of range for positional args tuple", as: .indexError)
                }
                value = arguments.positional[automatic]; automatic += 1
            } else if let index = Int(name) {
                guard arguments.positional.indices.contains(index) else {
                    throw LanguageFailure("Replacement index \(index) out of range for positional args tuple", as: .indexError)
                }
                value = arguments.positional[index]
            } else {
                guard let v = arguments.keywords.first(where: { $0.name == name })?.value else { throw LanguageFailure.keyError(.string(name)) }
                value = v
            }
            out += spec.isEmpty ? value.text : try formatWithSpec(value, spec)
            i = s.index(after: close)
        }
        return out
    }
}
