import InceptionRuntime

/// Fixes for the runtime errors whose cause is known, written as the learner would act on them.
enum Hints {
    /// The integers in a message, in order ("expects 16 input channels, got 32" → [16, 32]).
    static func numbers(in message: String) -> [Int] {
        var out: [Int] = []
        var digits = ""
        for c in message + " " {
            if c.isASCII, c.isNumber { digits.append(c) } else if !digits.isEmpty { out.append(Int(digits) ?? 0); digits = "" }
        }
        return out
    }

    static func fix(for error: ModuleError) -> String? {
        let n = numbers(in: error.message)
        switch error.typeName {
        case "Conv2d" where error.message.contains("input channels") && n.count >= 2:
            return "the tensor reaching this Conv2d has \(n[n.count - 1]) channels: make its in_channels \(n[n.count - 1]), or make the layer before it output \(n[n.count - 2])"
        case "BatchNorm2d" where error.message.contains("channels, got") && n.count >= 2:
            return "BatchNorm2d must get the out_channels of the conv before it: BatchNorm2d(\(n[n.count - 1]))"
        case "Linear" where error.message.contains("input features, got") && n.count >= 2:
            return "the flattened input has \(n[n.count - 1]) features: use Linear(\(n[n.count - 1]), …) or change the layers before it"
        default:
            return nil
        }
    }

    /// When branches disagree on H×W, the first stride-1 conv or pool in `block` whose
    /// padding does not keep the size: "a 5×5 kernel keeps 28×28 only with padding=2".
    static func sizeChangingLayer(in block: Module, expected: [Int]?) -> String? {
        guard let expected, expected.count == 4 else { return nil }
        let size = "\(expected[2])×\(expected[3])"
        for (relative, m) in block.namedModules() {
            let window: Window2d
            switch m {
            case let c as Conv2d: window = c.window
            case let p as MaxPool2d: window = p.window
            case let p as AvgPool2d: window = p.window
            default: continue
            }
            let k = window.kernel.h
            guard window.stride == (1, 1), k % 2 == 1, window.padding.h * 2 != k - 1 else { continue }
            let path = block.path.isEmpty ? relative : (relative.isEmpty ? block.path : "\(block.path).\(relative)")
            return "\(path) is a \(k)×\(k) \(m.typeName) with padding=\(window.padding.h): a \(k)×\(k) kernel keeps \(size) only with padding=\((k - 1) / 2)"
        }
        return nil
    }
}
