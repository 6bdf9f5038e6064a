import InceptionRuntime

/// Walking a module tree as PyTorch's named_* methods do (each module and tensor once, names
/// prefixed), reaching a member by its dotted name, and load_state_dict's refusal in PyTorch's words.
extension Interpreter {
    /// "prefix.name", or the name alone when the prefix is empty.
    static func prefixed(_ prefix: String, _ name: String) -> String {
        prefix.isEmpty ? name : name.isEmpty ? prefix : prefix + "." + name
    }

    /// The children, each module once (named_children's memo).
    static func uniqueChildren(_ m: Module) -> [(name: String, module: Module)] {
        var seen = Set<ObjectIdentifier>()
        return m.children.filter { seen.insert(ObjectIdentifier($0.module)).inserted }
    }

    /// named_parameters(recurse=, remove_duplicate=): the module's own, or the subtree's; each
    /// tensor once unless duplicates are asked for.
    static func namedParameters(_ m: Module, recurse: Bool, removingDuplicates: Bool = true) -> [(name: String, tensor: Tensor)] {
        if !recurse { return m.parameters.map { ($0.name, $0.tensor) } }
        if removingDuplicates { return m.namedParameters() }
        return m.namedModules(removingDuplicates: false).flatMap { (p, sub) in sub.parameters.map { (prefixed(p, $0.name), $0.tensor) } }
    }

    /// get_submodule / get_parameter / get_buffer("a.b.c"), with PyTorch's messages.
    static func member(of m: Module, at target: String, _ getter: String) throws -> Value {
        let parts = target.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let modulePath = getter == "get_submodule" ? parts : Array(parts.dropLast())
        var node = m
        for part in modulePath where !target.isEmpty {
            guard let next = node.child(part) else {
                throw LanguageFailure("\(node.typeName) has no attribute `\(part)`", as: .attributeError)
            }
            node = next
        }
        switch getter {
        case "get_submodule": return .module(node)
        case "get_parameter":
            guard let p = node.parameters.first(where: { $0.name == parts.last }) else {
                throw LanguageFailure("\(node.typeName) has no attribute `\(parts.last ?? "")`", as: .attributeError)
            }
            return .tensor(p.tensor)
        default:
            guard let b = node.buffers.first(where: { $0.name == parts.last }) else {
                throw LanguageFailure("\(node.typeName) has no attribute `\(parts.last ?? "")`", as: .attributeError)
            }
            return .tensor(b.tensor)
        }
    }

    /// load_state_dict's refusal as PyTorch words it: the missing and unexpected keys (when strict),
    /// then each size mismatch, under "Error(s) in loading state_dict for <class>:".
    /// `notTensors` names the entries that hold no tensor, with their Python type's name.
    static func checkLoadable(_ m: Module, _ own: [(name: String, tensor: Tensor)], _ weights: [String: Tensor], notTensors: [String: String] = [:],
                              missing: [String], unexpected: [String], strict: Bool) throws {
        func quoted(_ keys: [String]) -> String { keys.map { "\"\($0)\"" }.joined(separator: ", ") }
        var errors: [String] = []
        if strict, !missing.isEmpty { errors.append("Missing key(s) in state_dict: \(quoted(missing)). ") }
        if strict, !unexpected.isEmpty { errors.append("Unexpected key(s) in state_dict: \(quoted(unexpected)). ") }
        for (name, target) in own {
            if let kind = notTensors[name] {
                errors.append("While copying the parameter named \"\(name)\", expected torch.Tensor or Tensor-like object from checkpoint but received <class '\(kind)'>")
                continue
            }
            guard let source = weights[name], !stateDictShapeFits(source.shape, into: target.shape) else { continue }
            errors.append("size mismatch for \(name): copying a param with shape \(torchSizeText(source.shape)) from checkpoint, the shape in current model is \(torchSizeText(target.shape)).")
        }
        guard errors.isEmpty else {
            // the likely cause, when the names differ by a prefix (a file saved from a wrapper or a part)
            let hint = StateDictError(problems: missing.map { "missing key '\($0)'" } + unexpected.map { "unexpected key '\($0)'" }).prefixHint
            throw LanguageFailure("Error(s) in loading state_dict for \(m.typeName):\n\t" + errors.joined(separator: "\n\t"), fix: strict ? hint : nil)
        }
    }
}

/// A module that holds itself (`s.append(s)`, `self.l.append(self)`): PyTorch builds it, and
/// its walks that skip modules seen before (modules(), parameters(), children()) end, so they do
/// here; the ones that do not (repr, state_dict, train, apply, to, forward) raise RecursionError
/// there, and here before they start.
extension Interpreter {
    static func refuseCycle(_ m: Module, _ what: String) throws {
        guard m.containsCycle else { return }
        throw LanguageFailure("maximum recursion depth exceeded while calling \(what): \(m.typeName) holds itself (a module appended or added to itself)",
                              fix: "add a new module instead of the module itself, e.g. s.append(nn.ReLU())", as: .recursionError)
    }

    /// The same for a value print(), str() or repr() is about to show.
    static func refuseCycle(in v: Value, _ what: String) throws {
        // (asking whether the class has a __repr__ must not run it: one that calls repr(self)
        // then ran twice a level, and its RecursionError took 2^1000 calls to come)
        guard case .module(let m) = v, !ModulePrinting.hasClassText(m, "__repr__"), m.containsCycle else { return }
        throw LanguageFailure("maximum recursion depth exceeded while getting \(what): \(m.typeName) holds itself (a module appended or added to itself)",
                              fix: "add a new module instead of the module itself, e.g. s.append(nn.ReLU())", as: .recursionError)
    }
}
