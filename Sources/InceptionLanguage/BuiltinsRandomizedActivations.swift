import Foundation
import InceptionRuntime

/// The element-wise layers that draw from the default generator in training and are fixed in
/// evaluation, as PyTorch's kernels draw (one double from the generator per drawn element):
/// - RReLU / F.rrelu: training, each x ≤ 0 times r ~ U(lower, upper), drawn for those elements
///   only (RreluWithNoiseBackward0: the gradient times the same r); evaluation, leaky_relu with
///   slope (lower + upper) / 2.
/// - AlphaDropout / F.alpha_dropout: training, each element kept with probability 1 − p, then
///   a·x + b on kept and a·(−α′) + b on dropped ones, which keeps SELU's mean and variance
///   (α′ = 1.7580993408473766, a = 1/√((α′²p + 1)(1 − p)), b = α′·a·p); evaluation, x.
extension Interpreter {
    static let alphaDropoutAlpha = 1.7580993408473766

    func randomizedActivationBuiltins() -> (layers: [String: Value], functional: [String: Value]) {
        var layers: [String: Value] = [:], functional: [String: Value] = [:]
        let rreluParameters: [(String, Value?)] = [("lower", .float(1.0 / 8)), ("upper", .float(1.0 / 3))]
        functional["rrelu"] = Self.builtin(Signature("rrelu", [("input", nil)] + rreluParameters + [("training", .bool(false)), ("inplace", .bool(false))])) { interpreter, a in
            let x = try a.tensor("input")
            let y = try interpreter.rrelu(x, lower: try a.double("lower"), upper: try a.double("upper"), training: try a.bool("training"))
            return .tensor(try a.bool("inplace") ? try interpreter.writeInPlace(x, y, "rrelu(inplace=True)") : y)
        }
        layers["RReLU"] = Self.builtin(Signature("RReLU", rreluParameters + [("inplace", .bool(false))])) { _, a in
            let (lower, upper) = (try a.double("lower"), try a.double("upper"))
            let text = "lower=\(a["lower"].repr), upper=\(a["upper"].repr)" + (try a.bool("inplace") ? ", inplace=True" : "")
            return .module(Self.functionLayer("RReLU", text) { [unowned self] block, x, _ in
                try rrelu(x, lower: lower, upper: upper, training: block.training)
            })
        }
        functional["alpha_dropout"] = Self.builtin(Signature("alpha_dropout", [("input", nil), ("p", .float(0.5)), ("training", .bool(false)),
                                                                               ("inplace", .bool(false))])) { interpreter, a in
            let x = try a.tensor("input")
            let y = try Self.alphaDropout(x, p: try Self.dropoutProbability(a), training: try a.bool("training"))
            return .tensor(try a.bool("inplace") && y !== x ? try interpreter.writeInPlace(x, y, "alpha_dropout(inplace=True)") : y)
        }
        layers["AlphaDropout"] = Self.builtin(Signature("AlphaDropout", [("p", .float(0.5)), ("inplace", .bool(false))])) { _, a in
            let p = try Self.dropoutProbability(a)
            return .module(Self.functionLayer("AlphaDropout", "p=\(a["p"].repr), inplace=\(a["inplace"].repr)") { block, x, _ in
                try Self.alphaDropout(x, p: p, training: block.training)
            })
        }
        return (layers, functional)
    }

    func rrelu(_ x: Tensor, lower: Double, upper: Double, training: Bool) throws -> Tensor {
        guard TensorOps.dtype(x) == .float32 else { throw LanguageFailure("rrelu: expected a float tensor, got \(TensorOps.dtype(x).torchName)") }
        if x.isMeta { return Tensor(meta: x.shape) }
        guard training else {
            // leaky_relu with the mean slope, as PyTorch's evaluation mode
            guard let leaky = builtinScope.lookup("F").flatMap({ try? getAttribute($0, "leaky_relu") }) else { throw LanguageFailure("rrelu") }
            let out = try composed(try callBack(leaky, Arguments([.tensor(x), .float((lower + upper) / 2)]))).tensor
            out.gradNode?.displayName = "RreluWithNoiseBackward0"
            return out
        }
        guard lower <= upper else {
            throw LanguageFailure("Lower bound should be less than or equal to the upper bound")
        }
        let (from, to) = (Double(Float(lower)), Double(Float(upper)))
        let noise = Tensor(repeating: 1, shape: x.shape)
        DefaultGenerator.draw { generator in
            for i in 0..<x.count where x.data[i] <= 0 { noise.data[i] = Float(generator.uniformDouble() * (to - from) + from) }
        }
        let y = TensorOps.make(x.shape) { p in for i in 0..<x.count { p[i] = x.data[i] <= 0 ? x.data[i] * noise.data[i] : x.data[i] } }
        // the gradient is times each element's own r (1 where x > 0)
        let out = Autograd.record(y, "rrelu_with_noise", inputs: [x]) { g in
            [TensorOps.make(x.shape) { p in for i in 0..<x.count { p[i] = g.data[i] * noise.data[i] } }]
        }
        out.gradNode?.displayName = "RreluWithNoiseBackward0"
        return out
    }

    static func alphaDropout(_ x: Tensor, p: Double, training: Bool) throws -> Tensor {
        guard training, p > 0, x.count > 0, !x.isMeta else { return x }
        if p == 1 { return try TensorOps.binary(.multiply, x, Tensor(zeros: [])) }
        let alpha = alphaDropoutAlpha
        let a = 1 / ((alpha * alpha * p + 1) * (1 - p)).squareRoot()
        let keep = Tensor(zeros: x.shape)
        DefaultGenerator.draw { generator in for i in 0..<x.count { keep.data[i] = generator.uniformDouble() < 1 - p ? 1 : 0 } }
        // noise = keep·a, b = (keep − 1)·α·a + α·a·p, in float as PyTorch's in-place steps
        let noise = TensorOps.make(x.shape) { q in for i in 0..<x.count { q[i] = keep.data[i] * Float(a) } }
        let shift = TensorOps.make(x.shape) { q in for i in 0..<x.count { q[i] = (keep.data[i] - 1) * Float(alpha * a) + Float(alpha * a * p) } }
        return try TensorOps.binary(.add, try TensorOps.binary(.multiply, x, noise), shift)
    }
}
