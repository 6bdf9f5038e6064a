import Foundation

/// Where the Lessons folder is. For the command line, in this order: `--lessons DIR`, then
/// `$INCEPTION_LESSONS`, then a `Lessons/` found walking up from the current directory, then
/// one found walking up from the executable (…/.build/debug/inception → the package root).
public enum CurriculumLocator {
    public static let manifestName = "manifest.json"
    public static let environmentVariable = "INCEPTION_LESSONS"

    public static func find(explicit: String? = nil,
                            environment: [String: String] = ProcessInfo.processInfo.environment,
                            currentDirectory: String = FileManager.default.currentDirectoryPath,
                            executable: String? = CommandLine.arguments.first) throws -> String {
        if let explicit {
            guard hasManifest(explicit) else {
                throw CurriculumError("--lessons \(explicit): no \(manifestName) there; give the Lessons folder of the inception package")
            }
            return explicit
        }
        if let env = environment[environmentVariable], !env.isEmpty {
            guard hasManifest(env) else {
                throw CurriculumError("$\(environmentVariable)=\(env): no \(manifestName) there; point it at the Lessons folder")
            }
            return env
        }
        if let found = walkUp(from: currentDirectory) { return found }
        if let executable {
            let resolved = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent().path
            if let found = walkUp(from: resolved) { return found }
        }
        throw CurriculumError("cannot find the Lessons folder: run inside the inception package, or give --lessons DIR (or set $\(environmentVariable))")
    }

    /// The Lessons folder a file lies in: the nearest folder upwards holding a manifest.json.
    public static func enclosing(_ file: String) -> String? {
        var dir = URL(fileURLWithPath: file).standardizedFileURL.deletingLastPathComponent()
        while true {
            if hasManifest(dir.path) { return dir.path }
            let parent = dir.deletingLastPathComponent()
            if parent.path == dir.path { return nil }
            dir = parent
        }
    }

    /// A folder that is a Lessons folder, or holds one, from `start` up to the root.
    static func walkUp(from start: String) -> String? {
        var dir = URL(fileURLWithPath: start).standardizedFileURL
        while true {
            if dir.lastPathComponent == "Lessons", hasManifest(dir.path) { return dir.path }
            let lessons = dir.appendingPathComponent("Lessons")
            if hasManifest(lessons.path) { return lessons.path }
            let parent = dir.deletingLastPathComponent()
            if parent.path == dir.path { return nil }
            dir = parent
        }
    }

    static func hasManifest(_ dir: String) -> Bool {
        FileManager.default.fileExists(atPath: URL(fileURLWithPath: dir).appendingPathComponent(manifestName).path)
    }
}
