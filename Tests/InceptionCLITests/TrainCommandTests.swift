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
}
