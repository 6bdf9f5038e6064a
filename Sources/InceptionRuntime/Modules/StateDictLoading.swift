/// Loading named tensors into a module tree, strictly, as `load_state_dict(strict=True)`.
public struct StateDictError: Error, CustomStringConvertible, Equatable {
    public var problems: [String]
    public var description: String {
        problems.count == 1 ? problems[0]
            : "\(problems.count) problems loading weights:\n" + problems.map { "  - " + $0 }.joined(separator: "\n")
    }
}

extension Module {
    /// Copies every tensor of `weights` into the parameter or buffer of the same name.
    ///
    /// Names are state_dict names relative to this module; `prefix` is stripped from the
    /// file's names first (a file saved from `inception3a` alone has names "inception3a.…").
    /// Strict: a missing key, an unexpected key or a shape mismatch is an error naming the key
    /// and both shapes, and then nothing at all is changed. `num_batches_tracked` may be absent.
    public func loadStateDict(_ weights: [String: Tensor], prefix: String = "") throws {
        let own = stateDict()
        var problems: [String] = []
        var pairs: [(Tensor, Tensor)] = []
        var used = Set<String>()
        for (name, target) in own {
            let key = prefix + name
            guard let source = weights[key] else {
                if !name.hasSuffix("num_batches_tracked") { problems.append("missing key '\(key)' (expected shape \(formatShape(target.shape)))") }
                continue
            }
            used.insert(key)
            guard source.shape == target.shape || (source.count == 1 && target.count == 1) else {
                problems.append("shape mismatch for '\(key)': the file has \(formatShape(source.shape)), the model expects \(formatShape(target.shape))")
                continue
            }
            pairs.append((target, source))
        }
        let unexpected = weights.keys.filter { !used.contains($0) && $0.hasPrefix(prefix) }.sorted()
        for key in unexpected { problems.append("unexpected key '\(key)' (shape \(formatShape(weights[key]!.shape))): the model has no such parameter") }
        guard problems.isEmpty else { throw StateDictError(problems: problems) }
        for (target, source) in pairs { target.data.update(from: source.data, count: target.count) }
    }
}
