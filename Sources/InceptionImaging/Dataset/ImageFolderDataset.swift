import Foundation
import InceptionRuntime

/// Your own pictures in torchvision's ImageFolder layout:
///
///     DIR/train/<class>/*.png|jpg|jpeg
///     DIR/val/<class>/*.png|jpg|jpeg
///
/// The classes are train/'s subfolder names, sorted by code point as Python's `sorted` does,
/// so label i means the same class here as in torchvision's `ImageFolder(DIR/train)`. val/ must
/// use those classes (it may lack some). Within a class, files are sorted the same way, and
/// subfolders of a class folder are searched too; other files (a README, .DS_Store) are
/// skipped, as torchvision skips them. Images are read only when a sample is asked for, so a
/// file that is not a readable PNG or JPEG is reported then, by `sample`.
///
/// A folder that cannot be a data set is refused with one line naming the folder or file.
public struct ImageFolderDataset: Sendable {
    public static let imageExtensions: Set<String> = ["png", "jpg", "jpeg"]

    public let directory: String
    public let classNames: [String]
    /// Each split's files in order, with their labels.
    let files: [DatasetSplit: [(path: String, label: Int)]]

    public init(directory: String) throws {
        let root = directory.count > 1 && directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        self.directory = root
        guard Self.isDirectory(root) else {
            throw FileError(file: root, Self.exists(root) ? "not a folder: give a folder holding train/<class>/ and val/<class>/ (torchvision's ImageFolder layout)"
                                                        : "no such folder: give a folder holding train/<class>/ and val/<class>/ (torchvision's ImageFolder layout)")
        }
        for split in DatasetSplit.allCases {
            let path = root + "/" + split.rawValue
            guard Self.isDirectory(path) else {
                throw FileError(file: path, "no such folder: a data set needs train/<class>/ and val/<class>/ folders of PNG or JPEG images (torchvision's ImageFolder layout)")
            }
        }
        let trainRoot = root + "/train"
        let classes = try Self.classFolders(trainRoot)
        guard !classes.isEmpty else {
            throw FileError(file: trainRoot, "no class folders: put each class's images in a folder of its own, \(trainRoot)/<class>/")
        }
        guard classes.count >= 2 else {
            throw FileError(file: trainRoot, "only one class folder (\(classes[0])): a classifier needs at least two classes")
        }
        var files: [DatasetSplit: [(path: String, label: Int)]] = [:]
        for split in DatasetSplit.allCases {
            let splitRoot = root + "/" + split.rawValue
            let names = split == .train ? classes : try Self.classFolders(splitRoot)
            guard !names.isEmpty else {
                throw FileError(file: splitRoot, "no class folders: put each class's images in a folder of its own, \(splitRoot)/<class>/")
            }
            var list: [(path: String, label: Int)] = []
            for name in names {
                let folder = splitRoot + "/" + name
                guard let label = classes.firstIndex(of: name) else {
                    throw FileError(file: folder, "class '\(name)' has no folder in \(trainRoot): val/ must use train/'s classes")
                }
                let images = try Self.imageFiles(in: folder)
                guard !images.isEmpty else {
                    throw FileError(file: folder, "no PNG or JPEG images in this class folder (files ending .png, .jpg or .jpeg): add some or remove the folder")
                }
                list += images.map { (folder + "/" + $0, label) }
            }
            files[split] = list
        }
        self.classNames = classes
        self.files = files
    }

    public func count(_ split: DatasetSplit) -> Int { files[split]?.count ?? 0 }

    /// The path and label of the i-th image of a split (without reading it).
    public func file(_ split: DatasetSplit, _ index: Int) -> (path: String, label: Int) {
        let list = files[split] ?? []
        precondition(index >= 0 && index < list.count, "ImageFolderDataset: \(split.rawValue) index \(index) out of 0..<\(list.count)")
        return list[index]
    }

    /// The i-th image of a split, read from its file, and its label. A file that is not a
    /// readable PNG or JPEG throws one line naming it.
    public func sample(_ split: DatasetSplit, _ index: Int) throws -> (image: RGBImage, label: Int) {
        let (path, label) = file(split, index)
        do {
            return (try ImageFile.read(path), label)
        } catch let error as FileError {
            throw FileError(file: error.file, Self.oneLine(error.problem))
        }
    }

    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    }

    // MARK: - Listing folders

    /// Python's `sorted` on strings: by Unicode code point, which is UTF-8 byte order.
    static func codePointOrder(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }

    static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    static func contents(_ folder: String) throws -> [String] {
        do { return try FileManager.default.contentsOfDirectory(atPath: folder) } catch {
            throw FileError(file: folder, "the folder cannot be read: check its permissions")
        }
    }

    /// The subfolder names of a split folder (hidden ones skipped), sorted.
    static func classFolders(_ folder: String) throws -> [String] {
        try contents(folder).filter { !$0.hasPrefix(".") && isDirectory(folder + "/" + $0) }.sorted(by: codePointOrder)
    }

    /// The image files under a class folder, as paths relative to it, in torchvision's order:
    /// `for root, _, names in sorted(os.walk(folder)): for name in sorted(names)`.
    static func imageFiles(in folder: String) throws -> [String] {
        var roots: [(root: String, names: [String])] = []
        func walk(_ relative: String, depth: Int) throws {
            guard depth < 32 else { return }   // a link loop
            let path = relative.isEmpty ? folder : folder + "/" + relative
            let entries = try contents(path).filter { !$0.hasPrefix(".") }
            var names: [String] = []
            for name in entries {
                let child = relative.isEmpty ? name : relative + "/" + name
                if isDirectory(folder + "/" + child) {
                    try walk(child, depth: depth + 1)
                } else if imageExtensions.contains((name as NSString).pathExtension.lowercased()) {
                    names.append(child)
                }
            }
            roots.append((relative.isEmpty ? folder : folder + "/" + relative, names.sorted(by: codePointOrder)))
        }
        try walk("", depth: 0)
        return roots.sorted { codePointOrder($0.root, $1.root) }.flatMap(\.names)
    }
}
