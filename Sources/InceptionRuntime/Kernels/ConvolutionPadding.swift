/// Whether PyTorch's CPU convolution skips the zero padding or multiplies it. This matters only
/// when a weight (in the forward) or an output gradient (in the weight gradient) holds a NaN or an
/// infinity, since ∞ · 0 = NaN. Measured against PyTorch 2.15 on x86-64, float32:
/// - ATen's slow path (im2col), which it takes where `ConvParams::use_mkldnn` says no, multiplies it;
/// - oneDNN's direct kernels skip it, but oneDNN takes its GEMM-based convolution, which multiplies
///   it, for paddings of 4 or more (5 or more depthwise), paddings at least the spread-out kernel's
///   size, and groups whose channels are not whole 8-float vectors (depthwise ones excepted).
/// A dilated kernel's holes are skipped by every backend. `DirectConvolution` follows this rule.
public enum ConvolutionPadding {
    /// x: (N, C, H, W), weight: (O, C/groups, kh, kw) with taps `dilation` apart; `window` is the
    /// spread-out kernel's, with the stride and padding.
    public static func skipped(input x: [Int], weight: [Int], window: Window2d, dilation: (h: Int, w: Int) = (1, 1),
                               groups: Int = 1) -> Bool {
        oneDNNTakes(input: x, weight: weight, window: window, dilation: dilation, groups: groups)
            && directKernelTakes(input: x, weight: weight, window: window, groups: groups)
    }

    /// ATen's `ConvParams::use_mkldnn` for a float32 CPU convolution.
    private static func oneDNNTakes(input x: [Int], weight: [Int], window: Window2d, dilation: (h: Int, w: Int), groups: Int) -> Bool {
        let strided = window.stride != (1, 1), dilated = dilation != (1, 1)
        let pointwise = weight[2] == 1 && weight[3] == 1
        // for 1×1 filters oneDNN is faster than ATen only on several threads
        let worthIt = strided || dilated || x[0] >= 16 || !pointwise || Parallel.threads > 1
        // "for some case, native is faster"
        let large = groups > 1 || (weight[2] > 3 && weight[3] > 3) || x[0] > 1 || x.reduce(1, *) > 20_480
        return worthIt && large
    }

    /// Whether oneDNN runs it by a direct kernel (which skips the padding) rather than by GEMM.
    private static func directKernelTakes(input x: [Int], weight: [Int], window: Window2d, groups: Int) -> Bool {
        let (inPerGroup, outPerGroup) = (weight[1], weight[0] / groups)
        let depthwise = groups > 1 && inPerGroup == 1 && outPerGroup == 1
        guard groups == 1 || depthwise || (inPerGroup % 8 == 0 && outPerGroup % 8 == 0) else { return false }
        // its depthwise kernel takes a padding of 4 too (not on a 1- or 2-cell output: not modelled)
        let padding = window.padding, spread = window.kernel, widest = depthwise ? 4 : 3
        return padding.h <= widest && padding.w <= widest && padding.h < spread.h && padding.w < spread.w
    }
}
