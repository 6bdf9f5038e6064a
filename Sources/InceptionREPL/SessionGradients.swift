import Foundation
import InceptionLanguage
import InceptionRuntime

/// The backward pass in the REPL: pausing inside it, `:grad PATH`, `:gradnorms`, and
/// gradients as inspection targets (`:stats inception3a.grad`, `:heatmap conv1.grad 0 5`).
extension Session {
    /// Called by the stepper before a backward step: where the gradient has arrived.
    func pausedBackward(at step: BackwardStep) throws -> TraceStepper.Command {
        pausedBackwardAt = step
        defer { pausedBackwardAt = nil }
        write(describeBackwardPause(step))
        return pauseLoop(pass: "backward")
    }

    /// "⏸ ← inception4a.conv1x1.layer.2  ReLU backward\n  gradient of its output 1×192×14×14  ‖g‖ 3.1e-02"
    func describeBackwardPause(_ s: BackwardStep) -> String {
        terminal.accent("⏸ ← \(s.path.isEmpty ? "(top level)" : s.path)") + "  \(s.label) backward" +
            "\n  gradient of its output \(formatShape(s.gradOutput.shape))  ‖g‖ \(Self.scientific(Self.norm(s.gradOutput)))"
    }

    /// "  ✓ ← conv1.layer.0  Conv2d  ‖∇input‖ …  ‖∇weight‖ …  0.41 ms"
    func describeBackwardDone(_ s: BackwardStep) -> String {
        var text = "  ✓ ← \(s.path.isEmpty ? "(top level)" : s.path)  \(s.label)"
        if let g = s.gradInputs.first { text += "  ‖∇input‖ \(Self.scientific(Self.norm(g)))" }
        for (name, g) in s.parameterGrads { text += "  ‖∇\(name)‖ \(Self.scientific(Self.norm(g)))" }
        return text + String(format: "  %.2f ms", s.seconds * 1000)
    }

    /// `:grad PATH`: the module's output gradient (last backward) and its parameters' .grad.
    func showGradient(_ path: String) {
        guard !path.isEmpty else { write("usage: :grad PATH (e.g. :grad inception3a, after loss.backward())"); return }
        let module = resolveModule(path)
        let relative = module?.path ?? path
        var shown = false
        if let g = gradients.outputGradients[relative] {
            write("\(path): gradient of its output  " + Self.gradientStats(g))
            shown = true
        }
        if let module {
            for (name, p) in module.namedParameters() {
                guard let g = p.grad else { continue }
                write("  ∇\(name)  " + Self.gradientStats(g))
                shown = true
            }
        }
        if !shown {
            var message = pausedBackwardAt != nil
                ? "no gradient has reached '\(path)' yet: :step or :continue the backward pass"
                : "no gradients for '\(path)' yet: run loss.backward() (after a forward pass in which \(path) ran)"
            if module == nil, let guess = CommandSuggestion.closest(to: path, among: gradients.order.filter { !$0.isEmpty }) {
                message += "; did you mean \(guess)?"
            }
            write(message)
        }
    }

    /// `:gradnorms [NAME] [all]`: ‖∇W‖ layer by layer in forward order (convolutions and
    /// linear layers; `all` adds BatchNorm's γ and β), with a log-scale bar.
    func gradientNorms(_ args: String) {
        var words = args.split(separator: " ").map(String.init)
        let all = words.last == "all"
        if all { words.removeLast() }
        let candidates = words.first.map { name in resolveModule(name).map { [$0] } ?? [] } ?? allModules()
        guard let root = candidates.max(by: { GradientNorms.byLayer($0).count < GradientNorms.byLayer($1).count }),
              !GradientNorms.byLayer(root).isEmpty else {
            write(words.first.map { "no gradients in '\($0)': run loss.backward() first" } ?? "no gradients yet: compute a loss and run loss.backward() first")
            return
        }
        var layers = GradientNorms.byLayer(root)
        if !all { layers = layers.filter { $0.typeName != "BatchNorm2d" } }
        write(GradientNorms.table(layers, title: "gradient norms, input to output (\(all ? "every layer" : "weights of convolutions and linear layers; :gradnorms all adds BatchNorm"))", rows: layers))
    }

    /// `X.grad` as an inspection target: a module path's output gradient from the last
    /// backward, or a tensor variable's `.grad`.
    func resolveGradient(_ name: String) throws -> Tensor? {
        guard name.hasSuffix(".grad") else { return nil }
        let base = String(name.dropLast(5))
        if let value = interpreter.global(base), let t = value.asTensor {
            guard let g = t.grad else { throw InspectionError("\(base) has no gradient: run loss.backward() on something computed from it (it needs requires_grad)") }
            return g
        }
        let path = resolveModule(base)?.path ?? base
        if let g = gradients.outputGradients[path] { return g }
        throw InspectionError("no gradient for '\(base)' in the last backward pass: run loss.backward() after a forward pass through it")
    }

    static func gradientStats(_ g: Tensor) -> String {
        var lo = Float.infinity, hi = -Float.infinity, sum = 0.0
        for i in 0..<g.count { lo = min(lo, g.data[i]); hi = max(hi, g.data[i]); sum += Double(g.data[i]) }
        return "\(formatShape(g.shape))  ‖g‖ \(scientific(norm(g)))  mean \(scientific(sum / Double(max(g.count, 1))))  min \(scientific(Double(lo)))  max \(scientific(Double(hi)))"
    }

    static func norm(_ t: Tensor) -> Double {
        var s = 0.0
        for i in 0..<t.count { let v = Double(t.data[i]); s += v * v }
        return s.squareRoot()
    }
    static func scientific(_ x: Double) -> String { String(format: "%.2e", x) }
}
