import ArgumentParser
import Foundation
import InceptionModel
import InceptionRuntime

/// `inception bench`: how fast a forward pass is, where the time goes, and how close it comes
/// to what sgemm alone can do on this machine.
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
    @Option(name: .customLong("memory-budget"), help: "The most memory one tensor (and one whole forward pass) may take, e.g. 8G (default: $INCEPTION_MEMORY_BUDGET, else 8G).")
    var memoryBudget: ByteSize?
    enum BenchMode: String, ExpressibleByArgument, CaseIterable { case eval, train, trainStep = "train-step" }
    @Option(help: "eval or train (batch statistics, aux heads); both on the fast path unless --reference or a trace other than an eval-mode record. train-step: a whole training step (forward in train mode, the total loss, backward, an SGD step) on the reference path.") var mode: BenchMode = .eval
    @Option(help: "none, print (format every trace event; reference path) or record (keep every module's output: the fast path's recording plan in eval mode, timed against untraced runs in turn).") var trace: TraceMode = .none
    @Option(help: "Weights as safetensors (default: the seed's init, seed 0).") var weights: String?
    @Option(help: "Timed forward passes after 3 warm-up passes.") var `repeat` = 30
    @Flag(help: "Print one JSON object instead of the report.") var json = false
    @Flag(help: "Time the reference path even where the fast path applies.") var reference = false
    @Option(help: "How many of the slowest layers to list.") var layers = 10
    @Option(help: "Fast path convolutions: auto (Winograd F(4×4,3×3) on 28×28 and up, F(2×2,3×3) below, F(2×2,5×5) for 5×5), off (im2col + GEMM), 2 or 4 (that tile for every 3×3).")
    var winograd: WinogradMode = .auto

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
        if mode == .trainStep {
            do { try TrainStepBench(batch: batch, repeats: self.repeat, json: json).run() } catch let e as UserError { throw e } catch { throw UserError("\(error)") }
            return
        }
        do { try GradMode.with(enabled: false) { try bench() } } catch let e as UserError { throw e } catch { throw UserError("\(error)") }
    }

    private func bench() throws {
        // The sgemm ceiling first: its 48 MB of matrices are freed before the network is built.
        let peak = SgemmPeak.measure()
        let loaded = try weights.map { try SafeTensorsFile.read(path: $0) }
        if let loaded, let warning = loaded.nonFiniteWarning(source: weights ?? "") { FileHandle.standardError.write(Data(("warning: " + warning + "\n").utf8)) }
        let net = try InceptionV1(ModelFromWeights.options(for: loaded?.tensors, dropout: 0.5))
        if let loaded { try net.loadStateDict(loaded.tensors) }
        net.setTraining(mode == .train)
        var rng = SeededRandom(seed: 0)
        try ForwardBudget.check(net, input: [batch, 3, 224, 224], what: "the benchmark's forward pass")
        let x = Tensor.randn([batch, 3, 224, 224], rng: &rng)

        // The recorder runs on the fast path's recording plan (eval mode); a printed trace, train-mode
        // recording and --reference run the reference path, module by module.
        let recording = trace == .record && mode == .eval && !reference
        let useFastPath = (trace == .none || recording) && !reference
        let compileStart = DispatchTime.now().uptimeNanoseconds
        let plan = useFastPath ? try net.compileFastPath(inputShape: x.shape, winograd: winograd.choice, recording: recording) : nil
        let compileMs = Double(DispatchTime.now().uptimeNanoseconds - compileStart) / 1e6
        let recorder = TraceRecorder(capBytes: 1 << 30)
        let observers: [TraceObserver] = trace == .record && !recording ? [recorder] : trace == .print ? [EventFormatter()] : []
        let layerClock = LeafClock()
        func once(timed: Bool) throws -> [(String, String, Double, Int)] {
            recorder.reset()                      // as the REPL does when a new run starts
            if let plan {
                if timed { return try plan.runTimed(x).1.map { ($0.label, $0.kind, $0.seconds, $0.multAdds) } }
                if recording { recorder.keep(try plan.runRecording(x)) } else { _ = try net.run(x, plan: plan, ExecutionContext(seed: 0)) }
                return []
            }
            let context = ExecutionContext(seed: 0, observers: observers + (timed ? [layerClock] : []))
            layerClock.reset()
            _ = try net.run(x, context)
            return layerClock.leaves
        }
        // With a trace on, untraced fast-path runs alternate with the traced ones, so the
        // machine's drift from minute to minute falls on both alike: what tracing costs.
        let untraced = trace != .none && !reference && mode == .eval
            ? try net.compileFastPath(inputShape: x.shape, winograd: winograd.choice) : nil
        func milliseconds(_ body: () throws -> Void) rethrows -> Double {
            let t0 = DispatchTime.now().uptimeNanoseconds
            try body()
            return Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6
        }
        for _ in 0..<3 { _ = try once(timed: false); _ = try untraced?.run(x) }
        var times: [Double] = [], untracedTimes: [Double] = []
        for _ in 0..<self.repeat {
            times.append(try milliseconds { _ = try once(timed: false) })
            if let untraced { untracedTimes.append(try milliseconds { _ = try untraced.run(x) }) }
        }
        // What the last timed run kept, and what reading all of it once costs (fused-away outputs are computed then).
        let recorded = (outputs: recorder.entries.count, bytes: recorder.recordedBytes,
                        readMs: trace == .record ? milliseconds { for e in recorder.entries { _ = e.output } } : 0)
        // Per-layer shares from a few separately timed passes (timing each layer costs a little).
        var perLayer: [String: (kind: String, seconds: [Double], multAdds: Int)] = [:]
        var order: [String] = []
        for _ in 0..<min(5, self.repeat) {
            for (label, kind, s, macs) in try once(timed: true) {
                if perLayer[label] == nil { order.append(label); perLayer[label] = (kind, [], macs) }
                perLayer[label]!.seconds.append(s)
            }
        }
        let timedLayers = order.map { label -> (String, String, Double, Int) in
            let s = perLayer[label]!.seconds.sorted()
            return (label, perLayer[label]!.kind, s[s.count / 2] * 1000, perLayer[label]!.multAdds)
        }
        let layerTotal = timedLayers.reduce(0) { $0 + $1.2 }
        let slowest = timedLayers.sorted { $0.2 > $1.2 }.prefix(max(0, layers))

        let median = Self.median(times), minimum = times.min()!
        let untracedMedian = untracedTimes.isEmpty ? nil : Self.median(untracedTimes)
        let flopsPerImage = 2 * Double(try Self.convAndLinearMultAdds(net, batch: 1))
        let gflops = flopsPerImage * Double(batch) / (median / 1000) / 1e9
        let fused = mode == .train ? "BatchNorm from batch statistics, aux heads" : "BatchNorm folded, ReLU fused"
        let path = useFastPath ? "fast path (\(fused), Winograd \(winograd.rawValue)\(recording ? ", every module's output recorded" : ""))"
                               : "reference path" + (trace == .none ? "" : " with trace \(trace.rawValue)")

        if json {
            let object: [String: Any] = [
                "median_ms": round3(median), "min_ms": round3(minimum), "images_per_s": round3(Double(batch) / median * 1000),
                "gflops": round3(gflops), "sgemm_peak_gflops": round3(peak), "ratio_to_peak": round3(gflops / peak),
                "kernel": OpenBLAS.coreName, "threads": OpenBLAS.threads, "batch": batch, "mode": mode.rawValue,
                "trace": trace.rawValue, "path": useFastPath ? "fast" : "reference",
                "winograd": useFastPath ? winograd.rawValue : "off",
                "activation_bytes": plan?.activationBytes ?? 0, "compile_ms": plan == nil ? NSNull() : round3(compileMs), "untraced_median_ms": untracedMedian.map(round3) ?? NSNull(), "trace_cost": untracedMedian.map { round3(median / $0) } ?? NSNull(),
                "recorded_outputs": recorded.outputs, "read_recorded_ms": round3(recorded.readMs), "recorded_bytes": recorded.bytes, "c_kernels": VectorKernels.instructionSet, "gemm": VectorKernels.gemmVariant, "repeat": self.repeat,
                "gflop_per_image": round3(flopsPerImage / 1e9),
                "slowest_layers": slowest.map { ["path": $0.0, "type": $0.1, "ms": round3($0.2), "share": round3($0.2 / layerTotal),
                                                  "gflops": round3($0.2 > 0 ? 2 * Double($0.3) / ($0.2 / 1000) / 1e9 : 0)] },
            ]
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted])
            print(String(decoding: data, as: UTF8.self))
            return
        }
        print("Inception V1 (seed), batch \(batch), \(mode.rawValue) mode, \(path)")
        print("kernels    \(OpenBLAS.kernelDescription); \(VectorKernels.description)")
        print(String(format: "forward    median %.2f ms, min %.2f ms over %d runs", median, minimum, self.repeat))
        print(String(format: "throughput %.1f images/s, %.1f GFLOP/s effective (%.2f GFLOP per image)", Double(batch) / median * 1000, gflops, flopsPerImage / 1e9))
        print(String(format: "sgemm peak %.1f GFLOP/s measured now (2048³): the forward pass reaches %.0f%% of it", peak, 100 * gflops / peak))
        if let plan {
            print(String(format: "compiled   in %.0f ms, once: BatchNorm folded into the weights, which are then transformed (Winograd) and packed for the GEMM", compileMs))
            print(String(format: "activations %.1f MB in one arena (%.1f MB if no two buffers shared memory)",
                         Double(plan.activationBytes) / 1e6, Double(plan.unsharedActivationBytes) / 1e6))
        }
        if let untracedMedian {
            print(String(format: "untraced   median %.2f ms, runs of the fast path taken in turn with the traced ones: the trace costs %.2f×",
                         untracedMedian, median / untracedMedian))
        }
        if trace == .record {
            print(String(format: "recorder   %d module outputs kept (%.1f MB as tensors); reading every one of them once took %.1f ms%@",
                         recorded.outputs, Double(recorded.bytes) / 1e6, recorded.readMs,
                         recording ? " (the Conv2d and BatchNorm outputs that fusion never writes are computed when first read)" : ""))
        }
        guard !slowest.isEmpty else { return }
        print("\nthe \(slowest.count) slowest layers (median of \(min(5, self.repeat)) timed passes; GFLOP/s for those that multiply):")
        for (label, kind, ms, macs) in slowest {
            let rate = macs > 0 && ms > 0 ? String(format: "%6.1f GFLOP/s", 2 * Double(macs) / (ms / 1000) / 1e9) : String(repeating: " ", count: 13)
            print(String(format: "  %6.2f ms  %5.1f%%  %@  %@  %@", ms, 100 * ms / layerTotal, rate, label.padding(toLength: max(label.count, 44), withPad: " ", startingAt: 0), kind))
        }
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted(), n = sorted.count
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
    }

    /// Convolution and Linear multiply-adds (weights only) for one pass: the FLOP count of the network.
    static func convAndLinearMultAdds(_ net: InceptionV1, batch: Int) throws -> Int {
        let wasTraining = net.training
        net.setTraining(false); defer { net.setTraining(wasTraining) }
        return try ShapeInference.trace(net, input: [batch, 3, 224, 224]).reduce(0) { sum, e in
            if let conv = e.module as? Conv2d { return sum + conv.weight.count * e.outputShape[0] * e.outputShape[2] * e.outputShape[3] }
            if let linear = e.module as? Linear { return sum + linear.weight.count * e.outputShape[0] }
            return sum
        }
    }
}

private func round3(_ x: Double) -> Double { (x * 1000).rounded() / 1000 }

/// Times every leaf module of a reference-path run.
final class LeafClock: TraceObserver {
    private(set) var leaves: [(String, String, Double, Int)] = []
    func reset() { leaves.removeAll(keepingCapacity: true) }
    func didExit(_ event: ModuleExit, output: Tensor, context: ExecutionContext) throws {
        if event.module.isLeaf { leaves.append((event.path, event.module.typeName, event.seconds, event.multAdds)) }
    }
}

/// `--trace print`: formats one trace line per module event (into memory, not the terminal).
final class EventFormatter: TraceObserver {
    private(set) var characters = 0
    func didExit(_ event: ModuleExit, output: Tensor, context: ExecutionContext) throws {
        let line = "\(String(repeating: "  ", count: event.depth))\(event.path) \(event.module.typeName) \(formatShape(event.enter.inputShape)) → \(formatShape(event.outputShape)) \(event.formula?.description ?? "")"
        characters += line.count
    }
}
