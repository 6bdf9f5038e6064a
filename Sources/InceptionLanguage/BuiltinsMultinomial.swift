import InceptionRuntime

/// torch.multinomial(input, num_samples, replacement=False, *, generator=None) and
/// x.multinomial(…): indices drawn from each row of a 1-D or 2-D tensor of weights, PyTorch's
/// CPU numbers after torch.manual_seed or from the torch.Generator given (TorchMultinomial).
extension Interpreter {
    var multinomialFunction: Value {
        Self.builtin(Signature("multinomial", [("input", nil), ("num_samples", nil), ("replacement", .bool(false)),
                                               ("generator", Value.none), ("out", Value.none)])) { _, a in
            guard a["out"].isNone else { throw LanguageFailure("multinomial(out=…) is not supported here", fix: "assign the result: idx = torch.multinomial(p, n)") }
            let x = try a.tensor("input")
            try TensorOps.requireValues(x, what: "multinomial()")
            guard x.rank == 1 || x.rank == 2 else { throw LanguageFailure("prob_dist must be 1 or 2 dim") }
            let dtype = TensorOps.dtype(x)
            guard dtype.isFloating else { throw LanguageFailure("multinomial only supports floating-point dtypes for input, got: \(dtype.scalarName)") }
            let samples = try a.int("num_samples"), replacement = try a.bool("replacement")
            let categories = x.shape[x.rank - 1], rowCount = x.rank == 2 ? x.shape[0] : 1
            guard samples > 0 else { throw LanguageFailure("cannot sample n_sample <= 0 samples") }
            guard replacement || samples <= categories else { throw LanguageFailure("cannot sample n_sample > prob_dist.size(-1) samples without replacement") }
            guard categories <= 1 << 24 else { throw LanguageFailure("number of categories cannot exceed 2^24") }
            try MemoryBudget.check(shape: [rowCount, samples], what: "multinomial()")
            let outShape = x.rank == 2 ? [rowCount, samples] : [samples]
            guard rowCount > 0 else { return .tensor(TensorOps.make(outShape, values: [], .int64)) }
            let values = x.values
            let rows = (0..<rowCount).map { Array(values[($0 * categories)..<(($0 + 1) * categories)]) }
            let drawn = try Self.multinomialDraw(rows, samples: samples, replacement: replacement, generator: a["generator"], "multinomial")
            return .tensor(TensorOps.make(outShape, values: drawn.joined().map(Float.init), .int64))
        }
    }

    /// TorchMultinomial.draw from `generator=`'s stream, its failures as PyTorch's RuntimeErrors.
    static func multinomialDraw<P: BinaryFloatingPoint>(_ rows: [[P]], samples: Int, replacement: Bool, generator: Value,
                                                        _ name: String) throws -> [[Int]] {
        do {
            return try drawing(from: generator, name) { try TorchMultinomial.draw(rows, samples: samples, replacement: replacement, &$0) }
        } catch let failure as TorchMultinomial.Failure {
            throw LanguageFailure(failure.message)
        }
    }
}
