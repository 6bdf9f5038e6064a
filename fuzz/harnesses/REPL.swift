// The REPL's command arguments (:heatmap, :show slices, :summary shapes, :stats, :hist, …)
// against small tensors and a small traced network, in one session.
import Foundation
import InceptionCurriculum
import InceptionLanguage
import InceptionREPL
import InceptionRuntime

nonisolated(unsafe) var session: Session!

let commands = [":heatmap ", ":show ", ":summary ", ":stats ", ":hist ", ":shape ", ":params ", ":diagram ",
                ":savings ", ":grad ", ":where ", ":heatmap x ", ":show x", ":heatmap conv ", ":summary 1,3,"]

@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    smallBudget()
    WritePolicy.readOnly = true
    let store = StateStore(environment: ["XDG_STATE_HOME": NSTemporaryDirectory() + "inception-fuzz-repl-\(getpid())"])
    session = Session(terminal: .plain, reader: LineReader(scripted: []), store: store, lessonsDirectory: nil, write: { _ in })
    for line in ["x = randn(2, 3, 5, 7)", "v = randn(6)", "s = tensor(2.5)", "e = zeros(0, 3)",
                 "conv = nn.Conv2d(3, 4, 3, padding=1)", "net = nn.Sequential(conv, nn.ReLU(), nn.MaxPool2d(2))",
                 "y = net(x)", "loss = y.sum()", "loss.backward()"] {
        session.handle(line)
    }
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzREPL(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let command = commands[Int(data![0]) % commands.count]
    let argument = String(decoding: bytes(data! + 1, size - 1), as: UTF8.self)
        .filter { !$0.isNewline }
    session.handle(command + argument)
    return 0
}
