/// Whether a forward pass of a given input fits the memory budget, before anything is
/// allocated: the outputs of every layer for one image (from shape inference), times the
/// batch. That is more than a pass keeps at once, so it errs on the safe side.
public enum ForwardBudget {
    public static func check(_ module: Module, input: [Int], what: String) throws {
        try MemoryBudget.check(shape: input, what: "\(what)'s input")
        guard let batch = input.first, batch > 0 else { return }
        var one = input
        one[0] = 1
        let perImage = try ShapeInference.trace(module, input: one).reduce(0) { sum, exit in
            let n = (try? MemoryBudget.elementCount(exit.outputShape, what: exit.enter.path)) ?? Int.max
            let r = sum.addingReportingOverflow(n)
            return r.overflow ? Int.max : r.partialValue
        }
        let total = perImage.multipliedReportingOverflow(by: batch)
        try MemoryBudget.check(count: total.overflow ? Int.max : total.partialValue, of: 4,
                               what: "\(what) of batch \(batch) (\(formatShape(input)), its layers' outputs together)")
    }
}
