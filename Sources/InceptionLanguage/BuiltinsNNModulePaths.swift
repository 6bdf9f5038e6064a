import InceptionRuntime

/// torch.nn.modules and torch.nn.parameter, the paths programs import torch.nn's classes by:
/// `nn.modules.conv.Conv2d`, `from torch.nn.modules.loss import _Loss`,
/// `isinstance(m, nn.modules.batchnorm._BatchNorm)`, `from torch.nn.modules.utils import _pair`,
/// `from torch.nn.parameter import Parameter`. The layers are torch.nn's own builtins; the private
/// bases are classes for isinstance and issubclass (`NNClassTree`), and `_Loss` / `_WeightedLoss`
/// can be extended, as custom losses do.
extension Interpreter {
    /// torch.nn.modules: every layer, and a namespace per file of torch/nn/modules with its
    /// layers and private bases. (RNNBase and RNNCellBase, public in PyTorch, join torch.nn too.)
    func addModulePaths(to nn: Namespace) {
        var files: [String: [String: Value]] = [:]
        var members: [String: Value] = [:]
        for (name, value) in nn.members where name.first?.isUppercase == true {
            guard let file = NNClassTree.file(of: name) else { continue }
            files[file, default: [:]][name] = value
            members[name] = value
        }
        for name in NNClassTree.privateBases {
            guard let file = NNClassTree.file(of: name) else { continue }
            let base = privateBase(name, file: file)
            files[file, default: [:]][name] = base
            if !name.hasPrefix("_") { members[name] = base; nn.members[name] = base }
        }
        files["utils"] = tupleHelpers()
        for (file, classes) in files { members[file] = .namespace(Namespace("torch.nn.modules.\(file)", classes)) }
        nn.members["modules"] = .namespace(Namespace("torch.nn.modules", members))
        if let parameter = nn.members["Parameter"] {
            nn.members["parameter"] = .namespace(Namespace("torch.nn.parameter", ["Parameter": parameter]))
        }
    }

    /// A private base as a class: `_Loss` and `_WeightedLoss` build the base a custom loss extends
    /// (`self.reduction`, `self.weight`); the others are abstract here.
    private func privateBase(_ name: String, file: String) -> Value {
        let legacy: [(String, Value?)] = [("size_average", Value.none), ("reduce", Value.none), ("reduction", .string("mean"))]
        switch name {
        case "_Loss":
            return Self.builtin(Signature(name, legacy)) { _, a in .module(Self.lossBase(name, weight: nil, a)) }
        case "_WeightedLoss":
            return Self.builtin(Signature(name, [("weight", Value.none)] + legacy)) { _, a in
                .module(Self.lossBase(name, weight: a["weight"].isNone ? nil : try a.tensor("weight"), a))
            }
        default:
            let example = NNClassTree.parents.filter { $0.value == name && !$0.key.hasPrefix("_") }.keys.sorted().first ?? "Module"
            return .builtin(Builtin(name) { _, _ in
                throw LanguageFailure("torch.nn.modules.\(file).\(name) is a base class; it is not built on its own here",
                                      fix: "build one of its layers, e.g. nn.\(example)(…)")
            })
        }
    }

    /// What `_Loss.__init__` leaves: `reduction` (kept with the other arguments as a layer's
    /// options are), the weight as a buffer, no parameters and no forward of its own.
    private static func lossBase(_ name: String, weight: Tensor?, _ arguments: BoundArguments) -> Block {
        let block = Block(typeName: name, forward: .custom { block, _, _ in
            throw LanguageFailure("Module [\(block.typeName)] is missing the required \"forward\" function",
                                  fix: "define 'def forward(self, input, target):' in the class", as: .notImplementedError)
        })
        if let weight { block.registerBuffer("weight", weight) }
        LayerOptions.shared.record(block, layer: name, arguments.resolvingLegacyReduction())     // size_average / reduce read once, as _Loss's
        return block
    }

    /// torch.nn.modules.utils: `_pair(3)` is (3, 3), `_pair((1, 2))` stays (1, 2); `_ntuple(n)` makes one.
    private func tupleHelpers() -> [String: Value] {
        func ntuple(_ n: Int, _ name: String) -> Value {
            .builtin(Builtin(name) { _, a in
                guard a.positional.count == 1, a.keywords.isEmpty else {
                    throw LanguageFailure("\(name)() takes 1 positional argument but \(a.positional.count + a.keywords.count) were given", as: .typeError)
                }
                let x = a.positional[0]
                if x.typeName != "str", let items = x.sequenceItems() { return .tuple(items) }
                return .tuple(Array(repeating: x, count: n))
            })
        }
        var helpers: [String: Value] = ["_single": ntuple(1, "parse"), "_pair": ntuple(2, "parse"), "_triple": ntuple(3, "parse"),
                                        "_quadruple": ntuple(4, "parse")]
        helpers["_ntuple"] = Self.builtin(Signature("_ntuple", [("n", nil), ("name", .string("parse"))])) { _, a in
            ntuple(try a.int("n"), a["name"].text)
        }
        return helpers
    }
}
