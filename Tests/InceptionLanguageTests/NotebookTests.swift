import InceptionLanguage
import XCTest

/// Lesson files: prose and ```inception code cells, each with the line it starts on.
final class NotebookTests: XCTestCase {
    func testCellsAndTheirLines() {
        let text = """
        # Title
        Prose line.

        ```inception
        x = 1
        y = 2
        ```
        More prose.
        ```python
        not a cell
        ```
        ```inception
        print(x + y)
        ```
        """
        let notebook = Notebook(text: text, file: "l.md")
        XCTAssertEqual(notebook.cells.map(\.kind), [.prose, .code, .prose, .code])
        XCTAssertEqual(notebook.cells.map(\.startLine), [1, 5, 8, 13])
        XCTAssertEqual(notebook.codeCells.map(\.text), ["x = 1\ny = 2", "print(x + y)"])
        XCTAssertEqual(notebook.cells[2].text, "More prose.\n```python\nnot a cell\n```")
        XCTAssertEqual(notebook.diagnostics, [])
    }

    func testAnyOtherExtensionIsAllCode() {
        let notebook = Notebook(text: "```inception\nx = 1\n", file: "script.txt")
        XCTAssertEqual(notebook.cells, [Notebook.Cell(kind: .code, text: "```inception\nx = 1\n", startLine: 1)])
    }

    func testAnUnclosedCellIsASyntaxError() {
        let notebook = Notebook(text: "Intro\n```inception\nx = 1\n", file: "l.md")
        XCTAssertEqual(notebook.diagnostics.map(\.description), ["l.md:2:1: error: this ```inception code cell is never closed"])
        XCTAssertEqual(notebook.codeCells.map(\.text), ["x = 1\n"])
    }

    /// A cell whose closing ``` is missing before the next fence: one error at that fence, and the
    /// cells after it read as written (not the fence's backticks as code, one error each).
    func testAFenceInsideACodeCellIsAMissingClose() {
        let notebook = Notebook(text: "Intro\n```inception\nx = 1\n```output\n1\n```\n\n```inception\ny = 2\n```\n", file: "l.md")
        XCTAssertEqual(notebook.diagnostics.map(\.description),
                       ["l.md:4:1: error: the ```inception code cell opened at line 2 is not closed before this ```output line"])
        XCTAssertEqual(notebook.codeCells.map(\.text), ["x = 1", "y = 2"])
        XCTAssertEqual(Script(text: "Intro\n```inception\nx = 1\n```output\n1\n```\n", file: "l.md").run(in: Interpreter()).exitCode, 65)
    }

    func testErrorsInCellsPointIntoTheMarkdownFile() {
        let text = "# Lesson\n\n```inception\nx = 1\ny = (2,\n```\n\nText\n\n```inception\nz = ]\n```\n"
        let script = Script(text: text, file: "l.md")
        XCTAssertEqual(script.diagnostics.map(\.description), [
            "l.md:5:5: error: '(' was never closed",
            "l.md:11:5: error: unmatched ']'",
        ])
        XCTAssertEqual(script.run(in: Interpreter()).exitCode, 65)
    }
}
