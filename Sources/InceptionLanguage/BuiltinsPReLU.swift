import InceptionRuntime

/// nn.PReLU and F.prelu: y = x where x > 0, else w·x, with one learned slope for all channels or
/// one per channel (dim 1); PyTorch's init (0.25), repr, message and PreluKernelBackward0:
///   dx = g · (x > 0 ? 1 : w_c),   dw_c = Σ g · (x > 0 ? 0 : x)
extension Interpreter {
    func preluBuiltins() -> (layer: Value, functional: Value) {
        let layer = Self.builtin(Signature("PReLU", [("num_parameters", .int(1)), ("init", .float(0.25)), ("device", Value.none), ("dtype", Value.none)])) { _, a in
            try Self.requireCPUArgument(a["device"])
            let count = try a.int("num_parameters")
            guard count > 0 else { throw LanguageFailure("PReLU: num_parameters must be positive, got \(count)") }
            try MemoryBudget.check(shape: [count], what: "PReLU's weight")
            let m = Block(typeName: "PReLU", forward: .custom { block, x, _ in
                guard let weight = block.parameters.first(where: { $0.name == "weight" })?.tensor else { throw LanguageFailure("PReLU has no weight") }
                return try Self.prelu(x, weight)
            })
            m.registerParameter("weight", Tensor(repeating: Float(try a.double("init")), shape: [count]))
            m.setTraining(true)
            TensorKinds.shared.setArguments(m, "num_parameters=\(count)")
            return .module(m)
        }
        let functional = Self.builtin(Signature("prelu", [("input", nil), ("weight", nil)])) { _, a in
            .tensor(try Self.prelu(try a.tensor("input"), try a.tensor("weight")))
        }
        return (layer, functional)
    }

    // x: (N, C, …) or any shape with one slope; weight: (1) or (C) → x's shape
    static func prelu(_ x: Tensor, _ weight: Tensor) throws -> Tensor {
        let channels = x.rank >= 2 ? x.shape[1] : 1
        guard weight.count == 1 || weight.count == channels else {
            throw LanguageFailure("Mismatch of parameter numbers and input channel size. Found parameter numbers = \(weight.count) and channel size = \(channels).")
        }
        // PyTorch's checks: one dtype for both, then a kernel for it (floats only)
        let (dx, dw) = (TensorOps.dtype(x), TensorOps.dtype(weight))
        guard dx == dw else { throw LanguageFailure("prelu: Type promoting not supported. Got \(dx.scalarName) and \(dw.scalarName)", fix: "convert the input first: x.float()") }
        guard dx == .float32 else { throw LanguageFailure("\"prelu_cpu\" not implemented for '\(dx.scalarName)'", fix: "convert both to float", as: .notImplementedError) }
        if x.isMeta { return Tensor(meta: x.shape) }
        let inner = x.rank >= 2 ? x.shape[2...].reduce(1, *) : 1
        func slope(_ i: Int) -> Int { weight.count == 1 ? 0 : (i / inner) % channels }
        let out = TensorOps.make(x.shape) { p in for i in 0..<x.count { p[i] = x.data[i] > 0 ? x.data[i] : weight.data[slope(i)] * x.data[i] } }
        return Autograd.record(out, "prelu", inputs: [x, weight]) { g in
            let (dx, dw) = (Tensor(zeros: x.shape), Tensor(zeros: weight.shape))
            for i in 0..<x.count {
                let positive = x.data[i] > 0
                dx.data[i] = positive ? g.data[i] : weight.data[slope(i)] * g.data[i]
                if !positive { dw.data[slope(i)] += g.data[i] * x.data[i] }
            }
            return [dx, dw]
        }
    }
}
