import InceptionRuntime

/// A picture of one module's output: every channel of one image of a (N, C, H, W) tensor as
/// a tile in a grid, coloured with a colour map, each tile headed by its channel number.
///
/// Tiles are laid out row by row, channel 0 at the top left, ⌈√C⌉ to a row. Small maps are
/// enlarged by a whole factor (nearest neighbour, so every cell of the map stays a square)
/// until a tile is at least 40 pixels across. By default each channel is scaled on its own,
/// its minimum to the colour map's start and its maximum to its end; a constant channel is
/// drawn in the start colour.
public struct FeatureMapGrid: Sendable {
    public enum Scaling: Sendable {
        /// Each channel from its own minimum to its own maximum (shows every channel's pattern).
        case perChannel
        /// All channels on one scale (shows which channels respond most strongly).
        case shared
    }

    public var colorMap: ColorMap
    public var scaling: Scaling
    /// Channel numbers above the tiles.
    public var labels: Bool

    public init(colorMap: ColorMap = .viridis, scaling: Scaling = .perChannel, labels: Bool = true) {
        self.colorMap = colorMap; self.scaling = scaling; self.labels = labels
    }

    /// Where the tiles go, for a map of `channels` channels of height×width.
    public struct Layout: Equatable, Sendable {
        public var channels, columns, rows: Int
        /// Each map cell becomes zoom×zoom pixels.
        public var zoom: Int
        public var tileWidth, tileHeight: Int
        public var labelHeight: Int
        public var gap: Int
        public var imageWidth, imageHeight: Int

        /// The top-left pixel of channel c's tile (below its label).
        public func tileOrigin(_ c: Int) -> (x: Int, y: Int) {
            let (row, col) = (c / columns, c % columns)
            return (gap + col * (tileWidth + gap), gap + row * (labelHeight + tileHeight + gap) + labelHeight)
        }

        /// "256 channels in a 16×16 grid, each 28×28 map drawn 56×56"
        public var summary: String {
            "\(channels) channel\(channels == 1 ? "" : "s") in a \(columns)×\(rows) grid, each \(tileHeight / zoom)×\(tileWidth / zoom) map drawn \(tileHeight)×\(tileWidth)"
        }
    }

    public func layout(channels: Int, height: Int, width: Int) -> Layout {
        let columns = max(1, Int(Double(channels).squareRoot().rounded(.up)))
        let rows = max(1, (channels + columns - 1) / columns)
        let zoom = max(1, Int((40.0 / Double(max(height, width, 1))).rounded(.up)))
        let labelHeight = labels ? DigitFont.height + 3 : 0
        let gap = 2
        let (tw, th) = (width * zoom, height * zoom)
        return Layout(channels: channels, columns: columns, rows: rows, zoom: zoom, tileWidth: tw, tileHeight: th,
                      labelHeight: labelHeight, gap: gap,
                      imageWidth: gap + columns * (tw + gap), imageHeight: gap + rows * (labelHeight + th + gap))
    }

    static let background: (r: UInt8, g: UInt8, b: UInt8) = (24, 24, 24)
    static let labelColor: (r: UInt8, g: UInt8, b: UInt8) = (200, 200, 200)

    /// Renders image `batchIndex` of x: (N, C, H, W) as a grid picture.
    public func render(_ x: Tensor, batchIndex: Int = 0) throws -> RGBImage {
        guard x.rank == 4, !x.isMeta else {
            throw ImageError(file: "feature map grid", "needs a 4-D output (N, C, H, W) with values, got \(x.isMeta ? "a shape-only tensor" : formatShape(x.shape)); pick a module whose output is a stack of 2-D maps")
        }
        let (n, channels, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        guard (0..<n).contains(batchIndex) else {
            throw ImageError(file: "feature map grid", "image \(batchIndex + 1) asked for, but the batch holds \(n)")
        }
        guard channels > 0, h > 0, w > 0 else { throw ImageError(file: "feature map grid", "the output \(formatShape(x.shape)) is empty") }
        let layout = layout(channels: channels, height: h, width: w)
        guard layout.imageWidth * layout.imageHeight <= 1 << 26 else {
            throw ImageError(file: "feature map grid", "a grid of \(layout.summary) would be \(layout.imageWidth)×\(layout.imageHeight) pixels: too large to draw")
        }
        var image = RGBImage(width: layout.imageWidth, height: layout.imageHeight, fill: Self.background)
        let plane = h * w
        let base = x.data + batchIndex * channels * plane
        var shared: (lo: Float, hi: Float) = (0, 0)
        if scaling == .shared { shared = range(base, count: channels * plane) }
        for c in 0..<channels {
            let values = base + c * plane
            let (lo, hi) = scaling == .shared ? shared : range(values, count: plane)
            let span = hi - lo
            let origin = layout.tileOrigin(c)
            for my in 0..<h {
                for mx in 0..<w {
                    let v = values[my * w + mx]
                    let color = colorMap.color(span > 0 && span.isFinite ? (v - lo) / span : 0)
                    for dy in 0..<layout.zoom {
                        for dx in 0..<layout.zoom { image[origin.x + mx * layout.zoom + dx, origin.y + my * layout.zoom + dy] = color }
                    }
                }
            }
            if labels {
                DigitFont.draw(String(c), at: origin.x, origin.y - layout.labelHeight + 1, scale: 1, color: Self.labelColor, on: &image)
            }
        }
        return image
    }

    /// Finite minimum and maximum of `count` values ((0, 0) when none is finite).
    func range(_ values: UnsafeMutablePointer<Float>, count: Int) -> (lo: Float, hi: Float) {
        var lo = Float.infinity, hi = -Float.infinity
        for i in 0..<count where values[i].isFinite { lo = min(lo, values[i]); hi = max(hi, values[i]) }
        return lo <= hi ? (lo, hi) : (0, 0)
    }

    /// Renders and writes a PNG; returns the layout used, for telling the user what they see.
    @discardableResult
    public func write(_ x: Tensor, batchIndex: Int = 0, to path: String) throws -> Layout {
        let image = try render(x, batchIndex: batchIndex)
        try ImageFile.write(image, to: path)
        return layout(channels: x.shape[1], height: x.shape[2], width: x.shape[3])
    }
}
