import InceptionRuntime

/// Whether a summary runs the network as in training (BatchNorm on batch statistics, the
/// aux heads run) or as in evaluation (the aux heads are skipped).
public enum SummaryMode: String, Sendable, CaseIterable {
    case eval, train
}

/// One module call of a shape-only forward pass.
public struct TracedCall {
    public let module: Module
    /// Dotted path relative to the traced root, as in its state_dict ("" for the root).
    public let path: String
    /// How far down the module tree the module sits (0 for the root), not the call stack.
    public let treeDepth: Int
    /// x: the shape the module was called with.
    public let inputShape: [Int]
    /// The shape it returned (nil while the call is still running).
    public internal(set) var outputShape: [Int]?
    /// torchinfo's multiply-add count for a leaf call (0 for containers).
    public internal(set) var multAdds: Int
}

/// Every module call of one forward pass on a meta tensor, in the order the calls began.
///
/// No kernel runs: each layer only computes its output shape, so tracing the whole network
/// takes milliseconds. The summary, the paper table and the savings all read this.
public struct ModelTrace {
    public let root: Module
    public let input: [Int]
    public let mode: SummaryMode
    public let calls: [TracedCall]
    /// The root's return value and what it handed back on the side (the aux heads' logits).
    public let output: [Int]
    public let sideOutputs: [String: [Int]]
    /// Module identity → (path relative to the root, depth): the whole tree, called or not.
    let tree: [ObjectIdentifier: (path: String, depth: Int)]

    /// Runs `root` on a meta tensor of shape `input` in the given mode; the module tree's
    /// own train/eval state is put back afterwards, as torchinfo does.
    public static func run(_ root: Module, input: [Int], mode: SummaryMode) throws -> ModelTrace {
        var tree: [ObjectIdentifier: (path: String, depth: Int)] = [:]
        for (path, module) in root.namedModules() where tree[ObjectIdentifier(module)] == nil {
            tree[ObjectIdentifier(module)] = (path, path.isEmpty ? 0 : path.split(separator: ".").count)
        }
        let recorder = CallRecorder(tree: tree)
        let context = ExecutionContext(observers: [recorder])
        let wasTraining = root.training
        root.setTraining(mode == .train)
        defer { root.setTraining(wasTraining) }
        let y = try root(Tensor(meta: input), context)
        return ModelTrace(root: root, input: input, mode: mode, calls: recorder.calls, output: y.shape,
                          sideOutputs: root.lastForward?.outputs.mapValues(\.shape) ?? [:], tree: tree)
    }

    /// The path of a module of the tree, relative to the root, or nil if it is not in the tree.
    public func path(of module: Module) -> String? { tree[ObjectIdentifier(module)]?.path }

    /// The calls of modules below `prefix` (its descendants), in call order.
    public func calls(under prefix: String) -> [TracedCall] {
        calls.filter { prefix.isEmpty ? !$0.path.isEmpty : $0.path.hasPrefix(prefix + ".") }
    }
}

/// Records enter and exit events into `TracedCall`s; calls of modules outside the tree
/// (made on the fly by a custom forward) are skipped, as torchinfo never hooks them.
final class CallRecorder: TraceObserver {
    let tree: [ObjectIdentifier: (path: String, depth: Int)]
    private(set) var calls: [TracedCall] = []
    private var open: [Int?] = []

    init(tree: [ObjectIdentifier: (path: String, depth: Int)]) { self.tree = tree }

    func willEnter(_ event: ModuleEnter, context: ExecutionContext) throws {
        guard let place = tree[ObjectIdentifier(event.module)] else { open.append(nil); return }
        open.append(calls.count)
        calls.append(TracedCall(module: event.module, path: place.path, treeDepth: place.depth,
                                inputShape: event.inputShape, outputShape: nil, multAdds: 0))
    }

    func didExit(_ event: ModuleExit, output: Tensor, context: ExecutionContext) throws {
        guard let slot = open.popLast(), let index = slot else { return }
        calls[index].outputShape = event.outputShape
        calls[index].multAdds = event.multAdds
    }
}
