import Foundation
import TestSupport
import XCTest

/// `inception summary` as a user runs it: torchinfo's table for the seed's input, the three
/// styles as JSON, and bad options as one line with a non-zero exit.
final class SummaryCommandTests: XCTestCase {
    func snapshot(_ name: String) throws -> String {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../InceptionModelTests/Snapshots/\(name)")
        return try String(contentsOf: url, encoding: .utf8)
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
