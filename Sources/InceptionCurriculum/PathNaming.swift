import InceptionRuntime

/// Names for places in a checked block, as messages show them: "conv5x5.1.layer.0",
/// "inception4a.conv1x1" when the exercise names its block, and for a layer inside an
/// Inception module, its branch: "branch 2 (conv3x3)".
struct PathNaming {
    /// What the exercise calls the block's root ("inception4a"); "" when it is the block itself.
    let prefix: String
    /// The reference block: the tree the paths are read in.
    let root: Module

    /// "conv5x5.1.layer.0" (or "inception4a.conv5x5.1.layer.0"); the root is its name or type.
    func display(_ path: String) -> String {
        if path.isEmpty { return prefix.isEmpty ? root.typeName : prefix }
        return prefix.isEmpty ? path : "\(prefix).\(path)"
    }

    /// "conv1.layer.0 (Conv2d)"
    func display(_ path: String, _ module: Module) -> String {
        path.isEmpty && prefix.isEmpty ? module.typeName : "\(display(path)) (\(module.typeName))"
    }

    struct Branch {
        /// The Inception module's path ("" when the checked block is one).
        let modulePath: String
        let name: String
        /// 1-based position among the module's four branches.
        let number: Int
        /// The position inside the branch ("0", "1"), when the branch is a Sequential.
        let step: String?
        /// The entry of Fs that sets this layer's output channels, 0-based.
        var fsIndex: Int? { SeedVocabulary.fsIndex(branch: name, step: step) }

        /// "branch 2 (conv3x3)", preceded by the module's name when it has one.
        func label(_ naming: PathNaming) -> String {
            let module = modulePath.isEmpty ? naming.prefix : naming.display(modulePath)
            return (module.isEmpty ? "" : "\(module): ") + "branch \(number) (\(name))"
        }
    }

    /// The Inception branch a path lies in, when it lies in one.
    func branch(of path: String) -> Branch? {
        let parts = path.split(separator: ".").map(String.init)
        var node = root
        var best: Branch?
        for (i, part) in parts.enumerated() {
            if node.typeName == "Inception", let number = node.children.firstIndex(where: { $0.name == part }) {
                best = Branch(modulePath: parts[..<i].joined(separator: "."), name: part, number: number + 1,
                              step: i + 1 < parts.count ? parts[i + 1] : nil)
            }
            guard let next = node.child(part) else { break }
            node = next
        }
        return best
    }
}
