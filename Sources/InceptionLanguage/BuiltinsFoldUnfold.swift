import Foundation
import InceptionRuntime

/// `F.unfold` / `nn.Unfold` (im2col: every sliding block of a batch of images as a column) and
/// `F.fold` / `nn.Fold` (col2im: the columns summed back into images), with PyTorch's checks,
/// messages and grad_fn names. A convolution is `W.view(O, -1) @ F.unfold(x, k)`, the lesson's
/// "convolution as a matrix product" in PyTorch's own words.
///   unfold (N, C, H, W) → (N, C·kh·kw, L): row c·kh·kw + ky·kw + kx, column oy·ow + ox holds
///          x[n, c, oy·sh − ph + ky·dh, ox·sw − pw + kx·dw] (0 in the padding); L = oh·ow
///   fold   (N, C·kh·kw, L) → (N, C, H, W): each column's cells added back where unfold took them
/// Both take one image without its batch dimension too.
extension Interpreter {
    func foldUnfoldBuiltins() -> (layers: [String: Value], functional: [String: Value]) {
        var layers: [String: Value] = [:], functional: [String: Value] = [:]
        let window: [(String, Value?)] = [("kernel_size", nil), ("dilation", .int(1)), ("padding", .int(0)), ("stride", .int(1))]
        functional["unfold"] = Self.builtin(Signature("unfold", [("input", nil)] + window)) { _, a in
            .tensor(try Self.unfold(try a.tensor("input"), try SlidingBlocks(a)))
        }
        functional["fold"] = Self.builtin(Signature("fold", [("input", nil), ("output_size", nil)] + window)) { _, a in
            .tensor(try Self.fold(try a.tensor("input"), outputSize: try Self.blockPair(a["output_size"], "output_size"), try SlidingBlocks(a)))
        }
        layers["Unfold"] = Self.builtin(Signature("Unfold", window)) { _, a in
            let blocks = try SlidingBlocks(a)
            return .module(Self.functionLayer("Unfold", blocks.description) { _, x, _ in try Self.unfold(x, blocks) })
        }
        layers["Fold"] = Self.builtin(Signature("Fold", [("output_size", nil)] + window)) { _, a in
            let (blocks, size) = (try SlidingBlocks(a), try Self.blockPair(a["output_size"], "output_size"))
            return .module(Self.functionLayer("Fold", "output_size=\(a["output_size"].repr), " + blocks.description) { _, x, _ in
                try Self.fold(x, outputSize: size, blocks)
            })
        }
        return (layers, functional)
    }

    /// kernel_size, dilation, padding and stride of unfold / fold, each an int or a pair.
    struct SlidingBlocks: CustomStringConvertible {
        let kernel: (Int, Int), dilation: (Int, Int), padding: (Int, Int), stride: (Int, Int)
        /// As the module prints them: each as it was given.
        let description: String

        init(_ a: BoundArguments) throws {
            kernel = try Interpreter.blockPair(a["kernel_size"], "kernel_size")
            dilation = try Interpreter.blockPair(a["dilation"], "dilation")
            padding = try Interpreter.blockPair(a["padding"], "padding")
            stride = try Interpreter.blockPair(a["stride"], "stride")
            description = ["kernel_size", "dilation", "padding", "stride"].map { "\($0)=\(a[$0].repr)" }.joined(separator: ", ")
            guard kernel.0 > 0, kernel.1 > 0 else {
                throw LanguageFailure("kernel size should be greater than zero, but got kernel_height: \(kernel.0) kernel_width: \(kernel.1)")
            }
            guard stride.0 > 0, stride.1 > 0 else {
                throw LanguageFailure("stride should be greater than zero, but got stride_height: \(stride.0) stride_width: \(stride.1)")
            }
            guard padding.0 >= 0, padding.1 >= 0 else {
                throw LanguageFailure("padding should be non-negative, but got pad_height: \(padding.0) pad_width: \(padding.1)")
            }
            guard dilation.0 > 0, dilation.1 > 0 else {
                throw LanguageFailure("dilation should be greater than zero, but got dilation_height: \(dilation.0) dilation_width: \(dilation.1)")
            }
        }

        /// The sliding blocks' grid over an (h, w) image: ((h + 2p − d(k − 1) − 1) / s + 1, …).
        func blocks(_ h: Int, _ w: Int) -> (Int, Int) {
            ((h + 2 * padding.0 - dilation.0 * (kernel.0 - 1) - 1) / stride.0 + 1,
             (w + 2 * padding.1 - dilation.1 * (kernel.1 - 1) - 1) / stride.1 + 1)
        }

        /// The text PyTorch's messages give these in: "kernel_size=(2, 2), dilation=(1, 1), …".
        var spelled: String {
            "kernel_size=(\(kernel.0), \(kernel.1)), dilation=(\(dilation.0), \(dilation.1)), padding=(\(padding.0), \(padding.1)), stride=(\(stride.0), \(stride.1))"
        }

        /// For image cell offsets: offsets[row · L + column] into one (C, H, W) image, −1 in the padding.
        func offsets(channels c: Int, height h: Int, width w: Int, rows oh: Int, columns ow: Int) -> [Int] {
            let (kh, kw) = kernel, l = oh * ow
            var offsets = [Int](repeating: -1, count: c * kh * kw * l)
            for ch in 0..<c { for ky in 0..<kh { for kx in 0..<kw {
                let row = (ch * kh + ky) * kw + kx
                for oy in 0..<oh {
                    let y = oy * stride.0 - padding.0 + ky * dilation.0
                    guard y >= 0, y < h else { continue }
                    for ox in 0..<ow {
                        let x = ox * stride.1 - padding.1 + kx * dilation.1
                        if x >= 0, x < w { offsets[row * l + oy * ow + ox] = (ch * h + y) * w + x }
                    }
                }
            } } }
            return offsets
        }
    }

    /// An int n as (n, n), or a pair, with PyTorch's message for another length.
    static func blockPair(_ v: Value, _ name: String) throws -> (Int, Int) {
        if let items = v.sequenceItems(), items.count != 2 { throw LanguageFailure("It is expected \(name) equals to 2, but got size \(items.count)") }
        return try pair(v, name)
    }

    // x: (N, C, H, W) or (C, H, W) → (N, C·kh·kw, L) or (C·kh·kw, L)
    static func unfold(_ x: Tensor, _ b: SlidingBlocks) throws -> Tensor {
        guard x.rank == 3 || x.rank == 4 else {
            if x.rank < 3 { throw LanguageFailure("Dimension out of range (expected to be in range of [\(-max(x.rank, 1)), \(max(x.rank, 1) - 1)], but got \(x.rank))", as: .indexError) }
            throw LanguageFailure("Input Error: Only 3D or 4D input Tensors are supported (got \(x.rank)D)")
        }
        let batched = x.rank == 4
        let (n, c, h, w) = batched ? (x.shape[0], x.shape[1], x.shape[2], x.shape[3]) : (1, x.shape[0], x.shape[1], x.shape[2])
        let (oh, ow) = b.blocks(h, w)
        guard oh >= 1, ow >= 1 else {
            throw LanguageFailure("Given input with spatial size (\(h), \(w)), kernel_size=(\(b.kernel.0), \(b.kernel.1)), dilation=(\(b.dilation.0), \(b.dilation.1)), padding=(\(b.padding.0), \(b.padding.1)), calculated shape of the array of sliding blocks as (\(oh), \(ow)), but its components must be at least one.")
        }
        let rows = c * b.kernel.0 * b.kernel.1, l = oh * ow
        try MemoryBudget.check(shape: [n, rows, l], what: "unfold()")
        let image = b.offsets(channels: c, height: h, width: w, rows: oh, columns: ow)
        var offsets = [Int](repeating: -1, count: n * rows * l)
        for i in 0..<n { for (j, o) in image.enumerated() where o >= 0 { offsets[i * rows * l + j] = i * c * h * w + o } }
        let out = TensorOpsGrad.picked(x, offsets: offsets, shape: batched ? [n, rows, l] : [rows, l], label: "im2col")
        out.gradNode?.displayName = "Im2ColBackward0"
        return out
    }

    // x: (N, C·kh·kw, L) or (C·kh·kw, L) → (N, C, H, W) or (C, H, W), H × W = outputSize
    static func fold(_ x: Tensor, outputSize: (Int, Int), _ b: SlidingBlocks) throws -> Tensor {
        guard x.rank == 2 || x.rank == 3 else {
            throw LanguageFailure("Expected 2D or 3D (batch mode) tensor for input with possibly 0 batch size and non-zero dimensions for input, but got: \(x.shape)")
        }
        let batched = x.rank == 3
        let (n, rows, l) = batched ? (x.shape[0], x.shape[1], x.shape[2]) : (1, x.shape[0], x.shape[1])
        let taps = b.kernel.0 * b.kernel.1
        // (an image without its batch dimension is checked as a batch of one, as PyTorch does)
        guard rows % taps == 0 else {
            throw LanguageFailure("Expected size of input's dimension 1 to be divisible by the product of kernel_size, but got input.size(1)=\(rows) and kernel_size=(\(b.kernel.0), \(b.kernel.1)).")
        }
        let (h, w) = outputSize, (oh, ow) = b.blocks(h, w)
        guard oh * ow == l, oh >= 1, ow >= 1 else {
            throw LanguageFailure("Given output_size=(\(h), \(w)), \(b.spelled), expected size of input's dimension 2 to match the calculated number of sliding blocks \(oh) * \(ow) = \(oh * ow), but got input.size(2)=\(l).")
        }
        let c = rows / taps
        try MemoryBudget.check(shape: [n, c, h, w], what: "fold()")
        let image = b.offsets(channels: c, height: h, width: w, rows: oh, columns: ow)
        // target[j]: where input cell j is added, −1 for a padding cell
        var target = [Int](repeating: -1, count: n * rows * l)
        for i in 0..<n { for (j, o) in image.enumerated() where o >= 0 { target[i * rows * l + j] = i * c * h * w + o } }
        let out = TensorOps.make(batched ? [n, c, h, w] : [c, h, w], TensorOps.dtype(x)) { p in
            for (j, t) in target.enumerated() where t >= 0 { p[t] += x.data[j] }
        }
        guard TensorOps.dtype(x) == .float32 else { return out }
        // the backward gathers: input cell j's gradient is the output gradient where it was added
        let recorded = Autograd.record(out, "col2im", inputs: [x]) { gy in
            let g = Tensor(zeros: x.shape)
            for (j, t) in target.enumerated() where t >= 0 { g.data[j] = gy.data[t] }
            return [g]
        }
        recorded.gradNode?.displayName = "Col2ImBackward0"
        return recorded
    }
}
