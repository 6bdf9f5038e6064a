import InceptionRuntime

/// torch.utils.data's classes as isinstance and issubclass see them: TensorDataset, Subset,
/// ConcatDataset and IterableDataset are Datasets, the library's samplers are Samplers, and a
/// class of the program whose line extends Dataset, IterableDataset or Sampler
/// (`class Faces(Dataset):`, `class Lengths(Sampler[int]):`) is one of those.
extension Interpreter {
    /// Each class's parent within torch.utils.data (Dataset and Sampler have none).
    static let dataClassParents: [String: String] = [
        "IterableDataset": "Dataset", "TensorDataset": "Dataset", "Subset": "Dataset", "ConcatDataset": "Dataset",
        "SequentialSampler": "Sampler", "RandomSampler": "Sampler", "SubsetRandomSampler": "Sampler",
        "WeightedRandomSampler": "Sampler", "BatchSampler": "Sampler", "_InfiniteConstantSampler": "Sampler",
    ]
    /// The classes a program's class may extend.
    static let extensibleDataClasses: Set<String> = ["Dataset", "IterableDataset", "Sampler"]

    static func isDataClass(_ name: String) -> Bool { name == "Dataset" || name == "Sampler" || dataClassParents[name] != nil }

    static func isDataSubclass(_ name: String, of ancestor: String) -> Bool { descends(name, from: ancestor, parents: dataClassParents) }

    /// The torch.utils.data class among a class header's bases (`(Dataset)`, `(Sampler[int])`), if any.
    func dataBaseClass(of decl: ClassDecl, _ env: Environment) -> String? {
        for e in decl.bases {
            // Sampler[int] names Sampler: the subscript is a type annotation
            let named = if case .index(let base, _) = e.kind { base } else { e }
            if case .builtin(let b)? = try? evaluate(named, env), Self.extensibleDataClasses.contains(b.name) { return b.name }
        }
        return nil
    }

    /// isinstance(object, kind) for a torch.utils.data class `kind`; nil when kind is none.
    func isDataInstance(_ object: Value, _ kind: String) -> Bool? {
        guard Self.isDataClass(kind) else { return nil }
        switch object {
        case .module(let m):
            guard let base = instance(of: m)?.cls.dataBase else { return false }
            return Self.isDataSubclass(base, of: kind)
        case .object(let o): return Self.isDataSubclass(o.typeName, of: kind)
        default: return false
        }
    }
}
