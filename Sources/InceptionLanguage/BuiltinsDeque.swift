import Foundation

/// collections.deque: a sequence with both ends open, `maxlen` dropping from the other end when
/// full (a replay buffer's `deque(maxlen=N)`). Iterates, indexes, counts, tests `in` and
/// unpacks as a sequence; prints as `deque([1, 2], maxlen=3)`.
final class DequeObject: NativeObject {
    var elements: [Value]
    let maxLength: Int?
    init(_ elements: [Value], maxLength: Int?) {
        self.maxLength = maxLength
        self.elements = maxLength.map { Array(elements.suffix($0)) } ?? elements
        super.init(typeName: "deque")
    }
    override var items: [Value]? { elements }
    override var repr: String {
        "deque([" + elements.map(\.repr).joined(separator: ", ") + "]" + (maxLength.map { ", maxlen=\($0)" } ?? "") + ")"
    }

    private func push(_ v: Value, left: Bool) {
        if left { elements.insert(v, at: 0) } else { elements.append(v) }
        if let m = maxLength, elements.count > m {
            if left { elements.removeLast(elements.count - m) } else { elements.removeFirst(elements.count - m) }
        }
    }

    override func member(_ name: String) -> Value? {
        func method(_ body: @escaping (Interpreter, Arguments) throws -> Value) -> Value { .builtin(Builtin(name) { i, a in try body(i, a) }) }
        func one(_ a: Arguments) throws -> Value {
            guard a.positional.count == 1 else { throw LanguageFailure("deque.\(name)() takes exactly one argument (\(a.positional.count) given)", as: .typeError) }
            return a.positional[0]
        }
        switch name {
        case "append", "appendleft": return method { [self] _, a in push(try one(a), left: name == "appendleft"); return .none }
        case "extend", "extendleft":
            return method { [self] interpreter, a in
                for v in try interpreter.iterationItems(try one(a)) { push(v, left: name == "extendleft") }
                return .none
            }
        case "pop", "popleft":
            return method { [self] _, _ in
                guard !elements.isEmpty else { throw LanguageFailure("pop from an empty deque", as: .indexError) }
                return name == "pop" ? elements.removeLast() : elements.removeFirst()
            }
        case "rotate":
            // rotate(n): n steps to the right (negative: to the left)
            return method { [self] _, a in
                let n = a.positional.first?.asInt ?? 1
                guard !elements.isEmpty else { return .none }
                let k = ((n % elements.count) + elements.count) % elements.count
                elements = Array(elements.suffix(k) + elements.dropLast(k))
                return .none
            }
        case "clear": return method { [self] _, _ in elements.removeAll(); return .none }
        case "copy": return method { [self] _, _ in .object(DequeObject(elements, maxLength: maxLength)) }
        case "count": return method { [self] _, a in let v = try one(a); return .int(elements.filter { valuesEqual($0, v) }.count) }
        case "index":
            return Interpreter.builtin(Interpreter.indexSignature) { [self] _, a in
                guard let i = try Interpreter.firstIndex(in: elements, a) else { throw LanguageFailure("\(a["value"].repr) is not in deque", as: .valueError) }
                return .int(i)
            }
        case "remove":
            return method { [self] _, a in
                let v = try one(a)
                guard let i = elements.firstIndex(where: { valuesEqual($0, v) }) else { throw LanguageFailure("deque.remove(x): x not in deque", as: .valueError) }
                elements.remove(at: i)
                return .none
            }
        case "maxlen": return maxLength.map(Value.int) ?? Value.none
        default: return nil
        }
    }
}

extension Interpreter {
    /// deque(iterable=(), maxlen=None)
    var dequeConstructor: Value {
        Self.builtin(Signature("deque", [("iterable", .tuple([])), ("maxlen", Value.none)])) { interpreter, a in
            let maxLength = try a.optionalInt("maxlen")
            if let m = maxLength, m < 0 { throw LanguageFailure("maxlen must be non-negative", as: .valueError) }
            return .object(DequeObject(try interpreter.iterationItems(a["iterable"]), maxLength: maxLength))
        }
    }
}
