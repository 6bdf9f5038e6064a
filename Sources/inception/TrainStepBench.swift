import Foundation
import InceptionModel
import InceptionRuntime

/// `inception bench --mode train-step`: the time of one training step of the seed network at
/// 224×224 (forward in train mode, CE + 0.3·(aux1 + aux2), backward, SGD with momentum), the
/// same work `torch_train_step_anchor.py` times in PyTorch.
struct TrainStepBench {
    let batch: Int
    let repeats: Int
    let json: Bool
    /// How many of the costliest operation kinds to list (0: none).
    var layers = 0

    func run() throws {
        DefaultGenerator.seed(0)
        let net = try InceptionV1(.init(dropout: 0.5))
        net.setTraining(true)
        let optimizer = try SGD(parameters: net.namedParameters().map(\.tensor), learningRate: 0.01, momentum: 0.9, weightDecay: 1e-4)
        var rng = SeededRandom(seed: 0)
        let x = Tensor.randn([batch, 3, 224, 224], rng: &rng)
        let labels = (0..<batch).map { $0 % 1000 }
        let workspace = Workspace()                            // one for every step, as the trainer keeps
        var phases = StepPhases()                              // the last step's, by phase
        func step(_ i: Int, observer: TraceObserver? = nil) throws -> Double {
            try OpenBLAS.withSingleThreadedBLAS { try stepOnKernels(i, observer: observer) }
        }
        func stepOnKernels(_ i: Int, observer: TraceObserver?) throws -> Double {
            var clock = PhaseClock()
            optimizer.zeroGrad()
            phases.zeroGrad = clock.lap()
            let context = ExecutionContext(seed: UInt64(i), workspace: workspace)
            if let observer { context.observers.append(observer) }
            let outputs = try net.outputs(x, context)
            phases.forward = clock.lap()
            let loss = try outputs.totalLoss(labels: labels, auxWeight: 0.3)
            phases.loss = clock.lap()
            try Autograd.backward(loss, context: context)
            phases.backward = clock.lap()
            optimizer.step()
            phases.optimizer = clock.lap()
            return clock.total
        }
        for i in 0..<2 { _ = try step(i) }                     // warm-up
        let times = try (0..<repeats).map { try step($0 + 2) }.sorted()
        let median = times[times.count / 2]
        let rss = peakResidentMegabytes()
        if json {
            var object: [String: Any] = ["mode": "train-step", "batch": batch, "threads": OpenBLAS.requestedThreads, "median_ms": median,
                                         "min_ms": times.first!, "max_ms": times.last!, "images_per_s": Double(batch) / (median / 1000),
                                         "peak_rss_mb": rss, "repeat": repeats, "kernel": OpenBLAS.coreName]
            if layers > 0 {
                let profile = TrainStepProfile()
                _ = try step(repeats + 2, observer: profile)
                object["phases_ms"] = phases.object
                object["slowest_layers"] = profile.slowestLayers(top: layers).map { ["site": $0.site, "type": $0.kind, "ms": ($0.ms * 1000).rounded() / 1000] }
            }
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        } else {
            print("Inception V1 (seed), batch \(batch), train step (forward, total loss, backward, SGD), reference path")
            print(String(format: "median     %.1f ms  (min %.1f, max %.1f over %d steps)  %.1f images/s", median, times.first!, times.last!,
                         repeats, Double(batch) / (median / 1000)))
            print(String(format: "peak RSS   %.0f MB   %@", rss, OpenBLAS.kernelDescription))
            if layers > 0 {
                let profile = TrainStepProfile()
                let observed = try step(repeats + 2, observer: profile)
                print("\nOne more step, observed (\(String(format: "%.1f", observed)) ms), by operation:")
                print(phases.line)
                profile.report(top: layers, stepMilliseconds: observed).forEach { print($0) }
                let slowest = profile.slowestLayers(top: layers)      // all of them if --layers asks for more than there are
                print("\nthe \(slowest.count) slowest layers of that step, by direction:")
                for (site, kind, ms) in slowest {
                    print(site.padding(toLength: 52, withPad: " ", startingAt: 0) + kind.padding(toLength: 20, withPad: " ", startingAt: 0)
                          + String(format: "%7.1f ms", ms))
                }
            }
        }
    }

    /// The process's peak resident set (VmHWM), in MB.
    func peakResidentMegabytes() -> Double {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kb = line.split(separator: " ").compactMap({ Double($0) }).first else { return 0 }
        return kb / 1024
    }
}
