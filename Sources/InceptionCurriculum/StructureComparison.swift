import InceptionLanguage
import InceptionModel
import InceptionRuntime

/// Step 1 of the checker: the module trees side by side, in pre-order. The first place they
/// differ (a layer's type, one of its arguments, a missing, extra or misplaced layer) becomes
/// one message that names the place and the fix.
struct StructureComparison {
    let naming: PathNaming
    /// The reference block's shapes on the probe, for messages that can say what a wrong
    /// stride or padding does to the output.
    let shapes: ProbeShapes
    /// A block's plain attributes (`self.final_F = final_F`), as the interpreter that built it keeps them.
    let attributes: (Module) -> [(name: String, value: Value)]

    func firstDifference(_ ref: Module, _ mine: Module, path: String = "") -> String? {
        if ref.typeName != mine.typeName { return typeMessage(ref, mine, path) }
        if ref.isLeaf && mine.isLeaf {
            return LayerComparison(naming: naming, shapes: shapes).firstDifference(ref, mine, path: path)
        }
        if let message = childrenMessage(ref, mine, path) { return message }
        for ((name, r), (_, m)) in zip(ref.children, mine.children) {
            if let d = firstDifference(r, m, path: join(path, name)) { return d }
        }
        return attributeMessage(ref, mine, path)
    }

    // MARK: plain attributes

    /// An attribute both blocks keep with different values (inception4d built with final_F=512:
    /// its layers are right, the number it declares is not). One the learner's class does not
    /// keep is no difference: PyTorch's forward never reads it.
    func attributeMessage(_ ref: Module, _ mine: Module, _ path: String) -> String? {
        let mineValues = attributes(mine)
        for (name, expected) in attributes(ref) {
            guard let got = mineValues.first(where: { $0.name == name })?.value, !valuesEqual(got, expected) else { continue }
            let place = naming.display(path)
            if name == "final_F", let channels = shapes.output(path), channels.count == 4 {
                return "\(place): final_F=\(got.repr), but its four branches give \(channels[1]) channels — final_F, the 3rd argument of Inception, is the module's output: #1×1 + #3×3 + #5×5 + pool proj = \(expected.repr)"
            }
            return "\(place): self.\(name) is \(got.repr), the seed's is \(expected.repr) — check the argument it is set from"
        }
        return nil
    }

    // MARK: types

    func typeMessage(_ ref: Module, _ mine: Module, _ path: String) -> String {
        let place = naming.display(path)
        if ref.isLeaf && mine.isLeaf {
            return "\(place): expected \(ref.signature), got \(mine.signature)"
        }
        if ref is Block, mine is Block {
            return "\(place): expected a \(ref.typeName), got a \(mine.typeName) — the seed's class is called \(ref.typeName)"
        }
        return "\(place): expected \(describe(ref)), got \(describe(mine))"
    }

    /// "Conv2d(3, 64, …)" for a layer, "a BasicConv2d" or "a Sequential of 3 layers" for a container.
    func describe(_ m: Module) -> String {
        if m.isLeaf { return m.signature }
        if m is Sequential {
            return "a Sequential of \(m.children.count) (\(SeedVocabulary.list(m.children.map(\.module.typeName))))"
        }
        return "a \(m.typeName)"
    }

    // MARK: children

    func childrenMessage(_ ref: Module, _ mine: Module, _ path: String) -> String? {
        let rn = ref.children.map(\.name), mn = mine.children.map(\.name)
        let place = naming.display(path)
        if rn == mn {
            // Same names (a Sequential's 0, 1, 2): the same layers in another order?
            let rt = ref.children.map(\.module.typeName), mt = mine.children.map(\.module.typeName)
            if rt != mt && rt.sorted() == mt.sorted() {
                return "\(place): the layers are in the wrong order: expected \(SeedVocabulary.list(rt)); got \(SeedVocabulary.list(mt))"
            }
            return nil
        }
        if ref is Sequential || rn.allSatisfy({ Int($0) != nil }) {
            let rt = ref.children.map(\.module.typeName), mt = mine.children.map(\.module.typeName)
            if rt == mt {
                // the same layers, only named otherwise (an OrderedDict): say the names
                return "\(place): the layers are right (\(SeedVocabulary.list(rt))) but named \(SeedVocabulary.list(mn)); the seed's are \(SeedVocabulary.list(rn))"
                    + " — the names are part of every state_dict key: "
                    + (rn.allSatisfy { Int($0) != nil } ? "pass the layers to nn.Sequential without names" : "name them as the seed does")
            }
            return sequenceMessage(place, ref.children.map(\.module.typeName), mine.children.map(\.module.typeName))
        }
        if Set(rn) == Set(mn) {
            return "\(place): its layers are in the wrong order: expected \(SeedVocabulary.list(rn)); got \(SeedVocabulary.list(mn))"
                + " — assign them in the seed's order (it is the order of the state_dict and of the summary)"
        }
        let extra = mn.filter { !rn.contains($0) }
        let rt = ref.children.map(\.module.typeName), mt = mine.children.map(\.module.typeName)
        if extra.count > 1, rt == mt {
            // the same layers in the same order, several named otherwise (torchvision's branch1 … branch4): every name at once
            let renames = zip(mn, rn).filter { $0 != $1 }.map { "self.\($0) → self.\($1)" }
            return "\(place): the seed's kinds of layers in its order (\(SeedVocabulary.list(rt))), named otherwise — rename \(renames.joined(separator: ", ")): "
                + "the seed's names are part of every state_dict key under them"
        }
        if let missing = rn.first(where: { !mn.contains($0) }) {
            let expected = ref.child(missing).map(describe) ?? missing
            if let other = closestName(to: missing, among: extra) ?? (extra.count == 1 ? extra.first : nil) {
                return "\(place): no self.\(missing) — you named it self.\(other); the seed calls it \(missing), and the name is part of every state_dict key under it"
            }
            return "\(place): no self.\(missing) — expected self.\(missing) = \(expected)"
        }
        let name = extra[0]
        let type = mine.child(name)?.typeName ?? "layer"
        return "\(place): self.\(name) (\(type)) is not in the seed's \(ref.typeName) — remove it"
    }

    /// Layers of a Sequential: one missing, one extra, or a different list.
    func sequenceMessage(_ place: String, _ rt: [String], _ mt: [String]) -> String {
        let head = "\(place): expected \(rt.count) layers (\(SeedVocabulary.list(rt))), got \(mt.count) (\(SeedVocabulary.list(mt)))"
        if mt.count + 1 == rt.count, let i = rt.indices.first(where: { var r = rt; r.remove(at: $0); return r == mt }) {
            return head + " — add the missing \(rt[i]) " + (i == 0 ? "at the start" : "after the \(rt[i - 1])")
        }
        if mt.count == rt.count + 1, let i = mt.indices.first(where: { var m = mt; m.remove(at: $0); return m == rt }) {
            return head + " — remove the \(mt[i]) at position \(i + 1)"
        }
        return head
    }
}

func join(_ path: String, _ name: String) -> String { path.isEmpty ? name : "\(path).\(name)" }
