import InceptionLanguage
import XCTest

/// The scanner, table-driven: source text → tokens written compactly ("id:x", "int:1",
/// "NL" newline, "IN"/"DE" indent/dedent), and source text → error messages with places.
final class ScannerTests: XCTestCase {
    static func compact(_ tokens: [Token]) -> [String] {
        tokens.map { t in
            switch t.kind {
            case .identifier: return "id:\(t.lexeme)"
            case .integer: if case .int(let v)? = t.literal { return "int:\(v)" }; return "int?"
            case .float: if case .float(let v)? = t.literal { return "float:\(v)" }; return "float?"
            case .string: if case .string(let v)? = t.literal { return "str:\(v)" }; return "str?"
            case .fstring: if case .string(let v)? = t.literal { return "fstr:\(v)" }; return "fstr?"
            case .newline: return "NL"
            case .indent: return "IN"
            case .dedent: return "DE"
            case .eof: return "EOF"
            default: return t.lexeme
            }
        }
    }

    func testTokens() {
        let table: [(String, [String])] = [
            ("x = 1", ["id:x", "=", "int:1", "NL", "EOF"]),
            ("7*7*3*64 + 64", ["int:7", "*", "int:7", "*", "int:3", "*", "int:64", "+", "int:64", "NL", "EOF"]),
            ("1e-5 0.5 .5 1_000 3.", ["float:1e-05", "float:0.5", "float:0.5", "int:1000", "float:3.0", "NL", "EOF"]),
            ("a ** b // c -> d", ["id:a", "**", "id:b", "//", "id:c", "->", "id:d", "NL", "EOF"]),
            ("a == b != c <= d >= e < f > g", ["id:a", "==", "id:b", "!=", "id:c", "<=", "id:d", ">=", "id:e", "<", "id:f", ">", "id:g", "NL", "EOF"]),
            ("x += 1; y -= 2", ["id:x", "+=", "int:1", ";", "id:y", "-=", "int:2", "NL", "EOF"]),
            ("'a\\tb' \"c\\n\" r'\\d'", ["str:a\tb", "str:c\n", "str:\\d", "NL", "EOF"]),
            ("f'{n:,} params'", ["fstr:{n:,} params", "NL", "EOF"]),
            ("\"\"\"two\nlines\"\"\"", ["str:two\nlines", "NL", "EOF"]),
            ("class C(a, b=0):\n    pass", ["class", "id:C", "(", "id:a", ",", "id:b", "=", "int:0", ")", ":", "NL", "IN", "pass", "NL", "DE", "EOF"]),
            ("if a:\n    b\n        c\nd", ["if", "id:a", ":", "NL", "IN", "id:b", "NL", "IN", "id:c", "NL", "DE", "DE", "id:d", "NL", "EOF"]),
            ("if a:\n    b\n\n    # comment\n\n    c\n", ["if", "id:a", ":", "NL", "IN", "id:b", "NL", "id:c", "NL", "DE", "EOF"]),
            ("f(1,\n  2)\ny", ["id:f", "(", "int:1", ",", "int:2", ")", "NL", "id:y", "NL", "EOF"]),
            ("x = 1 + \\\n    2", ["id:x", "=", "int:1", "+", "int:2", "NL", "EOF"]),
            ("# only a comment\n", ["EOF"]),
            ("None True False and or not is in", ["None", "True", "False", "and", "or", "not", "is", "in", "NL", "EOF"]),
            ("self.conv1x1(x)", ["id:self", ".", "id:conv1x1", "(", "id:x", ")", "NL", "EOF"]),
            ("größe = 1", ["id:größe", "=", "int:1", "NL", "EOF"]),
            ("(n := 3)", ["(", "id:n", ":=", "int:3", ")", "NL", "EOF"]),
            ("0x1F 0o17 0b101 0xFF_FF 0X1a 0", ["int:31", "int:15", "int:5", "int:65535", "int:26", "int:0", "NL", "EOF"]),
            ("'a\\rb\\x41\\u00e9\\U0001F600\\a\\v'", ["str:a\rbAé😀\u{07}\u{0B}", "NL", "EOF"]),
        ]
        for (source, expected) in table {
            let result = Scanner.scan(source, file: "t.inc")
            XCTAssertEqual(result.diagnostics, [], source)
            XCTAssertEqual(Self.compact(result.tokens), expected, source)
        }
    }

    func testLocationsAreLineAndColumnOfTheFirstCharacter() {
        let tokens = Scanner.scan("a = 1\n  \nclass B:\n    x = 'y'", file: "l.inc", firstLine: 10).tokens
        let places = tokens.filter { $0.kind != .newline && $0.kind != .eof && $0.kind != .dedent }.map { "\($0.lexeme)@\($0.location.line):\($0.location.column)" }
        XCTAssertEqual(places, ["a@10:1", "=@10:3", "1@10:5", "class@12:1", "B@12:7", ":@12:8", "@13:5", "x@13:5", "=@13:7", "'y'@13:9"])
    }

    func testErrorsAreCollectedAndScanningGoesOn() {
        let table: [(String, [String])] = [
            ("x = 'abc\ny = 2", ["1:5 this string is never closed on its line"]),
            ("x = 1 $ 2\ny = ?", ["1:7 unexpected character '$'", "2:5 unexpected character '?'"]),
            ("if !a: pass", ["1:4 unexpected character '!'"]),
            ("x = (1, 2\ny = 3", ["1:5 '(' was never closed"]),
            ("x = [1, 2", ["1:5 '[' was never closed"]),
            ("x = 1)", ["1:6 unmatched ')'"]),
            ("x = (1, 2]", ["1:10 ']' does not match the '(' opened at 1:5"]),
            ("if a:\n        b\n    c", ["3:1 this line's indentation (4 spaces) matches no enclosing block (0 spaces)"]),
            ("if a:\n\tb\n        c", ["3:1 TabError: inconsistent use of tabs and spaces in indentation"]),
            ("if a:\n    b\n\tc", ["3:1 TabError: inconsistent use of tabs and spaces in indentation"]),
            ("if a:\n  \tb\n\tc", ["3:1 TabError: inconsistent use of tabs and spaces in indentation"]),
            ("x = 3abc", ["1:5 invalid number '3abc'"]),
            ("n = 99999999999999999999", ["1:5 the integer 99999999999999999999 is too large (the largest is 9223372036854775807)"]),
            ("n = 0x", ["1:5 invalid number '0x'"]),
            ("n = 0b102", ["1:5 invalid number '0b102'"]),
            ("n = 0x1_0000_0000_0000_0000", ["1:5 the integer 0x1_0000_0000_0000_0000 is too large (the largest is 9223372036854775807)"]),
            ("s = 'a\\x4g'", ["1:5 this string has a malformed \\x escape"]),
        ]
        for (source, expected) in table {
            let result = Scanner.scan(source, file: "e.inc")
            XCTAssertEqual(result.diagnostics.map { "\($0.location.line):\($0.location.column) \($0.message)" }, expected, source)
            XCTAssertEqual(result.tokens.last?.kind, .eof, source)
        }
    }

    /// Python's rule: a tab advances to the next multiple of 8; consistent tabs are fine.
    func testTabIndentationUsedConsistentlyScansAsBlocks() {
        let result = Scanner.scan("if a:\n\tif b:\n\t\tc = f(\n\t\t\tk=1)\n\td\ne", file: "t.inc")
        XCTAssertEqual(result.diagnostics.map(\.message), [])
        XCTAssertEqual(result.tokens.filter { $0.kind == .indent }.count, 2)
        XCTAssertEqual(result.tokens.filter { $0.kind == .dedent }.count, 2)
    }

    func testRunawayBracketIsReportedWhereTheNextStatementStarts() {
        let source = "layer = Sequential(Conv2d(3, 64, 7),\n    BatchNorm2d(64)\nrelu = ReLU()\n"
        let result = Scanner.scan(source, file: "r.inc")
        XCTAssertEqual(result.diagnostics.map { "\($0.location.line):\($0.location.column) \($0.message)" }, ["1:19 '(' was never closed"])
        // The next statement still scans as its own line.
        XCTAssertEqual(Array(Self.compact(result.tokens).suffix(8)), ["NL", "id:relu", "=", "id:ReLU", "(", ")", "NL", "EOF"])
    }
}
