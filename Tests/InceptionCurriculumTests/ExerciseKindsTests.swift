import Foundation
import InceptionCurriculum
import XCTest

/// The function and prediction kinds on a curriculum made for the test (a function that
/// doubles, graded by a harness that calls it), so every message can be checked in
/// milliseconds; the real training loop of lesson 12 runs in SolutionTests and
/// WrongVariantTests.
final class ExerciseKindsTests: XCTestCase {
    var root = ""
    var lessons: String { root + "/Lessons" }

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("inception-kinds-\(UUID().uuidString)").path
        let fm = FileManager.default
        for folder in ["exercises", "starters", "solutions", "reference"] {
            try fm.createDirectory(atPath: "\(lessons)/\(folder)", withIntermediateDirectories: true)
        }
        let manifest = """
        {"reference": ["reference/harness.inc"], "lessons": [{"id": "01-kinds", "title": "Kinds", "file": "01-kinds.md", "exercises": [
          {"id": "double", "kind": "function", "title": "double", "file": "exercises/01-double.inc", "hints": ["x + x", "return 2 * x"],
           "defines": ["double"], "uses": ["harness"], "call": "harness(double)", "reference": "harness(reference_double)",
           "items": ["f(1)", "f(2)"], "explain": "double the number you get",
           "mistakes": [{"code": "harness(triple)", "message": "that triples it"}]},
          {"id": "guess", "kind": "prediction", "title": "guess", "file": "exercises/01-guess.inc", "hints": ["any answer"],
           "defines": ["guess", "why"]}
        ]}]}
        """
        try write(manifest, "manifest.json")
        try write("# 1 · Kinds\n\n```inception\nexercise(\"guess\")\nexercise(\"double\")\n```\n", "01-kinds.md")
        try write("""
        def reference_double(x):
            return 2 * x

        def triple(x):
            return 3 * x

        def harness(f):
            assert f(1) is not None, "f returned None: end it with a return"
            return [f(1), f(2)]
        """, "reference/harness.inc")
        let doubleStarter = "# TODO: return twice x\ndef double(x):\n    return TODO\n"
        let guessStarter = "# TODO: what do you expect?\nguess = TODO\nwhy = TODO\n"
        for (name, starter, solution) in [("01-double", doubleStarter, "def double(x):\n    return x + x\n"),
                                          ("01-guess", guessStarter, "guess = \"yes\"\nwhy = 2\n")] {
            try write(starter, "starters/\(name).inc")
            try write(starter, "exercises/\(name).inc")
            try write(solution, "solutions/\(name).inc")
        }
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: root) }

    func write(_ text: String, _ relative: String) throws {
        try text.write(toFile: "\(lessons)/\(relative)", atomically: true, encoding: .utf8)
    }

    func check(_ id: String, _ source: String) throws -> CheckOutcome {
        let file = id == "double" ? "exercises/01-double.inc" : "exercises/01-guess.inc"
        try write(source, file)
        return try Curriculum(directory: lessons).check(id)
    }

    func testAFunctionIsGradedByWhatTheHarnessGets() throws {
        XCTAssertEqual(try check("double", "def double(x):\n    return x + x\n"),
                       .passed("harness(double) gives the reference's numbers: f(1) 2, f(2) 4"))
        XCTAssertEqual(try check("double", "def double(x):\n    return x + 1\n"),
                       .failed("harness(double): f(2) is 3, the reference's 4 — double the number you get"))
    }

    func testAKnownMistakeIsNamed() throws {
        XCTAssertEqual(try check("double", "def double(x):\n    return 3 * x\n"),
                       .failed("harness(double): f(1) is 3, the reference's 2 — that triples it"))
    }

    func testAMissingFunctionAFailingOneAndAHarnessAssertion() throws {
        XCTAssertEqual(try check("double", "def twice(x):\n    return 2 * x\n"),
                       .failed("Lessons/exercises/01-double.inc does not define double — keep the starter's `def double(…):` line and fill in its body"))
        XCTAssertEqual(try check("double", "def double(x):\n    return x + bogus\n"),
                       .failed("running your function as `harness(double)` failed: name 'bogus' is not defined (at Lessons/exercises/01-double.inc:2)"))
        XCTAssertEqual(try check("double", "def double(x):\n    y = 2 * x\n"),
                       .failed("running your function as `harness(double)` failed: f returned None: end it with a return"))
    }

    func testAPredictionPassesForBeingThere() throws {
        XCTAssertEqual(try check("guess", "# TODO: what do you expect?\nguess = TODO\nwhy = TODO\n"),
                       .notAttempted("not attempted yet: open Lessons/exercises/01-guess.inc and replace the TODOs"))
        XCTAssertEqual(try check("guess", "guess = \"no\"\nwhy = 0.5\n"),
                       .passed("prediction recorded (guess = 'no', why = 0.5); the next cells measure it"))
        XCTAssertEqual(try check("guess", "guess = \"no\"\n"),
                       .failed("Lessons/exercises/01-guess.inc does not set why — write `why = …` with what you expect (any answer counts: it is your prediction)"))
        XCTAssertEqual(try check("guess", "guess = \"  \"\nwhy = 1\n"),
                       .failed("Lessons/exercises/01-guess.inc: guess is empty — write what you expect, in a word or a number"))
    }

    func testTheDevCheckRunsTheNewKinds() throws {
        let report = try Curriculum(directory: lessons).validate()
        XCTAssertTrue(report.isValid, report.problems.joined(separator: "\n"))
    }
}
