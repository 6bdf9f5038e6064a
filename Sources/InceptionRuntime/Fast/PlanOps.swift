import CBLAS

/// One step of a compiled plan. `label` is the module path it stands for (fused steps name
/// their convolution), so `inception bench` can say where the time goes.
protocol PlanOp: AnyObject {
    var label: String { get }
    var kind: String { get }
    /// Multiply-adds this step performs (convolutions and linear layers only).
    var multAdds: Int { get }
    func run(_ workspace: Workspace)
}

/// Conv2d with its BatchNorm folded in and ReLU fused into the epilogue, over the batch at once:
///   dst (O, N·Ho·Wo) = W' (O, C·k·k) × cols (C·k·k, N·Ho·Wo), then + b', then max(·, 0).
/// Several convolutions that read the same input (the 1×1s that open Inception branches) are
/// stacked into one GEMM when their destinations are consecutive rows of one buffer.
final class FusedConvOp: PlanOp {
    let label: String
    let kind: String
    let source: PlanSlice
    let destination: PlanSlice
    let window: Window2d
    let weights: [Float]      // (O, C·kh·kw), BatchNorm folded in
    let bias: [Float]         // (O)
    let relu: Bool
    let outHeight: Int, outWidth: Int

    init(label: String, kind: String, source: PlanSlice, destination: PlanSlice, window: Window2d,
         weights: [Float], bias: [Float], relu: Bool) {
        self.label = label; self.kind = kind; self.source = source; self.destination = destination
        self.window = window; self.weights = weights; self.bias = bias; self.relu = relu
        (outHeight, outWidth) = window.outputSize(height: source.height, width: source.width)
    }

    var isPointwise: Bool { window.kernel == (1, 1) && window.stride == (1, 1) && window.padding == (0, 0) }
    var reduction: Int { source.channels * window.kernel.h * window.kernel.w }
    var multAdds: Int { destination.channels * reduction * destination.rowLength }

    func run(_ workspace: Workspace) {
        let o = destination.channels, k = reduction, columns = destination.rowLength
        let b: UnsafePointer<Float>
        if isPointwise {
            b = UnsafePointer(source.base)
        } else {
            let cols = workspace.floats(k * columns)
            im2colCNHW(into: cols)
            b = UnsafePointer(cols)
        }
        weights.withUnsafeBufferPointer { w in
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(o), Int32(columns), Int32(k),
                        1, w.baseAddress, Int32(k), b, Int32(columns), 0, destination.base, Int32(columns))
        }
        let dst = destination.base, relu = relu
        bias.withUnsafeBufferPointer { bias in
            Parallel.chunks(o, costPerItem: columns) { rows in
                for r in rows {
                    let row = dst + r * columns, shift = bias[r]
                    if relu { for i in 0..<columns { row[i] = max(row[i] + shift, 0) } }
                    else { for i in 0..<columns { row[i] += shift } }
                }
            }
        }
    }

    // source: (C, N, H, W) → cols: (C·kh·kw, N·Ho·Wo), rows ordered (c, ky, kx) like the weights.
    private func im2colCNHW(into cols: UnsafeMutablePointer<Float>) {
        let (kh, kw) = window.kernel, (sh, sw) = window.stride, (ph, pw) = window.padding
        let (h, w, n) = (source.height, source.width, source.batch)
        let (ho, wo) = (outHeight, outWidth)
        let src = source.base, rowLength = source.rowLength, columns = n * ho * wo
        Parallel.chunks(source.channels * kh * kw, costPerItem: columns) { rows in
            for r in rows {
                let c = r / (kh * kw), ky = (r / kw) % kh, kx = r % kw
                for img in 0..<n {
                    let plane = src + c * rowLength + img * h * w
                    let out = cols + r * columns + img * ho * wo
                    for oy in 0..<ho {
                        let iy = oy * sh - ph + ky
                        let line = out + oy * wo
                        guard iy >= 0 && iy < h else { line.update(repeating: 0, count: wo); continue }
                        let input = plane + iy * w
                        if sw == 1 {
                            let first = min(max(0, pw - kx), wo), last = max(min(wo, w + pw - kx), first)
                            if first > 0 { line.update(repeating: 0, count: first) }
                            if last > first { (line + first).update(from: input + (first - pw + kx), count: last - first) }
                            if last < wo { (line + last).update(repeating: 0, count: wo - last) }
                        } else {
                            for ox in 0..<wo {
                                let ix = ox * sw - pw + kx
                                line[ox] = (ix >= 0 && ix < w) ? input[ix] : 0
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Max, average or adaptive average pooling, plane by plane (CNHW keeps planes contiguous).
final class PoolOp: PlanOp {
    enum Kind { case max(Window2d), average(Window2d), adaptive(Int, Int) }
    let label: String
    let poolKind: Kind
    let source: PlanSlice, destination: PlanSlice
    var kind: String {
        switch poolKind { case .max: "MaxPool2d"; case .average: "AvgPool2d"; case .adaptive: "AdaptiveAvgPool2d" }
    }
    var multAdds: Int { 0 }

    init(label: String, kind: Kind, source: PlanSlice, destination: PlanSlice) {
        self.label = label; self.poolKind = kind; self.source = source; self.destination = destination
    }

    func run(_ workspace: Workspace) {
        let planes = source.channels * source.batch
        switch poolKind {
        case .max(let window):
            Pooling.maxPoolPlanes(source.base, destination.base, planes: planes, height: source.height, width: source.width, window: window)
        case .average(let window):
            Pooling.avgPoolPlanes(source.base, destination.base, planes: planes, height: source.height, width: source.width, window: window)
        case .adaptive(let ho, let wo):
            Pooling.adaptiveAvgPoolPlanes(source.base, destination.base, planes: planes, height: source.height,
                                          width: source.width, outHeight: ho, outWidth: wo)
        }
    }
}

/// A per-channel affine map (a BatchNorm2d not preceded by a convolution), optionally with ReLU,
/// or a plain copy (scale 1, shift 0) where a pass-through layer must land in a concat slice.
final class ChannelAffineOp: PlanOp {
    let label: String, kind: String
    let source: PlanSlice, destination: PlanSlice
    let scale: [Float], shift: [Float]
    let relu: Bool
    var multAdds: Int { 0 }

    init(label: String, kind: String, source: PlanSlice, destination: PlanSlice, scale: [Float], shift: [Float], relu: Bool) {
        self.label = label; self.kind = kind; self.source = source; self.destination = destination
        self.scale = scale; self.shift = shift; self.relu = relu
    }

    func run(_ workspace: Workspace) {
        let columns = source.rowLength, src = source.base, dst = destination.base, relu = relu
        scale.withUnsafeBufferPointer { scale in
            shift.withUnsafeBufferPointer { shift in
                Parallel.chunks(source.channels, costPerItem: columns) { rows in
                    for r in rows {
                        let a = scale[r], b = shift[r], s = src + r * columns, d = dst + r * columns
                        if relu { for i in 0..<columns { d[i] = max(s[i] * a + b, 0) } }
                        else { for i in 0..<columns { d[i] = s[i] * a + b } }
                    }
                }
            }
        }
    }
}

/// Linear on pooled features: source (C, N) in CNHW with H = W = 1 → output (N, out), row-major.
final class LinearOp: PlanOp {
    let label: String
    let kind = "Linear"
    let source: PlanSlice
    let output: Tensor
    let weight: Tensor, bias: Tensor?
    var multAdds: Int { output.count * weight.shape[1] }

    init(label: String, source: PlanSlice, weight: Tensor, bias: Tensor?) {
        self.label = label; self.source = source; self.weight = weight; self.bias = bias
        output = Tensor(zeros: [source.batch, weight.shape[0]])
    }

    func run(_ workspace: Workspace) {
        let n = source.batch, outF = weight.shape[0], inF = weight.shape[1]
        if let bias { for row in 0..<n { (output.data + row * outF).update(from: bias.data, count: outF) } }
        // y (N, out) = srcᵀ (N, C) · Wᵀ (C, out)
        cblas_sgemm(CblasRowMajor, CblasTrans, CblasTrans, Int32(n), Int32(outF), Int32(inF),
                    1, source.base, Int32(n), weight.data, Int32(inF), bias == nil ? 0 : 1, output.data, Int32(outF))
    }
}
