import Foundation

/// `re`: compile, match, search, fullmatch, findall, finditer, sub, subn, split and escape, with
/// Python's results (findall's groups, split keeping captured groups, sub's `\1` / `\g<name>`
/// templates or a function of the match, empty matches as Python 3.7+ finds them) and flags
/// IGNORECASE, MULTILINE, DOTALL, VERBOSE. Patterns run on ICU's engine (NSRegularExpression),
/// whose syntax is Python's for what tutorials write (classes, groups, quantifiers, lookarounds);
/// `(?P<name>…)`, `(?P=name)` and `\Z` are rewritten to ICU's spelling. Positions count the
/// string's characters, as the language's strings do.
extension Interpreter {
    func regexNamespace() -> Namespace {
        var t: [String: Value] = [:]
        let flags: [(String, String, Int)] = [("I", "IGNORECASE", 2), ("M", "MULTILINE", 8), ("S", "DOTALL", 16), ("X", "VERBOSE", 64),
                                              ("A", "ASCII", 256), ("U", "UNICODE", 32)]
        for (short, long, value) in flags { t[short] = .int(value); t[long] = .int(value) }
        t["NOFLAG"] = .int(0)
        t["compile"] = Self.builtin(Signature("compile", [("pattern", nil), ("flags", .int(0))])) { _, a in
            .object(try RegexPattern.make(a["pattern"], flags: a["flags"]))
        }
        for (name, parameters) in RegexPattern.methods {
            t[name] = Self.builtin(Signature(name, [("pattern", nil)] + parameters + [("flags", .int(0))])) { interpreter, a in
                let pattern = try RegexPattern.make(a["pattern"], flags: a["flags"])
                return try pattern.call(name, a, interpreter)
            }
        }
        t["escape"] = Self.builtin(Signature("escape", [("pattern", nil)])) { _, a in
            let special = Set("()[]{}?*+-|^$\\.&~# \t\n\r\u{0B}\u{0C}")
            return .string(String(try a.string("pattern").flatMap { special.contains($0) ? ["\\", $0] : [$0] }))
        }
        return Namespace("re", t)
    }
}

/// A compiled pattern (`re.compile`'s), whose methods the module's functions call.
final class RegexPattern: NativeObject {
    let source: String
    let flags: Int
    let expression: NSRegularExpression
    let groupNames: [String: Int]

    /// The methods shared by `re.NAME(pattern, …)` and `pattern.NAME(…)`, with their parameters.
    static var methods: [(String, [(String, Value?)])] {
        [("match", [("string", nil)]), ("search", [("string", nil)]), ("fullmatch", [("string", nil)]),
         ("findall", [("string", nil)]), ("finditer", [("string", nil)]),
         ("sub", [("repl", nil), ("string", nil), ("count", .int(0))]), ("subn", [("repl", nil), ("string", nil), ("count", .int(0))]),
         ("split", [("string", nil), ("maxsplit", .int(0))])]
    }

    init(source: String, flags: Int) throws {
        (self.source, self.flags) = (source, flags)
        var options: NSRegularExpression.Options = []
        if flags & 2 != 0 { options.insert(.caseInsensitive) }
        if flags & 8 != 0 { options.insert(.anchorsMatchLines) }
        if flags & 16 != 0 { options.insert(.dotMatchesLineSeparators) }
        if flags & 64 != 0 { options.insert(.allowCommentsAndWhitespace) }
        let (icu, names) = Self.icuSpelling(source)
        do { expression = try NSRegularExpression(pattern: icu, options: options) } catch {
            throw LanguageFailure("re.error: the pattern \(Value.string(source).repr) is not a regular expression this engine reads",
                                  fix: "check its brackets and escapes")
        }
        groupNames = names
        super.init(typeName: "Pattern")
    }

    static func make(_ pattern: Value, flags: Value) throws -> RegexPattern {
        if case .object(let p as RegexPattern) = pattern { return p }
        guard case .string(let s) = pattern else {
            throw LanguageFailure("first argument must be string or compiled pattern", as: .typeError)
        }
        guard case .int(let f) = flags else { throw LanguageFailure("flags must be an int, e.g. re.IGNORECASE", as: .typeError) }
        return try RegexPattern(source: s, flags: f)
    }

    /// Python's named groups and `\Z` in ICU's spelling, and each name's group number.
    static func icuSpelling(_ pattern: String) -> (String, [String: Int]) {
        let chars = Array(pattern)
        var out = "", names: [String: Int] = [:], group = 0, i = 0, inClass = false
        while i < chars.count {
            let c = chars[i]
            if c == "\\", i + 1 < chars.count {
                out.append(chars[i + 1] == "Z" && !inClass ? "\\z" : "\\\(chars[i + 1])")
                i += 2; continue
            }
            if inClass { if c == "]" { inClass = false }; out.append(c); i += 1; continue }
            if c == "[" {
                inClass = true; out.append(c); i += 1
                if i < chars.count, chars[i] == "^" { out.append("^"); i += 1 }
                if i < chars.count, chars[i] == "]" { out.append("\\]"); i += 1 }
                continue
            }
            if c == "(" {
                let rest = String(chars[(i + 1)...].prefix(3))
                if rest.hasPrefix("?P<") {
                    group += 1
                    let close = chars[(i + 4)...].firstIndex(of: ">") ?? chars.count
                    names[String(chars[(i + 4)..<close])] = group
                    out += "(?<"; i += 4; continue
                }
                if rest.hasPrefix("?P=") {
                    let close = chars[(i + 4)...].firstIndex(of: ")") ?? chars.count
                    out += "\\k<\(String(chars[(i + 4)..<close]))>"; i = close + 1; continue
                }
                if rest.hasPrefix("?<"), !rest.hasPrefix("?<="), !rest.hasPrefix("?<!") {
                    group += 1
                    let close = chars[(i + 3)...].firstIndex(of: ">") ?? chars.count
                    names[String(chars[(i + 3)..<close])] = group
                } else if !rest.hasPrefix("?") { group += 1 }
            }
            out.append(c); i += 1
        }
        return (out.isEmpty ? "(?:)" : out, names)          // ICU refuses an empty pattern; Python's matches everywhere
    }

    override var repr: String {
        let names = [(2, "re.IGNORECASE"), (8, "re.MULTILINE"), (16, "re.DOTALL"), (64, "re.VERBOSE"), (256, "re.ASCII")]
        let shown = names.filter { flags & $0.0 != 0 }.map(\.1)
        return "re.compile(\(Value.string(source).repr)\(shown.isEmpty ? "" : ", " + shown.joined(separator: "|")))"
    }

    override func member(_ name: String) -> Value? {
        switch name {
        case "pattern": return .string(source)
        case "flags": return .int(flags | 32)
        case "groups": return .int(expression.numberOfCaptureGroups)
        case "groupindex": return .dict(DictStorage(groupNames.sorted { $0.value < $1.value }.map { (key: Value.string($0.key), value: Value.int($0.value)) }))
        default:
            guard let parameters = Self.methods.first(where: { $0.0 == name })?.1 else { return nil }
            return Interpreter.builtin(Signature(name, parameters)) { [self] interpreter, a in try call(name, a, interpreter) }
        }
    }

    func matches(in s: String, anchored: Bool = false) -> [NSTextCheckingResult] {
        expression.matches(in: s, options: anchored ? [.anchored] : [], range: NSRange(s.startIndex..., in: s))
    }

    func call(_ name: String, _ a: BoundArguments, _ interpreter: Interpreter) throws -> Value {
        let s = try a.string("string")
        switch name {
        case "match", "search", "fullmatch":
            let found: NSTextCheckingResult?
            if name == "fullmatch" {
                // the whole string: the pattern wrapped so that it must end at the end
                let whole = try RegexPattern(source: "(?:\(source))\\Z", flags: flags)
                found = whole.matches(in: s, anchored: true).first
            } else {
                found = name == "match" ? matches(in: s, anchored: true).first : expression.firstMatch(in: s, range: NSRange(s.startIndex..., in: s))
            }
            return found.map { .object(RegexMatch($0, in: s, pattern: self)) } ?? .none
        case "findall":
            return .list(ListStorage(matches(in: s).map { m in
                let match = RegexMatch(m, in: s, pattern: self)
                switch m.numberOfRanges - 1 {
                case 0: return match.group(0)
                case 1: return match.group(1, unmatched: .string(""))
                default: return .tuple((1..<m.numberOfRanges).map { match.group($0, unmatched: .string("")) })
                }
            }))
        case "finditer":
            return .list(ListStorage(matches(in: s).map { .object(RegexMatch($0, in: s, pattern: self)) }))
        case "sub", "subn":
            let count = try a.int("count")
            var out = "", last = s.startIndex, made = 0
            for m in matches(in: s) {
                if count > 0, made == count { break }
                guard let range = Range(m.range, in: s) else { continue }
                out += s[last..<range.lowerBound]
                let match = RegexMatch(m, in: s, pattern: self)
                if case .string(let template) = a["repl"] {
                    out += try expand(template, match)
                } else {
                    let replaced = try interpreter.callBack(a["repl"], Arguments([.object(match)]))
                    guard case .string(let text) = replaced else {
                        throw LanguageFailure("expected str instance, \(replaced.typeName) found", as: .typeError)
                    }
                    out += text
                }
                last = range.upperBound
                made += 1
            }
            out += s[last...]
            return name == "sub" ? .string(out) : .tuple([.string(out), .int(made)])
        default:                                                            // split
            let maxsplit = try a.int("maxsplit")
            var pieces: [Value] = [], last = s.startIndex, made = 0
            for m in matches(in: s) {
                if maxsplit > 0, made == maxsplit { break }
                guard let range = Range(m.range, in: s) else { continue }
                pieces.append(.string(String(s[last..<range.lowerBound])))
                let match = RegexMatch(m, in: s, pattern: self)
                for g in 1..<max(m.numberOfRanges, 1) { pieces.append(match.group(g)) }
                last = range.upperBound
                made += 1
            }
            pieces.append(.string(String(s[last...])))
            return .list(ListStorage(pieces))
        }
    }

    /// A replacement template as Python reads it: `\1`, `\g<1>`, `\g<name>`, `\n`, `\\`.
    func expand(_ template: String, _ match: RegexMatch) throws -> String {
        let chars = Array(template)
        var out = "", i = 0
        func groupText(_ g: Int) throws -> String {
            guard g < match.result.numberOfRanges else { throw LanguageFailure("re.error: invalid group reference \(g) at position \(i + 1)") }
            if case .string(let text) = match.group(g) { return text }
            return ""
        }
        while i < chars.count {
            let c = chars[i]
            guard c == "\\", i + 1 < chars.count else { out.append(c); i += 1; continue }
            let next = chars[i + 1]
            if let d = next.wholeNumberValue, next.isASCII {
                var number = d, j = i + 2
                if j < chars.count, let d2 = chars[j].wholeNumberValue, chars[j].isASCII { number = number * 10 + d2; j += 1 }
                out += try groupText(number); i = j; continue
            }
            if next == "g", i + 2 < chars.count, chars[i + 2] == "<", let close = chars[(i + 3)...].firstIndex(of: ">") {
                let name = String(chars[(i + 3)..<close])
                guard let g = Int(name) ?? groupNames[name] else { throw LanguageFailure("unknown group name '\(name)'", as: .indexError) }
                out += try groupText(g); i = close + 1; continue
            }
            switch next {
            case "n": out.append("\n")
            case "t": out.append("\t")
            case "r": out.append("\r")
            case "\\": out.append("\\")
            case _ where next.isASCII && next.isLetter:
                throw LanguageFailure("re.error: bad escape \\\(next) at position \(i)")
            default: out.append("\\"); out.append(next)
            }
            i += 2
        }
        return out
    }
}

/// A match (`re.Match`): group, groups, groupdict, span, start, end, string, and `m[g]`.
final class RegexMatch: NativeObject {
    let result: NSTextCheckingResult
    let string: String
    let pattern: RegexPattern

    init(_ result: NSTextCheckingResult, in string: String, pattern: RegexPattern) {
        (self.result, self.string, self.pattern) = (result, string, pattern)
        super.init(typeName: "Match")
    }

    /// A group's (start, end) in characters, or nil when it took no part in the match.
    func span(_ g: Int) -> (Int, Int)? {
        guard g < result.numberOfRanges, result.range(at: g).location != NSNotFound,
              let range = Range(result.range(at: g), in: string) else { return nil }
        return (string.distance(from: string.startIndex, to: range.lowerBound), string.distance(from: string.startIndex, to: range.upperBound))
    }

    func group(_ g: Int, unmatched: Value = .none) -> Value {
        guard g < result.numberOfRanges, let range = Range(result.range(at: g), in: string) else { return unmatched }
        return .string(String(string[range]))
    }

    func groupNumber(_ v: Value) throws -> Int {
        if case .int(let g) = v, g >= 0, g < result.numberOfRanges { return g }
        if case .string(let name) = v, let g = pattern.groupNames[name] { return g }
        throw LanguageFailure("no such group", as: .indexError)
    }

    override var repr: String {
        let (start, end) = span(0) ?? (0, 0)
        return "<re.Match object; span=(\(start), \(end)), match=\(group(0).repr)>"
    }

    override func member(_ name: String) -> Value? {
        switch name {
        case "string": return .string(string)
        case "re": return .object(pattern)
        case "pos": return .int(0)
        case "endpos": return .int(string.count)
        case "lastindex": return (1..<max(result.numberOfRanges, 1)).last(where: { span($0) != nil }).map { .int($0) } ?? Value.none
        case "group":
            return .builtin(Builtin("group") { [self] _, args in
                let wanted = try (args.positional.isEmpty ? [.int(0)] : args.positional).map { group(try groupNumber($0)) }
                return wanted.count == 1 ? wanted[0] : .tuple(wanted)
            })
        case "__getitem__":
            return Interpreter.builtin(Signature("__getitem__", [("g", nil)])) { [self] _, a in group(try groupNumber(a["g"])) }
        case "groups":
            return Interpreter.builtin(Signature("groups", [("default", Value.none)])) { [self] _, a in
                .tuple((1..<max(result.numberOfRanges, 1)).map { group($0, unmatched: a["default"]) })
            }
        case "groupdict":
            return Interpreter.builtin(Signature("groupdict", [("default", Value.none)])) { [self] _, a in
                .dict(DictStorage(pattern.groupNames.sorted { $0.value < $1.value }.map { (key: Value.string($0.key), value: group($0.value, unmatched: a["default"])) }))
            }
        case "span", "start", "end":
            return Interpreter.builtin(Signature(name, [("group", .int(0))])) { [self] _, a in
                let (start, end) = span(try groupNumber(a["group"])) ?? (-1, -1)
                return name == "span" ? .tuple([.int(start), .int(end)]) : .int(name == "start" ? start : end)
            }
        default: return nil
        }
    }
}
