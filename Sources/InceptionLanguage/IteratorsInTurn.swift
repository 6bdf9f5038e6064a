import InceptionRuntime

/// zip(a, b, …) and map(f, a, b, …) as CPython steps them: one item from each argument in turn,
/// stopping at the first argument that has none. An iterator passed twice is stepped twice per
/// row (`zip(it, it)` pairs neighbours, `zip(*[iter(xs)] * 3)` makes chunks), and the items taken
/// from earlier arguments of the row that ends are used up, as in Python.
final class RowsInTurn {
    /// Each argument: an iterator stepped where it is, or a copy of its items and the place in it.
    private var sources: [(iterator: ListStorage?, items: [Value], position: Int)]

    init(_ arguments: [Value], _ interpreter: Interpreter) throws {
        sources = try arguments.map { v in
            if case .list(let l) = v, l.isIterator { return (l, [], 0) }
            return (nil, try interpreter.iterationItems(v), 0)
        }
    }

    /// The next row (a value from every argument in order), nil once an argument has none.
    func next() throws -> [Value]? {
        guard !sources.isEmpty else { return nil }
        var row: [Value] = []
        row.reserveCapacity(sources.count)
        for i in sources.indices {
            if let iterator = sources[i].iterator {
                guard let item = try iterator.takeNext() else { return nil }
                row.append(item)
            } else {
                guard sources[i].position < sources[i].items.count else { return nil }
                row.append(sources[i].items[sources[i].position])
                sources[i].position += 1
            }
        }
        return row
    }
}

extension Interpreter {
    /// All the rows at once.
    func rowsInTurn(_ arguments: [Value]) throws -> [[Value]] {
        let rows = try RowsInTurn(arguments, self)
        var all: [[Value]] = []
        while let row = try rows.next() { all.append(row) }
        return all
    }
}
