/// What a layer tells the summaries about itself (see "what a layer says about itself" in
/// Module): the paper's weights, Table 1's row name, a receptive-field step, a :diagram box.

/// A layer's weights as the paper counts them: the weight tensor's dimensions, and the output
/// positions per image each weight is used at (one multiply-add per weight per position).
/// conv1: [7, 7, 3, 64] at [112, 112]; the classifier: [1024, 1000] at [].
public struct PaperWeights: Equatable, Sendable {
    public var factors: [Int]
    public var positions: [Int]
    public init(factors: [Int], positions: [Int]) { self.factors = factors; self.positions = positions }

    /// A layer's weights at an output shape: a sliding window uses each weight at every output
    /// position (H·W of a 4-D output, which must be known); other layers once per image.
    public init?(_ layer: Module, output: [Int]?) {
        guard let factors = layer.paperWeightFactors else { return nil }
        if layer.slidingWindow != nil {
            guard let output, output.count == 4 else { return nil }
            self.init(factors: factors, positions: [output[2], output[3]])
        } else {
            self.init(factors: factors, positions: [])
        }
    }

    public var count: Int { factors.reduce(1, *) }
    public var multAddsPerImage: Int { count * positions.reduce(1, *) }
}

/// A row's type and patch size in Table 1: ("max pool", "3×3/2"), ("linear", nil).
public struct PaperRowName: Equatable, Sendable {
    public var type: String
    public var patch: String?
    public init(type: String, patch: String? = nil) { self.type = type; self.patch = patch }
}

/// One step of the receptive field: r′ = r + (kernel − 1)·j, j′ = j·stride, and the size of
/// the map after it; `note` says how it was computed ("3×3/2", "global average over 7×7").
public struct ReceptiveStep: Equatable, Sendable {
    public var kernel: Int
    public var stride: Int
    public var outputSize: Int
    public var note: String
    public init(kernel: Int, stride: Int, outputSize: Int, note: String) {
        self.kernel = kernel; self.stride = stride; self.outputSize = outputSize; self.note = note
    }

    /// A sliding window over a square input `size` wide (padding and ceil mode as the layer has them).
    public init(window w: Window2d, inputSize size: Int) {
        let padded = size + 2 * w.padding.h - w.kernel.h
        let out = w.ceilMode ? (padded + w.stride.h - 1) / w.stride.h + 1 : padded / w.stride.h + 1
        self.init(kernel: w.kernel.h, stride: w.stride.h, outputSize: max(out, 1), note: w.patchText)
    }
}

/// A layer's box in :diagram: its label ("conv 3×3 p1 → 128") and, for a layer that changes
/// the channels, how many it reads and writes.
public struct DiagramBox: Sendable {
    public var label: String
    public var channels: (input: Int, output: Int)?
    public init(label: String, channels: (input: Int, output: Int)? = nil) { self.label = label; self.channels = channels }
}

extension Module {
    /// Weights that slide over the input: a convolution, as the summaries see it.
    public var slidesWeights: Bool { slidingWindow != nil && paperWeightFactors != nil }
    /// A window without weights: a pooling layer, as the summaries see it.
    public var slidesWithoutWeights: Bool { slidingWindow != nil && paperWeightFactors == nil }
}

extension Window2d {
    /// "3×3/2": kernel and stride, as Table 1 and the receptive-field notes write a window.
    public var patchText: String { "\(kernel.h)×\(kernel.w)/\(stride.h)" }
}
