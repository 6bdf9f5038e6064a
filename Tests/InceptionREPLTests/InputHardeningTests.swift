import Foundation
import InceptionREPL
import InceptionRuntime
import TestSupport
import XCTest

/// Input a learner did not mean, or a key pressed at the wrong time: one line each, and the
/// session goes on as before.
final class InputHardeningTests: XCTestCase {
    var stateDirectory = ""
    override func setUpWithError() throws { stateDirectory = try InceptionBinary.temporaryDirectory() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: stateDirectory) }

    /// A session on the REPL's fixture lessons; `onWrite` sees every line as it is written.
    func transcript(_ lines: [String], lesson: String = "2", onWrite: @escaping (Session, String) -> Void = { _, _ in }) -> String {
        DefaultGenerator.seed(0)
        var out: [String] = []
        var session: Session!
        let lessons = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/Lessons").path
        session = Session(terminal: .plain, reader: LineReader(scripted: lines), store: StateStore(environment: ["XDG_STATE_HOME": stateDirectory]),
                          lessonsDirectory: lessons, write: { line in
            out.append(line)
            onWrite(session, line)
        })
        session.run(openingLesson: lesson)
        return out.joined(separator: "\n").replacingOccurrences(of: #"\d+\.\d\d ms"#, with: "#.## ms", options: .regularExpression) + "\n"
    }

    /// Ctrl-C at the debugger's prompt clears the line and nothing more: the next :over steps.
    func testCtrlCAtThePausedPromptDoesNotStopTheNextStep() {
        let text = transcript([":run", ":break head", "y = net(x)", ":over", "print(y.shape)", ":quit"]) { session, line in
            if line.hasPrefix("⏸ head") { session.interrupt() }       // Ctrl-C while paused
        }
        XCTAssertTrue(text.contains("(paused at head) > :over\n  ✓ head.layer.0  Conv2d  1×4×3×3 → 1×6×3×3"), text)
        XCTAssertTrue(text.contains("\n  ✓ head  BasicConv2d  1×4×3×3 → 1×6×3×3"), text)
        XCTAssertFalse(text.contains("interrupted"), text)
        XCTAssertTrue(text.contains("> print(y.shape)\ntorch.Size([1, 6, 3, 3])\n"), text)
    }

    /// Bytes that are not UTF-8 (U+FFFD stands for them in a scripted session) and control
    /// characters: one line each, escaped in the echo; a block they fall in is not run.
    func testLinesThatAreNotTextGetOneLineEach() {
        let text = transcript(["print(1)\u{FFFD}\u{FFFD}\u{FFFD}", "x\u{0}y\u{1B} = 2", "if True:", "    print(\u{FFFD})", "print(3)", ":quit"], lesson: "1")
        XCTAssertTrue(text.contains("""
            [01-shapes 0/4] > print(1)\u{FFFD}\u{FFFD}\u{FFFD}
            <input>:1: bytes that are not UTF-8 — type or pipe UTF-8 text; this line was not run
            [01-shapes 0/4] > x\\x00y\\x1b = 2
            <input>:2:2: a control character (\\x00) that code cannot hold — remove it; this line was not run
            [01-shapes 0/4] > if True:
            ...     print(\u{FFFD})
            <input>:4: bytes that are not UTF-8 — type or pipe UTF-8 text; this line was not run
            (the block above was not run: type it again)
            [01-shapes 0/4] > print(3)
            3

            """), text)
    }

    /// A command typed inside an unfinished block leaves the block and runs.
    func testACommandInsideABlockRuns() {
        let text = transcript(["for i in range(3):", ":help quit", "print(4)", ":quit"], lesson: "1")
        XCTAssertTrue(text.contains("> for i in range(3):\n... :help quit\n(the unfinished block above was not run)\n:quit\n  leave (Ctrl-D does too); your place is kept\n"), text)
        XCTAssertTrue(text.contains("> print(4)\n4\n"), text)
    }

    /// ':' with no name after it, or a space before the name: said so (it guessed ":rf").
    func testAColonWithoutACommandName() {
        let text = transcript([":", ": next", "::", ":quit"], lesson: "1")
        XCTAssertTrue(text.contains("> :\n':' starts a command: type a name after it, such as :next (:help lists the commands)\n"), text)
        XCTAssertTrue(text.contains("> : next\na command is written without a space after the colon: :next\n"), text)
        XCTAssertTrue(text.contains("> ::\n':' starts a command: type a name after it, such as :next (:help lists the commands)\n"), text)
    }

    /// exit() and quit() leave, as in Python's REPL (they were "name 'exit' is not defined");
    /// a variable of that name is the learner's own.
    func testExitAndQuitLeaveAsInPython() {
        let left = transcript(["quit()", "print('still here')"], lesson: "1")
        XCTAssertTrue(left.hasSuffix("> quit()\n"), left)
        let bare = transcript(["exit", "print('still here')"], lesson: "1")
        XCTAssertTrue(bare.hasSuffix("> exit\n"), bare)
        let own = transcript(["exit = 5", "exit", ":quit"], lesson: "1")
        XCTAssertTrue(own.contains("> exit\n5\n"), own)
    }

    /// Paused before a module, its output does not exist yet: said so, not "did you mean".
    func testInspectingAModuleThatHasNotRunYet() {
        let text = transcript([":run", ":break head", "y = net(x)", ":shape head", ":shape stem", ":continue", ":quit"])
        XCTAssertTrue(text.contains("(paused at head) > :shape head\nhead has not run yet in this pass: :over (or :continue to a breakpoint after it) runs it, then :shape head shows its output\n"), text)
        XCTAssertTrue(text.contains("(paused at head) > :shape stem\nstem: 1×4×6×6\n"), text)
    }

    /// With nothing built, the breakpoint hint names what builds in every lesson.
    func testBreakWithNothingBuiltSuggestsTheReference() {
        let text = transcript([":break inception4a", ":quit"], lesson: "1")
        XCTAssertTrue(text.contains("> :break inception4a\nno module has the path 'inception4a': build a network first (e.g. net = reference(), the seed's Inception V1), then set the breakpoint; no breakpoint set\n"), text)
    }

    /// Arguments a command does not take, lesson 0, a slice with a step: said, not ignored.
    func testArgumentsThatWouldBeIgnoredAreNamed() {
        let text = transcript([":next", ":cell 3", ":again 5", ":next 3", ":progress all", ":open 0", ":rf inception4a abc", "y = torch.zeros(1, 2, 3)", ":show y [0, 0, 1:2:0]", ":reset", ":quit now"], lesson: "1")
        // every command that takes nothing says so (one rule at dispatch), and ran nothing
        XCTAssertTrue(text.contains("> :next 3\n:next takes no argument (it does this: show the next cell; a code cell also runs); :open N opens lesson N, :next goes on cell by cell\n"), text)
        XCTAssertTrue(text.contains("> :progress all\n:progress takes no argument (it does this: what you have solved, with a bar)\n"), text)
        XCTAssertFalse(text.contains("cell 2/"), text)
        XCTAssertTrue(text.contains("> :cell 3\n:cell takes no argument (it does this: show the current cell again); :open N opens lesson N, :next goes on cell by cell\n"), text)
        XCTAssertTrue(text.contains("> :again 5\n:again takes no argument (it does this: run the current cell again (after fixing what stopped it)); :open N opens lesson N, :next goes on cell by cell\n"), text)
        XCTAssertTrue(text.contains("> :open 0\nno lesson 0: lessons are numbered from 1 (:lessons lists them; :open 1 opens the first)\n"), text)
        XCTAssertTrue(text.contains("> :rf inception4a abc\nusage: :rf [PATH] [SIZE]  (e.g. :rf inception4a 160; SIZE is a whole number, the input's height)\n"), text)
        XCTAssertTrue(text.contains("> :show y [0, 0, 1:2:0]\n'1:2:0' in position 3 has a step: :show takes start:stop without one (e.g. 1:2); print(x[::2]) in code takes steps\n"), text)
        XCTAssertTrue(text.contains("> :reset\nSay which exercise to reset: :reset EXERCISE (:exercises lists them).\n"), text)
    }

    /// :vars shows a long value's beginning and how long it is.
    func testVarsShortensLongValues() {
        let text = transcript(["s = 'a' * 200000", "n = 3", ":vars", ":quit"], lesson: "1")
        XCTAssertTrue(text.contains("  s = '" + String(repeating: "a", count: 99) + "… (200,002 characters; print(NAME) shows it all)\n"), text)
        XCTAssertTrue(text.contains("  n = 3\n"), text)
    }
}
