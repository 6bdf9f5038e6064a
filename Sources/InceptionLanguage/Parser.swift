import InceptionRuntime

/// Recursive descent from tokens to a `Program`, one method per grammar rule.
///
/// On a syntax error the parser records a diagnostic, skips to the end of the statement
/// (and over any block that hangs off it) and carries on, so one run reports every error
/// in a file. Statements (this file) and expressions (ParserExpressions.swift):
///
///     program     := statement* EOF
///     statement   := classDecl | funcDecl | if | for | while | simple (';' simple)* NEWLINE
///     block       := ':' (NEWLINE INDENT statement+ DEDENT | simple (';' simple)* NEWLINE)
///     simple      := return | pass | break | continue | assert | import | from
///                  | exprList (('=' exprList)* | augOp expr)
public struct Parser {
    struct Failure: Error { let diagnostic: Diagnostic }

    var tokens: [Token]
    var current = 0
    var diagnostics: [Diagnostic] = []
    /// Set with a refusal whose whole block is to be skipped unread (skipStatementAndBlock).
    var refusedWholeBlock = false
    /// Nested rules entered (brackets, `not`, signs, blocks): see ParserLimits.swift.
    var nesting = 0
    var expressionNesting = 0
    /// The loops around the statement being read, within its function or class body: where
    /// `break` and `continue` may stand (Python refuses them elsewhere, before running anything).
    var loopDepth = 0
    /// The class whose body is being read (its methods' too): Python's name mangling of `__name`.
    var mangledClass: String?
    /// What the __qualname__ of a def, lambda or class read now starts with: "" at the top,
    /// "Model." in a class body, "outer.<locals>." in a function's.
    var qualifiedPrefix = ""

    public init(tokens: [Token]) { self.tokens = tokens }

    /// Scans and parses; returns the program and every syntax error found, in source order.
    public static func parse(_ text: String, file: String, firstLine: Int = 1) -> (program: Program, diagnostics: [Diagnostic]) {
        let scanned = Scanner.scan(text, file: file, firstLine: firstLine)
        var parser = Parser(tokens: scanned.tokens)
        let program = parser.parseProgram()
        // A line the scanner found broken (an unclosed bracket, a bad character) confuses the
        // parser too: report the scanner's error, which names the cause, and not the echo.
        let brokenLines = Set(scanned.diagnostics.map(\.location.line))
        let all = (scanned.diagnostics + parser.diagnostics.filter { !brokenLines.contains($0.location.line) })
            .sorted { ($0.location.line, $0.location.column) < ($1.location.line, $1.location.column) }
        return (program, all)
    }

    public mutating func parseProgram() -> Program {
        var statements: [Stmt] = []
        while !check(.eof) {
            if check(.dedent) || check(.newline) { advance(); continue }    // after an indentation error
            statements += statementRecovering()
        }
        return Program(statements: statements)
    }

    // MARK: token helpers

    var peek: Token { tokens[current] }
    func check(_ kind: TokenKind) -> Bool { peek.kind == kind }
    func checkNext(_ kind: TokenKind) -> Bool { current + 1 < tokens.count && tokens[current + 1].kind == kind }

    @discardableResult
    mutating func advance() -> Token {
        let t = tokens[current]
        if t.kind != .eof { current += 1 }
        return t
    }

    mutating func match(_ kinds: TokenKind...) -> Bool {
        guard kinds.contains(peek.kind) else { return false }
        advance()
        return true
    }

    /// Where an error about the current token points: a missing token at the end of a
    /// line points just after the line's last token, not at the newline after a comment.
    func errorLocation(_ token: Token) -> SourceLocation {
        guard [.newline, .eof, .dedent, .indent].contains(token.kind), current > 0 else { return token.location }
        let last = tokens[current - 1]
        guard ![.newline, .indent, .dedent].contains(last.kind) else { return token.location }
        var at = last.location
        at.column += last.lexeme.unicodeScalars.count
        return at
    }

    func failure(_ message: String, at: SourceLocation? = nil, fix: String? = nil) -> Failure {
        Failure(diagnostic: Diagnostic(.syntax, at ?? errorLocation(peek), message, fix: fix))
    }

    /// Python's private names: inside class `_Net`'s body, `__cache` (two underscores first, not
    /// two last) is `_Net__cache` wherever it stands as a name, attribute, parameter or def
    /// (not in strings, nor as a call's keyword). A class named with underscores alone mangles nothing.
    func mangled(_ name: String) -> String {
        guard let cls = mangledClass, name.hasPrefix("__"), !name.hasSuffix("__"), !name.contains(".") else { return name }
        let stripped = cls.drop(while: { $0 == "_" })
        return stripped.isEmpty ? name : "_\(stripped)\(name)"
    }

    /// "'x'", "the end of the line", … for messages.
    func found(_ t: Token) -> String {
        switch t.kind {
        case .newline: return "the end of the line"
        case .eof: return "the end of the file"
        case .indent: return "an indented line"
        case .dedent: return "the end of the block"
        default: return "'\(t.lexeme)'"
        }
    }

    @discardableResult
    mutating func consume(_ kind: TokenKind, _ message: String, fix: String? = nil) throws -> Token {
        if check(kind) { return advance() }
        throw failure("\(message), found \(found(peek))", fix: fix)
    }

    mutating func identifier(_ what: String) throws -> Token {
        if check(.identifier) { var t = advance(); t.lexeme = mangled(t.lexeme); return t }
        if TokenKind.keywords[peek.lexeme] != nil {
            throw failure("'\(peek.lexeme)' is a keyword and cannot be used as \(what)", at: peek.location)
        }
        throw failure("expected \(what), found \(found(peek))")
    }

    // MARK: recovery

    /// Parses one statement; on an error records it and skips past the statement and any
    /// block indented under it, returning nothing for it.
    mutating func statementRecovering() -> [Stmt] {
        nesting += 1; defer { nesting -= 1 }
        if nesting > Self.maxNesting || !StackGuard.hasRoom() { skipTooDeepBlock(); return [] }
        do { return try statement() } catch let f as Failure {
            diagnostics.append(f.diagnostic)
            if refusedWholeBlock { refusedWholeBlock = false; skipStatementAndBlock() } else { synchronize() }
            return []
        } catch { return [] }
    }

    /// Past a refused statement and the block under it, unread (a `match` statement's `case`
    /// clauses would each be an error of their own).
    mutating func skipStatementAndBlock() {
        while !check(.newline) && !check(.eof) { advance() }
        _ = match(.newline)
        guard match(.indent) else { return }
        var depth = 1
        while depth > 0 && !check(.eof) {
            if check(.indent) { depth += 1 } else if check(.dedent) { depth -= 1 }
            advance()
        }
    }

    mutating func synchronize() {
        while !check(.newline) && !check(.eof) && !check(.indent) && !check(.dedent) { advance() }
        _ = match(.newline)
        if check(.indent) {
            // The block under a broken header: parse it for its own errors, then drop it (a
            // break in it is not blamed: the header may have been a loop's).
            advance()
            loopDepth += 1
            defer { loopDepth -= 1 }
            while !check(.dedent) && !check(.eof) { _ = statementRecovering() }
            _ = match(.dedent)
        }
    }

    // MARK: statements

    mutating func statement() throws -> [Stmt] {
        switch peek.kind {
        case .kwClass: return [try classDeclaration()]
        case .kwDef:
            let at = peek.location
            return [Stmt(.function(try functionDeclaration()), at)]
        case .at:
            // @decorator lines before a def: name = decorator(name), the nearest decorator first
            var decorators: [Expr] = []
            while match(.at) {
                decorators.append(try expression())
                _ = try consume(.newline, "expected the end of the line after the decorator")
            }
            guard check(.kwDef) || check(.kwClass) else {
                throw failure("a decorator must be followed by 'def' or 'class'", at: peek.location)
            }
            let at = peek.location
            let definition: Stmt, name: String
            if check(.kwClass) {
                definition = try classDeclaration()
                guard case .classDecl(let c) = definition.kind else { return [definition] }
                name = c.name
            } else {
                let decl = try functionDeclaration()
                (definition, name) = (Stmt(.function(decl), at), decl.name)
            }
            var value = Expr(.name(name), at)
            for d in decorators.reversed() { value = Expr(.call(d, [CallArgument(label: nil, value: value)]), d.location) }
            return [definition, Stmt(.assign(targets: [Expr(.name(name), at)], value: value), at)]
        case .kwIf: return [try ifStatement()]
        case .kwFor: return [try forStatement()]
        case .kwWhile: return [try whileStatement()]
        case .kwWith: return [try withStatement()]
        case .kwTry: return [try tryStatement()]
        case .kwExcept, .kwFinally:
            throw failure("'\(peek.lexeme)' without a matching 'try'", at: peek.location,
                          fix: "indent it like its 'try', directly after the try's block")
        case .indent:
            throw failure("unexpected indent", at: peek.location, fix: "line this statement up with the one before it")
        case .kwElse, .kwElif:
            throw failure("'\(peek.lexeme)' without a matching 'if'", at: peek.location,
                          fix: "indent it like its 'if', directly after the if's block")
        case .identifier where peek.lexeme == "match" && isMatchStatement():
            refusedWholeBlock = true
            throw failure("match statements are not supported here", at: peek.location, fix: "write an if/elif chain: if x == 1: … elif isinstance(x, str): …")
        default:
            return try simpleStatementLine()
        }
    }

    /// Whether `match …:` (its line ends with ':'), Python's soft keyword, rather than a name
    /// `match` in an expression or assignment.
    func isMatchStatement() -> Bool {
        guard current + 1 < tokens.count, ![.equal, .dot, .colon, .comma, .rightParen, .newline].contains(tokens[current + 1].kind),
              TokenKind.augmentedOperators[tokens[current + 1].kind] == nil else { return false }
        var i = current + 1
        while i < tokens.count, tokens[i].kind != .newline, tokens[i].kind != .eof { i += 1 }
        return i > current + 1 && tokens[i - 1].kind == .colon
    }

    /// simple (';' simple)* NEWLINE
    mutating func simpleStatementLine() throws -> [Stmt] {
        var out = try simpleStatements()
        while match(.semicolon) {
            if check(.newline) || check(.eof) { break }
            out += try simpleStatements()
        }
        if !check(.eof) && !check(.dedent) {
            try consume(.newline, "expected the end of the statement",
                        fix: [.identifier, .integer, .float, .string].contains(peek.kind) ? "put one statement per line, or separate items with ','" : nil)
        }
        return out
    }

    /// One simple statement, or one import statement per module of `import a, b.c as d`.
    mutating func simpleStatements() throws -> [Stmt] {
        check(.kwImport) ? try importStatements() : [try simpleStatement()]
    }

    mutating func simpleStatement() throws -> Stmt {
        let at = peek.location
        switch peek.kind {
        case .kwReturn:
            advance()
            if check(.newline) || check(.semicolon) || check(.eof) || check(.dedent) { return Stmt(.returnValue(nil), at) }
            return Stmt(.returnValue(try expressionList()), at)
        case .kwPass: advance(); return Stmt(.pass, at)
        case .kwBreak:
            advance()
            guard loopDepth > 0 else { throw failure("'break' outside loop", at: at, fix: "break belongs inside a for or while loop (not in its else block, nor in a def inside it)") }
            return Stmt(.breakLoop, at)
        case .kwContinue:
            advance()
            guard loopDepth > 0 else { throw failure("'continue' not properly in loop", at: at, fix: "continue belongs inside a for or while loop (not in its else block, nor in a def inside it)") }
            return Stmt(.continueLoop, at)
        case .kwAssert:
            advance()
            let condition = try expression()
            let message = match(.comma) ? try expression() : nil
            return Stmt(.assert(condition, message: message), at)
        case .kwFrom: return try fromImportStatement()
        case .kwRaise:
            advance()
            if check(.newline) || check(.semicolon) || check(.eof) || check(.dedent) { return Stmt(.raise(nil, cause: nil), at) }
            let exception = try expression()
            let cause = match(.kwFrom) ? try expression() : nil
            return Stmt(.raise(exception, cause: cause), at)
        case .kwDel:
            advance()
            var targets = [try expression()]
            while match(.comma) { targets.append(try expression()) }
            for t in targets {
                switch t.kind {
                case .name, .index, .attribute: continue
                default: throw failure("cannot delete this expression", at: t.location, fix: "del takes names, d[key], xs[i] or obj.attr")
                }
            }
            return Stmt(.delete(targets), at)
        // `yield (x)` and `yield [a, b]` yield, as in Python (where 'yield' is never a name)
        case .identifier where peek.lexeme == "yield"
            && ![.equal, .dot, .colon, .comma].contains(tokens[current + 1].kind)
            && TokenKind.augmentedOperators[tokens[current + 1].kind] == nil:
            advance()
            return try yieldStatement(at: at, into: nil)
        case .kwGlobal, .kwNonlocal:
            let global = advance().kind == .kwGlobal
            var names = [try identifier("a name").lexeme]
            while match(.comma) { names.append(try identifier("a name").lexeme) }
            return Stmt(.scopeDeclaration(names: names, global: global), at)
        default: break
        }
        let first = try expressionList()
        if check(.colon), first.kind.isSingleTarget {
            // An annotated assignment `x: int = 3` (or a bare `x: Tensor`): the annotation is read
            // for its syntax and not evaluated (nothing here checks types).
            advance()
            _ = try expression()
            guard match(.equal) else { return Stmt(.annotatedAssign(target: first, value: nil), at) }
            return Stmt(.annotatedAssign(target: first, value: try expressionList()), at)
        }
        if match(.equal) {
            if check(.identifier), peek.lexeme == "yield" {
                // `x = yield v` (x: what send() gives), `r = yield from g` (r: g's return value)
                try validateTarget(first)
                advance()
                return try yieldStatement(at: at, into: first)
            }
            var targets = [first]
            var value = try expressionList()
            while match(.equal) {
                targets.append(value)
                value = try expressionList()
            }
            for t in targets { try validateTarget(t) }
            return Stmt(.assign(targets: targets, value: value), at)
        }
        if let op = TokenKind.augmentedOperators[peek.kind] {
            advance()
            if case .tuple = first.kind { throw failure("'\(op.symbol)=' needs a single target, not a tuple", at: first.location) }
            try validateTarget(first)
            return Stmt(.augmentedAssign(target: first, op, try expression()), at)
        }
        return Stmt(.expression(first), at)
    }

    /// Only names, attributes, subscripts and tuples/lists of them can be assigned to.
    func validateTarget(_ e: Expr) throws {
        switch e.kind {
        case .name, .attribute, .index: return
        case .tuple(let items), .list(let items):
            var starred = 0
            for item in items {
                if case .starred(let inner) = item.kind { starred += 1; try validateTarget(inner) } else { try validateTarget(item) }
            }
            if starred > 1 { throw failure("multiple starred expressions in assignment", at: e.location) }
        case .call: throw failure("cannot assign to a function call", at: e.location,
                                  fix: "to compare, use '=='; to keep the result, put a name on the left of '='")
        case .int, .float, .string, .bool, .none, .formatted:
            throw failure("cannot assign to a literal", at: e.location, fix: "put a name on the left of '='")
        default: throw failure("cannot assign to this expression", at: e.location)
        }
    }

    /// `import torch`, `import torch.nn as nn`, `import torch, torch.nn as nn`: one statement a module
    mutating func importStatements() throws -> [Stmt] {
        let at = advance().location
        var imports: [Stmt] = []
        repeat {
            let path = try dottedName()
            let alias = match(.kwAs) ? try identifier("a name after 'as'").lexeme : nil
            imports.append(Stmt(.importModule(path: path, alias: alias), at))
        } while match(.comma)
        return imports
    }

    /// `from torch import nn, cat`, or the names in parentheses over several lines
    mutating func fromImportStatement() throws -> Stmt {
        let at = advance().location
        let path = try dottedName()
        try consume(.kwImport, "expected 'import' after 'from \(path.joined(separator: "."))'")
        let parenthesized = match(.leftParen)
        var names: [(String, String?)] = []
        repeat {
            if parenthesized, check(.rightParen), !names.isEmpty { break }        // a trailing comma
            let name = try identifier("a name to import").lexeme
            names.append((name, match(.kwAs) ? try identifier("a name after 'as'").lexeme : nil))
        } while match(.comma)
        if parenthesized { try consume(.rightParen, "expected ')' after the imported names") }
        return Stmt(.importFrom(path: path, names: names), at)
    }

    mutating func dottedName() throws -> [String] {
        var path = [try identifier("a module name").lexeme]
        while match(.dot) { path.append(try identifier("a module name").lexeme) }
        return path
    }

    /// ':' then an indented block, or simple statements on the same line (`else: x = None`).
    mutating func block(after header: String) throws -> [Stmt] {
        try consume(.colon, "expected ':' after \(header)", fix: check(.equal) ? "use '==' to compare; '=' assigns" : "end the line with ':'")
        if !check(.newline) { return try simpleStatementLine() }
        advance()
        guard match(.indent) else {
            throw failure("expected an indented block after \(header)", at: peek.location,
                          fix: "indent the block's lines by 4 spaces")
        }
        var body: [Stmt] = []
        while !check(.dedent) && !check(.eof) { body += statementRecovering() }
        _ = match(.dedent)
        return body
    }

    mutating func ifStatement() throws -> Stmt {
        let at = advance().location
        var branches = [(condition: try expression(), body: try block(after: "the if condition"))]
        var otherwise: [Stmt]?
        while check(.kwElif) {
            advance()
            branches.append((try expression(), try block(after: "the elif condition")))
        }
        if match(.kwElse) { otherwise = try block(after: "'else'") }
        return Stmt(.ifChain(branches: branches, otherwise: otherwise), at)
    }

    mutating func forStatement() throws -> Stmt {
        let at = advance().location
        let target = try targetList()
        try validateTarget(target)
        try consume(.kwIn, "expected 'in' after the loop variable", fix: "write 'for x in sequence:'")
        let sequence = try expressionList()
        return try loopElse(Stmt(.forLoop(target: target, sequence: sequence, body: try loopBody(after: "the for header")), at))
    }

    /// Loop targets stop before 'in' (which would otherwise parse as a comparison); one may be
    /// starred (`for a, *rest in rows:`).
    mutating func targetList() throws -> Expr {
        let at = peek.location
        var items = [try targetItem()]
        while match(.comma) {
            if check(.kwIn) { break }
            items.append(try targetItem())
        }
        return items.count == 1 && !items[0].isStarred ? items[0] : Expr(.tuple(items), at)
    }

    /// One loop target, `*rest` included.
    mutating func targetItem() throws -> Expr {
        guard check(.star) else { return try postfix() }
        let star = advance().location
        return Expr(.starred(try postfix()), star)
    }

    /// with EXPR [as NAME] (, EXPR [as NAME])*: block
    mutating func withStatement() throws -> Stmt {
        let at = advance().location
        var items: [(context: Expr, name: Expr?)] = []
        repeat {
            let context = try expression()
            var name: Expr?
            if match(.kwAs) {
                // `as t1, b as t2`: one target per item (a tuple target needs its parentheses, as in Python)
                name = try bitOr()
                try validateTarget(name!)
            }
            items.append((context, name))
        } while match(.comma)
        return Stmt(.with(items: items, body: try block(after: "the with header")), at)
    }

    /// try: … (except [types [as name]]: …)* [else: …] [finally: …], at least one except or the finally
    mutating func tryStatement() throws -> Stmt {
        let at = advance().location
        let body = try block(after: "'try'")
        var handlers: [ExceptHandler] = []
        while check(.kwExcept) {
            let clause = advance().location
            if let bare = handlers.first(where: { $0.types == nil }) {
                // as CPython: a bare except catches everything, so nothing after it could be reached
                throw failure("default 'except:' must be last", at: bare.location, fix: "move the bare 'except:' after the other except clauses")
            }
            var types: Expr?, name: String?
            if !check(.colon) {
                types = try expression()
                if match(.kwAs) { name = try identifier("a name for the exception").lexeme }
            }
            handlers.append(ExceptHandler(types: types, name: name, body: try block(after: "the except clause"), location: clause))
        }
        let otherwise = !handlers.isEmpty && match(.kwElse) ? try block(after: "'else'") : nil
        let finally = match(.kwFinally) ? try block(after: "'finally'") : nil
        guard !handlers.isEmpty || finally != nil else {
            throw failure("expected 'except' or 'finally' block", at: errorLocation(peek), fix: "add 'except Exception as e:' (or 'finally:') after the try's block")
        }
        return Stmt(.tryStatement(body: body, handlers: handlers, otherwise: otherwise, finally: finally), at)
    }

    /// A loop, with the `else:` block after it if there is one.
    mutating func loopElse(_ loop: Stmt) throws -> Stmt {
        guard check(.kwElse) else { return loop }
        let at = advance().location
        return Stmt(.loopElse(loop: loop, otherwise: try block(after: "'else'")), at)
    }

    mutating func whileStatement() throws -> Stmt {
        let at = advance().location
        let condition = try expression()
        return try loopElse(Stmt(.whileLoop(condition: condition, body: try loopBody(after: "the while condition")), at))
    }

    /// A loop's body: the one block where break and continue belong.
    mutating func loopBody(after header: String) throws -> [Stmt] {
        loopDepth += 1
        defer { loopDepth -= 1 }
        return try block(after: header)
    }

    /// A def's or class's body: the loops around it do not reach inside.
    mutating func bodyOutsideLoops(after header: String) throws -> [Stmt] {
        let outer = loopDepth
        loopDepth = 0
        defer { loopDepth = outer }
        return try block(after: header)
    }

    mutating func functionDeclaration() throws -> FunctionDecl {
        let at = advance().location
        let name = try identifier("a function name after 'def'").lexeme
        try consume(.leftParen, "expected '(' after 'def \(name)'", fix: "write 'def \(name)(self, x):'")
        let parameters = try parameterList(closing: .rightParen)
        try consume(.rightParen, "expected ')' after the parameters of '\(name)'")
        if match(.arrow) { _ = try expression() }                 // a return annotation, ignored
        let qualifiedName = qualifiedPrefix + name, outer = qualifiedPrefix
        qualifiedPrefix = qualifiedName + ".<locals>."
        defer { qualifiedPrefix = outer }
        let body = try bodyOutsideLoops(after: "'def \(name)(…)'")
        return FunctionDecl(name: name, parameters: parameters, body: body, location: at, qualifiedName: qualifiedName)
    }

    /// name [':' annotation] ['=' default], …, with Python's `/` (the parameters before it
    /// positional-only), `*args`, a bare `*` (the parameters after it keyword-only) and `**kwargs` last.
    mutating func parameterList(closing: TokenKind) throws -> [Parameter] {
        var parameters: [Parameter] = []
        var seenDefault = false
        var keywordOnly = false
        while !check(closing) {
            if parameters.last?.kind == .varKeyword {
                throw failure("no parameter can follow **\(parameters.last!.name)", at: peek.location, fix: "put **\(parameters.last!.name) last")
            }
            if check(.slash) {                                  // the parameters before it positional-only
                let slash = advance()
                guard !parameters.isEmpty else { throw failure("at least one argument must precede /", at: slash.location) }
                guard !keywordOnly else { throw failure("/ must be ahead of *", at: slash.location) }
                guard !parameters.contains(where: \.positionalOnly) else { throw failure("/ may appear only once", at: slash.location) }
                for i in parameters.indices { parameters[i].positionalOnly = true }
                if !match(.comma) { break }
                continue
            }
            if check(.star) {
                let star = advance()
                guard !keywordOnly else { throw failure("'*' or '*args' can appear only once", at: star.location) }
                keywordOnly = true
                if check(.comma) {                                                      // a bare '*'
                    advance()
                    guard !check(closing) else { throw failure("named arguments must follow a bare '*'", at: star.location) }
                    continue
                }
                let token = try identifier("a name after '*'")
                if closing != .colon, match(.colon) { _ = try expression() }
                parameters.append(Parameter(name: token.lexeme, defaultValue: nil, location: token.location, kind: .varPositional))
                if !match(.comma) { break }
                continue
            }
            if match(.doubleStar) {
                let token = try identifier("a name after '**'")
                if closing != .colon, match(.colon) { _ = try expression() }
                if parameters.contains(where: { $0.name == token.lexeme }) {
                    throw failure("parameter '\(token.lexeme)' is named twice", at: token.location)
                }
                parameters.append(Parameter(name: token.lexeme, defaultValue: nil, location: token.location, kind: .varKeyword))
                if !match(.comma) { break }
                continue
            }
            let token = try identifier("a parameter name")
            if closing != .colon, match(.colon) { _ = try expression() }             // a type annotation, ignored
            var value: Expr?
            if match(.equal) { value = try expression(); if !keywordOnly { seenDefault = true } }
            else if seenDefault && !keywordOnly {
                throw failure("parameter '\(token.lexeme)' needs a default value because an earlier one has one",
                              at: token.location, fix: "move parameters with defaults to the end")
            }
            if parameters.contains(where: { $0.name == token.lexeme }) {
                throw failure("parameter '\(token.lexeme)' is named twice", at: token.location)
            }
            parameters.append(Parameter(name: token.lexeme, defaultValue: value, location: token.location, kind: keywordOnly ? .keywordOnly : .normal))
            if !match(.comma) { break }
        }
        return parameters
    }

    /// After `yield`: `yield`, `yield v`, `yield a, b` (a tuple), `yield from items`.
    mutating func yieldStatement(at: SourceLocation, into: Expr?) throws -> Stmt {
        if check(.newline) || check(.semicolon) || check(.eof) || check(.dedent) { return Stmt(.yieldValue(nil, from: false, into: into), at) }
        if match(.kwFrom) { return Stmt(.yieldValue(try expression(), from: true, into: into), at) }
        return Stmt(.yieldValue(try expressionList(), from: false, into: into), at)
    }

    mutating func classDeclaration() throws -> Stmt {
        let at = advance().location
        let name = try identifier("a class name after 'class'").lexeme
        var parameters: [Parameter] = []
        var bases: [Expr] = []
        var extendsModule = false
        if match(.leftParen) {
            if isModuleBase() {
                // `(nn.Module)`: kept as the base it names (a PyTorch module class, not a lesson's block)
                extendsModule = true
                bases.append(try dottedExpression())
            } else if isDottedNameList() {
                // `(Base)`, `(pkg.Base, Other)`: bases, or (plain names, no __init__) parameters
                while !check(.rightParen) {
                    bases.append(try dottedExpression())
                    if !match(.comma) { break }
                }
                parameters = bases.compactMap { base in
                    guard case .name(let n) = base.kind else { return nil }
                    return Parameter(name: n, defaultValue: nil, location: base.location, kind: .normal)
                }
                if parameters.count < bases.count { parameters = [] }
                for (i, p) in parameters.enumerated() where parameters[..<i].contains(where: { $0.name == p.name }) {
                    throw failure("parameter '\(p.name)' is named twice", at: p.location)
                }
            } else {
                parameters = try parameterList(closing: .rightParen)
            }
            try consume(.rightParen, "expected ')' after the parameters of class \(name)")
        }
        let enclosing = mangledClass, qualifiedName = qualifiedPrefix + name, outer = qualifiedPrefix
        mangledClass = name
        qualifiedPrefix = qualifiedName + "."
        defer { mangledClass = enclosing; qualifiedPrefix = outer }
        let body = try bodyOutsideLoops(after: "the header of class \(name)")
        var statements: [Stmt] = []
        var methods: [FunctionDecl] = []
        for s in body {
            if case .function(let f) = s.kind { methods.append(f); continue }
            // `@decorator def m(self, …)` came as `def m` then `m = decorator(m)`: the method keeps its decorators
            if let last = methods.last, let decorators = Self.decorators(of: last.name, in: s) {
                methods[methods.count - 1] = FunctionDecl(name: last.name, parameters: last.parameters, body: last.body,
                                                          location: last.location, decorators: decorators, qualifiedName: last.qualifiedName)
                continue
            }
            statements.append(s)
        }
        let hasInitializer = methods.contains { $0.name == "__init__" }
        if let initializer = methods.first(where: { $0.name == "__init__" }) {
            guard initializer.parameters.first?.name == "self" else {
                throw failure("__init__ of class \(name) must take 'self' first", at: initializer.location,
                              fix: "write 'def __init__(self, …):'")
            }
            parameters = initializer.explicitParameters
            methods.removeAll { $0 === initializer }
            // the other statements are the class's own (its attributes), run once when it is defined
            let decl = ClassDecl(name: name, parameters: parameters, body: initializer.body, methods: methods, location: at,
                                 bases: bases, hasInitializer: true, classBody: statements, extendsModule: extendsModule,
                                 qualifiedName: qualifiedName)
            return Stmt(.classDecl(decl), at)
        }
        let decl = ClassDecl(name: name, parameters: parameters, body: statements, methods: methods, location: at,
                             bases: bases, hasInitializer: hasInitializer, extendsModule: extendsModule, qualifiedName: qualifiedName)
        return Stmt(.classDecl(decl), at)
    }

    /// The decorators of `name = d1(d2(name))`, outermost first; nil for any other statement.
    static func decorators(of name: String, in s: Stmt) -> [Expr]? {
        guard case .assign(let targets, let value) = s.kind, targets.count == 1, case .name(name) = targets[0].kind else { return nil }
        var decorators: [Expr] = []
        var e = value
        while case .call(let decorator, let arguments) = e.kind, arguments.count == 1, arguments[0].label == nil {
            decorators.append(decorator)
            e = arguments[0].value
        }
        guard case .name(name) = e.kind, !decorators.isEmpty else { return nil }
        return decorators
    }

    /// `(A)`, `(a.B, C)` after a class name, up to ')': names and dotted names only.
    func isDottedNameList() -> Bool {
        var i = current
        while i < tokens.count, tokens[i].kind == .identifier {
            i += 1
            while i + 1 < tokens.count, tokens[i].kind == .dot, tokens[i + 1].kind == .identifier { i += 2 }
            // a generic's type argument (`Sampler[int]`), skipped to its closing bracket
            if i < tokens.count, tokens[i].kind == .leftBracket {
                var depth = 0
                repeat {
                    if tokens[i].kind == .leftBracket { depth += 1 } else if tokens[i].kind == .rightBracket { depth -= 1 }
                    i += 1
                } while depth > 0 && i < tokens.count && tokens[i].kind != .eof
            }
            if i < tokens.count, tokens[i].kind == .comma { i += 1 } else { break }
        }
        return i > current && i < tokens.count && tokens[i].kind == .rightParen
    }

    /// `name` or `pkg.name`: a name and the attributes read from it; in a class header also
    /// `Sampler[int]` (a generic base with its type argument).
    mutating func dottedExpression() throws -> Expr {
        let first = advance()
        var e = Expr(.name(first.lexeme), first.location)
        while match(.dot) {
            let part = try identifier("a name after '.'")
            e = Expr(.attribute(e, part.lexeme), part.location)
        }
        if check(.leftBracket) {
            let at = advance().location
            let argument = try expression()
            try consume(.rightBracket, "expected ']' after the type argument of \(first.lexeme)")
            e = Expr(.index(e, argument), at)
        }
        return e
    }

    /// `(nn.Module)` or `(Module)` after a class name: PyTorch's spelling, parameters come from __init__.
    func isModuleBase() -> Bool {
        var i = current
        var last = ""
        while i < tokens.count, tokens[i].kind == .identifier {
            last = tokens[i].lexeme
            i += 1
            if i < tokens.count, tokens[i].kind == .dot { i += 1 } else { break }
        }
        return (last == "Module" || last == "Dataset") && i < tokens.count && tokens[i].kind == .rightParen
    }
}

extension ExprKind {
    /// A name, an attribute or a subscript: what an annotated assignment (`x: int = 3`) may target.
    var isSingleTarget: Bool {
        switch self {
        case .name, .attribute, .index: return true
        default: return false
        }
    }
}
