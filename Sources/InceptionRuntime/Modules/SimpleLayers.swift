/// nn.ReLU(): max(x, 0) element-wise.
public final class ReLU: Module {
    public init() { super.init(typeName: "ReLU") }
    public override func forward(_ x: Tensor, _ context: ExecutionContext) throws -> Tensor {
        if x.isMeta { return Tensor(meta: x.shape) }
        return Autograd.relu(x, module: self)
    }
}

/// nn.Dropout(p=0.5): in train mode zeroes each value with probability p and scales the
/// rest by 1/(1−p); in eval mode it passes the input through.
public final class Dropout: Module {
    public var p: Double

    public init(p: Double = 0.5) throws {
        guard (0...1).contains(p) else { throw TensorError.invalidArgument("Dropout p must be between 0 and 1, got \(p)") }
        self.p = p
        super.init(typeName: "Dropout")
    }

    public override var arguments: String { "p=\(p), inplace=False" }

    public override func forward(_ x: Tensor, _ context: ExecutionContext) throws -> Tensor {
        if x.isMeta { return Tensor(meta: x.shape) }
        // PyTorch's CPU dropout: p = 0 (or nothing to drop) hands back the input itself
        guard training, p > 0, x.count > 0 else { return x }
        let (y, mask) = try context.dropoutWithMask(x, p: p)
        // backward: the same mask, scaled by 1/(1−p)
        return Autograd.record(y, typeName, module: self, inputs: [x]) { gy in [try DenseBackward.dropout(mask: mask, gradOutput: gy)] }
    }

    // MARK: what it says about itself (see Module)

    /// "dropout (40%)"
    public override func paperRow(input: [Int]) -> PaperRowName? {
        let percent = p * 100
        return PaperRowName(type: "dropout (\(percent == percent.rounded() ? "\(Int(percent))" : "\(percent)")%)")
    }
}

/// nn.Flatten(): (N, d1, d2, …) → (N, d1·d2·…)
public final class Flatten: Module {
    public init() { super.init(typeName: "Flatten") }
    public override var arguments: String { "start_dim=1, end_dim=-1" }
    public override func outputShape(for input: [Int]) throws -> [Int] {
        guard let n = input.first else { throw TensorError.shapeMismatch("Flatten needs a batch dimension, got a scalar") }
        return [n, input.dropFirst().reduce(1, *)]
    }
    public override func forward(_ x: Tensor, _ context: ExecutionContext) throws -> Tensor { try Dense.flatten(x) }
}

// MARK: the fast path

/// After a convolution: in its epilogue (see ConvChain). Alone: on a Linear's output in place,
/// else a per-channel step with scale 1 and shift 0.
extension ReLU: FastPathLowerable, RectifierActivation {
    func lower(_ input: PlanCompiler.Result, following: ArraySlice<Module>, into destination: PlanSlice?,
               _ compiler: inout PlanCompiler) throws -> PlanCompiler.Result {
        if case .matrix(let t) = input {
            // In place: the Linear before it would be recorded with the ReLU applied.
            if compiler.records != nil { throw FastPathUnsupported(reason: "recording a ReLU on a Linear's output (\(path))") }
            compiler.steps.append(MatrixReLUOp(label: path, matrix: t))
            return input
        }
        let s = try compiler.planes(input, self)
        let out = compiler.sameSizeOutput(s, destination)
        compiler.steps.append(ChannelAffineOp(label: path, kind: "ReLU", source: s, destination: out,
                                              scale: .init(repeating: 1, count: s.channels), shift: .init(repeating: 0, count: s.channels), relu: true))
        return .planes(out)
    }
}

/// Eval mode: the identity. Train mode: a mask drawn from the run's random stream.
extension Dropout: FastPathLowerable {
    func lower(_ input: PlanCompiler.Result, following: ArraySlice<Module>, into destination: PlanSlice?,
               _ compiler: inout PlanCompiler) throws -> PlanCompiler.Result {
        guard compiler.training else { return input }
        let op = DropoutOp(label: path, p: p, input: try compiler.matrix(input, self))
        compiler.steps.append(op)
        return .matrix(op.output)
    }
}

/// (C, N, 1, 1) planes already are the (C, N) a Linear reads in eval mode; else a flatten step.
extension Flatten: FastPathLowerable {
    func lower(_ input: PlanCompiler.Result, following: ArraySlice<Module>, into destination: PlanSlice?,
               _ compiler: inout PlanCompiler) throws -> PlanCompiler.Result {
        if case .matrix = input { return input }
        let s = try compiler.planes(input, self)
        if s.height == 1 && s.width == 1 && !compiler.training { return input }
        return .matrix(try compiler.matrix(input, self, label: path.isEmpty ? "flatten" : path))
    }
}
