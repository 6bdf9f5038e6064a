/// Keeps what the last backward pass computed, for inspection afterwards (`:grad inception3a`,
/// `:stats inception3a.grad`): each module's output gradient dL/dy, by path.
///
/// A module's output gradient is the gradient reaching the last operation of its forward,
/// which is the first backward step under its path (a BasicConv2d's is its ReLU's, an
/// Inception module's its concatenation's), so every container gets one too.
public final class GradientRecorder: TraceObserver {
    public private(set) var outputGradients: [String: Tensor] = [:]
    /// The module paths in the order backward reached them (output to input).
    public private(set) var order: [String] = []

    public init() {}

    public func reset() { outputGradients = [:]; order = [] }

    public func didExit(_ event: ModuleExit, output: Tensor, context: ExecutionContext) throws {}

    public func willBackward(_ step: BackwardStep, context: ExecutionContext) throws {
        var path = step.path
        while true {
            if outputGradients[path] == nil {
                outputGradients[path] = step.gradOutput
                order.append(path)
            }
            guard let dot = path.lastIndex(of: ".") else { break }
            path = String(path[..<dot])
        }
        if !step.path.isEmpty, outputGradients[""] == nil { outputGradients[""] = step.gradOutput; order.append("") }
    }
}
