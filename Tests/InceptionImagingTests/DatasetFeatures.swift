import InceptionImaging

/// Hand-made statistics of a picture, used to show the built-in classes differ on average
/// without training anything: orientation and scale of its edges, how much of it the figure
/// covers, and how compact the figure is.
enum PictureFeatures {
    static let names = ["vertical vs horizontal edges", "diagonal edges one way vs the other", "diagonal vs axis edges",
                        "fine vs coarse detail", "figure area", "figure compactness", "figure pieces",
                        "spread of the outline's distance from the figure's centre"]

    static func of(_ image: RGBImage) -> [Double] {
        let (w, h) = (image.width, image.height)
        var lum = [Double](repeating: 0, count: w * h)
        image.pixels.withUnsafeBufferPointer { p in
            for i in 0..<(w * h) { lum[i] = 0.299 * Double(p[3 * i]) + 0.587 * Double(p[3 * i + 1]) + 0.114 * Double(p[3 * i + 2]) }
        }
        func blurred(_ src: [Double], _ w: Int, _ h: Int, _ k: Int) -> ([Double], Int, Int) {
            let (bw, bh) = (w / k, h / k)
            var out = [Double](repeating: 0, count: bw * bh)
            for y in 0..<bh { for x in 0..<bw {
                var s = 0.0
                for j in 0..<k { for i in 0..<k { s += src[(y * k + j) * w + x * k + i] } }
                out[y * bw + x] = s / Double(k * k)
            } }
            return (out, bw, bh)
        }
        func diff(_ l: [Double], _ w: Int, _ h: Int, _ dx: Int, _ dy: Int) -> Double {
            var s = 0.0, n = 0
            for y in max(0, -dy)..<min(h, h - dy) { for x in max(0, -dx)..<min(w, w - dx) {
                s += abs(l[(y + dy) * w + x + dx] - l[y * w + x]); n += 1
            } }
            return s / Double(n)
        }
        let (b2, w2, h2) = blurred(lum, w, h, 2)
        let (b4, w4, h4) = blurred(lum, w, h, 4)
        let a = diff(b2, w2, h2, 1, 0), b = diff(b2, w2, h2, 0, 1), c = diff(b2, w2, h2, 1, 1), d = diff(b2, w2, h2, 1, -1)
        let fine = diff(lum, w, h, 1, 0) + diff(lum, w, h, 0, 1), coarse = diff(b4, w4, h4, 1, 0) + diff(b4, w4, h4, 0, 1)
        // The figure: blurred pixels far from the median (the background for a shape).
        let sorted = b2.sorted()
        let median = sorted[sorted.count / 2]
        let spread = max(abs(sorted[0] - median), abs(sorted[sorted.count - 1] - median))
        let mask = b2.map { abs($0 - median) > spread / 2 }
        var area = 0, perimeter = 0
        for y in 0..<h2 { for x in 0..<w2 {
            if mask[y * w2 + x] { area += 1 }
            if x + 1 < w2, mask[y * w2 + x] != mask[y * w2 + x + 1] { perimeter += 1 }
            if y + 1 < h2, mask[y * w2 + x] != mask[(y + 1) * w2 + x] { perimeter += 1 }
        } }
        // Connected pieces of the mask (4-neighbour flood fill).
        var seen = [Bool](repeating: false, count: w2 * h2), pieces = 0
        for start in 0..<(w2 * h2) where mask[start] && !seen[start] {
            pieces += 1
            var stack = [start]; seen[start] = true
            while let p = stack.popLast() {
                let (x, y) = (p % w2, p / w2)
                for (nx, ny) in [(x - 1, y), (x + 1, y), (x, y - 1), (x, y + 1)] where nx >= 0 && nx < w2 && ny >= 0 && ny < h2 {
                    let q = ny * w2 + nx
                    if mask[q] && !seen[q] { seen[q] = true; stack.append(q) }
                }
            }
        }
        // How round the outline is: the spread of its pixels' distances from the figure's centroid.
        var (sx, sy) = (0.0, 0.0)
        for p in 0..<(w2 * h2) where mask[p] { sx += Double(p % w2); sy += Double(p / w2) }
        (sx, sy) = (sx / Double(max(area, 1)), sy / Double(max(area, 1)))
        var radii: [Double] = []
        for y in 0..<h2 { for x in 0..<w2 where mask[y * w2 + x] {
            let edge = x == 0 || y == 0 || x == w2 - 1 || y == h2 - 1 || !mask[y * w2 + x - 1] || !mask[y * w2 + x + 1]
                || !mask[(y - 1) * w2 + x] || !mask[(y + 1) * w2 + x]
            if edge { radii.append(((Double(x) - sx) * (Double(x) - sx) + (Double(y) - sy) * (Double(y) - sy)).squareRoot()) }
        } }
        let rMean = radii.reduce(0, +) / Double(max(radii.count, 1))
        let rSD = (radii.map { ($0 - rMean) * ($0 - rMean) }.reduce(0, +) / Double(max(radii.count, 1))).squareRoot()
        return [(a - b) / (a + b), abs(c - d) / (c + d), (c + d) / (a + b), fine / max(coarse, 1e-9),
                Double(area) / Double(w2 * h2), Double(area) / Double(max(perimeter * perimeter, 1)), Double(pieces), rSD / max(rMean, 1e-9)]
    }
}
