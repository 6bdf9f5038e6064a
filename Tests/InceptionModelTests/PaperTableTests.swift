import Foundation
import InceptionModel
import InceptionRuntime
import XCTest

/// Table 1 recomputed: every row from the module tree, counted as the paper counts (weights
/// only, multiply-adds per image), and the paper's printed figures set beside ours.
final class PaperTableTests: XCTestCase {
    /// Weights of every Conv2d and Linear under `path`, and their multiply-adds on one image,
    /// counted independently of the table: weight count × output positions from a shape trace.
    func weightsAndOps(_ net: Module, _ paths: [String], image: [Int]) throws -> (Int, Int) {
        var weights = 0, ops = 0
        for exit in try ShapeInference.trace(net, input: image) where paths.contains(where: { exit.path == $0 || exit.path.hasPrefix($0 + ".") }) {
            if let conv = exit.module as? Conv2d {
                weights += conv.weight.count; ops += conv.weight.count * exit.outputShape[2] * exit.outputShape[3]
            } else if let linear = exit.module as? Linear {
                weights += linear.weight.count; ops += linear.weight.count
            }
        }
        return (weights, ops)
    }

    func testEveryRowComesFromTheModuleTree() throws {
        let net = try SummaryTesting.seed()
        let table = try PaperTable(model: net, input: [2, 3, 224, 224])
        XCTAssertEqual(table.rows.map(\.path), [
            "conv1", "maxpool1", "conv2a+conv2b", "maxpool2", "inception3a", "inception3b", "maxpool3",
            "inception4a", "inception4b", "inception4c", "inception4d", "inception4e", "maxpool4",
            "inception5a", "inception5b", "gap", "dropout", "classifier",
        ])
        for row in table.rows {
            let (weights, ops) = try weightsAndOps(net, row.path.split(separator: "+").map(String.init), image: [1, 3, 224, 224])
            XCTAssertEqual(row.params, weights, row.path)
            XCTAssertEqual(row.ops, ops, row.path)
        }
        for entry in InceptionV1.inceptionTable {
            let row = try XCTUnwrap(table.rows.first { $0.path == entry.name })
            XCTAssertEqual(row.channels.columns, entry.channels.asArray.map { Optional($0) }, entry.name)
            XCTAssertEqual(row.depth, 2)
            XCTAssertEqual(row.outputShape[1], entry.outChannels)
        }
        let rows = Dictionary(uniqueKeysWithValues: table.rows.map { ($0.path, $0) })
        XCTAssertEqual(rows["conv1"]?.type, "convolution")
        XCTAssertEqual(rows["conv1"]?.patch, "7×7/2")
        XCTAssertEqual(rows["conv1"]?.outputSize, "112×112×64")
        XCTAssertEqual(rows["conv2a+conv2b"]?.channels.columns, [nil, 64, 192, nil, nil, nil])
        XCTAssertEqual(rows["conv2a+conv2b"]?.patch, "3×3/1")
        XCTAssertEqual(rows["conv2a+conv2b"]?.depth, 2)
        XCTAssertEqual(rows["maxpool3"]?.patch, "3×3/2")
        XCTAssertEqual(rows["gap"]?.type, "avg pool")
        XCTAssertEqual(rows["gap"]?.patch, "7×7/1")
        XCTAssertEqual(rows["dropout"]?.type, "dropout (50%)")
        XCTAssertEqual(rows["classifier"]?.outputSize, "1×1×1000")
        XCTAssertEqual(rows["inception3a"]?.type, "inception (3a)")
    }

    /// conv1: the paper prints 2.7K and 34M; the arithmetic gives 9,408 weights and 118 M.
    func testConv1DiffersFromThePrintedFigures() throws {
        let row = try XCTUnwrap(try PaperTable(model: try SummaryTesting.seed(), input: [1, 3, 224, 224]).rows.first)
        XCTAssertEqual(row.params, 7 * 7 * 3 * 64)
        XCTAssertEqual(row.ops, 7 * 7 * 3 * 64 * 112 * 112)
        XCTAssertEqual(row.cost.paramsFormula, "7·7·3·64 = 9,408")
        XCTAssertEqual(row.cost.multAddsFormula, "9,408·112·112 = 118,013,952")
        XCTAssertEqual(row.differences, [
            .init(field: "params", ours: "9,408", quoted: "2.7K", agreement: .differs),
            .init(field: "ops", ours: "118,013,952", quoted: "34M", agreement: .differs),
        ])
    }

    func testTotalsAreThePaperCountOfTheTorchinfoParameters() throws {
        let net = try SummaryTesting.seed()
        let table = try PaperTable(model: net, input: [1, 3, 224, 224])
        // Weights only: what ran in eval mode minus every bias and every BatchNorm parameter.
        let ran = try TorchinfoSummary(model: net, input: [1, 3, 224, 224]).totals.paramsThatRan
        var notWeights = 0
        for (path, m) in net.namedModules() where !path.hasPrefix("aux") {
            if let conv = m as? Conv2d { notWeights += conv.bias?.count ?? 0 }
            if let linear = m as? Linear { notWeights += linear.bias?.count ?? 0 }
            if m is BatchNorm2d { notWeights += m.ownParameterCount }
        }
        XCTAssertEqual(table.totalParams, ran - notWeights)
        XCTAssertEqual(table.totalParams, 6_990_272)
        XCTAssertEqual(table.totalOps, 1_582_671_872)
        XCTAssertEqual(table.totalParams / 1024, 6826)               // about 6.8 thousand K
        XCTAssertEqual((Double(table.totalOps) / 1e8).rounded() / 10, 1.6)   // about 1.5–1.6 G
    }

    func testQuotesOnlyForTheSeedOnA224Image() throws {
        let net = try SummaryTesting.seed()
        XCTAssertTrue(try PaperTable(model: net, input: [8, 3, 224, 224]).comparesWithPaper)
        let small = try PaperTable(model: net, input: [1, 3, 160, 160])
        XCTAssertFalse(small.comparesWithPaper)
        XCTAssertTrue(small.rows.allSatisfy { $0.quote == nil })
        XCTAssertEqual(small.rows.first?.ops, 7 * 7 * 3 * 64 * 80 * 80)
        XCTAssertTrue(small.render().contains("they are not shown here."))
    }

    func testPrintedFigureComparison() throws {
        let cases: [(String, Int, PrintedFigure.Agreement)] = [
            ("2.7K", 9_408, .differs), ("112K", 114_688, .same), ("159K", 163_328, .close),
            ("380K", 388_096, .close), ("463K", 509_440, .differs), ("73M", 73_608_192, .close),
            ("119M", 118_515_712, .same), ("54M", 51_079_168, .differs), ("1M", 1_024_000, .same),
        ]
        for (printed, count, expected) in cases {
            XCTAssertEqual(try XCTUnwrap(PrintedFigure(printed)).compare(count), expected, printed)
        }
        XCTAssertEqual(PrintedFigure("2.7K")?.format(9_408), "9.2K")
        XCTAssertNil(PrintedFigure("12"))
    }

    func testChangingOneChannelCountMovesTheRowAndTheTotals() throws {
        let before = try PaperTable(model: try SummaryTesting.seed(), input: [1, 3, 224, 224])
        let after = try PaperTable(model: try SummaryTesting.seedWithInception3aReduce(100), input: [1, 3, 224, 224])
        let delta = 192 * 4 + 3 * 3 * 4 * 128
        XCTAssertEqual(after.totalParams - before.totalParams, delta)
        XCTAssertEqual(after.totalOps - before.totalOps, delta * 28 * 28)
        let row = try XCTUnwrap(after.rows.first { $0.path == "inception3a" })
        XCTAssertEqual(row.channels.c3x3Reduce, 100)
        XCTAssertTrue(row.differences.contains { $0.field == "#3×3 reduce" && $0.quoted == "96" && $0.ours == "100" })
        let changed = zip(before.rows, after.rows).filter { $0.params != $1.params }.map(\.0.path)
        XCTAssertEqual(changed, ["inception3a"])
    }

    func testRenderedTableSnapshot() throws {
        let ours = try PaperTable(model: try SummaryTesting.seed(), input: [2, 3, 224, 224]).render()
        XCTAssertEqual(ours, try SummaryTesting.snapshot("paper-table.txt"))
    }

    func testJSON() throws {
        let text = try SummaryJSON.text(try PaperTable(model: try SummaryTesting.seed(), input: [1, 3, 224, 224]))
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        XCTAssertEqual(json["total_params"] as? Int, 6_990_272)
        XCTAssertEqual(json["total_ops"] as? Int, 1_582_671_872)
        let rows = try XCTUnwrap(json["rows"] as? [[String: Any]])
        XCTAssertEqual(rows.map { $0["path"] as? String }, [
            "conv1", "maxpool1", "conv2a+conv2b", "maxpool2", "inception3a", "inception3b", "maxpool3",
            "inception4a", "inception4b", "inception4c", "inception4d", "inception4e", "maxpool4",
            "inception5a", "inception5b", "gap", "dropout", "classifier",
        ])
        let conv1 = rows[0]
        XCTAssertEqual(conv1["params"] as? Int, 9_408)
        XCTAssertEqual(conv1["ops"] as? Int, 118_013_952)
        XCTAssertEqual(conv1["output_shape"] as? [Int], [1, 64, 112, 112])
        XCTAssertEqual((conv1["paper"] as? [String: Any])?["params"] as? String, "2.7K")
        let channels = try XCTUnwrap(rows[4]["channels"] as? [String: Any])
        XCTAssertEqual(channels["3x3_reduce"] as? Int, 96)
        XCTAssertTrue(channels.count == 6)
        XCTAssertEqual((json["paper_only_rows"] as? [[String: Any]])?.first?["type"] as? String, "softmax")
    }
}
