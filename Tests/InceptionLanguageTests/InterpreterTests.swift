import Foundation
import InceptionLanguage
import InceptionNetworkBuiltins
import InceptionRuntime
import TestSupport
import XCTest

/// The interpreter: values and arithmetic, control flow, functions, classes that become
/// blocks with dotted paths, tensors, weights and the reference network.
final class InterpreterTests: XCTestCase {
    /// Runs a script and returns what it printed; a syntax or runtime error fails the test.
    @discardableResult
    static func run(_ source: String, file: String = "t.inc", interpreter: Interpreter? = nil,
                    at: StaticString = #filePath, line: UInt = #line) -> String {
        var printed = ""
        let interpreter = interpreter ?? Interpreter()
        interpreter.output = { printed += $0 }
        let script = Script(text: source, file: file)
        let result = script.run(in: interpreter)
        if result.exitCode != 0 { XCTFail(script.render(result), file: at, line: line) }
        return printed
    }

    /// A grouped, dilated or rectangular convolution and the language's own layers tell the trace,
    /// :params and :summary what a convolution does: its arguments, parameter formula,
    /// torchinfo's multiply-adds and the window it slides.
    func testGeneralConvolutionsAndLanguageLayersDescribeThemselves() throws {
        let interpreter = Interpreter()
        Self.run("""
        depthwise = nn.Conv2d(4, 8, 3, padding=1, groups=4)
        dilated = nn.Conv2d(8, 8, (1, 3), dilation=2, padding=(0, 2), bias=False)
        norm = nn.GroupNorm(2, 8)
        """, interpreter: interpreter)
        let depthwise = try XCTUnwrap(interpreter.global("depthwise")?.asModule)
        XCTAssertEqual(depthwise.arguments, "4, 8, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), groups=4")
        XCTAssertEqual(depthwise.parameterFormula?.description, "3·3·1·8 + 8 = 80")
        XCTAssertEqual(depthwise.multAdds(input: [1, 4, 8, 8], output: [1, 8, 8, 8]), 80 * 64)
        XCTAssertEqual(try depthwise.outputShape(for: [2, 4, 8, 8]), [2, 8, 8, 8])
        let dilated = try XCTUnwrap(interpreter.global("dilated")?.asModule)
        XCTAssertEqual(dilated.arguments, "8, 8, kernel_size=(1, 3), stride=(1, 1), padding=(0, 2), dilation=(2, 2), bias=False")
        XCTAssertEqual(dilated.slidingWindow, Window2d(kernel: (1, 5), stride: (1, 1), padding: (0, 2)))
        XCTAssertEqual(dilated.parameterFormula?.description, "1·3·8·8 = 192")
        XCTAssertEqual(try XCTUnwrap(interpreter.global("norm")?.asModule).arguments, "2, 8, eps=1e-05, affine=True, bias=True")
    }

    func testValuesAndArithmetic() {
        let table: [(String, String)] = [
            ("print(7*7*3*64 + 64)", "9472"),
            ("print(7 / 2, 7 // 2, -7 // 2, 7 % 3, -7 % 3, 2 ** 10, 2 ** -1)", "3.5 3 -4 1 2 1024 0.5"),
            ("print(1e-5, 0.1 + 0.2, 3 * 1.5, 10 / 5)", "1e-05 0.30000000000000004 4.5 2.0"),
            ("print((224 + 2*3 - 7) // 2 + 1)", "112"),
            ("print('a' + 'b', 'ab' * 3, len('abc'))", "ab ababab 3"),
            ("print((1, 2) + (3,), [1] * 3, (1,), ())", "(1, 2, 3) [1, 1, 1] (1,) ()"),
            ("print(True and 0, None or 'x', not [], 1 if 0 else 2)", "0 x True 2"),
            ("print(1 < 2 <= 2, 3 in [1, 2, 3], 'b' not in 'abc', None is None)", "True True False True"),
            ("print(min(3, 1, 2), max([4, 9, 2]), sum([1, 2, 3]), abs(-4), round(3.14159, 2), round(2.5))", "1 9 6 4 3.14 2"),
            ("print(int('12'), float('0.5'), str(3), repr('x'), int(3.9))", "12 0.5 3 'x' 3"),
            ("print(f'{9472:,} params', f'{0.25:.1%}', f'{3.14159:.2f}', f'[{7:>3}]', f'{{x}}')", "9,472 params 25.0% 3.14 [  7] {x}"),
            ("xs = [1, 2]\nxs.append(3)\nys = xs\nys.append(4)\nprint(xs, len(xs), xs[-1], xs[1:3])", "[1, 2, 3, 4] 4 4 [2, 3]"),
            ("d = {'a': 1}\nd['b'] = 2\nprint(d, d['b'], list(d.keys()), 'a' in d)", "{'a': 1, 'b': 2} 2 ['a', 'b'] True"),
            ("print(list(range(3)), list(range(1, 7, 2)), list(enumerate('ab')))", "[0, 1, 2] [1, 3, 5] [(0, 'a'), (1, 'b')]"),
            ("print(sorted([3, 1, 2]), list(zip([1, 2], 'ab')))", "[1, 2, 3] [(1, 'a'), (2, 'b')]"),
            ("print('a', 'b', sep='-', end='!\\n')", "a-b!"),
        ]
        for (source, expected) in table {
            XCTAssertEqual(Self.run(source), expected + "\n", source)
        }
    }

    func testControlFlowAndFunctions() {
        let source = """
        def out_size(size, kernel, stride=1, padding=0):
            return (size + 2 * padding - kernel) // stride + 1

        sizes = []
        size = 224
        for k, s, p in [(7, 2, 3), (3, 2, 1), (3, 1, 1), (3, 2, 1)]:
            size = out_size(size, k, s, padding=p)
            sizes.append(size)
        print(sizes)
        n = 0
        while True:
            n += 1
            if n == 2:
                continue
            if n > 4:
                break
        print(n)
        c1, c3r, c3, c5r, c5, pp = (64, 96, 128, 16, 32, 32)
        print(c1 + c3 + c5 + pp)
        """
        XCTAssertEqual(Self.run(source), "[112, 56, 56, 28]\n5\n256\n")
    }

    func testClassesBuildBlocksWithNamedChildrenAndPaths() {
        let interpreter = Interpreter()
        Self.run("""
        class BasicConv2d(in_channel, F, size, stride, padding=0):
            self.layer = Sequential(Conv2d(in_channel, F, size, stride, padding=padding), BatchNorm2d(F), ReLU())
            def forward(self, x):
                return self.layer(x)

        class Pair(c):
            self.first = BasicConv2d(c, 8, 1, 1)
            self.second = BasicConv2d(8, 4, 3, 1, padding=1)
            self.note = "plain attribute"

        p = Pair(3)
        y = p(randn(2, 3, 8, 8, seed=0))
        """, interpreter: interpreter)
        let p = try! XCTUnwrap(interpreter.global("p")?.asModule)
        XCTAssertEqual(p.typeName, "Pair")
        XCTAssertEqual(p.arguments, "3")
        XCTAssertEqual(p.namedModules().map(\.path), ["", "first", "first.layer", "first.layer.0", "first.layer.1", "first.layer.2",
                                                      "second", "second.layer", "second.layer.0", "second.layer.1", "second.layer.2"])
        XCTAssertEqual(p.child("second")?.arguments, "8, 4, 3, 1, padding=1")
        XCTAssertEqual(interpreter.global("y")?.asTensor?.shape, [2, 4, 8, 8])   // default forward: children in order
        XCTAssertEqual(Self.run("print(p.note, p.second.layer[0].kernel_size, p.first.layer[0].weight.shape)", interpreter: interpreter),
                       "plain attribute (3, 3) torch.Size([8, 3, 1, 1])\n")
        XCTAssertEqual(p.description, """
        Pair(
          (first): BasicConv2d(
            (layer): Sequential(
              (0): Conv2d(3, 8, kernel_size=(1, 1), stride=(1, 1))
              (1): BatchNorm2d(8, eps=1e-05, momentum=0.1, affine=True, bias=True, track_running_stats=True)
              (2): ReLU()
            )
          )
          (second): BasicConv2d(
            (layer): Sequential(
              (0): Conv2d(8, 4, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))
              (1): BatchNorm2d(4, eps=1e-05, momentum=0.1, affine=True, bias=True, track_running_stats=True)
              (2): ReLU()
            )
          )
        )
        """)
    }

    func testPyTorchSpellingRunsToo() {
        let output = Self.run("""
        import torch
        import torch.nn as nn
        class Block(nn.Module):
            def __init__(self, c, out=4):
                super().__init__()
                self.conv = nn.Conv2d(c, out, 3, padding=1)
            def forward(self, x):
                return torch.relu(self.conv(x))
        b = Block(2)
        y = b(torch.randn(1, 2, 5, 5, seed=1))
        print(y.shape, y.min() >= 0, isinstance(b, Block), isinstance(b.conv, nn.Conv2d), isinstance(b, nn.Module))
        """)
        XCTAssertEqual(output, "torch.Size([1, 4, 5, 5]) tensor(True) True True True\n")
    }

    func testForwardMayReturnATupleAndBranchOnTrainingMode() {
        let output = Self.run("""
        class Heads(c):
            self.body = Conv2d(c, 4, 1)
            self.aux = Flatten()
            def forward(self, x):
                x = self.body(x)
                if self.training and self.aux is not None:
                    aux = self.aux(x)
                else: aux = None
                return aux, x
        h = Heads(3)
        x = ones(2, 3, 2, 2)
        print(h.training)
        h.eval()
        a, y = h(x)
        print(a, y.shape, h.training)
        h.train()
        a, y = h(x)
        print(a.shape, y.shape, h.training, h.body.training)
        train(h, False)
        print(h.training)
        """)
        XCTAssertEqual(output, "True\nNone torch.Size([2, 4, 2, 2]) False\ntorch.Size([2, 16]) torch.Size([2, 4, 2, 2]) True True\nFalse\n")
    }

    func testTensorsAndShapes() {
        let output = Self.run("""
        x = randn(2, 3, 224, 224, seed=0)
        print(x.shape, x.shape[1], len(x.shape), x.numel(), x.ndim, shape(x) == (2, 3, 224, 224))
        t = tensor([[1., 2], [3, 4]])
        print(t, t[1, 0], t.sum(), t.mean(), (t * 2 - 1).max(), t[0])
        print(zeros(2, 2) + 1, ones((1, 3)).shape)
        print(flatten(zeros(2, 4, 3, 3), 1).shape, x.flatten(1).shape, t.reshape(4).shape, t.reshape(-1, 1).shape)
        print(randn(3, seed=7).tolist() == randn(3, seed=7).tolist(), allclose(t, t + 1e-9))
        a = cat([zeros(1, 2, 4, 4), ones(1, 3, 4, 4)], 1)
        print(a.shape, a.sum())
        print(softmax(tensor([[0., 0]]), 1), argmax(tensor([[1, 5, 2]])))
        """)
        // The tensor lines are what PyTorch 2.15 prints for the same program.
        XCTAssertEqual(output, """
        torch.Size([2, 3, 224, 224]) 3 4 301056 4 True
        tensor([[1., 2.],
                [3., 4.]]) tensor(3.) tensor(10.) tensor(2.5000) tensor(7.) tensor([1., 2.])
        tensor([[1., 1.],
                [1., 1.]]) torch.Size([1, 3])
        torch.Size([2, 36]) torch.Size([2, 150528]) torch.Size([4]) torch.Size([4, 1])
        True True
        torch.Size([1, 5, 4, 4]) tensor(48.)
        tensor([[0.5000, 0.5000]]) tensor(1)

        """)
    }

    func testManualSeedMakesLayersAndRandomTensorsRepeat() {
        let output = Self.run("""
        manual_seed(3)
        a = Conv2d(3, 4, 3)
        x = randn(1, 3, 5, 5)
        manual_seed(3)
        b = Conv2d(3, 4, 3)
        y = randn(1, 3, 5, 5)
        print(allclose(a.weight, b.weight), allclose(x, y), allclose(a(x), b(y)))
        """)
        XCTAssertEqual(output, "True True True\n")
    }

    func testParamsAndFormulas() {
        let output = Self.run("""
        conv = Conv2d(3, 64, 7, 2, padding=3)
        print(params(conv), formula(conv), params(BatchNorm2d(64)), formula(Linear(1024, 1000)))
        expect(params(conv), 7*7*3*64 + 64)
        """)
        XCTAssertEqual(output, "9472 7·7·3·64 + 64 = 9,472 128 1024·1000 + 1000 = 1,025,000\n")
    }

    func testSaveAndLoadTensorsAndWeights() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lang-io-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let interpreter = Interpreter(builtins: .networksAndPictures)
        interpreter.baseDirectory = dir.path
        let output = Self.run("""
        x = randn(1, 3, 4, 4, seed=2)
        save(x, "x.npy")
        print(allclose(load("x.npy"), x))
        a = Sequential(Conv2d(3, 2, 3), BatchNorm2d(2))
        save_weights(a, "a.safetensors")
        manual_seed(9)
        b = Sequential(Conv2d(3, 2, 3), BatchNorm2d(2))
        print(allclose(a[0].weight, b[0].weight))
        load_weights(b, "a.safetensors")
        print(allclose(a[0].weight, b[0].weight), allclose(a(x), b(x)))
        """, interpreter: interpreter)
        XCTAssertEqual(output, "True\nFalse\nTrue True\n")
        XCTAssertEqual(try readNpy(path: dir.appendingPathComponent("x.npy").path).shape, [1, 3, 4, 4])
    }

    /// A block written in the language, given PyTorch's weights, gives PyTorch's output:
    /// the fixture's names carry the prefix "inception3a.", found by load_weights.
    func testLanguageInceptionModuleMatchesThePyTorchFixture() throws {
        let interpreter = Interpreter()
        interpreter.baseDirectory = Fixtures.directory.path
        let output = Self.run(try SeedInLanguageTests.referenceSource() + """

        block = Inception(192, (64, 96, 128, 16, 32, 32), 256)
        load_weights(block, "seed_inception3a.safetensors", prefix="inception3a.")
        block.eval()
        x = load("seed_inception3a.safetensors", "input")
        y = block(x)
        expect(y, load("seed_inception3a.safetensors", "expected.eval"), 1e-4)
        print(y.shape)
        """, interpreter: interpreter)
        XCTAssertEqual(output, "torch.Size([2, 256, 14, 14])\n")
    }

    func testReferenceNetworkIsReachableByName() {
        let output = Self.run("""
        ref = reference("inception3a")
        print(ref.path, params(ref), reference().inception3a.conv5x5[1].layer[0].padding)
        block = reference("inception4e.conv3x3.1")
        print(block.layer[0])
        print(reference.inception4e.conv3x3[1] is block, reference.training)
        """, interpreter: Interpreter(builtins: .networksAndPictures))
        XCTAssertEqual(output, "inception3a 164432 (2, 2)\nConv2d(160, 320, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))\nTrue False\n")
    }

    /// The language alone has no network and no pictures: they come from the registry it is handed.
    func testAnInterpreterWithoutTheNetworkBuiltinsSaysSo() {
        let script = Script(text: "r = reference()", file: "t.inc")
        let result = script.run(in: Interpreter(output: { _ in }))
        XCTAssertEqual(result.exitCode, 70)
        XCTAssertTrue(script.render(result).contains("reference() has no reference network here"), script.render(result))
        XCTAssertEqual(Self.run("print(load_image)", interpreter: Interpreter(builtins: .networksAndPictures)), "<built-in function load_image>\n")
    }

    func testNotebookCellsShareGlobalsAndProseIsSkipped() {
        let lesson = """
        # The stem

        A 7×7 convolution with stride 2:

        ```inception
        conv = Conv2d(3, 64, 7, 2, padding=3)
        ```

        Its output for one image:

        ```python
        this is not run
        ```

        ```inception
        print(conv(zeros(1, 3, 224, 224)).shape)
        ```
        """
        XCTAssertEqual(Self.run(lesson, file: "01-stem.md"), "torch.Size([1, 64, 112, 112])\n")
    }

    func testRunInteractiveGivesTheLastExpressionForEchoing() throws {
        let interpreter = Interpreter()
        let program = Parser.parse("x = 2\nx * 21", file: "<repl>").program
        let value = try interpreter.runInteractive(program)
        XCTAssertEqual(value?.repr, "42")
        XCTAssertNil(try interpreter.runInteractive(Parser.parse("print('hi')", file: "<repl>").program))
    }

    func testShapeInferenceRunsLanguageBlocksOnShapesOnly() throws {
        let interpreter = Interpreter()
        Self.run("""
        class Two(c):
            self.a = Conv2d(c, 4, 3, padding=1)
            self.b = Conv2d(c, 2, 1)
            def forward(self, x):
                return flatten(cat([self.a(x), self.b(x)], 1), 1)
        two = Two(3)
        """, interpreter: interpreter)
        let two = try XCTUnwrap(interpreter.global("two")?.asModule)
        let exits = try ShapeInference.trace(two, input: [2, 3, 8, 8])
        XCTAssertEqual(exits.map(\.path), ["a", "b", ""])
        XCTAssertEqual(exits.last?.outputShape, [2, 6 * 64])
    }

    /// The layers composed in the language (Unflatten, ConvTranspose2d, the 1-D ones) give their
    /// output shapes on shape-only (meta) inputs too, as :summary and the tracer ask them.
    func testShapeInferenceThroughComposedLayers() throws {
        let interpreter = Interpreter()
        Self.run("""
        decoder = nn.Sequential(nn.Linear(4, 48), nn.Unflatten(1, (3, 4, 4)), nn.ConvTranspose2d(3, 2, 2, stride=2))
        signal = nn.Sequential(nn.Conv1d(2, 4, 3, padding=1), nn.MaxPool1d(2), nn.AvgPool1d(2, ceil_mode=True), nn.AdaptiveAvgPool1d(3))
        """, interpreter: interpreter)
        let decoder = try XCTUnwrap(interpreter.global("decoder")?.asModule)
        XCTAssertEqual(try ShapeInference.trace(decoder, input: [5, 4]).map(\.outputShape), [[5, 48], [5, 3, 4, 4], [5, 2, 8, 8], [5, 2, 8, 8]])
        let signal = try XCTUnwrap(interpreter.global("signal")?.asModule)
        XCTAssertEqual(try ShapeInference.trace(signal, input: [2, 2, 11]).map(\.outputShape), [[2, 4, 11], [2, 4, 5], [2, 4, 3], [2, 4, 3], [2, 4, 3]])
    }

    func testImportRunsAFileFromTheLessonFolderOnce() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lang-import-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "print('loading blocks')\nclass Tiny(c):\n    self.conv = Conv2d(c, 2, 1)\nWIDTH = 2\n"
            .write(to: dir.appendingPathComponent("blocks.inc"), atomically: true, encoding: .utf8)
        let interpreter = Interpreter()
        interpreter.baseDirectory = dir.path
        let output = Self.run("""
        from blocks import Tiny, WIDTH
        import blocks
        import time
        t = Tiny(3)
        start = time.perf_counter()
        print(t(zeros(1, 3, 2, 2)).shape[1] == WIDTH, blocks.WIDTH, time.perf_counter() >= start)
        """, interpreter: interpreter)
        XCTAssertEqual(output, "loading blocks\nTrue 2 True\n")
    }

    func testInterruptionStopsALoopWithAnInterruptedError() {
        let interpreter = Interpreter()
        interpreter.setGlobal("stop", .builtin(Builtin("stop") { i, _ in i.interruption.request(); return .none }))
        let script = Script(text: "n = 0\nwhile True:\n    n += 1\n    if n == 3:\n        stop()\n", file: "loop.inc")
        guard case .runtimeError(let error) = script.run(in: interpreter) else { return XCTFail("the loop was not interrupted") }
        XCTAssertEqual(error.diagnostic.description, "loop.inc:2:1: error: interrupted")
        XCTAssertTrue(error.underlying is Interruption.Interrupted)
        XCTAssertEqual(interpreter.global("n")?.repr, "3")
    }
}

final class WithStatementTests: XCTestCase {
    /// `with` works with any ContextManager a builtin returns; exit runs when the block fails too.
    func testWithRunsEnterAndExitAroundTheBlockEvenOnErrors() throws {
        var log: [String] = []
        let interpreter = Interpreter(output: { log.append($0.trimmingCharacters(in: .newlines)) })
        interpreter.setGlobal("managed", .builtin(Builtin("managed") { _, _ in
            .object(ContextManager(typeName: "managed", enter: { log.append("enter"); return .int(7) }, exit: { log.append("exit") }))
        }))
        let ok = Parser.parse("with managed() as n:\n    print(n)\n", file: "w.inc")
        try interpreter.run(ok.program)
        XCTAssertEqual(log, ["enter", "7", "exit"])
        log = []
        let failing = Parser.parse("with managed():\n    print(1 / 0)\n", file: "w.inc")
        XCTAssertThrowsError(try interpreter.run(failing.program))
        XCTAssertEqual(log, ["enter", "exit"])
        let notAManager = Parser.parse("with 3:\n    pass\n", file: "w.inc")
        XCTAssertThrowsError(try interpreter.run(notAManager.program)) { error in
            XCTAssertTrue("\(error)".contains("does not support the context manager protocol"), "\(error)")
        }
    }
}
