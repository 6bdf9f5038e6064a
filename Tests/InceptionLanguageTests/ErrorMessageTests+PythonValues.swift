import InceptionLanguage
import XCTest

/// Uncaught errors of plain Python values stop the program with CPython's exact text and the line.
extension ErrorMessageTests {
    func testPythonValueErrorsNameTheLineWithCPythonsText() {
        let cases: [(source: String, message: String)] = [
            ("x = pow(2, -1, 4)", "e.inc:1:5: error: base is not invertible for the given modulus"),
            ("x = pow(2, 3, 0)", "e.inc:1:5: error: pow() 3rd argument cannot be 0"),
            ("x = pow(2.0, 3, 5)", "e.inc:1:5: error: pow() 3rd argument not allowed unless all arguments are integers"),
            ("a, b = 5", "e.inc:1:1: error: cannot unpack non-iterable int object"),
            ("x = {} < {}", "e.inc:1:5: error: '<' not supported between instances of 'dict' and 'dict'"),
            ("x = '%z' % 1", "e.inc:1:5: error: unsupported format character 'z' (0x7a) at index 1"),
            ("x = 'abc'[1.0:2]", "e.inc:1:11: error: slice indices must be integers or None or have an __index__ method"),
            ("from dataclasses import dataclass\n@dataclass(frozen=True)\nclass P:\n    x: int\np = P(1)\np.x = 2",
             "e.inc:6:1: error: FrozenInstanceError: cannot assign to field 'x'"),
        ]
        for (source, message) in cases {
            let (code, text) = failure(source + "\n")
            XCTAssertNotEqual(code, 0, source)
            XCTAssertTrue(text.hasPrefix(message), "\(source):\n\(text)")
        }
    }

    func testMisusedBuiltinsRaiseCPythonsTypeError() {
        let cases: [(source: String, message: String)] = [
            ("x = reversed({1, 2})", "e.inc:1:5: error: 'set' object is not reversible"),
            ("x = reversed(map(str, [1]))", "e.inc:1:5: error: 'map' object is not reversible"),
            ("print(1, sep=2)", "e.inc:1:1: error: sep must be None or a string, not int"),
            ("x = sum(['a', 'b'], '')", "e.inc:1:5: error: sum() can't sum strings [use ''.join(seq) instead]"),
            ("x = ','.join(5)", "e.inc:1:5: error: can only join an iterable"),
            ("x = [1].pop(5)", "e.inc:1:5: error: pop index out of range"),
            ("x = divmod('a', 1)", "e.inc:1:5: error: unsupported operand type(s) for divmod(): 'str' and 'int'"),
        ]
        for (source, message) in cases {
            let (code, text) = failure(source + "\n")
            XCTAssertNotEqual(code, 0, source)
            XCTAssertTrue(text.hasPrefix(message), "\(source):\n\(text)")
        }
    }

    func testAClassOwnNewIsRefusedUncaught() {
        let (code, text) = failure("try:\n    class S:\n        def __new__(cls):\n            return super().__new__(cls)\nexcept Exception:\n    print('caught')\n")
        XCTAssertNotEqual(code, 0)
        XCTAssertTrue(text.hasPrefix("e.inc:2:5: error: a class's own __new__ (S.__new__) is not supported here"), text)
    }

    func testExitAndQuitEndTheProgramWithTheirStatus() {
        XCTAssertEqual(failure("print('a')\nexit(3)\nprint('b')\n").0, 3)
        XCTAssertEqual(failure("quit(2)\n").0, 2)
    }
}
