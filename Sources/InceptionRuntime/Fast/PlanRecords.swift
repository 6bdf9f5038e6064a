/// Where a module's output is once a recording plan has run (see `PlanRecording`).
///
/// Most outputs are a buffer the plan wrote anyway: a ReLU's output is its fused convolution's
/// output, a BasicConv2d's or a branch's is its last module's, an Inception module's is the
/// concatenated buffer. What fusion never writes (a Conv2d's output before its folded
/// BatchNorm, a BatchNorm's before its fused ReLU) is recomputed when first read, by that
/// module's own reference forward on the recorded input.
indirect enum RecordSource {
    /// Rows of an activation buffer, CNHW.
    case planes(PlanSlice)
    /// A Linear's (N, features) output.
    case matrix(Tensor)
    /// `module`'s forward on the value of `input`.
    case derived(Module, input: RecordSource)

    init(_ value: InferencePlan.Result) {
        switch value {
        case .planes(let s): self = .planes(s)
        case .matrix(let t): self = .matrix(t)
        }
    }
}

extension PlanCompiler {
    /// Notes where `m`'s output will be (when recording) and passes the value on.
    mutating func record(_ m: Module, _ value: Result) -> Result {
        if records != nil { records![m.path] = RecordSource(value) }
        return value
    }

    /// A conv chain wrote `out` from `source`: the last module of the chain owns `out`; the
    /// modules fused before it are recomputed from `source` when read.
    mutating func recordChain(_ chain: ConvChain, from source: PlanSlice, to out: PlanSlice) {
        guard records != nil else { return }
        let fused = chain.norm != nil || chain.relu
        let convolved: RecordSource = fused ? .derived(chain.conv, input: .planes(source)) : .planes(out)
        records![chain.conv.path] = convolved
        if let norm = chain.norm { records![norm.path] = chain.relu ? .derived(norm, input: convolved) : .planes(out) }
        if let relu = chain.activation { records![relu.path] = .planes(out) }
    }
}

/// Every module call of `root`'s forward on `inputShape`, in the order the reference path's
/// recorder would keep them, each with where its output is in the compiled plan. A container
/// the compiler saw only through its children (a branch whose 1×1 opening was merged) has its
/// last child's output; the root has the plan's result.
func resolveRecords(_ records: [String: RecordSource], root: Module, inputShape: [Int],
                    result: InferencePlan.Result) throws -> [(exit: ModuleExit, source: RecordSource)] {
    func source(of m: Module) throws -> RecordSource {
        if let s = records[m.path] { return s }
        if m === root { return RecordSource(result) }
        if let last = PlanCompiler.sequence(m)?.last { return try source(of: last) }
        throw FastPathUnsupported(reason: "recording \(m.typeName) at \(m.path): the plan keeps no output for it")
    }
    return try ShapeInference.trace(root, input: inputShape).map { ($0, try source(of: $0.module)) }
}
