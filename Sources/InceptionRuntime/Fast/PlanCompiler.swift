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

    /// The modules a container runs in order, or nil if it is not a plain chain.
    static func sequence(_ m: Module) -> [Module]? {
        m.childComposition == .inOrder ? m.children.map(\.module) : nil
    }

    mutating func compile(_ m: Module, _ input: Result, into destination: PlanSlice?) throws -> Result {
        try refuseTrainMode(m)
        switch m.childComposition {
        case .inOrder:
            return record(m, try compileChain(m.children.map(\.module), input, into: destination))
        case .concatenatedChannels:
            return record(m, .planes(try compileConcat(m, try planes(input, m), into: destination)))
        case nil:
            return try compileChain([m], input, into: destination)
        }
    }

    /// Modules run one after another: each layer lowers itself (with the ones after it that it
    /// fuses), each container is compiled by its composition.
    mutating func compileChain(_ modules: [Module], _ input: Result, into destination: PlanSlice?) throws -> Result {
        var value = input
        var i = 0
        while i < modules.count {
            let m = modules[i], following = modules[(i + 1)...]
            if m.childComposition != nil {
                value = record(m, try compile(m, value, into: i + 1 == modules.count ? destination : nil))
                i += 1
                continue
            }
            try refuseTrainMode(m)
            guard let layer = m as? any FastPathLowerable else { throw FastPathUnsupported(reason: "\(m.typeName) at \(m.path)") }
            let fused = layer.fusedSuccessors(following)
            let isLast = i + 1 + fused == modules.count
            value = try layer.lower(value, following: following, into: isLast ? destination : nil, &self)
            if fused == 0 { value = record(m, value) }        // a fused run records its modules itself (recordChain)
            i += 1 + fused
        }
        // A pass-through chain (or an empty one) still has to land where it was asked to.
        if let destination, case .planes(let s) = value, s.buffer !== destination.buffer || s.offset != destination.offset {
            steps.append(ChannelAffineOp(label: modules.last?.path ?? "copy", kind: "copy", source: s, destination: destination,
                                         scale: .init(repeating: 1, count: s.channels), shift: .init(repeating: 0, count: s.channels), relu: false))
            return .planes(destination)
        }
        return value
    }

    /// An eval-mode plan cannot run a module that is in train mode.
    func refuseTrainMode(_ m: Module) throws {
        if m.training && !training { throw FastPathUnsupported(reason: "train mode (\(m.path.isEmpty ? m.typeName : m.path))") }
    }

    /// The value as an (N, features) matrix for `m`, flattening planes (C, N, H, W) if need be
    /// (a step labelled `label`, by default "m's path (flatten)").
    mutating func matrix(_ value: Result, _ m: Module, label: String? = nil) throws -> Tensor {
        switch value {
        case .matrix(let t): return t
        case .planes(let s):
            let op = FlattenOp(label: label ?? m.path + " (flatten)", source: s)
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
        // The same tiles in train mode as on the training path (`WinogradConvolution`).
        let window = chain.conv.window, r = window.kernel.h
        if WinogradChoice.serves(window),
           let tile = winograd.tile(kernel: r, height: source.height, width: source.width, batch: source.batch) {
            steps.append(WinogradConvOp(label: chain.label, kind: kind, source: source, destination: out,
                                        tile: tile, kernel: r, weights: w, bias: b, relu: relu))
        } else if PhaseRows.applies(window: chain.conv.window, inputChannels: source.channels),
                  let layout = PhaseRows(channels: source.channels, height: source.height, width: source.width,
                                         window: chain.conv.window, outHeight: out.height, outWidth: out.width) {
            steps.append(PhaseRowsConvOp(label: chain.label, kind: kind, source: source, destination: out,
                                         layout: layout, weights: w, bias: b, relu: relu))
        } else {
            steps.append(FusedConvOp(label: chain.label, kind: kind, source: source, destination: out,
                                     window: chain.conv.window, weights: w, bias: b, relu: relu))
        }
        recordChain(chain, from: source, to: out)
        try appendBatchStatistics(chain, on: out)
        return out
    }

    /// Train mode: the normalisation of a conv chain, from the batch, on the convolution's output.
    mutating func appendBatchStatistics(_ chain: ConvChain, on slice: PlanSlice) throws {
        guard training, let norm = chain.norm else { return }
        guard slice.rowLength > 1 else {
            throw FastPathUnsupported(reason: "a train-mode \(norm.typeName) over one value per channel (\(norm.path))")
        }
        steps.append(norm.batchStatisticsStep(on: slice, relu: chain.relu))
    }

    /// A pooling step: `source` to planes of `size(H, W)`.
    mutating func emitPool(_ kind: PoolOp.Kind, _ label: String, _ source: PlanSlice,
                           _ size: (Int, Int) -> (h: Int, w: Int), into destination: PlanSlice?) -> PlanSlice {
        let (ho, wo) = size(source.height, source.width)
        let out = destination ?? PlanSlice(PlanBuffer(channels: source.channels, batch: source.batch, height: ho, width: wo))
        steps.append(PoolOp(label: label, kind: kind, source: source, destination: out))
        return out
    }

    /// A step from planes to planes of the same size: `destination`, or a new buffer shaped as `source`.
    func sameSizeOutput(_ source: PlanSlice, _ destination: PlanSlice?) -> PlanSlice {
        destination ?? PlanSlice(PlanBuffer(channels: source.channels, batch: source.batch, height: source.height, width: source.width))
    }

    /// The Inception module: every branch writes into its channel slice of one output buffer.
    /// Branches that open with a 1×1 convolution chain (the 3×3 and 5×5 reductions) have those
    /// convolutions stacked into one GEMM whose rows land in a shared reduction buffer. When the
    /// first branch is a 1×1 chain alone (conv1x1) it joins that GEMM too: the reductions are
    /// then placed just before the output's channels in one buffer, so the GEMM's rows,
    /// reductions then conv1x1, are one range: (reductions | conv1x1 | 3×3 | 5×5 | pool).
    mutating func compileConcat(_ block: Module, _ source: PlanSlice, into destination: PlanSlice?) throws -> PlanSlice {
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
        if let chain = (seq[0] as? any FastPathLowerable)?.convolutionChain(seq[1...]), chain.isPointwise {
            return (chain, Array(seq[chain.length...]))
        }
        if let (chain, rest) = peelPointwise(seq[0]) { return (chain, rest + seq.dropFirst()) }
        return nil
    }
}
