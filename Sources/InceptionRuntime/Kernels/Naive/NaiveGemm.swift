/// `Gemm.multiply`'s textbook twin: three loops, the sum in Double.
public enum NaiveGemm {
    // a: op(A) (m, k); b: op(B) (k, n) → (m, n), row-major
    public static func multiply(m: Int, n: Int, k: Int, a: [Float], lda: Int, transposeA: Bool,
                                b: [Float], ldb: Int, transposeB: Bool) -> [Float] {
        var c = [Float](repeating: 0, count: m * n)
        for i in 0..<m {
            for j in 0..<n {
                var sum = 0.0
                for p in 0..<k {
                    let x = transposeA ? a[p * lda + i] : a[i * lda + p]
                    let y = transposeB ? b[j * ldb + p] : b[p * ldb + j]
                    sum += Double(x) * Double(y)
                }
                c[i * n + j] = Float(sum)
            }
        }
        return c
    }
}
