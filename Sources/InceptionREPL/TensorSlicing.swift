import Foundation
import InceptionRuntime

/// `[0, 5, :4, :4]`: one index or a start:stop range per dimension, as NumPy writes them.
/// Missing trailing dimensions are taken whole; negative numbers count from the end.
public struct TensorSlice: Equatable {
    public enum Part: Equatable { case index(Int), range(Int?, Int?) }
    public var parts: [Part]

    public struct ParseError: Error, CustomStringConvertible, Equatable {
        public var description: String
    }

    public static func parse(_ text: String) throws -> TensorSlice {
        var body = text.trimmingCharacters(in: .whitespaces)
        guard body.hasPrefix("["), body.hasSuffix("]") else {
            throw ParseError(description: "write the slice in brackets, e.g. [0, 5, :4, :4]")
        }
        body = String(body.dropFirst().dropLast())
        if body.trimmingCharacters(in: .whitespaces).isEmpty { return TensorSlice(parts: []) }
        var parts: [Part] = []
        for (i, piece) in body.split(separator: ",", omittingEmptySubsequences: false).enumerated() {
            let p = piece.trimmingCharacters(in: .whitespaces)
            func number(_ s: Substring) throws -> Int? {
                let t = s.trimmingCharacters(in: .whitespaces)
                if t.isEmpty { return nil }
                guard let n = Int(t) else { throw ParseError(description: "'\(t)' in position \(i + 1) is not a whole number") }
                return n
            }
            if p.filter({ $0 == ":" }).count > 1 {
                throw ParseError(description: "'\(p)' in position \(i + 1) has a step: :show takes start:stop without one (e.g. 1:2); print(x[::2]) in code takes steps")
            }
            if let colon = p.firstIndex(of: ":") {
                parts.append(.range(try number(p[..<colon]), try number(p[p.index(after: colon)...])))
            } else if let n = try number(Substring(p)) {
                parts.append(.index(n))
            } else {
                throw ParseError(description: "position \(i + 1) is empty: write a number, a range like 0:4, or :")
            }
        }
        return TensorSlice(parts: parts)
    }

    /// The selected values and the shape they keep (dimensions given a single index drop out).
    public func apply(to t: Tensor) throws -> (shape: [Int], values: [Float]) {
        guard parts.count <= t.rank else {
            throw ParseError(description: "\(parts.count) indices for a \(t.rank)-D tensor of shape \(formatShape(t.shape))")
        }
        var ranges: [Range<Int>] = [], keep: [Bool] = []
        for (d, dim) in t.shape.enumerated() {
            let part = d < parts.count ? parts[d] : .range(nil, nil)
            switch part {
            case .index(let raw):
                let i = raw < 0 ? raw + dim : raw
                guard (0..<dim).contains(i) else {
                    throw ParseError(description: "index \(raw) is out of range for dimension \(d) of size \(dim)")
                }
                ranges.append(i..<(i + 1)); keep.append(false)
            case .range(let a, let b):
                func clamp(_ v: Int?, _ dflt: Int) -> Int { Swift.min(Swift.max((v ?? dflt) < 0 ? (v ?? dflt) + dim : (v ?? dflt), 0), dim) }
                let lo = clamp(a, 0), hi = Swift.max(clamp(b, dim), lo)
                ranges.append(lo..<hi); keep.append(true)
            }
        }
        var values: [Float] = []
        var index = ranges.map(\.lowerBound)
        let total = ranges.reduce(1) { $0 * $1.count }
        if total > 0 {
            for _ in 0..<total {
                values.append(t.data[t.flatIndex(index)])
                var d = index.count - 1
                while d >= 0 {
                    index[d] += 1
                    if index[d] < ranges[d].upperBound { break }
                    index[d] = ranges[d].lowerBound; d -= 1
                }
            }
        }
        let shape = zip(ranges, keep).filter(\.1).map(\.0.count)
        return (shape, values)
    }

    /// Nested brackets like NumPy, values with 4 significant decimals.
    public static func format(shape: [Int], values: [Float]) -> String {
        if shape.isEmpty { return values.first.map(formatValue) ?? "[]" }
        func render(_ dims: ArraySlice<Int>, _ offset: Int, _ indent: Int) -> String {
            let n = dims.first!
            let inner = dims.dropFirst().reduce(1, *)
            if dims.count == 1 {
                return "[" + (0..<n).map { i -> String in
                    let text = formatValue(values[offset + i])
                    return String(repeating: " ", count: max(0, 9 - text.count)) + text      // right-aligned in 9
                }.joined(separator: " ") + "]"
            }
            let rows = (0..<n).map { render(dims.dropFirst(), offset + $0 * inner, indent + 1) }
            return "[" + rows.joined(separator: ",\n" + String(repeating: " ", count: indent + 1)) + "]"
        }
        return render(shape[...], 0, 0)
    }
}
