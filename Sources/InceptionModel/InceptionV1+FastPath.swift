import InceptionRuntime

extension InceptionV1 {
    /// The modules eval mode runs, in order (the aux heads never run in eval mode; flatten
    /// is implicit after the 1×1 global pool).
    public var evalSequence: [Module] {
        ["conv1", "maxpool1", "conv2a", "conv2b", "maxpool2", "inception3a", "inception3b", "maxpool3",
         "inception4a", "inception4b", "inception4c", "inception4d", "inception4e", "maxpool4",
         "inception5a", "inception5b", "gap", "dropout", "classifier"].map { child($0)! }
    }

    /// Compiles the eval-mode fast path for one input shape (weights are copied in: compile
    /// again after loading new ones). Throws FastPathUnsupported in train mode.
    public func compileFastPath(inputShape: [Int], winograd: WinogradChoice = .automatic) throws -> InferencePlan {
        guard !training else { throw FastPathUnsupported(reason: "train mode") }
        guard inputShape.count == 4, inputShape[1] == options.inChannels else {
            throw ModuleError(path: "", typeName: typeName,
                              message: "Inception_V1 expects input (N, \(options.inChannels), H, W), got \(formatShape(inputShape))")
        }
        return try InferencePlan(evalSequence, inputShape: inputShape, winograd: winograd)
    }
}
