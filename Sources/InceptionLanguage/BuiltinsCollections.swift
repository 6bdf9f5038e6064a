import Foundation

/// `from collections import OrderedDict, namedtuple`: the two a PyTorch model file uses
/// (defaultdict and Counter: BuiltinsDictKinds.swift)
/// (`nn.Sequential(OrderedDict([("conv", …), …]))`, torchvision's
/// `GoogLeNetOutputs = namedtuple("GoogLeNetOutputs", ["logits", "aux_logits2", "aux_logits1"])`).
extension Interpreter {
    func collectionsNamespace() -> Namespace {
        var members: [String: Value] = [
            "OrderedDict": .builtin(Builtin("OrderedDict") { interpreter, arguments in
                guard case .dict(let d) = try interpreter.dictConstructor.body(interpreter, arguments) else { return .none }
                d.kind = .ordered
                return .dict(d)
            }),
            "namedtuple": Self.builtin(Signature("namedtuple", [("typename", nil), ("field_names", nil), ("rename", .bool(false)), ("defaults", Value.none), ("module", Value.none)])) { interpreter, a in
                let typeName = try a.string("typename")
                let names: [String]
                if case .string(let s) = a["field_names"] {
                    names = s.split(whereSeparator: { $0 == "," || $0.isWhitespace }).map(String.init)
                } else if let items = a["field_names"].sequenceItems() {
                    names = try items.map { v in
                        guard case .string(let n) = v else { throw LanguageFailure("namedtuple(): field names must be strings, got \(v.typeName)") }
                        return n
                    }
                } else {
                    throw LanguageFailure("namedtuple(): field_names must be a list of names or one string of them")
                }
                guard Set(names).count == names.count else { throw LanguageFailure("namedtuple(): a field name is given twice in \(names)") }
                return try Self.namedTupleType(typeName, names, defaults: a["defaults"].isNone ? [] : try interpreter.iterationItems(a["defaults"]))
            },
        ]
        installDictKinds(&members)
        members["deque"] = dequeConstructor
        return Namespace("collections", members)
    }
}
