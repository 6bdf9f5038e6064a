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
        self.bias = bias ? ParameterInit.fanInUniform([outChannels], fanIn: fanIn, isBias: true) : nil
        super.init(typeName: "Conv2d")
        unbatchedRank = 3
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
            throw TensorError.convolutionRank(input)
        }
        guard input[1] == inChannels else {
            throw TensorError.convolutionChannels(weight: weight.shape, input: input)
        }
        let (ho, wo) = window.outputSize(height: input[2], width: input[3])
        guard ho > 0, wo > 0 else {
            throw TensorError.kernelLargerThanInput(window, height: input[2], width: input[3])
        }
        return [input[0], outChannels, ho, wo]
    }

    public override func forward(_ x: Tensor, _ context: ExecutionContext) throws -> Tensor {
        let shape = try outputShape(for: x.shape)
        if x.isMeta { return Tensor(meta: shape) }
        return try Autograd.conv2d(x, weight: weight, bias: bias, window: window, workspace: context.workspace, module: self)
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

    // MARK: what it says about itself (see Module)

    public override var slidingWindow: Window2d? { window }
    public override var convolutionKernel: (h: Int, w: Int)? { window.kernel }
    /// k·k·C_in·C_out, each weight used at every output position.
    public override var paperWeightFactors: [Int]? { [window.kernel.h, window.kernel.w, inChannels, outChannels] }
    public override func paperRow(input: [Int]) -> PaperRowName? { PaperRowName(type: "convolution", patch: window.patchText) }
    /// "conv 3×3 p1 → 128"
    public override var diagramBox: DiagramBox? {
        let k = window.kernel.h
        return DiagramBox(label: "conv \(k)×\(k)" + (window.padding.h > 0 ? " p\(window.padding.h)" : "") + " → \(outChannels)",
                          channels: (inChannels, outChannels))
    }
}

// MARK: the fast path: one fused step with the BatchNorm2d and ReLU after it (see ConvChain)

extension Conv2d: FastPathLowerable {
    func convolutionChain(_ following: ArraySlice<Module>) -> ConvChain? { ConvChain(self, following: following) }
    func fusedSuccessors(_ following: ArraySlice<Module>) -> Int { ConvChain(self, following: following).length - 1 }
    func lower(_ input: PlanCompiler.Result, following: ArraySlice<Module>, into destination: PlanSlice?,
               _ compiler: inout PlanCompiler) throws -> PlanCompiler.Result {
        .planes(try compiler.emitConv(ConvChain(self, following: following), try compiler.planes(input, self), into: destination))
    }
}
