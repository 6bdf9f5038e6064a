/// Keeps each module's output of a forward pass, by path, for inspection afterwards
/// (`:show inception3a.conv5x5` in the REPL), within a memory cap.
///
/// When keeping an output would pass the cap, the recorder keeps nothing more for the rest
/// of the run and says so once, in `capNotice` (and to `onCapReached`): the run itself goes on.
///
/// A run of the fast path's recording plan is kept whole (`keep(_:)`): its outputs become
/// tensors when they are read.
public final class TraceRecorder: TraceObserver {
    public struct Entry {
        public let path: String
        public let typeName: String
        public let inputShape: [Int]
        public let outputShape: [Int]
        let value: Value

        enum Value {
            case tensor(Tensor)
            /// Output `index` of a recorded fast-path run, made a tensor when first read.
            case recorded(PlanRecording, index: Int)
        }

        /// The module's output (nil only if a recorded one could not be made into a tensor).
        public var output: Tensor? {
            switch value {
            case .tensor(let t): return t
            case .recorded(let recording, let index): return try? recording.tensor(index)
            }
        }
        public var byteCount: Int { 4 * outputShape.reduce(1, *) }
    }

    public let capBytes: Int
    /// Which module exits to keep (default: all).
    public var filter: (ModuleExit) -> Bool
    /// Called once when the cap is reached, with the notice.
    public var onCapReached: ((String) -> Void)?
    public private(set) var entries: [Entry] = []
    /// Where each path's entry is in `entries`.
    private var indexOfPath: [String: Int] = [:]
    public private(set) var recordedBytes = 0
    /// Why outputs stopped being kept, once the cap was reached.
    public private(set) var capNotice: String?

    public init(capBytes: Int = 512 << 20, filter: @escaping (ModuleExit) -> Bool = { _ in true }) {
        self.capBytes = capBytes
        self.filter = filter
    }

    /// The recorded output of the module at `path` ("" is the module the run started on).
    public func output(at path: String) -> Tensor? { indexOfPath[path].flatMap { entries[$0].output } }

    /// Keeps the outputs of a recorded fast-path run (after `reset()`, as for a new run),
    /// within the cap and the filter as if they had been observed one by one.
    public func keep(_ recording: PlanRecording) {
        for (i, exit) in recording.exits.enumerated() {
            keep(Entry(path: exit.path, typeName: exit.module.typeName, inputShape: exit.enter.inputShape,
                       outputShape: exit.outputShape, value: .recorded(recording, index: i)), exit)
        }
    }

    /// Forgets every recorded output (and a reached cap), e.g. before the next run.
    public func reset() {
        entries.removeAll()
        indexOfPath.removeAll()
        recordedBytes = 0
        capNotice = nil
    }

    public func didExit(_ event: ModuleExit, output: Tensor, context: ExecutionContext) throws {
        guard !output.isMeta else { return }
        keep(Entry(path: event.path, typeName: event.module.typeName, inputShape: event.enter.inputShape,
                   outputShape: output.shape, value: .tensor(output)), event)
    }

    private func keep(_ entry: Entry, _ event: ModuleExit) {
        guard capNotice == nil, filter(event) else { return }
        if let i = indexOfPath[entry.path] {              // a module run twice: keep its last output
            recordedBytes -= entries[i].byteCount
            entries.remove(at: i)
            indexOfPath[entry.path] = nil
            for j in i..<entries.count { indexOfPath[entries[j].path] = j }
        }
        guard recordedBytes + entry.byteCount <= capBytes else {
            let notice = "trace recorder: the memory cap of \(megabytes(capBytes)) is reached at \(event.path.isEmpty ? event.module.typeName : event.path)"
                + " (its output needs \(megabytes(entry.byteCount)); \(entries.count) outputs kept, \(megabytes(recordedBytes))):"
                + " later outputs are not kept. A smaller batch or input keeps them all."
            capNotice = notice
            onCapReached?(notice)
            return
        }
        indexOfPath[entry.path] = entries.count
        entries.append(entry)
        recordedBytes += entry.byteCount
    }

    private func megabytes(_ bytes: Int) -> String {
        let mb = Double(bytes) / Double(1 << 20)
        return mb >= 10 ? "\(Int(mb.rounded())) MB" : "\((mb * 10).rounded() / 10) MB"
    }
}
