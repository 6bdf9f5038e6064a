import CKernels

/// Gradients of max, average and adaptive average pooling over (N, C, H, W), with the same
/// window rules as `Pooling` (PyTorch's). Each output's gradient is scattered back onto the input
/// cells it was computed from; overlapping windows add up.
/// Reference twins: `NaiveBackwardKernels.maxPool2d` / `.avgPool2d` / `.adaptiveAvgPool2d`.
public enum PoolingBackward {
    /// A window's gradient goes to its maximum: the FIRST one in row-major order over the window
    /// (PyTorch's rule: a later value must be strictly greater to take over, except that a NaN
    /// always does). Padding never wins; ceil_mode windows are clipped as in the forward.
    // x: (N, C, H, W), gradOutput: (N, C, Ho, Wo) → (N, C, H, W)
    public static func maxPool2d(_ x: Tensor, window: Window2d, gradOutput gy: Tensor) throws -> Tensor {
        let (n, c, h, w, ho, wo) = try Pooling.pooledGeometry(x.shape, window, "MaxPool2d")
        try requireGradOutput(gy, [n, c, ho, wo], "MaxPool2d")
        let dx = Tensor(uninitialized: x.shape)            // every plane written by the kernel
        let (kh, kw) = window.kernel, (sh, sw) = window.stride, (ph, pw) = window.padding
        Parallel.chunks(n * c, costPerItem: ho * wo * kh * kw) { range in
            let floats = ck_maxpool_backward_scratch(Int32(h), Int32(w), Int32(ho), Int32(wo), Int32(kh), Int32(kw), Int32(sh), Int32(sw), Int32(ph), Int32(pw))
            let scratch = UnsafeMutablePointer<Float>.allocate(capacity: floats)
            defer { scratch.deallocate() }
            let offset = range.lowerBound
            ck_maxpool_backward_planes(x.data + offset * h * w, gy.data + offset * ho * wo, dx.data + offset * h * w,
                                       Int32(range.count), Int32(h), Int32(w), Int32(ho), Int32(wo), Int32(kh), Int32(kw),
                                       Int32(sh), Int32(sw), Int32(ph), Int32(pw), scratch)
        }
        return dx
    }

    /// The same dx as `maxPool2d(_:window:gradOutput:)`, from the winners the forward kept
    /// (`Pooling.maxPool2dKeepingWinners`): x is not read again.
    // inputShape: (N, C, H, W), winners and gradOutput: (N, C, Ho, Wo) → (N, C, H, W)
    public static func maxPool2d(inputShape: [Int], window: Window2d, winners: [UInt8], gradOutput gy: Tensor) throws -> Tensor {
        let (n, c, h, w, ho, wo) = try Pooling.pooledGeometry(inputShape, window, "MaxPool2d")
        try requireGradOutput(gy, [n, c, ho, wo], "MaxPool2d")
        guard winners.count == gy.count else {
            throw TensorError.shapeMismatch("MaxPool2d backward: \(winners.count) winners for \(gy.count) outputs")
        }
        let dx = Tensor(uninitialized: inputShape)          // every plane written by the kernel
        let (kh, kw) = window.kernel, (sh, sw) = window.stride, (ph, pw) = window.padding
        winners.withUnsafeBufferPointer { cells in
            guard let base = cells.baseAddress else { return }
            Parallel.chunks(n * c, costPerItem: ho * wo + h * w) { range in
                let first = range.lowerBound
                ck_maxpool_backward_from_winners(gy.data + first * ho * wo, base + first * ho * wo, dx.data + first * h * w,
                                                 Int32(range.count), Int32(h), Int32(w), Int32(ho), Int32(wo), Int32(kh), Int32(kw),
                                                 Int32(sh), Int32(sw), Int32(ph), Int32(pw))
            }
        }
        return dx
    }

    /// Each output's gradient, divided by the forward's divisor, is added to every input cell of
    /// its window. count_include_pad=True counts padded cells in the divisor, but never cells of a
    /// ceil_mode window that hang past the padded input.
    // inputShape: (N, C, H, W), gradOutput: (N, C, Ho, Wo) → (N, C, H, W)
    public static func avgPool2d(inputShape: [Int], window: Window2d, countIncludePad: Bool = true,
                                 gradOutput gy: Tensor) throws -> Tensor {
        let (n, c, h, w, ho, wo) = try Pooling.pooledGeometry(inputShape, window, "AvgPool2d")
        try requireGradOutput(gy, [n, c, ho, wo], "AvgPool2d")
        let dx = Tensor(zeros: inputShape)
        Parallel.chunks(n * c, costPerItem: ho * wo * window.kernel.h * window.kernel.w) { range in
            for plane in range {
                let g = gy.data + plane * ho * wo, dst = dx.data + plane * h * w
                for oy in 0..<ho {
                    for ox in 0..<wo {
                        let (y0, y1, x0, x1, divisor) = Pooling.averageWindow(oy, ox, height: h, width: w, window: window, countIncludePad: countIncludePad)
                        let share = g[oy * wo + ox] / Float(divisor)
                        for iy in y0..<y1 { for ix in x0..<x1 { dst[iy * w + ix] += share } }
                    }
                }
            }
        }
        return dx
    }

    /// Output cell i averaged input rows ⌊i·H/Ho⌋ ..< ⌈(i+1)·H/Ho⌉ (and likewise columns); its
    /// gradient is shared equally among them. Bins of neighbouring cells may overlap.
    // inputShape: (N, C, H, W), gradOutput: (N, C, Ho, Wo) → (N, C, H, W)
    public static func adaptiveAvgPool2d(inputShape: [Int], outputSize: (h: Int, w: Int), gradOutput gy: Tensor) throws -> Tensor {
        let (n, c, h, w) = try shape4(inputShape, "AdaptiveAvgPool2d input")
        let (ho, wo) = outputSize
        guard ho > 0, wo > 0 else { throw TensorError.invalidArgument("AdaptiveAvgPool2d output size must be positive, got \(ho)×\(wo)") }
        guard h > 0, w > 0 else { throw TensorError.shapeMismatch("AdaptiveAvgPool2d got an empty \(h)×\(w) input") }
        try requireGradOutput(gy, [n, c, ho, wo], "AdaptiveAvgPool2d")
        let dx = Tensor(zeros: inputShape)
        Parallel.chunks(n * c, costPerItem: h * w) { range in
            for plane in range {
                let g = gy.data + plane * ho * wo, dst = dx.data + plane * h * w
                for oy in 0..<ho {
                    let y0 = oy * h / ho, y1 = ((oy + 1) * h + ho - 1) / ho
                    for ox in 0..<wo {
                        let x0 = ox * w / wo, x1 = ((ox + 1) * w + wo - 1) / wo
                        let share = g[oy * wo + ox] / Float((y1 - y0) * (x1 - x0))
                        for iy in y0..<y1 { for ix in x0..<x1 { dst[iy * w + ix] += share } }
                    }
                }
            }
        }
        return dx
    }

    /// Splits a rank-4 shape given as an array, or explains what was expected.
    static func shape4(_ shape: [Int], _ what: String) throws -> (Int, Int, Int, Int) {
        guard shape.count == 4, shape.allSatisfy({ $0 >= 0 }) else {
            throw TensorError.shapeMismatch("\(what) must be 4-D (N, C, H, W), got shape \(formatShape(shape))")
        }
        return (shape[0], shape[1], shape[2], shape[3])
    }
}
