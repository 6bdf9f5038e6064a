import Foundation
import InceptionRuntime

/// nn.LPPool1d / LPPool2d and F.lp_pool1d / lp_pool2d, composed as PyTorch's Python composes
/// them: the average pool of xᵖ (no padding, the stride the kernel's unless given), then
/// (sign(out) · relu(|out|) · the kernel's size)^(1/p), so their values, gradients, grad_fn and
/// messages are those of the operations underneath.
extension Interpreter {
    func lpPoolBuiltins() -> (layers: [String: Value], functional: [String: Value]) {
        var layers: [String: Value] = [:], functional: [String: Value] = [:]
        let parameters: [(String, Value?)] = [("norm_type", nil), ("kernel_size", nil), ("stride", Value.none), ("ceil_mode", .bool(false))]
        for dims in [1, 2] {
            let name = "lp_pool\(dims)d", layer = "LPPool\(dims)d"
            functional[name] = Self.builtin(Signature(name, [("input", nil)] + parameters)) { interpreter, a in
                try interpreter.lpPool(a["input"], dims: dims, a["norm_type"], a["kernel_size"], a["stride"], a["ceil_mode"]).value
            }
            layers[layer] = Self.builtin(Signature(layer, parameters)) { interpreter, a in
                let (p, k, s, c) = (a["norm_type"], a["kernel_size"], a["stride"], a["ceil_mode"])
                return .module(Self.functionLayer(layer, "norm_type=\(p.repr), kernel_size=\(k.repr), stride=\(s.repr), ceil_mode=\(c.repr)") { [unowned interpreter] _, x, _ in
                    try interpreter.lpPool(.tensor(x), dims: dims, p, k, s, c).tensor
                })
            }
        }
        return (layers, functional)
    }

    // x: (N, C, L) or (N, C, H, W) (unbatched too) → the pooled shape
    private func lpPool(_ input: Value, dims: Int, _ p: Value, _ kernel: Value, _ stride: Value, _ ceil: Value) throws -> Composed {
        // the kernel's size: an int, or (kh, kw) for 2-D (one int is both)
        let sides = dims == 1 ? [kernel] : kernel.sequenceItems() ?? [kernel, kernel]
        let size = try sides.reduce(1) { product, side in
            guard let n = side.asInt else { throw LanguageFailure("lp_pool\(dims)d(): kernel_size must be an int or a tuple of ints, got \(kernel.repr)", as: .typeError) }
            return product * n
        }
        guard let power = p.asDouble else { throw LanguageFailure("lp_pool\(dims)d(): norm_type must be a number, got \(p.repr)", as: .typeError) }
        let pooled = try functional("avg_pool\(dims)d", try composed(input).call("pow", p), kernel, stride, 0, ceil)
        let kept = try torchFunction("sign", pooled) * (try functional("relu", try torchFunction("abs", pooled)))
        return try kept.call("mul", size).call("pow", 1.0 / power)
    }
}
