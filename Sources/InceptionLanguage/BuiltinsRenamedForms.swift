import InceptionRuntime

/// torch functions that are another function with the operands moved or renamed, with PyTorch's
/// arguments and messages: positive (unary +), rsub (other − alpha·input), ldexp (input · 2**other),
/// nextafter (the next float after input towards other) and linalg.vecdot (Σ x·y along dim).
extension Interpreter {
    func renamedFormBuiltins() -> [String: Value] {
        var t: [String: Value] = [:]
        t["positive"] = Self.builtin(Signature("positive", [("input", nil)])) { interpreter, a in
            try interpreter.unary(.plus, .tensor(try a.tensor("input")))
        }
        // rsub(input, other, alpha) is sub(other, input, alpha): its dtype rules and messages
        t["rsub"] = Self.builtin(Signature("rsub", [("input", nil), ("other", nil), ("alpha", .int(1))])) { interpreter, a in
            try interpreter.torchFunction("sub", a["other"], Value.tensor(try a.tensor("input")), keywords: [("alpha", a["alpha"])]).value
        }
        // input · 2.0**other, a float result for any input (PyTorch's composite)
        t["ldexp"] = Self.builtin(Signature("ldexp", [("input", nil), ("other", nil)])) { interpreter, a in
            let x = try a.tensor("input"), powers = try interpreter.torchFunction("pow", 2.0, Value.tensor(try a.tensor("other")))
            return try interpreter.torchFunction("mul", Value.tensor(x), powers.value).value
        }
        // x.nextUp or x.nextDown elementwise, broadcast; float tensors only, no gradient (as PyTorch's)
        t["nextafter"] = Self.builtin(Signature("nextafter", [("input", nil), ("other", nil)])) { _, a in
            let (x, y) = (try a.tensor("input"), try a.tensor("other"))
            // TensorIterator's order: the broadcast, then the common dtype (a 0-d operand of another
            // category counts as a scalar), which the kernel must take: bool with int64 is Long's refusal
            _ = try TensorOps.broadcastShape(x.shape, y.shape)
            let common = TensorOps.promote(TensorOps.dtype(x), rank: x.rank, TensorOps.dtype(y), rank: y.rank)
            guard common == .float32 else {
                throw LanguageFailure("\"nextafter_cpu\" not implemented for '\(common.scalarName)'", fix: "convert first: x.float()", as: .notImplementedError)
            }
            return .tensor(try Self.pairwiseFloat(x, y, { p, q in p.isNaN || q.isNaN ? .nan : p == q ? q : p < q ? p.nextUp : p.nextDown },
                                                  nil, nil, "NextafterBackward0"))
        }
        return t
    }

    /// torch.linalg.vecdot(x, y, dim=-1): the broadcast product summed along dim; float tensors of one dtype only.
    func vecdotBuiltin() -> Value {
        Self.builtin(Signature("vecdot", [("x", nil), ("y", nil), ("dim", .int(-1))])) { interpreter, a in
            let (x, y) = (try a.tensor("x"), try a.tensor("y"))
            // PyTorch's order: x a float tensor, then one dtype; two vectors go to dot (its message)
            guard TensorOps.dtype(x) == .float32 else {
                throw LanguageFailure("linalg.vecdot: Expected a floating point or complex tensor as input. Got \(TensorOps.dtype(x).scalarName)", as: .notImplementedError)
            }
            guard TensorOps.dtype(x) == TensorOps.dtype(y) else {
                throw LanguageFailure("linalg.vecdot: Expected x and y to have the same dtype, but found x of type \(TensorOps.dtype(x).scalarName) and y of type \(TensorOps.dtype(y).scalarName) instead")
            }
            if x.rank == 1, y.rank == 1, x.count != y.count {
                throw LanguageFailure("inconsistent tensor size, expected tensor [\(x.count)] and src [\(y.count)] to have the same number of elements, but got \(x.count) and \(y.count) elements respectively")
            }
            return try interpreter.torchFunction("mul", Value.tensor(x), Value.tensor(y)).call("sum", a["dim"]).value
        }
    }
}
