// Shared by every harness (compiled into each one by fuzz/build.sh).
import Foundation
import InceptionRuntime

/// The fuzzer's bytes as an array (empty when size is 0).
func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
    guard let data, size > 0 else { return [] }
    return Array(UnsafeBufferPointer(start: data, count: size))
}

/// The fuzzer's bytes as text (invalid UTF-8 repaired, as `Script.load` does).
func text(_ data: UnsafePointer<UInt8>?, _ size: Int) -> String {
    String(decoding: bytes(data, size), as: UTF8.self)
}

/// A small memory budget, so that what the language refuses at 8 GiB it refuses here at 16 MiB
/// (and the fuzzer's 2 GiB RSS limit is never the one that stops an input).
func smallBudget() { MemoryBudget.bytes = 16 << 20 }
