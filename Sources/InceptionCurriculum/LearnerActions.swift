import Foundation

/// What the REPL's `:hint`, `:solution` and `:reset` do, as decisions it can show:
/// hints come one step at a time; a solution only after an attempt, or when asked twice;
/// a reset asks first and keeps a backup, so the learner's work is never lost.
extension Curriculum {
    // MARK: :hint

    /// The next hint ("Hint 2 of 3: …"), counting in `progress`; after the last one, the last
    /// one again with where to go from there.
    public func nextHint(_ id: String, progress: inout StateStore.Progress) throws -> String {
        let hints = try exercise(id).hints
        guard !hints.isEmpty else { return "No hints for \(id)." }
        let shown = progress.hintsShown[id] ?? 0
        let n = min(shown + 1, hints.count)
        progress.hintsShown[id] = n
        var text = "Hint \(n) of \(hints.count) for \(id): \(hints[n - 1])"
        if shown >= hints.count { text += "\n(That was the last hint. :solution \(id) shows the solution.)" }
        return text
    }

    // MARK: :solution

    public enum SolutionAccess: Equatable, Sendable {
        /// The solution's text, with where it lives.
        case show(String)
        /// Not tried yet and asked for the first time: ask again to see it.
        case confirmFirst(String)
    }

    /// A solution is shown after an attempt (the file changed, or a check ran on a changed
    /// file), or when the learner asks again (`askedBefore`) to confirm.
    public func requestSolution(_ id: String, progress: StateStore.Progress, askedBefore: Bool) throws -> SolutionAccess {
        let e = try exercise(id)
        let attempted = progress.attempted.contains(id) || !isUntouched(e)
        if attempted || askedBefore {
            return .show("Solution of \(id) (\(display(sibling(e.file, folder: "solutions")))):\n" + (try solution(id)))
        }
        return .confirmFirst("You have not tried \(id) yet: edit \(display(e.file)), then :check \(id). "
                             + "Ask :solution \(id) again to see the solution anyway.")
    }

    // MARK: :reset

    public enum ResetOutcome: Equatable, Sendable {
        /// Nothing changed: the question to confirm.
        case confirmFirst(String)
        /// Nothing to do: the file is still the starter.
        case alreadyStarter(String)
        /// The file is the starter again; the learner's version is at `backup`.
        case reset(backup: String)
    }

    /// Puts the starter back. Without `confirmed` nothing changes (the answer is the question
    /// to ask); with it, the learner's file is first copied to Lessons/backups/, under a name
    /// that never replaces an earlier backup.
    public func reset(_ id: String, confirmed: Bool, now: Date = Date()) throws -> ResetOutcome {
        let e = try exercise(id)
        let file = learnerFile(e), starter = starterFile(e)
        guard let starterText = read(starter) else {
            throw CurriculumError("the starter of \(id) is missing: \(display(sibling(e.file, folder: "starters")))")
        }
        if let text = read(file), LearnerSource.isUntouched(text, starter: starterText) {
            return .alreadyStarter("\(display(e.file)) is already the starter; nothing to reset")
        }
        guard confirmed else {
            return .confirmFirst("Reset \(id)? \(display(e.file)) goes back to the starter; your version is kept in \(display("backups/")). Confirm to reset.")
        }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: file, isDirectory: &isFolder), isFolder.boolValue {
            throw CurriculumError("could not reset \(id): \(display(e.file)) is a folder, not a file — move it away, then :reset \(id) again; nothing was changed")
        }
        // The backup first; the learner's file is replaced only once it is safely kept.
        var backup = ""
        if FileManager.default.fileExists(atPath: file) {
            backup = try backupPath(for: e, now: now)
            do { try FileManager.default.copyItem(atPath: file, toPath: backup) } catch {
                throw resetFailure(id, error, at: relative(backup), folder: "backups")
            }
        }
        do { try Data(starterText.utf8).write(to: URL(fileURLWithPath: file), options: .atomic) } catch {
            if !backup.isEmpty { try? FileManager.default.removeItem(atPath: backup) }     // nothing changed: no stray copy
            throw resetFailure(id, error, at: e.file, folder: (e.file as NSString).deletingLastPathComponent)
        }
        return .reset(backup: backup)
    }

    /// "could not reset stem: Lessons/backups/…: permission denied — make Lessons/backups writable
    /// (chmod u+w Lessons/backups), then :reset stem again; nothing was changed"
    func resetFailure(_ id: String, _ error: Error, at relativePath: String, folder: String) -> CurriculumError {
        CurriculumError("could not reset \(id): \(FileProblem.describe(error, path: display(relativePath))) — make \(display(folder)) writable "
                        + "(chmod u+w \(display(folder))), then :reset \(id) again; nothing was changed")
    }

    /// A path under the lessons folder, relative to it.
    func relative(_ absolute: String) -> String {
        absolute.hasPrefix(directory + "/") ? String(absolute.dropFirst(directory.count + 1)) : absolute
    }

    /// backups/02-basic-conv2d-20250101-120000.inc, with -2, -3, … when that name is taken.
    func backupPath(for e: Manifest.Exercise, now: Date) throws -> String {
        let dir = path("backups")
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: dir, isDirectory: &isFolder), !isFolder.boolValue {
            throw CurriculumError("could not reset \(e.id): \(display("backups")) is a file, and your version is kept in that folder before the reset — "
                                  + "move or rename the file, then :reset \(e.id) again; nothing was changed")
        }
        do { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) } catch {
            throw resetFailure(e.id, error, at: "backups", folder: ".")
        }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        let base = URL(fileURLWithPath: e.file).deletingPathExtension().lastPathComponent + "-" + formatter.string(from: now)
        var candidate = dir + "/" + base + ".inc"
        var n = 2
        while FileManager.default.fileExists(atPath: candidate) {
            candidate = dir + "/" + base + "-\(n).inc"
            n += 1
        }
        return candidate
    }
}
