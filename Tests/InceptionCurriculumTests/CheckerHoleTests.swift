import Foundation
import InceptionCurriculum
import TestSupport
import XCTest

/// Answers a probe of the checker found it let through, or answered with a misleading message:
/// each is an edit of the solution (or a whole file) and the exact outcome it must get.
final class CheckerHoleTests: XCTestCase {
    typealias Case = AttemptCase

    static let cases: [Case] = [
        // the numbers step: a NaN or inf where the reference has a number; each side on its own copy of the input;
        // the state_dict by name; the returned values' order
        Case(exercise: "basic_conv2d", edits: [("return self.layer(x)", "return self.layer(x) * float(\"nan\")")],
             outcome: .failed("BasicConv2d: the output gives NaN at [0, 0, 0, 0] where the reference gives 0 — find the operation in forward that makes it (a log or sqrt of a negative number, a division by zero, a multiplication by nan or inf)")),
        Case(exercise: "head", edits: [("return self.classifier(self.dropout(x))", "return self.classifier(self.dropout(x)) / 0")],
             outcome: .failed("Head: the output gives -inf at [0, 0] where the reference gives -0.07076 — find the operation in forward that makes it (a log or sqrt of a negative number, a division by zero, a multiplication by nan or inf)")),
        Case(exercise: "inception_module", edits: [("        x_concat =", "        x = F.relu(x, inplace=True)\n        x_concat =")],
             outcome: .failed("Inception: forward changes its input in place (an operation ending in _ such as x.mul_(…), or inplace=True on x); the seed's leaves x alone — write y = F.relu(x) instead of changing x")),
        Case(exercise: "head", edits: [("        x = torch.flatten", "        x.mul_(0)\n        x = torch.flatten")],
             outcome: .failed("Head: forward changes its input in place (an operation ending in _ such as x.mul_(…), or inplace=True on x); the seed's leaves x alone — write y = F.relu(x) instead of changing x")),
        Case(exercise: "basic_conv2d", edits: [("                               nn.ReLU())\n", "                               nn.ReLU())\n    self.register_buffer(\"scale\", torch.ones(3))\n")],
             outcome: .failed("scale: your block holds a 3 tensor the seed's does not have — remove the register_buffer (or nn.Parameter) that adds it")),
        Case(exercise: "inception_v1", edits: [("return aux1_out, aux2_out, out", "return out, aux1_out, aux2_out")],
             outcome: .failed("Inception_V1: forward returns its values in the wrong order: (classifier's output, aux1's output, aux2's output) — the seed's returns (aux1's output, aux2's output, classifier's output); return them in that order")),
        // a second configuration: one hides a swapped or hard-coded number
        Case(exercise: "inception_module", edits: [("BasicConv2d(c5_red_F, c5_F, 5", "BasicConv2d(c5_red_F, poolproj_F, 5"),
                                                    ("BasicConv2d(in_channel, poolproj_F, 1", "BasicConv2d(in_channel, c5_F, 1")],
             outcome: .failed("with Inception(480, (192, 96, 208, 16, 48, 64), 512) (a second configuration, 1×480×14×14 input): branch 3 (conv5x5): expected 48 output channels, got 64 — check the 5th entry of Fs (#5×5)")),
        Case(exercise: "aux_out", edits: [("BasicConv2d(in_channel, 128", "BasicConv2d(512, 128")],
             outcome: .failed("with AuxOut(528, 0.3, 10) (a second configuration, 1×528×14×14 input): avgpool_conv.1.layer.0 (Conv2d): expected 528 input channels, got 512 — in_channels must equal the channels coming in (528 channels come in here)")),
        Case(exercise: "aux_out", edits: [("nn.Linear(1024, num_classes)", "nn.Linear(1024, 1000)")],
             outcome: .failed("with AuxOut(528, 0.3, 10) (a second configuration, 1×528×14×14 input): fc.3 (Linear): expected out_features=10, got 1000")),
        // design_module: only what forward runs counts, and the output must come from x
        Case(exercise: "design_module", edits: [("BasicConv2d(16, 32, 5, 1, padding=2))", "BasicConv2d(16, 32, 3, 1, padding=1))\n    self.spare = BasicConv2d(192, 8, 5, 1, padding=2)")],
             outcome: .failed("your block has no 5×5 convolution; the specification asks for one (as Figure 2(b) has)")),
        Case(exercise: "design_module", edits: [("return torch.cat([self.conv1x1(x), self.conv3x3(x), self.conv5x5(x), self.pool(x)], 1)", "return torch.zeros(1, 256, 28, 28)")],
             outcome: .failed("your block gives the same output for two different inputs: its forward does not compute from x (a torch.zeros(…) or a constant returned?) — return the branches' outputs on x, concatenated")),
        // number answers: a tensor of one value is its number; the precision each starter or hint promises;
        // a mistake computed from the reference (1 / the ratio)
        Case(exercise: "conv1_output_size", file: "answer = torch.tensor(112)\n", outcome: .passed("answer = 112.0 is right")),
        Case(exercise: "grad_one_weight", file: "w = torch.zeros(1, 1, 2, 2)\nw[0, 0, 0, 0] = 8\nanswer = w[0, 0, 0, 0]\n", outcome: .passed("answer = 8.0 is right")),
        Case(exercise: "stem_sizes_160", file: "answer = (torch.tensor(80), 40, 40, 40, torch.tensor(20))\n", outcome: .passed("answer = (80.0, 40, 40, 40, 20.0) is right")),
        Case(exercise: "conv1_output_size", file: "answer = torch.tensor([112, 112])\n",
             outcome: .failed("answer = tensor([112, 112]): expected one number, not a tensor of 2 values: pick one entry (x[0, 0]) or reduce it to the number asked for")),
        Case(exercise: "lr_after_80_epochs", file: "answer = 0.66\n", outcome: .passed("answer = 0.66 is right")),
        // two known mistakes within the tolerance of the answer: the nearer one speaks
        Case(exercise: "lr_after_80_epochs", file: "answer = 0.04\n",
             outcome: .failed("answer = 0.04 is not it — that is one cut's size: what is left is a product of ten factors of 0.96")),
        Case(exercise: "lr_after_80_epochs", file: "answer = 0.665\n", outcome: .passed("answer = 0.665 is right")),
        Case(exercise: "bias_grad_before_bn", file: "answer = 3e-06\n", outcome: .passed("answer = 3e-06 is right")),
        // None, a bool (False would count as 0) and a tensor of several values are not one number
        Case(exercise: "bias_grad_before_bn", file: "answer = False\n",
             outcome: .failed("answer = False: that is a bool, not a number: write the number itself")),
        Case(exercise: "bias_grad_before_bn", file: "answer = None\n", outcome: .failed("answer = None: it is None: set it to your number")),
        Case(exercise: "bias_grad_before_bn", file: "answer = torch.zeros(3)\n",
             outcome: .failed("answer = tensor([0., 0., 0.]): expected one number, not a tensor of 3 values: pick one entry (x[0, 0]) or reduce it to the number asked for")),
        Case(exercise: "total_loss", file: "answer = 1.0822\n", outcome: .passed("answer = 1.0822 is right")),
        Case(exercise: "conv1_output_std", file: "answer = 0.121\n", outcome: .passed("answer = 0.121 is right")),
        Case(exercise: "conv1_output_std", file: "answer = 0.12\n",
             outcome: .failed("answer = 0.12 is close, but the check wants it within ±0.0005: compute it exactly (the formula, not a rounded or measured value)")),
        Case(exercise: "aux_conv1_ratio", file: "answer = 0.964\n",
             outcome: .failed("answer = 0.964 is not it — upside down: the norm with the aux heads (weight 0.3) divided by the norm without (weight 0)")),
        // predictions: TODO in the learner's own words; a word without quotes
        Case(exercise: "scale_w_prediction", file: "predict_gradient = \"not sure - TODO: measure\"\n",
             outcome: .passed("prediction recorded (predict_gradient = 'not sure - TODO: measure'); the next cells measure it")),
        Case(exercise: "scale_w_prediction", file: "predict_gradient = \"TODO\"\n",
             outcome: .failed("Lessons/exercises/12-scale-w-prediction.inc: predict_gradient is still the starter's 'TODO' — replace it with what you expect, in a word or a number")),
        Case(exercise: "scale_w_prediction", file: "predict_gradient = None\n",
             outcome: .failed("Lessons/exercises/12-scale-w-prediction.inc: predict_gradient is None — write what you expect, in a word or a number")),
        Case(exercise: "scale_w_prediction", file: "predict_gradient = smaller\n",
             outcome: .failed("Lessons/exercises/12-scale-w-prediction.inc:1: smaller is not a name the file defines — a prediction in words needs quotes: predict_gradient = \"smaller\"")),
        // the branch's layers in a list: named in one line with the fix (its whole repr took 14 lines)
        Case(exercise: "conv5x5_branch", file: "conv5x5 = [BasicConv2d(192, 16, 1, 1, padding=0), BasicConv2d(16, 32, 5, 1, padding=2)]\n",
             outcome: .failed("`conv5x5` gave list of 2 items, not a block — put the layers in nn.Sequential(…), which runs them one after another")),
        // a prediction in words or signs that does not parse as code: quote it (the starter's examples are "/100", "the same")
        Case(exercise: "scale_w_prediction", file: "predict_gradient = /100\n",
             outcome: .failed("Lessons/exercises/12-scale-w-prediction.inc:1: predict_gradient = /100 is not code that runs — a prediction in words or signs needs quotes: predict_gradient = \"/100\"")),
        Case(exercise: "scale_w_prediction", file: "# my guess\npredict_gradient = the same  # as lesson 9\n",
             outcome: .failed("Lessons/exercises/12-scale-w-prediction.inc:2: predict_gradient = the same is not code that runs — a prediction in words or signs needs quotes: predict_gradient = \"the same\"")),
        // a Sequential's layers named otherwise
        Case(exercise: "basic_conv2d", file: """
            class BasicConv2d(in_channel, F, size, stride, padding=0):
                self.layer = nn.Sequential({"conv": nn.Conv2d(in_channel, F, size, stride, padding=padding),
                                            "bn": nn.BatchNorm2d(F), "relu": nn.ReLU()})

                def forward(self, x):
                    return self.layer(x)
            """,
             outcome: .failed("layer: the layers are right (Conv2d, BatchNorm2d, ReLU) but named conv, bn, relu; the seed's are 0, 1, 2 — the names are part of every state_dict key: pass the layers to nn.Sequential without names")),
        // numbers of the first configuration written in place of the block's arguments: a second configuration catches them
        Case(exercise: "stem", edits: [("BasicConv2d(in_channel, 64, 7", "BasicConv2d(3, 64, 7")],
             outcome: .failed("with Stem(1) (a second configuration, 1×1×64×64 input): conv1.layer.0 (Conv2d): expected 1 input channel, got 3 — in_channels must equal the channels coming in (1 channel comes in here)")),
        Case(exercise: "naive_inception", edits: [("BasicConv2d(in_channel, c1_F, 1", "BasicConv2d(192, 64, 1"),
                                                   ("BasicConv2d(in_channel, c3_F, 3", "BasicConv2d(192, 128, 3"),
                                                   ("BasicConv2d(in_channel, c5_F, 5", "BasicConv2d(192, 32, 5")],
             outcome: .failed("with NaiveInception(16, 8, 12, 4) (a second configuration, 1×16×9×9 input): conv1x1.layer.0 (Conv2d): expected 16 input channels, got 192 — in_channels must equal the channels coming in (16 channels come in here)")),
        Case(exercise: "head", edits: [("nn.Dropout(p=p)", "nn.Dropout(0.4)")],
             outcome: .failed("with Head(832, 0.7, 10) (a second configuration, 1×832×4×4 input): dropout (Dropout): expected Dropout(p=0.7), got p=0.4 — pass the block's p on to nn.Dropout(p=p)")),
        Case(exercise: "head", edits: [("nn.Linear(in_channel, num_classes)", "nn.Linear(1024, num_classes)")],
             outcome: .failed("with Head(832, 0.7, 10) (a second configuration, 1×832×4×4 input): classifier (Linear): expected in_features=832, got 1024 — the flattened 832×1×1 map has 832·1·1 = 832 features")),
        Case(exercise: "aux_out", edits: [("nn.Dropout(p=p)", "nn.Dropout(p=0.7)")],
             outcome: .failed("with AuxOut(528, 0.3, 10) (a second configuration, 1×528×14×14 input): fc.2 (Dropout): expected Dropout(p=0.3), got p=0.7 — pass the block's p on to nn.Dropout(p=p)")),
        // squeeze() instead of flatten: right for a batch of 2, wrong for a batch of 1
        Case(exercise: "head", edits: [("x = torch.flatten(self.gap(x), 1)", "x = self.gap(x).squeeze()")],
             outcome: .failed("with Head(832, 0.7, 10) (a second configuration, 1×832×4×4 input): dropout (Dropout) gets a 832 input, expected 1×832: the batch dimension (1 image here) was dropped, as squeeze() drops every dimension of size 1 — flatten from dim 1 instead, x = torch.flatten(x, 1)")),
        // a trailing comma after return, branches joined along the batch, forward misspelt or without self
        Case(exercise: "basic_conv2d", edits: [("return self.layer(x)", "return self.layer(x),")],
             outcome: .failed("BasicConv2d: forward returns a tuple of 1 value; the seed's returns one tensor — a comma after the value makes a tuple: remove the trailing comma after return")),
        Case(exercise: "naive_inception", edits: [("self.maxpool(x)], 1)", "self.maxpool(x)], 0)")],
             outcome: .failed("running your block on a 1×192×28×28 input failed: Lessons/exercises/04-naive-inception.inc:10:16: Sizes of tensors must match except in dimension 0. Expected size 64 but got size 128 for tensor number 1 in the list. — the tensors differ only in dimension 1: to join them along it, write torch.cat(…, 1)")),
        Case(exercise: "inception_module", edits: [("def forward(self, x)", "def foward(self, x)")],
             outcome: .failed("running your block on a 1×192×28×28 input failed: Module [Inception] is missing the required \"forward\" function — rename 'foward' to 'forward'")),
        Case(exercise: "stem", edits: [("def forward(self, x)", "def foward(self, x)")],
             outcome: .failed("running your block on a 1×3×224×224 input failed: Module [Stem] is missing the required \"forward\" function — rename 'foward' to 'forward'")),
        Case(exercise: "inception_module", edits: [("def forward(self, x)", "def forward(x)")],
             outcome: .failed("running your block on a 1×192×28×28 input failed: Inception.forward() takes 1 positional argument but 2 were given — a method's first parameter receives the object itself ('x' got it): write def forward(self, x) at Lessons/exercises/05-inception-module.inc:14")),
        Case(exercise: "basic_conv2d", edits: [("nn.ReLU())", "nn.Relu())")],
             outcome: .failed("building your block as `BasicConv2d(3, 64, 7, 2, padding=3)` failed: Lessons/exercises/02-basic-conv2d.inc:6:32: 'torch.nn' has no member 'Relu' — did you mean 'torch.nn.ReLU'?")),
        // a number answer that is a whole image: named by its shape, not printed
        Case(exercise: "conv1_output_size", file: "answer = torch.zeros(1, 3, 224, 224)\n",
             outcome: .failed("answer = a tensor of shape 1×3×224×224: expected one number, not a tensor of 150528 values: pick one entry (x[0, 0]) or reduce it to the number asked for")),
        // a number answer that is a function: named as one, not as a wrong number
        Case(exercise: "conv1_output_size", file: "def answer():\n    return (224 + 2 * 3 - 7) // 2 + 1\n",
             outcome: .failed("answer = <function answer>: that is a function, not a number: call it, and set the name to the number it returns")),
        // a learner's file that switches gradients off for good: its check and every later one still record them
        Case(exercise: "naive_inception", edits: [("class NaiveInception", "torch.set_grad_enabled(False)\n\nclass NaiveInception")],
             outcome: .passed("NaiveInception(192, 64, 128, 32) matches the reference: structure, output 1×416×28×28, 387,744 parameters, and the numbers (eval mode)")),
        Case(exercise: "grad_one_weight", file: "answer = 8\n", outcome: .passed("answer = 8 is right")),
        Case(exercise: "bias_grad_before_bn", file: "torch.set_grad_enabled(False)\nanswer = 0\n", outcome: .passed("answer = 0 is right")),
        // outputs that agree, gradients that do not: the forward cuts the graph
        Case(exercise: "basic_conv2d", edits: [("return self.layer(x)", "return self.layer(x).detach()")],
             outcome: .failed("layer.0.weight: gets no gradient through your forward, the seed's does, though the outputs agree — something on the way to the output cuts the graph (a .detach(), .data or torch.no_grad()): compute the output from the layers' results themselves")),
        Case(exercise: "inception_module", edits: [("self.conv5x5(x), self.maxpool_conv1x1(x)]", "self.conv5x5(x).detach(), self.maxpool_conv1x1(x)]")],
             outcome: .failed("conv5x5.0.layer.0.weight: gets no gradient through your forward, the seed's does, though the outputs agree — something on the way to the output cuts the graph (a .detach(), .data or torch.no_grad()): compute the output from the layers' results themselves")),
        Case(exercise: "inception_v1", edits: [("aux1_out = self.aux1(x)", "aux1_out = self.aux1(x.detach())")],
             outcome: .failed("conv1.layer.0.weight: its gradient differs from the seed's by up to 352, though the outputs agree — something in forward cuts part of the way from it to an output (a .detach(), .data or torch.no_grad() on one path)")),
        // a batch size written in a view: the second configuration's batch of 1 catches it
        Case(exercise: "aux_out", edits: [("x = torch.flatten(x, 1)", "x = x.view(2, -1)")],
             outcome: .failed("with AuxOut(528, 0.3, 10) (a second configuration, 1×528×14×14 input): fc (Sequential) gets a 2×1024 input, expected 1×2048: the batch dimension became 2, not 1 — a number written in view or reshape fixes it: flatten with torch.flatten(x, 1), or x.view(x.size(0), -1)")),
        // torchvision's rounding up (ceil_mode=True) where the seed pads; at stride 1 ceil_mode changes nothing
        Case(exercise: "stem", edits: [("self.maxpool1 = nn.MaxPool2d(3, 2, padding=1)", "self.maxpool1 = nn.MaxPool2d(3, 2, ceil_mode=True)")],
             outcome: .failed("maxpool1 (MaxPool2d): a 3×3 window with stride 2 takes padding=1 (got padding=0) — the seed pads by 1 where yours rounds up with ceil_mode=True: write padding=1 and leave ceil_mode out")),
        Case(exercise: "naive_inception", edits: [("nn.MaxPool2d(3, 1, padding=1)", "nn.MaxPool2d(3, stride=1, padding=1, ceil_mode=True)")],
             outcome: .passed("NaiveInception(192, 64, 128, 32) matches the reference: structure, output 1×416×28×28, 387,744 parameters, and the numbers (eval mode)")),
        // the network's three outputs unpacked with the main one first
        Case(exercise: "train_loop", edits: [("aux1_out, aux2_out, out = net(x)", "out, aux1_out, aux2_out = net(x)")],
             outcome: .failed("training_run(train_loop): the first batch's loss is 4.19262, the reference's 4.24026 — the outputs are unpacked in the wrong order: net(x) returns (aux1_out, aux2_out, out), so write aux1_out, aux2_out, out = net(x)")),
        // a functional call (F.max_pool2d) is no module call: it neither counts as a layer nor confuses the trace
        Case(exercise: "stem", edits: [("return self.maxpool2(x)", "return F.max_pool2d(x, 3, 2, 1)")],
             outcome: .failed("maxpool2 never runs: the forward of Stem does not call self.maxpool2, and the seed's does")),
        Case(exercise: "inception_module", edits: [("self.maxpool_conv1x1(x)]", "self.maxpool_conv1x1[1](F.max_pool2d(x, 3, 1, 1))]")],
             outcome: .passed("Inception(192, (64, 96, 128, 16, 32, 32), 256) matches the reference: structure, output 1×256×28×28, 164,432 parameters, and the numbers (eval mode)")),
        // flattened from dim 0: the batch went into the one row
        Case(exercise: "head", edits: [("x = torch.flatten(self.gap(x), 1)", "x = torch.flatten(self.gap(x))")],
             outcome: .failed("dropout (Dropout) gets a 2048 input, expected 2×1024: the 2 images' features were flattened into one row, as torch.flatten(x) and x.view(-1) do — flatten from dim 1 instead, x = torch.flatten(x, 1)")),
        // a branch fed another branch's output instead of x
        Case(exercise: "inception_module", edits: [("self.maxpool_conv1x1(x)]", "self.maxpool_conv1x1(self.conv5x5(x))]")],
             outcome: .failed("maxpool_conv1x1 (Sequential) gets a 1×32×28×28 input, expected 1×192×28×28: the seed's forward gives it the input of Inception, yours gives it the output of conv5x5 — pass it x itself")),
        // final_F, the channels a module declares, against what its branches give (its layers alone agree)
        Case(exercise: "inception4a_channels", edits: [("Inception(in_channel, Fs, 512)", "Inception(in_channel, Fs, 528)")],
             outcome: .failed("inception4a: final_F=528, but its four branches give 512 channels — final_F, the 3rd argument of Inception, is the module's output: #1×1 + #3×3 + #5×5 + pool proj = 512")),
        Case(exercise: "inception_v1", edits: [("Inception(512, (112, 144, 288, 32, 64, 64), 528)", "Inception(512, (112, 144, 288, 32, 64, 64), 512)")],
             outcome: .failed("inception4d: final_F=512, but its four branches give 528 channels — final_F, the 3rd argument of Inception, is the module's output: #1×1 + #3×3 + #5×5 + pool proj = 528")),
        // the branches added instead of concatenated; a library name set to None
        Case(exercise: "inception_module", edits: [("return torch.cat(x_concat, 1)", "a, b, c, d = x_concat\n        return a + b + c + d")],
             outcome: .failed("running your block on a 1×192×28×28 input failed: Lessons/exercises/05-inception-module.inc:17:16: The size of tensor a (64) must match the size of tensor b (128) at non-singleton dimension 1 — + and * work element by element and need equal shapes; to put branches' outputs side by side along the channels, join them with torch.cat([a, b, …], 1)")),
        Case(exercise: "inception_module", edits: [("class Inception", "nn = None\n\nclass Inception")],
             outcome: .failed("building your block as `Inception(192, (64, 96, 128, 16, 32, 32), 256)` failed: Lessons/exercises/05-inception-module.inc:9:20: 'NoneType' object has no attribute 'Sequential' — nn is None here, not the torch.nn module: an assignment `nn = …` in your code replaced it — give that variable another name")),
        // an in-place method on the input: the shape-only probe has no values to change (it crashed)
        Case(exercise: "inception_module", edits: [("        x_concat =", "        torch.relu_(x)\n        x_concat =")],
             outcome: .failed("Inception: forward changes its input in place (an operation ending in _ such as x.mul_(…), or inplace=True on x); the seed's leaves x alone — write y = F.relu(x) instead of changing x")),
        Case(exercise: "inception_module", edits: [("        x_concat =", "        y = x.clone().zero_()\n        x_concat =")],
             outcome: .passed("Inception(192, (64, 96, 128, 16, 32, 32), 256) matches the reference: structure, output 1×256×28×28, 164,432 parameters, and the numbers (eval mode)")),
        // a layer made and called inside forward is no layer of the block; torch.concatenate is torch.cat
        Case(exercise: "inception_module", edits: [("return torch.cat(x_concat, 1)", "return nn.ReLU()(torch.concatenate(x_concat, axis=1))")],
             outcome: .passed("Inception(192, (64, 96, 128, 16, 32, 32), 256) matches the reference: structure, output 1×256×28×28, 164,432 parameters, and the numbers (eval mode)")),
        // a forward that reads values (a debugging print of x.max(), a masked_fill or torch.where on x, which crashed
        // on the shape-only probe): the probe runs the learner's block on numbers
        Case(exercise: "inception_module", edits: [("        x_concat =", "        print(x.max(), x.norm(), x.masked_fill(x < 0, 0).sum(), torch.where(x > 0, x, torch.zeros_like(x)).mean())\n        x_concat =")],
             outcome: .passed("Inception(192, (64, 96, 128, 16, 32, 32), 256) matches the reference: structure, output 1×256×28×28, 164,432 parameters, and the numbers (eval mode)")),
        // a number answer that is a whole shape, or the parameters' sizes not added up: how to get the one number
        Case(exercise: "conv1_output_size", file: "answer = nn.Conv2d(3, 64, 7, 2, 3)(torch.zeros(1, 3, 224, 224)).shape\n",
             outcome: .failed("answer = torch.Size([1, 64, 112, 112]): expected one number, not a torch.Size — pick the dimension asked for from it, e.g. y.shape[2] for the height")),
        Case(exercise: "conv1_params", file: "answer = [p.numel() for p in nn.Conv2d(3, 64, 7, 2, 3).parameters()]\n",
             outcome: .failed("answer = [9408, 64]: expected one number, not a list — add its items up with sum(…), or pick the one asked for")),
        // design_module: a functional convolution (F.conv2d) counts as the Conv2d doing its work, kernel and
        // multiply-adds; a grouped 5×5 Conv2d is a 5×5 convolution
        Case(exercise: "design_module", file: """
            class MyModule():
                self.r = nn.Conv2d(192, 16, 1)
                self.w3 = nn.Parameter(torch.randn(128, 16, 3, 3) * 0.1)
                self.w5 = nn.Parameter(torch.randn(128, 16, 5, 5) * 0.1)

                def forward(self, x):
                    y = F.relu(self.r(x))
                    return torch.cat([F.conv2d(y, self.w3, padding=1), F.conv2d(y, self.w5, padding=2)], 1)
            """,
             outcome: .passed("MyModule() meets the specification: output 1×256×28×28, 57,012,480 multiply-adds (budget 130,000,000), 72,720 parameters")),
        Case(exercise: "design_module", file: """
            class MyModule():
                self.w3 = nn.Parameter(torch.randn(128, 192, 3, 3) * 0.01)
                self.w5 = nn.Parameter(torch.randn(128, 192, 5, 5) * 0.01)

                def forward(self, x):
                    return torch.cat([F.conv2d(x, self.w3, padding=1), F.conv2d(x, self.w5, padding=2)], 1)
            """,
             outcome: .failed("your block costs 655,933,440 multiply-adds on 1×192×28×28, over the budget of 130,000,000; the largest is the F.conv2d in the forward of MyModule (481,689,600): a 1×1 reduction in front of it, or fewer channels, brings it down")),
        Case(exercise: "design_module", file: """
            class MyModule():
                self.b3 = nn.Sequential(BasicConv2d(192, 32, 1, 1), BasicConv2d(32, 128, 3, 1, padding=1))
                self.b5 = nn.Sequential(BasicConv2d(192, 16, 1, 1), nn.Conv2d(16, 128, 5, padding=2, groups=16))

                def forward(self, x):
                    return torch.cat([self.b3(x), self.b5(x)], 1)
            """,
             outcome: .passed("MyModule() meets the specification: output 1×256×28×28, 38,874,208 multiply-adds (budget 130,000,000), 49,936 parameters")),
    ]

    func testEveryCaseGetsItsOutcome() throws {
        try assertEachAttemptGetsItsOutcome(Self.cases)
    }
}
