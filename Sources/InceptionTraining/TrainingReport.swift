import Foundation
import InceptionImaging

/// The pictures of a run: RUN_DIR/curves.png (loss, accuracy, gradient norms by depth) and a
/// chart for the terminal.
public enum TrainingReport {
    typealias Color = (r: UInt8, g: UInt8, b: UInt8)
    static let lineColors: [Color] = [(31, 119, 180), (255, 127, 14), (44, 160, 44), (214, 39, 40), (148, 103, 189), (140, 86, 75)]

    /// Three panels side by side, 300×220 each: (1) total and main-head loss by step, (2) batch
    /// accuracy (smoothed) and validation accuracy by epoch end, (3) log10 gradient norms of a
    /// few layers from input to output (blue: nearest the input).
    public static func writeCurves(_ m: TrainingMetrics, to path: String) throws {
        var chart = Chart(panels: 3)
        let xMax = max(m.steps.last.map { Double($0.step) } ?? 1, 1)
        let total = m.steps.map { (Double($0.step), $0.loss) }, main = m.steps.map { (Double($0.step), $0.mainLoss) }
        chart.panel(0, [smooth(total), smooth(main)], xMax: xMax, yRange: (0, max(total.map(\.1).max() ?? 1, 1e-3)))
        let stepsPerEpoch = Double(m.config["total_steps"].flatMap(Double.init) ?? xMax) / Double(max(m.epochs.count, 1))
        let val = m.epochs.map { (Double($0.epoch + 1) * stepsPerEpoch, $0.valAccuracy) }
        chart.panel(1, [smooth(m.steps.map { (Double($0.step), $0.batchAccuracy) }), [(0, 0)] + val], xMax: xMax, yRange: (0, 1))
        if let first = m.gradientNorms.first {
            let picks = pickLayers(first.order)
            let series = picks.map { layer in m.gradientNorms.compactMap { r in r.layers[layer].map { (Double(r.step), log10(max($0, 1e-12))) } } }
            let all = series.flatMap { $0.map(\.1) }
            chart.panel(2, series, xMax: xMax, yRange: (all.min() ?? -6, all.max() ?? 0))
        }
        try ImageFile.write(chart.image, to: path)
    }

    /// Panels side by side, 300×220 each, with axes and lines; no text (the caption says
    /// what each panel and colour is).
    struct Chart {
        static let width = 300, height = 220, pad = 16
        var image: RGBImage

        init(panels: Int) { image = RGBImage(width: panels * Self.width, height: Self.height, fill: (255, 255, 255)) }

        /// Panel `index`: each series a line (colours in order, or the given ones), x from 0 to
        /// xMax, y clamped to yRange; `guides`: light grey horizontal lines at these y values.
        mutating func panel(_ index: Int, _ series: [[(Double, Double)]], colors: [Color]? = nil, xMax: Double, yRange: (Double, Double),
                            guides: [Double] = []) {
            let left = index * Self.width + Self.pad, top = Self.pad
            let width = Self.width - 2 * Self.pad, height = Self.height - 2 * Self.pad
            for g in guides where g >= yRange.0 && g <= yRange.1 {
                let y = top + height - Int((g - yRange.0) / max(yRange.1 - yRange.0, 1e-12) * Double(height))
                for x in left...(left + width) { image[x, y] = (220, 220, 220) }
            }
            for x in left...(left + width) { image[x, top + height] = (0, 0, 0) }
            for y in top...(top + height) { image[left, y] = (0, 0, 0) }
            for (k, points) in series.enumerated() {
                let color = colors?[k % colors!.count] ?? lineColors[k % lineColors.count]
                var last: (Int, Int)?
                for (px, py) in points {
                    let fx = left + Int((px / max(xMax, 1e-12)) * Double(width))
                    let span = max(yRange.1 - yRange.0, 1e-12)
                    let fy = top + height - Int(((py - yRange.0) / span).clamped(0, 1) * Double(height))
                    if let (lx, ly) = last { line(&image, lx, ly, fx, fy, color) }
                    last = (fx, fy)
                }
            }
        }
    }

    /// `c` mixed with white: `amount` 0 keeps it, 1 is white (a lighter line behind the mean).
    static func tint(_ c: Color, _ amount: Double) -> Color {
        func mix(_ v: UInt8) -> UInt8 { UInt8((Double(v) + (255 - Double(v)) * amount).rounded()) }
        return (mix(c.r), mix(c.g), mix(c.b))
    }

    /// Up to six layers spread from input to output.
    static func pickLayers(_ order: [String]) -> [String] {
        let weights = order.filter { !$0.hasSuffix(".1") }       // skip BatchNorm (layer.1) where named so
        let chosen = weights.isEmpty ? order : weights
        guard chosen.count > 6 else { return chosen }
        return (0..<6).map { chosen[$0 * (chosen.count - 1) / 5] }
    }

    /// A moving average over about 1/50 of the points.
    static func smooth(_ points: [(Double, Double)]) -> [(Double, Double)] {
        let k = max(1, points.count / 50)
        return stride(from: 0, to: points.count, by: k).map { i in
            let slice = points[i..<min(i + k, points.count)]
            return (slice.last!.0, slice.map(\.1).reduce(0, +) / Double(slice.count))
        }
    }

    static func line(_ image: inout RGBImage, _ x0: Int, _ y0: Int, _ x1: Int, _ y1: Int, _ c: Color) {
        let n = max(abs(x1 - x0), abs(y1 - y0), 1)
        for i in 0...n {
            let x = x0 + (x1 - x0) * i / n, y = y0 + (y1 - y0) * i / n
            for (dx, dy) in [(0, 0), (0, 1)] where x + dx < image.width && y + dy < image.height && y + dy >= 0 && x >= 0 {
                image[x + dx, y + dy] = c
            }
        }
    }

    /// Loss by step as a row of block characters, and validation accuracy by epoch.
    public static func terminalChart(_ m: TrainingMetrics, width: Int = 60) -> String {
        guard !m.steps.isEmpty else { return "" }
        let blocks = Array("▁▂▃▄▅▆▇█")
        let losses = m.steps.map(\.mainLoss)
        let per = max(1, Int((Double(losses.count) / Double(width)).rounded(.up)))
        let buckets = stride(from: 0, to: losses.count, by: per).map { i in losses[i..<min(i + per, losses.count)].reduce(0, +) / Double(min(per, losses.count - i)) }
        let hi = buckets.max() ?? 1, lo = buckets.min() ?? 0
        let bar = String(buckets.map { blocks[Int(((($0 - lo) / max(hi - lo, 1e-9)) * 7).rounded())] })
        var lines = [String(format: "main loss  %@  %.3f → %.3f", bar, losses.first!, losses.last!)]
        let acc = m.epochs.map { String(format: "%.1f%%", 100 * $0.valAccuracy) }.joined(separator: " → ")
        if !acc.isEmpty { lines.append("val acc    " + acc) }
        return lines.joined(separator: "\n")
    }
}
