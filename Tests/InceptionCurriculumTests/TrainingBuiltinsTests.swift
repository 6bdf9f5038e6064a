import Foundation
import InceptionCurriculum
import InceptionImaging
import InceptionLanguage
import InceptionTraining
import XCTest

/// The builtins the training lessons use: `shapes_dataset` gives the batches `inception train`
/// takes (same pictures, same preparation, same order), and `mult_adds` counts a pass without
/// computing it.
final class TrainingBuiltinsTests: XCTestCase {
    func run(_ source: String) throws -> (String, Interpreter) {
        var printed = ""
        let interpreter = Interpreter(output: { printed += $0 })
        CurriculumBuiltins.install(in: interpreter, curriculum: nil)
        let script = Script(text: source, file: "t.inc")
        let result = script.run(in: interpreter)
        guard result.exitCode == 0 else { throw CurriculumError(script.render(result)) }
        return (printed, interpreter)
    }

    func testABatchIsTheOneInceptionTrainTakesAtThatStep() throws {
        let (printed, interpreter) = try run("""
        shapes = shapes_dataset(size=32, seed=3)
        print(shapes)
        print(shapes.count, shapes.size, shapes.classes[9])
        x, labels = shapes.batch(5, 4)
        print(x.shape, labels.dtype)
        """)
        XCTAssertEqual(printed, """
        <ShapesDataset train: 4800 images of 32×32, 12 classes, seed 3>
        4800 32 fine stripes
        torch.Size([4, 3, 32, 32]) torch.int64

        """)
        // The trainer's batch at step 5 (batch 4): the epoch's seeded shuffle, then BatchLoader.
        let data = BuiltinShapes(SyntheticShapes(seed: 3, size: 32))
        let order = EpochOrder.permutation(count: data.count(.train), seed: 3, epoch: 0)
        let (x, labels) = try BatchLoader(data: data).batch(.train, Array(order[20..<24]))
        guard case .tuple(let items)? = try LanguageRunningForTests.evaluate("shapes.batch(5, 4)", in: interpreter),
              case .tensor(let mine) = items[0], case .tensor(let myLabels) = items[1] else { return XCTFail("batch() gives (x, labels)") }
        XCTAssertEqual(mine.values, x.values)
        XCTAssertEqual(myLabels.values.map { Int($0) }, labels)
        // A later epoch reshuffles: step 1200 of batch 4 is epoch 1's first batch.
        let epoch1 = EpochOrder.permutation(count: data.count(.train), seed: 3, epoch: 1)
        guard case .tuple(let later)? = try LanguageRunningForTests.evaluate("shapes.batch(1200, 4)", in: interpreter),
              case .tensor(let laterLabels) = later[1] else { return XCTFail("batch() gives (x, labels)") }
        XCTAssertEqual(laterLabels.values.map { Int($0) }, epoch1.prefix(4).map { data.shapes.label(.train, $0) })
    }

    func testValidationImagesComeInOrderAndBadArgumentsAreOneLine() throws {
        let (printed, _) = try run("""
        val = shapes_dataset("val", size=16)
        x, labels = val.images([0, 1, 13])
        print(val.count, labels)
        """)
        XCTAssertEqual(printed, "600 tensor([0, 1, 1])\n")
        for (code, message) in [
            ("shapes_dataset(\"test\")", "shapes_dataset(): split must be \"train\" or \"val\", got \"test\""),
            ("shapes_dataset(size=8)", "shapes_dataset(): size must be 16…512, got 8"),
            ("shapes_dataset(\"val\", size=16).images([600])", "images(): index 600 is not an image of the val split (0…599)"),
            ("shapes_dataset(size=16).batch(0, 0)", "batch(): batch_size must be 1…4800, got 0"),
        ] {
            XCTAssertThrowsError(try run(code), code) { XCTAssertTrue("\($0)".contains(message), "\($0)") }
        }
    }

    func testMultAddsCountsAPassWithoutComputingIt() throws {
        let (printed, _) = try run("""
        conv = nn.Conv2d(3, 64, 7, 2, padding=3)
        print(mult_adds(conv, (1, 3, 224, 224)), (7 * 7 * 3 + 1) * 64 * 112 * 112)
        print(mult_adds(conv, (2, 3, 224, 224)) == 2 * mult_adds(conv, (1, 3, 224, 224)))
        """)
        XCTAssertEqual(printed, "118816768 118816768\nTrue\n")
    }
}

/// One expression's value in an interpreter that has run a script.
enum LanguageRunningForTests {
    static func evaluate(_ expression: String, in interpreter: Interpreter) throws -> Value? {
        let script = Script(text: "__value__ = " + expression, file: "t.inc")
        guard script.run(in: interpreter).exitCode == 0 else { return nil }
        return interpreter.global("__value__")
    }
}
