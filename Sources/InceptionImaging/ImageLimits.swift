extension RGBImage {
    /// The most pixels a PNG or JPEG may have to be loaded (2^28, e.g. 16384×16384): a file of a
    /// few hundred bytes can claim 20000×20000 pixels and take gigabytes and seconds to decode.
    /// Settable so a fuzzer (fuzz/harnesses/Images.swift) can use a smaller cap.
    nonisolated(unsafe) public static var maxPixels = 1 << 28
}
