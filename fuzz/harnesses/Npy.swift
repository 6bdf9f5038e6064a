// .npy parsing (every dtype and header the reader accepts).
import InceptionRuntime

@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    smallBudget(); return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNpy(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    if let t = try? readNpy(bytes: bytes(data, size), source: "fuzz.npy") { _ = t.count > 0 ? t.data[t.count - 1] : 0 }
    return 0
}
