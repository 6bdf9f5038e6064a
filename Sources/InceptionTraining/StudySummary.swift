import Foundation

/// DIR/summary.md: the study's tables, mean ± standard deviation across seeds per arm, and the
/// aux heads' effect beside the seed-to-seed spread.
public enum StudySummary {
    /// mean and sample standard deviation (nil with one value) of the values present.
    static func meanSD(_ xs: [Double]) -> (mean: Double, sd: Double?)? {
        guard !xs.isEmpty else { return nil }
        let mean = xs.reduce(0, +) / Double(xs.count)
        guard xs.count > 1 else { return (mean, nil) }
        return (mean, (xs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(xs.count - 1)).squareRoot())
    }

    /// "72.3 ± 4.1" (scaled by `scale`, `digits` decimals); "–" when nothing was measured.
    static func cell(_ xs: [Double], scale: Double = 100, digits: Int = 1) -> String {
        guard let (m, sd) = meanSD(xs) else { return "–" }
        let f = "%.\(digits)f"
        return String(format: f, m * scale) + (sd.map { " ± " + String(format: f, $0 * scale) } ?? "")
    }

    static func scientificCell(_ xs: [Double]) -> String {
        guard let (m, sd) = meanSD(xs) else { return "–" }
        return String(format: "%.2e", m) + (sd.map { String(format: " ± %.1e", $0) } ?? "")
    }

    public static func markdown(_ r: StudyResults) -> String {
        let s = r.settings
        var lines = ["# The aux heads' effect, measured", ""]
        lines.append("Inception V1 (the seed's network) on the built-in shapes (12 classes), \(s.inputSize)×\(s.inputSize), batch \(s.batch), "
                     + "\(s.steps) SGD steps per run (momentum \(s.momentum), weight decay \(s.weightDecay), \(s.schedule) schedule), "
                     + "\(s.seeds) seeds per arm. Each seed fixes the initial weights, the batch order and the dropout masks, the same in every arm; "
                     + "the data set is one (seed \(s.dataSeed)) for all. "
                     + (s.batchNormInit == "kaiming" ? "Both BN settings use Kaiming's init (normal, √(2/fan_in)). "
                                                     : "BN on uses the seed's init (std 0.01), BN off Kaiming's (normal, √(2/fan_in)). ")
                     + "Each arm's learning rate is the best of \(s.learningRates.map { String(format: "%g", $0) }.joined(separator: ", ")) by seed 0's final "
                     + "main-head validation accuracy; the other seeds ran at that rate (seed 0's number is therefore picked on the same validation images: "
                     + "a small optimistic bias for seed 0 alone). Accuracy and loss are the MAIN head's, on the first \(s.validationImages) validation images "
                     + "(balanced), eval mode unless stated.")
        lines.append("")
        if !r.machine.isEmpty { lines += ["Machine: \(r.machine). Wall time \(Trainer.clock(r.wallSeconds))\(r.complete ? "" : " (stopped before the end: partial" + (r.stoppedReason.map { "; " + $0 } ?? "") + ")").", ""] }
        if let d = r.deadNetwork {
            lines += ["**The expected failure.** " + d.summary + ".", ""]
        }
        lines += ["| arm | lr | runs | main val acc % | main val loss | train − val acc (points) | val − train loss | train-mode val acc % | aux1 acc % | aux2 acc % |",
                  "|---|---|---|---|---|---|---|---|---|---|"]
        for a in r.arms {
            let finals = a.runs.compactMap(\.final)
            let lr = a.chosenLearningRate.map { String(format: "%g", $0) } ?? "–"
            let diverged = a.runs.filter(\.diverged).count
            lines.append("| \(a.arm.name) | \(lr) | \(finals.count)\(diverged > 0 ? " (+\(diverged) diverged)" : "") | "
                         + cell(finals.map(\.validation.mainAccuracy)) + " | " + cell(finals.map(\.validation.mainLoss), scale: 1, digits: 3) + " | "
                         + cell(finals.map(\.gapAccuracy)) + " | " + cell(finals.map(\.gapLoss), scale: 1, digits: 3) + " | "
                         + cell(finals.map(\.trainModeValidation.mainAccuracy)) + " | "
                         + cell(finals.compactMap(\.validation.aux1Accuracy)) + " | " + cell(finals.compactMap(\.validation.aux2Accuracy)) + " |")
        }
        lines += ["", "Mean ± standard deviation across seeds. The aux heads of an aux-0 arm are never trained (their accuracy is what untrained heads give).", ""]
        lines += ["Gradient norm ‖∇θ‖ of each block's parameters by source, averaged over the steps measured (every \(s.gradientEvery) from step 0), mean ± sd across seeds: "
                  + "main = from the main head's loss alone, aux = from \(String(format: "%g", s.auxWeight)) · (CE(aux1) + CE(aux2)) alone.", ""]
        let layers = SourceGradients.layers
        lines.append("| arm | " + layers.map { "\($0) main | \($0) aux" }.joined(separator: " | ") + " |")
        lines.append("|---|" + String(repeating: "---|---|", count: layers.count))
        for a in r.arms {
            let runs = a.runs.filter { !$0.gradientSources.isEmpty }
            lines.append("| \(a.arm.name) | " + layers.map { layer in
                scientificCell(runs.compactMap { $0.meanNorm(layer, \.main) }) + " | "
                    + (a.arm.auxWeight == 0 ? "0" : scientificCell(runs.compactMap { $0.meanNorm(layer, \.aux) }))
            }.joined(separator: " | ") + " |")
        }
        lines += ["", "## The aux heads' effect against the seed-to-seed spread", ""]
        lines += effectLines(r)
        lines += ["", "## The learning-rate grid (seed 0)", "", "| arm | " + s.learningRates.map { String(format: "lr %g", $0) }.joined(separator: " | ") + " |",
                  "|---|" + String(repeating: "---|", count: s.learningRates.count)]
        for a in r.arms {
            let cells = s.learningRates.map { lr -> String in
                guard let g = a.grid.first(where: { $0.learningRate == lr }) else { return "–" }
                if g.diverged { return "diverged" }
                return String(format: "%.1f%% (%.3f)", 100 * (g.mainValAccuracy ?? 0), g.mainValLoss ?? .nan)
            }
            lines.append("| \(a.arm.name) | " + cells.joined(separator: " | ") + " |")
        }
        lines += ["", "Main-head validation accuracy (loss) after \(s.steps) steps.", ""]
        lines += ["figure.png, left: main-head validation accuracy by step (y 0–100%), one colour per arm "
                  + "(blue BN on aux 0.3, orange BN on aux 0, green BN off aux 0.3, red BN off aux 0), each seed a light line, the mean dark; grey guides at 25, 50, 75, 100% and chance. "
                  + "Middle: log10 ‖∇θ‖ at conv1 by step, from the main loss (dark) and from the weighted aux losses (light), aux-0.3 arms, mean over seeds, a guide per decade. "
                  + "Right: the main head's training loss (smoothed), mean over seeds per arm, a guide per unit of loss.", ""]
        return lines.joined(separator: "\n")
    }

    /// Per BatchNorm setting: aux 0.3 minus aux 0 in main-head validation accuracy, as a
    /// difference of means (with each arm's sd) and paired by seed (same init, same batches).
    public static func effectLines(_ r: StudyResults) -> [String] {
        var lines: [String] = []
        for bn in r.settings.batchNorm {
            guard let with = r.arms.first(where: { $0.arm.batchNorm == bn && $0.arm.auxWeight != 0 }),
                  let without = r.arms.first(where: { $0.arm.batchNorm == bn && $0.arm.auxWeight == 0 }) else { continue }
            func accuracies(_ a: StudyResults.ArmResult) -> [UInt64: Double] {
                Dictionary(uniqueKeysWithValues: a.runs.compactMap { run in run.final.map { (run.seed, $0.validation.mainAccuracy) } })
            }
            let x = accuracies(with), y = accuracies(without)
            guard let mx = meanSD(Array(x.values)), let my = meanSD(Array(y.values)) else { continue }
            let paired = x.keys.filter { y[$0] != nil }.sorted().map { x[$0]! - y[$0]! }
            var line = String(format: "- BN %@: aux %g − aux 0 = %+.1f points of main-head validation accuracy (means %.1f%% vs %.1f%%; seed sd %@ and %@)",
                              bn ? "on" : "off", r.settings.auxWeight, 100 * (mx.mean - my.mean), 100 * mx.mean, 100 * my.mean,
                              mx.sd.map { String(format: "%.1f", 100 * $0) } ?? "–", my.sd.map { String(format: "%.1f", 100 * $0) } ?? "–")
            if let p = meanSD(paired) {
                line += String(format: "; paired by seed: %@ (mean %+.1f, sd %@)", paired.map { String(format: "%+.1f", 100 * $0) }.joined(separator: ", "),
                               100 * p.mean, p.sd.map { String(format: "%.1f", 100 * $0) } ?? "–")
            }
            lines.append(line + ".")
        }
        return lines.isEmpty ? ["(needs both aux arms of a BatchNorm setting)"] : lines
    }
}
