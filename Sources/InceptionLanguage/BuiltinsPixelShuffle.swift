import Foundation
import InceptionRuntime

/// `F.pixel_shuffle` / `nn.PixelShuffle` and `F.pixel_unshuffle` / `nn.PixelUnshuffle` (sub-pixel
/// convolution's rearrangement), with PyTorch's checks and messages. Each is one gather of the
/// input's cells (its backward adds the gradient back to them):
///   shuffle   (…, C·r², H, W) → (…, C, H·r, W·r): out[c, h·r + i, w·r + j] = x[c·r² + i·r + j, h, w]
///   unshuffle (…, C, H·r, W·r) → (…, C·r², H, W), the reverse.
extension Interpreter {
    func pixelShuffleBuiltins() -> (layers: [String: Value], functional: [String: Value]) {
        var layers: [String: Value] = [:], functional: [String: Value] = [:]
        for (name, layer, argument, inverse) in [("pixel_shuffle", "PixelShuffle", "upscale_factor", false),
                                                 ("pixel_unshuffle", "PixelUnshuffle", "downscale_factor", true)] {
            functional[name] = Self.builtin(Signature(name, [("input", nil), (argument, nil)])) { _, a in
                .tensor(try Self.pixelShuffle(try a.tensor("input"), try a.int(argument), inverse: inverse))
            }
            layers[layer] = Self.builtin(Signature(layer, [(argument, nil)])) { _, a in
                let factor = try a.int(argument)
                return .module(Self.functionLayer(layer, "\(argument)=\(factor)") { _, x, _ in try Self.pixelShuffle(x, factor, inverse: inverse) })
            }
        }
        return (layers, functional)
    }

    static func pixelShuffle(_ x: Tensor, _ r: Int, inverse: Bool) throws -> Tensor {
        let name = inverse ? "pixel_unshuffle" : "pixel_shuffle"
        guard x.rank >= 3 else {
            throw LanguageFailure("\(name) expects input to have at least 3 dimensions, but got input with \(x.rank) dimension(s)")
        }
        guard r > 0 else { throw LanguageFailure("\(name) expects \(inverse ? "downscale_factor" : "upscale_factor") to be greater than 0, but got: \(r)") }
        let lead = Array(x.shape.dropLast(3)), b = lead.count
        let (c, h, w) = (x.shape[b], x.shape[b + 1], x.shape[b + 2])
        // the input read as 5 trailing dims, and the order they are read in for the output
        let source: [Int], order: [Int], out: [Int]
        if inverse {
            guard h % r == 0 else { throw LanguageFailure("pixel_unshuffle expects height to be divisible by downscale_factor, but input.size(-2)=\(h) is not divisible by \(r)") }
            guard w % r == 0 else { throw LanguageFailure("pixel_unshuffle expects width to be divisible by downscale_factor, but input.size(-1)=\(w) is not divisible by \(r)") }
            source = [c, h / r, r, w / r, r]; order = [0, 2, 4, 1, 3]; out = [c * r * r, h / r, w / r]
        } else {
            guard c % (r * r) == 0 else {
                throw LanguageFailure("pixel_shuffle expects its input's 'channel' dimension to be divisible by the square of upscale_factor, but input.size(-3)=\(c) is not divisible by \(r * r)")
            }
            source = [c / (r * r), r, r, h, w]; order = [0, 3, 1, 4, 2]; out = [c / (r * r), h * r, w * r]
        }
        let shape = lead + out
        if x.isMeta { return Tensor(meta: shape) }
        let strides = TensorOps.strides(lead + source)
        let dims = Array(0..<b) + order.map { $0 + b }
        let offsets = TensorOps.offsets(dims.map { (lead + source)[$0] }, dims.map { strides[$0] })
        let gathered = TensorOps.make(shape, TensorOps.dtype(x)) { p in for (i, at) in offsets.enumerated() { p[i] = x.data[at] } }
        return TensorOpsGrad.gather(gathered, from: x, offsets: offsets, label: name)
    }
}
