import CReadline
import Foundation

/// Reads the learner's lines: GNU readline (editing, history, tab completion) on a terminal,
/// plain lines otherwise, so a transcript can be piped in and tests can drive the REPL.
public final class LineReader {
    public let interactive: Bool
    private let historyFile: String?
    /// Candidates for the word being completed, given the whole line so far.
    public var completions: (_ line: String, _ word: String) -> [String] = { _, _ in [] }

    /// Lines given up front (tests): read one by one, as if piped in.
    private var scripted: [String]?

    public convenience init(scripted lines: [String]) {
        self.init(historyFile: nil, interactive: false)
        scripted = lines
    }

    public init(historyFile: String?, interactive: Bool = isatty(STDIN_FILENO) == 1) {
        self.interactive = interactive
        self.historyFile = historyFile
        guard interactive else { return }
        // readline keeps these pointers: give it C strings that live as long as the process
        // (a Swift string passed directly is only valid during the call).
        inception_rl_set_app_name(strdup("inception"))
        // Break words at spaces and brackets, not at dots, so module paths complete whole.
        inception_rl_set_word_breaks(strdup(" \t\n\"'([,="))
        CompletionBridge.reader = self
        inception_rl_set_completer(CompletionBridge.attempt)
        if let historyFile {
            try? FileManager.default.createDirectory(atPath: (historyFile as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            // append_history only appends to a file that exists.
            if !FileManager.default.fileExists(atPath: historyFile) { _ = FileManager.default.createFile(atPath: historyFile, contents: nil) }
            read_history(historyFile)
        }
    }

    /// The next line without its newline, or nil at end of input (Ctrl-D).
    public func readLine(prompt: String) -> String? {
        guard interactive else {
            if scripted != nil { return scripted!.isEmpty ? nil : scripted!.removeFirst() }
            return Swift.readLine(strippingNewline: true)
        }
        guard let raw = readline(prompt) else { return nil }
        defer { free(raw) }
        let line = String(cString: raw)
        if !line.trimmingCharacters(in: .whitespaces).isEmpty {
            add_history(raw)
            if let historyFile { append_history(1, historyFile); history_truncate_file(historyFile, 1000) }
        }
        return line
    }
}

/// readline calls C function pointers; they reach the current reader through here.
enum CompletionBridge {
    nonisolated(unsafe) static var reader: LineReader?
    nonisolated(unsafe) static var candidates: [String] = []

    static let attempt: @convention(c) (UnsafePointer<CChar>?, Int32, Int32) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = { text, _, _ in
        inception_rl_no_default_completion()          // never fall back to file names
        let word = text.map { String(cString: $0) } ?? ""
        let line = String(cString: inception_rl_line_buffer())
        candidates = (reader?.completions(line, word) ?? []).filter { $0.hasPrefix(word) }
        return rl_completion_matches(text, generate)
    }

    static let generate: @convention(c) (UnsafePointer<CChar>?, Int32) -> UnsafeMutablePointer<CChar>? = { _, state in
        if state == 0 { index = 0 }
        guard index < candidates.count else { return nil }
        defer { index += 1 }
        return strdup(candidates[index])
    }
    nonisolated(unsafe) static var index = 0
}
