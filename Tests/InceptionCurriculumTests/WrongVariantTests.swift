import Foundation
import InceptionCurriculum
import TestSupport
import XCTest

/// Wrong versions of the exercises, each rejected with a message that names the problem and
/// the fix. Each variant edits the solution: (exercise, replace this, with that, message).
final class WrongVariantTests: XCTestCase {
    struct Variant {
        let exercise: String
        let replace: String
        let with: String
        let message: String
    }

    static let variants: [Variant] = [
        // BasicConv2d
        Variant(exercise: "basic_conv2d", replace: "nn.BatchNorm2d(F),\n                               nn.ReLU())", with: "nn.BatchNorm2d(F))",
                message: "layer: expected 3 layers (Conv2d, BatchNorm2d, ReLU), got 2 (Conv2d, BatchNorm2d) — add the missing ReLU after the BatchNorm2d"),
        Variant(exercise: "basic_conv2d", replace: "stride, padding=padding)", with: "stride)",
                message: "layer.0 (Conv2d): output 13×13 but 16×16 expected: a 7×7 kernel with stride 2 takes padding=3 (got padding=0)"),
        // a padding written as a number passes the first configuration; the second one catches it
        Variant(exercise: "basic_conv2d", replace: "stride, padding=padding)", with: "stride, padding=3)",
                message: "with BasicConv2d(8, 16, 3, 1, padding=1) (a second configuration, 2×8×9×9 input): layer.0 (Conv2d): output 13×13 but 9×9 expected: a 3×3 kernel needs padding=1 to keep the size (got padding=3)"),
        Variant(exercise: "basic_conv2d", replace: "size, stride, padding=padding)", with: "size, padding=padding)",
                message: "layer.0 (Conv2d): output 32×32 but 16×16 expected: stride=2 expected, got stride=1"),
        Variant(exercise: "basic_conv2d", replace: "nn.BatchNorm2d(F)", with: "nn.BatchNorm2d(in_channel)",
                message: "layer.1 (BatchNorm2d): BatchNorm2d(3) but 64 channels come in — BatchNorm2d takes F, the convolution's output channels"),
        Variant(exercise: "basic_conv2d", replace: "nn.BatchNorm2d(F),\n                               nn.ReLU())", with: "nn.ReLU(),\n                               nn.BatchNorm2d(F))",
                message: "layer: the layers are in the wrong order: expected Conv2d, BatchNorm2d, ReLU; got Conv2d, ReLU, BatchNorm2d"),
        Variant(exercise: "basic_conv2d", replace: "return self.layer(x)", with: "return x",
                message: "layer never runs: the forward of BasicConv2d does not call self.layer, and the seed's does"),
        Variant(exercise: "basic_conv2d", replace: "self.layer =", with: "self.block =",
                message: "BasicConv2d: no self.layer — you named it self.block; the seed calls it layer, and the name is part of every state_dict key under it"),
        Variant(exercise: "basic_conv2d", replace: "class BasicConv2d(", with: "class BasicConv(",
                message: "Lessons/exercises/02-basic-conv2d.inc does not define BasicConv2d — keep the starter's `class BasicConv2d(…):` line and fill in its body"),
        Variant(exercise: "basic_conv2d", replace: "nn.ReLU())", with: "nn.ReLU()",
                message: "Lessons/exercises/02-basic-conv2d.inc does not run:\nLessons/exercises/02-basic-conv2d.inc:4:31: error: '(' was never closed\n   4 |     self.layer = nn.Sequential(nn.Conv2d(in_channel, F, size, stride, padding=padding),\n     |                               ^\n  fix: add the matching ')'\n\nLessons/exercises/02-basic-conv2d.inc:6:41: error: expected ')' to close the '(' at 4:31, found the end of the line\n   6 |                                nn.ReLU()\n     |                                         ^\n\n2 syntax errors in Lessons/exercises/02-basic-conv2d.inc"),
        // the stem
        Variant(exercise: "stem", replace: "self.maxpool1 = nn.MaxPool2d(3, 2, padding=1)", with: "self.maxpool1 = nn.MaxPool2d(3, 1, padding=1)",
                message: "maxpool1 (MaxPool2d): output 112×112 but 56×56 expected: stride=2 expected, got stride=1"),
        Variant(exercise: "stem", replace: "x = self.conv2b(self.conv2a(x))", with: "x = self.conv2b(x)",
                message: "conv2a never runs: the forward of Stem does not call self.conv2a, and the seed's does"),
        Variant(exercise: "stem", replace: "BasicConv2d(in_channel, 64, 7, 2, padding=3)", with: "BasicConv2d(in_channel, 64, 7, 1, padding=3)",
                message: "conv1.layer.0 (Conv2d): output 224×224 but 112×112 expected: stride=2 expected, got stride=1"),
        Variant(exercise: "stem", replace: "x = self.conv2b(self.conv2a(x))", with: "x = self.conv2b(self.conv2a(self.conv2a(x)))",
                message: "conv2a runs 2 times in your forward, once in the seed's — call self.conv2a once"),
        Variant(exercise: "basic_conv2d", replace: "return self.layer(x)", with: "return self.layer(x) * 2",
                message: "BasicConv2d: its output differs from the seed's although its layers and its input agree — compare the forward of BasicConv2d with the seed's"),
        Variant(exercise: "inception_module", replace: "self.maxpool_conv1x1(x)]", with: "self.maxpool_conv1x1(-x)]",
                message: "Inception: the output of branch 4 (maxpool_conv1x1) is not in your output — does forward put self.maxpool_conv1x1(x) in torch.cat?"),
        // the naive module
        Variant(exercise: "naive_inception", replace: ", self.maxpool(x)]", with: "]",
                message: "maxpool never runs: the forward of NaiveInception does not call self.maxpool, and the seed's does"),
        Variant(exercise: "naive_inception", replace: "[self.conv1x1(x), self.conv3x3(x)", with: "[self.conv3x3(x), self.conv1x1(x)",
                message: "NaiveInception: forward concatenates the branches in the wrong order: conv3x3, conv1x1, conv5x5, maxpool — the seed's torch.cat order is conv1x1, conv3x3, conv5x5, maxpool"),
        // the Inception module
        Variant(exercise: "inception_module", replace: "BasicConv2d(c3_red_F, c3_F, 3, 1, padding=1)", with: "BasicConv2d(c3_red_F, c3_red_F, 3, 1, padding=1)",
                message: "branch 2 (conv3x3): expected 128 output channels, got 96 — check the 3rd entry of Fs (#3×3)"),
        Variant(exercise: "inception_module", replace: "[self.conv1x1(x), self.conv3x3(x)", with: "[self.conv3x3(x), self.conv1x1(x)",
                message: "Inception: forward concatenates the branches in the wrong order: conv3x3, conv1x1, conv5x5, maxpool_conv1x1 — the seed's torch.cat order is conv1x1, conv3x3, conv5x5, maxpool_conv1x1"),
        Variant(exercise: "inception_module", replace: "BasicConv2d(c5_red_F, c5_F, 5, 1, padding=2)", with: "BasicConv2d(c5_red_F, c5_F, 5, 1, padding=1)",
                message: "conv5x5.1.layer.0 (Conv2d): output 26×26 but 28×28 expected: a 5×5 kernel needs padding=2 to keep the size (got padding=1)"),
        Variant(exercise: "inception_module", replace: "nn.MaxPool2d(3, 1, padding=1)", with: "nn.MaxPool2d(3, 2, padding=1)",
                message: "maxpool_conv1x1.0 (MaxPool2d): output 14×14 but 28×28 expected: stride=1 expected, got stride=2"),
        Variant(exercise: "inception_module", replace: "self.conv5x5(x), self.maxpool_conv1x1(x)]", with: "self.conv3x3(x), self.maxpool_conv1x1(x)]",
                message: "conv5x5 never runs: the forward of Inception does not call self.conv5x5, and the seed's does"),
        Variant(exercise: "inception_module", replace: "return torch.cat(x_concat, 1)", with: "return x_concat",
                message: "Inception: forward returns a list of 4 values; the seed's returns one tensor — concatenate them along the channels, torch.cat(…, 1)"),
        Variant(exercise: "inception_module", replace: "BasicConv2d(c3_red_F, c3_F, 3, 1, padding=1)", with: "BasicConv2d(in_channel, c3_F, 3, 1, padding=1)",
                message: "branch 2 (conv3x3): the 3×3 convolution expects 96 input channels, got 192 — it reads the 1×1 reduction's output, so its in_channel is the 2nd entry of Fs"),
        Variant(exercise: "inception4a_channels", replace: "(192, 96, 208, 16, 48, 64)", with: "(192, 96, 96, 16, 48, 64)",
                message: "inception4a: branch 2 (conv3x3): expected 208 output channels, got 96 — check the 3rd entry of Fs (#3×3)"),
        Variant(exercise: "inception4a_channels", replace: "(192, 96, 208, 16, 48, 64)", with: "(192, 208, 96, 16, 48, 64)",
                message: "inception4a: branch 2 (conv3x3), its 1×1 reduction: expected 96 output channels, got 208 — check the 2nd entry of Fs (#3×3 reduce)"),
        Variant(exercise: "inception4a_channels", replace: "in_channel = 480", with: "in_channel = 512",
                message: "inception4a: branch 1 (conv1x1): expected 480 input channels, got 512 — every branch reads the module's input: check in_channel (480 channels come in here)"),
        Variant(exercise: "conv5x5_branch", replace: "padding=2)", with: "padding=1)",
                message: "conv5x5.1.layer.0 (Conv2d): output 26×26 but 28×28 expected: a 5×5 kernel needs padding=2 to keep the size (got padding=1)"),
        Variant(exercise: "conv5x5_branch", replace: "padding=2)", with: "padding=0)",
                message: "conv5x5.1.layer.0 (Conv2d): output 24×24 but 28×28 expected: a 5×5 kernel needs padding=2 to keep the size (got padding=0)"),
        // the design exercise, graded by properties
        Variant(exercise: "design_module", replace: "BasicConv2d(192, 96, 1, 1, padding=0), BasicConv2d(96, 128, 3, 1, padding=1))", with: "BasicConv2d(192, 128, 3, 1, padding=1))",
                message: "your block costs 200,516,384 multiply-adds on 1×192×28×28, over the budget of 130,000,000; the largest is conv3x3.0.layer.0 (Conv2d, 173,508,608): a 1×1 reduction in front of it, or fewer channels, brings it down"),
        Variant(exercise: "design_module", replace: "BasicConv2d(192, 32, 1, 1, padding=0))", with: "BasicConv2d(192, 16, 1, 1, padding=0))",
                message: "your block gives 1×240×28×28 on a 1×192×28×28 input; the specification asks for 1×256×28×28 — the branches' output channels must add up to 256"),
        Variant(exercise: "design_module", replace: "BasicConv2d(16, 32, 5, 1, padding=2)", with: "BasicConv2d(16, 32, 3, 1, padding=1)",
                message: "your block has no 5×5 convolution; the specification asks for one (as Figure 2(b) has)"),
        // the head and the aux heads
        Variant(exercise: "head", replace: "self.classifier = nn.Linear", with: "self.fc = nn.Linear",
                message: "Head: no self.classifier — you named it self.fc; the seed calls it classifier, and the name is part of every state_dict key under it"),
        Variant(exercise: "head", replace: "self.dropout = nn.Dropout(p=p)", with: "self.dropout = nn.Dropout()",
                message: "dropout (Dropout): expected Dropout(p=0.4), got p=0.5 — pass the block's p on to nn.Dropout(p=p)"),
        Variant(exercise: "aux_out", replace: "nn.Linear(2048, 1024), nn.ReLU(),", with: "nn.Linear(3200, 1024), nn.ReLU(),",
                message: "fc.0 (Linear): expected in_features=2048, got 3200 — the flattened 128×4×4 map has 128·4·4 = 2048 features"),
        Variant(exercise: "aux_out", replace: "        x = torch.flatten(x, 1)\n", with: "",
                message: "fc (Sequential) gets a 2×128×4×4 input, expected 2×2048: flatten the feature maps first, x = torch.flatten(x, 1)"),
        Variant(exercise: "inception_v1", replace: """
                x = self.inception4a(x)
                if self.training and self.aux1 is not None:
                    aux1_out = self.aux1(x)
                else:
                    aux1_out = None
                x = self.inception4d(self.inception4c(self.inception4b(x)))
        """, with: """
                x = self.inception4b(self.inception4a(x))
                if self.training and self.aux1 is not None:
                    aux1_out = self.aux1(x)
                else:
                    aux1_out = None
                x = self.inception4d(self.inception4c(x))
        """,
                message: "aux1 runs on inception4b's output; the seed runs it on inception4a's output — move the call to self.aux1 in forward"),
        Variant(exercise: "inception_v1", replace: "x = self.maxpool3(self.inception3b(self.inception3a(x)))", with: "x = self.inception3b(self.inception3a(x))",
                message: "in train mode, inception4a (Inception) gets a 1×480×28×28 input, expected 1×480×14×14: the seed's forward runs maxpool3 just before it, yours runs inception3b"),
        Variant(exercise: "inception_v1", replace: """
                if self.training and self.aux2 is not None:
                    aux2_out = self.aux2(x)
                else:
                    aux2_out = None
        """, with: """
                aux2_out = self.aux2(x)
        """,
                message: "Inception_V1: output 2 of 3 should be None in eval mode, as in the seed, but your forward returns a tensor"),
        // numbers
        Variant(exercise: "conv1_params", replace: "answer = 7 * 7 * 3 * 64 + 64", with: "answer = 7 * 7 * 3 * 64",
                message: "answer = 9408 is not it — that is the weights alone (7·7·3·64): every filter also has a bias"),
        Variant(exercise: "conv1_params", replace: "answer = 7 * 7 * 3 * 64 + 64", with: "answer = 9000",
                message: "answer = 9000 is not it — a Conv2d holds k·k·C_in weights for each of its C_out filters, and one bias per filter"),
        Variant(exercise: "conv1_output_size", replace: "// 2 + 1", with: "/ 2 + 1",
                message: "answer = 112.5 is not it — that is true division: the formula rounds down, so use // (floor division)"),
        Variant(exercise: "stem_sizes_160", replace: "after_maxpool2)", with: "after_conv2b)",
                message: "answer = (80, 40, 40, 40, 40) is not it — the 5th number is off; apply ⌊(H + 2p − k) / s⌋ + 1 layer after layer, starting from H = 160"),
        Variant(exercise: "stem_sizes_160", replace: "answer = (after_conv1, after_maxpool1, after_conv2a, after_conv2b, after_maxpool2)", with: "answer = 20",
                message: "answer = 20: expected a tuple of 5 numbers, like (1, 2, …)"),
        Variant(exercise: "total_loss", replace: "0.3 * (aux1_loss + aux2_loss)", with: "aux1_loss + aux2_loss",
                message: "answer = 2.40998 is not it — that adds the aux losses at full weight: the seed weights them by 0.3"),
        Variant(exercise: "conv1_output_size", replace: "answer = (224 + 2 * 3 - 7) // 2 + 1", with: "answer = \"112\"",
                message: "answer = '112': that is a string: write the number without quotes"),
        Variant(exercise: "basic_conv2d_params", replace: "answer =", with: "answr =",
                message: "Lessons/exercises/02-basic-conv2d-params.inc does not set answer — write `answer = …` with your number"),
        // the training loop (a function exercise: the seed's network trained two steps)
        Variant(exercise: "train_loop", replace: " + 0.3 * (F.cross_entropy(aux1_out, labels) + F.cross_entropy(aux2_out, labels))", with: "",
                message: "training_run(train_loop): the first batch's loss is 2.68851, the reference's 4.24026 — that is the main head's loss alone: the seed trains on main + 0.3 · (aux1 + aux2)"),
        // what the harness gets back: one loss (return inside the loop), the bound method
        Variant(exercise: "train_loop", replace: "        losses.append(loss.item())\n    return losses", with: "        losses.append(loss.item())\n        return losses",
                message: "running your function as `training_run(train_loop)` failed: train_loop returned 1 loss for 2 batches: is `return losses` indented inside the for loop? It belongs after the loop, level with `losses = []`"),
        // a layer's class for a layer, a softmax at the end of a forward
        Variant(exercise: "basic_conv2d", replace: "nn.ReLU())", with: "nn.ReLU)",
                message: "building your block as `BasicConv2d(3, 64, 7, 2, padding=3)` failed: Lessons/exercises/02-basic-conv2d.inc:4:18: torch.nn.modules.activation.ReLU is not a Module subclass — nn.ReLU is the class: make a layer of it, nn.ReLU(…) with its parentheses"),
        Variant(exercise: "head", replace: "return self.classifier(self.dropout(x))", with: "return F.softmax(self.classifier(self.dropout(x)), dim=1)",
                message: "Head: each row of its output sums to 1, as after a softmax; the seed's forward returns the scores themselves (F.cross_entropy applies the softmax) — drop the softmax from forward"),
        // the file itself
        Variant(exercise: "inception4a_channels", replace: "Fs = (192, 96, 208, 16, 48, 64)", with: "Fs = TODO  # (192, …)",
                message: "Lessons/exercises/05-inception4a-channels.inc:4: still a TODO here: `Fs = TODO  # (192, …)` — replace the TODO with your code"),
        Variant(exercise: "head", replace: "    def forward(self, x):", with: "    def forward(self, x)",
                message: "Lessons/exercises/06-head.inc does not run:\nLessons/exercises/06-head.inc:8:25: error: expected ':' after 'def forward(…)', found the end of the line\n   8 |     def forward(self, x)\n     |                         ^\n  fix: end the line with ':'\n\n1 syntax error in Lessons/exercises/06-head.inc"),
        Variant(exercise: "stem", replace: "x = self.maxpool1(self.conv1(x))", with: "x = self.maxpool1(self.conv0(x))",
                message: "running your block on a 1×3×224×224 input failed: Lessons/exercises/03-stem.inc:11:27: 'Stem' object has no attribute 'conv0' — did you mean 'conv1'?"),
    ]

    func testEveryVariantIsRejectedWithItsMessage() throws {
        let copy = try LessonsCopy(.solved)
        defer { copy.remove() }
        let curriculum = try copy.curriculum()
        for v in Self.variants {
            let e = try curriculum.exercise(v.exercise)
            let solution = try copy.read("solutions/" + (e.file as NSString).lastPathComponent)
            XCTAssertTrue(solution.contains(v.replace), "\(v.exercise): the solution has no '\(v.replace)'")
            try copy.write(solution.replacingOccurrences(of: v.replace, with: v.with), to: e.file)
            let outcome = curriculum.check(v.exercise)
            XCTAssertEqual(outcome, .failed(v.message), v.exercise)
            try copy.write(solution, to: e.file)
        }
    }
}
