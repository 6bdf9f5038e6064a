import Foundation
import InceptionRuntime

/// nn.init's matrix initialisers: eye_, dirac_, orthogonal_, sparse_ and _calculate_fan_in_and_fan_out.
extension Interpreter {
    func initMatrixBuiltins(fans: @escaping (Tensor) throws -> (Double, Double)) -> [String: Value] {
        var t: [String: Value] = [:]
        t["_calculate_fan_in_and_fan_out"] = Self.builtin(Signature("_calculate_fan_in_and_fan_out", [("tensor", nil)])) { _, a in
            let (fanIn, fanOut) = try fans(try a.tensor("tensor"))
            return .tuple([.int(Int(fanIn)), .int(Int(fanOut))])
        }
        // (n, m) → 1 on the diagonal, 0 elsewhere
        t["eye_"] = Self.builtin(Signature("eye_", [("tensor", nil)])) { _, a in
            let x = try a.tensor("tensor")
            guard x.rank == 2 else { throw LanguageFailure("Only tensors with 2 dimensions are supported", as: .valueError) }
            let (n, m) = (x.shape[0], x.shape[1])
            x.buffer.update(repeating: 0)
            for i in 0..<min(n, m) { x.data[i * m + i] = 1 }
            TensorKinds.shared.wroteInPlace(x)
            return .tensor(x)
        }
        // init.dirac_: (O, C, k…) zeros but a 1 at the centre of filter d's channel d, in each of `groups` groups,
        // so the convolution passes its first min(O / groups, C) channels through
        t["dirac_"] = Self.builtin(Signature("dirac_", [("tensor", nil), ("groups", .int(1))])) { _, a in
            let x = try a.tensor("tensor"), groups = try a.int("groups")
            guard (3...5).contains(x.rank) else { throw LanguageFailure("Only tensors with 3, 4, or 5 dimensions are supported", as: .valueError) }
            guard groups > 0, x.shape[0] % groups == 0 else { throw LanguageFailure("dim 0 must be divisible by groups", as: .valueError) }
            let perGroup = x.shape[0] / groups, channels = x.shape[1], window = Array(x.shape.dropFirst(2))
            let strides = TensorOps.strides(x.shape)
            let centre = zip(window, strides.dropFirst(2)).reduce(0) { $0 + ($1.0 / 2) * $1.1 }
            x.buffer.update(repeating: 0)
            for g in 0..<groups { for d in 0..<min(perGroup, channels) { x.data[(g * perGroup + d) * strides[0] + d * strides[1] + centre] = 1 } }
            TensorKinds.shared.wroteInPlace(x)
            return .tensor(x)
        }
        // init.orthogonal_: a (rows, cols) normal draw (rows = shape[0], cols = the rest), transposed
        // when wide, its QR's Q with each column's sign made that of R's diagonal, transposed back, × gain
        t["orthogonal_"] = Self.builtin(Signature("orthogonal_", [("tensor", nil), ("gain", .float(1)), ("generator", Value.none)])) { _, a in
            let x = try a.tensor("tensor")
            guard x.rank >= 2 else { throw LanguageFailure("Only tensors with 2 or more dimensions are supported", as: .valueError) }
            if x.count == 0 { return .tensor(x) }
            let rows = x.shape[0], cols = x.count / rows
            let drawn = Tensor(zeros: [rows, cols])
            try Self.drawing(from: a["generator"], "orthogonal_") { $0.fillNormal(drawn.data, count: drawn.count, mean: 0, std: 1) }
            let wide = rows < cols
            let (m, n) = wide ? (cols, rows) : (rows, cols)         // the matrix factored: m ≥ n
            var matrix = [Double](repeating: 0, count: m * n)       // row-major (m, n)
            for i in 0..<rows { for j in 0..<cols { matrix[wide ? j * n + i : i * n + j] = Double(drawn.data[i * cols + j]) } }
            let q = Self.signedQ(matrix, m, n)
            let gain = try a.double("gain")
            for i in 0..<rows { for j in 0..<cols { x.data[i * cols + j] = Float(gain * (wide ? q[j * n + i] : q[i * n + j])) } }
            TensorKinds.shared.wroteInPlace(x)
            return .tensor(x)
        }
        // init.sparse_ (Martens 2010): (rows, cols) normal(0, std) from generator=, then in each column
        // the rows of the first ⌈sparsity·rows⌉ of a randperm(rows) zeroed; as PyTorch's, the randperms
        // come from the default stream whatever generator= is, and a negative count slices from the end
        t["sparse_"] = Self.builtin(Signature("sparse_", [("tensor", nil), ("sparsity", nil), ("std", .float(0.01)), ("generator", Value.none)])) { _, a in
            let x = try a.tensor("tensor")
            guard x.rank == 2 else { throw LanguageFailure("Only tensors with 2 dimensions are supported", as: .valueError) }
            let (rows, cols) = (x.shape[0], x.shape[1])
            let product = try a.double("sparsity") * Double(rows)
            guard product.isFinite else { throw LanguageFailure("cannot convert float \(product.isNaN ? "NaN" : "infinity") to integer", as: product.isNaN ? .valueError : .overflowError) }
            let zeros = Int(product.rounded(.up))                             // math.ceil, then row_indices[:zeros]
            let zeroed = zeros >= 0 ? min(zeros, rows) : max(rows + zeros, 0)
            let std = try a.double("std")
            try Self.drawing(from: a["generator"], "sparse_") { $0.fillNormal(x.data, count: x.count, mean: 0, std: std) }
            for column in 0..<cols {
                let order = try Self.drawing(from: .none, "randperm") { $0.permutation(rows) }
                for row in order.prefix(zeroed) { x.data[row * cols + column] = 0 }
            }
            TensorKinds.shared.wroteInPlace(x)
            return .tensor(x)
        }
        return t
    }

    /// The reduced QR of a (m, n) matrix (m ≥ n, row-major) by Householder reflections, as LAPACK's
    /// geqrf: Q (m, n) with column k multiplied by the sign of R[k, k], which makes it unique.
    static func signedQ(_ a: [Double], _ m: Int, _ n: Int) -> [Double] {
        var r = a
        var reflectors: [[Double]] = []
        for k in 0..<n {
            var v = (k..<m).map { r[$0 * n + k] }
            let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            let alpha = v[0] >= 0 ? -norm : norm
            v[0] -= alpha
            let vNorm = v.reduce(0) { $0 + $1 * $1 }
            if vNorm > 0 {
                for j in k..<n {            // R ← (I − 2vvᵀ/vᵀv) R on rows k…m−1
                    var dot = 0.0
                    for i in k..<m { dot += v[i - k] * r[i * n + j] }
                    let f = 2 * dot / vNorm
                    for i in k..<m { r[i * n + j] -= f * v[i - k] }
                }
            }
            reflectors.append(vNorm > 0 ? v.map { $0 / vNorm.squareRoot() } : v.map { _ in 0 })
        }
        // Q = H0 H1 … H(n−1) applied to the first n columns of the identity
        var q = [Double](repeating: 0, count: m * n)
        for i in 0..<n { q[i * n + i] = 1 }
        for k in stride(from: n - 1, through: 0, by: -1) {
            let v = reflectors[k]
            for j in 0..<n {
                var dot = 0.0
                for i in k..<m { dot += v[i - k] * q[i * n + j] }
                for i in k..<m { q[i * n + j] -= 2 * dot * v[i - k] }
            }
        }
        for k in 0..<n where r[k * n + k] < 0 { for i in 0..<m { q[i * n + k] = -q[i * n + k] } }
        return q
    }
}
