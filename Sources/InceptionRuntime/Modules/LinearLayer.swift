/// nn.Linear(in_features, out_features, bias=True)
public final class Linear: Module {
    public let inFeatures: Int, outFeatures: Int
    /// (out, in): read from the parameters, so a weight assigned later (a tied one) is the one used
    public var weight: Tensor { parameters.first { $0.name == "weight" }!.tensor }
    public var bias: Tensor? { parameters.first { $0.name == "bias" }?.tensor }       // (out)

    public init(_ inFeatures: Int, _ outFeatures: Int, bias: Bool = true) throws {
        guard inFeatures > 0, outFeatures > 0 else {
            throw TensorError.invalidArgument("Linear needs positive sizes, got in=\(inFeatures), out=\(outFeatures)")
        }
        try MemoryBudget.check(shape: [outFeatures, inFeatures], what: "Linear's weight")
        self.inFeatures = inFeatures; self.outFeatures = outFeatures
        let weight = ParameterInit.fanInUniform([outFeatures, inFeatures], fanIn: inFeatures)
        let bias = bias ? ParameterInit.fanInUniform([outFeatures], fanIn: inFeatures, isBias: true) : nil
        super.init(typeName: "Linear")
        registerParameter("weight", weight)
        if let bias { registerParameter("bias", bias) }
    }

    public override var arguments: String { "in_features=\(inFeatures), out_features=\(outFeatures), bias=\(bias == nil ? "False" : "True")" }

    // x: (N, in) → (N, out); (…, in) → (…, out) for any other rank, as PyTorch applies it to the last dimension
    public override func outputShape(for input: [Int]) throws -> [Int] {
        guard !input.isEmpty else { throw TensorError.shapeMismatch("both arguments to linear need to be at least 1D, but they are 0D and 2D") }
        guard input.last == inFeatures else {
            throw TensorError.linearFeatures(input: input, inFeatures: inFeatures, outFeatures: outFeatures, hasBias: bias != nil)
        }
        if input.count != 2 { return input.dropLast() + [outFeatures] }
        return [input[0], outFeatures]
    }

    public override func forward(_ x: Tensor, _ context: ExecutionContext) throws -> Tensor {
        let shape = try outputShape(for: x.shape)
        if x.isMeta { return Tensor(meta: shape) }
        if x.rank != 2 {
            // (…, in) seen as rows (M, in), multiplied, and seen as (…, out) again (PyTorch's UnsafeViewBackward0)
            let rows = try x.reshaped([x.count / inFeatures, inFeatures])
            let y = try forward(rows, context).reshaped(shape)
            y.gradNode?.displayName = "UnsafeViewBackward0"
            return y
        }
        let (weight, bias) = (self.weight, self.bias)
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

    // MARK: what it says about itself (see Module)

    /// C_in·C_out, each weight used once per image.
    public override var paperWeightFactors: [Int]? { [inFeatures, outFeatures] }
    public override func paperRow(input: [Int]) -> PaperRowName? { PaperRowName(type: "linear") }
    /// After a flatten, every output reads every position of the map (the aux heads' first
    /// Linear reads all 4×4); on a 1×1 map it changes nothing.
    public override func receptiveStep(inputSize size: Int) -> ReceptiveStep? {
        size > 1 ? ReceptiveStep(kernel: size, stride: size, outputSize: 1, note: "all \(size)×\(size)") : nil
    }
}

// MARK: the fast path: a GEMM on (N, features), or on (C, N, 1, 1) planes read as (C, N)

extension Linear: FastPathLowerable {
    func lower(_ input: PlanCompiler.Result, following: ArraySlice<Module>, into destination: PlanSlice?,
               _ compiler: inout PlanCompiler) throws -> PlanCompiler.Result {
        if case .matrix(let x) = input {
            guard x.shape[1] == inFeatures else {
                throw FastPathUnsupported(reason: "Linear(\(inFeatures), …) on \(x.shape[1]) features")
            }
            let op = MatrixLinearOp(label: path, input: x, weight: weight, bias: bias)
            compiler.steps.append(op)
            return .matrix(op.output)
        }
        let s = try compiler.planes(input, self)
        guard s.height == 1, s.width == 1, s.channels == inFeatures else {
            throw FastPathUnsupported(reason: "Linear on a \(formatShape(s.shape)) input")
        }
        let op = LinearOp(label: path, source: s, weight: weight, bias: bias)
        compiler.steps.append(op)
        return .matrix(op.output)
    }
}
