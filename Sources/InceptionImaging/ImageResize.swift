/// Resizing as PIL's `Image.resize(size, Image.BILINEAR)` does it, which is what
/// torchvision's `Resize` uses on PIL images: a triangle filter widened by the scale factor
/// when shrinking (so every input pixel contributes: antialiasing), applied horizontally,
/// rounded to 8 bits, then vertically. Coefficients are PIL's 22-bit fixed-point ones, so the
/// result is meant to equal PIL's byte for byte.
public enum ImageResize {
    static let precisionBits = 32 - 8 - 2

    /// The image resized to width×height.
    public static func bilinear(_ image: RGBImage, width: Int, height: Int) -> RGBImage {
        precondition(image.isWellFormed && width > 0 && height > 0, "resize of a malformed image or to an empty size")
        let needHorizontal = width != image.width, needVertical = height != image.height
        if !needHorizontal && !needVertical { return image }
        let horizontal = coefficients(inSize: image.width, outSize: width)
        let vertical = coefficients(inSize: image.height, outSize: height)
        var source = image
        var verticalBounds = vertical.bounds
        if needHorizontal {
            // Only the rows the vertical pass reads.
            let first = vertical.bounds[0].start
            let last = vertical.bounds[height - 1].start + vertical.bounds[height - 1].count
            if needVertical { for i in 0..<height { verticalBounds[i].start -= first } }
            let rows = needVertical ? first..<last : 0..<image.height
            source = horizontalPass(image, rows: rows, width: width, horizontal)
        }
        if needVertical {
            source = verticalPass(source, height: height, Filter(bounds: verticalBounds, size: vertical.size, weights: vertical.weights))
        }
        return source
    }

    /// For each output position: the first input index, how many inputs, and their weights
    /// (`size` slots per output, fixed point with `precisionBits` fraction bits).
    struct Filter {
        var bounds: [(start: Int, count: Int)]
        var size: Int
        var weights: [Int32]
    }

    /// PIL's precompute_coeffs for the bilinear (triangle) filter, support 1, then its
    /// normalize_coeffs_8bpc.
    static func coefficients(inSize: Int, outSize: Int) -> Filter {
        let scale = Double(inSize) / Double(outSize)
        let filterScale = max(scale, 1)
        let support = 1.0 * filterScale
        let size = Int(support.rounded(.up)) * 2 + 1
        var bounds: [(start: Int, count: Int)] = []
        bounds.reserveCapacity(outSize)
        var weights = [Int32](repeating: 0, count: outSize * size)
        var k = [Double](repeating: 0, count: size)
        for xx in 0..<outSize {
            let center = (Double(xx) + 0.5) * scale
            let ss = 1 / filterScale
            let xmin = max(Int(center - support + 0.5), 0)
            let xmax = min(Int(center + support + 0.5), inSize) - xmin
            var total = 0.0
            for x in 0..<max(xmax, 0) {
                let w = triangle((Double(x + xmin) - center + 0.5) * ss)
                k[x] = w
                total += w
            }
            for x in 0..<max(xmax, 0) {
                let w = total != 0 ? k[x] / total : k[x]
                let fixed = w * Double(1 << precisionBits)
                weights[xx * size + x] = Int32(w < 0 ? (fixed - 0.5) : (fixed + 0.5))
            }
            bounds.append((xmin, max(xmax, 0)))
        }
        return Filter(bounds: bounds, size: size, weights: weights)
    }

    static func triangle(_ x: Double) -> Double {
        let a = abs(x)
        return a < 1 ? 1 - a : 0
    }

    /// PIL's clip8: the fixed-point sum shifted down and clamped to 0…255.
    @inline(__always) static func clip8(_ sum: Int32) -> UInt8 {
        UInt8(clamping: sum >> Int32(precisionBits))
    }

    static func horizontalPass(_ image: RGBImage, rows: Range<Int>, width: Int, _ f: Filter) -> RGBImage {
        var out = [UInt8](repeating: 0, count: width * rows.count * 3)
        let inWidth = image.width
        image.pixels.withUnsafeBufferPointer { src in
            f.weights.withUnsafeBufferPointer { w in
                for (row, y) in rows.enumerated() {
                    for xx in 0..<width {
                        let (start, count) = f.bounds[xx]
                        var s0: Int32 = 1 << Int32(precisionBits - 1), s1 = s0, s2 = s0
                        for x in 0..<count {
                            let k = w[xx * f.size + x], p = (y * inWidth + start + x) * 3
                            s0 &+= Int32(src[p]) &* k; s1 &+= Int32(src[p + 1]) &* k; s2 &+= Int32(src[p + 2]) &* k
                        }
                        let o = (row * width + xx) * 3
                        out[o] = clip8(s0); out[o + 1] = clip8(s1); out[o + 2] = clip8(s2)
                    }
                }
            }
        }
        return RGBImage(width: width, height: rows.count, pixels: out)
    }

    static func verticalPass(_ image: RGBImage, height: Int, _ f: Filter) -> RGBImage {
        let width = image.width
        var out = [UInt8](repeating: 0, count: width * height * 3)
        image.pixels.withUnsafeBufferPointer { src in
            f.weights.withUnsafeBufferPointer { w in
                for yy in 0..<height {
                    let (start, count) = f.bounds[yy]
                    for xx in 0..<width {
                        var s0: Int32 = 1 << Int32(precisionBits - 1), s1 = s0, s2 = s0
                        for y in 0..<count {
                            let k = w[yy * f.size + y], p = ((start + y) * width + xx) * 3
                            s0 &+= Int32(src[p]) &* k; s1 &+= Int32(src[p + 1]) &* k; s2 &+= Int32(src[p + 2]) &* k
                        }
                        let o = (yy * width + xx) * 3
                        out[o] = clip8(s0); out[o + 1] = clip8(s1); out[o + 2] = clip8(s2)
                    }
                }
            }
        }
        return RGBImage(width: width, height: height, pixels: out)
    }
}
