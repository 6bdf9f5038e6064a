/// What the executor tells observers as a forward pass runs. Events are plain data, so
/// observers (printer, recorder, stepper, summary) never need to know how modules run.
public struct ModuleEnter {
    public let module: Module
    public let path: String
    /// 0 for the module the run was started on, 1 for its children, …
    public let depth: Int
    public let inputShape: [Int]
}

public struct ModuleExit {
    public let enter: ModuleEnter
    public let outputShape: [Int]
    /// Parameters owned by this module alone (containers own none).
    public let ownParameters: Int
    public let formula: ParameterFormula?
    /// torchinfo's multiply-add count for a leaf; 0 for containers.
    public let multAdds: Int
    public let seconds: Double

    public var module: Module { enter.module }
    public var path: String { enter.path }
    public var depth: Int { enter.depth }
}

/// A functional call that does a layer's work without a module (`F.conv2d(x, w)`): what a
/// convolution layer's exit would tell, for an observer that counts layers' work.
public struct FunctionalCall {
    /// As the program wrote it: "F.conv2d", or "nn.Conv2d(…)" for a layer forward made and called on the spot.
    public let name: String
    /// The kernel as written, for a convolution.
    public let kernel: (h: Int, w: Int)?
    public let outputShape: [Int]
    /// torchinfo's count, as the layer doing the same work would give it.
    public let multAdds: Int
    /// The block whose forward made the call ("" for the root, or outside any block).
    public let blockPath: String

    public init(name: String, kernel: (h: Int, w: Int)?, outputShape: [Int], multAdds: Int, blockPath: String) {
        (self.name, self.kernel, self.outputShape, self.multAdds, self.blockPath) = (name, kernel, outputShape, multAdds, blockPath)
    }
}

/// Receives trace events. `willEnter` may block (the REPL's stepper waits for a command
/// there) or throw to abandon the run.
public protocol TraceObserver: AnyObject {
    func willEnter(_ event: ModuleEnter, context: ExecutionContext) throws
    func didExit(_ event: ModuleExit, output: Tensor, context: ExecutionContext) throws
    /// The backward pass (BackwardEvent.swift has the defaults: nothing).
    func willBackward(_ step: BackwardStep, context: ExecutionContext) throws
    func didBackward(_ step: BackwardStep, context: ExecutionContext) throws
    /// Whether it looks at what each module returned (a trace, the debugger, a recorder: yes);
    /// an observer that only times calls says no, and then a train-mode BatchNorm2d + ReLU may
    /// run as one step (`Module.runInOrder`).
    var readsModuleOutputs: Bool { get }
    /// A functional call that does a layer's work (see FunctionalCall); most observers ignore it.
    func didRunFunctional(_ call: FunctionalCall, context: ExecutionContext)
}

extension TraceObserver {
    public func willEnter(_ event: ModuleEnter, context: ExecutionContext) throws {}
    public var readsModuleOutputs: Bool { true }
    public func didRunFunctional(_ call: FunctionalCall, context: ExecutionContext) {}
}
