import Foundation
import InceptionModel
import InceptionRuntime
import XCTest

/// The torchinfo summary against torchinfo 1.8.0 itself: the seed's printout, torchinfo's real
/// output for other inputs, depths, columns and train mode, and its counting rules row by row.
final class TorchinfoSummaryTests: XCTestCase {
    func summary(_ input: [Int], _ mode: SummaryMode = .eval, depth: Int = 3,
                 columns: [TorchinfoColumn] = TorchinfoColumn.defaults) throws -> TorchinfoSummary {
        try TorchinfoSummary(model: try SummaryTesting.seed(), input: input, mode: mode, depth: depth, columns: columns)
    }

    // MARK: the seed's printout and torchinfo's own output

    func testSeedPrintoutIsReproducedLineForLine() throws {
        let ours = try summary([2, 3, 224, 224]).renderTable()
        let seed = try SummaryTesting.snapshot("seed-printout.txt")
        XCTAssertEqual(SummaryTesting.collapsingSpaces(ours), SummaryTesting.collapsingSpaces(seed))
    }

    func testOutputEqualsTorchinfoByteForByte() throws {
        let cases: [(file: String, input: [Int], mode: SummaryMode, depth: Int, columns: [TorchinfoColumn])] = [
            ("torchinfo-eval-2x3x224x224-depth3.txt", [2, 3, 224, 224], .eval, 3, TorchinfoColumn.defaults),
            ("torchinfo-eval-1x3x224x224-depth3.txt", [1, 3, 224, 224], .eval, 3, TorchinfoColumn.defaults),
            ("torchinfo-eval-4x3x160x160-depth3.txt", [4, 3, 160, 160], .eval, 3, TorchinfoColumn.defaults),
            ("torchinfo-eval-1x3x32x32-depth3.txt", [1, 3, 32, 32], .eval, 3, TorchinfoColumn.defaults),
            ("torchinfo-train-2x3x224x224-depth3.txt", [2, 3, 224, 224], .train, 3, TorchinfoColumn.defaults),
            ("torchinfo-train-1x3x224x224-depth3.txt", [1, 3, 224, 224], .train, 3, TorchinfoColumn.defaults),
            ("torchinfo-eval-2x3x224x224-depth1.txt", [2, 3, 224, 224], .eval, 1, TorchinfoColumn.defaults),
            ("torchinfo-eval-2x3x224x224-depth5.txt", [2, 3, 224, 224], .eval, 5, TorchinfoColumn.defaults),
            ("torchinfo-eval-1x3x224x224-depth3-mult-adds.txt", [1, 3, 224, 224], .eval, 3, [.outputSize, .numParams, .multAdds]),
            ("torchinfo-train-2x3x224x224-depth2-all-columns.txt", [2, 3, 224, 224], .train, 2, TorchinfoColumn.allCases),
        ]
        for c in cases {
            let ours = try summary(c.input, c.mode, depth: c.depth, columns: c.columns).renderTable()
            XCTAssertEqual(ours, try SummaryTesting.snapshot(c.file), c.file)
        }
    }

    // MARK: the footer and the split of parameters

    func testSeedFooterNumbers() throws {
        let s = try summary([2, 3, 224, 224])
        let t = s.totals
        XCTAssertEqual(t.totalParams, 13_393_352)
        XCTAssertEqual(t.trainableParams, 13_393_352)
        XCTAssertEqual(t.nonTrainableParams, 0)
        XCTAssertEqual(t.totalMultAdds, 3_171_827_184)
        XCTAssertEqual(t.inputBytes, 2 * 3 * 224 * 224 * 4 + 64)
        XCTAssertEqual(t.forwardBackwardBytes, 103_253_120)
        XCTAssertEqual(t.paramsBytes, 28_052_448)
        XCTAssertEqual(t.estimatedTotalBytes, 132_509_856)
    }

    /// Total params counts the aux heads; the top row shows exactly them; the sizes leave them out.
    func testParametersThatRanAndParametersThatDidNot() throws {
        let net = try SummaryTesting.seed()
        let s = try TorchinfoSummary(model: net, input: [2, 3, 224, 224])
        let aux = ["aux1", "aux2"].map { net.module(at: $0)!.parameterCount }
        XCTAssertEqual(s.totals.totalParams, net.parameterCount)
        XCTAssertEqual(s.modulesThatDidNotRun.map(\.path), ["aux1", "aux2"])
        XCTAssertEqual(s.modulesThatDidNotRun.map(\.params), aux)
        XCTAssertEqual(s.totals.paramsThatDidNotRun, aux.reduce(0, +))
        XCTAssertEqual(s.totals.paramsThatDidNotRun, 6_380_240)
        XCTAssertEqual(s.totals.paramsThatRan, 7_013_112)
        XCTAssertEqual(s.rows[0].paramsText, "6,380,240")
        XCTAssertEqual(s.rows[0].shownParams, s.totals.paramsThatDidNotRun)
        XCTAssertEqual(s.totals.paramsBytes, 4 * s.totals.paramsThatRan)
    }

    func testTrainModeRunsTheAuxHeads() throws {
        let net = try SummaryTesting.seed()
        let s = try TorchinfoSummary(model: net, input: [2, 3, 224, 224], mode: .train)
        XCTAssertTrue(s.modulesThatDidNotRun.isEmpty)
        XCTAssertEqual(s.totals.paramsThatRan, net.parameterCount)
        XCTAssertEqual(s.totals.paramsBytes, 4 * net.parameterCount)
        XCTAssertEqual(s.totals.totalMultAdds, 3_188_588_944)
        XCTAssertEqual(s.totals.forwardBackwardBytes, 103_448_960)
        // The seed returns (aux1, aux2, out): torchinfo sizes the tuple by aux1.
        XCTAssertEqual(s.rows[0].layer.outputShape, [2, 1000])
        XCTAssertEqual(s.rows[0].paramsText, "--")
        XCTAssertFalse(net.training, "the summary puts the module tree's mode back")
    }

    // MARK: rows for other inputs and train mode (torchinfo 1.8.0's own values)

    func testRowsForOtherInputsAndTrainMode() throws {
        typealias Expect = (label: String, path: String, output: [Int], params: String, multAdds: Int)
        let cases: [(input: [Int], mode: SummaryMode, rows: [Expect])] = [
            ([1, 3, 224, 224], .eval, [
                ("Inception_V1", "", [], "6,380,240", 1_585_913_592),
                ("Conv2d: 3-1", "conv1.layer.0", [1, 64, 112, 112], "9,472", 118_816_768),
                ("Sequential: 3-10", "inception3a.conv1x1.layer", [1, 64, 28, 28], "12,480", 9_684_096),
                ("MaxPool2d: 3-57", "inception4e.maxpool_conv1x1.0", [1, 528, 14, 14], "--", 0),
                ("AdaptiveAvgPool2d: 1-17", "gap", [1, 1024, 1, 1], "--", 0),
                ("Linear: 1-19", "classifier", [1, 1000], "1,025,000", 1_025_000),
            ]),
            ([4, 3, 160, 160], .eval, [
                ("Conv2d: 3-1", "conv1.layer.0", [4, 64, 80, 80], "9,472", 242_483_200),
                ("Sequential: 3-10", "inception3a.conv1x1.layer", [4, 64, 20, 20], "12,480", 19_763_712),
                ("MaxPool2d: 3-57", "inception4e.maxpool_conv1x1.0", [4, 528, 10, 10], "--", 0),
                ("Inception: 1-16", "inception5b", [4, 1024, 5, 5], "--", 0),
                ("Linear: 1-19", "classifier", [4, 1000], "1,025,000", 4_100_000),
            ]),
            ([2, 3, 224, 224], .train, [
                ("Inception_V1", "", [2, 1000], "--", 3_188_588_944),
                ("AuxOut: 1-10", "aux1", [2, 1000], "--", 0),
                ("AvgPool2d: 3-31", "aux1.avgpool_conv.0", [2, 512, 4, 4], "--", 0),
                ("Linear: 3-33", "aux1.fc.0", [2, 1024], "2,098,176", 4_196_352),
                ("AuxOut: 1-14", "aux2", [2, 1000], "--", 0),
                ("BasicConv2d: 3-59", "aux2.avgpool_conv.1", [2, 128, 4, 4], "67,968", 2_167_296),
                ("MaxPool2d: 3-69", "inception4e.maxpool_conv1x1.0", [2, 528, 14, 14], "--", 0),
                ("Linear: 1-21", "classifier", [2, 1000], "1,025,000", 2_050_000),
            ]),
            ([1, 3, 224, 224], .train, [
                ("Linear: 3-33", "aux1.fc.0", [1, 1024], "2,098,176", 2_098_176),
                ("BasicConv2d: 3-59", "aux2.avgpool_conv.1", [1, 128, 4, 4], "67,968", 1_083_648),
                ("Linear: 1-21", "classifier", [1, 1000], "1,025,000", 1_025_000),
            ]),
        ]
        for c in cases {
            let rows = try summary(c.input, c.mode).rows
            for e in c.rows {
                let where_ = "\(c.mode) \(c.input) \(e.label)"
                guard let row = rows.first(where: { $0.layer.label == e.label }) else { XCTFail("no row \(where_)"); continue }
                XCTAssertEqual(row.layer.path, e.path, where_)
                XCTAssertEqual(row.layer.outputShape, e.output, where_)
                XCTAssertEqual(row.paramsText, e.params, where_)
                // Leaves: torchinfo's own count; containers: the sum over the leaves under them, which
                // is what torchinfo prints in its Mult-Adds column at the depth limit.
                if e.multAdds > 0 || row.layer.isLeaf { XCTAssertEqual(row.multAdds, e.multAdds, where_) }
            }
        }
    }

    func testEveryLeafFollowsTheMultAddRule() throws {
        let s = try summary([2, 3, 224, 224], depth: 5)
        var leaves = 0
        for row in s.rows where row.layer.isLeaf {
            let out = row.layer.outputShape, params = row.layer.params
            let expected = row.layer.module is Conv2d ? params * out[0] * out[2] * out[3] : params * out[0]
            XCTAssertEqual(row.multAdds, expected, row.layer.path)
            leaves += 1
        }
        XCTAssertEqual(s.rows.filter { $0.layer.isLeaf }.reduce(0) { $0 + $1.multAdds }, s.totals.totalMultAdds)
        XCTAssertEqual(leaves, s.layers.filter(\.isLeaf).count)
    }

    // MARK: formulas and notes

    func testFormulas() throws {
        let rows = try summary([2, 3, 224, 224]).rows
        func formula(_ label: String) -> String? { rows.first { $0.layer.label == label }?.formula }
        XCTAssertEqual(formula("Conv2d: 3-1"), "7·7·3·64 + 64 = 9,472")
        XCTAssertEqual(formula("BatchNorm2d: 3-2"), "64 + 64 = 128")
        XCTAssertEqual(formula("Sequential: 3-10"), "1·1·192·64 + 64 + 64 + 64 = 12,480")
        XCTAssertEqual(formula("Inception_V1"), "not run: aux1 3,189,096 + aux2 3,191,144 = 6,380,240")
        XCTAssertNil(formula("ReLU: 3-3"))
        // The formula follows past torchinfo's last column; the row itself is unchanged.
        let plain = try summary([2, 3, 224, 224]).renderTable().split(separator: "\n")
        let withFormulas = try summary([2, 3, 224, 224]).renderTable(formulas: true).split(separator: "\n")
        let i = try XCTUnwrap(plain.firstIndex { $0.contains("Conv2d: 3-1 ") })
        let width = plain[0].count
        XCTAssertEqual(String(withFormulas[i].prefix(width)).trimmingCharacters(in: .whitespaces),
                       plain[i].trimmingCharacters(in: .whitespaces))
        XCTAssertEqual(String(withFormulas[i].dropFirst(width)), "  7·7·3·64 + 64 = 9,472")
    }

    func testNotesSayHowEachNumberWasCounted() throws {
        XCTAssertEqual(try summary([2, 3, 224, 224]).renderNotes(), """
            How torchinfo 1.8.0 counted (eval mode, input 2×3×224×224):
              Total params 13,393,352 counts every parameter of the model:
                7,013,112 in layers that ran,
                6,380,240 in modules that never ran (aux1 3,189,096, aux2 3,191,144).
                Modules that never ran get no row; the row above them shows their parameters, as a row
                above the depth limit shows only what the layers listed under it do not account for.
              A row at the depth limit (--depth 3) shows all the parameters of the layers under it.
              Total mult-adds 3,171,827,184: over the layers that ran, Conv2d (weights + bias) × N·H_out·W_out,
                Linear and BatchNorm2d parameters × N, layers without parameters 0.
              Input size: 2·3·224·224 = 301,056 values × 4 bytes + 64 bytes of Python object = 1,204,288 bytes.
              Forward/backward pass size: 2 × the output bytes of every layer with parameters that ran = 103,253,120 bytes.
              Params size: 4 bytes × 7,013,112 parameters of layers that ran = 28,052,448 bytes (the modules that never ran are left out).
              Estimated Total Size: the sum of the three = 132,509,856 bytes. MB here means 10⁶ bytes.

            """)
        XCTAssertTrue(try summary([1, 3, 224, 224], .train).renderNotes().contains("    all 13,393,352 are in layers that ran.\n"))
    }

    // MARK: a changed channel count

    /// inception3a's 3×3 reduction 96 → 100: its two convolutions and one BatchNorm grow, and so
    /// does every total that counts them; rows elsewhere stay as they were.
    func testChangingOneChannelCountMovesEveryDependentTotal() throws {
        let before = try TorchinfoSummary(model: try SummaryTesting.seed(), input: [2, 3, 224, 224])
        let after = try TorchinfoSummary(model: try SummaryTesting.seedWithInception3aReduce(100), input: [2, 3, 224, 224])
        let extra = 4                                                  // 100 − 96 more channels
        let reduceParams = extra * 192 + extra + 2 * extra             // 1×1 conv weights and bias, BatchNorm γ, β
        let conv3x3Params = 3 * 3 * extra * 128                        // the 3×3 conv reads 4 more channels
        let delta = reduceParams + conv3x3Params
        let (b, a) = (before.totals, after.totals)
        XCTAssertEqual(a.totalParams - b.totalParams, delta)
        XCTAssertEqual(a.trainableParams - b.trainableParams, delta)
        XCTAssertEqual(a.paramsThatRan - b.paramsThatRan, delta)
        XCTAssertEqual(a.paramsBytes - b.paramsBytes, 4 * delta)
        XCTAssertEqual(a.totalMultAdds - b.totalMultAdds,
                       (extra * 192 + extra + conv3x3Params) * 2 * 28 * 28 + 2 * extra * 2)
        XCTAssertEqual(a.forwardBackwardBytes - b.forwardBackwardBytes, 2 * 2 * (2 * extra * 28 * 28 * 4))
        XCTAssertEqual(a.estimatedTotalBytes - b.estimatedTotalBytes,
                       (a.forwardBackwardBytes - b.forwardBackwardBytes) + 4 * delta)
        XCTAssertEqual(a.paramsThatDidNotRun, b.paramsThatDidNotRun)
        let changed = Set(zip(before.rows, after.rows).filter { $0.values != $1.values }.map(\.0.layer.label))
        XCTAssertEqual(changed, ["BasicConv2d: 3-11", "BasicConv2d: 3-12"])
        XCTAssertNotEqual(before.renderTable(), after.renderTable())
    }

    // MARK: JSON and errors

    func testJSON() throws {
        let text = try SummaryJSON.text(try summary([2, 3, 224, 224], depth: 5))
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        XCTAssertEqual(json["total_params"] as? Int, 13_393_352)
        XCTAssertEqual(json["trainable_params"] as? Int, 13_393_352)
        XCTAssertEqual(json["total_mult_adds"] as? Int, 3_171_827_184)
        XCTAssertEqual(json["input_size_mb"] as? Double, 1.20)
        XCTAssertEqual(json["forward_backward_size_mb"] as? Double, 103.25)
        XCTAssertEqual(json["params_size_mb"] as? Double, 28.05)
        XCTAssertEqual(json["estimated_total_size_mb"] as? Double, 132.51)
        XCTAssertEqual(json["params_that_did_not_run"] as? Int, 6_380_240)
        let rows = try XCTUnwrap(json["rows"] as? [[String: Any]])
        let conv = try XCTUnwrap(rows.first { $0["path"] as? String == "inception3a.conv3x3.1.layer.0" })
        XCTAssertEqual(conv["type"] as? String, "Conv2d")
        XCTAssertEqual(conv["depth"] as? Int, 5)
        XCTAssertEqual(conv["output_shape"] as? [Int], [2, 128, 28, 28])
        XCTAssertEqual(conv["params"] as? Int, 3 * 3 * 96 * 128 + 128)
        XCTAssertEqual(conv["mult_adds"] as? Int, (3 * 3 * 96 * 128 + 128) * 2 * 28 * 28)
        XCTAssertEqual(rows.first?["output_shape"] as? [Int], [])
        XCTAssertTrue(text.hasPrefix("{\n"))
    }

    func testBadInputsGiveOneLine() throws {
        let net = try SummaryTesting.seed()
        XCTAssertThrowsError(try TorchinfoSummary(model: net, input: [2, 4, 224, 224])) { error in
            XCTAssertEqual("\(error)", "Inception_V1 expects input (N, 3, H, W), got 2×4×224×224: the network was built with in_channel=3")
        }
        XCTAssertThrowsError(try TorchinfoSummary(model: net, input: [2, 3, 224, 224], depth: -1)) { error in
            XCTAssertEqual("\(error)", "--depth must be 0 or more, got -1")
        }
        XCTAssertThrowsError(try TorchinfoSummary(model: net, input: [4, 3, 160, 160], mode: .train)) { error in
            XCTAssertTrue("\(error)".hasPrefix("aux1: AuxOut needs a 14×14 input"), "\(error)")
        }
        XCTAssertFalse(net.training)
    }
}
