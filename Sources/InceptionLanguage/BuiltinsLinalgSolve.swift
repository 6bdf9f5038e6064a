import InceptionRuntime

/// torch.linalg.solve(A, B): X with A·X = B, as PyTorch computes it for a contiguous A: LAPACK's
/// sgetrf on the column-major reading of A (our row-major Aᵀ = P·L·U, `factor`), then sgetrs
/// with trans='T' (Uᵀ·z = B forward, Lᵀ·w = z backward, the row swaps undone last), in float.
/// B is (…, n, k) with A's batch dims, or a vector (…, n) when its shape is A's without the last dim.
/// The gradient (PyTorch's linalg_solve backward): gB = solve(Aᵀ, g), gA = −gB·Xᵀ.
extension Interpreter {
    func linalgSolveBuiltin() -> Value {
        Self.builtin(Signature("solve", [("A", nil), ("B", nil), ("left", .bool(true))])) { _, a in
            guard a["left"].isTrue else { throw LanguageFailure("linalg.solve(): left=False is not supported here", fix: "solve the transposed system: solve(A.mT, B.mT).mT") }
            return .tensor(try Self.solve(try a.tensor("A"), try a.tensor("B")))
        }
    }

    // A: (…, n, n), B: (…, n, k) or (…, n) → X shaped as B, recorded
    static func solve(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        let (count, n) = try squareMatrices(a, "linalg.solve")
        let isVector = b.rank == 1 && a.rank == 2 || b.rank == a.rank - 1 && b.shape == Array(a.shape.dropLast())
        let k = isVector ? 1 : (b.rank >= 1 ? b.shape[b.rank - 1] : 0)
        let rowsOfB = isVector ? b.shape[b.rank - 1] : (b.rank >= 2 ? b.shape[b.rank - 2] : 0)
        guard b.rank >= 1, rowsOfB == n else {
            throw LanguageFailure("linalg.solve: Incompatible shapes of A and B for the equation AX = B (\(n)x\(n) and \(rowsOfB)x\(k))")
        }
        guard isVector || Array(b.shape.dropLast(2)) == Array(a.shape.dropLast(2)) else {
            throw LanguageFailure("linalg.solve(): the batch dimensions of A \(formatShape(a.shape)) and B \(formatShape(b.shape)) must be equal here",
                                  fix: "expand them to the same batch shape first")
        }
        guard TensorOps.dtype(b) == .float32 else {
            throw LanguageFailure("linalg.solve: Expected A and B to have the same dtype, but found A of type Float and B of type \(TensorOps.dtype(b).scalarName) instead.")
        }
        let out = Tensor(zeros: b.shape)
        try solveInto(out, a, b, count: count, n: n, k: k, transposed: false)
        return Autograd.record(out, "linalg_solve", inputs: [a, b]) { g in
            let gb = Tensor(zeros: b.shape)
            try solveInto(gb, a, g, count: count, n: n, k: k, transposed: true)
            let ga = Tensor(zeros: a.shape)
            for m in 0..<count {
                let (u, x, d) = (gb.data + m * n * k, out.data + m * n * k, ga.data + m * n * n)
                for i in 0..<n { for j in 0..<n {
                    var s: Float = 0
                    for c in 0..<k { s += u[i * k + c] * x[j * k + c] }
                    d[i * n + j] = -s
                } }
            }
            return [ga, gb]
        }
    }

    /// out = A⁻¹·B (or A⁻ᵀ·B when `transposed`) for each of the `count` matrices, B's columns one at a time.
    static func solveInto(_ out: Tensor, _ a: Tensor, _ b: Tensor, count: Int, n: Int, k: Int, transposed: Bool) throws {
        for m in 0..<count {
            var t = [Float](repeating: 0, count: n * n)
            // LAPACK's column-major reading of A is our row-major Aᵀ; of Aᵀ, A itself
            for i in 0..<n { for j in 0..<n { t[transposed ? i * n + j : j * n + i] = a.data[m * n * n + i * n + j] } }
            let (pivots, zeroPivot) = factor(&t, n)
            if zeroPivot != nil { throw LanguageFailure("torch.linalg.solve: The solver failed because the input matrix is singular.", as: .linAlgError) }
            // t = P·L·U factors Mᵀ (M the matrix solved with); M = Uᵀ·Lᵀ·Pᵀ
            for c in 0..<k {
                var y = (0..<n).map { b.data[m * n * k + $0 * k + c] }
                for i in 0..<n {                              // Uᵀ·z = y: Uᵀ is lower, U's diagonal
                    for j in 0..<i { y[i] -= t[j * n + i] * y[j] }
                    y[i] /= t[i * n + i]
                }
                for i in stride(from: n - 1, through: 0, by: -1) {   // Lᵀ·w = z: unit upper
                    for j in (i + 1)..<n { y[i] -= t[j * n + i] * y[j] }
                }
                for (j, p) in pivots.enumerated().reversed() where p != j { y.swapAt(j, p) }
                for i in 0..<n { out.data[m * n * k + i * k + c] = y[i] }
            }
        }
    }
}
