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
    private var mode: Mode

    /// `startPaused`: pause before the first module; otherwise run to the first breakpoint.
    public init(startPaused: Bool = true, breakpoints: Set<String> = [],
                pauseHandler: @escaping (ModuleEnter) throws -> Command) {
        self.mode = startPaused ? .stepping : .running
        self.breakpoints = breakpoints
        self.pauseHandler = pauseHandler
    }

    public func willEnter(_ event: ModuleEnter, context: ExecutionContext) throws {
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
}
