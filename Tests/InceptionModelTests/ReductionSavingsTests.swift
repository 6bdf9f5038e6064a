import Foundation
import InceptionModel
import InceptionRuntime
import XCTest

/// What the 1×1 reductions save, per branch and per module, against the naive module of the
/// paper's Figure 2(a).
final class ReductionSavingsTests: XCTestCase {
    func savings(_ module: String? = nil, net: Module? = nil) throws -> ReductionSavings {
        try ReductionSavings.rows(for: net ?? SummaryTesting.seed(), inputShape: [2, 3, 224, 224], module: module)
    }

    func testInception3aBranchByBranch() throws {
        let m = try XCTUnwrap(try savings("inception3a").modules.first)
        let e = InceptionV1.inceptionTable.first { $0.name == "inception3a" }!
        let (c, f, hw) = (e.inChannels, e.channels, 28 * 28)
        XCTAssertEqual(m.inputShape, [c, 28, 28])
        XCTAssertEqual(m.branches.map(\.label), ["1×1", "3×3 (reduce \(f.c3x3Reduce))", "5×5 (reduce \(f.c5x5Reduce))", "pool proj"])
        let with = m.branches.map(\.withReduction.params)
        let without = m.branches.map(\.withoutReduction.params)
        XCTAssertEqual(with, [c * f.c1x1, c * f.c3x3Reduce + 9 * f.c3x3Reduce * f.c3x3,
                              c * f.c5x5Reduce + 25 * f.c5x5Reduce * f.c5x5, c * f.poolProj])
        XCTAssertEqual(without, [c * f.c1x1, 9 * c * f.c3x3, 25 * c * f.c5x5, 0])
        XCTAssertEqual(m.branches.map(\.withReduction.multAdds), with.map { $0 * hw })
        XCTAssertEqual(m.branches.map(\.withoutReduction.multAdds), without.map { $0 * hw })
        XCTAssertEqual(m.branches.map(\.withoutReduction.outputChannels), [f.c1x1, f.c3x3, f.c5x5, c])
        XCTAssertEqual(m.branches[2].paramsRatio!, Double(25 * c * f.c5x5) / Double(with[2]), accuracy: 1e-12)
        XCTAssertNil(m.branches[3].paramsRatio)
        XCTAssertEqual(m.naive.params, without.reduce(0, +))
        XCTAssertEqual(m.withReduction.params, 163_328)
        XCTAssertEqual(m.naive.params, 387_072)
        XCTAssertEqual(String(format: "%.2f", m.paramsRatio!), "2.37")
    }

    /// The naive module's output depth grows by its input depth: the pool passes it through.
    func testNaiveOutputDepthGrowsByTheInputDepth() throws {
        let all = try savings()
        XCTAssertEqual(all.modules.map(\.path), InceptionV1.inceptionTable.map(\.name))
        for (m, e) in zip(all.modules, InceptionV1.inceptionTable) {
            XCTAssertEqual(m.withReduction.outputChannels, e.outChannels, m.path)
            XCTAssertEqual(m.naive.outputChannels, e.channels.c1x1 + e.channels.c3x3 + e.channels.c5x5 + e.inChannels, m.path)
            XCTAssertGreaterThan(m.paramsRatio!, 2, m.path)
        }
    }

    /// With the reductions each module costs what its Table 1 row says.
    func testWithReductionEqualsThePaperRow() throws {
        let net = try SummaryTesting.seed()
        let table = try PaperTable(model: net, input: [1, 3, 224, 224])
        for m in try savings(net: net).modules {
            let row = try XCTUnwrap(table.rows.first { $0.path == m.path })
            XCTAssertEqual(m.withReduction.params, row.params, m.path)
            XCTAssertEqual(m.withReduction.multAdds, row.ops, m.path)
        }
    }

    func testFormulas() throws {
        let b = try XCTUnwrap(try savings("inception3a").modules.first?.branches[1])
        XCTAssertEqual(b.withReduction.layers.paramsFormula, "1·1·192·96 + 3·3·96·128 = 129,024")
        XCTAssertEqual(b.withReduction.layers.multAddsFormula, "129,024·28·28 = 101,154,816")
        XCTAssertEqual(b.withoutReduction.layers.paramsFormula, "3·3·192·128 = 221,184")
        XCTAssertEqual(b.withoutReduction.layers.multAddsFormula, "221,184·28·28 = 173,408,256")
    }

    func testChangingOneChannelCountMovesTheSavings() throws {
        let before = try XCTUnwrap(try savings("inception3a").modules.first)
        let after = try XCTUnwrap(try savings("inception3a", net: SummaryTesting.seedWithInception3aReduce(100)).modules.first)
        XCTAssertEqual(after.branches[1].withReduction.params - before.branches[1].withReduction.params, 192 * 4 + 9 * 4 * 128)
        XCTAssertEqual(after.branches[1].withoutReduction, before.branches[1].withoutReduction)
        XCTAssertEqual(after.naive, before.naive)
        XCTAssertEqual(after.branches[1].label, "3×3 (reduce 100)")
        XCTAssertLessThan(after.paramsRatio!, before.paramsRatio!)
    }

    func testUnknownModuleIsOneLine() throws {
        XCTAssertThrowsError(try savings("inception9z")) { error in
            XCTAssertEqual("\(error)", "no Inception module named \"inception9z\"; the modules are inception3a, inception3b, "
                           + "inception4a, inception4b, inception4c, inception4d, inception4e, inception5a, inception5b")
        }
    }

    func testRenderedSnapshots() throws {
        XCTAssertEqual(try savings().render(), try SummaryTesting.snapshot("savings.txt"))
        XCTAssertEqual(try savings("inception3a").render(formulas: true), try SummaryTesting.snapshot("savings-inception3a-formulas.txt"))
    }

    func testJSON() throws {
        let text = try SummaryJSON.text(try savings())
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        XCTAssertEqual(json["total_params"] as? Int, 5_842_176)
        XCTAssertEqual(json["naive_total_params"] as? Int, 23_718_912)
        let rows = try XCTUnwrap(json["rows"] as? [[String: Any]])
        XCTAssertEqual(rows.count, 9 * 5)
        let branch = try XCTUnwrap(rows.first { $0["path"] as? String == "inception3a.conv5x5" })
        XCTAssertEqual(branch["type"] as? String, "5×5 (reduce 16)")
        XCTAssertEqual(branch["params"] as? Int, 15_872)
        XCTAssertEqual(branch["mult_adds"] as? Int, 15_872 * 28 * 28)
        XCTAssertEqual(branch["output_shape"] as? [Int], [1, 32, 28, 28])
        XCTAssertEqual((branch["without_reduction"] as? [String: Any])?["params"] as? Int, 153_600)
        let module = try XCTUnwrap(rows.first { $0["path"] as? String == "inception3a" })
        XCTAssertEqual((module["without_reduction"] as? [String: Any])?["output_channels"] as? Int, 416)
    }
}
