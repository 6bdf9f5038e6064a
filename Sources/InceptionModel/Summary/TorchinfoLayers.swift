import InceptionRuntime

/// One row of torchinfo's `summary_list` (its `LayerInfo`): a module call, or a container
/// that was not called itself but holds layers that were.
public struct TorchinfoLayer {
    public let module: Module
    /// Dotted path relative to the summarised root, as in the state_dict ("" for the root).
    public let path: String
    public var typeName: String { module.typeName }
    /// Depth in the module tree (0 for the root), torchinfo's `depth`.
    public let depth: Int
    /// The n-th layer at this depth in the list, counted over the whole list: the "3-10" label.
    public internal(set) var depthIndex = 0
    public var isLeaf: Bool { module.isLeaf }
    /// false for a container torchinfo inserted because only its children were called.
    public let executed: Bool
    /// The same module object was already listed: its parameters are not counted again.
    public internal(set) var isRecursive = false
    /// [] where torchinfo finds no tensor: the root's (None, None, logits) tuple in eval mode.
    public let inputShape: [Int]
    public let outputShape: [Int]
    /// Parameters of this module and everything under it.
    public let params: Int
    /// All parameters count as trainable: the runtime has no frozen parameters.
    public var trainableParams: Int { params }
    /// torchinfo's multiply-adds for a leaf: Conv2d (weights + bias) × N·H_out·W_out,
    /// other layers their parameters × N. Containers: 0 here (torchinfo never sums theirs).
    public let multAdds: Int
    /// Bytes of the output: 4 per float32 value.
    public var outputBytes: Int { outputShape.isEmpty ? 0 : outputShape.reduce(1, *) * 4 }
    /// Indices of the layers listed after this one with a greater depth (torchinfo's `children`,
    /// which are all descendants in the list, not only direct children).
    public internal(set) var descendants: Range<Int> = 0..<0

    /// "Conv2d: 3-1"; the root shows its type alone.
    public var label: String { depth == 0 ? typeName : "\(typeName): \(depth)-\(depthIndex)" }
}

/// Builds torchinfo 1.8.0's layer list from a trace, following its `forward_pass`:
/// layers in the order their calls began, containers that were not called themselves
/// inserted above their first called child (`add_missing_container_layers`), then depth
/// indices counted per depth over the whole list (`set_children_layers`).
enum TorchinfoLayerList {
    static func build(from trace: ModelTrace) -> [TorchinfoLayer] {
        var layers: [TorchinfoLayer] = []
        var seen = Set<ObjectIdentifier>()
        for call in trace.calls {
            var layer = TorchinfoLayer(module: call.module, path: call.path, depth: call.treeDepth, executed: true,
                                       inputShape: call.inputShape,
                                       outputShape: call.treeDepth == 0 ? torchReturnShape(trace) : (call.outputShape ?? []),
                                       params: call.module.parameterCount, multAdds: call.module.isLeaf ? call.multAdds : 0)
            layer.isRecursive = !seen.insert(ObjectIdentifier(call.module)).inserted
            layers.append(layer)
        }
        layers = insertingMissingContainers(layers, trace: trace)
        var counters: [Int: Int] = [:]
        for i in layers.indices {
            counters[layers[i].depth, default: 0] += 1
            layers[i].depthIndex = counters[layers[i].depth]!
            var end = i + 1
            while end < layers.count && layers[end].depth > layers[i].depth { end += 1 }
            layers[i].descendants = (i + 1)..<end
        }
        return layers
    }

    /// torchinfo sizes a tuple output by its first element: the seed's Inception_V1 returns
    /// (aux1, aux2, out), so the top row shows aux1's shape in train mode and "--" in eval.
    static func torchReturnShape(_ trace: ModelTrace) -> [Int] {
        if trace.root is InceptionV1 { return trace.sideOutputs["aux1"] ?? [] }
        return trace.output
    }

    /// A layer whose ancestors (below the root) are not the layers currently open above it
    /// gets those ancestors inserted, not executed, as torchinfo does for containers whose
    /// children were called directly.
    static func insertingMissingContainers(_ layers: [TorchinfoLayer], trace: ModelTrace) -> [TorchinfoLayer] {
        var out: [TorchinfoLayer] = []
        var listed = Set(layers.map { ObjectIdentifier($0.module) })
        var open: [Int: ObjectIdentifier] = [:]
        for layer in layers {
            let parts = layer.path.split(separator: ".").map(String.init)
            for d in stride(from: 1, to: layer.depth, by: 1) {
                let ancestorPath = parts[0..<d].joined(separator: ".")
                guard let ancestor = trace.root.module(at: ancestorPath) else { continue }
                if open[d] != ObjectIdentifier(ancestor) {
                    var inserted = TorchinfoLayer(module: ancestor, path: ancestorPath, depth: d, executed: false,
                                                  inputShape: [], outputShape: [], params: ancestor.parameterCount, multAdds: 0)
                    inserted.isRecursive = listed.contains(ObjectIdentifier(ancestor))
                    listed.insert(ObjectIdentifier(ancestor))
                    out.append(inserted)
                    open[d] = ObjectIdentifier(ancestor)
                }
            }
            open[layer.depth] = ObjectIdentifier(layer.module)
            open = open.filter { $0.key <= layer.depth }
            out.append(layer)
        }
        return out
    }
}
