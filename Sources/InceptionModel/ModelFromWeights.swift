import InceptionRuntime

/// Reads the seed network's options off a state_dict: the number of classes from
/// `classifier.weight`, the input channels from `conv1.layer.0.weight`, and whether the aux
/// heads exist from `aux1.*` keys. Without weights: the seed's defaults.
public enum ModelFromWeights {
    public static func options(for weights: [String: Tensor]?, dropout: Double = 0.5) -> InceptionV1.Options {
        var options = InceptionV1.Options(dropout: dropout)
        guard let weights else { return options }
        if let w = weights["classifier.weight"], w.rank == 2 { options.numClasses = w.shape[0] }
        if let w = weights["conv1.layer.0.weight"], w.rank == 4 { options.inChannels = w.shape[1] }
        options.useAux = weights.keys.contains { $0.hasPrefix("aux1.") || $0.hasPrefix("aux2.") }
        options.initWeights = false
        return options
    }
}
