import Foundation
import InceptionRuntime

/// `print(t)` as PyTorch prints it (torch/_tensor_str.py with the default print options:
/// precision 4, threshold 1000, edgeitems 3, linewidth 80): `tensor([[1., 1.], [1., 1.]])`,
/// `tensor([0.5000, 0.2500])`, scientific notation when the magnitudes call for it, and for
/// more than 1000 values the first and last three along each dimension with `...` between.
public enum TensorPrinting {
    /// torch.set_printoptions: precision 4, threshold 1000, edgeitems 3, linewidth 80 and
    /// sci_mode chosen by the values unless set; each program starts from these (`reset`).
    struct Options {
        var precision = 4, threshold = 1000, edgeItems = 3, lineWidth = 80
        var sciMode: Bool?
    }
    nonisolated(unsafe) static var options = Options()
    static var precision: Int { options.precision }
    static var threshold: Int { options.threshold }
    static var edgeItems: Int { options.edgeItems }
    static var lineWidth: Int { options.lineWidth }
    public static func resetOptions() { options = Options() }

    /// More suffixes for a tensor's repr (`requires_grad=True`, `grad_fn=<…>`), set by autograd.
    nonisolated(unsafe) public static var extraSuffixes: ((Tensor) -> [String])?
    /// A prefix line such as "Parameter containing:\n", set by whoever knows.
    nonisolated(unsafe) public static var prefix: ((Tensor) -> String?)?

    struct Formatter {
        var floating: Bool
        var intMode = true, sciMode = false
        var maxWidth = 1

        init(_ values: [Double], floating: Bool, isBool: Bool) {
            self.floating = floating
            if !floating {
                for v in values { maxWidth = max(maxWidth, Self.plain(v, isBool: isBool).count) }
                return
            }
            let finite = values.filter { $0.isFinite && $0 != 0 }
            guard !finite.isEmpty else { return }
            let magnitudes = finite.map(abs)
            let lo = magnitudes.min()!, hi = magnitudes.max()!
            intMode = finite.allSatisfy { $0 == $0.rounded(.up) }
            // scientific when the magnitudes call for it, unless set_printoptions(sci_mode=…) says; then the widths for that mode
            sciMode = TensorPrinting.options.sciMode ?? (hi / lo > 1000 || hi > 1e8 || lo < 1e-4)
            if sciMode {
                for v in finite { maxWidth = max(maxWidth, String(format: "%.\(TensorPrinting.precision)e", v).count) }
            } else if intMode {
                for v in finite { maxWidth = max(maxWidth, String(format: "%.0f", v).count + 1) }
            } else {
                for v in finite { maxWidth = max(maxWidth, String(format: "%.\(TensorPrinting.precision)f", v).count) }
            }
        }

        static func plain(_ v: Double, isBool: Bool) -> String {
            if isBool { return v != 0 ? "True" : "False" }
            // an int64 tensor holds integers below 2^63 in magnitude; anything else (a float that
            // slipped in) prints as x86's conversion would make it, never traps
            return v >= -0x1p63 && v < 0x1p63 ? String(Int64(v)) : String(Int64.min)
        }

        var isBool = false

        func format(_ v: Double) -> String {
            var s: String
            if floating {
                if sciMode {
                    s = v.isFinite ? String(format: "%.\(TensorPrinting.precision)e", v) : TensorPrinting.special(v)
                } else if intMode {
                    s = v.isFinite ? String(format: "%.0f", v) + "." : TensorPrinting.special(v)
                } else {
                    s = v.isFinite ? String(format: "%.\(TensorPrinting.precision)f", v) : TensorPrinting.special(v)
                }
            } else {
                s = Self.plain(v, isBool: isBool)
            }
            return String(repeating: " ", count: max(maxWidth - s.count, 0)) + s
        }
    }

    static func special(_ v: Double) -> String { v.isNaN ? "nan" : v < 0 ? "-inf" : "inf" }

    public static func repr(_ t: Tensor) -> String {
        let dtype = TensorKinds.shared.dtype(t)
        var suffixes: [String] = []
        var body: String
        if t.isMeta {
            body = "..."
            suffixes.append("device='meta'")
            suffixes.append("size=" + tupleText(t.shape))
            if dtype != .float32 { suffixes.append("dtype=" + dtype.torchName) }
        } else if t.count == 0 {
            if t.rank != 1 { suffixes.append("size=" + tupleText(t.shape)) }
            if dtype != .float32 { suffixes.append("dtype=" + dtype.torchName) }
            body = "[]"
        } else {
            body = string(t, dtype: dtype, indent: 7)
            if edgeItems == 0 { suffixes.append("size=" + tupleText(t.shape)) }   // PyTorch: the elements may all be left out
            if dtype == .int32 { suffixes.append("dtype=torch.int32") }     // the defaults (float32, int64, bool) go unsaid
        }
        suffixes += extraSuffixes?(t) ?? []
        var out = "tensor(" + body
        // PyTorch: len(tensor_str) - tensor_str.rfind("\n") + 1
        let newline = out.lastIndex(of: "\n").map { out.distance(from: out.startIndex, to: $0) } ?? -1
        var lastLine = out.count - newline + 1
        for s in suffixes {
            if lastLine + s.count + 2 > lineWidth {
                out += ",\n" + String(repeating: " ", count: 7) + s
                lastLine = 7 + s.count
            } else {
                out += ", " + s
                lastLine += s.count + 2
            }
        }
        return (prefix?(t) ?? "") + out + ")"
    }

    /// (2, 3) as Python prints a tuple of ints.
    static func tupleText(_ shape: [Int]) -> String {
        shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
    }

    static func string(_ t: Tensor, dtype: DType, indent: Int) -> String {
        let summarize = t.count > threshold
        let strides = TensorOps.strides(t.shape)
        func summarized(_ dim: Int, _ offset: Int) -> [Double] {
            if dim == t.rank { return [Double(t.data[offset])] }
            let n = t.shape[dim]
            let picks = n > 2 * edgeItems ? Array(0..<edgeItems) + Array((n - edgeItems)..<n) : Array(0..<n)
            return picks.flatMap { summarized(dim + 1, offset + $0 * strides[dim]) }
        }
        let values = summarize ? summarized(0, 0) : (0..<t.count).map { Double(t.data[$0]) }
        var formatter = Formatter(values, floating: dtype.isFloating, isBool: dtype == .bool)
        formatter.isBool = dtype == .bool
        if t.rank == 0 { return formatter.format(Double(t.data[0])) }

        func vector(_ offset: Int, _ n: Int, _ stride: Int, _ indent: Int) -> String {
            let elementLength = formatter.maxWidth + 2
            let perLine = max(1, (lineWidth - indent) / elementLength)
            var data: [String]
            if summarize && edgeItems == 0 {
                data = ["..."]
            } else if summarize && n > 2 * edgeItems {
                data = (0..<edgeItems).map { formatter.format(Double(t.data[offset + $0 * stride])) } + [" ..."]
                    + ((n - edgeItems)..<n).map { formatter.format(Double(t.data[offset + $0 * stride])) }
            } else {
                data = (0..<n).map { formatter.format(Double(t.data[offset + $0 * stride])) }
            }
            let lines = stride_(data.count, perLine).map { data[$0..<min($0 + perLine, data.count)].joined(separator: ", ") }
            return "[" + lines.joined(separator: ",\n" + String(repeating: " ", count: indent + 1)) + "]"
        }
        func nested(_ dim: Int, _ offset: Int, _ indent: Int) -> String {
            if dim == t.rank - 1 { return vector(offset, t.shape[dim], strides[dim], indent) }
            let n = t.shape[dim]
            var slices: [String]
            if summarize && n > 2 * edgeItems {
                slices = (0..<edgeItems).map { nested(dim + 1, offset + $0 * strides[dim], indent + 1) } + ["..."]
                    + ((n - edgeItems)..<n).map { nested(dim + 1, offset + $0 * strides[dim], indent + 1) }
            } else {
                slices = (0..<n).map { nested(dim + 1, offset + $0 * strides[dim], indent + 1) }
            }
            let rest = t.rank - dim - 1
            return "[" + slices.joined(separator: "," + String(repeating: "\n", count: rest) + String(repeating: " ", count: indent + 1)) + "]"
        }
        return nested(0, 0, indent)
    }

    private static func stride_(_ count: Int, _ by: Int) -> [Int] { Array(Swift.stride(from: 0, to: count, by: by)) }
}
