import InceptionLanguage
import XCTest

/// The parser, table-driven: source → the tree as S-expressions, and broken source → every
/// syntax error it contains, each at its line and column.
final class ParserTests: XCTestCase {
    func parse(_ source: String, file: StaticString = #filePath, line: UInt = #line) -> String {
        let result = Parser.parse(source, file: "p.inc")
        XCTAssertEqual(result.diagnostics.map(\.description), [], source, file: file, line: line)
        return result.program.sexp
    }

    func testExpressions() {
        let table: [(String, String)] = [
            ("7*7*3*64 + 64", "(+ (* (* (* 7 7) 3) 64) 64)"),
            ("a + b * c - d / e // f % g", "(- (+ a (* b c)) (% (// (/ d e) f) g))"),
            ("-x ** 2", "(- (** x 2))"),
            ("2 ** -1", "(** 2 -1)"),
            ("(1, -1)", "(tuple 1 -1)"),
            ("(1,)", "(tuple 1)"),
            ("()", "(tuple)"),
            ("[a, *rest]", "(list a (* rest))"),
            ("{'a': 1, 'b': 2}", "(dict \"a\":1 \"b\":2)"),
            ("not a and b or c", "(or (and (not a) b) c)"),
            ("self.training and self.aux1 is not None", "(and (. self training) (compare (. self aux1) is not None))"),
            ("0 < x <= 10", "(compare 0 < x <= 10)"),
            ("x not in xs", "(compare x not in xs)"),
            ("a if c else b", "(if c a b)"),
            ("Conv2d(3, 64, 7, 2, padding=3)", "(call Conv2d 3 64 7 2 padding=3)"),
            ("Sequential(*layers)", "(call Sequential (* layers))"),
            ("torch.cat([a(x), b(x)], 1)", "(call (. torch cat) (list (call a x) (call b x)) 1)"),
            ("x.shape[1]", "([] (. x shape) 1)"),
            ("xs[1:]", "([] xs (: 1 _ _))"),
            ("xs[::2]", "([] xs (: _ _ 2))"),
            ("t[0, -1]", "([] t (tuple 0 -1))"),
            ("f'{n:,} params, {x.shape}'", "(f {n:,} \" params, \" {(. x shape)})"),
            ("'a' 'b'", "\"ab\""),
            ("1e-2", "0.01"),
        ]
        for (source, expected) in table { XCTAssertEqual(parse(source), expected, source) }
    }

    func testStatements() {
        let table: [(String, String)] = [
            ("x = 1", "(= x 1)"),
            ("a = b = 0", "(= a b 0)"),
            ("c1, c3r, c3, c5r, c5, pp = Fs", "(= (tuple c1 c3r c3 c5r c5 pp) Fs)"),
            ("self.aux1, self.aux2 = None, None", "(= (tuple (. self aux1) (. self aux2)) (tuple None None))"),
            ("n += 1", "(+= n 1)"),
            ("return aux1_out, aux2_out, out", "(return (tuple aux1_out aux2_out out))"),
            ("if a:\n    x = 1\nelif b:\n    x = 2\nelse:\n    x = 3", "(if a [(= x 1)] b [(= x 2)] else [(= x 3)])"),
            ("if t:\n    y = f(x)\nelse: y = None", "(if t [(= y (call f x))] else [(= y None)])"),
            ("for i, m in enumerate(ms):\n    print(i)", "(for (tuple i m) (call enumerate ms) [(call print i)])"),
            ("while n > 0:\n    n -= 1\n    break", "(while (compare n > 0) [(-= n 1) break])"),
            ("def f(a, b=2):\n    return a + b", "(def f (a b=2) [(return (+ a b))])"),
            ("def forward(self, x: Tensor) -> Tensor:\n    return x", "(def forward (self x) [(return x)])"),
            ("assert x == 1, 'one'", "(assert (compare x == 1) \"one\")"),
            ("import torch.nn as nn", "(import torch.nn as nn)"),
            ("from torch import nn, cat as concat", "(from torch import nn cat as concat)"),
            ("x = 1; y = 2", "(= x 1)\n(= y 2)"),
        ]
        for (source, expected) in table { XCTAssertEqual(parse(source), expected, source) }
    }

    func testClassBodyIsTheConstructorAndDefsAreMethods() {
        let source = """
        class BasicConv2d(in_channel, F, size, stride, padding=0):
            self.layer = Sequential(Conv2d(in_channel, F, size, stride, padding=padding), BatchNorm2d(F), ReLU())
            def forward(self, x):
                return self.layer(x)
        """
        XCTAssertEqual(parse(source),
                       "(class BasicConv2d (in_channel F size stride padding=0) [(= (. self layer) (call Sequential (call Conv2d in_channel F size stride padding=padding) (call BatchNorm2d F) (call ReLU)))] (def forward (self x) [(return (call (. self layer) x))]))")
    }

    func testPyTorchSpellingWithInitGivesTheSameClass() {
        let source = """
        class BasicConv2d(nn.Module):
            def __init__(self, in_channel, F, padding=0):
                super().__init__()
                self.layer = Conv2d(in_channel, F, 3, 1, padding=padding)
            def forward(self, x):
                return self.layer(x)
        """
        XCTAssertEqual(parse(source),
                       "(class BasicConv2d (in_channel F padding=0) [(call (. (call super) __init__)) (= (. self layer) (call Conv2d in_channel F 3 1 padding=padding))] (def forward (self x) [(return (call (. self layer) x))]))")
    }

    func testSyntaxErrors() {
        let table: [(String, [String])] = [
            ("x = ", ["1:4 expected an expression, found the end of the line"]),
            ("x = Conv2d(3, 64 7)", ["1:18 expected ')' to close the '(' at 1:11, found '7'"]),
            ("if x = 1:\n    pass", ["1:6 expected ':' after the if condition, found '='"]),
            ("class A(a, b)\n    x = 1", ["1:14 expected ':' after the header of class A, found the end of the line"]),
            ("def f(a=1, b):\n    pass", ["1:12 parameter 'b' needs a default value because an earlier one has one"]),
            ("f(a=1, 2)", ["1:8 a positional argument cannot follow a keyword argument"]),
            ("f() = 3", ["1:1 cannot assign to a function call"]),
            ("  x = 1", ["1:3 unexpected indent"]),
            ("else:\n    pass", ["1:1 'else' without a matching 'if'"]),
            ("if a:\nb = 1", ["2:1 expected an indented block after the if condition"]),
            ("x = 1 2", ["1:7 expected the end of the statement, found '2'"]),
            ("x = class", ["1:5 expected an expression, found the keyword 'class'"]),
            ("print(f'{}')", ["1:9 empty '{}' in an f-string"]),
        ]
        for (source, expected) in table {
            let result = Parser.parse(source, file: "e.inc")
            XCTAssertEqual(result.diagnostics.map { "\($0.location.line):\($0.location.column) \($0.message)" }, expected, source)
        }
    }

    func testEveryErrorInAFileIsReportedAndTheRestStillParses() {
        let source = """
        conv = Conv2d(3, 64, 7, 2, padding=3
        bn = BatchNorm2d(64)
        class Stem(in_channel)
            self.conv = conv
        relu = ReLU(
        y = 5 +
        print(params(conv))
        """
        let result = Parser.parse(source, file: "many.inc")
        XCTAssertEqual(result.diagnostics.map { "\($0.location.line):\($0.location.column) \($0.message)" }, [
            "1:14 '(' was never closed",
            "3:23 expected ':' after the header of class Stem, found the end of the line",
            "5:12 '(' was never closed",
            "6:8 expected an expression, found the end of the line",
        ])
        // The statements without errors are still there.
        XCTAssertEqual(result.program.sexp, "(= bn (call BatchNorm2d 64))\n(call print (call params conv))")
    }
}
