/// The Inception module's 1×1 convolutions that all read the block's input (conv1x1 and the
/// 3×3 and 5×5 reductions), run on the training path as ONE convolution of their filters stacked,
/// as the fast path does (`PlanCompiler.compileConcat`):
///   forward   y (N, ΣO, H, W) = [W₁; W₂; W₃] (ΣO, C) × x_i (C, H·W) for each image, + [b₁; b₂; b₃],
///             then each branch's channel slice copied out as its piece (N, O_j, H, W);
///   backward  the pieces' gradients gathered into one gy (N, ΣO, H, W), then ONE dx (K = ΣO)
///             where three dx's were made and added into x's gradient, and one dW (ΣO, C) whose
///             rows are the three dW's.
/// One GEMM of 176–624 rows instead of three of 16–384 (the 16-row 5×5 reductions ran at a third
/// of the GEMM's peak), for two copies of y's size.
///
/// It runs only where nothing can tell: no observer reads module outputs (a trace, the debugger,
/// the checker's probe), no hooks on any module it skips, an input of the convolutions' channels
/// (the language's per-call dtype rule is asked about each skipped call). Elsewhere the
/// branches run one by one as written.
public struct StackedPointwise {
    /// Off: the branches always run one by one (`inception bench --mode train-step --stack-1x1 off`).
    nonisolated(unsafe) public static var enabled = true
    /// The recorded operations' labels: the stacked convolution, and each piece's slice of it
    /// (what `bench --mode train-step --layers` lists them as).
    public static let label = "Conv2d 1×1 stacked", pieceLabel = "split of stacked 1×1"

    /// A branch that opens with a stride-1, unpadded 1×1 Conv2d: the convolution, and the modules
    /// that run after it in the branch (flattened out of its plain in-order containers).
    struct Opening { let branch: Int; let conv: Conv2d; let rest: [Module] }
    let openings: [Opening]

    /// nil unless at least two of the block's branches open with a stacked-able 1×1 on x.
    init?(_ block: Block, _ x: Tensor, _ context: ExecutionContext) {
        guard Self.enabled, !x.isMeta, x.rank == 4,
              context.observers.allSatisfy({ !$0.readsModuleOutputs }) else { return nil }
        let openings = block.children.enumerated().compactMap { i, child in
            Self.peel(child.module).map { Opening(branch: i, conv: $0.conv, rest: $0.rest) }
        }
        guard openings.count >= 2, openings.allSatisfy({ $0.conv.inChannels == x.shape[1] }) else { return nil }
        self.openings = openings
    }

    /// A module that opens with a hook-free stride-1, unpadded 1×1 Conv2d, reached through plain
    /// in-order containers (nn.Sequential, BasicConv2d) with no hooks: that convolution and the
    /// modules after it, in the order they run.
    static func peel(_ m: Module) -> (conv: Conv2d, rest: [Module])? {
        guard m.hooks.isEmpty else { return nil }
        if let conv = m as? Conv2d { return conv.window == Window2d(kernel: 1, stride: 1) ? (conv, []) : nil }
        guard m.childComposition == .inOrder, let first = m.children.first?.module, let (conv, rest) = peel(first) else { return nil }
        return (conv, rest + m.children.dropFirst().map(\.module))
    }

    /// Every branch's output, in the block's order: the openings' pieces carried on through the
    /// rest of their branches, the other branches run as they are.
    func branchOutputs(of block: Block, _ x: Tensor, _ context: ExecutionContext) throws -> [Tensor] {
        // the per-call rule (the language's dtype check) says of each skipped call what it would
        // say of the call itself, so the result does not depend on whether a rule is set
        for o in openings { _ = try ExecutionContext.dtypeRule?(o.conv, x) { x } }
        let pieces = try stackedConvolution(x, context)
        var outputs: [Tensor] = []
        for (i, child) in block.children.enumerated() {
            if let k = openings.firstIndex(where: { $0.branch == i }) {
                outputs.append(try block.runInOrder(openings[k].rest, pieces[k], context))
            } else {
                outputs.append(try child.module(x, context))
            }
        }
        return outputs
    }

    // x: (N, C, H, W) → one piece (N, O_j, H, W) per opening
    private func stackedConvolution(_ x: Tensor, _ context: ExecutionContext) throws -> [Tensor] {
        let convs = openings.map(\.conv), rows = convs.map(\.outChannels), c = x.shape[1]
        let total = rows.reduce(0, +)
        // This call's filters and biases, stacked (copies: the optimizer moves the originals).
        let weight = Tensor(uninitialized: [total, c, 1, 1]), bias = Tensor(zeros: [total])
        var row = 0
        for conv in convs {
            (weight.data + row * c).update(from: conv.weight.data, count: conv.outChannels * c)
            if let b = conv.bias { (bias.data + row).update(from: b.data, count: conv.outChannels) }
            row += conv.outChannels
        }
        let window = Window2d(kernel: 1, stride: 1)
        let y = try Convolution.conv2d(x, weight: weight, bias: bias, window: window, workspace: context.workspace)
        let (n, h, w) = (y.shape[0], y.shape[2], y.shape[3])
        let pieces = rows.map { Tensor(uninitialized: [n, $0, h, w]) }
        Dense.moveChannelSlices(images: n, channels: rows, plane: h * w, concatenation: y.data, pieces: pieces.map(\.data),
                                intoConcatenation: false)
        let parameters: [Tensor?] = convs.flatMap { [$0.weight, $0.bias] }
        guard Autograd.needsGrad([x] + parameters) else { return pieces }

        // backward of the stack: gy (N, ΣO, H, W) → dx, then each convolution's dW rows and db
        let workspace = context.workspace, gathered = GatheredGradient()
        Autograd.record(y, Self.label, inputs: [x] + parameters) { gy in
            // a piece whose branch does not reach the loss wrote nothing: its slice is 0
            for j in rows.indices where !gathered.written.contains(j) { Self.zeroSlice(j, of: rows, in: gy) }
            gathered.buffer = nil; gathered.written = []          // the next backward gathers afresh
            let g = try ConvolutionBackward.conv2d(x, weight: weight, hasBias: true, window: window, gradOutput: gy,
                                                   needInputGrad: x.requiresGrad, workspace: workspace)
            var grads: [Tensor?] = [g.input], row = 0
            for conv in convs {
                let dw = Tensor(uninitialized: conv.weight.shape)
                dw.data.update(from: g.weight.data + row * c, count: conv.outChannels * c)
                var db: Tensor?
                if let bias = g.bias, conv.bias != nil {
                    db = Tensor(uninitialized: [conv.outChannels])
                    db!.data.update(from: bias.data + row, count: conv.outChannels)
                }
                grads += [dw, db]
                row += conv.outChannels
            }
            return grads
        }
        // each piece's backward writes its slice of the stack's gradient; the first to run hands
        // that gradient on (the others' slices land in it before the stack's backward runs: it
        // comes after all of them), so no full-size gradient is made or added per piece
        for (j, piece) in pieces.enumerated() {
            Autograd.record(piece, Self.pieceLabel, inputs: [y]) { [shape = y.shape, rows] gy in
                let first = gathered.buffer == nil
                let whole = gathered.buffer ?? Tensor(uninitialized: shape)     // every slice written before it is read
                gathered.buffer = whole
                gathered.written.insert(j)
                Self.copySlice(j, of: rows, from: gy, into: whole)
                return [first ? whole : nil]
            }
        }
        return pieces
    }

    /// whole[:, the rows of piece j] = 0
    // whole: (N, ΣO, H, W)
    private static func zeroSlice(_ j: Int, of rows: [Int], in whole: Tensor) {
        let (n, total, plane) = (whole.shape[0], whole.shape[1], whole.shape[2] * whole.shape[3])
        let offset = rows[..<j].reduce(0, +)
        for i in 0..<n { (whole.data + (i * total + offset) * plane).update(repeating: 0, count: rows[j] * plane) }
    }

    /// whole[:, the rows of piece j] = g
    // g: (N, O_j, H, W), whole: (N, ΣO, H, W)
    private static func copySlice(_ j: Int, of rows: [Int], from g: Tensor, into whole: Tensor) {
        let (n, total, plane) = (whole.shape[0], whole.shape[1], whole.shape[2] * whole.shape[3])
        let offset = rows[..<j].reduce(0, +), count = rows[j] * plane
        Parallel.chunks(n, costPerItem: count) { images in
            for i in images { (whole.data + (i * total + offset) * plane).update(from: g.data + i * count, count: count) }
        }
    }
}

/// The stacked output's gradient while one backward gathers it from the pieces.
private final class GatheredGradient {
    var buffer: Tensor?
    /// The pieces whose gradient is in `buffer`.
    var written: Set<Int> = []
}
