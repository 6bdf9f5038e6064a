import InceptionImaging
import InceptionRuntime
import XCTest

/// The shipped class names and the top-k lines printed with them.
final class ImageNetClassesTests: XCTestCase {
    func testThousandNamesInTorchvisionsOrder() throws {
        let names = try ImageNetClasses.names()
        XCTAssertEqual(names.count, 1000)
        let known: [(Int, String)] = [(0, "tench"), (1, "goldfish"), (207, "golden retriever"), (281, "tabby"),
                                      (134, "crane"), (517, "crane"), (638, "maillot"), (639, "maillot"),
                                      (954, "banana"), (999, "toilet tissue")]
        for (i, name) in known { XCTAssertEqual(names[i], name, "class \(i)") }
        XCTAssertEqual(ImageNetClasses.name(954), "banana")
        XCTAssertNil(ImageNetClasses.name(1000))
    }

    func testParseRefusesOtherCounts() {
        XCTAssertThrowsError(try ImageNetClasses.parse("a\nb\n", source: "x.txt")) { error in
            XCTAssertEqual("\(error)", "x.txt: holds 2 lines; ImageNet class names need exactly 1000 non-empty lines")
        }
    }

    func testTopKOfSyntheticLogits() throws {
        // softmax of [0, ln 2, ln 4, ln 1, ln 2] = [1, 2, 4, 1, 2] / 10; ties go to the lower index.
        let logits = try Tensor(shape: [1, 5], values: [0, logf(2), logf(4), 0, logf(2)])
        let top = try TopPredictions.compute(logits, k: 3)
        XCTAssertEqual(top[0].map(\.index), [2, 1, 4])
        XCTAssertEqual(top[0][0].probability, 0.4, accuracy: 1e-6)
        XCTAssertEqual(TopPredictions.format(top), """
            top-3 (image 1 of 1)
                40.00%  class 2
                20.00%  class 1
                20.00%  class 4
            """)
        XCTAssertEqual(try TopPredictions.compute(logits, k: 9)[0].count, 5, "k is capped at the number of classes")
    }

    func testThousandClassLogitsGetNames() throws {
        var values = [Float](repeating: 0, count: 2000)
        values[954] = 10; values[951] = 9; values[1000 + 281] = 5
        let report = try TopPredictions.report(try Tensor(shape: [2, 1000], values: values), k: 2)
        XCTAssertNil(report.note)
        let lines = report.text.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 6)
        XCTAssertEqual(lines[0], "top-2 (image 1 of 2)")
        XCTAssertTrue(lines[1].hasSuffix("%  banana (954)"), lines[1])
        XCTAssertTrue(lines[2].hasSuffix("%  lemon (951)"), lines[2])
        XCTAssertEqual(lines[3], "top-2 (image 2 of 2)")
        XCTAssertTrue(lines[4].hasSuffix("%  tabby (281)"), lines[4])
        XCTAssertTrue(lines[5].hasSuffix("%  tench (0)"), lines[5])
    }
}
