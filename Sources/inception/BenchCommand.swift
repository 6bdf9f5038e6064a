import ArgumentParser
import Foundation
import InceptionModel
import InceptionRuntime

/// `inception bench`: how fast a forward pass is, where the time goes, and how close it comes
/// to what sgemm alone can do on this machine.
extension Gemm.Engine: ExpressibleByArgument {}
extension CKernelsBuild.InstructionSet: ExpressibleByArgument {}

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time forward passes of the seed Inception V1 (224×224) and show where the time goes.")

    enum TraceMode: String, ExpressibleByArgument, CaseIterable { case none, print, record }
    enum WinogradMode: String, ExpressibleByArgument, CaseIterable {
        case auto, off, two = "2", four = "4"
        var choice: WinogradChoice {
            switch self { case .auto: .automatic; case .off: .off; case .two: .tile(2); case .four: .tile(4) }
        }
    }

    @Option(help: "Images per forward pass.") var batch = 1
    @Option(help: "OpenBLAS threads (default: all cores).") var threads: Int?
    @Option(name: .customLong("memory-budget"), parsing: .unconditional, help: "The most memory one tensor (and one whole forward pass) may take, e.g. 8G (default: $INCEPTION_MEMORY_BUDGET, else 8G).")
    var memoryBudget: ByteSize?
    enum BenchMode: String, ExpressibleByArgument, CaseIterable { case eval, train, trainStep = "train-step" }
    @Option(help: "eval or train (batch statistics, aux heads); both on the fast path unless --reference or a trace other than an eval-mode record. train-step: a whole training step (forward in train mode, the total loss, backward, an SGD step) on the reference path.") var mode: BenchMode = .eval
    @Option(help: "none, print (format every trace event; reference path) or record (keep every module's output: the fast path's recording plan in eval mode, timed against untraced runs in turn).") var trace: TraceMode = .none
    @Option(help: "Weights as safetensors (default: the seed's init, seed 0).") var weights: String?
    @Option(help: "Timed forward passes after 3 warm-up passes.") var `repeat` = 30
    @Flag(help: "Print one JSON object instead of the report.") var json = false
    @Flag(help: "Time the reference path even where the fast path applies.") var reference = false
    @Option(help: "How many of the slowest layers to list.") var layers = 10
    @Option(help: "Fast path convolutions: auto (Winograd F(4×4,3×3) on 28×28 and up and on 14×14 when its tiles fill a GEMM panel, F(2×2,3×3) below; F(4×4,5×5) for a 5×5 under the same panel rule and on the training path, else F(2×2,5×5)), off (im2col + GEMM), 2 or 4 (that tile for every 3×3 and 5×5). train-step: the same tiles for the forward and both gradients.")
    var winograd: WinogradMode = .auto
    @Option(help: "train-step: which code runs the convolutions' matrix products, kernels (the C kernels' GEMM, AVX-512 or AVX2) or openblas.")
    var gemm: Gemm.Engine = .kernels
    @Option(name: .customLong("stack-1x1"), help: "train-step: on (each Inception module's opening 1×1s as one convolution each way) or off (one by one), to measure one against the other.")
    var stack1x1: Switch = .on
    @Option(help: "Hold the C kernels to an instruction set, to see the fast path as on a CPU without AVX-512 or AVX2: auto (the best this CPU runs), baseline (x86-64 SSE2), avx2, avx512 (default: $INCEPTION_ISA, else auto).")
    var isa: CKernelsBuild.InstructionSet?

    func validate() throws {
        guard batch > 0 else { throw ValidationError("--batch must be at least 1") }
        guard (1...RuntimeOptions.maxThreads).contains(threads ?? 1) else {
            throw ValidationError("--threads must be between 1 and \(RuntimeOptions.maxThreads)")
        }
        guard self.repeat > 0 else { throw ValidationError("--repeat must be at least 1") }
    }

    func run() throws {
        if let memoryBudget { MemoryBudget.bytes = memoryBudget.bytes }
        OpenBLAS.setThreads(threads ?? ProcessInfo.processInfo.activeProcessorCount)
        if let isa { do { try CKernelsBuild.use(isa) } catch { throw UserError("--isa: \(error)") } }
        if mode == .trainStep {
            HeapReuse.keepFreedBlocksForReuse()
            Gemm.engine = gemm
            WinogradConvolution.choice = winograd.choice
            StackedPointwise.enabled = stack1x1 == .on
            do { try TrainStepBench(batch: batch, repeats: self.repeat, json: json, layers: layers).run() } catch let e as UserError { throw e } catch { throw UserError("\(error)") }
            return
        }
        do { try GradMode.with(enabled: false) { try bench() } } catch let e as UserError { throw e } catch { throw UserError("\(error)") }
    }

    private func bench() throws {
        let result = try measure()
        print(json ? try result.json() : result.report())
    }
}
