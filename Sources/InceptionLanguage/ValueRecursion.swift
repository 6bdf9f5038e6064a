import InceptionRuntime
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Values nest (a list in a list in a list …) and lists can contain themselves. Everything
// that walks a value — printing, comparing, releasing — is guarded here: printing shows a
// list inside itself as `[...]` as Python does, comparing stops with an error when it goes
// too deep, and releasing a 100,000-deep list unwinds in a loop instead of one deinit
// inside the next.

/// Python's `==` with a depth guard: a list compared with itself is equal (Python compares
/// items by identity first), two different self-containing lists end in an error.
func checkedValuesEqual(_ a: Value, _ b: Value, depth: Int = 0) throws -> Bool {
    guard depth < ValueLimits.maxDepth, StackGuard.hasRoom() else {
        throw LanguageFailure("maximum depth exceeded while comparing: the values nest more than \(ValueLimits.maxDepth) levels (a list that contains itself?)")
    }
    func sequences(_ x: [Value], _ y: [Value]) throws -> Bool {
        guard x.count == y.count else { return false }
        for (p, q) in zip(x, y) where !(try checkedValuesEqual(p, q, depth: depth + 1)) { return false }
        return true
    }
    switch (a, b) {
    case (.tuple(let x), .tuple(let y)): return try sequences(x, y)
    case (.list(let x), .list(let y)):
        if x === y { return true }
        if x.isIterator || y.isIterator { return false }          // iterators are equal only to themselves
        return try sequences(x.items, y.items)
    case (.size(let x), .tuple(let y)), (.tuple(let y), .size(let x)): return try sequences(x.map { .int($0) }, y)
    case (.object(let x as NamedTuple), .tuple(let y)), (.tuple(let y), .object(let x as NamedTuple)): return try sequences(x.values, y)     // a namedtuple is a tuple
    case (.dict(let x), .dict(let y)):
        if x === y { return true }
        if x.kind == .counter, y.kind == .counter {
            // Counters: a missing key counts 0 (Counter(a=1) == Counter(a=1, b=0)), as Python 3.10's
            let p = x.entries.filter { numericOrder($0.value, .int(0)) != 0 }, q = y.entries.filter { numericOrder($0.value, .int(0)) != 0 }
            guard p.count == q.count else { return false }
            for e in p {
                guard let i = try q.firstIndex(where: { try checkedValuesEqual($0.key, e.key, depth: depth + 1) }),
                      try checkedValuesEqual(q[i].value, e.value, depth: depth + 1) else { return false }
            }
            return true
        }
        guard x.entries.count == y.entries.count else { return false }
        if x.kind == .ordered, y.kind == .ordered {
            // two OrderedDicts are equal only in the same order
            return try sequences(x.entries.map { .tuple([$0.key, $0.value]) }, y.entries.map { .tuple([$0.key, $0.value]) })
        }
        for e in x.entries {
            guard let i = try y.entries.firstIndex(where: { try checkedValuesEqual($0.key, e.key, depth: depth + 1) }),
                  try checkedValuesEqual(y.entries[i].value, e.value, depth: depth + 1) else { return false }
        }
        return true
    case (.set(let x), .set(let y)):
        if x === y { return true }
        guard x.count == y.count else { return false }
        for v in x.items where !(try y.contains(v)) { return false }
        return true
    case (.module(let x), .module(let y)) where x !== y:
        // a program's class may say what == means (__eq__)
        return try InstanceSemanticsHook.current?.instanceEqual(a, b) ?? false
    default: return valuesEqualFlat(a, b)
    }
}

enum ValueLimits {
    /// How deep printing and comparing go into nested values.
    static let maxDepth = 1000
}

/// repr of a tuple, list or dict, with `[...]` / `{...}` for one that contains itself and
/// `...` past `ValueLimits.maxDepth`.
func containerRepr(_ v: Value) -> String {
    var open: [ObjectIdentifier] = []
    return containerRepr(v, &open)
}

private func containerRepr(_ v: Value, _ open: inout [ObjectIdentifier]) -> String {
    if open.count >= ValueLimits.maxDepth || !StackGuard.hasRoom() { return "..." }
    switch v {
    case .tuple(let xs):
        open.append(ObjectIdentifier(ValueLimits.self)); defer { open.removeLast() }
        let items = xs.map { containerRepr($0, &open) }
        return xs.count == 1 ? "(\(items[0]),)" : "(" + items.joined(separator: ", ") + ")"
    case .list(let l):
        let id = ObjectIdentifier(l)
        if open.contains(id) { return "[...]" }
        open.append(id); defer { open.removeLast() }
        if l.isIterator, let view = l.view { return "<\(view) object\(l.origin.map { " " + $0 } ?? "")>" }
        let list = "[" + l.items.map { containerRepr($0, &open) }.joined(separator: ", ") + "]"
        return l.view.map { "\($0)(\(list))" } ?? list
    case .dict(let d):
        let id = ObjectIdentifier(d)
        if open.contains(id) { return "{...}" }
        open.append(id); defer { open.removeLast() }
        if d.kind == .ordered {
            // Python 3.11's repr, as the differential suite records it (3.12 prints OrderedDict({…}))
            if d.entries.isEmpty { return "OrderedDict()" }
            return "OrderedDict([" + d.entries.map { "(\(containerRepr($0.key, &open)), \(containerRepr($0.value, &open)))" }.joined(separator: ", ") + "])"
        }
        let entries = d.kind == .counter ? counterReprOrder(d) : d.entries
        let body = "{" + entries.map { "\(containerRepr($0.key, &open)): \(containerRepr($0.value, &open))" }.joined(separator: ", ") + "}"
        switch d.kind {
        case .counter: return entries.isEmpty ? "Counter()" : "Counter(\(body))"
        case .defaultDict: return "defaultdict(\(d.defaultFactory.repr), \(body))"
        default: return body
        }
    case .set(let s):
        // set() and frozenset() when empty; {1, 2} and frozenset({1, 2}) otherwise
        let items = s.items.map { containerRepr($0, &open) }.joined(separator: ", ")
        if s.frozen { return items.isEmpty ? "frozenset()" : "frozenset({\(items)})" }
        return items.isEmpty ? "set()" : "{\(items)}"
    default:
        return v.repr
    }
}

/// Releases values without recursion: a list's or dict's deinit hands its items here, and
/// while one release is running, the items of lists freed by it are queued and released
/// by the same loop. Tuples inside are taken apart the same way.
enum DeepRelease {
    final class State {
        var draining = false
        var pending: [Value] = []
    }

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { raw in if let raw { Unmanaged<State>.fromOpaque(raw).release() } }
        return key
    }()

    private static var state: State {
        if let raw = pthread_getspecific(key) { return Unmanaged<State>.fromOpaque(raw).takeUnretainedValue() }
        let s = State()
        pthread_setspecific(key, Unmanaged.passRetained(s).toOpaque())
        return s
    }

    static func release(_ value: inout Value) {
        var items = [value]
        value = .none
        release(&items)
    }

    static func release(_ items: inout [Value]) {
        guard !items.isEmpty else { return }
        let s = state
        var taken: [Value] = []
        swap(&taken, &items)
        if s.draining { s.pending.append(contentsOf: taken); return }
        s.draining = true
        s.pending = taken
        taken = []
        while var v = s.pending.popLast() {
            // A tuple whose array only this loop holds is taken apart; a shared one is left
            // to its other owners (copying it to find out costs one array of references).
            if case .tuple(var xs) = v {
                v = .none
                let before = xs.withUnsafeBufferPointer { $0.baseAddress }
                xs.withUnsafeMutableBufferPointer { _ in }
                if before == xs.withUnsafeBufferPointer({ $0.baseAddress }) { s.pending.append(contentsOf: xs) }
            }
            // `v` ends here: a list or dict freed now queues its items instead of recursing.
        }
        s.pending = []
        s.draining = false
    }
}
