import Foundation

/// A node of the network tree, as `nn.Module` in PyTorch.
///
/// Every module has a type name ("Conv2d", "BasicConv2d"), named children in order, its own
/// parameters and buffers, and a dotted `path` from its root ("inception3a.conv3x3.1.layer.0")
/// that is also its `state_dict` prefix. Call a module with `module(x, context)`: the call
/// emits trace events around `forward`, which subclasses override.
open class Module: CustomStringConvertible {
    public let typeName: String
    public private(set) var children: [(name: String, module: Module)] = []
    public private(set) var parameters: [(name: String, tensor: Tensor)] = []
    public private(set) var buffers: [(name: String, tensor: Tensor)] = []
    /// Dotted path from the root of the tree this module was last registered in ("" for a root).
    public private(set) var path: String = ""
    /// The name this module has in its parent ("" for a root).
    public private(set) var name: String = ""
    public private(set) var training = false
    /// What the last finished call of this module handed back besides its tensor (the aux
    /// heads' logits, a language forward's tuple); nil when it handed back nothing.
    public internal(set) var lastForward: ForwardFrame?

    /// Functions the learner hung on its calls (`ModuleHooks`).
    public var hooks = ModuleHooks()

    /// For a layer built with inplace=True (nn.ReLU(inplace=True)): given its input x and its
    /// forward (which makes a new tensor), writes the result into x and hands x back, as
    /// PyTorch's in-place layers do, wherever the layer is called (alone or in a Sequential).
    /// Set by the language, which checks such writes under autograd; nil: a new tensor.
    public var inPlaceWrite: ((Tensor, (Tensor) throws -> Tensor) throws -> Tensor)?

    /// The rank of one example without its batch dimension that the layer takes as a batch of
    /// one, as PyTorch's do: 3 for a 2-D convolution or pooling ((C, H, W)), 2 for a 1-D one
    /// ((C, L)); nil: the layer takes batches only.
    public var unbatchedRank: Int?
    /// PyTorch's kernel takes that unbatched input itself (the 2-D poolings): the result's
    /// `grad_fn` is the layer's own, not the SqueezeBackward1 of a batch of one (Conv2d's).
    public var unbatchedNatively = false

    public init(typeName: String) { self.typeName = typeName }

    // MARK: building

    /// Adds (or replaces) a named child and gives its subtree their dotted paths.
    @discardableResult
    public func register<M: Module>(_ name: String, _ child: M) -> M {
        if let i = children.firstIndex(where: { $0.name == name }) { children[i].module = child }
        else { children.append((name, child)) }
        // a module put inside itself (s.append(s)) keeps the name and paths it has
        guard !child.namedModules().contains(where: { $0.module === self }) else { return child }
        child.name = name
        child.setPath(path.isEmpty ? name : "\(path).\(name)")
        return child
    }

    /// As `register`, the child placed before the child named `successor` when there is one: a
    /// name set to None and back keeps its place, as in PyTorch's `_modules`.
    @discardableResult
    public func register<M: Module>(_ name: String, _ child: M, before successor: String?) -> M {
        let registered = register(name, child)
        if let successor, let i = children.firstIndex(where: { $0.name == name }), let j = children.firstIndex(where: { $0.name == successor }), j < i {
            children.insert(children.remove(at: i), at: j)
        }
        return registered
    }

    /// `layer.weight = other`: the parameter of that name becomes `tensor` (a tied weight), its
    /// requires_grad kept; false when the module has no such parameter.
    public func replaceParameter(_ name: String, with tensor: Tensor) -> Bool {
        guard let i = parameters.firstIndex(where: { $0.name == name }) else { return false }
        tensor.isParameter = true
        parameters[i].tensor = tensor
        return true
    }

    /// `del module.name`: drops the child, parameter or buffer of that name; false when there is none.
    public func removeMember(_ name: String) -> Bool {
        if let i = children.firstIndex(where: { $0.name == name }) { children.remove(at: i); return true }
        if let i = parameters.firstIndex(where: { $0.name == name }) { parameters.remove(at: i); return true }
        if let i = buffers.firstIndex(where: { $0.name == name }) { buffers.remove(at: i); nonPersistentBuffers.remove(name); return true }
        return false
    }

    /// A parameter requires a gradient, as an `nn.Parameter` does.
    public func registerParameter(_ name: String, _ tensor: Tensor) {
        tensor.requiresGrad = true
        tensor.isParameter = true
        if let i = parameters.firstIndex(where: { $0.name == name }) { parameters[i].tensor = tensor }
        else { parameters.append((name, tensor)) }
    }

    /// A buffer; a non-persistent one (`persistent: false`) is left out of `stateDict()`.
    public func registerBuffer(_ name: String, _ tensor: Tensor, persistent: Bool? = nil) {
        if let i = buffers.firstIndex(where: { $0.name == name }) { buffers[i].tensor = tensor }
        else { buffers.append((name, tensor)) }
        if let persistent {
            if persistent { nonPersistentBuffers.remove(name) } else { nonPersistentBuffers.insert(name) }
        }
    }

    /// Names of this module's buffers that `stateDict()` leaves out.
    public private(set) var nonPersistentBuffers: Set<String> = []

    /// Lets go of what its last call handed back (the values may hold whoever made them).
    public func forgetLastForward() { lastForward = nil }

    /// Makes this module a root (path "") again, e.g. when a lesson runs a sub-block alone.
    public func makeRoot() { name = ""; setPath("") }

    /// Gives the subtree their paths, each module once: a module that holds itself (PyTorch
    /// allows `s.append(s)`) keeps the path it was first reached by.
    private func setPath(_ newPath: String) {
        var seen = Set<ObjectIdentifier>()
        func visit(_ m: Module, _ p: String) {
            guard seen.insert(ObjectIdentifier(m)).inserted else { return }
            m.path = p
            for (childName, child) in m.children { visit(child, p.isEmpty ? childName : "\(p).\(childName)") }
        }
        visit(self, newPath)
    }

    /// Whether a module of this subtree holds one of its own ancestors (`s.append(s)`): PyTorch
    /// lets such a tree be built, and its walks that do not skip modules seen before
    /// (state_dict, train, apply, repr, forward) recurse without end.
    public var containsCycle: Bool {
        var onPath = Set<ObjectIdentifier>(), done = Set<ObjectIdentifier>()
        func cyclic(_ m: Module) -> Bool {
            let id = ObjectIdentifier(m)
            if onPath.contains(id) { return true }
            guard done.insert(id).inserted else { return false }
            onPath.insert(id); defer { onPath.remove(id) }
            return m.children.contains { cyclic($0.module) }
        }
        return cyclic(self)
    }

    // MARK: walking the tree

    public func child(_ name: String) -> Module? { children.first { $0.name == name }?.module }

    /// The module at a dotted path relative to this one ("" is self).
    public func module(at relativePath: String) -> Module? {
        if relativePath.isEmpty { return self }
        var node: Module = self
        for part in relativePath.split(separator: ".") {
            guard let next = node.child(String(part)) else { return nil }
            node = next
        }
        return node
    }

    /// Every module in the subtree, pre-order, with paths relative to this module ("" is self).
    /// A module registered in two places (a layer shared, `self.b = self.a`) comes once, under its
    /// first path, as PyTorch's named_modules gives it; `removingDuplicates: false` visits it again.
    public func namedModules(removingDuplicates: Bool = true) -> [(path: String, module: Module)] {
        var out: [(String, Module)] = []
        var seen = Set<ObjectIdentifier>()
        var onPath = Set<ObjectIdentifier>()
        func visit(_ m: Module, _ path: String) {
            if removingDuplicates, !seen.insert(ObjectIdentifier(m)).inserted { return }
            // with duplicates, a module inside itself is visited once per way down, not without end
            guard onPath.insert(ObjectIdentifier(m)).inserted else { return }
            defer { onPath.remove(ObjectIdentifier(m)) }
            out.append((path, m))
            for (childName, child) in m.children { visit(child, path.isEmpty ? childName : "\(path).\(childName)") }
        }
        visit(self, "")
        return out
    }

    /// Parameters and buffers under their state_dict names, in PyTorch's order: a module's
    /// own parameters, then its buffers, then each child's entries.
    public func stateDict() -> [(name: String, tensor: Tensor)] {
        var out: [(String, Tensor)] = []
        for (p, m) in namedModules(removingDuplicates: false) {         // a shared layer's entries under each of its names
            let prefix = p.isEmpty ? "" : p + "."
            for (n, t) in m.parameters { out.append((prefix + n, t)) }
            for (n, t) in m.buffers where !m.nonPersistentBuffers.contains(n) { out.append((prefix + n, t)) }
        }
        // namedModules is pre-order, which is the order state_dict visits modules in.
        return out
    }

    /// Each parameter once, under its first name (a tied weight is one parameter), as PyTorch's named_parameters.
    public func namedParameters() -> [(name: String, tensor: Tensor)] {
        var seen = Set<ObjectIdentifier>()
        return namedModules().flatMap { (p, m) in
            m.parameters.filter { seen.insert(ObjectIdentifier($0.tensor)).inserted }.map { ((p.isEmpty ? "" : p + ".") + $0.name, $0.tensor) }
        }
    }

    /// Number of parameter values in this subtree (buffers are not parameters).
    public var parameterCount: Int { namedParameters().reduce(0) { $0 + $1.tensor.count } }
    /// Number of parameter values owned by this module alone.
    public var ownParameterCount: Int { parameters.reduce(0) { $0 + $1.tensor.count } }

    public var isLeaf: Bool { children.isEmpty }

    /// Train mode (BatchNorm uses batch statistics, Dropout drops) or eval mode, recursively.
    public func setTraining(_ on: Bool) {
        for (_, m) in namedModules() { m.training = on }
    }

    /// This module's own mode only, its children keeping theirs (a copy taking each module's mode).
    public func setOwnTraining(_ on: Bool) { training = on }

    // MARK: running

    /// Runs the module with tracing: observers see enter and exit events around `forward`,
    /// and errors from the kernels are tagged with this module's path.
    public func callAsFunction(_ x: Tensor, _ context: ExecutionContext) throws -> Tensor {
        try context.run(self, x)
    }

    /// The computation. Leaves compute; containers call their children.
    open func forward(_ x: Tensor, _ context: ExecutionContext) throws -> Tensor {
        throw ModuleError(path: path, typeName: typeName, message: "\(typeName) has no forward")
    }

    /// The output shape for an input shape, with the layer's checks; leaves override this.
    /// Containers get theirs by running `forward` on a meta tensor.
    open func outputShape(for input: [Int]) throws -> [Int] { input }

    /// The constructor arguments as PyTorch prints them: "3, 64, kernel_size=(7, 7), stride=(2, 2)".
    open var arguments: String { "" }

    /// What print(model) shows inside the parentheses, PyTorch's `extra_repr`: the arguments for
    /// a layer; nothing for a network whose PyTorch class defines no extra_repr.
    open var extraRepr: String { arguments }

    /// Parameter arithmetic of this module's own parameters, e.g. 7·7·3·64 + 64 = 9,472.
    open var parameterFormula: ParameterFormula? { nil }

    /// Multiply-adds by torchinfo's rule for a leaf: parameters × batch (convolutions
    /// override this to multiply by the output's spatial size as well).
    open func multAdds(input: [Int], output: [Int]) -> Int { ownParameterCount * (output.first ?? 1) }

    // MARK: what a layer says about itself
    // The summaries (Table 1, the receptive field, :diagram, the FLOP count) ask these instead
    // of switching on the layer's type: a layer family's file overrides what applies to it.

    /// The window a convolution or pooling layer slides; nil for any other module.
    open var slidingWindow: Window2d? { nil }

    /// A convolution's kernel as written (3×3 for a dilated 3×3 too); nil for any other module.
    open var convolutionKernel: (h: Int, w: Int)? { nil }

    /// The dimensions of its weight tensor as the paper counts weights (no bias, no
    /// BatchNorm): [7, 7, 3, 64] for conv1, [1024, 1000] for the classifier; nil: none.
    open var paperWeightFactors: [Int]? { nil }

    /// How Table 1 names its row, for an input shape; nil when the table names it otherwise
    /// (by its type name, or after what it contains).
    open func paperRow(input: [Int]) -> PaperRowName? { nil }

    /// One step of the receptive-field arithmetic over a square input `size` values wide; nil
    /// when it leaves the field as it is. A sliding window steps by its kernel and stride.
    open func receptiveStep(inputSize size: Int) -> ReceptiveStep? {
        slidingWindow.map { ReceptiveStep(window: $0, inputSize: size) }
    }

    /// Its box in :diagram's drawing of an Inception module's branches; nil: not drawn.
    open var diagramBox: DiagramBox? { nil }

    /// How a container combines its children's outputs, when that is all its forward does
    /// (the fast path compiles it, the summaries read an Inception module's branches); nil for
    /// a leaf or a forward of its own.
    open var childComposition: ChildComposition? { nil }

    /// "Conv2d(3, 64, kernel_size=(7, 7), stride=(2, 2), padding=(3, 3))"
    public var signature: String { "\(typeName)(\(arguments))" }

    /// The module tree, printed as PyTorch prints a model.
    public var description: String { treeDescription(indent: "") }

    private func treeDescription(indent: String) -> String {
        if children.isEmpty { return "\(typeName)(\(extraRepr))" }
        var lines = ["\(typeName)("]
        for (n, c) in children { lines.append("\(indent)  (\(n)): " + c.treeDescription(indent: indent + "  ")) }
        lines.append("\(indent))")
        return lines.joined(separator: "\n")
    }
}

/// How a container's forward combines its children (see `Module.childComposition`).
public enum ChildComposition: Sendable {
    /// Each child is fed the previous one's output (Sequential, BasicConv2d).
    case inOrder
    /// Every child reads the same input; their outputs are concatenated along channels (the
    /// Inception module's branches).
    case concatenatedChannels
}

/// An error raised while running or building a module, naming where it happened.
public struct ModuleError: Error, CustomStringConvertible, Equatable {
    public var path: String
    public var typeName: String
    public var message: String
    /// The kernel's or layer's error this one wraps, when there was one (its fields, for hints).
    public var cause: TensorError?
    public init(path: String, typeName: String, message: String, cause: TensorError? = nil) {
        self.path = path; self.typeName = typeName; self.message = message; self.cause = cause
    }
    public var description: String { path.isEmpty ? message : "\(path): \(message)" }
}

/// A parameter count written out: the terms and the total, for traces and lessons.
public struct ParameterFormula: Equatable, Sendable, CustomStringConvertible {
    /// Each term is a product of factors; e.g. [[7, 7, 3, 64], [64]] for a conv with bias.
    public var terms: [[Int]]
    public init(terms: [[Int]]) { self.terms = terms }
    public var total: Int { terms.reduce(0) { $0 + $1.reduce(1, *) } }
    /// "7·7·3·64 + 64 = 9,472"
    public var description: String {
        let written = terms.map { $0.map(String.init).joined(separator: "·") }.joined(separator: " + ")
        return terms.count == 1 && terms[0].count == 1 ? formatCount(total) : "\(written) = \(formatCount(total))"
    }
}

/// 13393352 → "13,393,352"
public func formatCount(_ n: Int) -> String {
    let digits = String(abs(n))
    var out = ""
    for (i, ch) in digits.enumerated() {
        if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
        out.append(ch)
    }
    return (n < 0 ? "-" : "") + out
}
