import Foundation
import InceptionRuntime

/// Max and average pooling beyond what the runtime's MaxPool2d and AvgPool2d layers take
/// (square windows, dilation 1, padding counted): rectangular kernels, strides and padding,
/// dilated max pooling, count_include_pad=False and divisor_override, run as gathers over the
/// windows (BuiltinsWindowGather) so the backward is PyTorch's. PyTorch's checks and messages.
extension Interpreter {
    /// An int or a pair (h, w), as PyTorch's _pair reads pooling arguments.
    static func poolPair(_ v: Value, _ function: String, _ name: String) throws -> (h: Int, w: Int) {
        if let i = v.asInt, case .int = v { return (i, i) }
        if let items = v.sequenceItems(), v.typeName != "str" {
            let ints = items.compactMap { item -> Int? in if case .int(let i) = item { return i } else { return nil } }
            if ints.count == 1, items.count == 1 { return (ints[0], ints[0]) }
            if ints.count == 2, items.count == 2 { return (ints[0], ints[1]) }
        }
        throw LanguageFailure("\(function)(): \(name) must be an int or a pair of ints, got \(v.repr)", as: .typeError)
    }

    /// The pooling window from kernel_size, stride (None: the kernel), padding and dilation, checked
    /// as PyTorch checks them; nil when the runtime's square layer takes it as it is.
    static func generalPoolWindow(_ a: BoundArguments, _ function: String, maximum: Bool) throws -> PoolWindow? {
        let kernel = try poolPair(a["kernel_size"], function, "kernel_size")
        let stride = a["stride"].isNone ? kernel : try poolPair(a["stride"], function, "stride")
        let padding = try poolPair(a["padding"], function, "padding")
        let dilation = maximum ? try poolPair(a["dilation"], function, "dilation") : (h: 1, w: 1)
        let ceil = try a.bool("ceil_mode")
        // PyTorch's checks (pooling_output_shape), each dim in turn, height first
        guard stride.h != 0, stride.w != 0 else { throw LanguageFailure("stride should not be zero") }
        guard kernel.h > 0, kernel.w > 0 else { throw LanguageFailure("kernel size should be greater than zero, but got kH: \(kernel.h) kW: \(kernel.w)") }
        guard stride.h > 0, stride.w > 0 else { throw LanguageFailure("stride should be greater than zero, but got dH: \(stride.h) dW: \(stride.w)") }
        guard dilation.h > 0, dilation.w > 0 else { throw LanguageFailure("dilation should be greater than zero, but got dilationH: \(dilation.h) dilationW: \(dilation.w)") }
        for (p, k, d) in [(padding.h, kernel.h, dilation.h), (padding.w, kernel.w, dilation.w)] where p < 0 || p > ((k - 1) * d + 1) / 2 {
            throw LanguageFailure("pad should be at most half of effective kernel size, but got pad=\(p), kernel_size=\(k) and dilation=\(d)")
        }
        if !maximum, let divisor = try a.optionalInt("divisor_override"), divisor == 0 { throw LanguageFailure("divisor must be not zero") }
        let countsPadding = maximum ? true : try a.bool("count_include_pad")
        let plain = kernel.h == kernel.w && stride.h == stride.w && padding.h == padding.w && dilation == (1, 1)
            && countsPadding && a["divisor_override"].isNone
        if plain { return nil }
        return PoolWindow(kernel: kernel, stride: stride, padding: padding, dilation: dilation, ceilMode: ceil)
    }

    /// The pool over the last two dims of a (C, H, W) or (N, C, H, W) input through `window`:
    /// the maxima (and their indices within each plane) or the averages.
    static func generalPool(_ x: Tensor, _ window: PoolWindow, _ a: BoundArguments, _ function: String, maximum: Bool) throws -> (Tensor, Tensor?) {
        // the input checked as PyTorch's call checks it (its rank, empty dims, an output too small)
        let (k, s, p, d) = (window.kernel, window.stride, window.padding, window.dilation)
        _ = try checkedPool2dWindow(x, kernel: [k.h, k.w], stride: [s.h, s.w], padding: [p.h, p.w], dilation: maximum ? [d.h, d.w] : nil,
                                    ceil: window.ceilMode, divisor: maximum ? nil : try a.optionalInt("divisor_override"), name: maximum ? "max_pool2d" : "avg_pool2d")
        if maximum {
            let (y, indices) = try maxPoolWithIndices(x, window, label: "max_pool2d")
            y.gradNode?.displayName = "MaxPool2DWithIndicesBackward0"
            return (y, indices)
        }
        let y = try averagePool(x, window, countPadding: try a.bool("count_include_pad"), divisor: try a.optionalInt("divisor_override"))
        y.gradNode?.displayName = "AvgPool2DBackward0"
        return (y, nil)
    }
}
