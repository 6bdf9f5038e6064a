extension RGBImage {
    /// The most pixels a PNG or JPEG may have to be loaded (2^28, e.g. 16384×16384): a file of a
    /// few hundred bytes can claim 20000×20000 pixels and take gigabytes and seconds to decode.
    public static let maxPixels = 1 << 28
}
