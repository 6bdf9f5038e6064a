/// nn.BatchNorm2d(num_features, eps=1e-5, momentum=0.1)
public final class BatchNorm2d: Module {
    public let features: Int
    /// Settable, as a program may (`bn.momentum = 0.01` in an init loop).
    public var eps: Float, momentum: Float
    public let weight: Tensor, bias: Tensor                       // γ, β: (C)
    public let runningMean: Tensor, runningVar: Tensor            // (C)
    public let batchesTracked: Tensor                             // scalar, as PyTorch keeps it
    /// momentum=None: the running statistics are the cumulative average of every batch's
    /// (each update weighs the new batch 1 / num_batches_tracked), not an exponential one.
    public var cumulativeAverage = false

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
        text += ", affine=True, bias=True, track_running_stats=True"      // PyTorch 2.15 prints bias= too
        return text
    }

    public override func outputShape(for input: [Int]) throws -> [Int] {
        guard input.count == 4 else {
            throw TensorError.invalidValue("expected 4D input (got \(input.count)D input)")       // PyTorch's ValueError
        }
        guard input[1] == features else { throw TensorError.normChannels(features: features, got: input[1]) }
        return input
    }

    /// Set by a container (`Module.runInOrder`) for one train-mode call when a ReLU comes next and
    /// nothing observes the modules' outputs: this call returns max(BatchNorm(x), 0), and its
    /// backward takes the ReLU's too, one pass over the activations each way instead of two.
    public internal(set) var reluFollows = false

    // x: (N, C, H, W) → (N, C, H, W)
    public override func forward(_ x: Tensor, _ context: ExecutionContext) throws -> Tensor {
        let shape = try outputShape(for: x.shape)
        if x.isMeta { return Tensor(meta: shape) }
        if training {
            guard shape[0] * shape[2] * shape[3] > 1 else {
                throw TensorError.invalidValue("Expected more than 1 value per channel when training, got input size \(torchSizeText(shape))")
            }
            batchesTracked.data[0] += 1
            batchesTracked.bumpVersion()                        // PyTorch's num_batches_tracked.add_(1)
            let relu = reluFollows
            let factor = cumulativeAverage ? 1 / batchesTracked.data[0] : momentum
            let (y, statistics) = try Normalization.batchNormTrainKeepingStatistics(
                x, gamma: weight, beta: bias, runningMean: runningMean, runningVar: runningVar, eps: eps, momentum: factor,
                reluAfter: relu)
            // backward through the batch statistics (the forward's, kept): gy → dx, dγ, dβ; with
            // the ReLU, its mask found again from x and the forward's β (a copy: SGD moves β)
            let beta = relu ? bias.copy() : nil
            return Autograd.record(y, relu ? typeName + "+ReLU" : typeName, module: self, inputs: [x, weight, bias]) { [weight, eps] gy in
                let g = try NormalizationBackward.batchNormTrain(x, gamma: weight, eps: eps, gradOutput: gy, statistics: statistics,
                                                                 reluAfter: beta)
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

// MARK: the fast path: folded into the convolution before it, else one per-channel affine step

extension BatchNorm2d: FastPathLowerable, ConvolutionFoldable {
    var foldedChannels: Int { features }

    /// W' = W·γ/√(σ² + ε) and b' = (b − μ)·γ/√(σ² + ε) + β, per output channel.
    func fold(weights w: inout [Float], bias b: inout [Float]) {
        let k = w.count / features
        for o in 0..<features {
            let s = weight[o] / (runningVar[o] + eps).squareRoot()
            for i in 0..<k { w[o * k + i] *= s }
            b[o] = (b[o] - runningMean[o]) * s + bias[o]
        }
    }

    func batchStatisticsStep(on slice: PlanSlice, relu: Bool) -> PlanOp {
        BatchNormTrainOp(label: path, slice: slice, norm: self, relu: relu)
    }

    /// Alone (no convolution before it), eval mode: y = x·s + (β − μ·s), s = γ/√(σ² + ε).
    func lower(_ input: PlanCompiler.Result, following: ArraySlice<Module>, into destination: PlanSlice?,
               _ compiler: inout PlanCompiler) throws -> PlanCompiler.Result {
        if compiler.training { throw FastPathUnsupported(reason: "a train-mode BatchNorm2d without a convolution before it (\(path))") }
        let s = try compiler.planes(input, self)
        let scale = (0..<features).map { weight[$0] / (runningVar[$0] + eps).squareRoot() }
        let shift = (0..<features).map { bias[$0] - runningMean[$0] * scale[$0] }
        let out = compiler.sameSizeOutput(s, destination)
        compiler.steps.append(ChannelAffineOp(label: path, kind: "BatchNorm2d", source: s, destination: out, scale: scale, shift: shift, relu: false))
        return .planes(out)
    }
}
