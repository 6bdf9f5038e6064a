import Foundation
import InceptionRuntime

/// Smaller torch functions a program reaches for, each composed as PyTorch composes it:
/// torch.finfo / iinfo (a dtype's limits), ravel, tensor_split / hsplit / vsplit / dsplit,
/// argwhere, diag_embed, diagflat, cov, corrcoef, trapezoid, cumulative_trapezoid,
/// unique_consecutive, matrix_power, is_nonzero and nanmedian.
extension Interpreter {
    static let utilityMethodNames = ["ravel", "tensor_split", "hsplit", "vsplit", "dsplit", "argwhere", "diag_embed", "diagflat", "cov", "corrcoef",
                                     "unique_consecutive", "matrix_power", "is_nonzero", "nanmedian"]

    func utilityTensorMember(_ x: Tensor, _ name: String) throws -> Value? {
        guard Self.utilityMethodNames.contains(name) else { return nil }
        return .builtin(Builtin(name) { [unowned self] _, arguments in try utility(name, x, arguments) })
    }

    func utilityFunctionBuiltins() -> [String: Value] {
        var t: [String: Value] = [:]
        for name in Self.utilityMethodNames { t[name] = delegating(name, namespace: "torch") }
        t["trapezoid"] = Self.builtin(Signature("trapezoid", [("y", nil), ("x", Value.none), ("dx", Value.none), ("dim", .int(-1))])) { [unowned self] _, a in
            try trapezoid(try a.tensor("y"), a, cumulative: false).value
        }
        t["trapz"] = t["trapezoid"]
        t["cumulative_trapezoid"] = Self.builtin(Signature("cumulative_trapezoid", [("y", nil), ("x", Value.none), ("dx", Value.none), ("dim", .int(-1))])) { [unowned self] _, a in
            try trapezoid(try a.tensor("y"), a, cumulative: true).value
        }
        t["finfo"] = Self.builtin(Signature("finfo", [("type", Value.none)])) { _, a in try Self.typeInfo(a["type"], floating: true) }
        t["iinfo"] = Self.builtin(Signature("iinfo", [("type", nil)])) { _, a in try Self.typeInfo(a["type"], floating: false) }
        return t
    }

    private func utility(_ name: String, _ x: Tensor, _ arguments: Arguments) throws -> Value {
        func bind(_ parameters: [(String, Value?)]) throws -> BoundArguments { try Signature(name, parameters).bind(arguments) }
        let v = composed(x)
        switch name {
        case "ravel":
            _ = try bind([])
            return try v.call("reshape", -1).value
        case "tensor_split", "hsplit", "vsplit", "dsplit":
            // pieces at indices, or n pieces of sizes ⌈L/n⌉ for the first L mod n and ⌊L/n⌋ after
            var arguments = arguments
            if name == "tensor_split", let at = arguments.keywords.firstIndex(where: { ["indices", "sections", "tensor_indices_or_sections"].contains($0.0) }) {
                // PyTorch's overloads name the split by what it is: sections=, indices= or a tensor
                arguments.positional.insert(arguments.keywords.remove(at: at).1, at: 0)
            }
            let a = try Signature(name, name == "tensor_split" ? [("indices_or_sections", nil), ("dim", .int(0))] : [("indices_or_sections", nil)]).bind(arguments)
            var dim: Int
            switch name {
            case "hsplit":
                guard x.rank >= 1 else { throw LanguageFailure("torch.hsplit requires a tensor with at least 1 dimension, but got a tensor with 0 dimensions!") }
                dim = x.rank == 1 ? 0 : 1
            case "vsplit":
                guard x.rank >= 2 else { throw LanguageFailure("torch.vsplit requires a tensor with at least 2 dimension, but got a tensor with \(x.rank) dimensions!") }
                dim = 0
            case "dsplit":
                guard x.rank >= 3 else { throw LanguageFailure("torch.dsplit requires a tensor with at least 3 dimension, but got a tensor with \(x.rank) dimensions!") }
                dim = 2
            default:
                guard x.rank >= 1 else { throw LanguageFailure("tensor_split expected at least a 1-dimensional tensor, but got a tensor with 0 dims") }
                dim = try TensorOps.dim(try a.int("dim"), rank: x.rank)
            }
            let length = x.shape[dim]
            var bounds: [Int]
            var split = a["indices_or_sections"]
            if name == "tensor_split", case .tensor(let t) = split {
                // a 0-d integer tensor is a number of sections, a 1-D one the indices
                guard TensorOps.dtype(t) == .int64 || TensorOps.dtype(t) == .int32, t.rank <= 1 else {
                    throw LanguageFailure("tensor_split expected tensor_indices_or_sections to have integer dtype and to be a 0-D or 1-D tensor, but got a tensor with dtype \(TensorOps.dtype(t).scalarName) and \(t.rank) dims")
                }
                split = t.rank == 0 ? .int(Int(t.data[0])) : .list(ListStorage((0..<t.count).map { .int(Int(t.data[$0])) }))
            }
            if case .int(let sections) = split {
                guard sections > 0 else { throw LanguageFailure("number of sections must be larger than 0, got \(sections)") }
                if name != "tensor_split", length % sections != 0 {
                    throw LanguageFailure("torch.\(name) attempted to split along dimension \(dim), but the size of the dimension \(length) is not divisible by the split_size \(sections)!")
                }
                let (small, extra) = (length / sections, length % sections)
                bounds = (1..<sections).map { i in i * small + min(i, extra) }
            } else if let items = split.sequenceItems(), items.allSatisfy({ $0.asInt != nil }) {
                bounds = items.map { $0.asInt! }
            } else {
                throw LanguageFailure("\(name)(): indices_or_sections must be an int or a list of ints, got \(a["indices_or_sections"].repr)", as: .typeError)
            }
            var pieces: [Value] = [], start = 0
            for end in bounds + [length] {
                let (from, to) = (min(max(start, 0), length), min(max(end, start, 0), length))
                pieces.append(try v.call("narrow", dim, from, max(to - from, 0)).value)
                start = max(end, start)
            }
            for case .tensor(let piece) in pieces { piece.gradNode?.displayName = "SliceBackward0" }
            return .tuple(pieces)
        case "argwhere":
            _ = try bind([])
            return try v.call("nonzero").value
        case "diag_embed":
            // the last dim's values on the offset-th diagonal of the output's dims dim1 × dim2
            let a = try bind([("offset", .int(0)), ("dim1", .int(-2)), ("dim2", .int(-1))])
            let (shape, offsets) = try Self.diagEmbedPlaces(x.shape, offset: try a.int("offset"), dim1: try a.int("dim1"), dim2: try a.int("dim2"))
            return .tensor(TensorOpsGrad.picked(x, offsets: offsets, shape: shape, label: "diag_embed"))
        case "diagflat":
            _ = try bind([("offset", .int(0))])
            return try v.call("reshape", -1).call("diag").value
        case "cov", "corrcoef":
            // rows are variables, columns observations: (x − mean)(x − mean)ᵀ / (N − correction)
            let a = try bind(name == "cov" ? [("correction", .int(1)), ("fweights", Value.none), ("aweights", Value.none)] : [])
            guard x.rank <= 2 else { throw LanguageFailure("\(name)(): expected input to have two or fewer dimensions but got an input with \(x.rank) dimensions") }
            if name == "cov", !a["fweights"].isNone || !a["aweights"].isNone { throw LanguageFailure("cov(): fweights and aweights are not supported here", fix: "leave them out") }
            let rows = x.rank < 2 ? try v.call("reshape", 1, -1) : v
            let observations = try rows.tensor.shape[1]
            let correction = name == "cov" ? try a.int("correction") : 1
            let centered = try rows - (try rows.call("mean", 1, true))
            // squeezed at the end, as PyTorch's (SqueezeBackward0)
            let covariance = try (centered.call("matmul", try centered.call("t")) / Double(max(observations - correction, 0))).call("squeeze")
            guard name == "corrcoef" else { return covariance.value }
            if x.rank < 2 { return try (covariance / covariance).value }
            let spread = try covariance.call("diagonal").call("sqrt")
            let scaled = try covariance / (try spread.call("unsqueeze", 1)) / (try spread.call("unsqueeze", 0))
            return try scaled.call("clamp", -1, 1).value
        case "unique_consecutive":
            // runs of equal values (a NaN equals nothing) collapsed, with each run's size: of the
            // flattened values, or of the slices along dim
            let a = try bind([("return_inverse", .bool(false)), ("return_counts", .bool(false)), ("dim", Value.none)])
            var slices: [[Float]], unique: Tensor
            let d = try a.optionalInt("dim").map { try TensorOps.existingDim($0, rank: x.rank) }
            if let d, x.rank > 0 {
                let strides = TensorOps.strides(x.shape)
                var rest = x.shape
                rest[d] = 1
                let cells = TensorOps.offsets(rest, strides)
                slices = (0..<x.shape[d]).map { i in cells.map { x.data[$0 + i * strides[d]] } }
            } else {
                slices = x.values.map { [$0] }
            }
            var keptAt: [Int] = [], counts: [Float] = [], inverse: [Float] = []
            for (i, slice) in slices.enumerated() {
                if let last = keptAt.last, slices[last] == slice { counts[counts.count - 1] += 1 } else { keptAt.append(i); counts.append(1) }
                inverse.append(Float(keptAt.count - 1))
            }
            if let d, x.rank > 0 {
                let picks = TensorOps.make([keptAt.count], values: keptAt.map(Float.init), .int64)
                guard case .tensor(let picked) = try tensorMethod(x, "index_select", [.int(d), .tensor(picks)]) else { return .none }
                unique = picked
            } else {
                unique = TensorOps.make([keptAt.count], values: keptAt.map { slices[$0][0] }, TensorOps.dtype(x))
            }
            var results: [Value] = [.tensor(unique)]
            let inverseShape = d != nil && x.rank > 0 ? [slices.count] : x.shape
            if try a.bool("return_inverse") { results.append(.tensor(TensorOps.make(inverseShape, values: inverse, .int64))) }
            if try a.bool("return_counts") { results.append(.tensor(TensorOps.make([counts.count], values: counts, .int64))) }
            return results.count == 1 ? results[0] : .tuple(results)
        case "matrix_power":
            let a = try bind([("n", nil)])
            let n = try a.int("n")
            guard x.rank >= 2, x.shape[x.rank - 1] == x.shape[x.rank - 2] else {
                throw LanguageFailure("linalg.matrix_power: A must be batches of square matrices, but they are \(x.shape.suffix(2).map(String.init).joined(separator: " by ")) matrices")
            }
            if n == 0 {
                let eye = try torchFunction("eye", x.shape[x.rank - 1], keywords: [("dtype", Value.object(Self.dtypeToken(TensorOps.dtype(x))))])
                return try eye.call("expand_as", x).call("clone").value
            }
            let base = n > 0 ? v : try torchFunction("inverse", x)
            var result = base
            for _ in 1..<abs(n) { result = try result.call("matmul", base) }
            return result.value
        case "is_nonzero":
            _ = try bind([])
            guard x.count == 1 else {
                throw LanguageFailure(x.count == 0 ? "Boolean value of Tensor with no values is ambiguous" : "Boolean value of Tensor with more than one value is ambiguous")
            }
            return .bool(x.data[0] != 0)
        default:    // nanmedian: the median of the values that are not NaN (the lower of the middle two)
            let a = try bind([("dim", Value.none), ("keepdim", .bool(false))])
            if let d = try a.optionalInt("dim") {
                // along dim: (values, indices), the place ATen's std::nth_element leaves at the lower
                // middle of the numbers (NaNs after them, unordered among themselves)
                try TensorOps.requireValues(x, what: "nanmedian()")
                return try Self.orderStatistic(x, dim: d, keepdim: try a.bool("keepdim"), name: "nanmedian") { order, value in
                    let values = (0..<order.count).map(value)
                    let nth = (values.count - values.filter(\.isNaN).count - 1) / 2
                    return PyTorchSelectionOrders.libstdcxxNthElement(Array(values.indices), nth) { i, j in
                        values[i] < values[j] || (values[i] == values[j] && i < j) || (values[j].isNaN && !values[i].isNaN)
                    }
                }
            }
            let kept = try v.call("reshape", -1).call("masked_select", try v.call("reshape", -1).call("isnan").call("logical_not"))
            guard try kept.tensor.count > 0 else { return .tensor(TensorOps.make([], values: [.nan], TensorOps.dtype(x))) }
            return try kept.call("median").value
        }
    }

    /// ATen's trapezoid: with a number dx, (Σ y − (y_first + y_last)·½)·dx; with x, Σ Δx·(y_i + y_{i+1}) / 2.
    /// cumulative_trapezoid: the running sums of dx/2·(y_i + y_{i+1}) (or Δx·(…), then / 2).
    private func trapezoid(_ y: Tensor, _ a: BoundArguments, cumulative: Bool) throws -> Composed {
        let d = try TensorOps.dim(try a.int("dim"), rank: max(y.rank, 1))
        let n = y.shape[d]
        let v = composed(y)
        guard n > 0 else { return try v.call("sum", d) }
        let left = try v.call("narrow", d, 0, n - 1), right = try v.call("narrow", d, 1, n - 1)
        if case .tensor(let xs) = a["x"] {
            // Δx along dim: a 1-D x laid along dim, else x's own differences along dim
            var shape = Array(repeating: 1, count: y.rank)
            shape[d] = xs.count
            let spacing = xs.rank == 1 ? try composed(xs).call("reshape", Value.tuple(shape.map { .int($0) })) : composed(xs)
            let steps = try spacing.call("diff", keywords: [("dim", d)])
            let terms = try steps * (try left + right)
            // ATen divides by a C++ number: DivBackward1
            return try (cumulative ? try terms.call("cumsum", d) / 2.0 : try terms.call("sum", d) / 2.0).named("DivBackward1")
        }
        let dx = a["dx"].asDouble ?? 1
        if cumulative { return try (dx / 2 * (try left + right)).call("cumsum", d) }
        let ends = try (v.call("select", d, 0) + (try v.call("select", d, -1))) * 0.5
        return try ((v.call("sum", d) - ends) * dx).named("MulBackward1")        // PyTorch's C++ arithmetic with a number
    }

    /// torch.finfo / torch.iinfo of a dtype: its limits as PyTorch reports them.
    static func typeInfo(_ type: Value, floating: Bool) throws -> Value {
        var name = floating ? "float32" : ""
        if case .object(let token as TorchToken) = type, token.typeName == "torch.dtype" { name = token.text }
        else if case .tensor(let t) = type { name = TensorOps.dtype(t).rawValue }
        else if !type.isNone { throw LanguageFailure("\(floating ? "finfo" : "iinfo")(): expected a dtype, got \(type.typeName)", as: .typeError) }
        let info: [(String, Value)], text: String
        switch (floating, name) {
        case (true, "float32"):
            info = [("bits", .int(32)), ("eps", .float(Double(Float.ulpOfOne))), ("max", .float(Double(Float.greatestFiniteMagnitude))),
                    ("min", .float(-Double(Float.greatestFiniteMagnitude))), ("tiny", .float(Double(Float.leastNormalMagnitude))),
                    ("smallest_normal", .float(Double(Float.leastNormalMagnitude))), ("resolution", .float(1e-6)), ("dtype", .string("float32"))]
            text = "finfo(resolution=1e-06, min=-3.40282e+38, max=3.40282e+38, eps=1.19209e-07, smallest_normal=1.17549e-38, tiny=1.17549e-38, dtype=float32)"
        case (true, "float64"), (true, "double"):
            info = [("bits", .int(64)), ("eps", .float(Double.ulpOfOne)), ("max", .float(Double.greatestFiniteMagnitude)),
                    ("min", .float(-Double.greatestFiniteMagnitude)), ("tiny", .float(Double.leastNormalMagnitude)),
                    ("smallest_normal", .float(Double.leastNormalMagnitude)), ("resolution", .float(1e-15)), ("dtype", .string("float64"))]
            text = "finfo(resolution=1e-15, min=-1.79769e+308, max=1.79769e+308, eps=2.22045e-16, smallest_normal=2.22507e-308, tiny=2.22507e-308, dtype=float64)"
        case (true, "float16"), (true, "half"):
            // IEEE half: 10 fraction bits, exponents −14…15
            info = [("bits", .int(16)), ("eps", .float(0.0009765625)), ("max", .float(65504)), ("min", .float(-65504)),
                    ("tiny", .float(6.103515625e-05)), ("smallest_normal", .float(6.103515625e-05)), ("resolution", .float(0.001)), ("dtype", .string("float16"))]
            text = "finfo(resolution=0.001, min=-65504, max=65504, eps=0.000976562, smallest_normal=6.10352e-05, tiny=6.10352e-05, dtype=float16)"
        case (true, "bfloat16"):
            // float32's exponent with 7 fraction bits
            info = [("bits", .int(16)), ("eps", .float(0.0078125)), ("max", .float(3.3895313892515355e+38)), ("min", .float(-3.3895313892515355e+38)),
                    ("tiny", .float(Double(Float.leastNormalMagnitude))), ("smallest_normal", .float(Double(Float.leastNormalMagnitude))), ("resolution", .float(0.01)), ("dtype", .string("bfloat16"))]
            text = "finfo(resolution=0.01, min=-3.38953e+38, max=3.38953e+38, eps=0.0078125, smallest_normal=1.17549e-38, tiny=1.17549e-38, dtype=bfloat16)"
        case (false, "int64"):
            info = [("bits", .int(64)), ("max", .int(Int.max)), ("min", .int(Int.min)), ("dtype", .string("int64"))]
            text = "iinfo(min=-9.22337e+18, max=9.22337e+18, dtype=int64)"
        case (false, "int32"):
            info = [("bits", .int(32)), ("max", .int(Int(Int32.max))), ("min", .int(Int(Int32.min))), ("dtype", .string("int32"))]
            text = "iinfo(min=-2.14748e+09, max=2.14748e+09, dtype=int32)"
        case (false, "int16"):
            info = [("bits", .int(16)), ("max", .int(Int(Int16.max))), ("min", .int(Int(Int16.min))), ("dtype", .string("int16"))]
            text = "iinfo(min=-32768, max=32767, dtype=int16)"
        case (false, "int8"):
            info = [("bits", .int(8)), ("max", .int(Int(Int8.max))), ("min", .int(Int(Int8.min))), ("dtype", .string("int8"))]
            text = "iinfo(min=-128, max=127, dtype=int8)"
        case (false, "uint8"):
            info = [("bits", .int(8)), ("max", .int(255)), ("min", .int(0)), ("dtype", .string("uint8"))]
            text = "iinfo(min=0, max=255, dtype=uint8)"
        default:
            throw LanguageFailure(floating ? "torch.finfo() requires a floating point input type. Use torch.iinfo to handle 'torch.finfo'"
                                           : "torch.iinfo() requires an integer input type. Use torch.finfo to handle 'torch.iinfo'", as: .typeError)
        }
        let object = ClosureObject(typeName: floating ? "torch.finfo" : "torch.iinfo", memberNames: info.map(\.0)) { text }
        object.memberLookup = { member in info.first { $0.0 == member }?.1 }
        return .object(object)
    }
}
