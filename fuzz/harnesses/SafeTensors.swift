// safetensors parsing, then loading the result into a small module (missing/extra keys).
import InceptionRuntime

@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    smallBudget(); return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSafeTensors(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let file = try? SafeTensorsFile.parse(bytes(data, size), source: "fuzz.safetensors") else { return 0 }
    for name in file.order { if let t = file.tensors[name], t.count > 0 { _ = t.data[t.count - 1] } }
    return 0
}
