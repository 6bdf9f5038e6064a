import Foundation
import InceptionImaging

/// DIR/figure.png, drawn with TrainingReport's chart: (1) main-head validation accuracy by
/// step per arm, each seed light and the mean dark, grey guides at 25/50/75/100% and chance;
/// (2) log10 ‖∇θ‖ at conv1 by source (main dark, aux light) for the arms with aux heads, mean
/// over seeds, a guide per decade; (3) the main head's training loss, smoothed, mean over
/// seeds per arm, a guide per unit. Arm colours (`colorIndex`): blue BN on aux 0.3, orange
/// BN on aux 0, green BN off aux 0.3, red BN off aux 0.
public enum StudyFigure {
    public static func write(_ r: StudyResults, to path: String) throws {
        var chart = TrainingReport.Chart(panels: 3)
        let xMax = Double(r.settings.steps)
        var seedLines: [[(Double, Double)]] = [], seedColors: [TrainingReport.Color] = []
        var accuracy: [[(Double, Double)]] = [], accuracyColors: [TrainingReport.Color] = []
        var gradients: [[(Double, Double)]] = [], gradientColors: [TrainingReport.Color] = []
        var losses: [[(Double, Double)]] = [], lossColors: [TrainingReport.Color] = []
        for a in r.arms {
            let color = TrainingReport.lineColors[colorIndex(a.arm)]
            let runs = a.runs.filter { !$0.diverged }
            let curves = runs.map { [(0.0, 0.0)] + $0.evaluations.map { (Double($0.step), $0.validation.mainAccuracy) } }
            for c in curves { seedLines.append(c); seedColors.append(TrainingReport.tint(color, 0.6)) }
            if let m = mean(curves) { accuracy.append(m); accuracyColors.append(color) }
            if a.arm.auxWeight != 0 {
                for (source, tint) in [(\StudyResults.SourceNorms.main, 0.0), (\StudyResults.SourceNorms.aux, 0.55)] {
                    let curves = runs.map { $0.gradientSources.compactMap { g in g.layers["conv1"].map { (Double(g.step), log10(max($0[keyPath: source], 1e-12))) } } }
                    if let m = mean(curves) { gradients.append(m); gradientColors.append(TrainingReport.tint(color, tint)) }
                }
            }
            if let m = mean(runs.map { $0.mainTrainLoss.enumerated().map { (Double($0.offset), $0.element) } }) {
                losses.append(TrainingReport.smooth(m)); lossColors.append(color)
            }
        }
        // Light seed lines first, so the means are drawn over them.
        chart.panel(0, seedLines + accuracy, colors: seedColors + accuracyColors, xMax: xMax, yRange: (0, 1),
                    guides: [0.25, 0.5, 0.75, 1, 1 / Double(max(r.classes, 1))])     // and chance
        let logs = gradients.flatMap { $0.map(\.1) }
        let (lo, hi) = (floor(logs.min() ?? -3), ceil(logs.max() ?? 1))
        chart.panel(1, gradients, colors: gradientColors, xMax: xMax, yRange: (lo, hi), guides: Array(stride(from: lo, through: hi, by: 1)))
        let top = ceil(losses.flatMap { $0.map(\.1) }.max() ?? 3)
        chart.panel(2, losses, colors: lossColors, xMax: xMax, yRange: (0, max(top, 1)), guides: Array(stride(from: 0, through: top, by: 1)))
        try ImageFile.write(chart.image, to: path)
    }

    /// An arm's colour, the same whichever arms a study has: blue BN on aux > 0, orange BN on
    /// aux 0, green BN off aux > 0, red BN off aux 0.
    static func colorIndex(_ arm: AuxHeadsStudy.Arm) -> Int { (arm.batchNorm ? 0 : 2) + (arm.auxWeight != 0 ? 0 : 1) }

    /// The pointwise mean of curves measured at the same x (the shortest length wins).
    static func mean(_ curves: [[(Double, Double)]]) -> [(Double, Double)]? {
        guard let n = curves.map(\.count).min(), n > 0 else { return nil }
        return (0..<n).map { i in (curves[0][i].0, curves.map { $0[i].1 }.reduce(0, +) / Double(curves.count)) }
    }
}
