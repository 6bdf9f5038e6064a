import Foundation
import InceptionRuntime

/// What PyTorch's layer constructors keep on the instance and programs read back (`m.groups`,
/// `m.bias is not None`, `bn.eps`, `pool.ceil_mode`, `lrn.alpha`, `m.kernel_size[0]`): a builtin
/// layer's bound constructor arguments, recorded when `nn.<Layer>(…)` makes it, read in the form
/// PyTorch stores them — a convolution's sizes as tuples (`_pair`), `transposed` and
/// `output_padding` on every convolution, a pool's stride defaulting to its kernel_size, a padding
/// layer's padding as a tuple of 2·rank sides, ReLU6's bounds, LayerNorm's shape as a tuple. A parameter, buffer or child of the same name answers
/// before (a bias that exists; an absent one reads None); device and dtype are not kept. Kept
/// beside the modules, keyed by identity, as TensorKinds keeps their printed arguments.
final class LayerOptions: @unchecked Sendable {
    static let shared = LayerOptions()

    private struct Entry { weak var module: Module?; let layer: String; let values: [String: Value] }
    private var entries: [ObjectIdentifier: Entry] = [:]
    private let lock = NSLock()
    private var writes = 0

    /// Containers, whose constructor arguments (`modules`, `parameters`) are no attributes.
    private static let containers: Set<String> = ["Sequential", "ModuleList", "ModuleDict", "ParameterList", "ParameterDict"]

    /// Records what `layer`'s constructor was called with, unless m already has its options (a
    /// layer a constructor handed back as it was given).
    func record(_ m: Module, layer: String, _ a: BoundArguments) {
        guard !Self.containers.contains(layer) else { return }
        lock.lock(); defer { lock.unlock() }
        let id = ObjectIdentifier(m)
        if let e = entries[id], e.module === m { return }
        entries[id] = Entry(module: m, layer: layer, values: a.values.filter { $0.key != "device" && $0.key != "dtype" })
        writes += 1
        if writes % 1024 == 0 { entries = entries.filter { $0.value.module != nil } }
    }

    /// An option the program changed (`bn.momentum = 0.01`, `dropout.p = 0.0`): read back as written.
    func update(_ m: Module, _ name: String, _ value: Value) {
        lock.lock(); defer { lock.unlock() }
        let id = ObjectIdentifier(m)
        guard let e = entries[id], e.module === m else { return }
        var values = e.values
        values[name] = value
        entries[id] = Entry(module: m, layer: e.layer, values: values)
    }

    private func entry(_ m: Module) -> Entry? {
        lock.lock(); defer { lock.unlock() }
        guard let e = entries[ObjectIdentifier(m)], e.module === m else { return nil }
        return e
    }

    /// The attribute `name` of m as PyTorch's constructor stored it, nil when it stores none.
    func attribute(_ m: Module, _ name: String) -> Value? {
        guard let e = entry(m) else { return nil }
        let layer = e.layer
        if name == "bias", e.values["bias"] != nil { return Value.none }      // a bias parameter answers before
        if layer.hasPrefix("Conv"), let rank = Int(String(layer.dropLast().last ?? " ")) {
            return Self.convolutionAttribute(name, e.values, rank: rank, transposed: layer.hasPrefix("ConvTranspose"))
        }
        if layer.hasPrefix("ZeroPad"), name == "value" { return .float(0) }
        if layer == "ReLU6" {
            switch name {
            case "min_val": return .float(0)
            case "max_val": return .float(6)
            default: break
            }
        }
        guard let value = e.values[name] else { return nil }
        switch (layer, name) {
        case ("AvgPool1d", "stride") where value.isNone: return e.values["kernel_size"].map(Self.tuple)
        case (_, "stride") where layer.contains("Pool") && value.isNone: return e.values["kernel_size"]
        case ("LayerNorm", "normalized_shape"): return Self.tuple(value)
        case (_, "padding") where layer.contains("Pad"):             // ZeroPad2d(1): (1, 1, 1, 1)
            guard case .int(let p) = value, let rank = Int(String(layer.dropLast().last ?? " ")) else { return Self.tuple(value) }
            return .tuple(Array(repeating: .int(p), count: 2 * rank))
        case ("AvgPool1d", "kernel_size"), ("AvgPool1d", "stride"), ("AvgPool1d", "padding"): return Self.tuple(value)
        case ("Upsample", "scale_factor"): return value.asInt.map { .float(Double($0)) } ?? value
        default: return value
        }
    }

    /// _ConvNd's attributes: sizes as `rank`-tuples (a padding string kept), output_padding
    /// zeros on a plain convolution, `transposed`.
    private static func convolutionAttribute(_ name: String, _ values: [String: Value], rank: Int, transposed: Bool) -> Value? {
        func sizes(_ v: Value) -> Value {
            if case .int(let i) = v { return .tuple(Array(repeating: .int(i), count: rank)) }
            return tuple(v)
        }
        switch name {
        case "transposed": return .bool(transposed)
        case "output_padding": return sizes(values[name] ?? .int(0))
        case "padding":
            guard let v = values[name] else { return nil }
            if case .string = v { return v }
            return sizes(v)
        case "kernel_size", "stride", "dilation": return values[name].map(sizes)
        default: return values[name]
        }
    }

    /// A list or tuple as a tuple, a single value as a 1-tuple.
    private static func tuple(_ v: Value) -> Value {
        if case .tuple = v { return v }
        if v.typeName != "str", let items = v.sequenceItems() { return .tuple(items) }
        return .tuple([v])
    }
}
