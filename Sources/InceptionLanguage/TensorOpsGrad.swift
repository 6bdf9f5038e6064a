import Foundation
import InceptionRuntime

/// Backward of the language's tensor operations (TensorOps), recorded when an input requires
/// a gradient. Operations without a backward here are caught by `Interpreter.guardGradient`,
/// so a gradient is never silently dropped.
enum TensorOpsGrad {
    /// out[i] = x[offsets[i]] (indexing, permute, expand, padding, where an offset of −1 is a
    /// constant): the backward scatter-adds.
    // x: any shape → out: offsets.count values
    static func gather(_ out: Tensor, from x: Tensor, offsets: [Int], label: String) -> Tensor {
        Autograd.record(out, label, inputs: [x]) { gy in
            let g = Tensor(zeros: x.shape)
            for i in 0..<offsets.count where offsets[i] >= 0 { g.data[offsets[i]] += gy.data[i] }
            return [g]
        }
    }

    /// out (shape, x's dtype) with out[i] = x[offsets[i]], 0 where the offset is −1, recorded with
    /// the scatter as its backward: what every picking operation (tril, index_select, unfold, a
    /// grouped convolution's slices, …) computes.
    static func picked(_ x: Tensor, offsets: [Int], shape: [Int], label: String) -> Tensor {
        let out = TensorOps.make(shape, TensorOps.dtype(x)) { p in for (i, o) in offsets.enumerated() { p[i] = o >= 0 ? x.data[o] : 0 } }
        return gather(out, from: x, offsets: offsets, label: label)
    }

    /// out = x ∘ y with broadcasting: element i read x[ox(i)] and y[oy(i)].
    static func binary(_ op: BinaryOperator, _ x: Tensor, _ y: Tensor, _ out: Tensor,
                       ox: @escaping (Int) -> Int, oy: @escaping (Int) -> Int) -> Tensor {
        guard [.add, .subtract, .multiply, .divide, .power, .remainder].contains(op) else { return out }
        return Autograd.record(out, op.gradLabel, inputs: [x, y]) { gy in
            // An input as large as the output (not broadcast) takes each value as computed, so a −0
            // stays −0 as in PyTorch (0 + −0 would be +0); a broadcast one gets the output-sized
            // gradient summed over its broadcast dims, as PyTorch's sum_to adds it.
            let (xWhole, yWhole) = (x.count == gy.count, y.count == gy.count)
            let gx = Tensor(zeros: xWhole ? x.shape : gy.shape), gyy = Tensor(zeros: yWhole ? y.shape : gy.shape)
            for i in 0..<gy.count {
                let (ix, iy) = (ox(i), oy(i))
                let a = x.data[ix], b = y.data[iy], g = gy.data[i]
                let (dx, dy): (Float, Float)
                switch op {
                case .add: (dx, dy) = (g, g)
                case .subtract: (dx, dy) = (g, -g)
                case .multiply: (dx, dy) = (g * b, g * a)
                case .divide: (dx, dy) = (g / b, -g * ((a / b) / b))    // div_tensor_other_backward's order
                case .remainder: (dx, dy) = (g, -g * (a / b).rounded(.down))
                default:
                    // PyTorch's pow_backward: 0 for a zero exponent; g·(p·log a) for the exponent,
                    // 0 where a = 0 and b ≥ 0, NaN for a negative base (log of it)
                    let p = Float(Foundation.pow(Double(a), Double(b)))
                    dx = b == 0 ? 0 : g * (b * Float(Foundation.pow(Double(a), Double(b - 1))))
                    dy = a == 0 && b >= 0 ? 0 : g * (p * Foundation.log(a))
                }
                if xWhole { gx.data[ix] = dx } else { gx.data[i] = dx }
                if yWhole { gyy.data[iy] = dy } else { gyy.data[i] = dy }
            }
            return [xWhole ? gx : summed(gx, to: x.shape), yWhole ? gyy : summed(gyy, to: y.shape)]
        }
    }

    /// torch.where(condition, x, y) (out's shape, condition expanded to it): the gradient goes to x
    /// where the condition holds and to y elsewhere, each summed back over its broadcast dims.
    static func selected(_ out: Tensor, _ x: Tensor, _ y: Tensor, condition: [Float]) -> Tensor {
        return Autograd.record(out, "where", inputs: [x, y]) { gy in
            let gx = Tensor(zeros: gy.shape), gyy = Tensor(zeros: gy.shape)
            for i in 0..<gy.count {
                if condition[i] != 0 { gx.data[i] = gy.data[i] } else { gyy.data[i] = gy.data[i] }
            }
            return [x.shape == gy.shape ? gx : summed(gx, to: x.shape), y.shape == gy.shape ? gyy : summed(gyy, to: y.shape)]
        }
    }

    /// PyTorch's sum_to: an output-sized gradient summed over the dims `shape` was broadcast along
    /// (the leading ones it lacks and its size-1 ones), in PyTorch's order of additions.
    // full: (broadcast shape) → shape
    static func summed(_ full: Tensor, to shape: [Int]) -> Tensor {
        let lead = full.rank - shape.count
        let dims = Set(full.shape.indices.filter { $0 < lead || (shape[$0 - lead] == 1 && full.shape[$0] != 1) })
        let g = Tensor(zeros: shape)
        let sums = CascadeSum.sum(full.data, shape: full.shape, reduced: dims)
        g.data.update(from: sums, count: min(sums.count, g.count))
        return g
    }

    /// out = f(x) element-wise, with f′ given as a function of x and f(x). `masked`: where f′ is 0
    /// the gradient is +0, not gy · 0 (−0 for a negative gy), as PyTorch's backwards that select
    /// rather than multiply give it (threshold_backward for relu, hardtanh_backward, clamp's, zeros_like).
    static func unary(_ x: Tensor, _ out: Tensor, _ label: String, masked: Bool = false, derivative: @escaping (Float, Float) -> Float) -> Tensor {
        Autograd.record(out, label, inputs: [x]) { [weak out] gy in
            guard let out else { throw TensorError.invalidArgument("\(label) backward: its output is gone") }
            let g = Tensor(zeros: x.shape)
            for i in 0..<x.count {
                let d = derivative(x.data[i], out.data[i])
                g.data[i] = masked && d == 0 ? 0 : gy.data[i] * d
            }
            return [g]
        }
    }

    /// sum or mean over the groups `target[i]` of x (n values per group).
    static func reduction(_ x: Tensor, _ out: Tensor, mean: Bool, target: [Int], n: Int) -> Tensor {
        Autograd.record(out, mean ? "mean" : "sum", inputs: [x]) { gy in
            let g = Tensor(zeros: x.shape)
            // mean_backward divides by the count (a product with 1/n can differ in the last bit)
            if mean { for i in 0..<x.count { g.data[i] = gy.data[target[i]] / Float(n) } }
            else { for i in 0..<x.count { g.data[i] = gy.data[target[i]] } }
            return [g]
        }
    }

    /// amax / amin over the groups `target[i]` of x, and max() / min() / median() of everything:
    /// the gradient shared evenly by the elements equal to the group's result.
    /// - `evenly` (max(), min(), median(): evenly_distribute_backward): NaN results count their
    ///   NaN inputs as equal; the others get +0 (a masked fill).
    /// - otherwise (amax, amin: scale_grad_by_count): gy / count × (x == result), so a NaN result
    ///   (equal to nothing, count 0) makes its whole group NaN, and the others get gy·0 (−0 for a
    ///   negative gy), as PyTorch's product gives.
    static func extremum(_ x: Tensor, _ out: Tensor, target: [Int], groups: Int, label: String, evenly: Bool = false) -> Tensor {
        Autograd.record(out, label, inputs: [x]) { [weak out] gy in
            guard let out else { throw TensorError.invalidArgument("\(label) backward: its output is gone") }
            func hits(_ i: Int) -> Bool {
                let (v, r) = (x.data[i], out.data[target[i]])
                return evenly && r.isNaN ? v.isNaN : v == r
            }
            var count = [Float](repeating: 0, count: groups)
            for i in 0..<x.count where hits(i) { count[target[i]] += 1 }
            let g = Tensor(zeros: x.shape)
            for i in 0..<x.count {
                let share = gy.data[target[i]] / count[target[i]]
                if hits(i) { g.data[i] = share } else if !evenly { g.data[i] = share * 0 }
            }
            return [g]
        }
    }

    /// prod over the groups `target[i]` of x: d prod/dxᵢ = the product of the group's other
    /// elements, as PyTorch's prod_backward computes it: gy · (prod / xᵢ) with no zero in x; with
    /// one, prod_safe_zeros_backward (gy · (the product before i · the product after i), each a
    /// running product in float, so a zero's neighbours get ±0); for a product of everything
    /// with two zeros or more, zeros. `whole`: no dim was given.
    static func product(_ x: Tensor, _ out: Tensor, target: [Int], groups: Int, whole: Bool) -> Tensor {
        Autograd.record(out, "prod", inputs: [x]) { [weak out] gy in
            guard let out else { throw TensorError.invalidArgument("prod backward: its output is gone") }
            let g = Tensor(zeros: x.shape)
            let zeros = (0..<x.count).filter { x.data[$0] == 0 }.count
            if zeros == 0 {
                for i in 0..<x.count { g.data[i] = gy.data[target[i]] * (out.data[target[i]] / x.data[i]) }
                return [g]
            }
            if whole && zeros > 1 { return [g] }
            // exclusive running products along each group, from the front and from the back
            var before = [Float](repeating: 1, count: x.count), after = [Float](repeating: 1, count: x.count)
            var running = [Float](repeating: 1, count: groups)
            for i in 0..<x.count { before[i] = running[target[i]]; running[target[i]] *= x.data[i] }
            running = [Float](repeating: 1, count: groups)
            for i in (0..<x.count).reversed() { after[i] = running[target[i]]; running[target[i]] *= x.data[i] }
            for i in 0..<x.count { g.data[i] = gy.data[target[i]] * (before[i] * after[i]) }
            return [g]
        }
    }

    /// var or std over the groups `target[i]` of x, given each group's mean and n − correction:
    /// d var/dx = 2 (x − mean) / (n − correction); d std/dx = (x − mean) / ((n − correction) · std),
    /// 0 where std is 0 (PyTorch's std_backward masks those).
    static func spread(_ x: Tensor, _ out: Tensor, standardDeviation: Bool, means: [Float], target: [Int], degrees: Float) -> Tensor {
        Autograd.record(out, standardDeviation ? "std" : "var", inputs: [x]) { [weak out] gy in
            guard let out else { throw TensorError.invalidArgument("std/var backward: its output is gone") }
            let g = Tensor(zeros: x.shape)
            for i in 0..<x.count {
                let group = target[i], centred = x.data[i] - means[group]
                if standardDeviation {
                    let s = out.data[group]
                    g.data[i] = s == 0 ? 0 : gy.data[group] * centred / (degrees * s)
                } else {
                    g.data[i] = gy.data[group] * 2 * centred / degrees
                }
            }
            return [g]
        }
    }

    /// torch.cat along `dim` (outer · size_t · inner blocks, in order).
    static func cat(_ tensors: [Tensor], _ out: Tensor, dim d: Int) -> Tensor {
        let outer = out.shape[..<d].reduce(1, *), inner = out.shape[(d + 1)...].reduce(1, *)
        return Autograd.record(out, "cat", inputs: tensors) { gy in
            let grads = tensors.map { Tensor(zeros: $0.shape) }
            var at = 0
            for o in 0..<outer {
                for (t, g) in zip(tensors, grads) {
                    let n = t.shape[d] * inner
                    (g.data + o * n).update(from: gy.data + at, count: n)
                    at += n
                }
            }
            return grads
        }
    }

    /// softmax / log_softmax along `dim`.
    static func softmax(_ x: Tensor, _ out: Tensor, dim d: Int, log: Bool) -> Tensor {
        let shape = x.rank == 0 ? [1] : x.shape
        let size = shape[d], outer = shape[..<d].reduce(1, *), inner = shape[(d + 1)...].reduce(1, *)
        return Autograd.record(out, log ? "log_softmax" : "softmax", inputs: [x]) { [weak out] gy in
            guard let out else { throw TensorError.invalidArgument("softmax backward: its output is gone") }
            let g = Tensor(zeros: x.shape)
            for o in 0..<outer { for i in 0..<inner {
                func k(_ j: Int) -> Int { (o * size + j) * inner + i }
                if log {          // dx = gy − softmax · Σ gy
                    var s: Float = 0
                    for j in 0..<size { s += gy.data[k(j)] }
                    for j in 0..<size { g.data[k(j)] = gy.data[k(j)] - Loss.vectorExp(out.data[k(j)]) * s }
                } else {          // dx = y · (gy − Σ gy·y)
                    var s: Float = 0
                    for j in 0..<size { s += gy.data[k(j)] * out.data[k(j)] }
                    for j in 0..<size { g.data[k(j)] = out.data[k(j)] * (gy.data[k(j)] - s) }
                }
            } }
            return [g]
        }
    }

    // a: (n, k) @ b: (k, m) → (n, m); dA = gy · Bᵀ, dB = Aᵀ · gy. A 1-D a is one row (k) and a
    // 1-D b one column (k), their dims left out of the output as torch.matmul leaves them out
    // (vector @ matrix, matrix @ vector, the dot product: the same sums over the same values).
    static func matmul(_ a: Tensor, _ b: Tensor, _ out: Tensor) -> Tensor {
        guard a.rank <= 2, b.rank <= 2, a.rank > 0, b.rank > 0 else { return out }
        let (n, k, m) = (a.rank == 1 ? 1 : a.shape[0], a.shape[a.rank - 1], b.rank == 1 ? 1 : b.shape[1])
        let label = a.rank == 2 && b.rank == 2 ? "matmul" : a.rank == 2 ? "mv" : b.rank == 2 ? "vecmat" : "dot"
        // PyTorch's dot backward (both sides) and mv's for the matrix (an outer product) are
        // element-wise products, each gradient one term: set, not added to 0, a −0 stays −0.
        let (productA, productB) = (label == "dot" || label == "mv", label == "dot")
        return Autograd.record(out, label, inputs: [a, b]) { gy in
            let ga = Tensor(zeros: a.shape), gb = Tensor(zeros: b.shape)
            for i in 0..<n { for p in 0..<k { for j in 0..<m {
                let (termA, termB) = (gy.data[i * m + j] * b.data[p * m + j], a.data[i * k + p] * gy.data[i * m + j])
                if productA { ga.data[i * k + p] = termA } else { ga.data[i * k + p] += termA }
                if productB { gb.data[p * m + j] = termB } else { gb.data[p * m + j] += termB }
            } } }
            return [ga, gb]
        }
    }
}

extension BinaryOperator {
    var gradLabel: String {
        switch self {
        case .add: return "add"
        case .subtract: return "sub"
        case .multiply: return "mul"
        case .divide: return "div"
        case .power: return "pow"
        case .remainder: return "remainder"
        default: return rawValue
        }
    }
}

extension Interpreter {
    /// The safety net: a builtin that made a float tensor from inputs that require a gradient,
    /// without recording a backward, gets one that refuses with the operation's name, so a
    /// later backward stops with a message instead of silently leaving those inputs out.
    /// Builtins PyTorch runs under no_grad, whose results are gradients (torch.autograd.grad), or
    /// that make fresh tensors shaped like their input (zeros_like, new_zeros), or that PyTorch
    /// does not differentiate (histc's counts): what they return has no history. Also the `_as`
    /// methods, whose other tensor gives only a shape or dtype: x.view_as(p) has x's history (its
    /// own backward, recorded when x wants one), never p's.
    static let gradientFree: Set<String> = ["clip_grad_norm_", "clip_grad_value_", "grad", "jacobian", "zeros_like", "ones_like", "randn_like",
                                            "rand_like", "full_like", "empty_like", "randint_like", "new_zeros", "new_ones", "new_full",
                                            "new_empty", "new_tensor", "histc", "tensor", "view_as", "reshape_as", "expand_as", "type_as"]

    static func guardGradient(_ result: Value, inputs: [Tensor], name: String) -> Value {
        guard GradMode.isEnabled, inputs.contains(where: \.requiresGrad), !gradientFree.contains(name) else { return result }
        func mark(_ t: Tensor) {
            guard !t.requiresGrad, !t.isMeta, TensorOps.dtype(t) == .float32, !inputs.contains(where: { $0 === t }) else { return }
            Autograd.record(t, name, inputs: inputs) { _ in
                throw TensorError.invalidArgument("no backward for '\(name)' here yet: the gradient cannot flow through it (see docs/pytorch-differences.md); compute with operations that have one (+ − * /, sum, mean, cat, indexing, layers)")
            }
        }
        switch result {
        case .tensor(let t): mark(t)
        case .tuple(let items): for case .tensor(let t) in items { mark(t) }
        case .object(let o): for case .tensor(let t) in o.items ?? [] { mark(t) }
        default: break
        }
        return result
    }

    static func tensors(in arguments: Arguments) -> [Tensor] {
        (arguments.positional + arguments.keywords.map(\.1)).flatMap { v -> [Tensor] in
            if case .tensor(let t) = v { return [t] }
            // not a DataLoader's items: reading them draws an epoch's order
            if case .object(let o) = v, o is DataLoader { return [] }
            // nor a generator's: reading them runs its body (next(g) takes one item)
            if v.isLazyIterator { return [] }
            return v.sequenceItems()?.compactMap { if case .tensor(let t) = $0 { return t } else { return nil } } ?? []
        }
    }
}
