import Foundation
import InceptionRuntime

/// Element-wise functions of two broadcast tensors with a backward of their own, as PyTorch's
/// derivatives.yaml gives it: logaddexp, logaddexp2, fmax and fmin (a NaN loses), copysign,
/// heaviside (no gradient, as PyTorch's), xlogy; addcmul / addcdiv (and their in-place forms, which
/// optimizers use), signbit, logcumsumexp and take_along_dim. Each a tensor method and a torch
/// function.
extension Interpreter {
    /// name → (value, ∂/∂x, ∂/∂y from (x, y, out), grad_fn); ∂ nil: no gradient (PyTorch has none).
    private static let pairwise: [String: (f: @Sendable (Float, Float) -> Float, dx: (@Sendable (Float, Float, Float) -> Float)?,
                                           dy: (@Sendable (Float, Float, Float) -> Float)?, grad: String)] = [
        "logaddexp": ({ a, b in
            if a.isInfinite, a == b { return a }
            return max(a, b) + Float(Foundation.log1p(Foundation.exp(-Double(abs(a - b)))))
        }, { a, b, _ in 1 / (1 + Float(Foundation.exp(Double(b - a)))) }, { a, b, _ in 1 / (1 + Float(Foundation.exp(Double(a - b)))) }, "LogaddexpBackward0"),
        "logaddexp2": ({ a, b in
            if a.isInfinite, a == b { return a }
            return max(a, b) + Float(Foundation.log1p(Foundation.exp2(-Double(abs(a - b)))) / M_LN2)
        }, { a, b, _ in 1 / (1 + Float(Foundation.exp2(Double(b - a)))) }, { a, b, _ in 1 / (1 + Float(Foundation.exp2(Double(a - b)))) }, "Logaddexp2Backward0"),
        // a NaN loses to a number; ties share the gradient
        "fmax": ({ a, b in a.isNaN ? b : b.isNaN ? a : max(a, b) }, { a, b, _ in a == b ? 0.5 : a > b || b.isNaN ? 1 : 0 },
                 { a, b, _ in a == b ? 0.5 : a > b || b.isNaN ? 0 : 1 }, "FmaxBackward0"),
        "fmin": ({ a, b in a.isNaN ? b : b.isNaN ? a : min(a, b) }, { a, b, _ in a == b ? 0.5 : a < b || b.isNaN ? 1 : 0 },
                 { a, b, _ in a == b ? 0.5 : a < b || b.isNaN ? 0 : 1 }, "FminBackward0"),
        // ∂/∂x = out / x (0 where x is 0), none for y
        "copysign": ({ a, b in Float(sign: b.sign, exponentBitPattern: a.exponentBitPattern, significandBitPattern: a.significandBitPattern) },
                     { a, _, out in a == 0 ? 0 : out / a }, { _, _, _ in 0 }, "CopysignBackward0"),
        "heaviside": ({ a, b in a == 0 ? b : (a > 0 ? 1 : 0) }, nil, nil, "HeavisideBackward0"),
        // x · log y, 0 where x is 0 (unless y is NaN); ∂/∂x = log y (0 where x is 0 and y ≤ 0), ∂/∂y = x / y
        "xlogy": ({ a, b in b.isNaN ? .nan : a == 0 ? 0 : a * Float(Foundation.log(Double(b))) },
                  { a, b, _ in a == 0 && b <= 0 ? 0 : Float(Foundation.log(Double(b))) }, { a, b, _ in a / b }, "XlogyBackward0"),
    ]
    static let pairwiseMethodNames = ["logaddexp", "logaddexp2", "fmax", "fmin", "copysign", "heaviside", "xlogy", "addcmul", "addcdiv", "addcmul_", "addcdiv_",
                                      "signbit", "logcumsumexp", "take_along_dim"]
    static let pairwiseFunctionNames = ["logaddexp", "logaddexp2", "fmax", "fmin", "copysign", "heaviside", "xlogy", "addcmul", "addcdiv", "signbit",
                                        "logcumsumexp", "take_along_dim"]

    func pairwiseTensorMember(_ x: Tensor, _ name: String) throws -> Value? {
        func method(_ parameters: [(String, Value?)], _ body: @escaping (BoundArguments) throws -> Tensor) -> Value {
            .builtin(Builtin(name) { _, arguments in .tensor(try body(try Signature(name, parameters).bind(arguments))) })
        }
        if let entry = Self.pairwise[name] {
            return method([("other", nil)]) { a in
                let y = try a.operand("other")
                if name == "heaviside", TensorOps.dtype(x) != TensorOps.dtype(y) {
                    throw LanguageFailure("heaviside is not yet implemented for tensors with different dtypes.")
                }
                return try Self.pairwiseFloat(x, y, entry.f, entry.dx, entry.dy, entry.grad, keepDType: ["heaviside", "fmax", "fmin"].contains(name))
            }
        }
        switch name {
        case "addcmul", "addcdiv", "addcmul_", "addcdiv_":
            // x + value · t1 · t2 (or / t2), left to right as PyTorch's kernel
            let base = name.hasSuffix("_") ? String(name.dropLast()) : name
            return .builtin(Builtin(name) { [unowned self] _, arguments in
                let a = try Signature(name, [("tensor1", nil), ("tensor2", nil), ("value", .int(1))]).bind(arguments)
                let (t1, t2) = (try a.tensor("tensor1"), try a.tensor("tensor2"))
                let dtype = TensorOps.promote(TensorOps.promote(TensorOps.dtype(x), TensorOps.dtype(t1)), TensorOps.dtype(t2))
                var value = a["value"]
                if base == "addcdiv", TensorOps.dtype(t1) != .float32, TensorOps.dtype(t2) != .float32 {
                    throw LanguageFailure(Self.addcdivIntegerMessage, fix: "divide floats: tensor1.float()")
                }
                if dtype == .bool {
                    throw LanguageFailure("\"addcmul_cpu_out\" not implemented for 'Bool'", fix: "multiply numbers: x.long() or x.float()", as: .notImplementedError)
                }
                // an integer result takes value as its dtype does: 0.5 → 0
                if dtype != .float32, case .float(let v) = value { value = .int(Int(v.rounded(.towardZero))) }
                let scaled = try composed(value) * t1
                let product = base == "addcmul" ? try scaled * t2 : try scaled / t2
                let out = try (composed(x) + product).tensor
                if name.hasSuffix("_") { return .tensor(try writeInPlace(x, out, "\(name)()")) }
                out.gradNode?.displayName = base == "addcmul" ? "AddcmulBackward0" : "AddcdivBackward0"
                return .tensor(out)
            })
        case "signbit":
            return method([]) { _ in TensorOps.map(x, .bool) { $0.sign == .minus ? 1 : 0 } }
        case "logcumsumexp":
            return method([("dim", nil)]) { a in try Self.logCumulativeSumExp(x, dim: try a.int("dim")) }
        case "take_along_dim":
            return method([("indices", nil), ("dim", Value.none)]) { [unowned self] a in
                let indices = try a.tensor("indices")
                guard let dim = try a.optionalInt("dim") else {
                    // along the flattened input
                    return try composed(x).call("reshape", -1).call("gather", 0, try composed(indices).call("reshape", -1)).tensor
                }
                guard x.rank == indices.rank else {
                    throw LanguageFailure("torch.take_along_dim(): input and indices should have the same number of dimensions, but got \(x.rank) dimensions for input, and \(indices.rank) dimensions for indices")
                }
                // both broadcast over every dim but `dim`, then gathered along it
                let d = try TensorOps.dim(dim, rank: x.rank)
                guard x.rank > 0 else { throw LanguageFailure("Dimension specified as \(d) but tensor has no dimensions", as: .indexError) }
                var inputShape = x.shape, indexShape = indices.shape
                inputShape[d] = 1; indexShape[d] = 1
                let common = try TensorOps.broadcastShape(inputShape, indexShape)
                var xs = common, ids = common
                xs[d] = x.shape[d]; ids[d] = indices.shape[d]
                let expandedX = try composed(x).call("expand", Value.tuple(xs.map { .int($0) }))
                let expandedIndices = try composed(indices).call("expand", Value.tuple(ids.map { .int($0) }))
                return try expandedX.call("gather", d, expandedIndices).tensor
            }
        default: return nil
        }
    }

    static let addcdivIntegerMessage = "Integer division with addcdiv is no longer supported, and in a future  release addcdiv will perform a true division of tensor1 and tensor2. The historic addcdiv behavior can be implemented as (input + value * torch.trunc(tensor1 / tensor2)).to(input.dtype) for integer inputs and as (input + value * tensor1 / tensor2) for float inputs. The future addcdiv behavior is just the latter implementation: (input + value * tensor1 / tensor2), for all dtypes."

    /// f of x and y broadcast, recorded with ∂/∂x and ∂/∂y summed back over broadcast dims.
    static func pairwiseFloat(_ x: Tensor, _ y: Tensor, _ f: (Float, Float) -> Float, _ dx: (@Sendable (Float, Float, Float) -> Float)?,
                              _ dy: (@Sendable (Float, Float, Float) -> Float)?, _ grad: String, keepDType: Bool = false) throws -> Tensor {
        let shape = try TensorOps.broadcastShape(x.shape, y.shape)
        let dtype = keepDType ? TensorOps.promote(TensorOps.dtype(x), TensorOps.dtype(y)) : .float32
        if x.isMeta || y.isMeta { return Tensor(meta: shape) }
        let ox = TensorOps.offsets(shape, TensorOps.broadcastStrides(x.shape, to: shape))
        let oy = TensorOps.offsets(shape, TensorOps.broadcastStrides(y.shape, to: shape))
        let out = TensorOps.make(shape, dtype) { p in for i in 0..<ox.count { p[i] = f(x.data[ox[i]], y.data[oy[i]]) } }
        guard dtype == .float32 else { return out }
        guard let dx, let dy else {
            // PyTorch has no derivative (heaviside): recorded, refused when a backward reaches it
            let refused = Autograd.record(out, grad, inputs: [x, y]) { _ in
                throw LanguageFailure("derivative for aten::\(grad.replacingOccurrences(of: "Backward0", with: "").lowercased()) is not implemented")
            }
            refused.gradNode?.displayName = "NotImplemented"
            return refused
        }
        let recorded = Autograd.record(out, grad, inputs: [x, y]) { [out] g in
            let (gx, gy) = (Tensor(zeros: x.shape), Tensor(zeros: y.shape))
            for i in 0..<g.count {
                let (a, b, o) = (x.data[ox[i]], y.data[oy[i]], out.data[i])
                gx.data[ox[i]] += g.data[i] * dx(a, b, o)
                gy.data[oy[i]] += g.data[i] * dy(a, b, o)
            }
            return [gx, gy]
        }
        recorded.gradNode?.displayName = grad
        return recorded
    }

    /// log Σ_{j ≤ i} e^{x_j} along dim, accumulated in double; backward: g_j = Σ_{i ≥ j} g_i · e^{x_j − out_i}.
    static func logCumulativeSumExp(_ x: Tensor, dim: Int) throws -> Tensor {
        guard TensorOps.dtype(x) == .float32 else {
            throw LanguageFailure("\"logcumsumexp_out_cpu\" not implemented for '\(TensorOps.dtype(x).scalarName)'", as: .notImplementedError)
        }
        let d = try TensorOps.dim(dim, rank: max(x.rank, 1))
        let shape = x.rank == 0 ? [1] : x.shape
        let size = shape[d], inner = shape[(d + 1)...].reduce(1, *), outer = shape[..<d].reduce(1, *)
        if x.isMeta { return Tensor(meta: x.shape) }
        let out = TensorOps.make(x.shape) { p in
            for o in 0..<outer { for i in 0..<inner {
                var running = -Double.infinity
                for j in 0..<size {
                    let k = (o * size + j) * inner + i, v = Double(x.data[k])
                    let m = max(running, v)
                    running = m == -.infinity ? -.infinity : m + Foundation.log(Foundation.exp(running - m) + Foundation.exp(v - m))
                    p[k] = Float(running)
                }
            } }
        }
        let recorded = Autograd.record(out, "logcumsumexp", inputs: [x]) { [out] g in
            let gx = Tensor(zeros: x.shape)
            for o in 0..<outer { for i in 0..<inner { for j in 0..<size {
                var total = 0.0
                let kj = (o * size + j) * inner + i
                for later in j..<size {
                    let ki = (o * size + later) * inner + i
                    total += Double(g.data[ki]) * Foundation.exp(Double(x.data[kj]) - Double(out.data[ki]))
                }
                gx.data[kj] = Float(total)
            } } }
            return [gx]
        }
        recorded.gradNode?.displayName = "LogcumsumexpBackward0"
        return recorded
    }
}
