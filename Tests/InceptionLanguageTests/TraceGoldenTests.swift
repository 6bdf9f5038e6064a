import Foundation
import InceptionLanguage
import InceptionRuntime
import TestSupport
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
        try assertSnapshot(lines.joined(separator: "\n") + "\n", at: Self.snapshots.appendingPathComponent("trace_inception_block.txt"))
    }
}
