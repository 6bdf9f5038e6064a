import Foundation

/// torch.multinomial on the CPU, draw for draw (ATen's Distributions.cpp and
/// cpu/MultinomialKernel.cpp), in the probabilities' own type P (float for a float32 tensor,
/// double for WeightedRandomSampler's weights):
/// - without replacement, or one sample: every entry of every row takes an exponential draw q
///   (row by row, as `exponential_` fills the tensor), and each row's samples are the indices of
///   its largest p / q (the first largest for one sample, as argmax; the k largest in order, as
///   topk, equal keys where GCC's sorting leaves them, as PyTorch's build);
/// - with replacement: each row's running sum in P, divided by the total, its last entry set to
///   1; each sample a double uniform, placed by binary search on the first entry not below it.
public enum TorchMultinomial {
    /// Why a distribution cannot be drawn from, in PyTorch's words.
    public struct Failure: Error, Sendable {
        public let message: String
    }

    /// `samples` indices for each row of `rows` (each row the same number of categories, which
    /// the caller has checked, as the sample counts).
    public static func draw<P: BinaryFloatingPoint>(_ rows: [[P]], samples: Int, replacement: Bool,
                                                    _ generator: inout TorchGenerator) throws -> [[Int]] {
        if !replacement || samples == 1 { return try exponentialRace(rows, samples: samples, &generator) }
        return try rows.map { try withReplacement($0, samples: samples, &generator) }
    }

    /// The fast path: argmax / topk of p / q, q ~ Exp(1).
    static func exponentialRace<P: BinaryFloatingPoint>(_ rows: [[P]], samples: Int, _ generator: inout TorchGenerator) throws -> [[Int]] {
        // checked before any draw: every entry finite and ≥ 0, no row summing to 0
        guard rows.allSatisfy({ $0.allSatisfy { $0.isFinite && $0 >= 0 } }) else {
            throw Failure(message: "probability tensor contains either `inf`, `nan` or element < 0")
        }
        guard rows.allSatisfy({ $0.contains { $0 > 0 } }) else {
            throw Failure(message: "invalid multinomial distribution (sum of probabilities <= 0)")
        }
        let q = rows.map { row in row.map { _ in P(generator.exponentialDouble()) } }
        return zip(rows, q).map { row, draws in
            let keys = zip(row, draws).map { $0 / $1 }
            if samples == 1 {
                var best = 0
                for j in keys.indices where keys[j] > keys[best] || (keys[j].isNaN && !keys[best].isNaN) { best = j }
                return [best]
            }
            // topk's CPU loop: a partial sort when k · 64 ≤ n, else nth_element then a sort of the
            // first k − 1; NaN ranks first. Equal keys (zero probabilities) come in the order these leave them.
            var queue = keys.enumerated().map { (key: $0.element, index: $0.offset) }
            let before = { (x: (key: P, index: Int), y: (key: P, index: Int)) in (x.key.isNaN && !y.key.isNaN) || x.key > y.key }
            if samples * 64 <= queue.count {
                LibstdcxxSorting.partialSort(&queue, 0, samples, queue.count, by: before)
            } else {
                LibstdcxxSorting.nthElement(&queue, 0, samples - 1, queue.count, by: before)
                LibstdcxxSorting.sort(&queue, 0, samples - 1, by: before)
            }
            return queue.prefix(samples).map(\.index)
        }
    }

    /// multinomial_with_replacement_apply for one row.
    static func withReplacement<P: BinaryFloatingPoint>(_ row: [P], samples: Int, _ generator: inout TorchGenerator) throws -> [Int] {
        var cumulative = [P](repeating: 0, count: row.count)
        var sum: P = 0
        for (j, p) in row.enumerated() {
            guard p >= 0 else { throw Failure(message: "invalid multinomial distribution (encountering probability entry < 0)") }
            guard p.isFinite else { throw Failure(message: "invalid multinomial distribution (encountering probability entry = infinity or NaN)") }
            sum += p
            cumulative[j] = sum
        }
        guard sum > 0 else { throw Failure(message: "invalid multinomial distribution (sum of probabilities <= 0)") }
        for j in cumulative.indices { cumulative[j] /= sum }
        cumulative[cumulative.count - 1] = 1
        return (0..<samples).map { _ in
            let u = generator.uniformDouble()
            var (left, right) = (0, cumulative.count)
            while right > left {
                let mid = left + (right - left) / 2
                if Double(cumulative[mid]) < u { left = mid + 1 } else { right = mid }
            }
            return left
        }
    }
}
