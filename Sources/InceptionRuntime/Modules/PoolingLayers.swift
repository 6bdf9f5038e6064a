/// nn.MaxPool2d(kernel_size, stride=kernel_size, padding=0, ceil_mode=False)
public final class MaxPool2d: Module {
    public let window: Window2d

    public init(_ kernelSize: Int, stride: Int? = nil, padding: Int = 0, ceilMode: Bool = false) throws {
        window = try checkedWindow("MaxPool2d", kernelSize, stride ?? kernelSize, padding, ceilMode)
        super.init(typeName: "MaxPool2d")
        unbatchedRank = 3
        unbatchedNatively = true
    }

    public override var arguments: String {
        "kernel_size=\(window.kernel.h), stride=\(window.stride.h), padding=\(window.padding.h), dilation=1, ceil_mode=\(window.ceilMode ? "True" : "False")"
    }

    // x: (N, C, H, W) → (N, C, Ho, Wo)
    public override func outputShape(for input: [Int]) throws -> [Int] { try pooledShape("MaxPool2d", window, input) }

    public override func forward(_ x: Tensor, _ context: ExecutionContext) throws -> Tensor {
        let shape = try outputShape(for: x.shape)
        if x.isMeta { return Tensor(meta: shape) }
        // backward: each window's gradient goes to its first maximum, which the forward found
        // and kept when a backward will come (x itself then need not be kept or read again)
        if Autograd.needsGrad([x]), let (y, winners) = try Pooling.maxPool2dKeepingWinners(x, window: window) {
            return Autograd.record(y, typeName, module: self, inputs: [x]) { [window, inputShape = x.shape] gy in
                [try PoolingBackward.maxPool2d(inputShape: inputShape, window: window, winners: winners, gradOutput: gy)]
            }
        }
        let y = try Pooling.maxPool2d(x, window: window)
        return Autograd.record(y, typeName, module: self, inputs: [x]) { [window] gy in
            [try PoolingBackward.maxPool2d(x, window: window, gradOutput: gy)]
        }
    }

    // MARK: what it says about itself (see Module)

    public override var slidingWindow: Window2d? { window }
    public override func paperRow(input: [Int]) -> PaperRowName? { PaperRowName(type: "max pool", patch: window.patchText) }
    /// "maxpool 3×3/1"
    public override var diagramBox: DiagramBox? {
        DiagramBox(label: "maxpool \(window.kernel.h)×\(window.kernel.h)/\(window.stride.h)")
    }
}

/// nn.AvgPool2d(kernel_size, stride=kernel_size, padding=0, ceil_mode=False, count_include_pad=True)
public final class AvgPool2d: Module {
    public let window: Window2d

    public init(_ kernelSize: Int, stride: Int? = nil, padding: Int = 0, ceilMode: Bool = false) throws {
        window = try checkedWindow("AvgPool2d", kernelSize, stride ?? kernelSize, padding, ceilMode)
        super.init(typeName: "AvgPool2d")
        unbatchedRank = 3
        unbatchedNatively = true
    }

    public override var arguments: String {
        "kernel_size=\(window.kernel.h), stride=\(window.stride.h), padding=\(window.padding.h)"
    }

    public override func outputShape(for input: [Int]) throws -> [Int] { try pooledShape("AvgPool2d", window, input) }

    // x: (N, C, H, W) → (N, C, Ho, Wo)
    public override func forward(_ x: Tensor, _ context: ExecutionContext) throws -> Tensor {
        let shape = try outputShape(for: x.shape)
        if x.isMeta { return Tensor(meta: shape) }
        let y = try Pooling.avgPool2d(x, window: window)
        // backward: each window spreads its gradient evenly (count_include_pad's divisor)
        return Autograd.record(y, typeName, module: self, inputs: [x]) { [window, shape = x.shape] gy in
            [try PoolingBackward.avgPool2d(inputShape: shape, window: window, gradOutput: gy)]
        }
    }

    // MARK: what it says about itself (see Module)

    public override var slidingWindow: Window2d? { window }
    public override func paperRow(input: [Int]) -> PaperRowName? { PaperRowName(type: "avg pool", patch: window.patchText) }
}

/// nn.AdaptiveAvgPool2d((h, w)): averages whatever spatial size comes in down to h×w.
public final class AdaptiveAvgPool2d: Module {
    public let size: (h: Int, w: Int)

    public init(_ h: Int, _ w: Int) throws {
        guard h > 0, w > 0 else { throw TensorError.invalidArgument("AdaptiveAvgPool2d needs a positive output size, got (\(h), \(w))") }
        size = (h, w)
        super.init(typeName: "AdaptiveAvgPool2d")
        unbatchedRank = 3
        unbatchedNatively = true
    }

    public override var arguments: String { "output_size=(\(size.h), \(size.w))" }

    public override func outputShape(for input: [Int]) throws -> [Int] {
        guard input.count == 4 else {
            throw TensorError.shapeMismatch("AdaptiveAvgPool2d expects a 4-D input (N, C, H, W), got \(formatShape(input))")
        }
        guard input[2] > 0, input[3] > 0 else { throw TensorError.shapeMismatch("AdaptiveAvgPool2d got an empty \(input[2])×\(input[3]) input") }
        return [input[0], input[1], size.h, size.w]
    }

    // x: (N, C, H, W) → (N, C, h, w)
    public override func forward(_ x: Tensor, _ context: ExecutionContext) throws -> Tensor {
        let shape = try outputShape(for: x.shape)
        if x.isMeta { return Tensor(meta: shape) }
        return try Autograd.adaptiveAvgPool2d(x, outputSize: size, module: self)
    }

    // MARK: what it says about itself (see Module)

    /// Table 1's "avg pool 7×7/1": the window is the whole input.
    public override func paperRow(input: [Int]) -> PaperRowName? {
        input.count == 4 ? PaperRowName(type: "avg pool", patch: "\(input[2])×\(input[3])/1") : nil
    }
    /// Each output value averages a window of about size/out values: all of them when out = 1.
    public override func receptiveStep(inputSize size: Int) -> ReceptiveStep? {
        let k = (size + self.size.h - 1) / self.size.h
        return ReceptiveStep(kernel: k, stride: k, outputSize: self.size.h, note: "global average over \(size)×\(size)")
    }
}

func checkedWindow(_ what: String, _ k: Int, _ s: Int, _ p: Int, _ ceil: Bool) throws -> Window2d {
    guard k > 0, s > 0, p >= 0 else {
        throw TensorError.invalidArgument("\(what) needs kernel_size ≥ 1, stride ≥ 1 and padding ≥ 0, got \(k), \(s), \(p)")
    }
    guard p <= k / 2 else {
        throw TensorError.invalidArgument("\(what): padding \(p) is more than half the kernel size \(k); use padding ≤ \(k / 2)")
    }
    return Window2d(kernel: k, stride: s, padding: p, ceilMode: ceil)
}

func pooledShape(_ what: String, _ window: Window2d, _ input: [Int]) throws -> [Int] {
    guard input.count == 4 else {
        // PyTorch's words where it has its own (its AvgPool2d on fewer than 3 dims fails indexing)
        if what == "MaxPool2d" { throw TensorError.refused("non-empty 3D or 4D (batch mode) tensor expected for input", fix: "give it (N, C, H, W) or (C, H, W)") }
        if what == "AvgPool2d", input.count > 4 {
            throw TensorError.refused("Expected 3D or 4D (batch mode) tensor with optional 0 dim batch size for input, but got:[\(input.map(String.init).joined(separator: ", "))]",
                                      fix: "give it (N, C, H, W) or (C, H, W)")
        }
        throw TensorError.shapeMismatch("\(what) expects a 4-D input (N, C, H, W), got \(formatShape(input))")
    }
    let (ho, wo) = window.outputSize(height: input[2], width: input[3])
    guard ho > 0, wo > 0 else {
        throw TensorError.poolOutputTooSmall(window, channels: input[1], height: input[2], width: input[3])
    }
    return [input[0], input[1], ho, wo]
}

// MARK: the fast path: one pooling step each

extension MaxPool2d: FastPathLowerable {
    func lower(_ input: PlanCompiler.Result, following: ArraySlice<Module>, into destination: PlanSlice?,
               _ compiler: inout PlanCompiler) throws -> PlanCompiler.Result {
        .planes(compiler.emitPool(.max(window), path, try compiler.planes(input, self), window.outputSize, into: destination))
    }
}

extension AvgPool2d: FastPathLowerable {
    func lower(_ input: PlanCompiler.Result, following: ArraySlice<Module>, into destination: PlanSlice?,
               _ compiler: inout PlanCompiler) throws -> PlanCompiler.Result {
        .planes(compiler.emitPool(.average(window), path, try compiler.planes(input, self), window.outputSize, into: destination))
    }
}

extension AdaptiveAvgPool2d: FastPathLowerable {
    func lower(_ input: PlanCompiler.Result, following: ArraySlice<Module>, into destination: PlanSlice?,
               _ compiler: inout PlanCompiler) throws -> PlanCompiler.Result {
        .planes(compiler.emitPool(.adaptive(size.h, size.w), path, try compiler.planes(input, self), { [size] _, _ in size }, into: destination))
    }
}
