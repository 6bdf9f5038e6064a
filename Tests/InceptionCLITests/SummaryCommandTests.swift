import Foundation
import TestSupport
import XCTest

/// `inception summary` as a user runs it: torchinfo's table for the seed's input, the three
/// styles as JSON, and bad options as one line with a non-zero exit.
final class SummaryCommandTests: XCTestCase {
    func snapshot(_ name: String) throws -> String {
        try snapshotText(URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../InceptionModelTests/Snapshots/\(name)"))
    }

    func testDefaultIsTheSeedsTorchinfoTableThenTheNotes() throws {
        let r = try InceptionBinary.run(["summary"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let table = try snapshot("torchinfo-eval-2x3x224x224-depth3.txt")
        XCTAssertTrue(r.stdout.hasPrefix(table + "\nHow torchinfo 1.8.0 counted (eval mode, input 2×3×224×224):\n"))
        XCTAssertEqual(try InceptionBinary.run(["summary", "--no-notes"]).stdout, table)
        let train = try InceptionBinary.run(["summary", "--no-notes", "--mode", "train", "--input", "1,3,224,224"])
        XCTAssertEqual(train.stdout, try snapshot("torchinfo-train-1x3x224x224-depth3.txt"))
    }

    /// --style receptive-field: r′ = r + (k − 1)·j, j′ = j·s through the seed; an Inception
    /// module takes its largest branch (the 5×5, +4·j); GAP reads the whole 7×7 map; the aux
    /// heads start from inception4a and inception4d, and their first Linear reads the whole 4×4 map. JSON rows carry receptive_field and jump.
    func testReceptiveFieldStyle() throws {
        let r = try InceptionBinary.run(["summary", "--style", "receptive-field", "--format", "json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(object["style"] as? String, "receptive-field")
        let rows = try XCTUnwrap(object["rows"] as? [[String: Any]])
        var field: [String: Int] = [:], jump: [String: Int] = [:]
        for row in rows {
            let path = try XCTUnwrap(row["path"] as? String)
            field[path] = row["receptive_field"] as? Int; jump[path] = row["jump"] as? Int
        }
        XCTAssertEqual(field["conv1"], 7); XCTAssertEqual(jump["conv1"], 2)
        XCTAssertEqual(field["conv2b"], 19); XCTAssertEqual(jump["maxpool2"], 8)
        XCTAssertEqual(field["inception3a"], 59); XCTAssertEqual(field["inception4a"], 171)
        XCTAssertEqual(field["inception5b"], 715); XCTAssertEqual(jump["inception5b"], 32)
        // An aux head's logits read all 4×4 positions of its pooled map (fc.0 reads the flatten):
        // 171 + 4·16 = 235 after the 5×5/3 pool, then + 3·48 = 379; aux2 from 427: 571.
        XCTAssertEqual(field["aux1"], 379); XCTAssertEqual(field["aux2"], 571); XCTAssertEqual(jump["aux1"], 192)
        XCTAssertEqual(field["gap"], 907)
        let table = try InceptionBinary.run(["summary", "--style", "receptive-field"]).stdout
        XCTAssertTrue(table.contains("inception3a           28               59     8  largest branch: conv5x5\n"), table)
        XCTAssertTrue(table.contains("aux1                   1              379   192  5×5/3, 1×1/1, all 4×4, reads inception4a\n"), table)
        // torchvision's "5×5" branch is a 3×3: each module adds 2·j.
        let tv = try InceptionBinary.run(["summary", "--style", "receptive-field", "--variant", "torchvision"]).stdout
        XCTAssertTrue(tv.contains("inception5b sees 379×379 pixels"), tv)
    }

    func testPaperAndSavingsStyles() throws {
        XCTAssertEqual(try InceptionBinary.run(["summary", "--style", "paper"]).stdout, try snapshot("paper-table.txt"))
        XCTAssertEqual(try InceptionBinary.run(["summary", "--style", "savings", "--module", "inception3a", "--formulas"]).stdout,
                       try snapshot("savings-inception3a-formulas.txt"))
    }

    func testJSONForEveryStyle() throws {
        for style in ["torchinfo", "paper", "savings"] {
            let r = try InceptionBinary.run(["summary", "--style", style, "--format", "json"])
            XCTAssertEqual(r.status, 0, r.stderr)
            let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any], style)
            XCTAssertEqual(json["style"] as? String, style)
            XCTAssertNotNil(json["total_params"] as? Int, style)
            XCTAssertFalse((json["rows"] as? [[String: Any]] ?? []).isEmpty, style)
        }
    }

    func testBadOptionsAreOneLine() throws {
        let cases: [([String], String)] = [
            (["--input", "2,4,224,224"], "Inception_V1 expects input (N, 3, H, W), got 2×4×224×224: the network was built with in_channel=3"),
            (["--input", "3,224,224"], "--input must be N,C,H,W (four numbers), got 3,224,224"),
            (["--style", "savings", "--module", "inception9z"],
             "no Inception module named \"inception9z\"; the modules are inception3a, inception3b, inception4a, inception4b, inception4c, inception4d, inception4e, inception5a, inception5b"),
            (["--columns", "output_size,flops"],
             "--columns: unknown column \"flops\"; use input_size, output_size, num_params, params_percent, kernel_size, mult_adds, trainable"),
            (["--depth=-1"], "--depth must be 0 or more, got -1"),
        ]
        for (args, message) in cases {
            let r = try InceptionBinary.run(["summary"] + args)
            XCTAssertNotEqual(r.status, 0, "\(args)")
            XCTAssertEqual(r.stderr, "Error: \(message)\n", "\(args)")
            XCTAssertEqual(r.stdout, "", "\(args)")
        }
        let aux = try InceptionBinary.run(["summary", "--mode", "train", "--input", "4,3,160,160"])
        XCTAssertNotEqual(aux.status, 0)
        XCTAssertTrue(aux.stderr.hasPrefix("Error: aux1: AuxOut needs a 14×14 input"), aux.stderr)
        XCTAssertEqual(aux.stderr.filter { $0 == "\n" }.count, 1)
    }
}
