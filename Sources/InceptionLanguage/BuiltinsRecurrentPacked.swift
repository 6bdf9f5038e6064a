import Foundation
import InceptionRuntime

/// nn.RNN, nn.LSTM and nn.GRU run on a PackedSequence as PyTorch's packed layers do:
///
///   data (ΣL_i, H_in), batch_sizes (T,)  → output PackedSequence(data (ΣL_i, D·H), the same
///   batch_sizes, sorted_indices, unsorted_indices), h_n (D·layers, B, H) [, c_n]
///
/// The columns of a packed batch are sorted longest first, so at step t the first
/// batch_sizes[t] rows of the state are the sequences still running. The forward direction
/// walks t = 0…T−1, setting aside the rows of sequences that ended (their final state) and
/// going on with the rest; the reverse direction walks t = T−1…0, starting with the rows of the
/// longest sequences and taking in each further sequence's initial state where its last element
/// is. So each sequence's h_n is its state after its own last step (for the reverse: after
/// step 0). hx comes in, and h_n goes out, in the caller's order (permuted by sorted_indices and
/// back by unsorted_indices). Between layers, dropout in train mode draws over the packed data
/// (ΣL_i, D·H), as PyTorch's does. Every step is composed of differentiable operations.
extension RecurrentLayer {
    static func isPackedSequence(_ v: Value) -> Bool {
        if case .object(let p as NamedTuple) = v, p.typeName == "PackedSequence" { return true }
        return false
    }

    func packedForward(_ packedValue: Value, _ hx: Value, _ i: Interpreter) throws -> (Tensor, Value) {
        let packed = try Interpreter.packedSequence(packedValue)
        guard packed.data.rank == 2 else { throw LanguageFailure("input must have 2 dimensions, got \(packed.data.rank)") }
        guard packed.data.shape[1] == inputSize else {
            throw LanguageFailure("input.size(-1) must be equal to input_size. Expected \(inputSize), got \(packed.data.shape[1])")
        }
        let sizes = packed.batchSizes
        guard let batch = sizes.first, sizes.reduce(0, +) == packed.data.shape[0] else {
            throw LanguageFailure("\(typeName): the PackedSequence's batch_sizes do not add up to its data's \(packed.data.shape[0]) rows")
        }
        // hx in the packed (sorted) column order
        var sortedHx = hx
        if !hx.isNone, let sorted = packed.sorted {
            func permuted(_ v: Value) throws -> Value { try i.composed(v).call("index_select", 1, sorted).value }
            sortedHx = kind == .lstm ? .tuple(try (hx.sequenceItems() ?? [hx]).map(permuted)) : try permuted(hx)
        }
        let (h0, c0) = try initialState(sortedHx, shape: [layers * directions, batch, hiddenSize], beside: packed.data, i)
        var x = i.composed(packed.data)                                       // (ΣL_i, features) of this layer
        var finalH: [Composed] = [], finalC: [Composed] = []
        for layer in 0..<layers {
            var outputs: [Composed] = []
            for direction in 0..<directions {
                let suffix = "_l\(layer)" + (direction == 1 ? "_reverse" : "")
                let index = layer * directions + direction
                let run = try packedDirection(projection(x, suffix, i), sizes, h0: try h0.call("select", 0, index), c0: try c0?.call("select", 0, index),
                                              reverse: direction == 1, suffix: suffix, i)
                outputs.append(run.output)
                finalH.append(run.h)
                if let c = run.c { finalC.append(c) }
            }
            x = directions == 1 ? outputs[0] : try i.torchFunction("cat", Value.list(ListStorage(outputs.map(\.value))), 1)
            if dropout > 0, training, layer < layers - 1 {
                guard let torch = i.builtinScope.lookup("torch") else { throw LanguageFailure("torch is not defined") }
                let f = try i.getAttribute(try i.getAttribute(try i.getAttribute(torch, "nn"), "functional"), "dropout")
                x = i.composed(try i.callBack(f, Arguments([x.value], keywords: [("p", .float(dropout)), ("training", .bool(true))])))
            }
        }
        // h_n (D·layers, B, H) back in the caller's order
        func state(_ parts: [Composed]) throws -> Value {
            let stacked = try i.torchFunction("stack", Value.list(ListStorage(parts.map(\.value))), 0)
            return try packed.unsorted.map { try stacked.call("index_select", 1, $0).value } ?? stacked.value
        }
        let hn = try state(finalH)
        let hidden: Value = kind == .lstm ? .tuple([hn, try state(finalC)]) : hn
        let output = Interpreter.packedSequenceValue(x.value, packed.values[1], packed.values[2], packed.values[3])
        return (try x.tensor, .tuple([output, hidden]))
    }

    /// One direction of one layer over the packed steps: projected (ΣL_i, G·H) → the outputs
    /// (ΣL_i, H) in packed order and each column's final state (B, H).
    private func packedDirection(_ projected: Composed, _ sizes: [Int], h0: Composed, c0: Composed?, reverse: Bool, suffix: String,
                                 _ i: Interpreter) throws -> (output: Composed, h: Composed, c: Composed?) {
        let weightHH = try parameter("weight_hh" + suffix), biasHH = hasBias ? try parameter("bias_hh" + suffix) : nil
        let offsets = sizes.reduce(into: [0]) { $0.append($0.last! + $1) }       // where step t's rows start
        var outputs = [Value](repeating: .none, count: sizes.count)
        if !reverse {
            var h = h0, c = c0, ended: [(h: Composed, c: Composed?)] = [], running = sizes[0]
            for (t, size) in sizes.enumerated() {
                if size < running {
                    // the sequences that ended at step t − 1 keep their state
                    ended.append((try h.call("narrow", 0, size, running - size), try c?.call("narrow", 0, size, running - size)))
                    h = try h.call("narrow", 0, 0, size); c = try c?.call("narrow", 0, 0, size)
                    running = size
                }
                (h, c) = try step(try projected.call("narrow", 0, offsets[t], size), h, c, weightHH: weightHH, biasHH: biasHH, i)
                outputs[t] = h.value
            }
            // rows in column order: the ones still running, then those that ended, latest first
            let parts = [(h, c)] + ended.reversed()
            let finalH = parts.count == 1 ? h : try i.torchFunction("cat", Value.list(ListStorage(parts.map(\.0.value))), 0)
            let finalC = try c.map { c in parts.count == 1 ? c : try i.torchFunction("cat", Value.list(ListStorage(parts.map { $0.1!.value })), 0) }
            return (try i.torchFunction("cat", Value.list(ListStorage(outputs)), 0), finalH, finalC)
        }
        // reverse: from the last step back, the rows of the sequences that reach step t join with their initial state
        var running = sizes[sizes.count - 1]
        var h = try h0.call("narrow", 0, 0, running), c = try c0?.call("narrow", 0, 0, running)
        for t in sizes.indices.reversed() {
            let size = sizes[t]
            if size > running {
                h = try i.torchFunction("cat", Value.list(ListStorage([h.value, try h0.call("narrow", 0, running, size - running).value])), 0)
                if let c0, let current = c {
                    c = try i.torchFunction("cat", Value.list(ListStorage([current.value, try c0.call("narrow", 0, running, size - running).value])), 0)
                }
                running = size
            }
            (h, c) = try step(try projected.call("narrow", 0, offsets[t], size), h, c, weightHH: weightHH, biasHH: biasHH, i)
            outputs[t] = h.value
        }
        return (try i.torchFunction("cat", Value.list(ListStorage(outputs)), 0), h, c)
    }
}
