/// Loading named tensors into a module tree, strictly, as `load_state_dict(strict=True)`.
public struct StateDictError: Error, CustomStringConvertible, Equatable {
    public var problems: [String]
    /// Past this many problems the message summarises: a file of another network would
    /// otherwise list all 344 keys of GoogLeNet, one line each.
    public static let listedProblems = 10

    public init(problems: [String]) { self.problems = problems }

    public var description: String {
        if problems.count == 1 { return problems[0] }
        if problems.count <= Self.listedProblems {
            return "\(problems.count) problems loading weights:\n" + problems.map { "  - " + $0 }.joined(separator: "\n")
        }
        // Summarised: how many of each kind, the first three of each, and a likely cause.
        let kinds = [("missing key", "missing keys"), ("unexpected key", "unexpected keys"), ("shape mismatch", "shape mismatches")]
        var counts: [String] = [], lines: [String] = []
        for (one, many) in kinds {
            let these = problems.filter { $0.hasPrefix(one) }
            guard !these.isEmpty else { continue }
            counts.append("\(these.count) \(these.count == 1 ? one : many)")
            lines += these.prefix(3).map { "  - " + $0 }
            if these.count > 3 { lines.append("  - … and \(these.count - 3) more \(many)") }
        }
        var text = "\(problems.count) problems loading weights (\(counts.joined(separator: ", "))):\n" + lines.joined(separator: "\n")
        if let hint = prefixHint { text += "\n" + hint }
        return text
    }

    /// "missing key 'conv1.weight'" next to "unexpected key 'model.conv1.weight'": the file was
    /// saved from a module inside another, or the model inside this one.
    public var prefixHint: String? {
        func keys(_ kind: String) -> [String] {
            problems.filter { $0.hasPrefix(kind + " '") }.compactMap { $0.dropFirst(kind.count + 2).split(separator: "'").first.map(String.init) }
        }
        let missing = keys("missing key"), unexpected = keys("unexpected key")
        for m in missing.prefix(20) {
            if let u = unexpected.first(where: { $0.hasSuffix("." + m) }) {
                return "the file's names start with '\(u.dropLast(m.count))', the model's do not: load_weights(model, path, prefix='\(u.dropLast(m.count))') strips it"
            }
            if let u = unexpected.first(where: { m.hasSuffix("." + $0) }) {
                return "the model's names have a prefix the file's do not ('\(m.dropLast(u.count))'): the file holds one part of the model; load it into that part"
            }
        }
        if !missing.isEmpty, unexpected.isEmpty, problems.count == missing.count {
            return "every tensor in the file fits the model, but the model has \(missing.count) more: the file holds only a part of the network"
        }
        return nil
    }
}

/// Whether a state_dict entry of shape `source` loads into a parameter or buffer of shape
/// `target`: the same shape, or (PyTorch's allowance for files of its 0.3 days) a 1-element
/// 1-d tensor into a 0-d one.
public func stateDictShapeFits(_ source: [Int], into target: [Int]) -> Bool {
    source == target || (target.isEmpty && source == [1])
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
            guard stateDictShapeFits(source.shape, into: target.shape) else {
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
