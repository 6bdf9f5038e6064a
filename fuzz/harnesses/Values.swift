// Value formatting (repr, print text, format specs) and equality, on values built by a small
// stack machine from the fuzzer's bytes: nested and self-containing lists and dicts, tuples,
// floats with any bit pattern, strings, sizes and small tensors.
@testable import InceptionLanguage
import InceptionRuntime

struct Reader {
    var bytes: [UInt8], at = 0
    var done: Bool { at >= bytes.count }
    mutating func byte() -> UInt8 { defer { at += 1 }; return at < bytes.count ? bytes[at] : 0 }
    mutating func word() -> UInt64 { (0..<8).reduce(0) { r, i in r | UInt64(byte()) << (8 * UInt64(i)) } }
}

@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    smallBudget(); return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzValues(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var r = Reader(bytes: bytes(data, size))
    var stack: [Value] = []
    var lists: [ListStorage] = [], dicts: [DictStorage] = []
    var spec = ""
    func pop(_ n: Int) -> [Value] { let k = min(n, stack.count); defer { stack.removeLast(k) }; return Array(stack.suffix(k)) }
    while !r.done, stack.count < 10_000 {
        switch r.byte() % 14 {
        case 0: stack.append(.int(Int(bitPattern: UInt(r.word()))))
        case 1: stack.append(.float(Double(bitPattern: r.word())))
        case 2: stack.append(.int(Int(Int8(bitPattern: r.byte()))))
        case 3:
            let n = Int(r.byte() % 16)
            stack.append(.string(String(decoding: (0..<n).map { _ in r.byte() }, as: UTF8.self)))
        case 4: stack.append([.none, .bool(true), .bool(false), .float(.nan), .float(-.infinity)][Int(r.byte() % 5)])
        case 5: stack.append(.tuple(pop(Int(r.byte() % 5))))
        case 6: let l = ListStorage(pop(Int(r.byte() % 5))); lists.append(l); stack.append(.list(l))
        case 7:
            var items = pop(2 * Int(r.byte() % 3))
            let d = DictStorage()
            for i in stride(from: 0, to: items.count - 1, by: 2) { d.set(items[i], items[i + 1]) }
            dicts.append(d); stack.append(.dict(d))
            DeepRelease.release(&items)     // an odd item left over may be a deep nest
        case 8:     // append the top of the stack into a list or dict below it (or into itself)
            guard let top = stack.last else { break }
            let k = Int(r.byte()) % stack.count
            if case .list(let l) = stack[stack.count - 1 - k] { l.items.append(top) }
            if case .dict(let d) = stack[stack.count - 1 - k] { d.set(.int(Int(r.byte())), top) }
        case 9: if let top = stack.last { stack.append(top) }
        case 10: stack.append(.size((0..<Int(r.byte() % 5)).map { _ in Int(Int8(bitPattern: r.byte())) }.map { abs($0) }))
        case 11:
            let shape = (0..<Int(r.byte() % 4)).map { _ in Int(r.byte() % 5) }
            let t = Tensor(zeros: shape)
            for i in 0..<t.count { t.data[i] = Float(bitPattern: UInt32(truncatingIfNeeded: r.word())) }
            stack.append(.tensor(t))
        case 12:
            let n = Int(r.byte() % 12)
            spec = String(decoding: (0..<n).map { _ in r.byte() }, as: UTF8.self)
        default:
            let n = Int(r.byte() % 40) + 1     // a deep nest: [[[…]]]
            var v = stack.popLast() ?? .none
            for _ in 0..<n * 50 { v = .tuple([v]) }
            stack.append(v)
        }
    }
    for v in stack {
        _ = v.repr; _ = v.text; _ = try? v.isTruthy()
        _ = try? formatWithSpec(v, spec)
    }
    for (a, b) in zip(stack, stack.dropFirst()) { _ = try? checkedValuesEqual(a, b); _ = try? checkedValuesEqual(a, a) }
    // Break the cycles, or LeakSanitizer reports them; release deep tuples as the interpreter
    // does (iteratively: Swift's own release of a 30,000-deep tuple recurses once per level).
    for l in lists { l.removeAll() }
    for d in dicts { d.removeAll() }
    DeepRelease.release(&stack)
    return 0
}
