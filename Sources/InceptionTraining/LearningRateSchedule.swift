import Foundation

/// How the learning rate moves over a run of `totalSteps` steps.
public enum LearningRateSchedule: String, CaseIterable, Sendable {
    /// The paper's: down 4% every 8 epochs. Scaled to the run as if it were 80 epochs long,
    /// so the rate steps down ten times and ends at 0.96^9 ≈ 0.69 of the start (0.96^10 ≈ 0.66
    /// would be the next step, after the last epoch).
    case paper
    /// lr · ½(1 + cos(π · step / total)), down to 0 at the end.
    case cosine
    case constant

    public func rate(base: Double, step: Int, totalSteps: Int) -> Double {
        let progress = totalSteps > 0 ? min(max(Double(step) / Double(totalSteps), 0), 1) : 0
        switch self {
        case .constant: return base
        case .cosine: return base * 0.5 * (1 + cos(Double.pi * progress))
        case .paper: return base * pow(0.96, floor(progress * 10).clamped(0, 9))
        }
    }
}

extension Double {
    func clamped(_ lo: Double, _ hi: Double) -> Double { Swift.min(Swift.max(self, lo), hi) }
}
