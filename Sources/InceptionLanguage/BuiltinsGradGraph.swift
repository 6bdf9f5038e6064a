import Foundation
import InceptionRuntime

/// `y.grad_fn` as an object to walk, as tutorials walk PyTorch's graph: `name()`, and
/// `next_functions`, a tuple of (function, 0) per input of the operation, where the function is
/// the input's own grad_fn, an `AccumulateGrad` for a leaf that requires grad (its `variable` is
/// that leaf) or None for an input without a gradient.
extension Interpreter {
    static func gradFunction(_ node: GradNode) -> ClosureObject {
        let name = pytorchGradFunctionName(node)
        let fn = ClosureObject(typeName: name, memberNames: ["name", "next_functions"], repr: { "<\(name) object>" })
        fn.memberLookup = { member in
            switch member {
            // PyTorch prints grad_fn=<CopySlices> but names the C++ class in full
            case "name": return .builtin(Builtin("name") { _, _ in .string(name == "CopySlices" ? "torch::autograd::CopySlices" : name) })
            // a loss made of smaller steps shows its input and target where it keeps them (MSE,
            // smooth L1, Huber, BCE); otherwise it has not PyTorch's edges to show: no next_functions
            case "next_functions":
                if let shown = node.shownInputs { return .tuple(shown.map { edge($0()) }) }
                return composedLoss(node) ? nil : .tuple(nextFunctions(node))
            default: return nil
            }
        }
        return fn
    }

    /// A loss computed here from smaller steps and given PyTorch's grad_fn name over them: its
    /// inputs are those steps, not the loss's input and target.
    static func composedLoss(_ node: GradNode) -> Bool {
        guard let name = node.displayName else { return false }
        return name.hasSuffix("LossBackward0") || name.hasPrefix("BinaryCrossEntropy")
    }

    /// The (function, 0) pairs of a node's inputs, in PyTorch's order. A Linear layer's node is
    /// laid out as PyTorch records it for a matrix input: AddmmBackward0 (bias, input, TBackward0
    /// of the weight), MmBackward0 without a bias.
    static func nextFunctions(_ node: GradNode) -> [Value] {
        let inputs = node.inputTensors
        if node.label == "Linear", inputs.count >= 2 {
            let weight = edge(inputs[1])
            let transposed = function("TBackward0", next: [weight])
            let input = edge(inputs[0])
            // a frozen weight (no gradient): no TBackward0 either
            let frozen = inputs[1].map { !$0.requiresGrad && $0.gradNode == nil } ?? true
            let t = frozen ? noEdge : Value.tuple([.object(transposed), .int(0)])
            if inputs.count >= 3, let bias = inputs[2] { return [edge(bias), input, t] }
            return [input, t]
        }
        // a number operand is no edge of pow(Tensor, Scalar), pow(Scalar, Tensor) and rsub
        switch pytorchGradFunctionName(node) {
        case "PowBackward0" where inputs.count == 2: return [edge(inputs[0])]
        case "PowBackward2", "RsubBackward1": return [edge(inputs.last ?? nil)]
        case "MulBackward0" where node.label == "div":
            // number / y is y.reciprocal() · number in PyTorch's graph
            let divisor = edge(inputs.last ?? nil)
            return [.tuple([.object(function("ReciprocalBackward0", next: [divisor])), .int(0)]), noEdge]
        default: break
        }
        if node.label == "cross_entropy", let logits = inputs.first ?? nil {
            // F.cross_entropy is nll_loss(log_softmax(x)): PyTorch's graph has the log_softmax node
            let logSoftmax = function("LogSoftmaxBackward0", next: [edge(logits)])
            return [.tuple([.object(logSoftmax), .int(0)])]
        }
        return inputs.map(edge)
    }

    /// A node PyTorch's graph has where this one records none (TBackward0 of a Linear's weight,
    /// LogSoftmaxBackward0 inside cross_entropy, ReciprocalBackward0 of number / y).
    static func function(_ name: String, next: [Value]) -> ClosureObject {
        let fn = ClosureObject(typeName: name, memberNames: ["name", "next_functions"], repr: { "<\(name) object>" })
        fn.memberLookup = { member in
            switch member {
            // PyTorch prints grad_fn=<CopySlices> but names the C++ class in full
            case "name": return .builtin(Builtin("name") { _, _ in .string(name == "CopySlices" ? "torch::autograd::CopySlices" : name) })
            case "next_functions": return .tuple(next)
            default: return nil
            }
        }
        return fn
    }

    /// No edge: (None, 0), for an input without a gradient.
    static var noEdge: Value { .tuple([.none, .int(0)]) }

    /// (the function a gradient flows into for tensor t, 0); no edge without one.
    static func edge(_ t: Tensor?) -> Value {
        guard let t else { return noEdge }
        if let node = t.gradNode { return .tuple([.object(gradFunction(node)), .int(0)]) }
        guard t.requiresGrad else { return noEdge }
        let accumulate = ClosureObject(typeName: "AccumulateGrad", memberNames: ["name", "next_functions", "variable"],
                                       repr: { "<AccumulateGrad object>" })
        accumulate.memberLookup = { member in
            switch member {
            case "name": return .builtin(Builtin("name") { _, _ in .string("torch::autograd::AccumulateGrad") })
            case "next_functions": return .tuple([])
            case "variable": return .tensor(t)
            default: return nil
            }
        }
        return .tuple([.object(accumulate), .int(0)])
    }
}
