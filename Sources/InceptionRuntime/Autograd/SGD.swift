import CKernels

/// torch.optim.SGD, PyTorch's update rule exactly:
///   g = −grad if maximize, else grad
///   d = g + weight_decay · p
///   buf = d                                        on the first step
///   buf = momentum · buf + (1 − dampening) · d     afterwards   (when momentum ≠ 0; then
///   d = d + momentum · buf with Nesterov, else d = buf)
///   p  -= lr · d
/// Parameters without a gradient (never reached by backward) are skipped, as in PyTorch.
public final class SGD {
    public let parameters: [Tensor]
    public var learningRate: Float
    /// Read at every step, so a schedule may change it (OneCycleLR cycles it; a buffer is made at
    /// the first step with momentum).
    public var momentum: Float
    public let weightDecay: Float
    /// 1 − dampening: the share of d a momentum buffer takes in after its first step.
    public let keep: Float
    public let nesterov: Bool
    /// Climb the gradient instead (PyTorch's maximize=True).
    public let maximize: Bool
    /// One momentum buffer per parameter, made on its first step (PyTorch's state['momentum_buffer']).
    public private(set) var momentumBuffers: [Tensor?]

    public init(parameters: [Tensor], learningRate: Float, momentum: Float = 0, weightDecay: Float = 0, dampening: Double = 0,
                nesterov: Bool = false, maximize: Bool = false) throws {
        guard learningRate >= 0, learningRate.isFinite else { throw TensorError.invalidArgument("SGD: invalid learning rate \(learningRate): use lr ≥ 0") }
        guard momentum >= 0, momentum.isFinite else { throw TensorError.invalidArgument("SGD: invalid momentum \(momentum): use momentum ≥ 0") }
        guard weightDecay >= 0, weightDecay.isFinite else { throw TensorError.invalidArgument("SGD: invalid weight_decay \(weightDecay): use weight_decay ≥ 0") }
        guard dampening.isFinite else { throw TensorError.invalidArgument("SGD: invalid dampening \(dampening): use a finite number") }
        guard !nesterov || (momentum > 0 && dampening == 0) else {
            throw TensorError.invalidArgument("Nesterov momentum requires a momentum and zero dampening")
        }
        var seen = Set<ObjectIdentifier>()
        for p in parameters where !seen.insert(ObjectIdentifier(p)).inserted {
            throw TensorError.invalidArgument("SGD: some parameters appear more than once: pass each parameter once")
        }
        self.parameters = parameters
        self.learningRate = learningRate; self.momentum = momentum; self.weightDecay = weightDecay
        self.keep = Float(1 - dampening); self.nesterov = nesterov; self.maximize = maximize
        momentumBuffers = Array(repeating: nil, count: parameters.count)
    }

    /// `opt.step()`: one update of every parameter that has a gradient, each in one pass over
    /// its values split over the threads (`ck_sgd_update`).
    public func step() {
        for (i, p) in parameters.enumerated() {
            guard let grad = p.grad else { continue }
            var firstStep = false
            if momentum != 0, momentumBuffers[i] == nil {
                momentumBuffers[i] = Tensor(uninitialized: p.shape)       // buf = d, written by the update
                firstStep = true
            }
            let (values, g, buf) = (p.data, UnsafePointer(grad.data), momentumBuffers[i]?.data)
            let (lr, momentum, weightDecay, keep) = (learningRate, momentum, weightDecay, keep)
            let (nesterov, maximize): (Int32, Int32) = (self.nesterov ? 1 : 0, self.maximize ? 1 : 0)
            Parallel.chunks(p.count, costPerItem: 2) { range in
                ck_sgd_update(values + range.lowerBound, g + range.lowerBound, buf.map { $0 + range.lowerBound }, range.count,
                              lr, momentum, weightDecay, firstStep ? 1 : 0, keep, nesterov, maximize)
            }
        }
    }

    /// `opt.zero_grad()`: PyTorch's default (set_to_none=True) drops the gradients.
    public func zeroGrad() { for p in parameters { p.grad = nil } }

    /// Restores momentum buffers (from a checkpoint); shapes must match the parameters'.
    public func setMomentumBuffer(_ index: Int, _ buffer: Tensor?) throws {
        if let buffer { try requireShape(buffer.shape, equals: parameters[index].shape, "SGD momentum buffer \(index)") }
        momentumBuffers[index] = buffer
    }
}
