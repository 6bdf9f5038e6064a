import Foundation
import Synchronization

/// Everything one forward pass needs besides the module tree: observers, the dropout
/// generator, scratch memory, shape-only mode, and a flag that interrupts the run (Ctrl-C).
public final class ExecutionContext: @unchecked Sendable {
    public var observers: [TraceObserver] = []
    /// Draws dropout masks; seeded, so train-mode runs repeat exactly.
    public var random: SeededRandom
    /// Dropout draws from the process's default generator (`DefaultGenerator`), in PyTorch's
    /// order, instead of `random`: the language's contexts, so `torch.manual_seed` decides the masks.
    public var drawsFromDefaultGenerator = false
    /// Scratch memory of the layers (and of their backward); a training loop hands the same one
    /// to every step, so the buffers are mapped once.
    public let workspace: Workspace
    private let interruptFlag = Atomic<Bool>(false)
    private var depth = 0
    /// The module calls running in this context, outermost first, each with its frame once
    /// its forward handed something back (see ForwardFrame).
    private var openCalls: [(module: Module, frame: ForwardFrame?)] = []

    public init(seed: UInt64 = 0, observers: [TraceObserver] = [], workspace: Workspace = Workspace()) {
        self.random = SeededRandom(seed: seed)
        self.observers = observers
        self.workspace = workspace
    }

    /// Train-mode dropout with its mask (`Elementwise.dropoutWithMask`), drawn from this
    /// context's stream.
    /// The mask's draws go through the elements in `drawOrder(x)` when it gives one (a view laid
    /// out in another order: PyTorch draws in the order of memory), else in order.
    public func dropoutWithMask(_ x: Tensor, p: Double) throws -> (output: Tensor, mask: Tensor) {
        let order = drawOrder?(x)
        if drawsFromDefaultGenerator { return try DefaultGenerator.draw { try Elementwise.dropoutWithMask(x, p: p, rng: &$0, order: order) } }
        return try Elementwise.dropoutWithMask(x, p: p, rng: &random, order: order)
    }

    /// Where a tensor's elements lie in memory, when not in order: element drawOrder(x)[k] is the
    /// k-th in memory (set by the language, which knows its views' strides).
    public var drawOrder: ((Tensor) -> [Int]?)?

    /// Asks the running pass to stop at the next module boundary; safe from a signal thread.
    public func interrupt() { interruptFlag.store(true, ordering: .relaxed) }
    public func clearInterrupt() { interruptFlag.store(false, ordering: .relaxed) }

    /// The frame of the innermost running call of `module` in this context, where its forward
    /// hands back what it returns besides its tensor; nil when `module` is not running here.
    public func frame(of module: Module) -> ForwardFrame? {
        guard let i = openCalls.lastIndex(where: { $0.module === module }) else { return nil }
        if openCalls[i].frame == nil { openCalls[i].frame = ForwardFrame() }
        return openCalls[i].frame
    }

    /// Wraps every module call, inside containers too: the language checks the input's dtype
    /// (an int64 tensor into a Linear is refused) and gives the output the dtype PyTorch's
    /// layer would (ReLU of int64 is int64). Nil: the call as it is.
    nonisolated(unsafe) public static var dtypeRule: ((Module, Tensor, () throws -> Tensor) throws -> Tensor)?

    /// A functional call that a throwaway layer computes (F.max_pool2d(x, 3) by a MaxPool2d): the
    /// layer's checks and dtype rule, without trace events. The program called no module, so the
    /// observers (the checker's probe, :break, summaries) must not see one.
    public func runFunctional(_ layer: Module, _ x: Tensor) throws -> Tensor {
        let watching = observers
        observers = []
        defer { observers = watching }
        return try run(layer, x)
    }

    /// Tells the observers of a functional call that did a layer's work (F.conv2d).
    public func reportFunctional(_ call: FunctionalCall) {
        for o in observers { o.didRunFunctional(call, context: self) }
    }

    /// Runs one module call with its trace events and its frame; Module.callAsFunction lands here.
    func run(_ module: Module, _ x: Tensor) throws -> Tensor {
        guard let rule = Self.dtypeRule else { return try runCall(module, x) }
        return try rule(module, x) { try self.runCall(module, x) }
    }

    private func runCall(_ module: Module, _ x: Tensor) throws -> Tensor {
        if interruptFlag.load(ordering: .relaxed) {
            interruptFlag.store(false, ordering: .relaxed)
            throw ExecutionInterrupted(path: module.path)
        }
        guard openCalls.count < Self.maxNestedCalls else { throw ModuleCallsTooDeep(path: module.path, typeName: module.typeName) }
        module.lastForward = nil
        openCalls.append((module, nil))
        let y: Tensor
        do { y = module.hooks.isEmpty ? try writing(module, x) : try withHooks(module, x) { try writing(module, $0) } }
        catch { openCalls.removeLast(); throw error }
        module.lastForward = openCalls.removeLast().frame
        return y
    }

    /// One module call, its result written into its input for an in-place layer (`Module.inPlaceWrite`).
    private func writing(_ module: Module, _ x: Tensor) throws -> Tensor {
        guard let write = module.inPlaceWrite else { return try unbatched(module, x) }
        return try write(x) { try self.unbatched(module, $0) }
    }

    /// One example without its batch dimension (Conv2d on (C, H, W)) runs as a batch of one,
    /// the result without the batch dimension again (`Module.unbatchedRank`).
    private func unbatched(_ module: Module, _ x: Tensor) throws -> Tensor {
        guard let rank = module.unbatchedRank, x.rank == rank else { return try traced(module, x) }
        let y = try traced(module, try x.reshaped([1] + x.shape))
        let out = try y.reshaped(Array(y.shape.dropFirst()))
        if module.unbatchedNatively { out.gradNode?.shownAs = y.gradNode } else {
            out.gradNode?.displayName = "SqueezeBackward1"      // PyTorch's squeeze(0) of the batch of one
        }
        return out
    }

    /// One module call between its trace events.
    private func traced(_ module: Module, _ x: Tensor) throws -> Tensor {
        Autograd.moduleStack.append(module)
        defer { Autograd.moduleStack.removeLast() }
        if module.isLeaf {
            // A layer whose output would not fit (a padding of 100,000) is refused, not allocated.
            let shape = try tagged(module) { try module.outputShape(for: x.shape) }
            try tagged(module) { try MemoryBudget.check(shape: shape, what: "the output of \(module.typeName)", meta: x.isMeta) }
        }
        if observers.isEmpty {
            // The fast path: no events, no timing.
            depth += 1; defer { depth -= 1 }
            return try tagged(module) { try module.forward(x, self) }
        }
        let enter = ModuleEnter(module: module, path: module.path, depth: depth, inputShape: x.shape)
        for o in observers { try o.willEnter(enter, context: self) }
        let start = DispatchTime.now().uptimeNanoseconds
        depth += 1
        let y: Tensor
        do { y = try tagged(module) { try module.forward(x, self) } } catch { depth -= 1; throw error }
        depth -= 1
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let own = module.ownParameterCount
        let exit = ModuleExit(enter: enter, outputShape: y.shape, ownParameters: own,
                              formula: module.parameterFormula,
                              multAdds: module.isLeaf ? module.multAdds(input: x.shape, output: y.shape) : 0,
                              seconds: seconds)
        for o in observers { try o.didExit(exit, output: y, context: self) }
        return y
    }

    /// Kernel errors (TensorError) become ModuleErrors that name the innermost module.
    private func tagged<T>(_ module: Module, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as TensorError {
            throw ModuleError(path: module.path, typeName: module.typeName, message: e.description, cause: e)
        } catch let e as MemoryBudgetError {
            throw ModuleError(path: module.path, typeName: module.typeName, message: e.description)
        }
    }
}

extension ExecutionContext {
    /// Module calls inside module calls past this are a module calling itself (a Sequential
    /// appended to itself): stopped, as PyTorch's recursion limit stops it, before the stack is.
    public static let maxNestedCalls = 200
}

/// Thrown when module calls nest past `ExecutionContext.maxNestedCalls` (Python's RecursionError).
public struct ModuleCallsTooDeep: Error, CustomStringConvertible {
    public let path: String, typeName: String
    public var description: String {
        "maximum recursion depth exceeded: module calls nested \(ExecutionContext.maxNestedCalls) deep, at \(typeName)" + (path.isEmpty ? "" : " (\(path))")
    }
}

/// Thrown when `interrupt()` stopped a forward pass; the modules and weights are untouched.
public struct ExecutionInterrupted: Error, CustomStringConvertible {
    public let path: String
    public var description: String { "interrupted before \(path.isEmpty ? "the root module" : path)" }
}
