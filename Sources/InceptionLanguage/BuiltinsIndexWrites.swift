import InceptionRuntime

/// Tensor methods that write into a copy of x at indexed places, each with its in-place twin
/// (name_) and its gradient, PyTorch's rules and messages:
///   scatter_add(dim, index, src)          out[…, index[…, i, …], …] += src[…, i, …]
///   index_add(dim, index, source, alpha)  out.select(dim, index[i]) += alpha · source.select(dim, i)
///   index_copy(dim, index, source)        out.select(dim, index[i]) = source.select(dim, i)
///   index_fill(dim, index, value)         out.select(dim, index[i]) = value
/// (index_add and scatter_add sum repeated indices; index_copy keeps the last.)
extension Interpreter {
    static let indexWriteMethodNames = ["scatter_add", "scatter_add_", "index_add", "index_add_", "index_copy", "index_copy_",
                                        "index_fill", "index_fill_"]

    func indexWriteTensorMember(_ x: Tensor, _ name: String) throws -> Value? {
        guard Self.indexWriteMethodNames.contains(name) else { return nil }
        let inPlace = name.hasSuffix("_"), base = inPlace ? String(name.dropLast()) : name
        let signature: Signature
        switch base {
        case "scatter_add": signature = Signature(name, [("dim", nil), ("index", nil), ("src", nil)])
        case "index_add": signature = Signature(name, [("dim", nil), ("index", nil), ("source", nil), ("alpha", .int(1))])
        case "index_copy": signature = Signature(name, [("dim", nil), ("index", nil), ("source", nil)])
        default: signature = Signature(name, [("dim", nil), ("index", nil), ("value", nil)])
        }
        return .builtin(Builtin(name) { [self] _, arguments in
            let a = try signature.parsedAsTorch.bind(arguments)
            let d = try TensorOps.dim(try a.int("dim"), rank: max(x.rank, 1)), index = try a.tensor("index")
            let result: Tensor
            switch base {
            case "scatter_add": result = try Self.scatterAdd(x, dim: d, index: index, src: try a.tensor("src"))
            case "index_add":
                guard let alpha = a["alpha"].asDouble else { throw LanguageFailure("index_add(): alpha must be a number, got \(a["alpha"].typeName)") }
                result = try Self.indexAdd(x, dim: d, index: index, source: try a.tensor("source"), alpha: Float(alpha))
            case "index_copy": result = try Self.indexCopy(x, dim: d, index: index, source: try a.tensor("source"))
            default:
                let value: Float
                if case .tensor(let v) = a["value"] {
                    guard v.rank == 0 else {
                        throw LanguageFailure("index_fill_ only supports a 0-dimensional value tensor, but got tensor with \(v.rank) dimension(s).")
                    }
                    value = v.data[0]
                } else if let v = a["value"].asDouble { value = Float(v) } else {
                    throw LanguageFailure("index_fill(): value must be a number or a 0-d tensor, got \(a["value"].typeName)")
                }
                result = try Self.indexFill(x, dim: d, index: index, value: value)
            }
            return .tensor(inPlace ? try writeInPlace(x, result, "\(name)()") : result)
        })
    }

    /// For every element of the rows `rows` names along dim d (row r of x ← row i of a source with
    /// rows.count rows there): its flat offset in x and in the source, slab by slab.
    private static func rowPairs(_ shape: [Int], _ d: Int, _ rows: [Int]) -> [(x: Int, source: Int)] {
        guard !shape.isEmpty else { return rows.indices.map { _ in (0, 0) } }
        let inner = shape[(d + 1)...].reduce(1, *), length = shape[d]
        let outer = shape.reduce(1, *) / max(length * inner, 1)
        var pairs: [(x: Int, source: Int)] = []
        pairs.reserveCapacity(outer * rows.count * inner)
        for o in 0..<outer { for (i, r) in rows.enumerated() { for j in 0..<inner {
            pairs.append(((o * length + r) * inner + j, (o * rows.count + i) * inner + j))
        } } }
        return pairs
    }

    /// A 1-D (or 0-d) index's values, each checked against the size of dim d.
    private static func vectorIndex(_ index: Tensor, _ x: Tensor, _ d: Int, _ inPlaceName: String, outOfRange: PythonErrorClass? = nil) throws -> [Int] {
        // which index dtypes each takes, in PyTorch's words for the others
        let dt = TensorOps.dtype(index)
        switch inPlaceName {
        case "index_add_" where !dt.isIntegral:
            throw LanguageFailure("index_add_(): Expected dtype int32/int64 for index but got: \(dt.scalarName)")
        case "index_copy_" where dt != .int64:
            throw LanguageFailure("index_copy_(): Expected a long tensor for index, but got \(dt.scalarName)")
        case "index_fill_" where dt != .int64:
            throw LanguageFailure("index_fill_(): Expected dtype int64 for index.", as: .indexError)
        default: break
        }
        guard index.rank <= 1 else {
            throw LanguageFailure("\(inPlaceName)(): Index is supposed to be a vector, but got dim: \(index.rank) with type: Long and size: \(index.shape)",
                                  as: .indexError)
        }
        let size = x.rank == 0 ? 1 : x.shape[d]
        // index_add_ and index_copy_ take no negative index in PyTorch (index_fill_ counts from the end)
        let lowest = inPlaceName == "index_add_" || inPlaceName == "index_copy_" ? 0 : -size
        return try (0..<index.count).map { i in
            let r = Int(index.data[i])
            guard r >= lowest && r < size else {
                if inPlaceName == "index_add_" && x.rank <= 1 { throw LanguageFailure("index out of range in self", as: .indexError) }
                // index_copy_ names itself, as PyTorch's message does
                throw LanguageFailure((inPlaceName == "index_copy_" ? "index_copy_(): " : "") + "index \(r) is out of bounds for dimension \(d) with size \(size)", as: outOfRange)
            }
            return r < 0 ? r + size : r
        }
    }

    /// source must be x's shape with index.count along dim d.
    private static func checkSource(_ source: Tensor, _ x: Tensor, _ d: Int, count: Int, _ inPlaceName: String) throws {
        let sourceLength = source.rank == 0 ? 1 : source.shape[d < source.rank ? d : 0]
        guard sourceLength == count else {
            let isAdd = inPlaceName == "index_add_"
            throw LanguageFailure("\(inPlaceName)(): Number of indices (\(count)) should be equal to source.size(dim)\(isAdd ? ": " : " ")(\(sourceLength))\(isAdd ? ", for dim: \(d)" : "")",
                                  as: inPlaceName == "index_copy_" ? .indexError : nil)
        }
        var expected = x.shape
        if !expected.isEmpty { expected[d] = count }
        guard source.shape == expected || (x.rank == 0 && source.count == 1) else {
            throw LanguageFailure("\(inPlaceName)(): source \(source.shape) must have x's shape \(x.shape) with \(count) along dim \(d)",
                                  fix: "give source the shape \(expected)")
        }
        guard TensorOps.dtype(source) == TensorOps.dtype(x) else {
            func typeName(_ t: Tensor) -> String { TensorOps.dtype(t).scalarName }
            throw LanguageFailure("\(inPlaceName)(): self (\(typeName(x))) and source (\(typeName(source))) must have the same scalar type")
        }
    }

    // out = x; out.select(d, index[i]) += alpha · source.select(d, i). Backward: gy to x, alpha · gy.index_select(d, index) to source.
    static func indexAdd(_ x: Tensor, dim d: Int, index: Tensor, source: Tensor, alpha: Float) throws -> Tensor {
        let rows = try vectorIndex(index, x, d, "index_add_")
        try checkSource(source, x, d, count: rows.count, "index_add_")
        let pairs = rowPairs(x.shape, d, rows), out = x.copy()
        for p in pairs { out.data[p.x] += alpha * source.data[p.source] }
        return Autograd.record(TensorKinds.shared.setDType(out, TensorOps.dtype(x)), "index_add", inputs: [x, source]) { gy in
            let gs = Tensor(zeros: source.shape)
            for p in pairs { gs.data[p.source] = alpha * gy.data[p.x] }
            return [gy.copy(), gs]
        }
    }

    // out = x; out.select(d, index[i]) = source.select(d, i). Backward: gy to x but 0 at the
    // copied rows; gy.index_select(d, index) to source.
    static func indexCopy(_ x: Tensor, dim d: Int, index: Tensor, source: Tensor) throws -> Tensor {
        let rows = try vectorIndex(index, x, d, "index_copy_", outOfRange: .indexError)
        try checkSource(source, x, d, count: rows.count, "index_copy_")
        let pairs = rowPairs(x.shape, d, rows), out = x.copy()
        for p in pairs { out.data[p.x] = source.data[p.source] }
        return Autograd.record(TensorKinds.shared.setDType(out, TensorOps.dtype(x)), "index_copy", inputs: [x, source]) { gy in
            let gx = gy.copy(), gs = Tensor(zeros: source.shape)
            for p in pairs { gs.data[p.source] = gy.data[p.x]; gx.data[p.x] = 0 }
            return [gx, gs]
        }
    }

    // out = x; out.select(d, index[i]) = value. Backward: gy to x, 0 at the filled rows.
    static func indexFill(_ x: Tensor, dim d: Int, index: Tensor, value: Float) throws -> Tensor {
        let rows = try vectorIndex(index, x, d, "index_fill_", outOfRange: .indexError)
        let pairs = rowPairs(x.shape, d, rows), dt = TensorOps.dtype(x)
        let stored = dt.isIntegral ? value.rounded(.towardZero) : dt == .bool ? (value != 0 ? 1 : 0) : value
        let out = x.copy()
        for p in pairs { out.data[p.x] = stored }
        return Autograd.record(TensorKinds.shared.setDType(out, dt), "index_fill", inputs: [x]) { gy in
            let gx = gy.copy()
            for p in pairs { gx.data[p.x] = 0 }
            return [gx]
        }
    }

    // out = x; out[…, index[…, i, …], …] += src[…, i, …] along d. Backward: gy to x, gy.gather(d, index) to src.
    static func scatterAdd(_ x: Tensor, dim d: Int, index: Tensor, src: Tensor) throws -> Tensor {
        let (targets, sources) = try scatterPairs(x, dim: d, index: index, src: src, "scatter_add")
        let out = x.copy()
        for (t, s) in zip(targets, sources) { out.data[t] += src.data[s] }
        let result = TensorKinds.shared.setDType(out, TensorOps.dtype(x))
        return Autograd.record(result, "scatter_add", inputs: [x, src]) { gy in
            let gs = Tensor(zeros: src.shape)
            for (t, s) in zip(targets, sources) { gs.data[s] = gy.data[t] }
            return [gy.copy(), gs]
        }
    }

    /// For each element of index, in order: the offset in x it sends to along dim d and the
    /// offset in src it reads (src at index's own coordinates), after PyTorch's checks
    /// (`scatterShapeCheck`; a 0-d tensor counts as one of shape [1]).
    static func scatterPairs(_ x: Tensor, dim d: Int, index: Tensor, src: Tensor, _ what: String) throws -> (targets: [Int], sources: [Int]) {
        try scatterShapeCheck(x, dim: d, index: index, src: src)
        let targets = try indexOffsets(x, index: index, dim: d, what, outOfRange: nil, checkShape: false)
        return (targets, TensorOps.offsets(nonEmptyShape(index), TensorOps.strides(nonEmptyShape(src))))
    }

    /// A 0-d tensor's shape as PyTorch's scatter and gather read it (`ensure_nonempty_size`): [1].
    static func nonEmptyShape(_ t: Tensor) -> [Int] { t.rank == 0 ? [1] : t.shape }

    /// PyTorch's scatter_gather_dtype_check and scatter_shape_check, in their order and texts:
    /// nothing is checked for an empty index; index names as many dims as self (0-d as 1-d), and
    /// fits in self apart from `dim` and in src (whose dims must then match index's too).
    static func scatterShapeCheck(_ x: Tensor, dim d: Int, index: Tensor, src: Tensor?) throws {
        if index.count != 0, !TensorOps.dtype(index).isIntegral { throw LanguageFailure("scatter(): Expected dtype int32/int64 for index") }
        if let src, TensorOps.dtype(src) != TensorOps.dtype(x) { throw LanguageFailure("scatter(): Expected self.dtype to be equal to src.dtype") }
        guard index.count != 0 else { return }
        let (selfShape, indexShape) = (nonEmptyShape(x), nonEmptyShape(index))
        guard indexShape.count == selfShape.count else { throw LanguageFailure("Index tensor must have the same number of dimensions as self tensor") }
        var wrongShape = selfShape.indices.contains { k in k != d && indexShape[k] > selfShape[k] }
        guard let src else {
            if wrongShape { throw LanguageFailure("Expected index \(index.shape) to be no larger than self \(x.shape) apart from dimension \(d)") }
            return
        }
        if !wrongShape {
            for k in selfShape.indices {
                // src.size(k) of a src with fewer dims is PyTorch's IndexError
                guard src.rank == 0 || k < src.rank else {
                    throw LanguageFailure("Dimension out of range (expected to be in range of [\(-src.rank), \(src.rank - 1)], but got \(k))", as: .indexError)
                }
                if indexShape[k] > nonEmptyShape(src)[k] { wrongShape = true; break }
            }
        }
        guard nonEmptyShape(src).count == indexShape.count else { throw LanguageFailure("Index tensor must have the same number of dimensions as src tensor") }
        if wrongShape {
            throw LanguageFailure("Expected index \(index.shape) to be no larger than self \(x.shape) apart from dimension \(d) and to be no larger size than src \(src.shape)")
        }
    }
}
