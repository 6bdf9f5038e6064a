import Foundation
import InceptionCurriculum
import XCTest

/// Grades your exercises: the files in Lessons/exercises/ of this working copy, one test per
/// exercise. An exercise you have not touched yet is skipped ("not attempted yet: …"), a wrong
/// one fails with the checker's message, a right one passes.
///
///     swift test --filter ExerciseGradingTests
///
/// (`inception check` gives the same verdicts, with a progress bar.)
final class ExerciseGradingTests: XCTestCase {
    static let lessons = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Lessons").standardized.path

    /// One curriculum for all the tests: its reference interpreter is built once.
    nonisolated(unsafe) static var shared: Curriculum?

    static func curriculum() throws -> Curriculum {
        if let shared { return shared }
        let c = try Curriculum(directory: lessons)
        // Tests run a debug build, several times slower than `inception check`'s: a right answer
        // must not fail for time, while a loop that never ends still stops.
        if c.timeLimit > 0 { c.timeLimit = max(c.timeLimit, 600) }
        shared = c
        return c
    }

    func grade(_ id: String, file: StaticString = #filePath, line: UInt = #line) throws {
        switch try Self.curriculum().check(id) {
        case .passed:
            return
        case .notAttempted(let message):
            throw XCTSkip("\(id): \(message)")
        case .failed(let message):
            XCTFail("\(id): \(message)", file: file, line: line)
        }
    }

    func testConv1OutputSize() throws { try grade("conv1_output_size") }
    func testConv1Params() throws { try grade("conv1_params") }
    func testBasicConv2d() throws { try grade("basic_conv2d") }
    func testBasicConv2dParams() throws { try grade("basic_conv2d_params") }
    func testStem() throws { try grade("stem") }
    func testStemSizes160() throws { try grade("stem_sizes_160") }
    func testNaiveInception() throws { try grade("naive_inception") }
    func testReduce5x5Weights() throws { try grade("reduce_5x5_weights") }
    func testInceptionModule() throws { try grade("inception_module") }
    func testInception4aChannels() throws { try grade("inception4a_channels") }
    func testConv5x5Branch() throws { try grade("conv5x5_branch") }
    func testInception4eChannelsOut() throws { try grade("inception4e_channels_out") }
    func testDesignModule() throws { try grade("design_module") }
    func testHead() throws { try grade("head") }
    func testFlattenedFcParams() throws { try grade("flattened_fc_params") }
    func testAuxOut() throws { try grade("aux_out") }
    func testAuxFeatures() throws { try grade("aux_features") }
    func testTotalLoss() throws { try grade("total_loss") }
    func testInceptionV1() throws { try grade("inception_v1") }
    func testAuxParams() throws { try grade("aux_params") }
    func testTruncNormalBounds() throws { try grade("trunc_normal_bounds") }
    func testConv1OutputStd() throws { try grade("conv1_output_std") }
    func testRfConv2b() throws { try grade("rf_conv2b") }
    func testRfInception3a() throws { try grade("rf_inception3a") }
    func testJumpInception5b() throws { try grade("jump_inception5b") }
    func testGradOneWeight() throws { try grade("grad_one_weight") }
    func testBiasGradBeforeBn() throws { try grade("bias_grad_before_bn") }
    func testGapCellGrad() throws { try grade("gap_cell_grad") }
    func testScaleWPrediction() throws { try grade("scale_w_prediction") }
    func testFdTrainPrediction() throws { try grade("fd_train_prediction") }
    func testTrainLoop() throws { try grade("train_loop") }
    func testRunsPrediction() throws { try grade("runs_prediction") }
    func testAuxPrediction() throws { try grade("aux_prediction") }
    func testAuxConv1Ratio() throws { try grade("aux_conv1_ratio") }
    func testLrAfter80Epochs() throws { try grade("lr_after_80_epochs") }
    func testPassesPerImage() throws { try grade("passes_per_image") }

    /// The tests above name only exercises of the manifest; an exercise without a test of its
    /// own (a lesson just added) is graded here, each by name, so adding an exercise needs no
    /// change to this file (a test of its own, above, gives it its own line in the report).
    func testEveryOtherExerciseOfTheManifest() throws {
        let source = try String(contentsOfFile: #filePath, encoding: .utf8)
        var named: [String] = []
        var rest = Substring(source)
        while let r = rest.range(of: "try grade(\""), let end = rest[r.upperBound...].firstIndex(of: "\"") {
            named.append(String(rest[r.upperBound..<end]))
            rest = rest[end...]
        }
        let ids = try Self.curriculum().exercises.map(\.id)
        for id in named where !ids.contains(id) { XCTFail("a test grades \(id), which manifest.json does not have: remove it") }
        var skipped: [String] = []
        for id in ids where !named.contains(id) {
            switch try Self.curriculum().check(id) {
            case .passed: continue
            case .notAttempted(let message): skipped.append("\(id): \(message)")
            case .failed(let message): XCTFail("\(id): \(message)")
            }
        }
        if !skipped.isEmpty { throw XCTSkip(skipped.joined(separator: "\n")) }
    }
}
