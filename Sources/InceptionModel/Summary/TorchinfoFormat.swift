import Foundation
import InceptionRuntime

/// The columns torchinfo can show, under its own names (`col_names=`).
public enum TorchinfoColumn: String, Sendable, CaseIterable {
    case inputSize = "input_size"
    case outputSize = "output_size"
    case numParams = "num_params"
    case paramsPercent = "params_percent"
    case kernelSize = "kernel_size"
    case multAdds = "mult_adds"
    case trainable = "trainable"

    /// torchinfo's default when an input is given: Output Shape and Param #.
    public static let defaults: [TorchinfoColumn] = [.outputSize, .numParams]
    /// Characters a column takes (torchinfo's col_width): the only width the table is drawn in.
    public static let width = TorchinfoFormat.columnWidth

    public var title: String {
        switch self {
        case .inputSize: "Input Shape"
        case .outputSize: "Output Shape"
        case .numParams: "Param #"
        case .paramsPercent: "Param %"
        case .kernelSize: "Kernel Shape"
        case .multAdds: "Mult-Adds"
        case .trainable: "Trainable"
        }
    }
}

/// How the mult-adds line names its unit: "(G)", as torchinfo 1.8.0 prints under Python 3.10 and
/// before (the seed's printout), or "(Units.GIGABYTES)", as it prints under Python 3.11 and after,
/// whose f-strings format an enum member by its name.
public enum UnitNames: Sendable { case letters, enumNames }

/// torchinfo's text conventions, written out so the table matches it character for character.
enum TorchinfoFormat {
    static let columnWidth = 25
    static let minimumNameWidth = 40

    /// Python's f"{text:<width}": pads with spaces to `width` code points.
    static func padRight(_ text: String, _ width: Int) -> String {
        let n = text.unicodeScalars.count
        return n >= width ? text : text + String(repeating: " ", count: width - n)
    }

    static func padLeft(_ text: String, _ width: Int) -> String {
        let n = text.unicodeScalars.count
        return n >= width ? text : String(repeating: " ", count: width - n) + text
    }

    /// "" for the root, "├─" at depth 1, "│    └─" at depth 2, …
    static func treePrefix(depth: Int) -> String {
        if depth == 0 { return "" }
        if depth == 1 { return "├─" }
        return String(repeating: "│    ", count: depth - 1) + "└─"
    }

    /// Python's str(list): "[2, 64, 112, 112]"; "--" for an empty list, as torchinfo's str_.
    static func shape(_ dims: [Int]) -> String {
        dims.isEmpty ? "--" : "[" + dims.map(String.init).joined(separator: ", ") + "]"
    }

    /// The layer-name column: the longest "type: d-i" plus 5 per depth level and 1, rounded up
    /// to a multiple of 5, at least 40. Every listed layer counts, also those below the depth limit.
    static func nameWidth(_ layers: [TorchinfoLayer]) -> Int {
        let longest = layers.map { $0.label.unicodeScalars.count + $0.depth * 5 + 1 }.max() ?? 0
        return longest >= minimumNameWidth ? (longest + 4) / 5 * 5 : minimumNameWidth
    }

    /// One line: the name padded to the name width, each value padded to 25, a space after
    /// each, trailing spaces stripped.
    static func row(_ name: String, _ values: [String], nameWidth: Int) -> String {
        var line = padRight(name, nameWidth) + " "
        for v in values { line += padRight(v, columnWidth) + " " }
        while line.hasSuffix(" ") { line.removeLast() }
        return line
    }

    /// Python's f"{x:,.2f}": 1234.5 → "1,234.50" (C's correctly rounded %.2f, then commas).
    static func fixed2(_ x: Double, grouped: Bool = false) -> String {
        let plain = String(format: "%.2f", x)
        guard grouped, let dot = plain.firstIndex(of: ".") else { return plain }
        let whole = Int(plain[..<dot]) ?? 0
        return formatCount(whole) + plain[dot...]
    }

    /// torchinfo's format_output_num with units "auto": T at ≥ 10¹², G at ≥ 10⁹, M below;
    /// a whole number prints without decimals. Returns e.g. " (G): 3.17".
    static func multAddsValue(_ count: Int, unitNames: UnitNames = .letters) -> String {
        let x = Double(count)
        let (unit, value): (String, Double) = x >= 1e12 ? ("T", x / 1e12) : x >= 1e9 ? ("G", x / 1e9) : ("M", x / 1e6)
        let number = value == value.rounded() ? formatCount(Int(value)) : fixed2(value, grouped: true)
        let names = ["T": "Units.TERABYTES", "G": "Units.GIGABYTES", "M": "Units.MEGABYTES"]
        return " (\(unitNames == .letters ? unit : names[unit]!)): \(number)"
    }

    /// Python's f"{fraction:>7.2%}".
    static func percent(_ fraction: Double) -> String {
        padLeft(String(format: "%.2f", fraction * 100) + "%", 7)
    }

    /// torchinfo's kernel_size column: Conv2d stores a pair ([7, 7]), the pools the int they were given.
    static func kernelSize(_ module: Module) -> String {
        guard let w = module.slidingWindow else { return "--" }
        if module.slidesWeights { return shape([w.kernel.h, w.kernel.w]) }
        return w.kernel.h == w.kernel.w ? String(w.kernel.h) : shape([w.kernel.h, w.kernel.w])
    }
}
