extension RGBImage {
    /// A width×height image of one colour.
    public init(width: Int, height: Int, fill: (r: UInt8, g: UInt8, b: UInt8) = (0, 0, 0)) {
        var pixels = [UInt8](repeating: 0, count: max(width, 0) * max(height, 0) * 3)
        for i in stride(from: 0, to: pixels.count, by: 3) { (pixels[i], pixels[i + 1], pixels[i + 2]) = fill }
        self.init(width: width, height: height, pixels: pixels)
    }

    /// The (r, g, b) of the pixel at column x, row y (0-based, from the top left).
    public subscript(x: Int, y: Int) -> (r: UInt8, g: UInt8, b: UInt8) {
        get {
            let i = (y * width + x) * 3
            return (pixels[i], pixels[i + 1], pixels[i + 2])
        }
        set {
            let i = (y * width + x) * 3
            (pixels[i], pixels[i + 1], pixels[i + 2]) = newValue
        }
    }

    /// Whether the pixel buffer holds exactly width·height·3 bytes and the size is positive.
    public var isWellFormed: Bool { width > 0 && height > 0 && pixels.count == width * height * 3 }
}
