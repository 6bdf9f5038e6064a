import Foundation
import InceptionLanguage
import InceptionRuntime

/// :shape, :show, :stats, :heatmap, :hist, :save — on variables or on the last run's outputs.
extension Session {
    func inspect(_ command: String, _ args: String) {
        inspectingCommand = command
        let (target, rest) = splitTarget(args)
        guard !target.isEmpty else {
            write("usage: :\(command) \(CommandTable.spec(command)?.arguments ?? "X")")
            return
        }
        let tensor: Tensor
        do { tensor = try resolveTensor(target) } catch { write("\(error)"); return }
        do {
            switch command {
            case "shape": write("\(target): \(formatShape(tensor.shape))")
            case "stats": statistics(target, tensor)
            case "hist": write("\(target): \(formatShape(tensor.shape))\n" + TensorSummary.histogram(tensor, unicode: terminal.unicode))
            case "show":
                let slice = try TensorSlice.parse(rest.isEmpty ? "[]" : rest)
                let (shape, values) = try slice.apply(to: tensor)
                if values.count > 4096 {
                    write("\(target)\(rest): \(formatShape(shape)) is \(values.count) values; slice it smaller, e.g. :show \(target) [0, 0, :8, :8]")
                } else {
                    write(TensorSlice.format(shape: shape, values: values))
                }
            case "heatmap": try heatmap(target, tensor, rest)
            case "save":
                guard !rest.isEmpty else { write("usage: :save X FILE.npy"); return }
                guard rest.hasSuffix(".npy") else { write(":save writes .npy files: end the name with .npy (usage: :save X FILE.npy)"); return }
                let path = try WritePolicy.check(rest, base: nil, what: ":save")
                do { try writeNpy(tensor, to: path) } catch let e as CocoaError { throw InspectionError(":save: " + FileProblem.describe(e, path: rest)) }
                write("saved \(target) (\(formatShape(tensor.shape))) to \(rest)")
            default: break
            }
        } catch {
            write("\(error)")
        }
    }

    func statistics(_ target: String, _ t: Tensor) {
        let s = TensorSummary.stats(t)
        write("\(target): \(formatShape(t.shape)), \(formatCount(s.count)) values")
        write("  min \(formatValue(s.min))  max \(formatValue(s.max))  mean \(formatValue(s.mean))  std \(formatValue(s.std))")
        write("  zeros \(String(format: "%.1f%%", 100 * s.zeroFraction))" + (s.zeroFraction > 0.2 ? "  (a ReLU switched these off)" : ""))
    }

    func heatmap(_ target: String, _ t: Tensor, _ rest: String) throws {
        let numbers = rest.split(separator: " ").map { Int($0) }
        guard numbers.allSatisfy({ $0 != nil }) else { write("usage: :heatmap X [n] [c]  (image n, channel c; both default to 0)"); return }
        var n = numbers.first.flatMap { $0 } ?? 0, c = numbers.dropFirst().first.flatMap { $0 } ?? 0
        let map: [Float], h: Int, w: Int
        switch t.rank {
        case 4 where !t.isMeta:
            // Negative indices count from the end, as in PyTorch: -1 is the last channel.
            if n < 0 { n += t.shape[0] }
            if c < 0 { c += t.shape[1] }
            guard (0..<t.shape[0]).contains(n), (0..<t.shape[1]).contains(c) else {
                let (images, channels) = (t.shape[0], t.shape[1])
                write("\(target) is \(formatShape(t.shape)): image n must be in 0…\(images - 1) (or -\(images)…-1) and channel c in 0…\(channels - 1) (or -\(channels)…-1)"); return
            }
            (h, w) = (t.shape[2], t.shape[3])
            let start = (n * t.shape[1] + c) * h * w
            map = Array(UnsafeBufferPointer(start: t.data + start, count: h * w))
        case 2 where !t.isMeta:
            (h, w) = (t.shape[0], t.shape[1])
            map = t.values
        default:
            write("a heatmap needs a 4-D (N, C, H, W) or 2-D tensor; \(target) is \(formatShape(t.shape))"); return
        }
        write(Heatmap(terminal: terminal).render(map, height: h, width: w, title: "\(target)[\(n), \(c)]  \(h)×\(w)"))
    }

    /// "y [0, :4]" → ("y", "[0, :4]"); "y out.npy" → ("y", "out.npy")
    func splitTarget(_ args: String) -> (String, String) {
        let target = String(args.prefix { !$0.isWhitespace && $0 != "[" })
        return (target, args.dropFirst(target.count).trimmingCharacters(in: .whitespaces))
    }

    /// A variable, a module path in the last run, or a global module's output in the last run.
    func resolveTensor(_ name: String) throws -> Tensor {
        if let gradient = try resolveGradient(name) { return gradient }
        if let value = interpreter.global(name) {
            if let t = value.asTensor { return t }
            if let m = value.asModule, let out = recorder.output(at: m.path) { return out }
            if value.asModule != nil { throw InspectionError("\(name) is a block; run it first (y = \(name)(x)), then inspect its output or a path inside it") }
            throw InspectionError("\(name) is a \(value.typeName), not a tensor")
        }
        if let out = recorder.output(at: name) { return out }
        if knownPaths().contains(name) {
            if pausedAt != nil || pausedBackwardAt != nil {
                // The recorder holds this pass's outputs only: the module is running, or still ahead.
                if whereTracker.stack.contains(where: { $0.path == name }), pausedAt?.path != name {
                    throw InspectionError("\(name) is running now (the pause is inside it), so it has no output yet: :out runs it to its end, then :\(inspectingCommand) \(name) shows it")
                }
                throw InspectionError("\(name) has not run yet in this pass: :over (or :continue to a breakpoint after it) runs it, then :\(inspectingCommand) \(name) shows its output")
            }
            if recorder.capNotice != nil {
                throw InspectionError("\(name) ran, but its output was not kept: the trace recorder's memory cap was reached earlier in the run (:break \(name) pauses there, where it can be inspected; a smaller batch or input keeps every output)")
            }
        }
        var message = "no tensor named '\(name)': name a variable"
        let tensors = interpreter.globalNames.filter { interpreter.global($0)?.asTensor != nil }
        if !tensors.isEmpty { message += " (\(tensors.prefix(6).joined(separator: ", ")))" }
        message += recorder.entries.isEmpty ? ", or run a block so its module outputs are kept"
                                            : " or a module path of the last run (e.g. \(recorder.entries.first!.path))"
        if let guess = CommandSuggestion.closest(to: name, among: tensors + recorder.entries.map(\.path)) { message += ". Did you mean \(guess)?" }
        throw InspectionError(message)
    }
}

struct InspectionError: Error, CustomStringConvertible {
    let description: String
    init(_ text: String) { description = text }
}
