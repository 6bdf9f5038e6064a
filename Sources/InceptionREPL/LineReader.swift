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
    /// Whether the last line read held bytes that are not UTF-8 (shown as U+FFFD in the line).
    public private(set) var lastLineWasNotUTF8 = false

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
            if scripted != nil {
                guard !scripted!.isEmpty else { return nil }
                let line = scripted!.removeFirst()
                lastLineWasNotUTF8 = line.contains("\u{FFFD}")      // tests stand for a bad byte with U+FFFD
                return line
            }
            return readPipedLine()
        }
        guard let raw = readline(prompt) else { return nil }
        defer { free(raw) }
        let line = String(cString: raw)
        lastLineWasNotUTF8 = String(validatingCString: raw) == nil
        if !line.trimmingCharacters(in: .whitespaces).isEmpty {
            add_history(raw)
            if let historyFile { append_history(1, historyFile); history_truncate_file(historyFile, 1000) }
        }
        return line
    }
}

extension LineReader {
    /// A piped line, read as bytes so that bytes which are not UTF-8 are noticed (and shown as
    /// U+FFFD) rather than silently repaired; nil at the end of input.
    private func readPipedLine() -> String? {
        var bytes: [UInt8] = []
        while true {
            let c = getchar()
            if c == EOF { if bytes.isEmpty { return nil }; break }
            if c == 0x0A { break }
            bytes.append(UInt8(truncatingIfNeeded: c))
        }
        if bytes.last == 0x0D { bytes.removeLast() }          // a Windows line end
        let text = String(decoding: bytes, as: UTF8.self)
        lastLineWasNotUTF8 = String(bytes: bytes, encoding: .utf8) == nil
        return text
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
