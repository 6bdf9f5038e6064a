import Foundation

/// A lesson file as cells: prose, and code in fenced ```inception blocks. Each cell keeps
/// the line where its text starts, so errors in code point into the .md file itself.
///
/// A file with any other extension (`.inc`, `.txt`, …) is one code cell: all of it is code.
public struct Notebook: Sendable {
    public enum Kind: Equatable, Sendable { case prose, code }

    public struct Cell: Equatable, Sendable {
        public var kind: Kind
        /// The cell's text without the fence lines.
        public var text: String
        /// The file line of the text's first line (1-based).
        public var startLine: Int
        public init(kind: Kind, text: String, startLine: Int) { self.kind = kind; self.text = text; self.startLine = startLine }
    }

    public let file: String
    public let cells: [Cell]
    /// Problems with the cell structure (a code fence that is never closed).
    public let diagnostics: [Diagnostic]

    public var codeCells: [Cell] { cells.filter { $0.kind == .code } }

    /// The language tag of a code fence: ```inception
    public static let codeFenceTag = "inception"

    /// Markdown lesson files hold cells; everything else is a plain script.
    public static func isMarkdown(_ path: String) -> Bool {
        path.lowercased().hasSuffix(".md") || path.lowercased().hasSuffix(".markdown")
    }

    /// Splits by file kind: markdown into cells, anything else into one code cell.
    public init(text: String, file: String) {
        if Notebook.isMarkdown(file) {
            self = Notebook(markdown: text, file: file)
        } else {
            self.init(file: file, cells: [Cell(kind: .code, text: text, startLine: 1)], diagnostics: [])
        }
    }

    public init(file: String, cells: [Cell], diagnostics: [Diagnostic]) {
        self.file = file; self.cells = cells; self.diagnostics = diagnostics
    }

    /// Reads fences line by line: a line of three or more backticks (indented at most three
    /// spaces) opens a fence; its first word says the language; a line of at least as many
    /// backticks closes it. Fences in another language stay part of the prose. A fence line
    /// with a language inside a code cell is a missing close: an error, and the cell ends there.
    public init(markdown text: String, file: String) {
        let lines = SourceFile(name: file, text: text).lines
        var cells: [Cell] = []
        var diagnostics: [Diagnostic] = []
        var prose: [String] = [], proseStart = 1
        var code: [String] = [], codeStart = 0
        var fence: (ticks: Int, isCode: Bool, line: Int)?

        func flushProse(_ next: Int) {
            if prose.contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) {
                cells.append(Cell(kind: .prose, text: prose.joined(separator: "\n"), startLine: proseStart))
            }
            prose = []; proseStart = next
        }

        for (i, line) in lines.enumerated() {
            let number = i + 1
            let fenceInfo = Notebook.fenceLine(line)
            if let open = fence, open.isCode, let f = fenceInfo, !f.info.isEmpty {
                // ```output (or ```inception) inside a code cell: code never holds a fence line,
                // so the cell's closing ``` is missing. One error here, and the cell ends so the
                // rest of the file reads as written.
                diagnostics.append(Diagnostic(.syntax, SourceLocation(file: file, line: number, column: 1),
                                              "the ```\(Notebook.codeFenceTag) code cell opened at line \(open.line) is not closed before this ```\(f.info) line",
                                              fix: "put a line of ``` before it"))
                cells.append(Cell(kind: .code, text: code.joined(separator: "\n"), startLine: codeStart))
                code = []; proseStart = number
                fence = nil
            }
            if let open = fence {
                if let f = fenceInfo, f.ticks >= open.ticks, f.info.isEmpty {
                    if open.isCode {
                        cells.append(Cell(kind: .code, text: code.joined(separator: "\n"), startLine: codeStart))
                        code = []; proseStart = number + 1
                    } else {
                        prose.append(line)
                    }
                    fence = nil
                } else if open.isCode {
                    code.append(line)
                } else {
                    prose.append(line)
                }
                continue
            }
            if let f = fenceInfo {
                let isCode = f.info.split(separator: " ").first.map(String.init) == Notebook.codeFenceTag
                fence = (f.ticks, isCode, number)
                if isCode { flushProse(number); codeStart = number + 1 } else { prose.append(line) }
                continue
            }
            prose.append(line)
        }
        if let open = fence, open.isCode {
            diagnostics.append(Diagnostic(.syntax, SourceLocation(file: file, line: open.line, column: 1),
                                          "this ```\(Notebook.codeFenceTag) code cell is never closed", fix: "end the cell with a line of ```"))
            cells.append(Cell(kind: .code, text: code.joined(separator: "\n"), startLine: codeStart))
        } else {
            flushProse(lines.count + 1)
        }
        self.init(file: file, cells: cells, diagnostics: diagnostics)
    }

    /// "```inception" → (3, "inception"); nil for a line that is not a fence.
    static func fenceLine(_ line: String) -> (ticks: Int, info: String)? {
        var rest = Substring(line)
        var spaces = 0
        while rest.first == " " && spaces < 4 { rest = rest.dropFirst(); spaces += 1 }
        guard spaces <= 3 else { return nil }
        let ticks = rest.prefix { $0 == "`" }.count
        guard ticks >= 3 else { return nil }
        let info = rest.dropFirst(ticks).trimmingCharacters(in: .whitespaces)
        guard !info.contains("`") else { return nil }
        return (ticks, info)
    }
}
