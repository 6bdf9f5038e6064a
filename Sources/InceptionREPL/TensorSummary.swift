import Foundation
import InceptionRuntime

/// What a learner wants to know about a tensor at a glance: statistics, a histogram, a slice.
public enum TensorSummary {
    public struct Stats: Equatable {
        public var min, max, mean, std: Float
        /// Fraction of exact zeros: after a ReLU, how much was switched off.
        public var zeroFraction: Float
        public var count: Int
    }

    public static func stats(_ t: Tensor) -> Stats {
        guard t.count > 0, !t.isMeta else { return Stats(min: 0, max: 0, mean: 0, std: 0, zeroFraction: 0, count: 0) }
        var lo = Float.infinity, hi = -Float.infinity, sum = 0.0, zeros = 0
        for i in 0..<t.count {
            let v = t.data[i]
            lo = Swift.min(lo, v); hi = Swift.max(hi, v); sum += Double(v)
            if v == 0 { zeros += 1 }
        }
        let mean = sum / Double(t.count)
        var squares = 0.0
        for i in 0..<t.count { let d = Double(t.data[i]) - mean; squares += d * d }
        return Stats(min: lo, max: hi, mean: Float(mean), std: Float((squares / Double(t.count)).squareRoot()),
                     zeroFraction: Float(zeros) / Float(t.count), count: t.count)
    }

    /// "2×64×112×112  min -1.2  max 3.4  mean 0.01  std 0.5  zeros 48.2%"
    public static func oneLine(_ t: Tensor) -> String {
        if t.isMeta { return "\(formatShape(t.shape)) (shape only)" }
        let s = stats(t)
        return "tensor \(formatShape(t.shape))  min \(formatValue(s.min))  max \(formatValue(s.max))  mean \(formatValue(s.mean))  std \(formatValue(s.std))  zeros \(String(format: "%.1f%%", 100 * s.zeroFraction))"
    }

    /// A small horizontal-bar histogram with `bins` bins.
    public static func histogram(_ t: Tensor, bins: Int = 12, barWidth: Int = 40, unicode: Bool = true) -> String {
        let s = stats(t)
        guard s.count > 0 else { return "(empty tensor)" }
        let span = s.max > s.min ? s.max - s.min : 1
        var counts = [Int](repeating: 0, count: bins)
        var skipped = 0     // NaN and ±inf have no bin
        for i in 0..<t.count {
            let x = (t.data[i] - s.min) / span * Float(bins)
            guard x.isFinite else { skipped += 1; continue }
            counts[Swift.min(bins - 1, Swift.max(0, Int(x)))] += 1
        }
        let top = Swift.max(counts.max() ?? 1, 1)
        var lines: [String] = []
        for (b, c) in counts.enumerated() {
            let from = s.min + span * Float(b) / Float(bins), to = s.min + span * Float(b + 1) / Float(bins)
            let bar = String(repeating: unicode ? "█" : "#", count: Int((Double(c) / Double(top) * Double(barWidth)).rounded()))
            let label = "[\(formatValue(from)), \(formatValue(to)))"
            lines.append(label.padding(toLength: Swift.max(label.count, 24), withPad: " ", startingAt: 0) + " " + bar + " \(c)")
        }
        if skipped > 0 { lines.append("(\(skipped) NaN or infinite values not shown)") }
        return lines.joined(separator: "\n")
    }
}
