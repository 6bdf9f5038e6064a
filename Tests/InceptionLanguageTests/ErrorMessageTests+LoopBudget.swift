import InceptionLanguage
import XCTest

/// All the loops of a run share one budget of rounds (nested loops multiply past any one loop's limit).
extension ErrorMessageTests {
    func testNestedLoopsStopAtTheLoopBudgetWithTheLine() {
        let script = Script(text: "n = 0\nfor i in range(9000000):\n    for j in range(9000000):\n        n += 1\n", file: "e.inc")
        let interpreter = Interpreter(output: { _ in })
        interpreter.loopRoundLimit = 50_000
        let text = script.render(script.run(in: interpreter))
        XCTAssertTrue(text.hasPrefix("e.inc:3:5: error: the loops of this program have run 50,000 rounds in all (this loop was running); they probably never end"), text)
        XCTAssertTrue(text.contains("fix: make the loops smaller; if the program really needs more, run it with `inception run --max-loop-rounds N` (0: no limit)"), text)
        // comprehensions count too, and a run under the budget is untouched
        let nested = Script(text: "xs = [i * j for i in range(1000) for j in range(1000)]\n", file: "e.inc")
        XCTAssertTrue(nested.render(nested.run(in: interpreter)).contains("run 50,000 rounds"))
        XCTAssertEqual(InterpreterTests.run("n = 0\nfor i in range(200):\n    for j in range(200):\n        n += 1\nprint(n)", interpreter: interpreter), "40000\n")
    }
}
