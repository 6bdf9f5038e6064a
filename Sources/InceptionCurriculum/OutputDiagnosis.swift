import InceptionLanguage
import InceptionRuntime

/// What the numbers step says when the learner's output is not the reference's for a reason
/// other than a wrong layer: a NaN or inf, an input changed in place, the returned values in
/// another order.
extension OutputComparison {
    /// The first place where `a` has NaN or ±inf and `b` a finite number: its index as
    /// "[0, 0, 0, 0]", a's value ("NaN", "inf") and b's ("0.1234").
    static func firstNonFinite(_ a: Tensor, _ b: Tensor) -> (String, String, String)? {
        guard let i = (0..<b.count).first(where: { !a.data[$0].isFinite && b.data[$0].isFinite }) else { return nil }
        var index: [Int] = [], rest = i
        for d in b.shape.reversed() {
            index.insert(d == 0 ? 0 : rest % d, at: 0)
            rest = d == 0 ? 0 : rest / d
        }
        let value = a.data[i].isNaN ? "NaN" : (a.data[i] > 0 ? "inf" : "-inf")
        return ("[" + index.map(String.init).joined(separator: ", ") + "]", value, String(format: "%.4g", Double(b.data[i])))
    }

    /// Runs the learner's block once more on a copy of x and says so when forward changed that
    /// copy in place (x.mul_(0), F.relu(x, inplace=True)): the seed's leaves its input alone.
    func inputChanged(_ x: Tensor) -> String? {
        mine.setTraining(training)
        mineInterpreter.context.random = SeededRandom(seed: 5)
        DefaultGenerator.seed(5)
        let input = x.copy()
        guard (try? mineInterpreter.call(mine, input)) != nil else { return nil }
        guard (0..<x.count).contains(where: { !(input.data[$0] == x.data[$0]) }) else { return nil }
        return "\(naming.display("")): forward changes its input in place (an operation ending in _ such as x.mul_(…), or inplace=True on x); "
            + "the seed's leaves x alone — write y = F.relu(x) instead of changing x"
    }

    /// A forward that returns the seed's values in another order ((out, aux1, aux2) for
    /// (aux1, aux2, out)): each of its outputs equals a different one of the seed's.
    func outputOrder(_ x: Tensor, _ mine: [Tensor?], _ reference: [Tensor?]) throws -> String? {
        guard reference.count > 1 else { return nil }
        var order: [Int] = []
        for a in mine {
            guard let a, let j = reference.indices.first(where: { j in
                reference[j].map { $0.shape == a.shape && Self.agree(a, $0) } ?? false
            }) else { return nil }
            order.append(j)
        }
        guard Set(order).count == order.count, order != Array(order.indices) else { return nil }
        // name each value by the module of the seed's that gives it (the shortest path, "aux1")
        let calls = CallRecorder(), ignored = CallRecorder()
        _ = try runBoth(x, observe: (ignored, calls))
        func name(_ j: Int) -> String {
            guard let b = reference[j] else { return "None" }
            let paths = calls.exitOrder.filter { p in !p.isEmpty && calls.outputs[p].map { $0.shape == b.shape && Self.agree($0, b) } ?? false }
            return paths.min { $0.count < $1.count }.map { "\($0)'s output" } ?? "output \(j + 1)"
        }
        let yours = order.map(name), seeds = reference.indices.map(name)
        return "\(naming.display("")): forward returns its values in the wrong order: (\(yours.joined(separator: ", "))) — the seed's returns (\(seeds.joined(separator: ", "))); return them in that order"
    }
}
