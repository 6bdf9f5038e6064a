/// The arithmetic of a 2-D convolution or pooling window, shared by kernels and shape inference.
public struct Window2d: Equatable, Sendable {
    public var kernel: (h: Int, w: Int)
    public var stride: (h: Int, w: Int)
    public var padding: (h: Int, w: Int)
    public var ceilMode: Bool

    public init(kernel: Int, stride: Int, padding: Int = 0, ceilMode: Bool = false) {
        self.init(kernel: (kernel, kernel), stride: (stride, stride), padding: (padding, padding), ceilMode: ceilMode)
    }

    public init(kernel: (h: Int, w: Int), stride: (h: Int, w: Int), padding: (h: Int, w: Int), ceilMode: Bool = false) {
        self.kernel = kernel; self.stride = stride; self.padding = padding; self.ceilMode = ceilMode
    }

    public static func == (a: Window2d, b: Window2d) -> Bool {
        a.kernel == b.kernel && a.stride == b.stride && a.padding == b.padding && a.ceilMode == b.ceilMode
    }

    /// ⌊(H + 2p − k)/s⌋ + 1, or with ceil_mode ⌈…⌉ + 1 where the last window must start
    /// inside the input or its left padding (PyTorch's rule). May be ≤ 0 for a too-small input.
    public static func outputLength(_ size: Int, kernel k: Int, stride s: Int, padding p: Int, ceilMode: Bool) -> Int {
        // Saturating: a padding of 2^62 gives a huge length (refused by the memory budget), not a trap.
        let padded = size.addingReportingOverflow(p.multipliedReportingOverflow(by: 2).partialValue)
        guard p < Int.max / 4, !padded.overflow, s > 0 else { return Int.max / 2 }
        let span = padded.partialValue - k
        if span < 0 && !ceilMode { return 0 }
        // ceil_mode: the last window may start inside and reach past the input, even when the
        // kernel is larger than the padded input (PyTorch's pooling_output_shape, floor division)
        let numerator = ceilMode ? span + s - 1 : span
        var out = (numerator >= 0 ? numerator / s : -((-numerator + s - 1) / s)) + 1
        if ceilMode && (out - 1) * s >= size + p { out -= 1 }
        return max(out, 0)
    }

    public func outputSize(height: Int, width: Int) -> (h: Int, w: Int) {
        (Window2d.outputLength(height, kernel: kernel.h, stride: stride.h, padding: padding.h, ceilMode: ceilMode),
         Window2d.outputLength(width, kernel: kernel.w, stride: stride.w, padding: padding.w, ceilMode: ceilMode))
    }

    /// "7×7/2, padding 3" for messages and traces.
    public var label: String {
        let k = kernel.h == kernel.w ? "\(kernel.h)×\(kernel.h)" : "\(kernel.h)×\(kernel.w)"
        let s = stride.h == stride.w ? "\(stride.h)" : "(\(stride.h), \(stride.w))"
        var text = "\(k)/\(s)"
        if padding != (0, 0) { text += padding.h == padding.w ? ", padding \(padding.h)" : ", padding (\(padding.h), \(padding.w))" }
        if ceilMode { text += ", ceil_mode" }
        return text
    }
}
