import InceptionRuntime

/// One entry of the interpreter's call stack: what runs, and where it was called from.
/// Function calls and class bodies make `callers()` (the trace under a runtime error); a
/// module call gives the forward it starts its caller; a forward carries the execution
/// context that calls inside it run in, and the block whose names hints look at.
struct CallFrame {
    enum Kind {
        /// A `def` or a method, called at the frame's site.
        case function
        /// A class body building the instance's block, called at the frame's site.
        case constructor(Instance)
        /// The language called a module, `block(x)`, at the frame's site.
        case moduleCall
        /// A block's forward, run by the runtime in this context (no site of its own).
        case forward(Instance, ExecutionContext)
    }
    let kind: Kind
    let site: SourceLocation?

    /// A function call or a class body: a line of `callers()`.
    var isCall: Bool {
        switch kind { case .function, .constructor: return true; case .moduleCall, .forward: return false }
    }
    var instance: Instance? {
        switch kind { case .constructor(let i), .forward(let i, _): return i; case .function, .moduleCall: return nil }
    }
}

extension Interpreter {
    /// Runs `body` with `frame` on top of the call stack.
    func within<T>(_ frame: CallFrame, _ body: () throws -> T) rethrows -> T {
        frames.append(frame)
        if frame.isCall { callDepth += 1 }
        defer { frames.removeLast(); if frame.isCall { callDepth -= 1 } }
        return try body()
    }

    /// Where the innermost running function or class body was called.
    var innermostCallSite: SourceLocation? { frames.last(where: \.isCall)?.site }
    /// Where the language called the innermost module it is running.
    var innermostModuleCallSite: SourceLocation? {
        frames.last { if case .moduleCall = $0.kind { return true } else { return false } }?.site
    }
    /// The context module calls run in: the innermost forward's, else the interpreter's.
    var currentContext: ExecutionContext {
        for frame in frames.reversed() { if case .forward(_, let c) = frame.kind { return c } }
        return context
    }
    /// The block whose class body or forward runs innermost (for hints and `self`-less names).
    var currentInstance: Instance? { frames.last { $0.instance != nil }?.instance }
    /// The call sites of the enclosing function calls and class bodies, innermost first.
    func callers() -> [SourceLocation] { frames.reversed().compactMap { $0.isCall ? $0.site : nil } }
}
