/// nn.Conv2d(in_channels, out_channels, kernel_size, stride=1, padding=0, bias=True)
public final class Conv2d: Module {
    public let inChannels: Int, outChannels: Int
    public let window: Window2d
    public let weight: Tensor          // (out, in, k, k)
    public let bias: Tensor?           // (out)

    public init(_ inChannels: Int, _ outChannels: Int, kernelSize: Int, stride: Int = 1, padding: Int = 0, bias: Bool = true) throws {
        guard inChannels > 0, outChannels > 0 else {
            throw TensorError.invalidArgument("Conv2d needs positive channel counts, got in=\(inChannels), out=\(outChannels)")
        }
        guard kernelSize > 0, stride > 0, padding >= 0 else {
            throw TensorError.invalidArgument("Conv2d needs kernel_size ≥ 1, stride ≥ 1 and padding ≥ 0, got \(kernelSize), \(stride), \(padding)")
        }
        try MemoryBudget.check(shape: [outChannels, inChannels, kernelSize, kernelSize], what: "Conv2d's weight")
        self.inChannels = inChannels; self.outChannels = outChannels
        self.window = Window2d(kernel: kernelSize, stride: stride, padding: padding)
        let fanIn = inChannels * kernelSize * kernelSize
        weight = ParameterInit.fanInUniform([outChannels, inChannels, kernelSize, kernelSize], fanIn: fanIn)
        self.bias = bias ? ParameterInit.fanInUniform([outChannels], fanIn: fanIn) : nil
        super.init(typeName: "Conv2d")
        registerParameter("weight", weight)
        if let b = self.bias { registerParameter("bias", b) }
    }

    public override var arguments: String {
        let k = window.kernel.h, s = window.stride.h, p = window.padding.h
        var text = "\(inChannels), \(outChannels), kernel_size=(\(k), \(k)), stride=(\(s), \(s))"
        if p != 0 { text += ", padding=(\(p), \(p))" }
        if bias == nil { text += ", bias=False" }
        return text
    }

    // x: (N, C_in, H, W) → (N, C_out, Ho, Wo)
    public override func outputShape(for input: [Int]) throws -> [Int] {
        guard input.count == 4 else {
            throw TensorError.shapeMismatch("Conv2d expects a 4-D input (N, C, H, W), got \(formatShape(input))")
        }
        guard input[1] == inChannels else {
            throw TensorError.shapeMismatch("Conv2d expects \(inChannels) input channels, got \(input[1])")
        }
        let (ho, wo) = window.outputSize(height: input[2], width: input[3])
        guard ho > 0, wo > 0 else {
            throw TensorError.shapeMismatch("Conv2d \(window.label) on a \(input[2])×\(input[3]) input gives an empty output: the input is too small")
        }
        return [input[0], outChannels, ho, wo]
    }

    public override func forward(_ x: Tensor, _ context: ExecutionContext) throws -> Tensor {
        let shape = try outputShape(for: x.shape)
        if x.isMeta { return Tensor(meta: shape) }
        let y = try Convolution.conv2d(x, weight: weight, bias: bias, window: window, workspace: context.workspace)
        // backward: gy (N, C_out, Ho, Wo) → dx (N, C_in, H, W), dW (C_out, C_in, k, k), db (C_out)
        return Autograd.record(y, typeName, module: self, inputs: [x, weight, bias]) { [window, weight, bias, workspace = context.workspace] gy in
            let g = try ConvolutionBackward.conv2d(x, weight: weight, hasBias: bias != nil, window: window,
                                                   gradOutput: gy, needInputGrad: x.requiresGrad, workspace: workspace)
            return [g.input, g.weight, g.bias]
        }
    }

    /// k·k·C_in·C_out (+ C_out for the bias)
    public override var parameterFormula: ParameterFormula? {
        var terms = [[window.kernel.h, window.kernel.w, inChannels, outChannels]]
        if bias != nil { terms.append([outChannels]) }
        return ParameterFormula(terms: terms)
    }

    /// torchinfo: (weights + bias) × N·Ho·Wo, one multiply-add per weight per output position.
    public override func multAdds(input: [Int], output: [Int]) -> Int {
        ownParameterCount * output[0] * output[2] * output[3]
    }
}

/// nn.BatchNorm2d(num_features, eps=1e-5, momentum=0.1)
public final class BatchNorm2d: Module {
    public let features: Int
    public let eps: Float, momentum: Float
    public let weight: Tensor, bias: Tensor                       // γ, β: (C)
    public let runningMean: Tensor, runningVar: Tensor            // (C)
    public let batchesTracked: Tensor                             // scalar, as PyTorch keeps it

    public init(_ features: Int, eps: Float = 1e-5, momentum: Float = 0.1) throws {
        guard features > 0 else { throw TensorError.invalidArgument("BatchNorm2d needs a positive channel count, got \(features)") }
        try MemoryBudget.check(shape: [4, features], what: "BatchNorm2d's weight, bias and running statistics")
        self.features = features; self.eps = eps; self.momentum = momentum
        weight = Tensor(repeating: 1, shape: [features]); bias = Tensor(zeros: [features])
        runningMean = Tensor(zeros: [features]); runningVar = Tensor(repeating: 1, shape: [features])
        batchesTracked = Tensor(zeros: [])
        super.init(typeName: "BatchNorm2d")
        registerParameter("weight", weight); registerParameter("bias", bias)
        registerBuffer("running_mean", runningMean); registerBuffer("running_var", runningVar)
        registerBuffer("num_batches_tracked", batchesTracked)
    }

    public override var arguments: String {
        var text = "\(features), eps=\(eps == 1e-5 ? "1e-05" : "\(eps)"), momentum=\(momentum)"
        text += ", affine=True, track_running_stats=True"
        return text
    }

    public override func outputShape(for input: [Int]) throws -> [Int] {
        guard input.count == 4 else {
            throw TensorError.shapeMismatch("BatchNorm2d expects a 4-D input (N, C, H, W), got \(formatShape(input))")
        }
        guard input[1] == features else { throw TensorError.shapeMismatch("BatchNorm2d expects \(features) channels, got \(input[1])") }
        return input
    }

    // x: (N, C, H, W) → (N, C, H, W)
    public override func forward(_ x: Tensor, _ context: ExecutionContext) throws -> Tensor {
        let shape = try outputShape(for: x.shape)
        if x.isMeta { return Tensor(meta: shape) }
        if training {
            batchesTracked.data[0] += 1
            let y = try Normalization.batchNormTrain(x, gamma: weight, beta: bias, runningMean: runningMean,
                                                     runningVar: runningVar, eps: eps, momentum: momentum)
            // backward through the batch statistics: gy → dx, dγ, dβ
            return Autograd.record(y, typeName, module: self, inputs: [x, weight, bias]) { [weight, eps] gy in
                let g = try NormalizationBackward.batchNormTrain(x, gamma: weight, eps: eps, gradOutput: gy)
                return [g.input, g.gamma, g.beta]
            }
        }
        let y = try Normalization.batchNormEval(x, gamma: weight, beta: bias, runningMean: runningMean,
                                                runningVar: runningVar, eps: eps)
        guard Autograd.needsGrad([x, weight, bias]) else { return y }
        // backward with the running statistics as constants (a copy: training may move them later)
        let mean = runningMean.copy(), variance = runningVar.copy()
        return Autograd.record(y, typeName, module: self, inputs: [x, weight, bias]) { [weight, eps] gy in
            let g = try NormalizationBackward.batchNormEval(x, gamma: weight, runningMean: mean, runningVar: variance,
                                                            eps: eps, gradOutput: gy)
            return [g.input, g.gamma, g.beta]
        }
    }

    /// γ and β: C + C
    public override var parameterFormula: ParameterFormula? { ParameterFormula(terms: [[features], [features]]) }
}

/// nn.Linear(in_features, out_features, bias=True)
public final class Linear: Module {
    public let inFeatures: Int, outFeatures: Int
    public let weight: Tensor          // (out, in)
    public let bias: Tensor?           // (out)

    public init(_ inFeatures: Int, _ outFeatures: Int, bias: Bool = true) throws {
        guard inFeatures > 0, outFeatures > 0 else {
            throw TensorError.invalidArgument("Linear needs positive sizes, got in=\(inFeatures), out=\(outFeatures)")
        }
        try MemoryBudget.check(shape: [outFeatures, inFeatures], what: "Linear's weight")
        self.inFeatures = inFeatures; self.outFeatures = outFeatures
        weight = ParameterInit.fanInUniform([outFeatures, inFeatures], fanIn: inFeatures)
        self.bias = bias ? ParameterInit.fanInUniform([outFeatures], fanIn: inFeatures) : nil
        super.init(typeName: "Linear")
        registerParameter("weight", weight)
        if let b = self.bias { registerParameter("bias", b) }
    }

    public override var arguments: String { "in_features=\(inFeatures), out_features=\(outFeatures), bias=\(bias == nil ? "False" : "True")" }

    // x: (N, in) → (N, out)
    public override func outputShape(for input: [Int]) throws -> [Int] {
        guard input.count == 2 else {
            throw TensorError.shapeMismatch("Linear expects a 2-D input (N, \(inFeatures)), got \(formatShape(input)): flatten it first")
        }
        guard input[1] == inFeatures else {
            throw TensorError.shapeMismatch("Linear expects \(inFeatures) input features, got \(input[1])")
        }
        return [input[0], outFeatures]
    }

    public override func forward(_ x: Tensor, _ context: ExecutionContext) throws -> Tensor {
        let shape = try outputShape(for: x.shape)
        if x.isMeta { return Tensor(meta: shape) }
        let y = try Dense.linear(x, weight: weight, bias: bias)
        // backward: gy (N, out) → dx (N, in), dW (out, in), db (out)
        return Autograd.record(y, typeName, module: self, inputs: [x, weight, bias]) { [weight, bias] gy in
            let g = try DenseBackward.linear(x, weight: weight, hasBias: bias != nil, gradOutput: gy)
            return [g.input, g.weight, g.bias]
        }
    }

    /// in·out (+ out for the bias)
    public override var parameterFormula: ParameterFormula? {
        var terms = [[inFeatures, outFeatures]]
        if bias != nil { terms.append([outFeatures]) }
        return ParameterFormula(terms: terms)
    }
}
