import Foundation
import InceptionRuntime
import TestSupport
import XCTest

/// `inception experiment aux-heads` on a tiny configuration, as a user runs it, and the
/// options of `train` that build the network without BatchNorm.
final class ExperimentCommandTests: XCTestCase {
    var dir = ""
    override func setUpWithError() throws { dir = try InceptionBinary.temporaryDirectory() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    /// Four arms (BN on/off × aux 0.3/0), a grid of two rates on seed 0, two seeds per arm:
    /// results.json holds every run with its curves, summary.md a row per arm, figure.png the
    /// three panels.
    func testATinyStudyWritesEveryArmAndSeed() throws {
        let out = dir + "/study"
        let r = try InceptionBinary.run(["experiment", "aux-heads", "--steps", "2", "--seeds", "2", "--lrs", "0.001,0.002", "--batch", "2",
                                         "--val-images", "4", "--evaluations", "1", "--gradient-every", "2", "--dead-steps", "2", "--out", out])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.hasPrefix("study      BN on, aux 0.3 | BN on, aux 0 | BN off, aux 0.3 | BN off, aux 0; 2 seeds, 2 steps each, lr grid 0.001,0.002 on seed 0\nruns       12 (24 steps) on "), r.stdout)
        XCTAssertTrue(r.stdout.contains("\ndead network (BN off, std-0.01 init): logits' spread over the batch "), r.stdout)
        XCTAssertTrue(r.stdout.hasSuffix("wrote      \(out)/results.json, summary.md, figure.png\n"), r.stdout)

        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/results.json"))) as? [String: Any])
        XCTAssertEqual(object["complete"] as? Bool, true)
        let dead = try XCTUnwrap(object["dead_network"] as? [String: Any])
        let deadStart = try XCTUnwrap(dead["seed_init"] as? [String: Any]), liveStart = try XCTUnwrap(dead["kaiming_init"] as? [String: Any])
        XCTAssertLessThan(try XCTUnwrap(deadStart["first_layer_gradient_norm"] as? Double), 1e-3)
        XCTAssertGreaterThan(try XCTUnwrap(liveStart["first_layer_gradient_norm"] as? Double), 1e-3)
        XCTAssertEqual((dead["main_loss"] as? [Double])?.count, 2)

        let arms = try XCTUnwrap(object["arms"] as? [[String: Any]])
        XCTAssertEqual(arms.map { ($0["arm"] as? [String: Any])?["aux_weight"] as? Double }, [0.3, 0, 0.3, 0])
        XCTAssertEqual(arms.map { ($0["arm"] as? [String: Any])?["batch_norm"] as? Bool }, [true, true, false, false])
        XCTAssertEqual(arms.map { ($0["arm"] as? [String: Any])?["weight_init"] as? String }, ["seed", "seed", "kaiming", "kaiming"])
        for arm in arms {
            let grid = try XCTUnwrap(arm["grid"] as? [[String: Any]])
            XCTAssertEqual(grid.map { $0["learning_rate"] as? Double }, [0.001, 0.002])
            let runs = try XCTUnwrap(arm["runs"] as? [[String: Any]])
            XCTAssertEqual(runs.map { $0["seed"] as? Int }, [0, 1])
            let chosen = try XCTUnwrap(arm["chosen_learning_rate"] as? Double)
            XCTAssertEqual(runs.map { $0["learning_rate"] as? Double }, [chosen, chosen])
            let auxWeight = try XCTUnwrap((arm["arm"] as? [String: Any])?["aux_weight"] as? Double)
            for run in runs {
                XCTAssertEqual((run["main_train_loss"] as? [Double])?.count, 2)
                XCTAssertEqual((run["evaluations"] as? [[String: Any]])?.map { $0["step"] as? Int }, [2])
                let sources = try XCTUnwrap(run["gradient_sources"] as? [[String: Any]])
                XCTAssertEqual(sources.map { $0["step"] as? Int }, [0])
                let layers = try XCTUnwrap(sources[0]["layers"] as? [String: [String: Double]])
                XCTAssertEqual(Set(layers.keys), ["conv1", "conv2b", "inception3a", "inception4a"])
                for (name, norms) in layers {
                    XCTAssertGreaterThan(norms["main"]!, 0, name)
                    XCTAssertGreaterThan(norms["total"]!, 0, name)
                    if auxWeight == 0 { XCTAssertEqual(norms["aux"], 0, name) } else { XCTAssertGreaterThan(norms["aux"]!, 0, name) }
                }
                let final = try XCTUnwrap(run["final"] as? [String: Any])
                for key in ["validation", "train_mode_validation", "training"] {
                    XCTAssertEqual((final[key] as? [String: Any])?["images"] as? Int, 4, key)
                }
                XCTAssertNotNil((final["validation"] as? [String: Any])?["aux1_accuracy"] as? Double)
            }
        }

        let summary = try String(contentsOfFile: out + "/summary.md", encoding: .utf8)
        XCTAssertTrue(summary.hasPrefix("# The aux heads' effect, measured\n"), summary)
        for arm in ["BN on, aux 0.3", "BN on, aux 0", "BN off, aux 0.3", "BN off, aux 0"] {
            XCTAssertEqual(summary.components(separatedBy: "\n| \(arm) | ").count - 1, 3, "\(arm): a row in each of the three tables")
        }
        XCTAssertTrue(summary.contains("\n- BN on: aux 0.3 − aux 0 = "), summary)
        XCTAssertTrue(summary.contains("\n- BN off: aux 0.3 − aux 0 = "), summary)
        let figure = try ImageFileProbe.size(of: out + "/figure.png")
        XCTAssertEqual(figure.width, 900)
        XCTAssertEqual(figure.height, 220)
    }

    /// Ctrl-C stops after the current step and writes what finished, marked incomplete.
    func testCtrlCWritesThePartialResults() throws {
        let out = dir + "/stopped"
        let process = Process()
        process.executableURL = InceptionBinary.url
        process.arguments = ["experiment", "aux-heads", "--steps", "50", "--batch", "2", "--val-images", "4", "--dead-steps", "0", "--out", out]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: 3)
        kill(process.processIdentifier, SIGINT)
        let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 130)
        XCTAssertEqual(text, "interrupted: the runs that finished are in \(out)/results.json, summary.md and figure.png\n")
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/results.json"))) as? [String: Any])
        XCTAssertEqual(object["complete"] as? Bool, false)
        XCTAssertTrue(try String(contentsOfFile: out + "/summary.md", encoding: .utf8).contains("(stopped before the end: partial)"))
    }

    /// A time budget that runs out stops before the next run and says so; what ran is written.
    func testTheTimeBudgetStopsTheStudy() throws {
        let out = dir + "/budget"
        let r = try InceptionBinary.run(["experiment", "aux-heads", "--steps", "2", "--seeds", "2", "--lrs", "0.001", "--batch", "2",
                                         "--dead-steps", "1", "--minutes", "0.001", "--out", out])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("\nstopped    the time budget (0.001 minutes) ran out: 0 of 8 runs done; runs per arm: 0, 0, 0, 0\n"), r.stdout)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/results.json"))) as? [String: Any])
        XCTAssertEqual(object["complete"] as? Bool, false)
        XCTAssertEqual(object["stopped_reason"] as? String, "the time budget (0.001 minutes) ran out: 0 of 8 runs done")
        XCTAssertTrue(try String(contentsOfFile: out + "/summary.md", encoding: .utf8)
            .contains("(stopped before the end: partial; the time budget (0.001 minutes) ran out: 0 of 8 runs done)"))
    }

    func testBadOptionsAreOneLine() throws {
        var r = try InceptionBinary.run(["experiment", "aux-heads", "--lrs", "0.001,fast"])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.hasPrefix("Error: --lrs must be positive numbers separated by commas, e.g. 0.0005,0.001,0.002\n"), r.stderr)
        r = try InceptionBinary.run(["train", "--variant", "torchvision", "--batchnorm", "off"])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.hasPrefix("Error: --batchnorm off and --init kaiming build the seed's Inception_V1: use --variant seed\n"), r.stderr)
        r = try InceptionBinary.run(["train", "--init", "xavier"])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("'xavier'"), r.stderr)
    }
}

/// A PNG's width and height from its IHDR chunk (bytes 16–23).
enum ImageFileProbe {
    static func size(of path: String) throws -> (width: Int, height: Int) {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        XCTAssertEqual(Array(bytes.prefix(8)), [137, 80, 78, 71, 13, 10, 26, 10], "a PNG signature")
        func be32(_ i: Int) -> Int { bytes[i..<i + 4].reduce(0) { $0 << 8 | Int($1) } }
        return (be32(16), be32(20))
    }
}
