import Foundation

/// What the terminal can show: colour depth and width. Colour only on a terminal without
/// NO_COLOR; 24-bit when COLORTERM says so, 256 colours on xterm-like terminals, none on "dumb".
public struct Terminal: Sendable, Equatable {
    public enum Colors: Sendable, Equatable { case none, ansi256, trueColor }
    public var colors: Colors
    public var width: Int
    /// Unicode block characters (half-blocks for heatmaps); off on dumb terminals.
    public var unicode: Bool
    /// Rows on the screen; 0 when unknown (a pipe), and then nothing is shrunk to fit it.
    public var height: Int

    public init(colors: Colors, width: Int, unicode: Bool = true, height: Int = 0) {
        self.colors = colors; self.width = width; self.unicode = unicode; self.height = height
    }

    /// Plain text at 80 columns: what tests and pipes get.
    public static let plain = Terminal(colors: .none, width: 80)

    /// Reads the environment and stdout.
    public static func detect(environment env: [String: String] = ProcessInfo.processInfo.environment) -> Terminal {
        let isTTY = isatty(STDOUT_FILENO) == 1
        let term = env["TERM"] ?? ""
        var width = Int(env["COLUMNS"] ?? "") ?? 80
        var height = Int(env["LINES"] ?? "") ?? 0
        if isTTY {
            var size = winsize()
            if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { width = Int(size.ws_col) }
            if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0 { height = Int(size.ws_row) }
        }
        let dumb = term == "dumb" || term.isEmpty
        var colors: Colors = .none
        if isTTY && env["NO_COLOR"] == nil && !dumb {
            let colorterm = env["COLORTERM"] ?? ""
            colors = (colorterm == "truecolor" || colorterm == "24bit") ? .trueColor : .ansi256
        }
        return Terminal(colors: colors, width: max(20, min(width, 200)), unicode: !dumb, height: max(0, height))
    }

    // MARK: styling (no-ops without colour)

    public func bold(_ s: String) -> String { colors == .none ? s : "\u{1B}[1m\(s)\u{1B}[0m" }
    public func dim(_ s: String) -> String { colors == .none ? s : "\u{1B}[2m\(s)\u{1B}[0m" }
    public func italic(_ s: String) -> String { colors == .none ? s : "\u{1B}[3m\(s)\u{1B}[0m" }
    /// Headings and highlights in a readable cyan/yellow.
    public func heading(_ s: String) -> String { colors == .none ? s : "\u{1B}[1;36m\(s)\u{1B}[0m" }
    public func accent(_ s: String) -> String { colors == .none ? s : "\u{1B}[33m\(s)\u{1B}[0m" }
    public func error(_ s: String) -> String { colors == .none ? s : "\u{1B}[31m\(s)\u{1B}[0m" }
    public func code(_ s: String) -> String { colors == .none ? s : "\u{1B}[32m\(s)\u{1B}[0m" }
}
