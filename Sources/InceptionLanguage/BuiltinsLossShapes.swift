import InceptionRuntime

/// The shapes cross_entropy and nll_loss take, as PyTorch's nll_loss_nd takes them, brought to the
/// (rows, classes) and one-label-a-row form the loss kernels work on:
/// - (C,) with a 0-d target: one sample;
/// - (N, C) with (N,): a batch;
/// - (N, C, d1, …, dk) with (N, d1, …, dk): a class score at every position (segmentation maps,
///   sequences), each position a row: permuted to (N, d1, …, dk, C), then (N·d1·…·dk, C).
/// `restore` gives a reduction='none' result its shape back; `gradFunction` is the name PyTorch's
/// reduced loss shows (NllLoss2DBackward0 for the spatial kind).
struct ClassRows {
    var input: Tensor
    var target: Value
    var restore: (Tensor) throws -> Tensor = { $0 }
    var spatial = false
}

extension Interpreter {
    static func classRows(_ input: Tensor, _ target: Value) throws -> ClassRows {
        guard case .tensor(let t) = target else { return ClassRows(input: input, target: target) }     // a list of ints: (N,)
        guard input.rank >= 1 else { throw LanguageFailure("Expected 1 or more dimensions (got 0)") }
        if input.rank != 1, t.rank >= 1, input.shape[0] != t.shape[0] {
            throw LanguageFailure("Expected input batch_size (\(input.shape[0])) to match target batch_size (\(t.shape[0])).", as: .valueError)
        }
        switch input.rank {
        case 1, 2:
            guard t.rank <= 1 else { throw LanguageFailure("0D or 1D target tensor expected, multi-target not supported") }
            guard input.rank == 1 else { return ClassRows(input: input, target: target) }
            let rows = try reshaped(input, [1, input.shape[0]])
            let restoredShape = t.shape
            return ClassRows(input: rows, target: .tensor(try reshaped(t, [t.count])), restore: { try reshaped($0, restoredShape) })
        default:
            let (n, classes, positions) = (input.shape[0], input.shape[1], Array(input.shape[2...]))
            if input.rank == 4, t.rank != 3 {
                throw LanguageFailure("only batches of spatial targets supported (3D tensors) but got targets of dimension: \(t.rank)")
            }
            guard t.shape == [n] + positions else {
                throw LanguageFailure("Expected target size [\(([n] + positions).map(String.init).joined(separator: ", "))], got [\(t.shape.map(String.init).joined(separator: ", "))]")
            }
            let count = n * positions.reduce(1, *)
            let classLast = try TensorOps.permute(input, [0] + Array(2..<input.rank) + [1])
            return ClassRows(input: try reshaped(classLast, [count, classes]), target: .tensor(try reshaped(t, [count])),
                             restore: { try reshaped($0, [n] + positions) }, spatial: true)
        }
    }
}
