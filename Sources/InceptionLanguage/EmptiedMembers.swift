import InceptionRuntime

/// Members of a class's block set to None after they were registered (`model.aux1 = None`,
/// `self.w = None`, `self.running = None`). PyTorch keeps the name in `_modules`, `_parameters`
/// or `_buffers` with the value None: `model.aux1` is None, named_children(), parameters() and
/// state_dict() pass over it, print(model) shows `(aux1): None` in its place, and the name keeps
/// its kind (a module, a Parameter or a tensor may take it again, in the same place; anything
/// else is PyTorch's TypeError).
enum EmptiedMembers {
    enum Kind {
        case child, parameter, buffer
        /// PyTorch's words for the kind, and for what it takes.
        var words: (member: String, expected: String) {
            switch self {
            case .child: return ("child module", "torch.nn.Module")
            case .parameter: return ("parameter", "torch.nn.Parameter")
            case .buffer: return ("buffer", "torch.nn.Buffer, torch.Tensor")
            }
        }
    }
    /// An emptied name, and the name that followed it among the children (a child or another
    /// emptied child; nil when it was the last).
    struct Slot { let name: String; let kind: Kind; let before: String? }

    private final class Entry {
        weak var block: Module?
        var slots: [Slot] = []
        init(_ block: Module) { self.block = block }
    }
    nonisolated(unsafe) private static var entries: [ObjectIdentifier: Entry] = [:]

    static func slots(of m: Module) -> [Slot] {
        guard let entry = entries[ObjectIdentifier(m)], entry.block === m else { return [] }
        return entry.slots
    }

    static func slot(_ name: String, of m: Module) -> Slot? { slots(of: m).first { $0.name == name } }

    /// The children's names with the emptied children's among them, in PyTorch's `_modules` order.
    static func childOrder(of m: Module) -> [String] {
        var order = m.children.map(\.name)
        var waiting = slots(of: m).filter { $0.kind == .child }
        // a slot goes before the name that followed it, once that name is placed (or at the end)
        while !waiting.isEmpty {
            guard let k = waiting.firstIndex(where: { slot in slot.before.map(order.contains) ?? true }) else {
                order += waiting.map(\.name); break          // a name that followed is gone: the rest at the end
            }
            let slot = waiting.remove(at: k)
            order.insert(slot.name, at: slot.before.flatMap { order.firstIndex(of: $0) } ?? order.count)
        }
        return order
    }

    /// The child that `name` goes back before when a module takes its emptied place.
    static func successorChild(of name: String, in m: Module) -> String? {
        let order = childOrder(of: m)
        guard let i = order.firstIndex(of: name) else { return nil }
        return order[(i + 1)...].first { m.child($0) != nil }
    }

    /// The member `name` (a child, parameter or buffer of `block`) becomes an empty slot.
    static func empty(_ name: String, of block: Module) {
        let kind: Kind, before: String?
        if block.child(name) != nil {
            let order = childOrder(of: block)
            kind = .child
            before = order.firstIndex(of: name).flatMap { $0 + 1 < order.count ? order[$0 + 1] : nil }
        } else if block.parameters.contains(where: { $0.name == name }) {
            (kind, before) = (.parameter, nil)
        } else {
            (kind, before) = (.buffer, nil)
        }
        _ = block.removeMember(name)
        let key = ObjectIdentifier(block)
        if entries[key]?.block !== block { entries[key] = Entry(block) }
        entries[key]!.slots.append(Slot(name: name, kind: kind, before: before))
    }

    /// The slot `name` is gone (filled again, or deleted).
    static func remove(_ name: String, of m: Module) {
        guard let entry = entries[ObjectIdentifier(m)], entry.block === m else { return }
        entry.slots.removeAll { $0.name == name }
    }
}
