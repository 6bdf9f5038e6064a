// PNG and JPEG decoding under a pixel budget of 2^20 (the product's is 2^28).
import InceptionImaging

@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    RGBImage.maxPixels = 1 << 20; return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzImages(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = bytes(data, size)
    // Both decoders see every input: a PNG signature in front of JPEG bytes and the reverse.
    if let image = try? PNGCodec.decode(input, source: "fuzz.png") { _ = image.pixels.count }
    if let image = try? JPEGCodec.decode(input, source: "fuzz.jpg") { _ = image.pixels.count }
    return 0
}
