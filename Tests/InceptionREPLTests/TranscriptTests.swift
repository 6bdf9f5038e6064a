import Foundation
import InceptionLanguage
import InceptionREPL
import InceptionRuntime
import TestSupport
import XCTest

/// Whole REPL sessions, typed in as a learner would, against golden transcripts in
/// Snapshots/. Set UPDATE_SNAPSHOTS=1 to rewrite them after a deliberate change.
final class TranscriptTests: XCTestCase {
    static let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    var stateDirectory = ""

    override func setUpWithError() throws { stateDirectory = try InceptionBinary.temporaryDirectory() }
    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: stateDirectory)
        OpenBLAS.setThreads(ProcessInfo.processInfo.activeProcessorCount)     // :threads is process-wide
    }

    /// Runs the lines in a fresh session on the fixture lessons; returns what it printed.
    func transcript(_ lines: [String], lesson: String? = "1", lessons: String = "Lessons", terminal: Terminal = .plain) -> String {
        // As a new REPL process: layers draw their first weights from seed 0, whatever ran before.
        DefaultGenerator.seed(0)
        var out: [String] = []
        let store = StateStore(environment: ["XDG_STATE_HOME": stateDirectory])
        let session = Session(terminal: terminal, reader: LineReader(scripted: lines), store: store,
                              lessonsDirectory: Self.here.appendingPathComponent("Fixtures/\(lessons)").path,
                              write: { out.append($0) })
        session.run(openingLesson: lesson)
        // Timings vary from run to run; everything else must not.
        return out.joined(separator: "\n").replacingOccurrences(of: #"\d+\.\d\d ms"#, with: "#.## ms", options: .regularExpression)
            .replacingOccurrences(of: Self.here.path, with: "$TESTS") + "\n"
    }

    /// Where a transcript's snapshot is kept: Snapshots/NAME.txt next to this file.
    static func snapshot(_ name: String) -> URL { here.appendingPathComponent("Snapshots/\(name).txt") }

    /// A cell that fails stops :run there (the next cell needs its y), and :again runs it once
    /// the learner has fixed what it named.
    func testAFailingCellStopsRunAndRunsAgain() throws {
        let text = transcript([":run", "x_scale = 21", ":again", ":run", ":again", ":quit"], lesson: "3")
        try assertSnapshot(text, at: Self.snapshot("failing-cell"))
    }

    /// loss.backward() stepped like the forward pass: :step armed before it pauses at the loss,
    /// :step and :over walk the modules in reverse, a breakpoint pauses where backward enters
    /// a block, :grad and :stats read gradients, :gradnorms draws the norms by depth.
    func testBackwardDebugger() throws {
        let text = transcript([
            "class Block(nn.Module):",
            "    def __init__(self):",
            "        super().__init__()",
            "        self.conv = nn.Conv2d(3, 4, 3, padding=1)",
            "        self.bn = nn.BatchNorm2d(4)",
            "    def forward(self, x):",
            "        return F.relu(self.bn(self.conv(x)))",
            "",
            "net = nn.Sequential(Block(), nn.MaxPool2d(2), Block(), nn.AdaptiveAvgPool2d((1, 1)), nn.Flatten(), nn.Linear(4, 3))",
            "net[2].conv = nn.Conv2d(4, 4, 3, padding=1)",
            "net.train()",
            "x = randn(2, 3, 8, 8, seed=1)",
            "loss = F.cross_entropy(net(x), tensor([0, 2]))",
            ":step", "loss.backward()", ":step", ":step", ":over", ":where", ":grad 2", ":continue",
            ":gradnorms", ":gradnorms all", ":stats 2.grad", ":grad nosuch",
            "net.zero_grad()", "loss = F.cross_entropy(net(x), tensor([0, 2]))",
            ":break 0", "loss.backward()", ":grad 0.conv", ":continue", ":quit",
        ], lesson: nil)
        try assertSnapshot(text, at: Self.snapshot("backward-debugger"))
    }

    /// Issue 16's rendering fixes: indented blocks (formulas, diagrams) kept verbatim; the
    /// ```output block under a code cell not shown again after the cell printed (a stale one
    /// least of all); a 112×112 heatmap fitted to a 45-row screen; a line wider than the
    /// terminal says how to read it; the last cell of the last lesson points to what exists.
    func testRenderingFitsTheLessonAndTheScreen() throws {
        let text = transcript([":next", ":next", ":next", ":next", ":heatmap x", ":next", ":next", ":quit"],
                              lesson: "1", lessons: "Rendering", terminal: Terminal(colors: .none, width: 80, unicode: false, height: 45))
        XCTAssertFalse(text.contains("\n5\n"), "the stale ```output block was shown")
        XCTAssertTrue(text.contains("    y = γ_c · (x − μ_c) / √(σ²_c + ε) + β_c        (ε = 1e-05)"))
        try assertSnapshot(text, at: Self.snapshot("rendering"))
    }

    /// :rf on the seed network: one module, a branch inside one, another input size, a typo.
    func testReceptiveFieldCommand() throws {
        let text = transcript([":rf inception4a", ":rf inception3a.conv3x3", ":rf inception5b 160", ":rf incepton4a", ":quit"], lesson: nil)
        XCTAssertTrue(text.contains("inception4a: each output value sees 171×171 input pixels; neighbouring values are 16 pixels apart (jump); map 14×14"), text)
        XCTAssertTrue(text.contains("inception3a.conv3x3: each output value sees 43×43 input pixels"), text)
        XCTAssertTrue(text.contains("no module 'incepton4a' in the seed network. Did you mean inception4a?"), text)
    }

    /// The step lines carry each module's receptive field and jump, in pixels of the run's input:
    /// the pause line the input's, the ✓ line the output's. A 3×3/2 convolution gives rf 3 jump 2;
    /// inside an Inception block the 1×1 branch keeps 3, the 5×5 branch reaches 3 + 4·2 = 11, and
    /// the block takes its largest branch; global average pooling over 8×8 reads 11 + 7·2 = 25.
    /// `:trace on` prints the same numbers.
    func testStepLinesShowTheReceptiveField() throws {
        let text = transcript([
            "class Inception(c):",
            "    self.a = nn.Conv2d(c, 2, 1)",
            "    self.b = nn.Conv2d(c, 2, 5, padding=2)",
            "    def forward(self, x):",
            "        return torch.cat([self.a(x), self.b(x)], 1)",
            "",
            "net = nn.Sequential(nn.Conv2d(3, 4, 3, stride=2, padding=1), Inception(4), nn.AdaptiveAvgPool2d((1, 1)))",
            "x = randn(1, 3, 16, 16, seed=0)",
            ":break 1", "y = net(x)", ":step", ":step", ":out", ":continue",
            ":delete", ":trace on", "y = net(x)", ":trace off", ":quit",
        ], lesson: nil)
        XCTAssertTrue(text.contains("⏸ 1  Inception(4)\n  input 1×4×8×8  rf 3 jump 2  params 212"), text)
        XCTAssertTrue(text.contains("  ✓ 1.b  Conv2d  1×4×8×8 → 1×2×8×8  params 5·5·4·2 + 2 = 202  mult-adds 12,928  rf 11 jump 2"), text)
        XCTAssertTrue(text.contains("  ✓ 1  Inception  1×4×8×8 → 1×4×8×8  rf 11 jump 2"), text)
        XCTAssertTrue(text.contains("  2: AdaptiveAvgPool2d(output_size=(1, 1))  1×4×8×8 → 1×4×1×1  rf 25 jump 16"), text)
        try assertSnapshot(text, at: Self.snapshot("receptive-field-steps"))
    }

    /// One BatchNorm2d text, with PyTorch 2.15's `bias=True`, whether the layer is the learner's
    /// or the reference network's; the network itself prints no constructor line (its PyTorch
    /// class has no extra_repr).
    func testReferenceLayersPrintAsPyTorchPrintsThem() throws {
        let text = transcript(["print(nn.BatchNorm2d(4))", "print(reference(\"conv1\"))", "print(str(reference()).split(\"\\n\")[1])", ":quit"], lesson: nil)
        XCTAssertTrue(text.contains("> print(nn.BatchNorm2d(4))\nBatchNorm2d(4, eps=1e-05, momentum=0.1, affine=True, bias=True, track_running_stats=True)\n"), text)
        XCTAssertTrue(text.contains("(1): BatchNorm2d(64, eps=1e-05, momentum=0.1, affine=True, bias=True, track_running_stats=True)"), text)
        XCTAssertTrue(text.contains("> print(str(reference()).split(\"\\n\")[1])\n  (conv1): BasicConv2d(\n"), text)
        XCTAssertFalse(text.contains("init_weights=True"), text)
    }

    /// :glossary: a term, an alias, a prefix, a typo, the list.
    func testGlossary() throws {
        let text = transcript([":glossary relu", ":glossary BN", ":glossary receptive", ":glossary convolutoin", ":glossary", ":quit"], lesson: nil)
        XCTAssertTrue(text.contains("relu: max(0, x), value by value"), text)
        XCTAssertTrue(text.contains("batchnorm: Normalises each channel"), text)
        XCTAssertTrue(text.contains("receptive field: How many input pixels"), text)
        XCTAssertTrue(text.contains("'convolutoin' is not in the glossary. Did you mean convolution?"), text)
        XCTAssertTrue(text.contains("Terms (:glossary TERM explains one): convolution, feature map,"), text)
    }

    /// A decorator line reads on to its def and the def's body, as Python's REPL does.
    func testADecoratedDefIsReadWhole() throws {
        let text = transcript(["@torch.no_grad()", "def double(x):", "    return x * 2", "",
                               "print(double(torch.ones(1, requires_grad=True)), double.__name__)", ":quit"])
        XCTAssertTrue(text.contains("... def double(x):"), text)
        XCTAssertTrue(text.contains("tensor([2.]) double"), text)
        XCTAssertFalse(text.contains("error"), text)
    }

    func testNotebookCommands() throws {
        try assertSnapshot(transcript([":help", ":lessons", ":next", ":next", ":cell", ":prev", ":next", ":run", ":next",
                                       ":restart", ":next", ":open 2", ":lessons", ":open nosuch", ":quit", ":next"]), at: Self.snapshot("notebook"))
    }

    func testDebuggerCommands() throws {
        try assertSnapshot(transcript([":run", ":step", ":over", ":break head", ":break", "y = net(x)", ":where", ":step", ":step",
                                       ":shape head.layer.0", ":out", ":continue", ":delete head", ":step", "y = net(x)",
                                       ":over", ":over", ":continue", ":delete", ":quit"], lesson: "2"), at: Self.snapshot("debugger"))
    }

    func testInspectionCommands() throws {
        let saved = stateDirectory + "/y.npy"
        WritePolicy.extraDirectories = [stateDirectory]      // :save writes only to allowed folders
        defer { WritePolicy.extraDirectories = [] }
        let text = transcript([":run", "y = net(x)", "y", ":shape y", ":shape stem", ":show y [0, 1, :2, :]", ":show y [0, 9]", ":stats head",
                               ":stats y", ":heatmap stem.layer.0 0 2", ":hist y", ":save y \(saved)", ":shape nosuch", ":stats net",
                               "z = net", ":quit"], lesson: "2")
        try assertSnapshot(text.replacingOccurrences(of: stateDirectory, with: "$STATE"), at: Self.snapshot("inspection"))
        XCTAssertEqual(try readNpy(path: saved).shape, [1, 6, 3, 3])
    }

    func testArithmeticAndSettings() throws {
        try assertSnapshot(transcript([":run", ":params net", ":params stem.layer.0", ":summary net 1,3,6,6", ":savings inception3a",
                                       ":diagram inception4e", ":mode train", "y = net(x)", ":mode eval", ":trace on", "y = net(x)",
                                       ":trace off", ":threads 1", ":threads zero", ":vars", ":quit"], lesson: "2"), at: Self.snapshot("arithmetic"))
    }

    func testErrorsPrintAndTheSessionGoesOn() throws {
        try assertSnapshot(transcript([":run", "y = net(torch.randn(1, 5, 6, 6))", "z = (1 +", "", "undefined_name * 2",
                                       ":frobnicate", ":heatmpa y", "print(params(net))", ":quit"], lesson: "2"), at: Self.snapshot("errors"))
    }

    func testProgressIsKeptBetweenSessions() throws {
        _ = transcript([":next", ":next", ":quit"])
        let second = transcript([":cell", "print(y.shape)", ":replay", "print(y.shape)", ":quit"], lesson: nil)
        XCTAssertTrue(second.contains("Resuming after cell 2"), second)
        XCTAssertTrue(second.contains("── cell 2/4 (code)"), second)
        XCTAssertTrue(second.contains("error: name 'y' is not defined"), second)
        XCTAssertTrue(second.hasSuffix("> print(y.shape)\ntorch.Size([1, 8, 4, 4])\n[01-shapes 2/4] > :quit\n"), second)
    }

    /// The scanner alone decides whether a typed line is complete: an escaped quote inside a
    /// string opens no bracket (this line used to wait for more and swallow the next
    /// statement); an open bracket, a block, a `\` at the end and a one-line `try:` (which needs
    /// its except) still read more lines.
    func testTheScannerDecidesWhenATypedLineIsComplete() throws {
        let text = transcript([#"print("a\"(")"#, "print(1)", "if True:", "    print(2)", "", "z = (1 +", "2)", "z",
                               #"w = 3 + \"#, "4", "w", "print('#:')", #"try: int("x")"#, "except ValueError as e: print(e)", "", ":quit"])
        let tail = text.components(separatedBy: "[01-shapes 0/4] > ").dropFirst().joined(separator: "[01-shapes 0/4] > ")
        XCTAssertEqual(tail, """
            print("a\\"(")
            a"(
            [01-shapes 0/4] > print(1)
            1
            [01-shapes 0/4] > if True:
            ...     print(2)
            ... \("")
            2
            [01-shapes 0/4] > z = (1 +
            ... 2)
            [01-shapes 0/4] > z
            3
            [01-shapes 0/4] > w = 3 + \\
            ... 4
            [01-shapes 0/4] > w
            7
            [01-shapes 0/4] > print('#:')
            #:
            [01-shapes 0/4] > try: int("x")
            ... except ValueError as e: print(e)
            ... \("")
            invalid literal for int() with base 10: 'x'
            [01-shapes 0/4] > :quit

            """)
    }
}
