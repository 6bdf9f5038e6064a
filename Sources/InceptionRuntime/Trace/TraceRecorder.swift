/// Keeps each module's output of a forward pass, by path, for inspection afterwards
/// (`:show inception3a.conv5x5` in the REPL), within a memory cap.
///
/// When keeping an output would pass the cap, the recorder keeps nothing more for the rest
/// of the run and says so once, in `capNotice` (and to `onCapReached`): the run itself goes on.
public final class TraceRecorder: TraceObserver {
    public struct Entry {
        public let path: String
        public let typeName: String
        public let inputShape: [Int]
        public let output: Tensor
    }

    public let capBytes: Int
    /// Which module exits to keep (default: all).
    public var filter: (ModuleExit) -> Bool
    /// Called once when the cap is reached, with the notice.
    public var onCapReached: ((String) -> Void)?
    public private(set) var entries: [Entry] = []
    public private(set) var recordedBytes = 0
    /// Why outputs stopped being kept, once the cap was reached.
    public private(set) var capNotice: String?

    public init(capBytes: Int = 512 << 20, filter: @escaping (ModuleExit) -> Bool = { _ in true }) {
        self.capBytes = capBytes
        self.filter = filter
    }

    /// The recorded output of the module at `path` ("" is the module the run started on).
    public func output(at path: String) -> Tensor? { entries.last { $0.path == path }?.output }

    /// Forgets every recorded output (and a reached cap), e.g. before the next run.
    public func reset() {
        entries.removeAll()
        recordedBytes = 0
        capNotice = nil
    }

    public func didExit(_ event: ModuleExit, output: Tensor, context: ExecutionContext) throws {
        guard !output.isMeta, capNotice == nil, filter(event) else { return }
        if let i = entries.firstIndex(where: { $0.path == event.path }) {
            recordedBytes -= entries[i].output.byteCount
            entries.remove(at: i)
        }
        guard recordedBytes + output.byteCount <= capBytes else {
            let notice = "trace recorder: the memory cap of \(megabytes(capBytes)) is reached at \(event.path.isEmpty ? event.module.typeName : event.path)"
                + " (its output needs \(megabytes(output.byteCount)); \(entries.count) outputs kept, \(megabytes(recordedBytes))):"
                + " later outputs are not kept. Raise the cap, or record fewer modules."
            capNotice = notice
            onCapReached?(notice)
            return
        }
        entries.append(Entry(path: event.path, typeName: event.module.typeName, inputShape: event.enter.inputShape, output: output))
        recordedBytes += output.byteCount
    }

    private func megabytes(_ bytes: Int) -> String {
        let mb = Double(bytes) / Double(1 << 20)
        return mb >= 10 ? "\(Int(mb.rounded())) MB" : "\((mb * 10).rounded() / 10) MB"
    }
}
