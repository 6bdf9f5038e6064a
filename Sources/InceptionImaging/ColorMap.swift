/// A colour map: a value in [0, 1] → an RGB colour. `viridis` is matplotlib's default map
/// (dark purple → blue → green → yellow), perceptually uniform and readable in grey.
public struct ColorMap: Sendable {
    /// Evenly spaced anchor colours; values between anchors are interpolated linearly.
    public let anchors: [(r: UInt8, g: UInt8, b: UInt8)]

    public init(anchors: [(r: UInt8, g: UInt8, b: UInt8)]) {
        precondition(anchors.count >= 2, "a colour map needs at least two colours")
        self.anchors = anchors
    }

    /// matplotlib's viridis at 0, 1/8, …, 1 (#440154 … #fde725).
    public static let viridis = ColorMap(anchors: [
        (0x44, 0x01, 0x54), (0x47, 0x2D, 0x7B), (0x3B, 0x52, 0x8B), (0x2C, 0x72, 0x8E), (0x21, 0x91, 0x8C),
        (0x28, 0xAE, 0x80), (0x5E, 0xC9, 0x62), (0xAD, 0xDC, 0x30), (0xFD, 0xE7, 0x25),
    ])

    /// Black to white.
    public static let grey = ColorMap(anchors: [(0, 0, 0), (255, 255, 255)])

    /// The colour for t (clamped to [0, 1]; NaN gives the lowest colour).
    public func color(_ t: Float) -> (r: UInt8, g: UInt8, b: UInt8) {
        let clamped = t.isNaN ? 0 : min(max(t, 0), 1)
        let position = clamped * Float(anchors.count - 1)
        let i = min(Int(position), anchors.count - 2)
        let f = position - Float(i)
        let (a, b) = (anchors[i], anchors[i + 1])
        func mix(_ x: UInt8, _ y: UInt8) -> UInt8 { UInt8((Float(x) + (Float(y) - Float(x)) * f).rounded()) }
        return (mix(a.r, b.r), mix(a.g, b.g), mix(a.b, b.b))
    }
}
