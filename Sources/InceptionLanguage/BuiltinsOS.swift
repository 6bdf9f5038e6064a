import Foundation

/// `import os`: os.path's string functions as posixpath computes them (join, basename, dirname,
/// split, splitext) and its tests of the file system (exists, isfile, isdir; a relative path
/// from the lesson's or script's folder, where torch.save writes); os.makedirs
/// (exist_ok), os.listdir (sorted), os.getcwd, os.sep, os.environ (a copy), and os.remove /
/// os.unlink of the files a program may replace (WritePolicy: the ones it wrote, or of its kinds).
extension Interpreter {
    func osNamespace() -> Namespace {
        func text(_ a: BoundArguments, _ name: String) throws -> String { try a.string(name) }
        // a relative path names the place torch.save and torch.load use: the lesson's or script's folder
        func place(_ i: Interpreter, _ a: BoundArguments, _ name: String) throws -> String { i.resolve(try a.string(name)) }
        let path = Namespace("os.path", [
            "join": .builtin(Builtin("join") { _, a in
                var out = ""
                for (i, part) in a.positional.enumerated() {
                    guard case .string(let p) = part else { throw LanguageFailure("join() argument must be str, not '\(part.typeName)'", as: .typeError) }
                    if i == 0 || p.hasPrefix("/") { out = p } else if out.isEmpty || out.hasSuffix("/") { out += p } else { out += "/" + p }
                }
                return .string(out)
            }),
            "basename": Self.builtin(Signature("basename", [("p", nil)])) { _, a in .string(Self.splitPath(try text(a, "p")).tail) },
            "dirname": Self.builtin(Signature("dirname", [("p", nil)])) { _, a in .string(Self.splitPath(try text(a, "p")).head) },
            "split": Self.builtin(Signature("split", [("p", nil)])) { _, a in
                let (head, tail) = Self.splitPath(try text(a, "p"))
                return .tuple([.string(head), .string(tail)])
            },
            "splitext": Self.builtin(Signature("splitext", [("p", nil)])) { _, a in
                let p = try text(a, "p"), chars = Array(p)
                let sep = chars.lastIndex(of: "/") ?? -1, dot = chars.lastIndex(of: ".") ?? -1
                // a dot that starts the name (".bashrc") is not an extension
                if dot > sep, chars[(sep + 1)..<dot].contains(where: { $0 != "." }) {
                    return .tuple([.string(String(chars[..<dot])), .string(String(chars[dot...]))])
                }
                return .tuple([.string(p), .string("")])
            },
            "exists": Self.builtin(Signature("exists", [("path", nil)])) { i, a in .bool(FileManager.default.fileExists(atPath: try place(i, a, "path"))) },
            "isfile": Self.builtin(Signature("isfile", [("path", nil)])) { i, a in
                var directory: ObjCBool = false
                return .bool(FileManager.default.fileExists(atPath: try place(i, a, "path"), isDirectory: &directory) && !directory.boolValue)
            },
            "isdir": Self.builtin(Signature("isdir", [("s", nil)])) { i, a in
                var directory: ObjCBool = false
                return .bool(FileManager.default.fileExists(atPath: try place(i, a, "s"), isDirectory: &directory) && directory.boolValue)
            },
            "sep": .string("/"),
        ])
        return Namespace("os", [
            "path": .namespace(path),
            "sep": .string("/"),
            "getcwd": Self.builtin(Signature("getcwd")) { _, _ in .string(FileManager.default.currentDirectoryPath) },
            "makedirs": Self.builtin(Signature("makedirs", [("name", nil), ("mode", .int(0o777)), ("exist_ok", .bool(false))])) { i, a in
                let name = try text(a, "name"), full = try place(i, a, "name")
                var directory: ObjCBool = false
                if FileManager.default.fileExists(atPath: full, isDirectory: &directory) {
                    guard try a.bool("exist_ok"), directory.boolValue else { throw LanguageFailure("FileExistsError: [Errno 17] File exists: '\(name)'") }
                    return .none
                }
                do { try FileManager.default.createDirectory(atPath: full, withIntermediateDirectories: true) } catch {
                    throw LanguageFailure("could not make the folder '\(name)': \(error.localizedDescription)")
                }
                return .none
            },
            "listdir": Self.builtin(Signature("listdir", [("path", .string("."))])) { i, a in
                let name = try text(a, "path")
                guard let names = try? FileManager.default.contentsOfDirectory(atPath: try place(i, a, "path")) else {
                    throw LanguageFailure("FileNotFoundError: [Errno 2] No such file or directory: '\(name)'")
                }
                return .list(ListStorage(names.sorted().map { .string($0) }))
            },
            "remove": Self.builtin(Signature("remove", [("path", nil)])) { interpreter, a in
                try interpreter.removeFile(try text(a, "path")); return .none
            },
            "unlink": Self.builtin(Signature("unlink", [("path", nil)])) { interpreter, a in
                try interpreter.removeFile(try text(a, "path")); return .none
            },
            "environ": .dict(DictStorage(ProcessInfo.processInfo.environment.sorted { $0.key < $1.key }.map { (Value.string($0.key), Value.string($0.value)) })),
        ])
    }

    /// posixpath.split: the part after the last '/', and the part before it (its trailing slashes
    /// dropped unless it is all slashes).
    static func splitPath(_ p: String) -> (head: String, tail: String) {
        guard let slash = p.lastIndex(of: "/") else { return ("", p) }
        var head = String(p[...slash])
        let tail = String(p[p.index(after: slash)...])
        if head.contains(where: { $0 != "/" }) { while head.hasSuffix("/") { head.removeLast() } }
        return (head, tail)
    }
}

extension Interpreter {
    /// os.remove / os.unlink: Python's errors for a missing path or a folder; otherwise only a
    /// file this program wrote, or of a kind it writes, in the places it may write (WritePolicy).
    func removeFile(_ name: String) throws {
        let full = resolve(name)
        var info = stat()
        guard lstat(full, &info) == 0 else { throw LanguageFailure("FileNotFoundError: [Errno 2] No such file or directory: \(Value.string(name).repr)") }
        if info.st_mode & S_IFMT == S_IFDIR { throw LanguageFailure("IsADirectoryError: [Errno 21] Is a directory: \(Value.string(name).repr)") }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw LanguageFailure("os.remove(): refusing to remove \(name): it is not a regular file (a link, device, pipe or socket)")
        }
        let target = try WritePolicy.checkRemoving(name, base: baseDirectory, what: "os.remove()")
        do { try FileManager.default.removeItem(atPath: target) } catch {
            throw LanguageFailure("PermissionError: [Errno 13] Permission denied: \(Value.string(name).repr)")
        }
        WritePolicy.forget(target)
    }
}
