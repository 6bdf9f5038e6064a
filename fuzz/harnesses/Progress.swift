// Loading progress.json: decoding every input, and one input in eight also through the file
// (StateStore.loadProgress: the unreadable-file backup and the warning), which is slower.
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
    var progress = (try? JSONDecoder().decode(StateStore.Progress.self, from: input)) ?? StateStore.Progress()
    if size > 0, data![size - 1] % 8 == 0 {
        FileManager.default.createFile(atPath: store.progressFile, contents: input)
        progress = store.loadProgress { _ in }
    }
    progress.record("fuzz", .passed("fuzz"))
    _ = try? JSONEncoder().encode(progress)
    return 0
}
