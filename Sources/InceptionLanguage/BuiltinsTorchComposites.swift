import Foundation
import InceptionRuntime

/// torch functions made of the tensor methods, with PyTorch's arguments, messages and grad_fn
/// names: torch.outer, torch.meshgrid, torch.logspace, torch.dist, torch.var_mean and
/// torch.std_mean, the torch.linalg norms (vector 2-norms, as `x.norm` computes them),
/// hstack/vstack, dot/mm/mv, trace, and torch.einsum (BuiltinsEinsum).
extension Interpreter {
    /// torch.trace(x) and x.trace(): the sum of the main diagonal, through diagonal() and sum()
    /// (their backward).
    func trace(_ x: Tensor) throws -> Tensor {
        guard x.rank == 2 else { throw LanguageFailure("trace: expected a matrix, but got tensor with dim \(x.rank)") }
        guard case .tensor(let diagonal) = try callBack(try matrixTensorMember(x, "diagonal")!, Arguments()) else { throw LanguageFailure("trace") }
        let out = try TensorOps.reduce(diagonal, .sum, dims: nil, keepdim: false)
        out.gradNode?.displayName = "TraceBackward0"
        return out
    }

    /// PyTorch's checks of addmm / addmv / baddbmm's operands, with its messages.
    static func checkAddProductOperands(_ name: String, _ input: Tensor, _ p: Tensor, _ q: Tensor) throws {
        func shape(_ x: Tensor) -> String { x.shape.map(String.init).joined(separator: "x") }
        switch name {
        case "addmm":
            // PyTorch 2.15's order: one dtype for all three (self against mat2, then mat1), then
            // the ranks (mat1 named "self", as mm names it), then the shapes
            for (first, a) in [("self", input), ("mat1", p)] where TensorOps.dtype(a) != TensorOps.dtype(q) {
                throw LanguageFailure("\(first) and mat2 must have the same dtype, but got \(TensorOps.dtype(a).scalarName) and \(TensorOps.dtype(q).scalarName)")
            }
            guard p.rank == 2 else { throw LanguageFailure("addmm: self must be a matrix, got \(p.rank)-D tensor") }
            guard q.rank == 2 else { throw LanguageFailure("addmm: mat2 must be a matrix, got \(q.rank)-D tensor") }
            guard p.shape[1] == q.shape[0] else {
                throw LanguageFailure("addmm: mat1 and mat2 shapes cannot be multiplied (\(shape(p)) and \(shape(q)))")
            }
        case "addmv":
            guard p.rank == 2, q.rank == 1, input.rank <= 1 else {
                throw LanguageFailure("vector + matrix @ vector expected, got \(input.rank), \(p.rank), \(q.rank)")
            }
            guard p.shape[1] == q.shape[0], input.rank == 0 || [1, p.shape[0]].contains(input.shape[0]) else {
                throw LanguageFailure("size mismatch, got input (\(input.shape.first ?? 1)), mat (\(shape(p))), vec (\(q.count))")
            }
        default:
            // baddbmm, in PyTorch 2.15's order: the result's size read from batch1.size(0),
            // batch1.size(1) and batch2.size(2) (IndexError for too few dims), the input expanded
            // to it, the ranks, one dtype, then the batch and contraction sizes
            let target = [try p.shape[TensorOps.existingDim(0, rank: p.rank)], try p.shape[TensorOps.existingDim(1, rank: p.rank)],
                          try q.shape[TensorOps.existingDim(2, rank: q.rank)]]
            if input.rank > 3 {
                throw LanguageFailure("expand(torch.FloatTensor{\(input.shape)}, size=\(target)): the number of sizes provided (3) must be greater or equal to the number of dimensions in the tensor (\(input.rank))")
            }
            if (try? TensorOps.broadcastShape(input.shape, target)) != target { throw LanguageFailure(expandedSizeMessage(input.shape, to: target)) }
            guard p.rank == 3 else { throw LanguageFailure("batch1 must be a 3D tensor") }
            guard q.rank == 3 else { throw LanguageFailure("batch2 must be a 3D tensor") }
            let dtypes = [input, p, q].map(TensorOps.dtype)
            guard Set(dtypes).count == 1 else {
                throw LanguageFailure("Input dtypes must be the same, got: input \(cppTypeName(dtypes[0])), batch1: \(cppTypeName(dtypes[1])), batch2: \(cppTypeName(dtypes[2]))")
            }
            guard q.shape[0] == p.shape[0], q.shape[1] == p.shape[2] else {
                throw LanguageFailure("Expected size for first two dimensions of batch2 tensor to be: [\(p.shape[0]), \(p.shape[2])] but got: [\(q.shape[0]), \(q.shape[1])].")
            }
        }
    }

    /// PyTorch's message when `shape` cannot be broadcast to `target`; the target sizes listed
    /// as the call wrote them (`written`: expand(1, -1, 3) keeps its -1).
    static func expandedSizeMessage(_ shape: [Int], to target: [Int], written: [Int]? = nil) -> String {
        let offset = target.count - shape.count
        let d = (0..<shape.count).last { shape[$0] != 1 && shape[$0] != target[$0 + offset] } ?? 0
        return "The expanded size of the tensor (\(target[d + offset])) must match the existing size (\(shape[d])) at non-singleton dimension \(d + offset).  Target sizes: \(written ?? target).  Tensor sizes: \(shape)"
    }

    func compositeFunctionBuiltins() -> [String: Value] {
        var t: [String: Value] = [:]
        t["outer"] = Self.builtin(Signature("outer", [("input", nil), ("vec2", nil)])) { _, a in
            // input (n) ⊗ vec2 (m) → (n, m): input as a column times vec2, as PyTorch computes it
            let (u, v) = (try a.tensor("input"), try a.tensor("vec2"))
            guard u.rank == 1 else { throw LanguageFailure("outer: Expected 1-D argument self, but got \(u.rank)-D") }
            guard v.rank == 1 else { throw LanguageFailure("outer: Expected 1-D argument vec2, but got \(v.rank)-D") }
            return .tensor(try TensorOps.binary(.multiply, try Self.reshaped(u, [u.count, 1]), v))
        }
        t["ger"] = t["outer"]
        t["meshgrid"] = .builtin(Builtin("meshgrid") { _, arguments in
            var indexing = "ij"
            for (name, value) in arguments.keywords {
                guard name == "indexing", case .string(let s) = value, s == "ij" || s == "xy" else {
                    throw LanguageFailure("torch.meshgrid: indexing must be one of \"xy\" or \"ij\", but received: \(value.text)")
                }
                indexing = s
            }
            var items = arguments.positional
            if items.count == 1, let inner = items[0].sequenceItems() { items = inner }
            let tensors = try items.map { v -> Tensor in
                guard case .tensor(let x) = v, x.rank <= 1 else { throw LanguageFailure("torch.meshgrid: Expected 0D or 1D tensor in the tensor list but got: \(v.repr)") }
                return x
            }
            guard Set(tensors.map(TensorOps.dtype)).count <= 1 else { throw LanguageFailure("meshgrid expects all tensors to have the same dtype") }
            try MemoryBudget.check(shape: tensors.map(\.count), what: "torch.meshgrid()")
            return .tuple(Self.meshgrid(tensors, swapFirstTwo: indexing == "xy" && tensors.count >= 2).map { .tensor($0) })
        })
        t["logspace"] = Self.builtin(Signature("logspace", [("start", nil), ("end", nil), ("steps", nil), ("base", .float(10))])) { _, a in
            let (s, e, n, base) = (try a.double("start"), try a.double("end"), try a.int("steps"), try a.double("base"))
            guard n >= 0 else { throw LanguageFailure("number of steps must be non-negative") }
            try MemoryBudget.check(shape: [n], what: "logspace()")
            // PyTorch's kernel: exponents from the start for the first half, from the end for the rest
            let step = n > 1 ? Float(e - s) / Float(n - 1) : 0
            return .tensor(TensorOps.make([n]) { p in
                for i in 0..<n {
                    let exponent = n == 1 ? Float(s) : i < n / 2 ? Float(s) + step * Float(i) : Float(e) - step * Float(n - 1 - i)
                    p[i] = Foundation.pow(Float(base), exponent)
                }
            })
        }
        t["dist"] = Self.builtin(Signature("dist", [("input", nil), ("other", nil), ("p", .int(2))])) { [unowned self] _, a in
            let difference = try TensorOps.binary(.subtract, try a.tensor("input"), try a.operand("other"))
            // another p: ‖input − other‖_p, linalg.vector_norm's values and gradient
            guard a["p"].asDouble == 2 else {
                guard case .tensor(let out) = try tensorMethod(difference, "norm", [a["p"]]) else { return .none }
                out.gradNode?.displayName = "DistBackward0"
                return .tensor(out)
            }
            let out = try Self.vectorNorm(difference, dims: nil, keepdim: false)
            out.gradNode?.displayName = "DistBackward0"
            return .tensor(out)
        }
        for (name, spread) in [("var_mean", "var"), ("std_mean", "std")] {
            t[name] = .builtin(Builtin(name) { interpreter, arguments in
                // (x.var(…) or x.std(…), x.mean(dim, keepdim)), one grad_fn name for both, as PyTorch's single node
                var arguments = arguments
                guard !arguments.positional.isEmpty, case .tensor(let x) = arguments.positional.removeFirst() else {
                    throw LanguageFailure("\(name)(): argument 'input' must be Tensor")
                }
                guard TensorKinds.shared.dtype(x) == .float32 else {
                    throw LanguageFailure("\(name) only support floating point and complex dtypes", as: .notImplementedError)
                }
                if arguments.positional.count == 1 {
                    // a lone bool is PyTorch's std_mean(input, bool unbiased) form
                    let first = arguments.positional.removeFirst()
                    if case .bool = first { arguments.keywords.append(("unbiased", first)) } else { arguments.keywords.append(("dim", first)) }
                }
                let meanArguments = Arguments([], keywords: arguments.keywords.filter { ["dim", "keepdim"].contains($0.name) })
                guard let spreadMethod = try interpreter.torchTensorMember(x, spread), let meanMethod = try interpreter.torchTensorMember(x, "mean") else {
                    throw LanguageFailure("no \(name)")
                }
                let results = [try interpreter.callBack(spreadMethod, arguments), try interpreter.callBack(meanMethod, meanArguments)]
                let node = name == "var_mean" ? "VarMeanBackward0" : "StdMeanBackward0"
                for case .tensor(let r) in results { r.gradNode?.displayName = node }
                return .tuple(results)
            })
        }
        t["einsum"] = einsumBuiltin()
        t["set_printoptions"] = Self.builtin(Signature("set_printoptions", [("precision", Value.none), ("threshold", Value.none), ("edgeitems", Value.none),
                                                                            ("linewidth", Value.none), ("profile", Value.none), ("sci_mode", Value.none)])) { _, a in
            // a profile first (default, short, full), then each option given
            var o = TensorPrinting.options
            if case .string(let profile) = a["profile"] {
                switch profile {
                case "default": o = TensorPrinting.Options(sciMode: o.sciMode)
                case "short": o = TensorPrinting.Options(precision: 2, threshold: 1000, edgeItems: 2, lineWidth: 80, sciMode: o.sciMode)
                case "full": o = TensorPrinting.Options(precision: 4, threshold: Int.max, edgeItems: 3, lineWidth: 80, sciMode: o.sciMode)
                default: throw LanguageFailure("set_printoptions(): profile must be 'default', 'short' or 'full', got '\(profile)'")
                }
            }
            func count(_ name: String, _ upTo: Int) throws -> Int? {
                guard !a[name].isNone else { return nil }
                if let d = a[name].asDouble, d.isInfinite, d > 0 { return Int.max }
                let n = try a.int(name)
                guard (0...upTo).contains(n) else { throw LanguageFailure("set_printoptions(): \(name)=\(n) is out of range 0…\(upTo)") }
                return n
            }
            if let p = try count("precision", 30) { o.precision = p }
            if let n = try count("threshold", Int.max) { o.threshold = n }
            if let n = try count("edgeitems", 1000) { o.edgeItems = n }
            if let n = try count("linewidth", 10_000) { o.lineWidth = n }
            o.sciMode = a["sci_mode"].isNone ? nil : try a.bool("sci_mode")      // always set, as PyTorch's

            TensorPrinting.options = o
            return .none
        }
        for name in ["hstack", "vstack"] {
            // hstack: cat along dim 1 (dim 0 for vectors); vstack: vectors as rows, then cat along dim 0
            t[name] = Self.builtin(Signature(name, [("tensors", nil)])) { _, a in
                let tensors = try Self.tensorList(a["tensors"], name)
                guard !tensors.isEmpty else { throw LanguageFailure("\(name) expects a non-empty TensorList") }
                if name == "hstack" {
                    // atleast_1d first: a 0-d tensor joins as a vector of one
                    let columns = try tensors.map { x in x.rank > 0 ? x : TensorKinds.shared.setDType(try x.reshaped([1]), TensorOps.dtype(x)) }
                    return .tensor(try TensorOps.cat(columns, dim: columns[0].rank == 1 ? 0 : 1, what: "torch.hstack()"))
                }
                let rows = try tensors.map { x in x.rank >= 2 ? x : TensorKinds.shared.setDType(try x.reshaped([1, x.count]), TensorOps.dtype(x)) }
                return .tensor(try TensorOps.cat(rows, dim: 0, what: "torch.vstack()"))
            }
        }
        t["dot"] = Self.builtin(Signature("dot", [("input", nil), ("tensor", nil)])) { _, a in
            let (u, v) = (try a.tensor("input"), try a.tensor("tensor"))
            guard u.rank == 1, v.rank == 1 else { throw LanguageFailure("1D tensors expected, but got \(u.rank)D and \(v.rank)D tensors") }
            // dot_check's order: the dtypes, then the lengths
            guard TensorOps.dtype(u) == TensorOps.dtype(v) else {
                throw LanguageFailure("dot : expected both vectors to have same dtype, but found \(TensorOps.dtype(u).scalarName) and \(TensorOps.dtype(v).scalarName)", fix: "convert one side: x.float()")
            }
            guard u.count == v.count else {
                throw LanguageFailure("inconsistent tensor size, expected tensor [\(u.count)] and src [\(v.count)] to have the same number of elements, but got \(u.count) and \(v.count) elements respectively")
            }
            return .tensor(try TensorOps.matmul(u, v))
        }
        t["mm"] = Self.builtin(Signature("mm", [("input", nil), ("mat2", nil)])) { _, a in
            let (p, q) = (try a.tensor("input"), try a.tensor("mat2"))
            guard p.rank == 2 else { throw LanguageFailure("mm: self must be a matrix, got \(p.rank)-D tensor") }
            guard q.rank == 2 else { throw LanguageFailure("mm: mat2 must be a matrix, got \(q.rank)-D tensor") }
            return .tensor(try TensorOps.matmul(p, q))
        }
        t["mv"] = Self.builtin(Signature("mv", [("input", nil), ("vec", nil)])) { _, a in
            let (p, v) = (try a.tensor("input"), try a.tensor("vec"))
            guard p.rank == 2, v.rank == 1 else { throw LanguageFailure("vector + matrix @ vector expected, got 1, \(p.rank), \(v.rank)") }
            guard p.shape[1] == v.count else {
                throw LanguageFailure("size mismatch, got input (\(p.shape[0])), mat (\(p.shape[0])x\(p.shape[1])), vec (\(v.count))")
            }
            return .tensor(try TensorOps.matmul(p, v))
        }
        // beta·input + alpha·(a @ b), input broadcast to the product's shape: addmm (matrices),
        // addmv (a matrix and a vector), baddbmm (batches of matrices)
        for (name, first, second) in [("addmm", "mat1", "mat2"), ("addmv", "mat", "vec"), ("baddbmm", "batch1", "batch2")] {
            t[name] = Self.builtin(Signature(name, [("input", nil), (first, nil), (second, nil), ("beta", .int(1)), ("alpha", .int(1))])) { _, a in
                let (input, p, q) = (try a.tensor("input"), try a.tensor(first), try a.tensor(second))
                try Self.checkAddProductOperands(name, input, p, q)
                var product = try TensorOps.matmul(p, q)
                if a["alpha"].asDouble != 1 { product = try TensorOps.binary(.multiply, product, try a.operand("alpha")) }
                let shape = try? TensorOps.broadcastShape(input.shape, product.shape)
                guard shape == product.shape, input.rank <= product.rank else {
                    throw LanguageFailure(input.rank > product.rank
                        ? "expand(torch.FloatTensor{\(input.shape)}, size=\(product.shape)): the number of sizes provided (\(product.rank)) must be greater or equal to the number of dimensions in the tensor (\(input.rank))"
                        : Self.expandedSizeMessage(input.shape, to: product.shape))
                }
                // beta = 0: input's values are left out (a NaN in it does not show), as in PyTorch
                let out: Tensor
                switch a["beta"].asDouble {
                case 0: out = try TensorOps.binary(.add, product, Tensor(zeros: [1]))
                case 1: out = try TensorOps.binary(.add, input, product)
                default: out = try TensorOps.binary(.add, try TensorOps.binary(.multiply, input, try a.operand("beta")), product)
                }
                out.gradNode?.displayName = name == "addmm" ? "AddmmBackward0" : name == "addmv" ? "AddmvBackward0" : "BaddbmmBackward0"
                return .tensor(out)
            }
        }
        t["isin"] = Self.builtin(Signature("isin", [("elements", nil), ("test_elements", nil), ("assume_unique", .bool(false)),
                                                 ("invert", .bool(false))])) { _, a in
            // whether each element is among test_elements (a tensor or a number)
            let (x, test) = (try a.operand("elements"), try a.operand("test_elements"))
            // ATen's isin has no bool kernel, on either side (a Python bool too)
            if TensorOps.dtype(x) == .bool || TensorOps.dtype(test) == .bool {
                throw LanguageFailure("Unsupported input type encountered for isin(): Bool", fix: "compare as integers: x.long()", as: .notImplementedError)
            }
            let pool = Set(test.values)
            let invert = try a.bool("invert")
            return .tensor(TensorOps.map(x, .bool) { pool.contains($0) != invert ? 1 : 0 })
        }
        t["trace"] = Self.builtin(Signature("trace", [("input", nil)])) { [unowned self] _, a in
            let x = try a.tensor("input")
            if let refusal = DTypeSupport.refusal("trace", TensorOps.dtype(x)) { throw refusal }
            return .tensor(try trace(x))
        }
        for (name, value) in matrixProductBuiltins() { t[name] = value }
        t["linalg"] = .namespace(Namespace("torch.linalg", linalgBuiltins().merging(linalgProductBuiltins()) { a, _ in a }.merging([
            "LinAlgError": Self.exceptionClass("_LinAlgError"),
            "vecdot": vecdotBuiltin(),      // a RuntimeError: solve's or inv's singular matrix
            "cross": Self.builtin(Signature("cross", [("input", nil), ("other", nil), ("dim", .int(-1))])) { interpreter, a in
                try interpreter.cross(try a.tensor("input"), try a.tensor("other"), dim: try a.int("dim"))
            },
            "norm": Self.builtin(Signature("norm", [("input", nil), ("ord", Value.none), ("dim", Value.none), ("keepdim", .bool(false))])) { interpreter, a in
                // ord None (or 'fro' over a matrix, or 2 over a vector): the 2-norm of the values; another
                // ord: a vector norm along one dim, or a matrix norm over two
                let x = try a.tensor("input"), dims = try a.dims("dim"), keepdim = try a.bool("keepdim")
                if !a["ord"].isNone, dims == nil, x.rank != 1, x.rank != 2 {
                    throw LanguageFailure("linalg.norm: If dim is not specified but ord is, the input must be 1D or 2D. Got \(x.rank)D.")
                }
                switch a["ord"] {
                case .none: break
                case .string("fro") where (dims?.count ?? x.rank) == 2: break
                case let ord where ord.asDouble == 2 && (dims?.count ?? x.rank) == 1: break
                case let ord where ord.asDouble != nil && (dims?.count ?? x.rank) == 1:
                    if let refusal = DTypeSupport.refusal("norm", TensorOps.dtype(x)) { throw refusal }
                    let out = try interpreter.composed(x).call("norm", ord, dims.map { Value.int($0[0]) } ?? .none, keepdim).tensor
                    out.gradNode?.displayName = "LinalgVectorNormBackward0"
                    return .tensor(out)
                case let ord where [1, -1, .infinity, -.infinity].contains(ord.asDouble ?? 0) && (dims?.count ?? x.rank) == 2:
                    return .tensor(try interpreter.matrixOrderNorm(x, ord: ord.asDouble!, dims: dims ?? [0, 1], keepdim: keepdim, "linalg.norm"))
                default: throw LanguageFailure("linalg.norm(): ord=\(a["ord"].repr) is not supported here", fix: "ord 'fro', 1, -1, inf or -inf over a matrix; any number over a vector")
                }
                return .tensor(try Self.linalgNorm(x, dims: dims, keepdim: keepdim))
            },
            // the Frobenius norm of each matrix over dim (the last two by default)
            "matrix_norm": Self.builtin(Signature("matrix_norm", [("A", nil), ("ord", .string("fro")), ("dim", .tuple([.int(-2), .int(-1)])),
                                                                ("keepdim", .bool(false))])) { interpreter, a in
                let x = try a.tensor("A")
                if let ord = a["ord"].asDouble, [1, -1, .infinity, -.infinity].contains(ord) {
                    guard let dims = try a.dims("dim"), dims.count == 2 else {
                        throw LanguageFailure("linalg.matrix_norm: dim must be a 2-tuple. Got \(Self.dimsText(a["dim"]))")
                    }
                    return .tensor(try interpreter.matrixOrderNorm(x, ord: ord, dims: dims, keepdim: try a.bool("keepdim"), "linalg.matrix_norm"))
                }
                guard case .string("fro") = a["ord"] else {
                    throw LanguageFailure("linalg.matrix_norm(): ord=\(a["ord"].repr) is not supported here", fix: "ord 'fro', 1, -1, inf or -inf")
                }
                guard x.rank >= 2 else {
                    throw LanguageFailure("linalg.matrix_norm: The input tensor A must have at least 2 dimensions.")
                }
                guard let dims = try a.dims("dim"), dims.count == 2 else {
                    throw LanguageFailure("linalg.matrix_norm: dim must be a 2-tuple. Got \(Self.dimsText(a["dim"]))")
                }
                return .tensor(try Self.linalgNorm(x, dims: dims, keepdim: try a.bool("keepdim")))
            },
            "vector_norm": Self.builtin(Signature("vector_norm", [("x", nil), ("ord", .int(2)), ("dim", Value.none), ("keepdim", .bool(false))])) { _, a in
                guard let ord = a["ord"].asDouble else { throw LanguageFailure("linalg.vector_norm(): ord must be a number, got \(a["ord"].repr)", as: .typeError) }
                let (x, dims, keepdim) = (try a.tensor("x"), try a.dims("dim"), try a.bool("keepdim"))
                return .tensor(ord == 2 ? try Self.linalgNorm(x, dims: dims, keepdim: keepdim) : try Self.pNorm(x, p: ord, dims: dims, keepdim: keepdim))
            },
        ]) { first, _ in first }))
        return t
    }

    /// F.scaled_dot_product_attention: dropout_p(softmax(q·kᵀ·scale + mask))·v, the causal
    /// mask keeping key j ≤ query i, a bool attn_mask keeping where True, a float one added; made
    /// of batched matmul, add and softmax (their backward), its grad_fn PyTorch's CPU kernel's name.
    // query: (…, L, E), key: (…, S, E), value: (…, S, Ev) → (…, L, Ev)
    func scaledDotProductAttentionBuiltin() -> Value {
        Self.builtin(Signature("scaled_dot_product_attention", [("query", nil), ("key", nil), ("value", nil), ("attn_mask", Value.none),
                                                                ("dropout_p", .float(0)), ("is_causal", .bool(false)), ("scale", Value.none),
                                                                ("enable_gqa", .bool(false))])) { interpreter, a in
            let (q, k, v) = (try a.tensor("query"), try a.tensor("key"), try a.tensor("value"))
            let dropout = try a.double("dropout_p")
            guard (0...1).contains(dropout) else { throw LanguageFailure("dropout probability has to be between 0 and 1, but got \(dropout)", as: .valueError) }
            guard !(try a.bool("enable_gqa")) else { throw LanguageFailure("scaled_dot_product_attention(): enable_gqa is not supported here") }
            guard q.rank >= 2, k.rank >= 2, v.rank >= 2, q.shape.last == k.shape.last, k.shape[k.rank - 2] == v.shape[v.rank - 2] else {
                throw LanguageFailure("scaled_dot_product_attention(): expected query (…, L, E), key (…, S, E) and value (…, S, Ev), got \(formatShape(q.shape)), \(formatShape(k.shape)) and \(formatShape(v.shape))")
            }
            let causal = try a.bool("is_causal")
            guard !(causal && !a["attn_mask"].isNone) else { throw LanguageFailure("_scaled_dot_product_attention: Explicit attn_mask should not be set when is_causal=True", as: .valueError) }
            let (l, s, e) = (q.shape[q.rank - 2], k.shape[k.rank - 2], q.shape[q.rank - 1])
            let scale = Float(a["scale"].isNone ? 1 / Double(e).squareRoot() : try a.double("scale"))
            var order = Array(0..<k.rank); order.swapAt(k.rank - 2, k.rank - 1)
            var scores = try TensorOps.binary(.multiply, try TensorOps.matmul(q, try TensorOps.permute(k, order)), Tensor(repeating: scale, shape: []))
            // the mask as an addend: 0 where attention is allowed, −∞ where not
            var addend: Tensor?
            if causal { addend = TensorOps.make([l, s]) { p in for i in 0..<l { for j in 0..<s where j > i { p[i * s + j] = -.infinity } } } }
            if case .tensor(let mask) = a["attn_mask"] {
                addend = TensorOps.dtype(mask) == .bool ? TensorOps.map(mask, .float32) { $0 != 0 ? 0 : -.infinity } : mask
            }
            if let addend { scores = try TensorOps.binary(.add, scores, addend) }
            // PyTorch's CPU math path: the weights dropped out as F.dropout draws, then times v
            var weights = try TensorOps.softmax(scores, dim: -1, log: false)
            if dropout > 0 { weights = try interpreter.droppedOut(weights, p: dropout) }
            let out = try TensorOps.matmul(weights, v)
            // PyTorch's CPU flash kernel when all three require a gradient (3-D inputs through an unsqueeze), else its math path
            if a["attn_mask"].isNone, q.rank == 3 || q.rank == 4, [q, k, v].allSatisfy(\.requiresGrad) {
                out.gradNode?.displayName = q.rank == 4 ? "ScaledDotProductFlashAttentionForCpuBackward0" : "SqueezeBackward1"
            } else if q.rank == 4 {
                out.gradNode?.displayName = "UnsafeViewBackward0"
            }
            return .tensor(out)
        }
    }

    /// ATen's matrix norm of order ±1 (the largest or smallest column sum of |A|) or ±inf (row sum):
    /// the 1-norm along one of the two dims, then amax or amin along the other.
    func matrixOrderNorm(_ x: Tensor, ord: Double, dims: [Int], keepdim: Bool, _ function: String) throws -> Tensor {
        guard x.rank >= 2 else { throw LanguageFailure("\(function): The input tensor A must have at least 2 dimensions.") }
        guard TensorOps.dtype(x) == .float32 else {
            throw LanguageFailure("linalg.matrix_norm: Expected a floating point or complex tensor as input. Got \(TensorOps.dtype(x).scalarName)", as: .notImplementedError)
        }
        var (summed, extreme) = (try TensorOps.dim(dims[0], rank: x.rank), try TensorOps.dim(dims[1], rank: x.rank))
        if ord.isInfinite { swap(&summed, &extreme) }
        if summed < extreme && !keepdim { extreme -= 1 }
        return try composed(x).call("norm", 1, summed, keepdim).call(ord > 0 ? "amax" : "amin", extreme, keepdim).tensor
    }

    /// √(Σ x²) over dims (all when nil), named as PyTorch's linalg norms name their backward.
    static func linalgNorm(_ x: Tensor, dims: [Int]?, keepdim: Bool) throws -> Tensor {
        guard TensorOps.dtype(x) == .float32 else {
            throw LanguageFailure("linalg.vector_norm: Expected a floating point or complex tensor as input. Got \(TensorOps.dtype(x).scalarName)")
        }
        let out = try vectorNorm(x, dims: dims, keepdim: keepdim)
        out.gradNode?.displayName = "LinalgVectorNormBackward0"
        return out
    }

    /// The grids of torch.meshgrid: output i holds tensors[i] along axis i (axes 0 and 1
    /// swapped for indexing='xy'), recorded for backward as picks of its input's cells.
    // tensors: k vectors (n_0), …, (n_{k−1}) → k tensors of shape (n_0, …, n_{k−1}) (xy: n_1, n_0, …)
    static func meshgrid(_ tensors: [Tensor], swapFirstTwo: Bool) -> [Tensor] {
        var axisOf = Array(tensors.indices)
        if swapFirstTwo { axisOf.swapAt(0, 1) }
        var shape = [Int](repeating: 0, count: tensors.count)
        for (i, x) in tensors.enumerated() { shape[axisOf[i]] = x.count }
        let strides = TensorOps.strides(shape), total = shape.reduce(1, *)
        return tensors.enumerated().map { i, x in
            let axis = axisOf[i]
            let offsets = (0..<total).map { ($0 / strides[axis]) % shape[axis] }
            let out = TensorOps.make(shape, TensorOps.dtype(x)) { p in for (j, o) in offsets.enumerated() { p[j] = x.data[o] } }
            return TensorOpsGrad.gather(out, from: x, offsets: offsets, label: "expand")
        }
    }
}
