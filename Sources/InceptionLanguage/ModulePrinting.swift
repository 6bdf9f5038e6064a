import InceptionRuntime

/// print(model) as PyTorch prints it: `Name(extra)` for a leaf, the children indented under
/// `(name): …` otherwise, a class's own name with no constructor arguments, and ModuleList's
/// `(0-2): 3 x Linear(…)` for repeated layers.
enum ModulePrinting {
    /// The text of an instance whose class defines __repr__ / __str__, by method name, kept beside
    /// the block (weakly: a later object at the same address is not mistaken for it).
    final class ClassText {
        weak var block: Module?
        let methods: [String: () -> String]
        init(_ block: Module, _ methods: [String: () -> String]) { self.block = block; self.methods = methods }
    }
    nonisolated(unsafe) static var classTexts: [ObjectIdentifier: ClassText] = [:]

    /// What the class's `name` (__repr__ or __str__) gives for m, or nil.
    static func classText(_ m: Module, _ name: String) -> String? {
        guard let entry = classTexts[ObjectIdentifier(m)], entry.block === m else { return nil }
        return entry.methods[name]?()
    }

    /// Whether m's class defines `name` (`__repr__`, `extra_repr`), without running it.
    static func hasClassText(_ m: Module, _ name: String) -> Bool {
        guard let entry = classTexts[ObjectIdentifier(m)], entry.block === m else { return false }
        return entry.methods[name] != nil
    }

    /// The modules being printed now, outermost first: a module inside itself (printed where no
    /// error can be raised, e.g. inside a list) shows as `Name(...)` there instead of without end.
    nonisolated(unsafe) static var printing: Set<ObjectIdentifier> = []

    /// m.extra_repr(): what its repr shows inside the parentheses, before its children.
    static func extraRepr(_ m: Module) -> String {
        if let text = TensorKinds.shared.arguments(m) ?? Interpreter.parameterContainerExtra(m) { return text }
        if m is Block { return classText(m, "extra_repr") ?? "" }      // a class: its extra_repr, not its constructor arguments
        return m.extraRepr
    }

    static func repr(_ m: Module) -> String {
        guard printing.insert(ObjectIdentifier(m)).inserted else { return "\(m.typeName)(...)" }
        defer { printing.remove(ObjectIdentifier(m)) }
        let extra = extraRepr(m)
        if m.containerKind == "ModuleList" { return listRepr(m) }
        var lines = extra.isEmpty ? [] : extra.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // the children, and any set to None after they were registered (`(aux1): None`) in their places
        let modules = Dictionary(m.children.map { ($0.name, $0.module) }, uniquingKeysWith: { first, _ in first })
        let children = EmptiedMembers.childOrder(of: m).map { name in
            "(\(name)): " + (modules[name].map { indent(childRepr($0), 2) } ?? "None")
        }
        if lines.count == 1 && children.isEmpty { return "\(m.typeName)(\(lines[0]))" }
        lines += children
        if lines.isEmpty { return "\(m.typeName)()" }
        return "\(m.typeName)(\n  " + lines.joined(separator: "\n  ") + "\n)"
    }

    /// A child's line: repr(child), so a class's own __repr__ shows inside its parent, as in PyTorch.
    static func childRepr(_ m: Module) -> String { classText(m, "__repr__") ?? repr(m) }

    static func listRepr(_ m: Module) -> String {
        let reprs = m.children.map { childRepr($0.module) }
        guard let first = reprs.first else { return "\(m.typeName)()" }
        var groups: [(start: Int, end: Int, text: String)] = [(0, 0, first)]
        for (i, r) in reprs.enumerated().dropFirst() {
            if r == groups[groups.count - 1].text { groups[groups.count - 1].end = i } else { groups.append((i, i, r)) }
        }
        let lines = groups.map { g in
            indent(g.start == g.end ? "(\(g.start)): \(g.text)" : "(\(g.start)-\(g.end)): \(g.end - g.start + 1) x \(g.text)", 2)
        }
        return "\(m.typeName)(\n  " + lines.joined(separator: "\n  ") + "\n)"
    }

    /// PyTorch's _addindent: every line after the first gets `n` more spaces.
    static func indent(_ s: String, _ n: Int) -> String {
        let parts = s.split(separator: "\n", omittingEmptySubsequences: false)
        guard parts.count > 1 else { return s }
        return ([String(parts[0])] + parts.dropFirst().map { String(repeating: " ", count: n) + $0 }).joined(separator: "\n")
    }
}
