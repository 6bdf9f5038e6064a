import Foundation
import InceptionRuntime

/// Handling blocks: parameter counts, train/eval, weights in and out, the reference
/// network, and the members PyTorch modules have (`m.modules()`, `conv.weight`, …).
extension Interpreter {
    func moduleBuiltins() -> [String: Value] {
        var t: [String: Value] = [:]
        t["params"] = Self.builtin(Signature("params", [("module", nil)])) { _, a in .int(try a.module("module").parameterCount) }
        t["formula"] = Self.builtin(Signature("formula", [("module", nil)])) { _, a in
            let m = try a.module("module")
            return .string(m.parameterFormula?.description ?? formatCount(m.parameterCount))
        }
        t["train"] = Self.builtin(Signature("train", [("module", nil), ("mode", .bool(true))])) { _, a in
            let m = try a.module("module")
            m.setTraining(try a.bool("mode"))
            return .module(m)
        }
        t["eval"] = evalBuiltin
        t["load_weights"] = Self.builtin(Signature("load_weights", [("module", nil), ("path", nil), ("prefix", Value.none), ("strict", .bool(true))])) { interpreter, a in
            try interpreter.loadWeights(into: try a.module("module"), path: try a.string("path"),
                                        prefix: try a.optionalString("prefix"), strict: try a.bool("strict"))
            return .none
        }
        t["reference"] = Self.builtin(Signature("reference", [("path", .string(""))])) { interpreter, a in
            let root = try interpreter.reference()
            let path = try a.string("path")
            guard let m = root.module(at: path) else {
                let names = root.namedModules().map(\.path).filter { !$0.isEmpty }
                throw LanguageFailure("the reference network has no block '\(path)'",
                                      fix: closestName(to: path, among: names).map { "did you mean '\($0)'?" } ?? "top-level blocks are \(root.children.map(\.name).joined(separator: ", "))")
            }
            return .module(m)
        }
        // nn.Module(): an empty module, layers added with add_module
        t["Module"] = Self.builtin(Signature("Module")) { _, _ in
            // a bare nn.Module holds layers (add_module) but has no forward, as in PyTorch
            .module(Block(typeName: "Module", forward: .custom { _, _, _ in
                throw LanguageFailure("Module [Module] is missing the required \"forward\" function",
                                      fix: "define a class with 'def forward(self, x):', or hold the layers in nn.Sequential", as: .notImplementedError)
            }))
        }
        return t
    }

    /// The reference network, built on first use.
    func reference() throws -> Module {
        if let m = cachedReference { return m }
        guard let referenceProvider else {
            throw LanguageFailure("reference() has no reference network here", fix: "run it where the network builtins are installed (inception run, the REPL, the lessons)")
        }
        let m = try referenceProvider()
        cachedReference = m
        return m
    }

    /// Loads a safetensors file into a block. The file's names may carry the block's own
    /// path as a prefix (a file saved from the whole network loads into `inception3a`);
    /// strict loading reports every missing, unexpected or mis-shaped name and changes nothing.
    func loadWeights(into m: Module, path: String, prefix given: String?, strict: Bool) throws {
        let file = try SafeTensorsFile.read(path: resolve(path))
        if let warning = file.nonFiniteWarning(source: path) { output("warning: " + warning + "\n") }
        let own = m.stateDict().map(\.name).filter { !$0.hasSuffix("num_batches_tracked") }
        var prefix = given.map { $0.isEmpty || $0.hasSuffix(".") ? $0 : $0 + "." } ?? ""
        if given == nil {
            let candidates = ["", m.path.isEmpty ? nil : m.path + ".", file.metadata["prefix"].map { $0.hasSuffix(".") ? $0 : $0 + "." }]
            prefix = candidates.compactMap { $0 }.first { p in own.allSatisfy { file.tensors[p + $0] != nil } } ?? ""
        }
        do {
            if strict {
                try m.loadStateDict(file.tensors, prefix: prefix)
                Self.carryToViews(of: m)
            } else {
                var problems: [String] = []
                var pairs: [(Tensor, Tensor)] = []
                for (name, target) in m.stateDict() {
                    guard let source = file.tensors[prefix + name] else { continue }
                    if source.shape == target.shape { pairs.append((target, source)) }
                    else { problems.append("shape mismatch for '\(prefix + name)': the file has \(formatShape(source.shape)), the model expects \(formatShape(target.shape))") }
                }
                guard problems.isEmpty else { throw LanguageFailure("\(path): " + problems.joined(separator: "; ")) }
                for (target, source) in pairs { try target.assign(source) }
                Self.carryToViews(of: m)
            }
        } catch let e as StateDictError {
            throw LanguageFailure("\(path): \(e.description)",
                                  fix: prefix.isEmpty && m.path.isEmpty ? "if the file's names start with a block's name, pass prefix=\"name.\"" : nil)
        }
    }

    /// A fan-based initialiser's draw: normal_(0, std), or uniform_(−√3·std, √3·std).
    static func fillFanBased(_ x: Tensor, normal: Bool, std: Double, generator: Value, _ name: String) throws {
        let bound = 3.0.squareRoot() * std
        try drawing(from: generator, name) { generator in
            if normal { generator.fillNormal(x.data, count: x.count, mean: 0, std: std) }
            else { generator.fillUniform(x.data, count: x.count, from: -bound, to: bound) }
        }
    }

    /// nn.init functions, as the seed's init loop calls them.
    func initBuiltins() -> [String: Value] {
        var t: [String: Value] = [:]
        t["trunc_normal_"] = Self.builtin(Signature("trunc_normal_", [("tensor", nil), ("mean", .float(0)), ("std", .float(1)), ("a", .float(-2)), ("b", .float(2)), ("generator", Value.none)])) { _, a in
            let x = try a.tensor("tensor")
            let (mean, std, lo, hi) = (try a.double("mean"), try a.double("std"), try a.double("a"), try a.double("b"))
            try Self.drawing(from: a["generator"], "trunc_normal_") { try x.fillTruncatedNormal(mean: mean, std: std, a: lo, b: hi, generator: &$0) }
            return .tensor(x)
        }
        t["normal_"] = Self.builtin(Signature("normal_", [("tensor", nil), ("mean", .float(0)), ("std", .float(1)), ("generator", Value.none)])) { _, a in
            let x = try a.tensor("tensor")
            let (mean, std) = (try a.double("mean"), try a.double("std"))
            try Self.drawing(from: a["generator"], "normal_") { $0.fillNormal(x.data, count: x.count, mean: mean, std: std) }
            return .tensor(x)
        }
        t["constant_"] = Self.builtin(Signature("constant_", [("tensor", nil), ("val", nil)])) { _, a in
            let x = try a.tensor("tensor")
            x.buffer.update(repeating: Float(try a.double("val")))
            return .tensor(x)
        }
        // PyTorch's fan-based initialisers, their bounds and stds computed in double as init.py does.
        func fans(_ x: Tensor) throws -> (Double, Double) {
            guard x.rank >= 2 else { throw LanguageFailure("Fan in and fan out can not be computed for tensor with fewer than 2 dimensions", as: .valueError) }
            let receptive = x.shape.dropFirst(2).reduce(1, *)
            return (Double(x.shape[1] * receptive), Double(x.shape[0] * receptive))
        }
        func gain(_ nonlinearity: String, _ a: Double) throws -> Double {
            switch nonlinearity {
            case "linear", "conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d", "conv_transpose3d", "sigmoid": return 1
            case "tanh": return 5.0 / 3
            case "relu": return 2.0.squareRoot()
            case "leaky_relu": return (2 / (1 + a * a)).squareRoot()
            case "selu": return 0.75
            default: throw LanguageFailure("Unsupported nonlinearity \(nonlinearity)", as: .valueError)
            }
        }
        for name in ["kaiming_normal_", "kaiming_uniform_"] {
            t[name] = Self.builtin(Signature(name, [("tensor", nil), ("a", .float(0)), ("mode", .string("fan_in")), ("nonlinearity", .string("leaky_relu")),
                                                 ("generator", Value.none)])) { _, a in
                let x = try a.tensor("tensor")
                let (fanIn, fanOut) = try fans(x)
                let mode = try a.string("mode")
                guard mode == "fan_in" || mode == "fan_out" else { throw LanguageFailure("Mode \(mode) not supported, please use one of ['fan_in', 'fan_out']", as: .valueError) }
                let std = try gain(try a.string("nonlinearity"), try a.double("a")) / (mode == "fan_in" ? fanIn : fanOut).squareRoot()
                try Self.fillFanBased(x, normal: name == "kaiming_normal_", std: std, generator: a["generator"], name)
                return .tensor(x)
            }
        }
        for name in ["xavier_normal_", "xavier_uniform_"] {
            t[name] = Self.builtin(Signature(name, [("tensor", nil), ("gain", .float(1)), ("generator", Value.none)])) { _, a in
                let x = try a.tensor("tensor")
                let (fanIn, fanOut) = try fans(x)
                let std = try a.double("gain") * (2 / (fanIn + fanOut)).squareRoot()
                try Self.fillFanBased(x, normal: name == "xavier_normal_", std: std, generator: a["generator"], name)
                return .tensor(x)
            }
        }
        t["uniform_"] = Self.builtin(Signature("uniform_", [("tensor", nil), ("a", .float(0)), ("b", .float(1)), ("generator", Value.none)])) { _, a in
            let x = try a.tensor("tensor")
            let (lo, hi) = (try a.double("a"), try a.double("b"))
            try Self.drawing(from: a["generator"], "uniform_") { $0.fillUniform(x.data, count: x.count, from: lo, to: hi) }
            return .tensor(x)
        }
        t["calculate_gain"] = Self.builtin(Signature("calculate_gain", [("nonlinearity", nil), ("param", Value.none)])) { _, a in
            let g = try gain(try a.string("nonlinearity"), a["param"].asDouble ?? 0.01)
            return g == 1 && a["nonlinearity"].text != "leaky_relu" ? .int(1) : .float(g)      // init.py returns the int 1 for these
        }
        for (name, value) in initMatrixBuiltins(fans: fans) { t[name] = value }
        t["zeros_"] = Self.builtin(Signature("zeros_", [("tensor", nil)])) { _, a in
            let x = try a.tensor("tensor"); x.buffer.update(repeating: 0); return .tensor(x)
        }
        t["ones_"] = Self.builtin(Signature("ones_", [("tensor", nil)])) { _, a in
            let x = try a.tensor("tensor"); x.buffer.update(repeating: 1); return .tensor(x)
        }
        return t.mapValues(Self.carriedToViews)
    }

    /// After new values were loaded into m's parameters and buffers: their views see them.
    static func carryToViews(of m: Module) {
        for (_, t) in m.stateDict() { TensorKinds.shared.wroteInPlace(t) }
    }

    /// An nn.init function that fills its tensor in place (its name ends in _), run as PyTorch's
    /// are, under no_grad, with the change carried to the tensor's base and views.
    static func carriedToViews(_ value: Value) -> Value {
        guard case .builtin(let b) = value, b.name.hasSuffix("_") else { return value }
        return .builtin(Builtin(b.name) { interpreter, arguments in
            if case .tensor(let x)? = arguments.positional.first ?? arguments.keywords.first(where: { $0.name == "tensor" })?.value {
                try GradMode.with(enabled: false) { try interpreter.checkInPlace(x, "nn.init.\(b.name)()", autograd: false) }
            }
            let result = try b.body(interpreter, arguments)
            if case .tensor(let x) = result { TensorKinds.shared.wroteInPlace(x) }
            return result
        })
    }

    static let moduleMemberNames = ["training", "train", "eval", "modules", "named_modules", "children", "named_children",
                                    "parameters", "named_parameters", "buffers", "named_buffers", "add_module", "append", "state_dict", "extra_repr", "_get_name", "load_state_dict", "path",
                                    "in_channels", "out_channels", "kernel_size", "stride", "padding", "in_features",
                                    "out_features", "num_features", "eps", "momentum", "p", "ceil_mode"]

    /// What a Module method gives in PyTorch as a generator: the items at once, printed and
    /// refused (indexing, list methods) as a generator, taken one by one by next().
    static func generator(_ items: [Value], _ method: String) -> Value {
        .list(ListStorage(items, view: "generator", origin: "Module.\(method)"))
    }

    /// Every buffer in the subtree under its state_dict name, in PyTorch's order.
    static func namedBuffers(_ m: Module) -> [(name: String, tensor: Tensor)] {
        m.namedModules().flatMap { (path, sub) in sub.buffers.map { ((path.isEmpty ? "" : path + ".") + $0.name, $0.tensor) } }
    }

    /// A buffer as PyTorch shows it: BatchNorm's `num_batches_tracked` is int64.
    static func buffer(_ name: String, _ t: Tensor) -> Tensor {
        name == "num_batches_tracked" || name.hasSuffix(".num_batches_tracked") ? TensorKinds.shared.setDType(t, .int64) : t
    }

    func moduleMember(_ m: Module, _ name: String) throws -> Value? {
        let pair: (Int, Int) -> Value = { .tuple([.int($0), .int($1)]) }
        switch (name, m) {
        case ("training", _): return .bool(m.training)
        case ("forward", _), ("__call__", _):
            // layer.forward(x) and layer.__call__(x) call it as layer(x) does (hooks aside); read
            // here for a class only past its own methods: super().forward(x) of an nn.Module subclass
            return .builtin(Builtin(name) { interpreter, arguments in
                let site = interpreter.innermostCallSite ?? SourceLocation(file: "<\(name)>", line: 0, column: 0)
                guard name == "forward", let instance = interpreter.instance(of: m) else { return try interpreter.callModule(m, arguments, at: site) }
                if interpreter.extendsModule(instance.cls) { throw interpreter.missingForward(instance.cls) }
                // a subclass of nn.Sequential: its layers in order
                guard arguments.positional.count == 1, arguments.keywords.isEmpty else {
                    throw LanguageFailure("\(m.typeName).forward takes one input", as: .typeError)
                }
                var x = arguments.positional[0]
                for (_, layer) in m.children { x = try interpreter.callModule(layer, Arguments([x]), at: site) }
                return x
            })
        case ("path", _): return .string(m.path)
        case ("_get_name", _): return Self.builtin(Signature("_get_name")) { _, _ in .string(m.typeName) }     // what its repr starts with
        case ("extra_repr", _): return Self.builtin(Signature("extra_repr")) { _, _ in .string(ModulePrinting.extraRepr(m)) }
        case ("reset_parameters", _): return resetParametersMember(m)
        case ("reset_running_stats", _): return resetRunningStatsMember(m)
        case ("train", _): return Self.builtin(Signature("train", [("mode", .bool(true))])) { _, a in
            try Self.refuseCycle(m, "train"); m.setTraining(try a.bool("mode")); return .module(m)
        }
        case ("eval", _): return Self.builtin(Signature("eval")) { _, _ in try Self.refuseCycle(m, "eval"); m.setTraining(false); return .module(m) }
        case ("modules", _): return Self.builtin(Signature("modules")) { _, _ in Self.generator(m.namedModules().map { .module($0.module) }, "modules") }
        case ("named_modules", _):
            return Self.builtin(Signature("named_modules", [("memo", Value.none), ("prefix", .string("")), ("remove_duplicate", .bool(true))])) { _, a in
                let prefix = try a.string("prefix")
                if try !a.bool("remove_duplicate") { try Self.refuseCycle(m, "named_modules") }
                return Self.generator(m.namedModules(removingDuplicates: try a.bool("remove_duplicate")).map {
                    .tuple([.string(Self.prefixed(prefix, $0.path)), .module($0.module)])
                }, "named_modules")
            }
        case ("children", _): return Self.builtin(Signature("children")) { _, _ in Self.generator(Self.uniqueChildren(m).map { .module($0.module) }, "children") }
        case ("named_children", _): return Self.builtin(Signature("named_children")) { _, _ in
            Self.generator(Self.uniqueChildren(m).map { .tuple([.string($0.name), .module($0.module)]) }, "named_children")
        }
        case ("parameters", _): return Self.builtin(Signature("parameters", [("recurse", .bool(true))])) { _, a in
            Self.generator(try Self.namedParameters(m, recurse: a.bool("recurse")).map { .tensor($0.tensor) }, "parameters")
        }
        case ("named_parameters", _):
            return Self.builtin(Signature("named_parameters", [("prefix", .string("")), ("recurse", .bool(true)), ("remove_duplicate", .bool(true))])) { _, a in
                let prefix = try a.string("prefix")
                if try !a.bool("remove_duplicate") { try Self.refuseCycle(m, "named_parameters") }
                return Self.generator(try Self.namedParameters(m, recurse: a.bool("recurse"), removingDuplicates: a.bool("remove_duplicate")).map {
                    .tuple([.string(Self.prefixed(prefix, $0.name)), .tensor($0.tensor)])
                }, "named_parameters")
            }
        case ("get_submodule", _), ("get_parameter", _), ("get_buffer", _):
            return Self.builtin(Signature(name, [("target", nil)])) { _, a in try Self.member(of: m, at: try a.string("target"), name) }
        case ("add_module", _): return Self.builtin(Signature("add_module", [("name", nil), ("module", nil)])) { _, a in
            let name = try a.string("name")
            guard !name.isEmpty, !name.contains(".") else { throw LanguageFailure("module name can't be empty or contain \".\", got: \(name)") }
            _ = m.register(name, try a.module("module")); return .none
        }
        case ("insert", _) where m.isNumberedContainer:
            // insert(index, module): PyTorch's loop over _modules, each layer from index on moved up one
            // name (_modules["2"] = _modules["1"]): a name missing (a Sequential of an OrderedDict, or
            // ModuleList's unchecked negative index) is a KeyError part way, as there
            return Self.builtin(Signature("insert", [("index", nil), ("module", nil)])) { _, a in
                let n = m.children.count, given = try a.int("index"), module = try a.module("module")
                var index = given
                if m.containerKind == "Sequential" {
                    guard (-n...n).contains(given) else { throw LanguageFailure("Index out of range: \(given)", as: .indexError) }
                    if given < 0 { index += n }
                }
                for i in stride(from: n, to: index, by: -1) {
                    guard let previous = m.children.first(where: { $0.name == String(i - 1) })?.module else { throw LanguageFailure.keyError(.string(String(i - 1))) }
                    m.register(String(i), previous)
                }
                m.register(String(index), module)
                return m.containerKind == "Sequential" ? .module(m) : .none
            }
        case ("append", _) where m.isNumberedContainer:
            return Self.builtin(Signature("append", [("module", nil)])) { _, a in
                _ = m.register(String(m.children.count), try a.module("module")); return .module(m)
            }
        case ("buffers", _): return Self.builtin(Signature("buffers")) { _, _ in
            Self.generator(Self.namedBuffers(m).map { .tensor(Self.buffer($0.name, $0.tensor)) }, "buffers")
        }
        case ("named_buffers", _): return Self.builtin(Signature("named_buffers", [("prefix", .string(""))])) { _, a in
            let prefix = try a.string("prefix")
            return Self.generator(Self.namedBuffers(m).map { .tuple([.string(Self.prefixed(prefix, $0.name)), .tensor(Self.buffer($0.name, $0.tensor))]) }, "named_buffers")
        }
        case ("state_dict", _): return Self.builtin(Signature("state_dict", [("destination", Value.none), ("prefix", .string("")), ("keep_vars", .bool(false))])) { _, a in
            // PyTorch's values are each tensor detached (the same memory, no gradient: printed as
            // plain tensors); keep_vars=True gives the parameters and buffers themselves
            let keep = try a.bool("keep_vars"), prefix = try a.string("prefix")
            guard a["destination"].isNone else { throw LanguageFailure("state_dict(destination=…) is not supported here", fix: "take the dict it returns: d.update(model.state_dict())") }
            try Self.refuseCycle(m, "state_dict")
            return .dict(DictStorage(m.stateDict().map { entry in
                let t = Self.buffer(entry.name, entry.tensor)
                return (.string(prefix + entry.name), .tensor(keep ? t : TensorKinds.shared.setDType(Tensor(aliasing: t), TensorKinds.shared.dtype(t))))
            }, kind: .ordered))
        }
        case ("load_state_dict", _): return Self.builtin(Signature("load_state_dict", [("state_dict", nil), ("strict", .bool(true)), ("assign", .bool(false))])) { interpreter, a in
            try Self.refuseCycle(m, "load_state_dict")
            _ = try a.bool("assign")     // assign=True loads the same values (docs/pytorch-differences.md)
            if case .string(let path) = a["state_dict"] {
                try interpreter.loadWeights(into: m, path: path, prefix: nil, strict: try a.bool("strict"))
                return .none
            }
            guard case .dict(let d) = a["state_dict"] else {
                throw LanguageFailure("Expected state_dict to be dict-like, got <class '\(a["state_dict"].typeName)'>.", as: .typeError)
            }
            var weights: [String: Tensor] = [:], given: [String] = [], notTensors: [String: String] = [:]
            for (k, v) in d.entries {
                guard case .string(let key) = k else {
                    throw LanguageFailure("load_state_dict(): the state_dict's keys must be parameter names (strings), got \(k.typeName) \(k.repr)", as: .typeError)
                }
                given.append(key)
                if case .tensor(let x) = v { weights[key] = x } else { notTensors[key] = v.typeName }
            }
            // strict=False: PyTorch loads the names both have and reports the others
            let own = m.stateDict()
            let missing = own.map(\.name).filter { weights[$0] == nil && notTensors[$0] == nil && !$0.hasSuffix("num_batches_tracked") }
            let unexpected = given.filter { key in !own.contains { $0.name == key } }
            try Self.checkLoadable(m, own, weights, notTensors: notTensors, missing: missing, unexpected: unexpected, strict: try a.bool("strict"))
            if try !a.bool("strict") {
                for entry in own where weights[entry.name] == nil { weights[entry.name] = entry.tensor }
                for key in unexpected { weights[key] = nil }
            }
            try m.loadStateDict(weights)
            Self.carryToViews(of: m)
            return .object(IncompatibleKeys(missing: missing, unexpected: unexpected))
        }
        case ("in_channels", let c as Conv2d): return .int(c.inChannels)
        case ("out_channels", let c as Conv2d): return .int(c.outChannels)
        case ("kernel_size", let c as Conv2d): return pair(c.window.kernel.h, c.window.kernel.w)
        case ("stride", let c as Conv2d): return pair(c.window.stride.h, c.window.stride.w)
        case ("padding", let c as Conv2d): return pair(c.window.padding.h, c.window.padding.w)
        case ("kernel_size", let p as MaxPool2d): return .int(p.window.kernel.h)
        case ("stride", let p as MaxPool2d): return .int(p.window.stride.h)
        case ("padding", let p as MaxPool2d): return .int(p.window.padding.h)
        case ("ceil_mode", let p as MaxPool2d): return .bool(p.window.ceilMode)
        case ("kernel_size", let p as AvgPool2d): return .int(p.window.kernel.h)
        case ("stride", let p as AvgPool2d): return .int(p.window.stride.h)
        case ("padding", let p as AvgPool2d): return .int(p.window.padding.h)
        case ("ceil_mode", let p as AvgPool2d): return .bool(p.window.ceilMode)
        case ("in_features", let l as Linear): return .int(l.inFeatures)
        case ("out_features", let l as Linear): return .int(l.outFeatures)
        case ("num_features", let b as BatchNorm2d): return .int(b.features)
        case ("eps", let b as BatchNorm2d): return .float(Double(String(b.eps)) ?? Double(b.eps))
        case ("momentum", let b as BatchNorm2d): return .float(Double(String(b.momentum)) ?? Double(b.momentum))
        case ("p", let d as Dropout): return .float(d.p)
        default: return nil
        }
    }
}

/// What load_state_dict returns: `<All keys matched successfully>`, or the names only one side had.
final class IncompatibleKeys: NativeObject {
    let missing: [String], unexpected: [String]
    init(missing: [String], unexpected: [String]) {
        self.missing = missing; self.unexpected = unexpected
        super.init(typeName: "_IncompatibleKeys")
    }
    private static func list(_ names: [String]) -> String { "[" + names.map { "'\($0)'" }.joined(separator: ", ") + "]" }
    override var repr: String {
        missing.isEmpty && unexpected.isEmpty ? "<All keys matched successfully>"
            : "_IncompatibleKeys(missing_keys=\(Self.list(missing)), unexpected_keys=\(Self.list(unexpected)))"
    }
    override func member(_ name: String) -> Value? {
        switch name {
        case "missing_keys": return .list(ListStorage(missing.map { .string($0) }))
        case "unexpected_keys": return .list(ListStorage(unexpected.map { .string($0) }))
        default: return nil
        }
    }
    override var items: [Value]? { [member("missing_keys")!, member("unexpected_keys")!] }
}
