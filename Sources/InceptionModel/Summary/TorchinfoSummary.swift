import InceptionRuntime

/// A torchinfo 1.8.0 summary of a module tree, computed from a shape-only forward pass.
///
/// The rules, as torchinfo applies them (learners meet each of them in the seed's printout):
/// - Rows are the modules in the order they were first called; modules never called (the aux
///   heads in eval mode) get no row. Rows deeper than `depth` are hidden.
/// - A row at the depth limit shows all the parameters under it ("Sequential: 3-10  12,480").
///   A row above it shows only the parameters its listed sub-layers do not account for:
///   for the root that is the parameters of the modules that never ran (6,380,240 in eval).
/// - Total params counts every parameter, run or not. Params size counts only the layers
///   that ran: 4 bytes per parameter of each leaf layer that ran.
/// - Total mult-adds sums the leaf layers that ran: a Conv2d's weights and bias × N·H_out·W_out,
///   a Linear's or BatchNorm2d's parameters × N, a layer without parameters 0.
/// - Forward/backward pass size is 2 × the output bytes of every leaf that ran and has parameters.
/// - Input size is the input's bytes plus the 64 bytes of the Python object that holds them.
public struct TorchinfoSummary {
    public let trace: ModelTrace
    /// torchinfo's full layer list, every depth.
    public let layers: [TorchinfoLayer]
    public let depth: Int
    public let columns: [TorchinfoColumn]
    public let totals: Totals

    /// What sys.getsizeof adds to a tensor's storage in PyTorch 2: torchinfo's input size includes it.
    public static let pythonStorageOverheadBytes = 64
    public static let bytesPerValue = 4

    public struct Totals: Equatable, Sendable {
        public var totalParams = 0
        public var trainableParams = 0
        public var totalMultAdds = 0
        public var inputBytes = 0
        public var forwardBackwardBytes = 0
        public var paramsBytes = 0
        /// Parameters of the leaf layers that ran; the rest belong to modules that never ran.
        public var paramsThatRan = 0
        public var nonTrainableParams: Int { totalParams - trainableParams }
        public var paramsThatDidNotRun: Int { totalParams - paramsThatRan }
        public var estimatedTotalBytes: Int { inputBytes + forwardBackwardBytes + paramsBytes }
        public static func megabytes(_ bytes: Int) -> Double { Double(bytes) / 1e6 }
    }

    /// A shown row and what torchinfo prints in it.
    public struct Row {
        public let layer: TorchinfoLayer
        /// The Param # text: "9,472", "--", "(recursive)".
        public let paramsText: String
        /// The number behind paramsText (0 for "--").
        public let shownParams: Int
        /// Multiply-adds of the leaf layers that ran under this row (its own for a leaf).
        public let multAdds: Int
        public let values: [String]
        /// The parameter arithmetic behind paramsText, e.g. "1·1·192·64 + 64 + 64 + 64 = 12,480".
        public let formula: String?
    }

    public init(model: Module, input: [Int], mode: SummaryMode = .eval, depth: Int = 3,
                columns: [TorchinfoColumn] = TorchinfoColumn.defaults) throws {
        guard depth >= 0 else { throw SummaryError("--depth must be 0 or more, got \(depth)") }
        trace = try ModelTrace.run(model, input: input, mode: mode)
        layers = TorchinfoLayerList.build(from: trace)
        self.depth = depth
        self.columns = columns
        leftover = Self.leftovers(layers)
        var t = Totals()
        for (i, layer) in layers.enumerated() {
            if layer.isLeaf {
                t.totalMultAdds += layer.multAdds
                if layer.params > 0 { t.forwardBackwardBytes += 2 * layer.outputBytes }
                if layer.isRecursive { continue }
                t.totalParams += layer.params
                t.trainableParams += layer.trainableParams
                t.paramsThatRan += layer.params
                t.paramsBytes += layer.params * Self.bytesPerValue
            } else if !layer.isRecursive {
                t.totalParams += max(leftover[i], 0)
                t.trainableParams += max(leftover[i], 0)
            }
        }
        t.inputBytes = input.reduce(1, *) * Self.bytesPerValue + Self.pythonStorageOverheadBytes
        totals = t
    }

    /// torchinfo's leftover_params for every layer: its parameters minus, over all listed
    /// descendants, a leaf's parameters or a container's own leftover.
    private let leftover: [Int]

    private static func leftovers(_ layers: [TorchinfoLayer]) -> [Int] {
        var leftover = [Int](repeating: 0, count: layers.count)
        for i in layers.indices.reversed() {
            var accounted = 0
            for j in layers[i].descendants where !layers[j].isRecursive {
                accounted += layers[j].isLeaf ? layers[j].params : leftover[j]
            }
            leftover[i] = layers[i].params - accounted
        }
        return leftover
    }

    // MARK: rows

    /// The rows torchinfo prints: every layer down to `depth`.
    public var rows: [Row] {
        layers.indices.filter { layers[$0].depth <= depth }.map(row)
    }

    private func row(_ i: Int) -> Row {
        let layer = layers[i]
        let atLimit = layer.depth == depth
        var shown = 0
        var text: String
        if layer.params == 0 { text = "--" }
        else if layer.isRecursive { text = "(recursive)" }
        else if atLimit || layer.isLeaf { shown = layer.params; text = formatCount(shown) }
        else { shown = max(leftover[i], 0); text = shown > 0 ? formatCount(shown) : "--" }
        let values = columns.map { column -> String in
            switch column {
            case .inputSize: TorchinfoFormat.shape(layer.inputShape)
            case .outputSize: TorchinfoFormat.shape(layer.outputShape)
            case .numParams: text
            case .paramsPercent: percentText(i, atLimit: atLimit)
            case .kernelSize: TorchinfoFormat.kernelSize(layer.module)
            case .multAdds: multAddsText(i, atLimit: atLimit)
            case .trainable: layer.params == 0 ? "--" : "True"
            }
        }
        return Row(layer: layer, paramsText: text, shownParams: shown, multAdds: leafMultAdds(i), values: values,
                   formula: shown > 0 && !layer.isRecursive ? formula(i, atLimit: atLimit) : nil)
    }

    /// A leaf's own multiply-adds, or the sum over the leaves listed under a container.
    private func leafMultAdds(_ i: Int) -> Int {
        layers[i].isLeaf ? layers[i].multAdds
            : layers[i].descendants.reduce(0) { $0 + (layers[$1].isLeaf ? layers[$1].multAdds : 0) }
    }

    /// torchinfo's macs_to_str: a leaf's own count; at the depth limit the sum of the leaves
    /// under it; "--" elsewhere and wherever torchinfo's own count for the layer is 0.
    private func multAddsText(_ i: Int, atLimit: Bool) -> String {
        let layer = layers[i]
        // torchinfo gives a container params × (N·C of its output), only ever tested for > 0.
        let own = layer.isLeaf ? layer.multAdds : layer.params * layer.outputShape.prefix(2).reduce(1, *)
        if own <= 0 { return "--" }
        if layer.isLeaf { return formatCount(own) }
        return atLimit ? formatCount(leafMultAdds(i)) : "--"
    }

    private func percentText(_ i: Int, atLimit: Bool) -> String {
        let zero = "     --"
        if totals.totalParams == 0 { return zero }
        if layers[i].isRecursive { return "(recursive)" }
        let p = atLimit || layers[i].isLeaf ? layers[i].params : leftover[i]
        return p == 0 ? zero : TorchinfoFormat.percent(Double(p) / Double(totals.totalParams))
    }

    /// The arithmetic behind a row's Param #: a leaf's own formula, all leaf formulas under a
    /// row at the depth limit, or for a leftover the modules that never ran.
    private func formula(_ i: Int, atLimit: Bool) -> String? {
        let layer = layers[i]
        if layer.isLeaf { return layer.module.parameterFormula?.description }
        if atLimit {
            let terms = layer.descendants.filter { layers[$0].isLeaf }.flatMap { layers[$0].module.parameterFormula?.terms ?? [] }
            return terms.isEmpty ? nil : ParameterFormula(terms: terms).description
        }
        let missing = modulesThatDidNotRun(under: layer.module)
        guard !missing.isEmpty else { return nil }
        let parts = missing.map { "\($0.path) \(formatCount($0.params))" }.joined(separator: " + ")
        return "not run: \(parts)" + (missing.count > 1 ? " = \(formatCount(missing.reduce(0) { $0 + $1.params }))" : "")
    }

    // MARK: what ran

    /// The highest modules with parameters that were never called, e.g. aux1 and aux2 in eval mode.
    public var modulesThatDidNotRun: [(path: String, params: Int)] { modulesThatDidNotRun(under: trace.root) }

    func modulesThatDidNotRun(under top: Module) -> [(path: String, params: Int)] {
        let called = Set(trace.calls.map { ObjectIdentifier($0.module) })
        var out: [(String, Int)] = []
        func walk(_ m: Module) {
            for (_, child) in m.children {
                if called.contains(ObjectIdentifier(child)) { walk(child) }
                else if child.parameterCount > 0, let p = trace.path(of: child) { out.append((p, child.parameterCount)) }
            }
        }
        walk(top)
        return out
    }
}

/// A summary that cannot be made: one line naming the problem and the fix.
public struct SummaryError: Error, CustomStringConvertible, Equatable {
    public var description: String
    public init(_ text: String) { description = text }
}
