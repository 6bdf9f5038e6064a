import InceptionRuntime

/// A place in what a loop walks: an iterator stepped where it is (a generator's body run on as
/// items are taken), a list read where it is (what is appended meanwhile is walked too, as
/// Python's list iterator does), or a copy of the items and the index of the next.
struct IterationCursor {
    private let iterator: ListStorage?
    private let live: ListStorage?
    private let items: [Value]
    private var index = 0
    init(_ source: (iterator: ListStorage?, items: [Value])) { (iterator, items) = source; live = nil }
    init(walking list: ListStorage) { iterator = nil; items = []; live = list }

    /// The next item, nil at the end.
    mutating func next() throws -> Value? {
        if let iterator { return try iterator.takeNext() }
        if let live {
            guard index < live.items.count else { return nil }
            defer { index += 1 }
            return live.items[index]
        }
        guard index < items.count else { return nil }
        defer { index += 1 }
        return items[index]
    }
}

/// What a lazy iterator's items come from, one at a time (`ListStorage.producer`): a generator
/// function's body (`GeneratorRunner`), or enumerate, zip, map or filter over a generator.
protocol ItemProducer: AnyObject {
    /// The next item, nil at the end.
    func next() throws -> Value?
}

extension GeneratorRunner: ItemProducer {}

/// Items made one at a time by `step` (enumerate, zip, map or filter stepping a generator).
final class SteppedItems: ItemProducer {
    private let step: () throws -> Value?
    init(_ step: @escaping () throws -> Value?) { self.step = step }
    func next() throws -> Value? { try step() }
}

extension ListStorage {
    /// A lazy iterator printed as `view` ("enumerate", "zip", …) whose items `step` makes.
    static func stepped(_ view: String, _ step: @escaping () throws -> Value?) -> ListStorage {
        let list = ListStorage([], view: view)
        list.producer = SteppedItems(step)
        return list
    }

    /// Whether the items are still to be made (a generator not yet run to its end).
    var isLazy: Bool { producer != nil }
}

extension Value {
    /// A generator (or enumerate, zip, … over one) whose items are still to be made.
    var isLazyIterator: Bool { if case .list(let l) = self { return l.isLazy } else { return false } }
}
