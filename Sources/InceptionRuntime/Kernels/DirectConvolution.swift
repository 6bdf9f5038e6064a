import CKernels

/// 2-D convolution by direct loops that read only the input cells each tap lands on
/// (`direct_conv.c`): a dilated kernel's holes are never multiplied, and the padding's zeros only
/// where PyTorch's backend multiplies them too (`ConvolutionPadding`). It is for operands holding
/// a NaN or an infinity, where a spread-out kernel's holes, or padding PyTorch skips, would make
/// ∞ · 0 = NaN in outputs PyTorch gives as ±∞ or a number; Winograd's transforms would spread
/// them over whole tiles. Plain loops, no GEMM: only those rare operands come here.
/// Reference twins: `NaiveKernels.conv2d`, `NaiveBackwardKernels.conv2d` (undilated).
public enum DirectConvolution {
    /// Whether a tensor holds a NaN or an infinity (one vectorised read).
    public static func holdsNonFinite(_ t: Tensor) -> Bool { !t.isMeta && ck_holds_nonfinite(t.data, t.count) != 0 }

    /// `window` is the kernel as it spreads over the input: (k − 1)·dilation + 1 cells a side, with
    /// the stride and padding; the weight's own kh × kw taps lie `dilation` cells apart in it.
    /// `multiplyPadding`: the padding's zeros are multiplied (as `ConvolutionPadding` says).
    // x: (N, C, H, W), weight: (O, C/groups, kh, kw), bias: (O) or nil → y: (N, O, Ho, Wo)
    public static func conv2d(_ x: Tensor, weight: Tensor, bias: Tensor?, window: Window2d,
                              dilation: (h: Int, w: Int) = (1, 1), groups: Int = 1, multiplyPadding: Bool) -> Tensor {
        let g = geometry(x.shape, weight: weight.shape, window: window, dilation: dilation, groups: groups, multiplyPadding: multiplyPadding)
        let y = Tensor(uninitialized: [x.shape[0], weight.shape[0], Int(g.outHeight), Int(g.outWidth)])   // written whole
        for group in 0..<groups {
            let (xs, ws, os) = offsets(group, g)
            Parallel.chunks(Int(g.outChannels), costPerItem: x.shape[0] * Int(g.channels) * taps(g)) { outs in
                ck_direct_conv2d(x.data + xs, weight.data + ws, bias.map { UnsafePointer($0.data) + os }, y.data + os * outPlane(g),
                                 Int32(x.shape[0]), g, Int32(outs.lowerBound), Int32(outs.upperBound))
            }
        }
        return y
    }

    /// dW of `conv2d`, summed over the images in double.
    // x: (N, C, H, W), gradOutput: (N, O, Ho, Wo) → (O, C/groups, kh, kw)
    public static func weightGradient(_ x: Tensor, gradOutput gy: Tensor, weightShape: [Int], window: Window2d,
                                      dilation: (h: Int, w: Int) = (1, 1), groups: Int = 1, multiplyPadding: Bool) -> Tensor {
        let g = geometry(x.shape, weight: weightShape, window: window, dilation: dilation, groups: groups, multiplyPadding: multiplyPadding)
        let dw = Tensor(uninitialized: weightShape)
        for group in 0..<groups {
            let (xs, ws, os) = offsets(group, g)
            Parallel.chunks(Int(g.outChannels), costPerItem: x.shape[0] * Int(g.channels) * taps(g)) { outs in
                ck_direct_conv2d_weight_grad(x.data + xs, gy.data + os * outPlane(g), dw.data + ws, Int32(x.shape[0]), g,
                                             Int32(outs.lowerBound), Int32(outs.upperBound))
            }
        }
        return dw
    }

    /// dx of `conv2d` (no padding is ever multiplied here: it has no gradient to take).
    // gradOutput: (N, O, Ho, Wo), weight: (O, C/groups, kh, kw) → (N, C, H, W)
    public static func inputGradient(_ gy: Tensor, weight: Tensor, inputShape: [Int], window: Window2d,
                                     dilation: (h: Int, w: Int) = (1, 1), groups: Int = 1) -> Tensor {
        let g = geometry(inputShape, weight: weight.shape, window: window, dilation: dilation, groups: groups, multiplyPadding: false)
        let dx = Tensor(uninitialized: inputShape)       // each group writes its channels whole
        for group in 0..<groups {
            let (xs, ws, os) = offsets(group, g)
            Parallel.chunks(Int(g.channels), costPerItem: inputShape[0] * Int(g.outChannels) * taps(g)) { ins in
                ck_direct_conv2d_input_grad(gy.data + os * outPlane(g), weight.data + ws, dx.data + xs, Int32(inputShape[0]), g,
                                            Int32(ins.lowerBound), Int32(ins.upperBound))
            }
        }
        return dx
    }

    /// One group's geometry: its C/groups input and O/groups output channels, inside whole images.
    static func geometry(_ x: [Int], weight: [Int], window: Window2d, dilation: (h: Int, w: Int), groups: Int,
                         multiplyPadding: Bool) -> ck_direct_conv {
        let (ho, wo) = window.outputSize(height: x[2], width: x[3])
        return ck_direct_conv(channels: Int32(weight[1]), height: Int32(x[2]), width: Int32(x[3]), outChannels: Int32(weight[0] / groups),
                              outHeight: Int32(ho), outWidth: Int32(wo), kh: Int32(weight[2]), kw: Int32(weight[3]),
                              sh: Int32(window.stride.h), sw: Int32(window.stride.w), ph: Int32(window.padding.h), pw: Int32(window.padding.w),
                              dh: Int32(dilation.h), dw: Int32(dilation.w), xImage: x[1] * x[2] * x[3], yImage: weight[0] * ho * wo,
                              multiplyPadding: multiplyPadding ? 1 : 0)
    }

    /// Output cells a plane, and multiplications per output plane and input channel.
    private static func outPlane(_ g: ck_direct_conv) -> Int { Int(g.outHeight) * Int(g.outWidth) }
    private static func taps(_ g: ck_direct_conv) -> Int { Int(g.kh) * Int(g.kw) * outPlane(g) }

    /// Where a group starts: in x's floats (its first input channel), in the weight's, and its
    /// first output channel.
    private static func offsets(_ group: Int, _ g: ck_direct_conv) -> (x: Int, weight: Int, out: Int) {
        let (c, o) = (Int(g.channels), Int(g.outChannels))
        return (group * c * Int(g.height) * Int(g.width), group * o * c * Int(g.kh) * Int(g.kw), group * o)
    }
}
