import InceptionRuntime

/// zip(a, b, …) and map(f, a, b, …) as CPython steps them: one item from each argument in turn,
/// stopping at the first argument that has none. An iterator passed twice is stepped twice per
/// row (`zip(it, it)` pairs neighbours, `zip(*[iter(xs)] * 3)` makes chunks), and the items taken
/// from earlier arguments of the row that ends are used up, as in Python.
final class RowsInTurn {
    /// Each argument: an iterator stepped where it is, or a copy of its items and the place in it.
    private var sources: [IterationCursor]

    init(_ arguments: [Value], _ interpreter: Interpreter) throws {
        sources = try arguments.map { v in
            if case .list(let l) = v, l.isIterator { return IterationCursor((l, [])) }
            return IterationCursor((nil, try interpreter.iterationItems(v)))
        }
    }

    /// The next row (a value from every argument in order), nil once an argument has none.
    func next() throws -> [Value]? {
        guard !sources.isEmpty else { return nil }
        var row: [Value] = []
        row.reserveCapacity(sources.count)
        for i in sources.indices {
            guard let item = try sources[i].next() else { return nil }
            row.append(item)
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
