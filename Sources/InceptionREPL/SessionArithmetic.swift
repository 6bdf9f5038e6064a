import Foundation
import InceptionLanguage
import InceptionNetworkBuiltins
import InceptionModel
import InceptionRuntime

/// :params, :summary, :savings, :rf — the arithmetic of a module tree, never typed in.
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

    /// `:rf [PATH] [SIZE]`: what the output of a module of the seed network can see.
    func receptiveField(_ args: String) {
        let words = args.split(separator: " ").map(String.init)
        // At most a path and then a size: anything else is a typo, not something to drop.
        let pathWords = words.filter { Int($0) == nil }
        guard pathWords.count <= 1, words.count <= 2, words.count < 2 || Int(words[1]) != nil else {
            write("usage: :rf [PATH] [SIZE]  (e.g. :rf inception4a 160; SIZE is a whole number, the input's height)"); return
        }
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
