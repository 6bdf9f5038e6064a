import Foundation
import InceptionImaging

/// The built-in shapes as training data.
public struct BuiltinShapes: TrainingData {
    public let shapes: SyntheticShapes
    public init(_ shapes: SyntheticShapes) { self.shapes = shapes }
    public var classNames: [String] { SyntheticShapes.classNames }
    public var inputSize: Int { shapes.size }
    public func count(_ split: DatasetSplit) -> Int { shapes.count(split) }
    public func sample(_ split: DatasetSplit, _ index: Int) throws -> (image: RGBImage, label: Int) { shapes.sample(split, index) }
}

extension ImageFolderDataset: TrainingData {
    public var inputSize: Int { 224 }
}

/// The data sets `inception train` knows by name.
public enum TrainingDatasets {
    /// "builtin": the shapes drawn in code (seeded); anything else: an ImageFolder directory.
    public static func open(_ name: String, seed: UInt64, size: Int = 224) throws -> TrainingData {
        if name == "builtin" { return BuiltinShapes(SyntheticShapes(seed: seed, size: size)) }
        return try ImageFolderDataset(directory: name)
    }

    /// "the built-in shapes (10 classes, 4,000 training and 500 validation images of 224×224)"
    public static func describe(_ data: TrainingData, name: String) -> String {
        let what = name == "builtin" ? "the built-in shapes" : name
        return "\(what) (\(data.classNames.count) classes, \(data.count(.train)) training and \(data.count(.val)) validation images of \(data.inputSize)×\(data.inputSize))"
    }
}
