import InceptionRuntime

/// A shape-only run of a block on the probe input: every module call's input and output
/// shape, in the order the calls started and finished. A run that fails keeps what it
/// recorded up to the failure, so the checker can say where the shapes first went wrong.
struct ProbeShapes {
    /// Calls in the order they started: path, depth, input shape.
    let enters: [ModuleEnter]
    /// Calls in the order they finished (children before their parent).
    let exits: [ModuleExit]
    /// What stopped the run, if something did.
    let error: Error?
    /// Starts and finishes interleaved, in the order they happened.
    let log: [ProbeRecorder.Event]
    /// Functional calls that did a layer's work (F.conv2d), in order.
    let functionalCalls: [FunctionalCall]
    private let enterByPath: [String: ModuleEnter]
    private let exitByPath: [String: ModuleExit]

    /// Runs `module` on a meta tensor of `input` in train or eval mode, or `onNumbers`, on a
    /// random one: a learner's forward may do anything a tensor allows (print(x.max()),
    /// x.masked_fill(x < 0, 0), if x.sum() > 0:), which a shape-only tensor cannot.
    init(_ module: Module, input: [Int], training: Bool, onNumbers: Bool = false) {
        module.setTraining(training)
        var rng = SeededRandom(seed: 2)
        let (recorder, error) = Self.record(module, onNumbers ? Tensor.randn(input, rng: &rng) : Tensor(meta: input))
        self.error = error
        enters = recorder.enters
        exits = recorder.exits
        log = recorder.log
        functionalCalls = recorder.functionalCalls
        var enterByPath: [String: ModuleEnter] = [:], exitByPath: [String: ModuleExit] = [:]
        for e in enters where enterByPath[e.path] == nil { enterByPath[e.path] = e }
        for e in exits where exitByPath[e.path] == nil { exitByPath[e.path] = e }
        self.enterByPath = enterByPath
        self.exitByPath = exitByPath
    }

    private static func record(_ module: Module, _ x: Tensor) -> (ProbeRecorder, Error?) {
        let recorder = ProbeRecorder()
        do {
            _ = try module(x, ExecutionContext(observers: [recorder]))
            return (recorder, nil)
        } catch {
            return (recorder, error)
        }
    }

    func ran(_ path: String) -> Bool { enterByPath[path] != nil }

    /// Whether modules inside `path` ran though it was not called itself: a forward that loops
    /// over a Sequential or ModuleList (`for m in self.layer: x = m(x)`) runs it as calling it does.
    func ranInside(_ path: String) -> Bool {
        !ran(path) && enters.contains { $0.path.hasPrefix(path.isEmpty ? "" : path + ".") && $0.path != path }
    }

    /// How many times each module was called.
    var callCounts: [String: Int] { enters.reduce(into: [:]) { $0[$1.path, default: 0] += 1 } }
    func output(_ path: String) -> [Int]? { exitByPath[path]?.outputShape }
    func input(_ path: String) -> [Int]? { enterByPath[path]?.inputShape }

    /// The sibling that finished last before `path` started: what it most likely reads
    /// (nil when `path` is the first of its parent's calls).
    func predecessor(of path: String) -> String? {
        guard let start = log.firstIndex(where: { $0.entering && $0.path == path }) else { return nil }
        let depth = log[start].depth
        for event in log[..<start].reversed() {
            if event.depth < depth { return nil }                 // reached the parent's start
            if !event.entering && event.depth == depth { return event.path }
        }
        return nil
    }

    /// The last 4-D output finished before `path` did (what a Linear after a flatten reads).
    func lastMapBefore(_ path: String) -> [Int]? {
        guard let end = exits.firstIndex(where: { $0.path == path }) else { return nil }
        return exits[..<end].last { $0.outputShape.count == 4 }?.outputShape
    }
}

/// Keeps every start and finish of a call of a module in the block's tree. A module that forward
/// makes and calls on the spot (`nn.ReLU()(x)`) is not part of the block: PyTorch's state_dict and
/// summary do not see it, so neither does the comparison; a layer of it counts as a functional call.
final class ProbeRecorder: TraceObserver {
    struct Event { let entering: Bool; let path: String; let depth: Int }
    private(set) var enters: [ModuleEnter] = []
    private(set) var exits: [ModuleExit] = []
    private(set) var log: [Event] = []
    private(set) var functionalCalls: [FunctionalCall] = []
    /// The module the run started on, and the paths of the tree's calls open now.
    private var root: Module?
    private var open: [String] = []

    func didRunFunctional(_ call: FunctionalCall, context: ExecutionContext) { functionalCalls.append(call) }
    func willEnter(_ event: ModuleEnter, context: ExecutionContext) throws {
        if root == nil { root = event.module }
        guard inTree(event.module, event.path) else { return }
        open.append(event.path)
        enters.append(event)
        log.append(Event(entering: true, path: event.path, depth: event.depth))
    }
    func didExit(_ event: ModuleExit, output: Tensor, context: ExecutionContext) throws {
        guard inTree(event.module, event.path) else {
            if event.module.isLeaf {
                functionalCalls.append(FunctionalCall(name: "nn.\(event.module.typeName)(…)", kernel: event.module.convolutionKernel, outputShape: event.outputShape,
                                                      multAdds: event.multAdds, blockPath: open.last ?? ""))
            }
            return
        }
        if !open.isEmpty { open.removeLast() }
        exits.append(event)
        log.append(Event(entering: false, path: event.path, depth: event.depth))
    }

    /// Whether `module` is the one the root's tree holds at `path`.
    private func inTree(_ module: Module, _ path: String) -> Bool {
        guard var node = root else { return true }
        for part in path.split(separator: ".") {
            guard let next = node.child(String(part)) else { return false }
            node = next
        }
        return node === module
    }
}

/// "conv3x3.1.layer" → "conv3x3.1"; "conv1" → "".
func parentPath(_ path: String) -> String {
    guard let dot = path.lastIndex(of: ".") else { return "" }
    return String(path[..<dot])
}

/// "28×28" for (N, C, 28, 28).
func spatial(_ shape: [Int]) -> String {
    shape.count == 4 ? "\(shape[2])×\(shape[3])" : formatShape(shape)
}
