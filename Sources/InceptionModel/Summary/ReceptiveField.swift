import Foundation
import InceptionRuntime

/// What each layer's output can see: its receptive field (how many input pixels a side one
/// output value depends on) and its jump (how many input pixels apart two neighbouring output
/// values are, the effective stride), computed from the module tree.
///
/// A window of k at stride s on a map whose values see r pixels and sit j apart gives
///
///     r′ = r + (k − 1)·j        j′ = j·s
///
/// An Inception module's branches read the same input: its row takes the largest branch (the
/// 5×5 one). Global average pooling reads the whole map, k = its size. Layers without a window
/// (BatchNorm, ReLU, Dropout, Linear) change neither. The aux heads read inception4a's and
/// inception4d's outputs, off the main path.
public struct ReceptiveField {
    public struct State: Equatable, Sendable {
        /// Input pixels a side that one value sees (padding counts: it can exceed the image).
        public var field: Int
        /// Input pixels between neighbouring values.
        public var jump: Int
        /// The map's height (the width follows the same arithmetic).
        public var size: Int
        public init(field: Int, jump: Int, size: Int) { self.field = field; self.jump = jump; self.size = size }
    }

    public struct Row: Equatable, Sendable {
        public let path: String
        public let type: String
        public let state: State
        /// How the row was computed: "7×7/2", "largest branch: conv5x5", "global average: 7×7".
        public let note: String
    }

    public let input: [Int]
    public let rows: [Row]

    /// One row per top-level module of `model` (in registration order, the seed's order of
    /// execution), on an input of N×C×H×W.
    public init(model: Module, input: [Int]) {
        self.input = input
        var state = State(field: 1, jump: 1, size: input.count == 4 ? input[2] : 224)
        var rows: [Row] = []
        var after: [String: State] = [:]
        for (name, child) in model.children {
            if name.hasPrefix("aux") {
                // Side branches: aux1 reads inception4a's output, aux2 inception4d's.
                let source = GoogLeNetTopology.auxSource(of: name)
                let from = source.flatMap { after[$0] } ?? state
                let (s, note) = Self.apply(child, from)
                rows.append(Row(path: name, type: child.typeName, state: s, note: note + (source.map { ", reads \($0)" } ?? "")))
                continue
            }
            let (s, note) = Self.apply(child, state)
            state = s
            after[name] = s
            rows.append(Row(path: name, type: child.typeName, state: s, note: note))
        }
        self.rows = rows
    }

    /// The state after `module`, and how it was computed.
    public static func apply(_ module: Module, _ state: State) -> (State, String) {
        // r′ = r + (k − 1)·j, j′ = j·s: the layer says its k and s (a window, or a global average).
        if let step = module.receptiveStep(inputSize: state.size) {
            return (State(field: state.field + (step.kernel - 1) * state.jump, jump: state.jump * step.stride, size: step.outputSize),
                    step.note)
        }
        guard !module.children.isEmpty else { return (state, "") }
        if isParallel(module) {
            var best: (State, String)? = nil
            for (name, branch) in module.children {
                let (s, _) = apply(branch, state)
                if best == nil || s.field > best!.0.field { best = (s, name) }
            }
            return (best!.0, "largest branch: \(best!.1)")
        }
        var s = state
        var steps: [String] = []
        for (_, child) in module.children {
            let (next, note) = apply(child, s)
            s = next
            if !note.isEmpty { steps.append(note) }
        }
        return (s, steps.joined(separator: ", "))
    }

    /// An Inception module (the seed's, torchvision's or a learner's): branches side by side.
    static func isParallel(_ m: Module) -> Bool {
        if let b = m as? Block, case .concatenateChannels = b.forwardKind { return true }
        return m.typeName == "Inception" || m.typeName == "NaiveInception"
    }

    /// The receptive field after the module at `path` (a top-level path or one inside it),
    /// on the main path; nil when no module has that path.
    public static func at(_ path: String, in model: Module, input: [Int]) -> State? {
        var state = State(field: 1, jump: 1, size: input.count == 4 ? input[2] : 224)
        var after: [String: State] = [:]
        let parts = path.split(separator: ".").map(String.init)
        for (name, child) in model.children {
            let start = GoogLeNetTopology.auxSource(of: name).flatMap { after[$0] } ?? state
            if name == parts.first {
                return descend(child, parts.dropFirst(), start)
            }
            if name.hasPrefix("aux") { continue }
            state = apply(child, state).0
            after[name] = state
        }
        return nil
    }

    /// Inside a module: the state after the child named by the path, following the chain (or,
    /// in an Inception module, the branch) that leads to it.
    static func descend(_ module: Module, _ path: ArraySlice<String>, _ state: State) -> State? {
        guard let first = path.first else { return apply(module, state).0 }
        var s = state
        for (name, child) in module.children {
            if name == first { return descend(child, path.dropFirst(), s) }
            if !isParallel(module) { s = apply(child, s).0 }
        }
        return nil
    }

    public func render() -> String {
        var table = TextTable([.left, .right, .right, .right, .left])
        table.add(["module", "output size", "receptive field", "jump", "how"])
        table.rule()
        table.add(["(input)", "\(input.count == 4 ? input[2] : 224)", "1", "1", ""])
        for row in rows {
            table.add([row.path, "\(row.state.size)", "\(row.state.field)", "\(row.state.jump)", row.note])
        }
        var out = "Receptive field of each module's output, on an input of \(input.map(String.init).joined(separator: "×"))\n"
        out += "r′ = r + (k − 1)·j and j′ = j·s for a k×k window at stride s; an Inception module takes its largest branch.\n\n"
        out += table.render()
        if !out.hasSuffix("\n") { out += "\n" }
        if let last = rows.last(where: { !$0.path.hasPrefix("aux") && $0.state.size > 1 }) {
            out += "\n\(last.path) sees \(last.state.field)×\(last.state.field) pixels (the padding included), more than the "
                + "\(input.count == 4 ? input[2] : 224)-pixel image; its values are \(last.state.jump) pixels apart.\n"
        }
        return out
    }

    public var json: [String: Any] {
        [
            "style": "receptive-field", "input": input,
            "rows": rows.map { ["path": $0.path, "type": $0.type, "output_size": $0.state.size,
                                "receptive_field": $0.state.field, "jump": $0.state.jump, "how": $0.note] as [String: Any] },
        ]
    }
}
