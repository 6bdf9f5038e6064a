import InceptionREPL
import InceptionRuntime
import XCTest

/// Terminal rendering: prose, heatmaps, statistics, slices, suggestions.
final class RenderingTests: XCTestCase {
    func testProseWithoutColourDropsMarkersAndWraps() {
        let prose = ProseRenderer(terminal: Terminal(colors: .none, width: 30))
        let text = """
        ## The stem

        A **7×7** convolution with *stride 2* halves the image: `224 → 112`, and then a max pool halves it again.

        - one
        - two, whose text goes on
          on the next line
        """
        XCTAssertEqual(prose.render(text), """
        The stem
        --------

        A 7×7 convolution with stride
        2 halves the image: 224 → 112,
        and then a max pool halves it
        again.

        • one
        • two, whose text goes on on
          the next line
        """.replacingOccurrences(of: "--------", with: "────────"))
    }

    func testProseWithColourStylesHeadingsAndEmphasis() {
        let prose = ProseRenderer(terminal: Terminal(colors: .ansi256, width: 80))
        XCTAssertEqual(prose.render("# Title"), "\u{1B}[1;36mTITLE\u{1B}[0m\n\u{1B}[2m─────\u{1B}[0m")
        XCTAssertEqual(prose.render("a **b** c"), "a \u{1B}[1mb\u{1B}[0m c")
    }

    func testASCIIHeatmapOnADumbTerminal() {
        let map: [Float] = [0, 1, 2, 3, 4, 5, 6, 7, 8]
        let text = Heatmap(terminal: Terminal(colors: .none, width: 80, unicode: false)).render(map, height: 3, width: 3, title: "x[0, 0]")
        XCTAssertEqual(text, """
        x[0, 0]  min 0  max 8
         .:
        -+*
        #%@
        scale: ' .:-=+*#%@' from min to max
        """)
    }

    func testColourHeatmapUsesHalfBlocksTwoRowsPerLine() {
        let text = Heatmap(terminal: Terminal(colors: .trueColor, width: 80)).render([0, 1, 2, 3], height: 2, width: 2, title: "t")
        let lines = text.split(separator: "\n")
        XCTAssertEqual(lines.count, 3)                       // title, one line for two rows, colour bar
        XCTAssertEqual(lines[1].filter { $0 == "▀" }.count, 2)
        XCTAssertTrue(lines[1].hasPrefix("\u{1B}[38;2;68;1;84m\u{1B}[48;2;"))
    }

    func testStatsCountZerosAfterReLU() throws {
        let t = try Tensor(shape: [1, 4], values: [0, 0, 2, 6])
        let s = TensorSummary.stats(t)
        XCTAssertEqual(s.min, 0); XCTAssertEqual(s.max, 6); XCTAssertEqual(s.mean, 2)
        XCTAssertEqual(s.std, (((4 + 4 + 0 + 16) as Float) / 4).squareRoot())
        XCTAssertEqual(s.zeroFraction, 0.5)
        XCTAssertEqual(TensorSummary.oneLine(t), "tensor 1×4  min 0  max 6  mean 2  std 2.4495  zeros 50.0%")
    }

    func testHistogram() throws {
        let t = try Tensor(shape: [4], values: [0, 0, 0, 1])
        XCTAssertEqual(TensorSummary.histogram(t, bins: 2, barWidth: 6, unicode: false), """
        [0, 0.5)                 ###### 3
        [0.5, 1)                 ## 1
        """)
    }

    func testSlicingLikeNumPy() throws {
        let t = try Tensor(shape: [2, 3, 4], values: (0..<24).map(Float.init))
        let s = try TensorSlice.parse("[1, :2, -2:]").apply(to: t)
        XCTAssertEqual(s.shape, [2, 2])
        XCTAssertEqual(s.values, [14, 15, 18, 19])
        XCTAssertEqual(TensorSlice.format(shape: s.shape, values: s.values), "[[       14        15],\n [       18        19]]")
        XCTAssertThrowsError(try TensorSlice.parse("[0, 5]").apply(to: t)) {
            XCTAssertEqual("\($0)", "index 5 is out of range for dimension 1 of size 3")
        }
        XCTAssertThrowsError(try TensorSlice.parse("0, 1")) {
            XCTAssertEqual("\($0)", "write the slice in brackets, e.g. [0, 5, :4, :4]")
        }
    }

    func testClosestCommand() {
        let names = ["next", "prev", "heatmap", "help", "step", "stats", "summary"]
        XCTAssertEqual(CommandSuggestion.closest(to: "nxet", among: names), "next")
        XCTAssertEqual(CommandSuggestion.closest(to: "heatmpa", among: names), "heatmap")
        XCTAssertNil(CommandSuggestion.closest(to: "frobnicate", among: names))
    }

    func testStateDirectoryFollowsXDG() {
        XCTAssertEqual(StateStore(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"]).progressFile, "/s/inception/progress.json")
        XCTAssertEqual(StateStore(environment: ["HOME": "/h"]).historyFile, "/h/.local/state/inception/history")
    }
}
