import Foundation

/// One row of Table 1 of Szegedy et al., "Going deeper with convolutions" (CVPR 2015),
/// "GoogLeNet incarnation of the Inception architecture", as printed.
///
/// These are QUOTATIONS of the paper, the only typed-in figures of the summary: they are
/// shown beside the figures computed from our module tree, never used to compute anything.
public struct PaperQuote: Equatable, Sendable {
    /// The stage of our network the row describes (a root child's path; two joined by "+").
    public let stage: String
    public let type: String
    /// "patch size/stride", e.g. "7×7/2".
    public let patch: String?
    /// "output size", H×W×C.
    public let outputSize: String
    public let depth: Int
    /// #1×1, #3×3 reduce, #3×3, #5×5 reduce, #5×5, pool proj (blank cells are nil).
    public let channels: [Int?]
    /// "params" as printed, e.g. "2.7K" (K = 1024).
    public let params: String?
    /// "ops" as printed, e.g. "34M" (multiply-adds, M = 10⁶).
    public let ops: String?

    init(_ stage: String, _ type: String, _ patch: String?, _ outputSize: String, depth: Int,
         _ channels: [Int?] = [nil, nil, nil, nil, nil, nil], params: String? = nil, ops: String? = nil) {
        self.stage = stage; self.type = type; self.patch = patch; self.outputSize = outputSize
        self.depth = depth; self.channels = channels; self.params = params; self.ops = ops
    }
}

extension PaperQuote {
    /// Table 1, row by row, as printed in the paper.
    public static let table1: [PaperQuote] = [
        .init("conv1", "convolution", "7×7/2", "112×112×64", depth: 1, params: "2.7K", ops: "34M"),
        .init("maxpool1", "max pool", "3×3/2", "56×56×64", depth: 0),
        .init("conv2a+conv2b", "convolution", "3×3/1", "56×56×192", depth: 2, [nil, 64, 192, nil, nil, nil], params: "112K", ops: "360M"),
        .init("maxpool2", "max pool", "3×3/2", "28×28×192", depth: 0),
        .init("inception3a", "inception (3a)", nil, "28×28×256", depth: 2, [64, 96, 128, 16, 32, 32], params: "159K", ops: "128M"),
        .init("inception3b", "inception (3b)", nil, "28×28×480", depth: 2, [128, 128, 192, 32, 96, 64], params: "380K", ops: "304M"),
        .init("maxpool3", "max pool", "3×3/2", "14×14×480", depth: 0),
        .init("inception4a", "inception (4a)", nil, "14×14×512", depth: 2, [192, 96, 208, 16, 48, 64], params: "364K", ops: "73M"),
        .init("inception4b", "inception (4b)", nil, "14×14×512", depth: 2, [160, 112, 224, 24, 64, 64], params: "437K", ops: "88M"),
        .init("inception4c", "inception (4c)", nil, "14×14×512", depth: 2, [128, 128, 256, 24, 64, 64], params: "463K", ops: "100M"),
        .init("inception4d", "inception (4d)", nil, "14×14×528", depth: 2, [112, 144, 288, 32, 64, 64], params: "580K", ops: "119M"),
        .init("inception4e", "inception (4e)", nil, "14×14×832", depth: 2, [256, 160, 320, 32, 128, 128], params: "840K", ops: "170M"),
        .init("maxpool4", "max pool", "3×3/2", "7×7×832", depth: 0),
        .init("inception5a", "inception (5a)", nil, "7×7×832", depth: 2, [256, 160, 320, 32, 128, 128], params: "1072K", ops: "54M"),
        .init("inception5b", "inception (5b)", nil, "7×7×1024", depth: 2, [384, 192, 384, 48, 128, 128], params: "1388K", ops: "71M"),
        .init("gap", "avg pool", "7×7/1", "1×1×1024", depth: 0),
        .init("dropout", "dropout (40%)", nil, "1×1×1024", depth: 0),
        .init("classifier", "linear", nil, "1×1×1000", depth: 1, params: "1000K", ops: "1M"),
        .init("softmax", "softmax", nil, "1×1×1000", depth: 0),
    ]
}

/// A printed figure such as "2.7K" or "34M": its value, its unit, and how many decimals it shows.
public struct PrintedFigure: Equatable, Sendable {
    public let text: String
    public let value: Double
    /// K = 1024 (the paper's params), M = 10⁶ (its ops).
    public let unit: Double
    public let decimals: Int

    public init?(_ text: String) {
        guard let suffix = text.last, let unit: Double = suffix == "K" ? 1024 : suffix == "M" ? 1e6 : nil,
              let value = Double(text.dropLast()) else { return nil }
        self.text = text; self.value = value; self.unit = unit
        decimals = text.split(separator: ".").count == 2 ? text.split(separator: ".")[1].count - 1 : 0
    }

    /// How a computed count compares with the printed figure.
    public enum Agreement: String, Sendable {
        /// The count rounds to the printed figure.
        case same
        /// Rounded down, or at most one off in the last printed digit.
        case close
        /// Anything more: the printed figure is not this arithmetic.
        case differs
    }

    public func compare(_ count: Int) -> Agreement {
        let scale = pow10(decimals)
        let ours = Double(count) / unit * scale
        let printed = (value * scale).rounded()
        if ours.rounded() == printed { return .same }
        if ours.rounded(.down) == printed || abs(ours - printed) <= 1 { return .close }
        return .differs
    }

    /// The count in this figure's unit and precision: 9,408 → "9.2K".
    public func format(_ count: Int) -> String {
        let x = Double(count) / unit
        let suffix = unit == 1024 ? "K" : "M"
        return decimals == 0 ? "\(Int(x.rounded()))\(suffix)" : String(format: "%.\(decimals)f", x) + suffix
    }

    private func pow10(_ n: Int) -> Double { (0..<n).reduce(1) { r, _ in r * 10 } }
}
