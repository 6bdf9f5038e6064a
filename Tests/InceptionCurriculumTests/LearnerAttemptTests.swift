import Foundation
import InceptionCurriculum
import TestSupport
import XCTest

/// Learners' attempts that a probe of the checker found answered wrongly or vaguely: a file
/// saved with classic Mac line endings, a layer PyTorch makes but cannot run, an error raised
/// inside the reference's code the learner's line called, branches joined at different sizes.
/// Each edits the solution (or is a whole file) in a temporary copy of Lessons.
final class LearnerAttemptTests: XCTestCase {
    typealias Case = AttemptCase

    static let cases: [Case] = [
        // "\r" alone ends a line, as in Python: the first comment no longer hides the program
        Case(exercise: "conv1_output_size", file: "# my answer\ranswer = (224 + 2 * 3 - 7) // 2 + 1\r",
             outcome: .passed("answer = 112 is right")),
        Case(exercise: "basic_conv2d", file: "# BasicConv2d\rclass BasicConv2d(in_channel, F, size, stride, padding=0):\r    self.layer = nn.Sequential(nn.Conv2d(in_channel, F, size, stride, padding=padding), nn.BatchNorm2d(F), nn.ReLU())\r\r    def forward(self, x):\r        return self.layer(x)\r",
             outcome: .passed("BasicConv2d(3, 64, 7, 2, padding=3) matches the reference: structure, output 2×64×16×16, 9,600 parameters, and the numbers (eval mode)")),
        Case(exercise: "conv1_output_size", file: "answer = 112\rx = (1,\r",
             outcome: .failed("Lessons/exercises/01-conv1-output-size.inc does not run:\nLessons/exercises/01-conv1-output-size.inc:2:5: error: '(' was never closed\n   2 | x = (1,\n     |     ^\n  fix: add the matching ')'\n\n1 syntax error in Lessons/exercises/01-conv1-output-size.inc")),
        // a float padding: PyTorch makes the layer (its repr shows padding=(2.0, 2.0)) and its call fails
        Case(exercise: "conv5x5_branch", edits: [("padding=2)", "padding=(5 - 1) / 2)")],
             outcome: .failed("conv5x5.1.layer.0 (Conv2d): Conv2d(16, 32, kernel_size=(5, 5), stride=(1, 1), padding=(2.0, 2.0)) cannot run — padding counts whole pixels: divide with // (it rounds down to an int), e.g. (5 - 1) // 2, or write int(…)")),
        Case(exercise: "naive_inception", edits: [("nn.MaxPool2d(3, 1, padding=1)", "nn.MaxPool2d(3, 1, padding=1.0)")],
             outcome: .failed("maxpool (MaxPool2d): MaxPool2d(kernel_size=3, stride=1, padding=1.0, dilation=1, ceil_mode=False) cannot run — max_pool2d(): argument 'padding' (position 4) must be tuple of ints, not float")),
        // an error inside the reference's Inception: the learner's line that called it, and what to check there
        Case(exercise: "inception4a_channels", edits: [("Fs = (192, 96, 208, 16, 48, 64)", "Fs = (192, 96, 208, 16, 48)")],
             outcome: .failed("Lessons/exercises/05-inception4a-channels.inc does not run:\nLessons/reference/inception_v1.inc:15:5: error: not enough values to unpack (expected 6, got 5)\n  15 |     c1_F, c3_red_F, c3_F, c5_red_F, c5_F, poolproj_F = Fs\n     |     ^\n  fix: raised inside Lessons/reference/inception_v1.inc:15, code you do not edit, which your line 5 calls: check the values line 5 passes to it\n  called from Lessons/exercises/05-inception4a-channels.inc:5:15")),
        Case(exercise: "inception_module", edits: [("c1_F, c3_red_F, c3_F, c5_red_F, c5_F, poolproj_F = Fs", "c1_F, c3_red_F, c3_F, c5_red_F, c5_F, poolproj_F = Fs\n    c3_red_F = c3_red_F / 1")],
             outcome: .failed("building your block as `Inception(192, (64, 96, 128, 16, 32, 32), 256)` failed: Lessons/exercises/05-inception-module.inc:8:34: empty(): argument 'size' (position 1) must be tuple of ints, but found element of type float at pos 0 — raised inside Lessons/reference/inception_v1.inc:6, code you do not edit, which your line 8 calls: check the values line 8 passes to it")),
        // two branches of different sizes, the wrong one first: the hint names the size the layer should keep
        Case(exercise: "design_module", file: """
            class MyModule():
                self.b3 = nn.Sequential(BasicConv2d(192, 32, 1, 1), BasicConv2d(32, 128, 3, 1))
                self.b5 = nn.Sequential(BasicConv2d(192, 16, 1, 1), BasicConv2d(16, 128, 5, 1, padding=2))

                def forward(self, x):
                    return torch.cat([self.b3(x), self.b5(x)], 1)
            """,
             outcome: .failed("running your block on a 1×192×28×28 input failed: Lessons/exercises/05-design-module.inc:6:16: Sizes of tensors must match except in dimension 1. Expected size 26 but got size 28 for tensor number 1 in the list. — b3.1.layer.0 is a 3×3 Conv2d with padding=0: a 3×3 kernel keeps its input's size only with padding=1")),
        Case(exercise: "naive_inception", edits: [("BasicConv2d(in_channel, c1_F, 1, 1, padding=0)", "BasicConv2d(in_channel, c1_F, 3, 1, padding=0)")],
             outcome: .failed("conv1x1.layer.0 (Conv2d): expected a 1×1 kernel, got 3×3 — check the kernel size (BasicConv2d's 3rd argument, size)")),
        // PyTorch's own class with a misspelt __init__: nn.Module.__init__ refuses the arguments, and the slip is named
        Case(exercise: "basic_conv2d", file: """
            class BasicConv2d(nn.Module):
                def __int__(self, in_channel, F, size, stride, padding=0):
                    super().__init__()
                    self.layer = nn.Sequential(nn.Conv2d(in_channel, F, size, stride, padding=padding), nn.BatchNorm2d(F), nn.ReLU())

                def forward(self, x):
                    return self.layer(x)
            """,
             outcome: .failed("building your block as `BasicConv2d(3, 64, 7, 2, padding=3)` failed: BasicConv2d.__init__() got an unexpected keyword argument 'padding' — rename '__int__' to '__init__' (two underscores on each side)")),
        // torchvision's names for the branches: every rename at once
        Case(exercise: "inception_module", file: """
            class Inception(nn.Module):
                def __init__(self, in_channel, Fs, final_F):
                    super().__init__()
                    c1, c3r, c3, c5r, c5, pp = Fs
                    self.branch1 = BasicConv2d(in_channel, c1, 1, 1)
                    self.branch2 = nn.Sequential(BasicConv2d(in_channel, c3r, 1, 1), BasicConv2d(c3r, c3, 3, 1, padding=1))
                    self.branch3 = nn.Sequential(BasicConv2d(in_channel, c5r, 1, 1), BasicConv2d(c5r, c5, 5, 1, padding=2))
                    self.branch4 = nn.Sequential(nn.MaxPool2d(3, 1, 1), BasicConv2d(in_channel, pp, 1, 1))

                def forward(self, x):
                    return torch.cat([self.branch1(x), self.branch2(x), self.branch3(x), self.branch4(x)], 1)
            """,
             outcome: .failed("Inception: the seed's kinds of layers in its order (BasicConv2d, Sequential, Sequential, Sequential), named otherwise — rename self.branch1 → self.conv1x1, self.branch2 → self.conv3x3, self.branch3 → self.conv5x5, self.branch4 → self.maxpool_conv1x1: the seed's names are part of every state_dict key under them")),
        // a forward that switches the mode itself: BatchNorm computes with the batch's statistics
        Case(exercise: "stem", edits: [("x = self.maxpool1(self.conv1(x))", "self.train()\n        x = self.maxpool1(self.conv1(x))")],
             outcome: .failed("Stem: ends the run in train mode though the check ran it in eval mode — your code calls .train() (or sets .training) during forward; leave the mode to the caller of the block")),
        // the lesson's cross_entropy gives a Python float: .item() on it says so
        Case(exercise: "total_loss", edits: [("answer = main_loss + 0.3 * (aux1_loss + aux2_loss)", "answer = (main_loss + 0.3 * (aux1_loss + aux2_loss)).item()")],
             outcome: .failed("Lessons/exercises/07-total-loss.inc does not run:\nLessons/exercises/07-total-loss.inc:10:11: error: 'float' object has no attribute 'item'\n  10 | answer = (main_loss + 0.3 * (aux1_loss + aux2_loss)).item()\n     |           ^\n  fix: this is already a Python float, not a tensor: use it as it is, without .item()")),
        // exit() in the file: the lines after it never run (it said "does not set answer")
        Case(exercise: "conv1_output_size", file: "exit()\nanswer = 112\n",
             outcome: .failed("Lessons/exercises/01-conv1-output-size.inc does not run:\nLessons/exercises/01-conv1-output-size.inc:1: the file stops here (exit(), quit(), sys.exit() or raise SystemExit), so the lines after it never run — remove that line")),
    ]

    func testEveryAttemptGetsItsOutcome() throws {
        try assertEachAttemptGetsItsOutcome(Self.cases)
    }

    /// A check stopped by its time limit names the learner's line that was running.
    func testATimedOutCheckNamesTheRunningLine() throws {
        let copy = try LessonsCopy(.solved)
        defer { copy.remove() }
        let curriculum = try copy.curriculum()
        curriculum.timeLimit = 0.5
        try copy.write("n = 0\nwhile n >= 0:\n    n += 1\nanswer = 112\n", to: "exercises/01-conv1-output-size.inc")
        XCTAssertEqual(curriculum.check("conv1_output_size"), .failed("Lessons/exercises/01-conv1-output-size.inc:2: the check of conv1_output_size was stopped here after 0.5 s, its time limit — "
            + "make it do less (fewer loop rounds, smaller tensors), or allow more time: INCEPTION_CHECK_SECONDS=1 (0: no limit) or inception check --time-limit 1"))
        try copy.write(try copy.read("solutions/02-basic-conv2d.inc").replacingOccurrences(of: "    def forward", with: "    while True:\n        pass\n\n    def forward"),
                       to: "exercises/02-basic-conv2d.inc")
        XCTAssertEqual(curriculum.check("basic_conv2d"), .failed("Lessons/exercises/02-basic-conv2d.inc:8: the check of basic_conv2d was stopped here after 0.5 s, its time limit — "
            + "make it do less (fewer loop rounds, smaller tensors), or allow more time: INCEPTION_CHECK_SECONDS=1 (0: no limit) or inception check --time-limit 1"))
    }
}
