import Foundation

/// Ctrl-C while a script runs: the first asks the program to stop at the next loop step,
/// call or layer (`request`), so the run can say where it stopped; a second one, for code
/// stuck inside one long operation, ends the process at once with status 130.
final class InterruptHandler: @unchecked Sendable {
    private let source: DispatchSourceSignal
    private var count = 0          // touched only on the handler's serial queue

    init(request: @escaping @Sendable () -> Void) {
        signal(SIGINT, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGINT, queue: DispatchQueue(label: "inception.sigint"))
        source.setEventHandler { [unowned self] in
            self.count += 1
            if self.count == 1 { request() } else {
                FileHandle.standardError.write(Data("interrupted (Ctrl-C twice): stopped at once\n".utf8))
                exit(130)
            }
        }
        source.resume()
    }

    func stop() {
        source.cancel()
        signal(SIGINT, SIG_DFL)
    }
}
