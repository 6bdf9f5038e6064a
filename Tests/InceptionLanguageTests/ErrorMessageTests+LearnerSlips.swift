import InceptionLanguage
import XCTest

/// Slips learners make in the exercises, each with the fix that names the right word, the
/// right dimension or the missing self (and no misleading guess).
extension ErrorMessageTests {
    func testLearnerSlipsGetTheRightFix() {
        let table: [(String, String)] = [
            // the same name in other case is the guess, not CELU (one letter away in lower case)
            ("import torch.nn as nn\nr = nn.Relu()", """
            e.inc:2:5: error: 'torch.nn' has no member 'Relu'
               2 | r = nn.Relu()
                 |     ^
              fix: did you mean 'torch.nn.ReLU'?
            """),
            // a one-letter name is not taken for another letter (it suggested 'F' for 'y')
            ("import torch.nn.functional as F\nx = 1\nprint(y)", """
            e.inc:3:7: error: name 'y' is not defined
               3 | print(y)
                 |       ^
            """),
            ("X = 1\nprint(x)", """
            e.inc:2:7: error: name 'x' is not defined
               2 | print(x)
                 |       ^
              fix: did you mean 'X'?
            """),
            // branches joined along the batch: the dimension they do differ in is named
            ("import torch\nbranches = [torch.zeros(1, 2, 4, 4), torch.zeros(1, 3, 4, 4)]\ny = torch.cat(branches, 0)", """
            e.inc:3:5: error: Sizes of tensors must match except in dimension 0. Expected size 2 but got size 3 for tensor number 1 in the list.
               3 | y = torch.cat(branches, 0)
                 |     ^
              fix: the tensors differ only in dimension 1: to join them along it, write torch.cat(…, 1)
            """),
            // branches stacked where they are to be concatenated: torch.cat is named with the dimension
            ("import torch\ny = torch.stack([torch.zeros(1, 2, 4, 4), torch.zeros(1, 3, 4, 4)], 1)", """
            e.inc:2:5: error: stack expects each tensor to be equal size, but got [1, 2, 4, 4] at entry 0 and [1, 3, 4, 4] at entry 1
               2 | y = torch.stack([torch.zeros(1, 2, 4, 4), torch.zeros(1, 3, 4, 4)], 1)
                 |     ^
              fix: torch.stack needs equal shapes; the tensors differ only in dimension 1: to join them along it, write torch.cat(…, 1)
            """),
            // a tensor argument that is None: where None comes from (an aux head in eval mode, a missing return)
            ("import torch\nimport torch.nn.functional as F\naux1_out = None\nloss = F.cross_entropy(aux1_out, torch.tensor([1]))", """
            e.inc:4:8: error: cross_entropy(): argument 'input' (position 1) must be Tensor, not NoneType
               4 | loss = F.cross_entropy(aux1_out, torch.tensor([1]))
                 |        ^
              fix: it is None: what gave it returned None — a forward or function without `return`, or a network's aux output, which is None in eval mode (net.train() runs the aux heads)
            """),
            // a padding computed with / is a float: PyTorch makes the layer and its call fails with
            // conv2d()'s TypeError; the fix says // (the conv5x5_branch exercise)
            ("import torch.nn as nn\nc = nn.Conv2d(16, 32, 5, 1, padding=(5 - 1) / 2)\ny = c(torch.randn(1, 16, 8, 8))", """
            e.inc:3:5: error: conv2d() received an invalid combination of arguments - got (Tensor, Parameter, Parameter, tuple, tuple, tuple, int), but expected one of:
             * (Tensor input, Tensor weight, Tensor bias = None, tuple of ints stride = 1, tuple of ints padding = 0, tuple of ints dilation = 1, int groups = 1)
                  didn't match because some of the arguments have invalid types: (Tensor, !Parameter!, !Parameter!, !tuple of (int, int)!, !tuple of (float, float)!, !tuple of (int, int)!, !int!)
             * (Tensor input, Tensor weight, Tensor bias = None, tuple of ints stride = 1, str padding = "valid", tuple of ints dilation = 1, int groups = 1)
                  didn't match because some of the arguments have invalid types: (Tensor, !Parameter!, !Parameter!, !tuple of (int, int)!, !tuple of (float, float)!, !tuple of (int, int)!, !int!)

               3 | y = c(torch.randn(1, 16, 8, 8))
                 |     ^
              fix: padding counts whole pixels: divide with // (it rounds down to an int), e.g. (5 - 1) // 2, or write int(…)
            """),
            // differing in two dimensions: no dimension to suggest
            ("import torch\ny = torch.cat([torch.zeros(2, 3), torch.zeros(3, 4)])", """
            e.inc:2:5: error: Sizes of tensors must match except in dimension 0. Expected size 3 but got size 4 for tensor number 1 in the list.
               2 | y = torch.cat([torch.zeros(2, 3), torch.zeros(3, 4)])
                 |     ^
            """),
            // def forward(x): the module itself went into x
            ("import torch\nimport torch.nn as nn\nclass Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(2, 2)\n    def forward(x):\n        return self.fc(x)\ny = Net()(torch.zeros(1, 2))", """
            e.inc:9:5: error: Net.forward() takes 1 positional argument but 2 were given
               9 | y = Net()(torch.zeros(1, 2))
                 |     ^
              fix: a method's first parameter receives the object itself ('x' got it): write def forward(self, x) at e.inc:7
            """),
            ("import torch.nn as nn\nclass N(nn.Module):\n    def forward(x, scale=2):\n        return x\nN()(1, 2, 3)", """
            e.inc:5:1: error: N.forward() takes from 1 to 2 positional arguments but 4 were given
               5 | N()(1, 2, 3)
                 | ^
              fix: a method's first parameter receives the object itself ('x' got it): put self before x in def forward at e.inc:3
            """),
            // '==' where '=' was meant: the NameError says which one sets
            ("answer == 112", """
            e.inc:1:1: error: name 'answer' is not defined
               1 | answer == 112
                 | ^
              fix: '==' compares; to set answer, write one '=': answer = …
            """),
            // a receiver of another name is the program's choice: Python's message alone
            ("class A:\n    def f(self2, v):\n        return v\nA().f(1, 2)", """
            e.inc:4:1: error: A.f() takes 2 positional arguments but 3 were given
               4 | A().f(1, 2)
                 | ^
            """),
        ]
        for (source, expected) in table {
            let (code, text) = failure(source)
            XCTAssertEqual(code, 70, source)
            XCTAssertEqual(text, expected, source)
        }
    }

    /// A null byte, a non-breaking space pasted from a web page, an escape: Python's words, the
    /// code point, and the source line with the control characters drawn (␀, ␛), never sent raw.
    func testInvisibleCharactersAreNamedAndDrawn() {
        let (code, text) = failure("x = 1\u{0}\ny\u{A0}= 2\nz = 3\u{1B}\n")
        XCTAssertEqual(code, 65)
        XCTAssertEqual(text, """
            e.inc:1:6: error: source code cannot contain null bytes
               1 | x = 1␀
                 |      ^
              fix: delete it (a file saved as UTF-16, or bytes of another file, can bring them)

            e.inc:2:2: error: invalid non-printable character U+00A0
               2 | y\u{A0}= 2
                 |  ^
              fix: retype it as a plain space (code copied from a web page often has such spaces)

            e.inc:3:6: error: invalid non-printable character U+001B
               3 | z = 3␛
                 |      ^
              fix: delete it

            3 syntax errors in e.inc
            """)
    }
}
