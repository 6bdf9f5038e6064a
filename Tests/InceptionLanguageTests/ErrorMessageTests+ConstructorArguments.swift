import InceptionLanguage
import XCTest

/// Constructor arguments PyTorch refuses with a TypeError, which a mutated program once slipped
/// past: a str as a shape (its characters read as sizes) and a float `low` of randint.
extension ErrorMessageTests {
    func testAStringShapeIsPyTorchsTypeError() {
        XCTAssertEqual(InterpreterTests.run("try:\n    torch.zeros('')\nexcept TypeError as e:\n    print(e)\n"),
                       "zeros(): argument 'size' (position 1) must be tuple of ints, not str\n")
    }

    func testAFloatLowOfRandintIsATypeError() {
        let (code, text) = failure("t = torch.randint(0.5, 3, (2,))\n")
        XCTAssertEqual(code, 70)
        XCTAssertTrue(text.hasPrefix("e.inc:1:5: error: randint() received an invalid combination of arguments - got (float, int, tuple), but expected one of:"), text)
        let (_, named) = failure("t = torch.randint(0.5, (2,))\n")
        XCTAssertTrue(named.hasPrefix("e.inc:1:5: error: randint(): argument 'high' (position 1) must be int, not float"), named)
    }
}
