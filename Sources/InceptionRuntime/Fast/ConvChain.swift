/// A Conv2d with the normalisation (BatchNorm2d) and ReLU that directly follow it, if any:
/// one fused step of the fast path (see `PlanCompiler.emitConv`).
struct ConvChain {
    var conv: Conv2d
    var norm: (any ConvolutionFoldable)?
    /// The ReLU module after it, if any.
    var activation: Module?

    /// `conv` and, from `following`, a normalisation of its output channels then a ReLU.
    init(_ conv: Conv2d, following: ArraySlice<Module>) {
        self.conv = conv
        var rest = following
        if let norm = rest.first as? any ConvolutionFoldable, norm.foldedChannels == conv.outChannels {
            self.norm = norm
            rest = rest.dropFirst()
        }
        if let relu = rest.first, relu is any RectifierActivation { activation = relu }
    }

    var relu: Bool { activation != nil }
    var length: Int { 1 + (norm == nil ? 0 : 1) + (relu ? 1 : 0) }
    var label: String { conv.path.hasSuffix(".layer.0") ? String(conv.path.dropLast(".layer.0".count)) : conv.path }
    var kind: String { "Conv2d" + (norm == nil ? "" : "+BN") + (relu ? "+ReLU" : "") }
    var isPointwise: Bool { conv.window == Window2d(kernel: 1, stride: 1) }

    /// What the convolution multiplies by: eval mode folds the normalisation in, train mode
    /// cannot (its statistics come from the batch), so it keeps W and b.
    func weights(training: Bool) -> (weights: [Float], bias: [Float]) {
        training ? (conv.weight.values, bias) : folded()
    }
    /// Whether ReLU can run in the convolution's epilogue (not before a train-mode BatchNorm).
    func fusesReLU(training: Bool) -> Bool { relu && !(training && norm != nil) }

    /// W and b with the normalisation folded in (see `ConvolutionFoldable.fold`).
    func folded() -> (weights: [Float], bias: [Float]) {
        var (w, b) = (conv.weight.values, bias)
        norm?.fold(weights: &w, bias: &b)
        return (w, b)
    }

    /// The convolution's bias, zeros when it has none.
    private var bias: [Float] { conv.bias?.values ?? [Float](repeating: 0, count: conv.outChannels) }
}
