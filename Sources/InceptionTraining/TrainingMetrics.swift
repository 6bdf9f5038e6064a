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

    public var classNames: [String] = []
    public var config: [String: String] = [:]
    public var steps: [Step] = []
    public var epochs: [Epoch] = []
    public var gradientNorms: [GradientNormRecord] = []
    public var wallSeconds: Double = 0
    public var imagesPerSecond: Double = 0
    public var finalValAccuracy: Double?

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
        return try decoder.decode(TrainingMetrics.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }
}
