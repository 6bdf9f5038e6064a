/// What the backward pass tells observers, one recorded operation at a time, in reverse order
/// of the forward pass: the printer shows it, the recorder keeps gradients, the stepper pauses.
public struct BackwardStep {
    /// The module the operation belongs to ("inception3a.conv3x3.1.layer.0"; "" at top level).
    public let path: String
    /// "Conv2d", "BatchNorm2d", … for a layer's own operation; "cat", "flatten", … otherwise.
    public let label: String
    /// True for a layer's own computation (its parameters get their gradients here).
    public let isModule: Bool
    /// Position in the module tree: the number of dotted parts of `path`.
    public var depth: Int { path.isEmpty ? 0 : path.split(separator: ".").count }
    /// dL/d(output) of the operation.
    public let gradOutput: Tensor
    /// dL/d(input) for each tensor input that wanted one (filled in after the step ran).
    public var gradInputs: [Tensor] = []
    /// dL/dθ of this call for the layer's own parameters, by name ("weight", "bias").
    public var parameterGrads: [(name: String, grad: Tensor)] = []
    public var seconds: Double = 0
}

/// Observers of the backward pass. Defaults do nothing, so forward-only observers need not care.
extension TraceObserver {
    /// Before a step runs; may block (the stepper waits for a command) or throw to abandon it.
    public func willBackward(_ step: BackwardStep, context: ExecutionContext) throws {}
    /// After a step ran, with its gradients.
    public func didBackward(_ step: BackwardStep, context: ExecutionContext) throws {}
}
