import Foundation
import InceptionRuntime
import TestSupport
import XCTest

/// `inception train` and `bench --mode train-step` as a user runs them; bad options get one line.
final class TrainCommandTests: XCTestCase {
    func testBadOptionsAreOneLine() throws {
        var r = try InceptionBinary.run(["train", "--batch", "1"])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.hasPrefix("Error: --batch must be at least 2 (BatchNorm needs more than one image)"), r.stderr)
        // Dropout 1 zeroes everything before the classifier: refused, not diagnosed as a dead init.
        r = try InceptionBinary.run(["train", "--dropout", "1", "--steps", "2"])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.hasPrefix("Error: --dropout must be at least 0 and below 1, got 1.0 (1 drops every activation, so nothing reaches the classifier and nothing can be learned)"), r.stderr)
        r = try InceptionBinary.run(["train", "--dataset", "/nonexistent-folder"])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.hasPrefix("Error: /nonexistent-folder: no such folder"), r.stderr)
        r = try InceptionBinary.run(["train", "--resume", "/nonexistent-run"])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("/nonexistent-run/checkpoint.safetensors"), r.stderr)
    }

    func testTrainStepBenchJSONHasTheKeys() throws {
        let r = try InceptionBinary.run(["bench", "--mode", "train-step", "--batch", "2", "--repeat", "1", "--json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        for key in ["median_ms", "images_per_s", "batch", "threads", "peak_rss_mb"] { XCTAssertNotNil(object[key], key) }
        XCTAssertEqual(object["batch"] as? Int, 2)
        XCTAssertEqual(object["mode"] as? String, "train-step")
    }

    /// `--layers 3` adds one observed step, split by operation: a header, the three costliest
    /// kinds (forward or backward, a kind such as "Conv2d 3×3" or "BatchNorm2d+ReLU", ms, calls,
    /// share) and the total.
    func testTrainStepBenchListsTheCostliestOperations() throws {
        let r = try InceptionBinary.run(["bench", "--mode", "train-step", "--batch", "2", "--repeat", "1", "--layers", "3"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let at = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("One more step, observed (") }, r.stdout)
        // the step by phase, which also times what lies between the layers
        let phases = try Regex(#"^by phase: zero_grad [0-9.]+, forward [0-9.]+, loss [0-9.]+, backward [0-9.]+, SGD step [0-9.]+ ms$"#)
        XCTAssertNotNil(lines[at + 1].wholeMatch(of: phases), lines[at + 1])
        XCTAssertEqual(lines[at + 2], "operation (one step)                 ms  calls   share")
        let row = try Regex(#"^(forward |backward) [A-Za-z0-9_ ×+]+ +[0-9]+\.[0-9] +[0-9]+ +[0-9]+\.[0-9]%$"#)
        for line in lines[(at + 3)...(at + 5)] { XCTAssertNotNil(line.wholeMatch(of: row), line) }
        XCTAssertTrue(lines[at + 6].hasPrefix("all operations "), lines[at + 6])
        // then the same step's three costliest layers, by direction and path, with their kind
        XCTAssertEqual(lines[at + 8], "the 3 slowest layers of that step, by direction:")
        let layer = try Regex(#"^(forward |backward) [a-z0-9_.]+ +[A-Za-z0-9 ×+]+ +[0-9]+\.[0-9] ms$"#)
        for line in lines[(at + 9)...(at + 11)] { XCTAssertNotNil(line.wholeMatch(of: layer), line) }
    }

    /// `--json --layers 2`: the profiled step's two costliest layers as `slowest_layers`.
    func testTrainStepBenchJSONListsTheSlowestLayers() throws {
        let r = try InceptionBinary.run(["bench", "--mode", "train-step", "--batch", "2", "--repeat", "1", "--layers", "2", "--json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let layers = try XCTUnwrap(object["slowest_layers"] as? [[String: Any]], r.stdout)
        XCTAssertEqual(layers.count, 2)
        for layer in layers {
            let site = try XCTUnwrap(layer["site"] as? String)
            XCTAssertTrue(site.hasPrefix("forward  ") || site.hasPrefix("backward "), site)
            XCTAssertNotNil(layer["type"] as? String)
            XCTAssertGreaterThan(try XCTUnwrap(layer["ms"] as? Double), 0)
        }
        XCTAssertGreaterThanOrEqual(layers[0]["ms"] as? Double ?? 0, layers[1]["ms"] as? Double ?? 0, "costliest first")
        let phases = try XCTUnwrap(object["phases_ms"] as? [String: Double], r.stdout)
        XCTAssertEqual(Set(phases.keys), ["zero_grad", "forward", "loss", "backward", "optimizer"])
        XCTAssertGreaterThan(phases["forward"] ?? 0, 0)
        XCTAssertGreaterThan(phases["backward"] ?? 0, phases["loss"] ?? 0, "the backward pass costs more than the loss")
    }

    /// The observed step runs as the timed ones do: every BasicConv2d's BatchNorm and ReLU as one
    /// operation each way (59 of them), and only the classifier heads' two ReLUs on their own.
    func testTrainStepBenchTimesBatchNormAndReLUTogether() throws {
        let r = try InceptionBinary.run(["bench", "--mode", "train-step", "--batch", "2", "--repeat", "1", "--layers", "40"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let rows = r.stdout.split(separator: "\n").map(String.init)
        func calls(_ kind: String) -> Int? {
            rows.first { $0.hasPrefix(kind + " ") }.flatMap { Int($0.split(separator: " ").dropLast(1).last ?? "") }
        }
        XCTAssertEqual(calls("forward  BatchNorm2d+ReLU"), 59, r.stdout)
        XCTAssertEqual(calls("backward BatchNorm2d+ReLU"), 59, r.stdout)
        XCTAssertEqual(calls("forward  ReLU"), 2, r.stdout)
        XCTAssertNil(calls("forward  BatchNorm2d"), r.stdout)
    }

    /// A short run from the command line writes its files, and forward names the classes of
    /// the trained model in its top-k.
    func testATrainedModelNamesItsClasses() throws {
        let dir = try InceptionBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var r = try InceptionBinary.run(["train", "--variant", "torchvision", "--size", "64", "--steps", "2", "--batch", "4",
                                         "--dropout", "0", "--out", dir + "/run"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.hasPrefix("training   torchvision's GoogLeNet on the built-in shapes (12 classes, 4800 training and 600 validation images of 64×64)\n"), r.stdout)
        XCTAssertTrue(r.stdout.contains("wrote      \(dir)/run/model.safetensors, checkpoint.safetensors, metrics.json, curves.png\n"), r.stdout)
        r = try InceptionBinary.run(["dataset", "--out", dir + "/pictures", "--size", "64", "--per-class", "1"])
        XCTAssertEqual(r.status, 0, r.stderr)
        r = try InceptionBinary.run(["forward", "--weights", dir + "/run/model.safetensors", "--image", dir + "/pictures/ring-0.png", "--top", "12"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("prepared as the model's training pictures (64×64, ImageNet normalisation)"), r.stdout)
        for name in ["circle", "ring", "small square", "checkerboard", "dots"] { XCTAssertTrue(r.stdout.contains("  \(name) ("), name) }
    }
}
