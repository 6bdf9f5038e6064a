import Foundation
import InceptionCurriculum
import TestSupport
import XCTest

/// A forward may run a Sequential's layers one by one (`for m in self.layer: x = m(x)`), as
/// PyTorch allows: that runs the Sequential, and the checker passes it.
extension WrongVariantTests {
    func testLoopingOverASequentialCountsAsCallingIt() throws {
        let copy = try LessonsCopy(.solved)
        defer { copy.remove() }
        let curriculum = try copy.curriculum()
        let e = try curriculum.exercise("basic_conv2d")
        let solution = try copy.read("solutions/" + (e.file as NSString).lastPathComponent)
        let looped = solution.replacingOccurrences(of: "        return self.layer(x)",
                                                   with: "        for m in self.layer:\n            x = m(x)\n        return x")
        XCTAssertNotEqual(looped, solution)
        try copy.write(looped, to: e.file)
        let outcome = curriculum.check("basic_conv2d")
        XCTAssertTrue(outcome.isPassed, outcome.description)
    }
}
