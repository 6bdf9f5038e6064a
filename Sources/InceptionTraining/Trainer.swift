import Foundation
import InceptionModel
import InceptionRuntime
import Synchronization

/// What a training run does: the network, the data, SGD's settings, how long.
public struct TrainingConfig: Codable, Equatable, Sendable {
    public var variant = "seed"
    /// "builtin" or an ImageFolder directory.
    public var dataset = "builtin"
    /// The built-in pictures' side (an ImageFolder is resized to 224).
    public var inputSize = 224
    /// Length of the run: `steps` when given, else `epochs` passes over the training set.
    public var epochs = 3
    public var steps: Int?
    public var batch = 8
    public var learningRate = 0.001
    public var momentum = 0.9
    public var weightDecay = 1e-4
    public var schedule = LearningRateSchedule.cosine.rawValue
    public var auxWeight = 0.3
    public var dropout: Double?
    public var seed: UInt64 = 0
    public var randomCrop = false
    public var flip = false
    /// Record per-layer gradient norms every this many steps.
    public var gradientNormEvery = 10
    /// false: the seed network without BatchNorm (each BasicConv2d is Conv2d + ReLU); nil is on
    /// (checkpoints written before the option have neither key).
    public var batchNorm: Bool?
    /// How the convolutions are drawn: "seed" (std 0.01, the default when nil) or "kaiming".
    public var weightInit: String?

    public var usesBatchNorm: Bool { batchNorm ?? true }

    public init() {}
}

/// Thrown when Ctrl-C stopped a run: the checkpoint is saved and says how to go on.
public struct TrainingInterrupted: Error, CustomStringConvertible {
    public let step: Int
    public let runDirectory: String
    public var description: String {
        "interrupted after step \(step); checkpoint saved in \(runDirectory)/\(Checkpoint.resumeFile): resume with  inception train --resume \(runDirectory)"
    }
}

/// Trains a GoogLeNet with SGD on a data set: forward in train mode, the seed's total loss,
/// backward, a step; validation each epoch; metrics and checkpoints in the run directory.
/// Every random choice (batch order, augmentation, dropout) is drawn from a generator seeded by
/// (seed, step), so a resumed run continues with the numbers an uninterrupted one would have.
public final class Trainer {
    public let config: TrainingConfig
    public let data: TrainingData
    public let runDirectory: String
    public let net: any InceptionNetwork
    public let optimizer: SGD
    /// Makes the training batches (augmented as the config says).
    public let loader: BatchLoader
    /// The layers' scratch, mapped once for the whole run (every step's context shares it).
    let workspace = Workspace()
    public private(set) var metrics = TrainingMetrics()
    /// Lines for the log (epoch summaries), and the live progress text.
    public var log: (String) -> Void = { print($0) }
    public var progress: (String) -> Void = { _ in }
    private let stopFlag = Atomic<Bool>(false)
    /// Wall time of the earlier parts of a resumed run.
    private var wallBefore = 0.0

    public init(config: TrainingConfig, data: TrainingData, runDirectory: String) throws {
        guard let variant = InceptionVariant(rawValue: config.variant) else {
            throw TrainingError("unknown variant '\(config.variant)': use seed or torchvision")
        }
        guard config.batch >= 2 else { throw TrainingError("--batch must be at least 2 (BatchNorm's batch statistics need more than one image)") }
        guard data.count(.train) >= config.batch else {
            throw TrainingError("the training set has \(data.count(.train)) images, fewer than one batch of \(config.batch)")
        }
        guard let scheme = WeightInit(rawValue: config.weightInit ?? "seed") else {
            throw TrainingError("unknown init '\(config.weightInit ?? "")': use seed or kaiming")
        }
        self.config = config
        self.data = data
        self.runDirectory = runDirectory
        loader = BatchLoader(data: data, randomCrop: config.randomCrop, flip: config.flip)
        DefaultGenerator.seed(config.seed)
        net = try ModelFromWeights.network(variant: variant, weights: nil, dropout: config.dropout, numClasses: data.classNames.count,
                                           batchNorm: config.usesBatchNorm, weightInit: scheme)
        optimizer = try SGD(parameters: net.namedParameters().map(\.tensor), learningRate: Float(config.learningRate),
                            momentum: Float(config.momentum), weightDecay: Float(config.weightDecay))
        metrics.classNames = data.classNames
        metrics.config = ["variant": config.variant, "batch": String(config.batch), "lr": String(config.learningRate),
                          "momentum": String(config.momentum), "weight_decay": String(config.weightDecay),
                          "schedule": config.schedule, "aux_weight": String(config.auxWeight), "seed": String(config.seed),
                          "total_steps": String(totalSteps), "input_size": String(data.inputSize),
                          "batchnorm": config.usesBatchNorm ? "on" : "off", "init": scheme.rawValue]
    }

    public var stepsPerEpoch: Int { data.count(.train) / config.batch }
    public var totalSteps: Int { config.steps ?? config.epochs * stepsPerEpoch }
    var schedule: LearningRateSchedule { LearningRateSchedule(rawValue: config.schedule) ?? .cosine }
    var variant: InceptionVariant { net.variant }

    /// Asks the run to stop after the current step (Ctrl-C); safe from a signal thread.
    public func requestStop() { stopFlag.store(true, ordering: .relaxed) }

    /// What one step did.
    public struct StepOutcome {
        /// The total loss (main + aux_weight · aux terms) and the main head's alone.
        public var loss: Float, mainLoss: Float
        /// Main-head hits in the batch (train mode), and the batch's size.
        public var hits: Int, count: Int
        public var learningRate: Double
    }

    /// The training batch of `step`: the epoch's seeded order, augmented by the step's seed.
    // → x: (B, 3, S, S), labels: B
    public func batch(at step: Int) throws -> (x: Tensor, labels: [Int]) {
        let epoch = step / stepsPerEpoch, position = step % stepsPerEpoch
        let order = EpochOrder.permutation(count: data.count(.train), seed: config.seed, epoch: epoch)
        let indices = Array(order[(position * config.batch)..<((position + 1) * config.batch)])
        return try loader.batch(.train, indices, augmentSeed: EpochOrder.mix(config.seed, UInt64(step), 1))
    }

    /// The execution context of `step`'s forward pass: its dropout masks come from the step's seed,
    /// so a second forward with a fresh context of the same step draws the same masks.
    public func context(at step: Int) -> ExecutionContext {
        ExecutionContext(seed: EpochOrder.mix(config.seed, UInt64(step), 2), workspace: workspace)
    }

    /// One SGD step on `step`'s batch: forward in train mode, the total loss, backward
    /// (gradient norms recorded every `gradientNormEvery` steps), the update.
    public func trainStep(_ step: Int) throws -> StepOutcome {
        try OpenBLAS.withSingleThreadedBLAS { try trainStepOnKernels(step) }
    }

    private func trainStepOnKernels(_ step: Int) throws -> StepOutcome {
        let (x, labels) = try batch(at: step)
        let rate = schedule.rate(base: config.learningRate, step: step, totalSteps: totalSteps)
        optimizer.learningRate = Float(rate)
        net.setTraining(true)
        let out = try net.outputs(x, context(at: step))
        let loss = try out.totalLoss(labels: labels, auxWeight: Float(config.auxWeight))
        let mainLoss = try Loss.crossEntropyForward(out.logits, labels: labels).loss
        let hits = Self.correct(out.logits, labels)
        optimizer.zeroGrad()
        try Autograd.backward(loss)
        if step == 0 {
            metrics.start = .init(logitSpread: Self.spreadOverBatch(out.logits),
                                  firstLayerGradientNorm: GradientNorms.byLayer(net).first?.norm ?? 0, mainLoss: Double(mainLoss))
        }
        if config.gradientNormEvery > 0 && step % config.gradientNormEvery == 0 {
            let layers = GradientNorms.byLayer(net)
            metrics.gradientNorms.append(.init(step: step, layers: Dictionary(uniqueKeysWithValues: layers.map { ($0.path, $0.norm) }),
                                               order: layers.map(\.path)))
        }
        optimizer.step()
        guard loss.scalar.isFinite else {
            throw LossNotFinite(loss: loss.scalar, step: step, learningRate: config.learningRate)
        }
        metrics.steps.append(.init(step: step, epoch: step / stepsPerEpoch, loss: Double(loss.scalar), mainLoss: Double(mainLoss),
                                   learningRate: rate, batchAccuracy: Double(hits) / Double(labels.count)))
        return StepOutcome(loss: loss.scalar, mainLoss: mainLoss, hits: hits, count: labels.count, learningRate: rate)
    }

    /// Runs from step `start` (0, or what a checkpoint says) to the end.
    public func run(from start: Int = 0) throws -> TrainingMetrics {
        try FileManager.default.createDirectory(atPath: runDirectory, withIntermediateDirectories: true)
        let began = Date()
        wallBefore = metrics.wallSeconds
        var imagesSeen = 0
        var correct = 0, seen = 0
        var step = start
        while step < totalSteps {
            let epoch = step / stepsPerEpoch
            let outcome = try trainStep(step)
            correct += outcome.hits; seen += outcome.count; imagesSeen += outcome.count
            step += 1
            if step == 1, let start = metrics.start { log(Self.describe(start, classes: data.classNames.count)) }
            let elapsed = Date().timeIntervalSince(began)
            let perSecond = Double(imagesSeen) / max(elapsed, 1e-9)
            let remaining = Double((totalSteps - step) * config.batch) / max(perSecond, 1e-9)
            progress(String(format: "epoch %d/%d  step %d/%d  loss %.4f  acc %5.1f%%  %.1f img/s  ETA %@",
                            epoch + 1, (totalSteps + stepsPerEpoch - 1) / stepsPerEpoch, step, totalSteps, outcome.loss,
                            100 * Double(correct) / Double(max(seen, 1)), perSecond, Self.clock(remaining)))

            let epochEnds = step % stepsPerEpoch == 0 || step == totalSteps
            if epochEnds {
                let (accuracy, valLoss) = try validate()
                let trainAccuracy = Double(correct) / Double(max(seen, 1))
                metrics.epochs.append(.init(epoch: epoch, trainAccuracy: trainAccuracy, valAccuracy: accuracy, valLoss: valLoss,
                                            seconds: elapsed))
                log(String(format: "epoch %d: train accuracy %.1f%%, validation accuracy %.1f%% (loss %.4f), %@ elapsed",
                           epoch + 1, 100 * trainAccuracy, 100 * accuracy, valLoss, Self.clock(elapsed)))
                correct = 0; seen = 0
                try save(step: step, elapsed: elapsed, imagesSeen: imagesSeen)
            }
            if stopFlag.load(ordering: .relaxed) && step < totalSteps {
                try save(step: step, elapsed: Date().timeIntervalSince(began), imagesSeen: imagesSeen)
                throw TrainingInterrupted(step: step, runDirectory: runDirectory)
            }
        }
        metrics.finalValAccuracy = metrics.epochs.last?.valAccuracy
        try metrics.write(to: runDirectory + "/metrics.json")
        return metrics
    }

    /// Main-head accuracy and loss on the validation set, eval mode, nothing recorded.
    public func validate() throws -> (accuracy: Double, loss: Double) {
        net.setTraining(false)
        defer { net.setTraining(true) }
        let loader = BatchLoader(data: data)
        let n = data.count(.val)
        var correct = 0, lossSum = 0.0
        try GradMode.with(enabled: false) {
            for start in stride(from: 0, to: n, by: max(config.batch, 16)) {
                let indices = Array(start..<min(start + max(config.batch, 16), n))
                let (x, labels) = try loader.batch(.val, indices)
                let logits = try net.outputs(x, ExecutionContext()).logits
                correct += Self.correct(logits, labels)
                lossSum += Double(try Loss.crossEntropyForward(logits, labels: labels).loss) * Double(labels.count)
            }
        }
        return (Double(correct) / Double(max(n, 1)), lossSum / Double(max(n, 1)))
    }

    /// Resumes from RUN_DIR/checkpoint.safetensors and metrics.json; returns the step to go on from.
    public func loadCheckpoint() throws -> Int {
        let step = try Checkpoint.resume(net, optimizer: optimizer, from: runDirectory + "/" + Checkpoint.resumeFile)
        let metricsPath = runDirectory + "/metrics.json"
        if FileManager.default.fileExists(atPath: metricsPath) {
            var old = try TrainingMetrics.read(from: metricsPath)
            old.steps = old.steps.filter { $0.step < step }
            old.gradientNorms = old.gradientNorms.filter { $0.step < step }
            // an epoch's record is written at its last step, or at the run's last (a run shorter than an epoch)
            old.epochs = old.epochs.filter { min(($0.epoch + 1) * stepsPerEpoch, totalSteps) <= step }
            metrics = old
        }
        return step
    }

    func save(step: Int, elapsed: Double, imagesSeen: Int) throws {
        let meta = Checkpoint.metadata(classNames: data.classNames, variant: variant, inputSize: data.inputSize,
                                       extra: ["config": String(decoding: try JSONEncoder().encode(config), as: UTF8.self),
                                               "batchnorm": config.usesBatchNorm ? "on" : "off", "init": config.weightInit ?? "seed"])
        try Checkpoint.saveModel(net, metadata: meta, to: runDirectory + "/" + Checkpoint.modelFile)
        try Checkpoint.saveResume(net, optimizer: optimizer, step: step, metadata: meta, to: runDirectory + "/" + Checkpoint.resumeFile)
        metrics.wallSeconds = wallBefore + elapsed
        metrics.imagesPerSecond = Double(imagesSeen) / max(elapsed, 1e-9)
        metrics.finalValAccuracy = metrics.epochs.last?.valAccuracy
        try metrics.write(to: runDirectory + "/metrics.json")
    }

    /// The training configuration a checkpoint was written with.
    public static func config(ofRun directory: String) throws -> TrainingConfig {
        let file = try SafeTensorsFile.read(path: directory + "/" + Checkpoint.resumeFile)
        guard let text = file.metadata["config"], let config = try? JSONDecoder().decode(TrainingConfig.self, from: Data(text.utf8)) else {
            throw TrainingError("\(directory)/\(Checkpoint.resumeFile) has no training configuration: not written by inception train")
        }
        return config
    }

    // logits: (N, K) → how many rows have their largest value at the label
    static func correct(_ logits: Tensor, _ labels: [Int]) -> Int {
        let k = logits.shape[1]
        var hits = 0
        for (n, label) in labels.enumerated() {
            var best = 0
            for j in 1..<k where logits.data[n * k + j] > logits.data[n * k + best] { best = j }
            if best == label { hits += 1 }
        }
        return hits
    }

    /// "start      logits' spread over the batch 4.1e-10, first layer ‖∇θ‖ 2.6e-07, main loss 2.4828 (ln 12 = 2.4849): a dead network …"
    public static func describe(_ start: TrainingMetrics.Start, classes: Int) -> String {
        var line = String(format: "start      logits' spread over the batch %.2g, first layer ‖∇θ‖ %.2g, main loss %.4f (ln %d = %.4f)",
                          start.logitSpread, start.firstLayerGradientNorm, start.mainLoss, classes, Foundation.log(Double(classes)))
        if start.isDead {
            line += ": a dead network, the signal dies on its way up (no BatchNorm and std-0.01 weights shrink it at every layer), so the loss stays near ln \(classes) (the logits are the classifier's bias alone): use --init kaiming"
        }
        return line
    }

    // logits: (N, K) → the standard deviation over the N rows of each column, averaged over the K columns
    static func spreadOverBatch(_ logits: Tensor) -> Double {
        let n = logits.shape[0], k = logits.shape[1]
        var sum = 0.0
        for j in 0..<k {
            let column = (0..<n).map { Double(logits.data[$0 * k + j]) }
            let mean = column.reduce(0, +) / Double(n)
            sum += (column.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n)).squareRoot()
        }
        return sum / Double(max(k, 1))
    }

    static func clock(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "--:--" }
        let s = Int(seconds.rounded())
        return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String(format: "%d:%02d", s / 60, s % 60)
    }
}

/// The loss became inf or NaN: the run diverged (the weights are lost).
public struct LossNotFinite: Error, CustomStringConvertible {
    public let loss: Float, step: Int, learningRate: Double
    public var description: String {
        "the loss became \(loss) at step \(step + 1): lower the learning rate (--lr \(learningRate / 10))"
    }
}

public struct TrainingError: Error, CustomStringConvertible {
    public let description: String
    public init(_ text: String) { description = text }
}
