import InceptionRuntime

/// zip(a, b, …) and map(f, a, b, …) as CPython steps them: one item from each argument in turn,
/// stopping at the first argument that has none. An iterator passed twice is stepped twice per
/// row (`zip(it, it)` pairs neighbours, `zip(*[iter(xs)] * 3)` makes chunks), and the items taken
/// from earlier arguments of the row that ends are used up, as in Python.
extension Interpreter {
    /// The rows: each a value from every argument in order.
    func rowsInTurn(_ arguments: [Value]) throws -> [[Value]] {
        guard !arguments.isEmpty else { return [] }
        // an iterator is stepped where it is; anything else is walked from a copy of its items
        let sources: [(iterator: ListStorage?, items: [Value])] = try arguments.map { v in
            if case .list(let l) = v, l.isIterator { return (l, []) }
            return (nil, try iterationItems(v))
        }
        var positions = [Int](repeating: 0, count: sources.count)
        var rows: [[Value]] = []
        while true {
            var row: [Value] = []
            row.reserveCapacity(sources.count)
            for (i, source) in sources.enumerated() {
                if let iterator = source.iterator {
                    guard let item = iterator.takeNext() else { return rows }
                    row.append(item)
                } else {
                    guard positions[i] < source.items.count else { return rows }
                    row.append(source.items[positions[i]])
                    positions[i] += 1
                }
            }
            rows.append(row)
        }
    }
}
