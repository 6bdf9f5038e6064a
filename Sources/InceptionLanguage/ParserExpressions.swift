/// Expressions, lowest precedence first (Python's order):
///
///     exprList    := expression (',' expression)* [',']          → a tuple when there is a comma
///     expression  := or ['if' or 'else' expression]
///     or          := and ('or' and)*
///     and         := not ('and' not)*
///     not         := 'not' not | comparison
///     comparison  := sum (('=='|'!='|'<'|'<='|'>'|'>='|'is' ['not']|['not'] 'in') sum)*
///     sum         := term (('+'|'-') term)*
///     term        := unary (('*'|'/'|'//'|'%'|'@') unary)*
///     unary       := ('-'|'+') unary | power
///     power       := postfix ['**' unary]
///     postfix     := primary ('(' arguments ')' | '[' subscript ']' | '.' NAME)*
///     primary     := NAME | NUMBER | STRING+ | f-STRING | True | False | None
///                  | '(' [exprList] ')' | '[' [items] ']' | '{' [pairs] '}'
extension Parser {
    mutating func expressionList() throws -> Expr {
        let at = peek.location
        let first = try starredOrExpression()
        guard check(.comma) else { return first }
        var items = [first]
        while match(.comma) {
            if endsExpressionList() { break }
            items.append(try starredOrExpression())
        }
        return Expr(.tuple(items), at)
    }

    func endsExpressionList() -> Bool {
        [.newline, .eof, .equal, .rightParen, .rightBracket, .rightBrace, .semicolon, .colon, .dedent].contains(peek.kind)
            || TokenKind.augmentedOperators[peek.kind] != nil
    }

    /// `{a, b, *rest}` or `{e for x in xs}`, after the '{' (and the first item, when read
    /// before knowing the display is a set).
    mutating func setDisplay(_ at: SourceLocation, first: Expr? = nil) throws -> Expr {
        var items = first.map { [$0] } ?? []
        if let first, check(.kwFor) {
            let clauses = try comprehensionClauses()
            try consume(.rightBrace, "expected '}' to close the set comprehension at \(at.line):\(at.column)")
            return Expr(.comprehension(.set, element: first, value: nil, clauses: clauses), at)
        }
        if first == nil { items.append(try starredOrExpression()) }
        while match(.comma), !check(.rightBrace) {
            items.append(try starredOrExpression())
        }
        if check(.colon) { throw failure("a dict display needs key: value in every item", at: peek.location, fix: "write {key: value, …}, or {a, b} for a set") }
        try consume(.rightBrace, "expected '}' to close the '{' at \(at.line):\(at.column)")
        return Expr(.set(items), at)
    }

    mutating func starredOrExpression() throws -> Expr {
        if check(.star) {
            let at = advance().location
            return Expr(.starred(try expression()), at)
        }
        return try expression()
    }

    public mutating func expression() throws -> Expr {
        nesting += 1; expressionNesting += 1; defer { nesting -= 1; expressionNesting -= 1 }
        try checkNesting()
        if check(.kwLambda) { return try lambda() }
        if check(.identifier), tokens[current + 1].kind == .colonEqual {
            // `name := value`: binds name and gives the value (in a condition, a comprehension, …)
            let name = advance()
            advance()
            return Expr(.namedExpr(name.lexeme, try expression()), name.location)
        }
        let value = try orExpression()
        guard check(.kwIf) else { return expressionNesting == 1 ? try checkDepth(value) : value }
        advance()
        let condition = try orExpression()
        try consume(.kwElse, "expected 'else' in the conditional expression", fix: "write 'a if condition else b'")
        let otherwise = try expression()
        return Expr(.conditional(condition: condition, then: value, otherwise: otherwise), value.location)
    }

    /// lambda a, b=1: expression
    mutating func lambda() throws -> Expr {
        let at = advance().location
        let parameters = try parameterList(closing: .colon)
        try consume(.colon, "expected ':' after the lambda's parameters", fix: "write 'lambda x: x + 1'")
        let qualifiedName = qualifiedPrefix + "<lambda>", outer = qualifiedPrefix
        qualifiedPrefix = qualifiedName + ".<locals>."
        defer { qualifiedPrefix = outer }
        let body = try expression()
        let decl = FunctionDecl(name: "<lambda>", parameters: parameters, body: [Stmt(.returnValue(body), body.location)], location: at,
                                qualifiedName: qualifiedName)
        return Expr(.lambda(decl), at)
    }

    /// After the first element: `for target in sequence` and `if condition` clauses.
    mutating func comprehensionClauses() throws -> [ComprehensionClause] {
        var clauses: [ComprehensionClause] = []
        while check(.kwFor) || (check(.kwIf) && !clauses.isEmpty) {
            if match(.kwIf) { clauses.append(.condition(try orExpression())); continue }
            advance()
            let target = try targetList()
            try validateTarget(target)
            try consume(.kwIn, "expected 'in' after the comprehension's loop variable", fix: "write '[x for x in xs]'")
            clauses.append(.forIn(target: target, sequence: try orExpression()))
        }
        return clauses
    }

    mutating func orExpression() throws -> Expr {
        var left = try andExpression()
        while check(.kwOr) {
            advance()
            left = Expr(.or(left, try andExpression()), left.location)
        }
        return left
    }

    mutating func andExpression() throws -> Expr {
        var left = try notExpression()
        while check(.kwAnd) {
            advance()
            left = Expr(.and(left, try notExpression()), left.location)
        }
        return left
    }

    mutating func notExpression() throws -> Expr {
        if check(.kwNot) {
            nesting += 1; defer { nesting -= 1 }
            try checkNesting()
            let at = advance().location
            return Expr(.not(try notExpression()), at)
        }
        return try comparison()
    }

    mutating func comparison() throws -> Expr {
        let first = try bitOr()
        var rest: [(CompareOperator, Expr)] = []
        while true {
            let op: CompareOperator
            switch peek.kind {
            case .equalEqual: op = .equal
            case .notEqual: op = .notEqual
            case .less: op = .less
            case .lessEqual: op = .lessEqual
            case .greater: op = .greater
            case .greaterEqual: op = .greaterEqual
            case .kwIn: op = .contains
            case .kwIs:
                advance()
                rest.append((match(.kwNot) ? .isNotSame : .isSame, try bitOr()))
                continue
            case .kwNot where checkNext(.kwIn):
                advance(); advance()
                rest.append((.notContains, try bitOr()))
                continue
            default:
                return rest.isEmpty ? first : Expr(.compare(first, rest), first.location)
            }
            advance()
            rest.append((op, try bitOr()))
        }
    }

    /// Python's precedence: | below ^ below & below + and -; `level` is how many of those
    /// three are already above this operand.
    mutating func bitOr(_ level: Int = 0) throws -> Expr {
        let levels: [(TokenKind, BitwiseOperator)] = [(.pipe, .or), (.caret, .xor), (.ampersand, .and)]
        guard level < levels.count else { return try shift() }
        var left = try bitOr(level + 1)
        while match(levels[level].0) { left = Expr(.bitwise(levels[level].1, left, try bitOr(level + 1)), left.location) }
        return left
    }

    /// `a << b`, `a >> b`: between `&` and `+` in Python's precedence.
    mutating func shift() throws -> Expr {
        var left = try sum()
        while check(.shiftLeft) || check(.shiftRight) {
            let op: BitwiseOperator = advance().kind == .shiftLeft ? .shiftLeft : .shiftRight
            left = Expr(.bitwise(op, left, try sum()), left.location)
        }
        return left
    }

    mutating func sum() throws -> Expr {
        var left = try term()
        while check(.plus) || check(.minus) {
            let op: BinaryOperator = advance().kind == .plus ? .add : .subtract
            left = Expr(.binary(op, left, try term()), left.location)
        }
        return left
    }

    mutating func term() throws -> Expr {
        var left = try unary()
        while true {
            let op: BinaryOperator
            switch peek.kind {
            case .star: op = .multiply
            case .slash: op = .divide
            case .doubleSlash: op = .floorDivide
            case .percent: op = .remainder
            case .at: op = .matmul
            default: return left
            }
            advance()
            left = Expr(.binary(op, left, try unary()), left.location)
        }
    }

    mutating func unary() throws -> Expr {
        if check(.minus) || check(.plus) || check(.tilde) {
            nesting += 1; defer { nesting -= 1 }
            try checkNesting()
            let token = advance()
            let operand = try unary()
            if token.kind == .tilde { return Expr(.unary(.invert, operand), token.location) }
            // Fold -3 into a literal so `(1, -1)` reads as data.
            if token.kind == .minus, case .int(let v) = operand.kind { return Expr(.int(-v), token.location) }
            if token.kind == .minus, case .float(let v) = operand.kind { return Expr(.float(-v), token.location) }
            return Expr(.unary(token.kind == .minus ? .minus : .plus, operand), token.location)
        }
        return try power()
    }

    mutating func power() throws -> Expr {
        let base = try postfix()
        guard match(.doubleStar) else { return base }
        return Expr(.binary(.power, base, try unary()), base.location)
    }

    mutating func postfix() throws -> Expr {
        var e = try primary()
        while true {
            if check(.leftParen) {
                let open = advance()
                let arguments = try argumentList(open)
                e = Expr(.call(e, arguments), e.location)
            } else if check(.leftBracket) {
                let open = advance()
                let index = try subscriptItems()
                try consume(.rightBracket, "expected ']' to close the '[' at \(open.location.line):\(open.location.column)")
                e = Expr(.index(e, index), e.location)
            } else if check(.dot) {
                advance()
                let name = try identifier("an attribute name after '.'")
                e = Expr(.attribute(e, name.lexeme), e.location)
            } else {
                return e
            }
        }
    }

    /// Call arguments: positional, then `name=value`; `*xs` spreads a sequence.
    mutating func argumentList(_ open: Token) throws -> [CallArgument] {
        var arguments: [CallArgument] = []
        var sawKeyword = false
        while !check(.rightParen) {
            if check(.newline) || check(.eof) { break }
            if match(.doubleStar) {
                // f(**options): a dict's entries as keyword arguments
                arguments.append(CallArgument(label: nil, value: try expression(), unpacksMapping: true))
                sawKeyword = true
            } else if check(.identifier) && checkNext(.equal) {
                let label = advance()
                advance()
                if arguments.contains(where: { $0.label == label.lexeme }) {
                    throw failure("keyword argument '\(label.lexeme)' is given twice", at: label.location)
                }
                arguments.append(CallArgument(label: label.lexeme, value: try expression()))
                sawKeyword = true
            } else {
                var value = try starredOrExpression()
                if check(.kwFor) {
                    // sum(p.numel() for p in m.parameters())
                    value = Expr(.comprehension(.generator, element: value, value: nil, clauses: try comprehensionClauses()), value.location)
                    if !arguments.isEmpty || check(.comma) {
                        throw failure("a generator expression must be the only argument unless it is in parentheses", at: value.location,
                                      fix: "put it in parentheses: f((x for x in xs), other)")
                    }
                }
                if sawKeyword {
                    throw failure("a positional argument cannot follow a keyword argument", at: value.location,
                                  fix: "put positional arguments first, as in Conv2d(3, 64, 7, 2, padding=3)")
                }
                arguments.append(CallArgument(label: nil, value: value))
            }
            if !match(.comma) { break }
        }
        if !check(.rightParen) {
            throw failure("expected ')' to close the '(' at \(open.location.line):\(open.location.column), found \(found(peek))",
                          fix: [.identifier, .integer, .float, .string].contains(peek.kind) ? "separate arguments with ','" : nil)
        }
        advance()
        return arguments
    }

    /// `i`, `i, j`, `a:b`, `::2`
    mutating func subscriptItems() throws -> Expr {
        let at = peek.location
        var items: [Expr] = []
        repeat {
            if check(.rightBracket) { break }
            items.append(try sliceOrExpression())
        } while match(.comma)
        if items.isEmpty { throw failure("expected an index inside '[]'") }
        return items.count == 1 ? items[0] : Expr(.tuple(items), at)
    }

    mutating func sliceOrExpression() throws -> Expr {
        let at = peek.location
        var start: Expr?
        if !check(.colon) { start = try expression() }
        guard match(.colon) else { return start! }
        var stop: Expr?, step: Expr?
        if !check(.colon) && !check(.rightBracket) && !check(.comma) { stop = try expression() }
        if match(.colon), !check(.rightBracket) && !check(.comma) { step = try expression() }
        return Expr(.slice(start, stop, step), at)
    }

    mutating func primary() throws -> Expr {
        let token = peek
        let at = token.location
        switch token.kind {
        case .integer:
            advance()
            if case .int(let v)? = token.literal { return Expr(.int(v), at) }
            return Expr(.int(0), at)
        case .float:
            advance()
            if case .float(let v)? = token.literal { return Expr(.float(v), at) }
            return Expr(.float(0), at)
        case .string, .fstring:
            return try strings()
        case .kwTrue: advance(); return Expr(.bool(true), at)
        case .kwFalse: advance(); return Expr(.bool(false), at)
        case .kwNone: advance(); return Expr(.none, at)
        case .identifier: advance(); return Expr(.name(mangled(token.lexeme)), at)
        case .leftParen:
            advance()
            if match(.rightParen) { return Expr(.tuple([]), at) }
            let first = try starredOrExpression()
            if check(.kwFor) {
                let clauses = try comprehensionClauses()
                try consume(.rightParen, "expected ')' to close the generator expression at \(at.line):\(at.column)")
                return Expr(.comprehension(.generator, element: first, value: nil, clauses: clauses), at)
            }
            if match(.rightParen) { return first }               // grouping
            var items = [first]
            while match(.comma) {
                if check(.rightParen) { break }
                items.append(try starredOrExpression())
            }
            if !check(.rightParen) {
                throw failure("expected ')' to close the '(' at \(at.line):\(at.column), found \(found(peek))",
                              fix: [.identifier, .integer, .float].contains(peek.kind) ? "separate items with ','" : nil)
            }
            advance()
            return Expr(.tuple(items), at)
        case .leftBracket:
            advance()
            var items: [Expr] = []
            while !check(.rightBracket) {
                items.append(try starredOrExpression())
                if items.count == 1, check(.kwFor) {
                    let clauses = try comprehensionClauses()
                    try consume(.rightBracket, "expected ']' to close the list comprehension at \(at.line):\(at.column)")
                    return Expr(.comprehension(.list, element: items[0], value: nil, clauses: clauses), at)
                }
                if !match(.comma) { break }
            }
            if !check(.rightBracket) {
                throw failure("expected ']' to close the '[' at \(at.line):\(at.column), found \(found(peek))",
                              fix: [.identifier, .integer, .float].contains(peek.kind) ? "separate items with ','" : nil)
            }
            advance()
            return Expr(.list(items), at)
        case .leftBrace:
            advance()
            var pairs: [(key: Expr, value: Expr)] = []
            while !check(.rightBrace) {
                if check(.doubleStar) {
                    // {**defaults, "lr": 0.1}: another dict's entries, as a starred key with no value
                    let star = advance()
                    pairs.append((Expr(.starred(try bitOr()), star.location), Expr(.none, star.location)))
                    if !match(.comma) { break }
                    continue
                }
                if pairs.isEmpty, check(.star) { return try setDisplay(at) }
                let key = try expression()
                if pairs.isEmpty, check(.comma) || check(.rightBrace) || check(.kwFor) { return try setDisplay(at, first: key) }
                try consume(.colon, "expected ':' after a dictionary key")
                pairs.append((key, try expression()))
                if pairs.count == 1, check(.kwFor), !pairs[0].key.isStarred {
                    let clauses = try comprehensionClauses()
                    try consume(.rightBrace, "expected '}' to close the dict comprehension at \(at.line):\(at.column)")
                    return Expr(.comprehension(.dict, element: pairs[0].key, value: pairs[0].value, clauses: clauses), at)
                }
                if !match(.comma) { break }
            }
            try consume(.rightBrace, "expected '}' to close the '{' at \(at.line):\(at.column)")
            return Expr(.dict(pairs), at)
        case .dot where checkNext(.dot) && current + 2 < tokens.count && tokens[current + 2].kind == .dot:
            advance(); advance(); advance()
            return Expr(.name("Ellipsis"), at)
        default:
            if let word = TokenKind.keywords.first(where: { $0.value == token.kind })?.key {
                throw failure("expected an expression, found the keyword '\(word)'", at: at)
            }
            throw failure("expected an expression, found \(found(token))", at: errorLocation(token))
        }
    }

    /// Adjacent string literals join ("a" "b" is "ab"); f-strings are split into parts.
    mutating func strings() throws -> Expr {
        let at = peek.location
        var parts: [FormattedPart] = []
        var formatted = false
        while check(.string) || check(.fstring) {
            let token = advance()
            guard case .string(let body)? = token.literal else { continue }
            if token.kind == .string { parts.append(.text(body)) }
            else { formatted = true; parts += try formattedParts(body, token) }
        }
        if !formatted {
            return Expr(.string(parts.map { if case .text(let t) = $0 { return t } else { return "" } }.joined()), at)
        }
        return Expr(.formatted(parts), at)
    }

    /// Splits an f-string body: text, `{{`/`}}` escapes, `{expression}` and `{expression:spec}`.
    /// `offset`: where body starts in the token, when it is a spec inside it (f"{x:>{width}}").
    func formattedParts(_ body: String, _ token: Token, offset: Int? = nil) throws -> [FormattedPart] {
        let chars = Array(body.unicodeScalars)
        let closing = token.lexeme.hasSuffix("\"\"\"") || token.lexeme.hasSuffix("'''") ? 3 : 1
        let prefixLength = offset ?? token.lexeme.unicodeScalars.count - chars.count - closing
        let raw = token.lexeme.prefix(while: { $0 != "\"" && $0 != "'" }).lowercased().contains("r")     // rf"…": no escapes
        var parts: [FormattedPart] = []
        var text = ""
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "{" && i + 1 < chars.count && chars[i + 1] == "{" { text += "{"; i += 2; continue }
            if c == "}" && i + 1 < chars.count && chars[i + 1] == "}" { text += "}"; i += 2; continue }
            if c == "}" {
                throw failure("single '}' in an f-string", at: column(token, prefixLength + i), fix: "write '}}' for a literal brace")
            }
            if c != "{" {
                if c == "\\", i + 1 < chars.count, !raw {
                    if chars[i + 1] == "\n" { i += 2; continue }           // a backslash-newline joins the lines
                    switch StringEscapes.decode(chars, at: i + 1) {
                    case .text(let decoded, let after): text += decoded; i = after
                    case .failure(let message, let fix, _): throw failure(message, at: column(token, prefixLength + i), fix: fix)
                    }
                    continue
                }
                text.unicodeScalars.append(c); i += 1; continue
            }
            // {expression[:spec]}
            let start = i + 1
            var depth = 0, j = start
            var specStart: Int?
            while j < chars.count {
                let d = chars[j]
                if d == "(" || d == "[" || d == "{" { depth += 1 }
                else if d == ")" || d == "]" { depth -= 1 }
                else if d == "}" { if depth == 0 { break }; depth -= 1 }
                else if d == ":" && depth == 0 && specStart == nil { specStart = j }
                j += 1
            }
            guard j < chars.count else {
                throw failure("'{' in an f-string is never closed", at: column(token, prefixLength + i), fix: "add '}', or write '{{' for a literal brace")
            }
            var source = ""
            source.unicodeScalars.append(contentsOf: chars[start..<(specStart ?? j)])
            // f"{x!r}", f"{x!s}": the value's repr or str before any spec
            var conversion: String?
            for c in ["r", "s", "a"] where source.hasSuffix("!" + c) {
                conversion = c == "s" ? "str" : c == "a" ? "ascii" : "repr"
                source.removeLast(2)
            }
            // f"{x=}" and f"{x = :.2f}": the text as written, then the value (its repr without a spec)
            var selfDocumenting = false
            let trimmed = source.reversed().drop(while: { $0 == " " })
            if trimmed.first == "=", !["=", "!", "<", ">"].contains(trimmed.dropFirst().first ?? " ") {
                selfDocumenting = true
                text += source
                source = String(String(trimmed.dropFirst()).reversed())
            }
            var spec = ""
            if let s = specStart { spec.unicodeScalars.append(contentsOf: chars[(s + 1)..<j]) }
            if !text.isEmpty { parts.append(.text(text)); text = "" }
            // f"{ {1, 2} }": spaces before the expression are not an indented line
            let indent = source.prefix(while: { $0 == " " || $0 == "\t" }).count
            source.removeFirst(indent)
            let place = column(token, prefixLength + start + indent)
            let scanned = Scanner.scan(source, file: place.file, firstLine: place.line, firstColumn: place.column)
            if let first = scanned.diagnostics.first { throw Failure(diagnostic: first) }
            var sub = Parser(tokens: scanned.tokens)
            sub.mangledClass = mangledClass                                     // f"{self.__n}" inside a class
            guard !sub.check(.newline), !sub.check(.eof) else {
                throw failure("empty '{}' in an f-string", at: column(token, prefixLength + i), fix: "put an expression inside the braces")
            }
            let e = try sub.expressionList()
            if !sub.check(.newline) && !sub.check(.eof) {
                throw failure("unexpected \(sub.found(sub.peek)) inside '{…}' of an f-string", at: sub.peek.location)
            }
            var value = e
            if let function = conversion ?? (selfDocumenting && spec.isEmpty ? "repr" : nil) {
                value = Expr(.call(Expr(.name(function), e.location), [CallArgument(label: nil, value: e)]), e.location)
            }
            if spec.contains("{"), let s = specStart {
                parts.append(.valueWithFields(value, spec: try formattedParts(spec, token, offset: prefixLength + s + 1)))
            } else {
                parts.append(.value(value, spec: spec))
            }
            i = j + 1
        }
        if !text.isEmpty { parts.append(.text(text)) }
        return parts
    }

    func column(_ token: Token, _ offset: Int) -> SourceLocation {
        var at = token.location
        at.column += offset
        return at
    }
}
