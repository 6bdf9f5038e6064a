// The interpreter over the whole language with a 16 MiB memory budget, writes switched off,
// no reference network, and a watchdog that interrupts a program after two seconds.
import Foundation
import Synchronization
import InceptionLanguage
import InceptionRuntime

let started = Atomic<Int>(0)     // uptime in ms when the current input started; 0 when idle
nonisolated(unsafe) var current: Interpreter?
let lock = NSLock()

@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    smallBudget()
    WritePolicy.readOnly = true
    let watchdog = Thread {
        while true {
            usleep(100_000)
            let t = started.load(ordering: .relaxed)
            if t != 0, now() - t > 2_000 {
                lock.lock(); current?.interruption.request(); lock.unlock()
            }
        }
    }
    watchdog.start()
    return 0
}

func now() -> Int { Int(ProcessInfo.processInfo.systemUptime * 1000) }

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzInterpreter(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let script = Script(text: text(data, size), file: "fuzz.inc")
    guard script.diagnostics.isEmpty else { return 0 }
    // No registry: the fuzzer's interpreter has no reference network (reference() says so).
    let interpreter = Interpreter(output: { _ in })
    lock.lock(); current = interpreter; lock.unlock()
    started.store(now(), ordering: .relaxed)
    let result = script.run(in: interpreter)
    started.store(0, ordering: .relaxed)
    lock.lock(); current = nil; lock.unlock()
    _ = script.render(result)
    return 0
}
