import Foundation
import InceptionRuntime

/// Where a training step's time goes: each leaf layer's forward and each recorded operation's
/// backward, summed by kind ("Conv2d 3×3", "BatchNorm2d", "cat") over the profiled steps.
/// One profiled step runs after the timed ones (observing costs a little), so the medians
/// `TrainStepBench` reports are untouched.
final class TrainStepProfile: TraceObserver {
    /// It times calls only, so the step runs as the timed ones do (BatchNorm2d + ReLU fused).
    var readsModuleOutputs: Bool { false }
    private(set) var seconds: [String: Double] = [:]
    private(set) var calls: [String: Int] = [:]
    /// Each layer's own time by direction and path ("backward inception4a.conv3x3.1.layer.0").
    private(set) var layerSeconds: [String: Double] = [:]
    /// A layer's kind by its path, from the forward, for naming its backward step.
    private var kindByPath: [String: String] = [:]

    func didExit(_ event: ModuleExit, output: Tensor, context: ExecutionContext) throws {
        guard event.module.isLeaf else { return }
        let k = kind(event.module)
        kindByPath[event.path] = k
        add("forward  " + k, event.seconds)
        layerSeconds["forward  " + event.path, default: 0] += event.seconds
    }

    func didBackward(_ step: BackwardStep, context: ExecutionContext) throws {
        add("backward " + (step.isModule ? kindByPath[step.path] ?? step.label : step.label), step.seconds)
        layerSeconds["backward " + (step.path.isEmpty ? step.label : step.path), default: 0] += step.seconds
    }

    private func add(_ key: String, _ s: Double) {
        seconds[key, default: 0] += s
        calls[key, default: 0] += 1
    }

    /// Convolutions by kernel size, since 1×1, 3×3, 5×5 and conv1's 7×7 run differently.
    private func kind(_ module: Module) -> String {
        if let norm = module as? BatchNorm2d, norm.reluFollows { return "BatchNorm2d+ReLU" }
        guard let conv = module as? Conv2d else { return module.typeName }
        let w = conv.window
        return "Conv2d \(w.kernel.h)×\(w.kernel.w)" + (w.stride.h > 1 ? " stride \(w.stride.h)" : "")
    }

    /// The `top` costliest kinds, with their share of the step.
    func report(top: Int, stepMilliseconds: Double) -> [String] {
        let total = seconds.values.reduce(0, +)
        func row(_ name: String, _ ms: String, _ calls: String, _ share: String) -> String {
            name.padding(toLength: 30, withPad: " ", startingAt: 0) + pad(ms, 9) + pad(calls, 7) + pad(share, 8)
        }
        var lines = [row("operation (one step)", "ms", "calls", "share")]
        for (key, s) in seconds.sorted(by: { $0.value > $1.value }).prefix(top) {
            lines.append(row(key, String(format: "%.1f", s * 1000), "\(calls[key] ?? 0)",
                             String(format: "%.1f%%", 100 * s * 1000 / stepMilliseconds)))
        }
        lines.append(row("all operations", String(format: "%.1f", total * 1000), "",
                         String(format: "%.1f%%", 100 * total * 1000 / stepMilliseconds)))
        return lines
    }

    /// The `top` costliest layers by direction and path, with their kind ("Conv2d 3×3") and ms.
    func slowestLayers(top: Int) -> [(site: String, kind: String, ms: Double)] {
        layerSeconds.sorted { $0.value > $1.value }.prefix(top).map { site, s in
            let path = String(site.dropFirst(9))
            return (site, kindByPath[path] ?? path, s * 1000)
        }
    }

    /// Right-aligned in `width` columns.
    private func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }
}
