import Foundation
import InceptionRuntime

/// The normalisation LayerNorm, GroupNorm and InstanceNorm share: x seen as `rows` rows of
/// `length` values, each row brought to mean 0 and (biased) variance 1, then scaled and shifted
/// by the weight and bias entry `parameter(row, i)` names for its i-th value (LayerNorm: the
/// element's own; GroupNorm: its channel's). Statistics in double, per row; recorded for backward:
///   x̂ = (x − mean)·rstd; g = gy·w; dx = rstd·(g − mean(g) − x̂·mean(g·x̂)); dW = Σ gy·x̂; dB = Σ gy
enum RowNormalization {
    // x: rows × length values; weight and bias: any shape, indexed by parameter(row, i) → x's shape
    static func normalize(_ x: Tensor, rows: Int, length n: Int, weight: Tensor?, bias: Tensor?, eps: Double,
                          label: String, gradName: String, parameter: @escaping (Int, Int) -> Int) -> Tensor {
        let y = Tensor(uninitialized: x.shape)
        var means = [Float](repeating: 0, count: rows), rstds = [Float](repeating: 0, count: rows)
        for r in 0..<rows {
            let row = x.data + r * n
            var sum = 0.0
            for i in 0..<n { sum += Double(row[i]) }
            let mean = sum / Double(max(n, 1))
            var squares = 0.0
            for i in 0..<n { let d = Double(row[i]) - mean; squares += d * d }
            let rstd = 1 / (squares / Double(max(n, 1)) + eps).squareRoot()
            means[r] = Float(mean); rstds[r] = Float(rstd)
            for i in 0..<n {
                var v = (row[i] - Float(mean)) * Float(rstd)
                if let weight { v *= weight.data[parameter(r, i)] }
                if let bias { v += bias.data[parameter(r, i)] }
                y.data[r * n + i] = v
            }
        }
        let out = Autograd.record(y, label, inputs: [x, weight, bias]) { gy in
            let dx = Tensor(zeros: x.shape)
            let dw = weight.map { Tensor(zeros: $0.shape) }, db = bias.map { Tensor(zeros: $0.shape) }
            var normalized = [Float](repeating: 0, count: n), scaled = [Float](repeating: 0, count: n)
            for r in 0..<rows {
                var meanG = 0.0, meanGX = 0.0
                for i in 0..<n {
                    let (at, p) = (r * n + i, parameter(r, i))
                    normalized[i] = (x.data[at] - means[r]) * rstds[r]
                    scaled[i] = gy.data[at] * (weight?.data[p] ?? 1)
                    meanG += Double(scaled[i]); meanGX += Double(scaled[i] * normalized[i])
                    dw?.data[p] += gy.data[at] * normalized[i]
                    db?.data[p] += gy.data[at]
                }
                meanG /= Double(max(n, 1)); meanGX /= Double(max(n, 1))
                for i in 0..<n {
                    dx.data[r * n + i] = rstds[r] * (scaled[i] - Float(meanG) - normalized[i] * Float(meanGX))
                }
            }
            return [dx, dw, db]
        }
        out.gradNode?.displayName = gradName
        return out
    }
}
