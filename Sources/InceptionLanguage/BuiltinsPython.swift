import Foundation
import InceptionRuntime

/// Python builtins a PyTorch learner reaches for: getattr, setattr, hasattr, type, callable,
/// any, all, reversed, map/filter-free helpers, and the `Ellipsis` of `x[..., 0]`.
extension Interpreter {
    func pythonBuiltins() -> [String: Value] {
        var t: [String: Value] = [:]
        t["getattr"] = Self.builtin(Signature("getattr", [("object", nil), ("name", nil), ("default", .object(MissingObject.shared))])) { interpreter, a in
            let name = try Self.attributeName(a)
            do { return try interpreter.getAttribute(a["object"], name) } catch let e as LanguageFailure {
                if case .object(let o) = a["default"], o === MissingObject.shared { throw e }
                return a["default"]
            }
        }
        t["setattr"] = Self.builtin(Signature("setattr", [("object", nil), ("name", nil), ("value", nil)])) { interpreter, a in
            try interpreter.setAttribute(a["object"], try Self.attributeName(a), a["value"])
            return .none
        }
        t["hasattr"] = Self.builtin(Signature("hasattr", [("object", nil), ("name", nil)])) { interpreter, a in
            let name = try Self.attributeName(a)
            return .bool((try? interpreter.getAttribute(a["object"], name)) != nil)
        }
        t["type"] = Self.builtin(Signature("type", [("object", nil)])) { interpreter, a in
            Self.typeValue(of: a["object"], interpreter: interpreter)
        }
        // object(): a value equal only to itself (a sentinel: MISSING = object())
        t["object"] = Self.builtin(Signature("object")) { _, _ in .object(PlainObject()) }
        t["callable"] = Self.builtin(Signature("callable", [("object", nil)])) { _, a in .bool(a["object"].isCallable) }
        // any and all stop at the first item that decides, as Python's: an iterator keeps the rest
        t["any"] = Self.builtin(Signature("any", [("iterable", nil)])) { interpreter, a in
            if case .list(let l) = a["iterable"], l.isIterator {
                while let item = try l.takeNext() { if try item.isTruthy() { return .bool(true) } }
                return .bool(false)
            }
            return .bool(try interpreter.iterationItems(a["iterable"]).contains { try $0.isTruthy() })
        }
        t["all"] = Self.builtin(Signature("all", [("iterable", nil)])) { interpreter, a in
            if case .list(let l) = a["iterable"], l.isIterator {
                while let item = try l.takeNext() { if try !item.isTruthy() { return .bool(false) } }
                return .bool(true)
            }
            return .bool(try interpreter.iterationItems(a["iterable"]).allSatisfy { try $0.isTruthy() })
        }
        // map and filter are lazy, as in Python: the function runs as each item is taken
        t["filter"] = Self.builtin(Signature("filter", [("function", nil), ("iterable", nil)])) { interpreter, a in
            let f = a["function"], rows = try RowsInTurn([a["iterable"]], interpreter)
            return .list(.stepped("filter") {
                while let item = try rows.next()?[0] {
                    if f.isNone ? try item.isTruthy() : try interpreter.callBack(f, Arguments([item])).isTruthy() { return item }
                }
                return nil
            })
        }
        t["map"] = .builtin(Builtin("map") { interpreter, arguments in
            guard arguments.positional.count >= 2, arguments.keywords.isEmpty else { throw LanguageFailure("map() takes a function and at least one iterable") }
            let rows = try RowsInTurn(Array(arguments.positional.dropFirst()), interpreter)
            return .list(.stepped("map") { try rows.next().map { try interpreter.callBack(arguments.positional[0], Arguments($0)) } })
        })
        t["reversed"] = Self.builtin(Signature("reversed", [("sequence", nil)])) { interpreter, a in
            // sets and iterators have no order to reverse (Python: no __reversed__, no __getitem__)
            switch a["sequence"] {
            case .set: throw LanguageFailure("'\(a["sequence"].typeName)' object is not reversible", fix: "sort it first: reversed(sorted(s))", as: .typeError)
            case .list(let l) where l.isIterator: throw LanguageFailure("'\(a["sequence"].typeName)' object is not reversible", fix: "make it a list first: reversed(list(it))", as: .typeError)
            default: break
            }
            return .list(ListStorage(try interpreter.iterationItems(a["sequence"]).reversed(), view: a["sequence"].typeName == "list" ? "list_reverseiterator" : "reversed"))
        }
        t["Ellipsis"] = .object(EllipsisObject())
        t["NotImplemented"] = .object(NotImplementedObject.shared)
        installSetBuiltins(&t)
        return t
    }


    /// getattr/setattr/hasattr's name, a str as Python requires.
    static func attributeName(_ a: BoundArguments) throws -> String {
        guard case .string(let name) = a["name"] else { throw LanguageFailure("attribute name must be string, not '\(a["name"].typeName)'", as: .typeError) }
        return name
    }

    /// type(x): the builtin or class that made it, so `type(m) == nn.Conv2d` and
    /// `type(m).__name__` work; prints as `<class 'torch.nn.modules.conv.Conv2d'>`.
    static func typeValue(of v: Value, interpreter: Interpreter) -> Value {
        switch v {
        case .module(let m):
            if let i = interpreter.instance(of: m) { return .classValue(i.cls) }
            if let b = interpreter.builtinScope.lookup(m.typeName), case .builtin = b { return .object(TypeObject(m.typeName, builtin: b)) }
            if case .namespace(let nn)? = interpreter.builtinScope.lookup("nn"), let b = nn.members[m.typeName] { return .object(TypeObject(m.typeName, builtin: b)) }
            return .object(TypeObject(m.typeName, builtin: nil))
        case .tensor(let t) where t.isParameter:
            guard case .namespace(let nn)? = interpreter.builtinScope.lookup("nn") else { fallthrough }
            return .object(TypeObject("Parameter", builtin: nn.members["Parameter"]))
        case .tensor: return .object(TypeObject("Tensor", builtin: interpreter.builtinScope.lookup("Tensor")))
        case .classValue: return .object(TypeObject("type", builtin: nil))
        case .none: return .object(TypeObject("NoneType", builtin: nil))
        default:
            let name = v.typeName
            return .object(TypeObject(name, builtin: interpreter.builtinScope.lookup(name)))
        }
    }
}

/// What type(x) gives for values not made by a `class`: compares equal to the builtin
/// (`type(m) == nn.Conv2d`, `type(3) == int`), has `__name__`, and calls through.
public final class TypeObject: NativeObject {
    let name: String
    let builtin: Value?
    init(_ name: String, builtin: Value?) { self.name = name; self.builtin = builtin; super.init(typeName: "type") }
    /// The printed class: `torch.nn.modules.conv.Conv2d`, `collections.OrderedDict`.
    var qualifiedName: String { BuiltinClassPaths.path(of: name) ?? name }
    public override var repr: String { "<class '\(qualifiedName)'>" }
    public override func member(_ name: String) -> Value? {
        switch name {
        case "__name__": return .string(self.name.split(separator: ".").last.map(String.init) ?? self.name)
        case "__qualname__": return .string(self.name)
        default: return nil
        }
    }
}

/// The default of an argument that was not given (getattr's third).
/// What object() makes: no attributes, equal and hashed by identity.
final class PlainObject: NativeObject {
    init() { super.init(typeName: "object") }
    override var repr: String { "<object object at 0x\(String(UInt(bitPattern: ObjectIdentifier(self).hashValue), radix: 16))>" }
}

final class MissingObject: NativeObject, @unchecked Sendable {
    static let shared = MissingObject()
    init() { super.init(typeName: "missing") }
}

/// NotImplemented: what a class's __eq__ or __add__ returns to let the other operand (or the default) answer.
final class NotImplementedObject: NativeObject, @unchecked Sendable {
    static let shared = NotImplementedObject()
    init() { super.init(typeName: "NotImplementedType") }
    override var repr: String { "NotImplemented" }
}

extension Value {
    var isNotImplemented: Bool { if case .object(let o) = self { return o === NotImplementedObject.shared } else { return false } }
}

public final class EllipsisObject: NativeObject {
    init() { super.init(typeName: "ellipsis") }
    public override var repr: String { "Ellipsis" }
}
