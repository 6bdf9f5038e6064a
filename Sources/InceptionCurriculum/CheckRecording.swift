import InceptionRuntime

/// The checker's work records gradients whatever grad mode or inference mode the learner's file
/// left switched (torch.set_grad_enabled(False) at its top made every later check that takes a
/// gradient fail, blaming the manifest), and leaves both as it found them.
enum CheckRecording {
    static func on<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        let (gradWasEnabled, wasMakingInferenceTensors) = (GradMode.set(true), Tensor.makingInferenceTensors)
        Tensor.makingInferenceTensors = false
        defer { _ = GradMode.set(gradWasEnabled); Tensor.makingInferenceTensors = wasMakingInferenceTensors }
        return try body()
    }
}
