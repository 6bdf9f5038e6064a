/// A scope: the names bound in one function call, class body or the program's globals,
/// with a link to the enclosing scope.
final class Environment {
    private(set) var values: [String: Value] = [:]
    let parent: Environment?

    init(parent: Environment? = nil) { self.parent = parent }

    func lookup(_ name: String) -> Value? {
        if let v = values[name] { return v }
        return parent?.lookup(name)
    }

    func define(_ name: String, _ value: Value) {
        // A replaced tuple may nest 100,000 deep: released in a loop (ValueRecursion.swift).
        guard var old = values.updateValue(value, forKey: name), case .tuple = old else { return }
        DeepRelease.release(&old)
    }

    func removeAll() {
        var all = Array(values.values)
        values.removeAll()
        DeepRelease.release(&all)
    }

    deinit {
        var all = Array(values.values)
        values = [:]
        DeepRelease.release(&all)
    }

    /// Every visible name, for "did you mean" suggestions.
    var visibleNames: [String] { Array(values.keys) + (parent?.visibleNames ?? []) }
}
