/// Places every activation buffer of a compiled plan in one arena, letting buffers that are
/// never in use during the same step share bytes (a conv1 output is dead by inception3b).
///
/// A buffer is live from the first step that uses it to the last, or to the end of the run
/// for the input and the outputs read after it. Buffers are placed largest first, each at the
/// lowest 64-byte-aligned offset that overlaps no placed buffer whose life overlaps its own.
/// A recording plan keeps every buffer to the end of the run (`sharing: false`): each module's
/// output is still there when the run is over.
final class MemoryPlan {
    /// Floats the arena needs.
    private(set) var floats = 0
    /// What the buffers would take one after another, for comparison.
    private(set) var unsharedFloats = 0
    /// Where each buffer starts in the arena, in floats.
    private var offsets: [(buffer: PlanBuffer, offset: Int)] = []

    init(steps: [PlanOp], input: PlanBuffer, keptToTheEnd: [PlanBuffer], sharing: Bool = true) {
        var life: [ObjectIdentifier: (buffer: PlanBuffer, first: Int, last: Int)] = [:]
        func use(_ b: PlanBuffer, at step: Int) {
            let id = ObjectIdentifier(b)
            if let l = life[id] { life[id] = (b, min(l.first, step), max(l.last, step)) } else { life[id] = (b, step, step) }
        }
        use(input, at: -1)                                  // loaded before the first step
        for (i, step) in steps.enumerated() { for b in step.buffersUsed { use(b, at: i) } }
        for b in keptToTheEnd { use(b, at: steps.count) }   // read after the last step
        if !sharing { for (id, l) in life { life[id] = (l.buffer, -1, steps.count) } }
        let aligned = { (n: Int) in (n + 15) / 16 * 16 }
        var placed: [(offset: Int, size: Int, first: Int, last: Int)] = []
        for l in life.values.sorted(by: { ($0.buffer.count, $0.first) > ($1.buffer.count, $1.first) }) {
            let size = aligned(max(1, l.buffer.count))
            unsharedFloats += size
            // Address ranges taken by buffers alive at the same time, by offset.
            let taken = placed.filter { $0.first <= l.last && l.first <= $0.last }.sorted { $0.offset < $1.offset }
            var offset = 0
            for t in taken where offset + size > t.offset && t.offset + t.size > offset { offset = max(offset, t.offset + t.size) }
            placed.append((offset, size, l.first, l.last))
            offsets.append((l.buffer, offset))
            floats = max(floats, offset + size)
        }
    }

    /// Points every buffer into `arena` (which must hold `floats` floats).
    func bind(to arena: ActivationArena) {
        precondition(arena.floats >= floats, "an arena of \(arena.floats) floats for a plan that needs \(floats)")
        for (buffer, offset) in offsets { buffer.data = arena.base + offset }
    }
}

/// The memory a plan's activation buffers live in: 64-byte aligned, zeroed once, freed with
/// the last owner (the plan, or a recording of a run that still reads it).
final class ActivationArena {
    let base: UnsafeMutablePointer<Float>
    let floats: Int

    init(floats: Int) {
        self.floats = max(1, floats)
        base = UnsafeMutableRawPointer.allocate(byteCount: self.floats * 4, alignment: 64).bindMemory(to: Float.self, capacity: self.floats)
        base.initialize(repeating: 0, count: self.floats)
    }

    deinit { UnsafeMutableRawPointer(base).deallocate() }
}
