import Dispatch

/// The fast path: a module tree compiled once into a flat list of steps over CNHW buffers that
/// share one arena (see MemoryPlan), run by a pool of threads that meet after every step.
///
/// What it removes from the reference path (and so why it is only used when no observer needs
/// the intermediates): in eval mode BatchNorm is folded into the preceding convolution's
/// weights, ReLU runs in the GEMM's store, the 1×1 convolutions that open Inception branches
/// share one GEMM, every branch writes straight into its channel slice of the concatenated
/// output, the batch is folded into the GEMM's columns, 3×3 and 5×5 convolutions go through
/// Winograd's transforms, and no tensor is allocated per layer. Train mode keeps BatchNorm
/// separate (batch statistics) and adds the side branches (aux heads) and dropout. The weights
/// are copied (folded, transformed, packed) at compile time: compile again after changing them.
///
/// A recording plan (`recording:` a root module, eval mode) runs the same steps with no two
/// buffers sharing memory, and `runRecording` hands the run's arena to a `PlanRecording` that
/// gives every module's output of the root, as the reference path's TraceRecorder would.
///
/// Compiling fails with `FastPathUnsupported` for anything it does not know (custom forwards,
/// a train-mode BatchNorm without a convolution before it); callers then use the reference path.
public final class InferencePlan {
    public let inputShape: [Int]
    public private(set) var outputShape: [Int] = []
    var steps: [PlanOp] = []
    /// Where the activation buffers live (one arena, shared between buffers whose lives do not overlap).
    private var memory: MemoryPlan!
    private var arena: ActivationArena!
    /// A recording plan: every module call of the root it was compiled for, and where its output is.
    private var records: [(exit: ModuleExit, source: RecordSource)]?
    /// Arenas allocated so far: 1, plus one for every run that started while an earlier run's
    /// recording was still alive.
    public private(set) var arenasAllocated = 0
    let input: PlanBuffer
    var result: Result = .planes(PlanSlice(PlanBuffer(channels: 0, batch: 0, height: 0, width: 0)))
    /// Threads each step is split over (default: OpenBLAS's thread count when compiled).
    public var threads: Int { didSet { context = PlanContext(threads: threads); prepareContext() } }
    private var context: PlanContext

    enum Result { case planes(PlanSlice), matrix(Tensor) }
    /// Side outputs (train mode's aux heads), by name, in the order they are computed.
    var sideResults: [(name: String, value: Result)] = []
    /// Train mode: BatchNorm from batch statistics (updating the running statistics of the
    /// modules it was compiled from), dropout drawn from the random stream given to `run`.
    public let training: Bool

    /// A piece of what the plan computes: modules on the main value, one after another, or a
    /// side branch that reads the main value and is kept under a name (an aux head).
    public enum Stage {
        case main([Module])
        case side(String, [Module])
    }

    /// Compiles `modules`, run one after another on an (N, C, H, W) input; `winograd` says
    /// where 3×3 "same" convolutions use Winograd's algorithm (see WinogradConvOp).
    public convenience init(_ modules: [Module], inputShape: [Int], winograd: WinogradChoice = .automatic) throws {
        try self.init(stages: [.main(modules)], inputShape: inputShape, winograd: winograd, training: false)
    }

    /// `recording`: the module the stages come from (eval mode), whose every module call
    /// `runRecording` keeps; no two buffers then share memory.
    public init(stages: [Stage], inputShape: [Int], winograd: WinogradChoice = .automatic, training: Bool,
                recording root: Module? = nil) throws {
        guard inputShape.count == 4 else { throw FastPathUnsupported(reason: "an input that is not (N, C, H, W)") }
        if root != nil && training { throw FastPathUnsupported(reason: "recording a train-mode run") }
        self.inputShape = inputShape
        self.training = training
        threads = OpenBLAS.requestedThreads
        context = PlanContext(threads: threads)
        input = PlanBuffer(channels: inputShape[1], batch: inputShape[0], height: inputShape[2], width: inputShape[3])
        var compiler = PlanCompiler(winograd: winograd, training: training)
        if root != nil { compiler.records = [:] }
        var value = Result.planes(PlanSlice(input))
        for stage in stages {
            switch stage {
            case .main(let modules):
                for m in modules { value = try compiler.compile(m, value, into: nil) }
            case .side(let name, let modules):
                var side = value
                for m in modules { side = try compiler.compile(m, side, into: nil) }
                sideResults.append((name, side))
            }
        }
        steps = compiler.steps
        result = value
        let kept = ([result] + sideResults.map(\.value)).compactMap { r -> PlanBuffer? in
            if case .planes(let s) = r { return s.buffer } else { return nil }
        }
        if let root, let found = compiler.records {
            records = try resolveRecords(found, root: root, inputShape: inputShape, result: value)
        }
        memory = MemoryPlan(steps: steps, input: input, keptToTheEnd: kept, sharing: root == nil)
        takeNewArena()
        prepareContext()
        switch value {
        case .planes(let s): outputShape = s.shape
        case .matrix(let t): outputShape = t.shape
        }
    }

    /// Runs the plan. x: (N, C, H, W) of the compiled shape → a new tensor (N, …).
    public func run(_ x: Tensor) throws -> Tensor {
        var random = SeededRandom(seed: 0)
        return try run(x, random: &random).output
    }

    /// Runs the plan, drawing dropout masks (train mode) from `random`, which advances as the
    /// reference path's ExecutionContext.random would. → the output and the side outputs.
    public func run(_ x: Tensor, random: inout SeededRandom) throws -> (output: Tensor, side: [String: Tensor]) {
        try start(x)
        context.random = random
        defer { random = context.random }
        execute(timing: nil)
        return (output(result), Dictionary(uniqueKeysWithValues: sideResults.map { ($0.name, output($0.value)) }))
    }

    /// Runs the plan and keeps every module's output (a plan compiled with `recording:`).
    /// x: (N, C, H, W) of the compiled shape. The recording owns the memory this run wrote;
    /// while it lives, the next run writes to a new arena.
    public func runRecording(_ x: Tensor) throws -> PlanRecording {
        guard let records else { throw FastPathUnsupported(reason: "recording with a plan compiled without `recording:`") }
        try start(x)
        execute(timing: nil)
        return PlanRecording(records: records, arena: arena)
    }

    /// Before a run: checks x, takes a fresh arena if a recording still holds this one, loads x.
    private func start(_ x: Tensor) throws {
        try requireShape(x.shape, equals: inputShape, "InferencePlan input")
        if !isKnownUniquelyReferenced(&arena) { takeNewArena() }
        loadInput(x)
    }

    private func takeNewArena() {
        arena = ActivationArena(floats: memory.floats)
        memory.bind(to: arena)
        arenasAllocated += 1
    }

    /// One timed step of a run.
    public struct StepTiming: Sendable {
        public let label: String, kind: String
        public let seconds: Double
        public let multAdds: Int
    }

    /// Runs the plan and times every step, in order.
    public func runTimed(_ x: Tensor) throws -> (Tensor, [StepTiming]) {
        try start(x)
        var seconds = [Double](repeating: 0, count: steps.count)
        seconds.withUnsafeMutableBufferPointer { execute(timing: $0) }
        return (output(result), zip(steps, seconds).map { StepTiming(label: $0.label, kind: $0.kind, seconds: $1, multAdds: $0.multAdds) })
    }

    /// Every part runs every step, meeting the others after each; with `timing`, part 0 writes
    /// each step's seconds there (the barrier included, so the slowest part counts).
    private func execute(timing seconds: UnsafeMutableBufferPointer<Double>?) {
        for step in steps { step.beforeRun() }
        OpenBLAS.withSingleThreadedBLAS {
            let (steps, context) = (steps, context)
            context.run { part in
                for (i, step) in steps.enumerated() {
                    let t0 = seconds == nil ? 0 : DispatchTime.now().uptimeNanoseconds
                    step.run(context, part: part)
                    context.sync()
                    if part == 0, let seconds { seconds[i] = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9 }
                }
            }
        }
    }

    /// Sizes the context's workspaces for every step, once per context (not per run).
    private func prepareContext() {
        for step in steps { step.prepare(context) }
    }


    public var totalMultAdds: Int { steps.reduce(0) { $0 + $1.multAdds } }
    /// Bytes of activation memory (one arena), and what they would be with no sharing.
    public var activationBytes: Int { 4 * memory.floats }
    public var unsharedActivationBytes: Int { 4 * memory.unsharedFloats }
    public var stepCount: Int { steps.count }

    // x: (N, C, H, W) → input buffer (C, N, H, W)
    private func loadInput(_ x: Tensor) {
        let (n, c, plane) = (inputShape[0], inputShape[1], inputShape[2] * inputShape[3])
        for img in 0..<n { for ch in 0..<c {
            (input.data + (ch * n + img) * plane).update(from: x.data + (img * c + ch) * plane, count: plane)
        } }
    }

    // (C, N, H, W) → (N, C, H, W), or the Linear's (N, out) as it is
    private func output(_ result: Result) -> Tensor {
        switch result {
        case .matrix(let t): return t.copy()
        case .planes(let s):
            let y = Tensor(zeros: s.shape)
            copyCNHWToNCHW(s.base, channels: 0..<s.channels, of: s.channels, batch: s.batch, plane: s.height * s.width, into: y.data)
            return y
        }
    }
}

/// Why a module tree could not be compiled to the fast path.
public struct FastPathUnsupported: Error, CustomStringConvertible {
    public let reason: String
    public init(reason: String) { self.reason = reason }
    public var description: String { "the fast path does not support \(reason)" }
}
