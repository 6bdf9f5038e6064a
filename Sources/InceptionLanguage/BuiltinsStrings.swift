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
        case "upper": return method(Signature(name)) { _ in .string(PythonCase.upper(s)) }
        case "lower": return method(Signature(name)) { _ in .string(PythonCase.lower(s)) }
        case "title": return method(Signature(name)) { _ in .string(PythonCase.title(s)) }
        case "swapcase": return method(Signature(name)) { _ in .string(PythonCase.swapcase(s)) }
        case "casefold": return method(Signature(name)) { _ in .string(PythonCase.casefold(s)) }
        case "removeprefix", "removesuffix":
            return method(Signature(name, [("affix", nil)])) { a in
                let affix = try a.string("affix")
                if name == "removeprefix" { return .string(s.hasPrefix(affix) ? String(s.dropFirst(affix.count)) : s) }
                return .string(s.hasSuffix(affix) ? String(s.dropLast(affix.count)) : s)
            }
        case "partition", "rpartition":
            return method(Signature(name, [("sep", nil)])) { a in
                let sep = try a.string("sep")
                guard !sep.isEmpty else { throw LanguageFailure("empty separator", as: .valueError) }
                guard let r = s.range(of: sep, options: name == "rpartition" ? .backwards : []) else {
                    return .tuple(name == "partition" ? [.string(s), .string(""), .string("")] : [.string(""), .string(""), .string(s)])
                }
                return .tuple([.string(String(s[..<r.lowerBound])), .string(sep), .string(String(s[r.upperBound...]))])
            }
        case "rsplit":
            return method(Signature(name, [("sep", Value.none), ("maxsplit", .int(-1))])) { a in
                // split() of the reversed string at the reversed separator, read back
                let sep = try a.optionalString("sep")
                if sep?.isEmpty == true { throw LanguageFailure("empty separator", as: .valueError) }
                let split = self.stringMember(String(s.reversed()), "split")!
                let parts = try self.callBack(split, Arguments([sep.map { .string(String($0.reversed())) } ?? .none, a["maxsplit"]]))
                return .list(ListStorage((parts.sequenceItems() ?? []).reversed().map { .string(String($0.text.reversed())) }))
            }
        case "expandtabs":
            return method(Signature(name, [("tabsize", .int(8))])) { a in
                let size = try a.int("tabsize")
                var out = "", column = 0
                for c in s {
                    if c == "\t" {
                        let n = size > 0 ? size - column % size : 0
                        out += String(repeating: " ", count: n); column += n
                    } else {
                        out.append(c); column = c == "\n" || c == "\r" ? 0 : column + 1
                    }
                }
                return .string(out)
            }
        case "capitalize": return method(Signature(name)) { _ in .string(PythonCase.capitalize(s)) }
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
                    if limit >= 0, parts.count >= limit + 1 {      // the last part keeps its trailing whitespace
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
                guard !sep.isEmpty else { throw LanguageFailure("empty separator", as: .valueError) }
                var parts: [String] = [], rest = Substring(s)
                while limit < 0 || parts.count < limit, let r = rest.range(of: sep) {
                    parts.append(String(rest[..<r.lowerBound])); rest = rest[r.upperBound...]
                }
                return .list(ListStorage((parts + [String(rest)]).map(Value.string)))
            }
        case "join":
            return Self.builtin(Signature(name, [("iterable", nil)])) { interpreter, a in
                let items: [Value]
                do { items = try interpreter.iterationItems(a["iterable"]) } catch let failure as LanguageFailure where failure.pythonClass == .typeError {
                    throw LanguageFailure("can only join an iterable", fix: failure.fix, as: .typeError)
                }
                return .string(try items.enumerated().map { i, v in
                    guard case .string(let t) = v else { throw LanguageFailure("sequence item \(i): expected str instance, \(v.typeName) found", fix: "convert the items first: sep.join(map(str, items))", as: .typeError) }
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
            return method(Signature(name, [("prefix", nil), ("start", Value.none), ("end", Value.none)])) { a in
                guard let (window, _) = try Self.window(s, a) else { return .bool(false) }
                let options = a["prefix"].sequenceItems().flatMap { a["prefix"].typeName == "tuple" ? $0 : nil } ?? [a["prefix"]]
                return .bool(try options.contains { v in
                    guard case .string(let p) = v else { throw LanguageFailure("\(name) first arg must be str or a tuple of str, not \(v.typeName)", as: .typeError) }
                    return name == "startswith" ? window.hasPrefix(p) : window.hasSuffix(p)
                })
            }
        case "find", "rfind", "index", "rindex", "count":
            return method(Signature(name, [("sub", nil), ("start", Value.none), ("end", Value.none)])) { a in
                let sub = try a.string("sub")
                guard let (window, offset) = try Self.window(s, a) else {
                    if name == "count" { return .int(0) }
                    if name.hasSuffix("find") { return .int(-1) }
                    throw LanguageFailure("substring not found", as: .valueError)
                }
                if name == "count" {
                    guard !sub.isEmpty else { return .int(window.count + 1) }
                    return .int(window.components(separatedBy: sub).count - 1)
                }
                guard let r = sub.isEmpty ? (name.hasPrefix("r") ? window.endIndex..<window.endIndex : window.startIndex..<window.startIndex)
                                          : window.range(of: sub, options: name.hasPrefix("r") ? .backwards : []) else {
                    if name.hasSuffix("find") { return .int(-1) }
                    throw LanguageFailure("substring not found", as: .valueError)
                }
                return .int(offset + window.distance(from: window.startIndex, to: r.lowerBound))
            }
        case "isdigit", "isalpha", "isspace", "isalnum", "isdecimal", "isnumeric":
            // Python asks of each code point: its general category (letters) or numeric type
            return method(Signature(name)) { _ in
                let test: (Unicode.Scalar) -> Bool
                switch name {
                case "isdecimal": test = { $0.properties.numericType == .decimal }
                case "isdigit": test = { $0.properties.numericType.map { $0 != .numeric } ?? false }
                case "isnumeric": test = { $0.properties.numericType != nil }
                case "isalpha": test = PythonCase.isAlpha
                case "isalnum": test = { PythonCase.isAlpha($0) || $0.properties.numericType != nil }
                default: test = { Character($0).isWhitespace }
                }
                return .bool(!s.isEmpty && s.unicodeScalars.allSatisfy(test))
            }
        case "isupper": return method(Signature(name)) { _ in .bool(PythonCase.isUpper(s)) }
        case "islower": return method(Signature(name)) { _ in .bool(PythonCase.isLower(s)) }
        case "istitle": return method(Signature(name)) { _ in .bool(PythonCase.isTitle(s)) }
        case "isascii": return method(Signature(name)) { _ in .bool(s.allSatisfy(\.isASCII)) }
        case "isidentifier":
            return method(Signature(name)) { _ in
                guard let first = s.first, first == "_" || first.isLetter else { return .bool(false) }
                return .bool(s.allSatisfy { $0 == "_" || $0.isLetter || $0.isNumber })
            }
        case "isprintable":
            return method(Signature(name)) { _ in .bool(s.unicodeScalars.allSatisfy { $0 == " " || !escapedInRepr($0.properties.generalCategory) }) }
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
        case "format_map":
            // "{name} is {age}".format_map(d): the dict's str keys as keyword arguments
            return Self.builtin(Signature(name, [("mapping", nil)])) { interpreter, a in
                guard case .dict(let d) = a["mapping"] else {
                    throw LanguageFailure("format_map() argument must be a mapping, not \(a["mapping"].typeName)", as: .typeError)
                }
                let keywords = d.entries.compactMap { e -> (name: String, value: Value)? in
                    if case .string(let k) = e.key { return (k, e.value) } else { return nil }
                }
                return .string(try interpreter.formatString(s, Arguments([], keywords: keywords)))
            }
        case "translate":
            return method(Signature(name, [("table", nil)])) { a in .string(try Self.translated(s, a["table"])) }
        default: return nil
        }
    }

    /// str.translate(table): each code point looked up in the table (a dict from str.maketrans):
    /// missing, kept; None, deleted; an int, that character; a str, that text.
    static func translated(_ s: String, _ table: Value) throws -> String {
        guard case .dict(let d) = table else {
            throw LanguageFailure("translate() needs a table made by str.maketrans (a dict), got \(table.typeName)", as: .typeError)
        }
        var out = ""
        for scalar in s.unicodeScalars {
            switch d[.int(Int(scalar.value))] {
            case nil: out.unicodeScalars.append(scalar)
            case .none?: continue
            case .int(let n)?:
                guard let u = Unicode.Scalar(UInt32(clamping: max(n, 0))), n >= 0 else {
                    throw LanguageFailure("character mapping must be in range(0x110000)", as: .valueError)
                }
                out.unicodeScalars.append(u)
            case .string(let text)?: out += text
            case let v?: throw LanguageFailure("character mapping must return integer, None or str, not \(v.typeName)", as: .typeError)
            }
        }
        return out
    }

    /// str.maketrans(x[, y[, z]]): a dict from code points to code points (or None), as Python's.
    static func translationTable(_ a: BoundArguments) throws -> Value {
        let table = DictStorage()
        func ordinal(_ c: Character) -> Value { .int(Int(c.unicodeScalars.first!.value)) }
        guard case .string(let x) = a["x"] else {
            guard a["y"].isNone, a["z"].isNone else { throw LanguageFailure("maketrans() argument 1 must be str, not \(a["x"].typeName)", as: .typeError) }
            guard case .dict(let d) = a["x"] else {
                throw LanguageFailure("if you give only one argument to maketrans it must be a dict", as: .typeError)
            }
            for e in d.entries {
                switch e.key {
                case .int: table.set(e.key, e.value)
                case .string(let k) where k.unicodeScalars.count == 1: table.set(.int(Int(k.unicodeScalars.first!.value)), e.value)
                case .string: throw LanguageFailure("string keys in translate table must be of length 1", as: .valueError)
                default: throw LanguageFailure("keys in translate table must be strings or integers", as: .typeError)
                }
            }
            return .dict(table)
        }
        guard case .string(let y) = a["y"] else {
            throw LanguageFailure(a["y"].isNone ? "if you give only one argument to maketrans it must be a dict" : "maketrans() argument 2 must be str, not \(a["y"].typeName)", as: .typeError)
        }
        let xs = Array(x.unicodeScalars), ys = Array(y.unicodeScalars)
        guard xs.count == ys.count else { throw LanguageFailure("the first two maketrans arguments must have equal length", as: .valueError) }
        for (p, q) in zip(xs, ys) { table.set(.int(Int(p.value)), .int(Int(q.value))) }
        if !a["z"].isNone {
            guard case .string(let z) = a["z"] else { throw LanguageFailure("maketrans() argument 3 must be str, not \(a["z"].typeName)", as: .typeError) }
            for p in z.unicodeScalars { table.set(.int(Int(p.value)), .none) }
        }
        return .dict(table)
    }

    /// ascii(x) and !a: the repr with every character past ASCII written as \xhh, \uhhhh or \Uhhhhhhhh.
    static func asciiEscaped(_ repr: String) -> String {
        var out = ""
        for u in repr.unicodeScalars {
            if u.value < 0x80 { out.unicodeScalars.append(u); continue }
            let hex = String(u.value, radix: 16)
            out += u.value <= 0xFF ? "\\x" + String(repeating: "0", count: 2 - hex.count) + hex
                : u.value <= 0xFFFF ? "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                : "\\U" + String(repeating: "0", count: 8 - hex.count) + hex
        }
        return out
    }

    /// s[start:end] as str.find(sub, start, end) reads its optional bounds, and where it starts.
    static func window(_ s: String, _ a: BoundArguments) throws -> (String, Int)? {
        let n = s.count
        func bound(_ key: String, _ otherwise: Int) throws -> Int {
            guard let v = a[key].isNone ? nil : a[key].asInt else { return otherwise }
            return v < 0 ? max(n + v, 0) : v
        }
        let start = try bound("start", 0), end = min(try bound("end", n), n)
        // a start past the end (of the string or of the window): not even "" is found there
        guard start <= end else { return nil }
        return (String(s.dropFirst(start).prefix(end - start)), start)
    }

    /// str.format: {} and {0} take positional arguments, {name} keyword ones; a field may go on
    /// with .attribute and [index] ({0.shape}, {cfg[lr]}), a conversion (!r, !s, !a) and a
    /// :spec, itself holding fields ({:>{width}}); {{ and }} are braces.
    func formatString(_ s: String, _ arguments: Arguments) throws -> String {
        var numbering = FieldNumbering()
        return try formatFields(s, arguments, &numbering, depth: 0)
    }

    /// Which positional argument {} takes next (a spec's fields number on from the outer ones:
    /// "{:{}}".format(x, 8)), and whether the string numbers its fields itself ({0}), which
    /// Python does not let it mix with {}.
    struct FieldNumbering { var next = 0, automatic: Bool? }

    private func formatFields(_ s: String, _ arguments: Arguments, _ numbering: inout FieldNumbering, depth: Int) throws -> String {
        var out = ""
        let chars = Array(s)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "{", i + 1 < chars.count, chars[i + 1] == "{" { out.append("{"); i += 2; continue }
            if c == "}", i + 1 < chars.count, chars[i + 1] == "}" { out.append("}"); i += 2; continue }
            if c == "}" { throw LanguageFailure("Single '}' encountered in format string", as: .valueError) }
            guard c == "{" else { out.append(c); i += 1; continue }
            // the field runs to the '}' that closes it (a spec may nest one level of fields)
            var j = i + 1, nesting = 0
            while j < chars.count, chars[j] != "}" || nesting > 0 {
                if chars[j] == "{" { nesting += 1 } else if chars[j] == "}" { nesting -= 1 }
                j += 1
            }
            guard j < chars.count else { throw LanguageFailure(nesting > 0 ? "expected '}' before end of string" : "Single '{' encountered in format string", as: .valueError) }
            let field = String(chars[(i + 1)..<j])
            var reference = field, spec = "", conversion: Character?
            if let colon = Self.fieldSpecStart(field) {
                reference = String(field[..<colon]); spec = String(field[field.index(after: colon)...])
            }
            var conversionText: Substring?
            if let bang = reference.firstIndex(of: "!") {
                conversionText = reference[reference.index(after: bang)...]
                reference = String(reference[..<bang])
                // a missing or long conversion is a syntax error, found before the field is looked up
                if conversionText!.isEmpty { throw LanguageFailure("unmatched '{' in format spec", as: .valueError) }      // Python 3.11's words
                if conversionText!.count > 1 { throw LanguageFailure("expected ':' after conversion specifier", as: .valueError) }
            }
            // the field's value first, then its conversion, as Python checks them
            var value = try formatField(reference, arguments, &numbering)
            if let after = conversionText {
                guard let k = after.first, "rsa".contains(k) else { throw LanguageFailure("Unknown conversion specifier \(after)", as: .valueError) }
                conversion = k
            }
            if let conversion { value = .string(conversion == "s" ? value.text : conversion == "a" ? Self.asciiEscaped(value.repr) : value.repr) }
            if spec.contains("{") {
                guard depth < 1 else { throw LanguageFailure("Max string recursion exceeded", as: .valueError) }
                spec = try formatFields(spec, arguments, &numbering, depth: depth + 1)
            }
            out += try formatted(value, spec)
            i = j + 1
        }
        return out
    }

    /// Where a field's spec begins: its first ':' outside [brackets].
    private static func fieldSpecStart(_ field: String) -> String.Index? {
        var inBrackets = false
        for i in field.indices {
            if field[i] == "[" { inBrackets = true } else if field[i] == "]" { inBrackets = false }
            else if field[i] == ":" && !inBrackets { return i }
        }
        return nil
    }

    /// One field's value: "" (the next positional), "0", "name", then .attribute and [index] parts.
    private func formatField(_ reference: String, _ arguments: Arguments, _ numbering: inout FieldNumbering) throws -> Value {
        let head = String(reference.prefix { $0 != "." && $0 != "[" })
        var rest = reference.dropFirst(head.count)
        var value: Value
        let index = head.isEmpty ? numbering.next : head.allSatisfy(\.isASCII) && head.allSatisfy(\.isNumber) ? Int(head) : nil
        if index != nil {
            let automatic = head.isEmpty
            if let mode = numbering.automatic, mode != automatic {
                throw LanguageFailure(automatic ? "cannot switch from manual field specification to automatic field numbering"
                                                : "cannot switch from automatic field numbering to manual field specification", as: .valueError)
            }
            numbering.automatic = automatic
        }
        if head.isEmpty {
            guard numbering.next < arguments.positional.count else {
                throw LanguageFailure("Replacement index \(numbering.next) out of range for positional args tuple", as: .indexError)
            }
            value = arguments.positional[numbering.next]; numbering.next += 1
        } else if let index {
            guard arguments.positional.indices.contains(index) else {
                throw LanguageFailure("Replacement index \(index) out of range for positional args tuple", as: .indexError)
            }
            value = arguments.positional[index]
        } else {
            guard let v = arguments.keywords.first(where: { $0.name == head })?.value else { throw LanguageFailure.keyError(.string(head)) }
            value = v
        }
        while let first = rest.first {
            if first == "." {
                let name = rest.dropFirst().prefix { $0 != "." && $0 != "[" }
                guard !name.isEmpty else { throw LanguageFailure("Empty attribute in format string", as: .valueError) }
                value = try getAttribute(value, String(name))
                rest = rest.dropFirst(1 + name.count)
            } else if first == "[" {
                guard let close = rest.firstIndex(of: "]") else { throw LanguageFailure("Missing ']' in format string", as: .valueError) }
                let key = String(rest[rest.index(after: rest.startIndex)..<close])
                value = try getItem(value, Int(key).map(Value.int) ?? .string(key))
                rest = rest[rest.index(after: close)...]
            } else {
                throw LanguageFailure("Only '.' or '[' may follow ']' in format field specifier", as: .valueError)
            }
        }
        return value
    }
}
