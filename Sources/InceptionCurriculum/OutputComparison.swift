import InceptionLanguage
import InceptionRuntime

/// Step 4 of the checker: the numbers. The reference's weights (with BatchNorm's γ, β and
/// running statistics made random, so a misplaced BatchNorm shows) are copied into the
/// learner's block by position in the state_dict; both run on the same random input with
/// the same dropout generator, each on its own copy of the input (a forward that changes its
/// input in place must not change the reference's); every output must agree within 1e-5 of
/// the reference's largest value, and a NaN or inf where the reference has a number never
/// agrees. When they do not, the message says where they part.
struct OutputComparison {
    let mine: Module
    let reference: Module
    let mineInterpreter: Interpreter
    let referenceInterpreter: Interpreter
    let probe: [Int]
    let training: Bool
    let naming: PathNaming
    /// Whether step 5, the gradients, follows when the outputs agree (once per block: in its first mode).
    var checksGradients = false

    static let relativeTolerance = 1e-5

    func firstDifference() throws -> String? {
        randomizeBatchNorm(reference)
        // by name: a tensor the learner registered besides the seed's must not shift the others
        let source = reference.stateDict(), target = mine.stateDict()
        let sourceNames = Set(source.map(\.name))
        if let extra = target.first(where: { !sourceNames.contains($0.name) }) {
            return "\(naming.display(extra.name)): your block holds a \(formatShape(extra.tensor.shape)) tensor the seed's does not have — remove the register_buffer (or nn.Parameter) that adds it"
        }
        let targetByName = Dictionary(target.map { ($0.name, $0.tensor) }, uniquingKeysWith: { first, _ in first })
        for (name, s) in source {
            guard let t = targetByName[name] else {
                return "\(naming.display(name)): missing from your block — the seed's holds a \(formatShape(s.shape)) tensor there"
            }
            guard s.shape == t.shape else {
                return "\(naming.display(name)): holds a \(formatShape(t.shape)) tensor, the reference a \(formatShape(s.shape))"
            }
            try t.assign(s)
        }
        var rng = SeededRandom(seed: 1)
        let x = Tensor.randn(probe, rng: &rng)
        let (mineOutputs, referenceOutputs) = try runBoth(x)
        guard mineOutputs.count == referenceOutputs.count else {
            return "\(naming.display("")): forward returns \(count(mineOutputs.count)); the seed's returns \(count(referenceOutputs.count))"
        }
        if let message = try outputOrder(x, mineOutputs, referenceOutputs) { return message }
        for (i, (a, b)) in zip(mineOutputs, referenceOutputs).enumerated() {
            let label = referenceOutputs.count == 1 ? "the output" : "output \(i + 1) of \(referenceOutputs.count)"
            switch (a, b) {
            case (nil, nil): continue
            case (.some, nil):
                return "\(naming.display("")): \(label) should be None in \(training ? "train" : "eval") mode, as in the seed, but your forward returns a tensor"
            case (nil, .some):
                return "\(naming.display("")): \(label) is None, but the seed's forward returns a tensor there in \(training ? "train" : "eval") mode"
            case let (.some(a), .some(b)):
                guard a.shape == b.shape else {
                    return "\(naming.display("")): \(label) is \(formatShape(a.shape)), expected \(formatShape(b.shape))"
                }
                if Self.agree(a, b) { continue }
                if let (index, value, expected) = Self.firstNonFinite(a, b) {
                    return "\(naming.display("")): \(label) gives \(value) at \(index) where the reference gives \(expected) — "
                        + "find the operation in forward that makes it (a log or sqrt of a negative number, a division by zero, a multiplication by nan or inf)"
                }
                if let message = inputChanged(x) { return message }
                if let message = try concatenationOrder(x, a) { return message }
                if let message = try firstDivergingCall(x) { return message }
                return "\(naming.display("")): \(label) differs from the reference by up to \(Self.largestDifference(a, b)) with the same weights and input — compare your forward with the seed's"
            }
        }
        return checksGradients ? try gradientDifference(x) : nil
    }

    func count(_ n: Int) -> String { n == 1 ? "one value" : "\(n) values" }

    // MARK: running

    /// Both blocks on x, each with a dropout generator seeded the same; the outputs as a list
    /// (one tensor, or a tuple's items with None kept).
    func runBoth(_ x: Tensor, observe: (TraceObserver, TraceObserver)? = nil) throws -> ([Tensor?], [Tensor?]) {
        mine.setTraining(training)
        reference.setTraining(training)
        func run(_ m: Module, _ interpreter: Interpreter, _ observer: TraceObserver?) throws -> [Tensor?] {
            interpreter.context.random = SeededRandom(seed: 5)
            DefaultGenerator.seed(5)                  // the language's dropout draws from it (checks run aside)
            let saved = interpreter.context.observers
            if let observer { interpreter.context.observers = [observer] }
            defer { interpreter.context.observers = saved }
            let value = try interpreter.call(m, x.copy())   // its own copy: an in-place change stays on its side
            switch value {
            case .tensor(let t): return [t]
            case .tuple(let items): return items.map(\.asTensor)
            case .list(let l): return l.items.map(\.asTensor)
            default: return [nil]
            }
        }
        return (try run(mine, mineInterpreter, observe?.0), try run(reference, referenceInterpreter, observe?.1))
    }

    static func agree(_ a: Tensor, _ b: Tensor) -> Bool {
        var scale: Float = 0, worst: Float = 0
        for i in 0..<b.count {
            // max(worst, nan) keeps worst: a NaN or inf must be caught on its own.
            if !a.data[i].isFinite && !(b.data[i].isNaN && a.data[i].isNaN || b.data[i] == a.data[i]) { return false }
            if !b.data[i].isFinite { continue }
            scale = max(scale, abs(b.data[i]))
            worst = max(worst, abs(a.data[i] - b.data[i]))
        }
        return Double(worst) <= relativeTolerance * Double(scale == 0 ? 1 : scale)
    }

    static func largestDifference(_ a: Tensor, _ b: Tensor) -> String {
        var worst: Float = 0
        for i in 0..<b.count { worst = max(worst, abs(a.data[i] - b.data[i])) }
        return String(format: "%.3g", Double(worst))
    }

    /// γ, β uniform in [0.5, 1.5] and [−0.5, 0.5], running mean in [−0.5, 0.5] and running
    /// variance in [0.5, 1.5]: BatchNorm then changes every channel differently.
    func randomizeBatchNorm(_ root: Module) {
        var rng = SeededRandom(seed: 3)
        for (_, m) in root.namedModules() {
            guard let bn = m as? BatchNorm2d else { continue }
            for (t, low, high) in [(bn.weight, 0.5, 1.5), (bn.bias, -0.5, 0.5), (bn.runningMean, -0.5, 0.5), (bn.runningVar, 0.5, 1.5)] {
                for i in 0..<t.count { t.data[i] = Float(rng.uniform(low, high)) }
            }
        }
    }

    // MARK: diagnosing a difference

    /// For a block that concatenates its children (the Inception module): where each
    /// branch's output sits in the learner's output, and whether the order is the seed's.
    func concatenationOrder(_ x: Tensor, _ output: Tensor) throws -> String? {
        guard reference.children.count > 1, output.rank == 4 else { return nil }
        if !(reference.typeName == "Inception" || reference.childComposition == .concatenatedChannels) {
            // A block of the learner's lesson (the naive module): it counts as a concatenation
            // when the reference's own output is its children's outputs, one after the other.
            guard let whole = try? reference(x, ExecutionContext()), whole.rank == 4 else { return nil }
            var next = 0
            for (_, child) in reference.children {
                // A child that cannot read the block's input (a chain's second layer) rules it out.
                guard let y = try? child(x, ExecutionContext()), y.rank == 4, Self.channelOffset(of: y, in: whole) == next else { return nil }
                next += y.shape[1]
            }
            guard next == whole.shape[1] else { return nil }
        }
        let names = reference.children.map(\.name)
        var offsets: [Int] = []
        for (i, (name, child)) in reference.children.enumerated() {
            let y = try child(x, ExecutionContext())
            guard let offset = Self.channelOffset(of: y, in: output) else {
                return "\(naming.display("")): the output of branch \(i + 1) (\(name)) is not in your output — does forward put self.\(name)(x) in torch.cat?"
            }
            offsets.append(offset)
        }
        let order = names.indices.sorted { offsets[$0] < offsets[$1] }.map { names[$0] }
        guard order != names else { return nil }
        return "\(naming.display("")): forward concatenates the branches in the wrong order: \(SeedVocabulary.list(order)) — the seed's torch.cat order is \(SeedVocabulary.list(names))"
    }

    /// The first channel c where output[:, c ..< c + C_y] equals y, or nil.
    static func channelOffset(of y: Tensor, in output: Tensor) -> Int? {
        guard y.rank == 4, y.shape[0] == output.shape[0], Array(y.shape[2...]) == Array(output.shape[2...]),
              y.shape[1] <= output.shape[1] else { return nil }
        let (n, cy, co, plane) = (y.shape[0], y.shape[1], output.shape[1], y.shape[2] * y.shape[3])
        var scale: Float = 0
        for i in 0..<y.count { scale = max(scale, abs(y.data[i])) }
        let limit = Float(relativeTolerance) * (scale == 0 ? 1 : scale)
        candidates: for offset in 0...(co - cy) {
            for b in 0..<n {
                for c in 0..<cy {
                    let ys = (b * cy + c) * plane, os = (b * co + offset + c) * plane
                    for k in 0..<plane where !(abs(y.data[ys + k] - output.data[os + k]) <= limit) { continue candidates }
                }
            }
            return offset
        }
        return nil
    }

    /// Runs both again, recording every call, and finds the first module (in the seed's
    /// order of finishing) whose output differs; then says which input it was given.
    func firstDivergingCall(_ x: Tensor) throws -> String? {
        let mineCalls = CallRecorder(), referenceCalls = CallRecorder()
        _ = try runBoth(x, observe: (mineCalls, referenceCalls))
        // the forward switched the mode itself (self.train() in forward): BatchNorm and Dropout then compute otherwise
        if let (path, m) = mine.namedModules().first(where: { $0.module.training != training }) {
            let mode = { (train: Bool) in train ? "train" : "eval" }
            return "\(naming.display(path)): ends the run in \(mode(m.training)) mode though the check ran it in \(mode(training)) mode — "
                + "your code calls .\(mode(m.training))() (or sets .training) during forward; leave the mode to the caller of the block"
        }
        for path in referenceCalls.exitOrder {
            guard let b = referenceCalls.outputs[path] else { continue }
            guard let a = mineCalls.outputs[path] else {
                // a container whose layers the forward loops over (for m in self.layer) ran as a call of it does
                if mineCalls.outputs.keys.contains(where: { $0.hasPrefix(path + ".") }) { continue }
                return "\(naming.display(path)) never runs in your forward — the seed's forward calls it"
            }
            if a.shape == b.shape && Self.agree(a, b) { continue }
            // Climb to the level where the two runs feed the module from different places.
            var p = path
            while true {
                let ours = mineCalls.source(of: p), theirs = referenceCalls.source(of: p)
                if ours != theirs {
                    let name = p.split(separator: ".").last.map(String.init) ?? p
                    return "\(naming.display(p)) runs on \(describeSource(ours)); the seed runs it on \(describeSource(theirs)) — move the call to self.\(name) in forward"
                }
                guard ours == nil, let dot = p.lastIndex(of: ".") else { break }
                p = String(p[..<dot])
            }
            if Self.rowsAreProbabilities(a) && !Self.rowsAreProbabilities(b) {
                return "\(naming.display(path)): each row of its output sums to 1, as after a softmax; the seed's forward returns the scores themselves (F.cross_entropy applies the softmax) — drop the softmax from forward"
            }
            return "\(naming.display(path)): its output differs from the seed's although its layers and its input agree — compare the forward of \(naming.display(path)) with the seed's"
        }
        return nil
    }

    /// Whether a (N, K) output, K > 1, is made of rows of probabilities: no negative values, each row summing to 1.
    static func rowsAreProbabilities(_ t: Tensor) -> Bool {
        guard t.rank == 2, t.shape[1] > 1, t.count > 0 else { return false }
        let k = t.shape[1]
        for row in 0..<t.shape[0] {
            var sum: Float = 0
            for j in 0..<k { let v = t.data[row * k + j]; guard v >= 0 else { return false }; sum += v }
            guard abs(sum - 1) < 1e-3 else { return false }
        }
        return true
    }

    func describeSource(_ path: String?) -> String {
        guard let path else { return "the block's input" }
        return "\(naming.display(path))'s output"
    }
}

/// Records a run: every module's output by path, the order modules finish in, and for each
/// module the sibling that finished last before it started (the output it most likely reads).
final class CallRecorder: TraceObserver {
    private(set) var outputs: [String: Tensor] = [:]
    private(set) var exitOrder: [String] = []
    private var sources: [String: String?] = [:]
    /// The last module that finished at each depth, reset when a deeper module starts.
    private var lastExitAtDepth: [Int: String] = [:]

    func willEnter(_ event: ModuleEnter, context: ExecutionContext) throws {
        if sources[event.path] == nil { sources[event.path] = .some(lastExitAtDepth[event.depth]) }
        lastExitAtDepth[event.depth + 1] = nil
    }

    func didExit(_ event: ModuleExit, output: Tensor, context: ExecutionContext) throws {
        if outputs[event.path] == nil {
            outputs[event.path] = output.copy()
            exitOrder.append(event.path)
        }
        lastExitAtDepth[event.depth] = event.path
    }

    /// The sibling whose output `path` most likely reads; nil when it ran first in its parent.
    func source(of path: String) -> String? { sources[path] ?? nil }
}
