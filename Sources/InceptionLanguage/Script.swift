import Foundation

/// A lesson or script, parsed: its source (for showing errors), its cells, one program per
/// code cell, and every syntax error of every cell. `run` executes the cells in order,
/// but only when there is no syntax error anywhere: a file runs whole or not at all.
public struct Script {
    public let source: SourceFile
    public let notebook: Notebook
    /// One program per code cell, in order.
    public let programs: [Program]
    public let diagnostics: [Diagnostic]

    public init(text given: String, file: String) {
        // A UTF-8 byte-order mark (Windows editors write one) is not part of the program.
        // Line endings are read as Python reads them ("\r\n" and "\r" end a line too).
        let text = UTF8Text.universalNewlines(given.hasPrefix("\u{FEFF}") ? String(given.dropFirst()) : given)
        source = SourceFile(name: file, text: text)
        notebook = Notebook(text: text, file: file)
        var programs: [Program] = []
        var diagnostics = notebook.diagnostics
        for cell in notebook.codeCells {
            let parsed = Parser.parse(cell.text, file: file, firstLine: cell.startLine)
            programs.append(parsed.program)
            diagnostics += parsed.diagnostics
        }
        self.programs = programs
        self.diagnostics = diagnostics
    }

    /// Reads and parses a file; throws a one-line error when it cannot be read.
    public static func load(path: String) throws -> Script {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ScriptLoadError(path: path)
        }
        if let line = UTF8Text.firstInvalidLine(data) { throw ScriptLoadError(path: path, notUTF8AtLine: line) }
        return Script(text: String(decoding: data, as: UTF8.self), file: path)
    }

    /// Runs every code cell in `interpreter` (which keeps the globals afterwards).
    public func run(in interpreter: Interpreter) -> ScriptResult {
        guard diagnostics.isEmpty else { return .syntaxErrors(diagnostics) }
        do {
            for program in programs { try interpreter.run(program) }
            return .success
        } catch let error as RuntimeError {
            return .runtimeError(error)
        } catch {
            return .runtimeError(RuntimeError(Diagnostic(.runtime, SourceLocation(file: source.name, line: 1, column: 1), "\(error)"), underlying: error))
        }
    }

    /// The outcome as text: every diagnostic with its source line and caret.
    public func render(_ result: ScriptResult) -> String {
        switch result {
        case .success: return ""
        case .syntaxErrors(let ds):
            let summary = ds.count == 1 ? "1 syntax error" : "\(ds.count) syntax errors"
            return DiagnosticRenderer.render(ds, sources: [source.name: source]) + "\n\n\(summary) in \(source.name)"
        case .runtimeError(let e) where e.systemExit != nil:
            // sys.exit("message") shows the message; sys.exit() and sys.exit(n) nothing
            return e.systemExit!.message ?? ""
        case .runtimeError(let e):
            // The error may sit in a file this one imported.
            let file = e.diagnostic.location.file
            let other = file == source.name ? nil : FileManager.default.contents(atPath: file).map { SourceFile(name: file, text: String(decoding: $0, as: UTF8.self)) }
            return DiagnosticRenderer.render(e.diagnostic, source: file == source.name ? source : other)
        }
    }
}

public enum ScriptResult {
    case success
    case syntaxErrors([Diagnostic])
    case runtimeError(RuntimeError)

    /// sysexits: 0 success, 65 (EX_DATAERR) syntax errors, 70 (EX_SOFTWARE) runtime errors;
    /// an uncaught SystemExit (sys.exit(n), argparse's error) its own status, as Python's.
    public var exitCode: Int32 {
        switch self {
        case .success: return 0
        case .syntaxErrors: return 65
        case .runtimeError(let e) where e.systemExit != nil: return e.systemExit!.status
        case .runtimeError: return 70
        }
    }
}

extension RuntimeError {
    /// The status and message of an uncaught SystemExit: sys.exit() / sys.exit(None) 0 and no
    /// message, sys.exit(n) n, sys.exit("text") 1 and the text; argparse's error 2 and its message.
    public var systemExit: (status: Int32, message: String?)? {
        // `raise SystemExit(n)` carries its arguments on the exception, sys.exit(n) on the failure;
        // argparse's error has none (status 2, its message)
        let arguments: [Value]
        if let raised = underlying as? RaisedException, raised.exception.typeName == "SystemExit" {
            arguments = raised.exception.arguments
        } else if let failure = underlying as? LanguageFailure, failure.pythonClass == .systemExit {
            guard let given = failure.arguments else { return (2, diagnostic.message) }
            arguments = given
        } else { return nil }
        switch arguments.first {
        case nil, .none?: return (0, nil)
        case .int(let n)?: return (Int32(truncatingIfNeeded: n), nil)
        case .bool(let b)?: return (b ? 1 : 0, nil)
        case let v?: return (1, v.text)
        }
    }
}

public struct ScriptLoadError: Error, CustomStringConvertible {
    public let path: String
    /// The first line of a file that is not UTF-8 text.
    public var notUTF8AtLine: Int? = nil
    public var description: String {
        if let line = notUTF8AtLine { return "\(path):\(line): bytes that are not UTF-8 — save the file as UTF-8 (your editor's encoding setting), or give a text file" }
        return "cannot read \(path): no such file, or not readable"
    }
}
