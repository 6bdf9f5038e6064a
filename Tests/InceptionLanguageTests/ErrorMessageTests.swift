import InceptionLanguage
import InceptionNetworkBuiltins
import XCTest

/// Errors exactly as a learner sees them: place, source line, caret, fix, callers.
final class ErrorMessageTests: XCTestCase {
    /// Runs `source` as file `name` and returns (exit code, rendered error).
    func failure(_ source: String, name: String = "e.inc") -> (Int32, String) {
        let script = Script(text: source, file: name)
        let result = script.run(in: Interpreter(output: { _ in }, builtins: .networksAndPictures))
        return (result.exitCode, script.render(result))
    }

    func testSeveralSyntaxErrorsFromOneFile() {
        let (code, text) = failure("""
        conv = Conv2d(3, 64, 7, 2, padding=3
        bn = BatchNorm2d(64)
        class Stem(in_channel)
            self.conv = conv
        if params(conv) = 9472:
            print("ok")
        y = 5 +
        """, name: "syntax.inc")
        XCTAssertEqual(code, 65)
        XCTAssertEqual(text, """
        syntax.inc:1:14: error: '(' was never closed
           1 | conv = Conv2d(3, 64, 7, 2, padding=3
             |              ^
          fix: add the matching ')'

        syntax.inc:3:23: error: expected ':' after the header of class Stem, found the end of the line
           3 | class Stem(in_channel)
             |                       ^
          fix: end the line with ':'

        syntax.inc:5:17: error: expected ':' after the if condition, found '='
           5 | if params(conv) = 9472:
             |                 ^
          fix: use '==' to compare; '=' assigns

        syntax.inc:7:8: error: expected an expression, found the end of the line
           7 | y = 5 +
             |        ^

        4 syntax errors in syntax.inc
        """)
    }

    static let inceptionSource = LessonSources.basicConvAndInception + """
    class Net():
        self.inception3a = Inception(192, (64, 96, 128, 16, 32, 32), 256)
        def forward(self, x):
            return self.inception3a(x)

    net = Net()
    y = net(randn(1, 192, 28, 28, seed=0))
    """

    func testChannelMismatchNamesTheBlockPathAndBothCounts() {
        // The 5×5 branch's reduce conv outputs c5 (32) channels instead of c5r (16).
        let source = Self.inceptionSource.replacingOccurrences(
            of: "BasicConv2d(in_channel, c5r, 1, 1), BasicConv2d(c5r, c5, 5", with: "BasicConv2d(in_channel, c5, 1, 1), BasicConv2d(c5r, c5, 5")
        let (code, text) = failure(source, name: "channels.inc")
        XCTAssertEqual(code, 70)
        XCTAssertEqual(text, """
        channels.inc:4:16: error: Given groups=1, weight of size [32, 16, 5, 5], expected input[1, 32, 28, 28] to have 16 channels, but got 32 channels instead
           4 |         return self.layer(x)
             |                ^
          fix: raised in inception3a.conv5x5.1.layer.0 (Conv2d): the tensor reaching this Conv2d has 32 channels: make its in_channels 32, or make the layer before it output 16
          called from channels.inc:13:61
          called from channels.inc:18:16
          called from channels.inc:21:5
        """)
    }

    func testBranchesOfDifferentSizesNameTheLayerAndThePaddingThatFixesIt() {
        let source = Self.inceptionSource.replacingOccurrences(of: "BasicConv2d(c5r, c5, 5, 1, padding=2)", with: "BasicConv2d(c5r, c5, 5, 1)")
        let (code, text) = failure(source, name: "padding.inc")
        XCTAssertEqual(code, 70)
        XCTAssertEqual(text, """
        padding.inc:13:16: error: Sizes of tensors must match except in dimension 1. Expected size 28 but got size 24 for tensor number 2 in the list.
          13 |         return torch.cat([self.conv1x1(x), self.conv3x3(x), self.conv5x5(x), self.maxpool_conv1x1(x)], 1)
             |                ^
          fix: inception3a.conv5x5.1.layer.0 is a 5×5 Conv2d with padding=0: a 5×5 kernel keeps 28×28 only with padding=2
          called from padding.inc:18:16
          called from padding.inc:21:5
        """)
    }

    func testRuntimeErrorsWithTheirFixes() {
        let table: [(String, String)] = [
            ("x = Conv2D(3, 64, 7)", """
            e.inc:1:5: error: name 'Conv2D' is not defined
               1 | x = Conv2D(3, 64, 7)
                 |     ^
              fix: did you mean 'Conv2d'?
            """),
            ("conv = Conv2d(3, 64, 7, pad=3)", """
            e.inc:1:8: error: Conv2d() got an unexpected keyword argument 'pad'
               1 | conv = Conv2d(3, 64, 7, pad=3)
                 |        ^
              fix: did you mean 'padding'? The call is Conv2d(in_channels, out_channels, kernel_size, stride=1, padding=0, dilation=1, groups=1, bias=True, padding_mode='zeros', device=None, dtype=None)
            """),
            // a wrong argument is named by its type and what it holds, never printed whole
            ("out = (torch.zeros(2, 3), torch.zeros(2, 3))\nF.cross_entropy(out, torch.tensor([0, 1]))", """
            e.inc:2:1: error: cross_entropy(): argument 'input' (position 1) must be Tensor, not tuple
               2 | F.cross_entropy(out, torch.tensor([0, 1]))
                 | ^
            """),
            // PyTorch's methods that change a tensor's shape in place: named, with the out-of-place fix
            // (unsqueeze_ / squeeze_ of a plain tensor work; of a view of another they are refused)
            ("x = torch.zeros(2, 3)\nx.t_()", """
            e.inc:2:1: error: t_() changes a tensor's shape in place, which is not supported here
               2 | x.t_()
                 | ^
              fix: assign the result of the out-of-place method instead: x = x.t(…)
            """),
            ("x = torch.zeros(2, 3)\ny = x[0]\ny.unsqueeze_(0)", """
            e.inc:3:1: error: unsqueeze_() changes a tensor's shape in place, which is not supported here
               3 | y.unsqueeze_(0)
                 | ^
              fix: assign the result of the out-of-place method instead: x = x.unsqueeze(…)
            """),
            ("nn.Embedding(3, 2).reset_parameters()", """
            e.inc:1:1: error: Embedding.reset_parameters() is not supported here
               1 | nn.Embedding(3, 2).reset_parameters()
                 | ^
              fix: it is built in for Linear, Conv*, ConvTranspose* and the norm layers; draw Embedding's values with nn.init under torch.no_grad()
            """),
            ("conv = Conv2d(3, 64)", """
            e.inc:1:8: error: Conv2d() is missing its argument 'kernel_size'
               1 | conv = Conv2d(3, 64)
                 |        ^
              fix: call it as Conv2d(in_channels, out_channels, kernel_size, stride=1, padding=0, dilation=1, groups=1, bias=True, padding_mode='zeros', device=None, dtype=None)
            """),
            ("conv = Conv2d(3, 64, 7)\nexpect(params(conv), 9473)", """
            e.inc:2:1: error: expect failed: got 9472, expected 9473
               2 | expect(params(conv), 9473)
                 | ^
            """),
            ("y = Linear(1024, 10)(zeros(1, 1024, 1, 1))", """
            e.inc:1:5: error: addmm: mat1 and mat2 shapes cannot be multiplied (1024x1 and 1024x10)
               1 | y = Linear(1024, 10)(zeros(1, 1024, 1, 1))
                 |     ^
              fix: the Linear gets a 1×1024×1×1 map: flatten it first, torch.flatten(x, 1) or nn.Flatten() before the Linear
            """),
            ("m = Sequential(Conv2d(3, 8, 3), Linear(8, 2))\nm(zeros(1, 3, 5, 5))", """
            e.inc:2:1: error: addmm: mat1 and mat2 shapes cannot be multiplied (24x3 and 8x2)
               2 | m(zeros(1, 3, 5, 5))
                 | ^
              fix: raised in m.1 (Linear): the Linear gets a 1×8×3×3 map: flatten it first, torch.flatten(x, 1) or nn.Flatten() before the Linear
            """),
            ("b = BatchNorm2d(3)\ny = b(zeros(1, 4, 2, 2))", """
            e.inc:2:5: error: running_mean should contain 4 elements not 3
               2 | y = b(zeros(1, 4, 2, 2))
                 |     ^
              fix: BatchNorm2d must get the out_channels of the conv before it: BatchNorm2d(4)
            """),
            ("a, b = (1, 2, 3)", """
            e.inc:1:1: error: too many values to unpack (expected 2)
               1 | a, b = (1, 2, 3)
                 | ^
              fix: write one name per value (3), or check what the right side holds
            """),
            ("conv = Conv2d(3, 64, 7)\ny = conv((1, 3, 224, 224))", """
            e.inc:2:5: error: Conv2d takes a tensor, got tuple (1, 3, 224, 224)
               2 | y = conv((1, 3, 224, 224))
                 |     ^
              fix: make a tensor first, e.g. randn(1, 3, 224, 224)
            """),
            ("class Inception(in_channel, final_F):\n    self.conv = Conv2d(in_channel, final_F, 1)\n    def forward(self, x):\n        y = self.conv(x)\n        assert y.shape[1] == final_F\n        return y\nb = Inception(3, 8)\nb(zeros(1, 3, 4, 4))", """
            e.inc:5:30: error: name 'final_F' is not defined
               5 |         assert y.shape[1] == final_F
                 |                              ^
              fix: 'final_F' belongs to the class body of Inception; keep it with self.final_F = final_F there and read self.final_F in forward
              called from e.inc:8:1
            """),
            ("x = zeros(2, 3)\nprint(x.shpe)", """
            e.inc:2:7: error: 'Tensor' object has no attribute 'shpe'
               2 | print(x.shpe)
                 |       ^
              fix: did you mean 'shape'?
            """),
            ("print(1 / 0)", """
            e.inc:1:7: error: division by zero
               1 | print(1 / 0)
                 |       ^
            """),
            ("y = cat([zeros(1, 2, 4, 4), zeros(1, 2, 3, 4)])", """
            e.inc:1:5: error: Sizes of tensors must match except in dimension 0. Expected size 4 but got size 3 for tensor number 1 in the list.
               1 | y = cat([zeros(1, 2, 4, 4), zeros(1, 2, 3, 4)])
                 |     ^
              fix: the tensors differ only in dimension 2: to join them along it, write torch.cat(…, 2)
            """),
            ("print(reference(\"inception3z\"))", """
            e.inc:1:7: error: the reference network has no block 'inception3z'
               1 | print(reference("inception3z"))
                 |       ^
              fix: did you mean 'inception3a'?
            """),
            ("class B(c):\n    self.conv = Conv2d(c, 4, 1)\n    def forward(self, x):\n        self.conv(x)\nB(3)(zeros(1, 3, 2, 2))", """
            e.inc:3:5: error: forward of B returned None, not a tensor
               3 |     def forward(self, x):
                 |     ^
              fix: end forward with 'return' and the output tensor
              called from e.inc:5:1
            """),
            ("def count():\n    i = 0\n    while True:\n        yield i\n        i += 1\nxs = list(count())", """
            e.inc:6:6: error: all the items of a generator were asked for, and it gave over 1000000 (one that never ends?)
               6 | xs = list(count())
                 |      ^
              fix: take a bounded number: itertools.islice(g, n), or next(g) in a loop, or a for loop left by break
            """),
            ("from contextlib import contextmanager\n@contextmanager\ndef opened():\n    try:\n        print(1)\n    finally:\n        yield 2\nopened()", """
            e.inc:2:2: error: @contextmanager over a generator that yields inside a finally: block is not supported here
               2 | @contextmanager
                 |  ^
              fix: yield in the try: block and clean up in finally:
            """),
            ("from contextlib import contextmanager\n@contextmanager\ndef empty():\n    if False:\n        yield\nwith empty():\n    pass", """
            e.inc:6:6: error: generator didn't yield
               6 | with empty():
                 |      ^
            """),
        ]
        for (source, expected) in table {
            let (code, text) = failure(source)
            XCTAssertEqual(code, 70, source)
            XCTAssertEqual(text, expected, source)
        }
    }

    /// What Python and PyTorch refuse, refused here in their words with the way out.
    /// raise, except and the new module pieces (Parameter, Adam): Python's class names in the message.
    func testExceptionsParametersAndOptimisersNameTheClassAndTheFix() {
        let table: [(String, String)] = [
            ("raise ValueError(\"expected 4-D input\")", """
            e.inc:1:1: error: ValueError: expected 4-D input
               1 | raise ValueError("expected 4-D input")
                 | ^
            """),
            ("d = {\"a\": 1}\nprint(d[\"b\"])", """
            e.inc:2:7: error: KeyError: 'b'
               2 | print(d["b"])
                 |       ^
              fix: the dict's keys are 'a'; use d.get(key) for a default
            """),
            ("raise", """
            e.inc:1:1: error: RuntimeError: No active exception to reraise
               1 | raise
                 | ^
            """),
            ("try:\n    x = 1 / 0\nexcept 3:\n    pass", """
            e.inc:3:8: error: TypeError: catching classes that do not inherit from BaseException is not allowed
               3 | except 3:
                 |        ^
            """),
            ("p = nn.Parameter(torch.tensor([1, 2]))", """
            e.inc:1:5: error: Only Tensors of floating point and complex dtype can require gradients
               1 | p = nn.Parameter(torch.tensor([1, 2]))
                 |     ^
              fix: pass a float tensor, or requires_grad=False
            """),
            ("class M(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.w = nn.Parameter(torch.ones(2))\n        self.w = torch.zeros(2)\nm = M()", """
            e.inc:5:9: error: cannot assign 'Tensor' as parameter 'w' (torch.nn.Parameter or None expected)
               5 |         self.w = torch.zeros(2)
                 |         ^
              fix: wrap it: self.w = nn.Parameter(…), or change the parameter's values under torch.no_grad()
              called from e.inc:6:5
            """),
            ("e = nn.Embedding(3, 2, sparse=True)", """
            e.inc:1:5: error: Embedding(sparse=True): sparse gradients are not supported here
               1 | e = nn.Embedding(3, 2, sparse=True)
                 |     ^
              fix: leave sparse out
            """),
        ]
        for (source, expected) in table {
            let (code, text) = failure(source)
            XCTAssertEqual(code, 70, source)
            XCTAssertEqual(text, expected, source)
        }
        let (code, text) = failure("try:\n    x = 1\nprint(x)")
        XCTAssertEqual(code, 65)
        XCTAssertEqual(text, """
        e.inc:3:1: error: expected 'except' or 'finally' block
           3 | print(x)
             | ^
          fix: add 'except Exception as e:' (or 'finally:') after the try's block

        1 syntax error in e.inc
        """)
    }

    func testPythonAndDTypeRefusalsNameTheFix() {
        let table: [(String, String)] = [
            ("d = {\"a\": 1}\nprint(d.keys()[0])", """
            e.inc:2:7: error: 'dict_keys' object is not subscriptable
               2 | print(d.keys()[0])
                 |       ^
              fix: make it a list first: list(d.keys())[i]
            """),
            ("import math\nprint(math.sqrt(-1))", """
            e.inc:2:7: error: math domain error
               2 | print(math.sqrt(-1))
                 |       ^
              fix: math.sqrt(-1.0) is outside the function's domain
            """),
            ("import math\nprint(math.floor(torch.zeros(2)))", """
            e.inc:2:7: error: math.floor(): only one element tensors can be converted to Python scalars, got shape [2]
               2 | print(math.floor(torch.zeros(2)))
                 |       ^
              fix: use torch.floor(x) for a whole tensor
            """),
            ("x = torch.zeros(2).to(torch.float64)", """
            e.inc:1:5: error: dtype torch.float64 is not supported: tensors here are float32, int64, int32 or bool
               1 | x = torch.zeros(2).to(torch.float64)
                 |     ^
              fix: use torch.float32, torch.long, torch.int32 or torch.bool
            """),
            ("x = torch.arange(6, dtype=torch.int16)", """
            e.inc:1:5: error: dtype torch.int16 is not supported: tensors here are float32, int64, int32 or bool
               1 | x = torch.arange(6, dtype=torch.int16)
                 |     ^
              fix: use torch.float32, torch.long, torch.int32 or torch.bool
            """),
            ("class Phase:\n    TRAIN = 1\nprint(vars(Phase))", """
            e.inc:3:7: error: vars(Phase) of a class is not supported here
               3 | print(vars(Phase))
                 |       ^
              fix: read a class attribute by name: getattr(Phase, 'NAME')
            """),
            ("try:\n    print(dir(3))\nexcept NameError:\n    pass", """
            e.inc:2:11: error: Python's builtin dir() is not supported here
               2 |     print(dir(3))
                 |           ^
              fix: test one attribute with hasattr(obj, 'name'), or list an object's own with vars(obj)
            """),
            ("lin = nn.Linear(1, 1)\nlin.register_buffer('mask', None)", """
            e.inc:2:1: error: Linear.register_buffer('mask', None) is not supported here: only a class's own blocks take a None buffer
               2 | lin.register_buffer('mask', None)
                 | ^
              fix: register it in a class extending nn.Module, or give it a tensor
            """),
            ("x = torch.arange(6).short()", """
            e.inc:1:5: error: tensors here are float32, int64, int32 or bool; .short() is not supported
               1 | x = torch.arange(6).short()
                 |     ^
              fix: use .float(), .long() or .int()
            """),
            ("x = torch.tensor([1, 2], dtype=float)", """
            e.inc:1:5: error: dtype float (torch.float64) is not supported: tensors here are float32, int64, int32 or bool
               1 | x = torch.tensor([1, 2], dtype=float)
                 |     ^
              fix: use torch.float32
            """),
            ("def g(a, *, c=3):\n    return a\ng(1, 2)", """
            e.inc:3:1: error: g() takes 1 positional argument but 2 were given
               3 | g(1, 2)
                 | ^
              fix: give the keyword-only parameters by name
            """),
            ("def g(a, **kw):\n    return kw\ng(1, **[1])", """
            e.inc:3:8: error: argument after ** must be a mapping, not list
               3 | g(1, **[1])
                 |        ^
            """),
            ("import torch.nn as nn\nconv = nn.Conv2d(1, 1, 1)\na = conv(torch.ones(1, 1, 2, 2))\nb = nn.functional.elu(a)\na.relu_()", """
            e.inc:5:1: error: relu_() cannot be recorded for the backward pass here: an operation that made or read this tensor saves values for its backward that the version counters here do not cover
               5 | a.relu_()
                 | ^
              fix: write the result to a new name instead, e.g. y = x + 1 or y = F.relu(x)
            """),
            // an integer past 64 bits is refused, and no except clause catches the refusal
            ("try:\n    n = int(\"99999999999999999999\")\nexcept Exception:\n    n = 0", """
            e.inc:2:9: error: integer overflow: int('99999999999999999999') does not fit in a 64-bit int (-2^63 … 2^63 − 1)
               2 |     n = int("99999999999999999999")
                 |         ^
            """),
            ("try:\n    n = 2 ** 64\nexcept OverflowError:\n    n = 0", """
            e.inc:2:9: error: the integer result of 2 ** 64 is too large
               2 |     n = 2 ** 64
                 |         ^
              fix: integers here are 64-bit (Python's are unbounded); work in floats where the exact value does not matter
            """),
            // float_power's result is float64 in PyTorch: refused, past every except clause
            ("try:\n    r = torch.float_power(torch.tensor([2.0]), 2)\nexcept Exception:\n    r = 0", """
            e.inc:2:9: error: float_power() returns a float64 tensor in PyTorch, and float64 is not supported here
               2 |     r = torch.float_power(torch.tensor([2.0]), 2)
                 |         ^
              fix: use torch.pow(x.float(), y) for the float32 result
            """),
            // Python's answer is a complex number: refused, past every except clause
            ("try:\n    r = (-8) ** (1/3)\nexcept Exception:\n    r = 0", """
            e.inc:2:10: error: -8.0 ** 0.3333333333333333 is a complex number in Python, and complex numbers are not supported here
               2 |     r = (-8) ** (1/3)
                 |          ^
              fix: take the real root yourself, e.g. -(abs(x) ** y), or use math.cbrt(x) for a cube root
            """),
            ("try:\n    f = open(\"x.txt\")\nexcept Exception:\n    f = None", """
            e.inc:2:9: error: open() is not supported here: programs here do not read or write files
               2 |     f = open("x.txt")
                 |         ^
              fix: keep the data in the program (a list, a dict, a string), or save tensors with torch.save
            """),
            ("class DD(dict):\n    pass", """
            e.inc:1:10: error: subclassing the builtin dict is not supported here
               1 | class DD(dict):
                 |          ^
              fix: keep a dict in an attribute instead (self.items = dict()), and give the class the methods it needs
            """),
            ("y = F.conv2d(torch.zeros(1, 2, 4, 4), torch.zeros(1, 1, 3, 3))", """
            e.inc:1:5: error: Given groups=1, weight of size [1, 1, 3, 3], expected input[1, 2, 4, 4] to have 1 channels, but got 2 channels instead
               1 | y = F.conv2d(torch.zeros(1, 2, 4, 4), torch.zeros(1, 1, 3, 3))
                 |     ^
            """),
        ]
        for (source, expected) in table {
            let (code, text) = failure(source)
            XCTAssertEqual(code, 70, source)
            XCTAssertEqual(text, expected, source)
        }
    }

    /// Python syntax the language does not run is named in the syntax error, with what to write instead.
    func testUnsupportedSyntaxIsNamed() {
        let table: [(String, String)] = [
            ("match x:\n    case 1:\n        pass", """
            e.inc:1:1: error: match statements are not supported here
               1 | match x:
                 | ^
              fix: write an if/elif chain: if x == 1: … elif isinstance(x, str): …

            1 syntax error in e.inc
            """),
            ("try:\n    x = 1\nexcept:\n    pass\nexcept ValueError:\n    pass", """
            e.inc:3:1: error: default 'except:' must be last
               3 | except:
                 | ^
              fix: move the bare 'except:' after the other except clauses

            1 syntax error in e.inc
            """),
            ("def f(/, a):\n    return a", """
            e.inc:1:7: error: at least one argument must precede /
               1 | def f(/, a):
                 |       ^

            1 syntax error in e.inc
            """),
            ("def f(a, *, b, /):\n    return a", """
            e.inc:1:16: error: / must be ahead of *
               1 | def f(a, *, b, /):
                 |                ^

            1 syntax error in e.inc
            """),
        ]
        for (source, expected) in table {
            let (code, text) = failure(source)
            XCTAssertEqual(code, 65, source)
            XCTAssertEqual(text, expected, source)
        }
    }

    func testAParameterAfterKwargsIsASyntaxError() {
        let (code, text) = failure("def f(**kw, a):\n    return a", name: "kw.inc")
        XCTAssertEqual(code, 65)
        XCTAssertEqual(text, """
        kw.inc:1:13: error: no parameter can follow **kw
           1 | def f(**kw, a):
             |             ^
          fix: put **kw last

        1 syntax error in kw.inc
        """)
    }

    func testAClassExtendsOneClassOfTheProgram() {
        let (code, text) = failure("""
        class A(nn.Module):
            def forward(self, x):
                return x
        class B(A):
            pass
        class C(A, B):
            def __init__(self):
                super().__init__()
        """, name: "two.inc")
        XCTAssertEqual(code, 70)
        XCTAssertEqual(text, """
        two.inc:6:1: error: class C extends A and B; a class here extends one class of the program
           6 | class C(A, B):
             | ^
          fix: keep one base class, and make the other a layer: self.part = B(…)
        """)
    }

    func testDiagnosticRendererKeepsTabsUnderTheCaret() {
        let d = Diagnostic(.runtime, SourceLocation(file: "t.inc", line: 1, column: 3), "boom")
        XCTAssertEqual(DiagnosticRenderer.render(d, source: SourceFile(name: "t.inc", text: "\t\tx")), "t.inc:1:3: error: boom\n   1 | \t\tx\n     | \t\t^")
    }

    func testInPlaceLayerOnAViewNamesTheLayersFix() {
        // torchvision EfficientNet's classifier: Dropout(inplace=True) right after torch.flatten
        let (code, text) = failure("""
        head = nn.Sequential(nn.Dropout(p=0.2, inplace=True), nn.Linear(4, 2))
        x = torch.flatten(nn.Conv2d(1, 4, 1)(torch.randn(2, 1, 1, 1)), 1)
        y = head(x)
        """)
        XCTAssertEqual(code, 70)
        XCTAssertEqual(text, """
        e.inc:3:5: error: Dropout(inplace=True) would change this tensor in place, but it was made by indexing or reshaping another one: in PyTorch it is a view and the change would show in the original too; here that cannot be carried over while autograd records it
           3 | y = head(x)
             |     ^
          fix: build the Dropout without inplace=True; its result is the same
        """)
    }
}
