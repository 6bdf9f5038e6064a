/// Turns modules into fused plan steps. See InferencePlan for what it fuses.
struct PlanCompiler {
    var steps: [PlanOp] = []
    /// Where 3×3 "same" convolutions use Winograd's algorithm instead of im2col.
    var winograd: WinogradChoice = .automatic
    /// Train mode: BatchNorm from batch statistics (not folded), dropout drawn.
    var training = false
    /// When recording: where each module's output will be once the plan has run, by path.
    var records: [String: RecordSource]?
    typealias Result = InferencePlan.Result

    /// A Conv2d with the BatchNorm2d and ReLU that directly follow it, if any.
    struct ConvChain {
        var conv: Conv2d
        var norm: BatchNorm2d?
        /// The ReLU module after it, if any.
        var activation: Module?
        var relu: Bool { activation != nil }
        var length: Int { 1 + (norm == nil ? 0 : 1) + (relu ? 1 : 0) }
        var label: String { conv.path.hasSuffix(".layer.0") ? String(conv.path.dropLast(".layer.0".count)) : conv.path }
        var kind: String { "Conv2d" + (norm == nil ? "" : "+BN") + (relu ? "+ReLU" : "") }
        var isPointwise: Bool { conv.window == Window2d(kernel: 1, stride: 1) }

        /// What the convolution multiplies by: eval mode folds the BatchNorm in, train mode
        /// cannot (its statistics come from the batch), so it keeps W and b.
        func weights(training: Bool) -> (weights: [Float], bias: [Float]) {
            training ? (conv.weight.values, conv.bias?.values ?? [Float](repeating: 0, count: conv.outChannels)) : folded()
        }
        /// Whether ReLU can run in the convolution's epilogue (not before a train-mode BatchNorm).
        func fusesReLU(training: Bool) -> Bool { relu && !(training && norm != nil) }

        /// W' = W·γ/√(σ² + ε) and b' = (b − μ)·γ/√(σ² + ε) + β, per output channel.
        func folded() -> (weights: [Float], bias: [Float]) {
            var w = conv.weight.values
            var b = conv.bias?.values ?? [Float](repeating: 0, count: conv.outChannels)
            guard let bn = norm else { return (w, b) }
            let k = w.count / conv.outChannels
            for o in 0..<conv.outChannels {
                let s = bn.weight[o] / (bn.runningVar[o] + bn.eps).squareRoot()
                for i in 0..<k { w[o * k + i] *= s }
                b[o] = (b[o] - bn.runningMean[o]) * s + bn.bias[o]
            }
            return (w, b)
        }
    }

    static func chain(_ modules: [Module], at i: Int) -> ConvChain? {
        guard let conv = modules[i] as? Conv2d else { return nil }
        var chain = ConvChain(conv: conv, norm: nil, activation: nil)
        var j = i + 1
        if j < modules.count, let bn = modules[j] as? BatchNorm2d, bn.features == conv.outChannels { chain.norm = bn; j += 1 }
        if j < modules.count, modules[j] is ReLU { chain.activation = modules[j] }
        return chain
    }

    /// The modules a container runs in order, or nil if it is not a plain chain.
    static func sequence(_ m: Module) -> [Module]? {
        if m is Sequential { return m.children.map(\.module) }
        if let b = m as? Block, case .sequential = b.forwardKind { return b.children.map(\.module) }
        return nil
    }

    mutating func compile(_ m: Module, _ input: Result, into destination: PlanSlice?) throws -> Result {
        if m.training && !training { throw FastPathUnsupported(reason: "train mode (\(m.path.isEmpty ? m.typeName : m.path))") }
        if let seq = Self.sequence(m) { return record(m, try compileChain(seq, input, into: destination)) }
        if let b = m as? Block, case .concatenateChannels = b.forwardKind {
            return record(m, .planes(try compileConcat(b, try planes(input, m), into: destination)))
        }
        return try compileChain([m], input, into: destination)
    }

    mutating func compileChain(_ modules: [Module], _ input: Result, into destination: PlanSlice?) throws -> Result {
        var value = input
        var i = 0
        while i < modules.count {
            let m = modules[i]
            if let chain = Self.chain(modules, at: i) {
                let isLast = i + chain.length == modules.count
                value = .planes(try emitConv(chain, try planes(value, m), into: isLast ? destination : nil))
                i += chain.length
                continue
            }
            let isLast = i + 1 == modules.count
            value = record(m, try compileLeafOrContainer(m, value, into: isLast ? destination : nil))
            i += 1
        }
        // A pass-through chain (or an empty one) still has to land where it was asked to.
        if let destination, case .planes(let s) = value, s.buffer !== destination.buffer || s.offset != destination.offset {
            steps.append(ChannelAffineOp(label: modules.last?.path ?? "copy", kind: "copy", source: s, destination: destination,
                                         scale: .init(repeating: 1, count: s.channels), shift: .init(repeating: 0, count: s.channels), relu: false))
            return .planes(destination)
        }
        return value
    }

    mutating func compileLeafOrContainer(_ m: Module, _ value: Result, into destination: PlanSlice?) throws -> Result {
        if m.training && !training { throw FastPathUnsupported(reason: "train mode (\(m.path.isEmpty ? m.typeName : m.path))") }
        switch m {
        case let pool as MaxPool2d:
            return .planes(emitPool(.max(pool.window), pool.path, try planes(value, m), pool.window.outputSize, into: destination))
        case let pool as AvgPool2d:
            return .planes(emitPool(.average(pool.window), pool.path, try planes(value, m), pool.window.outputSize, into: destination))
        case let pool as AdaptiveAvgPool2d:
            return .planes(emitPool(.adaptive(pool.size.h, pool.size.w), pool.path, try planes(value, m), { _, _ in pool.size }, into: destination))
        case let bn as BatchNorm2d:
            if training { throw FastPathUnsupported(reason: "a train-mode BatchNorm2d without a convolution before it (\(bn.path))") }
            let s = try planes(value, m)
            let scale = (0..<bn.features).map { bn.weight[$0] / (bn.runningVar[$0] + bn.eps).squareRoot() }
            let shift = (0..<bn.features).map { bn.bias[$0] - bn.runningMean[$0] * scale[$0] }
            let out = destination ?? PlanSlice(PlanBuffer(channels: s.channels, batch: s.batch, height: s.height, width: s.width))
            steps.append(ChannelAffineOp(label: bn.path, kind: "BatchNorm2d", source: s, destination: out, scale: scale, shift: shift, relu: false))
            return .planes(out)
        case is ReLU:
            if case .matrix(let t) = value {
                // In place: the Linear before it would be recorded with the ReLU applied.
                if records != nil { throw FastPathUnsupported(reason: "recording a ReLU on a Linear's output (\(m.path))") }
                steps.append(MatrixReLUOp(label: m.path, matrix: t))
                return value
            }
            let s = try planes(value, m)
            let out = destination ?? PlanSlice(PlanBuffer(channels: s.channels, batch: s.batch, height: s.height, width: s.width))
            steps.append(ChannelAffineOp(label: m.path, kind: "ReLU", source: s, destination: out,
                                         scale: .init(repeating: 1, count: s.channels), shift: .init(repeating: 0, count: s.channels), relu: true))
            return .planes(out)
        case let dropout as Dropout:
            guard training else { return value }                   // eval mode: the identity
            let op = DropoutOp(label: dropout.path, p: dropout.p, input: try matrix(value, m))
            steps.append(op)
            return .matrix(op.output)
        case is Flatten:
            if case .matrix = value { return value }
            let s = try planes(value, m)
            if s.height == 1 && s.width == 1 && !training { return value }   // (C, N, 1, 1) already is (C, N) for a Linear
            return .matrix(try matrix(value, m))
        case let linear as Linear:
            if case .matrix(let x) = value {
                guard x.shape[1] == linear.inFeatures else {
                    throw FastPathUnsupported(reason: "Linear(\(linear.inFeatures), …) on \(x.shape[1]) features")
                }
                let op = MatrixLinearOp(label: linear.path, input: x, weight: linear.weight, bias: linear.bias)
                steps.append(op)
                return .matrix(op.output)
            }
            let s = try planes(value, m)
            guard s.height == 1, s.width == 1, s.channels == linear.inFeatures else {
                throw FastPathUnsupported(reason: "Linear on a \(formatShape(s.shape)) input")
            }
            let op = LinearOp(label: linear.path, source: s, weight: linear.weight, bias: linear.bias)
            steps.append(op)
            return .matrix(op.output)
        case is Sequential, is Block:
            return try compile(m, value, into: destination)
        default:
            throw FastPathUnsupported(reason: "\(m.typeName) at \(m.path)")
        }
    }

    /// The value as an (N, features) matrix, flattening planes (C, N, H, W) if need be.
    mutating func matrix(_ value: Result, _ m: Module) throws -> Tensor {
        switch value {
        case .matrix(let t): return t
        case .planes(let s):
            let label = m is Flatten ? (m.path.isEmpty ? "flatten" : m.path) : m.path + " (flatten)"
            let op = FlattenOp(label: label, source: s)
            steps.append(op)
            return op.output
        }
    }

    func planes(_ value: Result, _ m: Module) throws -> PlanSlice {
        guard case .planes(let s) = value else { throw FastPathUnsupported(reason: "\(m.typeName) after a Linear layer") }
        return s
    }

    mutating func emitConv(_ chain: ConvChain, _ source: PlanSlice, into destination: PlanSlice?) throws -> PlanSlice {
        let shape = try chain.conv.outputShape(for: source.shape)
        let out = destination ?? PlanSlice(PlanBuffer(channels: shape[1], batch: shape[0], height: shape[2], width: shape[3]))
        let (w, b) = chain.weights(training: training), relu = chain.fusesReLU(training: training)
        let kind = training && chain.norm != nil ? "Conv2d" : chain.kind
        // Train mode renormalises every layer by its batch statistics, which carries F(4×4)'s
        // larger rounding (≈2e-5) through to the logits; the automatic choice keeps to F(2×2) there.
        let choice = training && winograd == .automatic ? .tile(2) : winograd
        if chain.conv.window == Window2d(kernel: 3, stride: 1, padding: 1),
           let tile = choice.tile(height: source.height, width: source.width) {
            steps.append(WinogradConvOp(label: chain.label, kind: kind, source: source, destination: out,
                                        tile: tile, weights: w, bias: b, relu: relu))
        } else if chain.conv.window == Window2d(kernel: 5, stride: 1, padding: 2), choice.usesFiveByFive(training: training) {
            steps.append(WinogradConvOp(label: chain.label, kind: kind, source: source, destination: out,
                                        tile: 2, kernel: 5, weights: w, bias: b, relu: relu))
        } else {
            steps.append(FusedConvOp(label: chain.label, kind: kind, source: source, destination: out,
                                     window: chain.conv.window, weights: w, bias: b, relu: relu))
        }
        recordChain(chain, from: source, to: out)
        try appendBatchStatistics(chain, on: out)
        return out
    }

    /// Train mode: the BatchNorm of a conv chain, from the batch, on the convolution's output.
    mutating func appendBatchStatistics(_ chain: ConvChain, on slice: PlanSlice) throws {
        guard training, let norm = chain.norm else { return }
        guard slice.rowLength > 1 else {
            throw FastPathUnsupported(reason: "a train-mode BatchNorm2d over one value per channel (\(norm.path))")
        }
        steps.append(BatchNormTrainOp(label: norm.path, slice: slice, norm: norm, relu: chain.relu))
    }

    mutating func emitPool(_ kind: PoolOp.Kind, _ label: String, _ source: PlanSlice,
                           _ size: (Int, Int) -> (h: Int, w: Int), into destination: PlanSlice?) -> PlanSlice {
        let (ho, wo) = size(source.height, source.width)
        let out = destination ?? PlanSlice(PlanBuffer(channels: source.channels, batch: source.batch, height: ho, width: wo))
        steps.append(PoolOp(label: label, kind: kind, source: source, destination: out))
        return out
    }

    /// The Inception module: every branch writes into its channel slice of one output buffer.
    /// Branches that open with a 1×1 convolution chain (the 3×3 and 5×5 reductions) have those
    /// convolutions stacked into one GEMM whose rows land in a shared reduction buffer. When the
    /// first branch is a 1×1 chain alone (conv1x1) it joins that GEMM too: the reductions are
    /// then placed just before the output's channels in one buffer, so the GEMM's rows,
    /// reductions then conv1x1, are one range: (reductions | conv1x1 | 3×3 | 5×5 | pool).
    mutating func compileConcat(_ block: Block, _ source: PlanSlice, into destination: PlanSlice?) throws -> PlanSlice {
        let branchShapes = try block.children.map { try ShapeInference.outputShape($0.module, input: source.shape) }
        let total = branchShapes.reduce(0) { $0 + $1[1] }
        let (h, w) = (branchShapes[0][2], branchShapes[0][3])

        // Split each branch into (opening 1×1 chain, the rest) where it has one.
        var openings: [(branch: Int, chain: ConvChain, rest: [Module])] = []
        var lead: ConvChain?
        for (i, (_, branch)) in block.children.enumerated() {
            guard let (chain, rest) = Self.peelPointwise(branch) else { continue }
            if !rest.isEmpty { openings.append((i, chain, rest)) } else if i == 0 { lead = chain }
        }
        let alike = { (c: ConvChain) in c.relu == openings[0].chain.relu && (c.norm == nil) == (openings[0].chain.norm == nil) }
        let merges = openings.count >= 2 && openings.allSatisfy { alike($0.chain) }
        if !merges || destination != nil || !(lead.map(alike) ?? false) { lead = nil }
        let reductions = merges ? openings.reduce(0) { $0 + $1.chain.conv.outChannels } : 0

        let out: PlanSlice
        if lead != nil {
            out = PlanSlice(PlanBuffer(channels: reductions + total, batch: source.batch, height: h, width: w), offset: reductions, channels: total)
        } else {
            out = destination ?? PlanSlice(PlanBuffer(channels: total, batch: source.batch, height: h, width: w))
        }
        var reduced: [Int: PlanSlice] = [:]
        if merges {
            let buffer = lead != nil ? out.buffer : PlanBuffer(channels: reductions, batch: source.batch, height: source.height, width: source.width)
            var chains: [(chain: ConvChain, slice: PlanSlice)] = [], offset = 0
            for o in openings {
                reduced[o.branch] = PlanSlice(buffer, offset: offset, channels: o.chain.conv.outChannels)
                chains.append((o.chain, reduced[o.branch]!))
                offset += o.chain.conv.outChannels
            }
            if let lead { chains.append((lead, PlanSlice(buffer, offset: offset, channels: lead.conv.outChannels))) }
            let rows = chains.reduce(0) { $0 + $1.chain.conv.outChannels }
            var weights: [Float] = [], bias: [Float] = []
            for (chain, _) in chains {
                let (w, b) = chain.weights(training: training)
                weights += w; bias += b
            }
            steps.append(FusedConvOp(label: chains.map { $0.chain.label }.joined(separator: " + "),
                                     kind: training ? "merged 1×1 Conv2d" : "merged 1×1 Conv2d+BN+ReLU",
                                     source: source, destination: PlanSlice(buffer, offset: 0, channels: rows), window: Window2d(kernel: 1, stride: 1),
                                     weights: weights, bias: bias, relu: openings[0].chain.fusesReLU(training: training)))
            for (chain, slice) in chains {
                try appendBatchStatistics(chain, on: slice)
                recordChain(chain, from: source, to: slice)
            }
        }
        var offset = 0
        for (i, (_, branch)) in block.children.enumerated() {
            let slice = PlanSlice(out.buffer, offset: out.offset + offset, channels: branchShapes[i][1])
            if let head = reduced[i], let opening = openings.first(where: { $0.branch == i }) {
                _ = try compileChain(opening.rest, .planes(head), into: slice)
            } else if i > 0 || lead == nil {
                _ = try compile(branch, .planes(source), into: slice)
            }
            offset += branchShapes[i][1]
        }
        return out
    }

    /// A branch that starts with a stride-1 1×1 conv chain: that chain and the modules after it.
    static func peelPointwise(_ m: Module) -> (ConvChain, [Module])? {
        guard let seq = sequence(m), !seq.isEmpty else { return nil }
        if let chain = chain(seq, at: 0), chain.isPointwise { return (chain, Array(seq[chain.length...])) }
        if let (chain, rest) = peelPointwise(seq[0]) { return (chain, rest + seq.dropFirst()) }
        return nil
    }
}
