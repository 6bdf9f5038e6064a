/// The kinds of token the scanner produces. The language is a small Python: significant
/// indentation (INDENT/DEDENT), `#` comments, and the operators a network definition needs.
public enum TokenKind: Equatable, Hashable, Sendable {
    case identifier, integer, float, string, fstring

    // keywords
    case kwClass, kwDef, kwReturn, kwIf, kwElif, kwElse, kwFor, kwWhile, kwIn, kwNot, kwAnd, kwOr, kwIs
    case kwNone, kwTrue, kwFalse, kwPass, kwBreak, kwContinue, kwImport, kwFrom, kwAs, kwAssert, kwWith, kwLambda
    case kwRaise, kwTry, kwExcept, kwFinally, kwDel, kwGlobal, kwNonlocal

    // punctuation and operators
    case leftParen, rightParen, leftBracket, rightBracket, leftBrace, rightBrace
    case comma, colon, dot, semicolon, arrow, colonEqual
    case plus, minus, star, doubleStar, slash, doubleSlash, percent, at
    case ampersand, pipe, caret, tilde
    case equal, equalEqual, notEqual, less, lessEqual, greater, greaterEqual
    case plusEqual, minusEqual, starEqual, slashEqual, doubleSlashEqual, percentEqual, doubleStarEqual, atEqual
    case ampersandEqual, pipeEqual, caretEqual, shiftLeft, shiftRight, shiftLeftEqual, shiftRightEqual

    // layout
    case newline, indent, dedent, eof

    static let keywords: [String: TokenKind] = [
        "class": .kwClass, "def": .kwDef, "return": .kwReturn, "if": .kwIf, "elif": .kwElif,
        "else": .kwElse, "for": .kwFor, "while": .kwWhile, "in": .kwIn, "not": .kwNot,
        "and": .kwAnd, "or": .kwOr, "is": .kwIs, "None": .kwNone, "True": .kwTrue,
        "False": .kwFalse, "pass": .kwPass, "break": .kwBreak, "continue": .kwContinue,
        "import": .kwImport, "from": .kwFrom, "as": .kwAs, "assert": .kwAssert, "with": .kwWith, "lambda": .kwLambda,
        "raise": .kwRaise, "try": .kwTry, "except": .kwExcept, "finally": .kwFinally, "del": .kwDel, "global": .kwGlobal,
        "nonlocal": .kwNonlocal,
    ]

    /// Operators and punctuation by spelling; the scanner tries the longest spelling first.
    static let symbols: [String: TokenKind] = [
        "(": .leftParen, ")": .rightParen, "[": .leftBracket, "]": .rightBracket,
        "{": .leftBrace, "}": .rightBrace, ",": .comma, ":": .colon, ".": .dot, ";": .semicolon,
        "->": .arrow, ":=": .colonEqual, "+": .plus, "-": .minus, "*": .star, "**": .doubleStar, "/": .slash,
        "//": .doubleSlash, "%": .percent, "@": .at, "=": .equal, "==": .equalEqual,
        "!=": .notEqual, "<": .less, "<=": .lessEqual, ">": .greater, ">=": .greaterEqual,
        "+=": .plusEqual, "-=": .minusEqual, "*=": .starEqual, "/=": .slashEqual,
        "&": .ampersand, "|": .pipe, "^": .caret, "~": .tilde,
        "//=": .doubleSlashEqual, "%=": .percentEqual, "**=": .doubleStarEqual, "@=": .atEqual,
        "&=": .ampersandEqual, "|=": .pipeEqual, "^=": .caretEqual,
        "<<": .shiftLeft, ">>": .shiftRight, "<<=": .shiftLeftEqual, ">>=": .shiftRightEqual,
    ]

    /// `x += y`, `mask &= other`, …: the operator each augmented assignment applies.
    static let augmentedOperators: [TokenKind: AugmentedOperator] = [
        .plusEqual: .arithmetic(.add), .minusEqual: .arithmetic(.subtract), .starEqual: .arithmetic(.multiply),
        .slashEqual: .arithmetic(.divide), .doubleSlashEqual: .arithmetic(.floorDivide), .percentEqual: .arithmetic(.remainder),
        .doubleStarEqual: .arithmetic(.power), .atEqual: .arithmetic(.matmul),
        .ampersandEqual: .bitwise(.and), .pipeEqual: .bitwise(.or), .caretEqual: .bitwise(.xor),
        .shiftLeftEqual: .bitwise(.shiftLeft), .shiftRightEqual: .bitwise(.shiftRight),
    ]
}

/// A literal's value, decoded by the scanner (escapes resolved, digits parsed).
public enum Literal: Equatable, Sendable {
    case int(Int)
    case float(Double)
    case string(String)
}

/// One token: its kind, the exact source text, where it starts, and a literal's value.
/// An f-string's `literal` is its raw body (between the quotes), split later by the parser.
public struct Token: Equatable, Sendable, CustomStringConvertible {
    public var kind: TokenKind
    public var lexeme: String
    public var location: SourceLocation
    public var literal: Literal?

    public init(_ kind: TokenKind, _ lexeme: String, _ location: SourceLocation, literal: Literal? = nil) {
        self.kind = kind; self.lexeme = lexeme; self.location = location; self.literal = literal
    }

    /// "identifier "conv1" @3:5", for test failure messages.
    public var description: String { "\(kind) \(lexeme.debugDescription) @\(location.line):\(location.column)" }
}
