import InceptionLanguage
import XCTest

/// Integer tensors are float32 inside, exact below 2^24: a value beyond is refused (uncatchably)
/// wherever it would appear, never printed as a nearby float32.
extension ErrorMessageTests {
    func testIntegerTensorsBeyondTwoToTheTwentyFourAreRefusedWithTheLine() {
        let cases = [
            "x = torch.tensor([16777217])",                     // from Python ints
            "x = torch.tensor(2**40 + 1)",
            "x = torch.arange(16777215, 16777219)",             // arange
            "x = torch.arange(10000).sum()",                    // a sum's result
            "x = torch.arange(1, 30).prod()",                   // a product's
            "x = torch.arange(6000).cumsum(0)",                 // a running sum's
            "x = torch.tensor([4096]) * 4097",                  // integer arithmetic
            "x = torch.tensor([4096])\nx *= 4097",              // in place
            "x = torch.tensor([1, 2])\nx[0] = 2**30",           // a value written in
            "x = torch.tensor([1e10]).long()",                  // a conversion
        ]
        for source in cases {
            let (code, text) = failure("import torch\n" + source + "\nprint(x)\n")
            XCTAssertNotEqual(code, 0, source)
            XCTAssertTrue(text.contains("integer tensors are stored as float32 here, exact only within ±16777215"), "\(source): \(text)")
            XCTAssertTrue(text.contains("fix: keep integer tensor values below 2**24"), text)
        }
    }

    func testTheIntegerRangeRefusalCannotBeCaught() {
        let (code, text) = failure("import torch\ntry:\n    x = torch.tensor([16777217])\nexcept Exception:\n    print('caught')\n")
        XCTAssertNotEqual(code, 0)
        XCTAssertTrue(text.hasPrefix("e.inc:3:9: error: an int64 tensor here would hold about 16777216"), text)
    }

    func testIntegerTensorsBelowTheLimitAreUntouched() {
        let printed = InterpreterTests.run("import torch\nprint(torch.tensor([16777215, -16777215]), torch.arange(5000).sum(), (torch.arange(5) * 1000).tolist())\n")
        XCTAssertEqual(printed, "tensor([ 16777215, -16777215]) tensor(12497500) [0, 1000, 2000, 3000, 4000]\n")
    }
}
