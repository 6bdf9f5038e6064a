import CBLAS

/// One step of a compiled plan. `label` is the module path it stands for (fused steps name
/// their convolution), so `inception bench` can say where the time goes.
protocol PlanOp: AnyObject {
    var label: String { get }
    var kind: String { get }
    /// Multiply-adds this step performs (convolutions and linear layers only).
    var multAdds: Int { get }
    func run(_ context: PlanContext)
}

/// What steps share while a plan runs: how many threads to split work over, and one scratch
/// buffer per thread. OpenBLAS itself runs single-threaded meanwhile: the plan splits each GEMM
/// over its own threads, so OpenBLAS's spinning workers never compete with the element loops.
final class PlanContext {
    let threads: Int
    let scratch: [Workspace]
    /// Winograd's transformed inputs V and products M, shared by the threads.
    let transformed = Workspace(), products = Workspace()
    init(threads: Int) {
        self.threads = max(1, threads)
        scratch = (0..<max(1, threads)).map { _ in Workspace() }
    }
}

/// Conv2d with its BatchNorm folded in and ReLU fused into the epilogue, over the batch at once:
///   dst (O, N·Ho·Wo) = W' (O, C·k·k) × cols (C·k·k, N·Ho·Wo), then + b', then max(·, 0).
/// Each thread takes a block of output columns (im2col, GEMM and epilogue for just those, so
/// they stay in cache), or, when there are too few columns, a block of output channels.
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

    func run(_ context: PlanContext) {
        let columns = destination.rowLength, parts = context.threads
        weights.withUnsafeBufferPointer { w in
            bias.withUnsafeBufferPointer { b in
                if columns >= 192 * parts || parts == 1 {
                    Parallel.each(parts) { p in
                        convolveColumns(Parallel.piece(p, of: parts, columns), w.baseAddress!, b.baseAddress!, context.scratch[p])
                    }
                } else {
                    // Few columns (a 7×7 map at batch 1): one shared im2col, output channels split.
                    let k = reduction
                    let cols: UnsafePointer<Float> = isPointwise ? UnsafePointer(source.base) : {
                        let buffer = context.scratch[0].floats(k * columns)
                        im2col(columns: 0..<columns, into: buffer)
                        return UnsafePointer(buffer)
                    }()
                    Parallel.each(parts) { p in
                        let rows = Parallel.piece(p, of: parts, destination.channels)
                        guard !rows.isEmpty else { return }
                        gemm(rows: rows, columns: 0..<columns, w.baseAddress!, cols, ldb: columns)
                        epilogue(rows: rows, columns: 0..<columns, b.baseAddress!)
                    }
                }
            }
        }
    }

    /// im2col, GEMM and epilogue for output columns `range` (all output channels).
    private func convolveColumns(_ range: Range<Int>, _ w: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ scratch: Workspace) {
        guard !range.isEmpty else { return }
        let cols: UnsafePointer<Float>, ldb: Int
        if isPointwise {
            cols = UnsafePointer(source.base + range.lowerBound); ldb = source.rowLength
        } else {
            let buffer = scratch.floats(reduction * range.count)
            im2col(columns: range, into: buffer)
            cols = UnsafePointer(buffer); ldb = range.count
        }
        gemm(rows: 0..<destination.channels, columns: range, w, cols, ldb: ldb)
        epilogue(rows: 0..<destination.channels, columns: range, b)
    }

    // dst[rows, columns] = W'[rows, :] × cols   (cols already offset to the first column)
    private func gemm(rows: Range<Int>, columns: Range<Int>, _ w: UnsafePointer<Float>, _ cols: UnsafePointer<Float>, ldb: Int) {
        let k = reduction, ldc = destination.rowLength
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(rows.count), Int32(columns.count), Int32(k),
                    1, w + rows.lowerBound * k, Int32(k), cols, Int32(ldb),
                    0, destination.base + rows.lowerBound * ldc + columns.lowerBound, Int32(ldc))
    }

    // dst[r, columns] = max(dst + b'[r], 0)
    private func epilogue(rows: Range<Int>, columns: Range<Int>, _ bias: UnsafePointer<Float>) {
        let ldc = destination.rowLength, dst = destination.base
        for r in rows {
            let row = dst + r * ldc, shift = bias[r]
            if relu { for i in columns { row[i] = max(row[i] + shift, 0) } }
            else { for i in columns { row[i] += shift } }
        }
    }

    // source: (C, N, H, W) → cols: (C·kh·kw, |range|) for output columns `range` of N·Ho·Wo,
    // rows ordered (c, ky, kx) like the weights.
    private func im2col(columns range: Range<Int>, into cols: UnsafeMutablePointer<Float>) {
        let (kh, kw) = window.kernel, (sh, sw) = window.stride, (ph, pw) = window.padding
        let (h, w) = (source.height, source.width)
        let (ho, wo) = (outHeight, outWidth)
        let src = source.base, rowLength = source.rowLength, width = range.count
        for r in 0..<(source.channels * kh * kw) {
            let c = r / (kh * kw), ky = (r / kw) % kh, kx = r % kw
            var line = cols + r * width
            var j = range.lowerBound
            while j < range.upperBound {
                let img = j / (ho * wo), oy = (j / wo) % ho, ox0 = j % wo
                let run = min(wo - ox0, range.upperBound - j)       // the rest of this output row
                let iy = oy * sh - ph + ky
                if iy < 0 || iy >= h {
                    line.update(repeating: 0, count: run)
                } else {
                    let input = src + c * rowLength + img * h * w + iy * w
                    if sw == 1 {
                        // ix = ox − pw + kx is inside the row for ox in [pw − kx, w + pw − kx)
                        let first = min(max(ox0, pw - kx), ox0 + run), last = max(min(ox0 + run, w + pw - kx), first)
                        if first > ox0 { line.update(repeating: 0, count: first - ox0) }
                        if last > first { (line + (first - ox0)).update(from: input + (first - pw + kx), count: last - first) }
                        if ox0 + run > last { (line + (last - ox0)).update(repeating: 0, count: ox0 + run - last) }
                    } else {
                        // ix = ox·s − pw + kx is inside the row for ox in [lo, hi): no checks there.
                        let lo = min(max(ox0, (pw - kx + sw - 1) / sw), ox0 + run)
                        let hi = max(min(ox0 + run, (w + pw - kx + sw - 1) / sw), lo)
                        for i in 0..<(lo - ox0) { line[i] = 0 }
                        for ox in lo..<hi { line[ox - ox0] = input[ox * sw - pw + kx] }
                        for i in (hi - ox0)..<run { line[i] = 0 }
                    }
                }
                line += run; j += run
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

    func run(_ context: PlanContext) {
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

    func run(_ context: PlanContext) {
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

    func run(_ context: PlanContext) {
        let n = source.batch, outF = weight.shape[0], inF = weight.shape[1]
        if n == 1 {
            // One image: y = W·x + b is a matrix-vector product (the 4 MB of weights read once).
            if let bias { output.data.update(from: bias.data, count: outF) }
            cblas_sgemv(CblasRowMajor, CblasNoTrans, Int32(outF), Int32(inF), 1, weight.data, Int32(inF),
                        source.base, 1, bias == nil ? 0 : 1, output.data, 1)
            return
        }
        // yᵀ (out, N) = W (out, C) · src (C, N), then transposed into y (N, out) with the bias.
        let scratch = context.scratch[0].floats(outF * n)
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(outF), Int32(n), Int32(inF),
                    1, weight.data, Int32(inF), source.base, Int32(n), 0, scratch, Int32(n))
        for row in 0..<n { for j in 0..<outF { output.data[row * outF + j] = scratch[j * n + row] + (bias?.data[j] ?? 0) } }
    }
}
