/// How a layer lowers onto the fast path's plan ops. Each layer family conforms in its own
/// file (ConvolutionLayer.swift, NormalizationLayer.swift, PoolingLayers.swift, …);
/// `PlanCompiler` asks the layer, and refuses a leaf that does not conform with
/// `FastPathUnsupported`. Containers need no conformance: the compiler follows their
/// `childComposition` (in order, or branches concatenated along channels).
protocol FastPathLowerable: Module {
    /// How many of the modules right after it (in the same chain) its steps compute as well:
    /// a convolution's BatchNorm and ReLU. The compiler skips them. 0 by default.
    func fusedSuccessors(_ following: ArraySlice<Module>) -> Int

    /// Appends its steps to `compiler` for the value `input` and returns where its output is.
    /// `following`: the modules after it in the chain (as `fusedSuccessors` saw them).
    /// `destination`: where the compiler would like the output (a branch's channel slice of a
    /// concatenation); a layer may ignore it, the compiler then copies.
    func lower(_ input: PlanCompiler.Result, following: ArraySlice<Module>, into destination: PlanSlice?,
               _ compiler: inout PlanCompiler) throws -> PlanCompiler.Result

    /// The convolution chain this layer opens with `following` (a Conv2d with the BatchNorm2d
    /// and ReLU after it); nil for any other layer. The Inception module's merged 1×1 GEMM
    /// stacks the chains that open its branches.
    func convolutionChain(_ following: ArraySlice<Module>) -> ConvChain?
}

extension FastPathLowerable {
    func fusedSuccessors(_ following: ArraySlice<Module>) -> Int { 0 }
    func convolutionChain(_ following: ArraySlice<Module>) -> ConvChain? { nil }
}

/// A per-channel normalisation that a convolution right before it absorbs (BatchNorm2d):
/// eval mode folds it into the convolution's weights, train mode runs its own step on the
/// convolution's output.
protocol ConvolutionFoldable: Module {
    /// The channels it normalises (it folds only into a convolution with as many outputs).
    var foldedChannels: Int { get }
    /// Folds itself into the convolution's weights (C_out rows) and bias (C_out), in place.
    func fold(weights: inout [Float], bias: inout [Float])
    /// Train mode: its step on the convolution's output `slice`, then ReLU when `relu`.
    func batchStatisticsStep(on slice: PlanSlice, relu: Bool) -> PlanOp
}

/// The activation max(x, 0) (ReLU), which a step applies as it stores its output.
protocol RectifierActivation: Module {}
