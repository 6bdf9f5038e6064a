import InceptionRuntime

/// torch.select_scatter, torch.slice_scatter and torch.diagonal_scatter (and their tensor
/// methods): a copy of input whose select / slice / diagonal view holds src. src must have the
/// view's shape exactly (no broadcasting), as PyTorch checks it.
extension Interpreter {
    static let viewScatterNames = ["select_scatter", "slice_scatter", "diagonal_scatter"]

    func viewScatterBuiltins() -> [String: Value] {
        var t: [String: Value] = [:]
        // input (…, n, …), src: input without dim → input with input[…, index, …] = src
        t["select_scatter"] = Self.builtin(Signature("select_scatter", [("input", nil), ("src", nil), ("dim", nil), ("index", nil)])) { [unowned self] _, a in
            let x = try a.tensor("input"), dim = try a.int("dim")
            let view = try composed(x).call("select", dim, try a.int("index"))
            let key = Array(repeating: Value.object(try SliceObject(nil, nil, nil)), count: try TensorOps.dim(dim, rank: x.rank)) + [a["index"]]
            return try scatteredCopy(x, key, view, try a.tensor("src"), "SelectScatterBackward0")
        }
        // input, src: input[start:end:step] along dim → input with that slice = src
        t["slice_scatter"] = Self.builtin(Signature("slice_scatter", [("input", nil), ("src", nil), ("dim", .int(0)), ("start", Value.none), ("end", Value.none), ("step", .int(1))])) { [unowned self] _, a in
            let x = try a.tensor("input")
            let d = try TensorOps.dim(try a.int("dim"), rank: x.rank)
            let key = Array(repeating: Value.object(try SliceObject(nil, nil, nil)), count: d) + [.object(try SliceObject(a["start"], a["end"], a["step"]))]
            let view = Composed(value: try getItem(.tensor(x), .tuple(key)), interpreter: self)
            return try scatteredCopy(x, key, view, try a.tensor("src"), "SliceScatterBackward0")
        }
        // input, src: input.diagonal(offset, dim1, dim2) → input with that diagonal = src
        t["diagonal_scatter"] = Self.builtin(Signature("diagonal_scatter", [("input", nil), ("src", nil), ("offset", .int(0)), ("dim1", .int(0)), ("dim2", .int(1))])) { [unowned self] _, a in
            let (x, src) = (try a.tensor("input"), try a.tensor("src"))
            let view = try composed(x).call("diagonal", a["offset"], a["dim1"], a["dim2"])
            try Self.checkScatterSource(src, view: try view.tensor)
            if GradMode.isEnabled && (x.requiresGrad || src.requiresGrad) {
                throw LanguageFailure("diagonal_scatter() of tensors that require grad is not supported here",
                                      fix: "compose it: x * (1 - torch.eye(n)) + torch.diag_embed(src)")
            }
            let out = try composed(x).call("clone")
            _ = try out.call("diagonal", a["offset"], a["dim1"], a["dim2"]).call("copy_", src)
            return out.value
        }
        return t
    }

    /// src checked against the view's shape, then a clone of x with x[key] = src, recorded for backward.
    private func scatteredCopy(_ x: Tensor, _ key: [Value], _ view: Composed, _ src: Tensor, _ gradFunction: String) throws -> Value {
        try Self.checkScatterSource(src, view: try view.tensor)
        let out = try composed(x).call("clone")
        try setItem(out.value, .tuple(key), .tensor(src))
        return try out.named(gradFunction).value
    }

    static func checkScatterSource(_ src: Tensor, view: Tensor) throws {
        guard src.shape == view.shape else {
            throw LanguageFailure("expected src to have a size equal to the slice of self. src size = \(src.shape), slice size = \(view.shape)")
        }
    }
}
