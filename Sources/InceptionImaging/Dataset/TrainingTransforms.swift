import Foundation
import InceptionRuntime

/// Turning a picture into the network's input: 3·size·size floats, channel-major (CHW),
/// ImageNet-normalised as torchvision's `Normalize(mean=[0.485, 0.456, 0.406], std=[0.229, 0.224, 0.225])`.
public enum TrainingTransforms {
    /// torchvision's eval preprocessing at `size`: `Resize(size·256/224)` (the shorter side, PIL's
    /// antialiased bilinear), `CenterCrop(size)`, `ToTensor()`, `Normalize(…)`. An image that is
    /// already size×size (the built-in data set's) is only normalised: resizing it up and
    /// cropping the middle back out would throw away its edges.
    public static func evaluation(_ image: RGBImage, size: Int) throws -> [Float] {
        try check(image, size: size)
        if image.width == size && image.height == size { return normalized(image) }
        return normalized(try resizeAndCenterCrop(image, size: size))
    }

    /// Training augmentation: a random crop (torchvision's `RandomResizedCrop(size, scale=(0.5, 1),
    /// ratio=(3/4, 4/3))`: a region of 50–100% of the area and aspect ratio 3/4–4/3, resized to
    /// size×size) and a random horizontal flip (probability ½), each optional; then normalised.
    /// Without the random crop the picture is sized as `evaluation` sizes it. Draws from `rng`:
    /// the crop first (as torchvision's get_params does), then one number for the flip.
    public static func training(_ image: RGBImage, size: Int, randomCrop: Bool, flip: Bool,
                                rng: inout SeededRandom) throws -> [Float] {
        try check(image, size: size)
        var picture: RGBImage
        if randomCrop {
            let box = randomResizedCropBox(width: image.width, height: image.height, rng: &rng)
            picture = ImageResize.bilinear(crop(image, box), width: size, height: size)
        } else if image.width == size && image.height == size {
            picture = image
        } else {
            picture = try resizeAndCenterCrop(image, size: size)
        }
        if flip && rng.nextUnit() < 0.5 { picture = mirrored(picture) }
        return normalized(picture)
    }

    /// `ToTensor()` + `Normalize(…)`: channel c of pixel p is (byte / 255 − mean[c]) / std[c], CHW.
    public static func normalized(_ image: RGBImage) -> [Float] {
        let plane = image.width * image.height
        var out = [Float](repeating: 0, count: 3 * plane)
        let mean = ImageNetPreprocessing.mean, std = ImageNetPreprocessing.std
        out.withUnsafeMutableBufferPointer { o in
            image.pixels.withUnsafeBufferPointer { px in
                for c in 0..<3 {
                    let (m, s) = (mean[c], std[c])
                    for p in 0..<plane { o[c * plane + p] = (Float(px[3 * p + c]) / 255 - m) / s }
                }
            }
        }
        return out
    }

    /// The image mirrored left to right.
    public static func mirrored(_ image: RGBImage) -> RGBImage {
        var out = image
        let w = image.width
        for y in 0..<image.height {
            for x in 0..<w {
                let (to, from) = ((y * w + x) * 3, (y * w + w - 1 - x) * 3)
                out.pixels[to] = image.pixels[from]; out.pixels[to + 1] = image.pixels[from + 1]; out.pixels[to + 2] = image.pixels[from + 2]
            }
        }
        return out
    }

    /// The shorter side the eval resize gives at this input size: 256 for 224, as torchvision.
    public static func resizeSide(for size: Int) -> Int { size * 256 / 224 }

    static func check(_ image: RGBImage, size: Int) throws {
        guard size > 0 && size <= 4096 else { throw ImageError(file: "image", "cannot prepare an input of size \(size): give 1 to 4096") }
        guard image.isWellFormed else {
            throw ImageError(file: "image", "a \(image.width)×\(image.height) image with \(image.pixels.count) bytes cannot be preprocessed")
        }
    }

    static func resizeAndCenterCrop(_ image: RGBImage, size: Int) throws -> RGBImage {
        let side = resizeSide(for: size)
        let (w, h) = ImageNetPreprocessing.resizedSize(width: image.width, height: image.height, shorterSide: side)
        guard w * h <= 1 << 26 else {
            throw ImageError(file: "image", "a \(image.width)×\(image.height) image would be resized to \(w)×\(h): it is too narrow for the shorter side to become \(side); crop it first")
        }
        return ImageNetPreprocessing.centerCrop(ImageResize.bilinear(image, width: w, height: h), to: size)
    }

    /// The region (left, top, width, height) of torchvision's `RandomResizedCrop.get_params`
    /// with scale (0.5, 1) and ratio (3/4, 4/3): ten tries at a random area and log-uniform
    /// aspect ratio that fits, else the centre crop at the nearest allowed ratio.
    public static func randomResizedCropBox(width: Int, height: Int, rng: inout SeededRandom,
                                     scale: (Double, Double) = (0.5, 1), ratio: (Double, Double) = (3.0 / 4, 4.0 / 3))
        -> (x: Int, y: Int, width: Int, height: Int) {
        let area = Double(width * height)
        let logRatio = (Foundation.log(ratio.0), Foundation.log(ratio.1))
        for _ in 0..<10 {
            let target = area * rng.uniform(scale.0, scale.1)
            let aspect = Foundation.exp(rng.uniform(logRatio.0, logRatio.1))
            let w = Int((target * aspect).squareRoot().rounded(.toNearestOrEven))
            let h = Int((target / aspect).squareRoot().rounded(.toNearestOrEven))
            if w > 0 && w <= width && h > 0 && h <= height {
                let y = randomInt(0...(height - h), &rng), x = randomInt(0...(width - w), &rng)
                return (x, y, w, h)
            }
        }
        let inRatio = Double(width) / Double(height)
        var (w, h) = (width, height)
        if inRatio < ratio.0 {
            h = Int((Double(w) / ratio.0).rounded(.toNearestOrEven))
        } else if inRatio > ratio.1 {
            w = Int((Double(h) * ratio.1).rounded(.toNearestOrEven))
        }
        return ((width - w) / 2, (height - h) / 2, w, h)
    }

    static func randomInt(_ range: ClosedRange<Int>, _ rng: inout SeededRandom) -> Int {
        range.lowerBound + min(Int(rng.nextUnit() * Double(range.count)), range.count - 1)
    }

    static func crop(_ image: RGBImage, _ box: (x: Int, y: Int, width: Int, height: Int)) -> RGBImage {
        var pixels = [UInt8](repeating: 0, count: box.width * box.height * 3)
        for row in 0..<box.height {
            let from = ((box.y + row) * image.width + box.x) * 3
            pixels.replaceSubrange((row * box.width * 3)..<((row + 1) * box.width * 3), with: image.pixels[from..<(from + box.width * 3)])
        }
        return RGBImage(width: box.width, height: box.height, pixels: pixels)
    }
}
