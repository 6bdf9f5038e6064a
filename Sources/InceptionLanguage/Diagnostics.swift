import InceptionRuntime

/// An error in a lesson or script, as a value: where, what, and (when known) how to fix it.
///
/// Syntax errors and runtime errors are both diagnostics; `DiagnosticRenderer` prints them
/// all the same way, with the source line and a caret under the column.
public struct Diagnostic: Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Equatable, Sendable { case syntax, runtime }

    public var kind: Kind
    public var location: SourceLocation
    public var message: String
    /// The fix, when one is known ("a 5×5 kernel keeps 28×28 only with padding=2").
    public var fix: String?
    /// Where the failing code was called from, innermost first (runtime errors only).
    public var callers: [SourceLocation]

    public init(_ kind: Kind, _ location: SourceLocation, _ message: String, fix: String? = nil,
                callers: [SourceLocation] = []) {
        self.kind = kind; self.location = location; self.message = message; self.fix = fix; self.callers = callers
    }

    /// "file:3:5: error: message" (one line, without the source excerpt).
    public var description: String { "\(location): error: \(message)" }
}

/// A runtime error thrown by the interpreter: the diagnostic to show, and the error that
/// caused it (a `ModuleError`, `ExecutionInterrupted`, …) for callers that need to tell.
public struct RuntimeError: Error, CustomStringConvertible {
    public var diagnostic: Diagnostic
    public var underlying: Error?
    /// The Python class `except` catches it as (see `PythonErrorClass`); nil: by its message.
    public var pythonClass: PythonErrorClass?
    public init(_ diagnostic: Diagnostic, underlying: Error? = nil, as pythonClass: PythonErrorClass? = nil) {
        self.diagnostic = diagnostic; self.underlying = underlying
        self.pythonClass = pythonClass ?? (underlying as? LanguageFailure)?.pythonClass
    }
    public var description: String { diagnostic.description }
}

/// The text of one source file, for showing a diagnostic's line.
public struct SourceFile: Sendable {
    public let name: String
    public let text: String
    public let lines: [String]

    public init(name: String, text: String) {
        self.name = name
        self.text = text
        self.lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
    }

    /// The 1-based line, or nil when out of range.
    public func line(_ number: Int) -> String? {
        number >= 1 && number <= lines.count ? lines[number - 1] : nil
    }
}

/// The one place diagnostics become text:
///
///     stem.md:12:27: error: expected ')' to close the '(' at 12:15, found the end of the line
///       12 |     x = Conv2d(3, 64, 7, 2
///          |                           ^
///       fix: …
///       called from stem.md:20:5
public enum DiagnosticRenderer {
    public static func render(_ d: Diagnostic, source: SourceFile?) -> String {
        var out = ["\(d.location): error: \(d.message)"]
        if let line = source?.line(d.location.line) {
            // A long line is shown as a window around the column (see DiagnosticLimits.swift).
            let (text, column) = DiagnosticLimits.window(line, column: d.location.column)
            let number = String(d.location.line)
            let gutter = String(repeating: " ", count: max(4 - number.count, 0)) + number
            // control characters (a NUL, an escape) shown as their pictures (␀, ␛), one column each:
            // printed as they are they are invisible or take over the terminal
            let shown = String(String.UnicodeScalarView(text.unicodeScalars.map { c in
                c.value < 0x20 && c != "\t" ? Unicode.Scalar(0x2400 + c.value)! : c.value == 0x7F ? "\u{2421}" : c
            }))
            out.append("\(gutter) | \(shown)")
            // Keep tabs so the caret lines up under tab-indented text.
            let prefix = text.unicodeScalars.prefix(max(column - 1, 0)).map { $0 == "\t" ? "\t" : " " }.joined()
            out.append(String(repeating: " ", count: gutter.count) + " | " + prefix + "^")
        }
        if let fix = d.fix { out.append("  fix: \(fix)") }
        // Runaway recursion calls from one place over and over: one line per run of repeats.
        let runs = DiagnosticLimits.runs(d.callers.map { "\($0)" })
        for run in runs.prefix(DiagnosticLimits.callers) {
            out.append("  called from \(run.text)" + (run.count > 1 ? " (\(formatCount(run.count)) times)" : ""))
        }
        let hidden = runs.dropFirst(DiagnosticLimits.callers).reduce(0) { $0 + $1.count }
        if hidden > 0 { out.append("  … and \(formatCount(hidden)) more calls") }
        return out.joined(separator: "\n")
    }

    /// Several diagnostics, each rendered, separated by blank lines; sources looked up by file name.
    public static func render(_ ds: [Diagnostic], sources: [String: SourceFile]) -> String {
        var text = ds.prefix(DiagnosticLimits.errors).map { render($0, source: sources[$0.location.file]) }.joined(separator: "\n\n")
        if ds.count > DiagnosticLimits.errors { text += "\n\n… and \(formatCount(ds.count - DiagnosticLimits.errors)) more errors" }
        return text
    }
}
