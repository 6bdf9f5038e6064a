import Foundation

/// The 1000 ImageNet-1k class names in torchvision's order (index 0 "tench" … 999 "toilet
/// tissue"), as `GoogLeNet_Weights.IMAGENET1K_V1.meta["categories"]` lists them. Shipped as
/// Sources/InceptionImaging/Resources/imagenet_classes.txt, one name a line; two names occur
/// twice in ImageNet itself ("crane" 134 and 517, "maillot" 638 and 639).
public enum ImageNetClasses {
    public static let fileName = "imagenet_classes.txt"

    /// The names, read once. Throws when the file cannot be found or is not 1000 lines.
    public static func names() throws -> [String] {
        try cache.get()
    }

    /// The name of class `index`, or nil outside 0..<1000 or when the file is missing.
    public static func name(_ index: Int) -> String? {
        guard let all = try? names(), all.indices.contains(index) else { return nil }
        return all[index]
    }

    /// Parses the file's text: one name a line, exactly 1000 of them.
    public static func parse(_ text: String, source: String) throws -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        if lines.last == "" { lines.removeLast() }
        guard lines.count == 1000, !lines.contains("") else {
            throw ImageError(file: source, "holds \(lines.count) lines; ImageNet class names need exactly 1000 non-empty lines")
        }
        return lines
    }

    /// Where the file may be: in the resource bundle SwiftPM puts beside the executable (or the
    /// test runner), then in this source tree.
    static func candidates() -> [String] {
        var out: [String] = []
        let executable = (Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments.first ?? ""))
            .resolvingSymlinksInPath().deletingLastPathComponent()
        for folder in [executable, Bundle.main.bundleURL] {
            for bundle in ["inception_InceptionImaging.resources", "inception_InceptionImaging.bundle",
                           "inception_InceptionImaging.bundle/Contents/Resources"] {
                out.append(folder.appendingPathComponent(bundle).appendingPathComponent(fileName).path)
            }
        }
        out.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Resources").appendingPathComponent(fileName).path)
        return out
    }

    static func load() throws -> [String] {
        let places = candidates()
        guard let path = places.first(where: { FileManager.default.isReadableFile(atPath: $0) }) else {
            throw ImageError(file: fileName, "not found beside the program or in the source tree (looked in \(places.last!)): class indices are shown instead of names")
        }
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return try parse(text, source: path)
    }

    private static let cache = LoadOnce(load)
}

/// A value computed on first use and kept (errors are kept too), safe across threads.
final class LoadOnce<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var result: Result<Value, Error>?
    private let body: @Sendable () throws -> Value

    init(_ body: @escaping @Sendable () throws -> Value) { self.body = body }

    func get() throws -> Value {
        lock.lock(); defer { lock.unlock() }
        if result == nil { result = Result { try body() } }
        return try result!.get()
    }
}
