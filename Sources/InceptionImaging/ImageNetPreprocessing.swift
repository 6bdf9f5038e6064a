import InceptionRuntime

/// torchvision's standard ImageNet evaluation preprocessing, step by step:
///
///     transforms.Compose([transforms.Resize(256), transforms.CenterCrop(224), transforms.ToTensor(),
///                         transforms.Normalize(mean=[0.485, 0.456, 0.406], std=[0.229, 0.224, 0.225])])
///
/// Resize(256) scales the shorter side to 256 (the longer to ⌊256 · long / short⌋) with PIL's
/// antialiased bilinear filter (ImageResize); CenterCrop(224) cuts the middle 224×224, its
/// offset rounded half to even as Python's round(); ToTensor scales bytes to [0, 1];
/// Normalize subtracts the mean and divides by the standard deviation, per channel.
public enum ImageNetPreprocessing {
    public static let mean: [Float] = [0.485, 0.456, 0.406]
    public static let std: [Float] = [0.229, 0.224, 0.225]
    public static let resizeTo = 256
    public static let cropTo = 224

    /// Resize(size): the shorter side becomes `size`, the aspect ratio is kept.
    public static func resizedSize(width: Int, height: Int, shorterSide size: Int = resizeTo) -> (width: Int, height: Int) {
        let (short, long) = width <= height ? (width, height) : (height, width)
        let newLong = Int(Double(size * long) / Double(short))
        return width <= height ? (size, newLong) : (newLong, size)
    }

    public static func resizeShorterSide(_ image: RGBImage, to size: Int = resizeTo) -> RGBImage {
        let (w, h) = resizedSize(width: image.width, height: image.height, shorterSide: size)
        return ImageResize.bilinear(image, width: w, height: h)
    }

    /// CenterCrop(size) of an image at least size×size.
    public static func centerCrop(_ image: RGBImage, to size: Int = cropTo) -> RGBImage {
        precondition(image.width >= size && image.height >= size, "centre crop larger than the image")
        let top = Int((Double(image.height - size) / 2).rounded(.toNearestOrEven))
        let left = Int((Double(image.width - size) / 2).rounded(.toNearestOrEven))
        var pixels = [UInt8](repeating: 0, count: size * size * 3)
        for y in 0..<size {
            let from = ((top + y) * image.width + left) * 3
            pixels.replaceSubrange((y * size * 3)..<((y + 1) * size * 3), with: image.pixels[from..<(from + size * 3)])
        }
        return RGBImage(width: size, height: size, pixels: pixels)
    }

    /// ToTensor + Normalize: (1, 3, H, W) float32, channel c = (byte / 255 − mean[c]) / std[c].
    public static func normalizedTensor(_ image: RGBImage) -> Tensor {
        let (w, h) = (image.width, image.height)
        let t = Tensor(zeros: [1, 3, h, w])
        for c in 0..<3 {
            let plane = t.data + c * h * w
            for p in 0..<(w * h) { plane[p] = (Float(image.pixels[3 * p + c]) / 255 - mean[c]) / std[c] }
        }
        return t
    }

    /// The whole pipeline: any image → (1, 3, 224, 224).
    public static func tensor(from image: RGBImage) throws -> Tensor {
        guard image.isWellFormed else {
            throw ImageError(file: "image", "a \(image.width)×\(image.height) image with \(image.pixels.count) bytes cannot be preprocessed")
        }
        let (w, h) = resizedSize(width: image.width, height: image.height)
        guard w * h <= 1 << 26 else {
            throw ImageError(file: "image", "a \(image.width)×\(image.height) image would be resized to \(w)×\(h): it is too narrow for the shorter side to become \(resizeTo); crop it first")
        }
        return normalizedTensor(centerCrop(resizeShorterSide(image)))
    }

    /// One line saying what the pipeline does to an image of this size, for commands to print:
    /// "640×480 → resized 341×256 (shorter side 256, bilinear) → centre crop 224×224 → ImageNet normalisation".
    public static func describe(width: Int, height: Int) -> String {
        let (w, h) = resizedSize(width: width, height: height)
        return "\(width)×\(height) → resized \(w)×\(h) (shorter side \(resizeTo), bilinear) → centre crop \(cropTo)×\(cropTo) → ImageNet normalisation"
    }
}

/// `load_image(path)`: reads a PNG or JPEG file and applies torchvision's ImageNet
/// preprocessing; returns a (1, 3, 224, 224) float32 tensor ready for either variant.
public func loadImage(_ path: String) throws -> Tensor {
    let picture = try ImageFile.read(path)
    return try preparingPicture(from: path) { try ImageNetPreprocessing.tensor(from: picture) }
}
