import InceptionRuntime

/// Attributes a program adds to a built-in layer (`self.fc.stddev = 0.001`, as torchvision's
/// Inception3 marks layers for its init loop, then `hasattr(m, "stddev")`): plain values kept
/// beside the layer (weakly: a later layer at the same address does not inherit them).
enum AddedLayerAttributes {
    final class Entry {
        weak var layer: Module?
        var values: [String: Value] = [:]
        init(_ layer: Module) { self.layer = layer }
    }
    nonisolated(unsafe) static var entries: [ObjectIdentifier: Entry] = [:]

    static func value(_ layer: Module, _ name: String) -> Value? {
        guard let entry = entries[ObjectIdentifier(layer)], entry.layer === layer else { return nil }
        return entry.values[name]
    }

    static func set(_ layer: Module, _ name: String, _ value: Value) {
        if entries.count > 4096 { entries = entries.filter { $0.value.layer != nil } }
        let entry = entries[ObjectIdentifier(layer)].flatMap { $0.layer === layer ? $0 : nil } ?? Entry(layer)
        entry.values[name] = value
        entries[ObjectIdentifier(layer)] = entry
    }
}
