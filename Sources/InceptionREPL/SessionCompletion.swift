/// Tab completion: commands at the start of a line, lesson names after :open, module paths
/// and variable names elsewhere (`inception3a.conv3<TAB>` → `inception3a.conv3x3`).
extension Session {
    func completions(line: String, word: String) -> [String] {
        let trimmed = line.drop { $0 == " " }
        if trimmed.hasPrefix(":") && !trimmed.contains(" ") {
            return CommandTable.names.map { ":" + $0 }
        }
        if trimmed.hasPrefix(":open ") {
            return lessonFiles().map(lessonID) + (1...max(1, lessonFiles().count)).map(String.init)
        }
        if trimmed.hasPrefix(":help ") { return CommandTable.names }
        var candidates = interpreter.globalNames
        candidates += knownPaths()
        if trimmed.hasPrefix(":") { candidates += (try? referenceModel())?.namedModules().map(\.path).filter { !$0.isEmpty } ?? [] }
        // Offer the next path segment only, as a shell completes directories.
        var seen = Set<String>()
        return candidates.compactMap { c -> String? in
            guard c.hasPrefix(word) else { return nil }
            let rest = c.dropFirst(word.count)
            let cut = rest.firstIndex(of: ".").map { rest[..<$0] } ?? rest
            let candidate = word + cut + (cut.count < rest.count ? "." : "")
            return seen.insert(candidate).inserted ? candidate : nil
        }.sorted()
    }
}
