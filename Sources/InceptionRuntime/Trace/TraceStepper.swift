/// Pauses a forward pass before modules, for stepping through the network. What to do at
/// each pause comes from `pauseHandler`, which the REPL provides (it reads a command from
/// the learner); the stepper only decides where the next pause is.
public final class TraceStepper: TraceObserver {
    public enum Command: Equatable, Sendable {
        /// Pause before the very next module (into children).
        case step
        /// Pause before the next module at this depth or shallower (over children).
        case next
        /// Pause before the next module outside the current one's parent (step out).
        case finish
        /// Run on, pausing only at breakpoints.
        case proceed
        /// Abandon the run (it throws `ExecutionInterrupted`).
        case stop
    }

    private enum Mode { case stepping, over(depth: Int), out(depth: Int), running }

    /// Paths to pause before when running on ("inception3a.conv5x5").
    public var breakpoints: Set<String>
    /// Asked at every pause; may block while the learner looks around.
    public var pauseHandler: (ModuleEnter) throws -> Command
    /// Told about every module that finishes, with its output (to show after a step).
    public var exitHandler: ((ModuleExit, Tensor) -> Void)?
    /// Asked at every pause of a backward pass (nil: backward passes never pause).
    public var backwardPauseHandler: ((BackwardStep) throws -> Command)?
    /// Told about every backward step that finished (to show after a step).
    public var backwardHandler: ((BackwardStep) -> Void)?
    /// The previous backward step's path: a breakpoint pauses when backward enters its module.
    private var lastBackwardPath: String?
    private var mode: Mode
    /// The receptive field of each module of the run, for the pause and step lines.
    public let receptiveFields = ReceptiveFieldTracker()

    /// `startPaused`: pause before the first module; otherwise run to the first breakpoint.
    public init(startPaused: Bool = true, breakpoints: Set<String> = [],
                pauseHandler: @escaping (ModuleEnter) throws -> Command) {
        self.mode = startPaused ? .stepping : .running
        self.breakpoints = breakpoints
        self.pauseHandler = pauseHandler
    }

    public func willEnter(_ event: ModuleEnter, context: ExecutionContext) throws {
        receptiveFields.enter(event)
        let pause: Bool
        switch mode {
        case .stepping: pause = true
        case .over(let depth): pause = event.depth <= depth || breakpoints.contains(event.path)
        case .out(let depth): pause = event.depth < depth || breakpoints.contains(event.path)
        case .running: pause = breakpoints.contains(event.path)
        }
        guard pause else { return }
        switch try pauseHandler(event) {
        case .step: mode = .stepping
        case .next: mode = .over(depth: event.depth)
        case .finish: mode = .out(depth: event.depth)
        case .proceed: mode = .running
        case .stop: throw ExecutionInterrupted(path: event.path)
        }
    }

    public func didExit(_ event: ModuleExit, output: Tensor, context: ExecutionContext) throws {
        exitHandler?(event, output)
    }

    /// The backward pass runs the modules in reverse: a breakpoint on a module pauses before
    /// the first of its steps (its output's gradient has arrived); :step pauses at every step,
    /// :over at the next step no deeper than this one, :out at the next step outside its module.
    public func willBackward(_ step: BackwardStep, context: ExecutionContext) throws {
        guard let handler = backwardPauseHandler else { return }
        defer { lastBackwardPath = step.path }
        let entersBreakpoint = breakpoints.contains { bp in
            Self.isUnder(step.path, bp) && !(lastBackwardPath.map { Self.isUnder($0, bp) } ?? false)
        }
        let pause: Bool
        switch mode {
        case .stepping: pause = true
        case .over(let depth): pause = step.depth <= depth || entersBreakpoint
        case .out(let depth): pause = step.depth < depth || entersBreakpoint
        case .running: pause = entersBreakpoint
        }
        guard pause else { return }
        switch try handler(step) {
        case .step: mode = .stepping
        case .next: mode = .over(depth: step.depth)
        case .finish: mode = .out(depth: step.depth)
        case .proceed: mode = .running
        case .stop: throw ExecutionInterrupted(path: step.path)
        }
    }

    public func didBackward(_ step: BackwardStep, context: ExecutionContext) throws { backwardHandler?(step) }

    /// "inception4a.conv1x1.layer.0" is under "inception4a" (and under itself).
    static func isUnder(_ path: String, _ module: String) -> Bool {
        module.isEmpty || path == module || path.hasPrefix(module + ".")
    }
}
