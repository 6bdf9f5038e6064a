import Foundation

/// Where a script or lesson may write (`save`, `save_weights`, `save_feature_grid`, the
/// REPL's `:save`). A lesson file is code from someone else — a teacher's pack, a
/// classmate's exercise — so its writes stay under the working directory, the lesson's own
/// folder and the lessons folder; `INCEPTION_ALLOW_WRITES=DIR[:DIR…]` or `--allow-writes
/// DIR` adds folders. Symbolic links and special files (devices, pipes) are never written
/// through: the file is replaced only when it is a regular file.
public enum WritePolicy {
    public static let environmentVariable = "INCEPTION_ALLOW_WRITES"

    nonisolated(unsafe) public static var extraDirectories: [String] =
        (ProcessInfo.processInfo.environment[environmentVariable] ?? "").split(separator: ":").map(String.init)
    /// The lessons folder of the REPL or of `inception run`, when there is one.
    nonisolated(unsafe) public static var lessonsDirectory: String?

    /// When set, every write is refused (the interpreter's fuzzer runs this way).
    nonisolated(unsafe) public static var readOnly = false

    public struct Refusal: Error, CustomStringConvertible {
        public let description: String
    }

    /// The path to write, or a refusal naming the allowed places. `base` is the lesson's folder.
    public static func check(_ path: String, base: String?, what: String) throws -> String {
        let target = try allowedPlace(path, base: base, what: what, doing: "write")
        var info = stat()
        if lstat(target, &info) == 0 {
            switch info.st_mode & S_IFMT {
            case S_IFREG: try checkReplacing(target, path: path, what: what)
            case S_IFLNK:
                let destination = (try? FileManager.default.destinationOfSymbolicLink(atPath: target)) ?? "?"
                throw Refusal(description: "\(what): \(path) is a symbolic link (to \(destination)); not writing through it: give the file's own path or another name")
            case S_IFDIR: throw Refusal(description: "\(what): \(path) is a folder; give a file name")
            default: throw Refusal(description: "\(what): \(path) is not a regular file (a device, pipe or socket); give another file name")
            }
        }
        written.insert(target)      // the caller writes it now
        return target
    }

    /// The path of a regular file to delete (`os.remove`): in the places writes may go, and one
    /// this process wrote or of a kind it writes (by its name's extension and first bytes).
    public static func checkRemoving(_ path: String, base: String?, what: String) throws -> String {
        let target = try allowedPlace(path, base: base, what: what, doing: "remove")
        if written.contains(target) { return target }
        let ext = (target as NSString).pathExtension.lowercased()
        let kind: FileKind = ["npy": .npy, "png": .png, "safetensors": .safetensors, "jpg": .jpeg, "jpeg": .jpeg][ext] ?? .checkpoint
        guard holds(kind, at: target) else {
            throw Refusal(description: "\(what): refusing to remove \(path): it is not a file this program wrote or could have written (it would be lost)")
        }
        return target
    }

    /// The resolved path, when it lies under the working directory, the lesson's folder, the
    /// lessons folder or an allowed folder; else a refusal naming them.
    private static func allowedPlace(_ path: String, base: String?, what: String, doing: String) throws -> String {
        if readOnly { throw Refusal(description: "\(what): refusing to \(doing) \(path): writing is switched off") }
        let cwd = FileManager.default.currentDirectoryPath
        let absolute = path.hasPrefix("/") ? path : ((base ?? cwd) as NSString).appendingPathComponent(path)
        let standard = (absolute as NSString).standardizingPath
        // The folder it goes into, with its links resolved: a link inside the working
        // directory must not lead outside it.
        let folder = realPath((standard as NSString).deletingLastPathComponent)
        let target = (folder as NSString).appendingPathComponent((standard as NSString).lastPathComponent)
        var named: [(String, String)] = [("the working directory", cwd)]
        if let base { named.append(("the lesson's folder", base)) }
        if let lessonsDirectory { named.append(("the lessons folder", lessonsDirectory)) }
        named += extraDirectories.map { ("an allowed folder", $0) }
        let allowed = named.map { realPath(($0.1 as NSString).standardizingPath) }
        guard allowed.contains(where: { target == $0 || target.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }) else {
            var places: [String] = []
            for (label, dir) in named where !places.contains(where: { $0.hasSuffix("(\(dir))") }) { places.append("\(label) (\(dir))") }
            throw Refusal(description: "\(what): refusing to \(doing) \(path): scripts and lessons may write only under "
                          + places.joined(separator: ", ") + "; to allow another folder, set \(environmentVariable)=/that/folder or pass --allow-writes /that/folder")
        }
        return target
    }

    /// Files this process has written (their resolved paths): replaced again without a word.
    nonisolated(unsafe) static var written: Set<String> = []
    /// A file this process wrote and then removed is no longer its own.
    static func forget(_ target: String) { written.remove(target) }
    /// Where "replacing …" notes go (standard error unless a REPL or test routes them).
    nonisolated(unsafe) public static var notice: (String) -> Void = {
        FileHandle.standardError.write(Data(("note: " + $0 + "\n").utf8))
    }

    /// An existing regular file is replaced only when it is of the kind the program writes
    /// under that name (a .npy, safetensors or PNG file, or under another name a checkpoint of
    /// torch.save's), and then with a note unless this
    /// run wrote it; anything else (notes.npy that is really text, a photo named x.png that is
    /// a JPEG) would be lost, so it is refused.
    static func checkReplacing(_ target: String, path: String, what: String) throws {
        if written.contains(target) { return }
        let ext = (target as NSString).pathExtension.lowercased()
        let ours: Bool
        switch ext {
        case "npy": ours = holds(.npy, at: target)
        case "png": ours = holds(.png, at: target)
        case "safetensors": ours = holds(.safetensors, at: target)
        // under any other name, only a checkpoint torch.save wrote (its header opens with the key)
        default: ours = holds(.checkpoint, at: target)
        }
        guard ours else {
            throw Refusal(description: "\(what): \(path) already exists and is not a .\(ext) file this program could have written; not replacing it (it would be lost): move it or choose another name")
        }
        notice("\(what): replacing the existing file \(path)")
    }

    /// The kinds of file this program writes, told apart by their first bytes.
    public enum FileKind: Sendable {
        case npy, png, jpeg, safetensors
        /// A safetensors file torch.save wrote (its header opens with the checkpoint key).
        case checkpoint

        /// "a .npy", "a PNG", … for messages.
        public var name: String {
            switch self {
            case .npy: return "a .npy"
            case .png: return "a PNG"
            case .jpeg: return "a JPEG"
            case .safetensors: return "a safetensors"
            case .checkpoint: return "a checkpoint"
            }
        }
    }

    /// Whether the file at `path` is of `kind` (false when it cannot be read).
    public static func holds(_ kind: FileKind, at path: String) -> Bool {
        var head: [UInt8] = []
        if let h = FileHandle(forReadingAtPath: path) { head = [UInt8](h.readData(ofLength: 64)); try? h.close() }
        switch kind {
        case .npy: return head.starts(with: [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59])
        case .png: return head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        case .jpeg: return head.starts(with: [0xFF, 0xD8, 0xFF])
        case .safetensors: return head.count > 8 && head[8] == UInt8(ascii: "{")
        case .checkpoint: return head.count > 8 && String(decoding: head[8...], as: UTF8.self).hasPrefix("{\"__metadata__\":{\"inception.checkpoint\"")
        }
    }

    private static func realPath(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
