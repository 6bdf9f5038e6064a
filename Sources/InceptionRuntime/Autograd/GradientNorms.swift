import Foundation

/// Gradient norms by layer, in the order the layers hold their parameters (the forward
/// order, input to output): the numbers behind "vanishing gradients".
public enum GradientNorms {
    public struct Layer {
        /// The module holding the parameters ("inception3a.conv3x3.1.layer.0").
        public let path: String
        public let typeName: String
        /// ‖∇θ‖ over the module's own parameters (weight and bias together).
        public let norm: Double
        /// ‖θ‖ of the same parameters, to read the gradient against.
        public let parameterNorm: Double
        /// The position in forward order, from 1.
        public let depth: Int
    }

    /// Every module that owns parameters with a gradient, in forward order.
    public static func byLayer(_ root: Module) -> [Layer] {
        var layers: [Layer] = []
        for (path, m) in root.namedModules() where !m.parameters.isEmpty {
            let grads = m.parameters.compactMap(\.tensor.grad)
            guard !grads.isEmpty else { continue }
            layers.append(Layer(path: path.isEmpty ? m.typeName : path, typeName: m.typeName,
                                norm: grads.map(sumOfSquares).reduce(0, +).squareRoot(),
                                parameterNorm: m.parameters.map { sumOfSquares($0.tensor) }.reduce(0, +).squareRoot(),
                                depth: layers.count + 1))
        }
        return layers
    }

    /// A table of `rows` with a bar on a log scale spanning all of `layers`' norms.
    ///
    ///     largest gradient norms
    ///       #  layer                              type          ‖∇θ‖         ‖θ‖   ‖∇θ‖/‖θ‖
    ///     231  classifier                         Linear     3.21e-01    1.02e+00   3.15e-01  ████████
    public static func table(_ layers: [Layer], title: String, rows: [Layer]) -> String {
        guard !layers.isEmpty else { return "\(title): no gradients (run loss.backward() first)" }
        let logs = layers.map { log10(max($0.norm, 1e-30)) }
        let lo = logs.min()!, hi = logs.max()!
        let width = max(24, min(48, (rows.map(\.path.count).max() ?? 0) + 2))
        var lines = [title, "  #  " + "layer".padding(toLength: width, withPad: " ", startingAt: 0) +
                     "type          " + "‖∇θ‖".leftPadded(9) + "‖θ‖".leftPadded(12) + "‖∇θ‖/‖θ‖".leftPadded(11)]
        for r in rows {
            let fraction = hi > lo ? (log10(max(r.norm, 1e-30)) - lo) / (hi - lo) : 1
            let bar = String(repeating: "█", count: Int((fraction * 16).rounded()) + 1)
            lines.append(String(r.depth).leftPadded(3) + "  " + r.path.padding(toLength: width, withPad: " ", startingAt: 0) +
                         r.typeName.padding(toLength: 12, withPad: " ", startingAt: 0) +
                         scientific(r.norm).leftPadded(11) + scientific(r.parameterNorm).leftPadded(12) +
                         scientific(r.parameterNorm > 0 ? r.norm / r.parameterNorm : 0).leftPadded(11) + "  " + bar)
        }
        return lines.joined(separator: "\n")
    }

    static func sumOfSquares(_ t: Tensor) -> Double {
        var s = 0.0
        for i in 0..<t.count { let v = Double(t.data[i]); s += v * v }
        return s
    }

    static func scientific(_ x: Double) -> String { String(format: "%.2e", x) }
}

extension String {
    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
