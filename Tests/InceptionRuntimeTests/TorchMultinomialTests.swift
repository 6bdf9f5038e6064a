import XCTest
@testable import InceptionRuntime

/// TorchMultinomial against PyTorch 2.15's torch.multinomial after `torch.manual_seed(0)`
/// (printed by torch_generator_values.py beside this file), and LibstdcxxSorting's orderings.
final class TorchMultinomialTests: XCTestCase {
    func testExponentialDrawsAreExactlyPyTorchs() {
        var g = TorchGenerator(seed: 0)
        XCTAssertEqual((0..<4).map { _ in Float(g.exponentialDouble()) }, [3.508326292037964, 1.2303847074508667, 0.615044116973877, 2.535118579864502])
    }

    func testDrawsWithAndWithoutReplacementAreExactlyPyTorchs() throws {
        let p: [Float] = [0.1, 0.4, 0.2, 0.3]
        var g = TorchGenerator(seed: 0)
        XCTAssertEqual(try TorchMultinomial.draw([p], samples: 3, replacement: false, &g), [[2, 1, 3]])
        g = TorchGenerator(seed: 0)
        XCTAssertEqual(try TorchMultinomial.draw([p], samples: 8, replacement: true, &g), [[3, 3, 1, 3, 2, 3, 1, 1]])
        g = TorchGenerator(seed: 0)
        let weights: [Double] = Array(repeating: [0, 1, 0, 2.5], count: 3).flatMap { $0 }
        XCTAssertEqual(try TorchMultinomial.draw([weights], samples: 6, replacement: true, &g), [[11, 9, 7, 11, 7, 11]])
    }

    func testZeroProbabilitiesComeInTheOrderPyTorchsTopkLeavesThem() throws {
        // nth_element and sort (k · 64 > n), then a partial sort (k · 64 ≤ n)
        var oneHot = [Float](repeating: 0, count: 20)
        oneHot[2] = 1
        var g = TorchGenerator(seed: 0)
        XCTAssertEqual(try TorchMultinomial.draw([oneHot], samples: 20, replacement: false, &g),
                       [[2, 12, 0, 9, 8, 5, 4, 3, 1, 6, 11, 10, 13, 14, 15, 16, 17, 18, 19, 7]])
        var wide = [Float](repeating: 0, count: 200)
        wide[7] = 1
        g = TorchGenerator(seed: 0)
        XCTAssertEqual(try TorchMultinomial.draw([wide], samples: 3, replacement: false, &g), [[7, 1, 0]])
    }

    func testInvalidDistributionsFailWithPyTorchsWords() {
        var g = TorchGenerator(seed: 0)
        XCTAssertThrowsError(try TorchMultinomial.draw([[Float(1), -1]], samples: 1, replacement: false, &g)) { error in
            XCTAssertEqual((error as? TorchMultinomial.Failure)?.message, "probability tensor contains either `inf`, `nan` or element < 0")
        }
        XCTAssertThrowsError(try TorchMultinomial.draw([[Float(0), 0]], samples: 2, replacement: true, &g)) { error in
            XCTAssertEqual((error as? TorchMultinomial.Failure)?.message, "invalid multinomial distribution (sum of probabilities <= 0)")
        }
    }

    func testTheSortingsOrderAsTheStandardLibrarysDo() {
        var rng = SystemRandomNumberGenerator()
        for n in [0, 1, 2, 3, 5, 16, 17, 40, 300] {
            let values = (0..<n).map { _ in Int.random(in: 0..<(n / 3 + 1), using: &rng) }
            var sorted = values
            LibstdcxxSorting.sort(&sorted, 0, n, by: <)
            XCTAssertEqual(sorted, values.sorted())
            guard n > 0 else { continue }
            for k in [0, n / 2, n - 1] {
                var selected = values
                LibstdcxxSorting.nthElement(&selected, 0, k, n, by: <)
                XCTAssertEqual(selected[k], values.sorted()[k])
                XCTAssertTrue(selected[..<k].allSatisfy { $0 <= selected[k] } && selected[(k + 1)...].allSatisfy { $0 >= selected[k] })
                var partial = values
                LibstdcxxSorting.partialSort(&partial, 0, k + 1, n, by: <)
                XCTAssertEqual(Array(partial[...k]), Array(values.sorted()[...k]))
            }
        }
    }
}
