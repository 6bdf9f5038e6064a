import ArgumentParser
import Foundation
import InceptionModel
import InceptionRuntime
import InceptionTraining

/// `inception experiment`: studies that train several networks and compare them.
struct ExperimentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "experiment",
        abstract: "Controlled training studies (the aux heads' effect).",
        subcommands: [AuxHeadsCommand.self])
}

/// On, off or both (`--batchnorm both`).
enum BatchNormArms: String, CaseIterable, ExpressibleByArgument {
    case on, off, both
    var settings: [Bool] { self == .both ? [true, false] : [self == .on] }
}

/// `inception experiment aux-heads`: aux weight 0.3 vs 0, BatchNorm on vs off, each arm at its
/// best learning rate, several seeds; DIR/results.json, DIR/summary.md, DIR/figure.png.
struct AuxHeadsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aux-heads",
        abstract: "Do the aux heads help? Train with aux weight 0.3 and 0, with and without BatchNorm, on the same batches, several seeds.",
        discussion: """
        The paper added the aux heads "to combat the vanishing gradient problem"; Rethinking the \
        Inception Architecture (2015) found they act as regularisers. Every arm trains the same \
        initial weights (per seed) on the same batches of the built-in shapes at 224×224; the arms \
        differ in the aux weight (0.3 or 0) and BatchNorm (on with the seed's init, or Kaiming's \
        with --bn-init kaiming; off with Kaiming's, since the seed's std-0.01 init without BatchNorm is \
        a dead network, shown first). \
        Each arm runs the learning-rate grid on seed 0 and the other seeds at its best rate. \
        Measured: the main head's validation accuracy and loss, the train–validation gap, the aux \
        heads' own accuracy, eval- vs train-mode accuracy, and the gradient at conv1, conv2b, \
        inception3a and inception4a split by source (main loss vs aux losses). Ctrl-C stops after \
        the current step and writes what finished.
        """)

    @Option(parsing: .unconditional, help: "SGD steps per run.")
    var steps = 150

    @Option(parsing: .unconditional, help: "Seeds per arm (at least 3 for a spread worth the name).")
    var seeds = 3

    @Option(help: "on, off or both: which BatchNorm settings get arms (each with aux weight 0.3 and 0).")
    var batchnorm: BatchNormArms = .both

    @Option(help: "The learning-rate grid, comma-separated; each arm takes the best by seed 0's final main-head validation accuracy.")
    var lrs = "0.0005,0.001,0.002"

    @Option(parsing: .unconditional, help: "Images per step.")
    var batch = 8

    @Option(name: .customLong("val-images"), parsing: .unconditional, help: "Validation images measured (and as many training images for the gap); a multiple of 12 keeps the classes balanced.")
    var valImages = 240

    @Option(parsing: .unconditional, help: "Evaluations per run (evenly spaced, the last at the end).")
    var evaluations = 4

    @Option(name: .customLong("gradient-every"), parsing: .unconditional, help: "Split the gradient by source every this many steps.")
    var gradientEvery = 25

    @Option(name: .customLong("dead-steps"), parsing: .unconditional, help: "Steps of the dead-network demonstration (BN off, seed init); 0 skips it.")
    var deadSteps = 10

    @Option(parsing: .unconditional, help: "A time budget in minutes: no run starts that would end after it (judged by the mean run so far); the seeds run a round at a time across the arms, so a study cut short stays balanced.")
    var minutes: Double?

    @Option(name: .customLong("bn-init"), help: "The BatchNorm arms' init: seed (std 0.01) or kaiming (as the no-BatchNorm arms', so the arms differ in BatchNorm alone).")
    var bnInit: WeightInit = .seed

    @Option(help: "Where results.json, summary.md and figure.png go.")
    var out = "runs/aux-heads"

    @OptionGroup var runtime: RuntimeOptions

    var learningRates: [Double]? {
        let values = lrs.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard !values.isEmpty, values.allSatisfy({ $0 != nil && $0! > 0 && $0!.isFinite }) else { return nil }
        return values.map { $0! }
    }

    func validate() throws {
        guard steps >= 1 else { throw ValidationError("--steps must be at least 1") }
        guard seeds >= 1 else { throw ValidationError("--seeds must be at least 1") }
        guard batch >= 2 else { throw ValidationError("--batch must be at least 2 (BatchNorm needs more than one image)") }
        guard learningRates != nil else { throw ValidationError("--lrs must be positive numbers separated by commas, e.g. 0.0005,0.001,0.002") }
        guard valImages >= 1 else { throw ValidationError("--val-images must be at least 1") }
        guard evaluations >= 1 else { throw ValidationError("--evaluations must be at least 1") }
        guard gradientEvery >= 1 else { throw ValidationError("--gradient-every must be at least 1") }
        guard deadSteps >= 0 else { throw ValidationError("--dead-steps must be 0 or more") }
        if let m = minutes { guard m > 0, m.isFinite else { throw ValidationError("--minutes must be a positive number") } }
    }

    func run() throws {
        HeapReuse.keepFreedBlocksForReuse()
        runtime.apply()
        var s = AuxHeadsStudy.Settings()
        s.steps = steps; s.seeds = seeds; s.batchNorm = batchnorm.settings; s.learningRates = learningRates!
        s.batch = batch; s.validationImages = valImages; s.evaluations = evaluations
        s.gradientEvery = gradientEvery; s.deadNetworkSteps = deadSteps; s.minutes = minutes
        if bnInit != .seed { s.batchNormInit = bnInit.rawValue }
        let study: AuxHeadsStudy
        do { study = try AuxHeadsStudy(settings: s) } catch { throw UserError("\(error)") }
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)

        let live = isatty(STDOUT_FILENO) == 1
        var lastPlain = Date.distantPast
        study.progress = { line in
            if live { FileHandle.standardOutput.write(("\r\u{1B}[K" + line).data(using: .utf8)!) }
            else if Date().timeIntervalSince(lastPlain) >= 15 { emit(line); lastPlain = Date() }
        }
        study.log = { line in
            if live { FileHandle.standardOutput.write("\r\u{1B}[K".data(using: .utf8)!) }
            emit(line)
        }
        let machine = Self.machine(threads: runtime.threads)
        emit("study      \(AuxHeadsStudy.arms(s).map(\.name).joined(separator: " | ")); \(s.seeds) seeds, \(s.steps) steps each, lr grid \(lrs) on seed 0")
        emit("runs       \(study.plannedRuns) (\(study.plannedRuns * s.steps) steps) on \(machine)")
        nonisolated(unsafe) let stoppable = study
        let stopper = InterruptHandler { stoppable.requestStop() }
        defer { stopper.stop() }
        let save: (StudyResults) throws -> Void = { r in
            var r = r
            r.machine = machine + ", at the end \(Self.loadAverage())"
            try self.write(r)
        }
        do {
            _ = try study.run(save: save)
        } catch let stopped as StudyStopped {
            try save(stopped.results)
            if live { emit("") }
            printError("interrupted: the runs that finished are in \(out)/results.json, summary.md and figure.png")
            throw ExitCode(130)
        } catch {
            throw UserError("\(error)")
        }
        if live { emit("") }
        emit(StudySummary.effectLines(study.results).joined(separator: "\n"))
        emit("wrote      \(out)/results.json, summary.md, figure.png")
    }

    func write(_ r: StudyResults) throws {
        try r.write(to: out + "/results.json")
        try StudySummary.markdown(r).write(toFile: out + "/summary.md", atomically: true, encoding: .utf8)
        try StudyFigure.write(r, to: out + "/figure.png")
    }

    /// "AMD EPYC, 2 threads, load average at the start 1.02 0.87 0.66"
    static func machine(threads: Int?) -> String {
        let cpu = CPUInfo.current().modelName
        let n = threads ?? ProcessInfo.processInfo.activeProcessorCount
        return "\(cpu.isEmpty ? "unknown CPU" : cpu), \(n) thread\(n == 1 ? "" : "s"), load average at the start \(loadAverage())"
    }

    static func loadAverage() -> String {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return "unknown" }
        return text.split(separator: " ").prefix(3).joined(separator: " ")
    }

    private func emit(_ line: String) { FileHandle.standardOutput.write((line + "\n").data(using: .utf8)!) }
}
