import ArgumentParser
import Foundation
import InceptionCurriculum
import InceptionLanguage
import InceptionNetworkBuiltins
import InceptionModel
import InceptionRuntime

/// `inception run FILE [--trace]`: runs a lesson's code cells (a .md file) or a whole script
/// (any other extension) without the REPL, printing what the program prints.
/// Exit status: 0 success, 65 syntax errors (all of them are listed), 70 a runtime error.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a lesson's code cells (.md) or a script (any other file) and print what it prints.",
        discussion: "Exit status: 0 on success, 65 for syntax errors, 70 for a runtime error.")

    @Argument(help: "A lesson (.md: its ```inception cells run in order) or a script (.inc, .txt, …: all code).")
    var file: String?

    @Argument(help: "Words the script reads in sys.argv after its own path (give -- first for ones that start with a dash).")
    var scriptArguments: [String] = []

    @Flag(help: "Print every module call as an indented tree: shapes, parameter arithmetic, mult-adds, time.")
    var trace = false

    @Option(parsing: .unconditional, help: "With --trace: do not open blocks deeper than this (0 = only the top call).")
    var traceDepth: Int?

    @Flag(help: "With --trace: leave out the times (for output that is the same on every run).")
    var noTimes = false

    @Flag(help: "Measure what tracing costs with no observer, on the reference network at 1×3×224×224.")
    var benchTracing = false

    @Option(name: .customLong("max-loop-rounds"), help: "The rounds all loops of the program may make together, nested ones included (0 = no limit; default 100,000,000).")
    var maxLoopRounds: Int = Interpreter.defaultLoopRoundLimit

    @OptionGroup var runtime: RuntimeOptions

    func validate() throws {
        if maxLoopRounds < 0 { throw ValidationError("--max-loop-rounds must be 0 (no limit) or more") }
        if file == nil && !benchTracing { throw ValidationError("give a lesson or script to run, e.g. inception run Lessons/reference/inception_v1.inc") }
    }

    func run() throws {
        runtime.apply()
        if benchTracing { return try benchmarkTracing() }
        guard let file else { return }
        let script: Script
        do { script = try Script.load(path: file) } catch {
            printError("error: \(error)")
            // Not text (a binary, another encoding): a data format error, as a syntax error is.
            throw ExitCode((error as? ScriptLoadError)?.notUTF8AtLine != nil ? 65 : 66)
        }
        let out = FileHandle.standardOutput
        let interpreter = Interpreter(output: { out.write(Data($0.utf8)) }, builtins: .networksAndPictures)
        interpreter.baseDirectory = URL(fileURLWithPath: file).deletingLastPathComponent().path
        interpreter.scriptArguments = [file] + scriptArguments          // sys.argv, as `python file …` gives it
        interpreter.loopRoundLimit = maxLoopRounds
        CurriculumBuiltins.install(in: interpreter, forFile: file)    // exercise(), summary(), … for lessons
        if trace {
            interpreter.context.observers.append(TracePrinter(showTimes: !noTimes, maxDepth: traceDepth) { out.write(Data(($0 + "\n").utf8)) })
        }
        let interruption = interpreter.interruption     // Sendable: safe from the signal queue
        let interrupts = InterruptHandler { interruption.request() }
        let result = script.run(in: interpreter)
        interrupts.stop()
        if case .runtimeError(let error) = result, error.underlying is Interruption.Interrupted || error.underlying is ExecutionInterrupted {
            // Ctrl-C: where it stopped, and the shell's status for SIGINT.
            printError("interrupted (Ctrl-C) at \(error.diagnostic.location)" + (error.underlying is ExecutionInterrupted ? ", \(error.diagnostic.message)" : ""))
            throw ExitCode(130)
        }
        guard result.exitCode == 0 else {
            let text = script.render(result)
            if !text.isEmpty { printError(text) }
            throw ExitCode(result.exitCode)
        }
    }

    private func benchmarkTracing() throws {
        let net = try InceptionV1()
        var rng = SeededRandom(seed: 0)
        let x = Tensor.randn([1, 3, 224, 224], rng: &rng)
        let report = try TraceOverhead.measure(counting: net, input: x.shape) { context in _ = try net(x, context) }
        print("tracing overhead on the reference Inception V1, 1×3×224×224, eval, \(OpenBLAS.kernelDescription)")
        print(report.description)
    }
}
