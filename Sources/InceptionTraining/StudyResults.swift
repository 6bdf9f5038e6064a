import Foundation

/// Everything the aux-head study measured, as DIR/results.json: every arm's grid, every
/// run's curves and final measures.
public struct StudyResults: Codable, Sendable {
    public struct ArmResult: Codable, Sendable {
        public var arm: AuxHeadsStudy.Arm
        public var grid: [GridPoint] = []
        /// nil while the grid runs, or when every rate diverged.
        public var chosenLearningRate: Double?
        /// Seed 0 (the grid's run at the chosen rate) first, then the other seeds.
        public var runs: [Run] = []
        public init(arm: AuxHeadsStudy.Arm) { self.arm = arm }
    }

    public struct GridPoint: Codable, Sendable {
        public var learningRate: Double
        public var mainValAccuracy: Double?
        public var mainValLoss: Double?
        public var diverged: Bool
    }

    /// ‖∇θ‖ of one block's parameters from the main loss alone, from the weighted aux losses
    /// alone, and from the total loss the step used.
    public struct SourceNorms: Codable, Sendable {
        public var main: Double
        public var aux: Double
        public var total: Double
    }

    public struct GradientSources: Codable, Sendable {
        public var step: Int
        /// conv1, conv2b, inception3a, inception4a → norms.
        public var layers: [String: SourceNorms]
    }

    public struct Evaluation: Codable, Sendable {
        /// Steps done when measured.
        public var step: Int
        /// Eval mode: the main head's accuracy and loss, the aux heads' own accuracy.
        public var validation: HeadEvaluation
    }

    public struct Final: Codable, Sendable {
        public var validation: HeadEvaluation
        /// The main head with each batch's own statistics and dropout (as in training).
        public var trainModeValidation: HeadEvaluation
        /// Eval mode on as many training images: the gap's other side.
        public var training: HeadEvaluation
        public var gapAccuracy: Double { training.mainAccuracy - validation.mainAccuracy }
        public var gapLoss: Double { validation.mainLoss - training.mainLoss }
    }

    public struct Run: Codable, Sendable {
        public var seed: UInt64
        public var learningRate: Double
        public var diverged = false
        public var wallSeconds = 0.0
        /// The main head's cross-entropy on each step's training batch (train mode).
        public var mainTrainLoss: [Double] = []
        public var evaluations: [Evaluation] = []
        public var gradientSources: [GradientSources] = []
        public var final: Final?

        public init(seed: UInt64, learningRate: Double) { self.seed = seed; self.learningRate = learningRate }

        /// The mean over the recorded steps of one block's norm from one source.
        public func meanNorm(_ layer: String, _ source: KeyPath<SourceNorms, Double>) -> Double? {
            let values = gradientSources.compactMap { $0.layers[layer]?[keyPath: source] }
            return values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
        }

        func summary(_ arm: AuxHeadsStudy.Arm) -> String {
            guard let f = final else { return "\(arm.name), seed \(seed), lr \(learningRate): diverged" }
            return String(format: "%@, seed %d, lr %g: main-head validation accuracy %.1f%% (loss %.3f), train %.1f%%, train-mode validation %.1f%%, aux1 %.1f%%, aux2 %.1f%%, %.0f s",
                          arm.name, seed, learningRate, 100 * f.validation.mainAccuracy, f.validation.mainLoss,
                          100 * f.training.mainAccuracy, 100 * f.trainModeValidation.mainAccuracy,
                          100 * (f.validation.aux1Accuracy ?? 0), 100 * (f.validation.aux2Accuracy ?? 0), wallSeconds)
        }
    }

    /// The expected failure, measured: no BatchNorm with the seed's std-0.01 weights.
    public struct DeadNetwork: Codable, Sendable {
        public var learningRate: Double
        public var classes: Int
        public var seedInit: TrainingMetrics.Start
        /// The main loss of each step of the check.
        public var mainLoss: [Double]
        public var kaimingInit: TrainingMetrics.Start

        var summary: String {
            String(format: "dead network (BN off, std-0.01 init): logits' spread over the batch %.2g, conv1 ‖∇θ‖ %.2g at step 0, main loss %.4f → %.4f over %d steps at lr %g (ln %d = %.4f); with Kaiming's init: spread %.2g, conv1 ‖∇θ‖ %.2g",
                   seedInit.logitSpread, seedInit.firstLayerGradientNorm, mainLoss.first ?? .nan, mainLoss.last ?? .nan,
                   mainLoss.count, learningRate, classes, log(Double(classes)), kaimingInit.logitSpread, kaimingInit.firstLayerGradientNorm)
        }
    }

    public var settings: AuxHeadsStudy.Settings
    /// The number of classes (chance is 1 / classes).
    public var classes = 12
    public var arms: [ArmResult]
    public var deadNetwork: DeadNetwork?
    /// False when the study was stopped before its last run.
    public var complete = false
    /// Why it stopped early (the time budget), if it did.
    public var stoppedReason: String?
    public var wallSeconds = 0.0
    /// The CPU and threads it ran on (set by the command).
    public var machine = ""

    public init(settings: AuxHeadsStudy.Settings, arms: [ArmResult]) { self.settings = settings; self.arms = arms }

    public func write(to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        try encoder.encode(self).write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    public static func read(from path: String) throws -> StudyResults {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try decoder.decode(StudyResults.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }
}
