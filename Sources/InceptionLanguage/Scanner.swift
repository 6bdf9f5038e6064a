/// Turns source text into tokens, one character at a time (no regular expressions).
///
/// Layout follows Python: a line's leading spaces open (INDENT) or close (DEDENT) blocks;
/// blank and comment-only lines are ignored; inside brackets newlines do not end the
/// statement; `\` at the end of a line continues it. Errors are collected, not thrown:
/// the scanner always produces a token list ending in EOF, so the parser can report more.
public struct Scanner {
    private let chars: [Unicode.Scalar]
    private let file: String
    private var pos = 0
    private var line: Int
    private var lineStart = 0
    private var tokens: [Token] = []
    private var diagnostics: [Diagnostic] = []
    private var indentStack = [0]
    /// The same levels with each tab counted as one column: Python's check that tabs and spaces
    /// are used consistently (both counts must order the lines alike, or it is a TabError).
    private var alternateIndentStack = [0]
    /// Open brackets with where they opened and the indentation of the line they opened on.
    private var brackets: [(char: Unicode.Scalar, location: SourceLocation, lineIndent: Int)] = []
    private var currentLineIndent = 0
    private let firstLine: Int
    /// Added to columns on the first line (an f-string's expression starts mid-line).
    private let firstColumnOffset: Int
    /// The text stopped inside something: an open bracket, a triple-quoted string, after a `\`.
    private var endedInside = false

    /// `firstLine` is the line number of the text's first line in its file (a notebook cell
    /// starts inside its .md file), so locations point into the real file.
    public init(_ text: String, file: String, firstLine: Int = 1, firstColumn: Int = 1) {
        self.chars = Array(text.unicodeScalars)
        self.file = file
        self.line = firstLine
        self.firstLine = firstLine
        self.firstColumnOffset = firstColumn - 1
    }

    public static func scan(_ text: String, file: String, firstLine: Int = 1, firstColumn: Int = 1) -> (tokens: [Token], diagnostics: [Diagnostic]) {
        var scanner = Scanner(text, file: file, firstLine: firstLine, firstColumn: firstColumn)
        return scanner.scanAll()
    }

    /// Whether text typed at a prompt needs more lines before it can run: it stops inside a
    /// bracket, a triple-quoted string or after a `\`, or a line of it opens a block with `:`
    /// (then the block runs on until a blank line). Strings, escapes and comments count as
    /// the parser will see them: `print("a\"(")` is complete.
    public static func needsMoreLines(_ text: String) -> Bool {
        var scanner = Scanner(text, file: "<input>")
        let tokens = scanner.scanAll().tokens
        if scanner.endedInside { return true }
        if tokens.first?.kind == .at { return true }            // a decorator: its def follows, to a blank line
        if tokens.first?.kind == .kwTry { return true }         // `try: x = f()` needs its except or finally, to a blank line
        let lineEnds = tokens.indices.filter { tokens[$0].kind == .newline && $0 > 0 }
        func opensBlock(_ newline: Int?) -> Bool { newline.map { tokens[$0 - 1].kind == .colon } ?? false }
        return opensBlock(lineEnds.first) || opensBlock(lineEnds.last)
    }

    public mutating func scanAll() -> (tokens: [Token], diagnostics: [Diagnostic]) {
        var atLineStart = true
        while pos < chars.count {
            if atLineStart {
                atLineStart = false
                if !readIndentation() { atLineStart = true; continue }   // blank or comment-only line: skipped
            }
            let c = chars[pos]
            switch c {
            case " ", "\t", "\r": pos += 1
            case "#": skipComment()
            case "\n":
                pos += 1
                if brackets.isEmpty {
                    emitNewline(at: location(column: pos - 1 - lineStart))
                    startLine()
                    atLineStart = true
                } else {
                    startLine()
                    if closeRunawayBrackets() { emitNewline(at: location()); atLineStart = true }
                }
            case "\\" where peek(1) == "\n":
                pos += 2; startLine()
            case "\\" where pos + 1 == chars.count:
                endedInside = true; scanSymbol()           // still an error in a file
            case "\"", "'": scanString(prefix: "", start: pos)
            default:
                if isIdentifierStart(c) { scanIdentifierOrPrefixedString() }
                else if isDigit(c) || (c == "." && peek(1).map(isDigit) == true) { scanNumber() }
                else { scanSymbol() }
            }
        }
        if !brackets.isEmpty { endedInside = true }
        for open in brackets {
            error(open.location, "'\(open.char)' was never closed", fix: closingHint(open.char))
        }
        brackets.removeAll()
        if let last = tokens.last, last.kind != .newline, last.kind != .dedent { emitNewline(at: location()) }
        while indentStack.count > 1 { indentStack.removeLast(); alternateIndentStack.removeLast(); add(.dedent, "", location()) }
        add(.eof, "", location())
        return (tokens, diagnostics)
    }

    // MARK: layout

    private mutating func startLine() { line += 1; lineStart = pos }

    private func location(column: Int? = nil) -> SourceLocation {
        SourceLocation(file: file, line: line, column: (column ?? (pos - lineStart)) + 1 + (line == firstLine ? firstColumnOffset : 0))
    }

    private func peek(_ offset: Int) -> Unicode.Scalar? {
        pos + offset < chars.count ? chars[pos + offset] : nil
    }

    private mutating func add(_ kind: TokenKind, _ lexeme: String, _ at: SourceLocation, literal: Literal? = nil) {
        tokens.append(Token(kind, lexeme, at, literal: literal))
    }

    private mutating func emitNewline(at place: SourceLocation) {
        guard let last = tokens.last, last.kind != .newline, last.kind != .indent, last.kind != .dedent else { return }
        add(.newline, "\n", place)
    }

    private mutating func error(_ at: SourceLocation, _ message: String, fix: String? = nil) {
        diagnostics.append(Diagnostic(.syntax, at, message, fix: fix))
    }

    /// Reads a line's leading whitespace and emits INDENT/DEDENT. Returns false for a blank
    /// or comment-only line, which it consumes entirely.
    private mutating func readIndentation() -> Bool {
        // As Python counts: a tab advances to the next multiple of 8, and (the alternate count) one column.
        var width = 0, alternateWidth = 0
        while pos < chars.count, chars[pos] == " " || chars[pos] == "\t" {
            if chars[pos] == "\t" { width = (width / 8 + 1) * 8 } else { width += 1 }
            alternateWidth += 1
            pos += 1
        }
        if pos < chars.count, chars[pos] == "#" { skipComment() }
        if pos < chars.count, chars[pos] == "\r" { pos += 1 }
        if pos >= chars.count { return false }
        if chars[pos] == "\n" { pos += 1; startLine(); return false }
        currentLineIndent = width
        let here = location()
        var consistent = true
        if width > indentStack.last! {
            consistent = alternateWidth > alternateIndentStack.last!
            indentStack.append(width)
            alternateIndentStack.append(alternateWidth)
            add(.indent, "", here)
        } else if width < indentStack.last! {
            while width < indentStack.last! {
                indentStack.removeLast()
                alternateIndentStack.removeLast()
                add(.dedent, "", here)
            }
            if width != indentStack.last! {
                error(location(column: 0), "this line's indentation (\(width) spaces) matches no enclosing block (\(indentStack.last!) spaces)",
                      fix: "indent it like the lines of the block it belongs to")
                return true
            }
            consistent = alternateWidth == alternateIndentStack.last!
        } else {
            consistent = alternateWidth == alternateIndentStack.last!
        }
        if !consistent {
            error(location(column: 0), "TabError: inconsistent use of tabs and spaces in indentation",
                  fix: "indent every line of a block the same way: all spaces (4 per level) or all tabs")
        }
        return true
    }

    private mutating func skipComment() {
        while pos < chars.count, chars[pos] != "\n" { pos += 1 }
    }

    /// Inside brackets a newline normally continues the statement. But when the next line
    /// is at or left of the line that opened the bracket and starts a statement (`def`,
    /// `name = …`), the bracket was surely left open: report it there and recover.
    private mutating func closeRunawayBrackets() -> Bool {
        guard let open = brackets.first else { return false }
        var i = pos, width = 0
        while i < chars.count, chars[i] == " " || chars[i] == "\t" { width = chars[i] == "\t" ? (width / 8 + 1) * 8 : width + 1; i += 1 }
        guard i < chars.count, width <= open.lineIndent, startsStatement(at: i) else { return false }
        for b in brackets.reversed() { error(b.location, "'\(b.char)' was never closed", fix: closingHint(b.char)) }
        brackets.removeAll()
        return true
    }

    private func closingHint(_ open: Unicode.Scalar) -> String {
        "add the matching '\(open == "(" ? ")" : open == "[" ? "]" : "}")'"
    }

    private func startsStatement(at start: Int) -> Bool {
        var i = start
        var word = ""
        while i < chars.count, isIdentifierPart(chars[i]) { word.unicodeScalars.append(chars[i]); i += 1 }
        if word.isEmpty { return false }
        let statementWords: Set<String> = ["class", "def", "return", "if", "elif", "else", "for", "while",
                                           "import", "from", "pass", "assert", "break", "continue",
                                           "raise", "try", "except", "finally", "del", "global", "nonlocal"]
        if statementWords.contains(word) { return true }
        // name, self.name, a, b  followed by a single '='
        while i < chars.count, chars[i] == " " || chars[i] == "." || chars[i] == "," || isIdentifierPart(chars[i]) { i += 1 }
        return i < chars.count && chars[i] == "=" && (i + 1 >= chars.count || chars[i + 1] != "=")
    }

    // MARK: tokens

    private func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }
    private func isIdentifierStart(_ c: Unicode.Scalar) -> Bool { c == "_" || c.properties.isAlphabetic }
    private func isIdentifierPart(_ c: Unicode.Scalar) -> Bool { isIdentifierStart(c) || isDigit(c) }

    private func text(_ from: Int, _ to: Int) -> String {
        var s = ""
        s.unicodeScalars.append(contentsOf: chars[from..<to])
        return s
    }

    private mutating func scanIdentifierOrPrefixedString() {
        let start = pos
        let at = location()
        while pos < chars.count, isIdentifierPart(chars[pos]) { pos += 1 }
        let word = text(start, pos)
        if pos < chars.count, chars[pos] == "\"" || chars[pos] == "'" {
            switch word.lowercased() {
            case "f", "r": scanString(prefix: word.lowercased(), start: start); return
            case "u": scanString(prefix: "", start: start); return              // u"…" is a plain str
            case "rf", "fr": scanString(prefix: "f", start: start); return      // the parser sees the r in the lexeme
            case "b", "br", "rb":
                error(at, "bytes literals (\(word)'…') are not supported here",
                      fix: "use a str ('…'), or a list of ints ([104, 105]) for raw byte values")
                scanString(prefix: word.lowercased().contains("r") ? "r" : "", start: start)
                return
            default: break
            }
        }
        add(TokenKind.keywords[word] ?? .identifier, word, at)
    }

    private mutating func scanNumber() {
        let start = pos
        let at = location()
        var isFloat = false
        func digits() { while pos < chars.count, isDigit(chars[pos]) || chars[pos] == "_" { pos += 1 } }
        // 0x1F, 0o17, 0b101 (underscores allowed between digits)
        if chars[pos] == "0", let kind = peek(1), let radix = ["x": 16, "X": 16, "o": 8, "O": 8, "b": 2, "B": 2][Character(kind)] {
            pos += 2
            let digitsStart = pos
            while pos < chars.count, isIdentifierPart(chars[pos]) { pos += 1 }
            let lexeme = text(start, pos), body = text(digitsStart, pos).replacingOccurrences(of: "_", with: "")
            guard !body.isEmpty, let value = Int(body, radix: radix) else {
                let tooLarge = !body.isEmpty && body.allSatisfy { Int(String($0), radix: radix) != nil }
                error(at, tooLarge ? "the integer \(lexeme) is too large (the largest is \(Int.max))" : "invalid number '\(lexeme)'",
                      fix: tooLarge ? nil : "after \(text(start, digitsStart)) come base-\(radix) digits")
                return
            }
            add(.integer, lexeme, at, literal: .int(value))
            return
        }
        digits()
        if pos < chars.count, chars[pos] == ".", peek(1).map({ isIdentifierStart($0) }) != true {
            isFloat = true; pos += 1; digits()
        }
        if pos < chars.count, chars[pos] == "e" || chars[pos] == "E" {
            let save = pos
            pos += 1
            if pos < chars.count, chars[pos] == "+" || chars[pos] == "-" { pos += 1 }
            if pos < chars.count, isDigit(chars[pos]) { isFloat = true; digits() } else { pos = save }
        }
        let lexeme = text(start, pos)
        let clean = lexeme.replacingOccurrences(of: "_", with: "")
        if pos < chars.count, isIdentifierStart(chars[pos]) {
            let badStart = pos
            while pos < chars.count, isIdentifierPart(chars[pos]) { pos += 1 }
            error(at, "invalid number '\(lexeme + text(badStart, pos))'", fix: "a name cannot start with a digit")
            return
        }
        if isFloat {
            add(.float, lexeme, at, literal: .float(Double(clean) ?? 0))
        } else if let value = Int(clean) {
            add(.integer, lexeme, at, literal: .int(value))
        } else {
            error(at, "the integer \(lexeme) is too large (the largest is \(Int.max))")
            add(.integer, lexeme, at, literal: .int(0))
        }
    }

    /// Strings: '…', "…", '''…''', """…""", with an optional r (raw) or f (formatted) prefix.
    private mutating func scanString(prefix: String, start: Int) {
        let at = SourceLocation(file: file, line: line, column: start - lineStart + 1 + (line == firstLine ? firstColumnOffset : 0))
        let quote = chars[pos]
        let triple = peek(1) == quote && peek(2) == quote
        pos += triple ? 3 : 1
        let bodyStart = pos
        var value = ""
        let raw = prefix == "r" || prefix == "f"
        while true {
            guard pos < chars.count else {
                if triple { endedInside = true }
                error(at, "this string is never closed", fix: "end it with \(triple ? String(repeating: String(quote), count: 3) : String(quote))")
                return
            }
            let c = chars[pos]
            if c == quote && (!triple || (peek(1) == quote && peek(2) == quote)) { break }
            if c == "\n" {
                if !triple {
                    error(at, "this string is never closed on its line", fix: "end it with \(quote) before the end of the line")
                    return
                }
                value.unicodeScalars.append(c)
                pos += 1
                startLine()
                continue
            }
            if c == "\\" && !raw, let next = peek(1) {
                if next == "\n" { pos += 2; startLine(); continue }        // a backslash-newline joins the lines
                switch StringEscapes.decode(chars, at: pos + 1) {
                case .text(let text, let after): value += text; pos = after
                case .failure(let message, let fix, let after): error(at, message, fix: fix); pos = after
                }
                continue
            }
            if c == "\\" && raw, let next = peek(1), next == quote || next == "\\" {
                value.unicodeScalars.append(c); value.unicodeScalars.append(next); pos += 2; continue
            }
            value.unicodeScalars.append(c)
            pos += 1
        }
        let body = text(bodyStart, pos)
        pos += triple ? 3 : 1
        let lexeme = text(start, pos)
        if prefix == "f" {
            add(.fstring, lexeme, at, literal: .string(body))
        } else {
            add(.string, lexeme, at, literal: .string(value))
        }
    }

    private mutating func scanSymbol() {
        let at = location()
        let c = chars[pos]
        for length in [3, 2, 1] {
            guard pos + length <= chars.count else { continue }
            let spelling = text(pos, pos + length)
            guard let kind = TokenKind.symbols[spelling] else { continue }
            pos += length
            trackBracket(kind, c, at)
            add(kind, spelling, at)
            return
        }
        pos += 1
        if c == "!" {
            error(at, "unexpected character '!'", fix: "write 'not x' for negation and '!=' for 'not equal'")
        } else if c == "\u{FEFF}" {
            // At the very start it is a byte-order mark, not part of the program (Script drops
            // it too; an exercise or imported file parsed directly may still have it).
            if pos == 1 { return }
            error(at, "unexpected byte-order mark (U+FEFF, an invisible character some editors put at the start of a file)",
                  fix: "delete it: only the very start of a file may have one")
        } else if c == "\u{0}" {
            error(at, "source code cannot contain null bytes", fix: "delete it (a file saved as UTF-16, or bytes of another file, can bring them)")
        } else if escapedInRepr(c.properties.generalCategory) {
            // shown by its code point: printed as it is, it is invisible or moves the text
            let hex = String(c.value, radix: 16, uppercase: true)
            error(at, "invalid non-printable character U+\(String(repeating: "0", count: max(0, 4 - hex.count)) + hex)",
                  fix: c.properties.generalCategory == .spaceSeparator ? "retype it as a plain space (code copied from a web page often has such spaces)" : "delete it")
        } else {
            error(at, "unexpected character '\(c)'")
        }
    }

    private mutating func trackBracket(_ kind: TokenKind, _ c: Unicode.Scalar, _ at: SourceLocation) {
        switch kind {
        case .leftParen, .leftBracket, .leftBrace:
            brackets.append((c, at, currentLineIndent))
        case .rightParen, .rightBracket, .rightBrace:
            let expected: Unicode.Scalar = kind == .rightParen ? "(" : kind == .rightBracket ? "[" : "{"
            guard let open = brackets.last else {
                error(at, "unmatched '\(c)'", fix: "remove it, or add the opening bracket it closes")
                return
            }
            if open.char != expected {
                error(at, "'\(c)' does not match the '\(open.char)' opened at \(open.location.line):\(open.location.column)")
            }
            brackets.removeLast()
        default: break
        }
    }
}
