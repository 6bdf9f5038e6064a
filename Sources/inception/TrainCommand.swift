import ArgumentParser
import Foundation
import InceptionImaging
import InceptionModel
import InceptionRuntime
import InceptionTraining

extension LearningRateSchedule: ExpressibleByArgument {}
extension WeightInit: ExpressibleByArgument {}

/// An option that is on or off (`--batchnorm off`).
enum Switch: String, CaseIterable, ExpressibleByArgument { case on, off }

/// `inception train`: SGD with momentum on the built-in data set (or an ImageFolder), with a
/// live progress line, validation each epoch, metrics, curves and checkpoints in RUN_DIR.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train Inception V1 with SGD on the built-in shapes (or your pictures), with checkpoints you can resume.",
        discussion: """
        Writes RUN_DIR/metrics.json (every step's loss and learning rate, each epoch's accuracy, \
        gradient norms by layer), RUN_DIR/curves.png, RUN_DIR/model.safetensors (PyTorch's \
        state_dict names, the class names in its metadata: inception forward --weights prints \
        them) and RUN_DIR/checkpoint.safetensors (weights, momentum buffers and the step). \
        Ctrl-C saves a checkpoint; --resume RUN_DIR goes on to the same numbers as a run that \
        was never stopped.
        """)

    @Option(help: "seed (the reference Inception_V1) or torchvision (torchvision's GoogLeNet).")
    var variant: InceptionVariant = .seed

    @Option(help: "builtin (shapes and stripes drawn in code) or a folder in ImageFolder layout: DIR/train/<class>/*.png|jpg, DIR/val/<class>/….")
    var dataset = "builtin"

    @Option(parsing: .unconditional, help: "Side of the built-in pictures (the seed's aux heads need 209–256; torchvision's GoogLeNet pools its aux heads adaptively and takes any size from 64).")
    var size = 224

    @Option(parsing: .unconditional, help: "Passes over the training set (ignored when --steps is given). Default: 1000 steps on the built-in set (1⅔ passes: 94–99% validation accuracy in 5–9 minutes on 2 cores of an AMD EPYC Zen 5), 3 epochs on your pictures.")
    var epochs: Int?

    /// The built-in set's default length (Zen 5, 2026-12-02): 800 steps reached 93.5% in 6 min 16 s,
    /// 1000 steps 99.0% in 7 min 41 s; later builds (gradients summed image by image, then by slices
    /// of images) 96.2% in 8 min 27 s at a slower hour and 98.7% in 5 min 40 s; the seventh
    /// session's (dW by slices of tiles and from phase rows) 97.8% in 6 min 24 s in a noisy hour.
    static let builtinDefaultSteps = 1000

    @Option(parsing: .unconditional, help: "Number of SGD steps (overrides --epochs).")
    var steps: Int?

    @Option(parsing: .unconditional, help: "Images per step.")
    var batch = 8

    @Option(parsing: .unconditional, help: "Learning rate at the start (default: 0.005 with Kaiming's init, 0.001 with the seed's). Validation accuracy after 300 steps on the built-in set: Kaiming's init 62.3% at 0.005, 61.0% at 0.01, 15.2% at 0.02; the seed's 35.7% at 0.0005, 49.0% at 0.001, 25.5% at 0.002.")
    var lr: Double?

    @Option(parsing: .unconditional, help: "SGD momentum.")
    var momentum = 0.9

    @Option(parsing: .unconditional, help: "Weight decay (L2), as torch.optim.SGD's weight_decay.")
    var weightDecay = 1e-4

    @Option(help: "paper (down 4% every 8 epochs, scaled to the run as 80 epochs), cosine or constant.")
    var schedule: LearningRateSchedule = .cosine

    @Option(parsing: .unconditional, help: "Weight of each aux head's loss in the total.")
    var auxWeight = 0.3

    @Option(help: "on, or off for the 2014 network's kind: every BasicConv2d is Conv2d (with bias) + ReLU, no BatchNorm (seed variant only). Off with the seed's std-0.01 init is a dead network: use --init kaiming.")
    var batchnorm: Switch = .on

    @Option(name: .customLong("init"), help: "kaiming (normal, std √(2/fan_in), PyTorch's kaiming_normal_ with mode='fan_in', nonlinearity='relu'; biases 0), the default for training the seed variant, or seed (the seed's trunc normal, std 0.01). With BatchNorm after every convolution the seed's small weights make every step of SGD hundreds of times larger relative to them (the first layers' most), and it learns more slowly. Seed variant only (torchvision's GoogLeNet keeps its own init).")
    var weightInit: WeightInit?

    @Option(parsing: .unconditional, help: "Dropout probability, at least 0 and below 1 (default: the variant's).")
    var dropout: Double?

    @Option(parsing: .unconditional, help: "Seed for the weights, the data order, augmentation, dropout and the built-in images.")
    var seed: UInt64 = 0

    @Flag(help: "Random crops while training: 50–100% of the area (the paper's 8% would often cut a small figure out), aspect 3/4–4/3, resized to the input size.")
    var randomCrop = false

    @Flag(help: "Random horizontal flips while training.")
    var flip = false

    @Option(help: "Where the run's files go.")
    var out = "runs/train"

    @Option(help: "Continue the run in this folder from its checkpoint (its options are the run's own).")
    var resume: String?

    @OptionGroup var runtime: RuntimeOptions

    func validate() throws {
        guard batch >= 2 else { throw ValidationError("--batch must be at least 2 (BatchNorm needs more than one image)") }
        guard (64...512).contains(size) else { throw ValidationError("--size must be between 64 and 512") }
        if let e = epochs { guard e >= 1 else { throw ValidationError("--epochs must be at least 1") } }
        if let s = steps { guard s >= 1 else { throw ValidationError("--steps must be at least 1") } }
        if let lr { guard lr > 0, lr.isFinite else { throw ValidationError("--lr must be a positive number") } }
        guard (0..<1).contains(momentum) else { throw ValidationError("--momentum must be in [0, 1)") }
        guard weightDecay >= 0 else { throw ValidationError("--weight-decay must be 0 or more") }
        guard auxWeight >= 0 else { throw ValidationError("--aux-weight must be 0 or more") }
        // p = 1 zeroes every activation before the classifier: the network could learn nothing.
        if let p = dropout, !(0..<1).contains(p) {
            throw ValidationError("--dropout must be at least 0 and below 1, got \(p)\(p == 1 ? " (1 drops every activation, so nothing reaches the classifier and nothing can be learned)" : "")")
        }
        if variant == .torchvision && (batchnorm == .off || weightInit == .kaiming) {
            throw ValidationError("--batchnorm off and --init kaiming build the seed's Inception_V1: use --variant seed")
        }
    }

    func run() throws {
        HeapReuse.keepFreedBlocksForReuse()
        runtime.apply()
        do { try train() } catch let error as UserError { throw error } catch let e as TrainingInterrupted {
            if isatty(STDOUT_FILENO) == 1 { FileHandle.standardOutput.write(Data("\n".utf8)) }     // end the live progress line
            printError(e.description)
            throw ExitCode(130)
        } catch {
            throw UserError("\(error)")
        }
    }

    private func train() throws {
        let directory = resume ?? out
        let config = try resume.map { try Trainer.config(ofRun: $0) } ?? options()
        let data = try TrainingDatasets.open(config.dataset, seed: config.seed, size: config.inputSize)
        let trainer = try Trainer(config: config, data: data, runDirectory: directory)
        let start = resume != nil ? try trainer.loadCheckpoint() : 0
        let live = isatty(STDOUT_FILENO) == 1
        var lastPlain = Date.distantPast
        trainer.progress = { line in
            if live { FileHandle.standardOutput.write(("\r\u{1B}[K" + line).data(using: .utf8)!) }
            else if Date().timeIntervalSince(lastPlain) >= 10 { emit(line); lastPlain = Date() }
        }
        trainer.log = { line in
            if live { FileHandle.standardOutput.write("\r\u{1B}[K".data(using: .utf8)!) }
            emit(line)
        }
        emit("training   \(config.variant == "seed" ? "the seed's Inception_V1" : "torchvision's GoogLeNet") on \(TrainingDatasets.describe(data, name: config.dataset))")
        emit(String(format: "steps      %d (%d per epoch, batch %d), SGD lr %g momentum %g weight decay %g, %@ schedule, aux weight %g",
                     trainer.totalSteps, trainer.stepsPerEpoch, config.batch, config.learningRate, config.momentum,
                     config.weightDecay, config.schedule, config.auxWeight))
        emit("network    BatchNorm \(config.usesBatchNorm ? "on" : "off"), \(config.weightInit ?? "seed") init")
        if start > 0 { emit("resuming   from step \(start) of \(directory)") }
        nonisolated(unsafe) let stoppable = trainer
        let stopper = InterruptHandler { stoppable.requestStop() }
        defer { stopper.stop() }
        let metrics = try trainer.run(from: start)
        if live { emit("") }
        try TrainingReport.writeCurves(metrics, to: directory + "/curves.png")
        emit(TrainingReport.terminalChart(metrics))
        emit(String(format: "final      validation accuracy %.1f%% after %d step%@, %.0f s, %.1f images/s",
                     100 * (metrics.finalValAccuracy ?? 0), metrics.steps.count, metrics.steps.count == 1 ? "" : "s", metrics.wallSeconds, metrics.imagesPerSecond))
        emit("wrote      \(directory)/model.safetensors, checkpoint.safetensors, metrics.json, curves.png")
        emit("next       inception forward --weights \(directory)/model.safetensors --image PICTURE.png")
    }

    /// Writes a line at once (print is block-buffered in a pipe, and a run takes minutes).
    private func emit(_ line: String) { FileHandle.standardOutput.write((line + "\n").data(using: .utf8)!) }

    private func options() -> TrainingConfig {
        var c = TrainingConfig()
        c.variant = variant.rawValue
        c.dataset = dataset
        c.inputSize = size
        c.epochs = epochs ?? 3; c.batch = batch
        c.steps = steps ?? (epochs == nil && dataset == "builtin" ? Self.builtinDefaultSteps : nil)
        c.learningRate = lr ?? (chosenInit == .kaiming ? 0.005 : 0.001); c.momentum = momentum; c.weightDecay = weightDecay
        c.schedule = schedule.rawValue; c.auxWeight = auxWeight; c.dropout = dropout
        c.seed = seed; c.randomCrop = randomCrop; c.flip = flip
        if batchnorm == .off { c.batchNorm = false }
        if chosenInit != .seed { c.weightInit = chosenInit.rawValue }
        return c
    }

    /// Kaiming's init unless asked otherwise; torchvision's variant keeps its own.
    private var chosenInit: WeightInit { weightInit ?? (variant == .seed ? .kaiming : .seed) }
}
