/// One recorded operation of a forward pass (PyTorch's `grad_fn`): the inputs that want a
/// gradient and a closure that turns the gradient of the output into theirs. The closure keeps
/// what it needs (the saved tensors); backward releases it once it has run.
public final class GradNode {
    /// What ran: a layer's type name ("Conv2d"), or an operation ("cat", "add", "flatten").
    public let label: String
    /// The module whose call recorded this node: the layer itself for a layer's own operation,
    /// the enclosing block for an operation in a block's forward (cat, flatten). "" at top level.
    public let path: String
    /// True when `label` is a module's own computation (a leaf layer's forward).
    public let isModule: Bool
    /// The module for a layer's own node (its parameters are `inputs` after the first).
    public private(set) weak var module: Module?
    public let outputShape: [Int]
    /// The operation's tensor inputs, nil where no gradient is wanted.
    var inputs: [Tensor?]
    /// The inputs, for walking the graph from outside (`grad_fn.next_functions`).
    public var inputTensors: [Tensor?] { inputs }
    /// gradient of the output → gradients of `inputs`, in order (nil: none).
    var backward: ((Tensor) throws -> [Tensor?])?
    /// The tensors the backward reads, at the versions they had when saved (PyTorch's
    /// SavedVariable): backward refuses to run on one changed in place since. Empty when
    /// `savesKnown` is false (an operation whose saved tensors are not written down here).
    var saved: [SavedTensor] = []
    /// Whether `saved` lists what PyTorch's node for this operation saves (`SavedTensors`).
    public internal(set) var savesKnown = false
    /// Hooks on the gradient of the tensor this node made (`Autograd.registerHook`).
    var hooks: [GradientHook] = []
    /// The tensor this node made, when it keeps its gradient (`retain_grad()`).
    weak var retainingTensor: Tensor?

    init(label: String, path: String, module: Module?, outputShape: [Int], inputs: [Tensor?],
         backward: @escaping (Tensor) throws -> [Tensor?]) {
        self.label = label; self.path = path; self.module = module; self.isModule = module != nil
        self.outputShape = outputShape; self.inputs = inputs; self.backward = backward
    }

    /// Frees a recorded graph without recursion. Left to Swift, freeing the last tensor of a
    /// 100,000-step chain (`for i in range(100000): x = x + 1`, then `x = None`) frees its
    /// node, which frees its input tensor, which frees that one's node, … one stack frame
    /// each, and overflows the stack. Here each node whose last reference is ours gives up
    /// its closure and its inputs one by one: an input tensor held only by this node has its
    /// own node taken out first (onto the work list), so freeing it recurses no further.
    static func releaseIteratively(_ slot: inout GradNode?) {
        // Moved, not copied: a second reference (a `let` binding lives to the end of its
        // scope) would make the node look shared.
        var work: [GradNode] = []
        if let first = slot.take() { work.append(first) }
        while var node = work.popLast() {
            guard isKnownUniquelyReferenced(&node) else { continue }     // still in use elsewhere
            // The closure's saved tensors are usually the inputs too: dropping it first leaves
            // them held by `inputs`, where they are taken apart below.
            node.backward = nil
            for i in node.inputs.indices {
                guard var input = node.inputs[i] else { continue }
                node.inputs[i] = nil
                if isKnownUniquelyReferenced(&input), input.gradNode != nil {
                    work.append(input.gradNode.take()!)
                }
            }
        }
    }

    /// The name `grad_fn` shows when it is not the label's: a loss composed of several
    /// operations names its last node as PyTorch's single node ("NllLossBackward0").
    public var displayName: String?
    /// The node whose name this one shows as its `grad_fn` (an unbatched pooling's squeeze of
    /// the batch of one shows the pooling's, as PyTorch's kernel runs on (C, H, W) itself).
    public weak var shownAs: GradNode?

    /// The inputs `grad_fn.next_functions` shows when they are not `inputs`: a loss composed
    /// here of several operations shows its input and target, as PyTorch's single node does.
    /// Held weakly (a tensor no node keeps, a target that needs no gradient, shows as none).
    public var shownInputs: [() -> Tensor?]?

    /// Tensors kept alive for the closure (an output it reads that no longer owns this node).
    private var retained: [Tensor] = []

    /// The backward reads only tensors of its own (a stand-in for its input, its retained
    /// output), never the tensor that took the node over: that tensor may change in place again.
    public var readsNoTakenOutput = false

    /// x takes over this node, made by computing f(before) into `output` (before holding x's old
    /// values and history): `output` is kept for the closure, which may read it, and the closure
    /// reads nothing x holds, so x may change in place again.
    public func takeOver(_ x: Tensor, output: Tensor) {
        retained.append(output)
        readsNoTakenOutput = true
        handOver(from: output, to: x)
    }

    /// An in-place change `x ← f(x)` as PyTorch records it: `x` takes over this node (made by
    /// computing f into `output`), and the node's edge to `x` goes to `before`, which takes
    /// x's old node. `output` is kept for the closure (which may read it) and gives up the node.
    public func rebase(_ x: Tensor, before: Tensor, output: Tensor) {
        before.takeHistory(of: x)
        inputs = inputs.map { $0 === x ? before : $0 }
        retained.append(output)
        handOver(from: output, to: x)
    }

    /// x takes over this node, which was made for `output` (x now holds output's values).
    /// This node read `x` as `before` now holds it (x is about to change in place).
    public func replaceInput(_ x: Tensor, with before: Tensor) {
        inputs = inputs.map { $0 === x ? before : $0 }
    }

    /// x changed in place to `output`'s values and takes this node over: x's version goes up
    /// (PyTorch's bump), and what the backward saved of its output is now x at that version.
    public func handOver(from output: Tensor, to x: Tensor) {
        x.bumpVersion()
        for i in saved.indices where saved[i].tensor === output {
            saved[i] = SavedTensor(tensor: x, version: x.version, isOutput: true)
        }
        output.gradNode = nil
        x.gradNode = self
        x.requiresGrad = true
        x.recordedUses = 0
    }

    /// Gives the record of `output` up, and its inputs' uses with it (an in-place change that
    /// records its product another way).
    public func discard(output: Tensor) {
        for case let input? in inputs { input.recordedUses -= 1 }
        output.gradNode = nil
        release()
    }

    /// The one input besides x that wants a gradient, if there is exactly one.
    public func onlyInput(otherThan x: Tensor) -> Tensor? {
        let others = inputs.compactMap { $0 }.filter { $0 !== x }
        return others.count == 1 ? others[0] : nil
    }

    /// The node's inputs that are this tensor (by identity).
    public func inputCount(of x: Tensor) -> Int { inputs.filter { $0 === x }.count }
    /// The node's inputs that want a gradient and are not this tensor.
    public func inputCount(ofAnyOtherThan x: Tensor) -> Int { inputs.filter { $0 != nil && $0 !== x }.count }
    /// The operation's first input, if it wants a gradient.
    public var firstInput: Tensor? { inputs.first ?? nil }

    /// Frees the saved tensors (after backward, as PyTorch does without retain_graph).
    func release() { backward = nil; inputs = []; retained = []; hooks = []; saved = [] }

    /// PyTorch's refusal when a tensor this backward saved changed in place since.
    func checkSavedVersions() throws {
        for entry in saved {
            guard let t = entry.tensor, t.version != entry.version else { continue }
            let maker = entry.isOutput ? self : t.gradNode
            var which = maker.map { ", which is output 0 of " + Autograd.operationName($0) + "," } ?? ""
            var shape = t.shape
            if entry.transposed {       // PyTorch saved weight.t(), a view that its change remade by as_strided
                shape.reverse()
                which = t.requiresGrad ? ", which is output 0 of AsStrided," : ""
            }
            throw TensorError.invalidArgument("one of the variables needed for gradient computation has been modified by an inplace operation: [\(Autograd.tensorTypeName(t)) [\(shape.map(String.init).joined(separator: ", "))]]\(which) is at version \(t.version); expected version \(entry.version) instead. Hint: enable anomaly detection to find the operation that failed to compute its gradient, with torch.autograd.set_detect_anomaly(True, check_nan=False).")
        }
    }

    /// After a backward without retain_graph: frees the node, unless PyTorch's node for this
    /// operation saves no tensors (a sum, a view, an addition), which a later backward may run
    /// through again, as in PyTorch (`y = x.reshape(2, 3)`, then two losses from y, each with
    /// its own backward).
    func releaseSavedTensors() {
        let savesNothing = Self.savesNoTensors.contains(label) && (displayName.map(Self.namesSavingNoTensors.contains) ?? true)
            || displayName.map(Self.constantFactorNames.contains) == true
        if !savesNothing { release() }
    }

    /// Products with a constant, recorded as a "mul" that saves, whose PyTorch node saves nothing.
    static let constantFactorNames: Set<String> = ["Deg2RadBackward0", "Rad2DegBackward0"]

    /// The operations whose backward needs only shapes (or numbers), never a tensor's values,
    /// as PyTorch's nodes for them save none.
    static let savesNoTensors: Set<String> = ["add", "sub", "neg", "view", "permute", "expand", "expand_as", "sum", "mean",
                                              "select", "slice", "cat", "clone", "repeat", "tile", "flip", "roll", "cumsum",
                                              "tril", "triu", "constant_pad_nd", "diagonal", "unbind", "alias",
                                              // step functions (a zero gradient) and frac (the gradient itself)
                                              "floor", "ceil", "round", "round_decimals", "trunc", "sign", "frac",
                                              "unfold", "repeat_interleave_int"]
    /// grad_fn names given to nodes of those operations that still save nothing in PyTorch.
    static let namesSavingNoTensors: Set<String> = ["TBackward0", "TransposeBackward0", "UnsqueezeBackward0", "SqueezeBackward0",
                                                    "SqueezeBackward1", "SumBackward1", "MeanBackward1", "StackBackward0",
                                                    "CloneBackward0", "UnsafeViewBackward0", "RsubBackward1", "SplitBackward0",
                                                    "UnbindBackward0", "SliceBackward0", "ViewBackward0", "DiagonalBackward0_copy"]
    public var isReleased: Bool { backward == nil }
}

/// Recording operations as they run, and running them backwards.
public enum Autograd {
    /// The module calls running now, innermost last: operations recorded inside a block's
    /// forward (cat, flatten) are attributed to it. ExecutionContext.run pushes and pops.
    nonisolated(unsafe) static var moduleStack: [Module] = []

    /// Set when an operation recorded an inference tensor among the inputs its backward reads
    /// (PyTorch refuses to save one); the language reports it after the call and clears it.
    nonisolated(unsafe) public static var savedInferenceTensor = false

    /// The name PyTorch's modified-tensor error gives a node ("Exp" for ExpBackward0); the
    /// language sets it to its grad_fn names.
    nonisolated(unsafe) public static var operationName: (GradNode) -> String = { $0.label }
    /// "torch.FloatTensor" for a float tensor; the language sets it for its dtypes.
    nonisolated(unsafe) public static var tensorTypeName: (Tensor) -> String = { _ in "torch.FloatTensor" }

    /// Whether an operation on these inputs must be recorded.
    public static func needsGrad(_ inputs: [Tensor?]) -> Bool {
        GradMode.isEnabled && inputs.contains { $0?.requiresGrad == true }
    }

    /// Records how `output` was made from `inputs`, if any of them requires a gradient.
    /// `module`: the layer whose own forward this is (nil for an operation inside a block or
    /// at top level). Returns `output`, now requiring a gradient when recorded.
    @discardableResult
    public static func record(_ output: Tensor, _ label: String, module: Module? = nil, inputs: [Tensor?],
                              backward: @escaping (Tensor) throws -> [Tensor?]) -> Tensor {
        guard !output.isMeta, needsGrad(inputs), !inputs.contains(where: { $0 === output }) else { return output }
        for case let input? in inputs where input.requiresGrad { input.recordedUses += 1 }
        // (an inference tensor that itself requires grad is taken as unsaved: `h * 2` is fine in PyTorch)
        if !GradNode.savesNoTensors.contains(label), inputs.contains(where: { $0?.isInference == true && $0?.requiresGrad == false }) {
            savedInferenceTensor = true
        }
        let path = module?.path ?? moduleStack.last?.path ?? ""
        output.requiresGrad = true
        let node = GradNode(label: label, path: path, module: module, outputShape: output.shape,
                            inputs: inputs.map { $0?.requiresGrad == true ? $0 : nil }, backward: backward)
        if let saves = SavedTensors.saved(by: label, inputs: inputs) {
            node.savesKnown = true
            node.saved = saves.inputs.compactMap { i in
                inputs[i].map { SavedTensor(tensor: $0, version: $0.version, isOutput: false, transposed: label == "Linear" && i == 1) }
            }
            if saves.output { node.saved.append(SavedTensor(tensor: output, version: output.version, isOutput: true)) }
        }
        for case let input? in node.inputs {
            // the nodes gone are dropped when the list doubles (a weight read at every step)
            let n = input.consumers.count
            if n >= 16 && n & (n - 1) == 0 { input.consumers.removeAll { $0.node == nil } }
            input.consumers.append(WeakGradNode(node))
        }
        output.gradNode = node
        return output
    }
}

/// One tensor a node's backward reads, and its version when the node saved it. Held weakly: a
/// node's own output must not keep itself alive (the closure holds what it needs).
struct SavedTensor {
    weak var tensor: Tensor?
    let version: Int
    /// The node's own output (PyTorch names the node in its error), else an input.
    let isOutput: Bool
    /// A layer's weight that PyTorch saves as weight.t() (Linear), shown so in the error.
    var transposed = false
}

/// A node held weakly (a tensor's list of the nodes that took it as an input).
struct WeakGradNode {
    weak var node: GradNode?
    init(_ node: GradNode) { self.node = node }
}
