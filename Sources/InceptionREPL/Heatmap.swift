import InceptionRuntime

/// Draws one feature map in the terminal: Unicode upper half-blocks (two map rows per text
/// line, foreground for the upper, background for the lower) shaded with a viridis-like
/// colour map in 24-bit or 256 colours, or an ASCII ramp on terminals without colour.
public struct Heatmap {
    public var terminal: Terminal
    public init(terminal: Terminal) { self.terminal = terminal }

    static let ramp = Array(" .:-=+*#%@")

    /// map: H×W values, row-major. Maps wider than the terminal are averaged down.
    public func render(_ map: [Float], height: Int, width: Int, title: String) -> String {
        // NaN and ±inf are left out of the scale and drawn at its bottom.
        let finite = map.filter(\.isFinite)
        let lo = finite.min() ?? 0, hi = finite.max() ?? 0
        // Half-blocks draw two map rows per text line; the title, the scale and the prompt take 3.
        let rowsPerLine = terminal.colors == .none || !terminal.unicode ? 1 : 2
        let maxHeight = terminal.height > 0 ? max(8, (terminal.height - 3) * rowsPerLine) : Int.max
        let (cells, h, w) = fit(map, height: height, width: width, maxWidth: max(8, terminal.width - 2), maxHeight: maxHeight)
        let span = hi > lo ? hi - lo : 1
        func level(_ v: Float) -> Float { v.isFinite ? min(max((v - lo) / span, 0), 1) : 0 }
        var lines = [title + "  " + "min \(formatValue(lo))  max \(formatValue(hi))" + (w != width || h != height ? "  (shown \(h)×\(w), averaged to fit the terminal)" : "")]
        if terminal.colors == .none || !terminal.unicode {
            for y in 0..<h {
                lines.append(String((0..<w).map { x in
                    Heatmap.ramp[min(Heatmap.ramp.count - 1, Int(level(cells[y * w + x]) * Float(Heatmap.ramp.count)))]
                }))
            }
            lines.append("scale: '\(String(Heatmap.ramp))' from min to max")
            return lines.joined(separator: "\n")
        }
        for y in stride(from: 0, to: h, by: 2) {
            var line = ""
            for x in 0..<w {
                let top = ColorMap.viridis(level(cells[y * w + x]))
                if y + 1 < h {
                    let bottom = ColorMap.viridis(level(cells[(y + 1) * w + x]))
                    line += fg(top) + bg(bottom) + "▀"
                } else {
                    line += fg(top) + "▀"
                }
            }
            lines.append(line + "\u{1B}[0m")
        }
        let bar = (0..<min(32, terminal.width - 20)).map { i -> String in fg(ColorMap.viridis(Float(i) / 31)) + "█" }.joined()
        lines.append("\(formatValue(lo)) " + bar + "\u{1B}[0m \(formatValue(hi))")
        return lines.joined(separator: "\n")
    }

    func fg(_ c: (UInt8, UInt8, UInt8)) -> String {
        terminal.colors == .trueColor ? "\u{1B}[38;2;\(c.0);\(c.1);\(c.2)m" : "\u{1B}[38;5;\(ColorMap.ansi256(c))m"
    }
    func bg(_ c: (UInt8, UInt8, UInt8)) -> String {
        terminal.colors == .trueColor ? "\u{1B}[48;2;\(c.0);\(c.1);\(c.2)m" : "\u{1B}[48;5;\(ColorMap.ansi256(c))m"
    }

    /// Averages blocks so the map is at most maxWidth wide and maxHeight tall (keeping the aspect ratio).
    func fit(_ map: [Float], height: Int, width: Int, maxWidth: Int, maxHeight: Int = .max) -> ([Float], Int, Int) {
        guard width > maxWidth || height > maxHeight else { return (map, height, width) }
        let factor = max((width + maxWidth - 1) / maxWidth, (height + maxHeight - 1) / maxHeight)
        let h = (height + factor - 1) / factor, w = (width + factor - 1) / factor
        var out = [Float](repeating: 0, count: h * w)
        for y in 0..<h { for x in 0..<w {
            var sum: Float = 0, n = 0
            for yy in (y * factor)..<min((y + 1) * factor, height) { for xx in (x * factor)..<min((x + 1) * factor, width) {
                sum += map[yy * width + xx]; n += 1
            } }
            out[y * w + x] = sum / Float(max(n, 1))
        } }
        return (out, h, w)
    }
}

/// A perceptually even dark-blue → green → yellow colour map (viridis' anchor colours).
public enum ColorMap {
    static let anchors: [(Float, Float, Float)] = [
        (68, 1, 84), (72, 40, 120), (62, 74, 137), (49, 104, 142), (38, 130, 142),
        (31, 158, 137), (53, 183, 121), (109, 205, 89), (180, 222, 44), (253, 231, 37),
    ]

    /// t in [0, 1] → RGB.
    public static func viridis(_ t: Float) -> (UInt8, UInt8, UInt8) {
        let x = min(max(t.isNaN ? 0 : t, 0), 1) * Float(anchors.count - 1)
        let i = min(Int(x), anchors.count - 2), f = x - Float(i)
        let a = anchors[i], b = anchors[i + 1]
        return (UInt8(a.0 + (b.0 - a.0) * f), UInt8(a.1 + (b.1 - a.1) * f), UInt8(a.2 + (b.2 - a.2) * f))
    }

    /// The nearest colour of xterm's 6×6×6 cube.
    public static func ansi256(_ c: (UInt8, UInt8, UInt8)) -> Int {
        func level(_ v: UInt8) -> Int { Int((Float(v) / 255 * 5).rounded()) }
        return 16 + 36 * level(c.0) + 6 * level(c.1) + level(c.2)
    }
}

/// 0.1234 → "0.1234", 12345.6 → "1.235e+04": short, stable numbers for the terminal.
public func formatValue(_ v: Float) -> String {
    if v == 0 { return "0" }
    let a = abs(v)
    if a >= 1e-3 && a < 1e4 {
        var s = String(format: "%.4f", v)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }
    return String(format: "%.3e", v)
}

import Foundation
