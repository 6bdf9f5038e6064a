import Foundation

/// Prints a forward pass as an indented tree, one line per leaf and an opening and a
/// closing line per container:
///
///     conv1: BasicConv2d(3, 64, 7, 2, padding=3)  in 1×3×224×224
///       conv1.layer: Sequential  in 1×3×224×224
///         conv1.layer.0: Conv2d(3, 64, kernel_size=(7, 7), …)  1×3×224×224 → 1×64×112×112  params 7·7·3·64 + 64 = 9,472  mult-adds 118,816,768  rf 7 jump 2
///         …
///       conv1.layer  out 1×64×112×112  params 9,600  mult-adds 118,816,896  rf 7 jump 2
///     conv1  out 1×64×112×112  params 9,600  mult-adds 118,816,896  rf 7 jump 2
///
/// Each finished module's line ends with the receptive field and jump of its output, in pixels
/// of the traced run's input (ReceptiveField), when that input is N×C×H×W. Times are appended
/// when `showTimes` is on (off for golden tests: they vary).
public final class TracePrinter: TraceObserver {
    public var showTimes: Bool
    /// Containers deeper than this are not opened (their leaves are not printed either).
    public var maxDepth: Int?
    private let write: (String) -> Void
    /// Mult-adds summed per open container, innermost last.
    private var multAddStack: [Int] = []
    private let receptiveFields = ReceptiveFieldTracker()

    public init(showTimes: Bool = true, maxDepth: Int? = nil, write: @escaping (String) -> Void = { Swift.print($0) }) {
        self.showTimes = showTimes
        self.maxDepth = maxDepth
        self.write = write
    }

    public func willEnter(_ event: ModuleEnter, context: ExecutionContext) throws {
        receptiveFields.enter(event)
        guard !event.module.isLeaf else { return }
        multAddStack.append(0)
        guard visible(event.depth) else { return }
        let label = event.path.isEmpty ? signature(event.module) : "\(event.path): \(signature(event.module))"
        write("\(indent(event.depth))\(label)  in \(formatShape(event.inputShape))")
    }

    public func didExit(_ event: ModuleExit, output: Tensor, context: ExecutionContext) throws {
        let m = event.module
        if m.isLeaf {
            if !multAddStack.isEmpty { multAddStack[multAddStack.count - 1] += event.multAdds }
            guard visible(event.depth) else { return }
            var line = indent(event.depth) + (event.path.isEmpty ? signature(m) : "\(event.path): \(signature(m))")
            line += "  \(formatShape(event.enter.inputShape)) → \(formatShape(event.outputShape))"
            if let formula = event.formula { line += "  params \(formula)" }
            if event.multAdds > 0 { line += "  mult-adds \(formatCount(event.multAdds))" }
            write(line + receptiveField(event) + time(event.seconds))
            return
        }
        let total = multAddStack.popLast() ?? 0
        if !multAddStack.isEmpty { multAddStack[multAddStack.count - 1] += total }
        guard visible(event.depth) else { return }
        var line = "\(indent(event.depth))\(event.path.isEmpty ? m.typeName : event.path)  out \(formatShape(event.outputShape))"
        let params = m.parameterCount
        if params > 0 { line += "  params \(formatCount(params))" }
        if total > 0 { line += "  mult-adds \(formatCount(total))" }
        write(line + receptiveField(event) + time(event.seconds))
    }

    /// One line per backward step, in reverse order of the forward pass:
    ///
    ///     ← conv1.layer.0  Conv2d  grad out 2×64×112×112  ‖g‖ 3.1e-02  ‖∇weight‖ 4.2e+02  ‖∇bias‖ 1.1e-06  1.20 ms
    public func didBackward(_ step: BackwardStep, context: ExecutionContext) throws {
        guard visible(step.depth) else { return }
        var line = indent(max(step.depth - 1, 0)) + "← " + (step.path.isEmpty ? "(top level)" : step.path) + "  " + step.label
        line += "  grad out \(formatShape(step.gradOutput.shape))  ‖g‖ \(scientific(norm(step.gradOutput)))"
        for (name, g) in step.parameterGrads { line += "  ‖∇\(name)‖ \(scientific(norm(g)))" }
        write(line + time(step.seconds))
    }

    private func norm(_ t: Tensor) -> Double { GradientNorms.sumOfSquares(t).squareRoot() }
    private func scientific(_ x: Double) -> String { String(format: "%.1e", x) }

    /// "  rf 19 jump 4", or nothing when the module is outside the traced tree.
    private func receptiveField(_ event: ModuleExit) -> String {
        receptiveFields.span(for: event.enter).map { "  " + $0.after.traceLabel } ?? ""
    }

    private func visible(_ depth: Int) -> Bool { maxDepth.map { depth <= $0 } ?? true }
    private func indent(_ depth: Int) -> String { String(repeating: "  ", count: depth) }
    private func time(_ seconds: Double) -> String { showTimes ? String(format: "  %.2f ms", seconds * 1000) : "" }

    /// "Conv2d(3, 64, kernel_size=(7, 7), …)", "BasicConv2d(3, 64, 7, 2, padding=3)", "Sequential"
    private func signature(_ m: Module) -> String { m.arguments.isEmpty && !m.isLeaf ? m.typeName : m.signature }
}
