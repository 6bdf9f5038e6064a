import Foundation
import InceptionRuntime

/// How a convolution's weights are drawn when the network is built.
public enum WeightInit: String, CaseIterable, Sendable {
    /// The seed's: trunc_normal(0, 0.01, a=−2, b=2). With BatchNorm after every convolution the
    /// scale does not matter for the forward pass; without it, 22 layers of std 0.01 shrink the
    /// signal to nothing (a dead network).
    case seed
    /// Kaiming He et al. (2015): normal(0, √(2 / fan_in)), fan_in = in_channels · k · k, as
    /// PyTorch's `kaiming_normal_(w, mode='fan_in', nonlinearity='relu')` (its default mode).
    /// fan_in keeps the variance of the activations from layer to layer through ReLUs, which is
    /// what a network without BatchNorm needs; fan_out (torchvision's ResNet choice) keeps the
    /// gradients' variance instead, and in Inception's 1×1 reductions (480 → 16 channels)
    /// the two differ by 30× in variance.
    case kaiming

    /// The standard deviation of a Conv2d's weights under this scheme.
    public func std(_ conv: Conv2d) -> Float {
        switch self {
        case .seed: return 0.01
        case .kaiming: return (2 / Float(conv.inChannels * conv.window.kernel.h * conv.window.kernel.w)).squareRoot()
        }
    }

    /// Draws the weights as PyTorch's `nn.init` does, from PyTorch's generator.
    func fill(_ conv: Conv2d, generator: inout TorchGenerator) throws {
        switch self {
        case .seed: try conv.weight.fillTruncatedNormal(mean: 0, std: 0.01, a: -2, b: 2, generator: &generator)
        case .kaiming:
            // kaiming_normal_: std = gain / √fan_in with gain = √2, in double
            let fanIn = Double(conv.inChannels * conv.window.kernel.h * conv.window.kernel.w)
            generator.fillNormal(conv.weight.data, count: conv.weight.count, mean: 0, std: 2.0.squareRoot() / fanIn.squareRoot())
        }
    }
}
