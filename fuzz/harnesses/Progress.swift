// Loading progress.json: decoding, the unreadable-file backup and the warning.
import Foundation
import InceptionCurriculum

nonisolated(unsafe) var store: StateStore!

@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    let dir = NSTemporaryDirectory() + "inception-fuzz-progress-\(getpid())"
    store = StateStore(environment: ["XDG_STATE_HOME": dir])
    try? FileManager.default.createDirectory(atPath: store.directory, withIntermediateDirectories: true)
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzProgress(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = Data(bytes(data, size))
    _ = try? JSONDecoder().decode(StateStore.Progress.self, from: input)
    FileManager.default.createFile(atPath: store.progressFile, contents: input)
    var progress = store.loadProgress { _ in }
    progress.record("fuzz", .passed("fuzz"))
    _ = try? JSONEncoder().encode(progress)
    return 0
}
