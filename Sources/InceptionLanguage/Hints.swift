import InceptionRuntime

/// Fixes for the runtime errors whose cause is known, written as the learner would act on them.
enum Hints {
    /// The modules programs import under these names (`import torch.nn as nn`).
    static let libraryNames = ["torch": "torch", "nn": "torch.nn", "F": "torch.nn.functional", "optim": "torch.optim", "init": "torch.nn.init",
                               "np": "numpy", "math": "math"]

    /// `nn.Sequential` where the program has set `nn` to something else (`nn = None`, `nn = 3`):
    /// the fix for the attribute error, naming the assignment that hid the module.
    static func shadowedLibrary(_ name: String, _ value: Value) -> String? {
        guard let library = libraryNames[name] else { return nil }
        if case .namespace = value { return nil }
        let what = value.isNone ? "None" : ("aeiou".contains(value.typeName.prefix(1)) ? "an " : "a ") + value.typeName
        return "\(name) is \(what) here, not the \(library) module: an assignment `\(name) = …` in your code replaced it — give that variable another name"
    }

    /// Feature maps added, multiplied or compared where their channel counts differ (branches
    /// joined with a + b + c + d): the fix is to concatenate them along the channels.
    static func channelsSideBySide(_ a: [Int], _ b: [Int]) -> String? {
        guard a.count == 4, b.count == 4, a[1] != b[1], a[0] == b[0], a[2...] == b[2...] else { return nil }
        return "+ and * work element by element and need equal shapes; to put branches' outputs side by side along the channels, join them with torch.cat([a, b, …], 1)"
    }

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
    /// padding does not keep the size: "a 5×5 kernel keeps 28×28 only with padding=2". The size
    /// kept is the one most of the joined maps have (the first map may be the wrong one); with
    /// no majority the hint names none.
    static func sizeChangingLayer(in block: Module, shapes: [[Int]]) -> String? {
        let sizes = shapes.filter { $0.count == 4 }.map { "\($0[2])×\($0[3])" }
        guard !sizes.isEmpty else { return nil }
        let counts = Dictionary(sizes.map { ($0, 1) }, uniquingKeysWith: +)
        let most = counts.values.max() ?? 0
        let majority = sizes.first { counts[$0] == most && most * 2 > sizes.count }
        let size = majority ?? "its input's size"
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
