import InceptionLanguage
import InceptionRuntime

/// Two layers of the same type, argument by argument, in the order PyTorch's constructor
/// takes them; the first argument that differs becomes a message with its consequence
/// (the output size a wrong stride or padding gives) and the fix.
struct LayerComparison {
    let naming: PathNaming
    let shapes: ProbeShapes

    func firstDifference(_ ref: Module, _ mine: Module, path: String) -> String? {
        switch (ref, mine) {
        case let (r as Conv2d, m as Conv2d): return conv(r, m, path)
        case let (r as BatchNorm2d, m as BatchNorm2d): return batchNorm(r, m, path)
        case let (r as Linear, m as Linear): return linear(r, m, path)
        case let (r as MaxPool2d, m as MaxPool2d): return window(r.window, m.window, ref, path)
        case let (r as AvgPool2d, m as AvgPool2d): return window(r.window, m.window, ref, path)
        case let (r as AdaptiveAvgPool2d, m as AdaptiveAvgPool2d):
            guard r.size != m.size else { return nil }
            return "\(naming.display(path, ref)): expected output_size=(\(r.size.h), \(r.size.w)), got (\(m.size.h), \(m.size.w))"
        case let (r as Dropout, m as Dropout):
            guard r.p != m.p else { return nil }
            return "\(naming.display(path, ref)): expected Dropout(p=\(r.p)), got p=\(m.p) — pass the block's p on to nn.Dropout(p=p)"
        default:
            guard ref.arguments != mine.arguments else { return nil }
            if let refusal = refusal(of: mine, like: ref, path: path) {
                return "\(naming.display(path, ref)): \(mine.signature) cannot run — \(refusal)"
            }
            return "\(naming.display(path, ref)): expected \(ref.signature), got \(mine.signature)"
        }
    }

    /// Why a layer PyTorch makes but cannot call refuses, on the input the reference's layer
    /// gets here (Conv2d(…, padding=2.0): "divide with //"); nil when it runs, or is not such a
    /// layer (a layer of the reference's own kind compares argument by argument).
    func refusal(of mine: Module, like ref: Module, path: String) -> String? {
        guard mine.typeName == ref.typeName, type(of: mine) != type(of: ref), mine.isLeaf, let input = shapes.input(path) else { return nil }
        var rng = SeededRandom(seed: 2)
        do {
            _ = try mine(Tensor.randn(input, rng: &rng), ExecutionContext())
            return nil
        } catch let f as LanguageFailure {
            return f.fix ?? f.message.split(separator: "\n").first.map(String.init)
        } catch let e as RuntimeError {
            return e.diagnostic.fix ?? e.diagnostic.message.split(separator: "\n").first.map(String.init)
        } catch {
            return "\(error)".split(separator: "\n").first.map(String.init)
        }
    }

    // MARK: Conv2d

    func conv(_ r: Conv2d, _ m: Conv2d, _ path: String) -> String? {
        let place = naming.display(path, r)
        let branch = naming.branch(of: path)
        if r.inChannels != m.inChannels {
            let coming = shapes.input(path).map { $0.count == 4 ? ($0[1] == 1 ? " (1 channel comes in here)" : " (\($0[1]) channels come in here)") : "" } ?? ""
            let expected = r.inChannels == 1 ? "1 input channel" : "\(r.inChannels) input channels"
            if let branch, branch.step == "1", branch.name != "maxpool_conv1x1", let fs = branch.fsIndex {
                // The reduction's entry of Fs comes just before this convolution's (0-based fs − 1).
                return "\(branch.label(naming)): the \(r.window.kernel.h)×\(r.window.kernel.w) convolution expects \(r.inChannels) input channels, got \(m.inChannels) — it reads the 1×1 reduction's output, so its in_channel is the \(SeedVocabulary.ordinal(fs)) entry of Fs"
            }
            if let branch {
                return "\(branch.label(naming)): expected \(expected), got \(m.inChannels) — every branch reads the module's input: check in_channel\(coming)"
            }
            return "\(place): expected \(expected), got \(m.inChannels) — in_channels must equal the channels coming in\(coming)"
        }
        if r.outChannels != m.outChannels {
            if let branch, let fs = branch.fsIndex {
                let part = fs == 1 || fs == 3 ? ", its 1×1 reduction" : ""
                return "\(branch.label(naming))\(part): expected \(r.outChannels) output channels, got \(m.outChannels) — check the \(SeedVocabulary.ordinal(fs + 1)) entry of Fs (\(SeedVocabulary.fsColumns[fs]))"
            }
            let where_ = path.hasSuffix("layer.0") ? "F, the 2nd argument of BasicConv2d" : "out_channels, the 2nd argument of nn.Conv2d"
            return "\(place): expected \(r.outChannels) output channels, got \(m.outChannels) — check \(where_)"
        }
        if r.window.kernel != m.window.kernel {
            return "\(place): expected a \(r.window.kernel.h)×\(r.window.kernel.w) kernel, got \(m.window.kernel.h)×\(m.window.kernel.w) — check the kernel size (BasicConv2d's 3rd argument, size)"
        }
        if let message = window(r.window, m.window, r, path) { return message }
        if (r.bias == nil) != (m.bias == nil) {
            return "\(place): expected bias=\(r.bias == nil ? "False" : "True"), got bias=\(m.bias == nil ? "False" : "True") — the seed's convolutions keep PyTorch's default, bias=True"
        }
        return nil
    }

    // MARK: windows (convolutions and pools)

    /// Stride, padding and ceil_mode, with the output size each gives on the probe.
    func window(_ r: Window2d, _ m: Window2d, _ layer: Module, _ path: String) -> String? {
        let place = naming.display(path, layer)
        let kind = layer is Conv2d ? "kernel" : "window"
        if r.kernel != m.kernel {
            return "\(place): expected a \(r.kernel.h)×\(r.kernel.w) \(kind), got \(m.kernel.h)×\(m.kernel.w) — check kernel_size"
        }
        let sizes = outputSizes(r, m, path)
        if r.stride != m.stride {
            return "\(place): \(sizes.map { "output \($0.mine) but \($0.expected) expected: " } ?? "")stride=\(r.stride.h) expected, got stride=\(m.stride.h)"
        }
        if r.padding != m.padding {
            let k = r.kernel.h
            var why = "padding=\(r.padding.h) expected, got padding=\(m.padding.h)"
            if r.stride.h == 1 && r.padding.h == (k - 1) / 2 && k % 2 == 1 {
                why = "a \(k)×\(k) \(kind) needs padding=\(r.padding.h) to keep the size (got padding=\(m.padding.h))"
            } else if r.padding.h == (k - 1) / 2 {
                why = "a \(k)×\(k) \(kind) with stride \(r.stride.h) takes padding=\(r.padding.h) (got padding=\(m.padding.h))"
            }
            if m.ceilMode && !r.ceilMode {
                // torchvision's GoogLeNet rounds up where the seed pads
                why += " — the seed pads by \(r.padding.h) where yours rounds up with ceil_mode=True: write padding=\(r.padding.h) and leave ceil_mode out"
            }
            return "\(place): \(sizes.map { "output \($0.mine) but \($0.expected) expected: " } ?? "")\(why)"
        }
        if r.ceilMode != m.ceilMode && r.stride != (1, 1) {        // at stride 1 both round alike
            return "\(place): \(sizes.map { "output \($0.mine) but \($0.expected) expected: " } ?? "")ceil_mode=\(r.ceilMode ? "True" : "False") expected — the seed keeps the default, ceil_mode=False"
        }
        return nil
    }

    /// The two output sizes on the probe input the reference layer gets, when they differ.
    func outputSizes(_ r: Window2d, _ m: Window2d, _ path: String) -> (mine: String, expected: String)? {
        guard let input = shapes.input(path), input.count == 4 else { return nil }
        let (rh, rw) = r.outputSize(height: input[2], width: input[3])
        let (mh, mw) = m.outputSize(height: input[2], width: input[3])
        guard (rh, rw) != (mh, mw) else { return nil }
        return ("\(mh)×\(mw)", "\(rh)×\(rw)")
    }

    // MARK: BatchNorm2d and Linear

    func batchNorm(_ r: BatchNorm2d, _ m: BatchNorm2d, _ path: String) -> String? {
        let place = naming.display(path, r)
        if r.features != m.features {
            return "\(place): BatchNorm2d(\(m.features)) but \(r.features) channels come in — BatchNorm2d takes F, the convolution's output channels"
        }
        if r.eps != m.eps { return "\(place): expected eps=\(r.eps), got eps=\(m.eps) — keep PyTorch's default, eps=1e-05" }
        if r.momentum != m.momentum { return "\(place): expected momentum=\(r.momentum), got momentum=\(m.momentum) — keep PyTorch's default, momentum=0.1" }
        return nil
    }

    func linear(_ r: Linear, _ m: Linear, _ path: String) -> String? {
        let place = naming.display(path, r)
        if r.inFeatures != m.inFeatures {
            var why = "in_features must equal the features coming in"
            if let map = shapes.lastMapBefore(path), map.count == 4, map[1] * map[2] * map[3] == r.inFeatures {
                why = "the flattened \(map[1])×\(map[2])×\(map[3]) map has \(map[1])·\(map[2])·\(map[3]) = \(r.inFeatures) features"
            }
            return "\(place): expected in_features=\(r.inFeatures), got \(m.inFeatures) — \(why)"
        }
        if r.outFeatures != m.outFeatures {
            return "\(place): expected out_features=\(r.outFeatures), got \(m.outFeatures)"
        }
        if (r.bias == nil) != (m.bias == nil) {
            return "\(place): expected bias=\(r.bias == nil ? "False" : "True"), got bias=\(m.bias == nil ? "False" : "True")"
        }
        return nil
    }
}
