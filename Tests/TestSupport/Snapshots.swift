import Foundation
import XCTest

/// Stored texts the tests compare output with: transcripts, traces, summaries.
/// `UPDATE_SNAPSHOTS=1 swift test --filter …` rewrites them (check the diff before committing).

/// The text of a snapshot file next to the test that names it.
public func snapshotText(_ url: URL) throws -> String {
    try String(contentsOf: url, encoding: .utf8)
}

/// Fails at the first line where `actual` differs from the snapshot at `url` (or when one
/// of them has more lines). A missing snapshot, or any under UPDATE_SNAPSHOTS=1, is written
/// and the test fails once, so a recording is always looked at.
public func assertSnapshot(_ actual: String, at url: URL, file: StaticString = #filePath, line: UInt = #line) throws {
    let name = url.lastPathComponent
    if ProcessInfo.processInfo.environment["UPDATE_SNAPSHOTS"] == "1" || !FileManager.default.fileExists(atPath: url.path) {
        try actual.write(to: url, atomically: true, encoding: .utf8)
        XCTFail("recorded snapshot \(name): check it and run again", file: file, line: line)
        return
    }
    let expected = try snapshotText(url)
    guard actual != expected else { return }
    let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
    let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let i = Array(zip(a, e)).firstIndex { $0.0 != $0.1 } ?? min(a.count, e.count)
    XCTFail("output differs from \(name) at line \(i + 1):\n  got:      \(i < a.count ? String(a[i]) : "<end>")\n  expected: \(i < e.count ? String(e[i]) : "<end>")",
            file: file, line: line)
}
