import Foundation
import InceptionRuntime

/// torch.linalg.inv and det (torch.inverse, torch.det, x.inverse(), x.det()) on (…, n, n)
/// float matrices, and torch.cdist's Euclidean distances. Both factor as LAPACK's sgetrf does for PyTorch: partial pivoting on the
/// column-major matrix LAPACK reads (our row-major Aᵀ), in float, multipliers by the pivot's
/// reciprocal, so det([[4, 7], [2, 6]]) is PyTorch's 10.0000019, not 10. The gradients:
///   inv:  dA = −Xᵀ · g · Xᵀ   (X = A⁻¹)
///   det:  dA = g · det · A⁻ᵀ  (refused for a singular matrix, whose A⁻¹ does not exist)
extension Interpreter {
    static let linalgMethodNames = ["inverse", "det"]

    func linalgTensorMember(_ x: Tensor, _ name: String) -> Value? {
        guard Self.linalgMethodNames.contains(name) else { return nil }
        return .builtin(Builtin(name) { _, arguments in
            _ = try Signature(name).bind(arguments)
            return .tensor(name == "det" ? try Self.determinant(x) : try Self.inverse(x, "linalg.inv"))
        })
    }

    /// torch.cdist(x1 (…, P, M), x2 (…, R, M)) → (…, P, R): ‖x1_p − x2_r‖₂, each sum of squares
    /// in float; the gradient (x1_p − x2_r)/d, 0 where d is 0 (as PyTorch's).
    func cdistBuiltin() -> Value {
        Self.builtin(Signature("cdist", [("x1", nil), ("x2", nil), ("p", .float(2)), ("compute_mode", Value.none)])) { interpreter, a in
            let (x1, x2) = (try a.tensor("x1"), try a.tensor("x2"))
            let norm = try a.double("p")
            guard norm >= 0 else { throw LanguageFailure("cdist only supports non-negative p values") }
            guard x1.rank >= 2, x2.rank >= 2 else { throw LanguageFailure("cdist only supports at least 2D tensors, X1 got: \(x1.rank)D") }
            guard x1.rank == x2.rank, Array(x1.shape.dropLast(2)) == Array(x2.shape.dropLast(2)) else {
                throw LanguageFailure("cdist(): the batch dimensions of \(formatShape(x1.shape)) and \(formatShape(x2.shape)) must be equal here")
            }
            let (m, p, r) = (x1.shape[x1.rank - 1], x1.shape[x1.rank - 2], x2.shape[x2.rank - 2])
            guard x2.shape[x2.rank - 1] == m else {
                throw LanguageFailure("X1 and X2 must have the same number of columns. X1: \(m) X2: \(x2.shape[x2.rank - 1])")
            }
            guard TensorOps.dtype(x1) == .float32, TensorOps.dtype(x2) == .float32 else {
                throw LanguageFailure("cdist only supports floating-point dtypes, X1 got: \(TensorOps.dtype(x1).scalarName)")
            }
            let batches = x1.count / max(p * m, 1)
            var shape = Array(x1.shape.dropLast(2)); shape += [p, r]
            try MemoryBudget.check(shape: shape, what: "cdist()")
            if norm != 2 {
                // another p: ‖x1_p − x2_r‖_p along the last dim (vector_norm's values and gradient)
                try MemoryBudget.check(shape: shape + [m], what: "cdist()")
                let difference = try interpreter.composed(x1).call("unsqueeze", -2) - (try interpreter.composed(x2).call("unsqueeze", -3))
                let out = try difference.call("norm", a["p"], -1).tensor
                out.gradNode?.displayName = "CdistBackward0"
                return .tensor(out)
            }
            let out = TensorOps.make(shape) { d in
                for b in 0..<batches { for i in 0..<p { for j in 0..<r {
                    let (u, v) = (x1.data + (b * p + i) * m, x2.data + (b * r + j) * m)
                    var sum: Float = 0
                    for k in 0..<m { let diff = u[k] - v[k]; sum += diff * diff }
                    d[(b * p + i) * r + j] = sum.squareRoot()
                } } }
            }
            return .tensor(Autograd.record(out, "cdist", inputs: [x1, x2]) { g in
                let (g1, g2) = (Tensor(zeros: x1.shape), Tensor(zeros: x2.shape))
                for b in 0..<batches { for i in 0..<p { for j in 0..<r {
                    let at = (b * p + i) * r + j, dist = out.data[at]
                    guard dist > 0 else { continue }
                    let scale = g.data[at] / dist
                    for k in 0..<m {
                        let diff = x1.data[(b * p + i) * m + k] - x2.data[(b * r + j) * m + k]
                        g1.data[(b * p + i) * m + k] += scale * diff
                        g2.data[(b * r + j) * m + k] -= scale * diff
                    }
                } } }
                return [g1, g2]
            })
        }
    }

    func linalgBuiltins() -> [String: Value] {
        ["inv": Self.builtin(Signature("inv", [("A", nil)])) { _, a in .tensor(try Self.inverse(try a.tensor("A"), "linalg.inv")) },
         "det": Self.builtin(Signature("det", [("A", nil)])) { _, a in .tensor(try Self.determinant(try a.tensor("A"))) },
         "solve": linalgSolveBuiltin()]
    }

    /// LU of one n×n matrix as LAPACK factors the column-major reading of it: t is Aᵀ (row-major),
    /// overwritten by L (unit, below) and U; returns the pivot rows and the first zero pivot (1-based).
    static func factor(_ t: inout [Float], _ n: Int) -> (pivots: [Int], zeroPivot: Int?) {
        var pivots: [Int] = [], zeroPivot: Int?
        for j in 0..<n {
            var p = j
            for i in (j + 1)..<max(n, j + 1) where abs(t[i * n + j]) > abs(t[p * n + j]) { p = i }
            pivots.append(p)
            if p != j { for k in 0..<n { t.swapAt(j * n + k, p * n + k) } }
            let pivot = t[j * n + j]
            if pivot == 0 { zeroPivot = zeroPivot ?? j + 1; continue }
            let reciprocal = 1 / pivot
            for i in (j + 1)..<max(n, j + 1) {
                t[i * n + j] *= reciprocal
                let l = t[i * n + j]
                for k in (j + 1)..<n { t[i * n + k] -= l * t[j * n + k] }
            }
        }
        return (pivots, zeroPivot)
    }

    /// The matrices of a (…, n, n) tensor, checked square and float.
    static func squareMatrices(_ a: Tensor, _ name: String) throws -> (count: Int, n: Int) {
        guard a.rank >= 2 else { throw LanguageFailure("\(name): The input tensor A must have at least 2 dimensions.") }
        let (rows, cols) = (a.shape[a.rank - 2], a.shape[a.rank - 1])
        guard rows == cols else { throw LanguageFailure("\(name): A must be batches of square matrices, but they are \(rows) by \(cols) matrices") }
        guard TensorOps.dtype(a) == .float32 else {
            throw LanguageFailure("\(name): Expected a floating point or complex tensor as input. Got \(TensorOps.dtype(a).scalarName)", as: .notImplementedError)
        }
        return (a.count / max(rows * rows, 1), rows)
    }

    // A: (…, n, n) → A⁻¹ (…, n, n), recorded
    static func inverse(_ a: Tensor, _ name: String) throws -> Tensor {
        let (count, n) = try squareMatrices(a, name)
        let out = try invertedMatrices(a, name)
        return Autograd.record(out, "linalg_inv", inputs: [a]) { g in
            // dA = −Xᵀ g Xᵀ for each matrix
            let ga = Tensor(zeros: a.shape)
            for m in 0..<count {
                let (x, gy, d) = (out.data + m * n * n, g.data + m * n * n, ga.data + m * n * n)
                var xtg = [Float](repeating: 0, count: n * n)
                for i in 0..<n { for k in 0..<n { for j in 0..<n { xtg[i * n + j] += x[k * n + i] * gy[k * n + j] } } }
                for i in 0..<n { for k in 0..<n { for j in 0..<n { d[i * n + j] -= xtg[i * n + k] * x[j * n + k] } } }
            }
            return [ga]
        }
    }

    // A: (…, n, n) → A⁻¹ (…, n, n), not recorded
    static func invertedMatrices(_ a: Tensor, _ name: String) throws -> Tensor {
        let (count, n) = try squareMatrices(a, name)
        let out = Tensor(zeros: a.shape)
        for m in 0..<count {
            let base = m * n * n
            var t = [Float](repeating: 0, count: n * n)     // Aᵀ
            for i in 0..<n { for j in 0..<n { t[j * n + i] = a.data[base + i * n + j] } }
            let (pivots, zeroPivot) = factor(&t, n)
            if let zeroPivot {
                throw LanguageFailure("\(name): The diagonal element \(zeroPivot) is zero, the inversion could not be completed because the input matrix is singular.", as: .linAlgError)
            }
            // Y = (Aᵀ)⁻¹ column by column (P·Aᵀ = L·U), then A⁻¹ = Yᵀ: row k of A⁻¹ is column k of Y
            for k in 0..<n {
                var y = [Float](repeating: 0, count: n)
                y[k] = 1
                for (j, p) in pivots.enumerated() where p != j { y.swapAt(j, p) }
                for i in 0..<n { for j in 0..<i { y[i] -= t[i * n + j] * y[j] } }
                for i in stride(from: n - 1, through: 0, by: -1) {
                    for j in (i + 1)..<max(n, i + 1) { y[i] -= t[i * n + j] * y[j] }
                    y[i] /= t[i * n + i]
                }
                for i in 0..<n { out.data[base + k * n + i] = y[i] }
            }
        }
        return out
    }

    // A: (…, n, n) → det (…)
    static func determinant(_ a: Tensor) throws -> Tensor {
        let (count, n) = try squareMatrices(a, "linalg.det")
        var singular = false
        let out = TensorOps.make(Array(a.shape.dropLast(2))) { p in
            for m in 0..<count {
                var t = [Float](repeating: 0, count: n * n)
                for i in 0..<n { for j in 0..<n { t[j * n + i] = a.data[m * n * n + i * n + j] } }
                let (pivots, zeroPivot) = factor(&t, n)
                singular = singular || zeroPivot != nil
                // the diagonal's product in order, then the sign of the row swaps
                var product: Float = 1
                for i in 0..<n { product *= t[i * n + i] }
                let swaps = pivots.enumerated().filter { $0.offset != $0.element }.count
                p[m] = swaps % 2 == 0 ? product : -product
            }
        }
        return Autograd.record(out, "linalg_det", inputs: [a]) { g in
            guard !singular else { throw LanguageFailure("det backward: the matrix is singular, which is not supported here") }
            let inv = try invertedMatrices(a, "linalg.det")
            let ga = Tensor(zeros: a.shape)
            for m in 0..<count {
                let scale = g.data[m] * out.data[m]
                for i in 0..<n { for j in 0..<n { ga.data[m * n * n + i * n + j] = scale * inv.data[m * n * n + j * n + i] } }
            }
            return [ga]
        }
    }
}
