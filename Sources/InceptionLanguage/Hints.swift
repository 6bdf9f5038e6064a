import InceptionRuntime

/// Fixes for the runtime errors whose cause is known, written as the learner would act on them.
enum Hints {
    /// A channel or feature count that does not fit the layer, in the layer that raised it.
    static func fix(for error: ModuleError) -> String? {
        guard case .channelMismatch(let layer, let counting, let expected, let got, let input, _) = error.cause, layer == error.typeName else { return nil }
        switch counting {
        case .inputChannels:
            return "the tensor reaching this \(layer) has \(got) channels: make its in_channels \(got), or make the layer before it output \(expected)"
        case .channels:
            return "\(layer) must get the out_channels of the conv before it: \(layer)(\(got))"
        case .inputFeatures where input.count == 4:
            // an image map reaching a Linear, which multiplies its last dimension only
            return "the \(layer) gets a \(formatShape(input)) map: flatten it first, torch.flatten(x, 1) or nn.Flatten() before the \(layer)"
        case .inputFeatures:
            return "the flattened input has \(got) features: use \(layer)(\(got), …) or change the layers before it"
        }
    }

    /// When branches disagree on H×W, the first stride-1 conv or pool in `block` whose
    /// padding does not keep the size: "a 5×5 kernel keeps 28×28 only with padding=2".
    static func sizeChangingLayer(in block: Module, expected: [Int]?) -> String? {
        guard let expected, expected.count == 4 else { return nil }
        let size = "\(expected[2])×\(expected[3])"
        for (relative, m) in block.namedModules() {
            guard let window = m.slidingWindow else { continue }
            let k = window.kernel.h
            guard window.stride == (1, 1), k % 2 == 1, window.padding.h * 2 != k - 1 else { continue }
            let path = block.path.isEmpty ? relative : (relative.isEmpty ? block.path : "\(block.path).\(relative)")
            return "\(path) is a \(k)×\(k) \(m.typeName) with padding=\(window.padding.h): a \(k)×\(k) kernel keeps \(size) only with padding=\((k - 1) / 2)"
        }
        return nil
    }
}
