/// Operations whose backward is a line or two, recorded here so layers and the lesson
/// language share them.
extension Autograd {
    /// max(x, 0), recorded; the backward passes the gradient where the output is positive.
    // x: any shape → same shape
    public static func relu(_ x: Tensor, module: Module? = nil) -> Tensor {
        let y = Elementwise.relu(x)
        // The node keeps y only weakly: y owns the node, and backward reaches a node through its output.
        return record(y, module?.typeName ?? "relu", module: module, inputs: [x]) { [weak y] gy in
            guard let y else { throw TensorError.invalidArgument("relu backward: its output is gone") }
            return [try DenseBackward.relu(output: y, gradOutput: gy)]
        }
    }
}
