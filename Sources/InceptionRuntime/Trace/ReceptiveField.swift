import Foundation

/// What each layer's output can see: its receptive field (how many input pixels a side one
/// output value depends on) and its jump (how many input pixels apart two neighbouring output
/// values are, the effective stride), computed from the module tree.
///
/// A window of k at stride s on a map whose values see r pixels and sit j apart gives
///
///     r′ = r + (k − 1)·j        j′ = j·s
///
/// An Inception module's branches read the same input: it takes the largest branch (the 5×5
/// one). Global average pooling reads the whole map, k = its size, and so does a Linear that
/// reads a flattened map (the aux heads' first Linear reads all 4×4 positions). Layers without
/// a window (BatchNorm, ReLU, Dropout, Flatten) change neither. The aux heads read inception4a's
/// and inception4d's outputs, off the main path.
///
/// One walk of the tree (`spans`) gives every module's numbers: the summary's table
/// (`rows`, rendered in InceptionModel), `:rf` and `receptive_field()` (`at`), and the trace's
/// step lines (`ReceptiveFieldTracker`).
public struct ReceptiveField {
    public struct State: Equatable, Sendable {
        /// Input pixels a side that one value sees (padding counts: it can exceed the image).
        public var field: Int
        /// Input pixels between neighbouring values.
        public var jump: Int
        /// The map's height (the width follows the same arithmetic).
        public var size: Int
        public init(field: Int, jump: Int, size: Int) { self.field = field; self.jump = jump; self.size = size }

        /// How a trace's step line shows it: "rf 19 jump 4".
        public var traceLabel: String { "rf \(field) jump \(jump)" }
    }

    /// One module of a walk: what its input saw, what its output sees, and how
    /// ("7×7/2", "largest branch: conv5x5", "global average over 7×7").
    public struct Span: Equatable, Sendable {
        public let before: State
        public let after: State
        public let note: String
    }

    public struct Row: Equatable, Sendable {
        public let path: String
        public let type: String
        public let state: State
        /// How the row was computed: "7×7/2", "largest branch: conv5x5", "global average over 7×7".
        public let note: String
    }

    /// The seed's side branches and the module whose output each one reads.
    public static let sideBranchSources = ["aux1": "inception4a", "aux2": "inception4d"]

    public let input: [Int]
    public let rows: [Row]

    /// One row per top-level module of `model` (in registration order, the seed's order of
    /// execution), on an input of N×C×H×W.
    public init(model: Module, input: [Int]) {
        self.input = input
        let spans = Self.spans(of: model, input: input)
        rows = model.children.compactMap { name, child in
            spans[name].map { span in
                let reads = Self.sideBranchSources[name].map { ", reads \($0)" } ?? ""
                return Row(path: name, type: child.typeName, state: span.after, note: span.note + reads)
            }
        }
    }

    /// Every module under `root` (paths relative to it; "" is `root` itself), for an input of
    /// N×C×H×W whose pixels each see themselves (r = 1, j = 1).
    public static func spans(of root: Module, input: [Int]) -> [String: Span] {
        var spans: [String: Span] = [:]
        _ = walk(root, path: "", from: State(field: 1, jump: 1, size: input.count == 4 ? input[2] : 224), into: &spans)
        return spans
    }

    /// The state after `module`, and how it was computed.
    public static func apply(_ module: Module, _ state: State) -> (State, String) {
        var spans: [String: Span] = [:]
        return walk(module, path: "", from: state, into: &spans)
    }

    /// The receptive field after the module at `path` (a top-level path or one inside it);
    /// nil when no module has that path.
    public static func at(_ path: String, in model: Module, input: [Int]) -> State? {
        guard !path.isEmpty else { return nil }
        return spans(of: model, input: input)[path]?.after
    }

    /// Records the span of `module` (at `path`) and of everything under it; returns its output's state.
    private static func walk(_ module: Module, path: String, from state: State, into spans: inout [String: Span]) -> (State, String) {
        let result: (State, String)
        // The layer says its step (a sliding window, a global average, a Linear reading a whole
        // flattened map): r′ = r + (k − 1)·j, j′ = j·s.
        if let step = module.receptiveStep(inputSize: state.size) {
            result = (State(field: state.field + (step.kernel - 1) * state.jump, jump: state.jump * step.stride, size: step.outputSize),
                      step.note)
        } else if module.children.isEmpty {
            result = (state, "")
        } else if isParallel(module) {
            var best: (State, String)? = nil
            for (name, branch) in module.children {
                let (s, _) = walk(branch, path: join(path, name), from: state, into: &spans)
                if best == nil || s.field > best!.0.field { best = (s, name) }
            }
            result = (best!.0, "largest branch: \(best!.1)")
        } else {
            var s = state
            var steps: [String] = []
            for (name, child) in module.children {
                if let source = sideBranchSources[name] {
                    // Off the main path: it reads its source's output, and the main path goes on unchanged.
                    _ = walk(child, path: join(path, name), from: spans[join(path, source)]?.after ?? s, into: &spans)
                    continue
                }
                let (next, note) = walk(child, path: join(path, name), from: s, into: &spans)
                s = next
                if !note.isEmpty { steps.append(note) }
            }
            result = (s, steps.joined(separator: ", "))
        }
        spans[path] = Span(before: state, after: result.0, note: result.1)
        return result
    }

    private static func join(_ path: String, _ name: String) -> String { path.isEmpty ? name : "\(path).\(name)" }

    /// An Inception module (the seed's, torchvision's or a learner's): branches side by side.
    static func isParallel(_ m: Module) -> Bool {
        m.childComposition == .concatenatedChannels || m.typeName == "Inception" || m.typeName == "NaiveInception"
    }
}

/// Follows a traced run for the step lines: at the run's first module (depth 0) it walks the
/// tree under it once, relative to that module's input; then it answers for each module the
/// run enters. Nothing for runs on inputs that are not N×C×H×W, or for modules outside the tree.
public final class ReceptiveFieldTracker {
    private var root: Module?
    private var spans: [String: ReceptiveField.Span] = [:]

    public init() {}

    public func enter(_ event: ModuleEnter) {
        guard event.depth == 0 else { return }
        root = event.inputShape.count == 4 ? event.module : nil
        spans = root.map { ReceptiveField.spans(of: $0, input: event.inputShape) } ?? [:]
    }

    /// The span of the module an event is about, when it lies in the traced tree.
    public func span(for event: ModuleEnter) -> ReceptiveField.Span? {
        guard let root else { return nil }
        let relative: String
        if event.path == root.path { relative = "" }
        else if root.path.isEmpty { relative = event.path }
        else if event.path.hasPrefix(root.path + ".") { relative = String(event.path.dropFirst(root.path.count + 1)) }
        else { return nil }
        // A module called from a forward but registered in another tree may share a path: check it is this one.
        guard root.module(at: relative) === event.module else { return nil }
        return spans[relative]
    }
}
