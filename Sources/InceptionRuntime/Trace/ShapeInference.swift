/// Shapes, parameters and multiply-adds without running a kernel: the module's real forward
/// runs on a meta tensor, so custom forwards (the aux heads, a lesson's own blocks) are
/// covered too. The result is every module call in order, as a trace would see it.
public enum ShapeInference {
    public static func trace(_ module: Module, input: [Int]) throws -> [ModuleExit] {
        let recorder = ExitCollector()
        let context = ExecutionContext(observers: [recorder])
        _ = try MemoryBudget.elementCount(input, what: "the input")     // Tensor(meta:) multiplies it
        _ = try module(Tensor(meta: input), context)
        return recorder.exits
    }

    public static func outputShape(_ module: Module, input: [Int]) throws -> [Int] {
        _ = try MemoryBudget.elementCount(input, what: "the input")
        return try module(Tensor(meta: input), ExecutionContext()).shape
    }
}

/// Keeps every exit event, in the order modules finish.
public final class ExitCollector: TraceObserver {
    public private(set) var exits: [ModuleExit] = []
    public init() {}
    public func didExit(_ event: ModuleExit, output: Tensor, context: ExecutionContext) throws { exits.append(event) }
}
