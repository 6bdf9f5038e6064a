import InceptionRuntime

/// The matrix products PyTorch composes from others, composed here the same way (so their
/// gradients come from the steps'): torch.inner, vdot, chain_matmul, addbmm, logdet, slogdet;
/// torch.linalg.multi_dot and slogdet; and nn.CosineSimilarity / nn.PairwiseDistance, modules
/// that call the functional forms with their options.
extension Interpreter {
    func matrixProductBuiltins() -> [String: Value] {
        var t: [String: Value] = [:]
        // inner(a, b): the sum over both last dims, shape a.shape[:-1] + b.shape[:-1]
        t["inner"] = Self.builtin(Signature("inner", [("input", nil), ("other", nil)])) { [unowned self] _, a in
            let (x, y) = (try a.tensor("input"), try a.tensor("other"))
            if x.rank == 0 || y.rank == 0 { return try binary(.multiply, .tensor(x), .tensor(y)) }
            guard x.shape.last == y.shape.last else {
                throw LanguageFailure("inner() the last dimension must match on both input tensors but got shapes \(Value.size(x.shape).repr.dropFirst(11).dropLast(1)) and \(Value.size(y.shape).repr.dropFirst(11).dropLast(1))")
            }
            return try torchFunction("tensordot", x, y, keywords: [("dims", Value.tuple([.list(ListStorage([.int(-1)])), .list(ListStorage([.int(-1)]))]))]).value
        }
        // vdot: dot (for real tensors the conjugate changes nothing)
        t["vdot"] = Self.builtin(Signature("vdot", [("input", nil), ("other", nil)])) { [unowned self] _, a in
            try torchFunction("dot", try a.tensor("input"), try a.tensor("other")).value
        }
        t["chain_matmul"] = .builtin(Builtin("chain_matmul") { [unowned self] _, arguments in
            try multiDot(arguments.positional, "chain_matmul")
        })
        // addbmm: beta·input + alpha·Σ_b batch1[b] @ batch2[b]
        t["addbmm"] = Self.builtin(Signature("addbmm", [("input", nil), ("batch1", nil), ("batch2", nil), ("beta", .int(1)), ("alpha", .int(1))])) { [unowned self] _, a in
            let (b1, b2) = (try a.tensor("batch1"), try a.tensor("batch2"))
            guard b1.rank == 3 else { throw LanguageFailure("batch1 must be a 3D tensor") }
            guard b2.rank == 3 else { throw LanguageFailure("batch2 must be a 3D tensor") }
            let summed = try composed(b1).call("bmm", b2).call("sum", 0)
            return try (composed(a["input"]).call("mul", a["beta"]) + summed.call("mul", a["alpha"])).named("AddbmmBackward0").value
        }
        t["logdet"] = Self.builtin(Signature("logdet", [("input", nil)])) { [unowned self] _, a in
            // log det: NaN for a negative determinant, −inf for zero, as PyTorch
            try composed(try a.tensor("input")).call("det").call("log").value
        }
        t["slogdet"] = Self.builtin(Signature("slogdet", [("input", nil)])) { [unowned self] _, a in
            try signAndLogDeterminant(try a.tensor("input"), "torch.return_types.slogdet")
        }
        return t
    }

    func linalgProductBuiltins() -> [String: Value] {
        [
            "multi_dot": Self.builtin(Signature("multi_dot", [("tensors", nil)])) { [unowned self] _, a in
                try multiDot(try iterationItems(a["tensors"]), "linalg.multi_dot")
            },
            "slogdet": Self.builtin(Signature("slogdet", [("A", nil)])) { [unowned self] _, a in
                try signAndLogDeterminant(try a.tensor("A"), "torch.return_types.linalg_slogdet")
            },
        ]
    }

    /// m₁ @ m₂ @ … left to right (PyTorch picks the cheapest order; the values agree to rounding),
    /// after PyTorch's checks in its order: chain_matmul's (matrices only, one is its own product),
    /// then multi_dot's (the ends 1-D or 2-D, the rest 2-D, one dtype, neighbours that multiply).
    private func multiDot(_ items: [Value], _ name: String) throws -> Value {
        let matrices = try items.map { v -> Tensor in
            guard case .tensor(let t) = v else { throw LanguageFailure("\(name)(): expected a list of tensors, got \(v.typeName)", as: .typeError) }
            return t
        }
        if name == "chain_matmul" {
            guard !matrices.isEmpty else { throw LanguageFailure("chain_matmul(): Expected one or more matrices") }
            if let odd = matrices.first(where: { $0.rank != 2 }) { throw LanguageFailure("Tensor dimension is \(odd.rank), expected 2 instead.") }
            if matrices.count == 1 { return composed(matrices[0]).value }
        }
        try Self.checkMultiDot(matrices)
        var product = composed(matrices[0])
        for m in matrices.dropFirst() { product = try product.call("matmul", m) }
        return product.value
    }

    /// linalg.multi_dot's checks, worded as PyTorch's (sizes as the tensors have them).
    static func checkMultiDot(_ m: [Tensor]) throws {
        let n = m.count
        guard n >= 2 else { throw LanguageFailure("multi_dot(): expected at least 2 tensors but got \(n)") }
        for (i, end) in [(0, "first"), (n - 1, "last")] where ![1, 2].contains(m[i].rank) {
            throw LanguageFailure("multi_dot(): the \(end) tensor must be 1D or 2D but got \(m[i].rank)D")
        }
        for i in 1..<(n - 1) where m[i].rank != 2 { throw LanguageFailure("multi_dot(): tensor \(i) must be 2D but got \(m[i].rank)D") }
        let dtypes = m.map(TensorOps.dtype)
        if let i = dtypes.firstIndex(where: { $0 != dtypes[0] }) {
            throw LanguageFailure("multi_dot(): all tensors must have be the same dtype but tensor 0 is \(Self.cppTypeName(dtypes[0])) and tensor \(i) \(Self.cppTypeName(dtypes[i]))")
        }
        for i in 0..<(n - 1) where m[i].shape.last != m[i + 1].shape.first {
            throw LanguageFailure("multi_dot(): tensors \(i) and \(i + 1) with shapes \(m[i].shape) and \(m[i + 1].shape) cannot be multiplied")
        }
    }

    /// (sign of det, log |det|), as torch.slogdet gives them.
    private func signAndLogDeterminant(_ x: Tensor, _ typeName: String) throws -> Value {
        let det = try composed(x).call("det")
        let sign = try det.call("sign").call("detach")
        let logAbs = try det.call("abs").call("log")
        return .object(NamedTuple(typeName: typeName, names: ["sign", "logabsdet"], values: [sign.value, logAbs.value]))
    }

    /// nn.CosineSimilarity(dim, eps) and nn.PairwiseDistance(p, eps, keepdim): their options
    /// kept, the functional form called with them on (x1, x2).
    func distanceModules(_ functional: Namespace) -> [String: Value] {
        let modules: [(String, String, [(String, Value?)])] = [
            ("CosineSimilarity", "cosine_similarity", [("dim", .int(1)), ("eps", .float(1e-8))]),
            ("PairwiseDistance", "pairwise_distance", [("p", .float(2)), ("eps", .float(1e-6)), ("keepdim", .bool(false))]),
        ]
        var t: [String: Value] = [:]
        for (name, function, parameters) in modules {
            t[name] = Self.builtin(Signature(name, parameters)) { _, a in
                let options = parameters.map { ($0.0, a[$0.0]) }
                let module = ClosureObject(typeName: name, repr: { "\(name)()" })
                module.call = { interpreter, call in
                    guard call.positional.count == 2, call.keywords.isEmpty else {
                        throw LanguageFailure("\(name).forward() takes x1 and x2", as: .typeError)
                    }
                    guard let f = functional.members[function] else { throw LanguageFailure("torch.nn.functional.\(function) is not defined") }
                    return try interpreter.callBack(f, Arguments(call.positional, keywords: options))
                }
                return .object(module)
            }
        }
        return t
    }
}
