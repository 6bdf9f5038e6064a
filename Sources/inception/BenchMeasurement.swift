import Foundation
import InceptionModel
import InceptionRuntime

/// `inception bench`'s measuring half: the runs and their clocks. BenchReport.swift renders
/// what it measured.
extension BenchCommand {
    /// Builds the network, compiles the plan when the fast path applies, and times it.
    func measure() throws -> BenchResult {
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

        let flopsPerImage = 2 * Double(try Self.convAndLinearMultAdds(net, batch: 1))
        return BenchResult(batch: batch, mode: mode.rawValue, trace: trace.rawValue, winograd: winograd.rawValue, repeats: self.repeat,
                           useFastPath: useFastPath, recording: recording, sgemmPeak: peak, compileMs: compileMs,
                           activationBytes: plan?.activationBytes, unsharedActivationBytes: plan?.unsharedActivationBytes,
                           times: times, untracedTimes: untracedTimes,
                           recordedOutputs: recorded.outputs, recordedBytes: recorded.bytes, readRecordedMs: recorded.readMs,
                           slowest: slowest.map { BenchResult.Layer(path: $0.0, kind: $0.1, ms: $0.2, multAdds: $0.3) },
                           layerTotal: layerTotal, flopsPerImage: flopsPerImage)
    }

    /// The weighted layers' multiply-adds (weights only, as the paper counts them) for one
    /// pass: the FLOP count of the network.
    static func convAndLinearMultAdds(_ net: InceptionV1, batch: Int) throws -> Int {
        let wasTraining = net.training
        net.setTraining(false); defer { net.setTraining(wasTraining) }
        return try ShapeInference.trace(net, input: [batch, 3, 224, 224]).reduce(0) { sum, e in
            guard let weights = PaperWeights(e.module, output: e.outputShape) else { return sum }
            return sum + weights.multAddsPerImage * e.outputShape[0]
        }
    }
}

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
