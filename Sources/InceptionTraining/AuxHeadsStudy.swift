import Foundation
import InceptionImaging
import InceptionModel
import InceptionRuntime
import Synchronization

/// The aux-head experiment as a controlled study: arms that differ in one thing (aux weight
/// 0.3 or 0; BatchNorm on or off), each trained from the same initial weights per seed on the
/// same batches (the data set, batch order and dropout masks come from the seed, not the arm),
/// each arm at its own best learning rate from a small grid. What is measured is the main
/// head's loss and accuracy, never the total loss (the aux arm's total has its aux terms in it).
public final class AuxHeadsStudy {
    public struct Settings: Codable, Equatable, Sendable {
        public var steps = 150
        /// Runs per arm (seed 0 first: it is also the grid's seed).
        public var seeds = 3
        /// Which BatchNorm settings get arms (each with aux weight 0.3 and 0).
        public var batchNorm = [true, false]
        /// The learning rates tried on seed 0 of each arm; the best by seed 0's final main-head
        /// validation accuracy (then loss) runs the other seeds.
        public var learningRates = [0.0005, 0.001, 0.002]
        public var auxWeight = 0.3
        public var batch = 8
        public var inputSize = 224
        public var momentum = 0.9
        public var weightDecay = 1e-4
        public var schedule = LearningRateSchedule.cosine.rawValue
        /// The built-in set's seed: one data set for every arm and seed.
        public var dataSeed: UInt64 = 0
        /// Validation images measured (the first ones: balanced over the classes when a
        /// multiple of 12), and as many training images for the train–validation gap.
        public var validationImages = 240
        /// Evaluations over a run (evenly spaced, the last at the end).
        public var evaluations = 4
        /// The gradient split by source every this many steps (from step 0).
        public var gradientEvery = 25
        /// Steps of the dead-network demonstration (no BatchNorm, the seed's init); 0 skips it.
        public var deadNetworkSteps = 10
        /// A time budget: no run starts that would end after it (judged by the mean run so far).
        public var minutes: Double?
        /// The BatchNorm arms' init: "seed" (std 0.01; nil) or "kaiming", the no-BatchNorm arms'
        /// (then the arms differ in BatchNorm alone).
        public var batchNormInit: String?

        public init() {}

        /// The steps after which a run is evaluated: `evaluations` evenly spaced, the last `steps`.
        public var evaluationSteps: [Int] {
            let k = max(1, min(evaluations, steps))
            return (1...k).map { Int((Double(steps) * Double($0) / Double(k)).rounded()) }
        }
    }

    /// One arm: what differs between arms and nothing else.
    public struct Arm: Codable, Equatable, Sendable {
        public var batchNorm: Bool
        public var weightInit: String
        public var auxWeight: Double
        /// "BN on, aux 0.3"
        public var name: String { "BN \(batchNorm ? "on" : "off"), aux \(auxWeight == 0 ? "0" : String(format: "%g", auxWeight))" }
    }

    public let settings: Settings
    public let data: TrainingData
    /// A line per finished run, and the live progress text.
    public var log: (String) -> Void = { print($0) }
    public var progress: (String) -> Void = { _ in }
    public private(set) var results: StudyResults
    private let stopFlag = Atomic<Bool>(false)
    private var began = Date()
    private var stepsDone = 0
    /// Wall times of grid runs not kept (another rate won), for the budget's typical run.
    private var gridOnlySeconds: [Double] = []
    private var totalRunsDone = 0

    public init(settings: Settings, data: TrainingData? = nil) throws {
        guard settings.steps >= 1, settings.seeds >= 1, !settings.batchNorm.isEmpty, !settings.learningRates.isEmpty else {
            throw TrainingError("the study needs at least 1 step, 1 seed, a BatchNorm setting and a learning rate")
        }
        guard (209...256).contains(settings.inputSize) else {
            throw TrainingError("the seed's aux heads need pictures of 209–256 pixels (their 5×5/3 pool must give 4×4 from inception4a's map): use 224")
        }
        self.settings = settings
        self.data = data ?? BuiltinShapes(SyntheticShapes(seed: settings.dataSeed, size: settings.inputSize))
        results = StudyResults(settings: settings, arms: Self.arms(settings).map { StudyResults.ArmResult(arm: $0) })
        results.classes = self.data.classNames.count
    }

    /// BatchNorm on (the seed's init, or Kaiming's if asked) and off (Kaiming's: the seed's std
    /// 0.01 gives a dead network without BatchNorm), each with aux weight `auxWeight` and 0.
    public static func arms(_ s: Settings) -> [Arm] {
        s.batchNorm.flatMap { bn in
            [s.auxWeight, 0].map { Arm(batchNorm: bn, weightInit: bn ? s.batchNormInit ?? "seed" : "kaiming", auxWeight: $0) }
        }
    }

    /// The runs the study makes: per arm, the grid on seed 0, then the other seeds.
    public var plannedRuns: Int { results.arms.count * (settings.learningRates.count + settings.seeds - 1) }

    /// Asks the study to stop after the current step (Ctrl-C); safe from a signal thread.
    public func requestStop() { stopFlag.store(true, ordering: .relaxed) }

    /// Runs every arm: first the grid (seed 0) arm by arm, then the other seeds a round at a
    /// time across the arms, so that a study cut short by its time budget keeps its arms
    /// balanced. `save` is called after each run with the results so far.
    public func run(save: (StudyResults) throws -> Void = { _ in }) throws -> StudyResults {
        began = Date()
        defer { results.wallSeconds = Date().timeIntervalSince(began) }
        if settings.deadNetworkSteps > 0 && settings.batchNorm.contains(false) {
            results.deadNetwork = try deadNetworkCheck()
            log(results.deadNetwork!.summary)
        }
        for a in results.arms.indices {
            let arm = results.arms[a].arm
            for lr in settings.learningRates {
                guard withinBudget() else { return try stopForTime(save) }
                let run = try train(arm, seed: 0, learningRate: lr)
                results.arms[a].grid.append(.init(learningRate: lr, mainValAccuracy: run.final?.validation.mainAccuracy,
                                                  mainValLoss: run.final?.validation.mainLoss, diverged: run.diverged))
                if results.arms[a].grid.count == 1 || isBetter(run, than: results.arms[a].runs.first) {
                    gridOnlySeconds += results.arms[a].runs.map(\.wallSeconds)
                    results.arms[a].runs = [run]
                    results.arms[a].chosenLearningRate = run.diverged ? nil : lr
                } else {
                    gridOnlySeconds.append(run.wallSeconds)
                }
                results.wallSeconds = Date().timeIntervalSince(began)
                try save(results)
            }
            if let lr = results.arms[a].chosenLearningRate {
                log(String(format: "%@: learning rate %g chosen (seed 0's final main-head validation accuracy)", arm.name, lr))
            } else {
                log("\(arm.name): every learning rate of the grid diverged; no further seeds")
            }
        }
        for seed in 1..<max(settings.seeds, 1) {
            for a in results.arms.indices {
                guard let lr = results.arms[a].chosenLearningRate else { continue }
                guard withinBudget() else { return try stopForTime(save) }
                results.arms[a].runs.append(try train(results.arms[a].arm, seed: UInt64(seed), learningRate: lr))
                results.wallSeconds = Date().timeIntervalSince(began)
                try save(results)
            }
        }
        results.complete = true
        results.wallSeconds = Date().timeIntervalSince(began)
        try save(results)
        return results
    }

    /// Whether one more run (as long as the mean so far) fits in the time budget.
    func withinBudget() -> Bool {
        guard let minutes = settings.minutes else { return true }
        let runs = results.arms.flatMap(\.runs).map(\.wallSeconds) + gridOnlySeconds
        let typical = runs.isEmpty ? 0 : runs.reduce(0, +) / Double(runs.count)
        return Date().timeIntervalSince(began) + typical <= minutes * 60
    }

    func stopForTime(_ save: (StudyResults) throws -> Void) throws -> StudyResults {
        let done = results.arms.map { $0.runs.count }
        results.stoppedReason = String(format: "the time budget (%g minutes) ran out: %d of %d runs done", settings.minutes ?? 0,
                                       totalRunsDone, plannedRuns)
        log("stopped    \(results.stoppedReason!); runs per arm: \(done.map(String.init).joined(separator: ", "))")
        results.wallSeconds = Date().timeIntervalSince(began)
        try save(results)
        return results
    }

    /// Higher final main-head validation accuracy wins; on a tie, lower validation loss.
    func isBetter(_ run: StudyResults.Run, than other: StudyResults.Run?) -> Bool {
        guard let a = run.final else { return false }
        guard let other, let b = other.final else { return true }
        if a.validation.mainAccuracy != b.validation.mainAccuracy { return a.validation.mainAccuracy > b.validation.mainAccuracy }
        return a.validation.mainLoss < b.validation.mainLoss
    }

    func trainer(_ arm: Arm, seed: UInt64, learningRate: Double) throws -> Trainer {
        var c = TrainingConfig()
        c.variant = "seed"; c.inputSize = settings.inputSize
        c.steps = settings.steps; c.batch = settings.batch
        c.learningRate = learningRate; c.momentum = settings.momentum; c.weightDecay = settings.weightDecay
        c.schedule = settings.schedule; c.auxWeight = arm.auxWeight; c.seed = seed
        c.batchNorm = arm.batchNorm ? nil : false
        c.weightInit = arm.weightInit == "seed" ? nil : arm.weightInit
        c.gradientNormEvery = 0
        return try Trainer(config: c, data: data, runDirectory: "")
    }

    /// One run of one arm: every step's main training loss, the evaluations, the gradient by
    /// source every `gradientEvery` steps, and the final measures.
    func train(_ arm: Arm, seed: UInt64, learningRate lr: Double) throws -> StudyResults.Run {
        let t = try trainer(arm, seed: seed, learningRate: lr)
        guard let net = t.net as? InceptionV1 else { throw TrainingError("the study trains the seed's Inception_V1") }
        var run = StudyResults.Run(seed: seed, learningRate: lr)
        let started = Date()
        let evaluateAt = Set(settings.evaluationSteps)
        for step in 0..<settings.steps {
            if stopFlag.load(ordering: .relaxed) { throw StudyStopped(results: results) }
            let parts = step % settings.gradientEvery == 0 ? try SourceGradients.measure(t, step: step) : nil
            let outcome: Trainer.StepOutcome
            do { outcome = try t.trainStep(step) } catch let e as LossNotFinite {
                run.diverged = true
                log("\(arm.name), seed \(seed), lr \(lr): \(e.loss) loss at step \(step + 1): diverged")
                break
            }
            if let parts {                          // the step's own gradient is the total
                let total = SourceGradients.flattenedGradients(net, layers: Array(parts.keys))
                run.gradientSources.append(.init(step: step, layers: Dictionary(uniqueKeysWithValues: parts.map { layer, p in
                    (layer, .init(main: SourceGradients.norm(p.main), aux: SourceGradients.norm(p.aux), total: SourceGradients.norm(total[layer]!)))
                })))
            }
            run.mainTrainLoss.append(Double(outcome.mainLoss))
            if evaluateAt.contains(step + 1) {
                run.evaluations.append(.init(step: step + 1, validation: try evaluate(net, .val, trainMode: false)))
            }
            stepsDone += 1
            progress(progressLine(arm, seed: seed, lr: lr, step: step + 1, mainLoss: outcome.mainLoss))
        }
        if !run.diverged {
            let validation = try run.evaluations.last?.validation ?? evaluate(net, .val, trainMode: false)
            run.final = .init(validation: validation, trainModeValidation: try evaluate(net, .val, trainMode: true),
                              training: try evaluate(net, .train, trainMode: false))
        }
        run.wallSeconds = Date().timeIntervalSince(started)
        totalRunsDone += 1
        log(run.summary(arm))
        return run
    }

    /// Eval mode in batches of 24 (a larger batch runs faster and changes nothing); train mode
    /// in the training batch's size, whose statistics the network saw while training.
    func evaluate(_ net: InceptionV1, _ split: DatasetSplit, trainMode: Bool) throws -> HeadEvaluation {
        try HeadEvaluation.measure(net, data: data, split: split, count: settings.validationImages,
                                   batch: trainMode ? settings.batch : 24, trainMode: trainMode)
    }

    func progressLine(_ arm: Arm, seed: UInt64, lr: Double, step: Int, mainLoss: Float) -> String {
        let planned = plannedRuns * settings.steps
        let elapsed = Date().timeIntervalSince(began)
        let remaining = elapsed / Double(max(stepsDone, 1)) * Double(planned - stepsDone)
        return String(format: "%@  seed %d  lr %g  step %d/%d  main loss %.4f  |  study %d/%d steps, %@ elapsed, ETA %@",
                      arm.name, seed, lr, step, settings.steps, mainLoss, stepsDone, planned,
                      Trainer.clock(elapsed), Trainer.clock(remaining))
    }

    /// The network without BatchNorm at the seed's std-0.01 init, trained a few steps at the
    /// grid's largest rate: logits that do not depend on the image, no gradient at conv1, the
    /// loss stuck at ln(classes). Beside it, the same network with Kaiming's init at step 0.
    func deadNetworkCheck() throws -> StudyResults.DeadNetwork {
        let lr = settings.learningRates.max()!
        let dead = try trainer(Arm(batchNorm: false, weightInit: "seed", auxWeight: settings.auxWeight), seed: 0, learningRate: lr)
        var losses: [Double] = []
        for step in 0..<min(settings.deadNetworkSteps, settings.steps) {
            if stopFlag.load(ordering: .relaxed) { throw StudyStopped(results: results) }
            losses.append(Double(try dead.trainStep(step).mainLoss))
            progress("dead-network check (BN off, seed init)  step \(step + 1)/\(settings.deadNetworkSteps)")
        }
        let live = try trainer(Arm(batchNorm: false, weightInit: "kaiming", auxWeight: settings.auxWeight), seed: 0, learningRate: lr)
        _ = try live.trainStep(0)
        return .init(learningRate: lr, classes: data.classNames.count, seedInit: dead.metrics.start!, mainLoss: losses,
                     kaimingInit: live.metrics.start!)
    }
}

/// Ctrl-C stopped the study; `results` holds the runs that finished.
public struct StudyStopped: Error, CustomStringConvertible {
    public let results: StudyResults
    public var description: String { "stopped: the results of the runs that finished are written" }
}
