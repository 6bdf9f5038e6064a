import InceptionRuntime

/// Which part of a data set: the images a network learns from, or the ones it is checked on.
public enum DatasetSplit: String, CaseIterable, Sendable {
    case train, val
}

/// A built-in data set drawn in code, so training needs nothing downloaded: twelve classes of
/// shapes and textures a person can name, each picture a `size`×`size` RGB image with a random
/// background colour, a gentle gradient and pixel noise, and one figure in a random colour,
/// position, size and angle.
///
/// Several classes differ only in scale, so a network has to look at more than one: a small
/// square against a large one, fine stripes (a 4–6 pixel period at 224) against coarse ones
/// (14–28 pixels), dots against a filled circle. The stripe classes differ in orientation.
///
/// Every sample is drawn from its own generator, seeded by mixing (seed, split, index) with
/// SplitMix64, so any index is drawn without the others, train and val come from disjoint
/// streams, and the same (seed, split, index) always gives the same bytes: only + − × ÷ and
/// square roots are used (no sin, cos or exp), which IEEE arithmetic rounds the same everywhere.
/// Labels go round-robin (index i has class i mod 12), so every class has exactly
/// `trainPerClass` train and `valPerClass` val images.
public struct SyntheticShapes: Sendable {
    public static let classNames: [String] = [
        "circle", "ring", "square", "small square", "triangle", "cross",
        "horizontal stripes", "vertical stripes", "diagonal stripes", "fine stripes",
        "checkerboard", "dots",
    ]

    public let seed: UInt64
    public let size: Int
    public let trainPerClass: Int
    public let valPerClass: Int

    public init(seed: UInt64 = 0, size: Int = 224, trainPerClass: Int = 400, valPerClass: Int = 50) {
        precondition(size >= 16 && size <= 4096, "SyntheticShapes: size must be 16…4096, got \(size)")
        precondition(trainPerClass >= 0 && valPerClass >= 0, "SyntheticShapes: negative sample count")
        self.seed = seed
        self.size = size
        self.trainPerClass = trainPerClass
        self.valPerClass = valPerClass
    }

    public func count(_ split: DatasetSplit) -> Int {
        (split == .train ? trainPerClass : valPerClass) * Self.classNames.count
    }

    /// The label of the i-th image of a split (without drawing it).
    public func label(_ split: DatasetSplit, _ index: Int) -> Int { index % Self.classNames.count }

    /// The i-th image of a split and its label; the same (seed, split, i) always gives the same pixels.
    public func sample(_ split: DatasetSplit, _ index: Int) -> (image: RGBImage, label: Int) {
        precondition(index >= 0 && index < count(split), "SyntheticShapes: \(split.rawValue) index \(index) out of 0..<\(count(split))")
        let label = label(split, index)
        var rng = SeededRandom(seed: Self.sampleSeed(seed: seed, split: split, index: index))
        return (Self.draw(label: label, size: size, rng: &rng), label)
    }

    /// SplitMix64's finaliser: a bijective mix of 64 bits.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The seed of one sample's own generator: the split picks one of two salted streams.
    static func sampleSeed(seed: UInt64, split: DatasetSplit, index: Int) -> UInt64 {
        let salt: UInt64 = split == .train ? 0x7472_6169_6E00_0001 : 0x7661_6C00_0000_0002   // "train", "val"
        return mix(mix(seed ^ salt) &+ UInt64(truncatingIfNeeded: index))
    }
}

// MARK: - Drawing

extension SyntheticShapes {
    typealias Color = (r: Float, g: Float, b: Float)

    /// What one picture shows, in pixel units of the image being drawn.
    struct Figure {
        enum Kind { case disc, ring, box, triangle, cross, stripes, checkerboard, dots }
        var kind: Kind
        var cx: Float = 0, cy: Float = 0
        /// Rotation as a unit vector (cos, sin): local u = along it, v = across it.
        var c: Float = 1, s: Float = 0
        /// Sizes: radius / half side / half arm length (a); ring thickness, arm half width (b).
        var a: Float = 0, b: Float = 0
        /// Triangle vertices in image coordinates.
        var tri: [(Float, Float)] = []
        /// Textures: the period (stripe pitch, checker cell, dot spacing), the filled fraction
        /// (stripe duty, dot radius over spacing), a phase, and the patch they fill.
        var period: Float = 0, fill: Float = 0.5, phase: Float = 0
        var patch: (x0: Float, y0: Float, x1: Float, y1: Float) = (0, 0, 0, 0)
        var dotSeed: UInt64 = 0
    }

    static func uniform(_ rng: inout SeededRandom, _ low: Float, _ high: Float) -> Float {
        low + (high - low) * Float(rng.nextUnit())
    }

    /// A random unit vector within `maxTurn` (as tan of the angle) of (1, 0), or any direction.
    static func direction(_ rng: inout SeededRandom, maxTan: Float?) -> (c: Float, s: Float) {
        if let maxTan {
            let t = uniform(&rng, -maxTan, maxTan)
            let n = (1 + t * t).squareRoot()
            return (1 / n, t / n)
        }
        while true {
            let x = uniform(&rng, -1, 1), y = uniform(&rng, -1, 1)
            let r2 = x * x + y * y
            if r2 > 0.01 && r2 <= 1 { let n = r2.squareRoot(); return (x / n, y / n) }
        }
    }

    static func luminance(_ c: Color) -> Float { 0.299 * c.r + 0.587 * c.g + 0.114 * c.b }

    /// A background and a figure colour at least 70 apart in luminance.
    static func colors(_ rng: inout SeededRandom) -> (background: Color, figure: Color) {
        func random() -> Color { (uniform(&rng, 0, 255), uniform(&rng, 0, 255), uniform(&rng, 0, 255)) }
        let background = random()
        for _ in 0..<64 {
            let figure = random()
            if abs(luminance(figure) - luminance(background)) >= 70 { return (background, figure) }
        }
        return (background, luminance(background) > 127 ? (15, 15, 15) : (240, 240, 240))
    }

    /// A texture patch: a rectangle 45–100% of the image on each side, somewhere inside it.
    static func patch(_ rng: inout SeededRandom, _ n: Float) -> (x0: Float, y0: Float, x1: Float, y1: Float) {
        let w = uniform(&rng, 0.45, 1) * n, h = uniform(&rng, 0.45, 1) * n
        let x0 = uniform(&rng, 0, n - w), y0 = uniform(&rng, 0, n - h)
        return (x0, y0, x0 + w, y0 + h)
    }

    /// A centre that keeps a figure reaching `extent` from it inside the image (with a margin).
    static func center(_ rng: inout SeededRandom, _ n: Float, extent: Float) -> (Float, Float) {
        let lo = min(extent + 0.02 * n, n / 2), hi = max(n - extent - 0.02 * n, n / 2)
        return (uniform(&rng, lo, hi), uniform(&rng, lo, hi))
    }

    static func figure(label: Int, size: Int, rng: inout SeededRandom) -> Figure {
        let n = Float(size), k = n / 224   // sizes below are given at 224 and scaled
        switch SyntheticShapes.classNames[label] {
        case "circle":
            var f = Figure(kind: .disc)
            f.a = uniform(&rng, 0.16, 0.36) * n
            (f.cx, f.cy) = center(&rng, n, extent: f.a)
            return f
        case "ring":
            var f = Figure(kind: .ring)
            f.a = uniform(&rng, 0.17, 0.37) * n
            f.b = uniform(&rng, 0.18, 0.4) * f.a
            (f.cx, f.cy) = center(&rng, n, extent: f.a)
            return f
        case "square", "small square":
            var f = Figure(kind: .box)
            f.a = SyntheticShapes.classNames[label] == "square" ? uniform(&rng, 0.16, 0.31) * n : uniform(&rng, 0.03, 0.0625) * n
            (f.c, f.s) = direction(&rng, maxTan: 0.45)            // within ±24°
            (f.cx, f.cy) = center(&rng, n, extent: f.a * 1.42)
            return f
        case "triangle":
            var f = Figure(kind: .triangle)
            let r = uniform(&rng, 0.19, 0.38) * n
            (f.cx, f.cy) = center(&rng, n, extent: r)
            let (c, s) = direction(&rng, maxTan: nil)
            let h: Float = 0.866_025_4   // sin 120°
            for (vc, vs) in [(c, s), (-0.5 * c - h * s, h * c - 0.5 * s), (-0.5 * c + h * s, -h * c - 0.5 * s)] {
                let jitter = uniform(&rng, 0.85, 1)
                f.tri.append((f.cx + vc * r * jitter, f.cy + vs * r * jitter))
            }
            return f
        case "cross":
            var f = Figure(kind: .cross)
            f.a = uniform(&rng, 0.17, 0.35) * n
            f.b = uniform(&rng, 0.2, 0.32) * f.a
            (f.c, f.s) = direction(&rng, maxTan: 0.36)            // within ±20°
            (f.cx, f.cy) = center(&rng, n, extent: f.a * 1.1)
            return f
        case "horizontal stripes", "vertical stripes", "diagonal stripes", "fine stripes":
            var f = Figure(kind: .stripes)
            f.patch = patch(&rng, n)
            let name = SyntheticShapes.classNames[label]
            if name == "fine stripes" {
                f.period = max(uniform(&rng, 4, 6) * k, 3)
            } else {
                f.period = max(uniform(&rng, 14, 28) * k, 9)
            }
            f.fill = uniform(&rng, 0.4, 0.6)
            f.phase = uniform(&rng, 0, 1)
            // (c, s) is the stripes' normal: horizontal stripes vary along y.
            var turn = direction(&rng, maxTan: 0.09)              // within ±5°
            var orientation = name
            if name == "fine stripes" {
                orientation = ["horizontal stripes", "vertical stripes", "diagonal stripes"][Int(rng.next() % 3)]
            }
            if orientation == "diagonal stripes" { turn = direction(&rng, maxTan: 0.14) }
            switch orientation {
            case "horizontal stripes": (f.c, f.s) = (-turn.s, turn.c)
            case "vertical stripes": (f.c, f.s) = (turn.c, turn.s)
            default:
                // 45° or 135°: (1, ±1)/√2 turned by a few degrees.
                let sign: Float = rng.next() & 1 == 0 ? 1 : -1
                let r: Float = 0.707_106_77
                let (dc, ds) = (r, sign * r)
                (f.c, f.s) = (dc * turn.c - ds * turn.s, dc * turn.s + ds * turn.c)
            }
            return f
        case "checkerboard":
            var f = Figure(kind: .checkerboard)
            f.patch = patch(&rng, n)
            f.period = max(uniform(&rng, 10, 22) * k, 5)
            (f.c, f.s) = direction(&rng, maxTan: 0.27)            // within ±15°
            f.phase = uniform(&rng, 0, 1)
            return f
        default:   // dots
            var f = Figure(kind: .dots)
            f.patch = patch(&rng, n)
            f.period = max(uniform(&rng, 16, 28) * k, 6)
            f.fill = uniform(&rng, 0.14, 0.26)
            (f.c, f.s) = direction(&rng, maxTan: nil)
            f.phase = uniform(&rng, 0, 1)
            f.dotSeed = rng.next()
            return f
        }
    }

    /// Signed distance (pixels, negative inside) of a box of half sides hx, hy in local coordinates.
    @inline(__always) static func boxDistance(_ u: Float, _ v: Float, _ hx: Float, _ hy: Float) -> Float {
        let qx = abs(u) - hx, qy = abs(v) - hy
        let ox = max(qx, 0), oy = max(qy, 0)
        return (ox * ox + oy * oy).squareRoot() + min(max(qx, qy), 0)
    }

    /// x − ⌊x⌋, in [0, 1).
    @inline(__always) static func fraction(_ x: Float) -> Float { x - x.rounded(.down) }

    /// How much of the pixel centred at (x, y) the figure covers, 0…1, from its signed
    /// distance (a one-pixel ramp: cheap antialiasing).
    @inline(__always) static func coverage(_ f: Figure, _ x: Float, _ y: Float) -> Float {
        let dx = x - f.cx, dy = y - f.cy
        let u = dx * f.c + dy * f.s, v = -dx * f.s + dy * f.c
        var d: Float
        switch f.kind {
        case .disc:
            d = (dx * dx + dy * dy).squareRoot() - f.a
        case .ring:
            let r = (dx * dx + dy * dy).squareRoot()
            d = max(r - f.a, f.a - f.b - r)
        case .box:
            d = boxDistance(u, v, f.a, f.a)
        case .cross:
            d = min(boxDistance(u, v, f.a, f.b), boxDistance(u, v, f.b, f.a))
        case .triangle:
            d = -Float.infinity
            for i in 0..<3 {
                let (ax, ay) = f.tri[i], (bx, by) = f.tri[(i + 1) % 3]
                let ex = bx - ax, ey = by - ay, len = (ex * ex + ey * ey).squareRoot()
                // Vertices go by increasing angle, so the outward normal is (ey, −ex).
                d = max(d, ((x - ax) * ey - (y - ay) * ex) / len)
            }
        case .stripes:
            let t = fraction(u / f.period + f.phase)
            d = (abs(t - 0.5) - f.fill / 2) * f.period
        case .checkerboard:
            func signedEdge(_ w: Float) -> Float {
                let cell = w / f.period + f.phase
                let t = fraction(cell), even = Int(cell.rounded(.down)) & 1 == 0
                let edge = min(t, 1 - t) * f.period
                return even ? edge : -edge
            }
            let sx = signedEdge(u), sy = signedEdge(v)
            let inside = (sx >= 0) == (sy >= 0)
            d = (inside ? -1 : 1) * min(abs(sx), abs(sy))
        case .dots:
            let gu = u / f.period + f.phase, gv = v / f.period + f.phase
            let iu = gu.rounded(.down), iv = gv.rounded(.down)
            // Each grid cell holds at most one dot, jittered inside it; about one in six is missing.
            let h = mix(f.dotSeed ^ UInt64(bitPattern: Int64(iu) &* 73_856_093 ^ Int64(iv) &* 19_349_663))
            if h % 6 == 0 { return 0 }
            let jx = Float(h >> 40 & 0xff) / 255 - 0.5, jy = Float(h >> 48 & 0xff) / 255 - 0.5
            let px = (gu - iu - 0.5 - 0.4 * jx) * f.period, py = (gv - iv - 0.5 - 0.4 * jy) * f.period
            d = (px * px + py * py).squareRoot() - f.fill * f.period
            // Whole dots only: a dot is drawn if it lies inside the patch.
            let (ox, oy) = (x - (px * f.c - py * f.s), y - (px * f.s + py * f.c))   // its centre
            let r = f.fill * f.period, p = f.patch
            if ox - r < p.x0 || ox + r > p.x1 || oy - r < p.y0 || oy + r > p.y1 { d = f.period }
            return min(max(0.5 - d, 0), 1)
        }
        if f.kind == .stripes || f.kind == .checkerboard {
            let p = f.patch
            let pd = boxDistance(x - (p.x0 + p.x1) / 2, y - (p.y0 + p.y1) / 2, (p.x1 - p.x0) / 2, (p.y1 - p.y0) / 2)
            d = max(d, pd)
        }
        return min(max(0.5 - d, 0), 1)
    }

    /// One picture of class `label`.
    static func draw(label: Int, size: Int, rng: inout SeededRandom) -> RGBImage {
        let (background, figureColor) = colors(&rng)
        let f = figure(label: label, size: size, rng: &rng)
        // Background: a gradient to a nearby colour along a random direction, then grey noise.
        let far: Color = (background.r + uniform(&rng, -40, 40), background.g + uniform(&rng, -40, 40),
                          background.b + uniform(&rng, -40, 40))
        let (gc, gs) = direction(&rng, maxTan: nil)
        let noise = uniform(&rng, 0, 24)
        let noiseSeed = rng.next()
        let n = Float(size)
        var pixels = [UInt8](repeating: 0, count: size * size * 3)
        pixels.withUnsafeMutableBufferPointer { out in
            for y in 0..<size {
                let fy = Float(y) + 0.5
                for x in 0..<size {
                    let fx = Float(x) + 0.5
                    // 0…1 across the image along (gc, gs).
                    let g = ((fx - n / 2) * gc + (fy - n / 2) * gs) / n + 0.5
                    var r = background.r + (far.r - background.r) * g
                    var gr = background.g + (far.g - background.g) * g
                    var b = background.b + (far.b - background.b) * g
                    let cover = coverage(f, fx, fy)
                    if cover > 0 {
                        r += (figureColor.r - r) * cover
                        gr += (figureColor.g - gr) * cover
                        b += (figureColor.b - b) * cover
                    }
                    let p = y * size + x
                    let h = mix(noiseSeed &+ UInt64(p))
                    let e = noise * (Float(h >> 40) / Float(1 << 24) * 2 - 1)
                    out[3 * p] = byte(r + e); out[3 * p + 1] = byte(gr + e); out[3 * p + 2] = byte(b + e)
                }
            }
        }
        return RGBImage(width: size, height: size, pixels: pixels)
    }

    @inline(__always) static func byte(_ v: Float) -> UInt8 { UInt8(min(max(v, 0), 255).rounded()) }
}
