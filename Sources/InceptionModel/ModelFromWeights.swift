import Foundation
import InceptionRuntime

/// Builds the network a weight file fits: which variant (seed or torchvision), how many
/// classes, whether the aux heads exist, all read off the state_dict names and shapes.
public enum ModelFromWeights {
    /// The seed network's options off a state_dict: the number of classes from
    /// `classifier.weight`, the input channels from `conv1.layer.0.weight`, and whether the aux
    /// heads exist from `aux1.*` keys, whether it has BatchNorm from `conv1.layer.1.weight` (a
    /// network trained with --batchnorm off has the convolution at layer.0 and no layer.1
    /// entries). Without weights: the seed's defaults.
    public static func options(for weights: [String: Tensor]?, dropout: Double = 0.5) -> InceptionV1.Options {
        var options = InceptionV1.Options(dropout: dropout)
        guard let weights else { return options }
        if let w = weights["classifier.weight"], w.rank == 2 { options.numClasses = w.shape[0] }
        if let w = weights["conv1.layer.0.weight"], w.rank == 4 { options.inChannels = w.shape[1] }
        options.useAux = weights.keys.contains { $0.hasPrefix("aux1.") || $0.hasPrefix("aux2.") }
        options.batchNorm = weights["conv1.layer.0.weight"] == nil || weights["conv1.layer.1.weight"] != nil
        options.initWeights = false
        return options
    }

    /// torchvision's GoogLeNet options off a state_dict: the number of classes from `fc.weight`,
    /// the aux heads from `aux1.*` keys (torchvision's own file has them only when saved with
    /// aux_logits=True). `dropout` (when given) sets every dropout, the aux heads' too.
    public static func torchvisionOptions(for weights: [String: Tensor]?, dropout: Double? = nil,
                                          transformInput: Bool = false) -> TorchvisionGoogLeNet.Options {
        var options = TorchvisionGoogLeNet.Options(transformInput: transformInput)
        if let p = dropout { options.dropout = p; options.dropoutAux = p }
        guard let weights else { return options }
        if let w = weights["fc.weight"], w.rank == 2 { options.numClasses = w.shape[0] }
        options.auxLogits = weights.keys.contains { $0.hasPrefix("aux1.") || $0.hasPrefix("aux2.") }
        options.initWeights = false
        return options
    }

    /// The variant a state_dict was saved from, by its first convolution's name; nil when it
    /// has neither variant's name.
    public static func variant(of weights: [String: Tensor]) -> InceptionVariant? {
        InceptionVariant.allCases.first { weights[$0.firstConvolutionKey] != nil }
    }

    /// Whether the file asks for transform_input (metadata `transform_input` = "True", as the
    /// conversion snippet in docs/torchvision.md writes it).
    public static func wantsTransformInput(_ file: SafeTensorsFile) -> Bool {
        file.metadata["transform_input"]?.lowercased() == "true"
    }

    /// Builds the network and loads `file` into it, strictly.
    ///
    /// - variant: nil means "the one the file was saved from", or the seed without a file.
    /// - dropout: every dropout's p; nil keeps the variant's defaults (seed 0.5; torchvision 0.2
    ///   and 0.7 for the aux heads).
    /// - transformInput: torchvision only; nil means "as the file's metadata says", else off.
    /// - source: the file's name, for errors ("x.safetensors: missing key …").
    /// - batchNorm, weightInit: the seed network built without a file (a file says for itself).
    public static func network(variant: InceptionVariant?, weights file: SafeTensorsFile?, source: String = "",
                               dropout: Double? = nil, transformInput: Bool? = nil, numClasses: Int? = nil,
                               batchNorm: Bool = true, weightInit: WeightInit = .seed) throws -> any InceptionNetwork {
        if let file, file.metadata["step"] != nil, file.tensors.keys.contains(where: { $0.hasPrefix("momentum.") }) {
            let model = ((source as NSString).deletingLastPathComponent as NSString).appendingPathComponent("model.safetensors")
            throw WeightFileError(file: source, "this is a training checkpoint (the weights with SGD's momentum buffers and the step, for inception train --resume): give its model.safetensors instead (\(model))")
        }
        if let file, file.tensors.isEmpty {
            throw WeightFileError(file: source, "the file holds no tensors (its header lists none): it is not a saved state_dict")
        }
        let detected = file.flatMap { ModelFromWeights.variant(of: $0.tensors) }
        if let file, detected == nil, let (wrapped, prefix) = prefixedVariant(of: file.tensors) {
            throw WeightFileError(file: source, "its tensor names start with '\(prefix)' (\(prefix + wrapped.firstConvolutionKey)): \(wrapped.displayName) saved inside another module (nn.DataParallel writes 'module.'); save the inner model's state_dict, or strip the prefix in Python: {k.removeprefix('\(prefix)'): v for k, v in state.items()}")
        }
        let chosen = variant ?? detected ?? .seed
        if let detected, detected != chosen {
            throw WeightFileError(file: source,
                                  "these weights are for \(detected.displayName) (they have \(detected.firstConvolutionKey)), not for \(chosen.displayName): use the \(detected.rawValue) variant (--variant \(detected.rawValue))")
        }
        let net: any InceptionNetwork
        switch chosen {
        case .seed:
            if transformInput == true {
                throw ModuleError(path: "", typeName: "Inception_V1",
                                  message: "transform_input belongs to torchvision's GoogLeNet, not the seed's Inception_V1: use the torchvision variant (--variant torchvision)")
            }
            var o = options(for: file?.tensors, dropout: dropout ?? 0.5)
            if file == nil {
                if let numClasses { o.numClasses = numClasses }
                o.batchNorm = batchNorm; o.weightInit = weightInit
            }
            net = try InceptionV1(o)
        case .torchvision:
            guard batchNorm, weightInit == .seed else {
                throw ModuleError(path: "", typeName: "GoogLeNet",
                                  message: "--batchnorm off and --init kaiming build the seed's Inception_V1, not torchvision's GoogLeNet: use --variant seed")
            }
            let transform = transformInput ?? file.map(wantsTransformInput) ?? false
            var o = torchvisionOptions(for: file?.tensors, dropout: dropout, transformInput: transform)
            if file == nil, let numClasses { o.numClasses = numClasses }
            net = try TorchvisionGoogLeNet(o)
        }
        if file != nil, let numClasses, numClasses != net.numClasses {
            throw WeightFileError(file: source, "these weights classify \(net.numClasses) classes, not \(numClasses): leave out --classes, or give weights with \(numClasses)")
        }
        if let file {
            do { try net.loadStateDict(file.tensors) } catch let error as StateDictError {
                let own = Set(net.stateDict().map(\.name))
                if detected == nil, !file.order.contains(where: own.contains) {
                    let shown = file.order.prefix(3).map { "'\($0)'" }.joined(separator: ", ") + (file.order.count > 3 ? ", …" : "")
                    throw WeightFileError(file: source, "none of its \(file.order.count) tensor names (\(shown)) is a name of the seed's Inception_V1 or torchvision's GoogLeNet: these are not GoogLeNet weights (see docs/torchvision.md for saving torchvision's)")
                }
                throw WeightFileError(file: source, error.description)
            }
        }
        return net
    }

    /// A variant whose names the file has under a common prefix ("module.conv1.conv.weight"),
    /// with that prefix; nil when no name ends in a variant's first convolution.
    static func prefixedVariant(of weights: [String: Tensor]) -> (InceptionVariant, String)? {
        for variant in InceptionVariant.allCases {
            let suffix = "." + variant.firstConvolutionKey
            if let key = weights.keys.sorted().first(where: { $0.hasSuffix(suffix) }) {
                return (variant, String(key.dropLast(variant.firstConvolutionKey.count)))
            }
        }
        return nil
    }
}

extension InceptionVariant {
    /// The variant's name in messages: "the seed's Inception_V1", "torchvision's GoogLeNet".
    public var displayName: String {
        switch self {
        case .seed: return "the seed's Inception_V1"
        case .torchvision: return "torchvision's GoogLeNet"
        }
    }
}
