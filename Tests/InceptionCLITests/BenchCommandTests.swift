import Foundation
import TestSupport
import XCTest

/// `inception bench --json` reports what issue #8 asks for. Only the report's structure and
/// counts are checked here: speed is measured by running bench, never asserted in a test.
final class BenchCommandTests: XCTestCase {
    func bench(_ args: [String], file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
        let r = try InceptionBinary.run(["bench", "--repeat", "1", "--layers", "3", "--json"] + args)
        XCTAssertEqual(r.status, 0, r.stderr, file: file, line: line)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any], r.stdout, file: file, line: line)
    }

    func testUntracedRunReportsTheRequiredKeys() throws {
        let report = try bench([])
        for key in ["median_ms", "min_ms", "images_per_s", "gflops", "sgemm_peak_gflops", "kernel", "threads", "slowest_layers"] {
            XCTAssertNotNil(report[key], key)
        }
        XCTAssertEqual(report["path"] as? String, "fast")
        XCTAssertEqual((report["slowest_layers"] as? [Any])?.count, 3)
        XCTAssertEqual(report["recorded_outputs"] as? Int, 0)
        XCTAssertTrue(report["trace_cost"] is NSNull, "no trace, no cost")
    }

    /// The recorder on the fast path keeps all 338 module outputs of an eval forward, as the
    /// REPL's recorder does on the reference path, and is timed against untraced runs.
    func testRecordingRunsOnTheFastPathAndKeepsEveryOutput() throws {
        let report = try bench(["--trace", "record"])
        XCTAssertEqual(report["path"] as? String, "fast")
        XCTAssertEqual(report["recorded_outputs"] as? Int, 338)
        XCTAssertEqual(report["recorded_bytes"] as? Int, 78_701_568)
        XCTAssertGreaterThan(report["trace_cost"] as? Double ?? 0, 0)
        XCTAssertGreaterThan(report["untraced_median_ms"] as? Double ?? 0, 0)

        let reference = try bench(["--trace", "record", "--reference"])
        XCTAssertEqual(reference["path"] as? String, "reference")
        XCTAssertEqual(reference["recorded_outputs"] as? Int, 338)
        XCTAssertEqual(reference["recorded_bytes"] as? Int, report["recorded_bytes"] as? Int)
    }
}
