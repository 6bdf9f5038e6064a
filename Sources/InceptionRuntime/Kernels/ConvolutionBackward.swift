import CBLAS
import CKernels

/// Gradients of `Convolution.conv2d`, by the same batch-wide GEMMs (`Gemm.multiply`) run backwards, with the
/// gradient laid out channel-major, gy → (O, N·Ho·Wo):
///   dW    = gy × colsᵀ                     (O, C·kh·kw), one GEMM over all N·Ho·Wo columns
///   dcols = Wᵀ × gy, then col2im per image  (C·kh·kw, N·Ho·Wo) → dx (N, C, H, W), overlaps added
///   db    = Σ gy over N, Ho, Wo
/// A stride-1, unpadded 1×1 convolution has no im2col: dx is Wᵀ × gy laid back out as NCHW.
/// A "same" 3×3 or 5×5 goes by Winograd (`WinogradConvolution`): dW and dx from x and gy as they
/// lie in NCHW, no layout swap. On output maps of 128 cells or more the others read gy where it
/// lies too, image by image (dW by `Gemm.sumOverImages` for a 1×1, from each image's phase rows
/// for the others: `PhaseRows.weightGradient`).
/// Reference twin: `NaiveBackwardKernels.conv2d`, which the tests compare it with.
public enum ConvolutionBackward {
    // x: (N, C, H, W), weight: (O, C, kh, kw), gradOutput: (N, O, Ho, Wo)
    //   → input: (N, C, H, W) or nil, weight: (O, C, kh, kw), bias: (O) or nil
    public static func conv2d(_ x: Tensor, weight: Tensor, hasBias: Bool, window: Window2d, gradOutput gy: Tensor,
                              needInputGrad: Bool = true, workspace: Workspace? = nil) throws
        -> (input: Tensor?, weight: Tensor, bias: Tensor?) {
        let (n, c, h, w, o, kh, kw, ho, wo) = try Convolution.geometry(x, weight: weight, window: window)
        try requireGradOutput(gy, [n, o, ho, wo], "Conv2d")
        let k = c * kh * kw, spatial = ho * wo, columns = n * spatial
        try Convolution.checkColumns(k: k, columns: columns, o: o, window: window, x: x)
        if columns == 0 { return (needInputGrad ? Tensor(zeros: x.shape) : nil, Tensor(zeros: weight.shape), hasBias ? Tensor(zeros: [o]) : nil) }
        let scratch = workspace ?? Workspace()           // kept alive until the GEMMs are done
        defer { withExtendedLifetime(scratch) {} }
        // An infinite or NaN gy with padding: dW by `DirectConvolution`, which multiplies the padding's
        // zeros (∞ · 0 = NaN) only where PyTorch does; dx by the GEMMs, whose col2im drops the padding.
        let paddingMeetsNonFinite = window.padding != (0, 0) && DirectConvolution.holdsNonFinite(gy)
        if !paddingMeetsNonFinite, WinogradConvolution.applies(window, channels: c, outChannels: o, operands: [x, weight]) {
            // Tile by tile from x and gy where they lie (NCHW); dx written whole.
            let (inputPlanes, outputPlanes) = (ck_planes.nchw(channels: c, height: h, width: w), ck_planes.nchw(channels: o, height: h, width: w))
            // dW (O, C, r, r) = Gᵀ [Σ over tiles (A gy Aᵀ) ⊙ (Bᵀ x B)] G
            let dw = Tensor(uninitialized: weight.shape)
            WinogradConvolution.weightGradient(x.data, inputPlanes, channels: c, batch: n, height: h, width: w, kernel: kh,
                                               gradOutput: gy.data, outputPlanes, outChannels: o, into: dw.data, workspace: scratch)
            // dx = gy convolved with each filter turned by 180°, channels swapped
            let dx = needInputGrad ? Tensor(uninitialized: x.shape) : nil
            if let dx {
                WinogradConvolution.convolve(gy.data, outputPlanes, channels: o, batch: n, height: h, width: w, kernel: kh,
                                             weight: weight.data, outChannels: c, filters: .inputGradient, into: dx.data, inputPlanes,
                                             workspace: scratch)
            }
            return (dx, dw, hasBias ? channelSums(gy) : nil)
        }
        let (dx, dw) = direct(x, weight: weight, window: window, gradOutput: gy, needInputGrad: needInputGrad, workspace: scratch)
        let weightGrad = paddingMeetsNonFinite
            ? DirectConvolution.weightGradient(x, gradOutput: gy, weightShape: weight.shape, window: window,
                                               multiplyPadding: !ConvolutionPadding.skipped(input: x.shape, weight: weight.shape, window: window))
            : dw
        return (dx, weightGrad, hasBias ? channelSums(gy) : nil)
    }

    /// dx (if wanted) and dW by GEMMs on im2col's columns, phase rows or a 1×1's planes.
    // x: (N, C, H, W), weight: (O, C, kh, kw), gradOutput: (N, O, Ho, Wo) → input: (N, C, H, W) or nil, weight: (O, C, kh, kw)
    private static func direct(_ x: Tensor, weight: Tensor, window: Window2d, gradOutput gy: Tensor, needInputGrad: Bool,
                               workspace scratch: Workspace) -> (input: Tensor?, weight: Tensor) {
        let (n, c, h, w, o, kh, kw) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3], weight.shape[0], weight.shape[2], weight.shape[3])
        let (ho, wo) = (gy.shape[2], gy.shape[3])
        let k = c * kh * kw, spatial = ho * wo, columns = n * spatial
        let pointwise = kh == 1 && kw == 1 && window.stride == (1, 1) && window.padding == (0, 0)
        let dw = Tensor(uninitialized: weight.shape)     // written whole by its GEMM
        if spatial >= Convolution.eachImageFromCells {
            if !pointwise,
               let layout = PhaseRows(channels: c, height: h, width: w, window: window, outHeight: ho, outWidth: wo) {
                // dW from each image's phase rows, no im2col (conv1's forward reads them so too)
                layout.weightGradient(x: x.data, gradOutput: gy.data, images: n, outChannels: o, into: dw.data, workspace: scratch)
            } else {
                // dW (O, K) = Σ_i gy_i (O, S) × image i's columnsᵀ (S, K), gy read where it lies
                Convolution.withImageColumns(x, window: window, outH: ho, outW: wo, workspace: scratch) { cols in
                    Gemm.sumOverImages(m: o, n: k, k: spatial, images: n, a: gy.data, aImage: o * spatial, bt: cols.base,
                                       btImage: cols.image, ldbt: cols.row, into: dw.data, workspace: scratch)
                }
            }
            // dcols_i (K, S) = Wᵀ (K, O) × gy_i (O, S): a 1×1's are dx_i itself, the others' folded back by col2im
            let dx = needInputGrad ? (pointwise ? Tensor(uninitialized: x.shape) : Tensor(zeros: x.shape)) : nil
            if let dx {
                let (dcols, image, row) = pointwise ? (dx.data, c * spatial, spatial) : (scratch.floats(k * columns, slot: 1), spatial, columns)
                Gemm.multiplyImages(images: n, m: k, n: spatial, k: o, a: .init(weight.data, rowStride: k, transposed: true),
                                    b: { .init(gy.data + $0 * o * spatial, rowStride: spatial) }, c: { dcols + $0 * image }, ldc: row,
                                    workspace: scratch)
                if !pointwise { col2im(dcols, columns: columns, x: x, window: window, outH: ho, outW: wo, into: dx) }
            }
            return (dx, dw)
        }
        // dx is written by a layout swap, except col2im's, which adds up.
        let dx: Tensor? = needInputGrad ? (pointwise ? Tensor(uninitialized: x.shape) : Tensor(zeros: x.shape)) : nil
        // gy channel-major (O, N·Ho·Wo), then (if needed) the columns' gradient (K, N·Ho·Wo).
        let gradOut = scratch.floats(o * columns + (needInputGrad ? k * columns : 0), slot: 1)
        Convolution.swapLeadingAxes(UnsafePointer(gy.data), n, o, plane: spatial, into: gradOut)
        Convolution.withColumns(x, window: window, outH: ho, outW: wo, workspace: scratch) { cols in
            // dW (O, K) = gy (O, N·S) × colsᵀ (N·S, K)
            Gemm.multiply(m: o, n: k, k: columns, a: .init(gradOut, rowStride: columns),
                          b: .init(cols, rowStride: columns, transposed: true), c: dw.data, ldc: k, workspace: scratch)
        }
        if let dx {
            // dcols (K, N·S) = Wᵀ (K, O) × gy (O, N·S)
            let dcols = gradOut + o * columns
            Gemm.multiply(m: k, n: columns, k: o, a: .init(weight.data, rowStride: k, transposed: true),
                          b: .init(gradOut, rowStride: columns), c: dcols, ldc: columns, workspace: scratch)
            if pointwise {
                Convolution.swapLeadingAxes(UnsafePointer(dcols), c, n, plane: spatial, into: dx.data)
            } else {
                col2im(dcols, columns: columns, x: x, window: window, outH: ho, outW: wo, into: dx)
            }
        }
        return (dx, dw)
    }

    /// dx (N, C, H, W) += each image's columns (C·kh·kw, Ho·Wo) of dcols (rows `columns` apart)
    /// folded back onto the cells they were copied from, the images split over the threads.
    private static func col2im(_ dcols: UnsafePointer<Float>, columns: Int, x: Tensor, window: Window2d, outH ho: Int, outW wo: Int,
                               into dx: Tensor) {
        let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let (kh, kw) = window.kernel, (sh, sw) = window.stride, (ph, pw) = window.padding
        Parallel.chunks(n, costPerItem: c * kh * kw * ho * wo) { images in
            for img in images {
                ck_col2im(dcols + img * ho * wo, columns, Int32(c), Int32(h), Int32(w), Int32(kh), Int32(kw),
                          Int32(sh), Int32(sw), Int32(ph), Int32(pw), Int32(ho), Int32(wo), dx.data + img * c * h * w)
            }
        }
    }

    /// Σ over N, H, W for each channel: the bias gradient. Each plane in float, the planes in double;
    /// the channels split over the threads (each sum is one thread's, so the bits do not change).
    // gy: (N, O, Ho, Wo) → (O)
    static func channelSums(_ gy: Tensor) -> Tensor {
        let (n, o) = (gy.shape[0], gy.shape[1]), plane = gy.count / max(n * o, 1)
        let db = Tensor(zeros: [o])
        Parallel.chunks(o, costPerItem: n * plane) { channels in
            for ch in channels { db.data[ch] = Float(ck_channel_sum(gy.data + ch * plane, Int32(n), Int32(plane), o * plane)) }
        }
        return db
    }
}

/// A backward kernel's gradOutput must have the shape its forward produced.
func requireGradOutput(_ gy: Tensor, _ expected: [Int], _ what: String) throws {
    guard gy.shape == expected else {
        throw TensorError.shapeMismatch("\(what) backward: gradOutput has shape \(formatShape(gy.shape)), but the forward's output is \(formatShape(expected))")
    }
}
