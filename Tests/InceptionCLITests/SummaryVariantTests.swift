import Foundation
import InceptionModel
import TestSupport
import XCTest

/// `inception summary --variant torchvision`: torchvision's GoogLeNet counted from its module
/// tree, checked against the parameter count of torchvision's own state_dict (the fixture).
final class SummaryVariantTests: XCTestCase {
    /// Parameters in torchvision's state_dict (running statistics and counters are buffers):
    /// all of them, and those outside the aux heads.
    func fixtureParameterCounts() throws -> (all: Int, withoutAux: Int) {
        let keys = try Fixtures.stateDictKeys("torchvision")
        let buffers = ["running_mean", "running_var", "num_batches_tracked"]
        let parameters = keys.filter { key in !buffers.contains { key.0.hasSuffix("." + $0) } }
        let count = { (entries: [(String, [Int])]) in entries.reduce(0) { $0 + $1.1.reduce(1, *) } }
        return (count(parameters), count(parameters.filter { !$0.0.hasPrefix("aux") }))
    }

    func testTorchvisionTotalsMatchTorchvisionsStateDict() throws {
        let expected = try fixtureParameterCounts()
        XCTAssertEqual(expected.all, 13_004_888)
        XCTAssertEqual(expected.withoutAux, 6_624_904)
        XCTAssertEqual(try TorchvisionGoogLeNet(.init(initWeights: false)).parameterCount, expected.all)

        let r = try InceptionBinary.run(["summary", "--variant", "torchvision", "--format", "json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(json["total_params"] as? Int, expected.all)
        // Eval mode: the aux heads never run, so only the main path's parameters ran.
        XCTAssertEqual(json["params_that_ran"] as? Int, expected.withoutAux)
        let notRun = try XCTUnwrap(json["modules_that_did_not_run"] as? [[String: Any]])
        XCTAssertEqual(notRun.compactMap { $0["path"] as? String }, ["aux1", "aux2"])
        XCTAssertEqual(notRun.compactMap { $0["params"] as? Int }.reduce(0, +), expected.all - expected.withoutAux)

        let table = try InceptionBinary.run(["summary", "--variant", "torchvision", "--no-notes"])
        XCTAssertEqual(table.status, 0, table.stderr)
        XCTAssertTrue(table.stdout.contains("\nGoogLeNet                                [2, 1000]                 6,379,984\n"), table.stdout)
        XCTAssertTrue(table.stdout.contains("\nTotal params: 13,004,888\n"), table.stdout)
        XCTAssertFalse(table.stdout.contains("Inception_V1"))
    }

    /// The savings style reads the module tree: torchvision's "5×5" branch shows as the 3×3 it is.
    func testSavingsStyleWithTorchvision() throws {
        let r = try InceptionBinary.run(["summary", "--variant", "torchvision", "--style", "savings", "--module", "inception3a"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.contains("3×3 (reduce 16)    7,680    6,021,120        32   55,296   43,352,064        32   7.20×      7.20×"), r.stdout)
        XCTAssertTrue(lines.contains("module           155,136  121,626,624       256  288,768  226,394,112       416   1.86×      1.86×"), r.stdout)
    }

    func testPaperStyleWithTorchvisionIsOneLineError() throws {
        let r = try InceptionBinary.run(["summary", "--variant", "torchvision", "--style", "paper"])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertEqual(r.stdout, "")
        XCTAssertEqual(r.stderr, "Error: --style paper lays the seed network out as the paper's Table 1; torchvision's \"5×5\" branch (branch3) has a 3×3 kernel, so its Inception modules do not fit the table's columns: use --style torchinfo or --style savings with --variant torchvision\n")
    }
}
