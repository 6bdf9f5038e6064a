import Foundation

/// Everything a run measured, written as RUN_DIR/metrics.json after every epoch.
public struct TrainingMetrics: Codable {
    public struct Step: Codable {
        public var step: Int
        public var epoch: Int
        /// The total training loss (with the aux terms).
        public var loss: Double
        /// The main head's cross-entropy alone.
        public var mainLoss: Double
        public var learningRate: Double
        /// The main head's accuracy on this batch (train mode).
        public var batchAccuracy: Double
    }
    public struct Epoch: Codable {
        public var epoch: Int
        public var trainAccuracy: Double
        public var valAccuracy: Double
        public var valLoss: Double
        public var seconds: Double
    }
    public struct GradientNormRecord: Codable {
        public var step: Int
        /// ‖∇θ‖ per layer with parameters, in forward order (path → norm).
        public var layers: [String: Double]
        public var order: [String]
    }

    /// The network at the first step, before any update: a network whose signal died on the
    /// way up (no BatchNorm, std-0.01 weights) shows logits near 0 and no gradient at the input.
    public struct Start: Codable, Sendable {
        /// How much the main logits differ from image to image in the first batch: each class's
        /// logit's standard deviation over the batch, averaged over the classes. A dead network
        /// gives every image the same logits (its classifier's bias), so this is ~0.
        public var logitSpread: Double
        /// ‖∇θ‖ of the first layer with parameters (conv1's convolution).
        public var firstLayerGradientNorm: Double
        /// The main head's loss; ln(classes) when the logits are all equal.
        public var mainLoss: Double

        /// Dead: the logits do not depend on the image (spread under 1e-3) and no gradient
        /// reaches the first layer (‖∇θ‖ under 1e-3). Measured on the built-in set at 224:
        /// without BatchNorm at std 0.01 the first layer's ‖∇θ‖ is ~3e-7; with Kaiming's init ~2.5,
        /// with BatchNorm ~130.
        public var isDead: Bool { logitSpread < 1e-3 && firstLayerGradientNorm < 1e-3 }
    }

    public var classNames: [String] = []
    public var config: [String: String] = [:]
    public var steps: [Step] = []
    public var epochs: [Epoch] = []
    public var gradientNorms: [GradientNormRecord] = []
    public var wallSeconds: Double = 0
    public var imagesPerSecond: Double = 0
    public var finalValAccuracy: Double?
    public var start: Start?

    public init() {}

    // Keys are written in snake case: class_names, final_val_accuracy, images_per_second, …


    public func write(to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        try encoder.encode(self).write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    public static func read(from path: String) throws -> TrainingMetrics {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            return try decoder.decode(TrainingMetrics.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw TrainingError("\(path): not a metrics file written by inception train (it cannot be read as one): restore it, or move it away to resume without the record of the earlier steps")
        }
    }
}
