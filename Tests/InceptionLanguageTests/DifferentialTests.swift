import Foundation
import InceptionLanguage
import InceptionNetworkBuiltins
import XCTest

/// The differential suite: every program in Differential/programs was run in PyTorch by
/// Differential/record.py (expected/NAME.txt); here the lesson language runs the same text
/// (or NAME.inc where the language must differ) and must print the same thing: the text
/// exactly, runs of spaces as one, the numbers to 1.5e-4 relative, one unit of the 4th decimal (float32 sums may be added in
/// another order). Autograd's annotations (grad_fn=…, requires_grad=True, "Parameter
/// containing:") are left out of the comparison until autograd prints them.
final class DifferentialTests: XCTestCase {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Differential")

    static func normalised(_ text: String) -> String {
        var s = text.replacingOccurrences(of: "Parameter containing:\n", with: "")
        s = s.replacingOccurrences(of: #",\s*(grad_fn=<\w+>|requires_grad=True)"#, with: "", options: .regularExpression)
        s = s.replacingOccurrences(of: #"[ ]+"#, with: " ", options: .regularExpression)
        return s.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static let number = try! NSRegularExpression(pattern: #"-?\d+\.?\d*(?:e[-+]?\d+)?|nan|inf"#)

    /// nil when the outputs agree, else where they first differ.
    static func difference(_ got: String, _ expected: String) -> String? {
        let (a, b) = (normalised(got), normalised(expected))
        func split(_ s: String) -> (String, [String]) {
            let ns = s as NSString
            let matches = number.matches(in: s, range: NSRange(location: 0, length: ns.length))
            let numbers = matches.map { ns.substring(with: $0.range) }
            let skeleton = number.stringByReplacingMatches(in: s, range: NSRange(location: 0, length: ns.length), withTemplate: "#")
            return (skeleton, numbers)
        }
        let (sa, na) = split(a), (sb, nb) = split(b)
        guard sa == sb, na.count == nb.count else { return "the text differs" }
        for (x, y) in zip(na, nb) where x != y {
            guard let fx = Double(x), let fy = Double(y), abs(fx - fy) <= 1.5e-4 * max(1, abs(fy)) else { return "\(x) where PyTorch prints \(y)" }
        }
        return nil
    }

    func testEveryProgramPrintsWhatPyTorchPrints() throws {
        let programs = try FileManager.default.contentsOfDirectory(atPath: Self.directory.appendingPathComponent("programs").path)
            .filter { $0.hasSuffix(".py") }.sorted()
        XCTAssertGreaterThanOrEqual(programs.count, 60)
        for file in programs {
            let name = String(file.dropLast(3))
            let inc = Self.directory.appendingPathComponent("programs/\(name).inc")
            let source = FileManager.default.fileExists(atPath: inc.path) ? inc : Self.directory.appendingPathComponent("programs/\(file)")
            let expected = try String(contentsOf: Self.directory.appendingPathComponent("expected/\(name).txt"), encoding: .utf8)
            var printed = ""
            let interpreter = Interpreter(output: { printed += $0 }, builtins: .networksAndPictures)     // as `inception run` has it
            let script = try Script.load(path: source.path)
            let result = script.run(in: interpreter)
            interpreter.clearGlobals()
            XCTAssertEqual(result.exitCode, 0, "\(name): \(script.render(result))")
            if let problem = Self.difference(printed, expected) {
                XCTFail("\(name): \(problem)\n--- the language printed\n\(printed)--- PyTorch printed\n\(expected)")
            }
        }
    }

    /// The comparison itself: numbers within tolerance pass, other text must match.
    func testTheComparisonAllowsRoundingButNotOtherText() {
        XCTAssertNil(Self.difference("tensor([0.1235, 2.])\n", "tensor([0.1234, 2.], grad_fn=<AddBackward0>)\n"))
        XCTAssertNotNil(Self.difference("tensor([0.2000])", "tensor([0.1000])"))
        XCTAssertNotNil(Self.difference("True", "False"))
    }
}
