import Foundation
import InceptionLanguage
import InceptionRuntime
import XCTest

/// The trace printer's output for a lesson-sized program, compared line by line with a
/// snapshot (times left out: they differ run to run). Set UPDATE_SNAPSHOTS=1 to rewrite it.
final class TraceGoldenTests: XCTestCase {
    static let snapshots = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")

    static let program = LessonSources.basicConvAndInception + """
    print("stem")
    stem = BasicConv2d(3, 64, 7, 2, padding=3)
    y = stem(randn(1, 3, 32, 32, seed=0))
    print("block", y.shape)
    block = Inception(64, (8, 4, 8, 2, 4, 4), 24)
    z = block(y)
    print("out", z.shape)
    """

    func testTraceOfABasicConvAndAnInceptionBlock() throws {
        var lines: [String] = []
        let interpreter = Interpreter(output: { lines.append(contentsOf: $0.split(separator: "\n").map(String.init)) })
        interpreter.context.observers.append(TracePrinter(showTimes: false) { lines.append($0) })
        let script = Script(text: Self.program, file: "golden.inc")
        let result = script.run(in: interpreter)
        XCTAssertEqual(result.exitCode, 0, script.render(result))
        try assertSnapshot(lines.joined(separator: "\n") + "\n", "trace_inception_block.txt")
    }

    func assertSnapshot(_ actual: String, _ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let url = Self.snapshots.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["UPDATE_SNAPSHOTS"] == "1" {
            try actual.write(to: url, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        for (i, (x, y)) in zip(a, e).enumerated() where x != y {
            XCTFail("\(name) line \(i + 1):\n  got      \(x)\n  expected \(y)", file: file, line: line)
            return
        }
        XCTAssertEqual(a.count, e.count, "\(name): line count", file: file, line: line)
    }
}
