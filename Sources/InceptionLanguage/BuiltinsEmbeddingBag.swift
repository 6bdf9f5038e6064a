import Foundation
import InceptionRuntime

/// nn.EmbeddingBag (the text classification tutorial's): the rows of its table picked by a 1-D
/// input cut into bags at `offsets` (or by each row of a 2-D input), reduced per bag by mode
/// 'mean', 'sum' or 'max' (an empty bag gives zeros), `per_sample_weights` scaling the rows of a
/// 'sum', `padding_idx`'s entries left out of their bag, `include_last_offset`; initialised as
/// nn.Embedding (normal(0, 1), the padding row zeroed). Composed of recorded operations, so the
/// table's gradient is PyTorch's; the result's grad_fn prints as EmbeddingBagBackward0.
final class EmbeddingBagLayer: Module, ModuleAttributes, ArgumentsHoldingModule {
    static var signature: Signature { Signature("forward", [("input", nil), ("offsets", Value.none), ("per_sample_weights", Value.none)]) }
    static var input: String { "input" }
    var pending: [BoundArguments] = []
    let count: Int, width: Int, mode: String, paddingIndex: Int?, includeLastOffset: Bool
    weak var interpreter: Interpreter?

    init(weight: Tensor, mode: String, paddingIndex: Int?, includeLastOffset: Bool, interpreter: Interpreter) {
        (count, width) = (weight.shape[0], weight.shape[1])
        (self.mode, self.paddingIndex, self.includeLastOffset, self.interpreter) = (mode, paddingIndex, includeLastOffset, interpreter)
        super.init(typeName: "EmbeddingBag")
        registerParameter("weight", weight)
        weight.requiresGrad = true
        setTraining(true)
        var text = "\(count), \(width), mode='\(mode)'"
        if let paddingIndex { text += ", padding_idx=\(paddingIndex)" }
        TensorKinds.shared.setArguments(self, text)
    }

    func attribute(_ name: String) -> Value? {
        switch name {
        case "num_embeddings": return .int(count)
        case "embedding_dim": return .int(width)
        case "mode": return .string(mode)
        case "padding_idx": return paddingIndex.map(Value.int) ?? Value.none
        case "include_last_offset": return .bool(includeLastOffset)
        case "sparse": return .bool(false)
        default: return nil
        }
    }

    override func forward(_ x: Tensor, _ context: ExecutionContext) throws -> Tensor {
        guard let weight = parameters.first?.tensor, let interpreter else { throw LanguageFailure("EmbeddingBag has no weight") }
        let a = pending.last
        return try interpreter.embeddingBag(x, weight: weight, offsets: try a?.optionalTensor("offsets"),
                                            perSampleWeights: try a?.optionalTensor("per_sample_weights"), mode: mode,
                                            paddingIndex: paddingIndex, includeLastOffset: includeLastOffset)
    }
}

extension Interpreter {
    /// nn.EmbeddingBag as a class value, with EmbeddingBag.from_pretrained(embeddings, freeze=True, …):
    /// the table as given (its storage, as PyTorch's _weight), frozen unless freeze=False.
    func embeddingBagBuiltin() -> Value {
        let make = embeddingBagConstructor()
        let fromPretrained = Self.builtin(Signature("from_pretrained", [("embeddings", nil), ("freeze", .bool(true)), ("max_norm", Value.none),
                                                                        ("norm_type", .float(2)), ("scale_grad_by_freq", .bool(false)), ("mode", .string("mean")),
                                                                        ("sparse", .bool(false)), ("include_last_offset", .bool(false)),
                                                                        ("padding_idx", Value.none)])) { interpreter, a in
            let table = try a.tensor("embeddings")
            guard table.rank == 2 else { throw LanguageFailure("Embeddings parameter is expected to be 2-dimensional", as: .assertionError) }
            let layer = try interpreter.callBack(make, Arguments([.int(table.shape[0]), .int(table.shape[1])], keywords: [
                ("_weight", .tensor(table)), ("max_norm", a["max_norm"]), ("norm_type", a["norm_type"]), ("scale_grad_by_freq", a["scale_grad_by_freq"]),
                ("mode", a["mode"]), ("sparse", a["sparse"]), ("include_last_offset", a["include_last_offset"]), ("padding_idx", a["padding_idx"])]))
            table.requiresGrad = !(try a.bool("freeze"))
            return layer
        }
        return .object(Self.classObject("torch.nn.modules.sparse.EmbeddingBag", constructor: make, members: ["from_pretrained": fromPretrained]))
    }

    private func embeddingBagConstructor() -> Value {
        Self.builtin(Signature("EmbeddingBag", [("num_embeddings", nil), ("embedding_dim", nil), ("max_norm", Value.none), ("norm_type", .float(2)),
                                                ("scale_grad_by_freq", .bool(false)), ("mode", .string("mean")), ("sparse", .bool(false)),
                                                ("_weight", Value.none), ("include_last_offset", .bool(false)), ("padding_idx", Value.none),
                                                ("device", Value.none), ("dtype", Value.none)])) { interpreter, a in
            try Self.requireCPUArgument(a["device"])
            guard !(try a.bool("sparse")) else { throw LanguageFailure("EmbeddingBag(sparse=True): sparse gradients are not supported here", fix: "leave sparse out") }
            guard a["max_norm"].isNone, !(try a.bool("scale_grad_by_freq")) else {
                throw LanguageFailure("EmbeddingBag(): max_norm and scale_grad_by_freq are not supported here", fix: "leave them out")
            }
            let mode = try a.string("mode")
            guard ["mean", "sum", "max"].contains(mode) else { throw LanguageFailure("mode has to be one of sum, mean or max", as: .valueError) }
            let (count, width) = (try a.int("num_embeddings"), try a.int("embedding_dim"))
            guard count >= 0, width >= 0 else { throw LanguageFailure("EmbeddingBag(): num_embeddings and embedding_dim must be ≥ 0, got \(count) and \(width)") }
            let padding = try Self.paddingIndex(a["padding_idx"], rows: count)
            let weight: Tensor
            if case .tensor(let given) = a["_weight"] {
                guard given.shape == [count, width] else { throw LanguageFailure("Shape of weight does not match num_embeddings and embedding_dim", as: .assertionError) }
                weight = given
            } else {
                try MemoryBudget.check(shape: [count, width], what: "EmbeddingBag's weight")
                weight = Tensor(zeros: [count, width])
                DefaultGenerator.draw { $0.fillNormal(weight.data, count: weight.count, mean: 0, std: 1) }
                if let padding { (weight.data + padding * width).update(repeating: 0, count: width) }
            }
            return .module(EmbeddingBagLayer(weight: weight, mode: mode, paddingIndex: padding,
                                             includeLastOffset: try a.bool("include_last_offset"), interpreter: interpreter))
        }
    }

    /// The bags' reductions, (bags, embedding_dim); see EmbeddingBagLayer.
    func embeddingBag(_ input: Tensor, weight: Tensor, offsets: Tensor?, perSampleWeights: Tensor?, mode: String,
                      paddingIndex: Int?, includeLastOffset: Bool) throws -> Tensor {
        let width = weight.shape[1]
        var starts: [Int]
        switch input.rank {
        case 2:
            if offsets != nil {
                throw LanguageFailure("if input is 2D, then offsets has to be None, as input is treated is a mini-batch of fixed length sequences. However, found offsets of type <class 'torch.Tensor'>", as: .valueError)
            }
            starts = (0...input.shape[0]).map { $0 * input.shape[1] }
        case 1:
            guard let offsets else { throw LanguageFailure("offsets has to be a 1D Tensor but got None", as: .valueError) }
            guard offsets.rank == 1 else { throw LanguageFailure("offsets has to be a 1D Tensor", as: .valueError) }
            starts = (0..<offsets.count).map { Int(offsets.data[$0]) }
            if !includeLastOffset { starts.append(input.count) }
            guard starts.first.map({ $0 == 0 }) ?? true else {
                throw LanguageFailure("offsets[0] has to be 0, i.e., the first sequence in the mini-batch has to start from position 0. However, got \(starts[0])")
            }
            guard zip(starts, starts.dropFirst()).allSatisfy({ $0 <= $1 }), (starts.last ?? 0) <= input.count else {
                throw LanguageFailure("offsets must be non-decreasing and end within the input (\(input.count) indices)")
            }
        default:
            throw LanguageFailure("input has to be 1D or 2D Tensor, but got Tensor of dimension \(input.rank)", as: .valueError)
        }
        if let perSampleWeights {
            guard mode == "sum" else {
                throw LanguageFailure("embedding_bag: per_sample_weights was not None. per_sample_weights is only supported for mode='sum' (got mode='\(mode)'). Please open a feature request on GitHub.", as: .notImplementedError)
            }
            guard perSampleWeights.shape == input.shape else {
                throw LanguageFailure("embedding_bag: If per_sample_weights (\(Value.size(perSampleWeights.shape).repr)) is not None, then it must have the same shape as the input (\(Value.size(input.shape).repr))", as: .valueError)
            }
        }
        let flat = TensorKinds.shared.setDType(try input.reshaped([input.count]), TensorOps.dtype(input))
        for i in 0..<flat.count {
            let r = Int(flat.data[i])
            guard r >= 0, r < weight.shape[0] else { throw LanguageFailure("index \(r) is out of bounds for dimension 0 with size \(weight.shape[0])", as: .indexError) }
        }
        let rows = composed(try Self.embedding(flat, weight: weight, paddingIndex: nil, scaleGradByFrequency: false))
        let scales = try perSampleWeights.map { try composed($0).call("reshape", -1).call("unsqueeze", 1) }
        var bags: [Value] = []
        for (start, end) in zip(starts, starts.dropFirst()) {
            // the bag's places, padding_idx's entries left out
            let kept = (start..<end).filter { paddingIndex == nil || Int(flat.data[$0]) != paddingIndex }
            guard !kept.isEmpty else { bags.append(try torchFunction("zeros", width).value); continue }
            let index = TensorKinds.shared.setDType(try Tensor(shape: [kept.count], values: kept.map(Float.init)), .int64)
            var picked = try rows.call("index_select", 0, index)
            if let scales { picked = try picked * (try scales.call("index_select", 0, index)) }
            switch mode {
            case "sum": bags.append(try picked.call("sum", 0).value)
            case "mean": bags.append((try picked.call("sum", 0) / Double(kept.count)).value)
            default: bags.append(try picked.call("amax", 0).value)
            }
        }
        guard !bags.isEmpty else { return Tensor(zeros: [0, width]) }
        return try torchFunction("stack", Value.list(ListStorage(bags)), 0).named("EmbeddingBagBackward0").tensor
    }
}
