import Foundation
import TestSupport
import XCTest

/// `inception run --max-loop-rounds N`: the budget all loops of a run share.
extension LanguageHardeningTests {
    /// Loops inside loops share one budget per run: 9,000,000 × 9,000,000 rounds stop at the
    /// limit, named by its option, instead of running for days.
    func testNestedLoopsStopAtTheRunsLoopBudget() throws {
        let path = dir + "/loops.inc"
        try "n = 0\nfor i in range(9000000):\n    for j in range(9000000):\n        n += 1\n".write(toFile: path, atomically: true, encoding: .utf8)
        let r = try InceptionBinary.run(["run", "--max-loop-rounds", "100000", path], environment: ["XDG_STATE_HOME": dir], currentDirectory: dir)
        XCTAssertEqual(r.status, 70, r.stderr)
        XCTAssertTrue(r.stderr.contains("loops.inc:3:5: error: the loops of this program have run 100,000 rounds in all"), r.stderr)
        XCTAssertTrue(r.stderr.contains("--max-loop-rounds N"), r.stderr)
        let unbounded = try InceptionBinary.run(["run", "--max-loop-rounds", "0", path + ".small"], environment: ["XDG_STATE_HOME": dir], currentDirectory: dir)
        XCTAssertNotEqual(unbounded.status, 0)       // no such file: the option itself is accepted
        XCTAssertFalse(unbounded.stderr.contains("max-loop-rounds"), unbounded.stderr)
    }
}
