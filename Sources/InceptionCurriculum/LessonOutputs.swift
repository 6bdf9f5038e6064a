import Foundation
import InceptionLanguage

/// A lesson's expected outputs, written in the lesson itself: a code cell followed by a
/// fenced ```output block shows (on GitHub, in a pager) what the cell prints, and the tests
/// run the lesson and compare, cell by cell.
///
///     ```inception
///     print((224 + 2*3 - 7) // 2 + 1)
///     ```
///     ```output
///     112
///     ```
///
/// A block opened by "```output ~15%" compares its numbers within 15% of each other and the
/// rest of the text exactly (runs of spaces count as one): for numbers after many training
/// steps, which any change in the last bits of the arithmetic (a new kernel, another order of
/// summation) moves, while the text and the size of the numbers must stay.
public struct LessonOutputs {
    public struct Cell: Equatable {
        /// The code cell's first line in the lesson file.
        public let line: Int
        /// What the cell printed.
        public let printed: String
        /// The ```output block after the cell, when there is one.
        public let expected: String?
        /// The relative tolerance of its numbers ("```output ~15%" → 0.15); nil: exactly.
        public var tolerance: Double? = nil

        /// Printed and expected agree, up to spaces at line ends and blank lines at the end
        /// (and, with a tolerance, up to its share of each number).
        public var matches: Bool {
            guard let expected else { return true }
            let (a, b) = (LearnerSource.normalized(expected), LearnerSource.normalized(printed))
            guard let tolerance else { return a == b }
            return NumbersInText.agree(a, b, relativeTolerance: tolerance)
        }
    }

    public let file: String
    /// Every code cell that ran, in order.
    public let cells: [Cell]
    /// The rendered error that stopped the lesson, if one did.
    public let error: String?

    /// The cells whose output differs from their ```output block.
    public var mismatches: [Cell] { cells.filter { !$0.matches } }

    /// The fence tag of expected-output blocks.
    public static let outputFenceTag = "output"

    /// Whether a line opens an output block ("```output", "```output ~15%"), and its numbers'
    /// relative tolerance (nil: compared exactly).
    public static func outputFence(_ line: String) -> (isOutput: Bool, tolerance: Double?) {
        let t = line.trimmingCharacters(in: .whitespaces)
        guard t.hasPrefix("```" + outputFenceTag) else { return (false, nil) }
        let rest = t.dropFirst(3 + outputFenceTag.count).trimmingCharacters(in: .whitespaces)
        if rest.isEmpty { return (true, nil) }
        guard rest.hasPrefix("~"), rest.hasSuffix("%"), let percent = Double(rest.dropFirst().dropLast()), percent >= 0 else { return (false, nil) }
        return (true, percent / 100)
    }

    /// Runs the lesson's code cells in `interpreter`, capturing what each prints.
    public static func run(_ script: Script, in interpreter: Interpreter) -> LessonOutputs {
        let notebook = script.notebook
        guard script.diagnostics.isEmpty else {
            return LessonOutputs(file: notebook.file, cells: [], error: script.render(.syntaxErrors(script.diagnostics)))
        }
        var results: [Cell] = []
        var printed = ""
        let saved = interpreter.output
        interpreter.output = { printed += $0 }
        defer { interpreter.output = saved }
        var programIndex = 0
        for (i, cell) in notebook.cells.enumerated() where cell.kind == .code {
            printed = ""
            let program = script.programs[programIndex]
            programIndex += 1
            let block = i + 1 < notebook.cells.count ? expectedOutput(notebook.cells[i + 1]) : nil
            let expected = block?.text, tolerance = block?.tolerance
            do {
                try interpreter.run(program)
            } catch let e as RuntimeError {
                results.append(Cell(line: cell.startLine, printed: printed, expected: expected, tolerance: tolerance))
                return LessonOutputs(file: notebook.file, cells: results, error: script.render(.runtimeError(e)))
            } catch {
                results.append(Cell(line: cell.startLine, printed: printed, expected: expected, tolerance: tolerance))
                return LessonOutputs(file: notebook.file, cells: results, error: "\(error)")
            }
            results.append(Cell(line: cell.startLine, printed: printed, expected: expected, tolerance: tolerance))
        }
        return LessonOutputs(file: notebook.file, cells: results, error: nil)
    }

    /// The body of a ```output block that opens a prose cell (blank lines before it allowed),
    /// and its tolerance.
    static func expectedOutput(_ cell: Notebook.Cell) -> (text: String, tolerance: Double?)? {
        guard cell.kind == .prose else { return nil }
        var lines = cell.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while let first = lines.first, first.trimmingCharacters(in: .whitespaces).isEmpty { lines.removeFirst() }
        guard let open = lines.first else { return nil }
        let fence = outputFence(open)
        guard fence.isOutput else { return nil }
        var body: [String] = []
        for line in lines.dropFirst() {
            if line.trimmingCharacters(in: .whitespaces) == "```" { return (body.joined(separator: "\n"), fence.tolerance) }
            body.append(line)
        }
        return nil
    }
}

extension LessonOutputs {
    /// The lesson text with every ```output block that follows a code cell replaced by what
    /// that cell printed (`printed` is keyed by the cell's first line): how a lesson's
    /// expectations are written after a deliberate change. Cells without an output block,
    /// and blocks whose cell did not run, stay as they are.
    public static func filled(_ markdown: String, printed: [Int: String]) -> String {
        let lines = markdown.components(separatedBy: "\n")
        var out: [String] = []
        var i = 0
        let trimmed = { (n: Int) in lines[n].trimmingCharacters(in: .whitespaces) }
        while i < lines.count {
            guard trimmed(i) == "```" + Notebook.codeFenceTag else { out.append(lines[i]); i += 1; continue }
            let firstCodeLine = i + 2                          // 1-based line of the cell's first line
            out.append(lines[i]); i += 1
            while i < lines.count && trimmed(i) != "```" { out.append(lines[i]); i += 1 }
            guard i < lines.count else { break }
            out.append(lines[i]); i += 1
            var j = i
            while j < lines.count && trimmed(j).isEmpty { j += 1 }
            guard j < lines.count, outputFence(lines[j]).isOutput,
                  let close = lines[(j + 1)...].firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "```" }) else { continue }
            out += lines[i...j]
            if let text = printed[firstCodeLine] {
                let body = LearnerSource.normalized(text)
                if !body.isEmpty { out += body.components(separatedBy: "\n") }
            } else {
                out += lines[(j + 1)..<close]
            }
            out.append(lines[close])
            i = close + 1
        }
        return out.joined(separator: "\n")
    }
}
