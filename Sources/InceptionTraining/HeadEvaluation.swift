import InceptionImaging
import InceptionModel
import InceptionRuntime

/// Accuracy and loss of every head of the seed network on a fixed set of images, without
/// touching the run: the main head (what the network is judged by) and the two aux heads,
/// in eval mode (running statistics, no dropout) or in train mode (each batch's own
/// statistics and dropout, as the network sees its training batches).
public struct HeadEvaluation: Codable, Equatable, Sendable {
    public var images: Int
    public var mainAccuracy: Double
    public var mainLoss: Double
    /// The aux heads' own accuracy (nil in train mode, where only the main head is scored).
    public var aux1Accuracy: Double?
    public var aux2Accuracy: Double?

    /// The first `count` images of `split` (index % classes is the label: balanced when count
    /// is a multiple of the number of classes), in batches of `batch`, on the fast path.
    /// Train mode restores BatchNorm's running statistics afterwards; its dropout masks come
    /// from a fixed seed, so the number is the same for the same weights.
    public static func measure(_ net: InceptionV1, data: TrainingData, split: DatasetSplit, count: Int, batch: Int,
                               trainMode: Bool) throws -> HeadEvaluation {
        let n = min(count, data.count(split))
        let loader = BatchLoader(data: data)
        let snapshot = BufferSnapshot(net)
        let wasTraining = net.training
        net.setTraining(trainMode)
        defer { snapshot.restore(); net.setTraining(wasTraining) }
        var plans: [Int: InferencePlan] = [:]
        var random = SeededRandom(seed: 0xE7A1)
        var hits = [0, 0, 0], lossSum = 0.0
        try GradMode.with(enabled: false) {
            for start in stride(from: 0, to: n, by: batch) {
                let (x, labels) = try loader.batch(split, Array(start..<min(start + batch, n)))
                if plans[labels.count] == nil {
                    plans[labels.count] = try net.compileFastPath(inputShape: x.shape, auxHeads: !trainMode)
                }
                let (logits, side) = try plans[labels.count]!.run(x, random: &random)
                hits[0] += Trainer.correct(logits, labels)
                lossSum += Double(try Loss.crossEntropyForward(logits, labels: labels).loss) * Double(labels.count)
                if !trainMode {
                    if let a = side["aux1"] { hits[1] += Trainer.correct(a, labels) }
                    if let a = side["aux2"] { hits[2] += Trainer.correct(a, labels) }
                }
            }
        }
        let total = Double(max(n, 1))
        let hasAux = !trainMode && net.child("aux1") != nil
        return HeadEvaluation(images: n, mainAccuracy: Double(hits[0]) / total, mainLoss: lossSum / total,
                              aux1Accuracy: hasAux ? Double(hits[1]) / total : nil, aux2Accuracy: hasAux ? Double(hits[2]) / total : nil)
    }
}
