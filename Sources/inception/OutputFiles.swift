import Foundation
import InceptionCurriculum
import InceptionLanguage

/// Where a command writes its results, checked before the work starts: a long pass never ends
/// in a raw file error, and a command replaces only a file of the kind it writes (a .npy, a
/// safetensors file, a PNG or JPEG it could have made), never a learner's notes or photos —
/// the rule lesson writes follow (`WritePolicy`).
enum OutputFiles {
    /// A folder to write into: made when missing; refused in one line when a file is in the
    /// way or it cannot be made. `option` names where the path came from ("--output-dir").
    static func prepareFolder(_ dir: String, option: String) throws {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: dir, isDirectory: &isFolder) {
            guard isFolder.boolValue else {
                throw UserError("\(option) \(dir): a file of that name is in the way, not a folder: give a folder's name to \(option)")
            }
        } else {
            do { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) } catch {
                throw UserError("\(option) \(dir): the folder cannot be made: \(obstacle(to: dir) ?? reason(error, path: dir)): give a folder you can write to")
            }
        }
        guard access(dir, W_OK | X_OK) == 0 else {
            throw UserError("\(option) \(dir): the folder is not writable: give a folder you can write to")
        }
    }

    /// A file about to be written: fine when absent or of `kind`; otherwise refused, naming it.
    static func checkReplaceable(_ path: String, kind: WritePolicy.FileKind, option: String) throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return }
        if isFolder.boolValue { throw UserError("\(option) \(path) is a folder: give a file name") }
        guard WritePolicy.holds(kind, at: path) || (kind == .safetensors && WritePolicy.holds(.checkpoint, at: path)) else {
            throw UserError("\(path) already exists and is not \(kind.name) file; not replacing it (it would be lost): move it away or give \(option) another name")
        }
    }

    /// The image kind a file name asks for (ImageFile writes JPEG for .jpg and .jpeg, else PNG).
    static func imageKind(_ path: String) -> WritePolicy.FileKind {
        ["jpg", "jpeg"].contains((path as NSString).pathExtension.lowercased()) ? .jpeg : .png
    }

    /// Why a folder cannot be made, from the nearest part of its path that exists: a file in
    /// the way, or a folder that cannot be written; nil when neither.
    private static func obstacle(to dir: String) -> String? {
        var parent = ((dir as NSString).standardizingPath as NSString).deletingLastPathComponent
        while !parent.isEmpty, parent != "/", !FileManager.default.fileExists(atPath: parent) {
            parent = (parent as NSString).deletingLastPathComponent
        }
        if parent.isEmpty { parent = "." }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: parent, isDirectory: &isFolder) else { return nil }
        if !isFolder.boolValue { return "\(parent) is a file, not a folder" }
        if access(parent, W_OK | X_OK) != 0 { return "\(parent) is not writable" }
        return nil
    }

    /// "permission denied", "read-only file system", … without the path.
    private static func reason(_ error: Error, path: String) -> String {
        let text = FileProblem.describe(error, path: path)
        return text.hasPrefix(path + ": ") ? String(text.dropFirst(path.count + 2)) : text
    }
}
