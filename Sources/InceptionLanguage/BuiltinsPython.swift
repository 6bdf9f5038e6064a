import Foundation
import InceptionRuntime

/// Python builtins a PyTorch learner reaches for: getattr, setattr, hasattr, type, callable,
/// any, all, reversed, map/filter-free helpers, and the `Ellipsis` of `x[..., 0]`.
extension Interpreter {
    func pythonBuiltins() -> [String: Value] {
        var t: [String: Value] = [:]
        t["getattr"] = Self.builtin(Signature("getattr", [("object", nil), ("name", nil), ("default", .object(MissingObject.shared))])) { interpreter, a in
            let name = try a.string("name")
            do { return try interpreter.getAttribute(a["object"], name) } catch let e as LanguageFailure {
                if case .object(let o) = a["default"], o === MissingObject.shared { throw e }
                return a["default"]
            }
        }
        t["setattr"] = Self.builtin(Signature("setattr", [("object", nil), ("name", nil), ("value", nil)])) { interpreter, a in
            try interpreter.setAttribute(a["object"], try a.string("name"), a["value"])
            return .none
        }
        t["hasattr"] = Self.builtin(Signature("hasattr", [("object", nil), ("name", nil)])) { interpreter, a in
            .bool((try? interpreter.getAttribute(a["object"], try a.string("name"))) != nil)
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
        // filter and map give their items at once, or one at a time over a generator
        t["filter"] = Self.builtin(Signature("filter", [("function", nil), ("iterable", nil)])) { interpreter, a in
            let f = a["function"]
            if case .list(let source) = a["iterable"], source.isLazy {
                return .list(.stepped("filter") {
                    while let item = try source.takeNext() {
                        if f.isNone ? try item.isTruthy() : try interpreter.callBack(f, Arguments([item])).isTruthy() { return item }
                    }
                    return nil
                })
            }
            let kept = try interpreter.iterationItems(a["iterable"]).filter { f.isNone ? try $0.isTruthy() : try interpreter.callBack(f, Arguments([$0])).isTruthy() }
            return .list(ListStorage(kept, view: "filter"))
        }
        t["map"] = .builtin(Builtin("map") { interpreter, arguments in
            guard arguments.positional.count >= 2, arguments.keywords.isEmpty else { throw LanguageFailure("map() takes a function and at least one iterable") }
            if arguments.positional.dropFirst().contains(where: \.isLazyIterator) {
                let rows = try RowsInTurn(Array(arguments.positional.dropFirst()), interpreter)
                return .list(.stepped("map") { try rows.next().map { try interpreter.callBack(arguments.positional[0], Arguments($0)) } })
            }
            let rows = try interpreter.rowsInTurn(Array(arguments.positional.dropFirst()))
            let mapped = try rows.map { row in try interpreter.callBack(arguments.positional[0], Arguments(row)) }
            return .list(ListStorage(mapped, view: "map"))
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
    /// torch.nn's layers by the file of torch/nn/modules that defines them, for their printed class.
    static let nnModuleFiles: [String: [String]] = [
        "conv": ["Conv1d", "Conv2d", "Conv3d", "ConvTranspose1d", "ConvTranspose2d", "ConvTranspose3d"],
        "pooling": ["MaxPool1d", "MaxPool2d", "MaxPool3d", "AvgPool1d", "AvgPool2d", "AvgPool3d", "AdaptiveAvgPool1d",
                    "AdaptiveAvgPool2d", "AdaptiveAvgPool3d", "AdaptiveMaxPool1d", "AdaptiveMaxPool2d", "AdaptiveMaxPool3d",
                    "MaxUnpool1d", "MaxUnpool2d", "LPPool1d", "LPPool2d"],
        "activation": ["ReLU", "ReLU6", "LeakyReLU", "PReLU", "RReLU", "ELU", "SELU", "CELU", "GELU", "SiLU", "Mish", "Sigmoid",
                       "Tanh", "Softmax", "Softmin", "LogSoftmax", "Softmax2d", "Softplus", "Softsign", "Hardtanh", "Hardswish",
                       "Hardsigmoid", "Hardshrink", "Softshrink", "Tanhshrink", "Threshold", "LogSigmoid", "GLU", "MultiheadAttention"],
        "linear": ["Linear", "Identity", "Bilinear", "NonDynamicallyQuantizableLinear"],
        "batchnorm": ["BatchNorm1d", "BatchNorm2d", "BatchNorm3d", "SyncBatchNorm"],
        "instancenorm": ["InstanceNorm1d", "InstanceNorm2d", "InstanceNorm3d"],
        "normalization": ["LayerNorm", "GroupNorm", "LocalResponseNorm", "RMSNorm"],
        "dropout": ["Dropout", "Dropout1d", "Dropout2d", "Dropout3d", "AlphaDropout"],
        "container": ["Sequential", "ModuleList", "ModuleDict", "ParameterList", "ParameterDict"],
        "sparse": ["Embedding", "EmbeddingBag"],
        "rnn": ["RNN", "LSTM", "GRU", "RNNCell", "LSTMCell", "GRUCell"],
        "transformer": ["Transformer", "TransformerEncoder", "TransformerDecoder", "TransformerEncoderLayer", "TransformerDecoderLayer"],
        "flatten": ["Flatten", "Unflatten"],
        "pixelshuffle": ["PixelShuffle", "PixelUnshuffle"],
        "upsampling": ["Upsample", "UpsamplingNearest2d", "UpsamplingBilinear2d"],
        "padding": ["ZeroPad1d", "ZeroPad2d", "ZeroPad3d", "ConstantPad1d", "ConstantPad2d", "ConstantPad3d", "ReflectionPad1d",
                    "ReflectionPad2d", "ReflectionPad3d", "ReplicationPad1d", "ReplicationPad2d", "ReplicationPad3d",
                    "CircularPad1d", "CircularPad2d", "CircularPad3d"],
        "fold": ["Fold", "Unfold"],
        "distance": ["PairwiseDistance", "CosineSimilarity"],
        "channelshuffle": ["ChannelShuffle"],
    ]
    static let qualified: [String: String] = {
        var names: [String: String] = [
            "Tensor": "torch.Tensor", "torch.Size": "torch.Size", "Parameter": "torch.nn.parameter.Parameter",
            "PackedSequence": "torch.nn.utils.rnn.PackedSequence", "OrderedDict": "collections.OrderedDict",
            "defaultdict": "collections.defaultdict", "Counter": "collections.Counter", "deque": "collections.deque",
        ]
        for (file, layers) in nnModuleFiles { for layer in layers { names[layer] = "torch.nn.modules.\(file).\(layer)" } }
        return names
    }()
    /// The printed class: a loss (nn.MSELoss) lives in torch/nn/modules/loss.py.
    var qualifiedName: String {
        if let known = Self.qualified[name] { return known }
        return name.hasSuffix("Loss") && !name.contains(".") ? "torch.nn.modules.loss.\(name)" : name
    }
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
