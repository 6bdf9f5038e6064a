import InceptionRuntime

/// Table 1 of the paper ("GoogLeNet incarnation of the Inception architecture") for our
/// network, computed from the module tree: one row per stage of the root, in call order.
///
/// Counted as the paper counts: params are weights only (no bias, no BatchNorm), ops are
/// multiply-adds for one image (one per weight per output position). Where the network is
/// the seed's, each row also carries the paper's printed figures, quoted, for comparison.
public struct PaperTable {
    /// The six channel columns of Table 1; nil where the paper leaves the cell blank.
    public struct Channels: Equatable, Sendable {
        public var c1x1: Int?, c3x3Reduce: Int?, c3x3: Int?, c5x5Reduce: Int?, c5x5: Int?, poolProj: Int?
        public var columns: [Int?] { [c1x1, c3x3Reduce, c3x3, c5x5Reduce, c5x5, poolProj] }
        public static let titles = ["#1×1", "#3×3 reduce", "#3×3", "#5×5 reduce", "#5×5", "pool proj"]
        public static let keys = ["1x1", "3x3_reduce", "3x3", "5x5_reduce", "5x5", "pool_proj"]
    }

    /// A difference between our row and the paper's printed row.
    public struct Difference: Equatable, Sendable {
        public let field: String
        public let ours: String
        public let quoted: String
        public let agreement: PrintedFigure.Agreement
        public init(field: String, ours: String, quoted: String, agreement: PrintedFigure.Agreement) {
            self.field = field; self.ours = ours; self.quoted = quoted; self.agreement = agreement
        }
    }

    public struct Row {
        /// The stage's module name ("conv1", "inception3a"); "conv2a+conv2b" for the 3×3 stage.
        public let path: String
        /// Table 1's type: "convolution", "max pool", "inception (3a)", "dropout (50%)", …
        public let type: String
        /// Our module's type name (BasicConv2d, MaxPool2d, Inception, …).
        public let moduleType: String
        /// "patch size/stride", e.g. "7×7/2".
        public let patch: String?
        /// The stage's output for one image, e.g. [1, 64, 112, 112].
        public let outputShape: [Int]
        /// Layers with weights one after another (an inception module: its longest branch).
        public let depth: Int
        public let channels: Channels
        /// The weighted layers of the stage, in call order.
        public let cost: CostSum
        /// The paper's row for this stage, as printed (seed network only).
        public let quote: PaperQuote?

        public var params: Int { cost.params }
        public var ops: Int { cost.multAdds }
        /// "112×112×64", the paper's H×W×C.
        public var outputSize: String { PaperTable.outputSize(outputShape) }

        /// Every field where the computed row and the quoted row disagree, with how much.
        public var differences: [Difference] {
            guard let q = quote else { return [] }
            var out: [Difference] = []
            func text(_ field: String, _ ours: String, _ quoted: String) {
                if ours != quoted { out.append(Difference(field: field, ours: ours, quoted: quoted, agreement: .differs)) }
            }
            text("type", type, q.type)
            text("patch size/stride", patch ?? "", q.patch ?? "")
            text("output size", outputSize, q.outputSize)
            text("depth", String(depth), String(q.depth))
            for (i, (a, b)) in zip(channels.columns, q.channels).enumerated() {
                text(Channels.titles[i], a.map(String.init) ?? "", b.map(String.init) ?? "")
            }
            for (field, count, printed) in [("params", params, q.params), ("ops", ops, q.ops)] {
                guard let printed, let figure = PrintedFigure(printed) else { continue }
                let agreement = figure.compare(count)
                if agreement != .same {
                    out.append(Difference(field: field, ours: formatCount(count), quoted: printed, agreement: agreement))
                }
            }
            return out
        }
    }

    public let input: [Int]
    public let rows: [Row]
    /// The paper's rows that have no stage here (its softmax: our network returns logits).
    public let quotedOnly: [PaperQuote]
    /// Whether the quotes apply: the seed network on a 3×224×224 image, the paper's setting.
    public let comparesWithPaper: Bool

    public var totalParams: Int { rows.reduce(0) { $0 + $1.params } }
    public var totalOps: Int { rows.reduce(0) { $0 + $1.ops } }

    /// Traces `model` in eval mode on one image of `input`'s C×H×W (the batch size is ignored:
    /// the paper counts per image).
    public init(model: Module, input: [Int]) throws {
        let image = [1] + input.dropFirst()
        self.input = image
        let trace = try ModelTrace.run(model, input: image, mode: .eval)
        var rows = Self.stages(trace)
        comparesWithPaper = model is InceptionV1 && image == [1, 3, 224, 224]
        if comparesWithPaper {
            let quotes = Dictionary(uniqueKeysWithValues: PaperQuote.table1.map { ($0.stage, $0) })
            rows = rows.map { Row(path: $0.path, type: $0.type, moduleType: $0.moduleType, patch: $0.patch,
                                  outputShape: $0.outputShape, depth: $0.depth, channels: $0.channels,
                                  cost: $0.cost, quote: quotes[$0.path]) }
            let covered = Set(rows.map(\.path))
            quotedOnly = PaperQuote.table1.filter { !covered.contains($0.stage) }
        } else {
            quotedOnly = []
        }
        self.rows = rows
    }

    /// "112×112×64" for [1, 64, 112, 112]; "1×1×1000" for [1, 1000].
    static func outputSize(_ shape: [Int]) -> String {
        switch shape.count {
        case 4: "\(shape[2])×\(shape[3])×\(shape[1])"
        case 2: "1×1×\(shape[1])"
        default: shape.dropFirst().map(String.init).joined(separator: "×")
        }
    }
}

// MARK: reading the stages off the trace

extension PaperTable {
    /// One row per child of the root, in call order; a lone 1×1 convolution stage followed by
    /// a convolution stage becomes that stage's reduction (conv2a+conv2b, Table 1's "3×3" row).
    static func stages(_ trace: ModelTrace) -> [Row] {
        var rows: [Row] = []
        for call in trace.calls where call.treeDepth == 1 {
            let row = stage(call, trace)
            if let previous = rows.last, let merged = merge(previous, row, trace) {
                rows[rows.count - 1] = merged
            } else {
                rows.append(row)
            }
        }
        return rows
    }

    static func weighted(_ call: TracedCall, _ trace: ModelTrace) -> [TracedCall] {
        (call.module.isLeaf ? [call] : trace.calls(under: call.path)).filter { WeightCost($0) != nil }
    }

    static func stage(_ call: TracedCall, _ trace: ModelTrace) -> Row {
        let module = call.module
        let weightedCalls = weighted(call, trace)
        let cost = CostSum(weightedCalls.compactMap(WeightCost.init))
        let output = call.outputShape ?? []
        var channels = Channels()
        var type = module.typeName
        var patch: String?
        var depth = weightedCalls.count
        // A layer names its own row; a block is an Inception module, or named after its last
        // weighted layer when that one slides (BasicConv2d: "convolution 7×7/2").
        if let row = module.paperRow(input: call.inputShape) {
            type = row.type; patch = row.patch
        } else if isInception(module) {
            type = "inception (\(call.path.hasPrefix("inception") && call.path.count > 9 ? String(call.path.dropFirst(9)) : call.path))"
            (channels, depth) = inceptionColumns(call, trace)
        } else if let last = weightedCalls.last, last.module.slidesWeights, let row = last.module.paperRow(input: last.inputShape) {
            type = row.type; patch = row.patch
        }
        return Row(path: call.path, type: type, moduleType: module.typeName, patch: patch, outputShape: output,
                   depth: depth, channels: channels, cost: cost, quote: nil)
    }

    /// An Inception module: its children are branches whose outputs are concatenated.
    static func isInception(_ module: Module) -> Bool {
        module.childComposition == .concatenatedChannels || module.typeName == "Inception"
    }

    /// The six channel columns, read off the branches: a lone 1×1 conv is #1×1; a 1×1 conv
    /// before a k×k conv is #k×k reduce; a conv after a pool is the pool projection.
    static func inceptionColumns(_ call: TracedCall, _ trace: ModelTrace) -> (Channels, Int) {
        var channels = Channels()
        var depth = 0
        for (name, _) in call.module.children {
            let branch = trace.calls.filter { $0.path == "\(call.path).\(name)" || $0.path.hasPrefix("\(call.path).\(name).") }
            // Each convolution as (kernel, output channels), from its weights k·k·C_in·C_out.
            let convs = branch.compactMap { call -> (kernel: Int, out: Int)? in
                guard call.module.slidesWeights, let f = call.module.paperWeightFactors, f.count == 4 else { return nil }
                return (f[0], f[3])
            }
            depth = max(depth, branch.filter { WeightCost($0) != nil }.count)
            guard let last = convs.last else { continue }
            let pooled = branch.contains { $0.module.slidesWithoutWeights }
            let reduce = convs.count >= 2 && convs[convs.count - 2].kernel == 1 ? convs[convs.count - 2].out : nil
            switch (pooled, last.kernel) {
            case (true, _): channels.poolProj = last.out
            case (false, 1): channels.c1x1 = last.out
            case (false, 3): channels.c3x3 = last.out; channels.c3x3Reduce = reduce
            case (false, 5): channels.c5x5 = last.out; channels.c5x5Reduce = reduce
            default: break
            }
        }
        return (channels, depth)
    }

    /// conv2a (a lone 1×1 conv) then conv2b (a k×k conv): one "convolution" row with a reduction.
    static func merge(_ a: Row, _ b: Row, _ trace: ModelTrace) -> Row? {
        guard a.type == "convolution", b.type == "convolution", a.cost.parts.count == 1,
              let reduce = a.cost.parts.first, reduce.factors.prefix(2) == [1, 1],
              let main = b.cost.parts.last, main.factors[0] == 3 || main.factors[0] == 5 else { return nil }
        var channels = Channels()
        if main.factors[0] == 3 { channels.c3x3Reduce = reduce.factors[3]; channels.c3x3 = main.factors[3] }
        else { channels.c5x5Reduce = reduce.factors[3]; channels.c5x5 = main.factors[3] }
        return Row(path: "\(a.path)+\(b.path)", type: "convolution", moduleType: b.moduleType, patch: b.patch,
                   outputShape: b.outputShape, depth: a.depth + b.depth, channels: channels,
                   cost: CostSum(a.cost.parts + b.cost.parts), quote: nil)
    }
}
