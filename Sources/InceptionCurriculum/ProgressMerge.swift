import Foundation

/// Two processes may record progress at once: the REPL holds a copy from when it started while
/// `inception check` records a pass in another terminal. Saving merges instead of overwriting:
/// what this process changed since it last read or wrote the file (its `base`) is applied to
/// what the file holds now, so nothing another process recorded meanwhile is lost.
extension StateStore.Progress {
    /// `self`'s changes since `base`, applied to `current` (the file's contents now).
    public func merged(into current: StateStore.Progress, since base: StateStore.Progress) -> StateStore.Progress {
        var result = current
        result.solved = Self.apply(from: base.solved, to: solved, onto: current.solved)
        result.attempted = Self.apply(from: base.attempted, to: attempted, onto: current.attempted)
        result.cells = Self.apply(from: base.cells, to: cells, onto: current.cells)
        result.hintsShown = Self.apply(from: base.hintsShown, to: hintsShown, onto: current.hintsShown)
        if currentLesson != base.currentLesson { result.currentLesson = currentLesson }
        return result
    }

    /// `onto` with the ids added between `from` and `to` appended and the ids removed taken out.
    static func apply(from: [String], to: [String], onto: [String]) -> [String] {
        let removed = Set(from).subtracting(to)
        var out = onto.filter { !removed.contains($0) }
        for id in to where !from.contains(id) && !out.contains(id) { out.append(id) }
        return out
    }

    /// `onto` with every key whose value changed between `from` and `to` set to its new value.
    static func apply(from: [String: Int], to: [String: Int], onto: [String: Int]) -> [String: Int] {
        var out = onto
        for (key, value) in to where from[key] != value { out[key] = value }
        for key in from.keys where to[key] == nil { out[key] = nil }
        return out
    }
}

extension StateStore {
    /// Saves `progress` merged with what the file holds now (see `merged(into:since:)`) and
    /// returns what was written: the caller's new copy, and its next `base`. An unreadable
    /// file is not merged with (loadProgress has kept it aside and said so).
    @discardableResult
    public func save(_ progress: Progress, since base: Progress) throws -> Progress {
        let current = FileManager.default.contents(atPath: progressFile).flatMap { try? JSONDecoder().decode(Progress.self, from: $0) }
        let merged = current.map { progress.merged(into: $0, since: base) } ?? progress
        try save(merged)
        return merged
    }
}
