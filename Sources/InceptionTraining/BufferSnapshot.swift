import InceptionRuntime

/// A copy of every buffer of a network (BatchNorm's running mean and variance and its batch
/// count): a train-mode forward pass that is only a measurement (the gradient split by source,
/// accuracy in train mode) updates them, and restoring the copy undoes that, so the training
/// run goes on exactly as if the measurement had not been made.
struct BufferSnapshot {
    private let saved: [(tensor: Tensor, values: [Float])]

    init(_ root: Module) {
        saved = root.namedModules().flatMap { $0.module.buffers.map { ($0.tensor, $0.tensor.values) } }
    }

    func restore() {
        for (tensor, values) in saved {
            values.withUnsafeBufferPointer { tensor.data.update(from: $0.baseAddress!, count: values.count) }
        }
    }
}
