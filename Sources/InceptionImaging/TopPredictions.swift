import Foundation
import InceptionRuntime

/// The k most probable classes of a classifier's output, with their names when the
/// classifier has ImageNet's 1000 classes.
public struct Prediction: Equatable, Sendable {
    public var index: Int
    /// softmax(logits)[index]
    public var probability: Float
    /// The ImageNet class name, when there are 1000 classes and the names file was found.
    public var label: String?

    public init(index: Int, probability: Float, label: String? = nil) {
        self.index = index; self.probability = probability; self.label = label
    }

    /// "banana (954)" or, without a name, "class 954".
    public var name: String { label.map { "\($0) (\(index))" } ?? "class \(index)" }
}

public enum TopPredictions {
    /// For each row of logits (N, K): the k most probable classes by softmax, most probable
    /// first (equal probabilities: lower index first). Names are added when K is 1000 and
    /// `labels` is given.
    public static func compute(_ logits: Tensor, k: Int, labels: [String]? = nil) throws -> [[Prediction]] {
        guard logits.rank == 2, !logits.isMeta else {
            throw TensorError.shapeMismatch("top-k needs logits (N, classes), got \(formatShape(logits.shape))")
        }
        let (n, classes) = (logits.shape[0], logits.shape[1])
        let probabilities = try Dense.softmax(logits)
        let names = labels?.count == classes ? labels : nil
        return (0..<n).map { row in
            let p = probabilities.data + row * classes
            let order = (0..<classes).sorted { p[$0] != p[$1] ? p[$0] > p[$1] : $0 < $1 }
            return order.prefix(max(0, k)).map { Prediction(index: $0, probability: p[$0], label: names?[$0]) }
        }
    }

    /// The lines a command prints, one block per image:
    ///
    ///     top-5 (image 1 of 1)
    ///        87.31%  banana (954)
    ///         4.02%  lemon (951)
    public static func format(_ predictions: [[Prediction]]) -> String {
        var lines: [String] = []
        for (i, top) in predictions.enumerated() {
            lines.append("top-\(top.count) (image \(i + 1) of \(predictions.count))")
            for p in top { lines.append(String(format: "  %7.2f%%  ", Double(p.probability) * 100) + p.name) }
        }
        return lines.joined(separator: "\n")
    }

    /// `format(compute(...))` with ImageNet's names for 1000-class logits; when the names file
    /// cannot be found, class indices are shown and `note` says why.
    /// `classNames`: the names a trained model's file carries (else ImageNet's for 1000 classes).
    public static func report(_ logits: Tensor, k: Int, classNames: [String]? = nil) throws -> (text: String, note: String?) {
        var labels: [String]? = nil, note: String? = nil
        if let classNames, logits.rank == 2, logits.shape[1] == classNames.count {
            labels = classNames
        } else if logits.rank == 2, logits.shape[1] == 1000 {
            do { labels = try ImageNetClasses.names() } catch { note = "\(error)" }
        }
        return (format(try compute(logits, k: k, labels: labels)), note)
    }
}
