import Foundation
import InceptionRuntime

/// `import itertools`. Made at once: product, permutations, combinations (with and without
/// replacement), islice over a list, zip_longest, repeat (with times), groupby, tee. Made an item
/// at a time as they are taken, so that a generator that never ends can feed them: chain and
/// chain.from_iterable, islice over a generator, accumulate, starmap, compress, pairwise,
/// takewhile, dropwhile, filterfalse; count(), cycle() and repeat() without times never end.
extension Interpreter {
    func itertoolsNamespace() -> Namespace {
        func iterator(_ name: String, _ items: [Value]) -> Value { .list(ListStorage(items, view: "generator", origin: "itertools.\(name)")) }
        // an iterator that never ends, made a step at a time (reading all of it stops at the generator limit)
        func items(_ interpreter: Interpreter, _ v: Value) throws -> [Value] { try interpreter.iterationItems(v) }
        /// An iterator whose items `next` makes as they are taken (nil at the end).
        func stepped(_ name: String, _ next: @escaping () throws -> Value?) -> Value {
            let list = ListStorage.stepped("generator", next)
            list.origin = "itertools.\(name)"
            return .list(list)
        }
        /// v's items one at a time (a generator stepped where it is).
        func walk(_ interpreter: Interpreter, _ v: Value) throws -> () throws -> Value? {
            let rows = try RowsInTurn([v], interpreter)
            return { try rows.next()?[0] }
        }
        func endless(_ name: String, _ next: @escaping () throws -> Value) -> Value { stepped(name) { try next() } }
        func limit(_ count: Int, _ what: String) throws {
            guard count <= Self.generatorLimit else {
                throw LanguageFailure("itertools.\(what) would make \(count) items, more than \(Self.generatorLimit) (they are made at once here)",
                                      fix: "use fewer or shorter inputs, or loop over them yourself")
            }
        }
        /// Index tuples of length r from n, in itertools' (lexicographic) order.
        func choose(_ n: Int, _ r: Int, ordered: Bool, replacement: Bool) -> [[Int]] {
            var out: [[Int]] = []
            var current: [Int] = []
            func go(_ start: Int) {
                if current.count == r { out.append(current); return }
                for i in (ordered ? 0 : start)..<max(n, ordered ? 0 : start) {
                    if ordered, current.contains(i) { continue }
                    current.append(i); go(replacement ? i : i + 1); current.removeLast()
                }
            }
            if r <= n || replacement { go(0) }
            return out
        }
        /// How many tuples choose() makes (as a Double, so a huge count does not overflow).
        func chosenCount(_ n: Int, _ r: Int, ordered: Bool, replacement: Bool) -> Double {
            if !replacement, r > n { return 0 }
            var count = 1.0
            for i in 0..<r where count <= Double(Self.generatorLimit) {
                if ordered { count *= Double(n - i) } else if replacement { count = count * Double(n + i) / Double(i + 1) } else {
                    count = count * Double(n - i) / Double(i + 1)
                }
            }
            return count.rounded()
        }
        var members: [String: Value] = [:]
        members["product"] = .builtin(Builtin("product") { interpreter, a in
            let repeatCount = try a.keywords.first { $0.name == "repeat" }.map { v -> Int in
                guard case .int(let n) = v.value, n >= 0 else { throw LanguageFailure("repeat argument cannot be negative", as: .valueError) }
                return n
            } ?? 1
            let given = try a.positional.map { try items(interpreter, $0) }
            // the count first (as a Double: it may be astronomically large), then the tuples
            let count = given.isEmpty || repeatCount == 0 ? 1 : Foundation.pow(given.reduce(1.0) { $0 * Double($1.count) }, Double(repeatCount))
            try limit(count > Double(Self.generatorLimit) ? Self.generatorLimit + 1 : Int(count), "product")
            let pools = Array(repeating: given, count: count == 0 ? min(repeatCount, 1) : repeatCount).flatMap { $0 }
            var result: [[Value]] = [[]]
            for pool in pools { result = result.flatMap { prefix in pool.map { prefix + [$0] } } }
            return iterator("product", result.map { .tuple($0) })
        })
        for (name, ordered, replacement) in [("permutations", true, false), ("combinations", false, false), ("combinations_with_replacement", false, true)] {
            members[name] = .builtin(Builtin(name) { interpreter, a in
                let pool = try items(interpreter, a.positional.first ?? .none)
                let given = a.positional.count > 1 ? a.positional[1] : a.keywords.first { $0.name == "r" }?.value ?? .none
                let r: Int
                if case .int(let n) = given { r = n } else if given.isNone, ordered { r = pool.count } else {
                    throw LanguageFailure("\(name)() needs r, the length of each tuple", as: .typeError)
                }
                guard r >= 0 else { throw LanguageFailure("r must be non-negative", as: .valueError) }
                guard r <= 1000 else { throw LanguageFailure("\(name)(): tuples longer than 1,000 items are not made here", fix: "use a smaller r") }
                let count = chosenCount(pool.count, r, ordered: ordered, replacement: replacement)
                try limit(count > Double(Self.generatorLimit) ? Self.generatorLimit + 1 : Int(count), name)
                let picks = choose(pool.count, r, ordered: ordered, replacement: replacement)
                return iterator(name, picks.map { .tuple($0.map { pool[$0] }) })
            })
        }
        // chain(a, b) chains its arguments; chain.from_iterable(xs) the items of one
        let chain = ClosureObject(typeName: "type", memberNames: ["from_iterable"], repr: { "<class 'itertools.chain'>" })
        /// The items of each iterable `nextIterable` gives, in turn.
        func chained(_ interpreter: Interpreter, _ nextIterable: @escaping () throws -> Value?) -> Value {
            var current: (() throws -> Value?)?
            return stepped("chain") {
                while true {
                    if let item = try current?() { return item }
                    guard let iterable = try nextIterable() else { return nil }
                    current = try walk(interpreter, iterable)
                }
            }
        }
        chain.call = { interpreter, a in
            var rest = a.positional[...]
            return chained(interpreter) { rest.popFirst() }
        }
        chain.memberLookup = { name in
            guard name == "from_iterable" else { return nil }
            return .builtin(Builtin("from_iterable") { interpreter, a in
                guard a.positional.count == 1 else { throw LanguageFailure("chain.from_iterable() takes one iterable", as: .typeError) }
                return chained(interpreter, try walk(interpreter, a.positional[0]))
            })
        }
        members["chain"] = .object(chain)
        members["islice"] = .builtin(Builtin("islice") { interpreter, a in
            let bounds = Array(a.positional.dropFirst())
            func bound(_ v: Value, _ what: String) throws -> Int? {
                if v.isNone { return nil }
                guard case .int(let n) = v, n >= 0 else {
                    throw LanguageFailure("\(what) argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.", as: .valueError)
                }
                return n
            }
            let (start, stop, step): (Int, Int?, Int)
            switch bounds.count {
            case 1: (start, stop, step) = (0, try bound(bounds[0], "Stop"), 1)
            case 2, 3: (start, stop, step) = (try bound(bounds[0], "Indices") ?? 0, try bound(bounds[1], "Stop"),
                                              bounds.count == 3 ? try bound(bounds[2], "Step") ?? 1 : 1)
            default: throw LanguageFailure("islice expected 2 to 4 arguments, got \(a.positional.count)", as: .typeError)
            }
            guard step > 0 else { throw LanguageFailure("Step for islice() must be a positive integer or None.", as: .valueError) }
            if case .list(let source) = a.positional.first ?? .none, source.isLazy {
                // over a generator (one that never ends, often): items taken as they are asked for, none past the last
                var (index, wanted) = (0, start)
                let sliced = ListStorage.stepped("generator") {
                    guard stop.map({ wanted < $0 }) ?? true else { return nil }
                    while let item = try source.takeNext() {
                        defer { index += 1 }
                        if index == wanted { wanted += step; return item }
                    }
                    return nil
                }
                sliced.origin = "itertools.islice"
                return .list(sliced)
            }
            let all = try items(interpreter, a.positional.first ?? .none)
            let end = min(stop ?? all.count, all.count)
            return iterator("islice", start < end ? Array(stride(from: start, to: end, by: step).map { all[$0] }) : [])
        })
        members["accumulate"] = .builtin(Builtin("accumulate") { interpreter, a in
            let next = try walk(interpreter, a.positional.first ?? .none)
            let function = a.positional.count > 1 ? a.positional[1] : a.keywords.first { $0.name == "func" }?.value ?? .none
            let initial = a.keywords.first(where: { $0.name == "initial" })?.value ?? .none
            var total: Value? = initial.isNone ? nil : initial, initialPending = !initial.isNone
            return stepped("accumulate") {
                if initialPending { initialPending = false; return total }
                guard let x = try next() else { return nil }
                if let last = total {
                    total = function.isNone ? try interpreter.binary(.add, last, x) : try interpreter.callBack(function, Arguments([last, x]))
                } else { total = x }
                return total
            }
        })
        members["zip_longest"] = .builtin(Builtin("zip_longest") { interpreter, a in
            let lists = try a.positional.map { try items(interpreter, $0) }
            let fill = a.keywords.first { $0.name == "fillvalue" }?.value ?? .none
            let n = lists.map(\.count).max() ?? 0
            return iterator("zip_longest", (0..<n).map { i in .tuple(lists.map { i < $0.count ? $0[i] : fill }) })
        })
        members["repeat"] = .builtin(Builtin("repeat") { _, a in
            guard let value = a.positional.first else { throw LanguageFailure("repeat() needs the object to repeat", as: .typeError) }
            guard case .int(let n)? = a.positional.count > 1 ? a.positional[1] : a.keywords.first(where: { $0.name == "times" })?.value else {
                return endless("repeat") { value }                      // without times: for ever, a step at a time
            }
            try limit(max(n, 0), "repeat")
            return iterator("repeat", Array(repeating: value, count: max(n, 0)))
        })
        members["starmap"] = .builtin(Builtin("starmap") { interpreter, a in
            guard a.positional.count == 2 else { throw LanguageFailure("starmap() takes a function and an iterable", as: .typeError) }
            let next = try walk(interpreter, a.positional[1])
            return stepped("starmap") { try next().map { try interpreter.callBack(a.positional[0], Arguments(try items(interpreter, $0))) } }
        })
        members["compress"] = .builtin(Builtin("compress") { interpreter, a in
            guard a.positional.count == 2 else { throw LanguageFailure("compress() takes data and selectors", as: .typeError) }
            let rows = try RowsInTurn(a.positional, interpreter)
            return stepped("compress") {
                while let row = try rows.next() { if try row[1].isTruthy() { return row[0] } }
                return nil
            }
        })
        members["pairwise"] = .builtin(Builtin("pairwise") { interpreter, a in
            let next = try walk(interpreter, a.positional.first ?? .none)
            var last: Value?
            return stepped("pairwise") {
                if last == nil { last = try next() }
                guard let first = last, let second = try next() else { return nil }
                last = second
                return .tuple([first, second])
            }
        })
        // tee(iterable, n=2): n independent iterators over the same items
        members["tee"] = .builtin(Builtin("tee") { interpreter, a in
            let bound = try Signature("tee", [("iterable", nil), ("n", .int(2))]).bind(a)
            guard case .int(let n) = bound["n"] else { throw LanguageFailure("'\(bound["n"].typeName)' object cannot be interpreted as an integer", as: .typeError) }
            guard n >= 0 else { throw LanguageFailure("n must be >= 0", as: .valueError) }
            let all = try items(interpreter, bound["iterable"])
            return .tuple((0..<n).map { _ in .list(ListStorage(all, view: "generator", origin: "itertools._tee")) })
        })
        for name in ["takewhile", "dropwhile", "filterfalse"] {
            members[name] = .builtin(Builtin(name) { interpreter, a in
                guard a.positional.count == 2 else { throw LanguageFailure("\(name)() takes a predicate and an iterable", as: .typeError) }
                let test = { (x: Value) throws -> Bool in
                    a.positional[0].isNone ? try x.isTruthy() : try interpreter.callBack(a.positional[0], Arguments([x])).isTruthy()
                }
                let next = try walk(interpreter, a.positional[1])
                var passing = true          // takewhile: still taking; dropwhile: still dropping
                return stepped(name) {
                    while passing || name != "takewhile", let x = try next() {
                        switch name {
                        case "takewhile": if try test(x) { return x }; passing = false
                        case "dropwhile": if passing, try test(x) { continue }; passing = false; return x
                        default: if try !test(x) { return x }
                        }
                    }
                    return nil
                }
            })
        }
        members["groupby"] = .builtin(Builtin("groupby") { interpreter, a in
            let all = try items(interpreter, a.positional.first ?? .none)
            let key = a.positional.count > 1 ? a.positional[1] : a.keywords.first { $0.name == "key" }?.value ?? .none
            var groups: [(Value, [Value])] = []
            for x in all {
                let k = key.isNone ? x : try interpreter.callBack(key, Arguments([x]))
                if let last = groups.last, try checkedValuesEqual(last.0, k) { groups[groups.count - 1].1.append(x) } else { groups.append((k, [x])) }
            }
            return iterator("groupby", groups.map { .tuple([$0.0, .list(ListStorage($0.1, view: "generator", origin: "itertools._grouper"))]) })
        })
        // count(start=0, step=1): start, start + step, … for ever (floats by repeated addition, as CPython's)
        members["count"] = .builtin(Builtin("count") { _, a in
            let bound = try Signature("count", [("start", .int(0)), ("step", .int(1))]).bind(a)
            var current = bound["start"]
            let step = bound["step"]
            guard isNumber(current), isNumber(step) else { throw LanguageFailure("a number is required", as: .typeError) }
            return endless("count") {
                defer {
                    if case .int(let x) = current, case .int(let d) = step, case (let sum, false) = x.addingReportingOverflow(d) { current = .int(sum) }
                    else { current = .float((current.asDouble ?? 0) + (step.asDouble ?? 0)) }
                }
                return current
            }
        })
        // cycle(xs): xs's items again and again (none if it has none)
        members["cycle"] = .builtin(Builtin("cycle") { interpreter, a in
            guard a.positional.count == 1, a.keywords.isEmpty else { throw LanguageFailure("cycle expected 1 argument, got \(a.positional.count)", as: .typeError) }
            let all = try items(interpreter, a.positional[0])
            var index = 0
            let cycled = ListStorage.stepped("generator") {
                guard !all.isEmpty else { return nil }
                defer { index = (index + 1) % all.count }
                return all[index]
            }
            cycled.origin = "itertools.cycle"
            return .list(cycled)
        })
        return Namespace("itertools", members)
    }
}

