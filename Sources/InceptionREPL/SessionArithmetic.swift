import Foundation
import InceptionLanguage
import InceptionModel
import InceptionRuntime

/// :params, :summary, :savings, :diagram — the arithmetic of a module tree, never typed in.
extension Session {
    /// The module at a path: a global block by name, a path inside one, or inside the seed reference.
    func resolveModule(_ path: String) -> Module? {
        if let m = interpreter.global(path)?.asModule { return m }
        let parts = path.split(separator: ".", maxSplits: 1).map(String.init)
        if parts.count == 2, let root = interpreter.global(parts[0])?.asModule, let m = root.module(at: parts[1]) { return m }
        for m in allModules() { if let found = m.module(at: path) { return found } }
        return (try? referenceModel())?.module(at: path)
    }

    func referenceModel() throws -> Module {
        if let cached = cachedReference { return cached }
        let m = try Interpreter.seedReference()
        cachedReference = m
        return m
    }

    func params(_ path: String) {
        guard !path.isEmpty else { write("usage: :params PATH (e.g. :params inception3a)"); return }
        guard let module = resolveModule(path) else { write("no module at '\(path)'"); return }
        var total = 0
        for (sub, m) in module.namedModules() where m.ownParameterCount > 0 {
            let name = [module.path.isEmpty ? path : module.path, sub].filter { !$0.isEmpty }.joined(separator: ".")
            write("  \(name)  \(m.typeName)  " + (m.parameterFormula?.description ?? formatCount(m.ownParameterCount)))
            total += m.ownParameterCount
        }
        write("total \(formatCount(total)) parameters in \(path)")
    }

    /// `:summary`, `:summary net`, `:summary net 1,3,224,224`
    func summary(_ words: [String]) {
        do {
            var model: Module = try referenceModel()
            var input = [2, 3, 224, 224]
            for w in words {
                if w.contains(",") {
                    let dims = w.split(separator: ",").compactMap { Int($0) }
                    guard dims.count == 4, dims.allSatisfy({ $0 > 0 }) else { write("the input shape is N,C,H,W (four numbers ≥ 1), e.g. 1,3,224,224"); return }
                    try MemoryBudget.check(shape: dims, what: "the :summary input")
                    input = dims
                } else if let m = resolveModule(w) { model = m } else { write("no module named '\(w)'"); return }
            }
            let summary = try TorchinfoSummary(model: model, input: input, mode: training ? .train : .eval, depth: 3, columns: TorchinfoColumn.defaults)
            write(summary.renderTable(formulas: false))
        } catch { write("\(error)") }
    }

    func savings(_ module: String) {
        do {
            let result = try ReductionSavings.rows(for: try referenceModel(), inputShape: [1, 3, 224, 224], module: module.isEmpty ? nil : module)
            write(result.render(formulas: !module.isEmpty))
        } catch { write("\(error)") }
    }

    /// The four branches of an Inception module, side by side, each a column of boxes.
    func diagram(_ path: String) {
        guard let module = resolveModule(path.isEmpty ? "inception3a" : path) else { write("no module at '\(path)'"); return }
        guard module.children.count >= 2 else { write("\(path) has no parallel branches to draw; try an Inception module such as inception3a"); return }
        let inputChannels = firstConv(module)?.inChannels
        var columns: [[String]] = []
        var outChannels: [Int] = []
        for (name, branch) in module.children {
            var boxes: [String] = []
            var channels = inputChannels ?? 0
            for (_, leaf) in branch.namedModules() where leaf.isLeaf {
                if let conv = leaf as? Conv2d {
                    let k = conv.window.kernel.h
                    boxes.append("conv \(k)×\(k)" + (conv.window.padding.h > 0 ? " p\(conv.window.padding.h)" : "") + " → \(conv.outChannels)")
                    channels = conv.outChannels
                } else if let pool = leaf as? MaxPool2d {
                    boxes.append("maxpool \(pool.window.kernel.h)×\(pool.window.kernel.h)/\(pool.window.stride.h)")
                }
            }
            columns.append([name] + boxes)
            outChannels.append(channels)
        }
        let width = max(16, (columns.flatMap { $0 }.map(\.count).max() ?? 10) + 6)
        func center(_ s: String, _ w: Int) -> String {
            let pad = max(0, w - s.count)
            return String(repeating: " ", count: pad / 2) + s + String(repeating: " ", count: pad - pad / 2)
        }
        let u = terminal.unicode
        let (tl, tr, bl, br, h, v) = u ? ("┌", "┐", "└", "┘", "─", "│") : ("+", "+", "+", "+", "-", "|")
        var lines = [center("input: \(inputChannels.map(String.init) ?? "?") channels  (\(path.isEmpty ? "inception3a" : path))", (width + 1) * columns.count)]
        lines.append(columns.map { _ in center(u ? "↓" : "v", width) }.joined(separator: " "))
        let depth = columns.map(\.count).max() ?? 0
        for row in 0..<depth {
            let cells = columns.map { $0.count > row ? $0[row] : nil }
            if row == 0 {
                lines.append(cells.map { center($0 ?? "", width) }.joined(separator: " "))
                continue
            }
            lines.append(cells.map { $0 == nil ? String(repeating: " ", count: width) : " " + tl + String(repeating: h, count: width - 4) + tr + " " }.joined(separator: " "))
            lines.append(cells.map { $0 == nil ? String(repeating: " ", count: width) : " " + v + center($0!, width - 4) + v + " " }.joined(separator: " "))
            lines.append(cells.map { $0 == nil ? String(repeating: " ", count: width) : " " + bl + String(repeating: h, count: width - 4) + br + " " }.joined(separator: " "))
        }
        lines.append(outChannels.map { center("\(u ? "↓" : "v") \($0)", width) }.joined(separator: " "))
        let total = outChannels.reduce(0, +)
        lines.append(center("concatenate on channels: " + outChannels.map(String.init).joined(separator: " + ") + " = \(total)", (width + 1) * columns.count))
        write(lines.map { $0.trimmingTrailingSpaces() }.joined(separator: "\n"))
    }

    func firstConv(_ m: Module) -> Conv2d? { m.namedModules().lazy.compactMap { $0.module as? Conv2d }.first }

    /// `:rf [PATH] [SIZE]`: what the output of a module of the seed network can see.
    func receptiveField(_ args: String) {
        let words = args.split(separator: " ").map(String.init)
        var size = 224
        if let last = words.last, let n = Int(last) { size = n }
        let path = words.first.flatMap { Int($0) == nil ? $0 : nil } ?? ""
        guard size >= 1, size <= 4096 else { write("usage: :rf [PATH] [SIZE]  (SIZE is the input's height, 1…4096; default 224)"); return }
        let model: Module
        do { model = try referenceModel() } catch { write("\(error)"); return }
        let input = [1, 3, size, size]
        guard !path.isEmpty else { write(ReceptiveField(model: model, input: input).render()); return }
        guard let state = ReceptiveField.at(path, in: model, input: input) else {
            var message = "no module '\(path)' in the seed network"
            let known = model.namedModules().map(\.path).filter { !$0.isEmpty }
            if let guess = CommandSuggestion.closest(to: path, among: known) { message += ". Did you mean \(guess)?" }
            write(message); return
        }
        let fits = state.field <= size ? "" : " (more than the \(size)-pixel image: the padding counts)"
        write("\(path): each output value sees \(state.field)×\(state.field) input pixels\(fits); neighbouring values are \(state.jump) pixels apart (jump); map \(state.size)×\(state.size)")
    }
}
