import InceptionRuntime

extension InceptionV1 {
    /// The modules eval mode runs, in order (the aux heads never run in eval mode; flatten
    /// is implicit after the 1×1 global pool).
    public var evalSequence: [Module] {
        GoogLeNetTopology.mainPath.map { child($0.seedName)! }
    }

    /// What train mode computes, as plan stages: the aux heads branch off after inception4a
    /// and inception4d (AuxOut's own forward: pool + 1×1 conv, flatten, the fc stack), and the
    /// main path flattens before its dropout.
    var trainStages: [InferencePlan.Stage] {
        var stages: [InferencePlan.Stage] = []
        var run: [Module] = []
        for stage in GoogLeNetTopology.mainPath {
            if stage.role == .dropout { run.append(Flatten()) }
            run.append(child(stage.seedName)!)
            // An aux head ends the main run here and branches off (AuxOut: pool + 1×1 conv, flatten, the fc stack).
            if let name = GoogLeNetTopology.auxHead(after: stage.seedName), let head = child(name),
               let pool = head.child("avgpool_conv"), let fc = head.child("fc") {
                stages += [.main(run), .side(name, [pool, Flatten(), fc])]
                run = []
            }
        }
        return stages + [.main(run)]
    }

    /// Compiles the fast path for one input shape, in the mode the network is in (weights are
    /// copied in, folded in eval mode: compile again after loading new ones). Train mode keeps
    /// BatchNorm unfolded (batch statistics; the running statistics are updated as the
    /// reference path does) and runs the aux heads. `recording` (eval mode only) compiles a
    /// plan whose `runRecording` keeps every module's output, as the REPL's trace recorder
    /// does. `auxHeads` (eval mode) runs the aux heads too, as `runWithAuxHeads` does. Throws
    /// FastPathUnsupported for what it cannot compile (callers fall back to the reference path).
    public func compileFastPath(inputShape: [Int], winograd: WinogradChoice = .automatic, recording: Bool = false,
                                auxHeads: Bool = false) throws -> InferencePlan {
        guard inputShape.count == 4, inputShape[1] == options.inChannels else {
            throw ModuleError(path: "", typeName: typeName,
                              message: "Inception_V1 expects input (N, \(options.inChannels), H, W), got \(formatShape(inputShape))")
        }
        if training {
            if recording { throw FastPathUnsupported(reason: "recording a train-mode run") }
            return try InferencePlan(stages: trainStages, inputShape: inputShape, winograd: winograd, training: true)
        }
        if auxHeads { return try InferencePlan(stages: trainStages, inputShape: inputShape, winograd: winograd, training: false) }
        return try InferencePlan(stages: [.main(evalSequence)], inputShape: inputShape, winograd: winograd, training: false,
                                 recording: recording ? self : nil)
    }

    /// A forward pass on a compiled plan: like `run(_:_:)`, dropout drawn from the context's
    /// random stream in the same order, so both paths give the same outputs.
    public func run(_ x: Tensor, plan: InferencePlan, _ context: ExecutionContext) throws -> Output {
        let (logits, side) = try plan.run(x, random: &context.random)
        return Output(aux1: side["aux1"], aux2: side["aux2"], logits: logits)
    }
}
