/// Every module's output of one run of a recording plan (`InferencePlan.runRecording`), by path,
/// in the order the reference path's `TraceRecorder` would have kept them.
///
/// Nothing is copied while the plan runs: the recording owns the arena the run wrote (the plan
/// takes a fresh one for its next run while this recording lives), and an output becomes a
/// tensor, NCHW, when it is first read. Outputs that fusion never wrote (a Conv2d's before its
/// folded BatchNorm, a BatchNorm's before its fused ReLU) are computed then by the module's own
/// forward on its recorded input: read them before changing that module's weights.
public final class PlanRecording {
    /// Where a value is, with the arena's addresses fixed at the end of the run.
    indirect enum Stored {
        /// (C, N, H, W) floats starting at `base`.
        case planes(base: UnsafeMutablePointer<Float>, channels: Int, batch: Int, height: Int, width: Int)
        case matrix(Tensor)
        case derived(Module, input: Stored)

        init(_ source: RecordSource) {
            switch source {
            case .planes(let s): self = .planes(base: s.base, channels: s.channels, batch: s.batch, height: s.height, width: s.width)
            case .matrix(let t): self = .matrix(t.copy())          // the plan's own tensor: overwritten by its next run
            case .derived(let m, let input): self = .derived(m, input: Stored(input))
            }
        }
    }

    /// The module calls of the run, in order, as a trace would report them (without times).
    public let exits: [ModuleExit]
    private let stored: [Stored]
    /// Keeps the run's activation buffers alive.
    private let arena: ActivationArena
    /// Tensors already made, by output index; recomputed modules' outputs, by module.
    private var made: [Int: Tensor] = [:]
    private var recomputed: [ObjectIdentifier: Tensor] = [:]

    init(records: [(exit: ModuleExit, source: RecordSource)], arena: ActivationArena) {
        exits = records.map(\.exit)
        stored = records.map { Stored($0.source) }
        self.arena = arena
    }

    /// The output of `exits[index]`, as the reference path would have returned it.
    public func tensor(_ index: Int) throws -> Tensor {
        if let t = made[index] { return t }
        let t = try value(stored[index])
        let shape = exits[index].outputShape
        let shaped = t.shape == shape ? t : try t.reshaped(shape)     // (N, C, 1, 1) planes read as (N, C) after a flatten
        made[index] = shaped
        return shaped
    }

    /// The output of the module at `path` ("" for a root module), if it ran.
    public func tensor(at path: String) throws -> Tensor? {
        guard let i = exits.lastIndex(where: { $0.path == path }) else { return nil }
        return try tensor(i)
    }

    private func value(_ s: Stored) throws -> Tensor {
        switch s {
        case .matrix(let t):
            return t
        case let .planes(base, channels, batch, height, width):
            let y = Tensor(zeros: [batch, channels, height, width])
            copyCNHWToNCHW(base, channels: 0..<channels, of: channels, batch: batch, plane: height * width, into: y.data)
            return y
        case let .derived(module, input):
            if let t = recomputed[ObjectIdentifier(module)] { return t }
            let y = try module.forward(try value(input), ExecutionContext())
            recomputed[ObjectIdentifier(module)] = y
            return y
        }
    }
}
