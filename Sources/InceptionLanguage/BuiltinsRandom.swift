import InceptionRuntime

/// torch's random functions beyond randn/rand/randint: each draws from the process's default
/// generator (`DefaultGenerator`, PyTorch's stream after `torch.manual_seed`), or from the
/// torch.Generator given as `generator=`, as PyTorch's CPU kernel for it does, so a program
/// gets PyTorch's numbers.
extension Interpreter {
    /// Bernoulli draws of `shape`, one float 0 or 1 each: with one probability p for all, a double
    /// uniform below p (bernoulli_(p)); with a tensor of probabilities (broadcast to `shape`), a
    /// float uniform below each element's probability, as PyTorch's CPU kernels draw them.
    static func bernoulliDraws(shape: [Int], probability: Value, generator: Value) throws -> Tensor {
        if let p = probability.asDouble, probability.asTensor == nil {
            guard (0...1).contains(p) else { throw LanguageFailure("bernoulli_ expects p to be in [0, 1], but got p=\(p)") }
            return try drawn(shape, from: generator, "bernoulli") { g, out, n in for i in 0..<n { out[i] = g.bernoulli(p) ? 1 : 0 } }
        }
        guard let p = probability.asTensor else {
            throw LanguageFailure("bernoulli(): p must be a float or a tensor, got \(probability.typeName)", as: .typeError)
        }
        guard try TensorOps.broadcastShape(shape, p.shape) == shape else {
            throw LanguageFailure("bernoulli(): the probabilities' shape \(formatShape(p.shape)) does not broadcast to \(formatShape(shape))")
        }
        let probabilities = TensorOps.expand(p, to: shape)
        guard probabilities.allSatisfy({ (0...1).contains($0) }) else {
            throw LanguageFailure("Expected p_in >= 0 && p_in <= 1 to be true, but got false.", fix: "bernoulli() takes probabilities in [0, 1]")
        }
        return try drawn(shape, from: generator, "bernoulli") { g, out, n in for i in 0..<n { out[i] = g.uniformFloat(0, 1) < probabilities[i] ? 1 : 0 } }
    }

    func randomBuiltins() -> [String: Value] {
        var t: [String: Value] = [:]
        // randperm(n): 0..<n shuffled, int64
        t["randperm"] = Self.builtin(Signature("randperm", [("n", nil), ("dtype", Value.none), ("device", Value.none), ("requires_grad", .bool(false)), ("generator", Value.none)])) { _, a in
            try Self.requireCPUArgument(a["device"])
            let n = try a.int("n")
            try BoundArguments.requireNonNegative([n])
            try MemoryBudget.check(shape: [n], what: "randperm()")
            let order = try Self.drawing(from: a["generator"], "randperm") { $0.permutation(n) }
            let x = TensorKinds.shared.setDType(TensorOps.make([n]) { p in for i in 0..<n { p[i] = Float(order[i]) } }, .int64)
            let d = try Self.dtypeArgument(a) ?? .int64
            return .tensor(d == .int64 ? x : TensorOps.converted(x, to: d))
        }
        // bernoulli(input): 1 where a float uniform falls below the element's probability;
        // bernoulli(input, p): one probability for all (a double uniform below p, as bernoulli_(p))
        t["bernoulli"] = Self.builtin(Signature("bernoulli", [("input", nil), ("p", Value.none), ("generator", Value.none)])) { _, a in
            let x = try a.tensor("input")
            return .tensor(try Self.bernoulliDraws(shape: x.shape, probability: a["p"].isNone ? .tensor(x) : a["p"], generator: a["generator"]))
        }
        // normal(mean, std, size): float mean and std; normal(mean_tensor, std) / normal(mean, std_tensor):
        // standard normals of the broadcast shape, times std, plus mean (as PyTorch's normal_out)
        // (the float form takes a tensor constructor's options: `requires_grad=True` makes a leaf)
        t["normal"] = Self.builtin(Signature("normal", [("mean", .float(0)), ("std", .float(1)), ("size", Value.none), ("generator", Value.none),
                                                        ("dtype", Value.none), ("device", Value.none), ("requires_grad", .bool(false))])) { interpreter, a in
            if a["mean"].asTensor == nil && a["std"].asTensor == nil {
                try Self.requireCPUArgument(a["device"])
                if let d = try Self.dtypeArgument(a), d != .float32 {
                    throw LanguageFailure("\"normal_kernel_cpu\" not implemented for '\(d.scalarName)'")
                }
                guard let dims = a["size"].sequenceItems()?.compactMap(\.asInt) else {
                    throw LanguageFailure("normal() with float mean and std needs a size", fix: "e.g. torch.normal(0.0, 1.0, size=(2, 3))")
                }
                try MemoryBudget.check(shape: dims, what: "normal()")
                let (mean, std) = (try a.double("mean"), try a.double("std"))
                guard std >= 0 else { throw LanguageFailure("normal expects std >= 0.0, but found std \(std)") }
                let x = try Self.drawn(dims, from: a["generator"], "normal") { $0.fillNormal($1, count: $2, mean: mean, std: std) }
                if try a.bool("requires_grad") { try Self.requiresGradHook?(x) }
                return .tensor(x)
            }
            guard a["dtype"].isNone, a["device"].isNone, try !a.bool("requires_grad") else {
                throw LanguageFailure("normal() received an invalid combination of arguments: dtype, device and requires_grad go with a float mean and std and a size",
                                      as: .typeError)
            }
            let mean = try a.operand("mean"), std = try a.operand("std")
            let shape = try TensorOps.broadcastShape(mean.shape, std.shape)
            let z = try Self.drawn(shape, from: a["generator"], "normal") { $0.fillNormal($1, count: $2, mean: 0, std: 1) }
            let (m, s) = (TensorOps.expand(mean, to: shape), TensorOps.expand(std, to: shape))
            return .tensor(TensorOps.make(shape) { p in for i in 0..<z.count { p[i] = z.data[i] * s[i] + m[i] } })
        }
        t["multinomial"] = multinomialFunction
        t["initial_seed"] = Self.builtin(Signature("initial_seed", [])) { _, _ in .int(Int(truncatingIfNeeded: DefaultGenerator.draw { $0.seed })) }
        t["seed"] = Self.builtin(Signature("seed", [])) { _, _ in
            throw LanguageFailure("torch.seed() seeds from the clock, so runs would differ", fix: "use torch.manual_seed(n)")
        }
        return t
    }
}
