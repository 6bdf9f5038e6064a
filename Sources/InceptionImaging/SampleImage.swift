/// The project's own sample picture, drawn in code so that feature maps can be shown with
/// nothing downloaded: a sky-to-sand gradient, a red disc in a white ring, a checkerboard,
/// vertical and horizontal stripes, a purple triangle on green ground. Edges are antialiased with
/// 4×4 samples per pixel. Only + − × ÷ are used, so every platform draws the same bytes;
/// `Lessons/assets/sample.png` is this picture at its default size.
public enum SampleImage {
    public static let defaultWidth = 320, defaultHeight = 240

    public typealias Color = (r: Float, g: Float, b: Float)

    /// The picture at width×height (the scene is laid out on 320×240 and scaled).
    public static func draw(width: Int = defaultWidth, height: Int = defaultHeight) -> RGBImage {
        precondition(width > 0 && height > 0, "sample image of empty size")
        var image = RGBImage(width: width, height: height)
        let (sx, sy) = (Float(defaultWidth) / Float(width), Float(defaultHeight) / Float(height))
        let samples = 4
        for y in 0..<height {
            for x in 0..<width {
                var sum: Color = (0, 0, 0)
                for j in 0..<samples {
                    for i in 0..<samples {
                        let px = (Float(x) + (Float(i) + 0.5) / Float(samples)) * sx
                        let py = (Float(y) + (Float(j) + 0.5) / Float(samples)) * sy
                        let c = scene(px, py)
                        sum = (sum.r + c.r, sum.g + c.g, sum.b + c.b)
                    }
                }
                let n = Float(samples * samples)
                image[x, y] = (byte(sum.r / n), byte(sum.g / n), byte(sum.b / n))
            }
        }
        return image
    }

    static func byte(_ v: Float) -> UInt8 { UInt8(min(max(v, 0), 255).rounded()) }

    static func mix(_ a: Color, _ b: Color, _ t: Float) -> Color {
        (a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t)
    }

    /// The colour at a point of the 320×240 scene; later shapes cover earlier ones. Every shape
    /// lies inside x 55…264, y 15…225, the part that survives ImageNet preprocessing's centre crop.
    static func scene(_ x: Float, _ y: Float) -> Color {
        var c = mix((40, 90, 170), (250, 220, 170), y / 240)                          // sky to sand
        if y > 180 { c = mix((70, 150, 60), (30, 90, 30), (y - 180) / 60) }           // ground
        let (dx, dy) = (x - 100, y - 75)
        let r2 = dx * dx + dy * dy
        if r2 < 36 * 36 { c = (245, 245, 245) }                                       // white ring
        if r2 < 28 * 28 { c = (215, 35, 40) }                                         // red disc
        if (150..<210).contains(x), (25..<85).contains(y) {                           // checkerboard
            let odd = (Int((x - 150) / 10) + Int((y - 25) / 10)) % 2 == 1
            c = odd ? (20, 20, 20) : (235, 235, 235)
        }
        if (218..<258).contains(x), (25..<165).contains(y) {                          // vertical stripes
            c = Int((x - 218) / 8) % 2 == 0 ? (250, 205, 40) : (25, 35, 100)
        }
        if (150..<210).contains(x), (100..<160).contains(y) {                         // horizontal stripes
            c = Int((y - 100) / 6) % 2 == 0 ? (250, 250, 250) : (120, 20, 30)
        }
        if inTriangle(x, y, (70, 215), (120, 125), (170, 215)) { c = (140, 60, 180) }  // triangle
        return c
    }

    static func inTriangle(_ x: Float, _ y: Float, _ a: (Float, Float), _ b: (Float, Float), _ c: (Float, Float)) -> Bool {
        func side(_ p: (Float, Float), _ q: (Float, Float)) -> Float { (q.0 - p.0) * (y - p.1) - (q.1 - p.1) * (x - p.0) }
        let (s1, s2, s3) = (side(a, b), side(b, c), side(c, a))
        return (s1 >= 0 && s2 >= 0 && s3 >= 0) || (s1 <= 0 && s2 <= 0 && s3 <= 0)
    }
}
