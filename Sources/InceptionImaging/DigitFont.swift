/// A 3×5 pixel font of the digits 0–9, for channel numbers in feature-map grids.
enum DigitFont {
    static let width = 3, height = 5

    /// Each digit's five rows, three bits each (most significant bit = left column).
    static let rows: [[UInt8]] = [
        [0b111, 0b101, 0b101, 0b101, 0b111], // 0
        [0b010, 0b110, 0b010, 0b010, 0b111], // 1
        [0b111, 0b001, 0b111, 0b100, 0b111], // 2
        [0b111, 0b001, 0b011, 0b001, 0b111], // 3
        [0b101, 0b101, 0b111, 0b001, 0b001], // 4
        [0b111, 0b100, 0b111, 0b001, 0b111], // 5
        [0b111, 0b100, 0b111, 0b101, 0b111], // 6
        [0b111, 0b001, 0b010, 0b010, 0b010], // 7
        [0b111, 0b101, 0b111, 0b101, 0b111], // 8
        [0b111, 0b101, 0b111, 0b001, 0b111], // 9
    ]

    /// Width in pixels of `text` drawn at `scale` (one blank column between digits).
    static func measure(_ text: String, scale: Int) -> Int {
        let n = text.count
        return n == 0 ? 0 : (n * (width + 1) - 1) * scale
    }

    /// Draws the digits of `text` with the top-left corner at (x, y); other characters are skipped.
    static func draw(_ text: String, at x: Int, _ y: Int, scale: Int, color: (r: UInt8, g: UInt8, b: UInt8), on image: inout RGBImage) {
        var left = x
        for ch in text {
            guard let d = ch.wholeNumberValue, (0...9).contains(d) else { left += (width + 1) * scale; continue }
            for (row, bits) in rows[d].enumerated() {
                for col in 0..<width where bits & (1 << (width - 1 - col)) != 0 {
                    for dy in 0..<scale {
                        for dx in 0..<scale {
                            let px = left + col * scale + dx, py = y + row * scale + dy
                            if px >= 0, py >= 0, px < image.width, py < image.height { image[px, py] = color }
                        }
                    }
                }
            }
            left += (width + 1) * scale
        }
    }
}
